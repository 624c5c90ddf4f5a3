//! Web Mercator in unit coordinates, computed once per vertex so frames only scale and shift.

use geo::Coord;

/// Projects lon/lat degrees to Web Mercator in the unit square (x right, y down),
/// the same projection walkers uses, without the zoom-dependent scale.
///
/// ```
/// use event_atlas::spatial::mercator;
/// let c = mercator(geo::coord! { x: 0.0, y: 0.0 });
/// assert!((c.x - 0.5).abs() < 1e-12 && (c.y - 0.5).abs() < 1e-12);
/// ```
pub fn mercator(c: Coord<f64>) -> Coord<f64> {
    let lat = c.y.clamp(-85.051_128, 85.051_128).to_radians();
    Coord {
        x: (c.x + 180.0) / 360.0,
        y: (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0,
    }
}

/// Inverse of [`mercator`].
pub fn inverse_mercator(c: Coord<f64>) -> Coord<f64> {
    let n = std::f64::consts::PI * (1.0 - 2.0 * c.y);
    Coord {
        x: c.x * 360.0 - 180.0,
        y: n.sinh().atan().to_degrees(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let kabul = Coord { x: 69.17, y: 34.53 };
        let back = inverse_mercator(mercator(kabul));
        assert!((back.x - kabul.x).abs() < 1e-9 && (back.y - kabul.y).abs() < 1e-9);
        assert!(mercator(Coord { x: 0.0, y: 60.0 }).y < 0.5, "north is up");
    }
}
