//! The walk through the article: for each sentence its date (its own, its dated heading's, or
//! the recent past for news in the present perfect), its kind of event, its places and its
//! counts. Events and movements are read off the result.
//!
//! The rules for a sentence with no date of its own, in order:
//! 1. under a dated heading ("24 February 2022"), the heading's date;
//! 2. the date of the sentence before it in the same paragraph;
//! 3. in the present perfect ("have fled", "has risen") or reporting speech ("told the BBC")
//!    outside a timeline, the month of publication: news reports what has just happened;
//! 4. the date of the sentence before it in the paragraph before;
//! 5. else none, and it is no event; unless a later sentence dates it (see
//!    [`super::later_dates`]).

use super::counts::counts_in;
use super::dates::{DateContext, FoundDate, dates_in};
use super::kinds::{TRIGGERS, kind_of};
use super::later_dates::date_from_later;
use super::places::Namings;
use super::text::{Sentence, words};
use crate::model::{Count, DateSource, EventKind, PartialDate, Place, PlaceKind};

/// Headings that open a timeline section.
const TIMELINE_HEADINGS: &[&str] = &[
    "what happened when",
    "timeline",
    "key dates",
    "key events",
    "chronology",
    "in dates",
    "unfolded",
    "how it happened",
];

/// Auxiliaries that, before a past participle, make the present perfect.
const PERFECT: &[&str] = &["have", "has", "haven't", "hasn't"];

/// Words that may stand between the auxiliary and the participle ("have also been").
const ADVERBS: &[&str] = &[
    "also",
    "already",
    "now",
    "just",
    "since",
    "reportedly",
    "recently",
    "not",
    "never",
    "all",
    "both",
    "still",
    "so",
    "far",
    "largely",
    "mostly",
    "repeatedly",
];

/// Participles that do not end in -ed or -en.
const PARTICIPLES: &[&str] = &[
    "been", "left", "fled", "seen", "lost", "made", "said", "told", "come", "gone", "become",
    "begun", "run", "fought", "struck", "brought", "held", "sent", "met", "led", "built", "cut",
    "put", "set", "hit", "won", "sought", "taken", "given", "done", "spent", "paid",
];

/// Verbs that report speech: said in a news report, they were said in the days before it.
const REPORTING: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "announced",
    "announces",
    "insisted",
    "insists",
    "warned",
    "warns",
    "added",
    "reported",
    "confirmed",
    "stated",
    "claimed",
];

/// What the walk learnt about one sentence.
#[derive(Debug, Clone, Default)]
pub struct Reading {
    /// Its date, however it was found.
    pub date: Option<FoundDate>,
    /// The kind of event its trigger words point to, with their total weight.
    pub kind: Option<(EventKind, u32)>,
    /// Places named in it (indexes into the places), most specific first.
    pub places: Vec<usize>,
    /// Its paragraph's places, for a sentence that names none.
    pub paragraph_places: Vec<usize>,
    /// Counts of people in it.
    pub counts: Vec<Count>,
    /// A heading just above it in a timeline ("First air strikes"), to title it.
    pub heading: Option<String>,
    /// Part of a timeline section.
    pub in_timeline: bool,
    /// The article's headline, dateline or byline: never an event.
    pub front_matter: bool,
}

/// The walk's result.
#[derive(Debug, Clone, Default)]
pub struct Walk {
    pub readings: Vec<Reading>,
    /// Dates that contradict themselves, in words.
    pub contradictions: Vec<String>,
}

/// Reads every sentence of `text`.
pub fn walk(
    text: &str,
    sentences: &[Sentence],
    places: &[Place],
    namings: &Namings,
    published: PartialDate,
    dateline: Option<&str>,
) -> Walk {
    let mut out = Walk::default();
    let mut section: Option<FoundDate> = None;
    let mut heading: Option<String> = None;
    let mut in_timeline = false;
    let mut last_date: Option<(usize, FoundDate)> = None;
    for (i, s) in sentences.iter().enumerate() {
        let said = &text[s.span.clone()];
        let ctx = DateContext {
            published,
            year: section.as_ref().map(|d| d.start.year),
        };
        let found = dates_in(said, &ctx);
        out.contradictions.extend(found.contradictions);
        // The headline is the first line, or the second under a dateline.
        let headline =
            i == 0 || (i == 1 && s.heading && dateline == Some(&text[sentences[0].span.clone()]));
        let mut r = Reading {
            front_matter: headline || dateline == Some(said) || is_byline(said),
            in_timeline,
            ..Reading::default()
        };
        if is_timeline_heading(said) && !r.front_matter {
            in_timeline = true;
            section = None;
            last_date = None;
            r.front_matter = true;
            out.readings.push(r);
            continue;
        }
        if s.heading && !r.front_matter {
            if is_date_heading(said, &found.dates) {
                section = found.dates.first().cloned();
                r.front_matter = true;
                heading = None;
            } else if in_timeline && kind_of(said).is_none_or(|(_, _)| words(said).len() <= 6) {
                heading = Some(said.to_string());
                r.front_matter = true;
            }
            if r.front_matter {
                out.readings.push(r);
                continue;
            }
        }
        r.places = ordered(places, &namings.places_in(i));
        r.counts = counts_in(said).into_iter().map(|c| c.count).collect();
        r.kind = weighed_kind(said);
        r.heading = heading.take();
        let own = sharpest(of_the_event(said, found.dates));
        let has_own = own.is_some();
        let before = |paragraphs: usize| {
            last_date
                .as_ref()
                .filter(|(p, _)| *p + paragraphs >= s.paragraph)
                .map(|(_, d)| from_before(d))
        };
        r.date = own
            .or_else(|| under_heading(section.as_ref()))
            .or_else(|| before(0))
            .or_else(|| (!in_timeline && perfect(said)).then(|| recent(published)))
            .or_else(|| before(1));
        // Only a date the sentence gives itself dates the sentences after it: an inherited
        // date never runs on from paragraph to paragraph.
        if let (true, Some(d)) = (has_own, &r.date) {
            last_date = Some((s.paragraph, d.clone()));
        }
        if in_timeline && s.heading {
            last_date = None;
        }
        out.readings.push(r);
    }
    fill_paragraph_places(sentences, &mut out.readings);
    date_from_later(text, sentences, &mut out.readings, published);
    out
}

/// The dates of what happened, without the date of the report ("…, officials said on
/// Tuesday"), unless that is the only one.
fn of_the_event(said: &str, dates: Vec<FoundDate>) -> Vec<FoundDate> {
    let reported = |d: &FoundDate| {
        let before = words(&said[..d.span.start]);
        let n = before.len();
        let near = &before[n.saturating_sub(2)..];
        near.iter().any(|(_, w)| REPORTING.contains(&w.as_str()))
    };
    if dates.iter().all(reported) {
        return dates;
    }
    dates.into_iter().filter(|d| !reported(d)).collect()
}

/// The sentence's date: its first, unless a later one falls inside it and is sharper ("last
/// year, … in August" is August of last year).
fn sharpest(dates: Vec<FoundDate>) -> Option<FoundDate> {
    let mut it = dates.into_iter();
    let mut best = it.next()?;
    let span = |d: &FoundDate| {
        let end = d.end.unwrap_or(d.start);
        (d.start.first_day_number(), end.last_day_number())
    };
    for d in it {
        let (a, b) = span(&best);
        let (c, e) = span(&d);
        if a <= c && e <= b && e - c < b - a {
            best = d;
        }
    }
    Some(best)
}

/// A heading that opens a timeline ("Twenty years of conflict – what happened when?"): short,
/// and with one of the timeline phrases.
fn is_timeline_heading(said: &str) -> bool {
    let lower = said.to_lowercase();
    words(said).len() <= 14 && TIMELINE_HEADINGS.iter().any(|h| lower.contains(h))
}

/// The kind and the weight of its triggers.
fn weighed_kind(said: &str) -> Option<(EventKind, u32)> {
    let (kind, fired) = kind_of(said)?;
    let weight = TRIGGERS
        .iter()
        .filter(|(p, k, _)| *k == kind && fired.contains(p))
        .map(|(_, _, w)| u32::from(*w))
        .sum();
    Some((kind, weight))
}

/// A heading that is a date and little else ("24 February 2022", "March 2011").
fn is_date_heading(said: &str, dates: &[FoundDate]) -> bool {
    let Some(d) = dates.first() else { return false };
    let rest = words(&format!("{}{}", &said[..d.span.start], &said[d.span.end..])).len();
    rest <= 2
}

fn is_byline(said: &str) -> bool {
    said.starts_with("By ") && words(said).len() <= 8
}

/// The date of a dated heading, for the items under it.
fn under_heading(section: Option<&FoundDate>) -> Option<FoundDate> {
    let d = section?;
    Some(FoundDate {
        note: Some(format!("From the timeline's heading {}", d.start.human())),
        span: 0..0,
        ..d.clone()
    })
}

/// The present perfect ("have fled", "has also been shelled"), or speech reported in the
/// news ("told the BBC", "officials said"): both tell of the days before publication.
fn perfect(said: &str) -> bool {
    let w = words(said);
    let participle = |x: &str| x.ends_with("ed") || x.ends_with("en") || PARTICIPLES.contains(&x);
    let perfect = (0..w.len()).any(|i| {
        if !PERFECT.contains(&w[i].1.as_str()) {
            return false;
        }
        let mut k = i + 1;
        while w.get(k).is_some_and(|x| ADVERBS.contains(&x.1.as_str())) {
            k += 1;
        }
        w.get(k).is_some_and(|x| participle(&x.1))
    });
    perfect || w.iter().any(|x| REPORTING.contains(&x.1.as_str()))
}

/// The month of publication, for what the article reports as just done.
pub(super) fn recent(p: PartialDate) -> FoundDate {
    FoundDate {
        start: PartialDate { day: None, ..p },
        end: None,
        source: DateSource::ArticleContext,
        note: Some(format!(
            "No date given; reported as recent in the article published on {}",
            p.human()
        )),
        span: 0..0,
    }
}

/// The date of the sentence before, for one that gives none.
fn from_before(d: &FoundDate) -> FoundDate {
    let note = match (&d.note, d.source) {
        (Some(n), _) => format!("No date of its own; as the sentence before: {n}"),
        (None, _) => format!(
            "No date of its own; the sentence before gives {}",
            d.start.human()
        ),
    };
    FoundDate {
        note: Some(note),
        source: DateSource::ArticleContext,
        span: 0..0,
        ..d.clone()
    }
}

/// Most specific first: sites, towns, provinces, then regions and countries; the order of
/// naming within each.
fn ordered(places: &[Place], named: &[usize]) -> Vec<usize> {
    let rank = |k: PlaceKind| match k {
        PlaceKind::Site => 0,
        PlaceKind::City => 1,
        PlaceKind::Border => 2,
        PlaceKind::Province => 3,
        PlaceKind::Region => 4,
        PlaceKind::Country => 5,
    };
    let mut out = named.to_vec();
    out.sort_by_key(|&p| rank(places[p].kind));
    out
}

/// Each paragraph's places, for its sentences that name none.
fn fill_paragraph_places(sentences: &[Sentence], readings: &mut [Reading]) {
    let mut start = 0;
    while start < readings.len() {
        let para = sentences[start].paragraph;
        let end = (start..readings.len())
            .find(|&k| sentences[k].paragraph != para)
            .unwrap_or(readings.len());
        let mut all: Vec<usize> = Vec::new();
        for r in &readings[start..end] {
            for &p in &r.places {
                if !all.contains(&p) {
                    all.push(p);
                }
            }
        }
        for r in &mut readings[start..end] {
            r.paragraph_places = all.clone();
        }
        start = end;
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::builder::text::sentences;

    /// Each sentence's date as the walk finds it (other test modules of the builder use it).
    pub(in crate::builder) fn dates_of(text: &str, published: PartialDate) -> Vec<Option<String>> {
        let s = sentences(text);
        let n = Namings::find(text, &s, &[]);
        walk(text, &s, &[], &n, published, None)
            .readings
            .iter()
            .map(|r| r.date.as_ref().map(|d| d.start.to_string()))
            .collect()
    }

    #[test]
    fn a_dated_heading_dates_the_items_under_it() {
        let t = "Headline\n\nHow the war unfolded - key dates\n\n24 February 2022\n\nRussian troops cross the border.\n\n2 March 2022\n\nKherson falls.\n";
        let d = dates_of(t, PartialDate::ymd(2022, 3, 7));
        assert_eq!(
            d,
            [
                None,
                None,
                None,
                Some("2022-02-24".into()),
                None,
                Some("2022-03-02".into())
            ]
        );
    }

    #[test]
    fn present_perfect_is_recent_and_a_dateless_sentence_takes_the_one_before() {
        let t = "Headline\n\nThousands have fled the town. Russia on Monday closed its consulate. Its envoy left the city.\n\nThe Taliban took power after a civil war.\n\nIts leaders left.";
        let d = dates_of(t, PartialDate::ymd(2021, 7, 5));
        // The paragraph after takes the last date a sentence gave; the one after that, none:
        // an inherited date does not run on.
        assert_eq!(
            d,
            [
                None,
                Some("2021-07".into()),
                Some("2021-07-05".into()),
                Some("2021-07-05".into()),
                Some("2021-07-05".into()),
                None
            ]
        );
    }
}
