//! Shapes prepared once for drawing: simplified per zoom level, triangulated, in Mercator units.
//!
//! egui can only fill convex polygons, so provinces are filled from earcut triangles; doing that
//! (and simplification) once at load time keeps a frame to scaling and shifting vertices.

use std::sync::OnceLock;

use geo::{BoundingRect, Coord, MultiPolygon, Polygon, Rect, Simplify, TriangulateEarcut};

use super::mercator;

/// Simplification tolerances in degrees, finest first; level 0 is the source geometry.
pub const LEVELS: [f64; 8] = [0.0, 0.002, 0.005, 0.012, 0.03, 0.08, 0.2, 0.5];

/// One level of detail: a triangle mesh for the fill and closed rings for the outline,
/// all in unit Web Mercator coordinates.
#[derive(Debug, Clone, Default)]
pub struct LodMesh {
    pub vertices: Vec<Coord<f64>>,
    pub indices: Vec<u32>,
    pub rings: Vec<Vec<Coord<f64>>>,
}

/// A shape with a mesh per level of detail, each built the first time a view needs it and
/// kept: start-up stays fast, and no frame ever simplifies or triangulates twice.
#[derive(Debug)]
pub struct LodShape {
    source: MultiPolygon<f64>,
    levels: [OnceLock<LodMesh>; LEVELS.len()],
    /// Bounding box in unit Mercator coordinates.
    pub bbox: Rect<f64>,
}

impl LodShape {
    /// Wraps a shape; meshes are made on demand by [`LodShape::level`].
    ///
    /// ```
    /// use event_atlas::spatial::LodShape;
    /// let square = geo::wkt!(MULTIPOLYGON(((60. 30.,62. 30.,62. 32.,60. 32.,60. 30.))));
    /// let shape = LodShape::new(&square);
    /// assert_eq!(shape.level(0).indices.len(), 6); // two triangles
    /// assert!(shape.for_degrees_per_pixel(1.0).rings[0].len() >= 4);
    /// ```
    pub fn new(shape: &MultiPolygon<f64>) -> Self {
        let bbox = shape
            .bounding_rect()
            .map(|r| Rect::new(mercator(r.min()), mercator(r.max())))
            .unwrap_or_else(|| Rect::new(Coord::zero(), Coord::zero()));
        Self {
            source: shape.clone(),
            levels: Default::default(),
            bbox,
        }
    }

    /// The mesh of one level (index into [`LEVELS`]), simplified (Ramer–Douglas–Peucker) and
    /// triangulated on first use.
    pub fn level(&self, level: usize) -> &LodMesh {
        let level = level.min(LEVELS.len() - 1);
        self.levels[level].get_or_init(|| {
            if level == 0 {
                mesh(self.source.0.iter())
            } else {
                mesh(self.source.simplify(LEVELS[level]).0.iter())
            }
        })
    }

    /// The shape simplified to a level, for indexes that need less than full detail.
    pub fn simplified(&self, level: usize) -> MultiPolygon<f64> {
        match LEVELS.get(level) {
            Some(&tol) if tol > 0.0 => self.source.simplify(tol),
            _ => self.source.clone(),
        }
    }

    /// The coarsest level whose error stays under about one and a half pixels.
    pub fn for_degrees_per_pixel(&self, degrees_per_pixel: f64) -> &LodMesh {
        let level = level_for(degrees_per_pixel);
        // A level may have collapsed to nothing (a tiny island); fall back to finer ones.
        (0..=level)
            .rev()
            .map(|l| self.level(l))
            .find(|m| !m.indices.is_empty())
            .unwrap_or_else(|| self.level(0))
    }
}

/// Index into [`LEVELS`] for a view scale.
pub fn level_for(degrees_per_pixel: f64) -> usize {
    LEVELS
        .iter()
        .rposition(|&tol| tol <= 1.5 * degrees_per_pixel)
        .unwrap_or(0)
}

fn mesh<'a>(polys: impl Iterator<Item = &'a Polygon<f64>>) -> LodMesh {
    let mut out = LodMesh::default();
    for poly in polys {
        if poly.exterior().0.len() < 4 {
            continue;
        }
        let raw = poly.earcut_triangles_raw();
        let base = out.vertices.len() as u32;
        out.vertices.extend(
            raw.vertices
                .iter()
                .map(|c| mercator(Coord { x: c[0], y: c[1] })),
        );
        out.indices
            .extend(raw.triangle_indices.iter().map(|&i| base + i as u32));
        for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
            if ring.0.len() >= 4 {
                out.rings
                    .push(ring.0.iter().map(|&c| mercator(c)).collect());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coarser_levels_have_fewer_vertices() {
        // A wiggly polygon: many small teeth along one edge.
        let mut ring: Vec<Coord<f64>> = (0..=200)
            .map(|i| Coord {
                x: 60.0 + f64::from(i) * 0.01,
                y: 30.0 + if i % 2 == 0 { 0.0 } else { 0.004 },
            })
            .collect();
        ring.extend([Coord { x: 62.0, y: 32.0 }, Coord { x: 60.0, y: 32.0 }]);
        let poly = Polygon::new(geo::LineString::new(ring), vec![]);
        let shape = LodShape::new(&MultiPolygon::new(vec![poly]));
        let fine = shape.level(0).vertices.len();
        let coarse = shape.for_degrees_per_pixel(0.5).vertices.len();
        assert!(coarse < fine / 10, "fine {fine}, coarse {coarse}");
        assert_eq!(level_for(0.0001), 0);
        assert_eq!(level_for(1.0), LEVELS.len() - 1);
    }
}
