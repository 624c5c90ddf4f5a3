//! The eframe app: wires the atlas, the map view and the panels, and keeps what must persist.
//!
//! The classroom parts live beside it: [`presenting`] (tours: presenting and writing), [`quizzing`],
//! [`drawings`] (the pen and pins) and [`screenshot`] (PNG handouts).

pub mod article;
mod drawings;
pub mod importing;
mod presenting;
mod quizzing;
mod screenshot;

pub use screenshot::{ScreenshotJob, save_png};

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

use egui::{Color32, Key, Ui};
use serde::{Deserialize, Serialize};

use crate::atlas::{Atlas, Highlighted};
use crate::map::choropleth::{Choropleth, Shading, choropleth};
use crate::map::crossings::Motion;
use crate::model::{EventKind, PartialDate, SlideView};
use crate::timeline::{Counter, Filter, TimeMode, Visible, Window, crossing_counter};
use crate::ui::draw::{Drawing, Tool};
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
    /// Data files the user opened (read again at start), with their filters.
    pub layers: Vec<importing::SavedLayer>,
    /// The basemap: offline (default), online tiles, or a PMTiles file.
    pub basemap: crate::map::tiles::Basemap,
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
            layers: Vec::new(),
            basemap: crate::map::tiles::Basemap::Offline,
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
    /// Imports running in the background.
    pub jobs: Vec<importing::ImportJob>,
    /// Opened data files, drawn as layers.
    pub layers: Vec<importing::OpenLayer>,
    /// The imported cluster listed in the side panel.
    pub picked: Option<crate::map::imported::ClusterHit>,
    /// The Layers window.
    pub layers_open: bool,
    /// Typed path in the Layers window.
    pub open_path: String,
    /// A file dialog waiting for the user: for opening (None) or exporting layer `i`.
    dialog: Option<(
        importing::DialogFor,
        std::sync::mpsc::Receiver<Option<PathBuf>>,
    )>,
    /// Which layers the timeline's density strip was built from.
    days_key: Option<Vec<usize>>,
    /// File › Open article: the text geocoded, and its window.
    pub article: Option<article::ArticleState>,
    pub article_open: bool,
    pub article_path: String,
    /// File › Export view as PNG… window.
    pub png_export_open: bool,
    /// The gazetteer, loaded when an article is first opened.
    gazetteer: Option<Vec<crate::model::GazetteerEntry>>,
    /// Raster tiles for a non-offline basemap, started on first use.
    pub tiles: Option<crate::map::tiles::TileLayer>,
    /// Disk cache for HTTP tiles (none in tests and screenshots).
    pub tile_cache: Option<PathBuf>,
    /// Typed path of a PMTiles file (View › Basemap).
    pub pmtiles_path: String,
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
            jobs: Vec::new(),
            layers: Vec::new(),
            picked: None,
            layers_open: false,
            open_path: String::new(),
            dialog: None,
            days_key: None,
            article: None,
            article_open: false,
            article_path: String::new(),
            gazetteer: None,
            png_export_open: false,
            tiles: None,
            tile_cache: None,
            pmtiles_path: String::new(),
        };
        app.load_tour();
        app.load_quiz();
        app
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
        self.take_dropped_files(ui.ctx());
        self.poll_imports(ui.ctx());
        self.poll_dialog();
        self.timeline_days();
        egui::Panel::top("menu").show(ui, |ui| self.menu(ui));
        if self.state.panel_open {
            let visible = self.derived.visible.clone();
            // Narrower by default in small windows (a projector at 1024×768).
            let width = (ui.available_width() * 0.28).clamp(260.0, 390.0);
            egui::Panel::right("details")
                .default_size(width)
                .size_range(260.0..=700.0)
                .resizable(true)
                .show(ui, |ui| {
                    ui.add_space(6.0);
                    if self.picked_panel(ui) {
                        return;
                    }
                    if let Some(sel) =
                        side_panel::ui(ui, &self.atlas, &self.state.selection, &visible)
                    {
                        self.state.selection = sel;
                    }
                    self.province_imports(ui);
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
            let imported = self.layer_draws();
            self.update_tiles(ui.ctx());
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
                imported,
                picked: self.picked,
                tile_credit: self
                    .tiles
                    .as_ref()
                    .filter(|t| !t.failed)
                    .map(|t| t.credit.clone()),
            };
            let wants_click = self.state.quiz.wants_map_click();
            let sel = self.state.map.ui(
                ui,
                &input,
                &mut self.state.filter,
                &mut self.state.shading,
                self.tiles.as_mut().filter(|t| !t.failed),
            );
            let tool = self.state.drawing.tool;
            if tool != Tool::Pan {
                // Drawing: the pen takes drags, the pin takes clicks; neither selects.
                self.draw_on_map();
            }
            if wants_click && tool != Tool::Pin {
                // A quiz question takes the click as its answer (even with the pen in hand).
                if let Some((lon, lat)) = self.state.map.clicked_at {
                    self.quiz_action(QuizAction::Answer(crate::model::Response::Map { lon, lat }));
                }
            } else if tool == Tool::Pan
                && let Some(c) = self.state.map.clicked_cluster
            {
                self.picked = Some(c);
                self.state.panel_open = true;
            } else if tool == Tool::Pan
                && let Some(sel) = sel
            {
                self.picked = None;
                self.state.selection = sel;
            }
        });
        if let Some(t) = self.state.map.last_transform {
            let at = t.rect.right_top() + egui::vec2(-10.0, 10.0);
            let (action, palette) = crate::ui::draw::palette(ui, &mut self.state.drawing, at);
            self.state.map.add_obstacle(palette);
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
                self.state.map.add_obstacle(card);
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
                self.state.map.add_obstacle(card);
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
        about::ui(ui.ctx(), &mut self.about_open, &self.atlas.data.story);
        self.layers_window(ui.ctx());
        self.article_window(ui.ctx());
        self.png_export_window(ui.ctx());
        self.drop_hint(ui.ctx());
        self.problems_window(ui.ctx());
    }

    fn menu(&mut self, ui: &mut Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui.button("Open data file (ACLED, UCDP GED, GeoJSON)…").clicked() {
                    self.browse_open();
                    ui.close();
                }
                if ui.button("Open article (find its places)…").clicked() {
                    self.article_open = true;
                    ui.close();
                }
                if ui.button("Layers…").clicked() {
                    self.layers_open = true;
                    ui.close();
                }
                ui.separator();
                // The file name is typed in a small window: a click in a menu closes the menu.
                if ui
                    .button("Export view as PNG…")
                    .on_hover_text("The map as shown, with legend and credits, for handouts")
                    .clicked()
                {
                    self.png_export_open = true;
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
                if ui.button("Home: the story's view (H)").clicked() {
                    self.state.map.needs_home = true;
                }
                if ui.button("Clear selection (Esc)").clicked() {
                    self.state.selection = Selection::None;
                }
                ui.checkbox(&mut self.state.panel_open, "Details panel");
                ui.checkbox(&mut self.state.map.show_legend, "Legend");
                ui.checkbox(&mut self.state.timeline_open, "Timeline");
                ui.separator();
                ui.label("Basemap");
                let mut basemap = self.state.basemap.clone();
                ui.radio_value(&mut basemap, crate::map::tiles::Basemap::Offline, "Offline map (built in)");
                ui.radio_value(&mut basemap, crate::map::tiles::Basemap::osm(), "OpenStreetMap tiles (online)");
                let pm = matches!(basemap, crate::map::tiles::Basemap::PmTiles { .. });
                if ui
                    .radio(pm, "Local PMTiles file (raster)…")
                    .on_hover_text("Choose the file in File › Layers…")
                    .clicked()
                {
                    self.layers_open = true;
                    ui.close();
                }
                if basemap != self.state.basemap {
                    self.state.basemap = basemap;
                }
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

    /// File › Export view as PNG…: where to save, then the capture (this window closes first,
    /// so it is not in the picture).
    fn png_export_window(&mut self, ctx: &egui::Context) {
        if !self.png_export_open {
            return;
        }
        let mut open = true;
        let mut export = false;
        egui::Window::new("Export view as PNG")
            .open(&mut open)
            .collapsible(false)
            .show(ctx, |ui| {
                ui.label("The map as shown, with legend and credits, for handouts.");
                ui.horizontal(|ui| {
                    let f = ui.label("File");
                    let edit = ui
                        .text_edit_singleline(&mut self.state.export_path)
                        .labelled_by(f.id);
                    let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                    let ok = !self.state.export_path.trim().is_empty();
                    if (ui.add_enabled(ok, egui::Button::new("Export")).clicked() || enter) && ok {
                        export = true;
                    }
                });
            });
        if export {
            let mut job = ScreenshotJob::new(PathBuf::from(self.state.export_path.trim()));
            job.close_after = false;
            self.screenshot = Some(job);
            open = false;
        }
        self.png_export_open = open;
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
