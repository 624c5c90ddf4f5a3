//! The story builder (File › New story from article…): an article becomes a draft story in the
//! background, with progress and Cancel; the review window ([`review`]) lets the teacher keep,
//! drop and edit what was found, and "Save as story" writes the folder (checked, whole or not
//! at all) on a job of its own and opens it.

mod edit;
mod lessons;
mod review;

use std::path::PathBuf;
use std::sync::Arc;

use super::{Command, WindowId};
use crate::builder::text::{Sentence, sentences};
use crate::builder::{Built, Library, Options, build, folder};
use crate::model::PartialDate;
use crate::platform::{Job, Poll, Progress};

/// The start of a preview folder's name (in the system's temporary directory).
const PREVIEW_PREFIX: &str = "event-atlas-preview-";

/// Whether a story folder is a draft's preview: not one to reopen after a restart or list
/// among the recent stories.
pub fn is_preview(dir: &std::path::Path) -> bool {
    dir.parent() == Some(std::env::temp_dir().as_path())
        && dir
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with(PREVIEW_PREFIX))
}

/// What a build brings back: the draft and the library it used (kept for the next one).
type Building = Result<(Built, Arc<Library>), String>;

/// Which record the review shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    Event(usize),
    /// A crossing, or a total after the crossings.
    Crossing(usize),
    /// A sentence of the article (to make an event from).
    Sentence(usize),
}

/// Which list the review shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Found,
    Tour,
    Quiz,
}

/// A built story under review.
pub struct Draft {
    pub built: Built,
    /// The gazetteers, for places the reviewer adds.
    pub library: Arc<Library>,
    /// A place name typed to add, and what became of the last one.
    pub place_field: String,
    pub place_note: Option<String>,
    pub source: PathBuf,
    pub keep_events: Vec<bool>,
    /// The crossings, then the totals.
    pub keep_crossings: Vec<bool>,
    pub sentences: Vec<Sentence>,
    pub picked: Option<Pick>,
    pub tab: Tab,
    /// Where "Save as story" writes.
    pub out_field: String,
    /// The picked event's dates as typed (applied when they parse).
    pub date_text: String,
    pub end_text: String,
}

impl Draft {
    fn new(built: Built, source: PathBuf, library: Arc<Library>) -> Self {
        let out = source.with_extension("");
        let out_field = format!("{}-story", out.display());
        Self {
            keep_events: vec![true; built.events.len()],
            keep_crossings: vec![true; built.crossing_spans.len()],
            sentences: sentences(&built.article),
            built,
            library,
            place_field: String::new(),
            place_note: None,
            source,
            picked: None,
            tab: Tab::Found,
            out_field,
            date_text: String::new(),
            end_text: String::new(),
        }
    }

    /// The story as it will be saved: what is kept, with the tour and quiz to match.
    pub fn finished(&self) -> Built {
        self.built.keeping(&self.keep_events, &self.keep_crossings)
    }
}

/// The feature's state.
#[derive(Default)]
pub struct StoryBuilder {
    /// The article's path, as typed.
    pub path_field: String,
    /// A publication date for an article without a dateline (YYYY-MM-DD), as typed.
    pub published_field: String,
    pub draft: Option<Draft>,
    /// The last problem, shown in the window.
    pub message: Option<String>,
    /// What the last action did, when it is worth saying (not a problem).
    pub note: Option<String>,
    library: Option<Arc<Library>>,
    job: Option<Job<Building>>,
    saving: Option<Job<Result<PathBuf, String>>>,
    /// The job in `saving` writes a preview, not the story.
    previewing: bool,
}

impl StoryBuilder {
    /// Whether work is running (the app keeps drawing frames for its progress).
    pub fn busy(&self) -> bool {
        self.job.is_some() || self.saving.is_some()
    }

    /// Builds a draft from the article at `path` in the background.
    pub fn start(&mut self, path: PathBuf) -> Vec<Command> {
        self.path_field = path.display().to_string();
        self.message = None;
        self.note = None;
        let published = match self.published_field.trim() {
            "" => None,
            t => match t.parse::<PartialDate>() {
                Ok(d) if d.day.is_some() => Some(d),
                _ => {
                    self.message = Some(format!("{t:?}: give the publication date as YYYY-MM-DD"));
                    return vec![Command::Open(WindowId::StoryBuilder)];
                }
            },
        };
        let library = self.library.clone();
        let job = crate::platform::world::job_needing_gazetteer(
            format!("Building a story from {}", path.display()),
            move |p| build_in_background(path, published, library, p),
        );
        match job {
            Ok(j) => self.job = Some(j),
            Err(e) => self.message = Some(e),
        }
        vec![Command::Open(WindowId::StoryBuilder)]
    }

    /// Takes a finished build or save.
    pub fn poll(&mut self, ctx: &egui::Context) -> Vec<Command> {
        if self.busy() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        let mut out = Vec::new();
        if let Some(job) = &self.job {
            match job.poll() {
                Poll::Running => {}
                Poll::Done(Ok((built, library))) => {
                    self.library = Some(library.clone());
                    let source = PathBuf::from(&self.path_field);
                    self.draft = Some(Draft::new(built, source, library));
                    self.job = None;
                }
                Poll::Done(Err(e)) => {
                    self.message = Some(e);
                    self.job = None;
                }
                Poll::Lost => {
                    self.message = Some("the builder stopped unexpectedly".into());
                    self.job = None;
                }
            }
        }
        if let Some(job) = &self.saving {
            match job.poll() {
                Poll::Running => {}
                Poll::Done(Ok(dir)) if self.previewing => {
                    self.saving = None;
                    self.previewing = false;
                    self.note = Some(
                        "The draft is open on the map as a preview (fold this window with the \
                         arrow at its top left to see it); it is not saved yet."
                            .into(),
                    );
                    out.push(Command::OpenStory(dir));
                }
                Poll::Done(Ok(dir)) => {
                    self.saving = None;
                    self.draft = None;
                    out.push(Command::Close(WindowId::StoryBuilder));
                    out.push(Command::OpenStory(dir));
                }
                Poll::Done(Err(e)) => {
                    self.message = Some(e);
                    self.saving = None;
                }
                Poll::Lost => {
                    self.message = Some("saving stopped unexpectedly".into());
                    self.saving = None;
                }
            }
        }
        out
    }

    /// Writes the reviewed story to the folder typed, in the background; an existing folder
    /// is replaced only when `replace`.
    fn save(&mut self, replace: bool) {
        let Some(draft) = &self.draft else { return };
        let out = PathBuf::from(draft.out_field.trim());
        if out.as_os_str().is_empty() {
            self.message = Some("type the folder to save the story in".into());
            return;
        }
        self.previewing = false;
        self.note = None;
        self.write(out, replace);
    }

    /// Writes the draft as it stands to a folder of the system's temporary directory (one
    /// per app) and opens it, so the teacher sees it on the map before saving.
    fn preview(&mut self) {
        let dir = std::env::temp_dir().join(format!("{PREVIEW_PREFIX}{}", std::process::id()));
        self.previewing = true;
        self.write(dir, true);
    }

    /// The draft's kept records, written and checked on a job.
    fn write(&mut self, out: PathBuf, replace: bool) {
        let Some(draft) = &self.draft else { return };
        let finished = draft.finished();
        self.message = None;
        let job = Job::spawn(format!("Saving {}", out.display()), move |p| {
            p.set_stage("Writing and checking the story folder");
            folder::write(&finished, &out, replace)
                .map(|()| out)
                .map_err(|e| e.to_string())
        });
        match job {
            Ok(j) => self.saving = Some(j),
            Err(e) => self.message = Some(e),
        }
    }

    /// Stops the build.
    fn cancel(&mut self) {
        if let Some(job) = self.job.take() {
            job.cancel();
        }
        self.message = Some("cancelled".into());
    }
}

/// Reads the article and builds the draft, loading the library the first time.
fn build_in_background(
    path: PathBuf,
    published: Option<PartialDate>,
    library: Option<Arc<Library>>,
    progress: &Progress,
) -> Building {
    progress.set_stage("Reading the article");
    let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    progress.set_stage("Opening the gazetteers");
    let library = match library {
        Some(l) => l,
        None => Arc::new(Library::embedded().map_err(|e| e.to_string())?),
    };
    if progress.cancelled() {
        return Err("cancelled".into());
    }
    progress.set_stage("Finding places, dates, events and crossings");
    let opts = Options {
        name: path.display().to_string(),
        published,
        title: None,
    };
    let built = build(&bytes, &opts, &library).map_err(|e| e.to_string())?;
    Ok((built, library))
}
