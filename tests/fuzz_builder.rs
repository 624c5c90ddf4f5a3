//! Property-based fuzzing of the story builder (proptest): any text, and real articles cut,
//! spliced and sprinkled with other scripts, never panic; whatever is built passes the same
//! rules as a saved story (quotes verbatim, counts in their quotes, dates in order).

use std::sync::OnceLock;

use event_atlas::builder::{Library, Options, build};
use proptest::prelude::*;

fn library() -> &'static Library {
    static LIB: OnceLock<Library> = OnceLock::new();
    LIB.get_or_init(|| Library::embedded().expect("library"))
}

fn sane(bytes: &[u8]) {
    let opts = Options {
        name: "fuzz.txt".into(),
        published: Some(event_atlas::model::PartialDate::ymd(2024, 5, 15)),
        title: None,
    };
    let Ok(b) = build(bytes, &opts, library()) else {
        return;
    };
    for e in &b.events {
        assert!(b.article.contains(&e.quote), "{:?}", e.quote);
        if let Some(t) = e.people.as_ref().and_then(|c| c.text.as_ref()) {
            assert!(e.quote.contains(t.as_str()));
        }
        if let Some(end) = e.end_date {
            assert!(end.last_day_number() >= e.date.first_day_number());
        }
        assert!(
            e.places
                .iter()
                .all(|id| b.places.iter().any(|p| &p.id == id))
        );
    }
    for x in &b.crossings.crossings {
        assert!(b.article.contains(&x.quote));
        assert!(x.people.validate().is_ok());
    }
    for t in &b.crossings.totals {
        assert!(b.article.contains(&t.quote));
        assert!(t.end.last_day_number() >= t.start.first_day_number());
    }
}

/// A real article, for damaging.
fn article() -> String {
    std::fs::read_to_string("tests/fixtures/articles/sudan-chad.txt").expect("article")
}

/// Words of news about flight, for texts that reach every rule.
const TOKENS: &[&str] = &[
    "fled",
    "crossed",
    "into",
    "to",
    "from",
    "the",
    "border",
    "Chad",
    "Sudan",
    "Darfur",
    "Adré",
    "people",
    "refugees",
    "more than",
    "about",
    "nearly",
    "1,000",
    "20,000",
    "two million",
    "dozens",
    "on",
    "Monday",
    "Tuesday",
    "3 March",
    "in",
    "March",
    "2021",
    "last",
    "week",
    "year",
    "since",
    "In all,",
    "So far,",
    "the fifth case over the past fortnight",
    "have",
    "has",
    "said",
    ",",
    ".",
    ".",
    "\n\n",
    "\n",
    "\"",
    "(",
    ")",
    "—",
    "Mr.",
    "U.S.",
    "killed",
    "air strikes",
    "talks",
    "Published 15 May 2024\n",
    "Monday 6 July 2021",
    "Ugandan",
    "territory",
    "over the weekend",
    "half a million",
    "tens of thousands",
    "planned",
    "Palma",
];

proptest! {
    #[test]
    fn news_shaped_text_never_panics(words in proptest::collection::vec(0..TOKENS.len(), 0..120)) {
        let text: Vec<&str> = words.iter().map(|&i| TOKENS[i]).collect();
        sane(text.join(" ").as_bytes());
    }

    #[test]
    fn any_text_never_panics(text in "\\PC{0,600}") {
        sane(text.as_bytes());
    }

    #[test]
    fn a_damaged_article_never_panics(cut in 0usize..4000, len in 0usize..3000, junk in "[ \\n.,\"'0-9a-zA-Zé–—ö中文]{0,80}") {
        let a = article();
        let mut start = cut.min(a.len());
        while !a.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (start + len).min(a.len());
        while !a.is_char_boundary(end) {
            end -= 1;
        }
        let damaged = format!("{}{junk}{}", &a[..start], &a[end..]);
        sane(damaged.as_bytes());
    }
}
