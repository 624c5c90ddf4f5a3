//! A quiz drawn from the article: questions answered on the map, by choice, or on the timeline.

use serde::{Deserialize, Serialize};

use super::{DataError, Dataset};

/// How a question is answered, and what counts as right.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Answer {
    /// Click inside one of these provinces (ISO codes).
    Province { provinces: Vec<String> },
    /// Click within `within_km` of a place.
    Place { place: String, within_km: f64 },
    /// Pick one of `choices`; `correct` is its index (from 0).
    Choice {
        choices: Vec<String>,
        correct: usize,
    },
    /// Put the time cursor within `within_days` of an event's date.
    Date { event: String, within_days: u32 },
}

/// One question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub prompt: String,
    pub answer: Answer,
    /// The article's sentence that gives the answer, shown after answering (checked verbatim).
    pub quote: String,
}

/// The whole of `data/quiz.json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Quiz {
    pub title: String,
    pub questions: Vec<Question>,
    /// A draft made by the story builder, for the teacher to edit before class.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
}

/// What the student did.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Response {
    /// A click on the map at longitude / latitude.
    Map { lon: f64, lat: f64 },
    /// The index of the option picked.
    Choice(usize),
    /// The time cursor's day (days since 1970-01-01).
    Day(i64),
}

/// Right or wrong, and the sentence saying why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub correct: bool,
    pub detail: String,
}

impl Quiz {
    /// Parses a quiz; a malformed file gives its name, line and column.
    pub fn parse(name: &str, text: &str) -> Result<Self, DataError> {
        serde_json::from_str(text).map_err(|e| DataError::json(name.to_string(), &e))
    }
}

/// Great-circle distance in km between two lon/lat points.
fn km(a: (f64, f64), b: (f64, f64)) -> f64 {
    use geo::{Distance, Haversine, Point};
    Haversine.distance(Point::new(a.0, a.1), Point::new(b.0, b.1)) / 1000.0
}

impl Question {
    /// The right answer in words ("Badakhshan or Takhar", "Doha", "20 February 2020").
    pub fn answer_text(&self, ds: &Dataset) -> String {
        match &self.answer {
            Answer::Province { provinces } => provinces
                .iter()
                .map(|iso| ds.province(iso).map_or(iso.as_str(), |p| p.name.as_str()))
                .collect::<Vec<_>>()
                .join(" or "),
            Answer::Place { place, .. } => {
                ds.place(place).map_or(place.clone(), |p| p.name.clone())
            }
            Answer::Choice { choices, correct } => {
                choices.get(*correct).cloned().unwrap_or_default()
            }
            Answer::Date { event, .. } => ds
                .events
                .iter()
                .find(|e| &e.id == event)
                .map_or(event.clone(), |e| e.date.human()),
        }
    }

    /// Grades a response. `province_at` finds the province (ISO code) under a lon/lat point.
    ///
    /// ```
    /// use event_atlas::model::{Answer, Dataset, Question, Response};
    /// let ds = Dataset::embedded().unwrap();
    /// let q = Question {
    ///     id: "doha".into(),
    ///     prompt: "Where was the deal signed?".into(),
    ///     answer: Answer::Place { place: "doha".into(), within_km: 300.0 },
    ///     quote: String::new(),
    /// };
    /// let none = |_: f64, _: f64| None;
    /// assert!(q.grade(Response::Map { lon: 51.4, lat: 25.3 }, &ds, none).correct);
    /// assert!(!q.grade(Response::Map { lon: 69.2, lat: 34.5 }, &ds, none).correct);
    /// ```
    pub fn grade(
        &self,
        response: Response,
        ds: &Dataset,
        province_at: impl Fn(f64, f64) -> Option<String>,
    ) -> Verdict {
        let answer = self.answer_text(ds);
        let (correct, detail) = match (&self.answer, response) {
            (Answer::Province { provinces }, Response::Map { lon, lat }) => {
                grade_province(province_at(lon, lat), provinces, ds, &answer)
            }
            (Answer::Place { place, within_km }, Response::Map { lon, lat }) => {
                match ds.place(place) {
                    Some(p) => grade_place(p, (lon, lat), *within_km),
                    None => (false, format!("The quiz names an unknown place {place:?}.")),
                }
            }
            (Answer::Choice { correct, .. }, Response::Choice(i)) => {
                if i == *correct {
                    (true, format!("Right: {answer}."))
                } else {
                    (false, format!("Not quite: the answer is {answer}."))
                }
            }
            (Answer::Date { event, within_days }, Response::Day(day)) => {
                match ds.events.iter().find(|e| &e.id == event) {
                    Some(e) => grade_day(&e.date, day, *within_days),
                    None => (false, format!("The quiz names an unknown event {event:?}.")),
                }
            }
            _ => (
                false,
                "That kind of answer does not fit this question.".to_string(),
            ),
        };
        Verdict { correct, detail }
    }
}

/// A map click against a province answer: right if the clicked province is one of them.
fn grade_province(
    clicked: Option<String>,
    provinces: &[String],
    ds: &Dataset,
    answer: &str,
) -> (bool, String) {
    let Some(iso) = clicked else {
        let text = format!("That is outside the story's provinces; the answer is {answer}.");
        return (false, text);
    };
    let name = ds.province(&iso).map_or(iso.clone(), |p| p.name.clone());
    if provinces.contains(&iso) {
        (true, format!("Right: {name}."))
    } else {
        (
            false,
            format!("You clicked {name}; the answer is {answer}."),
        )
    }
}

/// A map click against a place answer: right within `within_km` of the place.
fn grade_place(p: &super::Place, (lon, lat): (f64, f64), within_km: f64) -> (bool, String) {
    let d = km((lon, lat), (p.lon, p.lat));
    let away = super::thousands(d.round() as u64);
    if d <= within_km {
        (true, format!("Right: {} ({away} km away).", p.name))
    } else {
        let within = super::thousands(within_km.round() as u64);
        let text = format!(
            "You clicked {away} km from {}; within {within} km counts.",
            p.name
        );
        (false, text)
    }
}

/// A chosen day against an event's date: right within `within_days` of its span.
fn grade_day(date: &super::PartialDate, day: i64, within_days: u32) -> (bool, String) {
    let (first, last) = (date.first_day_number(), date.last_day_number());
    let off = if day < first {
        first - day
    } else {
        (day - last).max(0)
    };
    let said = super::PartialDate::from_day_number(day).human();
    if off <= i64::from(within_days) {
        (
            true,
            format!("Right: {} ({said} is close enough).", date.human()),
        )
    } else {
        (false, format!("You chose {said}; it was {}.", date.human()))
    }
}
