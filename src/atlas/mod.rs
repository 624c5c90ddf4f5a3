//! The dataset with every index and prepared shape the map needs, built once at start-up.
//!
//! Nothing here is rebuilt per frame: map layers borrow these (behind an `Arc`) and only
//! scale and shift what was prepared.

mod arrows;
mod borders;
mod ids;
mod items;
mod markers;
mod view;
mod world;
mod world_units;

pub use arrows::{Arrow, TotalLabel};
pub use borders::Border;
pub use ids::IdMaps;
pub use items::ProvinceTally;
pub use markers::{Marker, MarkerLook};
pub use view::{Highlighted, HomeView, union_box};
pub use world_units::{CountryUnits, UnitId, WorldCountry, WorldUnits};

use std::sync::OnceLock;

use geo::{Coord, MultiPolygon, Point};

pub use crate::model::Item;
use crate::model::{DataError, Dataset, EventKind};
use crate::spatial::{Anchor, LodShape, ProvinceIndex, mercator};
use crate::timeline::{Filter, Scales, TimeIndex, Visible};

/// Everything drawable, prepared.
pub struct Atlas {
    pub data: Dataset,
    /// Id → index maps for places, events, crossings, provinces and countries.
    pub ids: IdMaps,
    pub province_index: ProvinceIndex,
    /// Point → country, for placing country labels in the visible part of a country; built
    /// on first use from simplified outlines (labels need no metre precision).
    country_index: OnceLock<ProvinceIndex>,
    pub province_shapes: Vec<LodShape>,
    pub province_labels: Vec<Coord<f64>>,
    pub country_shapes: Vec<LodShape>,
    pub country_labels: Vec<Coord<f64>>,
    /// Every other country's first-level units, decoded when first in view.
    pub world: WorldUnits,
    /// Indexes (into `data.countries`) of the countries whose provinces the story draws.
    pub story_countries: Vec<usize>,
    /// Borders that the story's crossings cross, drawn emphasised.
    pub borders: Vec<Border>,
    /// The same in words, for the legend.
    pub border_legend: Vec<String>,
    /// The credit line for the map's corner (the story's).
    pub attribution: String,
    pub markers: Vec<Marker>,
    pub arrows: Vec<Arrow>,
    pub totals: Vec<TotalLabel>,
    /// Where the map starts and where Home goes (the story's `home`).
    pub home: HomeView,
    /// Events and crossings by date: the time filter's index.
    pub time: TimeIndex,
    /// The story's natural time scales (the whole story, the crisis).
    pub scales: Scales,
    /// The event kinds the story has, in legend order (the legend's checkboxes).
    pub kinds: Vec<EventKind>,
    /// Items of each province (by province index), in date order.
    province_items: Vec<Vec<Item>>,
    /// The marker of each place that has one (by place index).
    marker_of_place: Vec<Option<usize>>,
    /// The marker of each event that has one (by event index): its most specific place.
    marker_of_event: Vec<Option<usize>>,
}

impl Atlas {
    /// Loads a data source and prepares it.
    pub fn load(source: crate::model::DataSource) -> Result<Self, DataError> {
        Ok(Self::new(Dataset::load(source)?))
    }

    /// Prepares a dataset: adds the world's units of story countries without provinces,
    /// triangulates, simplifies, places markers and arrows.
    pub fn new(mut data: Dataset) -> Self {
        world::add_world_provinces(&mut data);
        let label =
            |shape: &MultiPolygon<f64>| shape.anchor().map_or(Coord::zero(), |pt| mercator(pt.0));
        let ids = IdMaps::new(&data);
        let story_countries = data
            .story
            .countries
            .iter()
            .filter_map(|c| ids.country(c))
            .collect();
        let mut drawn: Vec<&str> = data.provinces.iter().map(|p| p.country()).collect();
        drawn.dedup();
        let world = WorldUnits::embedded(&drawn);
        let time = TimeIndex::new(&data);
        let scales = Scales::of(&data, &time);
        let mut atlas = Self {
            province_index: ProvinceIndex::new(&data.provinces),
            country_index: OnceLock::new(),
            province_shapes: data
                .provinces
                .iter()
                .map(|p| LodShape::new(&p.shape))
                .collect(),
            province_labels: data.provinces.iter().map(|p| label(&p.shape)).collect(),
            country_shapes: data
                .countries
                .iter()
                .map(|c| LodShape::new(&c.shape))
                .collect(),
            country_labels: data.countries.iter().map(|c| label(&c.shape)).collect(),
            story_countries,
            world,
            borders: Vec::new(),
            border_legend: Vec::new(),
            attribution: data.story.attribution(),
            markers: Vec::new(),
            arrows: Vec::new(),
            totals: Vec::new(),
            home: HomeView::World,
            kinds: EventKind::ALL
                .into_iter()
                .filter(|k| data.events.iter().any(|e| e.kind == *k))
                .collect(),
            time,
            scales,
            province_items: Vec::new(),
            marker_of_place: Vec::new(),
            marker_of_event: Vec::new(),
            ids,
            data,
        };
        atlas.province_items = atlas.collect_province_items();
        atlas.borders = borders::build(&atlas);
        atlas.border_legend = borders::legend_lines(&atlas);
        atlas.markers = markers::build(&atlas);
        (atlas.marker_of_place, atlas.marker_of_event) = markers::lookups(&atlas);
        atlas.arrows = arrows::build(&atlas);
        atlas.totals = arrows::totals(&atlas);
        atlas.home = HomeView::of(&atlas, &atlas.data.story.home);
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

    /// The province under a lon/lat point.
    pub fn province_at(&self, p: Point<f64>) -> Option<usize> {
        self.province_index.locate(p)
    }

    /// The world unit under a lon/lat point, in a country the story does not draw itself (the
    /// country under the point is tried first).
    pub fn world_unit_at(&self, p: Point<f64>) -> Option<UnitId> {
        let hint = self
            .country_at(p)
            .and_then(|c| self.world.by_country(&self.data.countries[c].iso_a2));
        self.world.unit_at(p, hint)
    }

    /// A world unit's name with its country's: "North Darfur, Sudan".
    pub fn unit_title(&self, u: UnitId) -> Option<String> {
        let unit = self.world.unit(u)?;
        Some(format!("{}, {}", unit.name, self.unit_country(u)?))
    }

    /// The name of a world unit's country ("Sudan"; its code when the basemap lacks it).
    pub fn unit_country(&self, u: UnitId) -> Option<&str> {
        let cc = self.world.unit(u)?.country();
        Some(
            self.ids
                .country(cc)
                .map_or(cc, |c| self.data.countries[c].name.as_str()),
        )
    }

    /// [`Self::unit_title`], without the country while a waiting quiz question asks for it.
    pub fn unit_title_shown(&self, u: UnitId, vis: &Visible) -> Option<String> {
        let unit = self.world.unit(u)?;
        let concealed = vis
            .concealed
            .place
            .and_then(|p| self.data.places.get(p))
            .is_some_and(|p| {
                p.kind == crate::model::PlaceKind::Country
                    && p.country.eq_ignore_ascii_case(unit.country())
            });
        if concealed {
            Some(unit.name.clone())
        } else {
            self.unit_title(u)
        }
    }

    /// Index of a place by id.
    pub fn place_index(&self, id: &str) -> Option<usize> {
        self.ids.place(id)
    }

    /// Whether the story draws the provinces of country `i` (an index into `data.countries`).
    pub fn is_story_country(&self, i: usize) -> bool {
        self.story_countries.contains(&i)
    }

    /// The names of the story's countries, for text such as "Across Afghanistan".
    pub fn story_country_names(&self) -> String {
        let names: Vec<&str> = self
            .story_countries
            .iter()
            .map(|&i| self.data.countries[i].name.as_str())
            .collect();
        names.join(", ")
    }

    /// The marker drawn for a place, if it has one.
    pub fn marker_of_place(&self, place: usize) -> Option<usize> {
        self.marker_of_place.get(place).copied().flatten()
    }

    /// The marker an event is drawn on (its most specific place), if any.
    pub fn marker_of_event(&self, event: usize) -> Option<usize> {
        self.marker_of_event.get(event).copied().flatten()
    }

    /// What the filter lets through.
    pub fn visible(&self, filter: &Filter) -> Visible {
        self.time.visible(filter, &self.data)
    }

    /// The cursor that shows the whole story: the middle of its last day.
    pub fn story_end(&self) -> f64 {
        self.time.span().map_or(0.5, |(_, last)| last as f64 + 0.5)
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
        assert_eq!(atlas.ids.province("af-bds"), Some(bds));
    }

    #[test]
    fn borders_are_those_the_crossings_cross() {
        let atlas = Atlas::new(Dataset::embedded().expect("embedded data"));
        let mut pairs: Vec<String> = atlas
            .borders
            .iter()
            .map(|b| {
                let [a, c] = b.countries;
                format!(
                    "{}-{}",
                    atlas.data.countries[a].iso_a2, atlas.data.countries[c].iso_a2
                )
            })
            .collect();
        pairs.sort();
        // Into Tajikistan, and refuge in Pakistan and Uzbekistan.
        assert_eq!(pairs, ["AF-PK", "AF-TJ", "AF-UZ"]);
        assert!(atlas.borders.iter().all(|b| !b.lines.is_empty()));
    }
}
