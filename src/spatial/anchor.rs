//! Where to put a polygon's marker or label: its visual middle, always inside it.

use geo::{Area, Centroid, Contains, InteriorPoint, MultiPolygon, Point};

/// A representative point for drawing and geocoding a region.
pub trait Anchor {
    /// The centroid of the largest part when it lies inside (the visual middle for most
    /// shapes), otherwise a point guaranteed inside. Islands and exclaves never win over the
    /// mainland, and a long tail (Badakhshan's Wakhan corridor) does not drag the point into it.
    ///
    /// ```
    /// use event_atlas::spatial::Anchor;
    /// // A U shape: its centroid falls in the gap, so an inside point is used instead.
    /// let u = geo::wkt!(MULTIPOLYGON(((0. 0.,3. 0.,3. 3.,2. 3.,2. 1.,1. 1.,1. 3.,0. 3.,0. 0.))));
    /// let p = u.anchor().unwrap();
    /// assert!(geo::Contains::contains(&u, &p));
    /// let square = geo::wkt!(MULTIPOLYGON(((0. 0.,2. 0.,2. 2.,0. 2.,0. 0.))));
    /// assert_eq!(square.anchor(), Some(geo::point!(x: 1., y: 1.)));
    /// ```
    fn anchor(&self) -> Option<Point<f64>>;
}

impl Anchor for MultiPolygon<f64> {
    fn anchor(&self) -> Option<Point<f64>> {
        let largest = self
            .0
            .iter()
            .max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()))?;
        match largest.centroid() {
            Some(c) if largest.contains(&c) => Some(c),
            _ => largest.interior_point(),
        }
    }
}
