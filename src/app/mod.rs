//! The eframe app: it keeps the story, the features and one set of open windows, lays the
//! features out each frame, and applies the [`Command`]s they return, in one place.
//!
//! Its files: [`frame`] (one frame, step by step), [`apply`] (the commands), [`classroom`]
//! (slides and quiz answers, which reach the map, the timeline and the selection), [`story`]
//! (switching to another story folder), [`menu`], [`derived`] (the filter's results) and
//! [`saved`] (what survives a restart).

mod apply;
mod classroom;
mod derived;
mod frame;
mod menu;
mod record;
mod saved;
mod story;

pub use saved::{Persisted, STORAGE_KEY};

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

use crate::atlas::{Atlas, Highlighted};
use crate::map::choropleth::{Choropleth, Shading};
use crate::model::{PartialDate, SlideView, Window};
use crate::platform::{FileKind, Job};
use crate::timeline::{Counter, Visible};
use crate::ui::article::Articles;
use crate::ui::basemap::Basemaps;
use crate::ui::draw::Drawing;
use crate::ui::export::ScreenshotJob;
use crate::ui::layers::Layers;
use crate::ui::map_view::MapView;
use crate::ui::quiz::Quizzes;
use crate::ui::stories::Stories;
use crate::ui::timeline::Timeline;
use crate::ui::tour::Tours;
use crate::ui::{Command, Resolved, Selection, WindowId};
use derived::Derived;

/// How often the view and selection are saved while the app runs.
const AUTO_SAVE: std::time::Duration = std::time::Duration::from_secs(5);

/// A view waiting for the map and the card over it to be drawn (the fit needs both sizes);
/// `instant` jumps; `waited` counts the frames waited.
#[derive(Debug, Clone, PartialEq)]
struct PendingView {
    view: SlideView,
    instant: bool,
    waited: u8,
}

/// What a file dialog's answer is for.
#[derive(Debug, Clone, PartialEq)]
enum DialogFor {
    Pick(FileKind),
    Export(usize),
}

/// The application: the story, its features, and the windows open.
pub struct AtlasApp {
    pub atlas: Arc<Atlas>,
    pub selection: Selection,
    /// The selection resolved to indexes (updated whenever it changes).
    resolved: Resolved,
    pub shading: Shading,
    pub text_scale: f32,
    pub ui_zoom: f32,
    /// The windows and panels open.
    pub windows: BTreeSet<WindowId>,
    pub map: MapView,
    pub timeline: Timeline,
    pub layers: Layers,
    pub articles: Articles,
    /// File › New story from article…
    pub story_builder: crate::ui::story_builder::StoryBuilder,
    pub tours: Tours,
    pub quizzes: Quizzes,
    pub drawing: Drawing,
    pub basemap: Basemaps,
    pub stories: Stories,
    pub search: crate::ui::search::Search,
    /// Where File › Export view as PNG writes.
    pub export_path: String,
    /// File › Export animation's settings.
    pub animation: crate::ui::animate::AnimationSaved,
    /// A recording under way (the window shows only the map meanwhile).
    pub recorder: Option<crate::ui::animate::Recorder>,
    /// Where File › Export handout writes.
    pub handout_path: String,
    /// A handout being made (the window shows only the map meanwhile).
    pub handout: Option<crate::ui::handout::HandoutJob>,
    /// Problems (shown in a window; the app keeps running on what loaded).
    pub problems: Vec<String>,
    /// A line for the menu bar ("saved lesson.png").
    pub status: Option<String>,
    /// What the current slide or quiz answer highlights.
    highlighted: Highlighted,
    derived: Derived,
    pending_view: Option<PendingView>,
    dialog: Option<(DialogFor, Job<Option<PathBuf>>)>,
    /// Files being handed over as bytes (the browser: its picker, or files dropped on the
    /// page), with what each is for.
    pickers: Vec<(FileKind, Job<crate::platform::Picked>)>,
    screenshot: Option<ScreenshotJob>,
    /// A one-off capture run: never overwrite the user's saved state.
    capture_only: bool,
    zoom_applied: bool,
    /// The window title last sent.
    title: String,
}

impl AtlasApp {
    /// An app on `atlas` with the given (restored or fresh) state.
    pub fn new(atlas: Arc<Atlas>, saved: Persisted) -> Self {
        let (tours, mut problems) = Tours::new(saved.tour, &atlas);
        let (quizzes, quiz_problems) = Quizzes::new(saved.quiz, &atlas);
        problems.extend(quiz_problems);
        let mut timeline = Timeline::new(saved.timeline);
        if timeline.saved.axis.is_none() {
            // First start: the whole story, at its natural speed.
            timeline.set_axis(atlas.scales.whole);
        }
        // A cursor past the story (the default) or unreadable starts at the story's end.
        let end = atlas.story_end();
        let cursor = &mut timeline.saved.filter.time.cursor;
        if !cursor.is_finite() || *cursor > end + 366.0 {
            *cursor = end;
        }
        let mut layers = Layers::default();
        layers.to_reopen = saved.layers;
        let mut app = Self {
            resolved: saved.selection.resolve(&atlas),
            selection: saved.selection,
            shading: saved.shading,
            text_scale: saved.text_scale,
            ui_zoom: saved.ui_zoom,
            windows: saved.panels,
            map: MapView::new(saved.map),
            timeline,
            layers,
            articles: Articles::default(),
            story_builder: Default::default(),
            tours,
            quizzes,
            drawing: Drawing::new(saved.drawing),
            basemap: Basemaps::new(saved.basemap),
            search: Default::default(),
            stories: Stories {
                saved: saved.stories,
                ..Stories::default()
            },
            export_path: saved.export_path,
            animation: saved.animation,
            recorder: None,
            handout_path: saved.handout_path,
            handout: None,
            problems,
            status: None,
            highlighted: Highlighted::default(),
            derived: Derived::default(),
            pending_view: None,
            dialog: None,
            pickers: Vec::new(),
            screenshot: None,
            capture_only: false,
            zoom_applied: false,
            title: String::new(),
            atlas,
        };
        app.reopen_teacher_tour();
        app
    }

    /// What survives a restart, gathered from the features.
    pub fn saved(&self) -> Persisted {
        Persisted {
            stories: self.stories.saved.clone(),
            map: self.map.saved.clone(),
            selection: self.selection.clone(),
            timeline: self.timeline.saved.clone(),
            shading: self.shading,
            panels: self
                .windows
                .iter()
                .copied()
                .filter(|w| w.persists())
                .collect(),
            text_scale: self.text_scale,
            ui_zoom: self.ui_zoom,
            tour: self.tours.saved.clone(),
            quiz: self.quizzes.saved.clone(),
            drawing: self.drawing.settings.clone(),
            layers: self.layers.saved(),
            basemap: self.basemap.saved.clone(),
            export_path: self.export_path.clone(),
            animation: self.animation.clone(),
            handout_path: self.handout_path.clone(),
        }
    }

    /// The app's state in one line of plain text: what is selected (and its name), the view,
    /// the time, the slide, and the events imported (and imports under way). The web page shows it for tests and screen readers.
    pub fn status_line(&self) -> String {
        let (what, name) = match &self.selection {
            Selection::None => (String::new(), String::new()),
            Selection::Province(iso) => {
                let r = &self.resolved;
                let story = r
                    .province
                    .map(|i| self.atlas.data.provinces[i].name.clone());
                let world = r
                    .unit
                    .and_then(|u| self.atlas.world.unit(u))
                    .map(|p| p.name.clone());
                (iso.clone(), story.or(world).unwrap_or_default())
            }
            Selection::Place(id) | Selection::Event(id) | Selection::Crossing(id) => {
                (id.clone(), String::new())
            }
        };
        let m = &self.map.saved.memory;
        let centre = m
            .detached()
            .map_or("home".to_string(), |p| format!("{:.3},{:.3}", p.y(), p.x()));
        let t = &self.timeline.saved.filter.time;
        let time = match t.cursor.is_finite() {
            true => crate::model::PartialDate::from_day_number(t.day()).to_string(),
            false => "all".to_string(),
        };
        let slide = match self.tours.saved.active {
            true => self.tours.saved.slide + 1,
            false => 0,
        };
        let imported: usize = self.layers.layers.iter().map(|l| l.data.layer.len()).sum();
        let importing = self.layers.jobs.len();
        let busy = self.busy();
        format!(
            "selected={what}; name={name}; zoom={:.2}; centre={centre}; time={time}; slide={slide}; \
             imported={imported}; importing={importing}; busy={busy}; story={}; draft={}; \
             problems={}; last problem={}",
            m.zoom(),
            self.atlas.data.story.title,
            self.story_builder
                .draft
                .as_ref()
                .map_or("", |d| d.built.story.title.as_str()),
            self.problems.len(),
            self.problems
                .last()
                .and_then(|p| p.lines().next())
                .unwrap_or_default()
        )
    }

    /// Restores persisted state from eframe's storage, if any.
    pub fn restore(storage: Option<&dyn eframe::Storage>) -> Persisted {
        storage
            .and_then(|s| eframe::get_value(s, STORAGE_KEY))
            .unwrap_or_default()
    }

    /// The window's title as last set: the story's.
    pub fn window_title(&self) -> &str {
        &self.title
    }

    /// Whether a window or panel is open.
    pub fn is_open(&self, w: WindowId) -> bool {
        self.windows.contains(&w)
    }

    /// The selection resolved to indexes.
    pub fn resolved(&self) -> Resolved {
        self.resolved
    }

    /// What the current slide or quiz answer highlights, resolved.
    pub fn highlighted(&self) -> &Highlighted {
        &self.highlighted
    }

    /// What the filter showed in the last frame (as the map, panel and timeline saw it).
    pub fn visible(&self) -> Arc<Visible> {
        self.derived.visible.clone()
    }

    /// The running counter of crossings as last shown.
    pub fn counter(&self) -> &Counter {
        &self.derived.counter
    }

    /// The province shading as last drawn.
    pub fn choropleth(&self) -> &Choropleth {
        &self.derived.choropleth
    }

    /// Puts the cursor at the end of `date` (`--time`, `--window`).
    pub fn set_time(&mut self, date: PartialDate, window: Option<Window>) {
        self.apply(Command::SetTime(date, window));
    }

    /// Selects a province by ISO code, or anything by id (`--select`).
    pub fn select(&mut self, what: &str) -> Result<(), String> {
        let s = Selection::find(&self.atlas, what).ok_or_else(|| {
            format!(
                "--select {what:?}: not a province code (e.g. AF-BDS) nor a place, event or crossing id"
            )
        })?;
        self.apply(Command::Select(s));
        Ok(())
    }

    /// Starts importing a file (`--open`, tests).
    pub fn open_data(&mut self, path: PathBuf) {
        self.apply(Command::OpenData(path));
    }

    /// Reopens the files open at the last exit (not in screenshot runs).
    pub fn reopen_saved_layers(&mut self) {
        let saved = std::mem::take(&mut self.layers.to_reopen);
        let commands = self.layers.reopen(saved, &self.atlas);
        self.apply_all(commands);
    }

    /// Opens a tour file now (`--tour`, tests); a broken one is refused with its line.
    pub fn open_tour(&mut self, path: &std::path::Path) -> Result<(), String> {
        let problems = self.tours.open(path, &self.atlas)?;
        self.problems.extend(problems);
        Ok(())
    }

    /// Keeps the drawings in `path`, loading them now.
    pub fn with_annotations_file(mut self, path: PathBuf) -> Self {
        if let Some(p) = self.drawing.with_autosave(path) {
            self.problems.push(p);
        }
        self
    }

    /// Renders and saves a PNG to `job.to` (then closes the window, if the job says so).
    pub fn with_screenshot(mut self, job: ScreenshotJob) -> Self {
        self.screenshot = Some(job);
        self.capture_only = true;
        self
    }

    /// Whether anything runs in the background (a screenshot waits for it).
    pub fn busy(&self) -> bool {
        self.layers.busy()
            || self.articles.busy()
            || self.story_builder.busy()
            || self.tours.busy()
            || self.drawing.busy()
            || self.stories.loading.is_some()
            || self.search.busy()
    }
}

impl eframe::App for AtlasApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
        self.screenshot_step(ui);
        // eframe saves only on frames; an idle window still wakes now and then, so the view
        // survives even a crash or a kill, not just a clean exit.
        ui.ctx()
            .request_repaint_after(AUTO_SAVE + std::time::Duration::from_secs(1));
    }

    fn auto_save_interval(&self) -> std::time::Duration {
        AUTO_SAVE
    }

    fn persist_egui_memory(&self) -> bool {
        !self.capture_only
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if !self.capture_only {
            eframe::set_value(storage, STORAGE_KEY, &self.saved());
        }
    }
}
