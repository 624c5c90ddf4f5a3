//! Applying the features' commands: the one place where one feature's request changes another
//! feature's state.

use std::path::PathBuf;

use super::{AtlasApp, DialogFor, PendingView};
use crate::model::Highlight;
use crate::platform::{FileKind, pick_file};
use crate::ui::story_builder::ArticleSource;
use crate::ui::{Command, Selection, WindowId};

impl AtlasApp {
    /// Applies commands in order.
    pub fn apply_all(&mut self, commands: impl IntoIterator<Item = Command>) {
        for c in commands {
            self.apply(c);
        }
    }

    /// Applies one command.
    pub fn apply(&mut self, command: Command) {
        match command {
            Command::Select(s) => self.set_selection(s),
            Command::PickCluster(hit) => {
                self.layers.picked = hit;
                if hit.is_some() {
                    self.windows.insert(WindowId::SidePanel);
                }
            }
            Command::SetTime(date, window) => {
                let atlas = self.atlas.clone();
                self.timeline.show_date(&atlas, date, window);
                self.refresh();
            }
            Command::ShowKind(kind, shown) => {
                self.timeline.saved.filter.set_kind(kind, shown);
                self.refresh();
            }
            Command::Shade(s) => {
                self.shading = s;
                self.refresh();
            }
            // Once the map is drawn, home is fitted like a slide: after the overlays settle.
            Command::Home if self.map.last_transform.is_some() => {
                self.pending_view = Some(PendingView {
                    view: self.atlas.data.story.home.clone(),
                    instant: true,
                    waited: 0,
                })
            }
            Command::Home => self.map.saved.needs_home = true,
            Command::ShowView { view, instant } => {
                self.pending_view = Some(PendingView {
                    view,
                    instant,
                    waited: 0,
                })
            }
            Command::Highlight(h) => self.highlighted = self.atlas.resolve_highlight(&h),
            other => self.apply_other(other),
        }
    }

    /// Windows, files and the classroom.
    fn apply_other(&mut self, command: Command) {
        match command {
            // While presenting, the legend's buttons unfold and fold it.
            Command::Open(WindowId::Legend) if self.tours.saved.active => {
                self.tours.folds.legend = false;
                self.windows.insert(WindowId::Legend);
            }
            Command::Close(WindowId::Legend) if self.tours.saved.active => {
                self.tours.folds.legend = true;
            }
            Command::Open(w) => {
                self.windows.insert(w);
            }
            Command::Close(w) => {
                self.windows.remove(&w);
            }
            Command::Toggle(w) => {
                if !self.windows.remove(&w) {
                    self.windows.insert(w);
                }
            }
            Command::StartTour { slide, instant } => self.start_tour(slide, instant),
            Command::EndTour => self.end_tour(),
            Command::AddSlideFromView => {
                let slide = self.slide_from_view();
                self.tours.add_slide(slide);
                self.windows.insert(WindowId::TourEditor);
            }
            Command::StartQuiz => self.start_quiz(),
            Command::EndQuiz => self.end_quiz(),
            Command::Status(s) => self.status = Some(s),
            Command::Problem(p) => {
                self.status = Some(p.lines().next().unwrap_or_default().to_string());
                self.problems.push(p);
            }
            other => self.apply_file(other),
        }
    }

    /// Opening and saving files.
    fn apply_file(&mut self, command: Command) {
        let atlas = self.atlas.clone();
        let commands = match command {
            Command::OpenData(path) => self.layers.open(path, &atlas),
            Command::OpenDataBytes(file) => self.layers.open_bytes(file, &atlas),
            Command::OpenArticle(path) => self.articles.open(path, &atlas),
            Command::OpenArticleBytes(file) => self.articles.open_bytes(file, &atlas),
            Command::OpenTourBytes(file) => match self.tours.open_bytes(file, atlas) {
                Ok(()) => Vec::new(),
                Err(e) => vec![Command::Problem(e)],
            },
            Command::OpenStory(dir) => self.stories.open(dir),
            Command::BuildStory(path) => self.story_builder.start(ArticleSource::Path(path)),
            Command::BuildStoryBytes(file) => self.story_builder.start(ArticleSource::Bytes(file)),
            Command::OpenStoryFiles(files) => self.stories.open_files(files),
            Command::OpenStoryArchive(file) => self.stories.open_archive(file),
            Command::OpenBuiltInStory => {
                self.open_built_in_story();
                Vec::new()
            }
            Command::Browse(kind) => {
                if kind == FileKind::Data {
                    self.windows.insert(WindowId::Layers);
                }
                self.browse(DialogFor::Pick(kind.clone()), kind)
            }
            Command::BrowseExport { layer, name } => {
                self.browse(DialogFor::Export(layer), FileKind::SaveData(name))
            }
            Command::SetBasemap(b) => {
                self.basemap.saved = b;
                Vec::new()
            }
            Command::RecordAnimation { plan, to } => {
                self.start_recording(plan, to, false);
                Vec::new()
            }
            Command::ExportPng(path) => {
                let mut job = crate::ui::export::ScreenshotJob::new(path);
                job.close_after = false;
                self.screenshot = Some(job);
                Vec::new()
            }
            _ => Vec::new(),
        };
        self.apply_all(commands);
    }

    /// Opens the native file dialog (off the UI thread); its answer is taken by the frame.
    fn browse(&mut self, target: DialogFor, kind: FileKind) -> Vec<Command> {
        // Where there are no paths, the picker hands over the file's bytes.
        if kind == FileKind::StoryArchive || (!crate::platform::ABILITIES.paths && kind.as_bytes())
        {
            return match crate::platform::pick_bytes(kind.clone()) {
                Ok(job) => {
                    self.pickers.push((kind, job));
                    Vec::new()
                }
                Err(e) => vec![Command::Problem(e)],
            };
        }
        match pick_file(kind) {
            Ok(job) => {
                self.dialog = Some((target, job));
                Vec::new()
            }
            Err(e) => vec![Command::Problem(e)],
        }
    }

    /// What a file chosen in the dialog is for.
    pub(super) fn picked_file(&mut self, target: DialogFor, path: PathBuf) {
        let command = match target {
            DialogFor::Pick(FileKind::Data) => Command::OpenData(path),
            DialogFor::Pick(FileKind::Article) => Command::OpenArticle(path),
            DialogFor::Pick(FileKind::ArticleForStory) => Command::BuildStory(path),
            DialogFor::Pick(FileKind::StoryFolder) => Command::OpenStory(path),
            DialogFor::Pick(FileKind::PmTiles) => {
                self.basemap.pmtiles_path = path.display().to_string();
                Command::SetBasemap(crate::map::tiles::Basemap::PmTiles { path })
            }
            DialogFor::Pick(FileKind::SaveData(_) | FileKind::StoryArchive | FileKind::Tour) => {
                return;
            }
            DialogFor::Export(i) => {
                if let Some(l) = self.layers.layers.get_mut(i) {
                    l.export_path = path.display().to_string();
                }
                let time = self.timeline.filter().time;
                match self
                    .layers
                    .export(i, crate::platform::SaveTo::Path(path), &time)
                {
                    Ok(()) => return,
                    Err(e) => Command::Problem(e),
                }
            }
        };
        self.apply(command);
    }

    /// Sets the selection and resolves it, once.
    pub(super) fn set_selection(&mut self, s: Selection) {
        self.resolved = s.resolve(&self.atlas);
        self.selection = s;
    }

    /// Clears what a slide or quiz answer highlighted.
    pub(super) fn clear_highlight(&mut self) {
        self.apply(Command::Highlight(Highlight::default()));
    }
}

/// What to do with a file of `kind` handed over as bytes (the browser's picker, a drop).
pub(super) fn command_for(kind: &FileKind, file: crate::platform::FileBytes) -> Option<Command> {
    match kind {
        FileKind::Data => Some(Command::OpenDataBytes(file)),
        FileKind::ArticleForStory => Some(Command::BuildStoryBytes(file)),
        FileKind::Article => Some(Command::OpenArticleBytes(file)),
        FileKind::StoryArchive => Some(Command::OpenStoryArchive(file)),
        FileKind::Tour => Some(Command::OpenTourBytes(file)),
        FileKind::PmTiles | FileKind::StoryFolder | FileKind::SaveData(_) => None,
    }
}
