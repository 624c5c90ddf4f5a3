//! Events and crossings sorted by date, so moving the cursor is a lookup, never a re-read.

use super::{Filter, Timing, Vis};
use crate::model::Item;
use crate::model::{Dataset, EventKind};

/// One dated item of the story.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub item: Item,
    pub timing: Timing,
    /// Crossings count as [`EventKind::Refuge`] for the kind filter.
    pub kind: EventKind,
}

/// What the current filter lets through, by data index; rebuilt only when the filter changes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Visible {
    /// The cursor's day.
    pub day: i64,
    /// First day of the window, in window mode.
    pub first_day: Option<i64>,
    pub events: Vec<Vis>,
    pub crossings: Vec<Vis>,
    /// The article's totals whose span has been reached (and overlaps the window).
    pub totals: Vec<bool>,
    /// What a waiting quiz question keeps off the screen (already applied to the above).
    pub concealed: super::Concealed,
}

impl Visible {
    /// The days the filter shows, in words: "Up to 5 July 2021", or "3 July 2021 to 5 July
    /// 2021" in window mode (the timeline's header and the map's counter say the same).
    pub fn span_text(&self) -> String {
        let day = crate::model::PartialDate::from_day_number(self.day).human();
        match self.first_day {
            Some(lo) if lo < self.day => {
                format!(
                    "{} to {day}",
                    crate::model::PartialDate::from_day_number(lo).human()
                )
            }
            _ => format!("Up to {day}"),
        }
    }

    /// How an item shows.
    pub fn item(&self, item: Item) -> Vis {
        let v = match item {
            Item::Event(i) => self.events.get(i),
            Item::Crossing(i) => self.crossings.get(i),
        };
        v.copied().unwrap_or(Vis::Hidden)
    }
}

/// Events and crossings by first possible day.
#[derive(Debug, Clone, Default)]
pub struct TimeIndex {
    entries: Vec<Entry>,
    /// Latest end of any entry.
    last: Option<i64>,
}

impl TimeIndex {
    /// Sorts the dataset's events and crossings by date.
    pub fn new(data: &Dataset) -> Self {
        let events = data.events.iter().enumerate().map(|(i, e)| Entry {
            item: Item::Event(i),
            timing: Timing::of(e.date, e.end_date),
            kind: e.kind,
        });
        let crossings = data
            .crossings
            .crossings
            .iter()
            .enumerate()
            .map(|(i, x)| Entry {
                item: Item::Crossing(i),
                timing: Timing::of(x.date, x.end_date),
                kind: EventKind::Refuge,
            });
        let mut entries: Vec<Entry> = events.chain(crossings).collect();
        entries.sort_by_key(|e| (e.timing.start, e.timing.sure, e.timing.end));
        let last = entries.iter().map(|e| e.timing.end).max();
        Self { entries, last }
    }

    /// All entries, by start.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// First and last day of the story.
    pub fn span(&self) -> Option<(i64, i64)> {
        Some((self.entries.first()?.timing.start, self.last?))
    }

    /// What `filter` lets through.
    pub fn visible(&self, filter: &Filter, data: &Dataset) -> Visible {
        let day = filter.time.day();
        let first_day = filter.time.first_day();
        let mut v = Visible {
            day,
            first_day,
            events: vec![Vis::Hidden; data.events.len()],
            crossings: vec![Vis::Hidden; data.crossings.crossings.len()],
            totals: Vec::new(),
            concealed: super::Concealed::default(),
        };
        // Only entries that started by the cursor can show: a binary search, not a scan.
        let started = self.entries.partition_point(|e| e.timing.start <= day);
        for e in &self.entries[..started] {
            if !filter.kind_shown(e.kind) {
                continue;
            }
            let vis = filter.time.admits(e.timing);
            match e.item {
                Item::Event(i) => v.events[i] = vis,
                Item::Crossing(i) => v.crossings[i] = vis,
            }
        }
        v.totals = data
            .crossings
            .totals
            .iter()
            .map(|t| {
                filter.kind_shown(EventKind::Refuge)
                    && t.end.last_day_number() <= day
                    && first_day.is_none_or(|lo| t.end.last_day_number() >= lo)
            })
            .collect();
        v
    }

    /// The next day after `day` on which a shown item starts (for "step to next event").
    pub fn next_start(&self, day: i64, filter: &Filter) -> Option<i64> {
        let from = self.entries.partition_point(|e| e.timing.start <= day);
        self.entries[from..]
            .iter()
            .find(|e| filter.kind_shown(e.kind))
            .map(|e| e.timing.start)
    }

    /// The last day before `day` on which a shown item starts.
    pub fn prev_start(&self, day: i64, filter: &Filter) -> Option<i64> {
        let to = self.entries.partition_point(|e| e.timing.start < day);
        self.entries[..to]
            .iter()
            .rev()
            .find(|e| filter.kind_shown(e.kind))
            .map(|e| e.timing.start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::days_from_civil;
    use crate::timeline::{TimeFilter, TimeMode};

    fn at(y: i32, m: u8, d: u8) -> Filter {
        Filter {
            time: TimeFilter {
                cursor: days_from_civil(y, m, d) as f64 + 0.5,
                ..TimeFilter::default()
            },
            ..Filter::default()
        }
    }

    #[test]
    fn cursor_reveals_crossings_on_their_day() {
        let data = Dataset::embedded().expect("data");
        let index = TimeIndex::new(&data);
        let fifth = data
            .crossings
            .crossings
            .iter()
            .position(|x| x.id == "tajikistan-2021-07-05")
            .expect("5 July crossing");
        let v4 = index.visible(&at(2021, 7, 4), &data);
        let v5 = index.visible(&at(2021, 7, 5), &data);
        assert_eq!(v4.crossings[fifth], Vis::Hidden);
        assert_eq!(v5.crossings[fifth], Vis::Shown);
        assert!(v5.totals.iter().all(|&t| t), "both totals end on 5 July");
        assert!(v4.totals.iter().all(|&t| !t));
    }

    #[test]
    fn kinds_and_windows_filter() {
        let data = Dataset::embedded().expect("data");
        let index = TimeIndex::new(&data);
        let mut f = at(2021, 7, 5);
        f.hidden_kinds.insert(EventKind::Refuge);
        let v = index.visible(&f, &data);
        assert!(v.crossings.iter().all(|c| *c == Vis::Hidden));
        f.hidden_kinds.clear();
        f.time.mode = TimeMode::Window;
        let v = index.visible(&f, &data);
        for (i, e) in data.events.iter().enumerate() {
            if Timing::of(e.date, e.end_date).end < days_from_civil(2021, 7, 3) {
                assert_eq!(v.events[i], Vis::Hidden, "{}", e.id);
            }
        }
        assert!(v.events.iter().any(|e| e.shown()));
    }

    #[test]
    fn steps_between_event_days() {
        let data = Dataset::embedded().expect("data");
        let index = TimeIndex::new(&data);
        let f = Filter::default();
        let d = days_from_civil(2021, 7, 4);
        assert_eq!(index.next_start(d, &f), Some(days_from_civil(2021, 7, 5)));
        assert_eq!(index.prev_start(d, &f), Some(days_from_civil(2021, 7, 1)));
        let (first, last) = index.span().expect("span");
        assert_eq!(index.prev_start(first, &f), None);
        assert!(index.next_start(last, &f).is_none());
    }
}
