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
/// markers also carry a letter).
pub fn kind_color(kind: EventKind) -> Color32 {
    match kind {
        EventKind::Refuge => Color32::from_rgb(0x00, 0x72, 0xB2),
        EventKind::Fighting => Color32::from_rgb(0xE6, 0x9F, 0x00),
        EventKind::Attack => Color32::from_rgb(0xD5, 0x5E, 0x00),
        EventKind::Airstrike => Color32::from_rgb(0xCC, 0x79, 0xA7),
        EventKind::Deployment => Color32::from_rgb(0x8B, 0x7D, 0x00),
        EventKind::Diplomacy => Color32::from_rgb(0x00, 0x9E, 0x73),
        EventKind::Politics => Color32::from_rgb(0x56, 0xB4, 0xE9),
        EventKind::Death => Color32::from_rgb(0x33, 0x33, 0x33),
        EventKind::Civilian => Color32::from_rgb(0x99, 0x99, 0x99),
    }
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
