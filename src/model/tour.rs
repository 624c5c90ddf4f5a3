//! A guided tour: an ordered list of slides a teacher steps through in front of a class.
//!
//! Each slide says where the map looks, which date it shows, what stands out, and what to say,
//! quoting the article. Tours are plain JSON so teachers can write and share their own.

use serde::{Deserialize, Serialize};

use super::{DataError, PartialDate, Window};

/// Where a slide's map looks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum SlideView {
    /// Fit these places, provinces (ISO codes such as `AF-BDS`) or countries (`TJ`) in view.
    Fit { fit: Vec<String> },
    /// A centre (`[longitude, latitude]`) and a zoom level (2 = the world, 6 = Afghanistan).
    Center { center: [f64; 2], zoom: f64 },
}

/// The date a slide shows: everything up to it, or only a window before it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SlideTime {
    pub date: PartialDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<Window>,
}

/// What a slide makes stand out, by id.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Highlight {
    /// ISO 3166-2 codes, e.g. `AF-BDS`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub provinces: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub crossings: Vec<String>,
}

impl Highlight {
    /// Nothing highlighted.
    pub fn is_empty(&self) -> bool {
        self.provinces.is_empty()
            && self.places.is_empty()
            && self.events.is_empty()
            && self.crossings.is_empty()
    }
}

/// One slide.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Slide {
    /// Unique within the tour (error messages and links use it).
    pub id: String,
    pub title: String,
    /// What the teacher says; free text.
    #[serde(default)]
    pub narration: String,
    /// Sentences of the article shown with the slide, each checked verbatim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<String>,
    pub view: SlideView,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<SlideTime>,
    #[serde(default, skip_serializing_if = "Highlight::is_empty")]
    pub highlight: Highlight,
}

/// A whole tour file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Tour {
    pub title: String,
    pub slides: Vec<Slide>,
    /// A draft made by the story builder, for the teacher to edit before class.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
}

impl Tour {
    /// Parses a tour; a malformed file gives its name, line and column.
    ///
    /// ```
    /// use event_atlas::model::Tour;
    /// let t = Tour::parse("t.json", r#"{"title": "T", "slides": [
    ///   {"id": "a", "title": "Kabul", "view": {"fit": ["kabul"]}, "time": {"date": "2021-07-05", "window": "3d"}}
    /// ]}"#).unwrap();
    /// assert_eq!(t.slides[0].time.unwrap().window.unwrap().to_string(), "3 days");
    /// assert!(Tour::parse("t.json", "{\"title\": 1}").unwrap_err().to_string().starts_with("t.json:1:"));
    /// ```
    pub fn parse(name: &str, text: &str) -> Result<Self, DataError> {
        serde_json::from_str(text).map_err(|e| DataError::json(name.to_string(), &e))
    }

    /// Saves the tour atomically: the file is always either the old tour or the new one, whole,
    /// even if the app is killed mid-save.
    pub fn save(&self, path: &std::path::Path) -> std::io::Result<()> {
        let json = self.to_json().map_err(std::io::Error::other)?;
        super::write_atomic(path, json.as_bytes())
    }

    /// The tour as pretty JSON, as saved.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        let mut s = serde_json::to_string_pretty(self)?;
        s.push('\n');
        Ok(s)
    }
}
