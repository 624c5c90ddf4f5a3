//! Who gets the keyboard. Single-key shortcuts (the tour's clicker keys, the timeline's, the
//! map's, the drawing's) act only while no widget other than the map has keyboard focus: a
//! button reached with Tab keeps Space and Enter, a text field keeps its letters, and the map,
//! once entered with Tab, still pans and zooms by keys.

use egui::{Context, Id};

fn slot() -> Id {
    Id::unique("event-atlas-map-widget")
}

/// Remembers the map's widget id for this frame (the map calls it once it is shown).
pub fn set_map_widget(ctx: &Context, id: Id) {
    ctx.data_mut(|d| d.insert_temp(slot(), id));
}

/// Whether the map itself has keyboard focus.
pub fn map_focused(ctx: &Context) -> bool {
    let map: Option<Id> = ctx.data(|d| d.get_temp(slot()));
    map.is_some_and(|id| ctx.memory(|m| m.has_focus(id)))
}

/// Whether single-key shortcuts may act: nothing has focus, or the map has.
pub fn shortcuts_free(ctx: &Context) -> bool {
    ctx.memory(|m| m.focused().is_none()) || map_focused(ctx)
}
