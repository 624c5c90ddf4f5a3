//! The Layers window: imports in progress (progress bar, Cancel), opened files with the
//! format detected, their bad rows, per-layer type and actor filters, and exports.

use egui::{Color32, RichText, Ui};

use crate::app::importing::{ImportJob, OpenLayer};
use crate::map::imported::kind_color;

/// What the user asked for in the window.
#[derive(Debug, Clone, PartialEq)]
pub enum LayersAction {
    /// Open the typed path.
    Open(String),
    /// Open the native file dialog.
    Browse,
    /// Switch the basemap.
    Basemap(crate::map::tiles::Basemap),
    /// Choose a PMTiles file in the native dialog.
    BrowsePmTiles,
    Cancel(usize),
    Remove(usize),
    Export(usize),
    BrowseExport(usize),
}

/// Shows the window; `open_path` is the typed path box.
pub fn window(
    ctx: &egui::Context,
    open: &mut bool,
    open_path: &mut String,
    layers: &mut [OpenLayer],
    jobs: &[ImportJob],
    basemap: &str,
    pmtiles_path: &mut String,
) -> Vec<LayersAction> {
    let mut actions = Vec::new();
    egui::Window::new("Layers")
        .open(open)
        .default_width(440.0)
        .default_pos(egui::pos2(80.0, 90.0))
        .show(ctx, |ui| {
            ui.label(
                "Open ACLED or UCDP GED CSV exports, or GeoJSON. Drop files on the window, or:",
            );
            ui.horizontal(|ui| {
                if ui.button("Browse…").clicked() {
                    actions.push(LayersAction::Browse);
                }
                let label = ui.label("Path");
                let edit = ui
                    .add(
                        egui::TextEdit::singleline(open_path)
                            .desired_width(220.0)
                            .hint_text("/path/to/acled.csv"),
                    )
                    .labelled_by(label.id);
                let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if (ui
                    .add_enabled(!open_path.trim().is_empty(), egui::Button::new("Open"))
                    .clicked()
                    || enter)
                    && !open_path.trim().is_empty()
                {
                    actions.push(LayersAction::Open(open_path.trim().to_string()));
                }
            });
            basemap_ui(ui, basemap, pmtiles_path, &mut actions);
            for (i, job) in jobs.iter().enumerate() {
                ui.separator();
                ui.label(RichText::new(job.path.display().to_string()).strong());
                ui.horizontal(|ui| {
                    let p = &job.progress;
                    ui.add(
                        egui::ProgressBar::new(p.fraction())
                            .desired_width(300.0)
                            .show_percentage()
                            .text(format!("{} {:.0}%", p.stage(), p.fraction() * 100.0)),
                    );
                    if ui.button("Cancel").clicked() {
                        actions.push(LayersAction::Cancel(i));
                    }
                });
            }
            egui::ScrollArea::vertical()
                .max_height(560.0)
                .show(ui, |ui| {
                    for (i, layer) in layers.iter_mut().enumerate() {
                        ui.separator();
                        layer_ui(ui, i, layer, &mut actions);
                    }
                });
            if layers.is_empty() && jobs.is_empty() {
                ui.label(RichText::new("No files opened yet.").weak());
            }
        });
    actions
}

/// The basemap under the layers: offline, OpenStreetMap, or a PMTiles file.
fn basemap_ui(ui: &mut Ui, current: &str, path: &mut String, actions: &mut Vec<LayersAction>) {
    use crate::map::tiles::Basemap;
    ui.separator();
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Basemap:").strong());
        ui.label(current);
    });
    ui.horizontal(|ui| {
        if ui.button("Offline map").clicked() {
            actions.push(LayersAction::Basemap(Basemap::Offline));
        }
        if ui
            .button("OpenStreetMap tiles")
            .on_hover_text("Online; cached on disk")
            .clicked()
        {
            actions.push(LayersAction::Basemap(Basemap::osm()));
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label("PMTiles file");
        let edit = ui
            .add(
                egui::TextEdit::singleline(path)
                    .desired_width(200.0)
                    .hint_text("/path/to/tiles.pmtiles"),
            )
            .labelled_by(label.id);
        let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui
            .small_button("…")
            .on_hover_text("Choose the file")
            .clicked()
        {
            actions.push(LayersAction::BrowsePmTiles);
        }
        if (ui.button("Use").clicked() || enter) && !path.trim().is_empty() {
            actions.push(LayersAction::Basemap(Basemap::PmTiles {
                path: std::path::PathBuf::from(path.trim()),
            }));
        }
    });
}

fn layer_ui(ui: &mut Ui, i: usize, layer: &mut OpenLayer, actions: &mut Vec<LayersAction>) {
    let data = layer.data.clone();
    let l = &data.layer;
    ui.horizontal(|ui| {
        ui.checkbox(&mut layer.shown, RichText::new(&l.name).strong());
        if ui.small_button("Remove").clicked() {
            actions.push(LayersAction::Remove(i));
        }
    });
    let span = l
        .span()
        .map(|(a, b)| format!(", {} to {}", crate::import::iso(a), crate::import::iso(b)))
        .unwrap_or_default();
    ui.label(format!(
        "Detected: {}. {} events{span}.",
        l.format.label(),
        l.len()
    ));
    if l.bad_row_count > 0 {
        egui::CollapsingHeader::new(
            RichText::new(format!(
                "{} bad rows skipped (the good ones were kept)",
                l.bad_row_count
            ))
            .color(Color32::from_rgb(0xB0, 0x40, 0x00)),
        )
        .id_salt(("bad", i))
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .max_height(160.0)
                .id_salt(("badscroll", i))
                .show(ui, |ui| {
                    for b in &l.bad_rows {
                        ui.label(
                            RichText::new(format!("line {}: {}", b.line, b.reason))
                                .monospace()
                                .small(),
                        );
                    }
                    if l.bad_row_count as usize > l.bad_rows.len() {
                        ui.label(format!(
                            "… and {} more",
                            l.bad_row_count as usize - l.bad_rows.len()
                        ));
                    }
                });
        });
    }
    ui.horizontal(|ui| {
        let label = ui.label("Actor contains");
        ui.add(
            egui::TextEdit::singleline(&mut layer.filter.actor)
                .desired_width(200.0)
                .hint_text("e.g. Taliban"),
        )
        .labelled_by(label.id);
    });
    ui.horizontal(|ui| {
        let label = ui.label("Export shown to");
        ui.add(egui::TextEdit::singleline(&mut layer.export_path).desired_width(220.0))
            .labelled_by(label.id);
        if ui
            .small_button("…")
            .on_hover_text("Choose the file")
            .clicked()
        {
            actions.push(LayersAction::BrowseExport(i));
        }
    });
    if ui
        .button("Export shown events (.csv or .geojson)")
        .on_hover_text("Writes the events the time, type and actor filters show now")
        .clicked()
    {
        actions.push(LayersAction::Export(i));
    }
    egui::CollapsingHeader::new("Types")
        .id_salt(("kinds", i))
        .default_open(l.kinds.len() <= 8)
        .show(ui, |ui| {
            for (k, name) in l.kinds.iter().enumerate() {
                let k = k as u16;
                let mut on = layer.filter.kind_shown(k);
                ui.horizontal(|ui| {
                    let (rect, _) =
                        ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
                    ui.painter()
                        .circle_filled(rect.center(), 6.0, kind_color(k));
                    if ui.checkbox(&mut on, name).changed() {
                        layer.filter.set_kind(k, on);
                    }
                });
            }
        });
}
