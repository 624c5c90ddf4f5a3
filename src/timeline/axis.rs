//! The timeline's date axis: which days are in view, where they are drawn, and its tick marks.

use serde::{Deserialize, Serialize};

use crate::model::{civil_from_days, days_from_civil};

/// Shortest span the axis zooms in to (days) and longest it zooms out to.
const MIN_SPAN: f64 = 3.0;
const MAX_SPAN: f64 = 365.25 * 80.0;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The days in view: `start` at the left edge, `end` at the right (fractional day numbers).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TimeAxis {
    pub start: f64,
    pub end: f64,
}

/// A tick on the axis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tick {
    pub day: i64,
    pub label: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Days(i64),
    Months(i64),
    Years(i64),
}

impl Step {
    fn approx_days(self) -> f64 {
        match self {
            Self::Days(n) => n as f64,
            Self::Months(n) => n as f64 * 30.44,
            Self::Years(n) => n as f64 * 365.25,
        }
    }
}

const STEPS: [Step; 12] = [
    Step::Days(1),
    Step::Days(2),
    Step::Days(7),
    Step::Days(14),
    Step::Months(1),
    Step::Months(3),
    Step::Months(6),
    Step::Years(1),
    Step::Years(2),
    Step::Years(5),
    Step::Years(10),
    Step::Years(20),
];

impl TimeAxis {
    /// An axis over `start..end`, kept within sane spans.
    pub fn new(start: f64, end: f64) -> Self {
        let mut a = Self { start, end };
        a.sanitize();
        a
    }

    /// Days in view.
    pub fn span(&self) -> f64 {
        self.end - self.start
    }

    /// Screen x of a (fractional) day, for an axis drawn from `left` to `right`.
    pub fn x(&self, day: f64, left: f32, right: f32) -> f32 {
        left + ((day - self.start) / self.span()) as f32 * (right - left)
    }

    /// The (fractional) day at screen x.
    pub fn day(&self, x: f32, left: f32, right: f32) -> f64 {
        self.start + f64::from((x - left) / (right - left).max(1.0)) * self.span()
    }

    /// Zooms by `factor` (> 1 zooms in) keeping `around` where it is.
    ///
    /// ```
    /// use event_atlas::timeline::TimeAxis;
    /// let mut a = TimeAxis::new(0.0, 100.0);
    /// a.zoom(2.0, 25.0);
    /// assert_eq!((a.start, a.end), (12.5, 62.5));
    /// ```
    pub fn zoom(&mut self, factor: f64, around: f64) {
        if !factor.is_finite() || factor <= 0.0 {
            return;
        }
        let span = (self.span() / factor).clamp(MIN_SPAN, MAX_SPAN);
        let frac = ((around - self.start) / self.span()).clamp(0.0, 1.0);
        self.start = around - frac * span;
        self.end = self.start + span;
        self.sanitize();
    }

    /// Moves the view by `days`.
    pub fn pan(&mut self, days: f64) {
        if days.is_finite() {
            self.start += days;
            self.end += days;
            self.sanitize();
        }
    }

    fn sanitize(&mut self) {
        let lo = days_from_civil(1800, 1, 1) as f64;
        let hi = days_from_civil(2200, 1, 1) as f64;
        if !(self.start.is_finite() && self.end.is_finite()) || self.end - self.start < MIN_SPAN {
            let mid = if self.start.is_finite() {
                self.start
            } else {
                0.0
            };
            self.start = mid;
            self.end = mid + MIN_SPAN;
        }
        if self.span() > MAX_SPAN {
            self.end = self.start + MAX_SPAN;
        }
        let shift = (lo - self.start).max(0.0) + (hi - self.end).min(0.0);
        self.start += shift;
        self.end += shift;
    }

    /// Ticks at calendar steps at least `min_gap` points apart on an axis `width` points wide.
    ///
    /// ```
    /// use event_atlas::timeline::TimeAxis;
    /// use event_atlas::model::days_from_civil;
    /// let a = TimeAxis::new(days_from_civil(2001, 1, 1) as f64, days_from_civil(2022, 1, 1) as f64);
    /// // 21 years on 1000 points: a tick every second year, on even years.
    /// let ticks = a.ticks(1000.0, 60.0);
    /// assert_eq!(ticks.first().map(|t| t.label.as_str()), Some("2002"));
    /// assert_eq!(ticks.len(), 11); // 2002, 2004, …, 2022
    /// ```
    pub fn ticks(&self, width: f32, min_gap: f32) -> Vec<Tick> {
        let per_day = f64::from(width) / self.span();
        let step = STEPS
            .into_iter()
            .find(|s| s.approx_days() * per_day >= f64::from(min_gap))
            .unwrap_or(Step::Years(50));
        let first = self.start.floor() as i64;
        let last = self.end.ceil() as i64;
        let mut out = Vec::new();
        match step {
            Step::Days(n) => {
                let mut d = first.div_euclid(n) * n;
                while d <= last {
                    if d >= first {
                        let (y, m, day) = civil_from_days(d);
                        let label = if day == 1 && m == 1 {
                            format!("1 Jan {y}")
                        } else {
                            format!("{day} {}", MONTHS[usize::from(m - 1)])
                        };
                        out.push(Tick { day: d, label });
                    }
                    d += n;
                }
            }
            Step::Months(n) => {
                let (y, m, _) = civil_from_days(first);
                let mut idx = (i64::from(y) * 12 + i64::from(m) - 1).div_euclid(n) * n;
                loop {
                    let (y, m) = (idx.div_euclid(12) as i32, (idx.rem_euclid(12) + 1) as u8);
                    let d = days_from_civil(y, m, 1);
                    if d > last {
                        break;
                    }
                    if d >= first {
                        let label = if m == 1 {
                            y.to_string()
                        } else {
                            format!("{} {y}", MONTHS[usize::from(m - 1)])
                        };
                        out.push(Tick { day: d, label });
                    }
                    idx += n;
                }
            }
            Step::Years(n) => {
                let (y, _, _) = civil_from_days(first);
                let mut y = i64::from(y).div_euclid(n) * n;
                loop {
                    let d = days_from_civil(y as i32, 1, 1);
                    if d > last {
                        break;
                    }
                    if d >= first {
                        out.push(Tick {
                            day: d,
                            label: y.to_string(),
                        });
                    }
                    y += n;
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_fit_the_scale() {
        let july = TimeAxis::new(
            days_from_civil(2021, 6, 15) as f64,
            days_from_civil(2021, 7, 12) as f64,
        );
        let t = july.ticks(1800.0, 60.0);
        assert!(t.iter().any(|t| t.label == "5 Jul"), "{t:?}");
        assert!(t.windows(2).all(|w| w[0].day < w[1].day));
        let years = TimeAxis::new(
            days_from_civil(2001, 1, 1) as f64,
            days_from_civil(2022, 1, 1) as f64,
        );
        let t = years.ticks(400.0, 60.0);
        assert!(t.iter().all(|t| t.label.len() == 4), "{t:?}");
    }

    #[test]
    fn zoom_and_pan_stay_sane() {
        let mut a = TimeAxis::new(0.0, 100.0);
        a.zoom(1e9, 50.0);
        assert!(a.span() >= MIN_SPAN);
        a.zoom(1e-9, 50.0);
        assert!(a.span() <= MAX_SPAN);
        a.pan(f64::NAN);
        assert!(a.start.is_finite());
        let b = TimeAxis::new(f64::NAN, 3.0);
        assert!(b.start.is_finite() && b.end > b.start);
        assert_eq!(a.day(a.x(17.0, 10.0, 510.0), 10.0, 510.0).round(), 17.0);
    }
}
