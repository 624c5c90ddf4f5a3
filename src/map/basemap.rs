//! The offline basemap: sea, the world, the story's region in detail, its provinces, and the
//! borders its crossings cross.

use std::sync::Arc;

use egui::{Color32, Shape, Stroke};

use super::ScreenTransform;
use super::batch::Batch;
use super::style;
use crate::atlas::Atlas;
use crate::model::Detail;

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

impl super::Paint for BasemapLayer {
    fn paint(&self, painter: &egui::Painter, t: &ScreenTransform) {
        if self.fills {
            painter.rect_filled(t.rect, 0.0, style::OCEAN);
        }
        // The world's countries are hundreds of thin outlines: one mesh of hairlines.
        let mut world = Batch::hairlines();
        self.world_countries(t, &mut world);
        world.paint(painter);
        let mut batch = Batch::default();
        self.neighbours(t, &mut batch);
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
    /// The world, coarse.
    fn world_countries(&self, t: &ScreenTransform, batch: &mut Batch) {
        let atlas = &self.atlas;
        let fill = self.fills.then_some(style::WORLD_LAND);
        for (i, c) in atlas.data.countries.iter().enumerate() {
            if c.detail == Detail::Coarse {
                let edge = Stroke::new(0.6, style::WORLD_EDGE);
                batch.push(t, &atlas.country_shapes[i], fill, edge);
            }
        }
    }

    /// The story's region in detail (its own countries are drawn as provinces).
    fn neighbours(&self, t: &ScreenTransform, batch: &mut Batch) {
        let atlas = &self.atlas;
        let fill = |c| self.fills.then_some(c);
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
