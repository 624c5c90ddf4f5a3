//! One error type for everything read from `data/`, always naming the file and, when known, the line.

use std::fmt;

/// A problem with a data file: where it is and what is wrong, ready to show to a person.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct DataError {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// JSON path of the offending value, e.g. `$[3].quote`.
    pub path: Option<String>,
    pub message: String,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": ")?;
        if let Some(path) = &self.path {
            write!(f, "{path}: ")?;
        }
        write!(f, "{}", self.message)
    }
}

impl DataError {
    /// An error about a whole file (missing, unreadable).
    pub fn file(file: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            line: None,
            column: None,
            path: None,
            message: message.into(),
        }
    }

    /// A JSON syntax or shape error, with serde's line and column.
    pub fn json(file: impl Into<String>, err: &serde_json::Error) -> Self {
        let message = err.to_string();
        // serde appends " at line L column C"; we print those in front instead.
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m)
            .to_string();
        Self {
            file: file.into(),
            line: (err.line() > 0).then_some(err.line()),
            column: (err.column() > 0).then_some(err.column()),
            path: None,
            message,
        }
    }

    /// A value that parsed but is wrong, located by the line of `needle` in the file's text.
    pub fn at(
        file: impl Into<String>,
        text: &str,
        needle: &Locator<'_>,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            file: file.into(),
            line: needle.line_in(text),
            column: None,
            path: Some(path.into()),
            message: message.into(),
        }
    }
}

/// Finds the line of a record in pretty-printed JSON: the line of `"id": "<id>"`, then optionally
/// the first line of `"<field>"` after it, then optionally of the string `value` after that.
pub struct Locator<'a> {
    pub id: &'a str,
    pub field: Option<&'a str>,
    pub value: Option<&'a str>,
}

impl Locator<'_> {
    /// 1-based line number, or None when the record cannot be found.
    pub fn line_in(&self, text: &str) -> Option<usize> {
        let id_json = serde_json::to_string(self.id).ok()?;
        let start = find_key_value(text, "id", &id_json)?;
        let at = match self.field {
            Some(field) => {
                let key = format!("\"{field}\"");
                text[start..].find(&key).map_or(start, |off| start + off)
            }
            None => start,
        };
        let at = match self.value.and_then(|v| serde_json::to_string(v).ok()) {
            Some(v) => text[at..].find(&v).map_or(at, |off| at + off),
            None => at,
        };
        Some(text[..at].matches('\n').count() + 1)
    }
}

fn find_key_value(text: &str, key: &str, value_json: &str) -> Option<usize> {
    let key = format!("\"{key}\"");
    let mut from = 0;
    while let Some(off) = text[from..].find(&key) {
        let pos = from + off;
        let rest = text[pos + key.len()..].trim_start();
        if let Some(rest) = rest.strip_prefix(':')
            && rest.trim_start().starts_with(value_json)
        {
            return Some(pos);
        }
        from = pos + key.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_errors_carry_line_and_column() {
        let err = serde_json::from_str::<serde_json::Value>("[\n  {\"a\": 1,,}\n]")
            .expect_err("broken json");
        let e = DataError::json("data/events.json", &err);
        assert_eq!(e.line, Some(2));
        assert!(e.to_string().starts_with("data/events.json:2:"), "{e}");
    }

    #[test]
    fn locator_finds_record_and_field_lines() {
        let text = "[\n  {\n    \"id\": \"a\",\n    \"quote\": \"x\"\n  },\n  {\n    \"id\": \"b\",\n    \"title\": \"t\",\n    \"quote\": \"y\"\n  }\n]";
        let loc = Locator {
            id: "b",
            field: Some("quote"),
            value: None,
        };
        assert_eq!(loc.line_in(text), Some(9));
        let loc = Locator {
            id: "a",
            field: None,
            value: None,
        };
        assert_eq!(loc.line_in(text), Some(3));
        let missing = Locator {
            id: "zz",
            field: None,
            value: None,
        };
        let value = Locator {
            id: "b",
            field: Some("title"),
            value: Some("y"),
        };
        assert_eq!(value.line_in(text), Some(9));
        assert_eq!(missing.line_in(text), None);
    }
}
