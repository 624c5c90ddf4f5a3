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

/// Reads, checks and prepares a story folder (on the calling thread).
pub fn load_story(dir: &Path) -> Loaded {
    if !dir.is_dir() {
        return Err(format!("{}: not a folder", dir.display()));
    }
    let source = DataSource::Dir(dir.to_path_buf());
    let (dataset, errors) = crate::check::load_and_check(&source).map_err(|e| e.to_string())?;
    let problems = errors.iter().map(ToString::to_string).collect();
    Ok((Arc::new(Atlas::new(dataset)), problems))
}

/// The saved list, the typed path, and a folder being read.
#[derive(Default)]
pub struct Stories {
    pub saved: StoriesSaved,
    pub path_field: String,
    pub loading: Option<(PathBuf, Job<Loaded>)>,
}

impl Stories {
    /// Starts reading a story folder in the background.
    pub fn open(&mut self, dir: PathBuf) -> Vec<Command> {
        let d = dir.clone();
        match Job::spawn("open story", move |_| load_story(&d)) {
            Ok(job) => {
                self.loading = Some((dir, job));
                Vec::new()
            }
            Err(e) => vec![Command::Problem(e)],
        }
    }

    /// The folder read, when it is: its path and what came of it.
    pub fn poll(&mut self, ctx: &egui::Context) -> Option<(PathBuf, Loaded)> {
        let (dir, job) = self.loading.take()?;
        match job.poll() {
            Poll::Running => {
                self.loading = Some((dir, job));
                ctx.request_repaint_after(std::time::Duration::from_millis(50));
                None
            }
            Poll::Done(r) => Some((dir, r)),
            Poll::Lost => Some((dir, Err("the story could not be read".into()))),
        }
    }

    /// Records the story now open (`None`: the built-in one) at the top of the recent list.
    pub fn opened(&mut self, dir: Option<PathBuf>) {
        // A draft's preview lives in a temporary folder: it is not kept.
        if dir.as_deref().is_some_and(super::story_builder::is_preview) {
            return;
        }
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
        ui.label("A story folder holds story.json, the article, places, events and crossings.");
        ui.horizontal(|ui| {
            if ui.button("Browse…").clicked() {
                commands.push(Command::Browse(FileKind::StoryFolder));
            }
            let field =
                PathField::new("Folder", "/path/to/story", "Open").enabled(self.loading.is_none());
            if let Some(typed) = field.show(ui, &mut self.path_field) {
                commands.push(Command::OpenStory(typed.into()));
            }
        });
        let mut cancel = false;
        if let Some((dir, _)) = &self.loading {
            ui.horizontal(|ui| {
                ui.add(egui::Spinner::new());
                ui.label(format!("Reading {}…", dir.display()));
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
