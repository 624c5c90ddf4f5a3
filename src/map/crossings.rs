//! Border crossings as curved arrows, width by count, labelled with the article's own words.

use std::sync::Arc;

use egui::{Pos2, Response, Shape, Stroke, Ui, pos2, vec2};
use walkers::{MapMemory, Plugin, Projector};

use super::ScreenTransform;
use super::style;
use crate::atlas::{Arrow, Atlas};

/// Shortest arrow drawn, in points.
const MIN_ARROW_PX: f32 = 70.0;

/// The text written along a crossing: its count in the article's words, and its date.
pub fn arrow_label(atlas: &Atlas, arrow: &Arrow) -> String {
    let x = &atlas.data.crossings.crossings[arrow.crossing];
    format!("{} · {}", x.people.label(), x.date.human())
}

/// Points along an arrow's curve on screen (a quadratic Bézier bent sideways).
pub fn arrow_path(arrow: &Arrow, t: &ScreenTransform) -> Vec<Pos2> {
    let a = t.apply(arrow.from);
    let mut b = t.apply(arrow.to);
    // Keep short crossings readable when zoomed out: the head moves on, the origin stays.
    if (b - a).length() < MIN_ARROW_PX {
        let dir = (b - a).normalized();
        let dir = if dir.is_finite() {
            dir
        } else {
            vec2(0.0, -1.0)
        };
        b = a + dir * MIN_ARROW_PX;
    }
    let d = b - a;
    let normal = vec2(-d.y, d.x);
    let ctrl = a + d * 0.5 + normal * arrow.bend as f32;
    (0..=24)
        .map(|i| {
            let s = i as f32 / 24.0;
            let u = 1.0 - s;
            pos2(
                u * u * a.x + 2.0 * u * s * ctrl.x + s * s * b.x,
                u * u * a.y + 2.0 * u * s * ctrl.y + s * s * b.y,
            )
        })
        .collect()
}

/// Draws crossings and the article's totals.
pub struct CrossingsLayer {
    pub atlas: Arc<Atlas>,
    pub selected: Option<usize>,
    pub hovered: Option<usize>,
}

impl CrossingsLayer {
    /// Paints into `painter` for the view `t`.
    pub fn paint(&self, painter: &egui::Painter, t: &ScreenTransform) {
        let data = &self.atlas.data;
        for arrow in &self.atlas.arrows {
            let x = &data.crossings.crossings[arrow.crossing];
            let path = arrow_path(arrow, t);
            let (Some(&end), Some(&before)) = (path.last(), path.get(path.len().saturating_sub(3)))
            else {
                continue;
            };
            let width = style::arrow_width(&x.people);
            let unknown = x.people.is_unknown();
            let color = if unknown {
                style::ARROW_UNCERTAIN
            } else {
                style::ARROW
            };
            let emphasis =
                Some(arrow.crossing) == self.selected || Some(arrow.crossing) == self.hovered;
            let casing = Stroke::new(
                width + if emphasis { 5.0 } else { 2.5 },
                egui::Color32::WHITE,
            );
            // Stop the shaft short of the tip so the head stays sharp.
            let head_len = (width * 2.2).max(10.0);
            let dir = (end - before).normalized();
            let shaft_end = end - dir * head_len * 0.8;
            let mut shaft = path.clone();
            if let Some(last) = shaft.last_mut() {
                *last = shaft_end;
            }
            if unknown {
                // Dashed: the count is unknown, the crossing is reported.
                painter.extend(Shape::dashed_line(&shaft, casing, 9.0, 5.0));
                painter.extend(Shape::dashed_line(
                    &shaft,
                    Stroke::new(width, color),
                    9.0,
                    5.0,
                ));
            } else {
                painter.add(Shape::line(shaft.clone(), casing));
                painter.add(Shape::line(shaft, Stroke::new(width, color)));
            }
            let side = vec2(-dir.y, dir.x) * (head_len * 0.55).max(width);
            let base = end - dir * head_len;
            let head = vec![end, base + side, base - side];
            painter.add(Shape::convex_polygon(
                head,
                color,
                Stroke::new(1.5, egui::Color32::WHITE),
            ));
        }
    }
}

impl Plugin for CrossingsLayer {
    fn run(
        self: Box<Self>,
        ui: &mut Ui,
        _response: &Response,
        projector: &Projector,
        _memory: &MapMemory,
    ) {
        let t = ScreenTransform::from_projector(projector);
        self.paint(ui.painter(), &t);
    }
}
