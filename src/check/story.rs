//! The manifest, `story.json`: a title, a publication date, a language, the countries whose
//! provinces it draws (known to the boundaries), a home view that resolves, and credits.

use super::checker::Checker;
use crate::model::{Dataset, STORY_FILE};

/// Checks `story.json` against the rest of the folder.
pub(super) fn check(c: &mut Checker<'_>, ds: &Dataset) {
    let s = &ds.story;
    let f = STORY_FILE;
    if s.title.trim().is_empty() {
        c.fail_key(f, "title", "the story needs a title".into());
    }
    match s.published {
        None => c.fail_key(f, "published", "no publication date (YYYY-MM-DD)".into()),
        Some(d) if d.day.is_none() => {
            c.fail_key(f, "published", format!("{d}: give the day (YYYY-MM-DD)"));
        }
        Some(_) => {}
    }
    let lang_ok = (2..=12).contains(&s.language.len())
        && s.language
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || ch == '-');
    if !lang_ok {
        let msg = format!("{:?} is not a language tag such as \"en\"", s.language);
        c.fail_key(f, "language", msg);
    }
    check_countries(c, ds);
    for p in super::lessons::view_problems(&s.home, ds) {
        c.fail_key(f, "home", format!("home{}: {}", p.suffix, p.msg));
    }
    if s.credits.iter().all(|x| x.trim().is_empty()) {
        c.fail_key(
            f,
            "credits",
            "credit the story's source (and the data's)".into(),
        );
    }
}

/// Each country is an ISO alpha-2 code the boundaries know, with provinces to draw.
fn check_countries(c: &mut Checker<'_>, ds: &Dataset) {
    let f = STORY_FILE;
    if ds.story.countries.is_empty() {
        c.fail_key(
            f,
            "countries",
            "list the countries whose provinces the story draws".into(),
        );
    }
    for code in &ds.story.countries {
        let msg = if code.len() != 2 || !code.chars().all(|ch| ch.is_ascii_uppercase()) {
            format!("{code:?} is not an ISO 3166-1 alpha-2 code (e.g. \"AF\")")
        } else if ds.country(code).is_none() {
            format!("{code:?} is not in boundaries/countries.geojson")
        } else if !ds.provinces.iter().any(|p| p.country() == code) && !has_world_units(code) {
            format!("no province of {code} in boundaries/provinces.geojson or the world's admin-1")
        } else {
            continue;
        };
        c.fail_key(f, "countries", msg);
    }
}

/// Whether the world's admin-1 file has units of a country (which a story may then leave out).
fn has_world_units(code: &str) -> bool {
    crate::model::WorldAdmin1::embedded()
        .is_ok_and(|w| w.countries().any(|(c, n)| c == code && n > 0))
}
