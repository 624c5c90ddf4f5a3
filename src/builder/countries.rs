//! The countries of a story: how often the article names each (by its places and its
//! people), which the story draws (with their provinces from the world's admin-1 file), and
//! which place stands for each when a crossing's origin is not named.

use std::collections::{HashMap, HashSet};

use super::places::Namings;
use super::text::whole_word;
use crate::model::{Lexicon, Place, PlaceKind, Province, WorldAdmin1};
use crate::spatial::ProvinceIndex;

/// A country is named by its people too ("Afghan soldiers", "the Sudanese army"): each
/// demonym the article uses becomes a mention of its country's place.
pub(super) fn add_demonyms(text: &str, places: &mut [Place], lexicon: &Lexicon) {
    for p in places.iter_mut().filter(|p| p.kind == PlaceKind::Country) {
        let Some(names) = lexicon.countries.iter().find(|c| c.iso == p.country) else {
            continue;
        };
        for d in &names.demonyms {
            let used = text
                .match_indices(d.as_str())
                .any(|(at, _)| whole_word(text, at, at + d.len()));
            if used && !p.mentions.contains(d) {
                p.mentions.push(d.clone());
            }
        }
    }
}

/// How often each country is named, by its places and its people.
pub(super) fn country_weights(places: &[Place], namings: &Namings) -> HashMap<String, usize> {
    let times = namings.times_named(places.len());
    let mut out: HashMap<String, usize> = HashMap::new();
    for (p, place) in places.iter().enumerate() {
        *out.entry(place.country.clone()).or_default() += times[p];
    }
    out
}

/// The places that are countries, the most named first, and their demonyms.
pub(super) fn ranked_countries(
    places: &[Place],
    weights: &HashMap<String, usize>,
    lexicon: &Lexicon,
) -> (Vec<usize>, HashMap<String, usize>) {
    let mut ranked: Vec<usize> = (0..places.len())
        .filter(|&p| places[p].kind == PlaceKind::Country)
        .collect();
    let weight = |p: usize| weights.get(&places[p].country).copied().unwrap_or(0);
    ranked.sort_by_key(|&p| std::cmp::Reverse(weight(p)));
    let mut demonyms = HashMap::new();
    for &p in &ranked {
        if let Some(c) = lexicon
            .countries
            .iter()
            .find(|c| c.iso == places[p].country)
        {
            for d in &c.demonyms {
                demonyms.entry(d.to_lowercase()).or_insert(p);
            }
        }
    }
    (ranked, demonyms)
}

/// The countries whose provinces the story draws: the most named one, and any named at least
/// twice and a quarter as often (at most four), each with provinces in the world's admin-1
/// file.
pub(super) fn story_countries(
    weights: &HashMap<String, usize>,
    admin1: &WorldAdmin1,
) -> Vec<String> {
    let mut by_country: Vec<(&String, &usize)> = weights.iter().collect();
    by_country.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let with_units: HashSet<&str> = admin1
        .countries()
        .filter(|(_, n)| *n > 0)
        .map(|(c, _)| c)
        .collect();
    by_country.retain(|(c, _)| with_units.contains(c.as_str()));
    let top = by_country.first().map_or(0, |c| *c.1);
    let mut out: Vec<String> = by_country
        .iter()
        .filter(|(_, n)| **n * 4 >= top && **n >= 2)
        .take(4)
        .map(|(c, _)| (*c).clone())
        .collect();
    // A short text may name each country once: the first named most still gets drawn.
    if out.is_empty()
        && let Some((c, _)) = by_country.first()
    {
        out.push((*c).clone());
    }
    out
}

pub(super) fn provinces_of(countries: &[String], admin1: &WorldAdmin1) -> Vec<Province> {
    countries
        .iter()
        .flat_map(|c| admin1.units_of(c).unwrap_or_default())
        .collect()
}

/// Each point of a story country lies in the province it claims; others claim none.
pub(super) fn assign_provinces(places: &mut [Place], provinces: &[Province], countries: &[String]) {
    let index = ProvinceIndex::new(provinces);
    for p in places.iter_mut() {
        let point_like = matches!(
            p.kind,
            PlaceKind::City | PlaceKind::Site | PlaceKind::Province
        );
        p.province = if point_like && countries.contains(&p.country) {
            index
                .locate(geo::Point::new(p.lon, p.lat))
                .map(|i| provinces[i].iso.clone())
        } else {
            None
        };
    }
}
