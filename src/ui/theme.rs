//! The app's light theme: egui's, with weak text dark enough to read on a projector and for
//! WCAG AA (4.5:1), and the cards' colours, all checked by a test.

use egui::{Color32, Visuals};

/// The slide card's paper.
pub const TOUR_CARD: Color32 = Color32::from_rgba_unmultiplied_const(255, 253, 247, 245);
/// The quiz card's paper.
pub const QUIZ_CARD: Color32 = Color32::from_rgba_unmultiplied_const(250, 252, 255, 245);
/// The article's words quoted on a card.
pub const QUOTE: Color32 = Color32::from_rgb(0x4A, 0x3B, 0x2E);
/// Weak text ("Slide 2 of 14", hints): egui's light default is too pale for AA.
pub const WEAK_TEXT: Color32 = Color32::from_gray(92);

/// The ring around the widget the keyboard (or the pointer) is on: egui's light grey is hard
/// to see on a projector.
pub const FOCUS_RING: Color32 = crate::map::style::FOCUS;

/// egui's light visuals with readable weak text and a focus ring that shows.
pub fn visuals() -> Visuals {
    let mut v = Visuals::light();
    v.weak_text_color = Some(WEAK_TEXT);
    // Keyboard focus is drawn with the hovered style: make its outline strong.
    v.widgets.hovered.bg_stroke = egui::Stroke::new(2.0, FOCUS_RING);
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::style::{WORLD_LAND, contrast, over};

    #[test]
    fn every_text_colour_of_the_theme_is_at_wcag_aa() {
        let v = visuals();
        let grounds = [
            ("panel", v.panel_fill),
            ("window", v.window_fill),
            ("text field", v.extreme_bg_color),
            ("striped row", over(v.faint_bg_color, v.panel_fill)),
            ("tour card", over(TOUR_CARD, WORLD_LAND)),
            ("quiz card", over(QUIZ_CARD, WORLD_LAND)),
        ];
        for (ground, bg) in grounds {
            for (what, fg) in [("text", v.text_color()), ("weak text", v.weak_text_color())] {
                let c = contrast(fg, bg);
                assert!(c >= 4.5, "{what} on {ground}: {c:.2}");
            }
        }
        // The focus ring stands out from the panel (WCAG's 3:1 for non-text contrast).
        assert!(contrast(FOCUS_RING, v.panel_fill) >= 3.0);
        for card in [TOUR_CARD, QUIZ_CARD] {
            assert!(contrast(QUOTE, over(card, WORLD_LAND)) >= 4.5);
        }
        let w = &v.widgets;
        for (state, s) in [
            ("inactive", w.inactive),
            ("hovered", w.hovered),
            ("active", w.active),
        ] {
            for (fill, bg) in [("fill", s.bg_fill), ("weak fill", s.weak_bg_fill)] {
                let c = contrast(s.fg_stroke.color, over(bg, v.panel_fill));
                assert!(c >= 4.5, "{state} button text on its {fill}: {c:.2}");
            }
        }
    }
}
