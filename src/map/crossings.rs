//! Border crossings as curved arrows, width by count, labelled with the article's own words.

use std::sync::Arc;

use egui::{Pos2, Shape, Stroke, pos2, vec2};

use super::ScreenTransform;
use super::style;
use crate::atlas::{Arrow, Atlas};
use crate::timeline::{Vis, Visible};

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

/// The part of `path` from its start to `frac` of its length (for an arrow growing in).
pub fn path_prefix(path: &[Pos2], frac: f32) -> Vec<Pos2> {
    let frac = frac.clamp(0.0, 1.0);
    let total: f32 = path.windows(2).map(|w| w[0].distance(w[1])).sum();
    let mut left = total * frac;
    let mut out = Vec::with_capacity(path.len());
    for w in path.windows(2) {
        if out.is_empty() {
            out.push(w[0]);
        }
        let len = w[0].distance(w[1]);
        if len >= left {
            if len > 0.0 {
                out.push(w[0] + (w[1] - w[0]) * (left / len));
            }
            break;
        }
        left -= len;
        out.push(w[1]);
    }
    out
}

/// Animation while the story plays.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Motion {
    /// The cursor (fractional day number).
    pub cursor: f64,
    /// Story days an arrow takes to grow in (about a second of playback).
    pub grow_days: f64,
    /// Seconds since start, for the flow of dots along the arrows.
    pub time: f64,
}

impl Motion {
    /// How far (0 to 1) an arrow whose crossing starts on day `start` has grown in.
    pub fn grown(&self, start: i64) -> f64 {
        ((self.cursor - start as f64) / self.grow_days.max(1e-9)).clamp(0.0, 1.0)
    }
}

/// Draws crossings the filter lets through; while playing they grow in and show movement.
pub struct CrossingsLayer {
    pub atlas: Arc<Atlas>,
    pub visible: Arc<Visible>,
    pub selected: Option<usize>,
    pub hovered: Option<usize>,
    /// Crossings a tour slide highlights.
    pub highlighted: Arc<Vec<usize>>,
    /// `Some` while playing.
    pub motion: Option<Motion>,
}

impl super::Paint for CrossingsLayer {
    fn paint(&self, painter: &egui::Painter, t: &ScreenTransform) {
        let data = &self.atlas.data;
        for arrow in &self.atlas.arrows {
            let vis = self
                .visible
                .crossings
                .get(arrow.crossing)
                .copied()
                .unwrap_or(Vis::Hidden);
            if !vis.shown() {
                continue;
            }
            let x = &data.crossings.crossings[arrow.crossing];
            let mut path = arrow_path(arrow, t);
            if let Some(m) = self.motion {
                // Newly reached: the arrow grows from where they left to where they went.
                let grown = m.grown(x.date.first_day_number());
                if grown < 1.0 {
                    path = path_prefix(&path, (grown as f32).max(0.05));
                }
            }
            let emphasis = Some(arrow.crossing) == self.selected
                || Some(arrow.crossing) == self.hovered
                || self.highlighted.contains(&arrow.crossing);
            let look = ArrowLook::new(&x.people, vis, emphasis);
            if paint_arrow(painter, &path, &look)
                && let Some(m) = self.motion
            {
                flow(painter, &path, look.width, m.time);
            }
        }
    }
}

/// How one crossing's arrow looks: width by count, dashed and grey when the count is unknown,
/// faded while its date is not certain yet, a wider casing when emphasised.
struct ArrowLook {
    width: f32,
    dashed: bool,
    color: egui::Color32,
    casing: Stroke,
}

impl ArrowLook {
    fn new(people: &crate::model::Count, vis: Vis, emphasis: bool) -> Self {
        let width = style::arrow_width(people);
        let dashed = people.is_unknown();
        let color = if dashed {
            style::ARROW_UNCERTAIN
        } else {
            style::ARROW
        };
        // The cursor is inside an imprecise date: it may not have happened yet.
        let color = if vis == Vis::Maybe {
            color.gamma_multiply(0.5)
        } else {
            color
        };
        let casing_width = width + if emphasis { 5.0 } else { 2.5 };
        ArrowLook {
            width,
            dashed,
            color,
            casing: Stroke::new(casing_width, egui::Color32::WHITE),
        }
    }
}

/// Draws a shaft along `path` and a head at its end; false when the path is too short to draw.
fn paint_arrow(painter: &egui::Painter, path: &[Pos2], look: &ArrowLook) -> bool {
    if path.len() < 3 {
        return false;
    }
    let (Some(&end), Some(&before)) = (path.last(), path.get(path.len().saturating_sub(3))) else {
        return false;
    };
    let width = look.width;
    // Stop the shaft short of the tip so the head stays sharp.
    let head_len = (width * 2.2).max(10.0);
    let dir = (end - before).normalized();
    let mut shaft = path.to_vec();
    if let Some(last) = shaft.last_mut() {
        *last = end - dir * head_len * 0.8;
    }
    let stroke = Stroke::new(width, look.color);
    if look.dashed {
        // Dashed: the count is unknown, the crossing is reported.
        painter.extend(Shape::dashed_line(&shaft, look.casing, 9.0, 5.0));
        painter.extend(Shape::dashed_line(&shaft, stroke, 9.0, 5.0));
    } else {
        painter.add(Shape::line(shaft.clone(), look.casing));
        painter.add(Shape::line(shaft, stroke));
    }
    let side = vec2(-dir.y, dir.x) * (head_len * 0.55).max(width);
    let base = end - dir * head_len;
    let head = vec![end, base + side, base - side];
    let outline = Stroke::new(1.5, egui::Color32::WHITE);
    painter.add(Shape::convex_polygon(head, look.color, outline));
    true
}

/// Dots moving along an arrow while the story plays: people on the move.
fn flow(painter: &egui::Painter, path: &[Pos2], width: f32, time: f64) {
    const SPACING: f32 = 26.0;
    const SPEED: f32 = 40.0; // points per second
    let total: f32 = path.windows(2).map(|w| w[0].distance(w[1])).sum();
    if total < SPACING {
        return;
    }
    let offset = ((time * f64::from(SPEED)) % f64::from(SPACING)) as f32;
    let r = (width * 0.3).clamp(1.2, 3.0);
    let mut along = 0.0;
    let mut next = offset;
    for w in path.windows(2) {
        let len = w[0].distance(w[1]);
        while next <= along + len && next < total - 12.0 {
            let p = w[0] + (w[1] - w[0]) * ((next - along) / len.max(1e-6));
            painter.circle_filled(p, r, egui::Color32::WHITE);
            next += SPACING;
        }
        along += len;
    }
}
