//! The presenter layout: while a tour is presented, the side panel, the timeline, the drawing
//! palette and the legend fold into slim strips and buttons, so the map is the largest thing
//! on a projector's screen. Each reopens with a click or a key (`D`, `T`, `W`, `L`).

use egui::{Key, RichText, Ui};

/// A part of the window that folds away while presenting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fold {
    /// The details panel on the right (`D`).
    Details,
    /// The timeline at the bottom (`T`).
    Timeline,
    /// The drawing palette (`W`).
    Palette,
    /// The legend (`L`).
    Legend,
}

impl Fold {
    /// Every part, in the order the keys are listed.
    pub const ALL: [Fold; 4] = [Fold::Details, Fold::Timeline, Fold::Palette, Fold::Legend];

    /// The key that folds or unfolds it.
    pub fn key(self) -> Key {
        match self {
            Fold::Details => Key::D,
            Fold::Timeline => Key::T,
            Fold::Palette => Key::W,
            Fold::Legend => Key::L,
        }
    }

    /// What its button says.
    pub fn name(self) -> &'static str {
        match self {
            Fold::Details => "Details",
            Fold::Timeline => "Timeline",
            Fold::Palette => "Draw",
            Fold::Legend => "Legend",
        }
    }
}

/// Which parts are folded; everything folds when a tour starts (or is restored running).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Folds {
    pub details: bool,
    pub timeline: bool,
    pub palette: bool,
    pub legend: bool,
}

impl Default for Folds {
    fn default() -> Self {
        Self::all()
    }
}

impl Folds {
    /// All folded: how presenting begins.
    pub fn all() -> Self {
        Self {
            details: true,
            timeline: true,
            palette: true,
            legend: true,
        }
    }

    fn slot(&mut self, f: Fold) -> &mut bool {
        match f {
            Fold::Details => &mut self.details,
            Fold::Timeline => &mut self.timeline,
            Fold::Palette => &mut self.palette,
            Fold::Legend => &mut self.legend,
        }
    }

    /// Whether `f` is folded.
    pub fn folded(mut self, f: Fold) -> bool {
        *self.slot(f)
    }

    /// Folds or unfolds `f`.
    pub fn toggle(&mut self, f: Fold) {
        let s = self.slot(f);
        *s = !*s;
    }

    /// Applies the fold keys pressed this frame (when shortcuts are free).
    pub fn keys(&mut self, ui: &Ui) {
        if !crate::ui::keys::shortcuts_free(ui.ctx()) {
            return;
        }
        for f in Fold::ALL {
            if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, f.key())) {
                self.toggle(f);
            }
        }
    }
}

/// The button that unfolds `f` (or folds it again): "▲ Timeline (T)".
pub fn fold_button(ui: &mut Ui, folds: &mut Folds, f: Fold, arrow: &str) {
    let folded = folds.folded(f);
    let verb = if folded { "Show" } else { "Hide" };
    let text = format!("{arrow} {} ({:?})", f.name(), f.key());
    let b = ui
        .button(RichText::new(text).size(13.0))
        .on_hover_text(format!(
            "{verb} the {} ({:?})",
            f.name().to_lowercase(),
            f.key()
        ));
    if b.clicked() {
        folds.toggle(f);
    }
}

/// The slim strip the details panel folds into, on the right edge.
pub fn details_strip(ui: &mut Ui, folds: &mut Folds) {
    egui::Panel::right("details-strip")
        .exact_size(28.0)
        .resizable(false)
        .show(ui, |ui| {
            ui.add_space(4.0);
            let b = ui
                .button(RichText::new("«").size(16.0))
                .on_hover_text("Show the details panel (D)");
            b.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Button, true, "Show the details panel (D)")
            });
            if b.clicked() {
                folds.toggle(Fold::Details);
            }
        });
}
