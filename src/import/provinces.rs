//! Which basemap province each imported event is in, so the province panel can list them.
//!
//! Datasets name the province (`admin1`, `adm_1`); matching the name is cheap and is what the
//! source meant. Only events whose name matches no province are located by point-in-polygon.

use std::collections::HashMap;

use super::{Layer, Progress, Record, Stage};

/// A province name reduced for matching: ASCII, lower case, no "province"/"wilayat", no spaces
/// or punctuation.
///
/// ```
/// use event_atlas::import::normalise_province;
/// assert_eq!(normalise_province("Badakhshan province"), normalise_province("BADAKHSHĀN"));
/// assert_eq!(normalise_province("Sar-e Pol"), "sarepol");
/// ```
pub fn normalise_province(name: &str) -> String {
    let ascii = deunicode::deunicode(name).to_ascii_lowercase();
    let stripped = ascii
        .replace(" province", "")
        .replace("province of ", "")
        .replace("wilayat", "");
    stripped
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// Sets [`Record::province`] for every record: by name where `admin1` matches one of a
/// province's `spellings` (its name and the lexicon's other names for it), else by
/// `locate(lon, lat)`.
pub fn assign_provinces(
    layer: &mut Layer,
    spellings: &[Vec<String>],
    locate: impl Fn(f64, f64) -> Option<usize>,
    progress: &Progress,
) {
    progress.set_stage(Stage::Provinces.label());
    let names = ProvinceNames::new(layer, spellings);
    let n = layer.records.len();
    for start in (0..n).step_by(65536) {
        if progress.cancelled() {
            return;
        }
        names.assign(layer, start..(start + 65536).min(n), &locate);
    }
}

/// The story's provinces by every spelling, matched to a layer's `admin1` strings: made once,
/// then used for the records a range at a time (the browser's import runs in slices).
pub struct ProvinceNames {
    by_sym: Vec<Option<u8>>,
}

impl ProvinceNames {
    /// The layer's strings matched to `spellings` (each province's names, in order).
    pub fn new(layer: &Layer, spellings: &[Vec<String>]) -> Self {
        let mut by_name: HashMap<String, u8> = HashMap::new();
        for (i, names) in spellings
            .iter()
            .enumerate()
            .take(usize::from(Record::NO_PROVINCE))
        {
            for name in names {
                by_name.entry(normalise_province(name)).or_insert(i as u8);
            }
        }
        let by_sym = layer
            .strings
            .iter()
            .map(|s| by_name.get(&normalise_province(s)).copied())
            .collect();
        Self { by_sym }
    }

    /// Sets the province of the records in `range`: the one their `admin1` names, else the
    /// one `locate` finds under their point.
    pub fn assign(
        &self,
        layer: &mut Layer,
        range: std::ops::Range<usize>,
        locate: impl Fn(f64, f64) -> Option<usize>,
    ) {
        for r in &mut layer.records[range] {
            r.province = match self.by_sym.get(r.admin1 as usize).copied().flatten() {
                Some(p) => p,
                None => locate(f64::from(r.lon), f64::from(r.lat))
                    .and_then(|p| u8::try_from(p).ok())
                    .filter(|&p| p != Record::NO_PROVINCE)
                    .unwrap_or(Record::NO_PROVINCE),
            };
        }
    }
}

/// [`Imported::world_units`](super::Imported::world_units) of a record in no unit.
pub const NO_UNIT: u16 = u16::MAX;

/// Where the world's first-level units are looked up, for [`assign_world_units`].
pub trait WorldUnitLookup {
    /// The country (any numbering) under lon/lat, if any country's units cover it.
    fn country_at(&self, lon: f64, lat: f64) -> Option<usize>;
    /// Countries near lon/lat (their box, widened a little, holds it): where a row whose
    /// point fell just across a border finds the unit it names.
    fn countries_near(&self, lon: f64, lat: f64) -> Vec<usize>;
    /// Country `c`'s units, each with its number and a name it answers to (a unit may come
    /// more than once, under each of its names and its code).
    fn unit_names(&self, c: usize) -> Vec<(u16, String)>;
    /// Country `c`'s unit containing lon/lat.
    fn unit_in(&self, c: usize, lon: f64, lat: f64) -> Option<u16>;
}

/// Each record's first-level unit of the world: the unit its `admin1` names within the country
/// its point lies in (what the source meant) or, for a point just across a border, in a country
/// near it; else the unit containing its point. Repeated points and names, the rule in event
/// data, are looked up once.
///
/// ```
/// use event_atlas::import::{Layer, Record, WorldUnitLookup, assign_world_units, Progress};
/// struct Two; // one country, west and east of 0°
/// impl WorldUnitLookup for Two {
///     fn country_at(&self, lon: f64, _: f64) -> Option<usize> { (lon.abs() < 10.0).then_some(0) }
///     fn countries_near(&self, lon: f64, _: f64) -> Vec<usize> { if lon.abs() < 11.0 { vec![0] } else { vec![] } }
///     fn unit_names(&self, _: usize) -> Vec<(u16, String)> { vec![(0, "West".into()), (1, "East".into())] }
///     fn unit_in(&self, _: usize, lon: f64, _: f64) -> Option<u16> { Some(u16::from(lon > 0.0)) }
/// }
/// let mut layer = Layer::default();
/// let east = layer.strings.intern(b"EAST");
/// let mut named = Record::at(-1.0, 0.0); // west of 0°, but its row says East
/// named.admin1 = east;
/// layer.records = vec![named, Record::at(-1.0, 0.0), Record::at(50.0, 0.0)];
/// assert_eq!(assign_world_units(&layer, &Two, &Progress::default()), [1, 0, u16::MAX]);
/// ```
pub fn assign_world_units(
    layer: &Layer,
    world: &dyn WorldUnitLookup,
    progress: &Progress,
) -> Vec<u16> {
    let mut finder = WorldUnitFinder::default();
    let mut out = Vec::with_capacity(layer.records.len());
    let n = layer.records.len();
    for start in (0..n).step_by(65536) {
        if progress.cancelled() {
            break;
        }
        finder.find(layer, start..(start + 65536).min(n), world, &mut out);
    }
    out
}

/// [`assign_world_units`] a range of records at a time (the browser's import runs in slices),
/// its lookups remembered from range to range.
#[derive(Default)]
pub struct WorldUnitFinder {
    country_at: HashMap<(u32, u32), Option<usize>>,
    unit_at: HashMap<(u32, u32), Option<u16>>,
    names: HashMap<usize, HashMap<String, u16>>,
    by_name: HashMap<(usize, u32), Option<u16>>,
}

impl WorldUnitFinder {
    /// Pushes the unit of each record in `range` to `out`.
    pub fn find(
        &mut self,
        layer: &Layer,
        range: std::ops::Range<usize>,
        world: &dyn WorldUnitLookup,
        out: &mut Vec<u16>,
    ) {
        for r in &layer.records[range] {
            out.push(self.unit_of(layer, r, world).unwrap_or(NO_UNIT));
        }
    }

    fn unit_of(&mut self, layer: &Layer, r: &Record, world: &dyn WorldUnitLookup) -> Option<u16> {
        let (lon, lat) = (f64::from(r.lon), f64::from(r.lat));
        let key = (r.lon.to_bits(), r.lat.to_bits());
        let country = *self
            .country_at
            .entry(key)
            .or_insert_with(|| world.country_at(lon, lat));
        let written = layer.strings.get(r.admin1);
        let (names, by_name) = (&mut self.names, &mut self.by_name);
        let mut named_in = |c: usize| {
            *by_name.entry((c, r.admin1)).or_insert_with(|| {
                let table = names.entry(c).or_insert_with(|| {
                    let units = world.unit_names(c);
                    units
                        .into_iter()
                        .map(|(u, name)| (normalise_province(&name), u))
                        .collect()
                });
                table.get(&normalise_province(written)).copied()
            })
        };
        let named = country.and_then(&mut named_in).or_else(|| {
            let near = world.countries_near(lon, lat);
            near.into_iter()
                .filter(|&c| Some(c) != country)
                .find_map(&mut named_in)
        });
        named.or_else(|| {
            let c = country?;
            *self
                .unit_at
                .entry(key)
                .or_insert_with(|| world.unit_in(c, lon, lat))
        })
    }
}
