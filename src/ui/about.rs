//! The About box: what the app is, and whom the open story credits (its `story.json`).

use crate::model::Story;

/// Shows the About window while `open` is true.
pub fn ui(ctx: &egui::Context, open: &mut bool, story: &Story) {
    egui::Window::new("About Event Atlas")
        .open(open)
        .collapsible(false)
        .resizable(false)
        .default_width(440.0)
        .show(ctx, |ui| {
            ui.label("Event Atlas turns a news story into an interactive map that works offline.");
            ui.label(
                "Every event, count and date comes with the sentence of the article it rests on; \
                 dates the article does not give are marked as general knowledge.",
            );
            ui.separator();
            ui.strong(&story.title);
            ui.strong("Credits");
            for c in &story.credits {
                ui.label(c);
            }
            ui.separator();
            ui.label(format!(
                "Version {} · code licensed MIT OR Apache-2.0; data files keep their own licences (see data/LICENSES).",
                env!("CARGO_PKG_VERSION")
            ));
        });
}
