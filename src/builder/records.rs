//! The story's records read off the walk: crossings and totals ([`MoveFinder`]), events (one
//! per dated sentence that reports something at a place), their titles and their ids.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::extract::Walk;
use super::found::Prior;
use super::movements::{
    Countries, FoundMove, FoundTotal, TotalKind, continued, crossings_in, destination_in,
    ordinal_totals, people_counts, quote_of, tells_of_flight, total_kind,
};
use super::places::Namings;
use super::text::{Sentence, capitalised, words};
use super::unplaced::{unplaced_arrival, usual_destination};
use crate::model::{
    Crossing, CrossingsFile, DateSource, Event, EventKind, PartialDate, Place, Total,
};
use crate::spatial::geocode::slug;

/// A running total over at most this many days ("since Saturday", "since March") is a
/// crossing as well.
const RUNNING_CROSSING_DAYS: i64 = 366;

/// How much trigger weight makes a sentence an event (see [`super::kinds::TRIGGERS`]).
const MIN_WEIGHT: u32 = 1;

/// The walk over the sentences that finds crossings and totals, each sentence in the light
/// of the ones before (a total gives its count to the cases the sentence before counted; a
/// movement with no place continues the paragraph's crossing).
pub(super) struct MoveFinder<'a> {
    pub text: &'a str,
    pub sents: &'a [Sentence],
    pub read: &'a Walk,
    pub namings: &'a Namings,
    pub ctx: &'a Countries<'a>,
    pub published: PartialDate,
    /// Names that looked like places but matched none ("Kagunga").
    pub unplaced: &'a [String],
    moves: Vec<FoundMove>,
    totals: Vec<FoundTotal>,
    /// Sentences that tell of people fleeing in numbers with no crossing found ("About
    /// 3,000 more people reached Kagunga by boat"): events of flight all the same.
    pub flights: HashSet<usize>,
}

impl<'a> MoveFinder<'a> {
    pub fn new(
        text: &'a str,
        sents: &'a [Sentence],
        read: &'a Walk,
        namings: &'a Namings,
        ctx: &'a Countries<'a>,
        published: PartialDate,
        unplaced: &'a [String],
    ) -> Self {
        Self {
            text,
            sents,
            read,
            namings,
            ctx,
            published,
            unplaced,
            moves: Vec::new(),
            totals: Vec::new(),
            flights: HashSet::new(),
        }
    }

    /// Crossings and totals, sentence by sentence; and the sentences of flight with no
    /// crossing.
    pub fn run(mut self) -> (Vec<FoundMove>, Vec<FoundTotal>, HashSet<usize>) {
        for i in 0..self.sents.len() {
            if !self.read.readings[i].front_matter {
                self.sentence(i);
            }
        }
        self.crossings_to_unplaced();
        (self.moves, self.totals, self.flights)
    }

    /// Sentences of flight to a place the gazetteer lacks become crossings to the country
    /// the article's crossings usually reach (see [`super::unplaced`]).
    fn crossings_to_unplaced(&mut self) {
        let to = usual_destination(&self.moves, self.ctx);
        let mut flights: Vec<usize> = self.flights.iter().copied().collect();
        flights.sort_unstable();
        for i in flights {
            let (s, r) = (&self.sents[i], &self.read.readings[i]);
            let said = &self.text[s.span.clone()];
            let (namings, ctx, prior) = (self.namings, self.ctx, self.prior());
            let found = unplaced_arrival(
                self.text,
                said,
                i,
                r,
                namings,
                s.span.start,
                ctx,
                prior,
                self.unplaced,
                to,
            );
            if let Some(m) = found {
                self.moves.push(m);
                self.flights.remove(&i);
            }
        }
        self.moves.sort_by_key(|m| m.sentence);
    }

    fn sentence(&mut self, i: usize) {
        let (s, r) = (&self.sents[i], &self.read.readings[i]);
        let said = &self.text[s.span.clone()];
        let (namings, ctx) = (self.namings, self.ctx);
        let mut found = crossings_in(said, i, r, namings, s.span.start, ctx, self.prior());
        let before = self
            .moves
            .last()
            .filter(|m| self.sents[m.sentence].paragraph == s.paragraph);
        if let (true, Some(prev)) = (found.is_empty(), before) {
            found.extend(continued(said, i, r, namings, s.span.start, ctx, prev));
        }
        let last_to = destination_in(said, i, namings, s.span.start, ctx)
            .or_else(|| self.moves.last().map(|m| m.to));
        let ordinal = last_to
            .map(|to| ordinal_totals(said, i, to, self.published))
            .unwrap_or_default();
        match (ordinal.is_empty(), total_kind(said)) {
            (false, _) => self.totals.extend(ordinal),
            (true, Some(kind)) => {
                self.total(i, last_to);
                // "have crossed … since Saturday" is a crossing too; "had taken in about 1.5
                // million since the war began in 2011" is a total only.
                let published = self.published.last_day_number();
                let brief = |m: &FoundMove| {
                    published - m.date.start.first_day_number() <= RUNNING_CROSSING_DAYS
                };
                if kind == TotalKind::Running {
                    self.moves.extend(found.into_iter().filter(brief));
                }
            }
            (true, None) if found.is_empty() && tells_of_flight(said) => {
                self.flights.insert(i);
            }
            (true, None) => self.moves.extend(found),
        }
    }

    /// What the crossings so far tell about the next: where they usually came from, and
    /// where the last went.
    fn prior(&self) -> Prior {
        // Origins by country: "from Kirundo" says Burundi for the next crossing, not Kirundo.
        let places = self.ctx.places;
        let country = |p: usize| {
            let code = &places[p].country;
            let own = self
                .ctx
                .ranked
                .iter()
                .find(|&&c| places[c].country == *code);
            own.copied().unwrap_or(p)
        };
        let mut counts: HashMap<usize, usize> = HashMap::new();
        for m in &self.moves {
            *counts.entry(country(m.from)).or_default() += 1;
        }
        // The most frequent origin; of equals, the one seen last.
        let usual_from = self
            .moves
            .iter()
            .map(|m| country(m.from))
            .max_by_key(|f| counts[f]);
        Prior {
            usual_from,
            last_to: self.moves.last().map(|m| m.to),
        }
    }

    /// A total sentence: gives its count to the ordinal total of the sentence before, or
    /// stands as a total of its own.
    fn total(&mut self, i: usize, last_to: Option<usize>) {
        let s = &self.sents[i];
        let said = &self.text[s.span.clone()];
        let people = people_counts(said)
            .into_iter()
            .next()
            .map(|c| c.count)
            .unwrap_or_default();
        let sents = self.sents;
        if let Some(t) = self
            .totals
            .last_mut()
            .filter(|t| t.sentences.end == i && sents[t.sentences.start].paragraph == s.paragraph)
        {
            t.people = people;
            t.sentences.end = i + 1;
            t.note = format!("{}; the total is read as that of these cases", t.note);
            return;
        }
        let Some(to) = last_to else {
            return;
        };
        let (start, end, note) = self.period(i, to);
        self.totals.push(FoundTotal {
            sentences: i..i + 1,
            to,
            cases: None,
            people,
            start,
            end,
            note,
        });
    }

    /// A total's period: the sentence's own range, else from the date it counts "since",
    /// else from the first crossing to `to` the article dates, until publication.
    fn period(&self, i: usize, to: usize) -> (PartialDate, PartialDate, String) {
        let r = &self.read.readings[i];
        let p = self.published;
        if let Some(d) = r.date.as_ref().filter(|d| d.end.is_some()) {
            return (
                d.start,
                d.end.unwrap_or(p),
                d.note.clone().unwrap_or_default(),
            );
        }
        // "… since the war in their country began in 2011": from that date to publication.
        let said = &self.text[self.sents[i].span.clone()];
        if let Some(d) = r
            .date
            .as_ref()
            .filter(|_| words(said).iter().any(|(_, w)| w == "since"))
        {
            let note = format!(
                "“since” the date the sentence gives, to publication on {}",
                p.human()
            );
            return (d.start, p, note);
        }
        let first = self
            .moves
            .iter()
            .filter(|m| m.to == to)
            .map(|m| m.date.start)
            .min()
            .unwrap_or(p);
        let note = format!(
            "No period given: from the first crossing the article dates to publication on {}",
            p.human()
        );
        (first, p, note)
    }
}

/// A sentence about the reporting itself ("It was not possible to verify the number of
/// casualties independently"): a verification denied, and no count of its own.
fn unverifiable(said: &str) -> bool {
    let w = words(said);
    let denied = w.iter().any(|(_, x)| {
        matches!(
            x.as_str(),
            "not" | "unable" | "cannot" | "couldn't" | "impossible"
        )
    });
    let verify = w.iter().any(|(_, x)| x.starts_with("verif"));
    denied && verify && people_counts(said).is_empty()
}

/// Words that open a sentence about what might happen, not what did.
const HYPOTHETICAL: &[&str] = &["if", "unless", "should", "were", "whether"];

/// A sentence about what might happen ("If the fighting reaches the centre, …"), once any
/// opening quotation mark is passed.
fn hypothetical(said: &str) -> bool {
    words(said)
        .first()
        .is_some_and(|(_, w)| HYPOTHETICAL.contains(&w.as_str()))
}

/// One event per dated sentence that reports something at a place, but for sentences that
/// only give a total (`totalled`, unless they tell of a crossing too).
pub(super) fn events_of(
    text: &str,
    sents: &[Sentence],
    read: &Walk,
    places: &[Place],
    main: Option<usize>,
    moved: &HashSet<usize>,
    totalled: &HashSet<usize>,
) -> (Vec<Event>, Vec<Range<usize>>) {
    let mut events = Vec::new();
    let mut spans = Vec::new();
    let mut ids = HashSet::new();
    for (i, (s, r)) in sents.iter().zip(&read.readings).enumerate() {
        // A sentence with a crossing is flight, whatever else its words say.
        let kind = match moved.contains(&i) {
            true => Some((EventKind::Refuge, 3)),
            false => r.kind,
        };
        let (Some(date), Some((kind, weight))) = (&r.date, kind) else {
            continue;
        };
        let said = &text[s.span.clone()];
        // A sentence that only sums up ("In total, nearly 1,600 …") is a total, not an event.
        let total_only = totalled.contains(&i) && !moved.contains(&i);
        if r.front_matter
            || weight < MIN_WEIGHT
            || hypothetical(said)
            || total_only
            || unverifiable(said)
        {
            continue;
        }
        let at: Vec<usize> = if !r.places.is_empty() {
            r.places.clone()
        } else if !r.paragraph_places.is_empty() {
            r.paragraph_places.clone()
        } else {
            main.into_iter().collect()
        };
        if at.is_empty() {
            continue;
        }
        let title = title_of(said, r.heading.as_deref());
        let id = unique_id(&mut ids, &format!("{}-{}", short_slug(&title), date.start));
        let people = people_counts(said).into_iter().next().map(|c| c.count);
        events.push(Event {
            id,
            title,
            date: date.start,
            date_source: date.source,
            date_note: date.note.clone(),
            end_date: date.end.filter(|e| *e != date.start),
            kind,
            places: at.iter().map(|&p| places[p].id.clone()).collect(),
            quote: said.to_string(),
            summary: None,
            people,
        });
        spans.push(s.span.clone());
    }
    (events, spans)
}

/// Crossings and totals as records.
pub(super) fn crossings_of(
    text: &str,
    sents: &[Sentence],
    found: &(Vec<FoundMove>, Vec<FoundTotal>),
    places: &[Place],
) -> (CrossingsFile, Vec<Range<usize>>) {
    let mut ids = HashSet::new();
    let mut spans = Vec::new();
    let crossings = found
        .0
        .iter()
        .map(|m| {
            spans.push(sents[m.sentence].span.clone());
            Crossing {
                id: unique_id(&mut ids, &format!("{}-{}", places[m.to].id, m.date.start)),
                date: m.date.start,
                date_source: m.date.source,
                date_note: m.date.note.clone(),
                end_date: m.date.end.filter(|e| *e != m.date.start),
                from: places[m.from].id.clone(),
                to: places[m.to].id.clone(),
                from_basis: Some(m.from_basis.clone()),
                from_quote: None,
                to_basis: m.to_basis.clone(),
                who: m.who.clone(),
                people: m.people.clone(),
                quote: text[sents[m.sentence].span.clone()].to_string(),
            }
        })
        .collect();
    let totals = found
        .1
        .iter()
        .map(|t| {
            spans.push(sents[t.sentences.start].span.start..sents[t.sentences.end - 1].span.end);
            Total {
                id: unique_id(&mut ids, &format!("total-{}-{}", places[t.to].id, t.start)),
                start: t.start,
                end: t.end,
                to: places[t.to].id.clone(),
                cases: t.cases,
                people: t.people.clone(),
                quote: quote_of(text, sents, &t.sentences),
                date_source: Some(DateSource::ArticleContext),
                date_note: Some(t.note.clone()),
            }
        })
        .collect();
    (CrossingsFile { crossings, totals }, spans)
}

/// The sentence's main clause, whole: past an opening phrase of time or place and a leading
/// "But" or "However", up to the first comma or semicolon that ends a clause. Narration uses
/// it uncut.
///
/// ```
/// use event_atlas::builder::story::main_clause;
/// assert_eq!(
///     main_clause("Early on Monday morning, RSF fighters attacked villages near El Fasher, witnesses said."),
///     "RSF fighters attacked villages near El Fasher"
/// );
/// ```
pub fn main_clause(said: &str) -> String {
    let clean: String = said
        .chars()
        .filter(|c| !matches!(c, '"' | '“' | '”'))
        .collect();
    let lead = ["But ", "However, ", "And ", "Meanwhile, ", "Also, "];
    let mut s = clean.trim();
    for l in lead {
        if let Some(rest) = s.strip_prefix(l) {
            s = rest;
        }
    }
    // The main clause: past an opening phrase of time or place ("Early on Monday morning,").
    // Clauses end at ", " (not at the comma of "20,000").
    let clauses: Vec<&str> = s
        .split(", ")
        .flat_map(|c| c.split("; "))
        .map(str::trim)
        .collect();
    let opening = |c: &str| {
        let first = c.split_whitespace().next().unwrap_or("").to_lowercase();
        let at_least = c.to_lowercase().starts_with("at least");
        OPENERS.contains(&first.as_str()) && !at_least && words(c).len() <= 6
    };
    let clause = match clauses.as_slice() {
        [first, second, ..] if opening(first) && words(second).len() >= 3 => *second,
        [first, ..] if words(first).len() >= 4 => *first,
        _ => s,
    };
    clause
        .trim_end_matches(['.', ',', ';', ':', '!', '?'])
        .to_string()
}

/// A short title from the sentence: the heading above it in a timeline, else its main clause
/// (to the first comma, at most ten words), without quotation marks.
///
/// ```
/// use event_atlas::builder::story::title_of;
/// assert_eq!(
///     title_of("More than 1,000 Afghan soldiers have fled to neighbouring Tajikistan after clashing with Taliban militants, officials have said.", None),
///     "More than 1,000 Afghan soldiers have fled to neighbouring Tajikistan"
/// );
/// assert_eq!(title_of("Kabul falls.", Some("Fall of Kabul")), "Fall of Kabul");
/// assert_eq!(
///     title_of("Early on Monday morning, RSF fighters attacked villages near El Fasher.", None),
///     "RSF fighters attacked villages near El Fasher"
/// );
/// ```
pub fn title_of(said: &str, heading: Option<&str>) -> String {
    if let Some(h) = heading {
        return h.trim().to_string();
    }
    let clause = main_clause(said);
    let all: Vec<&str> = clause.split_whitespace().collect();
    let taken = &all[..title_cut(&all)];
    let t = taken.join(" ");
    capitalised(t.trim_end_matches(['.', ',', ';', ':', '!', '?']))
}

/// The most words a title keeps.
const TITLE_WORDS: usize = 12;

/// Words that open a phrase a title may be cut before ("… to Tajikistan | after clashing …").
const BREAKS: &[&str] = &[
    "over",
    "after",
    "as",
    "while",
    "since",
    "when",
    "because",
    "before",
    "with",
    "against",
    "in",
    "on",
    "at",
    "to",
    "from",
    "for",
    "by",
    "into",
    "amid",
    "following",
    "during",
    "near",
    "and",
    "but",
];

/// Words a title must not end on.
const WEAK: &[&str] = &[
    "after", "and", "the", "of", "to", "in", "a", "an", "as", "by", "with", "for", "on", "at",
    "from", "that", "who", "have", "has", "had", "been", "be", "is", "are", "was", "were", "or",
    "but",
];

/// How many of a clause's words make its title: all of a short clause; else the longest
/// stretch of at most [`TITLE_WORDS`] that ends before a phrase opens ("before dawn", "after
/// clashing"), on a word that is neither weak nor a dangling "-ing" and does not cut a name.
fn title_cut(all: &[&str]) -> usize {
    if all.len() <= TITLE_WORDS {
        return all.len();
    }
    let lower = |w: &str| w.to_lowercase();
    let capital = |w: &str| w.starts_with(char::is_uppercase);
    let ends_well = |k: usize| {
        let last = lower(all[k - 1]);
        !WEAK.contains(&last.as_str()) && !last.ends_with("ing") && !last.ends_with(',')
    };
    let at_break = |k: usize| BREAKS.contains(&lower(all[k]).as_str());
    if let Some(k) = (4..=TITLE_WORDS)
        .rev()
        .find(|&k| at_break(k) && ends_well(k))
    {
        return k;
    }
    // No phrase opens in reach: cut at ten words, not inside a name nor on a weak word.
    let mut k = 10;
    while k > 3 && capital(all[k]) && capital(all[k - 1]) {
        k -= 1;
    }
    while k > 3 && WEAK.contains(&lower(all[k - 1]).as_str()) {
        k -= 1;
    }
    k
}

/// Words that open a phrase of time or place before the main clause.
const OPENERS: &[&str] = &[
    "early",
    "late",
    "on",
    "in",
    "last",
    "over",
    "by",
    "since",
    "after",
    "during",
    "at",
    "until",
    "earlier",
    "later",
    "overnight",
    "meanwhile",
    "yesterday",
    "today",
    "before",
    "according",
];

fn short_slug(title: &str) -> String {
    slug(title).split('-').take(5).collect::<Vec<_>>().join("-")
}

/// `base`, or `base-2`, `base-3` … if taken.
fn unique_id(ids: &mut HashSet<String>, base: &str) -> String {
    let mut id = base.to_string();
    let mut n = 2;
    while !ids.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_might_happen_is_no_event_and_titles_are_short() {
        assert!(hypothetical(
            "\"If the fighting reaches the centre, we expect more,\" she said."
        ));
        assert!(hypothetical("Should talks fail, the army will advance."));
        assert!(!hypothetical("Fighting reached the centre on Monday."));
        assert!(unverifiable(
            "It was not possible to verify the number of casualties independently."
        ));
        assert!(!unverifiable(
            "At least 34 were killed, a figure that could not be verified."
        ));
        let t = title_of(
            "The RSF and allied Arab militias overran much of El Geneina in June 2023.",
            None,
        );
        // A short clause is whole, and a name is not cut in two ("El | Geneina").
        assert_eq!(
            t,
            "The RSF and allied Arab militias overran much of El Geneina"
        );
        // A long one is cut where a phrase opens, never on "been" or a dangling "-ing".
        let t = title_of(
            "Human rights groups say more than 280 people have been killed in Nicaragua since April.",
            None,
        );
        assert_eq!(
            t,
            "Human rights groups say more than 280 people have been killed"
        );
        let t = title_of(
            "The unrest began in Managua on 18 April with small street protests against cuts to pensions.",
            None,
        );
        assert_eq!(
            t,
            "The unrest began in Managua on 18 April with small street protests"
        );
        let t = title_of(
            "Thousands of residents waited for hours at the only working bakery in the old quarter of the city.",
            None,
        );
        assert!(t.split_whitespace().count() <= 12, "{t}");
        assert!(!t.ends_with(" the") && !t.ends_with(" of"), "{t}");
    }
}
