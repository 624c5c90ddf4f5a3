//! The problems window: what could not be read or done, each naming its file (and line); the
//! app keeps running on what loaded.

use egui::RichText;

/// Shows `problems` in a window while there are any; closing it clears them.
pub fn window(ctx: &egui::Context, problems: &mut Vec<String>) {
    if problems.is_empty() {
        return;
    }
    let mut open = true;
    egui::Window::new("Problems")
        .open(&mut open)
        .default_width(520.0)
        .show(ctx, |ui| {
            ui.label("The app keeps running on what could be read.");
            egui::ScrollArea::vertical()
                .max_height(300.0)
                .show(ui, |ui| {
                    for p in problems.iter() {
                        ui.label(RichText::new(p).monospace());
                    }
                });
        });
    if !open {
        problems.clear();
    }
}
