//! The scale bar in the map's bottom-left corner: a round distance in km (or miles, a setting),
//! measured along the latitude at the map's centre, where Mercator's scale is what it is.

use egui::{Color32, FontId, Rect, Stroke, Ui, pos2, vec2};
use geo::{Distance, Haversine, Point};
use serde::{Deserialize, Serialize};

use crate::map::{ScreenTransform, style};
use crate::spatial::mercator::inverse_mercator;

/// The unit the scale bar shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Units {
    #[default]
    Kilometres,
    Miles,
}

impl Units {
    fn metres(self) -> f64 {
        match self {
            Units::Kilometres => 1000.0,
            Units::Miles => 1609.344,
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            Units::Kilometres => "km",
            Units::Miles => "mi",
        }
    }
}

/// The largest 1, 2 or 5 × 10ⁿ not above `max` (0 for nothing positive).
///
/// ```
/// use event_atlas::ui::map_view::nice_length;
/// assert_eq!(nice_length(740.0), 500.0);
/// assert_eq!(nice_length(19.9), 10.0);
/// assert_eq!(nice_length(0.3), 0.2);
/// assert_eq!(nice_length(-1.0), 0.0);
/// ```
pub fn nice_length(max: f64) -> f64 {
    if !(max.is_finite() && max > 0.0) {
        return 0.0;
    }
    let base = 10f64.powf(max.log10().floor());
    [5.0, 2.0, 1.0]
        .into_iter()
        .map(|m| m * base)
        .find(|&v| v <= max * (1.0 + 1e-9))
        .unwrap_or(base)
}

/// Metres per screen point at the centre of the view, along its latitude.
fn metres_per_point(t: &ScreenTransform) -> f64 {
    let c = t.rect.center();
    let lonlat = |p: egui::Pos2| {
        let ll = inverse_mercator(t.invert(p));
        Point::new(ll.x, ll.y)
    };
    let half = 50.0;
    let d = Haversine.distance(lonlat(c - vec2(half, 0.0)), lonlat(c + vec2(half, 0.0)));
    d / f64::from(2.0 * half)
}

/// Most points the bar is long.
const MAX_BAR: f32 = 120.0;

/// Draws the bar (at most [`MAX_BAR`] points long) at `at` (its bottom-left); returns the room
/// it may take at any zoom, so views fitted around it do not depend on the zoom before.
pub(super) fn scale_bar(ui: &Ui, t: &ScreenTransform, units: Units, at: egui::Pos2) -> Rect {
    let per_point = metres_per_point(t) / units.metres();
    let length = nice_length(f64::from(MAX_BAR) * per_point);
    if length <= 0.0 {
        return Rect::NOTHING;
    }
    let width = (length / per_point) as f32;
    let text = format!("{} {}", format_length(length), units.symbol());
    let painter = ui.painter_at(t.rect);
    let font = FontId::proportional(12.0);
    let galley = painter.layout_no_wrap(text, font, style::LABEL);
    let size = vec2(width.max(galley.size().x) + 12.0, galley.size().y + 14.0);
    let r = Rect::from_min_size(at - vec2(0.0, size.y), size);
    painter.rect_filled(r, 2.0, Color32::from_white_alpha(210));
    let y = r.bottom() - 5.0;
    let (x0, x1) = (r.left() + 6.0, r.left() + 6.0 + width);
    let ink = Stroke::new(2.0, style::LABEL);
    painter.line_segment([pos2(x0, y), pos2(x1, y)], ink);
    for x in [x0, x1] {
        painter.line_segment([pos2(x, y - 5.0), pos2(x, y)], ink);
    }
    painter.galley(pos2(x0, r.top() + 2.0), galley, style::LABEL);
    Rect::from_min_size(r.min, vec2(r.width().max(MAX_BAR + 12.0), r.height()))
}

/// "500", "0.2", "1,000".
fn format_length(v: f64) -> String {
    if v >= 1.0 {
        crate::model::thousands(v.round() as u64)
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spatial::mercator;

    /// A view fitting one degree of longitude around (`lon`, `lat`) into 400 points (the same
    /// zoom at every latitude).
    fn view_at(lon: f64, lat: f64) -> ScreenTransform {
        let a = mercator(geo::coord! { x: lon - 0.5, y: lat - 0.01 });
        let b = mercator(geo::coord! { x: lon + 0.5, y: lat + 0.01 });
        let rect = Rect::from_min_size(egui::Pos2::ZERO, vec2(400.0, 400.0));
        ScreenTransform::fit(geo::Rect::new(a, b), rect)
    }

    #[test]
    fn a_degree_at_the_equator_is_111_km() {
        let per_point = metres_per_point(&view_at(0.0, 0.0));
        let degree = per_point * 400.0;
        assert!((degree - 111_195.0).abs() < 600.0, "{degree}");
    }

    #[test]
    fn the_scale_follows_the_latitude() {
        // Mercator stretches by 1 / cos(latitude): the same screen length is half the ground
        // at 60° as at the equator, for the same zoom.
        let equator = view_at(0.0, 0.0);
        let north = view_at(0.0, 60.0);
        assert!((north.scale - equator.scale).abs() < 1e-9 * equator.scale);
        let ratio = metres_per_point(&north) / metres_per_point(&equator);
        assert!((ratio - 0.5).abs() < 0.01, "{ratio}");
    }
}
