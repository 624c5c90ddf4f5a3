//! The About box: what the app is and whose data it shows.

/// Credits that must be shown wherever the map is (Natural Earth, GeoNames, the BBC article).
pub const CREDITS: [&str; 3] = [
    "Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com",
    "Place data © GeoNames (geonames.org), CC BY 4.0",
    "Story: BBC News, \"Afghanistan: Soldiers flee to Tajikistan after Taliban clashes\", 5 July 2021",
];

/// Short attribution line for the map corner.
pub const ATTRIBUTION: &str = "Natural Earth · © GeoNames CC BY 4.0 · BBC News";

/// Shows the About window while `open` is true.
pub fn ui(ctx: &egui::Context, open: &mut bool) {
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
            ui.strong("Data credits");
            for c in CREDITS {
                ui.label(c);
            }
            ui.separator();
            ui.label(format!(
                "Version {} · code licensed MIT OR Apache-2.0; data files keep their own licences (see data/LICENSES).",
                env!("CARGO_PKG_VERSION")
            ));
        });
}
