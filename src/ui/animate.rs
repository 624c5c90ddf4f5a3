//! File › Export animation…: the timeline played over a range of days and recorded frame by
//! frame from the window (legend, counter and credits included), encoded in the background
//! with progress and Cancel. The settings survive a restart.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, TryRecvError, channel};

use egui::{ColorImage, RichText, Ui};
use serde::{Deserialize, Serialize};

use super::Command;
use super::export::PictureSlot;
use crate::atlas::Atlas;
use crate::media::{AnimationWriter, FramePlan, Written};
use crate::model::PartialDate;
use crate::platform::{Job, Poll, SaveTo};

/// Which days an animation covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Span {
    /// The crossings: the period the article's totals count ("the fifth case over the past
    /// fortnight"), else from the first crossing to the last.
    #[default]
    Crossings,
    /// The whole story.
    Whole,
    /// The days typed.
    Custom,
}

/// The export's settings (saved).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AnimationSaved {
    pub span: Span,
    pub from: String,
    pub to: String,
    pub fps: f64,
    /// Story days per second of animation.
    pub speed: f64,
    pub path: String,
}

impl Default for AnimationSaved {
    fn default() -> Self {
        Self {
            span: Span::Crossings,
            from: String::new(),
            to: String::new(),
            fps: 8.0,
            speed: 2.0,
            path: "story.gif".into(),
        }
    }
}

/// What one frame of recording asks of the app.
#[derive(Debug, Clone, PartialEq)]
pub enum RecStep {
    /// Show the map at this day (cumulative), nothing else moving.
    Show(f64),
    /// Waiting for a frame or the encoder.
    Pending,
    /// Finished, failed or cancelled: the message, and whether to quit (`--animate`).
    Done { message: String, close: bool },
}

type Encoded = Result<(), String>;

/// A recording under way: the plan, the frame asked for, the encoder thread fed by a channel.
pub struct Recorder {
    plan: FramePlan,
    next: usize,
    settle: u32,
    requested: bool,
    slot: PictureSlot,
    frames: Option<Sender<Arc<ColorImage>>>,
    receiver: Option<Receiver<Arc<ColorImage>>>,
    to: SaveTo,
    encoder: Option<Job<Encoded>>,
    /// Quit once written (`--animate`).
    pub close_after: bool,
    started: crate::platform::clock::Instant,
    /// When the last picture was asked for.
    asked: crate::platform::clock::Instant,
}

impl Recorder {
    /// A recording of `plan` to `to` (checked for its format; the file opens with the first
    /// frame, whose size sets the animation's).
    pub fn new(plan: FramePlan, to: SaveTo) -> Result<Self, String> {
        let name = to.file_name();
        crate::media::Format::of(std::path::Path::new(&name)).map_err(|e| e.to_string())?;
        let (tx, rx) = channel();
        Ok(Self {
            plan,
            next: 0,
            settle: 0,
            requested: false,
            slot: PictureSlot::default(),
            frames: Some(tx),
            receiver: Some(rx),
            to,
            encoder: None,
            close_after: false,
            started: crate::platform::clock::Instant::now(),
            asked: crate::platform::clock::Instant::now(),
        })
    }

    /// Frames recorded, of how many.
    pub fn progress(&self) -> (usize, usize) {
        (self.next, self.plan.frames())
    }

    /// Stops: the encoder drops its unfinished file.
    pub fn cancel(&mut self) {
        if let Some(job) = &self.encoder {
            job.cancel();
        }
        self.frames = None;
    }

    /// One frame of recording: settle, ask for the picture of the day shown, hand it to the
    /// encoder, show the next day; at the end wait for the file.
    pub fn step(&mut self, ctx: &egui::Context) -> RecStep {
        ctx.request_repaint();
        if let Some(done) = self.encoder_done() {
            return done;
        }
        if self.frames.is_none() {
            if self.encoder.is_none() {
                return self.done("cancelled; nothing was written".into());
            }
            return RecStep::Pending; // all sent (or cancelled): the encoder is finishing
        }
        if self.settle < 4 {
            self.settle += 1;
            return RecStep::Show(self.plan.day(0));
        }
        if self.requested {
            let Some(image) = self.slot.take() else {
                if self.asked.elapsed() > std::time::Duration::from_secs(10) {
                    self.cancel();
                    return self.done("error: the window gave no picture to record".into());
                }
                return RecStep::Pending;
            };
            if let Err(e) = self.send(image) {
                return e;
            }
            self.next += 1;
            if self.next >= self.plan.frames() {
                self.frames = None; // the encoder ends the file
                return RecStep::Pending;
            }
        }
        self.request(ctx);
        RecStep::Show(self.plan.day(self.next))
    }

    /// Asks for the picture of the next pass (which shows the day set now).
    fn request(&mut self, ctx: &egui::Context) {
        self.requested = true;
        self.asked = crate::platform::clock::Instant::now();
        self.slot.request(ctx);
    }

    /// Sends a frame to the encoder, starting it with the first.
    fn send(&mut self, image: Arc<ColorImage>) -> Result<(), RecStep> {
        if self.encoder.is_none() {
            let [w, h] = image.size;
            let (w, h) = (w as u32, h as u32);
            let writer = match &self.to {
                SaveTo::Path(p) => AnimationWriter::create(p, w, h, self.plan),
                SaveTo::Download(name) => AnimationWriter::in_memory(name, w, h, self.plan),
            };
            let writer = writer.map_err(|e| self.done(e.to_string()))?;
            let rx = self
                .receiver
                .take()
                .ok_or_else(|| self.done("no frames".into()))?;
            let job = encoder(writer, rx, self.to.clone());
            self.encoder = Some(job.map_err(|e| self.done(e))?);
        }
        let sender = self.frames.as_ref().ok_or(RecStep::Pending)?;
        sender.send(image).map_err(|_| RecStep::Pending)
    }

    fn done(&self, message: String) -> RecStep {
        RecStep::Done {
            message,
            close: self.close_after,
        }
    }

    /// The encoder's result, once it has one.
    fn encoder_done(&mut self) -> Option<RecStep> {
        let r = match self.encoder.as_ref()?.poll() {
            Poll::Running => return None,
            Poll::Done(r) => r,
            Poll::Lost => Err("the encoder stopped".into()),
        };
        let secs = self.started.elapsed().as_secs_f64();
        let message = match r {
            Ok(()) => format!(
                "{} ({} frames in {secs:.1} s)",
                self.to.done(),
                self.plan.frames()
            ),
            Err(e) => format!("error: animation not saved: {e}"),
        };
        Some(self.done(message))
    }
}

/// The encoder: frames from the channel into the file, one a step, until the channel closes
/// (all sent: finish, and a download is handed over) or Cancel (drop: no file). With threads
/// a step waits a little for the next frame; in the page it looks and gives the page back.
fn encoder(
    writer: AnimationWriter,
    rx: Receiver<Arc<ColorImage>>,
    to: SaveTo,
) -> Result<Job<Encoded>, String> {
    let mut writer = Some(writer);
    Job::sliced("encode animation", move |p| {
        if p.cancelled() {
            return Some(Err("cancelled; nothing was written".into()));
        }
        let next = if crate::platform::ABILITIES.threads {
            rx.recv_timeout(std::time::Duration::from_millis(50))
                .map_err(|e| matches!(e, RecvTimeoutError::Disconnected))
        } else {
            rx.try_recv()
                .map_err(|e| matches!(e, TryRecvError::Disconnected))
        };
        match next {
            Ok(image) => {
                let w = writer.as_mut()?;
                if let Err(e) = w.add(image.as_raw()) {
                    return Some(Err(e.to_string()));
                }
                p.add(1);
                None
            }
            Err(false) => None, // no frame yet
            Err(true) => Some(finish(writer.take()?, &to)),
        }
    })
}

/// Ends the animation: the file in place, or the bytes downloaded.
fn finish(writer: AnimationWriter, to: &SaveTo) -> Encoded {
    match writer.finish().map_err(|e| e.to_string())? {
        Written::File(_) => Ok(()),
        Written::Bytes(bytes) => to.save(&bytes),
    }
}

/// The crossings' days, the whole story's, or the typed ones, as (first day, day after last).
pub fn span_days(atlas: &Atlas, s: &AnimationSaved) -> Result<(f64, f64), String> {
    match s.span {
        Span::Crossings => {
            let c = &atlas.data.crossings;
            let days: Vec<(i64, i64)> = if c.totals.is_empty() {
                let end = |x: &crate::model::Crossing| x.end_date.unwrap_or(x.date);
                let span = |x: &crate::model::Crossing| {
                    (x.date.first_day_number(), end(x).last_day_number())
                };
                c.crossings.iter().map(span).collect()
            } else {
                let span =
                    |t: &crate::model::Total| (t.start.first_day_number(), t.end.last_day_number());
                c.totals.iter().map(span).collect()
            };
            let lo = days.iter().map(|d| d.0).min();
            let hi = days.iter().map(|d| d.1).max();
            match (lo, hi) {
                (Some(lo), Some(hi)) => Ok((lo as f64, hi as f64 + 1.0)),
                _ => Err("the story has no crossings: choose another range".into()),
            }
        }
        Span::Whole => {
            let (lo, hi) = atlas.time.span().ok_or("the story has no dated events")?;
            Ok((lo as f64, hi as f64 + 1.0))
        }
        Span::Custom => {
            let parse = |t: &str, what: &str| {
                t.trim()
                    .parse::<PartialDate>()
                    .map_err(|e| format!("{what} {t:?}: {e} (write YYYY-MM-DD)"))
            };
            let from = parse(&s.from, "from")?.first_day_number();
            let to = parse(&s.to, "to")?.last_day_number();
            Ok((from as f64, to as f64 + 1.0))
        }
    }
}

/// A plan for the settings, refused if the range shows no event or crossing.
pub fn plan_for(atlas: &Atlas, s: &AnimationSaved) -> Result<FramePlan, String> {
    let (lo, hi) = span_days(atlas, s)?;
    let plan = FramePlan::new(lo, hi, s.fps, s.speed).map_err(|e| e.to_string())?;
    let any = atlas
        .time
        .entries()
        .iter()
        .any(|e| (e.timing.start as f64) < hi && (e.timing.end as f64) >= lo);
    if !any {
        let day = |d: f64| PartialDate::from_day_number(d as i64).human();
        return Err(format!(
            "no event or crossing between {} and {}: nothing would move",
            day(lo),
            day(hi - 1.0)
        ));
    }
    Ok(plan)
}

/// The export window: the range, frames per second, speed, the file, and Record. (While
/// recording the window is hidden; the title tells the progress and Esc cancels.)
pub fn window(ctx: &egui::Context, atlas: &Atlas, s: &mut AnimationSaved) -> Vec<Command> {
    let mut open = true;
    let mut commands = Vec::new();
    egui::Window::new("Export animation")
        .open(&mut open)
        .collapsible(false)
        .show(ctx, |ui| {
            settings(ui, atlas, s);
            commands.extend(start_button(ui, atlas, s));
        });
    if !open {
        commands.push(Command::Close(super::WindowId::ExportAnimation));
    }
    commands
}

/// The range, the pace and the file.
fn settings(ui: &mut Ui, atlas: &Atlas, s: &mut AnimationSaved) {
    ui.label("The timeline playing over a range of days, as the map shows it, legend and credits included.");
    let day = |d: f64| PartialDate::from_day_number(d as i64).human();
    for (span, name) in [
        (Span::Crossings, "The crossings"),
        (Span::Whole, "The whole story"),
    ] {
        let probe = AnimationSaved { span, ..s.clone() };
        let text = match span_days(atlas, &probe) {
            Ok((lo, hi)) => format!("{name}: {} to {}", day(lo), day(hi - 1.0)),
            Err(_) => format!("{name} (none)"),
        };
        ui.radio_value(&mut s.span, span, text);
    }
    ui.horizontal(|ui| {
        let from = ui.radio_value(&mut s.span, Span::Custom, "From");
        let edit = egui::TextEdit::singleline(&mut s.from)
            .hint_text("2021-06-20")
            .desired_width(90.0);
        ui.add(edit).labelled_by(from.id);
        let to = ui.label("to");
        let edit = egui::TextEdit::singleline(&mut s.to)
            .hint_text("2021-07-06")
            .desired_width(90.0);
        ui.add(edit).labelled_by(to.id);
    });
    ui.horizontal(|ui| {
        let fps = ui.label("Frames per second");
        let value = egui::DragValue::new(&mut s.fps)
            .range(1.0..=30.0)
            .speed(0.2);
        ui.add(value).labelled_by(fps.id);
        let speed = ui.label("Story days per second");
        let value = egui::DragValue::new(&mut s.speed)
            .range(0.01..=3650.0)
            .speed(0.1);
        ui.add(value).labelled_by(speed.id);
    });
    ui.label(
        RichText::new("The window's size is the animation's: resize it first (or use --size).")
            .small()
            .weak(),
    );
    ui.horizontal(|ui| {
        let f = ui.label(if crate::platform::ABILITIES.paths {
            "File (.gif, or .png for an animated PNG)"
        } else {
            "File name (.gif or .png)"
        });
        ui.text_edit_singleline(&mut s.path).labelled_by(f.id);
    });
}

fn start_button(ui: &mut Ui, atlas: &Atlas, s: &AnimationSaved) -> Vec<Command> {
    let plan = plan_for(atlas, s);
    match &plan {
        Ok(p) => ui.label(format!(
            "{} frames, {:.1} s",
            p.frames(),
            p.frames() as f64 / p.fps
        )),
        Err(e) => ui.colored_label(egui::Color32::from_rgb(0xA0, 0x20, 0x20), e),
    };
    let ok = plan.is_ok() && !s.path.trim().is_empty();
    if ui.add_enabled(ok, egui::Button::new("Record")).clicked()
        && let Ok(plan) = plan
    {
        return vec![Command::RecordAnimation {
            plan,
            to: SaveTo::typed(&s.path),
        }];
    }
    Vec::new()
}
