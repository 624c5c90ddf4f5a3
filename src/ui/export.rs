//! Pictures of the window: File › Export view as PNG (a small window asks where), and the
//! `--screenshot` runs. The capture is taken once the window has settled, and encoded and
//! written off the UI thread, atomically.

use std::sync::{Arc, Mutex};

use egui::{Key, Ui};

use super::{Command, WindowId};
use crate::platform::{Job, Poll, SaveTo};

/// Where a picture of the window lands when the integration has read it back (a PNG export,
/// an animation's frame, a handout's map).
#[derive(Clone, Default)]
pub struct PictureSlot(Arc<Mutex<Option<Arc<egui::ColorImage>>>>);

impl PictureSlot {
    /// Asks for a picture of the next frame drawn; it lands here, and a repaint follows.
    pub fn request(&self, ctx: &egui::Context) {
        let slot = self.0.clone();
        let repaint = ctx.clone();
        ctx.request_screenshot(move |image| {
            if let Ok(mut s) = slot.lock() {
                *s = Some(image);
            }
            repaint.request_repaint();
        });
    }

    /// The picture, once it has come.
    pub fn take(&self) -> Option<Arc<egui::ColorImage>> {
        self.0.lock().ok().and_then(|mut s| s.take())
    }
}

/// A pending capture: render a few frames, capture, save (and, for `--screenshot`, quit).
pub struct ScreenshotJob {
    /// Where the PNG goes (a path, or a download in the browser).
    pub to: SaveTo,
    /// Quit once saved (`--screenshot`), or keep running (File › Export view as PNG).
    pub close_after: bool,
    requested: bool,
    frames: u32,
    /// Filled by the integration once the pixels are read back.
    image: PictureSlot,
    saving: Option<Job<Result<(), String>>>,
}

/// What a capture step came to.
pub enum Shot {
    /// Still settling, capturing or saving.
    Pending,
    /// Saved, or failed, with the message to give.
    Done { message: String, close: bool },
}

impl ScreenshotJob {
    /// Captures to `to` once the window has settled.
    pub fn new(to: SaveTo) -> Self {
        Self {
            to,
            close_after: true,
            requested: false,
            frames: 0,
            image: PictureSlot::default(),
            saving: None,
        }
    }

    /// One frame of the capture: wait for the window to settle (and for `busy` work such as
    /// imports), ask for the pixels, save them in the background, report.
    pub fn step(&mut self, ui: &Ui, busy: bool) -> Shot {
        ui.ctx().request_repaint();
        if let Some(job) = &self.saving {
            let r = match job.poll() {
                Poll::Running => return Shot::Pending,
                Poll::Done(r) => r,
                Poll::Lost => Err("the save stopped".into()),
            };
            let message = match r {
                Ok(()) => self.to.done(),
                Err(e) => format!("error: cannot save {}: {e}", self.to),
            };
            return Shot::Done {
                message,
                close: self.close_after,
            };
        }
        let shot = self.image.take();
        if let Some(image) = shot {
            let to = self.to.clone();
            let save = move |_: &_| png_bytes(&image).and_then(|png| to.save(&png));
            match Job::spawn("save png", save) {
                Ok(job) => self.saving = Some(job),
                Err(e) => {
                    return Shot::Done {
                        message: e,
                        close: self.close_after,
                    };
                }
            }
            return Shot::Pending;
        }
        self.frames += 1;
        // A few frames let fonts, layout and the fitted view settle.
        if !self.requested && self.frames >= 6 && !busy {
            self.requested = true;
            self.image.request(ui.ctx());
        }
        Shot::Pending
    }
}

/// An egui image as PNG.
pub fn png_bytes(image: &egui::ColorImage) -> Result<Vec<u8>, String> {
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
    Ok(png)
}

/// File › Export view as PNG…: where to save, then the capture (this window closes first, so
/// it is not in the picture). `path` is the typed file name (it survives a restart).
pub fn window(ctx: &egui::Context, path: &mut String) -> Vec<Command> {
    let mut open = true;
    let mut export = false;
    egui::Window::new("Export view as PNG")
        .open(&mut open)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.label("The map as shown, with legend and credits, for handouts.");
            ui.horizontal(|ui| {
                let (label, button) = save_words("Export");
                let f = ui.label(label);
                let edit = ui.text_edit_singleline(path).labelled_by(f.id);
                let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                let ok = !path.trim().is_empty();
                if (ui.add_enabled(ok, egui::Button::new(button)).clicked() || enter) && ok {
                    export = true;
                }
            });
        });
    let mut commands = Vec::new();
    if export {
        commands.push(Command::ExportPng(SaveTo::typed(path)));
    }
    if export || !open {
        commands.push(Command::Close(WindowId::ExportPng));
    }
    commands
}

/// The words of a save row: "File" and `verb` where files have paths; "File name" and
/// "Download" in the browser, where the file goes to the downloads.
pub fn save_words(verb: &'static str) -> (&'static str, &'static str) {
    if crate::platform::ABILITIES.paths {
        ("File", verb)
    } else {
        ("File name", "Download")
    }
}
