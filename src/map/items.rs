//! The things on screen a person can pick, in reading order and with spoken names: what a
//! screen reader lists and what the keyboard steps through (crossings, then places, then
//! imported clusters, then provinces).

use egui::Rect;

use super::ScreenTransform;
use super::crossings::arrow_path;
use super::hit::Hit;
use super::imported::{ClusterHit, LayerDraw, on_screen};
use super::markers::PlacedMarker;
use crate::atlas::Atlas;
use crate::timeline::Visible;

/// What a map item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemRef {
    /// A province, marker or crossing of the story.
    Story(Hit),
    /// An imported cluster.
    Cluster(ClusterHit),
}

/// One pickable thing on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct MapItem {
    pub item: ItemRef,
    /// Where it is drawn (a province: the part of its box in view).
    pub rect: Rect,
    /// A point on it: a province's label point, a marker's centre, an arrow's middle.
    pub at: egui::Pos2,
    /// "Badakhshan province, 5 items"; "Crossing, 5 July 2021: more than 1,000 Afghan
    /// soldiers from Badakhshan into Tajikistan".
    pub name: String,
}

/// Everything pickable in view `t` under the filter `vis`: crossings by date, places west to
/// east, clusters, then provinces by name.
pub fn map_items(
    atlas: &Atlas,
    t: &ScreenTransform,
    vis: &Visible,
    placed: &[PlacedMarker],
    imported: &[LayerDraw],
) -> Vec<MapItem> {
    let mut items = crossing_items(atlas, t, vis);
    let mut markers: Vec<&PlacedMarker> = placed.iter().collect();
    markers.sort_by(|a, b| a.center.x.total_cmp(&b.center.x));
    items.extend(markers.into_iter().map(|p| MapItem {
        item: ItemRef::Story(Hit::Marker(p.marker)),
        rect: Rect::from_center_size(p.center, egui::Vec2::splat(p.radius * 2.0)),
        at: p.center,
        name: marker_name(atlas, p),
    }));
    items.extend(
        on_screen(imported, t)
            .into_iter()
            .map(|(hit, at, r, count)| {
                let layer = &imported[hit.layer].data.layer;
                MapItem {
                    item: ItemRef::Cluster(hit),
                    rect: Rect::from_center_size(at, egui::Vec2::splat(r * 2.0)),
                    at,
                    name: cluster_name(&layer.name, count),
                }
            }),
    );
    items.extend(province_items(atlas, t, vis));
    items.extend(unit_items(atlas, t, vis));
    items
}

fn cluster_name(layer: &str, count: u32) -> String {
    match count {
        1 => format!("1 imported event, layer {layer}"),
        n => format!("Cluster of {n} imported events, layer {layer}"),
    }
}

/// "Kabul, 3 events" or "Kabul, 1 event".
fn marker_name(atlas: &Atlas, p: &PlacedMarker) -> String {
    let place = &atlas.data.places[atlas.markers[p.marker].place];
    match p.look.count {
        1 => format!("{}, 1 event", place.name),
        n => format!("{}, {n} events", place.name),
    }
}

/// The crossings the filter shows whose arrow is in view, by date.
fn crossing_items(atlas: &Atlas, t: &ScreenTransform, vis: &Visible) -> Vec<MapItem> {
    let crossings = &atlas.data.crossings.crossings;
    let mut items: Vec<(i64, MapItem)> = Vec::new();
    for arrow in &atlas.arrows {
        if !vis.crossings.get(arrow.crossing).is_some_and(|v| v.shown()) {
            continue;
        }
        let path = arrow_path(arrow, t);
        let rect = Rect::from_points(&path);
        if !rect.intersects(t.rect) {
            continue;
        }
        let x = &crossings[arrow.crossing];
        let place = |id: &str| {
            let i = atlas.ids.place(id);
            i.map_or_else(|| id.to_string(), |i| atlas.data.places[i].name.clone())
        };
        let people = if vis.concealed.figures || x.people.is_unknown() {
            String::new()
        } else {
            format!("{} ", x.people.label())
        };
        let name = format!(
            "Crossing, {}: {people}{} from {} into {}",
            x.date.human(),
            x.who,
            place(&x.from),
            place(&x.to)
        );
        let item = ItemRef::Story(Hit::Crossing(arrow.crossing));
        let at = path[path.len() / 2];
        let entry = MapItem {
            item,
            rect,
            at,
            name,
        };
        items.push((x.date.first_day_number(), entry));
    }
    items.sort_by_key(|(day, _)| *day);
    items.into_iter().map(|(_, i)| i).collect()
}

/// The world's units in view that are named on the map (wide enough for their name, and not
/// at a continent's or the world's scale), by name: "Khartoum, Sudan (first-level unit)"
/// (without the country while a quiz question asks for it).
fn unit_items(atlas: &Atlas, t: &ScreenTransform, vis: &Visible) -> Vec<MapItem> {
    let world = &atlas.world;
    let mut items: Vec<MapItem> = Vec::new();
    if t.degrees_per_pixel() > super::labels::UNIT_LABELS_BELOW_DPP {
        return items;
    }
    for units in world.decoded_in(t.view_box()) {
        for (k, shape) in units.shapes.iter().enumerate() {
            let rect = t.apply_rect(shape.bbox);
            let at = t.apply(units.labels[k]);
            if rect.width() < 40.0 || !t.rect.contains(at) {
                continue;
            }
            let u = units.first + k as crate::atlas::UnitId;
            let Some(title) = atlas.unit_title_shown(u, vis) else {
                continue;
            };
            items.push(MapItem {
                item: ItemRef::Story(Hit::WorldUnit(u)),
                rect: rect.intersect(t.rect),
                at,
                name: format!("{title} (first-level unit)"),
            });
        }
    }
    items.sort_by(|a, b| a.name.cmp(&b.name));
    items
}

/// The story's provinces in view, by name, with how many items the filter shows in each.
fn province_items(atlas: &Atlas, t: &ScreenTransform, vis: &Visible) -> Vec<MapItem> {
    let mut items: Vec<MapItem> = Vec::new();
    for (i, p) in atlas.data.provinces.iter().enumerate() {
        let rect = t
            .apply_rect(atlas.province_shapes[i].bbox)
            .intersect(t.rect);
        if !rect.is_positive() {
            continue;
        }
        let name = match atlas.province_shown(i, vis) {
            1 => format!("{} province, 1 item", p.name),
            n => format!("{} province, {n} items", p.name),
        };
        let item = ItemRef::Story(Hit::Province(i));
        let at = t.apply(atlas.province_labels[i]);
        items.push(MapItem {
            item,
            rect,
            at,
            name,
        });
    }
    items.sort_by(|a, b| a.name.cmp(&b.name));
    items
}
