//! Colours and sizes of the map, in one place so the legend and the layers agree.

use egui::Color32;

use crate::model::{Count, EventKind};

pub const OCEAN: Color32 = Color32::from_rgb(0xB9, 0xD6, 0xE3);
pub const WORLD_LAND: Color32 = Color32::from_rgb(0xEE, 0xEA, 0xE2);
pub const WORLD_EDGE: Color32 = Color32::from_rgb(0xB5, 0xAD, 0xA3);
pub const NEIGHBOUR_LAND: Color32 = Color32::from_rgb(0xE4, 0xDE, 0xD2);
pub const NEIGHBOUR_EDGE: Color32 = Color32::from_rgb(0x93, 0x89, 0x7E);
pub const PROVINCE_FILL: Color32 = Color32::from_rgb(0xF8, 0xF2, 0xE2);
pub const PROVINCE_WITH_EVENTS: Color32 = Color32::from_rgb(0xF3, 0xE3, 0xC0);
pub const PROVINCE_HOVER: Color32 = Color32::from_rgb(0xFC, 0xD9, 0x8E);
pub const PROVINCE_SELECTED: Color32 = Color32::from_rgb(0xF6, 0xB2, 0x4C);
pub const PROVINCE_EDGE: Color32 = Color32::from_rgb(0x9A, 0x86, 0x72);
pub const COUNTRY_EDGE: Color32 = Color32::from_rgb(0x4A, 0x3B, 0x2E);
/// Borders the story's crossings cross: vermilion from the Okabe–Ito palette, safe for
/// colour-blind readers.
pub const BORDER: Color32 = Color32::from_rgb(0xD5, 0x5E, 0x00);
pub const ARROW: Color32 = Color32::from_rgb(0x00, 0x5A, 0x9C);
pub const ARROW_UNCERTAIN: Color32 = Color32::from_rgb(0x4F, 0x7C, 0xA8);
/// The keyboard focus ring on the map and the item it has reached.
pub const FOCUS: Color32 = Color32::from_rgb(0x10, 0x3C, 0xC8);
pub const LABEL: Color32 = Color32::from_rgb(0x2B, 0x24, 0x1E);
pub const LABEL_MUTED: Color32 = Color32::from_rgb(0x6E, 0x64, 0x5A);
pub const HALO: Color32 = Color32::from_rgba_premultiplied(0xFA, 0xF8, 0xF3, 0xE6);

/// Marker colour per event kind (Okabe–Ito based, told apart without relying on hue alone:
/// markers also carry a letter; three are darkened so that letter reads at WCAG AA).
pub fn kind_color(kind: EventKind) -> Color32 {
    match kind {
        EventKind::Refuge => Color32::from_rgb(0x00, 0x72, 0xB2),
        EventKind::Fighting => Color32::from_rgb(0xE6, 0x9F, 0x00),
        // Okabe–Ito vermilion darkened a little so its white letter reads (WCAG AA).
        EventKind::Attack => Color32::from_rgb(0xC0, 0x50, 0x00),
        EventKind::Airstrike => Color32::from_rgb(0xCC, 0x79, 0xA7),
        EventKind::Deployment => Color32::from_rgb(0x76, 0x6A, 0x00),
        EventKind::Diplomacy => Color32::from_rgb(0x00, 0x85, 0x60),
        EventKind::Politics => Color32::from_rgb(0x56, 0xB4, 0xE9),
        EventKind::Death => Color32::from_rgb(0x33, 0x33, 0x33),
        EventKind::Civilian => Color32::from_rgb(0x99, 0x99, 0x99),
    }
}

/// The glyph colour on a kind's marker: black or white, whichever reads better on it.
pub fn glyph_color(kind: EventKind) -> Color32 {
    readable_on(kind_color(kind))
}

/// Black-ish or white text, whichever has more contrast on `bg`.
pub fn readable_on(bg: Color32) -> Color32 {
    if contrast(LABEL, bg) >= contrast(Color32::WHITE, bg) {
        LABEL
    } else {
        Color32::WHITE
    }
}

/// WCAG 2 relative luminance of an opaque colour.
fn luminance(c: Color32) -> f32 {
    let lin = |v: u8| {
        let v = f32::from(v) / 255.0;
        if v <= 0.040_45 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c.r()) + 0.7152 * lin(c.g()) + 0.0722 * lin(c.b())
}

/// WCAG 2 contrast ratio of two opaque colours (1 to 21; AA body text needs 4.5).
///
/// ```
/// use egui::Color32;
/// use event_atlas::map::style::contrast;
/// assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
/// assert!(contrast(Color32::from_gray(119), Color32::WHITE) < 4.5);
/// ```
pub fn contrast(a: Color32, b: Color32) -> f32 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// `top` (premultiplied, possibly translucent) painted over opaque `bottom`.
pub fn over(top: Color32, bottom: Color32) -> Color32 {
    let a = f32::from(top.a()) / 255.0;
    let mix = |t: u8, b: u8| (f32::from(t) + f32::from(b) * (1.0 - a)).round().min(255.0) as u8;
    Color32::from_rgb(
        mix(top.r(), bottom.r()),
        mix(top.g(), bottom.g()),
        mix(top.b(), bottom.b()),
    )
}

/// One-letter glyph per kind, so markers read without colour.
pub fn kind_glyph(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Refuge => "R",
        EventKind::Fighting => "F",
        EventKind::Attack => "A",
        EventKind::Airstrike => "S",
        EventKind::Deployment => "T",
        EventKind::Diplomacy => "D",
        EventKind::Politics => "P",
        EventKind::Death => "†",
        EventKind::Civilian => "C",
    }
}

/// Arrow width in points for a count: area-like growth, capped; unknown counts are thin.
pub fn arrow_width(count: &Count) -> f32 {
    match count.weight() {
        Some(n) => (2.0 + (n as f32).sqrt() / 5.0).clamp(2.5, 12.0),
        None => 2.0,
    }
}

#[cfg(test)]
mod contrast_tests {
    use super::*;
    use crate::map::choropleth::{PALETTE, UNKNOWN};

    /// Every fill a label can sit on.
    fn grounds() -> Vec<Color32> {
        let mut g = vec![
            OCEAN,
            WORLD_LAND,
            NEIGHBOUR_LAND,
            PROVINCE_FILL,
            PROVINCE_WITH_EVENTS,
            PROVINCE_HOVER,
            PROVINCE_SELECTED,
            UNKNOWN,
        ];
        g.extend(PALETTE);
        g
    }

    #[test]
    fn map_text_is_at_wcag_aa_on_every_fill() {
        let boxed = Color32::from_rgba_unmultiplied(255, 253, 246, 240);
        let credit = Color32::from_white_alpha(200);
        for ground in grounds() {
            for (name, fg, back) in [
                ("label on its halo", LABEL, HALO),
                ("muted label on its halo", LABEL_MUTED, HALO),
                ("total in its box", LABEL, boxed),
                ("credits and scale bar", LABEL, credit),
            ] {
                let bg = over(back, ground);
                let c = contrast(fg, bg);
                assert!(c >= 4.5, "{name} on {ground:?}: {c:.2}");
            }
        }
    }

    #[test]
    fn marker_glyphs_are_at_wcag_aa() {
        for kind in EventKind::ALL {
            let c = contrast(glyph_color(kind), kind_color(kind));
            assert!(c >= 4.5, "{kind:?}: {c:.2}");
        }
        // The tooltip and the keyboard's note: white on dark.
        let tooltip = over(Color32::from_black_alpha(215), WORLD_LAND);
        assert!(contrast(Color32::WHITE, tooltip) >= 4.5);
        assert!(contrast(Color32::WHITE, Color32::from_rgb(20, 24, 32)) >= 4.5);
    }
}
