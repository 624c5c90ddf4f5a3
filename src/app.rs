//! The eframe app: wires the atlas, the map view and the panels, and keeps what must persist.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use egui::{Key, Ui};
use serde::{Deserialize, Serialize};

use crate::atlas::Atlas;
use crate::ui::map_view::MapView;
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
}

impl Default for Persisted {
    fn default() -> Self {
        Self {
            map: MapView::default(),
            selection: Selection::None,
            text_scale: 1.0,
            panel_open: true,
        }
    }
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
    with_events: Arc<HashSet<usize>>,
    screenshot: Option<ScreenshotJob>,
    /// A one-off capture run: never overwrite the user's saved state.
    capture_only: bool,
}

impl AtlasApp {
    /// An app over `atlas` with the given (restored or fresh) state.
    pub fn new(atlas: Arc<Atlas>, state: Persisted) -> Self {
        let with_events = (0..atlas.data.provinces.len())
            .filter(|&i| {
                !atlas
                    .items_in_province(&atlas.data.provinces[i].iso)
                    .is_empty()
            })
            .collect();
        Self {
            atlas,
            state,
            problems: Vec::new(),
            about_open: false,
            with_events: Arc::new(with_events),
            screenshot: None,
            capture_only: false,
        }
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
        egui::Panel::top("menu").show(ui, |ui| self.menu(ui));
        if self.state.panel_open {
            egui::Panel::right("details")
                .default_size(390.0)
                .size_range(260.0..=700.0)
                .resizable(true)
                .show(ui, |ui| {
                    ui.add_space(6.0);
                    if let Some(sel) = side_panel::ui(ui, &self.atlas, &self.state.selection) {
                        self.state.selection = sel;
                    }
                });
        }
        egui::CentralPanel::no_frame().show(ui, |ui| {
            let atlas = self.atlas.clone();
            let with_events = self.with_events.clone();
            let scale = self.state.text_scale;
            if let Some(sel) =
                self.state
                    .map
                    .ui(ui, &atlas, &self.state.selection, &with_events, scale)
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
                ui.separator();
                ui.label("Map text size");
                ui.add(egui::Slider::new(&mut self.state.text_scale, 0.8..=2.0));
            });
            ui.menu_button("Help", |ui| {
                ui.label("Drag to pan · wheel or pinch to zoom · arrows pan · +/− zoom · H home · Esc clears");
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

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if !self.capture_only {
            eframe::set_value(storage, STORAGE_KEY, &self.state);
        }
    }
}
