//! The legend: what colours, letters, widths and lines on the map mean.

use egui::{Align2, FontId, Sense, Shape, Stroke, Ui, vec2};

use crate::map::style;
use crate::model::{Count, EventKind};

/// Draws the legend's contents (placed by the caller in a corner of the map).
pub fn ui(ui: &mut Ui, kinds_present: &[EventKind]) {
    ui.strong("Legend");
    ui.label(egui::RichText::new("Events (letter = kind)").small());
    let kinds: Vec<EventKind> = EventKind::ALL
        .into_iter()
        .filter(|k| kinds_present.contains(k))
        .collect();
    egui::Grid::new("legend-kinds")
        .num_columns(2)
        .spacing([12.0, 3.0])
        .show(ui, |ui| {
            for pair in kinds.chunks(2) {
                for &kind in pair {
                    kind_entry(ui, kind);
                }
                ui.end_row();
            }
        });
    ui.add_space(4.0);
    ui.label(egui::RichText::new("Soldiers crossing").small());
    let thick = Count {
        low: Some(1000),
        ..Count::default()
    };
    for (count, text) in [
        (&thick, "width by count (\"more than 1,000\")"),
        (&Count::default(), "count not given (dashed)"),
    ] {
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(vec2(34.0, 14.0), Sense::hover());
            let w = style::arrow_width(count);
            let pts = vec![rect.left_center(), rect.right_center() - vec2(6.0, 0.0)];
            if count.is_unknown() {
                ui.painter().extend(Shape::dashed_line(
                    &pts,
                    Stroke::new(w, style::ARROW_UNCERTAIN),
                    6.0,
                    3.0,
                ));
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
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(vec2(34.0, 14.0), Sense::hover());
        ui.painter().line_segment(
            [rect.left_center(), rect.right_center()],
            Stroke::new(6.0, style::BORDER.gamma_multiply(0.3)),
        );
        ui.painter().line_segment(
            [rect.left_center(), rect.right_center()],
            Stroke::new(2.0, style::BORDER),
        );
        ui.label("Afghanistan–Tajikistan border");
    });
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(vec2(34.0, 14.0), Sense::hover());
        ui.painter()
            .rect_filled(rect.shrink(1.0), 2.0, style::PROVINCE_WITH_EVENTS);
        ui.label("province with events (click to read)");
    });
}

/// One event kind: its marker symbol and name.
fn kind_entry(ui: &mut Ui, kind: EventKind) {
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
        ui.label(kind.label());
    });
}
