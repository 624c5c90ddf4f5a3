//! The palette in the map's top-right corner: tools, colours, width, pin text, undo, redo,
//! clear, and the GeoJSON file box.

use egui::{Color32, RichText, Ui, vec2};

use super::{COLOR_NAMES, COLORS, Drawing, Tool};

fn swatch_color(c: [u8; 3]) -> Color32 {
    Color32::from_rgb(c[0], c[1], c[2])
}

impl Drawing {
    /// The palette at `at` (its top-right corner), clear of the legend and the zoom buttons;
    /// returns where it was drawn.
    pub fn palette(&mut self, ui: &Ui, at: egui::Pos2) -> egui::Rect {
        let area = egui::Area::new(egui::Id::unique("draw-palette"))
            .fixed_pos(at)
            .pivot(egui::Align2::RIGHT_TOP)
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_max_width(150.0);
                    ui.label(RichText::new("Draw").small().strong());
                    self.tools(ui);
                    self.undo_row(ui);
                    ui.collapsing(RichText::new("GeoJSON file").small(), |ui| {
                        self.file_box(ui)
                    });
                });
            });
        area.response.rect
    }

    /// Move, Pen, Pin; then the colours, width or pin text the tool needs.
    fn tools(&mut self, ui: &mut Ui) {
        let s = &mut self.settings;
        ui.horizontal(|ui| {
            for (tool, name, tip) in [
                (Tool::Pan, "Move", "Pan and click the map as usual"),
                (Tool::Pen, "Pen", "Drag on the map to draw"),
                (Tool::Pin, "Pin", "Click on the map to pin a note"),
            ] {
                ui.selectable_value(&mut s.tool, tool, name)
                    .on_hover_text(tip);
            }
        });
        if s.tool != Tool::Pan {
            ui.horizontal(|ui| {
                for (c, name) in COLORS.into_iter().zip(COLOR_NAMES) {
                    let (rect, resp) =
                        ui.allocate_exact_size(vec2(18.0, 18.0), egui::Sense::click());
                    let chosen = s.color == c;
                    resp.widget_info(|| {
                        let label = format!("Pen colour: {name}");
                        egui::WidgetInfo::selected(egui::Role::RadioButton, true, chosen, label)
                    });
                    ui.painter()
                        .circle_filled(rect.center(), 7.0, swatch_color(c));
                    if s.color == c {
                        let ring = egui::Stroke::new(2.0, Color32::from_gray(40));
                        ui.painter().circle_stroke(rect.center(), 8.5, ring);
                    }
                    if resp.on_hover_text(name).clicked() {
                        s.color = c;
                    }
                }
            });
        }
        if s.tool == Tool::Pen {
            let w = ui.label(RichText::new("Width").small());
            ui.add(egui::Slider::new(&mut s.width, 1.0..=12.0))
                .labelled_by(w.id);
        }
        if s.tool == Tool::Pin {
            let t = ui.label(RichText::new("Pin text").small());
            ui.add(egui::TextEdit::singleline(&mut s.pin_text).desired_width(130.0))
                .labelled_by(t.id);
        }
    }

    fn undo_row(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let undo = egui::Button::new("Undo").small();
            if ui
                .add_enabled(self.can_undo(), undo)
                .on_hover_text("Ctrl+Z")
                .clicked()
            {
                self.undo();
            }
            let redo = egui::Button::new("Redo").small();
            if ui
                .add_enabled(self.can_redo(), redo)
                .on_hover_text("Ctrl+Y or Ctrl+Shift+Z")
                .clicked()
            {
                self.redo();
            }
            if ui
                .add_enabled(!self.items.is_empty(), egui::Button::new("Clear").small())
                .on_hover_text("Remove every drawing (Undo brings them back)")
                .clicked()
            {
                self.clear();
            }
        });
    }

    /// The file box with Export and Import.
    fn file_box(&mut self, ui: &mut Ui) {
        let f = ui.label(RichText::new("File").small());
        ui.add(egui::TextEdit::singleline(&mut self.settings.file_field).desired_width(130.0))
            .labelled_by(f.id);
        let typed = self.settings.file_field.trim().to_string();
        let ok = !typed.is_empty();
        // The browser downloads the export and picks the file to import (no paths there).
        let paths = crate::platform::ABILITIES.paths;
        ui.horizontal(|ui| {
            let export = if paths { "Export" } else { "Download" };
            if ui
                .add_enabled(ok, egui::Button::new(export).small())
                .clicked()
            {
                self.export(crate::platform::SaveTo::typed(&typed));
            }
            let import = if paths { "Import" } else { "Import…" };
            if ui
                .add_enabled(ok || !paths, egui::Button::new(import).small())
                .clicked()
            {
                if paths {
                    self.import(typed.clone().into());
                } else {
                    self.pick_import();
                }
            }
        });
        if let Some(m) = &self.message {
            ui.label(RichText::new(m).small());
        }
    }
}
