//! Building a story from an article (part 8): the extraction rules, each in one place with the
//! tests that show it. Plain Rust, no egui.
//!
//! The steps, one file each: [`text`] splits the article into sentences, [`dates`] finds and
//! resolves dates (and the dateline), [`counts`] finds counts as vague as their words,
//! [`kinds`] names the kind of event by trigger words, [`places`] places the geocoder's
//! mentions in sentences, [`extract`] walks the sentences into events, [`movements`] finds
//! crossings and totals ([`found`] reads which end of a movement each place is on), [`drafts`] writes the draft tour and quiz, [`story`] puts a folder's
//! worth together, [`folder`] writes it whole or not at all, and [`eval`] scores it.

mod countries;
pub mod counts;
pub mod dates;
pub mod drafts;
pub mod error;
pub mod eval;
pub mod extract;
pub mod folder;
mod found;
pub mod kinds;
mod later_dates;
pub mod movements;
pub mod places;
mod records;
pub mod review;
pub mod story;
pub mod text;
mod unplaced;

pub use counts::{FoundCount, counts_in};
pub use error::BuildError;
pub use story::{Built, Library, Options, build};
