//! Geometry work on `geo` types: indexes, level of detail, geocoding. No egui here.

pub mod anchor;
pub mod border;
pub mod cluster;
pub mod free_rect;
pub mod gazetteer;
pub mod geocode;
pub mod lod;
pub mod mercator;
pub mod provinces;
pub mod search;

pub use anchor::Anchor;
pub use border::shared_border;
pub use cluster::Clusters;
pub use lod::{LodMesh, LodShape};
pub use mercator::mercator;
pub use provinces::ProvinceIndex;
