//! Unit-Mercator → screen, in f64, taken from walkers' projector once per frame.

use egui::{Pos2, Rect, pos2};
use geo::Coord;
use walkers::{Projector, lon_lat};

use crate::spatial::mercator;

/// The affine map from unit Web Mercator to screen points for the current view.
///
/// Prepared geometry is stored in unit Mercator, so a frame only multiplies and adds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScreenTransform {
    /// Screen pixels per unit Mercator (the whole world's width in pixels).
    pub scale: f64,
    /// Screen position of unit Mercator (0, 0).
    pub origin: (f64, f64),
    /// The map's screen rectangle.
    pub rect: Rect,
}

impl ScreenTransform {
    /// Reads the current view from walkers' projector (f64 throughout, so deep zooms stay exact).
    pub fn from_projector(projector: &Projector<'_>) -> Self {
        let rect = projector.clip_rect();
        let center = projector.unproject(rect.center().to_vec2());
        let projection = projector.projection();
        let zoom = projector.zoom();
        let scale = projection.project(lon_lat(180.0, 0.0), zoom).x();
        let c = mercator(center.0);
        Self {
            scale,
            origin: (
                f64::from(rect.center().x) - c.x * scale,
                f64::from(rect.center().y) - c.y * scale,
            ),
            rect,
        }
    }

    /// A view showing `bbox` (unit Mercator) centred in `rect`.
    pub fn fit(bbox: geo::Rect<f64>, rect: Rect) -> Self {
        let w = bbox.width().max(1e-9);
        let h = bbox.height().max(1e-9);
        let scale = (f64::from(rect.width()) / w).min(f64::from(rect.height()) / h);
        let c = bbox.center();
        Self {
            scale,
            origin: (
                f64::from(rect.center().x) - c.x * scale,
                f64::from(rect.center().y) - c.y * scale,
            ),
            rect,
        }
    }

    /// Screen point of a unit-Mercator coordinate.
    #[inline]
    pub fn apply(&self, c: Coord<f64>) -> Pos2 {
        pos2(
            (c.x * self.scale + self.origin.0) as f32,
            (c.y * self.scale + self.origin.1) as f32,
        )
    }

    /// Unit-Mercator coordinate under a screen point.
    pub fn invert(&self, p: Pos2) -> Coord<f64> {
        Coord {
            x: (f64::from(p.x) - self.origin.0) / self.scale,
            y: (f64::from(p.y) - self.origin.1) / self.scale,
        }
    }

    /// Screen rectangle of a unit-Mercator box, for culling.
    /// The view in unit Mercator coordinates.
    pub fn view_box(&self) -> geo::Rect<f64> {
        geo::Rect::new(self.invert(self.rect.min), self.invert(self.rect.max))
    }

    pub fn apply_rect(&self, r: geo::Rect<f64>) -> Rect {
        Rect::from_two_pos(self.apply(r.min()), self.apply(r.max()))
    }

    /// Degrees of longitude per screen pixel: picks the level of detail.
    pub fn degrees_per_pixel(&self) -> f64 {
        360.0 / self.scale
    }

    /// The walkers zoom level at which the world is `scale` pixels wide (tiles are 256 px).
    pub fn zoom(&self) -> f64 {
        (self.scale / 256.0).log2()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use walkers::{MapMemory, MercatorProjection};

    #[test]
    fn agrees_with_walkers_projector() {
        let mut memory = MapMemory::default();
        memory.set_zoom(7.3).expect("zoom");
        let kabul = lon_lat(69.17, 34.53);
        memory.center_at(kabul);
        let rect = Rect::from_min_size(pos2(10.0, 20.0), egui::vec2(800.0, 600.0));
        let projector = Projector::new(rect, &MercatorProjection, &memory, kabul);
        let t = ScreenTransform::from_projector(&projector);
        let herat = lon_lat(62.2, 34.35);
        let ours = t.apply(mercator(herat.0));
        let theirs = projector.project(herat);
        assert!((ours.x - theirs.x).abs() < 0.01 && (ours.y - theirs.y).abs() < 0.01);
        assert!((t.zoom() - 7.3).abs() < 1e-9);
        let back = t.invert(ours);
        assert!((back.x - mercator(herat.0).x).abs() < 1e-9);
    }
}
