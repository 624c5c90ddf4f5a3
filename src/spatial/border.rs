//! Borders between two countries, derived from their polygons rather than typed in.

use geo::{Coord, Line, LineString, MultiLineString, MultiPolygon};
use rstar::RTree;

/// The part of `a`'s outline that runs along `b`'s outline (within `tolerance` degrees),
/// as one line string per continuous stretch, longest first.
///
/// Natural Earth countries share vertices only approximately once simplified, so the match is
/// by distance to the neighbour's edges, not by identical coordinates.
///
/// ```
/// use event_atlas::spatial::shared_border;
/// let a = geo::wkt!(MULTIPOLYGON(((0. 0.,2. 0.,2. 2.,0. 2.,0. 0.))));
/// let b = geo::wkt!(MULTIPOLYGON(((2. 0.,4. 0.,4. 2.,2. 2.,2. 0.))));
/// let border = shared_border(&a, &b, 0.01);
/// assert_eq!(border.0.len(), 1);
/// assert!(border.0[0].0.iter().all(|c| (c.x - 2.0).abs() < 1e-9));
/// ```
pub fn shared_border(
    a: &MultiPolygon<f64>,
    b: &MultiPolygon<f64>,
    tolerance: f64,
) -> MultiLineString<f64> {
    use geo::{BoundingRect, Intersects};
    let grow = |r: geo::Rect<f64>| {
        let d = Coord {
            x: tolerance,
            y: tolerance,
        };
        geo::Rect::new(r.min() - d, r.max() + d)
    };
    let (Some(a_box), Some(b_box)) = (a.bounding_rect().map(grow), b.bounding_rect().map(grow))
    else {
        return MultiLineString::new(Vec::new());
    };
    // Only b's edges near a can be shared, and only a's vertices near b can share them.
    let edges: Vec<Line<f64>> =
        b.0.iter()
            .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
            .flat_map(|ring| ring.lines())
            .filter(|l| l.bounding_rect().intersects(&a_box))
            .collect();
    let tree = RTree::bulk_load(edges);
    let tol2 = tolerance * tolerance;
    let near = |c: &Coord<f64>| {
        b_box.intersects(c)
            && tree
                .locate_within_distance(geo::Point::from(*c), tol2)
                .next()
                .is_some()
    };

    let mut runs: Vec<LineString<f64>> = Vec::new();
    for poly in &a.0 {
        let ring = &poly.exterior().0;
        if ring.len() < 2 {
            continue;
        }
        // The ring is closed (first == last); work on the open cycle.
        let open = &ring[..ring.len() - 1];
        let shared: Vec<bool> = open.iter().map(near).collect();
        let Some(start) = shared.iter().position(|s| !s) else {
            // The whole ring borders b (an enclave).
            runs.push(LineString::new(ring.clone()));
            continue;
        };
        let n = open.len();
        let mut current: Vec<Coord<f64>> = Vec::new();
        for k in 1..=n {
            let i = (start + k) % n;
            if shared[i] {
                current.push(open[i]);
            } else if current.len() >= 2 {
                runs.push(LineString::new(std::mem::take(&mut current)));
            } else {
                current.clear();
            }
        }
        if current.len() >= 2 {
            runs.push(LineString::new(current));
        }
    }
    use geo::{Euclidean, Length};
    runs.sort_by(|x, y| Euclidean.length(y).total_cmp(&Euclidean.length(x)));
    MultiLineString::new(runs)
}
