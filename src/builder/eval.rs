//! Scoring a built story against one made by hand (a story folder such as `data/`) or against
//! a gold file written for a test article (`*.gold.json`).
//!
//! A gold event is recovered when a built event rests on the same sentence, its dates overlap
//! the gold ones and are no vaguer than them by more than a week, and one of its places is the
//! gold's (within 100 km, or the same country when either is a whole country). A movement also
//! needs the right countries and the same count bounds; a total the same destination country
//! and bounds. Places are right within 5 km of the gold point.

use std::fmt::Write as _;

use serde::Deserialize;

use super::story::Built;
use crate::model::{Count, Dataset, DateSource, PartialDate, PlaceKind};

/// How far a place may be from the gold point and count as found.
pub const PLACE_KM: f64 = 5.0;

/// How far an event's place may be from the gold's and be the same place.
const SAME_PLACE_KM: f64 = 100.0;

/// A place as the gold knows it.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldPlace {
    pub mention: String,
    pub country: String,
    pub lat: f64,
    pub lon: f64,
    /// A country or a vague area: only its country is compared.
    #[serde(default)]
    pub approx: bool,
}

/// An event as the gold knows it.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldEvent {
    pub sentence: String,
    pub date: PartialDate,
    #[serde(default)]
    pub end_date: Option<PartialDate>,
    /// Mentions, as in `places`.
    pub places: Vec<String>,
    /// Its date comes from outside the text (general knowledge): no reading of the text can
    /// give it, so it is scored apart as well.
    #[serde(default)]
    pub date_outside_text: bool,
}

/// Counts as the gold gives them.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
pub struct Bounds {
    pub low: Option<u64>,
    pub best: Option<u64>,
    pub high: Option<u64>,
}

/// A movement as the gold knows it.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldMove {
    pub sentence: String,
    pub from: String,
    pub to: String,
    pub date: PartialDate,
    #[serde(default)]
    pub end_date: Option<PartialDate>,
    #[serde(default)]
    pub people: Bounds,
}

/// A total as the gold knows it.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldTotal {
    pub sentence: String,
    pub to: String,
    #[serde(default)]
    pub people: Bounds,
}

/// A gold file.
#[derive(Debug, Clone, Deserialize)]
pub struct Gold {
    pub published: PartialDate,
    pub places: Vec<GoldPlace>,
    pub events: Vec<GoldEvent>,
    #[serde(default)]
    pub movements: Vec<GoldMove>,
    #[serde(default)]
    pub totals: Vec<GoldTotal>,
}

impl Gold {
    /// The gold of a hand-made story folder: its events, crossings and totals, with its places.
    pub fn from_story(ds: &Dataset) -> Self {
        let place = |id: &str| ds.place(id);
        let mut places = Vec::new();
        for p in &ds.places {
            places.push(GoldPlace {
                mention: p.id.clone(),
                country: p.country.clone(),
                lat: p.lat,
                lon: p.lon,
                approx: !matches!(p.kind, PlaceKind::City | PlaceKind::Site),
            });
        }
        let country_of =
            |id: &str| place(id).map_or_else(|| id.to_uppercase(), |p| p.country.clone());
        let bounds = |c: &Count| Bounds {
            low: c.low,
            best: c.best,
            high: c.high,
        };
        Self {
            published: ds.story.published.unwrap_or(PartialDate::ymd(2000, 1, 1)),
            places,
            events: ds
                .events
                .iter()
                .map(|e| GoldEvent {
                    sentence: e.quote.clone(),
                    date: e.date,
                    end_date: e.end_date,
                    places: e.places.clone(),
                    date_outside_text: e.date_source == DateSource::GeneralKnowledge,
                })
                .collect(),
            movements: ds
                .crossings
                .crossings
                .iter()
                .map(|x| GoldMove {
                    sentence: x.quote.clone(),
                    from: country_of(&x.from),
                    to: country_of(&x.to),
                    date: x.date,
                    end_date: x.end_date,
                    people: bounds(&x.people),
                })
                .collect(),
            totals: ds
                .crossings
                .totals
                .iter()
                .map(|t| GoldTotal {
                    sentence: t.quote.clone(),
                    to: country_of(&t.to),
                    people: bounds(&t.people),
                })
                .collect(),
        }
    }
}

/// The scores, and the table that shows them line by line.
#[derive(Debug, Clone, Default)]
pub struct Score {
    pub events: (usize, usize),
    /// Events whose gold date the text gives (all but those dated from outside it).
    pub events_dated_in_text: (usize, usize),
    pub movements: (usize, usize),
    pub totals: (usize, usize),
    /// Places within 5 km, of those with a precise gold point.
    pub places: (usize, usize),
    /// Counts of built records whose words give their bounds (every one should).
    pub counts_vague_as_words: (usize, usize),
    pub table: String,
}

impl Score {
    fn pct(n: (usize, usize)) -> f64 {
        if n.1 == 0 {
            100.0
        } else {
            100.0 * n.0 as f64 / n.1 as f64
        }
    }

    /// One line per figure.
    pub fn summary(&self) -> String {
        let line = |what: &str, n: (usize, usize)| {
            format!("{what}: {} of {} ({:.0} %)\n", n.0, n.1, Self::pct(n))
        };
        let in_text = match self.events_dated_in_text == self.events {
            true => String::new(),
            false => line(
                "  of those the text dates (not from outside it)",
                self.events_dated_in_text,
            ),
        };
        line("events with the right date and place", self.events)
            + &in_text
            + &line(
                "movements with the right countries, date and count",
                self.movements,
            )
            + &line("totals with the right destination and count", self.totals)
            + &line("places within 5 km", self.places)
            + &line("counts as vague as their words", self.counts_vague_as_words)
    }
}

/// Same sentence: one quote holds the other.
fn same_sentence(a: &str, b: &str) -> bool {
    a.contains(b) || b.contains(a)
}

/// Whether built dates are right against gold ones: they overlap, and the built span is no
/// longer than the gold's plus a week.
fn right_date(
    b: (PartialDate, Option<PartialDate>),
    g: (PartialDate, Option<PartialDate>),
) -> bool {
    let span = |(s, e): (PartialDate, Option<PartialDate>)| {
        (s.first_day_number(), e.unwrap_or(s).last_day_number())
    };
    let (bs, be) = span(b);
    let (gs, ge) = span(g);
    bs <= ge && gs <= be && (be - bs) <= (ge - gs) + 7
}

fn km(a: (f64, f64), b: (f64, f64)) -> f64 {
    use geo::{Distance, Haversine, Point};
    Haversine.distance(Point::new(a.1, a.0), Point::new(b.1, b.0)) / 1000.0
}

/// Scores `built` against `gold`.
pub fn score(built: &Built, gold: &Gold) -> Score {
    let mut s = Score::default();
    let mut t = String::new();
    events_score(built, gold, &mut s, &mut t);
    movements_score(built, gold, &mut s, &mut t);
    totals_score(built, gold, &mut s, &mut t);
    places_score(built, gold, &mut s, &mut t);
    counts_score(built, &mut s);
    s.table = t;
    s
}

/// The place of a built story by id.
fn built_place<'a>(built: &'a Built, id: &str) -> Option<&'a crate::model::Place> {
    built.places.iter().find(|p| p.id == id)
}

/// Events: each gold event recovered with its date and place, or not.
fn events_score(built: &Built, gold: &Gold, s: &mut Score, t: &mut String) {
    let gplace = |m: &str| gold.places.iter().find(|p| p.mention == m);
    let bplace = |id: &str| built_place(built, id);
    let _ = writeln!(
        t,
        "EVENTS (* a gold date from outside the text)\nok  gold date            built date           places (gold → built)   sentence"
    );
    for g in &gold.events {
        let candidates: Vec<&crate::model::Event> = built
            .events
            .iter()
            .filter(|e| same_sentence(&e.quote, &g.sentence))
            .collect();
        let same_place = |e: &crate::model::Event| {
            e.places.iter().filter_map(|id| bplace(id)).any(|bp| {
                g.places.iter().filter_map(|m| gplace(m)).any(|gp| {
                    km((bp.lat, bp.lon), (gp.lat, gp.lon)) <= SAME_PLACE_KM
                        || (bp.country == gp.country
                            && (gp.approx || bp.kind == PlaceKind::Country))
                })
            })
        };
        let hit = candidates
            .iter()
            .find(|e| right_date((e.date, e.end_date), (g.date, g.end_date)) && same_place(e));
        let shown = hit.or(candidates.first());
        s.events.1 += 1;
        s.events.0 += usize::from(hit.is_some());
        if !g.date_outside_text {
            s.events_dated_in_text.1 += 1;
            s.events_dated_in_text.0 += usize::from(hit.is_some());
        }
        let _ = writeln!(
            t,
            "{}  {:<20} {:<20} {:?} → {:?}   {}",
            if hit.is_some() { "✓" } else { "✗" },
            range_text(g.date, g.end_date) + if g.date_outside_text { "*" } else { "" },
            shown.map_or("(none)".into(), |e| range_text(e.date, e.end_date)),
            g.places,
            shown.map(|e| e.places.clone()).unwrap_or_default(),
            head(&g.sentence)
        );
    }
}

/// Movements: each gold movement with the right countries, date and count, or not.
fn movements_score(built: &Built, gold: &Gold, s: &mut Score, t: &mut String) {
    let bplace = |id: &str| built_place(built, id);
    let _ = writeln!(
        t,
        "\nMOVEMENTS\nok  from→to (gold)  built      gold date    built date   gold count        built count"
    );
    for g in &gold.movements {
        let hit = built
            .crossings
            .crossings
            .iter()
            .filter(|x| same_sentence(&x.quote, &g.sentence))
            .find(|x| {
                let c = |id: &str| bplace(id).map(|p| p.country.clone()).unwrap_or_default();
                c(&x.from) == g.from && c(&x.to) == g.to
            });
        let ok = hit.is_some_and(|x| {
            right_date((x.date, x.end_date), (g.date, g.end_date))
                && bounds_of(&x.people) == g.people
        });
        s.movements.1 += 1;
        s.movements.0 += usize::from(ok);
        let _ = writeln!(
            t,
            "{}  {}→{}  {}  {:<12} {:<12} {:<17} {}",
            if ok { "✓" } else { "✗" },
            g.from,
            g.to,
            hit.map_or("(none)".into(), |x| format!("{}→{}", x.from, x.to)),
            range_text(g.date, g.end_date),
            hit.map_or("-".into(), |x| range_text(x.date, x.end_date)),
            bounds_text(g.people),
            hit.map_or("-".into(), |x| bounds_text(bounds_of(&x.people)))
        );
    }
}

/// Totals: each gold total with the right destination and count, or not.
fn totals_score(built: &Built, gold: &Gold, s: &mut Score, t: &mut String) {
    let bplace = |id: &str| built_place(built, id);
    let _ = writeln!(t, "\nTOTALS");
    for g in &gold.totals {
        let hit = built.crossings.totals.iter().find(|x| {
            same_sentence(&x.quote, &g.sentence)
                && bplace(&x.to).is_some_and(|p| p.country == g.to)
                && bounds_of(&x.people) == g.people
        });
        s.totals.1 += 1;
        s.totals.0 += usize::from(hit.is_some());
        let _ = writeln!(
            t,
            "{}  to {} {}   {}",
            if hit.is_some() { "✓" } else { "✗" },
            g.to,
            bounds_text(g.people),
            head(&g.sentence)
        );
    }
}

/// Places: each precise gold place whose mention the built story has, within 5 km.
fn places_score(built: &Built, gold: &Gold, s: &mut Score, t: &mut String) {
    let _ = writeln!(t, "\nPLACES (within {PLACE_KM} km)");
    for g in gold.places.iter().filter(|g| !g.approx) {
        let found = built
            .places
            .iter()
            .find(|p| p.mentions.contains(&g.mention) || p.id == g.mention);
        let d = found.map(|p| km((p.lat, p.lon), (g.lat, g.lon)));
        let ok = d.is_some_and(|d| d <= PLACE_KM);
        s.places.1 += 1;
        s.places.0 += usize::from(ok);
        let _ = writeln!(
            t,
            "{}  {:<24} {}",
            if ok { "✓" } else { "✗" },
            g.mention,
            d.map_or("not found".into(), |d| format!(
                "{d:.1} km ({})",
                found.map_or("", |p| p.id.as_str())
            ))
        );
    }
}

/// Every count's words give its bounds again.
fn counts_score(built: &Built, s: &mut Score) {
    let counts = built
        .events
        .iter()
        .filter_map(|e| e.people.as_ref())
        .chain(built.crossings.crossings.iter().map(|x| &x.people))
        .chain(built.crossings.totals.iter().map(|t| &t.people));
    for c in counts {
        let Some(text) = &c.text else { continue };
        let again = super::counts::counts_in(text);
        s.counts_vague_as_words.1 += 1;
        s.counts_vague_as_words.0 += usize::from(
            again
                .first()
                .is_some_and(|f| bounds_of(&f.count) == bounds_of(c)),
        );
    }
}

fn bounds_of(c: &Count) -> Bounds {
    Bounds {
        low: c.low,
        best: c.best,
        high: c.high,
    }
}

fn bounds_text(b: Bounds) -> String {
    let f = |o: Option<u64>| o.map_or("-".into(), |v| v.to_string());
    format!("{}/{}/{}", f(b.low), f(b.best), f(b.high))
}

fn range_text(d: PartialDate, end: Option<PartialDate>) -> String {
    match end {
        Some(e) => format!("{d}..{e}"),
        None => d.to_string(),
    }
}

fn head(s: &str) -> String {
    s.chars().take(60).collect()
}
