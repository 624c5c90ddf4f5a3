//! The small dark box by the pointer that names what is under it: a province with how many
//! items it has, a marker's events, a crossing, an imported cluster.

use egui::{Color32, FontId, Rect, Stroke, Ui, vec2};

use crate::atlas::Atlas;
use crate::map::hit::Hit;
use crate::map::imported::{ClusterHit, LayerDraw};
use crate::timeline::Visible;
use crate::ui::imported_panel::{date_text, place_text};

/// "Badakhshan province · 5 items — click to read"
fn province_text(atlas: &Atlas, vis: &Visible, i: usize) -> String {
    let p = &atlas.data.provinces[i];
    match atlas.province_shown(i, vis) {
        0 => format!("{} province", p.name),
        1 => format!("{} province · 1 item — click to read", p.name),
        n => format!("{} province · {n} items — click to read", p.name),
    }
}

/// A place's one event, or how many it has.
fn marker_text(atlas: &Atlas, vis: &Visible, m: usize) -> String {
    let marker = &atlas.markers[m];
    let place = &atlas.data.places[marker.place];
    let shown: Vec<usize> = marker
        .events
        .iter()
        .copied()
        .filter(|&e| vis.events.get(e).is_some_and(|v| v.shown()))
        .collect();
    match shown.as_slice() {
        [one] => {
            let e = &atlas.data.events[*one];
            format!("{}: {} ({})", place.name, e.title, e.date.human())
        }
        list => format!("{}: {} events — click to read", place.name, list.len()),
    }
}

/// Names what is under the pointer.
pub(super) fn story(ui: &Ui, atlas: &Atlas, vis: &Visible, hit: Hit, pos: egui::Pos2) {
    let text = match hit {
        Hit::Province(i) => province_text(atlas, vis, i),
        Hit::WorldUnit(u) => match atlas.unit_title_shown(u, vis) {
            Some(name) => format!("{name} — click to read"),
            None => return,
        },
        Hit::Marker(m) => marker_text(atlas, vis, m),
        Hit::Crossing(x) => {
            let c = &atlas.data.crossings.crossings[x];
            if vis.concealed.figures {
                format!("{}, {}", c.who, c.date.human())
            } else {
                format!("{}: {}, {}", c.who, c.people.label(), c.date.human())
            }
        }
    };
    tip(ui, text, pos);
}

/// How many events an imported cluster holds, of which types; a single one in full.
pub(super) fn cluster(ui: &Ui, layers: &[LayerDraw], hit: ClusterHit, pos: egui::Pos2) {
    let Some(d) = layers.get(hit.layer) else {
        return;
    };
    let Some(t) = d.tallies.get(hit.run) else {
        return;
    };
    let layer = &d.data.layer;
    let kind = |k: u16| layer.kinds.get(k as usize).map_or("", |k| k.as_str());
    let text = if t.count == 1 {
        let r = &layer.records[t.first as usize];
        format!(
            "{}\n{}\n{}\nClick for details",
            kind(r.kind),
            date_text(layer, r),
            place_text(layer, r)
        )
    } else {
        let mixed = if t.mixed { " and other types" } else { "" };
        format!(
            "{} events ({}), mostly {}{mixed}\nClick to list them",
            t.count,
            layer.name,
            kind(t.kind)
        )
    };
    tip(ui, text, pos);
}

/// A dark tooltip box beside the pointer, kept inside the map.
fn tip(ui: &Ui, text: String, pos: egui::Pos2) {
    let painter = ui.painter();
    let galley = painter.layout_no_wrap(text, FontId::proportional(13.0), Color32::WHITE);
    let rect = Rect::from_min_size(pos + vec2(14.0, 14.0), galley.size()).expand(5.0);
    let rect = rect.translate(vec2(
        (ui.max_rect().right() - rect.right()).min(0.0),
        (ui.max_rect().bottom() - rect.bottom()).min(0.0),
    ));
    let fill = Color32::from_black_alpha(215);
    painter.rect(rect, 4.0, fill, Stroke::NONE, egui::StrokeKind::Inside);
    painter.galley(rect.min + vec2(5.0, 5.0), galley, Color32::WHITE);
}
