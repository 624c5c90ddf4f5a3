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

use crate::model::{DataError, DataSource, Dataset, GazetteerEntry};
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
    let mut errors = check_dataset(&dataset, Some(&gazetteer));
    // The tour and quiz are checked too, but a broken one never stops the story from loading.
    match Dataset::load_tour(source) {
        Ok(Some((tour, text))) => errors.extend(check_tour(
            &tour,
            &source.display_name(crate::model::TOUR_FILE),
            &text,
            &dataset,
        )),
        Ok(None) => {}
        Err(e) => errors.push(e),
    }
    match Dataset::load_quiz(source) {
        Ok(Some((quiz, text))) => errors.extend(check_quiz(
            &quiz,
            &source.display_name(crate::model::QUIZ_FILE),
            &text,
            &dataset,
        )),
        Ok(None) => {}
        Err(e) => errors.push(e),
    }
    Ok((dataset, errors))
}

/// Checks a loaded dataset: the manifest, the province set (against the lexicon's list of
/// subdivisions), the capitals (when the gazetteer is given), and every record.
pub fn check_dataset(ds: &Dataset, gazetteer: Option<&[GazetteerEntry]>) -> Vec<DataError> {
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
