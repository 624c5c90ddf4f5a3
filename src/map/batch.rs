//! Fills and outlines of many shapes gathered into one mesh and one list of lines, culled to
//! the view and drawn at the level of detail the zoom needs.

use egui::{Color32, Mesh, Shape, Stroke, epaint::Vertex};

use super::ScreenTransform;
use crate::spatial::LodShape;

/// Appends a shape's fill to `mesh` and its outline to `lines`, culled to the view.
fn push_shape(
    t: &ScreenTransform,
    shape: &LodShape,
    fill: Option<Color32>,
    edge: Stroke,
    mesh: &mut Mesh,
    lines: &mut Lines,
) {
    let screen = t.apply_rect(shape.bbox);
    if !screen.intersects(t.rect) || (screen.width() < 0.5 && screen.height() < 0.5) {
        return;
    }
    // Hairlines keep a point every few pixels (below), so a coarser level does as well.
    let coarser = if lines.hairlines.is_some() && edge.width < 0.6 {
        3.0
    } else {
        1.0
    };
    let lod = shape.for_degrees_per_pixel(t.degrees_per_pixel() * coarser);
    if let Some(fill) = fill {
        let base = mesh.vertices.len() as u32;
        mesh.reserve_triangles(lod.indices.len() / 3);
        mesh.reserve_vertices(lod.vertices.len());
        mesh.vertices.extend(lod.vertices.iter().map(|&c| Vertex {
            pos: t.apply(c),
            uv: egui::epaint::WHITE_UV,
            color: fill,
        }));
        mesh.indices.extend(lod.indices.iter().map(|i| base + i));
    }
    if edge.width > 0.0 {
        for ring in &lod.rings {
            screen_lines(t, ring, edge, lines);
        }
    }
}

/// A ring as screen polylines: sub-pixel steps dropped (near-duplicate points cost
/// tessellation for nothing), stretches outside the view left out, and the line broken at
/// hairpin turns, where egui's mitred joins would shoot a long spike out of the shape.
fn screen_lines(t: &ScreenTransform, ring: &[geo::Coord<f64>], edge: Stroke, out: &mut Lines) {
    let view = t.rect.expand(8.0);
    // Hairlines (the world's units at a world view) need a point only every couple of pixels.
    let step = if edge.width < 0.6 { 3.0 } else { 0.75 };
    let mut pts: Vec<egui::Pos2> = Vec::with_capacity(ring.len());
    for &c in ring {
        let p = t.apply(c);
        if pts
            .last()
            .is_none_or(|q: &egui::Pos2| q.distance_sq(p) >= step * step)
        {
            pts.push(p);
        }
    }
    // A closed ring's last point repeats its first.
    if pts.len() > 1 && pts[0].distance_sq(pts[pts.len() - 1]) < step * step {
        pts.pop();
    }
    let n = pts.len();
    if n < 3 {
        return;
    }
    let hairpin_at = |i: usize| hairpin(pts[(i + n - 1) % n], pts[i], pts[(i + 1) % n]);
    if pts.iter().all(|p| view.contains(*p)) && !(0..n).any(hairpin_at) {
        out.closed(pts, edge);
        return;
    }
    pts.push(pts[0]);
    // Runs of segments that touch the view, each with its neighbours outside so the line runs
    // off the edge instead of stopping short.
    let mut run: Vec<egui::Pos2> = Vec::new();
    for w in pts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if !egui::Rect::from_two_pos(a, b).intersects(view) {
            flush(&mut run, edge, out);
            continue;
        }
        if run.len() >= 2 && hairpin(run[run.len() - 2], a, b) {
            flush(&mut run, edge, out);
        }
        if run.is_empty() {
            run.push(a);
        }
        run.push(b);
    }
    flush(&mut run, edge, out);
}

/// Whether the line turns back on itself at `b` (by more than about 155°: the cosine of the
/// turn below -0.9, compared squared so no square root is taken).
fn hairpin(a: egui::Pos2, b: egui::Pos2, c: egui::Pos2) -> bool {
    let (u, v) = (b - a, c - b);
    let dot = u.dot(v);
    dot < 0.0 && dot * dot > 0.81 * u.length_sq() * v.length_sq()
}

/// Ends a polyline: drawn if it has a segment, and emptied.
fn flush(run: &mut Vec<egui::Pos2>, edge: Stroke, out: &mut Lines) {
    if run.len() >= 2 {
        out.open(std::mem::take(run), edge);
    } else {
        run.clear();
    }
}

/// Where outlines go: egui's anti-aliased paths, or (for thousands of hairlines) one mesh of
/// thin strips, which costs egui's tessellator nothing.
#[derive(Default)]
struct Lines {
    paths: Vec<Shape>,
    hairlines: Option<Mesh>,
}

impl Lines {
    fn closed(&mut self, mut pts: Vec<egui::Pos2>, edge: Stroke) {
        match &mut self.hairlines {
            Some(mesh) if edge.width <= 1.0 => {
                pts.push(pts[0]);
                strip(mesh, &pts, edge);
            }
            _ => self.paths.push(Shape::closed_line(pts, edge)),
        }
    }

    fn open(&mut self, pts: Vec<egui::Pos2>, edge: Stroke) {
        match &mut self.hairlines {
            Some(mesh) if edge.width <= 1.0 => strip(mesh, &pts, edge),
            _ => self.paths.push(Shape::line(pts, edge)),
        }
    }
}

/// A polyline as a strip a pixel wide (two vertices a point, the normal averaged at joins),
/// its colour thinned to the stroke's width: thin lines read the same, and hairpins were
/// already split, so no join can spike.
fn strip(mesh: &mut Mesh, pts: &[egui::Pos2], edge: Stroke) {
    let n = pts.len();
    if n < 2 {
        return;
    }
    let color = edge.color.gamma_multiply(edge.width.clamp(0.0, 1.0));
    let base = mesh.vertices.len() as u32;
    mesh.reserve_vertices(2 * n);
    mesh.reserve_triangles(2 * (n - 1));
    let dir = |i: usize| (pts[i + 1] - pts[i]).normalized();
    for (i, &p) in pts.iter().enumerate() {
        let d = match (i.checked_sub(1).map(dir), (i + 1 < n).then(|| dir(i))) {
            (Some(a), Some(b)) if (a + b).length_sq() > 1e-6 => (a + b).normalized(),
            (Some(a), _) => a,
            (_, Some(b)) => b,
            (None, None) => egui::Vec2::X,
        };
        let normal = egui::vec2(-d.y, d.x) * 0.5;
        mesh.colored_vertex(p + normal, color);
        mesh.colored_vertex(p - normal, color);
    }
    for k in 0..n as u32 - 1 {
        let a = base + 2 * k;
        mesh.indices.extend([a, a + 1, a + 2, a + 1, a + 3, a + 2]);
    }
}

/// Fills and outlines gathered for one pass: one mesh, one list of lines.
#[derive(Default)]
pub struct Batch {
    mesh: Mesh,
    lines: Lines,
}

impl Batch {
    /// A batch whose outlines of a pixel or less go into one mesh (the world's thousands of
    /// units), not one egui path each.
    pub fn hairlines() -> Self {
        Self {
            lines: Lines {
                hairlines: Some(Mesh::default()),
                ..Lines::default()
            },
            ..Self::default()
        }
    }

    /// Adds a shape: its fill (if any) to the mesh, its outline to the lines.
    pub fn push(
        &mut self,
        t: &ScreenTransform,
        shape: &LodShape,
        fill: Option<Color32>,
        edge: Stroke,
    ) {
        push_shape(t, shape, fill, edge, &mut self.mesh, &mut self.lines);
    }

    /// Paints the fills, then the outlines.
    pub fn paint(self, painter: &egui::Painter) {
        painter.extend(self.into_shapes());
    }

    /// The fills, then the outlines, as shapes (meshes are shared, so a kept copy is cheap).
    pub fn into_shapes(self) -> Vec<Shape> {
        let mut shapes = vec![Shape::mesh(self.mesh)];
        shapes.extend(self.lines.hairlines.map(Shape::mesh));
        shapes.extend(self.lines.paths);
        shapes
    }
}
