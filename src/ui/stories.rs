//! Opening a story folder: File › Open story… (a typed path or the folder dialog) and File ›
//! Recent stories. The folder is read and checked off the UI thread; a folder that cannot be
//! read is listed with each problem's file and line, and the story already open stays.

use crate::ui::path_field::PathField;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::{RichText, Ui};
use serde::{Deserialize, Serialize};

use super::{Command, WindowId};
use crate::atlas::Atlas;
use crate::model::DataSource;
use crate::platform::{FileKind, Job, Poll};

/// Stories kept in File › Recent stories.
const RECENT: usize = 8;

/// What survives a restart: the story open, and the recent ones.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoriesSaved {
    /// The story folder open at exit; `None` is the story built into the app.
    pub open: Option<PathBuf>,
    /// Most recent first.
    pub recent: Vec<PathBuf>,
}

/// A story folder read and checked: the prepared story and its problems, or why it could not
/// be read at all.
pub type Loaded = Result<(Arc<Atlas>, Vec<String>), String>;

/// Reads, checks and prepares a story folder, or a story archive (`.zip`), on the calling
/// thread.
pub fn load_story(dir: &Path) -> Loaded {
    let zip = dir
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
    if zip && dir.is_file() {
        let bytes = std::fs::read(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let files = crate::model::StoryFiles::from_zip(&dir.display().to_string(), &bytes)
            .map_err(|e| e.to_string())?;
        return load_source(&DataSource::Files(Arc::new(files)));
    }
    if !dir.is_dir() {
        return Err(format!("{}: not a folder", dir.display()));
    }
    load_source(&DataSource::Dir(dir.to_path_buf()))
}

/// Reads, checks and prepares a story from anywhere (a folder, files in memory).
pub fn load_source(source: &DataSource) -> Loaded {
    let (dataset, errors) = crate::check::load_and_check(source).map_err(|e| e.to_string())?;
    let problems = errors.iter().map(ToString::to_string).collect();
    Ok((Arc::new(Atlas::new(dataset)), problems))
}

/// Where a story open (or being read) came from; only folders are reopened after a restart
/// and listed among the recent stories.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoryOrigin {
    BuiltIn,
    Folder(PathBuf),
    /// Files in memory (a draft's preview, an archive, a link): named, not kept.
    Memory(String),
}

impl StoryOrigin {
    /// What to call it while it is read.
    pub fn label(&self) -> String {
        match self {
            Self::BuiltIn => "the built-in story".into(),
            Self::Folder(d) => d.display().to_string(),
            Self::Memory(name) => name.clone(),
        }
    }
}

/// A story being read in the background.
pub struct Loading {
    pub origin: StoryOrigin,
    pub job: Job<Loaded>,
}

/// The saved list, the typed path, and a folder being read.
#[derive(Default)]
pub struct Stories {
    pub saved: StoriesSaved,
    pub path_field: String,
    pub loading: Option<Loading>,
}

impl Stories {
    /// Starts reading a story folder in the background.
    pub fn open(&mut self, dir: PathBuf) -> Vec<Command> {
        let d = dir.clone();
        self.start(StoryOrigin::Folder(dir), move || load_story(&d))
    }

    /// Starts reading a story held in memory (an archive opened, a draft, a link's files).
    pub fn open_files(&mut self, files: crate::model::StoryFiles) -> Vec<Command> {
        let origin = StoryOrigin::Memory(files.name.clone());
        let source = DataSource::Files(Arc::new(files));
        self.start(origin, move || load_source(&source))
    }

    /// Starts unpacking and reading a story archive (`.zip`) handed over as bytes.
    pub fn open_archive(&mut self, file: crate::platform::FileBytes) -> Vec<Command> {
        let origin = StoryOrigin::Memory(file.name.clone());
        self.start(origin, move || {
            let files = crate::model::StoryFiles::from_zip(&file.name, &file.bytes)
                .map_err(|e| e.to_string())?;
            load_source(&DataSource::Files(Arc::new(files)))
        })
    }

    fn start(
        &mut self,
        origin: StoryOrigin,
        load: impl FnOnce() -> Loaded + Send + 'static,
    ) -> Vec<Command> {
        // The story's check reads the world's gazetteer, which the page fetches first.
        match crate::platform::world::job_needing_gazetteer("open story", move |_| load()) {
            Ok(job) => {
                self.loading = Some(Loading { origin, job });
                Vec::new()
            }
            Err(e) => vec![Command::Problem(e)],
        }
    }

    /// The story read, when it is: where it came from and what came of it.
    pub fn poll(&mut self, ctx: &egui::Context) -> Option<(StoryOrigin, Loaded)> {
        let Loading { origin, job } = self.loading.take()?;
        match job.poll() {
            Poll::Running => {
                self.loading = Some(Loading { origin, job });
                ctx.request_repaint_after(std::time::Duration::from_millis(50));
                None
            }
            Poll::Done(r) => Some((origin, r)),
            Poll::Lost => Some((origin, Err("the story could not be read".into()))),
        }
    }

    /// Records the story now open at the top of the recent list (a folder), or as the
    /// built-in one; a story in memory is not kept.
    pub fn opened(&mut self, origin: &StoryOrigin) {
        let dir = match origin {
            StoryOrigin::Memory(_) => return,
            StoryOrigin::BuiltIn => None,
            StoryOrigin::Folder(d) => Some(d.clone()),
        };
        if let Some(d) = &dir {
            self.saved.recent.retain(|r| r != d);
            self.saved.recent.insert(0, d.clone());
            self.saved.recent.truncate(RECENT);
        }
        self.saved.open = dir;
    }

    /// File › Recent stories: the built-in story, then the recent folders.
    pub fn recent_menu(&self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        if ui.button("The built-in story").clicked() {
            commands.push(Command::OpenBuiltInStory);
            ui.close();
        }
        for dir in &self.saved.recent {
            if ui.button(dir.display().to_string()).clicked() {
                commands.push(Command::OpenStory(dir.clone()));
                ui.close();
            }
        }
        commands
    }

    /// The Open story window: a folder laid out like `data/`, with its `story.json`.
    pub fn window(&mut self, ctx: &egui::Context) -> Vec<Command> {
        let mut open = true;
        let mut commands = Vec::new();
        egui::Window::new("Open story")
            .open(&mut open)
            .default_width(440.0)
            .default_pos(egui::pos2(100.0, 90.0))
            .show(ctx, |ui| commands = self.window_body(ui));
        if !open {
            commands.push(Command::Close(WindowId::OpenStory));
        }
        commands
    }

    fn window_body(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        ui.label("A story folder holds story.json, the article, places, events and crossings; an archive is such a folder as one .zip.");
        ui.horizontal(|ui| {
            if ui.button("Browse…").clicked() {
                commands.push(Command::Browse(FileKind::StoryFolder));
            }
            if ui
                .button("Archive (.zip)…")
                .on_hover_text("A story folder packed as one .zip (as the web page downloads it)")
                .clicked()
            {
                commands.push(Command::Browse(FileKind::StoryArchive));
            }
            let field =
                PathField::new("Folder", "/path/to/story", "Open").enabled(self.loading.is_none());
            if let Some(typed) = field.show(ui, &mut self.path_field) {
                commands.push(Command::OpenStory(typed.into()));
            }
        });
        let mut cancel = false;
        if let Some(loading) = &self.loading {
            ui.horizontal(|ui| {
                ui.add(egui::Spinner::new());
                ui.label(format!("Reading {}…", loading.origin.label()));
                cancel = ui.button("Cancel").clicked();
            });
        }
        if cancel {
            // The folder's reading finishes on its own; its result is dropped.
            self.loading = None;
        }
        if let Some(d) = &self.saved.open {
            ui.label(
                RichText::new(format!("Open now: {}", d.display()))
                    .small()
                    .weak(),
            );
        }
        commands
    }
}
