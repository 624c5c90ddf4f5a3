//! The eframe app: wires the atlas, the map view and the panels, and keeps what must persist.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use egui::{Color32, Key, Ui};
use serde::{Deserialize, Serialize};

use crate::atlas::{Atlas, Highlighted};
use crate::map::choropleth::{Choropleth, Shading, choropleth};
use crate::map::crossings::Motion;
use crate::model::{Dataset, EventKind, PartialDate, Slide, SlideView, Tour};
use crate::spatial::mercator;
use crate::timeline::{Counter, Filter, TimeMode, Visible, Window, crossing_counter};
use crate::ui::draw::{DrawAction, Drawing, Tool};
use crate::ui::map_view::{MapInputs, MapView};
use crate::ui::quiz::{QuizAction, QuizState};
use crate::ui::timeline::{Scales, Timeline, story_end};
use crate::ui::tour::{TourAction, TourState};
use crate::ui::{Selection, about, quiz, side_panel, tour};

/// How often the view and selection are saved while the app runs.
const AUTO_SAVE: std::time::Duration = std::time::Duration::from_secs(5);

/// Storage key of the persisted state.
pub const STORAGE_KEY: &str = "event-atlas-state";

/// What survives a restart: the view, the selection, reading preferences.
#[derive(Serialize, Deserialize)]
#[serde(default)]
pub struct Persisted {
    pub map: MapView,
    pub selection: Selection,
    pub text_scale: f32,
    pub panel_open: bool,
    /// Time cursor, window and hidden kinds.
    pub filter: Filter,
    pub shading: Shading,
    pub timeline: Timeline,
    pub timeline_open: bool,
    pub tour: TourState,
    pub quiz: QuizState,
    /// Where File › Export view as PNG writes.
    pub export_path: String,
    /// Drawing tools (the drawings are saved to their own file).
    pub drawing: Drawing,
    /// Size of everything in the window (View › Text size; Ctrl +/− too), for projectors.
    pub ui_zoom: f32,
}

impl Default for Persisted {
    fn default() -> Self {
        Self {
            map: MapView::default(),
            selection: Selection::None,
            text_scale: 1.0,
            panel_open: true,
            filter: Filter::default(),
            shading: Shading::default(),
            timeline: Timeline::default(),
            timeline_open: true,
            tour: TourState::default(),
            quiz: QuizState::default(),
            export_path: "event-atlas-view.png".into(),
            drawing: Drawing::default(),
            ui_zoom: 1.0,
        }
    }
}

/// What the filter changes: rebuilt only when the cursor's day, the window, the kinds or the
/// shading change, not every frame.
#[derive(Default)]
struct Derived {
    key: Option<(i64, Option<i64>, BTreeSet<EventKind>, Shading)>,
    visible: Arc<Visible>,
    fills: Arc<Vec<Color32>>,
    choropleth: Choropleth,
    counter: Counter,
}

/// A pending `--screenshot`: render a few frames, capture, save, quit.
#[derive(Debug, Clone)]
pub struct ScreenshotJob {
    pub path: PathBuf,
    /// Quit once saved (`--screenshot`), or keep running (File › Export view as PNG).
    pub close_after: bool,
    requested: bool,
    frames: u32,
    /// Filled by the integration once the pixels are read back.
    image: Arc<Mutex<Option<Arc<egui::ColorImage>>>>,
}

impl ScreenshotJob {
    /// Captures to `path` once the window has settled.
    pub fn new(path: PathBuf) -> Self {
        Self {
            path,
            close_after: true,
            requested: false,
            frames: 0,
            image: Arc::default(),
        }
    }
}

/// The application.
pub struct AtlasApp {
    pub atlas: Arc<Atlas>,
    pub state: Persisted,
    /// Problems with the data (shown in a window; the app keeps running on what loaded).
    pub problems: Vec<String>,
    pub about_open: bool,
    derived: Derived,
    /// What the current tour slide highlights.
    highlighted: Highlighted,
    /// A slide's view waiting for the map and the slide's card to be drawn (the fit needs both
    /// sizes); `true` jumps; the count is frames waited.
    pending_view: Option<(SlideView, bool, u8)>,
    zoom_applied: bool,
    /// Where drawings are saved as they change (none in tests and screenshots).
    annotations_path: Option<PathBuf>,
    /// Height of the tour's slide card (last drawn), kept clear when fitting a slide's view.
    card_height: f32,
    screenshot: Option<ScreenshotJob>,
    /// A line for the menu bar ("saved lesson.png").
    pub status: Option<String>,
    /// A one-off capture run: never overwrite the user's saved state.
    capture_only: bool,
}

impl AtlasApp {
    /// An app over `atlas` with the given (restored or fresh) state.
    pub fn new(atlas: Arc<Atlas>, mut state: Persisted) -> Self {
        // A cursor past the story (the default) or unreadable starts at the story's end.
        let end = story_end(&atlas);
        let cursor = state.filter.time.cursor;
        if !cursor.is_finite() || cursor > end + 366.0 {
            state.filter.time.cursor = end;
        }
        let mut app = Self {
            atlas,
            state,
            problems: Vec::new(),
            about_open: false,
            derived: Derived::default(),
            highlighted: Highlighted::default(),
            pending_view: None,
            zoom_applied: false,
            card_height: 190.0,
            annotations_path: None,
            screenshot: None,
            status: None,
            capture_only: false,
        };
        app.load_tour();
        app.load_quiz();
        app
    }

    /// Keeps the drawings in `path`: loads them now (a broken file is moved aside, never
    /// overwritten, and reported) and saves every change there, atomically.
    pub fn with_annotations_file(mut self, path: PathBuf) -> Self {
        if path.exists() {
            let name = path.display().to_string();
            let loaded = std::fs::read_to_string(&path)
                .map_err(|e| format!("{name}: {e}"))
                .and_then(|t| {
                    crate::model::annotation::from_geojson(&name, &t).map_err(|e| e.to_string())
                });
            match loaded {
                Ok((items, _)) => self.state.drawing.load(items),
                Err(e) => {
                    let aside = path.with_extension(format!(
                        "broken-{}.geojson",
                        std::time::SystemTime::now()
                            .duration_since(std::time::UNIX_EPOCH)
                            .map_or(0, |d| d.as_secs())
                    ));
                    let kept = std::fs::rename(&path, &aside)
                        .map(|()| format!("it was kept as {}", aside.display()))
                        .unwrap_or_else(|r| format!("it could not be moved aside ({r})"));
                    self.problems
                        .push(format!("Your drawings could not be read: {e}\n{kept}."));
                }
            }
        }
        self.annotations_path = Some(path);
        self
    }

    fn save_drawings(&mut self) {
        if !self.state.drawing.dirty {
            return;
        }
        let Some(path) = &self.annotations_path else {
            return;
        };
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        match crate::model::annotation::save(path, &self.state.drawing.items) {
            Ok(()) => self.state.drawing.dirty = false,
            Err(e) => {
                self.state.drawing.message =
                    Some(format!("Drawings not saved to {}: {e}", path.display()));
            }
        }
    }

    fn draw_action(&mut self, action: DrawAction) {
        let d = &mut self.state.drawing;
        d.message = Some(match action {
            DrawAction::Export(path) => match crate::model::annotation::save(&path, &d.items) {
                Ok(()) => format!("Exported {} drawings to {}", d.items.len(), path.display()),
                Err(e) => format!("Not exported: {}: {e}", path.display()),
            },
            DrawAction::Import(path) => {
                let name = path.display().to_string();
                let read = std::fs::read_to_string(&path)
                    .map_err(|e| format!("{name}: {e}"))
                    .and_then(|t| {
                        crate::model::annotation::from_geojson(&name, &t).map_err(|e| e.to_string())
                    });
                match read {
                    Ok((items, skipped)) => {
                        let n = items.len();
                        let mut all = (*d.items).clone();
                        all.extend(items);
                        d.set(all);
                        if skipped > 0 {
                            format!("Imported {n} drawings; {skipped} features could not be drawn")
                        } else {
                            format!("Imported {n} drawings")
                        }
                    }
                    Err(e) => {
                        self.problems.push(e.clone());
                        format!("Not imported: {e}")
                    }
                }
            }
        });
    }

    /// The pen and pin act on this frame's drag or click on the map.
    fn draw_on_map(&mut self) {
        let d = &mut self.state.drawing;
        match d.tool {
            Tool::Pen => {
                if let Some(p) = self.state.map.gesture.start {
                    d.current = None;
                    d.stroke_point(p);
                }
                if let Some(p) = self.state.map.gesture.at {
                    d.stroke_point(p);
                }
                if self.state.map.gesture.ended {
                    d.end_stroke();
                }
            }
            Tool::Pin => {
                if let Some((lon, lat)) = self.state.map.clicked_at {
                    let text = d.pin_text.trim().to_string();
                    d.add(crate::model::Annotation::Pin {
                        color: d.color,
                        at: [lon, lat],
                        text,
                    });
                }
            }
            Tool::Pan => {}
        }
    }

    /// Loads the data's quiz; a broken one is listed as a problem and the app goes on without.
    fn load_quiz(&mut self) {
        let source = self.atlas.data.source.clone();
        match Dataset::load_quiz(&source) {
            Ok(Some((quiz, _))) => {
                let n = quiz.questions.len();
                let q = &mut self.state.quiz;
                q.quiz = Some(quiz);
                if q.results.len() != n || q.index >= n {
                    q.results = vec![None; n];
                    q.index = 0;
                }
            }
            Ok(None) => self.state.quiz.active = false,
            Err(e) => {
                self.state.quiz.active = false;
                self.problems
                    .push(format!("{e}\nThe rest of the app works without the quiz."));
            }
        }
    }

    /// Starts the quiz from its first question (ends a tour in progress).
    pub fn start_quiz(&mut self) {
        self.tour_action(TourAction::End);
        self.state.quiz.restart();
        self.highlighted = Highlighted::default();
    }

    fn quiz_action(&mut self, action: QuizAction) {
        match action {
            QuizAction::Answer(response) => {
                let q = &self.state.quiz;
                let Some(question) = q
                    .quiz
                    .as_ref()
                    .and_then(|z| z.questions.get(q.index))
                    .cloned()
                else {
                    return;
                };
                let atlas = self.atlas.clone();
                let verdict = question.grade(response, &atlas.data, |lon, lat| {
                    atlas
                        .province_at(geo::Point::new(lon, lat))
                        .map(|i| atlas.data.provinces[i].iso.clone())
                });
                // Show where the answer is, right or wrong.
                let mut h = crate::model::Highlight::default();
                match &question.answer {
                    crate::model::Answer::Province { provinces } => {
                        h.provinces.clone_from(provinces);
                        if let Some(p) = provinces.first() {
                            self.state.selection = Selection::Province(p.clone());
                        }
                    }
                    crate::model::Answer::Place { place, .. } => {
                        h.places.push(place.clone());
                        self.state.selection = Selection::Place(place.clone());
                    }
                    crate::model::Answer::Date { event, .. } => {
                        h.events.push(event.clone());
                        self.state.selection = Selection::Event(event.clone());
                    }
                    crate::model::Answer::Choice { .. } => {}
                }
                self.highlighted = self.atlas.resolve_highlight(&h);
                // Bring the answer into view, clear of the card.
                let fit: Vec<String> = h.provinces.iter().chain(&h.places).cloned().collect();
                if !fit.is_empty() {
                    self.pending_view = Some((SlideView::Fit { fit }, false, 0));
                }
                let q = &mut self.state.quiz;
                if let Some(slot) = q.results.get_mut(q.index) {
                    *slot = Some(verdict.correct);
                }
                q.verdict = Some(verdict);
            }
            QuizAction::Next => {
                let q = &mut self.state.quiz;
                if q.index + 1 < q.len() {
                    q.index += 1;
                    q.verdict = None;
                    self.highlighted = Highlighted::default();
                    self.state.selection = Selection::None;
                }
            }
            QuizAction::Restart => self.start_quiz(),
            QuizAction::End => {
                self.state.quiz.active = false;
                self.state.quiz.verdict = None;
                self.highlighted = Highlighted::default();
            }
        }
    }

    /// Loads the tour the state points at (a teacher's file) or else the data's own tour;
    /// problems go to the problems window and the app goes on without a tour.
    fn load_tour(&mut self) {
        if let Some(path) = self.state.tour.path.clone() {
            match self.open_tour(&path) {
                Ok(()) => return,
                Err(e) => {
                    self.problems.push(e);
                    self.state.tour.path = None;
                }
            }
        }
        let source = self.atlas.data.source.clone();
        match Dataset::load_tour(&source) {
            Ok(Some((tour, _))) => {
                self.state.tour.name = source.display_name(crate::model::TOUR_FILE);
                self.state.tour.slide = self
                    .state
                    .tour
                    .slide
                    .min(tour.slides.len().saturating_sub(1));
                self.state.tour.tour = Some(tour);
            }
            Ok(None) => {}
            Err(e) => self
                .problems
                .push(format!("{e}\nThe rest of the app works without the tour.")),
        }
        if self.state.tour.tour.is_none() {
            self.state.tour.active = false;
        }
    }

    /// Opens a tour file (menu, editor or `--tour`). A file that does not parse is refused with
    /// its line and the current tour stays; ids or quotes that do not check are listed as
    /// problems, and the tour opens anyway (unknown ids are skipped when shown).
    pub fn open_tour(&mut self, path: &std::path::Path) -> Result<(), String> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| format!("{name}: {e}"))?;
        let tour = Tour::parse(&name, &text).map_err(|e| e.to_string())?;
        for e in crate::model::check::check_tour(&tour, &name, &text, &self.atlas.data) {
            self.problems.push(e.to_string());
        }
        let t = &mut self.state.tour;
        t.slide = if t.path.as_deref() == Some(path) {
            t.slide.min(tour.slides.len().saturating_sub(1))
        } else {
            0
        };
        t.tour = Some(tour);
        t.path = Some(path.to_path_buf());
        t.name = name;
        t.edited = false;
        t.message = None;
        Ok(())
    }

    /// Starts presenting at slide `i` (0-based); `instant` jumps instead of flying (screenshots).
    pub fn start_tour(&mut self, i: usize, instant: bool) {
        if self.state.tour.is_empty() {
            return;
        }
        self.state.tour.active = true;
        self.state.quiz.active = false;
        self.apply_slide(i, instant);
    }

    /// What the current slide highlights, resolved.
    pub fn highlighted(&self) -> &Highlighted {
        &self.highlighted
    }

    /// Shows slide `i`: its date, its highlight (and the first highlighted thing in the side
    /// panel), and its view.
    pub fn apply_slide(&mut self, i: usize, instant: bool) {
        let Some(slide) = self
            .state
            .tour
            .tour
            .as_ref()
            .and_then(|t| t.slides.get(i))
            .cloned()
        else {
            return;
        };
        self.state.tour.slide = i;
        self.state.timeline.playback.playing = false;
        if let Some(t) = slide.time {
            self.set_time(t.date, t.window);
        }
        self.highlighted = self.atlas.resolve_highlight(&slide.highlight);
        let h = &slide.highlight;
        self.state.selection = if let Some(p) = h.provinces.first() {
            Selection::Province(p.clone())
        } else if let Some(e) = h.events.first() {
            Selection::Event(e.clone())
        } else if let Some(x) = h.crossings.first() {
            Selection::Crossing(x.clone())
        } else if let Some(p) = h.places.first() {
            Selection::Place(p.clone())
        } else {
            Selection::None
        };
        self.pending_view = Some((slide.view, instant, 0));
    }

    /// Flies (or jumps) to a pending slide view once the map's size is known.
    fn resolve_view(&mut self, ui: &Ui) {
        if self.state.map.last_transform.is_none() {
            return;
        }
        let Some((view, instant, waited)) = self.pending_view.take() else {
            return;
        };
        // One frame for the new slide's card to be drawn, so its height is known.
        if waited == 0 {
            self.pending_view = Some((view, instant, 1));
            ui.ctx().request_repaint();
            return;
        }
        let target = match &view {
            SlideView::Fit { fit } => self
                .atlas
                .fit_rect(fit)
                .and_then(|r| self.state.map.fitting(r, self.card_height)),
            SlideView::Center { center, zoom } => {
                Some((mercator(geo::coord! { x: center[0], y: center[1] }), *zoom))
            }
        };
        if let Some((c, z)) = target {
            if instant {
                self.state.map.jump_to(c, z);
            } else {
                self.state.map.fly_to(c, z);
            }
        }
    }

    /// A slide made from what is on screen: view, date and selection.
    pub fn slide_from_view(&self) -> Slide {
        let (center, zoom) = self
            .state
            .map
            .current()
            .unwrap_or((self.atlas.home.center(), 6.0));
        let c = crate::spatial::mercator::inverse_mercator(center);
        let round = |v: f64| (v * 1e4).round() / 1e4;
        let f = &self.state.filter.time;
        let mut highlight = crate::model::Highlight::default();
        match &self.state.selection {
            Selection::Province(p) => highlight.provinces.push(p.clone()),
            Selection::Place(p) => highlight.places.push(p.clone()),
            Selection::Event(e) => highlight.events.push(e.clone()),
            Selection::Crossing(x) => highlight.crossings.push(x.clone()),
            Selection::None => {}
        }
        let n = self.state.tour.len() + 1;
        let mut id = format!("slide-{n}");
        let taken = |id: &str| {
            self.state
                .tour
                .tour
                .as_ref()
                .is_some_and(|t| t.slides.iter().any(|s| s.id == id))
        };
        let mut k = n;
        while taken(&id) {
            k += 1;
            id = format!("slide-{k}");
        }
        Slide {
            id,
            title: format!("New slide {n}"),
            narration: String::new(),
            quotes: Vec::new(),
            view: SlideView::Center {
                center: [round(c.x), round(c.y)],
                zoom: (zoom * 100.0).round() / 100.0,
            },
            time: Some(crate::model::SlideTime {
                date: PartialDate::from_day_number(f.day()),
                window: (f.mode == TimeMode::Window).then_some(f.window),
            }),
            highlight,
        }
    }

    fn tour_action(&mut self, action: TourAction) {
        match action {
            TourAction::Go(i) => {
                self.state.tour.active = true;
                self.apply_slide(i, false);
            }
            TourAction::BackToSlide => self.apply_slide(self.state.tour.slide, false),
            TourAction::End => {
                self.state.tour.active = false;
                self.highlighted = Highlighted::default();
            }
            TourAction::AddFromView => {
                let slide = self.slide_from_view();
                let t = &mut self.state.tour;
                let tour = t.tour.get_or_insert_with(|| Tour {
                    title: "My tour".into(),
                    slides: Vec::new(),
                });
                let at = (t.slide + 1).min(tour.slides.len());
                tour.slides.insert(at, slide);
                t.slide = at;
                t.edited = true;
                if t.name.is_empty() {
                    t.name = "new tour".into();
                }
            }
            TourAction::Open(path) => match self.open_tour(&path) {
                Ok(()) => {
                    self.state.tour.message = Some(format!(
                        "Opened {} slides from {}",
                        self.state.tour.len(),
                        path.display()
                    ))
                }
                Err(e) => {
                    self.state.tour.message = Some(format!("Not opened: {e}"));
                    self.problems.push(e);
                }
            },
            TourAction::Save(path) => {
                let result = self
                    .state
                    .tour
                    .tour
                    .as_ref()
                    .ok_or_else(|| "no tour to save".to_string())
                    .and_then(|t| t.save(&path).map_err(|e| e.to_string()));
                let t = &mut self.state.tour;
                t.message = Some(match result {
                    Ok(()) => {
                        t.edited = false;
                        t.path = Some(path.clone());
                        t.name = path.display().to_string();
                        t.overwrite_shipped = false;
                        format!("Saved {} slides to {}", t.len(), path.display())
                    }
                    Err(e) => format!("Not saved: {}: {e}", path.display()),
                });
            }
        }
    }

    /// Tour keys while presenting: arrows, Page Up / Page Down (what presenter clickers send)
    /// and Space turn slides; Esc ends. They are taken before the map and timeline see them.
    fn tour_keys(&mut self, ui: &Ui) {
        use egui::Modifiers;
        if ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::F11)) {
            let full = ui.input(|i| i.viewport().fullscreen.unwrap_or(false));
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Fullscreen(!full));
        }
        if self.state.quiz.active
            && !ui.ctx().memory(|m| m.focused().is_some())
            && ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape))
        {
            self.quiz_action(QuizAction::End);
        }
        if !self.state.tour.active || ui.ctx().memory(|m| m.focused().is_some()) {
            return;
        }
        let (next, prev, end) = ui.input_mut(|i| {
            let mut take = |k| i.consume_key(Modifiers::NONE, k);
            let next = take(Key::ArrowRight) | take(Key::PageDown) | take(Key::Space);
            let prev = take(Key::ArrowLeft) | take(Key::PageUp);
            let end = take(Key::Escape);
            (next, prev, end)
        });
        let i = self.state.tour.slide;
        if next && i + 1 < self.state.tour.len() {
            self.tour_action(TourAction::Go(i + 1));
        }
        if prev && i > 0 {
            self.tour_action(TourAction::Go(i - 1));
        }
        if end {
            self.tour_action(TourAction::End);
        }
    }

    /// Puts the cursor at the end of `date` (a day, month or year), optionally showing only a
    /// window before it, and picks the timeline scale that shows it (`--time`, `--window`).
    pub fn set_time(&mut self, date: PartialDate, window: Option<Window>) {
        let cursor = date.last_day_number() as f64 + 0.5;
        self.state.filter.time.cursor = cursor;
        match window {
            Some(w) => {
                self.state.filter.time.mode = TimeMode::Window;
                self.state.filter.time.window = w;
            }
            None => self.state.filter.time.mode = TimeMode::Cumulative,
        }
        let scales = Scales::of(&self.atlas);
        let axis = scales.for_day(cursor);
        self.state.timeline.axis = Some(axis);
        // A day a second for the crisis, a year a second for the whole story.
        self.state.timeline.playback.speed = if axis == scales.crisis { 1.0 } else { 365.0 };
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

    fn refresh(&mut self) {
        let f = &self.state.filter;
        let key = (
            f.time.day(),
            f.time.first_day(),
            f.hidden_kinds.clone(),
            self.state.shading,
        );
        if self.derived.key.as_ref() == Some(&key) {
            return;
        }
        let visible = self.atlas.visible(f);
        let tallies = self.atlas.province_tallies(&visible);
        let choropleth = choropleth(self.state.shading, &tallies);
        let counter = if self.state.filter.kind_shown(EventKind::Refuge) {
            crossing_counter(&self.atlas.data, &visible)
        } else {
            Counter {
                lines: vec![format!(
                    "crossings hidden: “{}” is unticked in the legend",
                    EventKind::Refuge.label()
                )],
            }
        };
        self.derived = Derived {
            key: Some(key),
            counter,
            fills: Arc::new(choropleth.fills.clone()),
            choropleth,
            visible: Arc::new(visible),
        };
    }

    /// Restores persisted state from eframe's storage, if any.
    pub fn restore(storage: Option<&dyn eframe::Storage>) -> Persisted {
        storage
            .and_then(|s| eframe::get_value(s, STORAGE_KEY))
            .unwrap_or_default()
    }

    /// Renders and saves a PNG to `job.path`, then closes the window.
    pub fn with_screenshot(mut self, job: ScreenshotJob) -> Self {
        self.screenshot = Some(job);
        self.capture_only = true;
        self
    }

    /// Selects a province by ISO code, or anything by id (`--select`).
    pub fn select(&mut self, what: &str) -> Result<(), String> {
        let atlas = &self.atlas;
        let upper = what.to_uppercase();
        self.state.selection = if atlas.data.province(&upper).is_some() {
            Selection::Province(upper)
        } else if atlas.place_index(what).is_some() {
            Selection::Place(what.to_string())
        } else if atlas.data.events.iter().any(|e| e.id == what) {
            Selection::Event(what.to_string())
        } else if atlas.data.crossings.crossings.iter().any(|x| x.id == what) {
            Selection::Crossing(what.to_string())
        } else {
            return Err(format!(
                "--select {what:?}: not a province code (e.g. AF-BDS) nor a place, event or crossing id"
            ));
        };
        Ok(())
    }

    /// The whole UI, without eframe (so tests can drive it with egui_kittest).
    pub fn show(&mut self, ui: &mut Ui) {
        // A light theme matches the paper-like map and reads best on a projector.
        ui.ctx().set_theme(egui::Theme::Light);
        if !self.zoom_applied {
            ui.ctx().set_zoom_factor(self.state.ui_zoom.clamp(0.5, 3.0));
            self.zoom_applied = true;
        }
        self.state.ui_zoom = ui.ctx().zoom_factor();
        self.tour_keys(ui);
        self.resolve_view(ui);
        if ui.input(|i| i.key_pressed(Key::Escape)) {
            self.state.selection = Selection::None;
        }
        let atlas = self.atlas.clone();
        self.state.timeline.keys(ui, &atlas, &mut self.state.filter);
        self.state
            .timeline
            .advance(ui, &atlas, &mut self.state.filter);
        self.refresh();
        egui::Panel::top("menu").show(ui, |ui| self.menu(ui));
        if self.state.panel_open {
            let visible = self.derived.visible.clone();
            egui::Panel::right("details")
                .default_size(390.0)
                .size_range(260.0..=700.0)
                .resizable(true)
                .show(ui, |ui| {
                    ui.add_space(6.0);
                    if let Some(sel) =
                        side_panel::ui(ui, &self.atlas, &self.state.selection, &visible)
                    {
                        self.state.selection = sel;
                    }
                });
        }
        self.state.timeline.hidden_item = match self.state.quiz.current_answer() {
            Some(crate::model::Answer::Date { event, .. })
                if self.state.quiz.active && self.state.quiz.verdict.is_none() =>
            {
                self.atlas
                    .data
                    .events
                    .iter()
                    .position(|e| &e.id == event)
                    .map(crate::atlas::Item::Event)
            }
            _ => None,
        };
        if self.state.timeline_open {
            let visible = self.derived.visible.clone();
            egui::Panel::bottom("timeline")
                .default_size(250.0)
                .size_range(120.0..=600.0)
                .resizable(true)
                .show(ui, |ui| {
                    ui.add_space(4.0);
                    self.state.timeline.ui(
                        ui,
                        &atlas,
                        &mut self.state.filter,
                        &mut self.state.selection,
                        &visible,
                    );
                });
            // The panel may have moved the cursor or changed the kinds.
            self.refresh();
        }
        egui::CentralPanel::no_frame().show(ui, |ui| {
            let playback = self.state.timeline.playback;
            let motion = playback.playing.then(|| Motion {
                cursor: self.state.filter.time.cursor,
                grow_days: (playback.speed * 0.8).max(1e-3),
                time: ui.input(|i| i.time),
            });
            let input = MapInputs {
                atlas: &atlas,
                selection: &self.state.selection,
                visible: &self.derived.visible,
                fills: &self.derived.fills,
                choropleth: &self.derived.choropleth,
                counter: &self.derived.counter,
                motion,
                text_scale: self.state.text_scale,
                highlighted: &self.highlighted,
                annotations: &self.state.drawing.items,
                current_stroke: self
                    .state
                    .drawing
                    .current
                    .clone()
                    .map(|p| (p, self.state.drawing.color, self.state.drawing.width)),
                tool: self.state.drawing.tool,
            };
            let wants_click = self.state.quiz.wants_map_click();
            let sel =
                self.state
                    .map
                    .ui(ui, &input, &mut self.state.filter, &mut self.state.shading);
            if self.state.drawing.tool != Tool::Pan {
                // Drawing: clicks and drags make drawings, they do not select.
                self.draw_on_map();
            } else if wants_click {
                // A quiz question takes the click as its answer.
                if let Some((lon, lat)) = self.state.map.clicked_at {
                    self.quiz_action(QuizAction::Answer(crate::model::Response::Map { lon, lat }));
                }
            } else if let Some(sel) = sel {
                self.state.selection = sel;
            }
        });
        if let Some(t) = self.state.map.last_transform {
            let at = t.rect.left_top() + egui::vec2(10.0, 110.0);
            let (action, _) = crate::ui::draw::palette(ui, &mut self.state.drawing, at);
            if let Some(a) = action {
                self.draw_action(a);
            }
        }
        crate::ui::draw::keys(ui, &mut self.state.drawing);
        self.save_drawings();
        if self.state.quiz.active
            && let Some(t) = self.state.map.last_transform
        {
            let day = self.state.filter.time.day();
            let (action, card) =
                quiz::card(ui, &self.state.quiz, t.rect, self.state.text_scale, day);
            if let Some(card) = card {
                self.card_height = card.bottom() - t.rect.top() + 6.0;
            }
            if let Some(a) = action {
                self.quiz_action(a);
            }
        }
        if self.state.tour.active
            && let Some(t) = self.state.map.last_transform
        {
            let (action, card) =
                tour::presenter(ui, &self.state.tour, t.rect, self.state.text_scale);
            if let Some(card) = card {
                self.card_height = card.bottom() - t.rect.top() + 6.0;
            }
            if let Some(a) = action {
                self.tour_action(a);
            }
        }
        if self.state.tour.editor_open {
            let quote = self.selected_quote();
            let data_dir = match &self.atlas.data.source {
                crate::model::DataSource::Dir(d) => Some(d.clone()),
                crate::model::DataSource::Embedded => None,
            };
            if let Some(a) = tour::editor(
                ui.ctx(),
                &mut self.state.tour,
                quote.as_deref(),
                data_dir.as_deref(),
            ) {
                self.tour_action(a);
            }
        }
        about::ui(ui.ctx(), &mut self.about_open);
        self.problems_window(ui.ctx());
    }

    /// The article sentence of the selected event or crossing (for quoting on a slide).
    fn selected_quote(&self) -> Option<String> {
        let data = &self.atlas.data;
        match &self.state.selection {
            Selection::Event(id) => data
                .events
                .iter()
                .find(|e| &e.id == id)
                .map(|e| e.quote.clone()),
            Selection::Crossing(id) => data
                .crossings
                .crossings
                .iter()
                .find(|x| &x.id == id)
                .map(|x| x.quote.clone()),
            _ => None,
        }
    }

    fn menu(&mut self, ui: &mut Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                ui.label("Export the view as PNG (with legend and credits), for handouts");
                let f = ui.label(egui::RichText::new("File").small());
                ui.text_edit_singleline(&mut self.state.export_path)
                    .labelled_by(f.id);
                let path = self.state.export_path.trim().to_string();
                if ui
                    .add_enabled(!path.is_empty(), egui::Button::new("Export view as PNG"))
                    .clicked()
                {
                    let mut job = ScreenshotJob::new(PathBuf::from(path));
                    job.close_after = false;
                    self.screenshot = Some(job);
                    ui.close();
                }
            });
            ui.menu_button("Quiz", |ui| {
                let n = self.state.quiz.len();
                if ui
                    .add_enabled(n > 0, egui::Button::new(format!("Start the quiz ({n} questions)")))
                    .clicked()
                {
                    self.start_quiz();
                }
                if ui
                    .add_enabled(self.state.quiz.active, egui::Button::new("End quiz (Esc)"))
                    .clicked()
                {
                    self.quiz_action(QuizAction::End);
                }
            });
            ui.menu_button("Tour", |ui| {
                let n = self.state.tour.len();
                if ui
                    .add_enabled(n > 0, egui::Button::new(format!("Present the tour ({n} slides)")))
                    .clicked()
                {
                    let i = self.state.tour.slide;
                    self.start_tour(i, false);
                }
                if ui
                    .add_enabled(self.state.tour.active, egui::Button::new("End tour (Esc)"))
                    .clicked()
                {
                    self.tour_action(TourAction::End);
                }
                if ui.button("Add slide from current view").clicked() {
                    self.tour_action(TourAction::AddFromView);
                    self.state.tour.editor_open = true;
                }
                ui.checkbox(&mut self.state.tour.editor_open, "Tour editor (open, edit, save)");
                ui.label(
                    egui::RichText::new(if self.state.tour.name.is_empty() {
                        "No tour loaded".to_string()
                    } else {
                        self.state.tour.name.clone()
                    })
                    .small()
                    .weak(),
                );
            });
            ui.menu_button("View", |ui| {
                if ui.button("Home: fit Afghanistan").clicked() {
                    self.state.map.needs_home = true;
                }
                if ui.button("Clear selection (Esc)").clicked() {
                    self.state.selection = Selection::None;
                }
                ui.checkbox(&mut self.state.panel_open, "Details panel");
                ui.checkbox(&mut self.state.map.show_legend, "Legend");
                ui.checkbox(&mut self.state.timeline_open, "Timeline");
                ui.separator();
                ui.label("Shade provinces by");
                for s in Shading::ALL {
                    ui.radio_value(&mut self.state.shading, s, s.label());
                }
                ui.separator();
                ui.label("Map text size");
                ui.add(egui::Slider::new(&mut self.state.text_scale, 0.8..=2.0));
                ui.label("Text size (whole window, for projectors; also Ctrl + / Ctrl −)");
                let mut z = ui.ctx().zoom_factor();
                if ui
                    .add(egui::Slider::new(&mut z, 0.8..=2.0).step_by(0.05))
                    .changed()
                {
                    ui.ctx().set_zoom_factor(z);
                }
                if ui.button("Full screen (F11)").clicked() {
                    let full = ui.input(|i| i.viewport().fullscreen.unwrap_or(false));
                    ui.ctx()
                        .send_viewport_cmd(egui::ViewportCommand::Fullscreen(!full));
                }
            });
            ui.menu_button("Help", |ui| {
                ui.label("Drag to pan · wheel or pinch to zoom · arrows pan · +/− zoom · H home · Esc clears");
                ui.label("Timeline: Space plays or pauses · comma / full stop step between events · drag the red cursor · wheel zooms the axis · shift-drag picks a loop range");
                if ui.button("About Event Atlas").clicked() {
                    self.about_open = true;
                }
            });
            ui.separator();
            if let Some(status) = &self.status {
                ui.label(egui::RichText::new(status).small());
                ui.separator();
            }
            ui.label(egui::RichText::new("Event Atlas").strong());
            ui.label(egui::RichText::new(self.atlas.data.article.lines().next().unwrap_or_default()).weak());
        });
    }

    fn problems_window(&mut self, ctx: &egui::Context) {
        if self.problems.is_empty() {
            return;
        }
        let mut open = true;
        egui::Window::new("Problems with the data")
            .open(&mut open)
            .default_width(520.0)
            .show(ctx, |ui| {
                ui.label("The app keeps running on the data that could be read.");
                egui::ScrollArea::vertical()
                    .max_height(300.0)
                    .show(ui, |ui| {
                        for p in &self.problems {
                            ui.label(egui::RichText::new(p).monospace());
                        }
                    });
            });
        if !open {
            self.problems.clear();
        }
    }

    fn screenshot_step(&mut self, ui: &Ui) {
        let Some(job) = &mut self.screenshot else {
            return;
        };
        let shot = job.image.lock().ok().and_then(|mut slot| slot.take());
        if let Some(image) = shot {
            let path = job.path.clone();
            let close_after = job.close_after;
            self.screenshot = None;
            let done = match save_png(&path, &image) {
                Ok(()) => format!("saved {}", path.display()),
                Err(e) => format!("error: cannot save {}: {e}", path.display()),
            };
            if close_after {
                eprintln!("{done}");
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            } else {
                self.status = Some(done);
            }
            return;
        }
        job.frames += 1;
        // A few frames let fonts, layout and the fitted view settle.
        if !job.requested && job.frames >= 6 {
            job.requested = true;
            let slot = job.image.clone();
            let ctx = ui.ctx().clone();
            ui.ctx().request_screenshot(move |image| {
                if let Ok(mut s) = slot.lock() {
                    *s = Some(image);
                }
                ctx.request_repaint();
            });
        }
        ui.ctx().request_repaint();
    }
}

/// Saves an egui image as PNG, atomically.
pub fn save_png(path: &std::path::Path, image: &egui::ColorImage) -> Result<(), String> {
    let [w, h] = image.size;
    let buf: Vec<u8> = image.pixels.iter().flat_map(|c| c.to_array()).collect();
    let mut png = Vec::new();
    let encoder = image::codecs::png::PngEncoder::new(&mut png);
    image::ImageEncoder::write_image(
        encoder,
        &buf,
        w as u32,
        h as u32,
        image::ExtendedColorType::Rgba8,
    )
    .map_err(|e| e.to_string())?;
    crate::model::write_atomic(path, &png).map_err(|e| e.to_string())
}

impl eframe::App for AtlasApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
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
            eframe::set_value(storage, STORAGE_KEY, &self.state);
        }
    }
}
