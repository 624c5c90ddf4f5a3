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
    let by_sym: Vec<Option<u8>> = layer
        .strings
        .iter()
        .map(|s| by_name.get(&normalise_province(s)).copied())
        .collect();
    for (n, r) in layer.records.iter_mut().enumerate() {
        if n % 65536 == 0 && progress.cancelled() {
            return;
        }
        r.province = match by_sym.get(r.admin1 as usize).copied().flatten() {
            Some(p) => p,
            None => locate(f64::from(r.lon), f64::from(r.lat))
                .and_then(|p| u8::try_from(p).ok())
                .filter(|&p| p != Record::NO_PROVINCE)
                .unwrap_or(Record::NO_PROVINCE),
        };
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
    let mut country_at: HashMap<(u32, u32), Option<usize>> = HashMap::new();
    let mut unit_at: HashMap<(u32, u32), Option<u16>> = HashMap::new();
    let mut names: HashMap<usize, HashMap<String, u16>> = HashMap::new();
    let mut by_name: HashMap<(usize, u32), Option<u16>> = HashMap::new();
    let mut out = Vec::with_capacity(layer.records.len());
    for (n, r) in layer.records.iter().enumerate() {
        if n % 65536 == 0 && progress.cancelled() {
            break;
        }
        let (lon, lat) = (f64::from(r.lon), f64::from(r.lat));
        let key = (r.lon.to_bits(), r.lat.to_bits());
        let country = *country_at
            .entry(key)
            .or_insert_with(|| world.country_at(lon, lat));
        let written = layer.strings.get(r.admin1);
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
        let unit = named.or_else(|| {
            let c = country?;
            *unit_at
                .entry(key)
                .or_insert_with(|| world.unit_in(c, lon, lat))
        });
        out.push(unit.unwrap_or(NO_UNIT));
    }
    out
}
