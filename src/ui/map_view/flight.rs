//! Moving the view: a smooth flight to a slide's view, jumps, panning by keys, and fitting a
//! box into the part of the map the overlays leave free.

use egui::{Rect, Ui};
use walkers::lon_lat;

use super::{MIN_ZOOM, MapView};
use crate::atlas::{Atlas, HomeView};
use crate::map::ScreenTransform;
use crate::spatial::free_rect::{covered_area, largest_free_rect};
use crate::spatial::mercator::inverse_mercator;

/// Seconds a flight between two views takes.
const FLIGHT_SECONDS: f64 = 1.2;

/// A smooth move of the view (a tour going to its next slide).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Flight {
    /// Unit Mercator centre and walkers zoom at the start and end.
    from: (geo::Coord<f64>, f64),
    to: (geo::Coord<f64>, f64),
    /// `ui.input().time` when it began (set on its first frame).
    start: Option<f64>,
}

impl MapView {
    /// Sets the story's home view: its box fills the part of `rect` the overlays leave free
    /// (all of `rect` before the map was first drawn), with a margin.
    pub fn go_home(&mut self, atlas: &Atlas, rect: Rect) {
        let drawn = self.last_transform.is_some_and(|t| t.rect == rect);
        if let (HomeView::Fit(r), true) = (atlas.home, drawn)
            && let Some((center, zoom)) = self.fitting(r)
        {
            self.set_view(center, zoom);
            self.saved.needs_home = false;
            self.rehome = 0;
            return;
        }
        // Before the overlays are known: the whole map now, refitted once they are.
        self.rehome = 3;
        let margin = (rect.width().min(rect.height()) * 0.06).max(10.0);
        let zoom = match atlas.home {
            HomeView::Fit(r) => ScreenTransform::fit(r, rect.shrink(margin)).zoom(),
            HomeView::Center(_, zoom) => zoom,
            HomeView::World => MIN_ZOOM,
        };
        let center = inverse_mercator(atlas.home.center());
        // Zoom is clamped by walkers; an out-of-range fit just keeps the old zoom.
        let _ = self.saved.memory.set_zoom(zoom.clamp(1.0, 18.0));
        self.saved.memory.center_at(lon_lat(center.x, center.y));
        self.saved.needs_home = false;
    }

    /// The view now: unit-Mercator centre and zoom (once the map has been drawn).
    pub fn current(&self) -> Option<(geo::Coord<f64>, f64)> {
        let t = self.last_transform?;
        Some((t.invert(t.rect.center()), self.saved.memory.zoom()))
    }

    /// The part of the map (as last drawn) no overlay covers that holds a box of `aspect`
    /// (width / height) largest: where a slide's view is fitted.
    pub fn free_rect(&self, aspect: f64) -> Option<Rect> {
        let map = self.last_transform?.rect;
        let obstacles: Vec<geo::Rect<f64>> =
            self.overlay_rects.iter().map(|r| geo_rect(*r)).collect();
        let free = largest_free_rect(geo_rect(map), &obstacles, aspect)?;
        let p = |c: geo::Coord<f64>| egui::pos2(c.x as f32, c.y as f32);
        Some(Rect::from_min_max(p(free.min()), p(free.max())))
    }

    /// The share of `window` that is map with no overlay over it (as last drawn): the
    /// figure a presenter layout is judged by.
    pub fn unobstructed_share(&self, window: Rect) -> f64 {
        let Some(t) = self.last_transform else {
            return 0.0;
        };
        let map = geo_rect(t.rect);
        let obstacles: Vec<geo::Rect<f64>> =
            self.overlay_rects.iter().map(|r| geo_rect(*r)).collect();
        let free = map.width() * map.height() - covered_area(map, &obstacles);
        free / (f64::from(window.width()) * f64::from(window.height()))
    }

    /// Where overlays sat in the last frame (cards, legend, counter, palette, credits, scale
    /// bar, buttons).
    pub fn obstacles(&self) -> &[Rect] {
        &self.overlay_rects
    }

    /// The centre and zoom that fit a unit-Mercator box in the map as last drawn, inside the
    /// part no overlay (card, legend, counter, palette, credits, scale bar) covers.
    pub fn fitting(&self, bbox: geo::Rect<f64>) -> Option<(geo::Coord<f64>, f64)> {
        let full = self.last_transform?.rect;
        // A single place: a box of about 60 km, not an infinite zoom.
        let pad = (0.0015 - bbox.width().min(bbox.height())).max(0.0) / 2.0;
        let bbox = geo::Rect::new(
            geo::coord! { x: bbox.min().x - pad, y: bbox.min().y - pad },
            geo::coord! { x: bbox.max().x + pad, y: bbox.max().y + pad },
        );
        let aspect = bbox.width() / bbox.height();
        let free = self.free_rect(aspect).unwrap_or(full);
        let margin = (free.width().min(free.height()) * 0.08).max(12.0);
        let free = free.shrink(margin);
        let t = ScreenTransform::fit(bbox, free);
        // The centre that puts the box in the middle of the free part, not of the whole map.
        let center = t.invert(full.center());
        Some((center, t.zoom().clamp(MIN_ZOOM, 16.0)))
    }

    /// Moves smoothly to a unit-Mercator centre and zoom; jumps if the map was never drawn.
    pub fn fly_to(&mut self, center: geo::Coord<f64>, zoom: f64) {
        self.saved.needs_home = false;
        self.rehome = 0;
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
        self.saved.needs_home = false;
        self.rehome = 0;
        self.set_view(center, zoom);
    }

    fn set_view(&mut self, center: geo::Coord<f64>, zoom: f64) {
        let c = inverse_mercator(center);
        let _ = self.saved.memory.set_zoom(zoom.clamp(MIN_ZOOM, 18.0));
        self.saved.memory.center_at(lon_lat(c.x, c.y));
    }

    /// Whether a flight is under way.
    pub fn flying(&self) -> bool {
        self.flight.is_some()
    }

    /// One frame of a flight: eased in and out.
    pub(super) fn step_flight(&mut self, ui: &Ui) {
        let Some(f) = &mut self.flight else {
            return;
        };
        let now = ui.input(|i| i.time);
        let start = *f.start.get_or_insert(now);
        let t = ((now - start) / FLIGHT_SECONDS).clamp(0.0, 1.0);
        let e = t * t * (3.0 - 2.0 * t);
        let lerp = |a: f64, b: f64| a + (b - a) * e;
        let (to, from) = (f.to, f.from);
        if t >= 1.0 {
            self.jump_to(to.0, to.1);
        } else {
            let center = geo::coord! { x: lerp(from.0.x, to.0.x), y: lerp(from.0.y, to.0.y) };
            self.set_view(center, lerp(from.1, to.1));
            ui.ctx().request_repaint();
        }
    }

    /// Pans by a screen distance.
    pub(super) fn pan_by(&mut self, delta: egui::Vec2) {
        if let Some(t) = self.last_transform {
            let c = inverse_mercator(t.invert(t.rect.center() + delta));
            self.saved.memory.center_at(lon_lat(c.x, c.y));
        }
    }
}

/// A screen rectangle as a geo one.
fn geo_rect(r: Rect) -> geo::Rect<f64> {
    let c = |p: egui::Pos2| geo::coord! { x: f64::from(p.x), y: f64::from(p.y) };
    geo::Rect::new(c(r.min), c(r.max))
}
