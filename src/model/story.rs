//! The manifest of a story folder, `story.json`: what the story is, where its article is, which
//! countries it draws, where the map starts and whom it credits.
//!
//! This is a fixed contract (outside tools and later parts write story folders), so fields are
//! only ever added; unknown fields are accepted and ignored.

use serde::{Deserialize, Serialize};

use super::{DataError, PartialDate, SlideView};

/// The manifest's file name inside a story folder.
pub const STORY_FILE: &str = "story.json";

/// `story.json`.
///
/// ```
/// use event_atlas::model::{SlideView, Story};
/// let s = Story::parse("story.json", r#"{
///   "title": "T", "article": "source/article.txt", "publisher": "P", "published": "2021-07-05",
///   "url": null, "language": "en", "countries": ["AF"], "home": {"fit": ["AF"]},
///   "credits": ["Story: P"], "something_extra": 1 }"#).unwrap();
/// assert_eq!(s.countries, ["AF"]);
/// assert_eq!(s.home, SlideView::Fit { fit: vec!["AF".into()] });
/// assert_eq!(s.attribution(), "Story: P");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    pub title: String,
    /// Path of the article's text inside the folder.
    pub article: String,
    #[serde(default)]
    pub publisher: Option<String>,
    /// Publication date: relative dates in the article count from it.
    #[serde(default)]
    pub published: Option<PartialDate>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default = "english")]
    pub language: String,
    /// ISO 3166-1 alpha-2 codes of the countries whose provinces the story draws and makes
    /// clickable (their provinces come from `boundaries/provinces.geojson`).
    pub countries: Vec<String>,
    /// Where the map starts and where Home goes: a tour slide's `view`.
    pub home: SlideView,
    /// Credits shown in the About box and on exported pictures.
    #[serde(default)]
    pub credits: Vec<String>,
    /// Short credit line for the map's corner (an extra field; the credits joined by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<String>,
}

fn english() -> String {
    "en".into()
}

impl Story {
    /// Parses a manifest; a malformed one gives its name, line and column.
    pub fn parse(name: &str, text: &str) -> Result<Self, DataError> {
        serde_json::from_str(text).map_err(|e| DataError::json(name.to_string(), &e))
    }

    /// The credit line for the map's corner.
    pub fn attribution(&self) -> String {
        self.attribution
            .clone()
            .unwrap_or_else(|| self.credits.join(" · "))
    }

    /// Whether the story draws the provinces of `country` (alpha-2, any case).
    pub fn draws(&self, country: &str) -> bool {
        self.countries
            .iter()
            .any(|c| c.eq_ignore_ascii_case(country))
    }
}

/// The country code of an ISO 3166-2 subdivision code: `AF` for `AF-BDS`.
///
/// ```
/// assert_eq!(event_atlas::model::country_of_subdivision("AF-BDS"), "AF");
/// ```
pub fn country_of_subdivision(iso: &str) -> &str {
    iso.split_once('-').map_or(iso, |(c, _)| c)
}
