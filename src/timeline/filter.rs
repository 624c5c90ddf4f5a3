//! What the map shows: a time cursor (everything so far, or a window before it) and event kinds.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::Window;
use crate::model::{EventKind, PartialDate};

/// How the cursor filters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TimeMode {
    /// Everything up to the cursor.
    #[default]
    Cumulative,
    /// Only what falls in the window before the cursor.
    Window,
}

/// Whether an item shows at the cursor, and how sure that is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Vis {
    Hidden,
    /// The cursor is inside the item's imprecise date ("June 2021" at 10 June): it may or may
    /// not have happened yet, so it is drawn faded.
    Maybe,
    Shown,
}

impl Vis {
    /// Drawn at all (faded or not).
    pub fn shown(self) -> bool {
        self != Self::Hidden
    }
}

/// When an item happens, as day numbers (days since 1970-01-01).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    /// First day it may have happened on (1 June for "June 2021").
    pub start: i64,
    /// Day by which it has surely begun (30 June for "June 2021").
    pub sure: i64,
    /// Last day it lasts (its end date's last day, else its date's last day).
    pub end: i64,
}

impl Timing {
    /// Timing of a date with an optional end date.
    pub fn of(date: PartialDate, end_date: Option<PartialDate>) -> Self {
        let start = date.first_day_number();
        let sure = date.last_day_number();
        let end = end_date.map_or(sure, |e| e.last_day_number()).max(sure);
        Self { start, sure, end }
    }
}

/// The cursor and its mode. The cursor is a fractional day number so playback moves smoothly;
/// the filter uses the day it is in.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TimeFilter {
    pub cursor: f64,
    pub mode: TimeMode,
    pub window: Window,
}

impl Default for TimeFilter {
    fn default() -> Self {
        Self {
            cursor: f64::MAX,
            mode: TimeMode::Cumulative,
            window: Window::default(),
        }
    }
}

impl TimeFilter {
    /// The cursor's day (day number).
    pub fn day(&self) -> i64 {
        if self.cursor.is_finite() {
            self.cursor.floor().clamp(-1e9, 1e9) as i64
        } else {
            i64::MAX / 4
        }
    }

    /// First day shown (window mode), or `None` for everything so far.
    pub fn first_day(&self) -> Option<i64> {
        match self.mode {
            TimeMode::Cumulative => None,
            TimeMode::Window => Some(self.window.first_day(self.day())),
        }
    }

    /// How an item with `timing` shows at the cursor.
    ///
    /// ```
    /// use event_atlas::timeline::{TimeFilter, Timing, Vis};
    /// use event_atlas::model::{PartialDate, days_from_civil};
    /// let june: PartialDate = "2021-06".parse().unwrap();
    /// let at = |y, m, d| TimeFilter { cursor: days_from_civil(y, m, d) as f64, ..TimeFilter::default() };
    /// let t = Timing::of(june, None);
    /// assert_eq!(at(2021, 5, 31).admits(t), Vis::Hidden);
    /// assert_eq!(at(2021, 6, 10).admits(t), Vis::Maybe);
    /// assert_eq!(at(2021, 7, 1).admits(t), Vis::Shown);
    /// ```
    pub fn admits(&self, timing: Timing) -> Vis {
        let day = self.day();
        if timing.start > day || self.first_day().is_some_and(|lo| timing.end < lo) {
            Vis::Hidden
        } else if timing.sure > day {
            Vis::Maybe
        } else {
            Vis::Shown
        }
    }
}

/// The time filter with the event kinds the user switched off; applies to map, panel and timeline.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    pub time: TimeFilter,
    pub hidden_kinds: BTreeSet<EventKind>,
}

impl Filter {
    /// Whether events of `kind` are shown.
    pub fn kind_shown(&self, kind: EventKind) -> bool {
        !self.hidden_kinds.contains(&kind)
    }

    /// Shows or hides a kind.
    pub fn set_kind(&mut self, kind: EventKind, shown: bool) {
        if shown {
            self.hidden_kinds.remove(&kind);
        } else {
            self.hidden_kinds.insert(kind);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::days_from_civil;

    fn timing(s: &str, end: Option<&str>) -> Timing {
        Timing::of(
            s.parse().expect("date"),
            end.map(|e| e.parse().expect("date")),
        )
    }

    #[test]
    fn window_hides_what_ended_before_it() {
        let f = TimeFilter {
            cursor: days_from_civil(2021, 7, 5) as f64 + 0.7,
            mode: TimeMode::Window,
            window: "3d".parse().expect("window"),
        };
        assert_eq!(f.admits(timing("2001-10-07", None)), Vis::Hidden);
        assert_eq!(f.admits(timing("2021-06", None)), Vis::Hidden);
        assert_eq!(f.admits(timing("2021-07-03", None)), Vis::Shown);
        assert_eq!(f.admits(timing("2021-07-06", None)), Vis::Hidden);
        // A long bar still running inside the window shows.
        assert_eq!(f.admits(timing("2021-06", Some("2021-07-05"))), Vis::Shown);
        // So does "July 2021": it may have happened by the 5th.
        assert_eq!(f.admits(timing("2021-07", None)), Vis::Maybe);
    }

    #[test]
    fn default_cursor_shows_everything() {
        let f = TimeFilter::default();
        assert_eq!(f.admits(timing("2021-09-11", None)), Vis::Shown);
        assert_eq!(f.admits(timing("2001", None)), Vis::Shown);
    }
}
