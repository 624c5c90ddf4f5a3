//! Event Atlas: a news story as an interactive, offline map.
//!
//! Layers, from the bottom: [`model`] (plain data, loading, checking), [`spatial`] (geometry on
//! `geo` types: indexes, level of detail, geocoding), [`atlas`] (the dataset with its indexes,
//! built once), then the egui side: [`map`] (walkers plugins), [`ui`] (panels) and [`app`].

pub mod app;
pub mod atlas;
pub mod check;
pub mod cli;
pub mod import;
pub mod map;
pub mod model;
pub mod platform;
pub mod spatial;
pub mod timeline;
pub mod ui;
