//! The teacher's drawings over the map: strokes and pins, anchored to lon/lat.

use std::sync::Arc;

use egui::{Align2, Color32, FontId, Pos2, Shape, Stroke, vec2};

use super::ScreenTransform;
use crate::model::Annotation;
use crate::spatial::mercator;

/// Draws the annotations and the stroke in progress.
pub struct AnnotationsLayer {
    pub items: Arc<Vec<Annotation>>,
    pub current: Option<(Vec<[f64; 2]>, [u8; 3], f32)>,
}

fn screen(t: &ScreenTransform, p: [f64; 2]) -> Pos2 {
    t.apply(mercator(geo::coord! { x: p[0], y: p[1] }))
}

fn rgb(c: [u8; 3]) -> Color32 {
    Color32::from_rgb(c[0], c[1], c[2])
}

impl super::Paint for AnnotationsLayer {
    fn paint(&self, painter: &egui::Painter, t: &ScreenTransform) {
        let stroke = |points: &[[f64; 2]], color: [u8; 3], width: f32| {
            let pts: Vec<Pos2> = points.iter().map(|&p| screen(t, p)).collect();
            painter.add(Shape::line(pts, Stroke::new(width, rgb(color))));
        };
        for a in self.items.iter() {
            match a {
                Annotation::Stroke {
                    color,
                    width,
                    points,
                } => stroke(points, *color, *width),
                Annotation::Pin { color, at, text } => {
                    let p = screen(t, *at);
                    let head = p - vec2(0.0, 16.0);
                    painter.line_segment([p, head], Stroke::new(2.0, rgb(*color)));
                    painter.circle(head, 6.0, rgb(*color), Stroke::new(1.5, Color32::WHITE));
                    if !text.is_empty() {
                        let galley = painter.layout_no_wrap(
                            text.clone(),
                            FontId::proportional(14.0),
                            Color32::BLACK,
                        );
                        let r = Align2::LEFT_CENTER
                            .anchor_size(head + vec2(10.0, 0.0), galley.size())
                            .expand(4.0);
                        painter.rect(
                            r,
                            3.0,
                            Color32::from_rgba_unmultiplied(255, 255, 240, 235),
                            Stroke::new(1.5, rgb(*color)),
                            egui::StrokeKind::Inside,
                        );
                        painter.galley(r.min + vec2(4.0, 4.0), galley, Color32::BLACK);
                    }
                }
            }
        }
        if let Some((points, color, width)) = &self.current {
            stroke(points, *color, *width);
        }
    }
}
