//! What is under the pointer: a marker, a crossing arrow, a story province or a world unit (in
//! that order).

use egui::Pos2;

use super::ScreenTransform;
use super::crossings::arrow_path;
use super::markers::{PlacedMarker, layout};
use super::style::arrow_width;
use crate::atlas::{Atlas, UnitId};
use crate::spatial::mercator::inverse_mercator;
use crate::timeline::Visible;

/// The thing a click or hover lands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    Marker(usize),
    Crossing(usize),
    Province(usize),
    /// A first-level unit of a country the story does not draw itself.
    WorldUnit(UnitId),
}

impl Hit {
    /// The marker index, if this hit is a marker.
    pub fn marker(self) -> Option<usize> {
        match self {
            Hit::Marker(i) => Some(i),
            _ => None,
        }
    }

    /// The crossing index, if this hit is a crossing's arrow.
    pub fn crossing(self) -> Option<usize> {
        match self {
            Hit::Crossing(i) => Some(i),
            _ => None,
        }
    }

    /// The world unit, if this hit is one.
    pub fn world_unit(self) -> Option<UnitId> {
        match self {
            Hit::WorldUnit(u) => Some(u),
            _ => None,
        }
    }

    /// The province index, if this hit is a province.
    pub fn province(self) -> Option<usize> {
        match self {
            Hit::Province(i) => Some(i),
            _ => None,
        }
    }
}

fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let len2 = ab.length_sq();
    if len2 == 0.0 {
        return p.distance(a);
    }
    let s = ((p - a).dot(ab) / len2).clamp(0.0, 1.0);
    p.distance(a + ab * s)
}

/// Top-most thing the filter shows at screen point `pos` for the view `t` (lays the markers
/// out; the map reuses its frame's layout with [`hit_test_placed`]).
pub fn hit_test(atlas: &Atlas, t: &ScreenTransform, pos: Pos2, vis: &Visible) -> Option<Hit> {
    hit_test_placed(atlas, t, pos, vis, &layout(atlas, t, vis))
}

/// [`hit_test`] with the markers already laid out for this view and filter.
pub fn hit_test_placed(
    atlas: &Atlas,
    t: &ScreenTransform,
    pos: Pos2,
    vis: &Visible,
    placed: &[PlacedMarker],
) -> Option<Hit> {
    if let Some(m) = placed
        .iter()
        .rev()
        .find(|m| m.center.distance(pos) <= m.radius + 3.0)
    {
        return Some(Hit::Marker(m.marker));
    }
    for arrow in &atlas.arrows {
        if !vis.crossings.get(arrow.crossing).is_some_and(|v| v.shown()) {
            continue;
        }
        let path = arrow_path(arrow, t);
        let w = arrow_width(&atlas.data.crossings.crossings[arrow.crossing].people);
        if path
            .windows(2)
            .any(|s| distance_to_segment(pos, s[0], s[1]) <= w / 2.0 + 4.0)
        {
            return Some(Hit::Crossing(arrow.crossing));
        }
    }
    let at = geo::Point(inverse_mercator(t.invert(pos)));
    if let Some(p) = atlas.province_at(at) {
        return Some(Hit::Province(p));
    }
    atlas.world_unit_at(at).map(Hit::WorldUnit)
}
