//! The Layers window: imports in progress (progress bar, Cancel), opened files with the
//! format detected, their bad rows, per-layer type and actor filters, and exports.

use crate::ui::path_field::PathField;
use egui::{Color32, RichText, Ui};

use super::{Layers, OpenLayer};
use crate::map::imported::kind_color;
use crate::platform::{FileKind, SaveTo};
use crate::timeline::TimeFilter;
use crate::ui::{Command, WindowId};

/// What a layer's controls asked for.
enum LayerAction {
    Remove(usize),
    Export(usize),
    BrowseExport(usize),
}

impl Layers {
    /// The window; `basemap` draws the basemap controls that share it.
    pub fn window(
        &mut self,
        ctx: &egui::Context,
        time: &TimeFilter,
        basemap: impl FnOnce(&mut Ui) -> Vec<Command>,
    ) -> Vec<Command> {
        let mut open = true;
        let mut commands = Vec::new();
        let mut actions = Vec::new();
        // The list of layers scrolls within most of the screen's height.
        let list_height = (ctx.content_rect().height() - 360.0).max(160.0);
        egui::Window::new("Layers")
            .open(&mut open)
            .default_width(440.0)
            .default_pos(egui::pos2(80.0, 90.0))
            .show(ctx, |ui| {
                commands.extend(self.open_row(ui));
                ui.separator();
                commands.extend(basemap(ui));
                self.import_progress(ui);
                // At least this tall once it overflows: a window laid out small while the file was
                // still being read would otherwise stay small and hide the type list.
                egui::ScrollArea::vertical()
                    .max_height(list_height)
                    .min_scrolled_height(list_height)
                    .show(ui, |ui| {
                        for (i, layer) in self.layers.iter_mut().enumerate() {
                            ui.separator();
                            layer_ui(ui, i, layer, &mut actions);
                        }
                    });
                if self.layers.is_empty() && self.jobs.is_empty() {
                    ui.label(RichText::new("No files opened yet.").weak());
                }
            });
        for a in actions {
            commands.extend(self.act(a, time));
        }
        if !open {
            commands.push(Command::Close(WindowId::Layers));
        }
        commands
    }

    /// Browse… and the typed path (no path in the browser: its picker only).
    fn open_row(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        ui.label("Open ACLED or UCDP GED CSV exports, or GeoJSON. Drop files on the window, or:");
        ui.horizontal(|ui| {
            if ui.button("Browse…").clicked() {
                commands.push(Command::Browse(FileKind::Data));
            }
            if !crate::platform::ABILITIES.paths {
                return;
            }
            let field = PathField::new("Path", "/path/to/acled.csv", "Open");
            if let Some(typed) = field.show(ui, &mut self.open_path) {
                commands.push(Command::OpenData(typed.into()));
            }
        });
        commands
    }

    /// A progress bar and Cancel per import and export running.
    fn import_progress(&self, ui: &mut Ui) {
        let running = self
            .jobs
            .iter()
            .map(|j| (&j.path, &j.job))
            .map(|(p, j)| (p, &j.progress))
            .map(|(p, j)| (p.display().to_string(), j))
            .chain(
                self.exports
                    .iter()
                    .map(|e| (e.to.to_string(), &e.job.progress)),
            );
        for (name, p) in running {
            ui.separator();
            ui.label(RichText::new(name).strong());
            ui.horizontal(|ui| {
                let text = format!("{} {:.0}%", p.stage(), p.fraction() * 100.0);
                ui.add(
                    egui::ProgressBar::new(p.fraction())
                        .desired_width(300.0)
                        .show_percentage()
                        .text(text),
                );
                if ui.button("Cancel").clicked() {
                    p.cancel();
                }
            });
        }
    }

    fn act(&mut self, action: LayerAction, time: &TimeFilter) -> Vec<Command> {
        match action {
            LayerAction::Remove(i) if i < self.layers.len() => {
                self.layers.remove(i);
                self.picked = None;
            }
            LayerAction::Remove(_) => {}
            LayerAction::BrowseExport(i) => {
                let name = self
                    .layers
                    .get(i)
                    .and_then(|l| {
                        std::path::Path::new(&l.export_path)
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                    })
                    .unwrap_or_default();
                return vec![Command::BrowseExport { layer: i, name }];
            }
            LayerAction::Export(i) => {
                let Some(to) = self.layers.get(i).map(|l| SaveTo::typed(&l.export_path)) else {
                    return Vec::new();
                };
                if let Err(e) = self.export(i, to, time) {
                    return vec![Command::Problem(e)];
                }
            }
        }
        Vec::new()
    }
}

/// One opened file: shown or not, Remove, what was detected, its bad rows, its filters, export.
fn layer_ui(ui: &mut Ui, i: usize, layer: &mut OpenLayer, actions: &mut Vec<LayerAction>) {
    let data = layer.data.clone();
    let l = &data.layer;
    ui.horizontal(|ui| {
        ui.checkbox(&mut layer.shown, RichText::new(&l.name).strong());
        if ui.small_button("Remove").clicked() {
            actions.push(LayerAction::Remove(i));
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
    bad_rows(ui, i, l);
    ui.horizontal(|ui| {
        let label = ui.label("Actor contains");
        ui.add(
            egui::TextEdit::singleline(&mut layer.filter.actor)
                .desired_width(200.0)
                .hint_text("e.g. Military Forces"),
        )
        .labelled_by(label.id);
    });
    export_controls(ui, i, layer, actions);
    kinds(ui, i, l, &mut layer.filter);
}

/// The rows that could not be read, with their lines and reasons (the first thousand).
fn bad_rows(ui: &mut Ui, i: usize, l: &crate::import::Layer) {
    if l.bad_row_count == 0 {
        return;
    }
    let title = format!(
        "{} bad rows skipped (the good ones were kept)",
        l.bad_row_count
    );
    let title = RichText::new(title).color(Color32::from_rgb(0xB0, 0x40, 0x00));
    egui::CollapsingHeader::new(title)
        .id_salt(("bad", i))
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .max_height(160.0)
                .id_salt(("badscroll", i))
                .show(ui, |ui| {
                    for b in &l.bad_rows {
                        let line = format!("line {}: {}", b.line, b.reason);
                        ui.label(RichText::new(line).monospace().small());
                    }
                    let more =
                        l.bad_row_count as usize - l.bad_rows.len().min(l.bad_row_count as usize);
                    if more > 0 {
                        ui.label(format!("… and {more} more"));
                    }
                });
        });
}

/// Where "Export shown" writes, its file dialog, and the button.
fn export_controls(ui: &mut Ui, i: usize, layer: &mut OpenLayer, actions: &mut Vec<LayerAction>) {
    ui.horizontal(|ui| {
        let paths = crate::platform::ABILITIES.paths;
        let label = ui.label(if paths {
            "Export shown to"
        } else {
            "Download shown as"
        });
        ui.add(egui::TextEdit::singleline(&mut layer.export_path).desired_width(220.0))
            .labelled_by(label.id);
        // The browser has no path to choose: the file goes to its downloads.
        if paths
            && ui
                .small_button("…")
                .on_hover_text("Choose the file")
                .clicked()
        {
            actions.push(LayerAction::BrowseExport(i));
        }
    });
    let verb = if crate::platform::ABILITIES.paths {
        "Export shown events (.csv or .geojson)"
    } else {
        "Download shown events (.csv or .geojson)"
    };
    if ui
        .button(verb)
        .on_hover_text("Writes the events the time, type and actor filters show now")
        .clicked()
    {
        actions.push(LayerAction::Export(i));
    }
}

/// The layer's types, by colour, each with a checkbox.
fn kinds(ui: &mut Ui, i: usize, l: &crate::import::Layer, filter: &mut crate::import::LayerFilter) {
    egui::CollapsingHeader::new("Types")
        .id_salt(("kinds", i))
        .default_open(l.kinds.len() <= 8)
        .show(ui, |ui| {
            for (k, name) in l.kinds.iter().enumerate() {
                let k = k as u16;
                let mut on = filter.kind_shown(k);
                ui.horizontal(|ui| {
                    let (rect, _) =
                        ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
                    ui.painter()
                        .circle_filled(rect.center(), 6.0, kind_color(k));
                    if ui.checkbox(&mut on, name).changed() {
                        filter.set_kind(k, on);
                    }
                });
            }
        });
}
