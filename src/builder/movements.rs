//! Movements across borders: a sentence about people fleeing, crossing or seeking refuge,
//! with a destination in another country, becomes a crossing: from where (a place named after
//! "from", else one named in the sentence in another country, else the article's main
//! country), to where, who, and how many as vague as the words. Totals ("In total, nearly
//! 1,600 soldiers have crossed", "the fifth case over the past fortnight") become totals.

use std::ops::Range;

use super::counts::counts_in;
use super::dates::{DateContext, FoundDate, dates_in};
use super::extract::Reading;
use super::found::{Found, Prior};
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
    ("travelled", true),
    ("traveled", true),
    ("travelling", true),
    ("traveling", true),
    ("taken in", true),
    ("took in", true),
    ("welcomed", true),
    ("applied for asylum", false),
    ("sought asylum", false),
    ("claimed asylum", false),
    ("came through", false),
    ("waded", true),
    ("swam", true),
    ("walked", true),
    ("trekked", true),
    ("paddled", true),
    ("sailed", true),
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
pub(super) const TERRITORY: &[&str] = &[
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

/// Words of intent: a place after them is where people plan to go, not where they went.
pub(super) const INTENT: &[&str] = &[
    "plan", "plans", "planned", "planning", "hope", "hoped", "hoping", "intend", "intended",
    "will", "would", "could", "might", "want", "wanted",
];

/// Words that open a clause of its own: a place after them is not where people went.
pub(super) const CLAUSES: &[&str] = &[
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
    /// How `to` was chosen, when the sentence's own destination is not in the gazetteer.
    pub to_basis: Option<String>,
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

/// Words before "crossing" that make it a place, not a movement ("the Jousieh crossing").
const CROSSING_NOUN_BEFORE: &[&str] = &[
    "the", "a", "an", "this", "that", "border", "official", "main", "busy", "its", "their",
];

/// Whether word `i` is "crossing(s)" naming a place: after a determiner or a name, or before
/// "point" or "post" ("a crossing point").
fn crossing_noun(said: &str, w: &[(Range<usize>, String)], i: usize) -> bool {
    if !matches!(w[i].1.as_str(), "crossing" | "crossings") {
        return false;
    }
    let before = i.checked_sub(1).map(|j| &w[j]);
    let named = before.is_some_and(|(r, x)| {
        CROSSING_NOUN_BEFORE.contains(&x.as_str())
            || said[r.clone()].starts_with(char::is_uppercase)
                && !said[..r.start].trim_end().is_empty()
    });
    let post = w
        .get(i + 1)
        .is_some_and(|(_, x)| matches!(x.as_str(), "point" | "points" | "post" | "posts"));
    named || post
}

/// Whether the words hold a movement word (with a word for refugees, or a count of people,
/// where one is needed: "nearly 15,000 people entered Moldova"); the index of the first.
pub(super) fn move_word(said: &str, w: &[(Range<usize>, String)], counted: bool) -> Option<usize> {
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
        !crossing_noun(said, w, i)
            && MOVE_WORDS
                .iter()
                .any(|&(m, needs)| has(m, i) && (!needs || refugees))
    })
}

/// Whether a sentence tells of people on the move in numbers ("About 3,000 more people
/// reached Kagunga by boat"), whether or not its ends are known.
pub fn tells_of_flight(said: &str) -> bool {
    !people_counts(said).is_empty() && move_word(said, &words(said), true).is_some()
}

/// The crossings of one sentence: one per destination country.
pub fn crossings_in(
    said: &str,
    sentence: usize,
    reading: &Reading,
    namings: &Namings,
    span_start: usize,
    countries: &Countries<'_>,
    prior: Prior,
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
        let Some((from, from_basis)) = found.origin(to_country, prior) else {
            continue;
        };
        out.push(FoundMove {
            sentence,
            from,
            to,
            from_basis,
            to_basis: None,
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
    if !found.destinations().is_empty() || found.named.iter().any(|n| !n.adjective) {
        return None;
    }
    let to = &countries.places[before.to].name;
    Some(FoundMove {
        sentence,
        from: before.from,
        to: before.to,
        from_basis: format!("No place named: taken as the crossing to {to} of the sentence before"),
        to_basis: None,
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

/// Who moved: the words between the count and the movement word ("Afghan soldiers"), else
/// the first people noun, else "People".
pub(super) fn who(said: &str, w: &[(Range<usize>, String)], trigger: usize) -> String {
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
pub(super) fn people(said: &str, trigger: usize) -> Count {
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
    let counted = !counts_in(said).is_empty() && move_word(said, &words(said), true).is_some();
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
    let perfect = lower.contains(" have ") || lower.contains(" has ") || lower.contains(" had ");
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
        let found = |s: &str, counted: bool| move_word(s, &words(s), counted).is_some();
        assert!(found("More than 1,000 soldiers fled to Tajikistan.", true));
        assert!(!found("The minister arrived in Paris.", false));
        assert!(found("Refugees arrived in Adré.", false));
        assert!(found("Nearly 15,000 people entered Moldova.", true));
        assert!(found(
            "Lebanon had taken in about 1.5 million Syrians.",
            true
        ));
        assert!(found(
            "About 8,000 Nicaraguans have applied for asylum in Costa Rica.",
            true
        ));
    }

    #[test]
    fn a_crossing_that_is_a_place_is_no_movement() {
        let found = |s: &str| move_word(s, &words(s), false).is_some();
        assert!(!found(
            "An air strike hit near the Jousieh crossing outside Qusayr."
        ));
        assert!(!found("Queues formed at the border crossing."));
        assert!(!found("Guards closed a crossing point."));
        assert!(found("People were crossing into Syria."));
        assert!(found("After crossing the river, they rested."));
    }

    #[test]
    fn flight_in_numbers_with_no_ends_known() {
        assert!(tells_of_flight(
            "About 3,000 more people reached Kagunga by boat."
        ));
        assert!(!tells_of_flight("People reached Kagunga by boat."));
        assert!(!tells_of_flight("About 3,000 people live in Kagunga."));
    }

    #[test]
    fn who_and_how_many() {
        let s = "More than 1,000 Afghan soldiers have fled to neighbouring Tajikistan.";
        let w = words(s);
        let t = move_word(s, &w, true).expect("fled");
        assert_eq!(who(s, &w, t), "Afghan soldiers");
        let c = people(s, w[t].0.start);
        assert_eq!(
            (c.low, c.text.as_deref()),
            (Some(1000), Some("More than 1,000"))
        );
        let s = "Families crossed the river.";
        let w = words(s);
        assert_eq!(
            who(s, &w, move_word(s, &w, false).expect("crossed")),
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
