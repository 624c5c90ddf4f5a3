//! Recording an animation (File › Export animation…, `--animate`): while it runs the window
//! shows only the map, with its legend, counter and credits, the title tells the progress, and
//! Esc cancels.

use super::AtlasApp;
use crate::media::FramePlan;
use crate::platform::SaveTo;
use crate::timeline::TimeMode;
use crate::ui::animate::{RecStep, Recorder};
use crate::ui::handout::{HandoutJob, HandoutStep, handout_of};
use crate::ui::{Command, WindowId};

impl AtlasApp {
    /// Whether the window shows its menus, panels and tools: not while it is the projector's
    /// (presenter view) or being recorded.
    pub fn chrome(&self) -> bool {
        !self.projecting() && self.recorder.is_none() && self.handout.is_none()
    }

    /// Starts a handout to `to`: pictures each slide's map, then writes; `close_after` quits
    /// when written (`--handout`).
    pub fn start_handout(&mut self, to: SaveTo, close_after: bool) {
        if self.tours.is_empty() && self.quizzes.is_empty() {
            let e = "nothing to print: the story has no tour and no quiz".to_string();
            if close_after {
                eprintln!("error: {e}");
            }
            self.apply(Command::Problem(e));
            return;
        }
        let mut job = HandoutJob::new(to, self.tours.len());
        job.close_after = close_after;
        job.resume = self.tours.saved.active.then_some(self.tours.saved.slide);
        job.slide_before = self.tours.saved.slide;
        self.handout = Some(job);
        self.windows.remove(&WindowId::ExportHandout);
    }

    /// One frame of a handout: show a slide, picture it, write, report.
    pub(super) fn handout_step(&mut self, ui: &egui::Ui) {
        let Some(job) = &mut self.handout else {
            return;
        };
        let (done, total) = job.progress();
        let title = format!("Handout: slide {done} of {total} (Esc cancels) — Event Atlas");
        ui.ctx()
            .send_viewport_cmd(egui::ViewportCommand::Title(title));
        match job.step(ui.ctx()) {
            HandoutStep::Show(i) => self.start_tour(i, true),
            HandoutStep::Pending => {}
            HandoutStep::Write => {
                let pictures = std::mem::take(&mut job.pictures);
                let h = handout_of(
                    &self.atlas,
                    self.tours.tour.as_ref(),
                    self.quizzes.quiz.as_ref(),
                    pictures,
                );
                job.write(h);
            }
            HandoutStep::Done { message, close } => {
                let (resume, before) = (job.resume, job.slide_before);
                self.handout = None;
                self.finish_capture(message, close);
                if close {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
                match resume {
                    Some(i) => self.start_tour(i, true),
                    None => {
                        self.end_tour();
                        // "Present the tour" goes on from where the teacher was, not the
                        // handout's last slide.
                        self.tours.saved.slide = before.min(self.tours.len().saturating_sub(1));
                    }
                }
            }
        }
    }

    /// The end of a recording or a handout: the title back, the message given, or quit.
    fn finish_capture(&mut self, message: String, close: bool) {
        self.title.clear(); // the story's title comes back
        if close {
            eprintln!("{message}");
        } else if message.starts_with("error") {
            self.apply(Command::Problem(message));
        } else {
            self.status = Some(message);
        }
    }

    /// Esc during a recording or a handout cancels it (before the tour or the selection can
    /// take the key).
    pub(super) fn capture_keys(&mut self, ui: &egui::Ui) {
        if self.recorder.is_none() && self.handout.is_none() {
            return;
        }
        if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)) {
            if let Some(r) = &mut self.recorder {
                r.cancel();
            }
            if let Some(h) = &mut self.handout {
                h.cancel();
            }
        }
    }

    /// Starts recording `plan` to `path`; `close_after` quits when written (`--animate`).
    pub fn start_recording(&mut self, plan: FramePlan, to: SaveTo, close_after: bool) {
        match Recorder::new(plan, to) {
            Ok(mut r) => {
                r.close_after = close_after;
                self.recorder = Some(r);
                self.timeline.playing = false;
                self.windows.remove(&WindowId::ExportAnimation);
            }
            Err(e) => self.apply(Command::Problem(e)),
        }
    }

    /// One frame of a recording: show the day asked for, report the end.
    pub(super) fn record_step(&mut self, ui: &egui::Ui) {
        let Some(r) = &mut self.recorder else {
            return;
        };
        let (done, total) = r.progress();
        let step = r.step(ui.ctx());
        let title = format!("Recording {done} of {total} (Esc cancels) — Event Atlas");
        ui.ctx()
            .send_viewport_cmd(egui::ViewportCommand::Title(title));
        match step {
            RecStep::Show(day) => {
                let time = &mut self.timeline.saved.filter.time;
                time.mode = TimeMode::Cumulative;
                time.cursor = day;
                self.timeline.playing = false;
                self.refresh();
            }
            RecStep::Pending => {}
            RecStep::Done { message, close } => {
                self.recorder = None;
                self.finish_capture(message, close);
                if close {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
        }
    }
}
