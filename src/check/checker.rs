//! Collects problems as the rules run, locating each in its file's text.

use std::collections::HashMap;

use crate::model::{Count, DataError, DataSource, Dataset, DateSource, Locator, PartialDate};

/// The problems found so far, and the files' texts (read once) to find their lines in.
pub(super) struct Checker<'a> {
    source: &'a DataSource,
    pub errors: Vec<DataError>,
    texts: HashMap<String, String>,
    article: &'a str,
}

/// A record's dates, for the date rules.
pub(super) struct Dates<'a> {
    pub start: PartialDate,
    pub end: Option<PartialDate>,
    pub source: Option<DateSource>,
    pub note: Option<&'a str>,
}

/// The 1-based line of the first `"key":` in a JSON text.
pub(super) fn key_line(text: &str, key: &str) -> Option<usize> {
    let at = text.find(&format!("\"{key}\""))?;
    Some(text[..at].matches('\n').count() + 1)
}

impl<'a> Checker<'a> {
    pub fn new(ds: &'a Dataset) -> Self {
        Self {
            source: &ds.source,
            errors: Vec::new(),
            texts: HashMap::new(),
            article: &ds.article,
        }
    }

    fn text(&mut self, file: &str) -> &str {
        let source = self.source;
        self.texts.entry(file.to_string()).or_insert_with(|| {
            source
                .read(file)
                .map(|c| c.into_owned())
                .unwrap_or_default()
        })
    }

    /// A problem with the record `id` of `file` (at its `field`, if given).
    pub fn fail(&mut self, file: &str, id: &str, field: Option<&str>, path: String, msg: String) {
        let loc = Locator {
            id,
            field,
            value: None,
        };
        self.fail_at(file, loc, path, msg);
    }

    /// A problem located by a [`Locator`].
    pub fn fail_at(&mut self, file: &str, loc: Locator<'_>, path: String, msg: String) {
        let name = self.source.display_name(file);
        let text = self.text(file).to_string();
        self.errors
            .push(DataError::at(name, &text, &loc, path, msg));
    }

    /// A problem with a top-level field of `file`, located by its key.
    pub fn fail_key(&mut self, file: &str, key: &str, msg: String) {
        let name = self.source.display_name(file);
        let line = key_line(self.text(file), key);
        self.errors.push(DataError {
            line,
            path: Some(format!("$.{key}")),
            ..DataError::file(name, msg)
        });
    }

    /// A quote must be a verbatim sentence of the article.
    pub fn quote(&mut self, file: &str, id: &str, field: &str, path: &str, quote: &str) {
        let msg = if quote.trim().is_empty() {
            "quote is empty".to_string()
        } else if !self.article.contains(quote) {
            format!("not found verbatim in the article: {quote:?}")
        } else {
            return;
        };
        self.fail(file, id, Some(field), format!("{path}.{field}"), msg);
    }

    /// A count must be consistent, and its words must be in its record's quote.
    pub fn count(&mut self, file: &str, id: &str, path: &str, count: &Count, quote: &str) {
        if let Err(msg) = count.validate() {
            self.fail(file, id, Some("people"), format!("{path}.people"), msg);
        }
        if let Some(t) = &count.text
            && !quote.contains(t.as_str())
        {
            let msg = format!("{t:?} is not in the record's quote");
            self.fail(file, id, Some("people"), format!("{path}.people.text"), msg);
        }
    }

    /// An end not before the start; a general-knowledge date says so in a note.
    pub fn dates(&mut self, file: &str, id: &str, path: &str, d: &Dates<'_>) {
        if let Some(end) = d.end
            && end.last_day_number() < d.start.first_day_number()
        {
            let msg = format!("ends ({end}) before it starts ({})", d.start);
            self.fail(file, id, Some("end_date"), format!("{path}.end_date"), msg);
        }
        if d.source == Some(DateSource::GeneralKnowledge) && d.note.is_none_or(str::is_empty) {
            let msg =
                "a general-knowledge date needs a date_note saying it is not from the article";
            self.fail(
                file,
                id,
                Some("date_source"),
                format!("{path}.date_note"),
                msg.into(),
            );
        }
    }

    /// Ids must be unique within a file: records a second use of `id`.
    pub fn unique<'s>(
        &mut self,
        seen: &mut std::collections::HashSet<&'s str>,
        file: &str,
        id: &'s str,
        path: &str,
    ) {
        if !seen.insert(id) {
            self.fail(
                file,
                id,
                None,
                path.to_string(),
                format!("duplicate id {id:?}"),
            );
        }
    }
}
