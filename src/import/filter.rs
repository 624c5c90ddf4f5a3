//! Which imported events the user's filters let through: the shared time cursor and window,
//! plus the layer's own kind and actor filters. A sweep over a million records takes about a
//! millisecond, so counts are recomputed only when a filter changes, never per frame.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{Imported, Layer, Record};
use crate::timeline::{TimeFilter, Vis};

/// A layer's own filters, saved with the list of opened files.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct LayerFilter {
    /// Bit `k` set: kind `k` is hidden.
    pub hidden_kinds: u64,
    /// Only events where either actor contains this text (case-insensitive); empty for all.
    pub actor: String,
}

impl LayerFilter {
    /// Whether kind `k` is shown.
    pub fn kind_shown(&self, k: u16) -> bool {
        k >= 64 || self.hidden_kinds & (1 << k) == 0
    }

    /// Shows or hides kind `k`.
    pub fn set_kind(&mut self, k: u16, shown: bool) {
        if k < 64 {
            if shown {
                self.hidden_kinds &= !(1 << k);
            } else {
                self.hidden_kinds |= 1 << k;
            }
        }
    }

    /// For each string of the layer, whether an actor filter matches it (empty when no filter).
    pub fn actor_mask(&self, layer: &Layer) -> Vec<bool> {
        let q = self.actor.trim().to_lowercase();
        if q.is_empty() {
            return Vec::new();
        }
        layer
            .strings
            .iter()
            .map(|s| s.to_lowercase().contains(&q))
            .collect()
    }
}

/// A filter ready for sweeping: the cursor's day, the window's first day, the masks.
#[derive(Debug, Clone)]
pub struct Sweep {
    day: i64,
    first_day: Option<i64>,
    hidden_kinds: u64,
    /// Per string of the layer, whether the actor filter matches it (shared between sweeps of
    /// one filter: building it lower-cases every string).
    actors: Arc<Vec<bool>>,
}

impl Sweep {
    /// Prepares `time` and `filter` for `layer`.
    pub fn new(time: &TimeFilter, filter: &LayerFilter, layer: &Layer) -> Self {
        Self::with_mask(time, filter, Arc::new(filter.actor_mask(layer)))
    }

    /// Prepares `time` and `filter` with the filter's actor mask already built.
    pub fn with_mask(time: &TimeFilter, filter: &LayerFilter, actors: Arc<Vec<bool>>) -> Self {
        Self {
            day: time.day(),
            first_day: time.first_day(),
            hidden_kinds: filter.hidden_kinds,
            actors,
        }
    }

    /// The cursor's day.
    pub fn day(&self) -> i64 {
        self.day
    }

    /// The window's first day, in window mode.
    pub fn first_day(&self) -> Option<i64> {
        self.first_day
    }

    /// How a record shows: hidden, maybe (its date range straddles the cursor) or shown.
    #[inline]
    pub fn admits(&self, r: &Record) -> Vis {
        if r.kind < 64 && self.hidden_kinds & (1 << r.kind) != 0 {
            return Vis::Hidden;
        }
        if !self.actors.is_empty()
            && !self.actors.get(r.actor1 as usize).copied().unwrap_or(false)
            && !self.actors.get(r.actor2 as usize).copied().unwrap_or(false)
        {
            return Vis::Hidden;
        }
        if !r.dated() {
            return Vis::Shown;
        }
        if i64::from(r.start) > self.day || self.first_day.is_some_and(|lo| i64::from(r.end) < lo) {
            Vis::Hidden
        } else if i64::from(r.end) > self.day {
            Vis::Maybe
        } else {
            Vis::Shown
        }
    }
}

/// What a cluster holds under the filter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Events shown (faded ones included).
    pub count: u32,
    /// Of which only may have happened by the cursor.
    pub maybe: u32,
    /// Most common kind.
    pub kind: u16,
    /// More than one kind.
    pub mixed: bool,
    /// Some event's place is imprecise.
    pub imprecise: bool,
    /// The first shown record (what a single-event cluster draws).
    pub first: u32,
}

/// Counts every run of `level` under the filter.
pub fn tally(imported: &Imported, level: usize, sweep: &Sweep) -> Vec<Tally> {
    let Some(lvl) = imported.clusters.levels.get(level) else {
        return Vec::new();
    };
    let records = &imported.layer.records;
    let mut out = Vec::with_capacity(lvl.len());
    let mut kinds = [0u32; 64];
    for i in 0..lvl.len() {
        let mut t = Tally::default();
        let mut touched = 0u64;
        for k in lvl.run(i) {
            let r = &records[k];
            let vis = sweep.admits(r);
            if vis == Vis::Hidden {
                continue;
            }
            if t.count == 0 {
                t.first = k as u32;
            }
            t.count += 1;
            t.maybe += u32::from(vis == Vis::Maybe);
            t.imprecise |= !matches!(r.place, super::PlacePrecision::Exact);
            let kind = usize::from(r.kind.min(63));
            kinds[kind] += 1;
            touched |= 1 << kind;
        }
        if touched.count_ones() > 1 {
            t.mixed = true;
        }
        let mut best = 0;
        let mut bits = touched;
        while bits != 0 {
            let k = bits.trailing_zeros() as usize;
            if kinds[k] > best {
                best = kinds[k];
                t.kind = k as u16;
            }
            kinds[k] = 0;
            bits &= bits - 1;
        }
        out.push(t);
    }
    out
}

/// Indexes of the records the filter shows (faded ones included), in stored order.
pub fn shown(layer: &Layer, sweep: &Sweep) -> Vec<usize> {
    layer
        .records
        .iter()
        .enumerate()
        .filter(|(_, r)| sweep.admits(r).shown())
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{Progress, parse_bytes, synthetic};
    use crate::model::days_from_civil;

    #[test]
    fn tallies_add_up_to_what_is_shown() {
        let csv = synthetic::acled_csv(3000, 5);
        let layer = parse_bytes("s.csv", csv.as_bytes(), &Progress::default()).expect("parses");
        let imported = Imported::index(layer, &Progress::default());
        let time = TimeFilter {
            cursor: days_from_civil(2020, 6, 1) as f64,
            ..TimeFilter::default()
        };
        let mut filter = LayerFilter::default();
        filter.set_kind(0, false);
        filter.actor = "armed group a".into();
        let sweep = Sweep::new(&time, &filter, &imported.layer);
        let shown = shown(&imported.layer, &sweep);
        assert!(!shown.is_empty() && shown.len() < 3000);
        for level in 0..imported.clusters.levels.len() {
            let total: u32 = tally(&imported, level, &sweep)
                .iter()
                .map(|t| t.count)
                .sum();
            assert_eq!(total as usize, shown.len(), "level {level}");
        }
        let layer = &imported.layer;
        for &i in &shown {
            let r = &layer.records[i];
            assert_ne!(r.kind, 0);
            let a = format!(
                "{} {}",
                layer.strings.get(r.actor1),
                layer.strings.get(r.actor2)
            );
            assert!(a.to_lowercase().contains("armed group a"));
            assert!(i64::from(r.start) <= time.day());
        }
    }
}
