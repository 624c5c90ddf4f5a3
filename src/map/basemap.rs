//! The offline basemap: sea, the world, the story's region in detail, its provinces, and the
//! borders its crossings cross.

use std::sync::Arc;

use egui::{Color32, Mesh, Response, Shape, Stroke, Ui, epaint::Vertex};
use walkers::{MapMemory, Plugin, Projector};

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

impl BasemapLayer {
    /// Paints everything into `painter` for the view `t`.
    pub fn paint(&self, painter: &egui::Painter, t: &ScreenTransform) {
        let atlas = &self.atlas;
        if self.fills {
            painter.rect_filled(t.rect, 0.0, style::OCEAN);
        }
        let mut mesh = Mesh::default();
        let mut lines = Vec::new();
        let fill = |c| self.fills.then_some(c);

        for (i, c) in atlas.data.countries.iter().enumerate() {
            if c.detail == Detail::Coarse {
                push_shape(
                    t,
                    &atlas.country_shapes[i],
                    fill(style::WORLD_LAND),
                    Stroke::new(0.6, style::WORLD_EDGE),
                    &mut mesh,
                    &mut lines,
                );
            }
        }
        for (i, c) in atlas.data.countries.iter().enumerate() {
            if c.detail == Detail::Fine && !atlas.is_story_country(i) {
                push_shape(
                    t,
                    &atlas.country_shapes[i],
                    fill(style::NEIGHBOUR_LAND),
                    Stroke::new(0.9, style::NEIGHBOUR_EDGE),
                    &mut mesh,
                    &mut lines,
                );
            }
        }
        for (i, shape) in atlas.province_shapes.iter().enumerate() {
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
            let color = if self.fills {
                color
            } else {
                color.gamma_multiply(0.55)
            };
            push_shape(
                t,
                shape,
                Some(color),
                Stroke::new(0.8, style::PROVINCE_EDGE),
                &mut mesh,
                &mut lines,
            );
        }
        painter.add(Shape::mesh(mesh));
        painter.extend(lines);

        // The story's countries outlined over their provinces.
        let mut outline = Vec::new();
        for &i in &atlas.story_countries {
            push_shape(
                t,
                &atlas.country_shapes[i],
                None,
                Stroke::new(1.8, style::COUNTRY_EDGE),
                &mut Mesh::default(),
                &mut outline,
            );
        }
        painter.extend(outline);

        // Borders the crossings cross: a wide translucent band and a solid core.
        for line in atlas.borders.iter().flat_map(|b| &b.lines) {
            let pts: Vec<egui::Pos2> = line.iter().map(|&c| t.apply(c)).collect();
            painter.add(Shape::line(
                pts.clone(),
                Stroke::new(7.0, style::BORDER.gamma_multiply(0.3)),
            ));
            painter.add(Shape::line(pts, Stroke::new(2.2, style::BORDER)));
        }

        // Selected or hovered province outline on top.
        let emphasised = [(self.hovered, 2.0), (self.selected, 3.0)]
            .into_iter()
            .chain(self.highlighted.iter().map(|&i| (Some(i), 3.0)));
        for (i, width) in emphasised {
            if let Some(i) = i {
                let mut top = Vec::new();
                push_shape(
                    t,
                    &atlas.province_shapes[i],
                    None,
                    Stroke::new(width, style::COUNTRY_EDGE),
                    &mut Mesh::default(),
                    &mut top,
                );
                painter.extend(top);
            }
        }
    }
}

impl Plugin for BasemapLayer {
    fn run(
        self: Box<Self>,
        ui: &mut Ui,
        _response: &Response,
        projector: &Projector,
        _memory: &MapMemory,
    ) {
        let t = ScreenTransform::from_projector(projector);
        self.paint(ui.painter(), &t);
    }
}
