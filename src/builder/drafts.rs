//! The draft tour and quiz a built story starts with, for the teacher to edit: both marked
//! `"draft": true`.
//!
//! The tour opens on the headline, then takes one slide per movement and per key event (those
//! with a count, a day, or a place abroad), in story order, each fitted to its places with its
//! sentence as the quote. The quiz asks where people fled to, how many (against two wrong
//! answers on the other side of the count's bound), which province, and when.

use super::story::Built;
use crate::model::{
    Answer, Count, Event, Highlight, PlaceKind, Question, Quiz, Slide, SlideTime, SlideView, Tour,
    thousands,
};

/// At most this many slides.
const MAX_SLIDES: usize = 14;

/// At most this many questions.
const MAX_QUESTIONS: usize = 8;

/// The draft tour.
pub fn tour(b: &Built) -> Tour {
    let mut slides = vec![Slide {
        id: "headline".into(),
        title: b.story.title.clone(),
        narration: narration(b.events.first().map_or("", |e| e.quote.as_str())),
        quotes: Vec::new(),
        view: b.story.home.clone(),
        time: None,
        highlight: Highlight::default(),
    }];
    // Story order: by date, the movements and the events with the most to show.
    let mut items: Vec<(crate::model::PartialDate, Slide)> = Vec::new();
    for x in &b.crossings.crossings {
        items.push((
            x.date,
            Slide {
                id: format!("crossing-{}", x.id),
                title: format!("{} flee to {}", x.who, b.place_name(&x.to)),
                narration: crossing_narration(b, x),
                quotes: vec![x.quote.clone()],
                view: SlideView::Fit {
                    fit: vec![x.from.clone(), x.to.clone()],
                },
                time: Some(SlideTime {
                    date: x.date,
                    window: None,
                }),
                highlight: Highlight {
                    crossings: vec![x.id.clone()],
                    ..Highlight::default()
                },
            },
        ));
    }
    // An event told by a crossing's slide already gets none of its own.
    let told = |e: &&Event| b.crossings.crossings.iter().any(|x| x.quote == e.quote);
    let mut key: Vec<&Event> = b
        .events
        .iter()
        .filter(|e| is_key(b, e) && !told(e))
        .collect();
    key.truncate(MAX_SLIDES.saturating_sub(items.len() + 1));
    for e in key {
        items.push((e.date, event_slide(e)));
    }
    items.sort_by_key(|(d, _)| *d);
    slides.extend(items.into_iter().map(|(_, s)| s).take(MAX_SLIDES - 1));
    Tour {
        title: format!("{}: a draft tour", b.story.title),
        slides,
        draft: true,
    }
}

fn event_slide(e: &Event) -> Slide {
    Slide {
        id: format!("event-{}", e.id),
        title: e.title.clone(),
        // The whole main clause: a title cut at ten words can end mid-phrase.
        narration: format!(
            "{}: {}.",
            when(e.date, e.end_date),
            super::text::capitalised(&super::story::main_clause(&e.quote))
        ),
        quotes: vec![e.quote.clone()],
        view: SlideView::Fit {
            fit: e.places.iter().take(3).cloned().collect(),
        },
        time: Some(SlideTime {
            date: e.date,
            window: None,
        }),
        highlight: Highlight {
            events: vec![e.id.clone()],
            ..Highlight::default()
        },
    }
}

/// An event worth a slide: it counts people, is known to the day, or happens at a town.
fn is_key(b: &Built, e: &Event) -> bool {
    let at_town = e.places.iter().any(|id| {
        b.places
            .iter()
            .any(|p| p.id == *id && matches!(p.kind, PlaceKind::City | PlaceKind::Site))
    });
    e.people.is_some() || e.date.day.is_some() || at_town
}

/// Narration from a sentence: the sentence itself.
fn narration(sentence: &str) -> String {
    sentence.trim().to_string()
}

/// "9 May 2024", or "9 May 2024 to 15 May 2024".
fn when(start: crate::model::PartialDate, end: Option<crate::model::PartialDate>) -> String {
    match end {
        Some(e) if e != start => format!("{} to {}", start.human(), e.human()),
        _ => start.human(),
    }
}

/// A crossing told in a line, from its record: when, how many, who, from where, to where.
fn crossing_narration(b: &Built, x: &crate::model::Crossing) -> String {
    let how_many = if x.people.is_unknown() {
        "an unknown number of".to_string()
    } else {
        // "thousands" and "dozens" count with "of": "thousands of people".
        let label = x.people.label();
        let noun = label
            .rsplit(' ')
            .next()
            .is_some_and(|w| w.ends_with('s') && w.chars().all(char::is_alphabetic));
        if noun { format!("{label} of") } else { label }
    };
    format!(
        "{}: {how_many} {} crossed from {} into {}.",
        when(x.date, x.end_date),
        x.who.to_lowercase(),
        b.place_name(&x.from),
        b.place_name(&x.to)
    )
}

/// How a draft question's id starts, before the id of the record it was made from.
const QUESTION_PREFIXES: [&str; 4] = ["where-", "how-many-", "province-", "when-"];

/// The id of the event or crossing a draft question was made from.
///
/// ```
/// assert_eq!(event_atlas::builder::drafts::question_source("how-many-tj-2021-07"), Some("tj-2021-07"));
/// assert_eq!(event_atlas::builder::drafts::question_source("my-own"), None);
/// ```
pub fn question_source(id: &str) -> Option<&str> {
    QUESTION_PREFIXES.iter().find_map(|p| id.strip_prefix(p))
}

/// The draft quiz.
pub fn quiz(b: &Built) -> Quiz {
    let mut questions = Vec::new();
    for x in &b.crossings.crossings {
        let to = b.places.iter().find(|p| p.id == x.to);
        let within_km = match to.map(|p| p.kind) {
            Some(PlaceKind::Country) => 400.0,
            Some(PlaceKind::Province | PlaceKind::Region) => 150.0,
            _ => 50.0,
        };
        questions.push(Question {
            id: format!("where-{}", x.id),
            prompt: format!(
                "Where did {} flee to ({})? Click it on the map.",
                x.who.to_lowercase(),
                x.date.human()
            ),
            answer: Answer::Place {
                place: x.to.clone(),
                within_km,
            },
            quote: x.quote.clone(),
        });
        if let Some(q) = how_many(
            &x.id,
            &x.people,
            &format!(
                "How many {} fled to {}, according to the article?",
                x.who.to_lowercase(),
                b.place_name(&x.to)
            ),
            &x.quote,
        ) {
            questions.push(q);
        }
    }
    for e in &b.events {
        if let Some(q) = e.people.as_ref().and_then(|c| {
            how_many(
                &e.id,
                c,
                &format!(
                    "How many people does the article count here: “{}”?",
                    e.title
                ),
                &e.quote,
            )
        }) {
            questions.push(q);
        }
        if let Some(q) = which_province(b, e) {
            questions.push(q);
        }
    }
    if let Some(e) = b.events.iter().find(|e| e.date.day.is_some()) {
        questions.push(Question {
            id: format!("when-{}", e.id),
            prompt: format!(
                "When did this happen: “{}”? Put the time cursor on the day.",
                e.title
            ),
            answer: Answer::Date {
                event: e.id.clone(),
                within_days: 2,
            },
            quote: e.quote.clone(),
        });
    }
    questions.truncate(MAX_QUESTIONS);
    Quiz {
        title: format!("{}: a draft quiz", b.story.title),
        questions,
        draft: true,
    }
}

/// "How many?" with the article's words and two answers on the wrong side of its bound.
fn how_many(id: &str, c: &Count, prompt: &str, quote: &str) -> Option<Question> {
    let text = c.text.clone()?;
    let wrong = match (c.low, c.best, c.high) {
        (Some(v), _, _) => [
            format!("Fewer than {}", thousands(v / 10)),
            format!("Fewer than {}", thousands(v / 2)),
        ],
        (_, Some(v), _) => [
            format!("About {}", thousands(v / 10)),
            format!("About {}", thousands(v * 10)),
        ],
        (_, _, Some(v)) => [
            format!("More than {}", thousands(v * 2)),
            format!("More than {}", thousands(v * 10)),
        ],
        _ => return None,
    };
    if c.low.or(c.best).or(c.high)? < 20 {
        return None;
    }
    let right = super::text::capitalised(&text);
    // The right answer's place follows from the id, so drafts differ but stay stable.
    let correct = id.len() % 3;
    let mut choices = vec![wrong[0].clone(), wrong[1].clone()];
    choices.insert(correct, right);
    Some(Question {
        id: format!("how-many-{id}"),
        prompt: prompt.to_string(),
        answer: Answer::Choice { choices, correct },
        quote: quote.to_string(),
    })
}

/// "Click the province where …", for an event at a town in one of the story's provinces.
fn which_province(b: &Built, e: &Event) -> Option<Question> {
    let town = e.places.iter().find_map(|id| {
        b.places
            .iter()
            .find(|p| p.id == *id && matches!(p.kind, PlaceKind::City | PlaceKind::Site))
    })?;
    let province = town.province.clone()?;
    Some(Question {
        id: format!("province-{}", e.id),
        prompt: format!("In which province is {}? Click it on the map.", town.name),
        answer: Answer::Province {
            provinces: vec![province],
        },
        quote: e.quote.clone(),
    })
}
