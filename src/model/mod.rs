//! Plain data types of the story and their loading and validation. No egui here.

pub mod annotation;
mod atomic;
mod boundaries;
mod count;
mod crossing;
mod dataset;
mod date;
mod error;
mod event;
mod gazetteer;
mod item;
mod lexicon;
mod place;
mod quiz;
mod story;
mod tour;
mod window;
mod world_admin1;

pub use annotation::Annotation;
pub use atomic::write_atomic;
pub use boundaries::{Country, Detail, Province, parse_countries, parse_provinces};
pub use count::{Count, thousands};
pub use crossing::{Crossing, CrossingsFile, Total};
pub use dataset::{DataSource, Dataset, QUIZ_FILE, TOUR_FILE};
pub use date::{DateError, MONTHS, PartialDate, civil_from_days, days_from_civil};
pub use error::{DataError, Locator};
pub use event::{DateSource, Event, EventKind};
pub use gazetteer::{GazetteerEntry, parse_gazetteer};
pub use item::Item;
pub use lexicon::{Admin1Names, CountryNames, LEXICON_FILE, Lexicon};
pub use place::{Place, PlaceKind};
pub use quiz::{Answer, Question, Quiz, Response, Verdict};
pub use story::{STORY_FILE, Story, country_of_subdivision};
pub use tour::{Highlight, Slide, SlideTime, SlideView, Tour};
pub use window::{Unit, Window, WindowError};
pub use world_admin1::{UnitInfo, WorldAdmin1};
