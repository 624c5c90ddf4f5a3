//! The map for screen readers and the keyboard. Each province, place marker, crossing arrow
//! and imported cluster in view is an accessible node with a spoken name that a screen reader
//! can list and activate. With the map focused (Tab), `N` / `P` step through the same items,
//! the one reached is ringed and named on the map, and Enter opens it.

use egui::accesskit::{Action, Role};
use egui::{Align2, Color32, FontId, Id, Key, Sense, Stroke, Ui, vec2};

use super::{MapInputs, MapView};
use crate::map::ScreenTransform;
use crate::map::items::{ItemRef, MapItem, map_items};

impl MapView {
    /// The items in view as accessible nodes, the keyboard's steps through them, and the ring
    /// on the one reached; returns what was opened.
    pub(super) fn access(
        &mut self,
        ui: &mut Ui,
        input: &MapInputs<'_>,
        t: &ScreenTransform,
    ) -> Option<MapItem> {
        let placed = self.layout.get(input.atlas, t, input.visible);
        self.items = map_items(input.atlas, t, input.visible, &placed, &input.imported);
        let mut opened = None;
        for (i, item) in self.items.iter().enumerate() {
            let id = Id::unique(("map-item", i));
            let r = ui.interact(item.rect, id, Sense::hover());
            let name = item.name.clone();
            ui.ctx().accesskit_node_builder(r.id, |node| {
                node.set_role(Role::Button);
                node.set_label(name);
                node.add_action(Action::Click);
                node.add_action(Action::Focus);
            });
            if ui.input(|inp| inp.has_accesskit_action_request(id, Action::Click)) {
                opened = Some(item.clone());
            }
            if ui.input(|inp| inp.has_accesskit_action_request(id, Action::Focus)) {
                self.key_cursor = Some(item.item);
            }
        }
        let keyed = self.keyboard_items(ui);
        let keyed = keyed.and_then(|k| self.items.iter().find(|i| i.item == k).cloned());
        self.paint_focus(ui, t);
        keyed.or(opened)
    }

    /// `N` / `P` step, Enter opens, while the map has focus.
    fn keyboard_items(&mut self, ui: &Ui) -> Option<ItemRef> {
        if !crate::ui::keys::map_focused(ui.ctx()) || self.items.is_empty() {
            return None;
        }
        let (next, prev, enter) = ui.input(|i| {
            (
                i.key_pressed(Key::N),
                i.key_pressed(Key::P),
                i.key_pressed(Key::Enter),
            )
        });
        let n = self.items.len();
        let at = self
            .key_cursor
            .and_then(|c| self.items.iter().position(|i| i.item == c));
        let step = match (next, prev) {
            (true, false) => Some(at.map_or(0, |a| (a + 1) % n)),
            (false, true) => Some(at.map_or(n - 1, |a| (a + n - 1) % n)),
            _ => None,
        };
        if let Some(s) = step {
            self.key_cursor = Some(self.items[s].item);
            ui.ctx().request_repaint();
        }
        if enter {
            return self.key_cursor;
        }
        None
    }

    /// A ring around the map while it has focus, and around the item reached, with its name.
    fn paint_focus(&self, ui: &Ui, t: &ScreenTransform) {
        if !crate::ui::keys::map_focused(ui.ctx()) {
            return;
        }
        let painter = ui.painter_at(t.rect);
        let ring = Stroke::new(3.0, crate::map::style::FOCUS);
        painter.rect_stroke(t.rect.shrink(2.0), 0.0, ring, egui::StrokeKind::Inside);
        let Some(item) = self.key_item() else {
            let hint = "Map: N / P to step through what is on it, Enter to open";
            note(&painter, t.rect.center_top() + vec2(0.0, 40.0), hint);
            return;
        };
        painter.rect_stroke(item.rect.expand(4.0), 4.0, ring, egui::StrokeKind::Outside);
        note(
            &painter,
            item.rect.center_bottom() + vec2(0.0, 8.0),
            &item.name,
        );
    }

    /// The items in view as last listed (for tests and the presenter view).
    pub fn items(&self) -> &[MapItem] {
        &self.items
    }

    /// The item the keyboard has reached, if it is still in view.
    pub fn key_item(&self) -> Option<&MapItem> {
        let c = self.key_cursor?;
        self.items.iter().find(|i| i.item == c)
    }
}

/// A dark box with white text (the keyboard's current item).
fn note(painter: &egui::Painter, at: egui::Pos2, text: &str) {
    let galley = painter.layout_no_wrap(text.into(), FontId::proportional(14.0), Color32::WHITE);
    let r = Align2::CENTER_TOP
        .anchor_size(at, galley.size())
        .expand(5.0);
    painter.rect_filled(r, 4.0, Color32::from_rgb(20, 24, 32));
    painter.galley(r.min + vec2(5.0, 5.0), galley, Color32::WHITE);
}
