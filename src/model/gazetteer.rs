//! The gazetteer the geocoder searches: a GeoNames subset plus hand-added entries.

use serde::{Deserialize, Serialize};

use super::{DataError, PlaceKind};

/// One gazetteer entry (`data/gazetteer.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GazetteerEntry {
    pub geonames_id: Option<u64>,
    pub name: String,
    pub ascii: String,
    pub lat: f64,
    pub lon: f64,
    pub country: String,
    #[serde(default)]
    pub admin1: Option<String>,
    #[serde(default)]
    pub province: Option<String>,
    #[serde(default)]
    pub population: u64,
    pub kind: PlaceKind,
    #[serde(default)]
    pub alt: Vec<String>,
    pub source: String,
}

/// Reads `gazetteer.json`, refusing entries with impossible coordinates.
pub fn parse_gazetteer(file: &str, text: &str) -> Result<Vec<GazetteerEntry>, DataError> {
    let entries: Vec<GazetteerEntry> =
        serde_json::from_str(text).map_err(|e| DataError::json(file, &e))?;
    for (i, e) in entries.iter().enumerate() {
        if !(e.lat.is_finite() && e.lon.is_finite() && e.lat.abs() <= 90.0 && e.lon.abs() <= 180.0)
        {
            return Err(DataError {
                path: Some(format!("$[{i}]")),
                ..DataError::file(
                    file,
                    format!("{}: coordinate out of range: {}, {}", e.name, e.lat, e.lon),
                )
            });
        }
    }
    Ok(entries)
}
