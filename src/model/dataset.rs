//! Loads everything under `data/` (from a folder, or the copy built into the binary).

use std::borrow::Cow;
use std::path::PathBuf;

use super::{
    Country, CrossingsFile, DataError, Event, GazetteerEntry, Place, Province, STORY_FILE, Story,
    parse_countries, parse_gazetteer, parse_provinces,
};

macro_rules! embedded {
    ($($name:literal),*) => {
        /// The shipped data, compiled in so the app runs with no setup and no files beside it.
        fn embedded_text(name: &str) -> Option<&'static str> {
            match name {
                $($name => Some(include_str!(concat!("../../data/", $name))),)*
                _ => None,
            }
        }
    };
}
embedded!(
    "story.json",
    "lexicon.json",
    "tour.json",
    "quiz.json",
    "source/article.txt",
    "places.json",
    "events.json",
    "crossings.json",
    "boundaries/provinces.geojson",
    "boundaries/countries.geojson",
    "gazetteer.json"
);

/// The guided tour in a data folder (optional: a folder without one simply has no tour).
pub const TOUR_FILE: &str = "tour.json";

/// The quiz in a data folder (optional, like the tour).
pub const QUIZ_FILE: &str = "quiz.json";

/// Where data comes from: the copy inside the binary, a folder laid out like `data/`, or
/// such a folder's files held in memory (a draft, an archive, a story fetched by the page).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataSource {
    Embedded,
    Dir(PathBuf),
    Files(std::sync::Arc<super::StoryFiles>),
}

impl DataSource {
    /// The name to print for a file, e.g. `data/events.json` or `<embedded>/events.json`.
    pub fn display_name(&self, name: &str) -> String {
        match self {
            Self::Embedded => format!("<embedded data>/{name}"),
            Self::Dir(dir) => dir.join(name).display().to_string(),
            Self::Files(f) => format!("{}/{name}", f.name),
        }
    }

    /// The text of a file a data folder may leave out; `None` when it is not there.
    pub fn read_optional(&self, name: &str) -> Result<Option<Cow<'static, str>>, DataError> {
        match self {
            Self::Dir(dir) if !dir.join(name).exists() => Ok(None),
            Self::Files(f) if f.get(name).is_none() => Ok(None),
            _ => self.read(name).map(Some),
        }
    }

    /// The text of one data file.
    pub fn read(&self, name: &str) -> Result<Cow<'static, str>, DataError> {
        match self {
            Self::Embedded => embedded_text(name)
                .map(Cow::Borrowed)
                .ok_or_else(|| DataError::file(self.display_name(name), "no such embedded file")),
            Self::Dir(dir) => {
                let path = dir.join(name);
                std::fs::read_to_string(&path)
                    .map(Cow::Owned)
                    .map_err(|e| DataError::file(path.display().to_string(), e.to_string()))
            }
            Self::Files(f) => f
                .get(name)
                .map(|t| Cow::Owned(t.to_string()))
                .ok_or_else(|| DataError::file(self.display_name(name), "no such file")),
        }
    }
}

/// Everything the app shows, parsed; the atlas builds its indexes from it.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub source: DataSource,
    /// The manifest, `story.json`.
    pub story: Story,
    pub article: String,
    pub places: Vec<Place>,
    pub events: Vec<Event>,
    pub crossings: CrossingsFile,
    pub provinces: Vec<Province>,
    pub countries: Vec<Country>,
    /// Other names of the countries and provinces (`lexicon.json`; empty without one).
    pub lexicon: super::Lexicon,
    /// The text of the folder's tour and quiz, if it has them, read with the rest so that
    /// showing them needs no file access (parsed by [`Dataset::tour`] and [`Dataset::quiz`]).
    pub tour_text: Option<String>,
    pub quiz_text: Option<String>,
}

fn parse_json<T: serde::de::DeserializeOwned>(
    source: &DataSource,
    name: &str,
) -> Result<T, DataError> {
    let text = source.read(name)?;
    serde_json::from_str(&text).map_err(|e| DataError::json(source.display_name(name), &e))
}

impl Dataset {
    /// Parses every file; the first malformed one stops the load with its file and line.
    pub fn load(source: DataSource) -> Result<Self, DataError> {
        let story = Story::parse(&source.display_name(STORY_FILE), &source.read(STORY_FILE)?)?;
        let article = source.read(&story.article)?.into_owned();
        let places = parse_json(&source, "places.json")?;
        let events = parse_json(&source, "events.json")?;
        let crossings = parse_json(&source, "crossings.json")?;
        let name = "boundaries/provinces.geojson";
        let provinces = parse_provinces(&source.display_name(name), &source.read(name)?)?;
        let name = "boundaries/countries.geojson";
        let countries = parse_countries(&source.display_name(name), &source.read(name)?)?;
        let lexicon = Self::load_lexicon(&source)?;
        let tour_text = source.read_optional(TOUR_FILE)?.map(Cow::into_owned);
        let quiz_text = source.read_optional(QUIZ_FILE)?.map(Cow::into_owned);
        Ok(Self {
            source,
            story,
            article,
            places,
            events,
            crossings,
            provinces,
            countries,
            lexicon,
            tour_text,
            quiz_text,
        })
    }

    /// The shipped data; it is checked by the test suite, so this cannot fail in a release.
    pub fn embedded() -> Result<Self, DataError> {
        Self::load(DataSource::Embedded)
    }

    /// Reads the gazetteer (only the geocoder and the checker need it).
    pub fn load_gazetteer(source: &DataSource) -> Result<Vec<GazetteerEntry>, DataError> {
        let name = "gazetteer.json";
        parse_gazetteer(&source.display_name(name), &source.read(name)?)
    }

    /// The folder's name table (empty when the folder has none).
    pub fn load_lexicon(source: &DataSource) -> Result<super::Lexicon, DataError> {
        let name = super::LEXICON_FILE;
        match source.read_optional(name)? {
            Some(text) => super::Lexicon::parse(&source.display_name(name), &text),
            None => Ok(super::Lexicon::default()),
        }
    }

    /// The folder's guided tour, if it has one; a malformed one gives its file and line.
    pub fn tour(&self) -> Result<Option<super::Tour>, DataError> {
        let name = self.source.display_name(TOUR_FILE);
        self.tour_text
            .as_deref()
            .map(|text| super::Tour::parse(&name, text))
            .transpose()
    }

    /// The folder's quiz, if it has one; a malformed one gives its file and line.
    pub fn quiz(&self) -> Result<Option<super::Quiz>, DataError> {
        let name = self.source.display_name(QUIZ_FILE);
        self.quiz_text
            .as_deref()
            .map(|text| super::Quiz::parse(&name, text))
            .transpose()
    }

    /// A place by id (a scan: for checking and loading; the app resolves ids through the
    /// atlas's maps).
    pub fn place(&self, id: &str) -> Option<&Place> {
        self.places.iter().find(|p| p.id == id)
    }

    /// A province by ISO code (a scan, as [`Dataset::place`]).
    pub fn province(&self, iso: &str) -> Option<&Province> {
        self.provinces.iter().find(|p| p.iso == iso)
    }

    /// A country by ISO alpha-2 code, any case (a scan, as [`Dataset::place`]).
    pub fn country(&self, iso_a2: &str) -> Option<&Country> {
        self.countries
            .iter()
            .find(|c| c.iso_a2.eq_ignore_ascii_case(iso_a2))
    }
}
