//! The legend: what colours, letters, widths and lines on the map mean.

use egui::{Align2, FontId, Sense, Shape, Stroke, Ui, vec2};

use crate::map::choropleth::{Choropleth, Shading};
use crate::map::style;
use crate::model::{Count, EventKind};
use crate::timeline::Filter;
use crate::ui::Command;

/// What the legend shows: the story's kinds (ticked as the filter has them), the shading, the
/// borders crossed. `compact` (a small map, e.g. a projector at 1024×768) puts the kinds in
/// three columns and folds the arrows and shading away.
pub struct Legend<'a> {
    pub kinds: &'a [EventKind],
    pub filter: &'a Filter,
    pub shading: Shading,
    pub choropleth: &'a Choropleth,
    pub borders: &'a [String],
    pub compact: bool,
}

impl Legend<'_> {
    /// Draws the legend's contents (placed by the caller in a corner of the map). Unticking a
    /// kind or picking a shading becomes a command.
    pub fn ui(&self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        ui.strong("Legend");
        ui.label(egui::RichText::new("Events (letter = kind; untick to hide)").small());
        let columns = if self.compact { 3 } else { 2 };
        egui::Grid::new("legend-kinds")
            .num_columns(columns)
            .spacing([12.0, 3.0])
            .show(ui, |ui| {
                for row in self.kinds.chunks(columns) {
                    for &kind in row {
                        if let Some(c) = kind_entry(ui, kind, self.filter) {
                            commands.push(c);
                        }
                    }
                    ui.end_row();
                }
            });
        let mut shading = self.shading;
        if self.compact {
            egui::CollapsingHeader::new(egui::RichText::new("Arrows and shading").small())
                .id_salt("legend-more")
                .show(ui, |ui| {
                    more(ui, &mut shading, self.choropleth, self.borders)
                });
        } else {
            more(ui, &mut shading, self.choropleth, self.borders);
        }
        if shading != self.shading {
            commands.push(Command::Shade(shading));
        }
        commands
    }
}

/// The legend below the kinds: arrows, the borders crossed, province shading.
fn more(ui: &mut Ui, shading: &mut Shading, choropleth: &Choropleth, borders: &[String]) {
    ui.add_space(4.0);
    ui.label(egui::RichText::new("People crossing").small());
    let thick = Count {
        low: Some(1000),
        ..Count::default()
    };
    arrow_key(ui, &thick, "width by number of people");
    arrow_key(ui, &Count::default(), "count not given (dashed)");
    borders_key(ui, borders);
    ui.add_space(4.0);
    shading_key(ui, shading, choropleth);
}

/// A sample crossing arrow drawn as the map draws one of this count, with its meaning.
fn arrow_key(ui: &mut Ui, count: &Count, text: &str) {
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(vec2(34.0, 14.0), Sense::hover());
        let w = style::arrow_width(count);
        let pts = vec![rect.left_center(), rect.right_center() - vec2(6.0, 0.0)];
        if count.is_unknown() {
            let stroke = Stroke::new(w, style::ARROW_UNCERTAIN);
            ui.painter()
                .extend(Shape::dashed_line(&pts, stroke, 6.0, 3.0));
        } else {
            ui.painter()
                .line_segment([pts[0], pts[1]], Stroke::new(w, style::ARROW));
        }
        let tip = rect.right_center();
        ui.painter().add(Shape::convex_polygon(
            vec![tip, tip + vec2(-8.0, -5.0), tip + vec2(-8.0, 5.0)],
            style::ARROW,
            Stroke::NONE,
        ));
        ui.label(text);
    });
}

/// The emphasised border line and the names of the borders crossed.
fn borders_key(ui: &mut Ui, borders: &[String]) {
    if borders.is_empty() {
        return;
    }
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(vec2(34.0, 14.0), Sense::hover());
        let line = [rect.left_center(), rect.right_center()];
        let painter = ui.painter();
        painter.line_segment(line, Stroke::new(6.0, style::BORDER.gamma_multiply(0.3)));
        painter.line_segment(line, Stroke::new(2.0, style::BORDER));
        ui.label(if borders.len() == 1 {
            "Border crossed"
        } else {
            "Borders crossed"
        });
    });
    for b in borders {
        ui.label(egui::RichText::new(format!("      {b}")).small());
    }
}

/// The province shading choice and its classes.
fn shading_key(ui: &mut Ui, shading: &mut Shading, choropleth: &Choropleth) {
    let title = ui.label(egui::RichText::new("Provinces").small());
    egui::ComboBox::from_id_salt("province-shading")
        .selected_text(shading.label())
        .show_ui(ui, |ui| {
            for s in Shading::ALL {
                ui.selectable_value(shading, s, s.label());
            }
        })
        .response
        .labelled_by(title.id);
    if choropleth.classes.is_empty() {
        swatch(
            ui,
            style::PROVINCE_WITH_EVENTS,
            "province with events (click to read)",
        );
    } else {
        ui.label(egui::RichText::new(&choropleth.title).small());
        ui.horizontal_wrapped(|ui| {
            for c in &choropleth.classes {
                swatch(ui, c.color, &c.label);
            }
        });
    }
}

/// A colour patch with its meaning.
fn swatch(ui: &mut Ui, color: egui::Color32, text: &str) {
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(vec2(22.0, 14.0), Sense::hover());
        ui.painter().rect_filled(rect.shrink(1.0), 2.0, color);
        ui.painter().rect_stroke(
            rect.shrink(1.0),
            2.0,
            Stroke::new(0.8, style::PROVINCE_EDGE),
            egui::StrokeKind::Inside,
        );
        ui.label(text);
    });
}

/// One event kind: its marker symbol and a checkbox with its name.
fn kind_entry(ui: &mut Ui, kind: EventKind, filter: &Filter) -> Option<Command> {
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(vec2(16.0, 16.0), Sense::hover());
        ui.painter().circle(
            rect.center(),
            7.0,
            style::kind_color(kind),
            Stroke::new(1.0, egui::Color32::WHITE),
        );
        ui.painter().text(
            rect.center(),
            Align2::CENTER_CENTER,
            style::kind_glyph(kind),
            FontId::proportional(8.0),
            egui::Color32::WHITE,
        );
        let mut shown = filter.kind_shown(kind);
        ui.checkbox(&mut shown, kind.label())
            .on_hover_text("Show or hide this kind on the map, the timeline and the panel")
            .changed()
            .then_some(Command::ShowKind(kind, shown))
    })
    .inner
}

/// The imported layers' part of the legend: each layer's types by colour, and how clusters and
/// approximate places look. Filtering them is in the Layers window.
pub fn imported(ui: &mut Ui, layers: &[crate::map::imported::LayerDraw]) {
    if layers.is_empty() {
        return;
    }
    ui.add_space(4.0);
    for d in layers {
        let layer = &d.data.layer;
        egui::CollapsingHeader::new(egui::RichText::new(format!("Layer: {}", layer.name)).small())
            .id_salt(("legend-layer", &layer.name))
            .default_open(layer.kinds.len() <= 6)
            .show(ui, |ui| {
                egui::Grid::new(("legend-layer-kinds", &layer.name))
                    .num_columns(2)
                    .spacing([10.0, 2.0])
                    .show(ui, |ui| {
                        for (k, chunk) in layer.kinds.chunks(2).enumerate() {
                            for (j, name) in chunk.iter().enumerate() {
                                ui.horizontal(|ui| {
                                    let (r, _) = ui.allocate_exact_size(vec2(10.0, 10.0), Sense::hover());
                                    let color = crate::map::imported::kind_color((k * 2 + j) as u16);
                                    ui.painter().circle_filled(r.center(), 5.0, color);
                                    ui.label(egui::RichText::new(name).small());
                                });
                            }
                            ui.end_row();
                        }
                    });
                ui.label(
                    egui::RichText::new("circle with a number: events clustered; hollow dot with a pale disc: place only approximate")
                        .small()
                        .weak(),
                );
            });
    }
}
