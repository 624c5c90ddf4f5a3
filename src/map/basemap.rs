//! The offline basemap: sea, the world, the story's region in detail, its provinces, and the
//! borders its crossings cross.

use std::sync::Arc;

use egui::{Color32, Mesh, Shape, Stroke, epaint::Vertex};

use super::ScreenTransform;
use super::style;
use crate::atlas::Atlas;
use crate::model::Detail;
use crate::spatial::LodShape;

/// Draws the vector basemap, so the map is complete with no tile source at all.
pub struct BasemapLayer {
    pub atlas: Arc<Atlas>,
    pub hovered: Option<usize>,
    pub selected: Option<usize>,
    /// Provinces a tour slide highlights: drawn like the selection.
    pub highlighted: Arc<Vec<usize>>,
    /// Fill per province: a shade darker where something happened, or the choropleth's classes.
    pub province_fill: Arc<Vec<Color32>>,
    /// Keep the fills when hovered or selected (a choropleth must stay readable); the outline
    /// still marks them.
    pub keep_fills: bool,
    /// Paint the sea and land fills (off when online tiles are shown underneath).
    pub fills: bool,
}

/// Appends a shape's fill to `mesh` and its outline to `lines`, culled to the view.
fn push_shape(
    t: &ScreenTransform,
    shape: &LodShape,
    fill: Option<Color32>,
    edge: Stroke,
    mesh: &mut Mesh,
    lines: &mut Vec<Shape>,
) {
    let screen = t.apply_rect(shape.bbox);
    if !screen.intersects(t.rect) || (screen.width() < 0.5 && screen.height() < 0.5) {
        return;
    }
    let lod = shape.for_degrees_per_pixel(t.degrees_per_pixel());
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

/// A ring as screen polylines: sub-pixel steps dropped (near-duplicate points make egui's line
/// joins spike, and cost tessellation for nothing), and stretches outside the view left out.
fn screen_lines(t: &ScreenTransform, ring: &[geo::Coord<f64>], edge: Stroke, out: &mut Vec<Shape>) {
    let view = t.rect.expand(8.0);
    let mut pts: Vec<egui::Pos2> = Vec::with_capacity(ring.len());
    for &c in ring {
        let p = t.apply(c);
        if pts
            .last()
            .is_none_or(|q: &egui::Pos2| q.distance(p) >= 0.75)
        {
            pts.push(p);
        }
    }
    if pts.len() < 3 {
        return;
    }
    if pts.iter().all(|p| view.contains(*p)) {
        out.push(Shape::closed_line(pts, edge));
        return;
    }
    // Keep runs of segments that touch the view, each with its neighbours outside so the
    // line runs off the edge instead of stopping short.
    let mut run: Vec<egui::Pos2> = Vec::new();
    for w in pts.windows(2) {
        let seg = egui::Rect::from_two_pos(w[0], w[1]);
        if seg.intersects(view) {
            if run.is_empty() {
                run.push(w[0]);
            }
            run.push(w[1]);
        } else if run.len() >= 2 {
            out.push(Shape::line(std::mem::take(&mut run), edge));
        } else {
            run.clear();
        }
    }
    if run.len() >= 2 {
        out.push(Shape::line(run, edge));
    }
}

/// Fills and outlines gathered for one pass: one mesh, one list of lines.
#[derive(Default)]
struct Batch {
    mesh: Mesh,
    lines: Vec<Shape>,
}

impl Batch {
    fn push(&mut self, t: &ScreenTransform, shape: &LodShape, fill: Option<Color32>, edge: Stroke) {
        push_shape(t, shape, fill, edge, &mut self.mesh, &mut self.lines);
    }

    fn paint(self, painter: &egui::Painter) {
        painter.add(Shape::mesh(self.mesh));
        painter.extend(self.lines);
    }
}

impl super::Paint for BasemapLayer {
    fn paint(&self, painter: &egui::Painter, t: &ScreenTransform) {
        if self.fills {
            painter.rect_filled(t.rect, 0.0, style::OCEAN);
        }
        let mut batch = Batch::default();
        self.countries(t, &mut batch);
        self.provinces(t, &mut batch);
        batch.paint(painter);
        let mut outlines = Batch::default();
        for &i in &self.atlas.story_countries {
            let edge = Stroke::new(1.8, style::COUNTRY_EDGE);
            outlines.push(t, &self.atlas.country_shapes[i], None, edge);
        }
        outlines.paint(painter);
        self.borders(painter, t);
        self.emphasis(painter, t);
    }
}

impl BasemapLayer {
    /// The world coarse, then the story's region in detail (its own countries are drawn as
    /// provinces).
    fn countries(&self, t: &ScreenTransform, batch: &mut Batch) {
        let atlas = &self.atlas;
        let fill = |c| self.fills.then_some(c);
        for (i, c) in atlas.data.countries.iter().enumerate() {
            if c.detail == Detail::Coarse {
                let edge = Stroke::new(0.6, style::WORLD_EDGE);
                batch.push(t, &atlas.country_shapes[i], fill(style::WORLD_LAND), edge);
            }
        }
        for (i, c) in atlas.data.countries.iter().enumerate() {
            if c.detail == Detail::Fine && !atlas.is_story_country(i) {
                let edge = Stroke::new(0.9, style::NEIGHBOUR_EDGE);
                batch.push(
                    t,
                    &atlas.country_shapes[i],
                    fill(style::NEIGHBOUR_LAND),
                    edge,
                );
            }
        }
    }

    /// Each province filled by its shade, or as selected, highlighted or hovered.
    fn provinces(&self, t: &ScreenTransform, batch: &mut Batch) {
        for (i, shape) in self.atlas.province_shapes.iter().enumerate() {
            let base = self
                .province_fill
                .get(i)
                .copied()
                .unwrap_or(style::PROVINCE_FILL);
            let color = if self.keep_fills {
                base
            } else if Some(i) == self.selected || self.highlighted.contains(&i) {
                style::PROVINCE_SELECTED
            } else if Some(i) == self.hovered {
                style::PROVINCE_HOVER
            } else {
                base
            };
            // Over raster tiles, lighter, so the tiles show through.
            let color = if self.fills {
                color
            } else {
                color.gamma_multiply(0.55)
            };
            let edge = Stroke::new(0.8, style::PROVINCE_EDGE);
            batch.push(t, shape, Some(color), edge);
        }
    }

    /// Borders the crossings cross: a wide translucent band and a solid core.
    fn borders(&self, painter: &egui::Painter, t: &ScreenTransform) {
        for line in self.atlas.borders.iter().flat_map(|b| &b.lines) {
            let pts: Vec<egui::Pos2> = line.iter().map(|&c| t.apply(c)).collect();
            let band = Stroke::new(7.0, style::BORDER.gamma_multiply(0.3));
            painter.add(Shape::line(pts.clone(), band));
            painter.add(Shape::line(pts, Stroke::new(2.2, style::BORDER)));
        }
    }

    /// The hovered, selected and highlighted provinces outlined on top.
    fn emphasis(&self, painter: &egui::Painter, t: &ScreenTransform) {
        let emphasised = [(self.hovered, 2.0), (self.selected, 3.0)]
            .into_iter()
            .filter_map(|(i, w)| Some((i?, w)))
            .chain(self.highlighted.iter().map(|&i| (i, 3.0)));
        let mut top = Batch::default();
        for (i, width) in emphasised {
            let edge = Stroke::new(width, style::COUNTRY_EDGE);
            top.push(t, &self.atlas.province_shapes[i], None, edge);
        }
        top.paint(painter);
    }
}
