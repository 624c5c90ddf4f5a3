//! Event markers: one per place that has events of its own.

use std::collections::HashMap;

use geo::Coord;

use super::Atlas;
use crate::model::{EventKind, PlaceKind};
use crate::spatial::mercator;
use crate::timeline::{Vis, Visible};

/// A marker: one place, the events there.
#[derive(Debug, Clone)]
pub struct Marker {
    pub place: usize,
    /// Unit Mercator position.
    pub at: Coord<f64>,
    /// Indexes into `data.events`, by date.
    pub events: Vec<usize>,
    /// Kind of the first event, for the symbol colour.
    pub kind: EventKind,
}

/// How a marker shows under the current filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkerLook {
    /// Events shown at the place.
    pub count: usize,
    /// Kind of the first shown event, for the symbol colour.
    pub kind: EventKind,
    /// False when every shown event only may have happened yet (drawn faded).
    pub sure: bool,
}

/// The places of an event that get its marker: not a border (its line is drawn), and not a
/// country when the event also names somewhere more precise or when the country is one the
/// story draws (a country-wide event there has no single spot; the panel lists it instead).
fn marked_places(atlas: &Atlas, event: usize) -> Vec<usize> {
    let places: Vec<usize> = atlas.data.events[event]
        .places
        .iter()
        .filter_map(|id| atlas.ids.place(id))
        .collect();
    let has_local = places
        .iter()
        .any(|&p| atlas.data.places[p].kind != PlaceKind::Country);
    places
        .into_iter()
        .filter(|&p| {
            let place = &atlas.data.places[p];
            match place.kind {
                PlaceKind::Country => !has_local && !atlas.data.story.draws(&place.country),
                PlaceKind::Border => false,
                _ => true,
            }
        })
        .collect()
}

/// One marker per place with events, events in date order.
pub(super) fn build(atlas: &Atlas) -> Vec<Marker> {
    let mut by_place: HashMap<usize, Vec<usize>> = HashMap::new();
    for e in atlas.events_by_date() {
        for p in marked_places(atlas, e) {
            by_place.entry(p).or_default().push(e);
        }
    }
    let mut markers: Vec<Marker> = by_place
        .into_iter()
        .map(|(place, events)| {
            let p = &atlas.data.places[place];
            Marker {
                place,
                at: mercator(Coord { x: p.lon, y: p.lat }),
                kind: atlas.data.events[events[0]].kind,
                events,
            }
        })
        .collect();
    markers.sort_by_key(|m| m.place);
    markers
}

/// The marker of each place and of each event (an event's first marker: its most specific
/// place), so a selection finds its marker without a scan.
pub(super) fn lookups(atlas: &Atlas) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
    let mut of_place = vec![None; atlas.data.places.len()];
    let mut of_event = vec![None; atlas.data.events.len()];
    for (i, m) in atlas.markers.iter().enumerate() {
        of_place[m.place] = Some(i);
        for &e in &m.events {
            of_event[e].get_or_insert(i);
        }
    }
    (of_place, of_event)
}

impl Atlas {
    /// How marker `m` shows, or `None` when none of its events does.
    pub fn marker_look(&self, m: usize, vis: &Visible) -> Option<MarkerLook> {
        let marker = self.markers.get(m)?;
        if vis.concealed.place == Some(marker.place) {
            return None; // a waiting quiz question asks where it is
        }
        let mut look: Option<MarkerLook> = None;
        for &e in &marker.events {
            let v = vis.events.get(e).copied().unwrap_or(Vis::Hidden);
            if !v.shown() {
                continue;
            }
            let l = look.get_or_insert(MarkerLook {
                count: 0,
                kind: self.data.events[e].kind,
                sure: false,
            });
            l.count += 1;
            l.sure |= v == Vis::Shown;
        }
        look
    }
}
