//! Names on the map: story places, provinces and countries, never overlapping each other.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use egui::{Align2, FontId, Painter, Pos2, Rect, vec2};

use super::ScreenTransform;
use super::crossings::{arrow_label, arrow_path};
use super::markers::{PlacedMarker, SharedLayout};
use super::style;
use super::text::{map_text, text_size};
use crate::atlas::{Arrow, Atlas, UnitId};
use crate::model::Detail;
use crate::spatial::mercator::inverse_mercator;
use crate::timeline::Visible;

/// Degrees per pixel above which (a continent or the world in view) world units go unnamed.
pub(crate) const UNIT_LABELS_BELOW_DPP: f64 = 0.05;

/// Draws labels in priority order, skipping any that would collide with one already drawn.
pub struct LabelsLayer {
    pub atlas: Arc<Atlas>,
    /// Labels of hidden markers, arrows and totals are left out.
    pub visible: Arc<Visible>,
    /// The frame's marker layout, shared with the markers and the hit tests.
    pub layout: SharedLayout,
    /// While playing, an arrow still growing in gets its label once it has arrived.
    pub motion: Option<super::crossings::Motion>,
    /// Screen areas covered by controls and the legend: no label goes under them.
    pub obstacles: Vec<Rect>,
    /// Where country labels went in the last view, reused while the view stands still.
    pub cache: Arc<Mutex<LabelSpots>>,
    pub selected_province: Option<usize>,
    pub hovered_province: Option<usize>,
    pub selected_unit: Option<UnitId>,
    pub hovered_unit: Option<UnitId>,
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

impl super::Paint for LabelsLayer {
    /// Gathers candidates in priority order, then places each where it collides with nothing
    /// placed before it.
    fn paint(&self, painter: &Painter, t: &ScreenTransform) {
        let placed = self.layout.get(&self.atlas, t, &self.visible);
        let mut cands = self.focus_labels(t, &placed);
        self.focus_unit_labels(t, &mut cands);
        self.total_labels(t, &mut cands);
        self.arrow_labels(t, true, &mut cands);
        place_labels(&self.atlas, &placed, self.text_scale, &mut cands);
        self.arrow_labels(t, false, &mut cands);
        let (countries, provinces) = self.visible_spots(t);
        self.province_labels(painter, t, &provinces, &mut cands);
        self.country_labels(painter, t, &countries, &mut cands);
        self.unit_labels(painter, t, &mut cands);
        let mut taken: Vec<Rect> = self.obstacles.clone();
        // No label covers a marker.
        taken.extend(
            placed
                .iter()
                .map(|p| Rect::from_center_size(p.center, vec2(2.0 * p.radius, 2.0 * p.radius))),
        );
        for c in cands {
            draw(painter, t, c, &mut taken);
        }
    }
}

impl LabelsLayer {
    /// The selected and hovered provinces, always named (below their own marker, if any).
    fn focus_labels(&self, t: &ScreenTransform, placed: &[PlacedMarker]) -> Vec<Candidate> {
        let atlas = &self.atlas;
        let mut cands = Vec::new();
        for i in [self.selected_province, self.hovered_province]
            .into_iter()
            .flatten()
        {
            let home = t.apply(atlas.province_labels[i]);
            let (at, anchor) = if placed.iter().any(|m| m.center.distance(home) < 14.0) {
                (home + vec2(0.0, 14.0), Align2::CENTER_TOP)
            } else {
                (home, Align2::CENTER_CENTER)
            };
            let font = FontId::proportional(14.0 * self.text_scale);
            let mut c = Candidate::new(
                atlas.data.provinces[i].name.clone(),
                at,
                anchor,
                font,
                style::LABEL,
            );
            c.force = true;
            cands.push(c);
        }
        cands
    }

    /// The article's totals, framed, near where the crossings arrive.
    fn total_labels(&self, t: &ScreenTransform, cands: &mut Vec<Candidate>) {
        let atlas = &self.atlas;
        for total in atlas
            .totals
            .iter()
            .filter(|l| self.visible.totals.get(l.total).copied().unwrap_or(false))
        {
            let at = t.apply(total.at);
            let tot = &atlas.data.crossings.totals[total.total];
            let font = FontId::proportional(13.5 * self.text_scale);
            let mut c = Candidate::new(
                tot.label(),
                at + vec2(24.0, -52.0),
                Align2::LEFT_CENTER,
                font,
                style::LABEL,
            );
            c.boxed = true;
            c.alternatives = vec![
                (at + vec2(24.0, 44.0), Align2::LEFT_CENTER),
                (at + vec2(-24.0, -52.0), Align2::RIGHT_CENTER),
            ];
            cands.push(c);
        }
    }

    /// Crossings shown (and, while playing, arrived), those with a count or those without.
    fn arrow_labels(&self, t: &ScreenTransform, counted: bool, cands: &mut Vec<Candidate>) {
        let atlas = &self.atlas;
        let crossings = &atlas.data.crossings.crossings;
        let shown = |a: &&Arrow| {
            let x = &crossings[a.crossing];
            self.visible
                .crossings
                .get(a.crossing)
                .is_some_and(|v| v.shown())
                && x.people.is_unknown() != counted
                && !self.visible.concealed.figures
                && self
                    .motion
                    .is_none_or(|m| m.grown(x.date.first_day_number()) >= 1.0)
        };
        for arrow in atlas.arrows.iter().filter(shown) {
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
            let font = FontId::proportional(12.5 * self.text_scale);
            let mut c = Candidate::new(arrow_label(atlas, arrow), at, anchor, font, style::LABEL);
            c.alternatives = vec![beside(-normal)];
            cands.push(c);
        }
    }

    /// Where country and province labels go in this view (cached while the view stands still).
    fn visible_spots(&self, t: &ScreenTransform) -> (HashMap<usize, Pos2>, HashMap<usize, Pos2>) {
        let atlas = &self.atlas;
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
    }

    /// Province names, where the province is wide enough on screen to hold its name.
    fn province_labels(
        &self,
        painter: &Painter,
        t: &ScreenTransform,
        spots: &HashMap<usize, Pos2>,
        cands: &mut Vec<Candidate>,
    ) {
        let atlas = &self.atlas;
        for (i, pr) in atlas.data.provinces.iter().enumerate() {
            if Some(i) == self.selected_province || Some(i) == self.hovered_province {
                continue; // already a candidate, emphasised
            }
            let screen = t.apply_rect(atlas.province_shapes[i].bbox);
            let font = FontId::proportional(11.0 * self.text_scale);
            if !screen.intersects(t.rect)
                || screen.width() < text_size(painter, &pr.name, font.clone()).x * 0.9
            {
                continue;
            }
            // Zoomed in, a province's middle may be off screen: label the part in view.
            if let Some(at) = spot(t, atlas.province_labels[i], spots.get(&i)) {
                let c = Candidate::new(
                    pr.name.clone(),
                    at,
                    Align2::CENTER_CENTER,
                    font,
                    style::LABEL_MUTED,
                );
                cands.push(c);
            }
        }
    }

    /// Country names in capitals, the detailed region first; the story's own countries are
    /// named by their provinces instead.
    fn country_labels(
        &self,
        painter: &Painter,
        t: &ScreenTransform,
        spots: &HashMap<usize, Pos2>,
        cands: &mut Vec<Candidate>,
    ) {
        let atlas = &self.atlas;
        for detail in [Detail::Fine, Detail::Coarse] {
            for (i, c) in atlas.data.countries.iter().enumerate() {
                if c.detail != detail || atlas.is_story_country(i) || self.conceals_country(i) {
                    continue;
                }
                let screen = t.apply_rect(atlas.country_shapes[i].bbox);
                let text = c.name.to_uppercase();
                let size = if detail == Detail::Fine { 13.0 } else { 11.0 };
                let font = FontId::proportional(size * self.text_scale);
                if !screen.intersects(t.rect)
                    || screen.width() < text_size(painter, &text, font.clone()).x * 1.2
                {
                    continue;
                }
                if let Some(at) = spot(t, atlas.country_labels[i], spots.get(&i)) {
                    cands.push(Candidate::new(
                        text,
                        at,
                        Align2::CENTER_CENTER,
                        font,
                        style::LABEL_MUTED,
                    ));
                }
            }
        }
    }
}

impl LabelsLayer {
    /// The selected and hovered world units, always named.
    fn focus_unit_labels(&self, t: &ScreenTransform, cands: &mut Vec<Candidate>) {
        let world = &self.atlas.world;
        for u in [self.selected_unit, self.hovered_unit]
            .into_iter()
            .flatten()
        {
            let (Some(unit), Some(c)) = (world.unit(u), world.country_of(u)) else {
                continue;
            };
            let Some(units) = world.decoded(c) else {
                continue;
            };
            let at = t.apply(units.labels[(u - units.first) as usize]);
            let font = FontId::proportional(14.0 * self.text_scale);
            let mut c = Candidate::new(
                unit.name.clone(),
                at,
                Align2::CENTER_CENTER,
                font,
                style::LABEL,
            );
            c.force = true;
            cands.push(c);
        }
    }

    /// Names of the world's units drawn in view, where a unit is wide enough on screen for
    /// its name (after the countries' names, which matter more).
    fn unit_labels(&self, painter: &Painter, t: &ScreenTransform, cands: &mut Vec<Candidate>) {
        let world = &self.atlas.world;
        // At a world view the countries' names are what a reader needs.
        if t.degrees_per_pixel() > UNIT_LABELS_BELOW_DPP {
            return;
        }
        let font = FontId::proportional(10.5 * self.text_scale);
        for units in world.decoded_in(t.view_box()) {
            for (k, shape) in units.shapes.iter().enumerate() {
                let screen = t.apply_rect(shape.bbox);
                // Cheap tests first: most units are a few pixels wide. A unit across the
                // dateline (its box the world's width) says nothing by its width.
                if screen.width() < 40.0 || !screen.intersects(t.rect) || shape.bbox.width() > 0.25
                {
                    continue;
                }
                let name = &units.units[k].name;
                if screen.width() < text_size(painter, name, font.clone()).x * 1.1 {
                    continue;
                }
                let at = t.apply(units.labels[k]);
                if t.rect.shrink(20.0).contains(at) {
                    let c = Candidate::new(
                        name.clone(),
                        at,
                        Align2::CENTER_CENTER,
                        font.clone(),
                        style::LABEL_MUTED,
                    );
                    cands.push(c);
                }
            }
        }
    }

    /// Whether country `i` is the answer a waiting quiz question asks for.
    fn conceals_country(&self, i: usize) -> bool {
        let data = &self.atlas.data;
        self.visible
            .concealed
            .place
            .and_then(|p| data.places.get(p))
            .is_some_and(|p| {
                p.kind == crate::model::PlaceKind::Country
                    && p.country.eq_ignore_ascii_case(&data.countries[i].iso_a2)
            })
    }
}

/// Story places next to their markers: right, then left, below, above.
fn place_labels(atlas: &Atlas, placed: &[PlacedMarker], scale: f32, cands: &mut Vec<Candidate>) {
    for p in placed {
        let place = &atlas.data.places[atlas.markers[p.marker].place];
        if cands.iter().any(|c| c.force && c.text == place.name) {
            continue; // the selected province's label already names it
        }
        let font = FontId::proportional(12.5 * scale);
        let right = p.center + vec2(p.radius + 3.0, 0.0);
        let mut c = Candidate::new(
            place.name.clone(),
            right,
            Align2::LEFT_CENTER,
            font,
            style::LABEL,
        );
        c.alternatives = vec![
            (p.center - vec2(p.radius + 3.0, 0.0), Align2::RIGHT_CENTER),
            (p.center + vec2(0.0, p.radius + 2.0), Align2::CENTER_TOP),
            (p.center - vec2(0.0, p.radius + 2.0), Align2::CENTER_BOTTOM),
        ];
        cands.push(c);
    }
}

/// Draws a candidate at the first of its spots that collides with nothing in `taken` (a forced
/// one anyway), and takes its room.
fn draw(painter: &Painter, t: &ScreenTransform, c: Candidate, taken: &mut Vec<Rect>) {
    let size = text_size(painter, &c.text, c.font.clone());
    let pad = if c.boxed { 6.0 } else { 2.0 };
    let spots = std::iter::once((c.at, c.anchor)).chain(c.alternatives.iter().copied());
    let mut chosen = None;
    for (at, anchor) in spots.filter(|(at, _)| t.rect.contains(*at)) {
        let rect = anchor.anchor_size(at, size).expand(pad);
        if c.force && taken.iter().any(|r| r.contains_rect(rect)) {
            return; // already drawn (selected and hovered are the same province)
        }
        if c.force || !taken.iter().any(|r| r.intersects(rect)) {
            chosen = Some((at, anchor, rect));
            break;
        }
    }
    let Some((at, anchor, rect)) = chosen else {
        return;
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
    // Every label sits on a halo, so it reads on any fill (choropleth classes included).
    let backed = !c.boxed;
    map_text(painter, at, anchor, &c.text, c.font, c.color, backed);
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
