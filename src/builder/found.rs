//! One sentence with a movement word, read for where people went and where they came from.
//! Each place named in it is on the destination side ("into eastern Chad", "arrived at the
//! Nemba crossing in Rwanda's Bugesera district"), the origin side ("from villages along the
//! shore of Lake Tanganyika in southern Burundi", "from Kirundo and Muyinga"), or neither.

use std::ops::Range;

use super::movements::{CLAUSES, Countries, INTENT, TERRITORY, move_word};
use super::places::Namings;
use super::text::words;
use crate::builder::counts::counts_in;
use crate::model::PlaceKind;

/// Words just before a destination that settle it ("into", "reached").
const TO_WORDS: &[&str] = &[
    "to",
    "into",
    "towards",
    "toward",
    "reach",
    "reached",
    "reaching",
    "entered",
    "entering",
    "neighbouring",
    "neighboring",
    "across",
    "over",
    "for",
];

/// Words before a place that make it a destination unless a "from" opened the phrase:
/// "arrived in Chad", but "women from villages in southern Burundi".
const WEAK_TO_WORDS: &[&str] = &["in", "at", "near", "outside", "and"];

/// Words before a place that make it where people came from.
const FROM_WORDS: &[&str] = &["from", "fled", "fleeing", "leaving", "left"];

/// How far back (words) a place looks for the word that gives its side.
const SIDE_WINDOW: usize = 12;

/// Verbs of a country receiving people: the destination is the subject, named before them
/// ("Lebanon had taken in about 1.5 million Syrians").
const RECEIVE_WORDS: &[&str] = &["taken", "took", "welcomed"];

/// Which end of a movement a place is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    To,
    From,
    Neither,
}

/// What the crossings found before a sentence tell about the one in it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Prior {
    /// The country the article's crossings so far came from most often (a place index):
    /// where people come from when a sentence does not say.
    pub usual_from: Option<usize>,
    /// Where the last crossing went: where people "travelled on" from.
    pub last_to: Option<usize>,
}

/// A place named in the sentence.
#[derive(Debug, Clone, Copy)]
pub(super) struct Named {
    /// Byte offsets in the sentence.
    pub at: usize,
    pub end: usize,
    /// Place index.
    pub place: usize,
    /// A demonym used as an adjective ("Russian assault"): no destination.
    pub adjective: bool,
}

/// For a border named by one side ("the Tanzanian border"), that side's country: where
/// people who crossed it went. Any other place stays itself.
fn side_named(said: &str, place: usize, countries: &Countries<'_>) -> usize {
    if countries.places[place].kind != PlaceKind::Border {
        return place;
    }
    words(said)
        .first()
        .and_then(|(_, w)| countries.demonyms.get(w.as_str()))
        .copied()
        .unwrap_or(place)
}

/// A sentence with a movement word: its words, the word, and the places named in it.
pub(super) struct Found<'a> {
    pub w: Vec<(Range<usize>, String)>,
    pub trigger: usize,
    pub named: Vec<Named>,
    said: &'a str,
    countries: &'a Countries<'a>,
}

impl<'a> Found<'a> {
    /// The sentence's movement word and places, or `None` when it has no movement word.
    pub fn new(
        said: &'a str,
        sentence: usize,
        namings: &Namings,
        span_start: usize,
        countries: &'a Countries<'a>,
    ) -> Option<Self> {
        let w = words(said);
        // "streamed from Nagorno-Karabakh into Armenia": saying where from and where to makes
        // a plain movement word one of people moving, as a count of people does.
        let from_to = w.windows(2).any(|p| p[0].1 == "from")
            && w.iter().any(|(_, x)| matches!(x.as_str(), "into" | "to"));
        let trigger = move_word(said, &w, from_to || !counts_in(said).is_empty())?;
        let named = namings.by_sentence[sentence]
            .iter()
            .map(|&k| {
                let n = &namings.all[k];
                let (at, end) = (n.span.start - span_start, n.span.end - span_start);
                let territory = words(&said[end..])
                    .first()
                    .is_some_and(|(_, w)| TERRITORY.contains(&w.as_str()));
                let demonym = countries
                    .demonyms
                    .contains_key(&said[at..end].to_lowercase());
                Named {
                    at,
                    end,
                    place: side_named(&said[at..end], n.place, countries),
                    adjective: demonym && !territory,
                }
            })
            .collect();
        Some(Self {
            w,
            trigger,
            named,
            said,
            countries,
        })
    }

    /// Index of the first word at or after byte `at`.
    fn word_at(&self, at: usize) -> Option<usize> {
        self.w.iter().position(|(r, _)| r.start >= at)
    }

    /// The place (not a demonym) whose name ends with word `j`.
    fn place_ending_at(&self, j: usize) -> Option<&Named> {
        let r = &self.w[j].0;
        self.named
            .iter()
            .find(|n| n.at < r.end && r.start < n.end)
            .filter(|n| !n.adjective)
    }

    /// Which end of the movement the place at `n` is on, by the words before it: "from"
    /// makes an origin; "to", "into" … a destination; "in", "at" … a destination unless a
    /// "from" opened the phrase; a place just before ("Kirundo and Muyinga", "the Nemba
    /// crossing in Rwanda") passes on its own side. A comma ends the phrase.
    pub fn side(&self, n: &Named) -> Side {
        let Some(k) = self.word_at(n.at) else {
            return Side::Neither;
        };
        let mut weak = false;
        for j in (k.saturating_sub(SIDE_WINDOW)..k).rev() {
            let (r, b) = &self.w[j];
            let gap = &self.said[r.end..self.w[j + 1].0.start];
            if gap.contains([',', ';', ':', '(', '"', '“', '”']) {
                break;
            }
            if FROM_WORDS.contains(&b.as_str()) {
                return Side::From;
            }
            if TO_WORDS.contains(&b.as_str()) {
                return Side::To;
            }
            if let Some(before) = self.place_ending_at(j) {
                // "Kirundo and Muyinga": a list shares its side; "X in Y": Y is where X is;
                // "Rwanda's Bugesera district": the owner's side.
                let owner = b.ends_with("'s") || b.ends_with("’s");
                return match weak || owner {
                    true => self.side(before),
                    false => Side::Neither,
                };
            }
            weak |= WEAK_TO_WORDS.contains(&b.as_str());
        }
        if weak { Side::To } else { Side::Neither }
    }

    /// Whether the place at `n` is where people went: after the movement word, on the
    /// destination side, with no word of intent or clause of its own between ("planned to
    /// travel on to Germany", "… into Uganda, after fresh fighting in North Kivu").
    fn is_destination(&self, n: &Named) -> bool {
        let Some(k) = self.word_at(n.at) else {
            return false;
        };
        let stop = |b: &str| INTENT.contains(&b) || CLAUSES.contains(&b);
        !n.adjective
            && n.at > self.w[self.trigger].0.start
            && !self.w[self.trigger..k].iter().any(|(_, b)| stop(b))
            && self.side(n) == Side::To
    }

    /// Where people went, one place per country: the places on the destination side after
    /// the movement word; for a country that takes people in, the country named first
    /// before it ("In total, Rwanda, which borders Burundi, has taken in more than 26,000").
    pub fn destinations(&self) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        let places = self.countries.places;
        for n in self.named.iter().filter(|n| self.is_destination(n)) {
            if !out
                .iter()
                .any(|&o| places[o].country == places[n.place].country)
            {
                out.push(n.place);
            }
        }
        if out.is_empty() && RECEIVE_WORDS.contains(&self.w[self.trigger].1.as_str()) {
            let before = self.w[self.trigger].0.start;
            out.extend(
                self.named
                    .iter()
                    .find(|n| !n.adjective && n.at < before && self.side(n) != Side::From)
                    .map(|n| n.place),
            );
        }
        out
    }

    /// Whether the sentence tells of travel onward ("travelled on by road to Iraq").
    fn onward(&self) -> bool {
        let after = &self.w[self.trigger + 1..];
        after.first().is_some_and(|(_, x)| x == "on")
            || after.iter().any(|(_, x)| x == "onward" || x == "onwards")
    }

    /// Where people came from: a place on the origin side; for onward travel, where the
    /// last crossing went; else the first place named before the movement word; else a
    /// country whose people the sentence names ("Afghan soldiers", "26,000 Burundians");
    /// else where the article's crossings usually come from; else the most named country
    /// that is not `to`'s. A named origin in `to`'s country is a move within it (`None`).
    pub fn origin(&self, to: &str, prior: Prior) -> Option<(usize, String)> {
        let places = self.countries.places;
        let abroad = |p: usize| (places[p].country != to).then_some(p);
        if let Some(n) = self
            .named
            .iter()
            .find(|n| !n.adjective && self.side(n) == Side::From)
        {
            let p = abroad(n.place)?;
            return Some((p, format!("Stated: they came from {}", places[p].name)));
        }
        if let Some(p) = prior.last_to.filter(|_| self.onward()).and_then(abroad) {
            let name = &places[p].name;
            return Some((
                p,
                format!("Stated: onward travel, from {name}, where the crossing before went"),
            ));
        }
        let before = self.w[self.trigger].0.start;
        let receiving = RECEIVE_WORDS.contains(&self.w[self.trigger].1.as_str());
        if let Some(n) = self
            .named
            .iter()
            .find(|n| n.at < before && !n.adjective && !receiving)
        {
            let p = abroad(n.place)?;
            let name = &places[p].name;
            return Some((
                p,
                format!("Named in the sentence, before the movement: {name}"),
            ));
        }
        if let Some(found) = self.demonym_origin(abroad, receiving) {
            return Some(found);
        }
        if let Some(p) = prior.usual_from.and_then(abroad) {
            let name = &places[p].name;
            return Some((
                p,
                format!(
                    "Inferred: no origin is named; the article's crossings so far came from {name}"
                ),
            ));
        }
        let p = *self
            .countries
            .ranked
            .iter()
            .find(|&&p| abroad(p).is_some())?;
        let name = &places[p].name;
        Some((
            p,
            format!(
                "Inferred: no origin is named; {name} is the country the article names most, after the destination"
            ),
        ))
    }

    /// A country whose people the sentence names before the movement word (after it too for
    /// a country taking people in: "has taken in more than 26,000 Burundians"): a demonym the
    /// geocoder placed ("South Sudanese"), else a word that is one.
    fn demonym_origin(
        &self,
        abroad: impl Fn(usize) -> Option<usize>,
        receiving: bool,
    ) -> Option<(usize, String)> {
        let before = self.w[self.trigger].0.start;
        let placed = self
            .named
            .iter()
            .filter(|n| n.adjective && (receiving || n.at < before))
            .find_map(|n| Some((self.said[n.at..n.end].to_string(), abroad(n.place)?)));
        let words = match receiving {
            true => &self.w[..],
            false => &self.w[..self.trigger],
        };
        let (word, p) = placed.or_else(|| {
            words.iter().find_map(|(_, word)| {
                let one = word.strip_suffix('s').unwrap_or(word);
                let p = *self
                    .countries
                    .demonyms
                    .get(word.as_str())
                    .or_else(|| self.countries.demonyms.get(one))?;
                Some((word.clone(), abroad(p)?))
            })
        })?;
        let name = &self.countries.places[p].name;
        Some((
            p,
            format!("Stated: {name}'s people (“{word}”), no place given"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::builder::text::sentences;
    use crate::model::Place;

    /// Places of three countries and a town of each, with their names as mentions.
    fn places() -> Vec<Place> {
        let place = |id: &str, name: &str, kind: PlaceKind, country: &str| Place {
            id: id.into(),
            name: name.into(),
            kind,
            country: country.into(),
            mentions: vec![name.into()],
            ..Place::default()
        };
        vec![
            place("bi", "Burundi", PlaceKind::Country, "BI"),
            place("rw", "Rwanda", PlaceKind::Country, "RW"),
            place("tz", "Tanzania", PlaceKind::Country, "TZ"),
            place("kirundo", "Kirundo", PlaceKind::Region, "BI"),
            place("muyinga", "Muyinga", PlaceKind::Region, "BI"),
            place("bugesera", "Bugesera", PlaceKind::Region, "RW"),
            place("kigoma", "Kigoma", PlaceKind::City, "TZ"),
        ]
    }

    /// Place ids with their sides, and crossings as (from, to) ids.
    type Read = (Vec<(String, Side)>, Vec<(String, String)>);

    /// The sides of the places the sentence names, and its crossings' ends, by id.
    fn read(said: &str, prior: Prior) -> Read {
        let places = places();
        let demonyms = HashMap::from([("burundian".to_string(), 0), ("tanzanian".to_string(), 2)]);
        let countries = Countries {
            places: &places,
            ranked: vec![2, 0, 1],
            demonyms,
        };
        let sents = sentences(said);
        let namings = Namings::find(said, &sents, &places);
        let found = Found::new(said, 0, &namings, 0, &countries).expect("a movement word");
        let sides = found
            .named
            .iter()
            .map(|n| (places[n.place].id.clone(), found.side(n)))
            .collect();
        let ends = found
            .destinations()
            .into_iter()
            .filter_map(|to| {
                let (from, _) = found.origin(&places[to].country, prior)?;
                Some((places[from].id.clone(), places[to].id.clone()))
            })
            .collect();
        (sides, ends)
    }

    #[test]
    fn a_place_after_from_is_an_origin_even_after_in() {
        let (sides, ends) = read(
            "About 1,400 arrived at the crossing in Rwanda's Bugesera district, many from the border provinces of Kirundo and Muyinga.",
            Prior::default(),
        );
        let side = |id: &str| sides.iter().find(|(p, _)| p == id).map(|s| s.1);
        assert_eq!(side("rw"), Some(Side::To));
        assert_eq!(side("bugesera"), Some(Side::To));
        assert_eq!(side("kirundo"), Some(Side::From));
        assert_eq!(side("muyinga"), Some(Side::From), "a list shares its side");
        assert_eq!(ends, [("kirundo".to_string(), "rw".to_string())]);
    }

    #[test]
    fn a_country_taking_people_in_is_the_destination() {
        let (_, ends) = read(
            "In total, Rwanda, which borders Burundi to the north, has taken in more than 26,000 Burundians.",
            Prior::default(),
        );
        assert_eq!(ends, [("bi".to_string(), "rw".to_string())]);
    }

    #[test]
    fn onward_travel_starts_where_the_last_crossing_went() {
        let prior = Prior {
            usual_from: Some(0),
            last_to: Some(1),
        };
        let (_, ends) = read(
            "Thousands of them have travelled on by road to Tanzania.",
            prior,
        );
        assert_eq!(ends, [("rw".to_string(), "tz".to_string())]);
        let (_, ends) = read(
            "Thousands of them have travelled by road to Tanzania.",
            prior,
        );
        assert_eq!(
            ends,
            [("bi".to_string(), "tz".to_string())],
            "the usual origin"
        );
    }

    #[test]
    fn a_comma_ends_the_phrase() {
        let (sides, _) = read(
            "About 300 people crossed into Tanzania, officials in Kigoma said.",
            Prior::default(),
        );
        assert_eq!(sides[0], ("tz".to_string(), Side::To));
        assert_eq!(
            sides[1],
            ("kigoma".to_string(), Side::To),
            "'in' alone still leads to a place"
        );
    }
}
