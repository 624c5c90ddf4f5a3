//! The map feature: the walkers map with its layers, hover and click, keys, flights to a
//! slide's view, the legend, counter and credits over it.
//!
//! Its files: [`flight`] (moving the view), [`controls`] (keys and buttons), [`overlays`]
//! (legend, counter, credits) and [`tooltip`].

mod access;
mod controls;
mod flight;
mod overlays;
mod scale;
mod tooltip;

use std::sync::{Arc, Mutex};

use egui::{Color32, CursorIcon, Rect, Response, Ui};
use serde::{Deserialize, Serialize};
use walkers::{Map, MapMemory, Projector, lon_lat};

use super::selection::Resolved;
use super::{Command, Selection};
use crate::atlas::{Atlas, Highlighted};
use crate::map::annotations::AnnotationsLayer;
use crate::map::choropleth::{Choropleth, Shading};
use crate::map::crossings::Motion;
use crate::map::hit::{Hit, hit_test_placed};
use crate::map::imported::{ClusterHit, ImportedLayer, LayerDraw};
use crate::map::items::{ItemRef, MapItem};
use crate::map::world_units::WorldCache;
use crate::map::{
    BasemapLayer, CrossingsLayer, LabelSpots, LabelsLayer, Layer, MarkersLayer, ScreenTransform,
    SharedLayout, WorldUnitsLayer,
};
use crate::model::Annotation;
use crate::spatial::mercator::inverse_mercator;
use crate::timeline::{Counter, Filter, Visible};
use crate::ui::draw::Tool;
use flight::Flight;
pub use scale::{Units, nice_length};

/// Farthest zoom out (walkers zoom level): the whole world, a few times the window's width.
const MIN_ZOOM: f64 = 2.0;

/// What the map draws this frame besides the view itself, prepared once by the app.
pub struct MapInputs<'a> {
    pub atlas: &'a Arc<Atlas>,
    /// The selection, resolved once this frame.
    pub selected: Resolved,
    pub filter: &'a Filter,
    pub shading: Shading,
    /// What the time and kind filters let through.
    pub visible: &'a Arc<Visible>,
    /// Fill per province (choropleth classes or the plain "has events" shade).
    pub fills: &'a Arc<Vec<Color32>>,
    pub choropleth: &'a Choropleth,
    pub counter: &'a Counter,
    /// `Some` while the story plays.
    pub motion: Option<Motion>,
    pub text_scale: f32,
    /// What the current tour slide or quiz answer highlights.
    pub highlighted: &'a Highlighted,
    /// The teacher's drawings, the stroke in progress, and the drawing tool.
    pub annotations: &'a Arc<Vec<Annotation>>,
    pub current_stroke: Option<(Vec<[f64; 2]>, [u8; 3], f32)>,
    pub tool: Tool,
    /// Imported layers (ACLED, UCDP, GeoJSON) as counted for this zoom and filter.
    pub imported: Arc<Vec<LayerDraw>>,
    /// The imported cluster shown in the side panel.
    pub picked: Option<ClusterHit>,
    /// Credit for the raster basemap in use, if any.
    pub tile_credit: Option<String>,
    pub legend_open: bool,
    /// Draw the crossing counter over the map (presenting puts it in the timeline's strip).
    pub counter_on_map: bool,
    /// Only the map (the projector's window in the presenter view): no legend.
    pub bare: bool,
    /// The Home and zoom buttons (not on the projector or in an animation's frames).
    pub controls: bool,
    /// Hover feedback follows the pointer (not while recording an animation).
    pub pointer: bool,
}

/// A drag on the map this frame, in lon/lat, for the pen.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Gesture {
    /// Where the button went down, on the frame the drag is recognised.
    pub start: Option<[f64; 2]>,
    /// Where the pointer is while dragging.
    pub at: Option<[f64; 2]>,
    /// The drag ended this frame.
    pub ended: bool,
}

/// What the person did on the map this frame; the app routes it (to the selection, the quiz,
/// the pen or the pin).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MapOutput {
    /// A click: what it selects (`Selection::None` for empty map).
    pub clicked: Option<Selection>,
    /// Longitude / latitude of the click.
    pub clicked_at: Option<(f64, f64)>,
    /// An imported cluster under the click.
    pub clicked_cluster: Option<ClusterHit>,
    /// The pen's drag.
    pub gesture: Gesture,
    /// From the legend and the buttons over the map.
    pub commands: Vec<Command>,
}

/// What survives a restart: the view.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct MapSaved {
    pub memory: MapMemory,
    /// Go to the story's home view on the next frame (first start, or a new story).
    pub needs_home: bool,
    /// What the scale bar counts in.
    pub units: Units,
}

impl Default for MapSaved {
    fn default() -> Self {
        Self {
            memory: MapMemory::default(),
            needs_home: true,
            units: Units::default(),
        }
    }
}

/// The map: its saved view, and what one frame leaves for the next.
#[derive(Default)]
pub struct MapView {
    pub saved: MapSaved,
    pub last_transform: Option<ScreenTransform>,
    pub hovered: Option<Hit>,
    hovered_cluster: Option<ClusterHit>,
    /// The credit line as last drawn in the map's corner.
    pub credit: String,
    label_cache: Arc<Mutex<LabelSpots>>,
    /// The world's units as last drawn, reused while the view rests.
    world_cache: Arc<Mutex<WorldCache>>,
    /// The marker layout of this frame, shared by markers, labels and hit tests.
    layout: SharedLayout,
    /// Legend, buttons, cards and attribution as last drawn: labels keep out from under them.
    overlay_rects: Vec<Rect>,
    flight: Option<Flight>,
    /// What is pickable in view (last frame), for screen readers and the keyboard.
    items: Vec<MapItem>,
    /// The item the keyboard has reached (`N` / `P`).
    key_cursor: Option<ItemRef>,
    /// Frames until a home view set before the overlays were known is fitted again.
    rehome: u8,
}

/// The map's layers for one frame.
struct Layers {
    basemap: Layer<BasemapLayer>,
    world: Layer<WorldUnitsLayer>,
    crossings: Layer<CrossingsLayer>,
    imported: Layer<ImportedLayer>,
    markers: Layer<MarkersLayer>,
    labels: Layer<LabelsLayer>,
    drawings: Layer<AnnotationsLayer>,
}

/// What the pointer did inside the map this frame.
#[derive(Default)]
struct Interaction {
    transform: Option<ScreenTransform>,
    hovered: Option<Hit>,
    hovered_cluster: Option<ClusterHit>,
    grabbed: bool,
    out: MapOutput,
}

impl MapView {
    /// A map restored at its saved view.
    pub fn new(saved: MapSaved) -> Self {
        Self {
            saved,
            ..Self::default()
        }
    }

    /// Something drawn over the map after it (the drawing palette, a slide or quiz card):
    /// labels keep out from under it from the next frame on.
    pub fn add_obstacle(&mut self, rect: Rect) {
        self.overlay_rects.push(rect);
    }

    /// Shows the map with its overlays; reports what the person did.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        input: &MapInputs<'_>,
        tiles: Option<&mut crate::map::tiles::TileLayer>,
    ) -> MapOutput {
        let atlas = input.atlas;
        let rect = ui.available_rect_before_wrap();
        if self.saved.needs_home && rect.width() > 50.0 && rect.height() > 50.0 {
            self.go_home(atlas, rect);
        } else if self.rehome > 0 {
            self.rehome -= 1;
            if self.rehome == 0 {
                self.go_home(atlas, rect);
            }
            ui.ctx().request_repaint();
        }
        self.keyboard(ui, atlas, rect);
        self.step_flight(ui);
        if tiles.is_some() {
            // Where the tile set has nothing (outside a PMTiles file's area), the sea colour
            // shows, not black.
            ui.painter()
                .rect_filled(rect, 0.0, crate::map::style::OCEAN);
        }
        let i = self.show_map(ui, input, tiles);
        self.after(ui, i, input)
    }

    /// The walkers map with every layer, and what the pointer did on it.
    fn show_map(
        &mut self,
        ui: &mut Ui,
        input: &MapInputs<'_>,
        tiles: Option<&mut crate::map::tiles::TileLayer>,
    ) -> Interaction {
        let drawing = input.tool != Tool::Pan;
        let home = inverse_mercator(input.atlas.home.center());
        let tiles_on = tiles.is_some();
        let l = self.layers(input, tiles_on);
        let tiles = tiles.map(|t| t as &mut dyn walkers::Tiles);
        let map = Map::new(tiles, &mut self.saved.memory, lon_lat(home.x, home.y))
            .zoom_with_ctrl(false)
            // While drawing, a left drag draws; the right or middle button still pans.
            .drag_pan_buttons(if drawing {
                egui::DragPanButtons::SECONDARY | egui::DragPanButtons::MIDDLE
            } else {
                egui::DragPanButtons::PRIMARY
            })
            .double_click_to_zoom(!drawing)
            .with_plugin(l.basemap)
            .with_plugin(l.world)
            .with_plugin(l.crossings)
            .with_plugin(l.imported)
            .with_plugin(l.markers)
            .with_plugin(l.labels)
            .with_plugin(l.drawings);
        let layout = self.layout.clone();
        let mut i = Interaction::default();
        map.show(ui, |ui, response, projector, _memory| {
            i = interact(ui, response, projector, input, &layout, drawing);
        });
        i
    }

    /// The map's layers, bottom up: basemap, the world's units, crossings, imported clusters, markers, labels,
    /// drawings.
    fn layers(&self, input: &MapInputs<'_>, tiles_on: bool) -> Layers {
        let atlas = input.atlas;
        let hovered_province = self.hovered.and_then(Hit::province);
        let h = input.highlighted;
        Layers {
            basemap: Layer(BasemapLayer {
                atlas: atlas.clone(),
                hovered: hovered_province,
                selected: input.selected.province,
                highlighted: Arc::new(h.provinces.clone()),
                province_fill: input.fills.clone(),
                keep_fills: !input.choropleth.classes.is_empty(),
                // Raster tiles underneath: draw the provinces' shading, not the land and sea.
                fills: !tiles_on,
            }),
            world: Layer(WorldUnitsLayer {
                atlas: atlas.clone(),
                hovered: self.hovered.and_then(Hit::world_unit),
                selected: input.selected.unit,
                cache: self.world_cache.clone(),
            }),
            crossings: Layer(CrossingsLayer {
                atlas: atlas.clone(),
                visible: input.visible.clone(),
                motion: input.motion,
                highlighted: Arc::new(h.crossings.clone()),
                selected: input.selected.crossing(),
                hovered: self.hovered.and_then(Hit::crossing),
            }),
            imported: Layer(ImportedLayer {
                layers: input.imported.clone(),
                selected: input.picked,
                hovered: self.hovered_cluster,
            }),
            markers: Layer(MarkersLayer {
                atlas: atlas.clone(),
                visible: input.visible.clone(),
                layout: self.layout.clone(),
                highlighted: Arc::new(h.markers.clone()),
                selected: input.selected.marker,
                hovered: self.hovered.and_then(Hit::marker),
            }),
            labels: Layer(LabelsLayer {
                atlas: atlas.clone(),
                visible: input.visible.clone(),
                layout: self.layout.clone(),
                motion: input.motion,
                cache: self.label_cache.clone(),
                obstacles: self.overlay_rects.clone(),
                selected_province: input.selected.province,
                hovered_province,
                selected_unit: input.selected.unit,
                hovered_unit: self.hovered.and_then(Hit::world_unit),
                text_scale: input.text_scale,
            }),
            drawings: Layer(AnnotationsLayer {
                items: input.annotations.clone(),
                current: input.current_stroke.clone(),
            }),
        }
    }

    /// Keeps what the frame found, and draws the buttons and overlays.
    fn after(&mut self, ui: &mut Ui, i: Interaction, input: &MapInputs<'_>) -> MapOutput {
        if i.hovered_cluster != self.hovered_cluster || i.hovered != self.hovered {
            self.hovered_cluster = i.hovered_cluster;
            self.hovered = i.hovered;
            ui.ctx().request_repaint();
        }
        // The user takes the map: a flight in progress gives way, and so does a pending home.
        if i.grabbed {
            self.flight = None;
            self.rehome = 0;
        }
        // Below this the whole world is smaller than the window: nothing more to see.
        if self.saved.memory.zoom() < MIN_ZOOM {
            let _ = self.saved.memory.set_zoom(MIN_ZOOM);
        }
        self.last_transform = i.transform;
        let mut out = i.out;
        if let Some(t) = i.transform {
            if let Some(item) = self.access(ui, input, &t) {
                open_item(input.atlas, &t, &item, &mut out);
            }
            let buttons = if input.controls {
                self.controls(ui, input.atlas, t.rect)
            } else {
                Vec::new()
            };
            out.commands = self.overlays(ui, input, t.rect);
            self.overlay_rects.extend(buttons);
        }
        out
    }
}

/// Hover, click and the pen's drag inside the map; the story's own markers and arrows come
/// first, then imported clusters, then provinces.
fn interact(
    ui: &Ui,
    response: &Response,
    projector: &Projector,
    input: &MapInputs<'_>,
    layout: &SharedLayout,
    drawing: bool,
) -> Interaction {
    let t = ScreenTransform::from_projector(projector);
    crate::ui::keys::set_map_widget(ui.ctx(), response.id);
    response.widget_info(|| {
        let name = "Map: Tab here, then N / P to step through what is on it, Enter to open";
        egui::WidgetInfo::labeled(egui::Role::Group, true, name)
    });
    let (atlas, vis) = (input.atlas, input.visible);
    let placed = layout.get(atlas, &t, vis);
    let story_hit = |pos| hit_test_placed(atlas, &t, pos, vis, &placed);
    let cluster_at = |pos, story: Option<Hit>| match story {
        Some(Hit::Marker(_) | Hit::Crossing(_)) => None,
        _ => crate::map::imported::hit(&input.imported, &t, pos),
    };
    let mut i = Interaction {
        transform: Some(t),
        ..Interaction::default()
    };
    if drawing {
        ui.ctx().set_cursor_icon(CursorIcon::Crosshair);
        i.out.gesture = gesture(ui, response, &t);
    }
    i.grabbed = (!drawing && response.dragged())
        || (response.hovered()
            && ui.input(|i| i.smooth_scroll_delta != egui::Vec2::ZERO || i.zoom_delta() != 1.0));
    if let Some(pos) = response.hover_pos().filter(|_| input.pointer) {
        i.hovered = story_hit(pos);
        i.hovered_cluster = cluster_at(pos, i.hovered);
        if let Some(c) = i.hovered_cluster {
            ui.ctx().set_cursor_icon(CursorIcon::PointingHand);
            tooltip::cluster(ui, &input.imported, c, pos);
        } else if let Some(h) = i.hovered {
            if !matches!(h, Hit::Province(_) | Hit::WorldUnit(_)) {
                ui.ctx().set_cursor_icon(CursorIcon::PointingHand);
            }
            tooltip::story(ui, atlas, vis, h, pos);
        }
    }
    if response.clicked()
        && let Some(pos) = response.interact_pointer_pos()
    {
        let ll = inverse_mercator(t.invert(pos));
        i.out.clicked_at = Some((ll.x, ll.y));
        let story = story_hit(pos);
        i.out.clicked_cluster = cluster_at(pos, story);
        i.out.clicked = Some(selection_of_hit(atlas, story));
    }
    i
}

/// Opening an item by keyboard or screen reader: the same as a click on it.
fn open_item(atlas: &Atlas, t: &ScreenTransform, item: &MapItem, out: &mut MapOutput) {
    let ll = inverse_mercator(t.invert(item.at));
    out.clicked_at = Some((ll.x, ll.y));
    match item.item {
        ItemRef::Story(hit) => out.clicked = Some(selection_of_hit(atlas, Some(hit))),
        ItemRef::Cluster(c) => out.clicked_cluster = Some(c),
    }
}

/// The selection a click on `hit` makes.
fn selection_of_hit(atlas: &Atlas, hit: Option<Hit>) -> Selection {
    match hit {
        Some(Hit::Province(i)) => Selection::Province(atlas.data.provinces[i].iso.clone()),
        Some(Hit::WorldUnit(u)) => atlas
            .world
            .unit(u)
            .map_or(Selection::None, |p| Selection::Province(p.iso.clone())),
        Some(Hit::Marker(m)) => {
            Selection::Place(atlas.data.places[atlas.markers[m].place].id.clone())
        }
        Some(Hit::Crossing(x)) => Selection::Crossing(atlas.data.crossings.crossings[x].id.clone()),
        None => Selection::None,
    }
}

/// The pen's drag in lon/lat. A drag is recognised only after the pointer has moved a little:
/// the stroke starts where the button went down.
fn gesture(ui: &Ui, response: &Response, t: &ScreenTransform) -> Gesture {
    let lonlat = |pos| {
        let ll = inverse_mercator(t.invert(pos));
        [ll.x, ll.y]
    };
    let mut g = Gesture::default();
    if response.drag_started()
        && let Some(origin) = ui.input(|i| i.pointer.press_origin())
    {
        g.start = Some(lonlat(origin));
    }
    if (response.drag_started() || response.dragged())
        && let Some(pos) = response.interact_pointer_pos()
    {
        g.at = Some(lonlat(pos));
    }
    g.ended = response.drag_stopped();
    g
}
