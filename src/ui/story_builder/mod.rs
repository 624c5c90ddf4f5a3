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
use crate::model::{PartialDate, StoryFiles};
use crate::platform::{FileBytes, Job, Poll, Progress, SaveTo};

/// An article to build from: a file by path (the desktop), or text with a name (a file the
/// browser handed over, or text pasted into the window).
#[derive(Debug, Clone, PartialEq)]
pub enum ArticleSource {
    Path(PathBuf),
    Bytes(FileBytes),
}

impl ArticleSource {
    /// The article's name, for messages and for the story's suggested name.
    pub fn name(&self) -> String {
        match self {
            Self::Path(p) => p.display().to_string(),
            Self::Bytes(f) => f.name.clone(),
        }
    }

    fn bytes(&self) -> Result<Arc<[u8]>, String> {
        match self {
            Self::Path(p) => std::fs::read(p)
                .map(Into::into)
                .map_err(|e| format!("{}: {e}", p.display())),
            Self::Bytes(f) => Ok(f.bytes.clone()),
        }
    }
}

/// What a save came to: a folder written (the desktop), or the story's files in memory (a
/// preview, or the browser's download).
enum Saved {
    Folder(PathBuf),
    Files(StoryFiles),
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
    pub source: ArticleSource,
    pub keep_events: Vec<bool>,
    /// The crossings, then the totals.
    pub keep_crossings: Vec<bool>,
    pub sentences: Vec<Sentence>,
    pub picked: Option<Pick>,
    pub tab: Tab,
    /// Where "Save as story" writes (a folder; in the browser, the archive's file name).
    pub out_field: String,
    /// The picked event's dates as typed (applied when they parse).
    pub date_text: String,
    pub end_text: String,
}

impl Draft {
    fn new(built: Built, source: ArticleSource, library: Arc<Library>) -> Self {
        let out = PathBuf::from(source.name()).with_extension("");
        let out_field = if crate::platform::ABILITIES.paths {
            format!("{}-story", out.display())
        } else {
            let stem = out.file_name().map(|n| n.to_string_lossy().into_owned());
            format!("{}-story.zip", stem.unwrap_or_else(|| "article".into()))
        };
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
    /// An article's text pasted into the window.
    pub pasted: String,
    /// A publication date for an article without a dateline (YYYY-MM-DD), as typed.
    pub published_field: String,
    pub draft: Option<Draft>,
    /// The last problem, shown in the window.
    pub message: Option<String>,
    /// What the last action did, when it is worth saying (not a problem).
    pub note: Option<String>,
    library: Option<Arc<Library>>,
    job: Option<(ArticleSource, Job<Building>)>,
    saving: Option<Job<Result<Saved, String>>>,
    /// The job in `saving` writes a preview, not the story.
    previewing: bool,
    /// A draft has just come: fold the paste box away for the review.
    fold_paste: bool,
}

impl StoryBuilder {
    /// Whether work is running (the app keeps drawing frames for its progress).
    pub fn busy(&self) -> bool {
        self.job.is_some() || self.saving.is_some()
    }

    /// Builds a draft from the article in the background.
    pub fn start(&mut self, source: ArticleSource) -> Vec<Command> {
        if let ArticleSource::Path(p) = &source {
            self.path_field = p.display().to_string();
        }
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
        let s = source.clone();
        let job = crate::platform::world::job_needing_gazetteer(
            format!("Building a story from {}", source.name()),
            move |p| build_in_background(&s, published, library, p),
        );
        match job {
            Ok(j) => self.job = Some((source, j)),
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
        if let Some((source, job)) = &self.job {
            match job.poll() {
                Poll::Running => {}
                Poll::Done(Ok((built, library))) => {
                    self.library = Some(library.clone());
                    self.draft = Some(Draft::new(built, source.clone(), library));
                    self.fold_paste = true;
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
                Poll::Done(Ok(saved)) => {
                    self.saving = None;
                    out.extend(self.saved(saved));
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

    /// Opens what was saved: a preview stays under review; a saved story ends the review.
    fn saved(&mut self, saved: Saved) -> Vec<Command> {
        if std::mem::take(&mut self.previewing) {
            self.note = Some(
                "The draft is open on the map as a preview (fold this window with the arrow at \
                 its top left to see it); it is not saved yet."
                    .into(),
            );
            return match saved {
                Saved::Files(f) => vec![Command::OpenStoryFiles(f)],
                Saved::Folder(d) => vec![Command::OpenStory(d)],
            };
        }
        self.draft = None;
        let open = match saved {
            Saved::Folder(dir) => Command::OpenStory(dir),
            Saved::Files(files) => Command::OpenStoryFiles(files),
        };
        vec![Command::Close(WindowId::StoryBuilder), open]
    }

    /// Writes the reviewed story to the folder typed, in the background; an existing folder
    /// is replaced only when `replace`. In the browser the story is downloaded as a `.zip`
    /// under the name typed.
    fn save(&mut self, replace: bool) {
        let Some(draft) = &self.draft else { return };
        let typed = draft.out_field.trim();
        if typed.is_empty() {
            self.message = Some("type the folder to save the story in".into());
            return;
        }
        self.previewing = false;
        self.note = None;
        match SaveTo::typed(typed) {
            SaveTo::Path(out) => self.write(Some(out), replace),
            SaveTo::Download(name) => self.download(name),
        }
    }

    /// Opens the draft as it stands on the map, from memory, so the teacher sees it before
    /// saving; nothing is written.
    fn preview(&mut self) {
        self.previewing = true;
        self.write(None, true);
    }

    /// The draft's kept records, written and checked on a job: to the folder `out`, or (with
    /// none) into memory.
    fn write(&mut self, out: Option<PathBuf>, replace: bool) {
        let Some(draft) = &self.draft else { return };
        let finished = draft.finished();
        self.message = None;
        let label = match &out {
            Some(out) => format!("Saving {}", out.display()),
            None => "Preparing the preview".into(),
        };
        let job = Job::spawn(label, move |p| {
            p.set_stage("Writing and checking the story");
            match out {
                Some(out) => folder::write(&finished, &out, replace)
                    .map(|()| Saved::Folder(out))
                    .map_err(|e| e.to_string()),
                None => folder::in_memory(&finished, "draft preview")
                    .map(Saved::Files)
                    .map_err(|e| e.to_string()),
            }
        });
        match job {
            Ok(j) => self.saving = Some(j),
            Err(e) => self.message = Some(e),
        }
    }

    /// The browser's save: the checked story as a `.zip` download named `name`.
    fn download(&mut self, name: String) {
        let Some(draft) = &self.draft else { return };
        let finished = draft.finished();
        self.message = None;
        let name = if name.to_lowercase().ends_with(".zip") {
            name
        } else {
            format!("{name}.zip")
        };
        let job = Job::spawn(format!("Downloading {name}"), move |p| {
            p.set_stage("Checking the story and packing it");
            let files = folder::in_memory(&finished, &name).map_err(|e| e.to_string())?;
            let zip = files.to_zip().map_err(|e| e.to_string())?;
            SaveTo::Download(name).save(&zip)?;
            Ok(Saved::Files(files))
        });
        match job {
            Ok(j) => self.saving = Some(j),
            Err(e) => self.message = Some(e),
        }
    }

    /// Stops the build.
    fn cancel(&mut self) {
        if let Some((_, job)) = self.job.take() {
            job.cancel();
        }
        self.message = Some("cancelled".into());
    }
}

/// Reads the article and builds the draft, loading the library the first time.
fn build_in_background(
    source: &ArticleSource,
    published: Option<PartialDate>,
    library: Option<Arc<Library>>,
    progress: &Progress,
) -> Building {
    progress.set_stage("Reading the article");
    let bytes = source.bytes()?;
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
        name: source.name(),
        published,
        title: None,
    };
    let built = build(&bytes, &opts, &library).map_err(|e| e.to_string())?;
    Ok((built, library))
}
