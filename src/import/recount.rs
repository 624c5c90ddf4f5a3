//! Cluster counts that follow the time cursor: when only the cursor (or the window's first day)
//! moves, the records whose status can change are those that start or end between the old day
//! and the new one. They are found by binary search in the records sorted by start and by end
//! (built once per layer), and only their clusters are recounted, so a day's step costs what
//! changed, not the whole layer.

use super::filter::{Sweep, Tally};
use super::{Imported, Layer, PlacePrecision};
use crate::timeline::Vis;

/// A step touching more than this share of the records is recounted from scratch instead.
const MAX_SHARE: usize = 8;

/// Most kind counters kept (kinds per layer times clusters of the level).
const MAX_CELLS: usize = 1 << 25;

/// The layer's dated records sorted by first and by last day.
#[derive(Debug, Clone, Default)]
pub struct DayIndex {
    by_start: Vec<u32>,
    by_end: Vec<u32>,
}

impl DayIndex {
    /// Sorts the dated records of `layer` by start and by end day.
    pub fn new(layer: &Layer) -> Self {
        let dated: Vec<u32> = (0..layer.records.len() as u32)
            .filter(|&i| layer.records[i as usize].dated())
            .collect();
        let (mut by_start, mut by_end) = (dated.clone(), dated);
        by_start.sort_unstable_by_key(|&i| layer.records[i as usize].start);
        by_end.sort_unstable_by_key(|&i| layer.records[i as usize].end);
        Self { by_start, by_end }
    }

    /// Records whose start, or end, lies in `lo < day <= hi`.
    fn between(&self, layer: &Layer, by_end: bool, lo: i64, hi: i64) -> &[u32] {
        let (list, key): (&[u32], fn(&super::Record) -> i32) = if by_end {
            (&self.by_end, |r| r.end)
        } else {
            (&self.by_start, |r| r.start)
        };
        let at =
            |d: i64| list.partition_point(|&i| i64::from(key(&layer.records[i as usize])) <= d);
        let (a, b) = (at(lo), at(hi));
        &list[a..b.max(a)]
    }
}

/// The counts of every cluster of one level under one filter, kept so a cursor step can adjust
/// them.
#[derive(Debug, Clone)]
pub struct LiveTally {
    pub level: usize,
    /// Kinds counted separately per cluster (the rest share the last counter).
    kinds: usize,
    /// Per cluster and kind: shown records.
    kind_counts: Vec<u32>,
    /// Per cluster: records placed only approximately.
    imprecise: Vec<u32>,
    pub tallies: Vec<Tally>,
}

impl LiveTally {
    /// Counts every cluster of `level` under `sweep` (the whole layer, once).
    pub fn new(imported: &Imported, level: usize, sweep: &Sweep) -> Option<Self> {
        let lvl = imported.clusters.levels.get(level)?;
        let kinds = imported.layer.kinds.len().clamp(1, 64);
        if lvl.len() * kinds > MAX_CELLS {
            return None;
        }
        let mut t = Self {
            level,
            kinds,
            kind_counts: vec![0; lvl.len() * kinds],
            imprecise: vec![0; lvl.len()],
            tallies: vec![Tally::default(); lvl.len()],
        };
        for run in 0..lvl.len() {
            for k in lvl.run(run) {
                let v = sweep.admits(&imported.layer.records[k]);
                if v != Vis::Hidden {
                    t.add(imported, run, k, v, 1);
                }
            }
            t.finish(imported, run, sweep);
        }
        Some(t)
    }

    /// Moves the counts from `old` to `new` (the same layer filter, another day or window).
    /// Returns false when too much changed to step: the caller recounts from scratch.
    pub fn step(&mut self, imported: &Imported, days: &DayIndex, old: &Sweep, new: &Sweep) -> bool {
        let layer = &imported.layer;
        let Some(lvl) = imported.clusters.levels.get(self.level) else {
            return false;
        };
        let (d0, d1) = (old.day(), new.day());
        let (f0, f1) = (old.first_day(), new.first_day());
        let mut changed: Vec<u32> = Vec::new();
        changed.extend_from_slice(days.between(layer, false, d0.min(d1), d0.max(d1)));
        changed.extend_from_slice(days.between(layer, true, d0.min(d1), d0.max(d1)));
        if f0 != f1 {
            let (a, b) = (f0.unwrap_or(i64::MIN / 4), f1.unwrap_or(i64::MIN / 4));
            // Records ending just before one first day and not the other.
            changed.extend_from_slice(days.between(layer, true, a.min(b) - 1, a.max(b) - 1));
        }
        if changed.len() > layer.records.len() / MAX_SHARE {
            return false;
        }
        changed.sort_unstable();
        changed.dedup();
        let mut touched: Vec<usize> = Vec::new();
        for &k in &changed {
            let r = &layer.records[k as usize];
            let (was, is) = (old.admits(r), new.admits(r));
            if was == is {
                continue;
            }
            let run = lvl.starts.partition_point(|&s| s <= k) - 1;
            if was != Vis::Hidden {
                self.add(imported, run, k as usize, was, -1);
            }
            if is != Vis::Hidden {
                self.add(imported, run, k as usize, is, 1);
            }
            touched.push(run);
        }
        touched.sort_unstable();
        touched.dedup();
        for run in touched {
            self.finish(imported, run, new);
        }
        true
    }

    /// Counts record `k` of cluster `run` in (`sign` 1) or out (-1).
    fn add(&mut self, imported: &Imported, run: usize, k: usize, v: Vis, sign: i32) {
        let r = &imported.layer.records[k];
        let t = &mut self.tallies[run];
        let d = |n: &mut u32| *n = n.wrapping_add_signed(sign);
        d(&mut t.count);
        if v == Vis::Maybe {
            d(&mut t.maybe);
        }
        if !matches!(r.place, PlacePrecision::Exact) {
            d(&mut self.imprecise[run]);
        }
        let kind = usize::from(r.kind).min(self.kinds - 1);
        d(&mut self.kind_counts[run * self.kinds + kind]);
        if sign > 0 && (t.count == 1 || (k as u32) < t.first) {
            t.first = k as u32;
        }
    }

    /// Derives a cluster's most common kind, mix, precision and first shown record from its
    /// counters (the first is searched again only when it may have gone).
    fn finish(&mut self, imported: &Imported, run: usize, sweep: &Sweep) {
        let counts = &self.kind_counts[run * self.kinds..(run + 1) * self.kinds];
        let t = &mut self.tallies[run];
        let (mut best, mut present) = (0, 0);
        for (k, &n) in counts.iter().enumerate().filter(|(_, n)| **n > 0) {
            present += 1;
            if n > best {
                best = n;
                t.kind = k as u16;
            }
        }
        t.mixed = present > 1;
        t.imprecise = self.imprecise[run] > 0;
        let records = &imported.layer.records;
        let first_gone = records
            .get(t.first as usize)
            .is_none_or(|r| sweep.admits(r) == Vis::Hidden);
        if t.count > 0 && first_gone {
            let lvl = &imported.clusters.levels[self.level];
            t.first = lvl
                .run(run)
                .find(|&k| sweep.admits(&records[k]) != Vis::Hidden)
                .map_or(0, |k| k as u32);
        }
        if t.count == 0 {
            *t = Tally::default();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::filter::{LayerFilter, tally};
    use crate::import::{Progress, parse_bytes, synthetic};
    use crate::timeline::{TimeFilter, TimeMode};

    #[test]
    fn stepping_day_by_day_matches_counting_afresh() {
        let csv = synthetic::ucdp_csv(4000, 3, true);
        let layer = parse_bytes("s.csv", csv.as_bytes(), &Progress::default()).expect("parses");
        let imported = Imported::index(layer, &Progress::default());
        let days = DayIndex::new(&imported.layer);
        let mut filter = LayerFilter::default();
        filter.set_kind(1, false);
        let start = crate::model::days_from_civil(2018, 1, 1) as f64;
        for mode in [TimeMode::Cumulative, TimeMode::Window] {
            let at = |d: f64| TimeFilter {
                cursor: start + d,
                mode,
                ..TimeFilter::default()
            };
            let level = 5;
            let first = Sweep::new(&at(0.0), &filter, &imported.layer);
            let mut live = LiveTally::new(&imported, level, &first).expect("small");
            let mut old = first;
            let mut stepped = 0;
            for d in [1.0, 2.0, 9.0, 20.0, 19.0, 3.0, 3000.0, 3001.0] {
                let new = Sweep::new(&at(d), &filter, &imported.layer);
                if live.step(&imported, &days, &old, &new) {
                    stepped += 1;
                } else {
                    // Too much changed (the long jump): counted afresh.
                    live = LiveTally::new(&imported, level, &new).expect("small");
                }
                let fresh = tally(&imported, level, &new);
                assert_eq!(live.tallies, fresh, "{mode:?}, day {d}");
                old = new;
            }
            assert!(stepped >= 6, "{mode:?}: {stepped} steps");
        }
    }
}
