//! Where each crossing's arrow runs, and where the article's totals are written.

use std::collections::HashMap;

use geo::{ClosestPoint, Coord, MultiPolygon};

use super::Atlas;
use crate::model::PlaceKind;
use crate::spatial::mercator;

/// Length (unit Mercator, about 130 km at 35°N) of an arrow whose origin is a whole country.
const COUNTRY_ARROW: f64 = 0.004;

/// The drawn shape of one crossing: where the arrow starts and ends.
#[derive(Debug, Clone)]
pub struct Arrow {
    pub crossing: usize,
    pub from: Coord<f64>,
    pub to: Coord<f64>,
    /// Sideways bend of the curve, as a fraction of its length; distinct per parallel arrow.
    pub bend: f64,
}

/// Where a total ("nearly 1,600 in 5 crossings over a fortnight") is written.
#[derive(Debug, Clone)]
pub struct TotalLabel {
    pub total: usize,
    pub at: Coord<f64>,
}

/// Country (or province) shape a crossing goes to, for finding where it crosses.
fn destination_shape(atlas: &Atlas, place: usize) -> Option<&MultiPolygon<f64>> {
    let p = &atlas.data.places[place];
    match p.kind {
        PlaceKind::Country => atlas
            .ids
            .country(&p.country)
            .map(|c| &atlas.data.countries[c].shape),
        PlaceKind::Province => p
            .province
            .as_deref()
            .and_then(|iso| atlas.ids.province(iso))
            .map(|i| &atlas.data.provinces[i].shape),
        _ => None,
    }
}

/// The arrow's ends: from the origin to a little past where it reaches the destination. When
/// only the origin's country is known, a short arrow over the nearest stretch of border, not a
/// line from the middle of the country.
fn ends(atlas: &Atlas, from: usize, to: usize) -> (Coord<f64>, Coord<f64>) {
    let origin = &atlas.data.places[from];
    let start = origin.point();
    // Aim at the nearest point of the destination's outline.
    let crossing = match destination_shape(atlas, to).map(|s| s.closest_point(&start)) {
        Some(geo::Closest::SinglePoint(p) | geo::Closest::Intersection(p)) => p,
        _ => atlas.data.places[to].point(),
    };
    let (a, b) = (mercator(start.0), mercator(crossing.0));
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len = dx.hypot(dy).max(1e-12);
    let at = |k: f64| Coord {
        x: b.x + dx / len * k,
        y: b.y + dy / len * k,
    };
    if origin.kind == PlaceKind::Country {
        (at(-COUNTRY_ARROW), at(COUNTRY_ARROW * 0.6))
    } else {
        // Far enough past the border to show where they went.
        (a, at((len * 0.35).max(COUNTRY_ARROW * 0.5)))
    }
}

/// One arrow per crossing whose places are known; parallel arrows bend apart.
pub(super) fn build(atlas: &Atlas) -> Vec<Arrow> {
    let mut seen: HashMap<(usize, usize), usize> = HashMap::new();
    let mut arrows = Vec::new();
    for (i, x) in atlas.data.crossings.crossings.iter().enumerate() {
        let (Some(from), Some(to)) = (atlas.ids.place(&x.from), atlas.ids.place(&x.to)) else {
            continue;
        };
        let (a, b) = ends(atlas, from, to);
        let n = seen.entry((from, to)).or_default();
        let bend = 0.18 * (1.0 + *n as f64) * if n.is_multiple_of(2) { 1.0 } else { -1.0 };
        *n += 1;
        arrows.push(Arrow {
            crossing: i,
            from: a,
            to: b,
            bend,
        });
    }
    arrows
}

/// Each total with a count, written where its crossings arrive (their arrows' mean end).
pub(super) fn totals(atlas: &Atlas) -> Vec<TotalLabel> {
    let data = &atlas.data;
    data.crossings
        .totals
        .iter()
        .enumerate()
        .filter(|(_, t)| !t.people.is_unknown())
        .filter_map(|(i, t)| {
            let ends: Vec<Coord<f64>> = atlas
                .arrows
                .iter()
                .filter(|a| data.crossings.crossings[a.crossing].to == t.to)
                .map(|a| a.to)
                .collect();
            let at = if ends.is_empty() {
                let p = &data.places[atlas.ids.place(&t.to)?];
                mercator(Coord { x: p.lon, y: p.lat })
            } else {
                let n = ends.len() as f64;
                Coord {
                    x: ends.iter().map(|c| c.x).sum::<f64>() / n,
                    y: ends.iter().map(|c| c.y).sum::<f64>() / n,
                }
            };
            Some(TotalLabel { total: i, at })
        })
        .collect()
}
