//! The slide card over the map while presenting: number, progress, title, narration, quotes,
//! and the buttons a teacher needs.

use egui::{Rect, RichText, Ui};

use super::Tours;
use crate::ui::Command;
use crate::ui::card::{CardStyle, map_card};

/// Compact, beside the Home and zoom buttons, so the map keeps most of a projector's screen.
const STYLE: CardStyle = CardStyle {
    width: (0.38, 300.0, 600.0),
    fill: crate::ui::theme::TOUR_CARD,
    left: Some(90.0),
};

impl Tours {
    /// The card over `map` (the map's screen rectangle); returns what was clicked and where
    /// the card was drawn.
    pub fn card(&self, ui: &Ui, map: Rect, scale: f32) -> (Vec<Command>, Option<Rect>) {
        let (Some(tour), Some(slide)) = (self.tour.as_ref(), self.current()) else {
            return (Vec::new(), None);
        };
        let (i, n) = (self.saved.slide, tour.slides.len());
        let (commands, rect) = map_card(ui, "tour-card", map, STYLE, |ui| {
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(format!("Slide {} of {n}", i + 1))
                        .size(12.0 * scale)
                        .weak(),
                );
                ui.add(
                    egui::ProgressBar::new((i + 1) as f32 / n.max(1) as f32)
                        .desired_width(120.0)
                        .desired_height(6.0),
                );
            });
            // Sizes read from the back of a classroom.
            if self.presenter {
                // The narration and the buttons are on the teacher's screen.
                ui.label(RichText::new(&slide.title).strong().size(28.0 * scale));
                return Vec::new();
            }
            ui.label(RichText::new(&slide.title).strong().size(24.0 * scale));
            if !slide.narration.is_empty() {
                ui.label(RichText::new(&slide.narration).size(17.0 * scale));
            }
            for q in &slide.quotes {
                let color = crate::ui::theme::QUOTE;
                ui.label(
                    RichText::new(format!("“{q}”"))
                        .italics()
                        .size(15.0 * scale)
                        .color(color),
                );
            }
            ui.add_space(4.0);
            buttons(ui, i, n)
        });
        (commands, Some(rect))
    }
}

/// Previous, next, back to the slide's view, end: on the card and in the presenter view.
pub(super) fn buttons(ui: &mut Ui, i: usize, n: usize) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.horizontal(|ui| {
        let go = |slide| Command::StartTour {
            slide,
            instant: false,
        };
        if ui
            .add_enabled(i > 0, egui::Button::new("< Previous slide"))
            .on_hover_text("Left arrow or Page Up")
            .clicked()
        {
            commands.push(go(i - 1));
        }
        if ui
            .add_enabled(i + 1 < n, egui::Button::new("Next slide >"))
            .on_hover_text("Right arrow, Page Down or Space")
            .clicked()
        {
            commands.push(go(i + 1));
        }
        if ui
            .button("Back to slide")
            .on_hover_text("Put the map back as this slide shows it")
            .clicked()
        {
            commands.push(go(i));
        }
        if ui.button("End tour").on_hover_text("Esc").clicked() {
            commands.push(Command::EndTour);
        }
    });
    commands
}
