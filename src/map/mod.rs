//! Map layers, one walkers plugin each, drawing geometry prepared once in [`crate::atlas`].

pub mod annotations;
pub mod basemap;
mod batch;
pub mod choropleth;
pub mod crossings;
pub mod hit;
pub mod imported;
pub mod items;
pub mod labels;
mod layer;
pub mod markers;
pub mod style;
pub mod text;
pub mod tiles;
pub mod transform;
pub mod world_units;

pub use basemap::BasemapLayer;
pub use crossings::CrossingsLayer;
pub use labels::{LabelSpots, LabelsLayer};
pub use layer::{Layer, Paint};
pub use markers::{MarkersLayer, SharedLayout};
pub use transform::ScreenTransform;
pub use world_units::WorldUnitsLayer;
