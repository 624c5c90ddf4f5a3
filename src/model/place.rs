//! Places the article names, as the geocoder resolved them.

use serde::{Deserialize, Serialize};

/// What sort of thing a place is; decides how it is drawn and matched.
#[derive(
    Debug, Default, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    Country,
    Province,
    City,
    Site,
    Border,
    #[default]
    Region,
}

impl PlaceKind {
    /// Lower-case name as used in the data files.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Country => "country",
            Self::Province => "province",
            Self::City => "city",
            Self::Site => "site",
            Self::Border => "border",
            Self::Region => "region",
        }
    }
}

/// One entry of `data/places.json`: the data contract other tools rely on.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub id: String,
    pub name: String,
    pub kind: PlaceKind,
    pub lat: f64,
    pub lon: f64,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// ISO 3166-2 code of the province the point lies in, if the story draws its country.
    pub province: Option<String>,
    /// Where the coordinates come from, e.g. `GeoNames 1138958`.
    pub source: String,
    /// Verbatim strings of the article that name this place.
    pub mentions: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geonames_id: Option<u64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Line or area geometry (e.g. the border), GeoJSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geometry: Option<geojson::Geometry>,
}

impl Place {
    /// The point as a geo type (x = lon, y = lat).
    pub fn point(&self) -> geo::Point<f64> {
        geo::Point::new(self.lon, self.lat)
    }
}
