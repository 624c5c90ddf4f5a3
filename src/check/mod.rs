//! `event-atlas check`: every rule a story folder must keep, each failure naming its file, its
//! line and the JSON path of the value.
//!
//! The rules, by file: the manifest (`story.rs`), the provinces and their capitals
//! (`provinces.rs`), places, events and crossings (`records.rs`), and the tour and the quiz
//! (`lessons.rs`), which share the checks of ids and quotes.

mod checker;
mod lessons;
mod provinces;
mod records;
mod story;

pub use lessons::{check_quiz, check_tour};

use std::collections::{HashMap, HashSet};

use crate::model::{DataError, DataSource, Dataset, GazetteerEntry};
use crate::spatial::gazetteer::WorldGazetteer;
use checker::Checker;

/// Everything wrong with a story folder; empty means it is fit to ship.
pub fn check(source: &DataSource) -> Vec<DataError> {
    match load_and_check(source) {
        Ok((_, errors)) => errors,
        Err(e) => vec![e],
    }
}

/// Loads a story folder once and checks it: the dataset (for callers that go on to use it) and
/// its problems, or the first error that stopped the load.
pub fn load_and_check(source: &DataSource) -> Result<(Dataset, Vec<DataError>), DataError> {
    let dataset = Dataset::load(source.clone())?;
    let gazetteer = Dataset::load_gazetteer(source)?;
    let world = WorldGazetteer::embedded().map_err(|e| DataError::file(e.file, e.reason))?;
    let points = capital_points(&dataset, &gazetteer, &world);
    let mut errors = check_dataset(&dataset, Some(&points));
    errors.extend(check_lessons(&dataset));
    Ok((dataset, errors))
}

/// Where the story's provincial capitals are, by GeoNames id: from its own gazetteer, else the
/// world's.
pub fn capital_points(
    ds: &Dataset,
    story: &[GazetteerEntry],
    world: &WorldGazetteer,
) -> HashMap<u64, (f64, f64)> {
    let wanted: HashSet<u64> = ds
        .provinces
        .iter()
        .filter_map(|p| p.capital_geonames_id)
        .collect();
    let mut points: HashMap<u64, (f64, f64)> = world
        .records()
        .filter_map(|r| {
            r.geonames_id
                .filter(|id| wanted.contains(id))
                .map(|id| (id, (r.lat, r.lon)))
        })
        .collect();
    for e in story {
        if let Some(id) = e.geonames_id.filter(|id| wanted.contains(id)) {
            points.insert(id, (e.lat, e.lon));
        }
    }
    points
}

/// The tour and quiz are checked too, but a broken one never stops the story from loading.
fn check_lessons(ds: &Dataset) -> Vec<DataError> {
    let mut errors = Vec::new();
    let tour_name = ds.source.display_name(crate::model::TOUR_FILE);
    match (ds.tour(), &ds.tour_text) {
        (Ok(Some(tour)), Some(text)) => errors.extend(check_tour(&tour, &tour_name, text, ds)),
        (Err(e), _) => errors.push(e),
        _ => {}
    }
    let quiz_name = ds.source.display_name(crate::model::QUIZ_FILE);
    match (ds.quiz(), &ds.quiz_text) {
        (Ok(Some(quiz)), Some(text)) => errors.extend(check_quiz(&quiz, &quiz_name, text, ds)),
        (Err(e), _) => errors.push(e),
        _ => {}
    }
    errors
}

/// Checks a loaded dataset: the manifest, the province set (against the lexicon's list of
/// subdivisions), the capitals (when the gazetteer is given), and every record.
pub fn check_dataset(ds: &Dataset, gazetteer: Option<&HashMap<u64, (f64, f64)>>) -> Vec<DataError> {
    let mut c = Checker::new(ds);
    story::check(&mut c, ds);
    provinces::check_set(&mut c, ds);
    if let Some(gaz) = gazetteer {
        provinces::check_capitals(&mut c, ds, gaz);
    }
    let place_ids = records::check_places(&mut c, ds);
    records::check_events(&mut c, ds, &place_ids);
    records::check_crossings(&mut c, ds, &place_ids);
    c.errors
}
