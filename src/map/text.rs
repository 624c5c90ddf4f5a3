//! Map text, readable on any fill.

use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, vec2};

use super::style::HALO;

/// Lays out `text` and paints it, on a light rounded backing when `backed` (labels that may sit
/// over lines and markers); returns the rectangle it covers. One galley per label keeps a
/// frame's tessellation small.
pub fn map_text(
    painter: &Painter,
    pos: Pos2,
    anchor: Align2,
    text: &str,
    font: FontId,
    color: Color32,
    backed: bool,
) -> Rect {
    let galley = painter.layout_no_wrap(text.to_string(), font, color);
    let rect = anchor.anchor_size(pos, galley.size());
    if backed {
        painter.rect_filled(rect.expand2(vec2(3.0, 1.0)), 3.0, HALO);
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
