//! The province set: each province belongs to a country the story draws, codes are distinct,
//! the set is the country's ISO 3166-2 list (from the lexicon), and each provincial capital
//! lies inside its own province.

use std::collections::{BTreeSet, HashMap};

use super::checker::Checker;
use crate::model::Dataset;
use crate::spatial::ProvinceIndex;

const FILE: &str = "boundaries/provinces.geojson";

/// Codes distinct, countries drawn, and per country the set its ISO 3166-2 list gives.
pub(super) fn check_set(c: &mut Checker<'_>, ds: &Dataset) {
    let mut by_country: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    for (i, p) in ds.provinces.iter().enumerate() {
        let path = format!("$.features[{i}].properties.iso");
        if !by_country
            .entry(p.country())
            .or_default()
            .insert(p.iso.as_str())
        {
            c.fail(
                FILE,
                &p.iso,
                None,
                path,
                format!("duplicate province code {:?}", p.iso),
            );
        } else if !ds.story.draws(p.country()) {
            let msg = format!("{}: its country is not among story.json's countries", p.iso);
            c.fail(FILE, &p.iso, None, path, msg);
        }
    }
    for country in &ds.story.countries {
        let Some(expected) = ds.lexicon.subdivisions.get(country) else {
            continue; // no reference list for it: nothing to compare the count with
        };
        let expected: BTreeSet<&str> = expected.iter().map(String::as_str).collect();
        let found = by_country.remove(country.as_str()).unwrap_or_default();
        // None at all: the app draws the world's units of that country instead.
        if found.is_empty() {
            continue;
        }
        if found != expected {
            let missing: Vec<&&str> = expected.difference(&found).collect();
            let extra: Vec<&&str> = found.difference(&expected).collect();
            let msg = format!(
                "expected the {} provinces of {country} (ISO 3166-2, lexicon.json), found {}; missing {missing:?}, not in the list {extra:?}",
                expected.len(),
                found.len()
            );
            c.fail_key(FILE, "features", msg);
        }
    }
}

/// Each capital a province names is in the gazetteer and inside its own province (a province
/// taken from the world's admin-1 file names none). `points`: GeoNames id → (lat, lon), from
/// the story's and the world's gazetteers.
pub(super) fn check_capitals(c: &mut Checker<'_>, ds: &Dataset, points: &HashMap<u64, (f64, f64)>) {
    let index = ProvinceIndex::new(&ds.provinces);
    for (i, p) in ds.provinces.iter().enumerate() {
        if p.capital.is_empty() && p.capital_geonames_id.is_none() {
            continue;
        }
        let problem = match p.capital_geonames_id.and_then(|id| points.get(&id)) {
            None => format!(
                "capital {:?} (GeoNames {:?}) is not in the gazetteer",
                p.capital, p.capital_geonames_id
            ),
            Some(&(lat, lon)) => match index.locate(geo::Point::new(lon, lat)) {
                Some(k) if ds.provinces[k].iso == p.iso => continue,
                other => format!(
                    "capital {} at {}, {} lies in {:?}, not in its own province {}",
                    p.capital,
                    lat,
                    lon,
                    other.map(|k| &ds.provinces[k].iso),
                    p.iso
                ),
            },
        };
        let path = format!("$.features[{i}].properties.capital_geonames_id");
        c.fail(FILE, &p.iso, None, path, problem);
    }
}
