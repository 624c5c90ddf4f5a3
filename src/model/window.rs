//! The span a window-mode time filter looks back over: "3 days", "1 year".

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{PartialDate, civil_from_days, days_from_civil};

/// Calendar unit of a window; months and years follow the calendar, not 30 or 365 days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    Day,
    Week,
    Month,
    Year,
}

impl Unit {
    /// Every unit, smallest first (for pickers).
    pub const ALL: [Unit; 4] = [Self::Day, Self::Week, Self::Month, Self::Year];

    /// "day" or "days".
    pub fn name(self, plural: bool) -> &'static str {
        match (self, plural) {
            (Self::Day, false) => "day",
            (Self::Day, true) => "days",
            (Self::Week, false) => "week",
            (Self::Week, true) => "weeks",
            (Self::Month, false) => "month",
            (Self::Month, true) => "months",
            (Self::Year, false) => "year",
            (Self::Year, true) => "years",
        }
    }
}

/// How far back window mode looks, the cursor's day included.
///
/// ```
/// use event_atlas::timeline::Window;
/// use event_atlas::model::days_from_civil;
/// let w: Window = "3d".parse().unwrap();
/// assert_eq!(w.to_string(), "3 days");
/// // 3 days up to 5 July 2021 start on 3 July.
/// assert_eq!(w.first_day(days_from_civil(2021, 7, 5)), days_from_civil(2021, 7, 3));
/// let y: Window = "1y".parse().unwrap();
/// assert_eq!(y.first_day(days_from_civil(2021, 7, 5)), days_from_civil(2020, 7, 6));
/// ```
///
/// In files it is written as text, `"3 days"` (or `"3d"`), so a teacher can write it by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Window {
    pub count: u32,
    pub unit: Unit,
}

impl Default for Window {
    fn default() -> Self {
        Self {
            count: 3,
            unit: Unit::Day,
        }
    }
}

/// Why a window like `3d` was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid window {0:?}: expected a number and a unit, e.g. 3d, 2w, 6m or 1y")]
pub struct WindowError(pub String);

impl Window {
    /// A window of `count` units (at least one).
    pub const fn new(count: u32, unit: Unit) -> Self {
        Self {
            count: if count == 0 { 1 } else { count },
            unit,
        }
    }

    /// First day (day number) inside the window that ends on `day`.
    pub fn first_day(&self, day: i64) -> i64 {
        let n = i64::from(self.count.max(1));
        match self.unit {
            Unit::Day => day - n + 1,
            Unit::Week => day - 7 * n + 1,
            Unit::Month | Unit::Year => {
                let months = if self.unit == Unit::Year { 12 * n } else { n };
                let (y, m, d) = civil_from_days(day);
                let total = i64::from(y) * 12 + i64::from(m) - 1 - months;
                let (y, m) = (
                    total.div_euclid(12) as i32,
                    (total.rem_euclid(12) + 1) as u8,
                );
                let d = d.min(PartialDate::days_in_month(y, m));
                days_from_civil(y, m, d) + 1
            }
        }
    }
}

impl Serialize for Window {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Window {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.count, self.unit.name(self.count != 1))
    }
}

impl FromStr for Window {
    type Err = WindowError;

    /// `3d`, `2w`, `6m`, `1y`, also spelled out: `3 days`, `1 year`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || WindowError(s.to_string());
        let t = s.trim().to_ascii_lowercase();
        let split = t.find(|c: char| !c.is_ascii_digit()).ok_or_else(err)?;
        let (num, unit) = t.split_at(split);
        let count: u32 = num.parse().map_err(|_| err())?;
        if count == 0 || count > 10_000 {
            return Err(err());
        }
        let unit = match unit.trim() {
            "d" | "day" | "days" => Unit::Day,
            "w" | "week" | "weeks" => Unit::Week,
            "m" | "month" | "months" => Unit::Month,
            "y" | "year" | "years" => Unit::Year,
            _ => return Err(err()),
        };
        Ok(Self { count, unit })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_refuses() {
        assert_eq!("2w".parse(), Ok(Window::new(2, Unit::Week)));
        assert_eq!("6 months".parse(), Ok(Window::new(6, Unit::Month)));
        for bad in ["", "d", "0d", "3", "3x", "-3d", "1.5y"] {
            assert!(bad.parse::<Window>().is_err(), "{bad}");
        }
    }

    #[test]
    fn is_written_as_text() {
        let w = Window::new(2, Unit::Week);
        let json = serde_json::to_string(&w).expect("json");
        assert_eq!(json, "\"2 weeks\"");
        assert_eq!(serde_json::from_str::<Window>(&json).expect("parse"), w);
        assert!(serde_json::from_str::<Window>("\"2 fortnights\"").is_err());
    }

    #[test]
    fn months_follow_the_calendar() {
        let one = Window::new(1, Unit::Month);
        // A month up to 31 March starts on 1 March; up to 30 April, on 31 March.
        assert_eq!(
            one.first_day(days_from_civil(2021, 3, 31)),
            days_from_civil(2021, 3, 1)
        );
        assert_eq!(
            one.first_day(days_from_civil(2021, 4, 30)),
            days_from_civil(2021, 3, 31)
        );
        let week = Window::new(1, Unit::Week);
        assert_eq!(
            week.first_day(days_from_civil(2021, 7, 5)),
            days_from_civil(2021, 6, 29)
        );
    }
}
