//! The borders a story's crossings cross, derived from the two countries' outlines: drawn
//! emphasised on the map, named in the legend.

use geo::Coord;

use super::Atlas;
use crate::spatial::{mercator, shared_border};

/// How far (degrees) two outlines may lie apart and still count as one border.
const TOLERANCE: f64 = 0.01;

/// A border between two countries that some crossing crosses.
#[derive(Debug, Clone)]
pub struct Border {
    /// Indexes into `data.countries`, the lower first.
    pub countries: [usize; 2],
    /// Its stretches, unit Mercator.
    pub lines: Vec<Vec<Coord<f64>>>,
    /// The countries it joins, for the legend ("Afghanistan–Tajikistan").
    pub name: String,
}

/// Every pair of countries joined by a crossing (its origin's country and its destination's),
/// once, with the stretches of border they share.
pub(super) fn build(atlas: &Atlas) -> Vec<Border> {
    let data = &atlas.data;
    let country_of = |id: &str| {
        let p = &data.places[atlas.ids.place(id)?];
        atlas.ids.country(&p.country)
    };
    let mut pairs: Vec<[usize; 2]> = data
        .crossings
        .crossings
        .iter()
        .filter_map(|x| Some((country_of(&x.from)?, country_of(&x.to)?)))
        .filter(|(a, b)| a != b)
        .map(|(a, b)| [a.min(b), a.max(b)])
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs
        .into_iter()
        .map(|countries| {
            let [a, b] = countries.map(|i| &data.countries[i].shape);
            let lines = shared_border(a, b, TOLERANCE)
                .0
                .iter()
                .map(|l| l.0.iter().map(|&c| mercator(c)).collect())
                .collect();
            let [a, b] = countries.map(|i| data.countries[i].name.as_str());
            Border {
                countries,
                lines,
                name: format!("{a}–{b}"),
            }
        })
        .filter(|b| !b.lines.is_empty())
        .collect()
}

/// The borders in words for the legend, one line per country of the story ("Afghanistan with
/// Pakistan, Tajikistan, Uzbekistan"), then any other pair ("Chad–Sudan").
pub(super) fn legend_lines(atlas: &Atlas) -> Vec<String> {
    let name = |i: usize| atlas.data.countries[i].name.as_str();
    let mut lines = Vec::new();
    let mut listed = vec![false; atlas.borders.len()];
    for &s in &atlas.story_countries {
        let others: Vec<&str> = atlas
            .borders
            .iter()
            .enumerate()
            .filter(|(_, b)| b.countries.contains(&s))
            .map(|(k, b)| {
                listed[k] = true;
                name(if b.countries[0] == s {
                    b.countries[1]
                } else {
                    b.countries[0]
                })
            })
            .collect();
        if !others.is_empty() {
            lines.push(format!("{} with {}", name(s), others.join(", ")));
        }
    }
    let rest = atlas.borders.iter().zip(&listed).filter(|(_, l)| !**l);
    lines.extend(rest.map(|(b, _)| b.name.clone()));
    lines
}
