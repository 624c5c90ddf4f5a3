//! Dates as conflict datasets write them: `2021-07-05`, `2021-07-05 00:00:00.000`,
//! `05 July 2021`, `5-Jul-2021`. Parsed straight from bytes: a million rows have a million dates.

use crate::model::{MONTHS, PartialDate, days_from_civil};

/// Day number (days since 1970-01-01) of a dataset date, or `None` if it is not one.
///
/// ```
/// use event_atlas::import::parse_day;
/// let d = parse_day(b"2021-07-05").unwrap();
/// assert_eq!(parse_day(b"05 July 2021"), Some(d));
/// assert_eq!(parse_day(b"5-Jul-2021"), Some(d));
/// assert_eq!(parse_day(b"2021-07-05 00:00:00.000"), Some(d));
/// assert_eq!(parse_day(b"2021-02-30"), None);
/// ```
pub fn parse_day(b: &[u8]) -> Option<i32> {
    let b = b.trim_ascii();
    let (y, m, d) = if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' {
        if b.len() > 10 && !matches!(b[10], b' ' | b'T') {
            return None;
        }
        (num(&b[0..4])?, num(&b[5..7])?, num(&b[8..10])?)
    } else {
        let mut parts = b
            .split(|&c| c == b' ' || c == b'-' || c == b'/')
            .filter(|p| !p.is_empty());
        let d = num(parts.next()?)?;
        let m = month(parts.next()?)?;
        let y = num(parts.next()?)?;
        if parts.next().is_some() {
            return None;
        }
        let y = if y < 100 { 2000 + y } else { y };
        (y, m, d)
    };
    if !(1..=12).contains(&m) || !(1000..=9999).contains(&y) {
        return None;
    }
    let (y, m) = (y as i32, m as u8);
    if d < 1 || d > u32::from(PartialDate::days_in_month(y, m)) {
        return None;
    }
    i32::try_from(days_from_civil(y, m, d as u8)).ok()
}

fn num(b: &[u8]) -> Option<u32> {
    if b.is_empty() || b.len() > 4 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0, |n, &c| n * 10 + u32::from(c - b'0')))
}

fn month(b: &[u8]) -> Option<u32> {
    if b.len() < 3 {
        return None;
    }
    let lower = b.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| {
            let m = m.as_bytes();
            m.len() >= lower.len()
                && m[..lower.len()].eq_ignore_ascii_case(&lower)
                && (lower.len() == 3 || lower.len() == m.len())
        })
        .map(|i| i as u32 + 1)
}

/// The whole month a day falls in, as (first, last) day numbers.
pub fn month_of(day: i32) -> (i32, i32) {
    let (y, m, _) = crate::model::civil_from_days(i64::from(day));
    let first = days_from_civil(y, m, 1) as i32;
    (
        first,
        first + i32::from(PartialDate::days_in_month(y, m)) - 1,
    )
}

/// `YYYY-MM-DD` of a day number.
pub fn iso(day: i32) -> String {
    let (y, m, d) = crate::model::civil_from_days(i64::from(day));
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_names_and_bad_dates() {
        assert_eq!(parse_day(b"1 Sept 2021"), None);
        assert_eq!(parse_day(b"01 September 2021"), parse_day(b"2021-09-01"));
        assert_eq!(parse_day(b"31 June 2021"), None);
        assert_eq!(parse_day(b""), None);
        assert_eq!(parse_day(b"2021-13-01"), None);
        assert_eq!(parse_day(b"July 5 2021"), None);
        assert_eq!(parse_day(b"\xff\xfe"), None);
        let d = parse_day(b"2024-02-29").expect("leap day");
        assert_eq!(iso(d), "2024-02-29");
        assert_eq!(month_of(d), (parse_day(b"2024-02-01").expect("d"), d));
    }
}
