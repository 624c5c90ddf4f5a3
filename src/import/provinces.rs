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
