//! The dataset with every index and prepared shape the map needs, built once at start-up.
//!
//! Nothing here is rebuilt per frame: map layers borrow these (behind an `Arc`) and only
//! scale and shift what was prepared.

use std::collections::HashMap;
use std::sync::OnceLock;

use geo::{ClosestPoint, Coord, MultiPolygon, Point, Rect};

use crate::model::{DataError, Dataset, EventKind, PartialDate, PlaceKind};
use crate::spatial::{Anchor, LodShape, ProvinceIndex, mercator};
use crate::timeline::{Filter, TimeIndex, Vis, Visible};

/// Length (unit Mercator, about 130 km in Afghanistan) of an arrow whose origin is a whole country.
const COUNTRY_ARROW: f64 = 0.004;

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

/// The drawn shape of one crossing: where the arrow starts and ends.
#[derive(Debug, Clone)]
pub struct Arrow {
    pub crossing: usize,
    pub from: Coord<f64>,
    pub to: Coord<f64>,
    /// Sideways bend of the curve, as a fraction of its length; distinct per parallel arrow.
    pub bend: f64,
}

/// Where a total ("nearly 1,600 in 5 crossings over a fortnight") is written.
#[derive(Debug, Clone)]
pub struct TotalLabel {
    pub total: usize,
    pub at: Coord<f64>,
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

/// What happened in a province under the current filter, for the choropleth.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProvinceTally {
    pub events: u32,
    /// Crossings that started in the province.
    pub crossings: u32,
    /// Sum of the lower bounds of the people crossing from it (a sure minimum, never a guess).
    pub people_at_least: u64,
    /// Some crossing from it has no number at all.
    pub people_unknown: bool,
}

/// What a tour slide makes stand out, resolved to indexes for the map layers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Highlighted {
    pub provinces: Vec<usize>,
    pub markers: Vec<usize>,
    pub crossings: Vec<usize>,
}

/// Something listed in the side panel: an event or a crossing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Item {
    Event(usize),
    Crossing(usize),
}

/// Everything drawable, prepared.
pub struct Atlas {
    pub data: Dataset,
    pub province_index: ProvinceIndex,
    /// Point → country, for placing country labels in the visible part of a country; built
    /// on first use from simplified outlines (labels need no metre precision).
    country_index: OnceLock<ProvinceIndex>,
    pub province_shapes: Vec<LodShape>,
    pub province_labels: Vec<Coord<f64>>,
    pub country_shapes: Vec<LodShape>,
    pub country_labels: Vec<Coord<f64>>,
    /// Border places' lines (unit Mercator), with the place index.
    pub borders: Vec<(usize, Vec<Vec<Coord<f64>>>)>,
    pub markers: Vec<Marker>,
    pub arrows: Vec<Arrow>,
    pub totals: Vec<TotalLabel>,
    /// Afghanistan's bounding box in unit Mercator: the "Home" view.
    pub home: Rect<f64>,
    /// Events and crossings by date: the time filter's index.
    pub time: TimeIndex,
    place_lookup: HashMap<String, usize>,
    /// Items of each province (by province index), in date order.
    province_items: Vec<Vec<Item>>,
}

impl Atlas {
    /// Loads a data source and prepares it.
    pub fn load(source: crate::model::DataSource) -> Result<Self, DataError> {
        Ok(Self::new(Dataset::load(source)?))
    }

    /// Prepares a dataset: triangulates, simplifies, places markers and arrows.
    pub fn new(data: Dataset) -> Self {
        let province_index = ProvinceIndex::new(&data.provinces);
        let province_shapes = data
            .provinces
            .iter()
            .map(|p| LodShape::new(&p.shape))
            .collect();
        let country_shapes = data
            .countries
            .iter()
            .map(|c| LodShape::new(&c.shape))
            .collect();
        let province_labels = data
            .provinces
            .iter()
            .map(|p| p.shape.anchor().map_or(Coord::zero(), |pt| mercator(pt.0)))
            .collect();
        let country_labels = data
            .countries
            .iter()
            .map(|c| c.shape.anchor().map_or(Coord::zero(), |pt| mercator(pt.0)))
            .collect();
        let place_lookup: HashMap<String, usize> = data
            .places
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        let home = data
            .country("AF")
            .and_then(|c| geo::BoundingRect::bounding_rect(&c.shape))
            .map_or_else(
                || Rect::new(mercator((60.0, 29.0).into()), mercator((75.0, 39.0).into())),
                |r| Rect::new(mercator(r.min()), mercator(r.max())),
            );

        let mut atlas = Self {
            data,
            province_index,
            country_index: OnceLock::new(),
            province_shapes,
            province_labels,
            country_shapes,
            country_labels,
            borders: Vec::new(),
            markers: Vec::new(),
            arrows: Vec::new(),
            totals: Vec::new(),
            home,
            time: TimeIndex::default(),
            place_lookup,
            province_items: Vec::new(),
        };
        atlas.time = TimeIndex::new(&atlas.data);
        atlas.province_items = (0..atlas.data.provinces.len())
            .map(|i| atlas.collect_province_items(&atlas.data.provinces[i].iso))
            .collect();
        atlas.borders = atlas.build_borders();
        atlas.markers = atlas.build_markers();
        atlas.arrows = atlas.build_arrows();
        atlas.totals = atlas.build_totals();
        atlas
    }

    /// The country under a lon/lat point (outlines simplified to about a kilometre).
    pub fn country_at(&self, p: Point<f64>) -> Option<usize> {
        self.country_index
            .get_or_init(|| {
                let simplified: Vec<MultiPolygon<f64>> = self
                    .country_shapes
                    .iter()
                    .map(|s| s.simplified(3))
                    .collect();
                ProvinceIndex::from_shapes(simplified.iter())
            })
            .locate(p)
    }

    /// Index of a place by id.
    pub fn place_index(&self, id: &str) -> Option<usize> {
        self.place_lookup.get(id).copied()
    }

    fn build_borders(&self) -> Vec<(usize, Vec<Vec<Coord<f64>>>)> {
        self.data
            .places
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind == PlaceKind::Border)
            .filter_map(|(i, p)| {
                let g = p.geometry.as_ref()?;
                let lines: geo::Geometry<f64> = geo::Geometry::try_from(g).ok()?;
                let lines = match lines {
                    geo::Geometry::MultiLineString(m) => m.0,
                    geo::Geometry::LineString(l) => vec![l],
                    _ => return None,
                };
                Some((
                    i,
                    lines
                        .iter()
                        .map(|l| l.0.iter().map(|&c| mercator(c)).collect())
                        .collect(),
                ))
            })
            .collect()
    }

    fn build_markers(&self) -> Vec<Marker> {
        let mut by_place: HashMap<usize, Vec<usize>> = HashMap::new();
        for e in self.events_by_date() {
            let event = &self.data.events[e];
            let places: Vec<usize> = event
                .places
                .iter()
                .filter_map(|id| self.place_index(id))
                .collect();
            let has_local = places
                .iter()
                .any(|&p| self.data.places[p].kind != PlaceKind::Country);
            for p in places {
                let place = &self.data.places[p];
                // Country-wide events have no single spot; the panel lists them instead.
                let skip = match place.kind {
                    PlaceKind::Country => has_local || place.id == "af",
                    PlaceKind::Border => true, // the border line itself is drawn
                    _ => false,
                };
                if !skip {
                    by_place.entry(p).or_default().push(e);
                }
            }
        }
        let mut markers: Vec<Marker> = by_place
            .into_iter()
            .map(|(place, events)| {
                let p = &self.data.places[place];
                Marker {
                    place,
                    at: mercator(Coord { x: p.lon, y: p.lat }),
                    kind: self.data.events[events[0]].kind,
                    events,
                }
            })
            .collect();
        markers.sort_by_key(|m| m.place);
        markers
    }

    /// Country (or province) shape a crossing goes to, for finding where it crosses.
    fn destination_shape(&self, place: usize) -> Option<&MultiPolygon<f64>> {
        let p = &self.data.places[place];
        match p.kind {
            PlaceKind::Country => self.data.country(&p.country).map(|c| &c.shape),
            PlaceKind::Province => p
                .province
                .as_deref()
                .and_then(|iso| self.data.province(iso))
                .map(|pr| &pr.shape),
            _ => None,
        }
    }

    fn build_arrows(&self) -> Vec<Arrow> {
        let mut seen: HashMap<(usize, usize), usize> = HashMap::new();
        let mut arrows = Vec::new();
        for (i, x) in self.data.crossings.crossings.iter().enumerate() {
            let (Some(from), Some(to)) = (self.place_index(&x.from), self.place_index(&x.to))
            else {
                continue;
            };
            let origin = &self.data.places[from];
            let start = origin.point();
            // Aim at the nearest point of the destination's outline.
            let crossing = match self.destination_shape(to).map(|s| s.closest_point(&start)) {
                Some(geo::Closest::SinglePoint(p) | geo::Closest::Intersection(p)) => p,
                _ => self.data.places[to].point(),
            };
            let (a, b) = (mercator(start.0), mercator(crossing.0));
            let (dx, dy) = (b.x - a.x, b.y - a.y);
            let len = dx.hypot(dy).max(1e-12);
            let (a, beyond) = if origin.kind == PlaceKind::Country {
                // Only the country is known: a short arrow over the nearest stretch of border,
                // not a line from the middle of the country.
                let (ux, uy) = (dx / len, dy / len);
                (
                    Coord {
                        x: b.x - ux * COUNTRY_ARROW,
                        y: b.y - uy * COUNTRY_ARROW,
                    },
                    Coord {
                        x: b.x + ux * COUNTRY_ARROW * 0.6,
                        y: b.y + uy * COUNTRY_ARROW * 0.6,
                    },
                )
            } else {
                // Far enough past the border to show where they went.
                let beyond = (len * 0.35).max(COUNTRY_ARROW * 0.5) / len;
                (
                    a,
                    Coord {
                        x: b.x + dx * beyond,
                        y: b.y + dy * beyond,
                    },
                )
            };
            let n = seen.entry((from, to)).or_default();
            let bend = 0.18 * (1.0 + *n as f64) * if n.is_multiple_of(2) { 1.0 } else { -1.0 };
            *n += 1;
            arrows.push(Arrow {
                crossing: i,
                from: a,
                to: beyond,
                bend,
            });
        }
        arrows
    }

    fn build_totals(&self) -> Vec<TotalLabel> {
        self.data
            .crossings
            .totals
            .iter()
            .enumerate()
            .filter(|(_, t)| !t.people.is_unknown())
            .filter_map(|(i, t)| {
                let ends: Vec<Coord<f64>> = self
                    .arrows
                    .iter()
                    .filter(|a| self.data.crossings.crossings[a.crossing].to == t.to)
                    .map(|a| a.to)
                    .collect();
                let at = if ends.is_empty() {
                    let p = &self.data.places[self.place_index(&t.to)?];
                    mercator(Coord { x: p.lon, y: p.lat })
                } else {
                    let n = ends.len() as f64;
                    Coord {
                        x: ends.iter().map(|c| c.x).sum::<f64>() / n,
                        y: ends.iter().map(|c| c.y).sum::<f64>() / n,
                    }
                };
                Some(TotalLabel { total: i, at })
            })
            .collect()
    }

    /// Event indexes in date order.
    pub fn events_by_date(&self) -> Vec<usize> {
        let mut v: Vec<usize> = (0..self.data.events.len()).collect();
        v.sort_by_key(|&i| self.data.events[i].date);
        v
    }

    fn date_of(&self, item: Item) -> PartialDate {
        match item {
            Item::Event(i) => self.data.events[i].date,
            Item::Crossing(i) => self.data.crossings.crossings[i].date,
        }
    }

    fn sorted(&self, mut items: Vec<Item>) -> Vec<Item> {
        items.sort_by_key(|&it| self.date_of(it));
        items
    }

    fn place_in_province(&self, id: &str, iso: &str) -> bool {
        self.place_index(id)
            .is_some_and(|p| self.data.places[p].province.as_deref() == Some(iso))
    }

    /// Events and crossings in a province (its own events and those of places inside it).
    pub fn items_in_province(&self, iso: &str) -> Vec<Item> {
        match self.data.provinces.iter().position(|p| p.iso == iso) {
            Some(i) if i < self.province_items.len() => self.province_items[i].clone(),
            _ => self.collect_province_items(iso),
        }
    }

    /// What the filter lets through.
    pub fn visible(&self, filter: &Filter) -> Visible {
        self.time.visible(filter, &self.data)
    }

    /// How marker `m` shows, or `None` when none of its events does.
    pub fn marker_look(&self, m: usize, vis: &Visible) -> Option<MarkerLook> {
        let marker = self.markers.get(m)?;
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

    /// Per province (by index): events and people crossing from it, under the filter.
    pub fn province_tallies(&self, vis: &Visible) -> Vec<ProvinceTally> {
        self.province_items
            .iter()
            .enumerate()
            .map(|(p, items)| {
                let iso = &self.data.provinces[p].iso;
                let mut t = ProvinceTally::default();
                for &item in items {
                    if !vis.item(item).shown() {
                        continue;
                    }
                    match item {
                        Item::Event(_) => t.events += 1,
                        Item::Crossing(x) => {
                            let c = &self.data.crossings.crossings[x];
                            if self.place_in_province(&c.from, iso) {
                                t.crossings += 1;
                                match c.people.low {
                                    Some(n) => t.people_at_least += n,
                                    None => t.people_unknown = true,
                                }
                            }
                        }
                    }
                }
                t
            })
            .collect()
    }

    fn collect_province_items(&self, iso: &str) -> Vec<Item> {
        let events = self
            .data
            .events
            .iter()
            .enumerate()
            .filter(|(_, e)| e.places.iter().any(|id| self.place_in_province(id, iso)))
            .map(|(i, _)| Item::Event(i));
        let crossings = self
            .data
            .crossings
            .crossings
            .iter()
            .enumerate()
            .filter(|(_, x)| {
                self.place_in_province(&x.from, iso) || self.place_in_province(&x.to, iso)
            })
            .map(|(i, _)| Item::Crossing(i));
        self.sorted(events.chain(crossings).collect())
    }

    /// Events and crossings at one place.
    pub fn items_at_place(&self, id: &str) -> Vec<Item> {
        let events = self
            .data
            .events
            .iter()
            .enumerate()
            .filter(|(_, e)| e.places.iter().any(|p| p == id))
            .map(|(i, _)| Item::Event(i));
        let crossings = self
            .data
            .crossings
            .crossings
            .iter()
            .enumerate()
            .filter(|(_, x)| x.from == id || x.to == id)
            .map(|(i, _)| Item::Crossing(i));
        self.sorted(events.chain(crossings).collect())
    }

    /// The unit-Mercator box that shows all of `ids`: place ids, province codes (`AF-BDS`) or
    /// country codes (`TJ`). A country counts by its largest part, so the US is its mainland,
    /// not a box from Alaska to Guam. Unknown ids are skipped.
    pub fn fit_rect(&self, ids: &[String]) -> Option<Rect<f64>> {
        use geo::{Area, BoundingRect};
        let country_box = |iso: &str| {
            let c = self.data.country(iso)?;
            let main = c
                .shape
                .0
                .iter()
                .max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()))?;
            main.bounding_rect()
        };
        let province_box = |iso: &str| self.data.province(iso)?.shape.bounding_rect();
        let mut boxes: Vec<Rect<f64>> = Vec::new();
        for id in ids {
            let lonlat = if let Some(i) = self.place_index(id) {
                let p = &self.data.places[i];
                match p.kind {
                    PlaceKind::Country => country_box(&p.country),
                    PlaceKind::Province => p.province.as_deref().and_then(province_box),
                    PlaceKind::Border => p
                        .geometry
                        .as_ref()
                        .and_then(|g| geo::Geometry::<f64>::try_from(g).ok())
                        .and_then(|g| g.bounding_rect()),
                    _ => Some(Rect::new(p.point().0, p.point().0)),
                }
            } else if id.len() == 2 {
                country_box(id)
            } else {
                province_box(&id.to_uppercase())
            };
            if let Some(r) = lonlat {
                boxes.push(Rect::new(mercator(r.min()), mercator(r.max())));
            }
        }
        let first = *boxes.first()?;
        Some(boxes.iter().fold(first, |acc, r| {
            Rect::new(
                Coord {
                    x: acc.min().x.min(r.min().x),
                    y: acc.min().y.min(r.min().y),
                },
                Coord {
                    x: acc.max().x.max(r.max().x),
                    y: acc.max().y.max(r.max().y),
                },
            )
        }))
    }

    /// Resolves a slide's highlight (ids) to what the layers draw; unknown ids are skipped.
    pub fn resolve_highlight(&self, h: &crate::model::Highlight) -> Highlighted {
        let provinces = h
            .provinces
            .iter()
            .filter_map(|iso| self.data.provinces.iter().position(|p| &p.iso == iso))
            .collect();
        let places: Vec<usize> = h
            .places
            .iter()
            .filter_map(|id| self.place_index(id))
            .collect();
        let events: Vec<usize> = h
            .events
            .iter()
            .filter_map(|id| self.data.events.iter().position(|e| &e.id == id))
            .collect();
        let markers = self
            .markers
            .iter()
            .enumerate()
            .filter(|(_, m)| {
                places.contains(&m.place) || m.events.iter().any(|e| events.contains(e))
            })
            .map(|(i, _)| i)
            .collect();
        let crossings = h
            .crossings
            .iter()
            .filter_map(|id| {
                self.data
                    .crossings
                    .crossings
                    .iter()
                    .position(|x| &x.id == id)
            })
            .collect();
        Highlighted {
            provinces,
            markers,
            crossings,
        }
    }

    /// The province under a lon/lat point.
    pub fn province_at(&self, p: Point<f64>) -> Option<usize> {
        self.province_index.locate(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_data_prepares_markers_arrows_and_badakhshan_items() {
        let atlas = Atlas::new(Dataset::embedded().expect("embedded data"));
        assert_eq!(atlas.province_shapes.len(), 34);
        assert!(!atlas.markers.is_empty());
        assert_eq!(atlas.arrows.len(), atlas.data.crossings.crossings.len());
        let items = atlas.items_in_province("AF-BDS");
        assert!(
            items.iter().any(|i| matches!(i, Item::Crossing(_))),
            "Badakhshan lists its crossing"
        );
        let fayzabad = Point::new(70.58, 37.12);
        let bds = atlas.province_at(fayzabad).expect("in a province");
        assert_eq!(atlas.data.provinces[bds].iso, "AF-BDS");
    }
}
