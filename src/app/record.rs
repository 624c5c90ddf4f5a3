//! Recording an animation (File › Export animation…, `--animate`): while it runs the window
//! shows only the map, with its legend, counter and credits, the title tells the progress, and
//! Esc cancels.

use std::path::PathBuf;

use super::AtlasApp;
use crate::media::FramePlan;
use crate::timeline::TimeMode;
use crate::ui::animate::{RecStep, Recorder};
use crate::ui::{Command, WindowId};

impl AtlasApp {
    /// Whether the window shows its menus, panels and tools: not while it is the projector's
    /// (presenter view) or being recorded.
    pub fn chrome(&self) -> bool {
        !self.projecting() && self.recorder.is_none()
    }

    /// Starts recording `plan` to `path`; `close_after` quits when written (`--animate`).
    pub fn start_recording(&mut self, plan: FramePlan, path: PathBuf, close_after: bool) {
        match Recorder::new(plan, path) {
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
        if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            r.cancel();
        }
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
                self.title.clear(); // the story's title comes back
                if close {
                    eprintln!("{message}");
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                } else if message.starts_with("error") {
                    self.apply(Command::Problem(message));
                } else {
                    self.status = Some(message);
                }
            }
        }
    }
}
