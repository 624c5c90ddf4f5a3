//! Dates in a sentence, resolved against the publication date: absolute ("24 February 2022",
//! "in February 2015", "in 2014", "by 13 November 2001"), relative ("on Tuesday", "last year",
//! "in December", "over the past week", "in recent days") and ranges ("since April 2023").
//! Each keeps its precision (day, month, year, or a range with an end) and where it comes from:
//! `article` when the words give it whole, `article-context` when it follows from the
//! publication date. The phrases are the tables below.

use std::ops::Range;

use super::text::{capitalised, words};
use crate::model::{DateSource, MONTHS, PartialDate};

/// Spans counted back from the publication date: the phrase (after "past", "last", "recent"),
/// and its length in days. "Over the past fortnight" is the 14 days up to and including it.
const SPANS: &[(&str, i64)] = &[
    ("day", 1),
    ("days", 7),
    ("week", 7),
    ("weeks", 28),
    ("fortnight", 14),
    ("month", 30),
    ("months", 91),
    ("year", 365),
    ("years", 3 * 365),
];

/// Words that set a span's length ("the past three days").
const SPAN_NUMBERS: &[(&str, i64)] = &[
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("ten", 10),
    ("few", 3),
    ("several", 4),
    ("twenty", 20),
];

/// Weekday names, Monday first.
const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// A date found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundDate {
    pub start: PartialDate,
    /// The end of a range ("over the past week", "since April 2023").
    pub end: Option<PartialDate>,
    pub source: DateSource,
    /// How a date that follows from the publication date was worked out.
    pub note: Option<String>,
    /// Byte range of its words in the sentence.
    pub span: Range<usize>,
}

/// What the dates of a sentence are resolved against.
#[derive(Debug, Clone, Copy)]
pub struct DateContext {
    /// The publication date (to the day).
    pub published: PartialDate,
    /// The year of the section a sentence sits in (a timeline's dated heading), if any.
    pub year: Option<i32>,
}

/// The dates of a sentence, and any that contradict themselves ("Monday 6 July 2021" when 6
/// July 2021 was a Tuesday).
#[derive(Debug, Clone, Default)]
pub struct SentenceDates {
    pub dates: Vec<FoundDate>,
    pub contradictions: Vec<String>,
}

/// Every date of a sentence, in order.
///
/// ```
/// use event_atlas::builder::dates::{DateContext, dates_in};
/// use event_atlas::model::{DateSource, PartialDate};
/// let ctx = DateContext { published: PartialDate::ymd(2021, 7, 5), year: None };
/// let d = &dates_in("Troops fled early on Monday morning.", &ctx).dates[0];
/// assert_eq!(d.start.to_string(), "2021-07-05");
/// assert_eq!(d.source, DateSource::ArticleContext);
/// let d = &dates_in("It has happened over the past three days.", &ctx).dates[0];
/// assert_eq!((d.start.to_string(), d.end.unwrap().to_string()), ("2021-07-03".into(), "2021-07-05".into()));
/// ```
pub fn dates_in(sentence: &str, ctx: &DateContext) -> SentenceDates {
    let w = words(sentence);
    let mut out = SentenceDates::default();
    let mut i = 0;
    while i < w.len() {
        match date_at(sentence, &w, i, ctx, &mut out.contradictions) {
            Some((mut found, next)) => {
                since_or_until(&w, i, &mut found, ctx);
                out.dates.push(found);
                i = next;
            }
            None => i += 1,
        }
    }
    out
}

/// The date starting at word `i`, and the word after it.
fn date_at(
    s: &str,
    w: &[(Range<usize>, String)],
    i: usize,
    ctx: &DateContext,
    problems: &mut Vec<String>,
) -> Option<(FoundDate, usize)> {
    if let Some((day, month, next)) = calendar_date(s, w, i) {
        let found = resolve_calendar(s, w, i, day, month, next, ctx);
        check_weekday(s, w, i, &found, problems);
        // Past the year too, when it was written.
        let after = next + usize::from(year_at(w, next).is_some());
        return Some((found, after));
    }
    weekday(s, w, i, ctx)
        .or_else(|| day_word(w, i, ctx))
        .or_else(|| span_back(s, w, i, ctx))
}

/// A calendar date at word `i` as (day, month, year) parts as written, and the next word.
fn calendar_date(
    s: &str,
    w: &[(Range<usize>, String)],
    i: usize,
) -> Option<(Option<u8>, u8, usize)> {
    let day = |k: usize| -> Option<u8> {
        let t = w.get(k)?.1.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']);
        let d: u8 = t.parse().ok()?;
        (1..=31).contains(&d).then_some(d)
    };
    let month = |k: usize| month_at(s, w, k);
    if let (Some(d), Some(m)) = (day(i), month(i + 1)) {
        return Some((Some(d), m, i + 2));
    }
    let m = month(i)?;
    match day(i + 1) {
        Some(d) if w.get(i + 1).is_some_and(|x| x.1.len() <= 4) => Some((Some(d), m, i + 2)),
        _ => Some((None, m, i + 1)),
    }
}

/// A month name at word `i`, written with a capital; "May" and "March" only where a date is
/// meant ("in May", "May 2024", "3 March").
fn month_at(s: &str, w: &[(Range<usize>, String)], k: usize) -> Option<u8> {
    let (r, lower) = w.get(k)?;
    if !s[r.clone()].starts_with(char::is_uppercase) {
        return None;
    }
    let m = MONTHS
        .iter()
        .position(|name| name.eq_ignore_ascii_case(lower))?;
    // "A September deadline": the month names a thing, not when something happened.
    if k > 0 && matches!(w[k - 1].1.as_str(), "a" | "an") {
        return None;
    }
    if matches!(lower.as_str(), "may" | "march") {
        let before = k.checked_sub(1).map(|p| w[p].1.as_str());
        let after = w.get(k + 1).map(|x| x.1.as_str());
        let cue = matches!(
            before,
            Some(
                "in" | "since"
                    | "by"
                    | "of"
                    | "until"
                    | "early"
                    | "late"
                    | "mid"
                    | "last"
                    | "this"
                    | "during"
                    | "from"
                    | "between"
                    | "and"
                    | "to"
            )
        ) || before.is_some_and(|b| b.parse::<u8>().is_ok())
            || after.is_some_and(|a| a.parse::<u16>().is_ok());
        if !cue {
            return None;
        }
    }
    u8::try_from(m + 1).ok()
}

/// A four-digit year at word `i`.
fn year_at(w: &[(Range<usize>, String)], i: usize) -> Option<i32> {
    let t = &w.get(i)?.1;
    let y: i32 = t.parse().ok()?;
    (t.len() == 4 && (1800..=2100).contains(&y)).then_some(y)
}

/// A calendar date resolved: with its year as written, else the section's or the
/// publication's (last year's when that would put it after publication).
fn resolve_calendar(
    s: &str,
    w: &[(Range<usize>, String)],
    i: usize,
    day: Option<u8>,
    month: u8,
    next: usize,
    ctx: &DateContext,
) -> FoundDate {
    let span_start = w[i].0.start;
    if let Some(year) = year_at(w, next) {
        let start = match day {
            Some(d) => PartialDate::ymd(year, month, d),
            None => month_only(year, month),
        };
        return FoundDate {
            start,
            end: None,
            source: DateSource::Article,
            note: None,
            span: span_start..w[next].0.end,
        };
    }
    let p = ctx.published;
    let mut year = ctx.year.unwrap_or(p.year);
    let date = |y| match day {
        Some(d) => PartialDate::ymd(y, month, d),
        None => month_only(y, month),
    };
    // "In September last year", "on 3 May this year".
    let after: Vec<&str> = w.iter().skip(next).take(2).map(|x| x.1.as_str()).collect();
    let said_year = match after.as_slice() {
        ["last", "year"] => Some(p.year - 1),
        ["this", "year"] => Some(p.year),
        _ => None,
    };
    if let Some(y) = said_year {
        year = y;
    } else if ctx.year.is_none() && date(year).first_day_number() > p.last_day_number() {
        year -= 1;
    }
    let said = &s[span_start..w[next - 1].0.end];
    let note = match ctx.year {
        Some(y) => format!("“{said}”: the year {y} is the section's"),
        None => format!(
            "“{said}”: the year follows from publication on {}",
            p.human()
        ),
    };
    FoundDate {
        start: date(year),
        end: None,
        source: DateSource::ArticleContext,
        note: Some(note),
        span: span_start..w[next - 1].0.end,
    }
}

fn month_only(year: i32, month: u8) -> PartialDate {
    PartialDate {
        year,
        month: Some(month),
        day: None,
    }
}

fn year_only(year: i32) -> PartialDate {
    PartialDate {
        year,
        month: None,
        day: None,
    }
}

/// Monday is 0.
fn weekday_of(days: i64) -> usize {
    (days + 3).rem_euclid(7) as usize
}

/// A weekday named just before a calendar date must be that date's ("Monday 5 July 2021").
fn check_weekday(
    s: &str,
    w: &[(Range<usize>, String)],
    i: usize,
    found: &FoundDate,
    problems: &mut Vec<String>,
) {
    let Some(named) = i
        .checked_sub(1)
        .and_then(|p| WEEKDAYS.iter().position(|d| *d == w[p].1))
    else {
        return;
    };
    if found.start.day.is_none() {
        return;
    }
    let actual = weekday_of(found.start.first_day_number());
    if actual != named {
        let said = &s[w[i - 1].0.start..found.span.end];
        problems.push(format!(
            "“{said}”: {} was a {}, not a {}",
            found.start.human(),
            capitalised(WEEKDAYS[actual]),
            capitalised(WEEKDAYS[named])
        ));
    }
}

/// "On Tuesday", "last Friday": the latest such day up to publication (before it, with
/// "last"). A weekday followed by a calendar date is left to that date.
fn weekday(
    s: &str,
    w: &[(Range<usize>, String)],
    i: usize,
    ctx: &DateContext,
) -> Option<(FoundDate, usize)> {
    let named = WEEKDAYS.iter().position(|d| *d == w[i].1)?;
    if !s[w[i].0.clone()].starts_with(char::is_uppercase) || calendar_date(s, w, i + 1).is_some() {
        return None;
    }
    let last = i > 0 && w[i - 1].1 == "last";
    let p = ctx.published.first_day_number();
    let mut back = (weekday_of(p) + 7 - named) % 7;
    if last && back == 0 {
        back = 7;
    }
    let day = PartialDate::from_day_number(p - back as i64);
    let start = if last { i - 1 } else { i };
    let said = &s[w[start].0.start..w[i].0.end];
    let note = format!(
        "“{said}” in an article published on {} {}",
        capitalised(WEEKDAYS[weekday_of(p)]),
        ctx.published.human()
    );
    Some((
        relative(day, None, note, w[start].0.start..w[i].0.end),
        i + 1,
    ))
}

/// "Yesterday", "today", "last night", "this morning".
fn day_word(
    w: &[(Range<usize>, String)],
    i: usize,
    ctx: &DateContext,
) -> Option<(FoundDate, usize)> {
    let p = ctx.published.first_day_number();
    let next = w.get(i + 1).map(|x| x.1.as_str());
    if let Some(found) = weekend(w, i, ctx) {
        return Some(found);
    }
    let (back, n) = match (w[i].1.as_str(), next) {
        ("yesterday", _) => (1, 1),
        ("today" | "tonight", _) => (0, 1),
        ("last", Some("night")) => (1, 2),
        ("this", Some("morning" | "afternoon" | "evening")) => (0, 2),
        _ => return None,
    };
    let span = w[i].0.start..w[i + n - 1].0.end;
    let note = format!("Counted from publication on {}", ctx.published.human());
    let day = PartialDate::from_day_number(p - back);
    Some((relative(day, None, note, span), i + n))
}

/// "Over the weekend", "last weekend", "at the weekend": the Saturday and Sunday up to
/// publication.
fn weekend(
    w: &[(Range<usize>, String)],
    i: usize,
    ctx: &DateContext,
) -> Option<(FoundDate, usize)> {
    let lead = w[i].1.as_str();
    let next = w.get(i + 1).map(|x| x.1.as_str());
    let n = match (lead, next) {
        ("weekend", _) => 1,
        ("last" | "this", Some("weekend")) => 2,
        _ => return None,
    };
    let p = ctx.published.first_day_number();
    // Back to the latest Sunday on or before publication (Monday is 0, Sunday 6).
    let sunday = p - ((weekday_of(p) + 1) % 7) as i64;
    let span = w[i].0.start..w[i + n - 1].0.end;
    let note = format!(
        "The weekend before publication on {}",
        ctx.published.human()
    );
    let found = relative(
        PartialDate::from_day_number(sunday - 1),
        Some(PartialDate::from_day_number(sunday)),
        note,
        span,
    );
    Some((found, i + n))
}

fn relative(
    start: PartialDate,
    end: Option<PartialDate>,
    note: String,
    span: Range<usize>,
) -> FoundDate {
    FoundDate {
        start,
        end,
        source: DateSource::ArticleContext,
        note: Some(note),
        span,
    }
}

/// A year standing alone ("in 2014").
fn year_alone(w: &[(Range<usize>, String)], i: usize) -> Option<(FoundDate, usize)> {
    let y = year_at(w, i)?;
    let found = FoundDate {
        start: year_only(y),
        end: None,
        source: DateSource::Article,
        note: None,
        span: w[i].0.clone(),
    };
    Some((found, i + 1))
}

/// A span named by its lead, its unit and how many ("the past three days").
struct Span<'a> {
    lead: &'a str,
    unit: &'a str,
    /// How many units, when a number is given.
    times: Option<i64>,
    /// Whether "the" comes first ("the last year" is a span; "last year" the year before).
    the: bool,
}

/// "Over the past week", "in the last three days", "in recent weeks", "last year", "this
/// month", and a year standing alone ("in 2014").
fn span_back(
    s: &str,
    w: &[(Range<usize>, String)],
    i: usize,
    ctx: &DateContext,
) -> Option<(FoundDate, usize)> {
    if let Some(found) = year_alone(w, i) {
        return Some(found);
    }
    let lead = w[i].1.as_str();
    if !matches!(lead, "past" | "last" | "recent" | "this" | "previous") {
        return None;
    }
    let mut k = i + 1;
    let mut times = None;
    if let Some(&(_, n)) = w
        .get(k)
        .and_then(|x| SPAN_NUMBERS.iter().find(|(t, _)| *t == x.1))
    {
        times = Some(n);
        k += 1;
    }
    let unit = w.get(k)?.1.as_str();
    let the = i > 0 && w[i - 1].1 == "the";
    let span = w[i].0.start..w[k].0.end;
    let p = ctx.published;
    let note = |what: &str| format!("“{}” {what} publication on {}", &s[span.clone()], p.human());
    let found = span_date(
        &Span {
            lead,
            unit,
            times,
            the,
        },
        p,
        &note,
    )?;
    Some((FoundDate { span, ..found }, k + 1))
}

/// The dates of a span counted from publication `p`; `note` says how, given the link words.
fn span_date(sp: &Span<'_>, p: PartialDate, note: &dyn Fn(&str) -> String) -> Option<FoundDate> {
    let &(_, days) = SPANS.iter().find(|(u, _)| *u == sp.unit)?;
    let single = sp.times.is_none() && !sp.the;
    let month = p.month.unwrap_or(1);
    let found = match (sp.lead, sp.unit) {
        ("last" | "previous", "year") if single => relative(
            year_only(p.year - 1),
            None,
            note("is the year before"),
            0..0,
        ),
        ("this", "year") => relative(year_only(p.year), None, note("is the year of"), 0..0),
        ("last" | "previous", "month") if single => {
            let (y, m) = if month == 1 {
                (p.year - 1, 12)
            } else {
                (p.year, month - 1)
            };
            relative(month_only(y, m), None, note("is the month before"), 0..0)
        }
        ("this", "month") => relative(
            month_only(p.year, month),
            None,
            note("is the month of"),
            0..0,
        ),
        ("this", "week") => back_from(p, 7, note("counted back from")),
        ("last" | "previous", "week") if single => {
            let d = p.first_day_number();
            let monday = d - weekday_of(d) as i64 - 7;
            relative(
                PartialDate::from_day_number(monday),
                Some(PartialDate::from_day_number(monday + 6)),
                note("is the week before"),
                0..0,
            )
        }
        ("recent", "weeks" | "months") => {
            let from = PartialDate::from_day_number(p.first_day_number() - days);
            let start = month_only(from.year, from.month.unwrap_or(1));
            relative(start, Some(p), note("counted back from"), 0..0)
        }
        ("recent", "years") => relative(
            year_only(p.year - 3),
            Some(p),
            note("counted back from"),
            0..0,
        ),
        ("recent", _) => back_from(p, days, note("counted back from")),
        ("past" | "last" | "previous", _) => {
            let total = sp.times.map_or(days, |n| n * days_per(sp.unit));
            back_from(p, total, note("counted back from, and including,"))
        }
        _ => return None,
    };
    Some(found)
}

fn days_per(unit: &str) -> i64 {
    match unit {
        "days" => 1,
        "weeks" => 7,
        "months" => 30,
        _ => 365,
    }
}

/// The `days` days up to and including publication.
fn back_from(p: PartialDate, days: i64, note: String) -> FoundDate {
    let end = p.first_day_number();
    relative(
        PartialDate::from_day_number(end - days + 1),
        Some(p),
        note,
        0..0,
    )
}

/// "Since April 2023" runs from then to publication; "from March until May" is one range.
fn since_or_until(
    w: &[(Range<usize>, String)],
    i: usize,
    found: &mut FoundDate,
    ctx: &DateContext,
) {
    if found.end.is_some() {
        return;
    }
    if w[i.saturating_sub(6)..i].iter().any(|x| x.1 == "since") {
        found.end = Some(ctx.published);
        if found.source == DateSource::Article {
            found.note = Some(format!(
                "From {} until publication on {}",
                found.start.human(),
                ctx.published.human()
            ));
        }
    }
}

/// The publication date from a dateline near the top ("Published 15 May 2024", "Monday 5 July
/// 2021", "5 July 2021"), with the line it was read from; a weekday that does not fit the date
/// is a contradiction.
pub fn dateline(text: &str) -> Option<Result<(PartialDate, String), String>> {
    let lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    for line in lines.take(8) {
        let marked = ["published", "updated", "posted", "dated"]
            .iter()
            .any(|m| line.to_lowercase().starts_with(m));
        if words(line).len() > 9 && !marked {
            continue;
        }
        if let Some(found) = iso_date(line) {
            return Some(Ok((found, line.to_string())));
        }
        let w = words(line);
        for i in 0..w.len() {
            let Some((Some(d), m, next)) = calendar_date(line, &w, i) else {
                continue;
            };
            let Some(y) = year_at(&w, next) else { continue };
            let date = PartialDate::ymd(y, m, d);
            let found = FoundDate {
                start: date,
                end: None,
                source: DateSource::Article,
                note: None,
                span: w[i].0.start..w[next].0.end,
            };
            let mut problems = Vec::new();
            check_weekday(line, &w, i, &found, &mut problems);
            return Some(match problems.pop() {
                Some(p) => Err(format!("the dateline {line:?} contradicts itself: {p}")),
                None => Ok((date, line.to_string())),
            });
        }
    }
    None
}

/// A date written 2024-05-15 in a dateline.
fn iso_date(line: &str) -> Option<PartialDate> {
    line.split_whitespace()
        .filter(|t| t.len() == 10)
        .find_map(|t| t.parse::<PartialDate>().ok().filter(|d| d.day.is_some()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> DateContext {
        // Thursday 16 May 2024.
        DateContext {
            published: PartialDate::ymd(2024, 5, 16),
            year: None,
        }
    }

    fn one(s: &str) -> (String, Option<String>, DateSource) {
        let found = dates_in(s, &ctx());
        assert_eq!(found.dates.len(), 1, "{s}: {:?}", found.dates);
        let d = &found.dates[0];
        (d.start.to_string(), d.end.map(|e| e.to_string()), d.source)
    }

    #[test]
    fn absolute_dates_are_the_articles() {
        use DateSource::Article;
        assert_eq!(
            one("Russia invaded on 24 February 2022."),
            ("2022-02-24".into(), None, Article)
        );
        assert_eq!(
            one("It began in February 2015."),
            ("2015-02".into(), None, Article)
        );
        assert_eq!(
            one("He became leader in 2014."),
            ("2014".into(), None, Article)
        );
        assert_eq!(
            one("By the 13 November 2001, all had fled."),
            ("2001-11-13".into(), None, Article)
        );
        assert_eq!(
            one("On March 3, 2022 they left."),
            ("2022-03-03".into(), None, Article)
        );
    }

    #[test]
    fn relative_dates_follow_from_publication() {
        use DateSource::ArticleContext as C;
        assert_eq!(
            one("Shelling began on Tuesday."),
            ("2024-05-14".into(), None, C)
        );
        assert_eq!(
            one("They left early on Thursday morning."),
            ("2024-05-16".into(), None, C)
        );
        assert_eq!(
            one("They left last Thursday."),
            ("2024-05-09".into(), None, C)
        );
        assert_eq!(one("Prices doubled last year."), ("2023".into(), None, C));
        // December before a May publication is last December.
        assert_eq!(
            one("The camp opened in December."),
            ("2023-12".into(), None, C)
        );
        assert_eq!(
            one("The camp opened on 2 May."),
            ("2024-05-02".into(), None, C)
        );
        assert_eq!(
            one("Thousands fled over the past week."),
            ("2024-05-10".into(), Some("2024-05-16".into()), C)
        );
        assert_eq!(
            one("Attacks rose in recent days."),
            ("2024-05-10".into(), Some("2024-05-16".into()), C)
        );
        assert_eq!(
            one("Violence rose in recent weeks."),
            ("2024-04".into(), Some("2024-05-16".into()), C)
        );
        assert_eq!(one("It rained yesterday."), ("2024-05-15".into(), None, C));
        assert_eq!(
            one("It rained over the weekend."),
            ("2024-05-11".into(), Some("2024-05-12".into()), C)
        );
    }

    #[test]
    fn since_makes_a_range_to_publication() {
        let (start, end, src) =
            one("More than 600,000 have crossed since the war began in April 2023.");
        assert_eq!(
            (start.as_str(), end.as_deref(), src),
            ("2023-04", Some("2024-05-16"), DateSource::Article)
        );
    }

    #[test]
    fn may_the_verb_and_march_the_verb_are_not_months() {
        assert!(
            dates_in("Fighting May spread, they may March on.", &ctx())
                .dates
                .is_empty()
        );
        assert_eq!(
            one("Talks resumed in May."),
            ("2024-05".into(), None, DateSource::ArticleContext)
        );
    }

    #[test]
    fn a_section_year_dates_its_days() {
        let c = DateContext {
            year: Some(2001),
            ..ctx()
        };
        let d = &dates_in("Kabul fell on 13 November.", &c).dates[0];
        assert_eq!(d.start.to_string(), "2001-11-13");
    }

    #[test]
    fn datelines_and_contradictions() {
        let ok = |t: &str| {
            dateline(t)
                .expect("found")
                .expect("consistent")
                .0
                .to_string()
        };
        assert_eq!(ok("Headline\nPublished 15 May 2024\n\nText."), "2024-05-15");
        assert_eq!(ok("Headline\nMonday 5 July 2021\n\nText."), "2021-07-05");
        assert_eq!(ok("Headline\n2024-05-15\nText."), "2024-05-15");
        assert!(
            dateline("Headline\n\nA long first sentence with no date in it at all, none.")
                .is_none()
        );
        let bad = dateline("Headline\nMonday 6 July 2021\n")
            .expect("found")
            .expect_err("weekday");
        assert!(bad.contains("Tuesday"), "{bad}");
        let c = dates_in("On Monday 6 July 2021 they fled.", &ctx());
        assert_eq!(c.contradictions.len(), 1);
    }
}
