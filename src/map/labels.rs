//! Names on the map: story places, provinces and countries, never overlapping each other.

use std::sync::Arc;

use egui::{Align2, FontId, Pos2, Rect, Response, Ui, vec2};
use walkers::{MapMemory, Plugin, Projector};

use super::ScreenTransform;
use super::markers::layout;
use super::style;
use super::text::{halo_text, text_size};
use crate::atlas::Atlas;
use crate::model::{Detail, PlaceKind};

/// Draws labels in priority order, skipping any that would collide with one already drawn.
pub struct LabelsLayer {
    pub atlas: Arc<Atlas>,
    pub selected_province: Option<usize>,
    pub hovered_province: Option<usize>,
    /// Extra scale for readability on projectors (1.0 = normal).
    pub text_scale: f32,
}

struct Candidate {
    text: String,
    at: Pos2,
    anchor: Align2,
    font: FontId,
    color: egui::Color32,
    /// Drawn even when it collides (the selected province).
    force: bool,
}

impl LabelsLayer {
    /// Paints into `painter` for the view `t`.
    pub fn paint(&self, painter: &egui::Painter, t: &ScreenTransform) {
        let atlas = &self.atlas;
        let s = self.text_scale;
        let mut cands: Vec<Candidate> = Vec::new();

        for i in [self.selected_province, self.hovered_province]
            .into_iter()
            .flatten()
        {
            cands.push(Candidate {
                text: atlas.data.provinces[i].name.clone(),
                at: t.apply(atlas.province_labels[i]),
                anchor: Align2::CENTER_CENTER,
                font: FontId::proportional(14.0 * s),
                color: style::LABEL,
                force: true,
            });
        }
        // Story places next to their markers.
        for p in layout(atlas, t, &|_| true) {
            let place = &atlas.data.places[atlas.markers[p.marker].place];
            if place.kind == PlaceKind::Province {
                continue; // the province label names it
            }
            cands.push(Candidate {
                text: place.name.clone(),
                at: p.center + vec2(p.radius + 3.0, 0.0),
                anchor: Align2::LEFT_CENTER,
                font: FontId::proportional(12.5 * s),
                color: style::LABEL,
                force: false,
            });
        }
        for (i, pr) in atlas.data.provinces.iter().enumerate() {
            let screen = t.apply_rect(atlas.province_shapes[i].bbox);
            let font = FontId::proportional(11.0 * s);
            if screen.width() < text_size(painter, &pr.name, font.clone()).x * 0.9 {
                continue;
            }
            cands.push(Candidate {
                text: pr.name.clone(),
                at: t.apply(atlas.province_labels[i]),
                anchor: Align2::CENTER_CENTER,
                font,
                color: style::LABEL_MUTED,
                force: false,
            });
        }
        for detail in [Detail::Fine, Detail::Coarse] {
            for (i, c) in atlas.data.countries.iter().enumerate() {
                if c.detail != detail || c.iso_a2 == "AF" {
                    continue;
                }
                let screen = t.apply_rect(atlas.country_shapes[i].bbox);
                let text = c.name.to_uppercase();
                let font =
                    FontId::proportional(if detail == Detail::Fine { 13.0 } else { 11.0 } * s);
                if screen.width() < text_size(painter, &text, font.clone()).x * 1.2 {
                    continue;
                }
                cands.push(Candidate {
                    text,
                    at: t.apply(atlas.country_labels[i]),
                    anchor: Align2::CENTER_CENTER,
                    font,
                    color: style::LABEL_MUTED,
                    force: false,
                });
            }
        }

        let mut taken: Vec<Rect> = Vec::new();
        for c in cands {
            if !t.rect.contains(c.at) {
                continue;
            }
            let size = text_size(painter, &c.text, c.font.clone());
            let rect = c.anchor.anchor_size(c.at, size).expand(2.0);
            if !c.force && taken.iter().any(|r| r.intersects(rect)) {
                continue;
            }
            if c.force && taken.iter().any(|r| r.contains_rect(rect)) {
                continue; // already drawn (selected and hovered are the same province)
            }
            taken.push(rect);
            halo_text(painter, c.at, c.anchor, &c.text, c.font, c.color);
        }
    }
}

impl Plugin for LabelsLayer {
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
