//! The drawing feature: the pen and pins over the map, colours, undo / redo, clear, GeoJSON
//! export and import, and autosave. The drawings are [`Annotation`]s in lon/lat, so they move
//! and scale with the map. The palette that holds the tools is in [`palette`].

mod palette;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::Ui;
use serde::{Deserialize, Serialize};

use crate::model::Annotation;
use crate::model::annotation::{from_geojson, save, to_geojson};
use crate::platform::SaveTo;
use crate::platform::{Job, Poll};

/// What a drag or click on the map does.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tool {
    /// Pan, zoom, click to select (the map as usual).
    #[default]
    Pan,
    /// Drag to draw a line.
    Pen,
    /// Click to pin a note.
    Pin,
}

/// Pen colours: Okabe–Ito, told apart by colour-blind students too.
/// The colours' names, for the tooltip and screen readers.
pub const COLOR_NAMES: [&str; 5] = [
    "black",
    "vermilion",
    "blue",
    "bluish green",
    "reddish purple",
];

pub const COLORS: [[u8; 3]; 5] = [
    [0x00, 0x00, 0x00],
    [0xD5, 0x5E, 0x00],
    [0x00, 0x72, 0xB2],
    [0x00, 0x9E, 0x73],
    [0xCC, 0x79, 0xA7],
];

/// Most undo steps kept.
const UNDO_DEPTH: usize = 200;

/// The tool settings: they survive a restart (the drawings are saved to their own file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DrawSettings {
    pub tool: Tool,
    pub color: [u8; 3],
    pub width: f32,
    /// Text of the next pin.
    pub pin_text: String,
    /// Path typed for export / import.
    pub file_field: String,
}

impl Default for DrawSettings {
    fn default() -> Self {
        Self {
            tool: Tool::Pan,
            color: COLORS[1],
            width: 4.0,
            pin_text: String::new(),
            file_field: "annotations.geojson".into(),
        }
    }
}

/// A file written or read in the background, and what it is for.
enum FileWork {
    Autosave(Arc<Vec<Annotation>>, Job<std::io::Result<()>>),
    Export(SaveTo, usize, Job<Result<(), String>>),
    Import(PathBuf, Job<Result<(Vec<Annotation>, usize), String>>),
    /// The browser's picker, for a GeoJSON file to import.
    Pick(Job<crate::platform::Picked>),
}

/// The drawings, the tools, and undo / redo.
#[derive(Default)]
pub struct Drawing {
    pub settings: DrawSettings,
    pub items: Arc<Vec<Annotation>>,
    /// The stroke being drawn.
    pub current: Option<Vec<[f64; 2]>>,
    undo: Vec<Arc<Vec<Annotation>>>,
    redo: Vec<Arc<Vec<Annotation>>>,
    /// Changed since last saved.
    pub dirty: bool,
    pub message: Option<String>,
    /// Where drawings are saved as they change (none in tests and screenshots).
    autosave: Option<PathBuf>,
    work: Vec<FileWork>,
}

impl Drawing {
    /// Drawing with these tool settings, nothing drawn yet.
    pub fn new(settings: DrawSettings) -> Self {
        Self {
            settings,
            ..Self::default()
        }
    }

    /// Replaces the drawings, keeping the old ones for undo.
    pub fn set(&mut self, items: Vec<Annotation>) {
        self.undo.push(self.items.clone());
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.redo.clear();
        self.items = Arc::new(items);
        self.dirty = true;
    }

    /// Adds one drawing.
    pub fn add(&mut self, a: Annotation) {
        let mut items = (*self.items).clone();
        items.push(a);
        self.set(items);
    }

    /// Loads drawings from a file at start: not an undo step, nothing to save.
    pub fn load(&mut self, items: Vec<Annotation>) {
        self.items = Arc::new(items);
        self.undo.clear();
        self.redo.clear();
        self.dirty = false;
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Takes back the last change.
    pub fn undo(&mut self) {
        if let Some(prev) = self.undo.pop() {
            self.redo.push(std::mem::replace(&mut self.items, prev));
            self.dirty = true;
        }
    }

    /// Does again what was undone.
    pub fn redo(&mut self) {
        if let Some(next) = self.redo.pop() {
            self.undo.push(std::mem::replace(&mut self.items, next));
            self.dirty = true;
        }
    }

    /// Removes every drawing (undoable).
    pub fn clear(&mut self) {
        if !self.items.is_empty() {
            self.set(Vec::new());
        }
    }

    /// Starts, extends or ends a pen stroke at a lon/lat point.
    pub fn stroke_point(&mut self, p: [f64; 2]) {
        let pts = self.current.get_or_insert_with(Vec::new);
        if pts.last() != Some(&p) {
            pts.push(p);
        }
    }

    /// Ends the stroke in progress, keeping it if it has at least two points.
    pub fn end_stroke(&mut self) {
        if let Some(points) = self.current.take()
            && points.len() >= 2
        {
            self.add(Annotation::Stroke {
                color: self.settings.color,
                width: self.settings.width,
                points,
            });
        }
    }
}

/// Undo / redo keys (when no text field has focus).
pub fn keys(ui: &Ui, d: &mut Drawing) {
    if !crate::ui::keys::shortcuts_free(ui.ctx()) {
        return;
    }
    let (undo, redo) = ui.input_mut(|i| {
        let redo = i.consume_key(
            egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
            egui::Key::Z,
        ) | i.consume_key(egui::Modifiers::COMMAND, egui::Key::Y);
        let undo = i.consume_key(egui::Modifiers::COMMAND, egui::Key::Z);
        (undo, redo)
    });
    if undo {
        d.undo();
    }
    if redo {
        d.redo();
    }
}

impl Drawing {
    /// Keeps the drawings in `path`: loads them now (a broken file is moved aside, never
    /// overwritten, and reported) and saves every change there, atomically, off the UI thread.
    pub fn with_autosave(&mut self, path: PathBuf) -> Option<String> {
        let problem = if path.exists() {
            self.load_file(&path)
        } else {
            None
        };
        self.autosave = Some(path);
        problem
    }

    fn load_file(&mut self, path: &Path) -> Option<String> {
        let name = path.display().to_string();
        let loaded = std::fs::read_to_string(path)
            .map_err(|e| format!("{name}: {e}"))
            .and_then(|t| from_geojson(&name, &t).map_err(|e| e.to_string()));
        let e = match loaded {
            Ok((items, _)) => {
                self.load(items);
                return None;
            }
            Err(e) => e,
        };
        let stamp = crate::platform::clock::SystemTime::now()
            .duration_since(crate::platform::clock::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let aside = path.with_extension(format!("broken-{stamp}.geojson"));
        let kept = std::fs::rename(path, &aside)
            .map(|()| format!("it was kept as {}", aside.display()))
            .unwrap_or_else(|r| format!("it could not be moved aside ({r})"));
        Some(format!("Your drawings could not be read: {e}\n{kept}."))
    }

    /// Writes the drawings to a GeoJSON file (a download in the browser), in the background.
    pub fn export(&mut self, to: SaveTo) {
        let items = self.items.clone();
        let (t, n) = (to.clone(), items.len());
        match Job::spawn("export drawings", move |_| {
            t.save(to_geojson(&items).as_bytes())
        }) {
            Ok(job) => self.work.push(FileWork::Export(to, n, job)),
            Err(e) => self.message = Some(format!("Not exported: {e}")),
        }
    }

    /// The browser's import: its picker for a GeoJSON file, read when chosen.
    pub fn pick_import(&mut self) {
        match crate::platform::pick_bytes(crate::platform::FileKind::Data) {
            Ok(job) => self.work.push(FileWork::Pick(job)),
            Err(e) => self.message = Some(format!("Not imported: {e}")),
        }
    }

    /// Reads drawings from a GeoJSON file in the background; they are added as one undo step.
    pub fn import(&mut self, path: PathBuf) {
        let p = path.clone();
        let read = move |_: &crate::platform::Progress| {
            let name = p.display().to_string();
            std::fs::read_to_string(&p)
                .map_err(|e| format!("{name}: {e}"))
                .and_then(|t| from_geojson(&name, &t).map_err(|e| e.to_string()))
        };
        match Job::spawn("import drawings", read) {
            Ok(job) => self.work.push(FileWork::Import(path, job)),
            Err(e) => self.message = Some(format!("Not imported: {e}")),
        }
    }

    /// Starts an autosave when something changed and none is running; collects finished file
    /// work. Returns problems to list.
    pub fn poll(&mut self, ctx: &egui::Context) -> Vec<String> {
        let autosaving = self
            .work
            .iter()
            .any(|w| matches!(w, FileWork::Autosave(..)));
        if self.dirty
            && !autosaving
            && let Some(path) = self.autosave.clone()
        {
            let items = self.items.clone();
            let snapshot = items.clone();
            if let Ok(job) = Job::spawn("save drawings", move |_| {
                if let Some(dir) = path.parent() {
                    let _ = std::fs::create_dir_all(dir);
                }
                save(&path, &items)
            }) {
                self.work.push(FileWork::Autosave(snapshot, job));
                self.dirty = false;
            }
        }
        let mut problems = Vec::new();
        for w in std::mem::take(&mut self.work) {
            if let Some(w) = self.finish(w, &mut problems) {
                self.work.push(w);
            }
        }
        if !self.work.is_empty() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        problems
    }

    /// Takes a piece of file work's result, or gives it back while it runs.
    fn finish(&mut self, w: FileWork, problems: &mut Vec<String>) -> Option<FileWork> {
        match w {
            FileWork::Autosave(items, job) => match job.poll() {
                Poll::Running => return Some(FileWork::Autosave(items, job)),
                Poll::Done(Ok(())) => {}
                Poll::Done(Err(e)) => self.autosave_failed(&items, e.to_string()),
                Poll::Lost => self.autosave_failed(&items, "the save stopped".into()),
            },
            FileWork::Export(to, n, job) => match job.poll() {
                Poll::Running => return Some(FileWork::Export(to, n, job)),
                Poll::Done(r) => {
                    self.message = Some(match r {
                        Ok(()) => format!("Exported {n} drawings to {to}"),
                        Err(e) => format!("Not exported: {e}"),
                    })
                }
                Poll::Lost => self.message = Some(format!("Not exported: {to}")),
            },
            FileWork::Pick(job) => match job.poll() {
                Poll::Running => return Some(FileWork::Pick(job)),
                Poll::Done(Ok(Some(file))) => {
                    let read = std::str::from_utf8(&file.bytes)
                        .map_err(|_| format!("{}: not UTF-8 text", file.name))
                        .and_then(|t| from_geojson(&file.name, t).map_err(|e| e.to_string()));
                    self.imported(read, problems);
                }
                Poll::Done(Err(e)) => self.imported(Err(e), problems),
                Poll::Done(Ok(None)) | Poll::Lost => {}
            },
            FileWork::Import(path, job) => match job.poll() {
                Poll::Running => return Some(FileWork::Import(path, job)),
                Poll::Done(r) => self.imported(r, problems),
                Poll::Lost => self.message = Some(format!("Not imported: {}", path.display())),
            },
        }
        None
    }

    fn autosave_failed(&mut self, items: &Arc<Vec<Annotation>>, e: String) {
        let path = self.autosave.as_deref().map(Path::display);
        self.message = Some(format!(
            "Drawings not saved to {}: {e}",
            path.map(|p| p.to_string()).unwrap_or_default()
        ));
        // Try again with the next change, unless a newer state is already waiting.
        if Arc::ptr_eq(items, &self.items) {
            self.dirty = true;
        }
    }

    fn imported(
        &mut self,
        r: Result<(Vec<Annotation>, usize), String>,
        problems: &mut Vec<String>,
    ) {
        self.message = Some(match r {
            Ok((items, skipped)) => {
                let n = items.len();
                let mut all = (*self.items).clone();
                all.extend(items);
                self.set(all);
                if skipped > 0 {
                    format!("Imported {n} drawings; {skipped} features could not be drawn")
                } else {
                    format!("Imported {n} drawings")
                }
            }
            Err(e) => {
                problems.push(e.clone());
                format!("Not imported: {e}")
            }
        });
    }

    /// Whether drawings are being written or read.
    pub fn busy(&self) -> bool {
        !self.work.is_empty() || self.dirty && self.autosave.is_some()
    }

    /// The pen follows this frame's drag on the map; the pin takes its click.
    pub fn on_map(&mut self, gesture: &crate::ui::map_view::Gesture, click: Option<(f64, f64)>) {
        match self.settings.tool {
            Tool::Pen => {
                if let Some(p) = gesture.start {
                    self.current = None;
                    self.stroke_point(p);
                }
                if let Some(p) = gesture.at {
                    self.stroke_point(p);
                }
                if gesture.ended {
                    self.end_stroke();
                }
            }
            Tool::Pin => {
                if let Some((lon, lat)) = click {
                    let text = self.settings.pin_text.trim().to_string();
                    let color = self.settings.color;
                    self.add(Annotation::Pin {
                        color,
                        at: [lon, lat],
                        text,
                    });
                }
            }
            Tool::Pan => {}
        }
    }
}
