//! What the user has picked on the map; it drives the side panel and survives a restart.

use serde::{Deserialize, Serialize};

use crate::atlas::{Atlas, Item, UnitId};

/// The current selection, by stable ids (not indexes) so a saved one stays valid as data grows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Selection {
    #[default]
    None,
    /// ISO 3166-2 code: a story province, else a world unit (whose code may be `CC-NE<id>`).
    Province(String),
    /// Place id.
    Place(String),
    /// Event id.
    Event(String),
    /// Crossing id.
    Crossing(String),
}

/// A selection resolved to indexes: done once a frame, then shared by the map layers, the side
/// panel and the timeline.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Resolved {
    pub province: Option<usize>,
    /// A world unit, when the code names no story province.
    pub unit: Option<UnitId>,
    pub place: Option<usize>,
    /// The marker drawn for it: a place's own, or an event's (its most specific place).
    pub marker: Option<usize>,
    /// The event or crossing selected.
    pub item: Option<Item>,
}

impl Resolved {
    /// The crossing selected, if any.
    pub fn crossing(&self) -> Option<usize> {
        match self.item {
            Some(Item::Crossing(i)) => Some(i),
            _ => None,
        }
    }
}

impl Selection {
    /// Resolves the ids through the atlas's maps; ids the data lacks resolve to nothing.
    pub fn resolve(&self, atlas: &Atlas) -> Resolved {
        let ids = &atlas.ids;
        match self {
            Self::None => Resolved::default(),
            Self::Province(iso) => {
                let province = ids.province(iso);
                Resolved {
                    province,
                    unit: province
                        .is_none()
                        .then(|| atlas.world.by_code(iso))
                        .flatten(),
                    ..Resolved::default()
                }
            }
            Self::Place(id) => {
                let place = ids.place(id);
                Resolved {
                    place,
                    marker: place.and_then(|p| atlas.marker_of_place(p)),
                    ..Resolved::default()
                }
            }
            Self::Event(id) => {
                let e = ids.event(id);
                Resolved {
                    marker: e.and_then(|e| atlas.marker_of_event(e)),
                    item: e.map(Item::Event),
                    ..Resolved::default()
                }
            }
            Self::Crossing(id) => Resolved {
                item: ids.crossing(id).map(Item::Crossing),
                ..Resolved::default()
            },
        }
    }

    /// The selection naming an id: a province code, else a place, event or crossing id
    /// (`--select`).
    pub fn find(atlas: &Atlas, what: &str) -> Option<Self> {
        let ids = &atlas.ids;
        if let Some(i) = ids.province(what) {
            Some(Self::Province(atlas.data.provinces[i].iso.clone()))
        } else if let Some(u) = atlas.world.by_code(what) {
            Some(Self::Province(atlas.world.unit(u)?.iso.clone()))
        } else if ids.place(what).is_some() {
            Some(Self::Place(what.to_string()))
        } else if ids.event(what).is_some() {
            Some(Self::Event(what.to_string()))
        } else if ids.crossing(what).is_some() {
            Some(Self::Crossing(what.to_string()))
        } else {
            None
        }
    }
}
