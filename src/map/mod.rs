//! Map layers, one walkers plugin each, drawing geometry prepared once in [`crate::atlas`].

pub mod annotations;
pub mod basemap;
pub mod choropleth;
pub mod crossings;
pub mod hit;
pub mod imported;
pub mod labels;
pub mod markers;
pub mod style;
pub mod text;
pub mod tiles;
pub mod transform;

pub use basemap::BasemapLayer;
pub use crossings::CrossingsLayer;
pub use labels::{LabelSpots, LabelsLayer};
pub use markers::MarkersLayer;
pub use transform::ScreenTransform;
