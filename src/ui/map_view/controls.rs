//! Navigating the map by keys and by the buttons in its corner: pan, zoom, Home.

use egui::{Key, Rect, Ui, vec2};

use super::MapView;
use crate::atlas::Atlas;

/// Pixels the arrow keys pan by.
const KEY_PAN: f32 = 120.0;

/// The map keys pressed this frame.
struct Keys {
    pan: egui::Vec2,
    zoom_in: bool,
    zoom_out: bool,
    home: bool,
}

fn read_keys(ui: &Ui) -> Keys {
    ui.input(|i| {
        let mut pan = egui::Vec2::ZERO;
        for (key, d) in [
            (Key::ArrowLeft, vec2(-KEY_PAN, 0.0)),
            (Key::ArrowRight, vec2(KEY_PAN, 0.0)),
            (Key::ArrowUp, vec2(0.0, -KEY_PAN)),
            (Key::ArrowDown, vec2(0.0, KEY_PAN)),
        ] {
            if i.key_pressed(key) {
                pan += d;
            }
        }
        Keys {
            pan,
            zoom_in: i.key_pressed(Key::Plus) || i.key_pressed(Key::Equals),
            zoom_out: i.key_pressed(Key::Minus),
            home: i.key_pressed(Key::Home) || i.key_pressed(Key::H),
        }
    })
}

impl MapView {
    /// Arrows pan, + and − zoom, H or Home goes home (only when no text field has focus).
    pub(super) fn keyboard(&mut self, ui: &Ui, atlas: &Atlas, rect: Rect) {
        if !crate::ui::keys::shortcuts_free(ui.ctx()) {
            return;
        }
        let k = read_keys(ui);
        if k.pan != egui::Vec2::ZERO || k.zoom_in || k.zoom_out {
            self.rehome = 0;
        }
        if k.pan != egui::Vec2::ZERO {
            self.pan_by(k.pan);
        }
        if k.zoom_in {
            let _ = self.saved.memory.zoom_in();
        }
        if k.zoom_out {
            let _ = self.saved.memory.zoom_out();
        }
        if k.home {
            self.go_home(atlas, rect);
        }
    }

    /// Home and zoom buttons in the map's top-left corner; returns the room they take (with a
    /// little around them), which labels and fitted views keep clear of.
    pub(super) fn controls(&mut self, ui: &mut Ui, atlas: &Atlas, rect: Rect) -> Vec<Rect> {
        let at = rect.left_top() + vec2(10.0, 10.0);
        let size = vec2(34.0, 28.0);
        let home = ui.put(
            Rect::from_min_size(at, vec2(70.0, 28.0)),
            egui::Button::new("Home"),
        );
        let home_room = home.rect.expand(4.0);
        if home
            .on_hover_text("Back to the story's home view (Home / H)")
            .clicked()
        {
            self.go_home(atlas, rect);
        }
        let plus = ui.put(
            Rect::from_min_size(at + vec2(0.0, 34.0), size),
            egui::Button::new("+"),
        );
        // Screen readers say what the sign means.
        plus.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, "Zoom in"));
        let plus_rect = plus.rect;
        if plus.on_hover_text("Zoom in (+, wheel, pinch)").clicked() {
            let _ = self.saved.memory.zoom_in();
        }
        let minus = ui.put(
            Rect::from_min_size(at + vec2(0.0, 66.0), size),
            egui::Button::new("−"),
        );
        minus.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, "Zoom out"));
        let zoom_room = plus_rect.union(minus.rect).expand(4.0);
        if minus.on_hover_text("Zoom out (−)").clicked() {
            let _ = self.saved.memory.zoom_out();
        }
        vec![home_room, zoom_room]
    }
}
