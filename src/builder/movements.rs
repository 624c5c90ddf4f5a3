//! Movements across borders: a sentence about people fleeing, crossing or seeking refuge,
//! with a destination in another country, becomes a crossing: from where (a place named after
//! "from", else one named in the sentence in another country, else the article's main
//! country), to where, who, and how many as vague as the words. Totals ("In total, nearly
//! 1,600 soldiers have crossed", "the fifth case over the past fortnight") become totals.

use std::ops::Range;

use super::counts::counts_in;
use super::dates::{DateContext, FoundDate, dates_in};
use super::extract::Reading;
use super::places::Namings;
use super::text::{Sentence, capitalised, words};
use crate::model::{Count, PartialDate, Place};

/// Words that make a sentence about movement: the word (a trailing `*` takes any ending), and
/// whether it needs a word for refugees too ("arrived" alone is not flight).
const MOVE_WORDS: &[(&str, bool)] = &[
    ("fled", false),
    ("flee*", false),
    ("crossed", false),
    ("crossing*", false),
    ("cross", false),
    ("refuge", false),
    ("escaped", false),
    ("poured", true),
    ("pouring", true),
    ("streamed", true),
    ("streaming", true),
    ("sought safety", false),
    ("seeking safety", false),
    ("seek safety", false),
    ("left for", true),
    ("flown", true),
    ("entered", true),
    ("arrived", true),
    ("reached", true),
    ("arriving", true),
    ("evacuated", false),
    ("made their way", true),
    ("carried", true),
    ("across the border", true),
    ("taken across", true),
    ("moved", true),
    ("made the journey", true),
    ("registered", true),
];

/// Words for people who flee, for the movement words that need one.
const REFUGEE_WORDS: &[&str] = &[
    "refugee*",
    "arrivals",
    "asylum",
    "displaced",
    "fleeing",
    "evacuees",
    "survivors",
];

/// Nouns that make a demonym a place: "Armenian territory", "the Tanzanian bank".
const TERRITORY: &[&str] = &[
    "territory",
    "soil",
    "side",
    "bank",
    "border",
    "shore",
    "coast",
    "frontier",
    "land",
];

/// Words just before a destination.
const TO_CUES: &[&str] = &[
    "to",
    "into",
    "in",
    "towards",
    "toward",
    "reach",
    "reached",
    "reaching",
    "entered",
    "entering",
    "and",
    "neighbouring",
    "neighboring",
    "across",
    "over",
    "for",
    "near",
    "at",
    "outside",
];

/// Words of intent: a place after them is where people plan to go, not where they went.
const INTENT: &[&str] = &[
    "plan", "plans", "planned", "planning", "hope", "hoped", "hoping", "intend", "intended",
    "will", "would", "could", "might", "want", "wanted",
];

/// Words that open a clause of its own: a place after them is not where people went.
const CLAUSES: &[&str] = &[
    "after",
    "as",
    "because",
    "following",
    "amid",
    "while",
    "where",
    "when",
    "since",
    "before",
    "which",
    "who",
    "whose",
    "despite",
];

/// Words that mark a total rather than one crossing.
const TOTAL_CUES: &[&str] = &[
    "in total",
    "in all",
    "altogether",
    "so far",
    "to date",
    "a total of",
    "overall",
];

/// Ordinal words, for "the fifth case".
const ORDINALS: &[(&str, u32)] = &[
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
];

/// Nouns for one occurrence, after an ordinal ("the third time").
const CASE_NOUNS: &[&str] = &["time", "case", "crossing", "group", "wave", "incident"];

/// Who moves, by the noun used.
const WHO_NOUNS: &[&str] = &[
    "soldiers",
    "troops",
    "refugees",
    "civilians",
    "people",
    "families",
    "children",
    "women",
    "residents",
    "villagers",
    "migrants",
    "men",
    "students",
];

/// A crossing found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundMove {
    pub sentence: usize,
    /// Place indexes.
    pub from: usize,
    pub to: usize,
    /// How `from` was chosen.
    pub from_basis: String,
    pub who: String,
    pub people: Count,
    pub date: FoundDate,
}

/// A total found in one sentence or two (the sentence before giving "the fifth case").
#[derive(Debug, Clone, PartialEq)]
pub struct FoundTotal {
    /// The sentences it rests on, first to last.
    pub sentences: Range<usize>,
    pub to: usize,
    pub cases: Option<u32>,
    pub people: Count,
    pub start: PartialDate,
    pub end: PartialDate,
    pub note: String,
}

/// The places, and which stand for the article's countries.
pub struct Countries<'a> {
    pub places: &'a [Place],
    /// The places that are countries, the most named first: where people come from when the
    /// sentence does not say.
    pub ranked: Vec<usize>,
    /// Demonyms in lower case ("afghan") → the place of their country.
    pub demonyms: std::collections::HashMap<String, usize>,
}

/// Whether the words hold a movement word (with a word for refugees, or a count of people,
/// where one is needed: "nearly 15,000 people entered Moldova"); the index of the first.
fn move_word(w: &[(Range<usize>, String)], counted: bool) -> Option<usize> {
    let has = |pattern: &str, at: usize| -> bool {
        let parts: Vec<&str> = pattern.split(' ').collect();
        parts.iter().enumerate().all(|(k, p)| {
            w.get(at + k)
                .is_some_and(|(_, x)| match p.strip_suffix('*') {
                    Some(stem) => x.starts_with(stem),
                    None => x == p,
                })
        })
    };
    let refugees = counted || (0..w.len()).any(|i| REFUGEE_WORDS.iter().any(|r| has(r, i)));
    (0..w.len()).find(|&i| {
        MOVE_WORDS
            .iter()
            .any(|&(m, needs)| has(m, i) && (!needs || refugees))
    })
}

/// The crossings of one sentence: one per destination country.
pub fn crossings_in(
    said: &str,
    sentence: usize,
    reading: &Reading,
    namings: &Namings,
    span_start: usize,
    countries: &Countries<'_>,
) -> Vec<FoundMove> {
    let Some(date) = reading.date.clone() else {
        return Vec::new();
    };
    let Some(found) = Found::new(said, sentence, namings, span_start, countries) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for to in found.destinations() {
        let to_country = &countries.places[to].country;
        let Some((from, from_basis)) = found.origin(to_country) else {
            continue;
        };
        out.push(FoundMove {
            sentence,
            from,
            to,
            from_basis,
            who: who(said, &found.w, found.trigger),
            people: people(said, found.w[found.trigger].0.start),
            date: date.clone(),
        });
    }
    out
}

/// A movement that names no destination ("Nearly 4,500 crossed there on Tuesday") continues
/// the crossing of the sentence before it in the paragraph: same ends, its own date and count.
pub fn continued(
    said: &str,
    sentence: usize,
    reading: &Reading,
    namings: &Namings,
    span_start: usize,
    countries: &Countries<'_>,
    before: &FoundMove,
) -> Option<FoundMove> {
    let date = reading.date.clone()?;
    let found = Found::new(said, sentence, namings, span_start, countries)?;
    if !found.destinations().is_empty()
        || !found.named.is_empty() && found.adjectives.iter().any(|a| !a)
    {
        return None;
    }
    let to = &countries.places[before.to].name;
    Some(FoundMove {
        sentence,
        from: before.from,
        to: before.to,
        from_basis: format!("No place named: taken as the crossing to {to} of the sentence before"),
        who: who(said, &found.w, found.trigger),
        people: people(said, found.w[found.trigger].0.start),
        date,
    })
}

/// Where people went, for a total: the first destination named after the movement word.
pub fn destination_in(
    said: &str,
    sentence: usize,
    namings: &Namings,
    span_start: usize,
    countries: &Countries<'_>,
) -> Option<usize> {
    Found::new(said, sentence, namings, span_start, countries)?
        .destinations()
        .first()
        .copied()
}

/// A sentence with a movement word: its words, the word, and the places named in it (offset
/// in the sentence, place).
struct Found<'a> {
    w: Vec<(Range<usize>, String)>,
    trigger: usize,
    named: Vec<(usize, usize)>,
    /// For each of `named`, whether it is a demonym ("Russian assault"): no destination.
    adjectives: Vec<bool>,
    countries: &'a Countries<'a>,
}

impl<'a> Found<'a> {
    fn new(
        said: &str,
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
        let trigger = move_word(&w, from_to || !counts_in(said).is_empty())?;
        let mut named = Vec::new();
        let mut adjectives = Vec::new();
        for &k in &namings.by_sentence[sentence] {
            let n = &namings.all[k];
            let at = n.span.start - span_start;
            let text = &said[at..n.span.end - span_start];
            named.push((at, n.place));
            let next = words(&said[n.span.end - span_start..]);
            let territory = next
                .first()
                .is_some_and(|(_, w)| TERRITORY.contains(&w.as_str()));
            adjectives.push(countries.demonyms.contains_key(&text.to_lowercase()) && !territory);
        }
        Some(Self {
            w,
            trigger,
            named,
            adjectives,
            countries,
        })
    }

    /// The word before offset `at`, past an article ("from the Democratic Republic of Congo").
    fn word_before(&self, at: usize) -> Option<&str> {
        let k = self.w.iter().position(|(r, _)| r.start >= at)?;
        let mut j = k.checked_sub(1)?;
        while matches!(self.w[j].1.as_str(), "the" | "a" | "an") {
            j = j.checked_sub(1)?;
        }
        Some(self.w[j].1.as_str())
    }

    /// Whether a word of the five before offset `at` leads to a destination ("into eastern
    /// Chad", "reached the border town of Adré") with no other place between them (unless
    /// listed: "in Pakistan and Uzbekistan"), and no word of intent since the movement word
    /// ("planned to travel on to Germany").
    fn cue_before(&self, at: usize) -> bool {
        let Some(k) = self.w.iter().position(|(r, _)| r.start >= at) else {
            return false;
        };
        // Not where people plan to go, nor a place in a clause of its own ("… into Uganda,
        // after fresh fighting in North Kivu").
        let stop = |b: &str| INTENT.contains(&b) || CLAUSES.contains(&b);
        if self.w[self.trigger..k].iter().any(|(_, b)| stop(b)) {
            return false;
        }
        for j in (k.saturating_sub(6)..k).rev() {
            let (r, b) = &self.w[j];
            if TO_CUES.contains(&b.as_str()) {
                return true;
            }
            let a_place = self
                .named
                .iter()
                .zip(&self.adjectives)
                .any(|((p, _), adj)| *p == r.start && !adj);
            if a_place {
                return false;
            }
        }
        false
    }

    /// Places named after the movement word just after "to", "into", "in" …, one per country.
    fn destinations(&self) -> Vec<usize> {
        let after = self.w[self.trigger].0.start;
        let mut out: Vec<usize> = Vec::new();
        let nouns = self
            .named
            .iter()
            .zip(&self.adjectives)
            .filter(|(_, adj)| !**adj);
        for (&(at, p), _) in nouns.filter(|((at, _), _)| *at > after) {
            let country = &self.countries.places[p].country;
            let cued = self.cue_before(at);
            if cued
                && !out
                    .iter()
                    .any(|&o| self.countries.places[o].country == *country)
            {
                out.push(p);
            }
        }
        out
    }

    /// Where people came from: a place after "from", else the first named before the
    /// movement word, else a country whose people the sentence names before it ("Afghan
    /// soldiers"), else the most named country that is not `to`'s. A named origin in `to`'s
    /// country is a move within it, not a crossing (`None`).
    fn origin(&self, to: &str) -> Option<(usize, String)> {
        let places = self.countries.places;
        let abroad = |p: usize| (places[p].country != to).then_some(p);
        let from_cue = |at: usize| {
            self.word_before(at)
                .is_some_and(|b| matches!(b, "from" | "fled" | "fleeing" | "leaving" | "left"))
        };
        if let Some(&(_, p)) = self.named.iter().find(|(at, _)| from_cue(*at)) {
            let p = abroad(p)?;
            return Some((p, format!("Stated: they came from {}", places[p].name)));
        }
        let before = self.w[self.trigger].0.start;
        if let Some(&(_, p)) = self.named.iter().find(|(at, _)| *at < before) {
            let p = abroad(p)?;
            let name = &places[p].name;
            return Some((
                p,
                format!("Named in the sentence, before the movement: {name}"),
            ));
        }
        for (r, word) in self.w[..self.trigger].iter() {
            let _ = r;
            if let Some(&p) = self.countries.demonyms.get(word.as_str()) {
                let p = abroad(p)?;
                let name = &places[p].name;
                return Some((
                    p,
                    format!("Stated: {name}'s people (“{word}”), no place given"),
                ));
            }
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
}

/// Who moved: the words between the count and the movement word ("Afghan soldiers"), else
/// the first people noun, else "People".
fn who(said: &str, w: &[(Range<usize>, String)], trigger: usize) -> String {
    let counts = counts_in(said);
    let before = &w[..trigger];
    if let Some(c) = counts.iter().find(|c| c.span.end <= w[trigger].0.start) {
        let phrase: Vec<&(Range<usize>, String)> = before
            .iter()
            .filter(|(r, _)| r.start >= c.span.end)
            .take_while(|(_, x)| {
                !matches!(
                    x.as_str(),
                    "have" | "has" | "had" | "were" | "are" | "who" | "was"
                )
            })
            .collect();
        if let (Some(a), Some(b)) = (phrase.first(), phrase.last())
            && phrase.len() <= 4
        {
            let text = said[a.0.start..b.0.end].to_string();
            let text = text
                .strip_prefix("of ")
                .map_or(text.clone(), str::to_string);
            if WHO_NOUNS.iter().any(|n| text.to_lowercase().ends_with(n)) {
                return capitalised(&text);
            }
        }
    }
    w.iter()
        .find(|(_, x)| WHO_NOUNS.contains(&x.as_str()))
        .map_or_else(|| "People".to_string(), |(_, x)| capitalised(x))
}

/// How many moved: the count nearest before the movement word, else the first after it;
/// never a count of things ("40 buses").
fn people(said: &str, trigger: usize) -> Count {
    let counts = people_counts(said);
    counts
        .iter()
        .rev()
        .find(|c| c.span.end <= trigger)
        .or_else(|| counts.first())
        .map(|c| c.count.clone())
        .unwrap_or_default()
}

/// What kind of total a sentence gives, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TotalKind {
    /// "In total", "so far": a total and nothing else.
    Stated,
    /// "More than 230,000 have crossed … since the invasion began": a running total, and a
    /// flow over that time.
    Running,
}

/// Nouns that make a count one of things, not of people.
const THINGS: &[&str] = &[
    "buses",
    "vehicles",
    "cars",
    "trucks",
    "lorries",
    "homes",
    "houses",
    "buildings",
    "acres",
    "hectares",
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "metres",
    "tonnes",
    "tons",
    "dollars",
    "euros",
    "pounds",
    "percent",
    "per",
    "villages",
    "tents",
    "schools",
    "day",
    "days",
    "week",
    "year",
    "meals",
    "weeks",
    "months",
    "years",
    "hours",
    "flights",
    "trains",
    "boats",
    "rounds",
    "shells",
    "rockets",
    "missiles",
    "drones",
    "times",
];

/// The counts of people in a sentence: those not followed (within two words) by a noun for
/// things.
pub fn people_counts(said: &str) -> Vec<super::counts::FoundCount> {
    counts_in(said)
        .into_iter()
        .filter(|c| {
            !words(&said[c.span.end..])
                .iter()
                .take(2)
                .any(|(_, w)| THINGS.contains(&w.as_str()))
        })
        .collect()
}

/// Whether a sentence gives a total, and which kind.
pub fn total_kind(said: &str) -> Option<TotalKind> {
    let lower = said.to_lowercase();
    let counted = !counts_in(said).is_empty() && move_word(&words(said), true).is_some();
    if !counted {
        return None;
    }
    // "In total, …", "So far, …" open the sentence; "the highest figure so far" is no total.
    let opening: String = words(said)
        .iter()
        .take(4)
        .map(|(_, w)| w.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    if TOTAL_CUES.iter().any(|c| opening.starts_with(c)) || lower.contains("a total of") {
        return Some(TotalKind::Stated);
    }
    let perfect = lower.contains(" have ") || lower.contains(" has ");
    (lower.contains(" since ") && perfect).then_some(TotalKind::Running)
}

/// Totals by ordinal ("the third time … over the past three days"): each ordinal with the
/// span that follows it.
pub fn ordinal_totals(
    said: &str,
    sentence: usize,
    to: usize,
    published: PartialDate,
) -> Vec<FoundTotal> {
    let w = words(said);
    let ctx = DateContext {
        published,
        year: None,
    };
    let spans: Vec<FoundDate> = dates_in(said, &ctx)
        .dates
        .into_iter()
        .filter(|d| d.end.is_some())
        .collect();
    let mut out = Vec::new();
    for (i, (r, x)) in w.iter().enumerate() {
        let Some(&(_, n)) = ORDINALS.iter().find(|(o, _)| o == x) else {
            continue;
        };
        if !w
            .get(i + 1)
            .is_some_and(|(_, next)| CASE_NOUNS.contains(&next.as_str()))
        {
            continue;
        }
        let Some(d) = spans.iter().find(|d| d.span.start > r.start) else {
            continue;
        };
        out.push(FoundTotal {
            sentences: sentence..sentence + 1,
            to,
            cases: Some(n),
            people: Count::default(),
            start: d.start,
            end: d.end.unwrap_or(published),
            note: d.note.clone().unwrap_or_default(),
        });
    }
    out
}

/// The sentences' spans joined: the verbatim text from the first to the last.
pub fn quote_of(text: &str, sentences: &[Sentence], range: &Range<usize>) -> String {
    let a = sentences[range.start].span.start;
    let b = sentences[range.end - 1].span.end;
    text[a..b].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn movement_words_need_refugees_where_they_are_plain() {
        assert!(move_word(&words("More than 1,000 soldiers fled to Tajikistan."), true).is_some());
        assert!(move_word(&words("The minister arrived in Paris."), false).is_none());
        assert!(move_word(&words("Refugees arrived in Adré."), false).is_some());
        assert!(move_word(&words("Nearly 15,000 people entered Moldova."), true).is_some());
    }

    #[test]
    fn who_and_how_many() {
        let s = "More than 1,000 Afghan soldiers have fled to neighbouring Tajikistan.";
        let w = words(s);
        let t = move_word(&w, true).expect("fled");
        assert_eq!(who(s, &w, t), "Afghan soldiers");
        let c = people(s, w[t].0.start);
        assert_eq!(
            (c.low, c.text.as_deref()),
            (Some(1000), Some("More than 1,000"))
        );
        let s = "Families crossed the river.";
        let w = words(s);
        assert_eq!(
            who(s, &w, move_word(&w, false).expect("crossed")),
            "Families"
        );
        assert!(people(s, 9).is_unknown());
    }

    #[test]
    fn ordinals_with_their_spans() {
        let s = "The retreat is the third time Afghan soldiers have fled to Tajikistan over the past three days and the fifth case over the past fortnight.";
        let t = ordinal_totals(s, 0, 0, PartialDate::ymd(2021, 7, 5));
        let got: Vec<(Option<u32>, String, String)> = t
            .iter()
            .map(|t| (t.cases, t.start.to_string(), t.end.to_string()))
            .collect();
        assert_eq!(
            got,
            [
                (Some(3), "2021-07-03".into(), "2021-07-05".into()),
                (Some(5), "2021-06-22".into(), "2021-07-05".into())
            ]
        );
    }
}
