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

/// Other spellings of the basemap's province names found in ACLED and UCDP data.
pub const ALIASES: [(&str, &[&str]); 17] = [
    (
        "Sar-e Pul",
        &["Sari Pul", "Sar-e-Pol", "Sar-e Pol", "Sari Pol", "Saripul"],
    ),
    ("Uruzgan", &["Urozgan", "Oruzgan", "Oruzgan"]),
    ("Nimruz", &["Nimroz"]),
    ("Panjshir", &["Panjsher", "Panjsheer"]),
    ("Jowzjan", &["Jawzjan", "Jauzjan"]),
    ("Daykundi", &["Daikundi", "Daikondi", "Day Kundi"]),
    ("Wardak", &["Maidan Wardak", "Maydan Wardak", "Vardak"]),
    ("Paktia", &["Paktya"]),
    ("Kunar", &["Konar"]),
    ("Helmand", &["Hilmand"]),
    ("Herat", &["Hirat"]),
    ("Khost", &["Khowst"]),
    ("Bamyan", &["Bamian"]),
    ("Ghor", &["Ghowr"]),
    ("Nangarhar", &["Ningarhar"]),
    ("Kunduz", &["Kondoz", "Qunduz"]),
    ("Nuristan", &["Nooristan"]),
];

/// Sets [`Record::province`] for every record: by name where `admin1` matches one of `names`
/// (or one of its [`ALIASES`]), else by `locate(lon, lat)`.
pub fn assign_provinces(
    layer: &mut Layer,
    names: &[String],
    locate: impl Fn(f64, f64) -> Option<usize>,
    progress: &Progress,
) {
    progress.set_stage(Stage::Provinces);
    let mut by_name: HashMap<String, u8> = HashMap::new();
    for (i, name) in names
        .iter()
        .enumerate()
        .take(usize::from(Record::NO_PROVINCE))
    {
        by_name.insert(normalise_province(name), i as u8);
        let aliases = ALIASES
            .iter()
            .filter(|(n, _)| n == name)
            .flat_map(|(_, a)| a.iter());
        for a in aliases {
            by_name.insert(normalise_province(a), i as u8);
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
