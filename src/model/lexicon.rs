//! The geocoder's name table, `lexicon.json`: other names and demonyms of countries, other
//! spellings of provinces, and each country's first-level subdivision codes. Built by
//! `tools/build_data.py` from registry data, so no story's names live in code.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::DataError;

/// The lexicon's file name inside a story folder (optional: without it, only the names in the
/// boundaries and the gazetteer are known).
pub const LEXICON_FILE: &str = "lexicon.json";

/// Other names of one country.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CountryNames {
    /// ISO 3166-1 alpha-2.
    pub iso: String,
    /// Names and short forms news uses ("US", "Britain", "DR Congo").
    pub aliases: Vec<String>,
    /// Adjectives that stand for the country ("Afghan", "Tajik").
    pub demonyms: Vec<String>,
}

/// Spellings of one first-level subdivision.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Admin1Names {
    /// ISO 3166-2 code.
    pub iso: String,
    pub names: Vec<String>,
}

/// `lexicon.json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Lexicon {
    /// Where the names come from (package and version).
    pub sources: Vec<String>,
    pub countries: Vec<CountryNames>,
    pub admin1: Vec<Admin1Names>,
    /// Country (alpha-2) → its first-level ISO 3166-2 codes: the province set a story of that
    /// country should have.
    pub subdivisions: BTreeMap<String, Vec<String>>,
}

impl Lexicon {
    /// Parses the file; a malformed one gives its name, line and column.
    ///
    /// ```
    /// use event_atlas::model::Lexicon;
    /// let l = Lexicon::parse("lexicon.json", r#"{"countries": [{"iso": "GB", "aliases": ["UK"]}],
    ///   "subdivisions": {"AF": ["AF-BAL"]}}"#).unwrap();
    /// assert_eq!(l.countries[0].aliases, ["UK"]);
    /// assert_eq!(l.subdivisions["AF"], ["AF-BAL"]);
    /// ```
    pub fn parse(name: &str, text: &str) -> Result<Self, DataError> {
        serde_json::from_str(text).map_err(|e| DataError::json(name.to_string(), &e))
    }

    /// Spellings of each subdivision, by ISO 3166-2 code.
    pub fn admin1_names(&self) -> HashMap<&str, &[String]> {
        self.admin1
            .iter()
            .map(|a| (a.iso.as_str(), a.names.as_slice()))
            .collect()
    }
}
