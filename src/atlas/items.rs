//! What the story says happened where: the events and crossings of a province or a place, and
//! per-province tallies for shading.

use super::{Atlas, Item};
use crate::model::PartialDate;
use crate::timeline::Visible;

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

impl Atlas {
    /// Event indexes in date order.
    pub fn events_by_date(&self) -> Vec<usize> {
        let mut v: Vec<usize> = (0..self.data.events.len()).collect();
        v.sort_by_key(|&i| self.data.events[i].date);
        v
    }

    /// The date an item starts.
    pub fn date_of(&self, item: Item) -> PartialDate {
        match item {
            Item::Event(i) => self.data.events[i].date,
            Item::Crossing(i) => self.data.crossings.crossings[i].date,
        }
    }

    fn sorted(&self, mut items: Vec<Item>) -> Vec<Item> {
        items.sort_by_key(|&it| self.date_of(it));
        items
    }

    /// The province (index) a place lies in, if it names one the story draws.
    fn province_of_place(&self, id: &str) -> Option<usize> {
        let p = &self.data.places[self.ids.place(id)?];
        self.ids.province(p.province.as_deref()?)
    }

    /// Events and crossings of every province, by province index, each list in date order.
    pub(super) fn collect_province_items(&self) -> Vec<Vec<Item>> {
        let mut lists = vec![Vec::new(); self.data.provinces.len()];
        for (i, e) in self.data.events.iter().enumerate() {
            let mut ps: Vec<usize> = e
                .places
                .iter()
                .filter_map(|id| self.province_of_place(id))
                .collect();
            ps.sort_unstable();
            ps.dedup();
            for p in ps {
                lists[p].push(Item::Event(i));
            }
        }
        for (i, x) in self.data.crossings.crossings.iter().enumerate() {
            let from = self.province_of_place(&x.from);
            let to = self.province_of_place(&x.to).filter(|&t| Some(t) != from);
            for p in from.into_iter().chain(to) {
                lists[p].push(Item::Crossing(i));
            }
        }
        lists.into_iter().map(|l| self.sorted(l)).collect()
    }

    /// Events and crossings in a province (its own events and those of places inside it).
    pub fn items_in_province(&self, iso: &str) -> Vec<Item> {
        self.ids
            .province(iso)
            .and_then(|i| self.province_items.get(i))
            .cloned()
            .unwrap_or_default()
    }

    /// Events and crossings in province `i`, in date order.
    pub fn province_items(&self, i: usize) -> &[Item] {
        self.province_items.get(i).map_or(&[], Vec::as_slice)
    }

    /// How many of province `i`'s events and crossings the filter shows (the tooltip's and the
    /// screen reader's "5 items").
    pub fn province_shown(&self, i: usize, vis: &Visible) -> usize {
        self.province_items(i)
            .iter()
            .filter(|&&item| vis.item(item).shown())
            .count()
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

    /// Events and crossings at the story's places inside world unit `u` (a country's own point
    /// does not count as being in one of its units), in date order.
    pub fn items_in_unit(&self, u: super::UnitId) -> Vec<Item> {
        use geo::Contains;
        let Some(unit) = self.world.unit(u) else {
            return Vec::new();
        };
        let mut items: Vec<Item> = self
            .data
            .places
            .iter()
            .filter(|p| p.kind != crate::model::PlaceKind::Country)
            .filter(|p| unit.shape.contains(&p.point()))
            .flat_map(|p| self.items_at_place(&p.id))
            .collect();
        items.sort_unstable_by_key(|&i| (self.date_of(i), i));
        items.dedup();
        items
    }

    /// Per province (by index): events and people crossing from it, under the filter.
    pub fn province_tallies(&self, vis: &Visible) -> Vec<ProvinceTally> {
        self.province_items
            .iter()
            .enumerate()
            .map(|(p, items)| {
                let mut t = ProvinceTally::default();
                for &item in items.iter().filter(|&&i| vis.item(i).shown()) {
                    match item {
                        Item::Event(_) => t.events += 1,
                        Item::Crossing(x) => {
                            let c = &self.data.crossings.crossings[x];
                            if self.province_of_place(&c.from) == Some(p) {
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
}
