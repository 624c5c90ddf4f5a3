//! Dates a sentence takes from the sentences after it, once the walk has read them all.
//!
//! - **A timeline item's year.** An item of a timeline (the lines under one of its headings)
//!   whose dated lines all give one year ("Kabul's international airport is struck on 10
//!   August 2015") dates its undated lines to that year, when that year keeps the timeline in
//!   order with the items around it.
//! - **"The latest".** A news report opens on its news in the present perfect ("More than
//!   1,000 soldiers have fled …") and dates it further down ("The latest group … sought refuge
//!   early on Monday morning"). The sentence that says "latest" and gives a date dates the
//!   nearest sentence before it that tells of the same kind of event and had only the month
//!   of publication.

use std::ops::Range;

use super::dates::FoundDate;
use super::extract::{Reading, recent};
use super::kinds::tells_of;
use super::text::{Sentence, words};
use crate::model::{DateSource, PartialDate};

/// Words that point back to the news the report opened on.
const LATEST: &[&str] = &["latest", "newest"];

/// Gives undated sentences the dates that later sentences imply.
pub(super) fn date_from_later(
    text: &str,
    sents: &[Sentence],
    readings: &mut [Reading],
    published: PartialDate,
) {
    item_years(text, sents, readings);
    latest(text, sents, readings, published);
}

/// A date the sentence gives in its own words (not inherited, not the publication's).
fn own(r: &Reading) -> Option<&FoundDate> {
    r.date.as_ref().filter(|d| !d.span.is_empty())
}

/// The items of each timeline: the lines after one of its headings, up to the next.
fn timeline_items(readings: &[Reading]) -> Vec<Range<usize>> {
    let mut items = Vec::new();
    let mut start: Option<usize> = None;
    for (i, r) in readings.iter().enumerate() {
        let boundary = r.front_matter || !r.in_timeline;
        if boundary {
            if let Some(s) = start.take() {
                items.push(s..i);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        items.push(s..readings.len());
    }
    items
}

/// The one year an item's own dates give, with the line that gives it.
fn item_year(readings: &[Reading], item: Range<usize>) -> Option<(i32, usize)> {
    let mut found: Option<(i32, usize)> = None;
    for i in item {
        let Some(d) = own(&readings[i]) else { continue };
        let year = d.start.year;
        if d.end.is_some_and(|e| e.year != year) || found.is_some_and(|(y, _)| y != year) {
            return None;
        }
        found = found.or(Some((year, i)));
    }
    found
}

/// Dates each timeline item's undated lines to the item's one year, when it stands in order.
fn item_years(text: &str, sents: &[Sentence], readings: &mut [Reading]) {
    let items = timeline_items(readings);
    let years: Vec<Option<(i32, usize)>> = items
        .iter()
        .map(|item| item_year(readings, item.clone()))
        .collect();
    let mut floor = i32::MIN;
    for (k, item) in items.iter().enumerate() {
        let Some((year, line)) = years[k] else {
            continue;
        };
        let ceiling = years[k + 1..].iter().flatten().map(|(y, _)| *y).max();
        if year < floor || ceiling.is_some_and(|c| year > c) {
            continue;
        }
        floor = year;
        let said = &text[sents[line].span.clone()];
        let note = format!("No date of its own; the year of its timeline item's line “{said}”");
        for r in readings[item.clone()]
            .iter_mut()
            .filter(|r| r.date.is_none())
        {
            r.date = Some(FoundDate {
                start: PartialDate {
                    year,
                    month: None,
                    day: None,
                },
                end: None,
                source: DateSource::ArticleContext,
                note: Some(note.clone()),
                span: 0..0,
            });
        }
    }
}

/// Dates the news a report opened on by the later sentence that calls it "the latest".
fn latest(text: &str, sents: &[Sentence], readings: &mut [Reading], published: PartialDate) {
    let vague = Some(recent(published));
    for i in 0..readings.len() {
        let said = &text[sents[i].span.clone()];
        let says_latest = words(said)
            .iter()
            .any(|(_, w)| LATEST.contains(&w.as_str()));
        let (Some(date), Some((kind, _))) = (own(&readings[i]), readings[i].kind) else {
            continue;
        };
        let inside = |d: &FoundDate| {
            let month = recent(published).start;
            month.first_day_number() <= d.start.first_day_number()
                && d.end.unwrap_or(d.start).last_day_number() <= month.last_day_number()
        };
        if !says_latest || !inside(date) {
            continue;
        }
        let date = date.clone();
        let earlier = (0..i).rev().find(|&j| {
            let before = &text[sents[j].span.clone()];
            readings[j].date == vague && tells_of(before, kind)
        });
        if let Some(j) = earlier {
            readings[j].date = Some(FoundDate {
                source: DateSource::ArticleContext,
                note: Some(format!(
                    "No date of its own; the date of “the latest” told later: “{said}”"
                )),
                span: 0..0,
                ..date
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::builder::extract::tests::dates_of;
    use crate::model::PartialDate;

    #[test]
    fn a_timeline_item_dates_its_lines_by_its_one_dated_line() {
        let t = "Headline\n\nThe war: a timeline\n\nFirst strikes\n\nJets bomb the capital.\n\nThe port is struck on 10 August 2015\n\nPeace talks\n\nThe two sides meet in Geneva.\n\nA ceasefire is signed in March 2016.\n";
        let d = dates_of(t, PartialDate::ymd(2021, 7, 5));
        let want = [
            None,
            None,
            None,
            Some("2015"),
            Some("2015-08-10"),
            None,
            Some("2016"),
            Some("2016-03"),
        ];
        assert_eq!(d, want.map(|w| w.map(String::from)));
    }

    #[test]
    fn a_year_out_of_the_timeline_order_dates_nothing() {
        let t = "Headline\n\nThe war: a timeline\n\nTalks\n\nThe rebels attack Goma in 2012.\n\nA death\n\nThe leader dies.\n\nHe was wounded in an attack in 1985.\n\nPeace\n\nA ceasefire is signed in March 2016.\n";
        let d = dates_of(t, PartialDate::ymd(2021, 7, 5));
        assert_eq!(d[5], None, "{d:?}");
        assert_eq!(d[8].as_deref(), Some("2016-03"), "{d:?}");
    }

    #[test]
    fn the_latest_dates_the_news_the_report_opened_on() {
        let t = "Headline\n\nMore than 1,000 soldiers have fled to the north after heavy clashes.\n\nTroops fled there in June.\n\nThe latest group of soldiers fled early on Monday morning, officials said.\n";
        let d = dates_of(t, PartialDate::ymd(2021, 7, 5));
        assert_eq!(d[1].as_deref(), Some("2021-07-05"), "{d:?}");
        // Without "latest", the opening keeps the month of publication.
        let t = t.replace("The latest group", "A group");
        let d = dates_of(&t, PartialDate::ymd(2021, 7, 5));
        assert_eq!(d[1].as_deref(), Some("2021-07"), "{d:?}");
    }
}
