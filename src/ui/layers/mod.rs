//! The layers feature: the user's own data files (ACLED, UCDP GED, GeoJSON) read off the UI
//! thread with a progress bar and Cancel, drawn as clustered layers with their own filters,
//! listed in the side panel, exported, and reopened at the next start.
//!
//! Its files: [`open_layer`] (one file on the map and its cached counts) and [`window`] (the
//! Layers window).

mod bytes_import;
mod open_layer;
mod window;

pub use open_layer::{OpenLayer, SavedLayer};

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Command, WindowId};
use crate::atlas::{Atlas, UnitId};
use crate::import::{
    CsvLayout, ImportError, Imported, Layer, LayerFilter, Progress, SlicedImport, WorldUnitLookup,
    assign_provinces, assign_world_units, import_file, write_csv, write_geojson,
};
use crate::map::imported::{ClusterHit, LayerDraw};
use crate::platform::{FileBytes, Job, Poll};
use crate::timeline::{TimeFilter, Vis};
pub use bytes_import::BytesImport;

/// A file being imported, and the filters to give it (a file reopened at start).
pub struct ImportJob {
    pub path: PathBuf,
    pub job: Job<Result<Imported, ImportError>>,
    saved: Option<SavedLayer>,
}

/// A layer's shown events being written to a file.
pub struct ExportJob {
    pub to: crate::platform::SaveTo,
    pub job: Job<Result<usize, String>>,
}

/// The opened files, the imports and exports running, and the cluster picked on the map.
#[derive(Default)]
pub struct Layers {
    pub layers: Vec<OpenLayer>,
    pub jobs: Vec<ImportJob>,
    pub exports: Vec<ExportJob>,
    /// The imported cluster listed in the side panel.
    pub picked: Option<ClusterHit>,
    /// Typed path in the Layers window.
    pub open_path: String,
    /// Which layers the timeline's density strip was built from.
    days_key: Option<Vec<usize>>,
    /// Files open at the last exit, not reopened yet (kept in the saved state meanwhile).
    pub to_reopen: Vec<SavedLayer>,
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
            let more = other.get(p.iso.as_str()).copied().unwrap_or_default();
            names.extend(more.iter().cloned());
            names
        })
        .collect()
}

/// The atlas's world units, as the importer looks them up (countries by their index in
/// [`crate::atlas::WorldUnits::countries`]; the story's own countries have none).
struct AtlasWorld<'a>(pub(super) &'a Atlas);

impl WorldUnitLookup for AtlasWorld<'_> {
    fn country_at(&self, lon: f64, lat: f64) -> Option<usize> {
        let (atlas, p) = (self.0, geo::Point::new(lon, lat));
        let world = &atlas.world;
        // The basemap's coarse outline (kilometres off at a border town such as Goma) only
        // hints; the units' own outlines, ten times finer, answer (small islands too).
        let hint = atlas
            .country_at(p)
            .and_then(|c| world.by_country(&atlas.data.countries[c].iso_a2));
        world
            .unit_at(p, hint)
            .and_then(|u| world.country_of(u))
            .or(hint)
    }

    fn countries_near(&self, lon: f64, lat: f64) -> Vec<usize> {
        self.0.world.countries_near(geo::Point::new(lon, lat), 1.0)
    }

    fn unit_names(&self, c: usize) -> Vec<(u16, String)> {
        let world = &self.0.world;
        if world.countries.get(c).is_none_or(|c| c.story_drawn) {
            return Vec::new();
        }
        // A unit answers to its name and to its code (data may give either).
        world.decode(c).map_or_else(Vec::new, |units| {
            let first = units.first as u16;
            let names = (first..).zip(units.units.iter().map(|p| p.name.clone()));
            let codes = (first..).zip(units.units.iter().map(|p| p.iso.clone()));
            names.chain(codes).collect()
        })
    }

    fn unit_in(&self, c: usize, lon: f64, lat: f64) -> Option<u16> {
        let world = &self.0.world;
        if world.countries.get(c)?.story_drawn {
            return None;
        }
        let u = world.decode(c)?.locate(geo::Point::new(lon, lat))?;
        u16::try_from(u).ok()
    }
}

/// Each record's first-level unit of the world (see [`assign_world_units`]), with the atlas's
/// units; the story's own countries give none.
pub fn world_units_of(atlas: &Atlas, layer: &Layer, progress: &Progress) -> Vec<u16> {
    assign_world_units(layer, &AtlasWorld(atlas), progress)
}

/// A layer with each record's world unit found (an article's places, read without
/// [`import_with_provinces`]).
pub fn with_world_units(atlas: &Atlas, mut imported: Imported) -> Imported {
    imported.world_units = world_units_of(atlas, &imported.layer, &Progress::default());
    imported
}

/// Runs the whole import of `path` (parse, clusters, provinces) on the calling thread.
pub fn import_with_provinces(
    atlas: &Atlas,
    path: &Path,
    progress: &Progress,
) -> Result<Imported, ImportError> {
    let imported = import_file(path, progress)?;
    let imported = with_provinces(atlas, imported, progress);
    if progress.cancelled() {
        return Err(ImportError::Cancelled {
            path: path.display().to_string(),
        });
    }
    Ok(imported)
}

/// Each record's story province and world unit.
fn with_provinces(atlas: &Atlas, mut imported: Imported, progress: &Progress) -> Imported {
    let names = province_spellings(atlas);
    assign_provinces(
        &mut imported.layer,
        &names,
        |lon, lat| atlas.province_index.locate(geo::Point::new(lon, lat)),
        progress,
    );
    imported.world_units = world_units_of(atlas, &imported.layer, progress);
    imported
}

/// Writes `rows` of `layer` as CSV (ACLED's or UCDP's layout) or GeoJSON by the path's
/// extension, atomically.
fn write_export(
    data: &Imported,
    rows: &[usize],
    to: &crate::platform::SaveTo,
) -> Result<usize, String> {
    let layer = &data.layer;
    let mut bytes = Vec::new();
    let ext = to.extension();
    let rows_iter = rows.iter().copied();
    let written = match ext.as_str() {
        "geojson" | "json" => write_geojson(layer, rows_iter, &mut bytes),
        "csv" => write_csv(
            layer,
            rows_iter,
            CsvLayout::for_format(layer.format),
            &mut bytes,
        ),
        _ => {
            return Err(format!("{to}: use a .csv, .geojson or .json file name"));
        }
    };
    written.map_err(|e| format!("{to}: {e}"))?;
    to.save(&bytes)?;
    Ok(rows.len())
}

impl Layers {
    /// What the next start reopens: the files open, and those still being read.
    pub fn saved(&self) -> Vec<SavedLayer> {
        self.layers
            .iter()
            .filter_map(OpenLayer::saved)
            .chain(self.jobs.iter().filter_map(|j| j.saved.clone()))
            .chain(self.to_reopen.iter().cloned())
            .collect()
    }

    /// Starts importing a file in the background (File › Open data, drag and drop, `--open`).
    pub fn open(&mut self, path: PathBuf, atlas: &Arc<Atlas>) -> Vec<Command> {
        self.open_with(path, None, atlas)
    }

    fn open_with(
        &mut self,
        path: PathBuf,
        saved: Option<SavedLayer>,
        atlas: &Arc<Atlas>,
    ) -> Vec<Command> {
        if self.jobs.iter().any(|j| j.path == path) {
            return Vec::new();
        }
        let (atlas, p) = (atlas.clone(), path.clone());
        let label = format!("Reading {}", crate::import::display_name(&path));
        match Job::spawn(label, move |progress| {
            import_with_provinces(&atlas, &p, progress)
        }) {
            Ok(job) => {
                self.jobs.push(ImportJob { path, job, saved });
                vec![Command::Open(WindowId::Layers)]
            }
            Err(e) => vec![Command::Problem(format!("{}: {e}", path.display()))],
        }
    }

    /// Starts importing a file's bytes (the browser's files have no path), a slice at a time
    /// where there are no threads: parsing, indexing, then the provinces.
    pub fn open_bytes(&mut self, file: FileBytes, atlas: &Arc<Atlas>) -> Vec<Command> {
        let path = PathBuf::from(&file.name);
        if self.jobs.iter().any(|j| j.path == path) {
            return Vec::new();
        }
        let label = format!("Reading {}", file.name);
        let parse = SlicedImport::new(file.name.clone(), file.bytes);
        let mut import = BytesImport::new(atlas.clone(), parse);
        let job = Job::sliced(label, move |progress| import.step(progress));
        match job {
            Ok(job) => {
                self.jobs.push(ImportJob {
                    path,
                    job,
                    saved: None,
                });
                vec![Command::Open(WindowId::Layers)]
            }
            Err(e) => vec![Command::Problem(format!("{}: {e}", file.name))],
        }
    }

    /// Reopens the files open at the last exit.
    pub fn reopen(&mut self, saved: Vec<SavedLayer>, atlas: &Arc<Atlas>) -> Vec<Command> {
        let mut commands = Vec::new();
        for s in saved {
            if s.path.exists() {
                // Files reopened at start load quietly: the Layers window stays as it was.
                let opened = self.open_with(s.path.clone(), Some(s), atlas);
                commands.extend(
                    opened
                        .into_iter()
                        .filter(|c| *c != Command::Open(WindowId::Layers)),
                );
            } else {
                commands.push(Command::Problem(format!(
                    "{}: the file opened last time is gone; its layer was not restored",
                    s.path.display()
                )));
            }
        }
        commands
    }

    /// Adds an already imported layer (benches, tests, an article's places).
    pub fn add(&mut self, imported: Imported) {
        self.layers
            .push(OpenLayer::new(imported, LayerFilter::default(), true));
    }

    /// Replaces the layer named `name` (an article's places, re-placed).
    pub fn replace_named(&mut self, name: &str, imported: Imported) {
        self.layers.retain(|l| l.data.layer.name != name);
        self.add(imported);
        self.picked = None;
    }

    /// Collects finished imports and exports; keeps the window repainting while any run.
    pub fn poll(&mut self, ctx: &egui::Context) -> Vec<Command> {
        let mut commands = Vec::new();
        for job in std::mem::take(&mut self.jobs) {
            match job.job.poll() {
                Poll::Running => self.jobs.push(job),
                Poll::Lost => commands.push(Command::Problem(format!(
                    "{}: the import stopped unexpectedly",
                    job.path.display()
                ))),
                Poll::Done(r) => commands.push(self.imported(r, job.saved)),
            }
        }
        for e in std::mem::take(&mut self.exports) {
            match e.job.poll() {
                Poll::Running => self.exports.push(e),
                Poll::Done(Ok(n)) => {
                    commands.push(Command::Status(format!("exported {n} events to {}", e.to)))
                }
                Poll::Done(Err(msg)) => commands.push(Command::Problem(msg)),
                Poll::Lost => {
                    commands.push(Command::Problem(format!("{}: the export stopped", e.to)))
                }
            }
        }
        if !self.jobs.is_empty() || !self.exports.is_empty() {
            let soon = self.jobs.iter().map(|j| j.job.next_poll());
            let wait = soon.min().unwrap_or(crate::platform::POLL_EVERY);
            ctx.request_repaint_after(wait);
        }
        commands
    }

    /// A finished import: its layer on the map (replacing the same file's), or why not.
    fn imported(&mut self, r: Result<Imported, ImportError>, saved: Option<SavedLayer>) -> Command {
        let imported = match r {
            Ok(i) => i,
            Err(ImportError::Cancelled { path }) => {
                return Command::Status(format!("import of {path} cancelled"));
            }
            Err(e) => return Command::Problem(e.to_string()),
        };
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
        let (filter, shown) = saved.map_or((LayerFilter::default(), true), |s| (s.filter, s.shown));
        let open = OpenLayer::new(imported, filter, shown);
        self.layers.retain(|l| l.data.path != open.data.path);
        self.layers.push(open);
        self.picked = None;
        Command::Status(msg)
    }

    /// The shown layers' event days, merged, for the timeline; `Some` only when the shown
    /// layers changed.
    pub fn timeline_days(&mut self) -> Option<Option<Arc<Vec<i32>>>> {
        let shown = || self.layers.iter().filter(|l| l.shown);
        let key: Vec<usize> = shown().map(|l| Arc::as_ptr(&l.data) as usize).collect();
        if self.days_key.as_ref() == Some(&key) {
            return None;
        }
        let mut days: Vec<i32> = shown().flat_map(|l| l.data.days.iter().copied()).collect();
        days.sort_unstable();
        self.days_key = Some(key);
        Some((!days.is_empty()).then(|| Arc::new(days)))
    }

    /// What the map draws of every shown layer at walkers zoom `zoom`.
    pub fn draws(&mut self, zoom: f64, time: &TimeFilter) -> Arc<Vec<LayerDraw>> {
        let world_px = 256.0 * 2f64.powf(zoom);
        Arc::new(
            self.layers
                .iter_mut()
                .filter(|l| l.shown)
                .map(|l| l.draw(time, world_px))
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

    /// Writes what layer `i` shows under the filters to `path`, in the background.
    pub fn export(
        &mut self,
        i: usize,
        to: crate::platform::SaveTo,
        time: &TimeFilter,
    ) -> Result<(), String> {
        let layer = self.layers.get_mut(i).ok_or("no such layer")?;
        let rows = layer.shown_rows(time);
        let data = layer.data.clone();
        let t = to.clone();
        let job = Job::spawn("export", move |_| write_export(&data, &rows, &t))?;
        self.exports.push(ExportJob { to, job });
        Ok(())
    }

    /// The picked cluster's events in the side panel; false when nothing is picked.
    pub fn picked_panel(&mut self, ui: &mut egui::Ui, time: &TimeFilter) -> bool {
        let Some(hit) = self.picked else {
            return false;
        };
        let Some(i) = self.shown_layer(hit.layer) else {
            return false;
        };
        let layer = &mut self.layers[i];
        let sweep = layer.sweep(time);
        let data = layer.data.clone();
        if crate::ui::imported_panel::cluster(ui, &data.layer, &sweep, &data.clusters, hit) {
            self.picked = None;
        }
        true
    }

    /// Under a selected province: each shown layer's events there.
    pub fn province_panel(&mut self, ui: &mut egui::Ui, province: usize, time: &TimeFilter) {
        self.rows_panel(ui, time, |data, r| {
            usize::from(data.layer.records[r].province) == province
        });
    }

    /// Under a selected world unit: each shown layer's events there.
    pub fn unit_panel(&mut self, ui: &mut egui::Ui, unit: UnitId, time: &TimeFilter) {
        self.rows_panel(ui, time, |data, r| {
            data.world_units
                .get(r)
                .is_some_and(|&u| u32::from(u) == unit)
        });
    }

    /// Each shown layer's shown rows that `here` keeps, listed under the selection.
    fn rows_panel(
        &mut self,
        ui: &mut egui::Ui,
        time: &TimeFilter,
        keep: impl Fn(&Imported, usize) -> bool,
    ) {
        for (li, layer) in self.layers.iter_mut().enumerate().filter(|(_, l)| l.shown) {
            let rows = layer.shown_rows(time);
            let sweep = layer.sweep(time);
            let data = layer.data.clone();
            let mut here: Vec<(usize, Vis)> = rows
                .iter()
                .copied()
                .filter(|&r| keep(&data, r))
                .map(|r| (r, sweep.admits(&data.layer.records[r])))
                .collect();
            ui.separator();
            let title = format!(
                "{}: {} events in this province",
                data.layer.name,
                here.len()
            );
            egui::CollapsingHeader::new(title)
                .id_salt(("province-imports", li))
                .default_open(true)
                .show(ui, |ui| {
                    crate::ui::imported_panel::list(ui, ("province", li), &data.layer, &mut here);
                });
        }
    }

    /// Whether anything is being read or written.
    pub fn busy(&self) -> bool {
        !self.jobs.is_empty() || !self.exports.is_empty()
    }
}
