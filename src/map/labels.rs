//! Names on the map: story places, provinces and countries, never overlapping each other.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use egui::{Align2, FontId, Pos2, Rect, Response, Ui, vec2};
use walkers::{MapMemory, Plugin, Projector};

use super::ScreenTransform;
use super::crossings::{arrow_label, arrow_path};
use super::markers::layout;
use super::style;
use super::text::{map_text, text_size};
use crate::atlas::Atlas;
use crate::model::Detail;
use crate::spatial::mercator::inverse_mercator;
use crate::timeline::Visible;

/// Draws labels in priority order, skipping any that would collide with one already drawn.
pub struct LabelsLayer {
    pub atlas: Arc<Atlas>,
    /// Labels of hidden markers, arrows and totals are left out.
    pub visible: Arc<Visible>,
    /// While playing, an arrow still growing in gets its label once it has arrived.
    pub motion: Option<super::crossings::Motion>,
    /// Screen areas covered by controls and the legend: no label goes under them.
    pub obstacles: Vec<Rect>,
    /// Where country labels went in the last view, reused while the view stands still.
    pub cache: Arc<Mutex<LabelSpots>>,
    pub selected_province: Option<usize>,
    pub hovered_province: Option<usize>,
    /// Extra scale for readability on projectors (1.0 = normal).
    pub text_scale: f32,
}

struct Candidate {
    text: String,
    at: Pos2,
    anchor: Align2,
    font: FontId,
    color: egui::Color32,
    /// Drawn even when it collides (the selected province).
    force: bool,
    /// Drawn in a framed box (the article's totals).
    boxed: bool,
    /// Other places to try, in order, when the first collides.
    alternatives: Vec<(Pos2, Align2)>,
}

impl Candidate {
    fn new(text: String, at: Pos2, anchor: Align2, font: FontId, color: egui::Color32) -> Self {
        Self {
            text,
            at,
            anchor,
            font,
            color,
            force: false,
            boxed: false,
            alternatives: Vec::new(),
        }
    }
}

impl LabelsLayer {
    /// Paints into `painter` for the view `t`.
    pub fn paint(&self, painter: &egui::Painter, t: &ScreenTransform) {
        let atlas = &self.atlas;
        let s = self.text_scale;
        let mut cands: Vec<Candidate> = Vec::new();

        let vis = &self.visible;
        let placed = layout(atlas, t, vis);
        let marker_at: Vec<Pos2> = placed.iter().map(|p| p.center).collect();
        // No label covers a marker.
        let marker_rects: Vec<Rect> = placed
            .iter()
            .map(|p| Rect::from_center_size(p.center, vec2(2.0 * p.radius, 2.0 * p.radius)))
            .collect();
        for i in [self.selected_province, self.hovered_province]
            .into_iter()
            .flatten()
        {
            let home = t.apply(atlas.province_labels[i]);
            // Below the province's own marker, if it has one there.
            let (at, anchor) = if marker_at.iter().any(|m| m.distance(home) < 14.0) {
                (home + vec2(0.0, 14.0), Align2::CENTER_TOP)
            } else {
                (home, Align2::CENTER_CENTER)
            };
            cands.push(Candidate {
                text: atlas.data.provinces[i].name.clone(),
                at,
                anchor,
                font: FontId::proportional(14.0 * s),
                color: style::LABEL,
                force: true,
                boxed: false,
                alternatives: Vec::new(),
            });
        }
        // The article's totals, framed, near where the crossings arrive.
        for total in atlas
            .totals
            .iter()
            .filter(|l| vis.totals.get(l.total).copied().unwrap_or(false))
        {
            let tot = &atlas.data.crossings.totals[total.total];
            let mut c = Candidate::new(
                tot.label(),
                t.apply(total.at) + vec2(24.0, -52.0),
                Align2::LEFT_CENTER,
                FontId::proportional(13.5 * s),
                style::LABEL,
            );
            c.boxed = true;
            c.alternatives = vec![
                (t.apply(total.at) + vec2(24.0, 44.0), Align2::LEFT_CENTER),
                (t.apply(total.at) + vec2(-24.0, -52.0), Align2::RIGHT_CENTER),
            ];
            cands.push(c);
        }
        // Crossings with a count, then story places, then crossings without one.
        let arrow_label = |arrow: &crate::atlas::Arrow| {
            let path = arrow_path(arrow, t);
            let mid = path[path.len() / 2];
            let dir = (path[path.len() / 2 + 1] - path[path.len() / 2 - 1]).normalized();
            // Beside the arrow, on the side facing up, so the text never sits on the shaft.
            let mut normal = vec2(-dir.y, dir.x);
            if normal.y > 0.0 {
                normal = -normal;
            }
            let beside = |n: egui::Vec2| (mid + n * 10.0, anchor_facing(n));
            let (at, anchor) = beside(normal);
            let mut c = Candidate::new(
                arrow_label(atlas, arrow),
                at,
                anchor,
                FontId::proportional(12.5 * s),
                style::LABEL,
            );
            c.alternatives = vec![beside(-normal)];
            c
        };
        let shown = |a: &&crate::atlas::Arrow| {
            vis.crossings.get(a.crossing).is_some_and(|v| v.shown())
                && self.motion.is_none_or(|m| {
                    let x = &atlas.data.crossings.crossings[a.crossing];
                    m.grown(x.date.first_day_number()) >= 1.0
                })
        };
        let counted = |a: &&crate::atlas::Arrow| {
            !atlas.data.crossings.crossings[a.crossing]
                .people
                .is_unknown()
        };
        cands.extend(
            atlas
                .arrows
                .iter()
                .filter(|a| shown(a) && counted(a))
                .map(arrow_label),
        );
        // Story places next to their markers.
        for p in placed {
            let place = &atlas.data.places[atlas.markers[p.marker].place];
            if cands.iter().any(|c| c.force && c.text == place.name) {
                continue; // the selected province's label already names it
            }
            cands.push(Candidate {
                text: place.name.clone(),
                at: p.center + vec2(p.radius + 3.0, 0.0),
                anchor: Align2::LEFT_CENTER,
                font: FontId::proportional(12.5 * s),
                color: style::LABEL,
                force: false,
                boxed: false,
                // Left, below, above: wherever the neighbours leave room.
                alternatives: vec![
                    (p.center - vec2(p.radius + 3.0, 0.0), Align2::RIGHT_CENTER),
                    (p.center + vec2(0.0, p.radius + 2.0), Align2::CENTER_TOP),
                    (p.center - vec2(0.0, p.radius + 2.0), Align2::CENTER_BOTTOM),
                ],
            });
        }
        cands.extend(
            atlas
                .arrows
                .iter()
                .filter(|a| shown(a) && !counted(a))
                .map(arrow_label),
        );
        let (visible, visible_provinces) = {
            let mut cache = self
                .cache
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if cache.view != Some(*t) {
                cache.countries = visible_parts(t, |p| atlas.country_at(p));
                cache.provinces = visible_parts(t, |p| atlas.province_at(p));
                cache.view = Some(*t);
            }
            (cache.countries.clone(), cache.provinces.clone())
        };
        for (i, pr) in atlas.data.provinces.iter().enumerate() {
            if Some(i) == self.selected_province || Some(i) == self.hovered_province {
                continue; // already a candidate, emphasised
            }
            let screen = t.apply_rect(atlas.province_shapes[i].bbox);
            let font = FontId::proportional(11.0 * s);
            if !screen.intersects(t.rect)
                || screen.width() < text_size(painter, &pr.name, font.clone()).x * 0.9
            {
                continue;
            }
            // Zoomed in, a province's middle may be off screen: label the part in view.
            let Some(at) = spot(t, atlas.province_labels[i], visible_provinces.get(&i)) else {
                continue;
            };
            cands.push(Candidate {
                text: pr.name.clone(),
                at,
                anchor: Align2::CENTER_CENTER,
                font,
                color: style::LABEL_MUTED,
                force: false,
                boxed: false,
                alternatives: Vec::new(),
            });
        }
        for detail in [Detail::Fine, Detail::Coarse] {
            for (i, c) in atlas.data.countries.iter().enumerate() {
                // The story's own countries are named by their provinces.
                if c.detail != detail || atlas.is_story_country(i) {
                    continue;
                }
                let screen = t.apply_rect(atlas.country_shapes[i].bbox);
                let text = c.name.to_uppercase();
                let font =
                    FontId::proportional(if detail == Detail::Fine { 13.0 } else { 11.0 } * s);
                if !screen.intersects(t.rect)
                    || screen.width() < text_size(painter, &text, font.clone()).x * 1.2
                {
                    continue;
                }
                let Some(at) = spot(t, atlas.country_labels[i], visible.get(&i)) else {
                    continue;
                };
                cands.push(Candidate::new(
                    text,
                    at,
                    Align2::CENTER_CENTER,
                    font,
                    style::LABEL_MUTED,
                ));
            }
        }

        let mut taken: Vec<Rect> = self.obstacles.clone();
        taken.extend(marker_rects);
        for c in cands {
            let size = text_size(painter, &c.text, c.font.clone());
            let pad = if c.boxed { 6.0 } else { 2.0 };
            let spots = std::iter::once((c.at, c.anchor)).chain(c.alternatives.iter().copied());
            let mut chosen = None;
            for (at, anchor) in spots {
                if !t.rect.contains(at) {
                    continue;
                }
                let rect = anchor.anchor_size(at, size).expand(pad);
                if c.force && taken.iter().any(|r| r.contains_rect(rect)) {
                    break; // already drawn (selected and hovered are the same province)
                }
                if c.force || !taken.iter().any(|r| r.intersects(rect)) {
                    chosen = Some((at, anchor, rect));
                    break;
                }
            }
            let Some((at, anchor, rect)) = chosen else {
                continue;
            };
            taken.push(rect);
            if c.boxed {
                painter.rect(
                    rect,
                    4.0,
                    egui::Color32::from_rgba_unmultiplied(255, 253, 246, 240),
                    egui::Stroke::new(1.2, style::ARROW),
                    egui::StrokeKind::Inside,
                );
            }
            let backed = !c.boxed && c.color != style::LABEL_MUTED;
            map_text(painter, at, anchor, &c.text, c.font, c.color, backed);
        }
    }
}

/// The text anchor that puts a label on the side `n` points to.
fn anchor_facing(n: egui::Vec2) -> Align2 {
    let pick = |v: f32| {
        if v < -0.3 {
            egui::Align::Max
        } else if v > 0.3 {
            egui::Align::Min
        } else {
            egui::Align::Center
        }
    };
    Align2([pick(n.x), pick(n.y)])
}

/// A region's label point: its middle when that is well inside the view, otherwise the spot
/// found in its visible part (if any of it shows).
fn spot(t: &ScreenTransform, middle: geo::Coord<f64>, visible: Option<&Pos2>) -> Option<Pos2> {
    let home = t.apply(middle);
    if t.rect.shrink(35.0).contains(home) {
        Some(home)
    } else {
        visible.copied()
    }
}

/// Country and province label spots computed for one view.
#[derive(Debug, Default)]
pub struct LabelSpots {
    view: Option<ScreenTransform>,
    countries: HashMap<usize, Pos2>,
    provinces: HashMap<usize, Pos2>,
}

/// For each region showing in the view, a point inside its visible part: a coarse grid over
/// the view, each sample located once, the sample nearest the middle of each region's samples.
fn visible_parts(
    t: &ScreenTransform,
    locate: impl Fn(geo::Point<f64>) -> Option<usize>,
) -> HashMap<usize, Pos2> {
    const NX: usize = 16;
    const NY: usize = 10;
    let r = t.rect;
    let mut samples: HashMap<usize, Vec<Pos2>> = HashMap::new();
    for gx in 0..NX {
        for gy in 0..NY {
            let pos = r.min
                + vec2(
                    r.width() * (gx as f32 + 0.5) / NX as f32,
                    r.height() * (gy as f32 + 0.5) / NY as f32,
                );
            let lonlat = inverse_mercator(t.invert(pos));
            if let Some(c) = locate(geo::Point(lonlat)) {
                samples.entry(c).or_default().push(pos);
            }
        }
    }
    samples
        .into_iter()
        .filter(|(_, v)| v.len() >= 3)
        .filter_map(|(c, v)| {
            let n = v.len() as f32;
            let mean = v.iter().fold(Pos2::ZERO, |acc, p| acc + p.to_vec2() / n);
            let best = v
                .into_iter()
                .min_by(|a, b| a.distance(mean).total_cmp(&b.distance(mean)))?;
            Some((c, best))
        })
        .collect()
}

impl Plugin for LabelsLayer {
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
