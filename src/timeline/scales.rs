//! The story's two natural time scales, worked out once from its data: the whole story, and
//! the crisis (the span of its crossings' totals with a week either side).

use super::{Playback, TimeAxis, TimeIndex};
use crate::model::Dataset;

/// The two natural scales of the story.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scales {
    /// Everything, 2001–2021 for the shipped article.
    pub whole: TimeAxis,
    /// The crossings: the article's totals with a week either side.
    pub crisis: TimeAxis,
}

impl Scales {
    /// Scales for a dataset and its date index.
    pub fn of(data: &Dataset, time: &TimeIndex) -> Self {
        let (first, last) = time.span().unwrap_or((0, 1));
        let (first, last) = (first as f64, last as f64 + 1.0);
        let pad = ((last - first) * 0.02).max(2.0);
        let whole = TimeAxis::new(first - pad, last + pad);
        let totals = &data.crossings.totals;
        let crossings = &data.crossings.crossings;
        let span = if totals.is_empty() {
            let s = crossings.iter().map(|x| x.date.first_day_number()).min();
            let e = crossings.iter().map(|x| x.date.last_day_number()).max();
            s.zip(e)
        } else {
            let s = totals.iter().map(|t| t.start.first_day_number()).min();
            let e = totals.iter().map(|t| t.end.last_day_number()).max();
            s.zip(e)
        };
        let crisis = match span {
            Some((s, e)) => TimeAxis::new(s as f64 - 7.0, e as f64 + 8.0),
            None => TimeAxis::new(last - 30.0, last),
        };
        Self { whole, crisis }
    }

    /// The scale that best shows `day`: the crisis when it falls in it.
    pub fn for_day(&self, day: f64) -> TimeAxis {
        if (self.crisis.start..=self.crisis.end).contains(&day) {
            self.crisis
        } else {
            self.whole
        }
    }
}

impl Playback {
    /// The speed that plays `axis` in a few tens of seconds, in a round unit: a day, a week, a
    /// month or a year per second. The one rule for the speed a scale starts with.
    ///
    /// ```
    /// use event_atlas::timeline::{Playback, TimeAxis};
    /// assert_eq!(Playback::natural_speed(&TimeAxis::new(0.0, 28.0)), 1.0);
    /// assert_eq!(Playback::natural_speed(&TimeAxis::new(0.0, 7300.0)), 365.0);
    /// ```
    pub fn natural_speed(axis: &TimeAxis) -> f64 {
        let per_20s = axis.span() / 20.0;
        [1.0, 7.0, 30.0, 365.0]
            .into_iter()
            .rev()
            .find(|&unit| per_20s >= unit * 0.9)
            .unwrap_or(1.0)
    }
}
