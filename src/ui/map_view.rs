//! The map widget with its controls: layers, hover, click, keyboard, Home, legend, attribution.

use std::sync::{Arc, Mutex};

use egui::{Align2, Color32, CursorIcon, FontId, Key, Rect, Stroke, Ui, vec2};
use serde::{Deserialize, Serialize};
use walkers::{Map, MapMemory, lon_lat};

use super::{Selection, legend};
use crate::atlas::{Atlas, Highlighted, HomeView};
use crate::map::annotations::AnnotationsLayer;
use crate::map::choropleth::{Choropleth, Shading};
use crate::map::crossings::Motion;
use crate::map::hit::{Hit, hit_test};
use crate::map::{
    BasemapLayer, CrossingsLayer, LabelSpots, LabelsLayer, MarkersLayer, ScreenTransform, style,
};
use crate::model::PartialDate;
use crate::spatial::mercator::inverse_mercator;
use crate::timeline::{Counter, Filter, Visible};
use crate::ui::draw::Tool;

/// What the map draws this frame besides the view itself, prepared by the app.
pub struct MapInputs<'a> {
    pub atlas: &'a Arc<Atlas>,
    pub selection: &'a Selection,
    /// What the time and kind filters let through.
    pub visible: &'a Arc<Visible>,
    /// Fill per province (choropleth classes or the plain "has events" shade).
    pub fills: &'a Arc<Vec<Color32>>,
    pub choropleth: &'a Choropleth,
    pub counter: &'a Counter,
    /// `Some` while the story plays.
    pub motion: Option<Motion>,
    pub text_scale: f32,
    /// What the current tour slide highlights.
    pub highlighted: &'a Highlighted,
    /// The teacher's drawings, the stroke in progress, and the drawing tool.
    pub annotations: &'a Arc<Vec<crate::model::Annotation>>,
    pub current_stroke: Option<(Vec<[f64; 2]>, [u8; 3], f32)>,
    pub tool: Tool,
    /// Imported layers (ACLED, UCDP, GeoJSON) as counted for this zoom and filter.
    pub imported: Arc<Vec<crate::map::imported::LayerDraw>>,
    /// The imported cluster shown in the side panel.
    pub picked: Option<crate::map::imported::ClusterHit>,
    /// Credit for the raster basemap in use, if any.
    pub tile_credit: Option<String>,
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

/// A smooth move of the view (a tour going to its next slide).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Flight {
    /// Unit Mercator centre and walkers zoom at the start and end.
    from: (geo::Coord<f64>, f64),
    to: (geo::Coord<f64>, f64),
    /// `ui.input().time` when it began (set on its first frame).
    start: Option<f64>,
}

/// Seconds a flight between two views takes.
const FLIGHT_SECONDS: f64 = 1.2;

/// Map state: the view is saved between runs; the rest is rebuilt each frame.
#[derive(Serialize, Deserialize)]
#[serde(default)]
pub struct MapView {
    pub memory: MapMemory,
    /// Go to the story's home view on the next frame (first start, or "Home").
    pub needs_home: bool,
    pub show_legend: bool,
    #[serde(skip)]
    pub last_transform: Option<ScreenTransform>,
    #[serde(skip)]
    pub hovered: Option<Hit>,
    /// Longitude / latitude of the last click on the map (this frame only), for the quiz.
    #[serde(skip)]
    pub clicked_at: Option<(f64, f64)>,
    /// An imported cluster clicked this frame.
    #[serde(skip)]
    pub clicked_cluster: Option<crate::map::imported::ClusterHit>,
    #[serde(skip)]
    hovered_cluster: Option<crate::map::imported::ClusterHit>,
    /// The credit line as last drawn in the map's corner.
    #[serde(skip)]
    pub credit: String,
    /// The pen's drag this frame.
    #[serde(skip)]
    pub gesture: Gesture,
    #[serde(skip)]
    label_cache: Arc<Mutex<LabelSpots>>,
    /// Legend, buttons and attribution as last drawn: labels keep out from under them.
    #[serde(skip)]
    overlay_rects: Vec<Rect>,
    #[serde(skip)]
    flight: Option<Flight>,
    /// The legend as last drawn (views fitted for a slide keep out from under it).
    #[serde(skip)]
    legend_rect: Option<Rect>,
}

impl Default for MapView {
    fn default() -> Self {
        Self {
            memory: MapMemory::default(),
            needs_home: true,
            show_legend: true,
            last_transform: None,
            hovered: None,
            clicked_at: None,
            clicked_cluster: None,
            hovered_cluster: None,
            credit: String::new(),
            gesture: Gesture::default(),
            label_cache: Arc::default(),
            overlay_rects: Vec::new(),
            flight: None,
            legend_rect: None,
        }
    }
}

/// Farthest zoom out (walkers zoom level): the whole world, a few times the window's width.
const MIN_ZOOM: f64 = 2.0;

/// Pixels the arrow keys pan by.
const KEY_PAN: f32 = 120.0;

impl MapView {
    /// Sets the story's home view: its box fills `rect` with a margin.
    pub fn go_home(&mut self, atlas: &Atlas, rect: Rect) {
        let margin = (rect.width().min(rect.height()) * 0.06).max(10.0);
        let zoom = match atlas.home {
            HomeView::Fit(r) => ScreenTransform::fit(r, rect.shrink(margin)).zoom(),
            HomeView::Center(_, zoom) => zoom,
            HomeView::World => MIN_ZOOM,
        };
        let center = inverse_mercator(atlas.home.center());
        // Zoom is clamped by walkers; an out-of-range fit just keeps the old zoom.
        let _ = self.memory.set_zoom(zoom.clamp(1.0, 18.0));
        self.memory.center_at(lon_lat(center.x, center.y));
        self.needs_home = false;
    }

    /// The view now: unit-Mercator centre and zoom (once the map has been drawn).
    pub fn current(&self) -> Option<(geo::Coord<f64>, f64)> {
        let t = self.last_transform?;
        Some((t.invert(t.rect.center()), self.memory.zoom()))
    }

    /// The centre and zoom that fit a unit-Mercator box in the map as last drawn, in the part
    /// left free by the legend and by `top_inset` points at the top (a tour's slide card).
    pub fn fitting(&self, bbox: geo::Rect<f64>, top_inset: f32) -> Option<(geo::Coord<f64>, f64)> {
        let full = self.last_transform?.rect;
        let mut free = full;
        free.min.y = (free.min.y + top_inset).min(free.max.y - full.height() * 0.4);
        if let Some(legend) = self.legend_rect {
            free.min.x = (legend.right() + 4.0).min(free.max.x - full.width() * 0.5);
        }
        let margin = (free.width().min(free.height()) * 0.06).max(10.0);
        let free = free.shrink(margin);
        // A single place: a box of about 60 km, not an infinite zoom.
        let pad = (0.0015 - bbox.width().min(bbox.height())).max(0.0) / 2.0;
        let bbox = geo::Rect::new(
            geo::coord! { x: bbox.min().x - pad, y: bbox.min().y - pad },
            geo::coord! { x: bbox.max().x + pad, y: bbox.max().y + pad },
        );
        let t = ScreenTransform::fit(bbox, free);
        // The centre that puts the box in the middle of the free part, not of the whole map.
        let center = t.invert(full.center());
        Some((center, t.zoom().clamp(MIN_ZOOM, 16.0)))
    }

    /// Moves smoothly to a unit-Mercator centre and zoom; jumps if the map was never drawn.
    pub fn fly_to(&mut self, center: geo::Coord<f64>, zoom: f64) {
        self.needs_home = false;
        match self.current() {
            Some(from) => {
                self.flight = Some(Flight {
                    from,
                    to: (center, zoom),
                    start: None,
                })
            }
            None => self.jump_to(center, zoom),
        }
    }

    /// Sets the view at once.
    pub fn jump_to(&mut self, center: geo::Coord<f64>, zoom: f64) {
        self.flight = None;
        self.needs_home = false;
        let c = inverse_mercator(center);
        let _ = self.memory.set_zoom(zoom.clamp(MIN_ZOOM, 18.0));
        self.memory.center_at(lon_lat(c.x, c.y));
    }

    /// Something drawn over the map after it (the drawing palette, a slide or quiz card):
    /// labels keep out from under it from the next frame on.
    pub fn add_obstacle(&mut self, rect: Rect) {
        self.overlay_rects.push(rect);
    }

    /// Whether a flight is under way.
    pub fn flying(&self) -> bool {
        self.flight.is_some()
    }

    fn step_flight(&mut self, ui: &Ui) {
        let Some(f) = &mut self.flight else {
            return;
        };
        let now = ui.input(|i| i.time);
        let start = *f.start.get_or_insert(now);
        let t = ((now - start) / FLIGHT_SECONDS).clamp(0.0, 1.0);
        let e = t * t * (3.0 - 2.0 * t); // ease in and out
        let lerp = |a: f64, b: f64| a + (b - a) * e;
        let (to, from) = (f.to, f.from);
        let center = geo::coord! { x: lerp(from.0.x, to.0.x), y: lerp(from.0.y, to.0.y) };
        let zoom = lerp(from.1, to.1);
        if t >= 1.0 {
            self.jump_to(to.0, to.1);
        } else {
            let c = inverse_mercator(center);
            let _ = self.memory.set_zoom(zoom.clamp(MIN_ZOOM, 18.0));
            self.memory.center_at(lon_lat(c.x, c.y));
            ui.ctx().request_repaint();
        }
    }

    fn pan_by(&mut self, delta: egui::Vec2) {
        if let Some(t) = self.last_transform {
            let c = inverse_mercator(t.invert(t.rect.center() + delta));
            self.memory.center_at(lon_lat(c.x, c.y));
        }
    }

    fn keyboard(&mut self, ui: &Ui, atlas: &Atlas, rect: Rect) {
        // Keys act on the map only when no text field has focus.
        if ui.ctx().memory(|m| m.focused().is_some()) {
            return;
        }
        let (pan, zoom_in, zoom_out, home) = ui.input(|i| {
            let mut pan = egui::Vec2::ZERO;
            if i.key_pressed(Key::ArrowLeft) {
                pan.x -= KEY_PAN;
            }
            if i.key_pressed(Key::ArrowRight) {
                pan.x += KEY_PAN;
            }
            if i.key_pressed(Key::ArrowUp) {
                pan.y -= KEY_PAN;
            }
            if i.key_pressed(Key::ArrowDown) {
                pan.y += KEY_PAN;
            }
            (
                pan,
                i.key_pressed(Key::Plus) || i.key_pressed(Key::Equals),
                i.key_pressed(Key::Minus),
                i.key_pressed(Key::Home) || i.key_pressed(Key::H),
            )
        });
        if pan != egui::Vec2::ZERO {
            self.pan_by(pan);
        }
        if zoom_in {
            let _ = self.memory.zoom_in();
        }
        if zoom_out {
            let _ = self.memory.zoom_out();
        }
        if home {
            self.go_home(atlas, rect);
        }
    }

    /// Shows the map; returns a new selection when the user clicked something (or nothing).
    /// The legend's checkboxes and shading picker edit `filter` and `shading`.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        input: &MapInputs<'_>,
        filter: &mut Filter,
        shading: &mut Shading,
        tiles: Option<&mut crate::map::tiles::TileLayer>,
    ) -> Option<Selection> {
        let MapInputs {
            atlas,
            selection,
            visible,
            ..
        } = *input;
        let rect = ui.available_rect_before_wrap();
        if self.needs_home && rect.width() > 50.0 && rect.height() > 50.0 {
            self.go_home(atlas, rect);
        }
        self.keyboard(ui, atlas, rect);
        self.step_flight(ui);

        let selected_province = match selection {
            Selection::Province(iso) => atlas.data.provinces.iter().position(|p| &p.iso == iso),
            _ => None,
        };
        let selected_marker = match selection {
            Selection::Place(id) => atlas
                .place_index(id)
                .and_then(|p| atlas.markers.iter().position(|m| m.place == p)),
            // An event picked on the timeline: its marker (the most specific place).
            Selection::Event(id) => atlas
                .data
                .events
                .iter()
                .position(|e| &e.id == id)
                .and_then(|e| atlas.markers.iter().position(|m| m.events.contains(&e))),
            _ => None,
        };
        let selected_crossing = match selection {
            Selection::Crossing(id) => atlas
                .data
                .crossings
                .crossings
                .iter()
                .position(|x| &x.id == id),
            _ => None,
        };
        let hovered_province = match self.hovered {
            Some(Hit::Province(i)) => Some(i),
            _ => None,
        };
        let home = inverse_mercator(atlas.home.center());

        let drawing = input.tool != Tool::Pan;
        let tiles_on = tiles.is_some();
        if tiles_on {
            // Where the tile set has nothing (outside a PMTiles file's area), the sea colour
            // shows, not black.
            ui.painter()
                .rect_filled(rect, 0.0, crate::map::style::OCEAN);
        }
        let tiles = tiles.map(|t| t as &mut dyn walkers::Tiles);
        let map = Map::new(tiles, &mut self.memory, lon_lat(home.x, home.y))
            .zoom_with_ctrl(false)
            // While drawing, a left drag draws; the right or middle button still pans.
            .drag_pan_buttons(if drawing {
                egui::DragPanButtons::SECONDARY | egui::DragPanButtons::MIDDLE
            } else {
                egui::DragPanButtons::PRIMARY
            })
            .double_click_to_zoom(!drawing)
            .with_plugin(BasemapLayer {
                atlas: atlas.clone(),
                hovered: hovered_province,
                selected: selected_province,
                highlighted: Arc::new(input.highlighted.provinces.clone()),
                province_fill: input.fills.clone(),
                keep_fills: !input.choropleth.classes.is_empty(),
                // Raster tiles underneath: draw the provinces' shading, not the land and sea.
                fills: !tiles_on,
            })
            .with_plugin(CrossingsLayer {
                atlas: atlas.clone(),
                visible: visible.clone(),
                motion: input.motion,
                highlighted: Arc::new(input.highlighted.crossings.clone()),
                selected: selected_crossing,
                hovered: match self.hovered {
                    Some(Hit::Crossing(i)) => Some(i),
                    _ => None,
                },
            })
            .with_plugin(crate::map::imported::ImportedLayer {
                layers: input.imported.clone(),
                selected: input.picked,
                hovered: self.hovered_cluster,
            })
            .with_plugin(MarkersLayer {
                atlas: atlas.clone(),
                visible: visible.clone(),
                highlighted: Arc::new(input.highlighted.markers.clone()),
                selected: selected_marker,
                hovered: match self.hovered {
                    Some(Hit::Marker(i)) => Some(i),
                    _ => None,
                },
            })
            .with_plugin(LabelsLayer {
                atlas: atlas.clone(),
                visible: visible.clone(),
                motion: input.motion,
                cache: self.label_cache.clone(),
                obstacles: self.overlay_rects.clone(),
                selected_province,
                hovered_province,
                text_scale: input.text_scale,
            })
            .with_plugin(AnnotationsLayer {
                items: input.annotations.clone(),
                current: input.current_stroke.clone(),
            });

        let mut clicked = None;
        let mut hovered = None;
        let mut transform = None;
        let mut grabbed = false;
        let mut clicked_lonlat = None;
        let mut gesture = Gesture::default();
        let mut clicked_cluster = None;
        let mut hovered_cluster = None;
        map.show(ui, |ui, response, projector, _memory| {
            let t = ScreenTransform::from_projector(projector);
            transform = Some(t);
            if drawing {
                ui.ctx().set_cursor_icon(CursorIcon::Crosshair);
                // A drag is recognised only after the pointer has moved a little: the stroke
                // starts where the button went down.
                if response.drag_started()
                    && let Some(origin) = ui.input(|i| i.pointer.press_origin())
                {
                    let ll = inverse_mercator(t.invert(origin));
                    gesture.start = Some([ll.x, ll.y]);
                }
                if (response.drag_started() || response.dragged())
                    && let Some(pos) = response.interact_pointer_pos()
                {
                    let ll = inverse_mercator(t.invert(pos));
                    gesture.at = Some([ll.x, ll.y]);
                }
                gesture.ended = response.drag_stopped();
            }
            grabbed = (!drawing && response.dragged())
                || (response.hovered()
                    && ui.input(|i| {
                        i.smooth_scroll_delta != egui::Vec2::ZERO || i.zoom_delta() != 1.0
                    }));
            // The story's own markers and arrows come first; then imported clusters; then provinces.
            let cluster_at = |pos: egui::Pos2, story: Option<Hit>| match story {
                Some(Hit::Marker(_) | Hit::Crossing(_)) => None,
                _ => crate::map::imported::hit(&input.imported, &t, pos),
            };
            if let Some(pos) = response.hover_pos() {
                hovered = hit_test(atlas, &t, pos, visible);
                hovered_cluster = cluster_at(pos, hovered);
                if let Some(c) = hovered_cluster {
                    ui.ctx().set_cursor_icon(CursorIcon::PointingHand);
                    cluster_tooltip(ui, &input.imported, c, pos);
                } else if let Some(h) = hovered {
                    if !matches!(h, Hit::Province(_)) {
                        ui.ctx().set_cursor_icon(CursorIcon::PointingHand);
                    }
                    tooltip(ui, atlas, visible, h, pos);
                }
            }
            if response.clicked()
                && let Some(pos) = response.interact_pointer_pos()
            {
                let ll = inverse_mercator(t.invert(pos));
                clicked_lonlat = Some((ll.x, ll.y));
                let story = hit_test(atlas, &t, pos, visible);
                clicked_cluster = cluster_at(pos, story);
                clicked = Some(match story {
                    Some(Hit::Province(i)) => {
                        Selection::Province(atlas.data.provinces[i].iso.clone())
                    }
                    Some(Hit::Marker(m)) => {
                        let place = &atlas.data.places[atlas.markers[m].place];
                        Selection::Place(place.id.clone())
                    }
                    Some(Hit::Crossing(x)) => {
                        Selection::Crossing(atlas.data.crossings.crossings[x].id.clone())
                    }
                    None => Selection::None,
                });
            }
        });
        self.clicked_at = clicked_lonlat;
        self.clicked_cluster = clicked_cluster;
        if hovered_cluster != self.hovered_cluster {
            self.hovered_cluster = hovered_cluster;
            ui.ctx().request_repaint();
        }
        self.gesture = gesture;
        // The user takes the map: a flight in progress gives way.
        if grabbed {
            self.flight = None;
        }
        // Below this the whole world is smaller than the window: nothing more to see.
        if self.memory.zoom() < MIN_ZOOM {
            let _ = self.memory.set_zoom(MIN_ZOOM);
        }
        if hovered != self.hovered {
            self.hovered = hovered;
            ui.ctx().request_repaint();
        }
        self.last_transform = transform;
        if let Some(t) = transform {
            self.controls(ui, atlas, t.rect);
            self.overlays(ui, input, t.rect, filter, shading);
        }
        clicked
    }

    /// Home and zoom buttons in the map's top-left corner.
    fn controls(&mut self, ui: &mut Ui, atlas: &Atlas, rect: Rect) {
        let at = rect.left_top() + vec2(10.0, 10.0);
        let size = vec2(34.0, 28.0);
        let home = ui.put(
            Rect::from_min_size(at, vec2(70.0, 28.0)),
            egui::Button::new("Home"),
        );
        if home
            .on_hover_text("Back to the story's home view (Home / H)")
            .clicked()
        {
            self.go_home(atlas, rect);
        }
        let plus = ui.put(
            Rect::from_min_size(at + vec2(0.0, 34.0), size),
            egui::Button::new("+"),
        );
        if plus.on_hover_text("Zoom in (+, wheel, pinch)").clicked() {
            let _ = self.memory.zoom_in();
        }
        let minus = ui.put(
            Rect::from_min_size(at + vec2(0.0, 66.0), size),
            egui::Button::new("−"),
        );
        if minus.on_hover_text("Zoom out (−)").clicked() {
            let _ = self.memory.zoom_out();
        }
    }

    /// Legend (bottom left), date and crossing counter (bottom right, above the attribution)
    /// over the map.
    fn overlays(
        &mut self,
        ui: &mut Ui,
        input: &MapInputs<'_>,
        rect: Rect,
        filter: &mut Filter,
        shading: &mut Shading,
    ) {
        let atlas = input.atlas;
        let kinds: Vec<_> = {
            let mut k: Vec<_> = atlas.data.events.iter().map(|e| e.kind).collect();
            k.sort();
            k.dedup();
            k
        };
        self.overlay_rects.clear();
        self.overlay_rects
            .push(Rect::from_min_size(rect.left_top(), vec2(90.0, 110.0)));
        let legend = egui::Area::new(egui::Id::unique("map-legend"))
            .fixed_pos(rect.left_bottom() + vec2(10.0, -28.0))
            .pivot(Align2::LEFT_BOTTOM)
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    if self.show_legend {
                        let compact = rect.height() < 620.0;
                        let borders: Vec<String> =
                            atlas.borders.iter().map(|b| b.name.clone()).collect();
                        legend::ui(
                            ui,
                            &kinds,
                            filter,
                            shading,
                            input.choropleth,
                            &borders,
                            compact,
                        );
                        legend::imported(ui, &input.imported);
                        if ui.small_button("Hide legend").clicked() {
                            self.show_legend = false;
                        }
                    } else if ui.small_button("Legend").clicked() {
                        self.show_legend = true;
                    }
                });
            });
        self.overlay_rects.push(legend.response.rect);
        self.legend_rect = Some(legend.response.rect);
        let counter = egui::Area::new(egui::Id::unique("map-counter"))
            .fixed_pos(rect.right_bottom() + vec2(-10.0, -30.0))
            .pivot(Align2::RIGHT_BOTTOM)
            .interactable(false)
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_max_width(330.0);
                    let day = PartialDate::from_day_number(input.visible.day);
                    let when = match input.visible.first_day {
                        Some(lo) if lo < input.visible.day => format!(
                            "{} to {}",
                            PartialDate::from_day_number(lo).human(),
                            day.human()
                        ),
                        _ => format!("Up to {}", day.human()),
                    };
                    ui.label(egui::RichText::new(when).strong().size(15.0));
                    ui.label(egui::RichText::new("Soldiers who fled across the border").small());
                    for line in &input.counter.lines {
                        ui.label(line);
                    }
                });
            });
        self.overlay_rects.push(counter.response.rect);
        let painter = ui.painter_at(rect);
        let text = match &input.tile_credit {
            Some(c) => format!("{c} · {}", atlas.data.story.attribution()),
            None => atlas.data.story.attribution(),
        };
        self.credit.clone_from(&text);
        let galley = painter.layout_no_wrap(text, FontId::proportional(11.0), style::LABEL);
        let r = Align2::RIGHT_BOTTOM
            .anchor_size(rect.right_bottom() - vec2(4.0, 4.0), galley.size())
            .expand(3.0);
        self.overlay_rects.push(r);
        painter.rect_filled(r, 2.0, Color32::from_white_alpha(200));
        painter.galley(r.min + vec2(3.0, 3.0), galley, style::LABEL);
    }
}

/// A small box by the pointer naming what is under it.
fn tooltip(ui: &Ui, atlas: &Atlas, vis: &Visible, hit: Hit, pos: egui::Pos2) {
    let data = &atlas.data;
    let text = match hit {
        Hit::Province(i) => {
            let p = &data.provinces[i];
            let n = atlas
                .items_in_province(&p.iso)
                .into_iter()
                .filter(|&i| vis.item(i).shown())
                .count();
            if n == 0 {
                format!("{} province", p.name)
            } else {
                format!(
                    "{} province · {n} item{} — click to read",
                    p.name,
                    if n == 1 { "" } else { "s" }
                )
            }
        }
        Hit::Marker(m) => {
            let marker = &atlas.markers[m];
            let place = &data.places[marker.place];
            let shown: Vec<usize> = marker
                .events
                .iter()
                .copied()
                .filter(|&e| vis.events.get(e).is_some_and(|v| v.shown()))
                .collect();
            match shown.as_slice() {
                [one] => {
                    let e = &data.events[*one];
                    format!("{}: {} ({})", place.name, e.title, e.date.human())
                }
                list => format!("{}: {} events — click to read", place.name, list.len()),
            }
        }
        Hit::Crossing(x) => {
            let c = &data.crossings.crossings[x];
            format!("{}: {}, {}", c.who, c.people.label(), c.date.human())
        }
    };
    tip(ui, text, pos);
}

/// A dark tooltip box beside the pointer, kept inside the map.
fn tip(ui: &Ui, text: String, pos: egui::Pos2) {
    let painter = ui.painter();
    let galley = painter.layout_no_wrap(text, FontId::proportional(13.0), Color32::WHITE);
    let rect = Rect::from_min_size(pos + vec2(14.0, 14.0), galley.size()).expand(5.0);
    let rect = rect.translate(vec2(
        (ui.max_rect().right() - rect.right()).min(0.0),
        (ui.max_rect().bottom() - rect.bottom()).min(0.0),
    ));
    painter.rect(
        rect,
        4.0,
        Color32::from_black_alpha(215),
        Stroke::NONE,
        egui::StrokeKind::Inside,
    );
    painter.galley(rect.min + vec2(5.0, 5.0), galley, Color32::WHITE);
}

/// Tooltip over an imported cluster: how many events, of which types.
fn cluster_tooltip(
    ui: &Ui,
    layers: &[crate::map::imported::LayerDraw],
    hit: crate::map::imported::ClusterHit,
    pos: egui::Pos2,
) {
    let Some(d) = layers.get(hit.layer) else {
        return;
    };
    let Some(t) = d.tallies.get(hit.run) else {
        return;
    };
    let layer = &d.data.layer;
    let text = if t.count == 1 {
        let r = &layer.records[t.first as usize];
        format!(
            "{}\n{}\n{}\nClick for details",
            layer.kinds.get(r.kind as usize).map_or("", |k| k.as_str()),
            crate::ui::imported_panel::date_text(layer, r),
            crate::ui::imported_panel::place_text(layer, r)
        )
    } else {
        let kind = layer.kinds.get(t.kind as usize).map_or("", |k| k.as_str());
        let mixed = if t.mixed { " and other types" } else { "" };
        format!(
            "{} events ({}), mostly {kind}{mixed}\nClick to list them",
            t.count, layer.name
        )
    };
    tip(ui, text, pos);
}
