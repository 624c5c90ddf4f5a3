//! A card over the top middle of the map: a tour's slide, a quiz question. Both look and sit
//! the same; the map fits its views into what the card leaves free.

use egui::{Align2, Color32, Rect, Ui, vec2};

/// How a card is sized and coloured.
#[derive(Debug, Clone, Copy)]
pub struct CardStyle {
    /// Share of the map's width, and the bounds of the width in points.
    pub width: (f32, f32, f32),
    pub fill: Color32,
}

/// Shows a card with `add` inside, centred at the top of `map`; returns what `add` returned
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
    let area = egui::Area::new(egui::Id::unique(id))
        .fixed_pos(map.center_top() + vec2(0.0, 10.0))
        .pivot(Align2::CENTER_TOP)
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
