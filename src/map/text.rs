//! Map text with a halo, readable on any fill.

use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, vec2};

use super::style::HALO;

/// Lays out `text` and paints it with a light halo; returns the rectangle it covers.
pub fn halo_text(
    painter: &Painter,
    pos: Pos2,
    anchor: Align2,
    text: &str,
    font: FontId,
    color: Color32,
) -> Rect {
    let galley = painter.layout_no_wrap(text.to_string(), font, color);
    let rect = anchor.anchor_size(pos, galley.size());
    for d in [
        vec2(-1.0, 0.0),
        vec2(1.0, 0.0),
        vec2(0.0, -1.0),
        vec2(0.0, 1.0),
    ] {
        painter.galley_with_override_text_color(rect.min + d, galley.clone(), HALO);
    }
    painter.galley(rect.min, galley, color);
    rect
}

/// Size of `text` in `font` without painting it (for collision tests before drawing).
pub fn text_size(painter: &Painter, text: &str, font: FontId) -> egui::Vec2 {
    painter
        .layout_no_wrap(text.to_string(), font, Color32::BLACK)
        .size()
}
