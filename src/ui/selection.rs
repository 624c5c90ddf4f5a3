//! What the user has picked on the map; it drives the side panel and survives a restart.

use serde::{Deserialize, Serialize};

/// The current selection, by stable ids (not indexes) so a saved one stays valid as data grows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Selection {
    #[default]
    None,
    /// ISO 3166-2:AF code.
    Province(String),
    /// Place id.
    Place(String),
    /// Event id.
    Event(String),
    /// Crossing id.
    Crossing(String),
}
