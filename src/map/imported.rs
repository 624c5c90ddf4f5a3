//! Imported events (ACLED, UCDP, GeoJSON) as clusters: one circle per grid cell of the zoom's
//! cluster level, with its count, coloured by its most common type; single events as dots,
//! hollow with a pale disc when the source only places them near somewhere or in a province.

use std::sync::Arc;

use egui::{Align2, Color32, FontId, Painter, Pos2, Stroke, pos2};

use super::ScreenTransform;
use crate::import::{Imported, Record, Tally};

/// Cluster cells are about this many pixels wide.
pub const CELL_PX: f64 = 56.0;

/// Colours for a layer's event types (Tol's "bright" scheme, colour-blind safe), by kind index.
pub const KIND_COLORS: [Color32; 8] = [
    Color32::from_rgb(0x44, 0x77, 0xAA),
    Color32::from_rgb(0xEE, 0x66, 0x77),
    Color32::from_rgb(0x22, 0x88, 0x33),
    Color32::from_rgb(0xCC, 0xBB, 0x44),
    Color32::from_rgb(0x66, 0xCC, 0xEE),
    Color32::from_rgb(0xAA, 0x33, 0x77),
    Color32::from_rgb(0x88, 0x88, 0x88),
    Color32::from_rgb(0x99, 0x55, 0x22),
];

/// Colour of kind `k`.
pub fn kind_color(k: u16) -> Color32 {
    KIND_COLORS[usize::from(k) % KIND_COLORS.len()]
}

/// One layer as the map draws it this frame.
#[derive(Clone)]
pub struct LayerDraw {
    pub data: Arc<Imported>,
    /// Cluster level the tallies were counted at.
    pub level: usize,
    pub tallies: Arc<Vec<Tally>>,
    /// Which of the layer's shapes (GeoJSON lines and polygons) the filter shows.
    pub shapes_shown: Arc<Vec<bool>>,
}

/// A cluster under the pointer: layer index and run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClusterHit {
    pub layer: usize,
    pub level: usize,
    pub run: usize,
}

/// Where a cluster is drawn and how big.
fn placed(d: &LayerDraw, run: usize, t: &ScreenTransform) -> Option<(Pos2, f32, Tally)> {
    let tally = *d.tallies.get(run)?;
    if tally.count == 0 {
        return None;
    }
    let at = if tally.count == 1 {
        let r = d.data.layer.records.get(tally.first as usize)?;
        [r.x, r.y]
    } else {
        d.data.clusters.levels.get(d.level)?.centers[run]
    };
    let p = t.apply(geo::Coord {
        x: f64::from(at[0]),
        y: f64::from(at[1]),
    });
    Some((p, radius(tally.count), tally))
}

/// Radius of a cluster of `n` events.
pub fn radius(n: u32) -> f32 {
    if n <= 1 {
        5.0
    } else {
        (7.0 + 2.4 * (n as f32).log2()).min(24.0)
    }
}

/// "7", "950", "1.2k", "34k", "1.1M".
pub fn short_count(n: u32) -> String {
    match n {
        0..=999 => n.to_string(),
        1000..=9_949 => format!("{:.1}k", f64::from(n) / 1000.0),
        9_950..=999_499 => format!("{}k", (f64::from(n) / 1000.0).round()),
        _ => format!("{:.1}M", f64::from(n) / 1e6),
    }
}

/// Clusters of every layer on screen, front-most last.
fn each_on_screen(
    layers: &[LayerDraw],
    t: &ScreenTransform,
    mut f: impl FnMut(usize, usize, Pos2, f32, Tally),
) {
    let area = t.rect.expand(40.0);
    for (li, d) in layers.iter().enumerate() {
        let Some(level) = d.data.clusters.levels.get(d.level) else {
            continue;
        };
        // Cull on the cluster centre first (cheap), then place.
        let min = t.invert(area.min);
        let max = t.invert(area.max);
        for (run, c) in level.centers.iter().enumerate() {
            let (x, y) = (f64::from(c[0]), f64::from(c[1]));
            if x < min.x - 0.01 || x > max.x + 0.01 || y < min.y - 0.01 || y > max.y + 0.01 {
                continue;
            }
            if let Some((p, r, tally)) = placed(d, run, t)
                && area.contains(p)
            {
                f(li, run, p, r, tally);
            }
        }
    }
}

/// The cluster under `pos`, if any (the nearest whose circle contains it).
pub fn hit(layers: &[LayerDraw], t: &ScreenTransform, pos: Pos2) -> Option<ClusterHit> {
    let mut best: Option<(f32, ClusterHit)> = None;
    each_on_screen(layers, t, |layer, run, p, r, _| {
        let d = p.distance(pos);
        if d <= r + 3.0 && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((
                d,
                ClusterHit {
                    layer,
                    level: layers[layer].level,
                    run,
                },
            ));
        }
    });
    best.map(|(_, h)| h)
}

/// The clusters in view: which, where, how big and how many events each holds.
pub fn on_screen(layers: &[LayerDraw], t: &ScreenTransform) -> Vec<(ClusterHit, Pos2, f32, u32)> {
    let mut out = Vec::new();
    each_on_screen(layers, t, |layer, run, p, r, tally| {
        let level = layers[layer].level;
        out.push((ClusterHit { layer, level, run }, p, r, tally.count));
    });
    out
}

/// Draws every layer.
pub fn paint(
    painter: &Painter,
    layers: &[LayerDraw],
    t: &ScreenTransform,
    selected: Option<ClusterHit>,
    hovered: Option<ClusterHit>,
) {
    for d in layers {
        paint_shapes(painter, d, t);
    }
    each_on_screen(layers, t, |li, run, p, r, tally| {
        let d = &layers[li];
        let color = kind_color(tally.kind);
        let this = Some(ClusterHit {
            layer: li,
            level: d.level,
            run,
        });
        let m = Marker {
            p,
            r,
            color,
            fill: if tally.maybe == tally.count {
                color.gamma_multiply(0.45)
            } else {
                color
            },
            ring: if this == selected {
                Stroke::new(3.0, Color32::BLACK)
            } else if this == hovered {
                Stroke::new(2.5, Color32::from_gray(40))
            } else {
                Stroke::new(1.5, Color32::WHITE)
            },
            emphasised: this == selected || this == hovered,
        };
        if tally.count == 1 {
            paint_single(painter, &d.data.layer.records[tally.first as usize], t, &m);
        } else {
            paint_cluster(painter, &tally, &m);
        }
    });
}

/// How one marker is drawn this frame: where, how big, its colours and ring.
struct Marker {
    p: Pos2,
    r: f32,
    color: Color32,
    fill: Color32,
    ring: Stroke,
    emphasised: bool,
}

/// One event: a dot, or for an imprecise place a hollow dot inside the area it may lie in.
fn paint_single(painter: &Painter, rec: &Record, t: &ScreenTransform, m: &Marker) {
    let Some(km) = rec.place.radius_km() else {
        painter.circle(m.p, m.r, m.fill, m.ring);
        return;
    };
    // The area the event may lie in: about `km` around the point.
    let px_per_km = t.scale / (40_075.0 * f64::from(rec.lat).to_radians().cos());
    let rr = (km * px_per_km) as f32;
    if rr > m.r + 2.0 {
        let edge = Stroke::new(1.0, m.color.gamma_multiply(0.5));
        painter.circle(m.p, rr.min(4000.0), m.color.gamma_multiply(0.10), edge);
    }
    let hollow = Color32::WHITE.gamma_multiply(0.8);
    painter.circle(m.p, m.r, hollow, Stroke::new(2.5, m.fill));
    if m.emphasised {
        painter.circle_stroke(m.p, m.r + 2.0, m.ring);
    }
}

/// A cluster: a disc with its count, an inner ring when kinds mix, a notch when some places
/// are approximate.
fn paint_cluster(painter: &Painter, tally: &Tally, m: &Marker) {
    let (p, r) = (m.p, m.r);
    painter.circle(p, r, m.fill.gamma_multiply(0.75), m.ring);
    if tally.mixed {
        painter.circle_stroke(p, r - 3.0, Stroke::new(1.0, Color32::from_white_alpha(160)));
    }
    let size = (r * 0.8).clamp(9.0, 14.0);
    let text_color = if m.color.intensity() > 0.6 {
        Color32::BLACK
    } else {
        Color32::WHITE
    };
    let font = FontId::proportional(size);
    painter.text(
        p,
        Align2::CENTER_CENTER,
        short_count(tally.count),
        font,
        text_color,
    );
    if tally.imprecise {
        // A small notch: some of these events are only placed approximately.
        let notch = pos2(p.x + r * 0.7, p.y - r * 0.7);
        painter.circle_filled(notch, 3.0, Color32::WHITE);
        painter.circle_stroke(notch, 3.0, Stroke::new(1.0, m.color));
    }
}

fn paint_shapes(painter: &Painter, d: &LayerDraw, t: &ScreenTransform) {
    for (i, shape) in d.data.layer.shapes.iter().enumerate() {
        if !d.shapes_shown.get(i).copied().unwrap_or(false) {
            continue;
        }
        let kind = d
            .data
            .layer
            .records
            .get(shape.record as usize)
            .map_or(0, |r| r.kind);
        let color = kind_color(kind);
        for part in &shape.parts {
            let pts: Vec<Pos2> = part
                .iter()
                .map(|c| {
                    t.apply(geo::Coord {
                        x: f64::from(c[0]),
                        y: f64::from(c[1]),
                    })
                })
                .collect();
            if shape.closed {
                painter.add(egui::Shape::closed_line(pts, Stroke::new(1.5, color)));
            } else {
                painter.add(egui::Shape::line(pts, Stroke::new(2.5, color)));
            }
        }
    }
}

/// The walkers plugin.
pub struct ImportedLayer {
    pub layers: Arc<Vec<LayerDraw>>,
    pub selected: Option<ClusterHit>,
    pub hovered: Option<ClusterHit>,
}

impl super::Paint for ImportedLayer {
    fn paint(&self, painter: &Painter, t: &ScreenTransform) {
        paint(painter, &self.layers, t, self.selected, self.hovered);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_short() {
        assert_eq!(short_count(7), "7");
        assert_eq!(short_count(1234), "1.2k");
        assert_eq!(short_count(34_200), "34k");
        assert_eq!(short_count(1_100_000), "1.1M");
    }
}
