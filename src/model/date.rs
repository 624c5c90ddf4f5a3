//! Dates as precise as the source allows: a year, a month, or a day.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date that keeps its precision, so "June 2021" is never shown as 1 June.
///
/// ```
/// use event_atlas::model::PartialDate;
/// let d: PartialDate = "2021-06".parse().unwrap();
/// assert_eq!(d.to_string(), "2021-06");
/// assert_eq!(d.human(), "June 2021");
/// assert!(d < "2021-07-05".parse().unwrap());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// Why a date string was refused; the message is shown next to the file and line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date {text:?}: {reason} (expected YYYY-MM-DD, YYYY-MM or YYYY)")]
pub struct DateError {
    pub text: String,
    pub reason: &'static str,
}

/// English month names, January first (dates in the data and in imported files).
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl PartialDate {
    /// A date known to the day.
    pub fn ymd(year: i32, month: u8, day: u8) -> Self {
        Self {
            year,
            month: Some(month),
            day: Some(day),
        }
    }

    /// Days in a month of the proleptic Gregorian calendar.
    pub fn days_in_month(year: i32, month: u8) -> u8 {
        match month {
            2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }

    /// First day covered by this date (1 June for "2021-06").
    pub fn first_day(&self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// Last day covered by this date (30 June for "2021-06").
    pub fn last_day(&self) -> (i32, u8, u8) {
        let month = self.month.unwrap_or(12);
        let day = self
            .day
            .unwrap_or_else(|| Self::days_in_month(self.year, month));
        (self.year, month, day)
    }

    /// Days since 1970-01-01 of the first day covered: a sortable, subtractable key.
    pub fn first_day_number(&self) -> i64 {
        let (y, m, d) = self.first_day();
        days_from_civil(y, m, d)
    }

    /// Days since 1970-01-01 of the last day covered.
    pub fn last_day_number(&self) -> i64 {
        let (y, m, d) = self.last_day();
        days_from_civil(y, m, d)
    }

    /// The day with this day number (days since 1970-01-01).
    pub fn from_day_number(days: i64) -> Self {
        let (y, m, d) = civil_from_days(days);
        Self::ymd(y, m, d)
    }

    /// How a reader would say it: "5 July 2021", "June 2021", "2006".
    pub fn human(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", MONTHS[usize::from(m - 1)], self.year),
            (Some(m), None) => format!("{} {}", MONTHS[usize::from(m - 1)], self.year),
            _ => self.year.to_string(),
        }
    }
}

/// Days since 1970-01-01 for a Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The Gregorian date of a day number (days since 1970-01-01): the inverse of [`days_from_civil`].
///
/// ```
/// use event_atlas::model::{civil_from_days, days_from_civil};
/// assert_eq!(civil_from_days(days_from_civil(2021, 7, 5)), (2021, 7, 5));
/// ```
pub fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year as i32, month, day)
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let err = |reason| DateError {
            text: text.to_string(),
            reason,
        };
        let parts: Vec<&str> = text.split('-').collect();
        if parts.is_empty() || parts.len() > 3 {
            return Err(err("wrong number of parts"));
        }
        let widths = [4, 2, 2];
        for (part, width) in parts.iter().zip(widths) {
            if part.len() != width || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err("parts must be zero-padded digits"));
            }
        }
        let year: i32 = parts[0].parse().map_err(|_| err("bad year"))?;
        let month = match parts.get(1) {
            Some(m) => {
                let m: u8 = m.parse().map_err(|_| err("bad month"))?;
                if !(1..=12).contains(&m) {
                    return Err(err("month out of range"));
                }
                Some(m)
            }
            None => None,
        };
        let day = match (parts.get(2), month) {
            (Some(d), Some(m)) => {
                let d: u8 = d.parse().map_err(|_| err("bad day"))?;
                if d == 0 || d > Self::days_in_month(year, m) {
                    return Err(err("day out of range"));
                }
                Some(d)
            }
            _ => None,
        };
        Ok(Self { year, month, day })
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Ord for PartialDate {
    /// Chronological by first day; a coarser date sorts before a finer one starting the same day.
    fn cmp(&self, other: &Self) -> Ordering {
        self.first_day()
            .cmp(&other.first_day())
            .then(self.month.is_some().cmp(&other.month.is_some()))
            .then(self.day.is_some().cmp(&other.day.is_some()))
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_all_precisions_and_round_trips() {
        for s in ["2001", "2021-06", "2021-07-05", "2020-02-29"] {
            let d: PartialDate = s.parse().expect(s);
            assert_eq!(d.to_string(), s);
        }
    }

    #[test]
    fn rejects_bad_dates() {
        for s in [
            "",
            "21",
            "2021-13",
            "2021-02-30",
            "2021-7-5",
            "2021/07/05",
            "x",
            "2019-02-29",
        ] {
            assert!(s.parse::<PartialDate>().is_err(), "{s} should fail");
        }
    }

    #[test]
    fn spans_cover_their_precision() {
        let june: PartialDate = "2021-06".parse().expect("date");
        assert_eq!(june.last_day(), (2021, 6, 30));
        assert_eq!(june.last_day_number() - june.first_day_number(), 29);
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(
            days_from_civil(2021, 7, 5) - days_from_civil(2021, 6, 21),
            14
        );
    }

    #[test]
    fn day_numbers_round_trip() {
        for days in [-800_000, -1, 0, 59, 60, 11_016, 18_813, 19_000, 400_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days, "{days}");
        }
        assert_eq!(
            PartialDate::from_day_number(days_from_civil(2020, 2, 29)).to_string(),
            "2020-02-29"
        );
    }

    #[test]
    fn orders_chronologically() {
        let mut v: Vec<PartialDate> = ["2021-07-05", "2021", "2021-06", "2001-09-11"]
            .iter()
            .map(|s| s.parse().expect("date"))
            .collect();
        v.sort();
        let s: Vec<String> = v.iter().map(ToString::to_string).collect();
        assert_eq!(s, ["2001-09-11", "2021", "2021-06", "2021-07-05"]);
    }
}
