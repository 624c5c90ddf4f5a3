//! A story folder's worth from one article: the places the geocoder finds, the events and
//! movements the walk reads, the countries whose provinces to draw (those the article names
//! most), their provinces from the world's admin-1 file, and a draft tour and quiz.

use std::collections::HashSet;
use std::ops::Range;

use super::countries::{
    add_demonyms, assign_provinces, country_weights, provinces_of, ranked_countries,
    story_countries,
};
use super::dates::dateline;
use super::error::{BuildError, article_text};
use super::extract::walk;
use super::movements::{Countries, TotalKind, total_kind};
use super::places::Namings;
use super::records::{MoveFinder, crossings_of, events_of};
use super::text::{Sentence, sentences, words};
use crate::model::{
    CrossingsFile, DataError, DataSource, Dataset, Event, GazetteerEntry, PartialDate, Place,
    PlaceKind, Province, Quiz, SlideView, Story, Tour, WorldAdmin1,
};
use crate::spatial::ProvinceIndex;
use crate::spatial::gazetteer::WorldGazetteer;
use crate::spatial::geocode::Geocoder;

pub use super::records::{main_clause, title_of};

/// What the builder is told besides the article.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The article's file name, for messages and credits.
    pub name: String,
    /// The publication date, when the text has no dateline (or to override it).
    pub published: Option<PartialDate>,
    /// The story's title (else the article's headline).
    pub title: Option<String>,
}

/// What the builder reads, loaded once: the shipped story's countries, provinces, lexicon and
/// gazetteer (as the geocoder's base), the world gazetteer, the world's provinces, and the
/// country outlines every built folder carries.
pub struct Library {
    pub base: Dataset,
    pub gazetteer: Vec<GazetteerEntry>,
    pub index: ProvinceIndex,
    pub world: WorldGazetteer,
    pub admin1: WorldAdmin1,
    /// `countries.geojson`'s text, copied into each folder.
    pub countries_geojson: String,
}

impl Library {
    /// Loads everything from the copies built into the binary.
    pub fn embedded() -> Result<Self, DataError> {
        let base = Dataset::embedded()?;
        let gazetteer = Dataset::load_gazetteer(&DataSource::Embedded)?;
        let index = ProvinceIndex::new(&base.provinces);
        let world = WorldGazetteer::embedded().map_err(|e| DataError::file(e.file, e.reason))?;
        let admin1 = WorldAdmin1::embedded()?;
        let countries_geojson = DataSource::Embedded
            .read("boundaries/countries.geojson")?
            .into_owned();
        Ok(Self {
            base,
            gazetteer,
            index,
            world,
            admin1,
            countries_geojson,
        })
    }

    /// The geocoder over the base story and the world.
    pub fn geocoder(&self) -> Geocoder<'_> {
        let b = &self.base;
        Geocoder::new(
            &b.countries,
            &b.provinces,
            &self.gazetteer,
            &b.lexicon,
            &self.index,
        )
        .with_world(&self.world)
    }
}

/// A built story, ready to review and write.
#[derive(Debug, Clone)]
pub struct Built {
    pub story: Story,
    pub article: String,
    pub places: Vec<Place>,
    pub events: Vec<Event>,
    pub crossings: CrossingsFile,
    pub tour: Tour,
    pub quiz: Quiz,
    /// The provinces of the story's countries.
    pub provinces: Vec<Province>,
    pub countries_geojson: String,
    /// The article's bytes each event and crossing rests on (for highlighting), in order.
    pub event_spans: Vec<Range<usize>>,
    pub crossing_spans: Vec<Range<usize>>,
    /// What the reader should know: names not found, places left out.
    pub warnings: Vec<String>,
    /// What may be wrong in the article itself: dates that contradict themselves ("Monday 6
    /// July 2021" when that was a Tuesday). The command line writes nothing while there are
    /// any, unless told to (`--accept-doubts`); the review window shows them first.
    pub doubts: Vec<String>,
}

impl Built {
    /// A place's name by its id (the id itself if no place has it).
    pub fn place_name(&self, id: &str) -> String {
        self.places
            .iter()
            .find(|p| p.id == id)
            .map_or_else(|| id.to_string(), |p| p.name.clone())
    }
}

/// Builds a story from an article's bytes.
pub fn build(bytes: &[u8], opts: &Options, lib: &Library) -> Result<Built, BuildError> {
    let name = opts.name.clone();
    let text = article_text(&name, bytes)?;
    let (published, line, mut warnings) = publication(&text, opts)?;
    let sents = sentences(&text);
    let (mut places, unplaced) = places_named(&text, &name, lib, &mut warnings)?;
    let namings = Namings::find(&text, &sents, &places);
    let read = walk(&text, &sents, &places, &namings, published, line.as_deref());
    let doubts = read
        .contradictions
        .iter()
        .map(|c| format!("contradictory date: {c}"))
        .collect();
    if read.readings.iter().all(|r| r.date.is_none()) {
        return Err(BuildError::NoDates(name));
    }
    let weights = country_weights(&places, &namings);
    let countries = story_countries(&weights, &lib.admin1);
    let provinces = provinces_of(&countries, &lib.admin1);
    assign_provinces(&mut places, &provinces, &countries);
    let (ranked, demonyms) = ranked_countries(&places, &weights, &lib.base.lexicon);
    let main = countries.first().and_then(|c| {
        places
            .iter()
            .position(|p| p.kind == PlaceKind::Country && &p.country == c)
    });
    let ctx = Countries {
        places: &places,
        ranked,
        demonyms,
    };
    let moves = MoveFinder::new(&text, &sents, &read, &namings, &ctx, published, &unplaced).run();
    let moved: HashSet<usize> = moves
        .0
        .iter()
        .map(|m| m.sentence)
        .chain(moves.2.iter().copied())
        .collect();
    // Sentences that open as a sum ("In total", "So far"); a running count ("… have arrived
    // there since September") may be the only telling of a crossing and stays an event.
    let stated = |i: &usize| {
        let said = &text[sents[*i].span.clone()];
        total_kind(said) == Some(TotalKind::Stated)
    };
    let totalled: HashSet<usize> = moves
        .1
        .iter()
        .flat_map(|t| t.sentences.clone())
        .filter(stated)
        .collect();
    let (events, event_spans) = events_of(&text, &sents, &read, &places, main, &moved, &totalled);
    if events.is_empty() {
        return Err(BuildError::NoEvents(name));
    }
    let (crossings, crossing_spans) = crossings_of(&text, &sents, &(moves.0, moves.1), &places);
    let title = opts
        .title
        .clone()
        .or_else(|| headline(&text, &sents, line.as_deref()))
        .unwrap_or_else(|| name.clone());
    let home = home_view(&countries, &crossings);
    let story = manifest(&title, &name, published, &countries, home);
    let mut built = Built {
        story,
        article: text,
        places,
        events,
        crossings,
        tour: Tour::default(),
        quiz: Quiz::default(),
        provinces,
        countries_geojson: lib.countries_geojson.clone(),
        event_spans,
        crossing_spans,
        warnings,
        doubts,
    };
    built.tour = super::drafts::tour(&built);
    built.quiz = super::drafts::quiz(&built);
    Ok(built)
}

/// The places the article names, each in one country (a sea or a desert across borders is
/// left out, with a warning), its countries named by their people too; and the names that
/// looked like places but matched none.
fn places_named(
    text: &str,
    name: &str,
    lib: &Library,
    warnings: &mut Vec<String>,
) -> Result<(Vec<Place>, Vec<String>), BuildError> {
    let geocoded = lib.geocoder().geocode(text);
    if geocoded.places.is_empty() {
        return Err(BuildError::NoPlaces(name.to_string()));
    }
    if !geocoded.unresolved.is_empty() {
        let names = geocoded.unresolved.join(", ");
        warnings.push(format!(
            "names that looked like places but matched none: {names}"
        ));
    }
    let (mut kept, dropped): (Vec<Place>, Vec<Place>) = geocoded
        .places
        .into_iter()
        .partition(|p| p.country.len() == 2 && p.country.chars().all(|c| c.is_ascii_uppercase()));
    if !dropped.is_empty() {
        let names: Vec<&str> = dropped.iter().map(|p| p.name.as_str()).collect();
        warnings.push(format!(
            "left out, as they lie in no one country: {}",
            names.join(", ")
        ));
    }
    add_demonyms(text, &mut kept, &lib.base.lexicon);
    Ok((kept, geocoded.unresolved))
}

/// The publication date (from the options, else the dateline), the dateline's text, and a
/// warning when the two disagree.
fn publication(
    text: &str,
    opts: &Options,
) -> Result<(PartialDate, Option<String>, Vec<String>), BuildError> {
    let name = &opts.name;
    let found = dateline(text);
    let mut warnings = Vec::new();
    let line = match &found {
        Some(Ok((_, line))) => Some(line.clone()),
        _ => None,
    };
    let published = match (opts.published, found) {
        (Some(p), Some(Ok((d, l)))) if d != p => {
            warnings.push(format!(
                "the dateline {l:?} says {}; using --published {}",
                d.human(),
                p.human()
            ));
            p
        }
        (Some(p), _) => p,
        (None, Some(Ok((d, _)))) => d,
        (None, Some(Err(why))) => return Err(BuildError::Contradictory(name.clone(), why)),
        (None, None) => return Err(BuildError::NoPublished(name.clone())),
    };
    if published.day.is_none() {
        return Err(BuildError::NoPublished(name.clone()));
    }
    Ok((published, line, warnings))
}

/// The article's headline: its first line, when it is a heading.
fn headline(text: &str, sents: &[Sentence], dateline: Option<&str>) -> Option<String> {
    // A dateline above the headline ("Published 3 March 2024") is passed over.
    let first = sents
        .iter()
        .take(2)
        .find(|s| Some(&text[s.span.clone()]) != dateline)?;
    (first.heading && words(&text[first.span.clone()]).len() >= 2)
        .then(|| text[first.span.clone()].to_string())
}

/// Where the map starts: the main country, and the places people crossed from and to.
fn home_view(countries: &[String], crossings: &CrossingsFile) -> Vec<String> {
    let mut home: Vec<String> = countries.iter().take(1).cloned().collect();
    for id in crossings.crossings.iter().flat_map(|x| [&x.from, &x.to]) {
        // The main country by code ("CR") and by place id ("cr") is one thing to fit.
        if !home.iter().any(|h| h.eq_ignore_ascii_case(id)) {
            home.push(id.clone());
        }
    }
    home
}

fn manifest(
    title: &str,
    name: &str,
    published: PartialDate,
    countries: &[String],
    home: Vec<String>,
) -> Story {
    Story {
        title: title.to_string(),
        article: "source/article.txt".into(),
        publisher: None,
        published: Some(published),
        url: None,
        language: "en".into(),
        countries: countries.to_vec(),
        home: SlideView::Fit { fit: home },
        credits: vec![
            format!(
                "Story: “{title}”, {} (from {name}; events drafted by Event Atlas's story builder)",
                published.human()
            ),
            "Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com"
                .into(),
            "Place data © GeoNames (geonames.org), CC BY 4.0".into(),
        ],
        attribution: Some("Natural Earth · © GeoNames CC BY 4.0".into()),
    }
}
