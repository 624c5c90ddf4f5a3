//! The presenter view: a second window (an egui viewport) for the teacher's laptop with the
//! narration, the quotes, the next slide's title, the time since the tour began and the
//! controls, while the projector's window shows only the map and the slide's title. Both
//! windows take the clicker's keys.

use egui::{RichText, Ui, ViewportBuilder, ViewportId};

use super::Tours;
use crate::ui::Command;

impl Tours {
    /// Shows the presenter window while presenting with it switched on; returns what its
    /// buttons and keys ask for. Closing the window switches it off.
    /// `status`: the days shown and the crossing counter, which the projector leaves out.
    pub fn presenter_window(&mut self, ctx: &egui::Context, status: &[String]) -> Vec<Command> {
        if !(self.saved.active && self.presenter) {
            return Vec::new();
        }
        let now = ctx.input(|i| i.time);
        let started = *self.started_at.get_or_insert(now);
        let builder = ViewportBuilder::default()
            .with_title("Presenter view — Event Atlas")
            .with_inner_size([560.0, 680.0]);
        let id = ViewportId::from_hash_of("event-atlas-presenter");
        let (commands, closed) = ctx.show_viewport_immediate(id, builder, |ui, class| {
            let closed = ui.input(|i| i.viewport().close_requested());
            let mut commands = self.keys(ui);
            let mut contents = |ui: &mut Ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    commands.extend(self.presenter_contents(ui, now - started, status));
                });
            };
            if class == egui::ViewportClass::EmbeddedWindow {
                contents(ui); // drawn inside a window of the main one (tests, the web)
            } else {
                egui::CentralPanel::default().show(ui, contents);
            }
            (commands, closed)
        });
        if closed {
            self.presenter = false;
        }
        // The elapsed time ticks.
        ctx.request_repaint_after(std::time::Duration::from_millis(500));
        commands
    }

    /// Slide number and time, title, narration, quotes, what comes next, the buttons.
    fn presenter_contents(&self, ui: &mut Ui, elapsed: f64, status: &[String]) -> Vec<Command> {
        let (Some(slide), n) = (self.current(), self.len()) else {
            return Vec::new();
        };
        let i = self.saved.slide;
        let secs = elapsed.max(0.0) as u64;
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("Slide {} of {n}", i + 1)).strong());
            ui.separator();
            ui.label(format!("{}:{:02} since the start", secs / 60, secs % 60));
        });
        ui.heading(RichText::new(&slide.title).size(24.0));
        if !slide.narration.is_empty() {
            ui.label(RichText::new(&slide.narration).size(18.0));
        }
        for q in &slide.quotes {
            let quote = RichText::new(format!("“{q}”")).italics().size(16.0);
            ui.label(quote.color(crate::ui::theme::QUOTE));
        }
        ui.separator();
        let next = self
            .slide(i + 1)
            .map_or("(the last slide)", |s| s.title.as_str());
        ui.label(RichText::new(format!("Next: {next}")).size(16.0));
        ui.add_space(6.0);
        let commands = super::card::buttons(ui, i, n);
        ui.separator();
        for line in status {
            ui.label(RichText::new(line).size(14.0));
        }
        ui.label(
            RichText::new("Close this window to present in one window again.")
                .small()
                .weak(),
        );
        commands
    }
}
