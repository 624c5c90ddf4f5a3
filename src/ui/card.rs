//! A card over the top of the map: a tour's slide (beside the zoom buttons), a quiz question
//! (in the middle). The map fits its views into what the card leaves free.

use egui::{Align2, Color32, Rect, Ui, vec2};

/// How a card is sized and coloured.
#[derive(Debug, Clone, Copy)]
pub struct CardStyle {
    /// Share of the map's width, and the bounds of the width in points.
    pub width: (f32, f32, f32),
    pub fill: Color32,
    /// Points from the map's left edge, or `None` to centre the card.
    pub left: Option<f32>,
}

/// Shows a card with `add` inside at the top of `map`; returns what `add` returned
/// and where the card was drawn.
pub fn map_card<R>(
    ui: &Ui,
    id: &str,
    map: Rect,
    style: CardStyle,
    add: impl FnOnce(&mut Ui) -> R,
) -> (R, Rect) {
    let (share, min, max) = style.width;
    let width = (map.width() * share).clamp(min, max);
    let (pos, pivot) = match style.left {
        Some(x) => (map.left_top() + vec2(x, 10.0), Align2::LEFT_TOP),
        None => (map.center_top() + vec2(0.0, 10.0), Align2::CENTER_TOP),
    };
    let width = width
        .min(map.right() - pos.x - 34.0)
        .max(min.min(map.width()));
    let area = egui::Area::new(egui::Id::unique(id))
        .fixed_pos(pos)
        .pivot(pivot)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style())
                .fill(style.fill)
                .inner_margin(12.0)
                .show(ui, |ui| {
                    ui.set_width(width);
                    add(ui)
                })
                .inner
        });
    (area.inner, area.response.rect)
}
