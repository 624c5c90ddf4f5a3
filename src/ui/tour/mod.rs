//! The tour feature: presenting a guided tour (the slide card over the map, the clicker keys)
//! and writing one (the editor window).
//!
//! It owns the tour and which slide is showing; applying a slide (its date, highlight and view)
//! reaches the timeline and the map, so it asks the app with [`Command::StartTour`]. Its files:
//! [`card`] (presenting) and [`editor`].

mod card;
mod editor;
mod present;
mod presenter;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::{Key, Ui};
use serde::{Deserialize, Serialize};

use super::Command;
use crate::atlas::Atlas;
use crate::model::{Slide, Tour};
use crate::platform::{FileBytes, Job, Poll, SaveTo};

pub use editor::is_shipped;
pub use present::{Fold, Folds, details_strip, fold_button};

/// What survives a restart: presenting or not, the slide, a teacher's tour file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TourSaved {
    /// Presenting now: the slide card shows and the arrow keys turn slides.
    pub active: bool,
    /// Current slide (0-based).
    pub slide: usize,
    /// A tour file the teacher opened; `None` is the story's own tour.
    pub path: Option<PathBuf>,
    /// The path typed in the editor's Open / Save box.
    pub file_field: String,
}

/// A tour file read and checked off the UI thread: the tour, and its check's problems.
type Opened = Result<(Tour, Vec<String>), String>;

/// The tour: what is saved, the tour itself (from its file or the story), and the editor's
/// state.
#[derive(Default)]
pub struct Tours {
    pub saved: TourSaved,
    pub tour: Option<Tour>,
    /// Where the tour came from, for messages.
    pub name: String,
    /// Changed since it was opened or saved.
    pub edited: bool,
    /// The last thing the editor has to say ("Saved 15 slides to …").
    pub message: Option<String>,
    /// The teacher ticked "overwrite the shipped tour".
    pub overwrite_shipped: bool,
    /// A tour file being read in the background.
    opening: Option<(PathBuf, Job<Opened>)>,
    /// A tour being written in the background.
    saving: Option<(SaveTo, Job<Result<(), String>>)>,
    /// What is folded away while presenting.
    pub folds: Folds,
    /// Show the presenter view (a second window) while presenting.
    pub presenter: bool,
    /// When presenting began (`ui.input().time`), for the presenter view's clock.
    pub started_at: Option<f64>,
}

/// Reads and checks a tour file: refused with its line if it does not parse; ids or quotes
/// that do not check are listed, and the tour opens anyway.
fn read_tour(path: &Path, atlas: &Atlas) -> Opened {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| format!("{name}: {e}"))?;
    tour_of(&name, &text, atlas)
}

/// A tour file's text parsed and checked (`name` for messages).
fn tour_of(name: &str, text: &str, atlas: &Atlas) -> Opened {
    let tour = Tour::parse(name, text).map_err(|e| e.to_string())?;
    let problems = crate::check::check_tour(&tour, name, text, &atlas.data)
        .iter()
        .map(ToString::to_string)
        .collect();
    Ok((tour, problems))
}

impl Tours {
    /// The tour state restored from `saved`, with the story's own tour (a teacher's file is
    /// reopened by the app). Returns the problems met.
    pub fn new(saved: TourSaved, atlas: &Atlas) -> (Self, Vec<String>) {
        let mut t = Self {
            saved,
            ..Self::default()
        };
        let mut problems = Vec::new();
        match atlas.data.tour() {
            Ok(Some(tour)) => {
                t.name = atlas.data.source.display_name(crate::model::TOUR_FILE);
                t.saved.slide = t.saved.slide.min(tour.slides.len().saturating_sub(1));
                t.tour = Some(tour);
            }
            Ok(None) => {}
            Err(e) => problems.push(format!("{e}\nThe rest of the app works without the tour.")),
        }
        if t.tour.is_none() {
            t.saved.active = false;
        }
        (t, problems)
    }

    /// Number of slides.
    pub fn len(&self) -> usize {
        self.tour.as_ref().map_or(0, |t| t.slides.len())
    }

    /// No tour, or a tour with no slides.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The current slide.
    pub fn current(&self) -> Option<&Slide> {
        self.tour.as_ref()?.slides.get(self.saved.slide)
    }

    /// Slide `i`.
    pub fn slide(&self, i: usize) -> Option<&Slide> {
        self.tour.as_ref()?.slides.get(i)
    }

    /// Opens a tour file now (at start, for `--tour`). A file that does not parse is refused
    /// with its line and the current tour stays; the check's problems are returned.
    pub fn open(&mut self, path: &Path, atlas: &Atlas) -> Result<Vec<String>, String> {
        let (tour, problems) = read_tour(path, atlas)?;
        self.take(path, tour);
        Ok(problems)
    }

    /// Starts reading a tour file in the background (the editor's Open).
    pub fn open_in_background(&mut self, path: PathBuf, atlas: Arc<Atlas>) -> Result<(), String> {
        let p = path.clone();
        let job = Job::spawn("open tour", move |_| read_tour(&p, &atlas))?;
        self.opening = Some((path, job));
        Ok(())
    }

    /// Opens a tour file handed over as bytes (the browser's picker), in the background.
    pub fn open_bytes(&mut self, file: FileBytes, atlas: Arc<Atlas>) -> Result<(), String> {
        let name = file.name.clone();
        let job = Job::spawn("open tour", move |_| {
            let text = std::str::from_utf8(&file.bytes)
                .map_err(|_| format!("{}: not UTF-8 text: not a tour file", file.name))?;
            tour_of(&file.name, text, &atlas)
        })?;
        self.opening = Some((PathBuf::from(name), job));
        Ok(())
    }

    /// Makes `tour` the tour, from `path`.
    fn take(&mut self, path: &Path, tour: Tour) {
        let s = &mut self.saved;
        s.slide = if s.path.as_deref() == Some(path) {
            s.slide.min(tour.slides.len().saturating_sub(1))
        } else {
            0
        };
        s.path = Some(path.to_path_buf());
        self.tour = Some(tour);
        self.name = path.display().to_string();
        self.edited = false;
        self.message = None;
    }

    /// Collects finished opens and saves; keeps the window repainting while they run.
    pub fn poll(&mut self, ctx: &egui::Context) -> Vec<Command> {
        let mut commands = Vec::new();
        if let Some((path, job)) = self.opening.take() {
            match job.poll() {
                Poll::Running => self.opening = Some((path, job)),
                Poll::Done(r) => commands.extend(self.opened(&path, r)),
                Poll::Lost => commands.push(Command::Problem(format!(
                    "{}: the tour could not be read",
                    path.display()
                ))),
            }
        }
        if let Some((path, job)) = self.saving.take() {
            match job.poll() {
                Poll::Running => self.saving = Some((path, job)),
                Poll::Done(r) => self.saved_to(&path, r),
                Poll::Lost => self.saved_to(&path, Err("the save stopped".into())),
            }
        }
        if self.opening.is_some() || self.saving.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        commands
    }

    fn opened(&mut self, path: &Path, r: Opened) -> Vec<Command> {
        match r {
            Ok((tour, problems)) => {
                self.take(path, tour);
                let n = self.len();
                self.message = Some(format!("Opened {n} slides from {}", path.display()));
                problems.into_iter().map(Command::Problem).collect()
            }
            Err(e) => {
                self.message = Some(format!("Not opened: {e}"));
                vec![Command::Problem(e)]
            }
        }
    }

    /// Writes the tour to `to` in the background (a path atomically: never half-written; in
    /// the browser, a download).
    pub fn save(&mut self, to: SaveTo) {
        let Some(tour) = self.tour.clone() else {
            self.message = Some("Not saved: no tour to save".into());
            return;
        };
        let t = to.clone();
        match Job::spawn("save tour", move |_| {
            let json = tour.to_json().map_err(|e| e.to_string())?;
            t.save(json.as_bytes())
        }) {
            Ok(job) => self.saving = Some((to, job)),
            Err(e) => self.message = Some(format!("Not saved: {e}")),
        }
    }

    fn saved_to(&mut self, to: &SaveTo, r: Result<(), String>) {
        self.message = Some(match r {
            Ok(()) => {
                self.edited = false;
                if let SaveTo::Path(path) = to {
                    self.saved.path = Some(path.clone());
                    self.name = path.display().to_string();
                }
                self.overwrite_shipped = false;
                match to {
                    SaveTo::Path(p) => format!("Saved {} slides to {}", self.len(), p.display()),
                    SaveTo::Download(n) => format!("Downloaded {} slides as {n}", self.len()),
                }
            }
            Err(e) => format!("Not saved: {to}: {e}"),
        });
    }

    /// Whether a tour file is being read or written.
    pub fn busy(&self) -> bool {
        self.opening.is_some() || self.saving.is_some()
    }

    /// Adds `slide` after the current one (a new tour if there is none).
    pub fn add_slide(&mut self, slide: Slide) {
        let tour = self.tour.get_or_insert_with(|| Tour {
            title: "My tour".into(),
            slides: Vec::new(),
            draft: false,
        });
        let at = (self.saved.slide + 1).min(tour.slides.len());
        tour.slides.insert(at, slide);
        self.saved.slide = at;
        self.edited = true;
        if self.name.is_empty() {
            self.name = "new tour".into();
        }
    }

    /// A slide id not yet used ("slide-15").
    pub fn free_slide_id(&self) -> String {
        let taken = |id: &str| {
            self.tour
                .as_ref()
                .is_some_and(|t| t.slides.iter().any(|s| s.id == id))
        };
        (self.len() + 1..)
            .map(|k| format!("slide-{k}"))
            .find(|id| !taken(id))
            .unwrap_or_default()
    }

    /// Presenter keys: arrows, Page Up / Page Down (what clickers send) and Space turn slides;
    /// Esc ends. They are taken before the map and timeline see them.
    pub fn keys(&self, ui: &Ui) -> Vec<Command> {
        use egui::Modifiers;
        if !self.saved.active || !crate::ui::keys::shortcuts_free(ui.ctx()) {
            return Vec::new();
        }
        let (next, prev, end) = ui.input_mut(|i| {
            let mut take = |k| i.consume_key(Modifiers::NONE, k);
            let next = take(Key::ArrowRight) | take(Key::PageDown) | take(Key::Space);
            let prev = take(Key::ArrowLeft) | take(Key::PageUp);
            (next, prev, take(Key::Escape))
        });
        let i = self.saved.slide;
        let mut commands = Vec::new();
        if next && i + 1 < self.len() {
            commands.push(Command::StartTour {
                slide: i + 1,
                instant: false,
            });
        }
        if prev && i > 0 {
            commands.push(Command::StartTour {
                slide: i - 1,
                instant: false,
            });
        }
        if end {
            commands.push(Command::EndTour);
        }
        commands
    }
}
