//! Opening the user's own data files off the UI thread: a job per file with a progress bar
//! and Cancel, the layers it yields, their filters and cached cluster counts, and exports.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use serde::{Deserialize, Serialize};

use super::AtlasApp;
use crate::atlas::Atlas;
use crate::import::{
    CsvLayout, ImportError, Imported, LayerFilter, Progress, Sweep, Tally, assign_provinces,
    filter, import_file, write_csv, write_geojson,
};
use crate::map::imported::{CELL_PX, ClusterHit, LayerDraw};
use crate::model::write_atomic;
use crate::timeline::TimeFilter;

/// An opened file as saved between runs (it is read again at start).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedLayer {
    pub path: PathBuf,
    pub filter: LayerFilter,
    pub shown: bool,
}

/// What a file dialog's answer is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogFor {
    Data,
    Export(usize),
    Article,
    PmTiles,
}

/// An import in progress.
pub struct ImportJob {
    pub path: PathBuf,
    pub progress: Arc<Progress>,
    rx: Receiver<Result<Imported, ImportError>>,
    /// Filter and visibility to restore (a file reopened at start).
    saved: Option<SavedLayer>,
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
    /// The filter prepared for sweeping (its actor mask lower-cases every string: not per frame).
    sweep_cache: Option<(ShownKey, Arc<Sweep>)>,
}

impl OpenLayer {
    fn new(data: Imported, filter: LayerFilter, shown: bool) -> Self {
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
        let s = Arc::new(Sweep::new(time, &self.filter, &self.data.layer));
        self.sweep_cache = Some((key, s.clone()));
        s
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
        let tallies: Vec<Tally> = filter::tally(&self.data, level, &sweep);
        let shapes_shown = self
            .data
            .layer
            .shapes
            .iter()
            .map(|s| {
                self.data
                    .layer
                    .records
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

/// Each province's spellings (its name, then the lexicon's), in basemap order, for matching
/// `admin1`.
fn province_spellings(atlas: &Atlas) -> Vec<Vec<String>> {
    let other = atlas.data.lexicon.admin1_names();
    atlas
        .data
        .provinces
        .iter()
        .map(|p| {
            let mut names = vec![p.name.clone()];
            names.extend(
                other
                    .get(p.iso.as_str())
                    .copied()
                    .unwrap_or_default()
                    .iter()
                    .cloned(),
            );
            names
        })
        .collect()
}

/// Runs the whole import of `path` (parse, clusters, provinces) on the calling thread.
pub fn import_with_provinces(
    atlas: &Atlas,
    path: &Path,
    progress: &Progress,
) -> Result<Imported, ImportError> {
    let mut imported = import_file(path, progress)?;
    let names = province_spellings(atlas);
    assign_provinces(
        &mut imported.layer,
        &names,
        |lon, lat| atlas.province_index.locate(geo::Point::new(lon, lat)),
        progress,
    );
    if progress.cancelled() {
        return Err(ImportError::Cancelled {
            path: path.display().to_string(),
        });
    }
    Ok(imported)
}

impl AtlasApp {
    /// Starts importing a file in the background (File › Open data, drag and drop, `--open`).
    pub fn open_data(&mut self, path: PathBuf) {
        self.open_data_with(path, None);
    }

    fn open_data_with(&mut self, path: PathBuf, saved: Option<SavedLayer>) {
        if self.jobs.iter().any(|j| j.path == path) {
            return;
        }
        let progress = Arc::new(Progress::default());
        let (tx, rx) = channel();
        let atlas = self.atlas.clone();
        let (p, job_path) = (progress.clone(), path.clone());
        let spawned = std::thread::Builder::new()
            .name("import".into())
            .spawn(move || {
                let _ = tx.send(import_with_provinces(&atlas, &job_path, &p));
            });
        if let Err(e) = spawned {
            self.problems
                .push(format!("{}: cannot start the import: {e}", path.display()));
            return;
        }
        self.layers_open = true;
        self.jobs.push(ImportJob {
            path,
            progress,
            rx,
            saved,
        });
    }

    /// Reopens the files open at the last exit.
    pub fn reopen_saved_layers(&mut self) {
        for saved in std::mem::take(&mut self.state.layers) {
            if saved.path.exists() {
                self.open_data_with(saved.path.clone(), Some(saved));
            } else {
                self.problems.push(format!(
                    "{}: the file opened last time is gone; its layer was not restored",
                    saved.path.display()
                ));
            }
        }
    }

    /// Collects finished imports; keeps the window repainting while any run.
    pub fn poll_imports(&mut self, ctx: &egui::Context) {
        let mut still = Vec::new();
        for job in std::mem::take(&mut self.jobs) {
            match job.rx.try_recv() {
                Err(TryRecvError::Empty) => still.push(job),
                Err(TryRecvError::Disconnected) => self.problems.push(format!(
                    "{}: the import stopped unexpectedly",
                    job.path.display()
                )),
                Ok(Err(ImportError::Cancelled { path })) => {
                    self.status = Some(format!("import of {path} cancelled"));
                }
                Ok(Err(e)) => self.problems.push(e.to_string()),
                Ok(Ok(imported)) => {
                    let layer = &imported.layer;
                    let mut msg = format!(
                        "opened {} ({}): {} events",
                        layer.name,
                        layer.format.label(),
                        layer.len()
                    );
                    if layer.bad_row_count > 0 {
                        msg.push_str(&format!(", {} bad rows skipped", layer.bad_row_count));
                    }
                    self.status = Some(msg);
                    let (filter, shown) = job
                        .saved
                        .map_or((LayerFilter::default(), true), |s| (s.filter, s.shown));
                    let open = OpenLayer::new(imported, filter, shown);
                    // Reopening a file replaces its layer.
                    self.layers.retain(|l| l.data.path != open.data.path);
                    self.layers.push(open);
                    self.picked = None;
                }
            }
        }
        self.jobs = still;
        if !self.jobs.is_empty() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        self.state.layers = self
            .layers
            .iter()
            .filter_map(OpenLayer::saved)
            .chain(self.jobs.iter().filter_map(|j| j.saved.clone()))
            .collect();
    }

    /// Files dropped on the window are opened.
    pub fn take_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        for f in dropped {
            let path = f.path();
            if path.as_os_str().is_empty() {
                self.problems
                    .push("dropped data without a file path cannot be opened".to_string());
            } else {
                self.open_data(path.to_path_buf());
            }
        }
    }

    /// The shown layers' event days, merged, for the timeline (rebuilt when layers change).
    pub(super) fn timeline_days(&mut self) {
        let key: Vec<usize> = self
            .layers
            .iter()
            .filter(|l| l.shown)
            .map(|l| Arc::as_ptr(&l.data) as usize)
            .collect();
        if self.days_key.as_ref() == Some(&key) {
            return;
        }
        let mut days: Vec<i32> = self
            .layers
            .iter()
            .filter(|l| l.shown)
            .flat_map(|l| l.data.days.iter().copied())
            .collect();
        days.sort_unstable();
        self.state.timeline.imported_days = (!days.is_empty()).then(|| Arc::new(days));
        self.days_key = Some(key);
    }

    /// What the map draws of every shown layer at the current zoom.
    pub fn layer_draws(&mut self) -> Arc<Vec<LayerDraw>> {
        let world_px = 256.0 * 2f64.powf(self.state.map.memory.zoom());
        let time = self.state.filter.time;
        Arc::new(
            self.layers
                .iter_mut()
                .filter(|l| l.shown)
                .map(|l| l.draw(&time, world_px))
                .collect(),
        )
    }

    /// Index into `self.layers` of the `i`-th shown layer (cluster hits count shown layers).
    pub fn shown_layer(&self, i: usize) -> Option<usize> {
        self.layers
            .iter()
            .enumerate()
            .filter(|(_, l)| l.shown)
            .nth(i)
            .map(|(k, _)| k)
    }

    /// Writes what layer `i` shows under the filters, as CSV (ACLED's or UCDP's layout) or
    /// GeoJSON by the path's extension, atomically.
    pub fn export_layer(&mut self, i: usize, path: &Path) -> Result<usize, String> {
        let time = self.state.filter.time;
        let layer = self.layers.get_mut(i).ok_or("no such layer")?;
        let rows = layer.shown_rows(&time);
        let data = &layer.data.layer;
        let mut bytes = Vec::new();
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let written = match ext.as_str() {
            "geojson" | "json" => write_geojson(data, rows.iter().copied(), &mut bytes),
            "csv" => write_csv(
                data,
                rows.iter().copied(),
                CsvLayout::for_format(data.format),
                &mut bytes,
            ),
            _ => {
                return Err(format!(
                    "{}: use a .csv, .geojson or .json file name",
                    path.display()
                ));
            }
        };
        written
            .and_then(|()| write_atomic(path, &bytes))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(rows.len())
    }

    /// The cluster picked on the map, with its layer, if still valid.
    pub fn picked_layer(&self) -> Option<(usize, ClusterHit)> {
        let hit = self.picked?;
        Some((self.shown_layer(hit.layer)?, hit))
    }
}

/// A native file dialog on its own thread (it may wait for the user; the UI keeps drawing).
/// Yields `None` when cancelled or when no dialog service is available.
pub fn pick_file_async(save: bool, name: &str) -> Receiver<Option<PathBuf>> {
    let (tx, rx) = channel();
    let name = name.to_string();
    let _ = std::thread::Builder::new()
        .name("file-dialog".into())
        .spawn(move || {
            let dialog = rfd::FileDialog::new();
            let picked = if save {
                dialog
                    .add_filter("CSV", &["csv"])
                    .add_filter("GeoJSON", &["geojson", "json"])
                    .set_file_name(&name)
                    .save_file()
            } else {
                dialog
                    .add_filter(
                        "Event data (ACLED, UCDP GED, GeoJSON)",
                        &["csv", "geojson", "json"],
                    )
                    .add_filter("All files", &["*"])
                    .pick_file()
            };
            let _ = tx.send(picked);
        });
    rx
}

impl AtlasApp {
    /// Opens the native file dialog for a data file (off the UI thread).
    pub fn browse_open(&mut self) {
        self.layers_open = true;
        self.dialog = Some((DialogFor::Data, pick_file_async(false, "")));
    }

    /// Takes the file dialog's answer when it comes.
    pub(super) fn poll_dialog(&mut self) {
        let Some((target, rx)) = &self.dialog else {
            return;
        };
        let target = *target;
        match rx.try_recv() {
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) | Ok(None) => {
                self.dialog = None;
                self.status = Some(
                    "no file chosen (or no file dialog on this system): type the path in the window instead"
                        .into(),
                );
            }
            Ok(Some(path)) => {
                self.dialog = None;
                match target {
                    DialogFor::Data => self.open_data(path),
                    DialogFor::Article => {
                        if let Err(e) = self.open_article(path) {
                            self.problems.push(e);
                        }
                    }
                    DialogFor::PmTiles => {
                        self.pmtiles_path = path.display().to_string();
                        self.state.basemap = crate::map::tiles::Basemap::PmTiles { path };
                    }
                    DialogFor::Export(i) => {
                        if let Some(l) = self.layers.get_mut(i) {
                            l.export_path = path.display().to_string();
                        }
                        self.layers_action(crate::ui::layers::LayersAction::Export(i));
                    }
                }
            }
        }
    }

    pub(super) fn layers_window(&mut self, ctx: &egui::Context) {
        if !self.layers_open {
            return;
        }
        let mut open = true;
        let basemap = self.state.basemap.label();
        let actions = crate::ui::layers::window(
            ctx,
            &mut open,
            &mut self.open_path,
            &mut self.layers,
            &self.jobs,
            &basemap,
            &mut self.pmtiles_path,
        );
        self.layers_open = open;
        for a in actions {
            self.layers_action(a);
        }
    }

    /// Carries out what the Layers window asked for.
    pub fn layers_action(&mut self, action: crate::ui::layers::LayersAction) {
        use crate::ui::layers::LayersAction as A;
        match action {
            A::Open(p) => self.open_data(PathBuf::from(p)),
            A::Basemap(b) => self.state.basemap = b,
            A::BrowsePmTiles => {
                self.dialog = Some((DialogFor::PmTiles, pick_file_async(false, "")));
            }
            A::Browse => self.browse_open(),
            A::Cancel(i) => {
                if let Some(j) = self.jobs.get(i) {
                    j.progress.cancel();
                }
            }
            A::Remove(i) => {
                if i < self.layers.len() {
                    self.layers.remove(i);
                    self.picked = None;
                }
            }
            A::BrowseExport(i) => {
                let name = self
                    .layers
                    .get(i)
                    .map(|l| l.export_path.clone())
                    .unwrap_or_default();
                let name = Path::new(&name)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                self.dialog = Some((DialogFor::Export(i), pick_file_async(true, &name)));
            }
            A::Export(i) => {
                let Some(path) = self
                    .layers
                    .get(i)
                    .map(|l| PathBuf::from(l.export_path.trim()))
                else {
                    return;
                };
                self.status = Some(match self.export_layer(i, &path) {
                    Ok(n) => format!("exported {n} events to {}", path.display()),
                    Err(e) => {
                        self.problems.push(e.clone());
                        e
                    }
                });
            }
        }
    }

    /// "Drop to open" while files are dragged over the window.
    pub(super) fn drop_hint(&self, ctx: &egui::Context) {
        let hovering = ctx.input(|i| !i.raw.hovered_files.is_empty());
        if !hovering {
            return;
        }
        let screen = ctx.content_rect();
        let painter = ctx.layer_painter(egui::LayerId::new(
            egui::Order::Foreground,
            egui::Id::unique("drop"),
        ));
        painter.rect_filled(screen, 0.0, egui::Color32::from_black_alpha(120));
        painter.text(
            screen.center(),
            egui::Align2::CENTER_CENTER,
            "Drop to open (ACLED or UCDP GED CSV, GeoJSON)",
            egui::FontId::proportional(26.0),
            egui::Color32::WHITE,
        );
    }

    /// The picked cluster's events in the side panel; false when nothing is picked.
    pub(super) fn picked_panel(&mut self, ui: &mut egui::Ui) -> bool {
        let Some((i, hit)) = self.picked_layer() else {
            return false;
        };
        let time = self.state.filter.time;
        let layer = &mut self.layers[i];
        let sweep = layer.sweep(&time);
        let data = layer.data.clone();
        if crate::ui::imported_panel::cluster(ui, &data.layer, &sweep, &data.clusters, hit) {
            self.picked = None;
        }
        true
    }

    /// Under a selected province: the imported events there.
    pub(super) fn province_imports(&mut self, ui: &mut egui::Ui) {
        let crate::ui::Selection::Province(iso) = &self.state.selection else {
            return;
        };
        let Some(p) = self.atlas.data.provinces.iter().position(|p| &p.iso == iso) else {
            return;
        };
        let time = self.state.filter.time;
        for (li, layer) in self.layers.iter_mut().enumerate().filter(|(_, l)| l.shown) {
            let rows = layer.shown_rows(&time);
            let sweep = layer.sweep(&time);
            let data = layer.data.clone();
            let mut here: Vec<(usize, crate::timeline::Vis)> = rows
                .iter()
                .copied()
                .filter(|&r| usize::from(data.layer.records[r].province) == p)
                .map(|r| (r, sweep.admits(&data.layer.records[r])))
                .collect();
            ui.separator();
            egui::CollapsingHeader::new(format!(
                "{}: {} events in this province",
                data.layer.name,
                here.len()
            ))
            .id_salt(("province-imports", li))
            .default_open(true)
            .show(ui, |ui| {
                crate::ui::imported_panel::list(ui, ("province", li), &data.layer, &mut here);
            });
        }
    }
}

impl AtlasApp {
    /// Adds an already imported layer (benches, tests, and any caller that imported itself).
    pub fn add_layer(&mut self, imported: Imported) {
        self.layers
            .push(OpenLayer::new(imported, LayerFilter::default(), true));
    }
}

impl AtlasApp {
    /// Starts, swaps or drops the raster tiles to match the chosen basemap; falls back to the
    /// offline map (once, with a message) when no tile arrives.
    pub(super) fn update_tiles(&mut self, ctx: &egui::Context) {
        use crate::map::tiles::{Basemap, TileLayer};
        let wanted = &self.state.basemap;
        let current = self.tiles.as_ref().map(|t| &t.basemap);
        if current != Some(wanted) {
            if *wanted == Basemap::Offline {
                self.tiles = None;
            } else {
                if let Basemap::PmTiles { path } = wanted
                    && !path.is_file()
                {
                    self.problems.push(format!(
                        "{}: no such PMTiles file; the offline map is shown",
                        path.display()
                    ));
                    self.state.basemap = Basemap::Offline;
                    self.tiles = None;
                    return;
                }
                self.tiles = TileLayer::new(wanted, self.tile_cache.clone(), ctx);
            }
        }
        if let Some(t) = &mut self.tiles {
            let was = t.failed;
            t.check();
            if t.failed && !was {
                self.status = Some(format!(
                    "{}: no tiles arrived (no network?); showing the offline map",
                    t.basemap.label()
                ));
            }
            if !t.loaded_any && !t.failed {
                ctx.request_repaint_after(std::time::Duration::from_millis(250));
            }
        }
    }
}
