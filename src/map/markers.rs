//! Event markers: one per place, coloured and lettered by kind, sized by how many events.

use std::sync::{Arc, Mutex};

use egui::{Align2, Color32, FontId, Pos2, Stroke, vec2};

use super::ScreenTransform;
use super::style::{glyph_color, kind_color, kind_glyph};
use crate::atlas::{Atlas, MarkerLook};
use crate::timeline::Visible;

/// Where a marker ends up on screen after overlapping ones are spread apart.
#[derive(Debug, Clone, Copy)]
pub struct PlacedMarker {
    pub marker: usize,
    pub center: Pos2,
    pub radius: f32,
    /// What shows of it under the filter.
    pub look: MarkerLook,
}

/// Radius for a marker with `n` events.
fn radius(n: usize) -> f32 {
    (7.0 + 2.0 * ((n.max(1) - 1) as f32).sqrt()).min(13.0)
}

/// The marker layout of one view and one filter, computed by whichever of the markers, the
/// labels and the hit tests needs it first in a frame, and shared with the others (the layout
/// spreads overlapping markers apart, quadratic in the markers in view: once a frame at most).
#[derive(Debug, Clone, Default)]
pub struct SharedLayout(Arc<Mutex<Option<LayoutEntry>>>);

/// A computed layout and what it was computed for.
#[derive(Debug)]
struct LayoutEntry {
    view: ScreenTransform,
    /// Held, so the allocation the pointer comparison relies on stays alive.
    vis: Arc<Visible>,
    placed: Arc<Vec<PlacedMarker>>,
}

impl SharedLayout {
    /// The layout for view `t` and filter `vis`, computed only if it changed since last asked.
    pub fn get(
        &self,
        atlas: &Atlas,
        t: &ScreenTransform,
        vis: &Arc<Visible>,
    ) -> Arc<Vec<PlacedMarker>> {
        let mut slot = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(e) = slot.as_ref()
            && e.view == *t
            && Arc::ptr_eq(&e.vis, vis)
        {
            return e.placed.clone();
        }
        let placed = Arc::new(layout(atlas, t, vis));
        *slot = Some(LayoutEntry {
            view: *t,
            vis: vis.clone(),
            placed: placed.clone(),
        });
        placed
    }
}

/// Screen layout of the markers the filter lets through (shared by drawing, labels and hit
/// testing, so what is clicked is what is drawn).
pub fn layout(atlas: &Atlas, t: &ScreenTransform, vis: &Visible) -> Vec<PlacedMarker> {
    let mut placed: Vec<PlacedMarker> = Vec::new();
    let area = t.rect.expand(20.0);
    for (i, m) in atlas.markers.iter().enumerate() {
        let home = t.apply(m.at);
        if !area.contains(home) {
            continue;
        }
        let Some(look) = atlas.marker_look(i, vis) else {
            continue;
        };
        let r = radius(look.count);
        let mut center = home;
        // Spread overlapping markers around their true spot, nearest free slot first.
        'search: for ring in 1..6 {
            if placed
                .iter()
                .all(|p| p.center.distance(center) >= p.radius + r + 1.0)
            {
                break 'search;
            }
            let dist = ring as f32 * (r + 6.0);
            for k in 0..(6 * ring) {
                let a = k as f32 / (6 * ring) as f32 * std::f32::consts::TAU
                    - std::f32::consts::FRAC_PI_2;
                let c = home + vec2(a.cos(), a.sin()) * dist;
                if placed
                    .iter()
                    .all(|p| p.center.distance(c) >= p.radius + r + 1.0)
                {
                    center = c;
                    break 'search;
                }
            }
        }
        placed.push(PlacedMarker {
            marker: i,
            center,
            radius: r,
            look,
        });
    }
    placed
}

/// Draws the event markers.
pub struct MarkersLayer {
    pub atlas: Arc<Atlas>,
    pub visible: Arc<Visible>,
    /// The frame's marker layout, shared with the labels and the hit tests.
    pub layout: SharedLayout,
    /// Markers a tour slide highlights.
    pub highlighted: Arc<Vec<usize>>,
    pub selected: Option<usize>,
    pub hovered: Option<usize>,
}

impl super::Paint for MarkersLayer {
    fn paint(&self, painter: &egui::Painter, t: &ScreenTransform) {
        for p in self.layout.get(&self.atlas, t, &self.visible).iter() {
            let m = &self.atlas.markers[p.marker];
            let home = t.apply(m.at);
            // Events that may not have happened yet (the cursor is inside their month or year)
            // are drawn faded.
            let alpha = if p.look.sure { 1.0 } else { 0.45 };
            if home.distance(p.center) > 1.0 {
                painter.line_segment([home, p.center], Stroke::new(1.0, Color32::from_gray(90)));
                painter.circle_filled(home, 2.0, Color32::from_gray(60));
            }
            let emphasis = Some(p.marker) == self.selected
                || Some(p.marker) == self.hovered
                || self.highlighted.contains(&p.marker);
            if emphasis {
                painter.circle_filled(p.center, p.radius + 4.0, Color32::from_black_alpha(70));
            }
            painter.circle(
                p.center,
                p.radius,
                kind_color(p.look.kind).gamma_multiply(alpha),
                Stroke::new(1.5, Color32::WHITE),
            );
            painter.text(
                p.center,
                Align2::CENTER_CENTER,
                kind_glyph(p.look.kind),
                FontId::proportional(p.radius * 1.1),
                glyph_color(p.look.kind),
            );
            if p.look.count > 1 {
                let badge = p.center + vec2(p.radius * 0.8, -p.radius * 0.8);
                painter.circle(
                    badge,
                    6.5,
                    Color32::WHITE,
                    Stroke::new(1.0, Color32::from_gray(60)),
                );
                painter.text(
                    badge,
                    Align2::CENTER_CENTER,
                    p.look.count.to_string(),
                    FontId::proportional(9.0),
                    Color32::BLACK,
                );
            }
        }
    }
}
