//! Point → province in well under a microsecond: an R-tree over the provinces' triangles.

use geo::{Coord, MultiPolygon, Point, Triangle, TriangulateEarcut};
use rstar::{AABB, PointDistance, RTree, RTreeObject};

use crate::model::Province;

/// One triangle of a province's triangulation, tagged with the province's index.
#[derive(Debug, Clone)]
struct Piece {
    tri: Triangle<f64>,
    province: usize,
}

impl RTreeObject for Piece {
    type Envelope = AABB<[f64; 2]>;

    fn envelope(&self) -> Self::Envelope {
        let [a, b, c] = self.tri.to_array();
        AABB::from_corners(
            [a.x.min(b.x).min(c.x), a.y.min(b.y).min(c.y)],
            [a.x.max(b.x).max(c.x), a.y.max(b.y).max(c.y)],
        )
    }
}

impl PointDistance for Piece {
    fn distance_2(&self, point: &[f64; 2]) -> f64 {
        // Only containment is used; a cheap bound keeps the trait honest.
        self.envelope().distance_2(point)
    }

    fn contains_point(&self, p: &[f64; 2]) -> bool {
        triangle_contains(&self.tri, Coord { x: p[0], y: p[1] })
    }
}

/// Closed triangle test by signs of cross products (points on an edge count as inside).
fn triangle_contains(t: &Triangle<f64>, p: Coord<f64>) -> bool {
    let [a, b, c] = t.to_array();
    let cross =
        |o: Coord<f64>, u: Coord<f64>| (u.x - o.x) * (p.y - o.y) - (u.y - o.y) * (p.x - o.x);
    let d1 = cross(a, b);
    let d2 = cross(b, c);
    let d3 = cross(c, a);
    let neg = d1 < 0.0 || d2 < 0.0 || d3 < 0.0;
    let pos = d1 > 0.0 || d2 > 0.0 || d3 > 0.0;
    !(neg && pos)
}

/// Answers "which province is this point in?" for clicks, hovers and data checks.
///
/// ```
/// use event_atlas::model::Province;
/// use event_atlas::spatial::ProvinceIndex;
/// let square = geo::wkt!(MULTIPOLYGON(((60. 30.,62. 30.,62. 32.,60. 32.,60. 30.))));
/// let p = Province { iso: "AF-X".into(), name: "X".into(), capital: String::new(),
///                    capital_geonames_id: None, shape: square };
/// let index = ProvinceIndex::new(&[p]);
/// assert_eq!(index.locate(geo::point!(x: 61.0, y: 31.0)), Some(0));
/// assert_eq!(index.locate(geo::point!(x: 65.0, y: 31.0)), None);
/// ```
#[derive(Debug, Clone)]
pub struct ProvinceIndex {
    tree: RTree<Piece>,
}

impl ProvinceIndex {
    /// Triangulates every province (holes respected) and bulk-loads the tree.
    pub fn new(provinces: &[Province]) -> Self {
        Self::from_shapes(provinces.iter().map(|p| &p.shape))
    }

    /// The same index over any regions (countries, too); `locate` answers positions in `shapes`.
    pub fn from_shapes<'a>(shapes: impl IntoIterator<Item = &'a MultiPolygon<f64>>) -> Self {
        let pieces = shapes
            .into_iter()
            .enumerate()
            .flat_map(|(i, shape)| {
                shape.0.iter().flat_map(move |poly| {
                    poly.earcut_triangles_iter()
                        .map(move |tri| Piece { tri, province: i })
                })
            })
            .collect();
        Self {
            tree: RTree::bulk_load(pieces),
        }
    }

    /// Index (into the slice given to [`ProvinceIndex::new`]) of the province containing `p`.
    pub fn locate(&self, p: Point<f64>) -> Option<usize> {
        self.tree
            .locate_all_at_point(&[p.x(), p.y()])
            .map(|piece| piece.province)
            .min()
    }

    /// Number of triangles indexed.
    pub fn len(&self) -> usize {
        self.tree.size()
    }

    /// True when no province was indexed.
    pub fn is_empty(&self) -> bool {
        self.tree.size() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Contains, wkt};

    #[test]
    fn agrees_with_contains_on_a_concave_polygon_with_a_hole() {
        let shape = wkt!(MULTIPOLYGON(((0. 0.,10. 0.,10. 10.,5. 4.,0. 10.,0. 0.),(2. 1.,3. 1.,3. 2.,2. 2.,2. 1.))));
        let p = Province {
            iso: "AF-T".into(),
            name: "T".into(),
            capital: String::new(),
            capital_geonames_id: None,
            shape: shape.clone(),
        };
        let index = ProvinceIndex::new(&[p]);
        for i in 0..50 {
            for j in 0..50 {
                let pt = Point::new(f64::from(i) * 0.21 + 0.05, f64::from(j) * 0.21 + 0.05);
                assert_eq!(index.locate(pt).is_some(), shape.contains(&pt), "at {pt:?}");
            }
        }
    }
}
