//! Counts of people as vague as their words: "more than 20,000" is a lower bound, "about 2,500"
//! a best guess, "nearly 400" an upper bound, "hundreds of thousands" at least 200,000. The
//! words and what they mean are the tables below; nothing else decides.

use std::ops::Range;

use crate::model::Count;

/// Which bound a qualifier sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bound {
    Low,
    Best,
    High,
}

/// Qualifiers before a number, longest first, and the bound each sets.
const QUALIFIERS: &[(&str, Bound)] = &[
    ("no fewer than", Bound::Low),
    ("in excess of", Bound::Low),
    ("upwards of", Bound::Low),
    ("more than", Bound::Low),
    ("just over", Bound::Low),
    ("at least", Bound::Low),
    ("over", Bound::Low),
    ("an estimated", Bound::Best),
    ("approximately", Bound::Best),
    ("roughly", Bound::Best),
    ("around", Bound::Best),
    ("about", Bound::Best),
    ("some", Bound::Best),
    ("just under", Bound::High),
    ("fewer than", Bound::High),
    ("less than", Bound::High),
    ("as many as", Bound::High),
    ("up to", Bound::High),
    ("at most", Bound::High),
    ("almost", Bound::High),
    ("nearly", Bound::High),
    ("under", Bound::High),
];

/// Number words.
const WORDS: &[(&str, u64)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("fifteen", 15),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("hundred", 100),
    ("a hundred", 100),
    ("a thousand", 1_000),
    ("a million", 1_000_000),
    ("half a million", 500_000),
    ("a quarter of a million", 250_000),
];

/// Scale words after a number ("two million", "1.5 million").
const SCALES: &[(&str, u64)] = &[
    ("hundred", 100),
    ("thousand", 1_000),
    ("million", 1_000_000),
    ("billion", 1_000_000_000),
];

/// Plural amounts with no number: at least two of the unit, "tens of" / "hundreds of" times
/// more ("hundreds of thousands" is at least 200,000).
const PLURALS: &[(&str, u64)] = &[
    ("dozens", 12),
    ("tens", 10),
    ("hundreds", 100),
    ("thousands", 1_000),
    ("millions", 1_000_000),
];

/// A count found in a sentence, with the words it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundCount {
    pub count: Count,
    /// Byte range of its words in the sentence.
    pub span: Range<usize>,
}

/// Every count of the sentence, in order.
///
/// ```
/// use event_atlas::builder::counts_in;
/// let c = &counts_in("Nearly 1,600 soldiers have crossed the border.")[0].count;
/// assert_eq!((c.low, c.best, c.high), (None, None, Some(1600)));
/// assert_eq!(c.text.as_deref(), Some("Nearly 1,600"));
/// ```
pub fn counts_in(sentence: &str) -> Vec<FoundCount> {
    let words = words(sentence);
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let Some((value, vague, end)) = amount(sentence, &words, i) else {
            i += 1;
            continue;
        };
        let (bound, start) = qualifier(sentence, &words, i);
        let span = words[start].start..words[end - 1].end;
        let bound = match (vague, bound) {
            (true, Some(Bound::High)) => Bound::High,
            (true, _) => Bound::Low,
            (false, b) => b.unwrap_or(Bound::Best),
        };
        let mut count = Count {
            text: Some(sentence[span.clone()].to_string()),
            ..Count::default()
        };
        match bound {
            Bound::Low => count.low = Some(value),
            Bound::Best => count.best = Some(value),
            Bound::High => count.high = Some(value),
        }
        out.push(FoundCount { count, span });
        i = end;
    }
    out
}

/// Byte ranges of the words (letters, digits, and the commas and points inside numbers).
fn words(s: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    let b = s.as_bytes();
    for (i, c) in s.char_indices() {
        let inner = (c == ',' || c == '.')
            && i > 0
            && b[i - 1].is_ascii_digit()
            && b.get(i + 1).is_some_and(u8::is_ascii_digit);
        if c.is_alphanumeric() || inner {
            start.get_or_insert(i);
        } else if let Some(s0) = start.take() {
            out.push(s0..i);
        }
    }
    if let Some(s0) = start {
        out.push(s0..s.len());
    }
    out
}

/// The words `i..` joined in lower case, `n` of them (None past the end).
fn phrase(s: &str, words: &[Range<usize>], i: usize, n: usize) -> Option<String> {
    let w = words.get(i..i + n)?;
    Some(
        w.iter()
            .map(|r| s[r.clone()].to_lowercase())
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// The amount starting at word `i`: its value, whether it is a plural with no number
/// ("thousands"), and the word after it.
fn amount(s: &str, words: &[Range<usize>], i: usize) -> Option<(u64, bool, usize)> {
    let first = phrase(s, words, i, 1)?;
    if let Some(&(_, unit)) = PLURALS.iter().find(|(w, _)| *w == first) {
        // "hundreds of thousands": the second plural multiplies.
        if phrase(s, words, i + 1, 1).as_deref() == Some("of")
            && let Some(&(_, more)) =
                phrase(s, words, i + 2, 1).and_then(|w| PLURALS.iter().find(|(p, _)| *p == w))
        {
            return Some((2 * unit * more, true, i + 3));
        }
        return Some((2 * unit, true, i + 1));
    }
    let (value, next, spelled) = number(s, words, i)?;
    match phrase(s, words, next, 1).and_then(|w| SCALES.iter().find(|(x, _)| *x == w)) {
        Some(&(_, scale)) => Some(((value * scale as f64).round() as u64, false, next + 1)),
        // "one of them", "two sides": a small number in words is a count only with its scale.
        None if spelled && value < 10.0 => None,
        None if value.fract() == 0.0 => Some((value as u64, false, next)),
        None => None,
    }
}

/// A number in digits ("1,600", "1.5") or words ("two", "a thousand") at word `i`, the word
/// after it, and whether it was spelled out.
fn number(s: &str, words: &[Range<usize>], i: usize) -> Option<(f64, usize, bool)> {
    let w = &s[words.get(i)?.clone()];
    if w.starts_with(|c: char| c.is_ascii_digit()) {
        // A year ("in 2014") is a date, not a count; news writes counts of thousands with a
        // comma ("2,014").
        if w.len() == 4 && (1800..=2100).contains(&w.parse::<u32>().unwrap_or(0)) {
            return None;
        }
        // A day of a month ("6 May", "May 6") is a date too.
        let month = |k: Option<usize>| {
            k.and_then(|k| phrase(s, words, k, 1)).is_some_and(|m| {
                crate::model::MONTHS
                    .iter()
                    .any(|x| x.eq_ignore_ascii_case(&m))
            })
        };
        if w.len() <= 2 && (month(Some(i + 1)) || month(i.checked_sub(1))) {
            return None;
        }
        let plain: String = w.chars().filter(|&c| c != ',').collect();
        return Some((plain.parse().ok()?, i + 1, false));
    }
    for n in [5, 3, 2, 1] {
        if let Some(p) = phrase(s, words, i, n)
            && let Some(&(_, v)) = WORDS.iter().find(|(x, _)| *x == p)
        {
            return Some((v as f64, i + n, true));
        }
    }
    None
}

/// The qualifier ending just before word `i`, and the word it starts at.
fn qualifier(s: &str, words: &[Range<usize>], i: usize) -> (Option<Bound>, usize) {
    for &(q, bound) in QUALIFIERS {
        let n = q.split(' ').count();
        if i >= n
            && phrase(s, words, i - n, n).as_deref() == Some(q)
            && s[words[i - n].end..words[i].start]
                .chars()
                .all(|c| c.is_whitespace() || c.is_alphanumeric())
        {
            return (Some(bound), i - n);
        }
    }
    (None, i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> (Option<u64>, Option<u64>, Option<u64>, String) {
        let found = counts_in(s);
        assert_eq!(found.len(), 1, "{s}: {found:?}");
        let c = &found[0].count;
        (c.low, c.best, c.high, c.text.clone().unwrap_or_default())
    }

    #[test]
    fn each_wording_sets_its_own_bound() {
        let cases = [
            (
                "more than 20,000 people fled",
                (Some(20_000), None, None),
                "more than 20,000",
            ),
            (
                "about 2,500 refugees arrived",
                (None, Some(2_500), None),
                "about 2,500",
            ),
            (
                "nearly 400 soldiers crossed",
                (None, None, Some(400)),
                "nearly 400",
            ),
            (
                "nearly two million have fled",
                (None, None, Some(2_000_000)),
                "nearly two million",
            ),
            (
                "hundreds of thousands fled",
                (Some(200_000), None, None),
                "hundreds of thousands",
            ),
            (
                "at least 34 were killed",
                (Some(34), None, None),
                "at least 34",
            ),
            ("dozens were wounded", (Some(24), None, None), "dozens"),
            (
                "tens of thousands have left",
                (Some(20_000), None, None),
                "tens of thousands",
            ),
            (
                "just over twelve hundred new arrivals",
                (Some(1_200), None, None),
                "just over twelve hundred",
            ),
            ("thousands crossed", (Some(2_000), None, None), "thousands"),
            (
                "1.5 million people",
                (None, Some(1_500_000), None),
                "1.5 million",
            ),
            ("up to 300 people", (None, None, Some(300)), "up to 300"),
            (
                "more than half a million have fled",
                (Some(500_000), None, None),
                "more than half a million",
            ),
        ];
        for (s, (low, best, high), text) in cases {
            assert_eq!(one(s), (low, best, high, text.to_string()), "{s}");
        }
    }

    #[test]
    fn no_number_no_count_and_spans_are_verbatim() {
        assert!(counts_in("Soldiers fled across the border.").is_empty());
        // Years and small numbers in words are not counts.
        assert!(counts_in("In 2014 one of the two sides withdrew.").is_empty());
        assert!(counts_in("An election on 6 May, and talks on May 20.").is_empty());
        let s = "More than 1,000 Afghan soldiers fled; nearly 1,600 have crossed.";
        let found = counts_in(s);
        assert_eq!(found.len(), 2);
        assert_eq!(&s[found[0].span.clone()], "More than 1,000");
        assert_eq!(&s[found[1].span.clone()], "nearly 1,600");
        assert!(found.iter().all(|f| f.count.validate().is_ok()));
    }

    #[test]
    fn the_shipped_storys_counts_are_found_as_vague_as_written() {
        let data = crate::model::Dataset::embedded().expect("data");
        let crossings = data
            .crossings
            .crossings
            .iter()
            .map(|x| (&x.quote, &x.people));
        let totals = data.crossings.totals.iter().map(|t| (&t.quote, &t.people));
        let events = data
            .events
            .iter()
            .filter_map(|e| Some((&e.quote, e.people.as_ref()?)));
        let mut checked = 0;
        for (quote, people) in crossings.chain(totals).chain(events) {
            let Some(text) = &people.text else { continue };
            let found = counts_in(quote);
            // The data's words may go on to the noun ("Nearly 3,000 people").
            let same = found
                .iter()
                .find(|f| f.count.text.as_deref().is_some_and(|t| text.starts_with(t)));
            let c = &same
                .unwrap_or_else(|| panic!("{text:?} in {quote:?}: {found:?}"))
                .count;
            assert_eq!(
                (c.low, c.best, c.high),
                (people.low, people.best, people.high)
            );
            checked += 1;
        }
        assert!(
            checked >= 3,
            "{checked}: the crossing's, the total's and the events' counts"
        );
    }
}
