//! Capturing the window as PNG: `--screenshot` runs and File › Export view as PNG.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use egui::Ui;

use super::AtlasApp;

/// A pending capture: render a few frames, capture, save (and, for `--screenshot`, quit).
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

impl AtlasApp {
    pub(super) fn screenshot_step(&mut self, ui: &Ui) {
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
        if !job.requested && job.frames >= 6 && self.jobs.is_empty() {
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
