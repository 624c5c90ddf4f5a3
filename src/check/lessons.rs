//! The tour and the quiz: unique ids, quotes verbatim in the article, and ids that resolve;
//! slides' views in range, answers that exist and make sense. The two share the file, id and
//! quote rules ([`Lesson`]).

use std::collections::HashSet;

use crate::model::{Answer, DataError, Dataset, Highlight, Locator, Quiz, SlideView, Tour};

/// A lesson file being checked: its name and text (for lines), and the problems so far.
struct Lesson<'a> {
    name: &'a str,
    text: &'a str,
    errors: Vec<DataError>,
}

impl Lesson<'_> {
    fn fail(
        &mut self,
        id: &str,
        field: Option<&str>,
        value: Option<&str>,
        path: String,
        msg: String,
    ) {
        let loc = Locator { id, field, value };
        self.errors
            .push(DataError::at(self.name, self.text, &loc, path, msg));
    }

    /// Ids are non-empty and unique (`what`: "slide", "question").
    fn unique<'s>(&mut self, seen: &mut HashSet<&'s str>, what: &str, id: &'s str, path: &str) {
        if id.trim().is_empty() || !seen.insert(id) {
            let msg = format!("{what} id {id:?} is empty or used twice");
            self.fail(id, None, None, path.to_string(), msg);
        }
    }

    /// A quote is a non-empty sentence found verbatim in the article.
    fn quote(&mut self, ds: &Dataset, id: &str, field: &str, quote: &str, path: String) {
        if quote.trim().is_empty() || !ds.article.contains(quote) {
            let msg = format!("not found verbatim in the article: {quote:?}");
            self.fail(id, Some(field), Some(quote), path, msg);
        }
    }
}

/// What a `fit` may name: a place id, a province code or a country code.
fn is_area(ds: &Dataset, id: &str) -> bool {
    ds.place(id).is_some()
        || ds.province(id).is_some()
        || (id.len() == 2 && ds.country(id).is_some())
}

/// A problem with a view: the path below the view, the offending id, the message.
pub(super) struct ViewProblem<'v> {
    pub suffix: String,
    pub id: Option<&'v str>,
    pub msg: String,
}

/// Problems with a view (a slide's or the story's home).
pub(super) fn view_problems<'v>(view: &'v SlideView, ds: &Dataset) -> Vec<ViewProblem<'v>> {
    let problem = |suffix: String, id, msg: String| ViewProblem { suffix, id, msg };
    match view {
        SlideView::Fit { fit } if fit.is_empty() => {
            vec![problem(".fit".into(), None, "nothing to fit".into())]
        }
        SlideView::Fit { fit } => fit
            .iter()
            .enumerate()
            .filter(|(_, id)| !is_area(ds, id))
            .map(|(k, id)| {
                let msg = format!("{id:?} is not a place id, a province code or a country code");
                problem(format!(".fit[{k}]"), Some(id.as_str()), msg)
            })
            .collect(),
        SlideView::Center { center, zoom } => {
            let [lon, lat] = *center;
            let ok = lon.is_finite()
                && lat.is_finite()
                && lon.abs() <= 180.0
                && lat.abs() <= 85.0
                && zoom.is_finite()
                && (1.0..=18.0).contains(zoom);
            let msg =
                format!("view out of range: centre [{lon}, {lat}], zoom {zoom} (zoom 1 to 18)");
            if ok {
                Vec::new()
            } else {
                vec![problem(String::new(), None, msg)]
            }
        }
    }
}

/// Highlighted ids that resolve to nothing: `(kind, index, id)`.
fn unknown_highlights<'h>(h: &'h Highlight, ds: &Dataset) -> Vec<(&'static str, usize, &'h str)> {
    let known = |kind: &str, id: &str| match kind {
        "provinces" => ds.province(id).is_some(),
        "places" => ds.place(id).is_some(),
        "events" => ds.events.iter().any(|e| e.id == id),
        _ => ds.crossings.crossings.iter().any(|x| x.id == id),
    };
    [
        ("provinces", &h.provinces),
        ("places", &h.places),
        ("events", &h.events),
        ("crossings", &h.crossings),
    ]
    .into_iter()
    .flat_map(|(kind, ids)| {
        ids.iter()
            .enumerate()
            .map(move |(k, id)| (kind, k, id.as_str()))
    })
    .filter(|(kind, _, id)| !known(kind, id))
    .collect()
}

/// Highlighted events with no place on the map: nothing for the slide to show or fit its view
/// to. `(index, id)`.
fn unplaced_events<'h>(h: &'h Highlight, ds: &Dataset) -> Vec<(usize, &'h str)> {
    h.events
        .iter()
        .enumerate()
        .filter(|(_, id)| {
            ds.events
                .iter()
                .find(|e| &e.id == *id)
                .is_some_and(|e| !e.places.iter().any(|p| ds.place(p).is_some()))
        })
        .map(|(k, id)| (k, id.as_str()))
        .collect()
}

/// Checks a tour against the dataset it is shown with: unique slide ids, quotes verbatim in the
/// article, ids that resolve, views in range. `name` and `text` are the tour file's, for lines.
pub fn check_tour(tour: &Tour, name: &str, text: &str, ds: &Dataset) -> Vec<DataError> {
    let mut l = Lesson {
        name,
        text,
        errors: Vec::new(),
    };
    if tour.slides.is_empty() {
        l.fail(
            "",
            None,
            None,
            "$.slides".into(),
            "a tour needs at least one slide".into(),
        );
    }
    let mut seen = HashSet::new();
    for (i, s) in tour.slides.iter().enumerate() {
        let path = format!("$.slides[{i}]");
        l.unique(&mut seen, "slide", &s.id, &path);
        if s.title.trim().is_empty() {
            l.fail(
                &s.id,
                Some("title"),
                None,
                format!("{path}.title"),
                "slide has no title".into(),
            );
        }
        for (k, q) in s.quotes.iter().enumerate() {
            l.quote(ds, &s.id, "quotes", q, format!("{path}.quotes[{k}]"));
        }
        for p in view_problems(&s.view, ds) {
            let field = if p.suffix.is_empty() { "view" } else { "fit" };
            l.fail(
                &s.id,
                Some(field),
                p.id,
                format!("{path}.view{}", p.suffix),
                p.msg,
            );
        }
        for (k, id) in unplaced_events(&s.highlight, ds) {
            let msg = format!("event {id:?} has no place on the map: the slide cannot show it");
            let path = format!("{path}.highlight.events[{k}]");
            l.fail(&s.id, Some("events"), Some(id), path, msg);
        }
        for (kind, k, id) in unknown_highlights(&s.highlight, ds) {
            let msg = format!("unknown {} {id:?}", kind.trim_end_matches('s'));
            l.fail(
                &s.id,
                Some(kind),
                Some(id),
                format!("{path}.highlight.{kind}[{k}]"),
                msg,
            );
        }
    }
    l.errors
}

/// What is wrong with a question's answer, if anything.
fn answer_problem(answer: &Answer, ds: &Dataset) -> Option<String> {
    match answer {
        Answer::Province { provinces } if provinces.is_empty() => Some("no province given".into()),
        Answer::Province { provinces } => provinces
            .iter()
            .find(|iso| ds.province(iso).is_none())
            .map(|iso| format!("unknown province {iso:?}")),
        Answer::Place { place, .. } if ds.place(place).is_none() => {
            Some(format!("unknown place {place:?}"))
        }
        Answer::Place { within_km, .. } if !(within_km.is_finite() && *within_km > 0.0) => Some(
            format!("within_km must be a positive distance, not {within_km}"),
        ),
        Answer::Place { .. } => None,
        Answer::Choice { choices, .. } if choices.len() < 2 => {
            Some("a choice needs at least two options".into())
        }
        Answer::Choice { choices, correct } if *correct >= choices.len() => Some(format!(
            "correct is {correct} but there are {} options (counted from 0)",
            choices.len()
        )),
        Answer::Choice { .. } => None,
        Answer::Date { event, .. } => ds
            .events
            .iter()
            .all(|e| &e.id != event)
            .then(|| format!("unknown event {event:?}")),
    }
}

/// Checks a quiz against the dataset: unique ids, quotes verbatim, answers that exist and make
/// sense (a correct option among the choices, a positive distance).
pub fn check_quiz(quiz: &Quiz, name: &str, text: &str, ds: &Dataset) -> Vec<DataError> {
    let mut l = Lesson {
        name,
        text,
        errors: Vec::new(),
    };
    if quiz.questions.is_empty() {
        l.fail(
            "",
            None,
            None,
            "$.questions".into(),
            "a quiz needs at least one question".into(),
        );
    }
    let mut seen = HashSet::new();
    for (i, q) in quiz.questions.iter().enumerate() {
        let path = format!("$.questions[{i}]");
        l.unique(&mut seen, "question", &q.id, &path);
        if q.prompt.trim().is_empty() {
            l.fail(
                &q.id,
                Some("prompt"),
                None,
                format!("{path}.prompt"),
                "no prompt".into(),
            );
        }
        l.quote(ds, &q.id, "quote", &q.quote, format!("{path}.quote"));
        if let Some(msg) = answer_problem(&q.answer, ds) {
            l.fail(&q.id, Some("answer"), None, format!("{path}.answer"), msg);
        }
    }
    l.errors
}
