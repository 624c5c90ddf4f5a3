//! The eframe app: wires the atlas, the map view and the panels, and keeps what must persist.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use egui::{Color32, Key, Ui};
use serde::{Deserialize, Serialize};

use crate::atlas::Atlas;
use crate::map::choropleth::{Choropleth, Shading, choropleth};
use crate::map::crossings::Motion;
use crate::model::{EventKind, PartialDate};
use crate::timeline::{Counter, Filter, TimeMode, Visible, Window, crossing_counter};
use crate::ui::map_view::{MapInputs, MapView};
use crate::ui::timeline::{Scales, Timeline, story_end};
use crate::ui::{Selection, about, side_panel};

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
    screenshot: Option<ScreenshotJob>,
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
        Self {
            atlas,
            state,
            problems: Vec::new(),
            about_open: false,
            derived: Derived::default(),
            screenshot: None,
            capture_only: false,
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
            };
            if let Some(sel) =
                self.state
                    .map
                    .ui(ui, &input, &mut self.state.filter, &mut self.state.shading)
            {
                self.state.selection = sel;
            }
        });
        about::ui(ui.ctx(), &mut self.about_open);
        self.problems_window(ui.ctx());
    }

    fn menu(&mut self, ui: &mut Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
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
            });
            ui.menu_button("Help", |ui| {
                ui.label("Drag to pan · wheel or pinch to zoom · arrows pan · +/− zoom · H home · Esc clears");
                ui.label("Timeline: Space plays or pauses · comma / full stop step between events · drag the red cursor · wheel zooms the axis · shift-drag picks a loop range");
                if ui.button("About Event Atlas").clicked() {
                    self.about_open = true;
                }
            });
            ui.separator();
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
            self.screenshot = None;
            match save_png(&path, &image) {
                Ok(()) => eprintln!("saved {}", path.display()),
                Err(e) => eprintln!("error: cannot save {}: {e}", path.display()),
            }
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
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
