//! One opened data file on the map: its data, its own filters, and what was counted for the
//! current filter and zoom (kept until they change).

use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::import::{DayIndex, Imported, LayerFilter, LiveTally, Sweep, Tally, filter};
use crate::map::imported::{CELL_PX, LayerDraw};
use crate::timeline::TimeFilter;

/// An opened file as saved between runs (it is read again at start).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedLayer {
    pub path: std::path::PathBuf,
    pub filter: LayerFilter,
    pub shown: bool,
}

/// Cached tallies: valid for one filter and one cluster level.
type TallyKey = (i64, Option<i64>, LayerFilter, usize);

/// Cached list of shown records: valid for one filter.
type ShownKey = (i64, Option<i64>, LayerFilter);

/// A layer on the map.
pub struct OpenLayer {
    pub data: Arc<Imported>,
    pub filter: LayerFilter,
    pub shown: bool,
    /// Where "Export shown" writes.
    pub export_path: String,
    cache: Option<(TallyKey, LayerDraw)>,
    shown_cache: Option<(ShownKey, Arc<Vec<usize>>)>,
    /// The filter prepared for sweeping, for the current day.
    sweep_cache: Option<(ShownKey, Arc<Sweep>)>,
    /// The actor filter's mask (it lower-cases every string: once per filter, not per day).
    mask: Option<(String, Arc<Vec<bool>>)>,
    /// Counts that follow the cursor: the level, filter and sweep they are for.
    live: Option<(LayerFilter, Arc<Sweep>, LiveTally)>,
    /// Records by start and end day, built the first time the cursor moves.
    days: Option<DayIndex>,
}

impl OpenLayer {
    /// A layer for `data`, with its filters.
    pub fn new(data: Imported, filter: LayerFilter, shown: bool) -> Self {
        let stem = data
            .path
            .as_deref()
            .and_then(Path::file_stem)
            .map_or_else(|| "layer".to_string(), |s| s.to_string_lossy().into_owned());
        let dir = data
            .path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .unwrap_or_default();
        Self {
            data: Arc::new(data),
            filter,
            shown,
            export_path: dir.join(format!("{stem}-shown.csv")).display().to_string(),
            cache: None,
            shown_cache: None,
            sweep_cache: None,
            mask: None,
            live: None,
            days: None,
        }
    }

    /// The filter as a sweep over this layer, rebuilt only when the filter changes.
    pub fn sweep(&mut self, time: &TimeFilter) -> Arc<Sweep> {
        let key = (time.day(), time.first_day(), self.filter.clone());
        if let Some((k, s)) = &self.sweep_cache
            && *k == key
        {
            return s.clone();
        }
        let mask = match &self.mask {
            Some((actor, m)) if *actor == self.filter.actor => m.clone(),
            _ => {
                let m = Arc::new(self.filter.actor_mask(&self.data.layer));
                self.mask = Some((self.filter.actor.clone(), m.clone()));
                m
            }
        };
        let s = Arc::new(Sweep::with_mask(time, &self.filter, mask));
        self.sweep_cache = Some((key, s.clone()));
        s
    }

    /// The counts of `level` under `sweep`: stepped from the last ones when only the day
    /// moved, else counted afresh.
    fn tallies(&mut self, level: usize, sweep: &Arc<Sweep>) -> Vec<Tally> {
        if let Some((f, old, live)) = &mut self.live
            && live.level == level
            && *f == self.filter
        {
            let days = self
                .days
                .get_or_insert_with(|| DayIndex::new(&self.data.layer));
            if live.step(&self.data, days, old, sweep) {
                *old = sweep.clone();
                return live.tallies.clone();
            }
        }
        match LiveTally::new(&self.data, level, sweep) {
            Some(live) => {
                let t = live.tallies.clone();
                self.live = Some((self.filter.clone(), sweep.clone(), live));
                t
            }
            None => {
                self.live = None;
                filter::tally(&self.data, level, sweep)
            }
        }
    }

    /// What the map draws at `world_px` (the world's width in pixels), recounted only when
    /// the filter or the cluster level changed.
    pub fn draw(&mut self, time: &TimeFilter, world_px: f64) -> LayerDraw {
        let level = self.data.clusters.level_for(world_px, CELL_PX);
        let key = (time.day(), time.first_day(), self.filter.clone(), level);
        if let Some((k, d)) = &self.cache
            && *k == key
        {
            return d.clone();
        }
        let sweep = self.sweep(time);
        let tallies = self.tallies(level, &sweep);
        let records = &self.data.layer.records;
        let shapes_shown = self
            .data
            .layer
            .shapes
            .iter()
            .map(|s| {
                records
                    .get(s.record as usize)
                    .is_some_and(|r| sweep.admits(r).shown())
            })
            .collect();
        let d = LayerDraw {
            data: self.data.clone(),
            level,
            tallies: Arc::new(tallies),
            shapes_shown: Arc::new(shapes_shown),
        };
        self.cache = Some((key, d.clone()));
        d
    }

    /// Records the filter shows (for export and the province panel), cached per filter.
    pub fn shown_rows(&mut self, time: &TimeFilter) -> Arc<Vec<usize>> {
        let key = (time.day(), time.first_day(), self.filter.clone());
        if let Some((k, rows)) = &self.shown_cache
            && *k == key
        {
            return rows.clone();
        }
        let sweep = self.sweep(time);
        let rows = Arc::new(filter::shown(&self.data.layer, &sweep));
        self.shown_cache = Some((key, rows.clone()));
        rows
    }

    /// Saved form.
    pub fn saved(&self) -> Option<SavedLayer> {
        Some(SavedLayer {
            path: self.data.path.clone()?,
            filter: self.filter.clone(),
            shown: self.shown,
        })
    }
}
