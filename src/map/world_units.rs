//! The first-level units of every country in view that the story does not draw itself: thin
//! outlines over the basemap's land (which keeps the country borders), firmer as the map zooms
//! in; the hovered and selected unit filled like a story province.

use std::sync::{Arc, Mutex};

use egui::Stroke;

use super::ScreenTransform;
use super::batch::Batch;
use super::style;
use crate::atlas::{Atlas, CountryUnits, UnitId};

/// Countries decoded per frame at most: a first world view fills in over a few frames
/// instead of freezing one.
const DECODE_PER_FRAME: usize = 12;

/// A country smaller than this on screen (pixels, longer side) shows no units.
const MIN_COUNTRY_PX: f32 = 24.0;

/// A unit smaller than this on screen (pixels, longer side) is left out: its outline would be
/// a speck that only costs tessellation.
const MIN_UNIT_PX: f32 = 4.0;

/// Above this many degrees per pixel the basemap's country outlines are drawn again over the
/// units, so borders stand out from the units' lines; closer in, the coarse outlines would
/// stray from the units' own and the units' lines show the borders.
const BORDERS_ABOVE_DPP: f64 = 0.02;

/// Draws the world's units.
pub struct WorldUnitsLayer {
    pub atlas: Arc<Atlas>,
    pub hovered: Option<UnitId>,
    pub selected: Option<UnitId>,
    /// What the last frame drew, reused while the view and the emphasis stand still.
    pub cache: Arc<Mutex<WorldCache>>,
}

/// The shapes drawn for one view, hovered and selected unit.
#[derive(Default)]
pub struct WorldCache {
    /// The atlas (by address: a story opened since draws other countries), view and emphasis.
    key: Option<(usize, ScreenTransform, Option<UnitId>, Option<UnitId>)>,
    shapes: Vec<egui::Shape>,
}

impl super::Paint for WorldUnitsLayer {
    fn paint(&self, painter: &egui::Painter, t: &ScreenTransform) {
        let key = (
            Arc::as_ptr(&self.atlas) as usize,
            *t,
            self.hovered,
            self.selected,
        );
        let mut cache = self
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if cache.key == Some(key) {
            painter.extend(cache.shapes.iter().cloned());
            return;
        }
        let (shapes, pending) = self.shapes(t);
        painter.extend(shapes.iter().cloned());
        // Kept for the frames that follow while the view and the pointer rest; not while
        // countries in view are still arriving.
        if pending {
            painter.ctx().request_repaint();
            *cache = WorldCache::default();
        } else {
            *cache = WorldCache {
                key: Some(key),
                shapes,
            };
        }
    }
}

impl WorldUnitsLayer {
    /// Every drawn country's units for view `t` (decoding a few more), the borders over them
    /// and the emphasis on top; and whether countries in view are still to come.
    fn shapes(&self, t: &ScreenTransform) -> (Vec<egui::Shape>, bool) {
        let world = &self.atlas.world;
        let dpp = t.degrees_per_pixel();
        let edge = unit_edge(dpp);
        let mut pending = false;
        let mut budget = DECODE_PER_FRAME;
        let mut batch = Batch::hairlines();
        let mut focus = Batch::default();
        let mut borders = Batch::hairlines();
        let border = Stroke::new(0.9, style::NEIGHBOUR_EDGE.gamma_multiply(0.8));
        for (ci, country) in world.countries.iter().enumerate() {
            let screen = t.apply_rect(country.bbox);
            if country.story_drawn
                || !screen.intersects(t.rect)
                || screen.width().max(screen.height()) < MIN_COUNTRY_PX
            {
                continue;
            }
            let units = match world.decoded(ci) {
                Some(u) => u,
                None if budget > 0 => {
                    budget -= 1;
                    let Some(u) = world.decode(ci) else { continue };
                    u
                }
                None => {
                    pending = true;
                    continue;
                }
            };
            self.country(t, units, edge, &mut batch, &mut focus);
            if dpp > BORDERS_ABOVE_DPP
                && let Some(c) = self.atlas.ids.country(&country.cc)
            {
                borders.push(t, &self.atlas.country_shapes[c], None, border);
            }
        }
        let mut shapes = batch.into_shapes();
        shapes.extend(borders.into_shapes());
        shapes.extend(focus.into_shapes());
        (shapes, pending)
    }

    /// One country's units: every outline; the hovered and selected ones filled and outlined
    /// on top.
    fn country(
        &self,
        t: &ScreenTransform,
        units: &CountryUnits,
        edge: Stroke,
        batch: &mut Batch,
        focus: &mut Batch,
    ) {
        for (k, shape) in units.shapes.iter().enumerate() {
            let id = units.first + k as UnitId;
            let focused = Some(id) == self.selected || Some(id) == self.hovered;
            let screen = t.apply_rect(shape.bbox);
            if !focused && screen.width().max(screen.height()) < MIN_UNIT_PX {
                continue;
            }
            let fill = if Some(id) == self.selected {
                Some(style::PROVINCE_SELECTED)
            } else if Some(id) == self.hovered {
                Some(style::PROVINCE_HOVER)
            } else {
                None
            };
            batch.push(t, shape, fill, edge);
            if focused {
                let width = if Some(id) == self.selected { 2.5 } else { 1.8 };
                focus.push(t, shape, None, Stroke::new(width, style::COUNTRY_EDGE));
            }
        }
    }
}

/// Hairlines at the world view, firmer as the map zooms in.
fn unit_edge(degrees_per_pixel: f64) -> Stroke {
    if degrees_per_pixel > 0.1 {
        Stroke::new(0.5, style::WORLD_EDGE.gamma_multiply(0.5))
    } else if degrees_per_pixel > BORDERS_ABOVE_DPP {
        Stroke::new(0.6, style::WORLD_EDGE.gamma_multiply(0.8))
    } else {
        Stroke::new(0.8, style::PROVINCE_EDGE)
    }
}
