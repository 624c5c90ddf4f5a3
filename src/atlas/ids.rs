//! Id → index maps, built once, so every lookup by id (a selection, a tour's highlight, a
//! crossing's places) is a hash lookup, never a scan of the data.

use std::collections::HashMap;

use crate::model::Dataset;

/// Indexes of the dataset's records by their stable ids.
#[derive(Debug, Clone, Default)]
pub struct IdMaps {
    places: HashMap<String, usize>,
    events: HashMap<String, usize>,
    crossings: HashMap<String, usize>,
    totals: HashMap<String, usize>,
    /// ISO 3166-2 code (upper case) → province index.
    provinces: HashMap<String, usize>,
    /// ISO 3166-1 alpha-2 (upper case) → country index.
    countries: HashMap<String, usize>,
}

fn index<'a>(ids: impl Iterator<Item = &'a str>, upper: bool) -> HashMap<String, usize> {
    let mut map = HashMap::new();
    for (i, id) in ids.enumerate() {
        let key = if upper {
            id.to_uppercase()
        } else {
            id.to_string()
        };
        // The first record with an id wins (duplicates are reported by `check`).
        map.entry(key).or_insert(i);
    }
    map
}

impl IdMaps {
    /// Indexes every record of `data`.
    pub fn new(data: &Dataset) -> Self {
        Self {
            places: index(data.places.iter().map(|p| p.id.as_str()), false),
            events: index(data.events.iter().map(|e| e.id.as_str()), false),
            crossings: index(
                data.crossings.crossings.iter().map(|x| x.id.as_str()),
                false,
            ),
            totals: index(data.crossings.totals.iter().map(|t| t.id.as_str()), false),
            provinces: index(data.provinces.iter().map(|p| p.iso.as_str()), true),
            countries: index(data.countries.iter().map(|c| c.iso_a2.as_str()), true),
        }
    }

    /// A place by id.
    pub fn place(&self, id: &str) -> Option<usize> {
        self.places.get(id).copied()
    }

    /// An event by id.
    pub fn event(&self, id: &str) -> Option<usize> {
        self.events.get(id).copied()
    }

    /// A crossing by id.
    pub fn crossing(&self, id: &str) -> Option<usize> {
        self.crossings.get(id).copied()
    }

    /// A total by id.
    pub fn total(&self, id: &str) -> Option<usize> {
        self.totals.get(id).copied()
    }

    /// A province by ISO 3166-2 code, any case.
    pub fn province(&self, iso: &str) -> Option<usize> {
        self.provinces
            .get(iso)
            .or_else(|| self.provinces.get(&iso.to_uppercase()))
            .copied()
    }

    /// A country by ISO 3166-1 alpha-2 code, any case.
    pub fn country(&self, iso_a2: &str) -> Option<usize> {
        self.countries
            .get(iso_a2)
            .or_else(|| self.countries.get(&iso_a2.to_uppercase()))
            .copied()
    }
}
