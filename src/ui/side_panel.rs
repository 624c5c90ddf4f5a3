//! The side panel: what is selected, and everything the article says happened there.

use egui::{RichText, ScrollArea, Ui};

use super::{Resolved, Selection, item_card};
use crate::atlas::{Atlas, Item, UnitId};
use crate::timeline::Visible;

/// Shows the panel for `selection` (resolved once this frame), listing what the filter shows
/// first, then `more` (the imported layers' rows there) in the same scrolling list; returns a
/// new selection when the user follows a link.
pub fn ui(
    ui: &mut Ui,
    atlas: &Atlas,
    selection: &Selection,
    resolved: &Resolved,
    vis: &Visible,
    more: impl FnOnce(&mut Ui),
) -> Option<Selection> {
    let mut out = None;
    ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            selected(ui, atlas, selection, resolved, vis, &mut out);
            more(ui);
        });
    out
}

/// The selection's own part of the panel.
fn selected(
    ui: &mut Ui,
    atlas: &Atlas,
    selection: &Selection,
    resolved: &Resolved,
    vis: &Visible,
    out: &mut Option<Selection>,
) {
    match (selection, resolved) {
        (Selection::None, _) => overview(ui, atlas, vis, out),
        (
            Selection::Province(_),
            Resolved {
                province: Some(i), ..
            },
        ) => {
            province(ui, atlas, *i, vis, out);
        }
        (Selection::Province(_), Resolved { unit: Some(u), .. }) => {
            world_unit(ui, atlas, *u, vis, out);
        }
        (Selection::Place(id), Resolved { place: Some(i), .. }) => {
            place(ui, atlas, id, *i, vis, out);
        }
        (
            Selection::Event(_) | Selection::Crossing(_),
            Resolved {
                item: Some(item), ..
            },
        ) => {
            *out = item_card::ui(ui, atlas, *item);
        }
        (Selection::Province(id) | Selection::Place(id), _) => missing(ui, id),
        (Selection::Event(id) | Selection::Crossing(id), _) => missing(ui, id),
    }
}

/// A province: its name, capital and code, and its items.
fn province(ui: &mut Ui, atlas: &Atlas, i: usize, vis: &Visible, out: &mut Option<Selection>) {
    let p = &atlas.data.provinces[i];
    ui.heading(format!("{} province", p.name));
    // A world unit (Natural Earth admin-1) carries no capital.
    if p.capital.is_empty() {
        ui.label(&p.iso);
    } else {
        ui.label(format!("Capital: {} · {}", p.capital, p.iso));
    }
    let empty = "The article names no event here.";
    items(ui, atlas, atlas.province_items(i), vis, out, empty);
}

/// A first-level unit of a country the story does not draw: its name, country and code, and
/// the story's items at places inside it.
fn world_unit(ui: &mut Ui, atlas: &Atlas, u: UnitId, vis: &Visible, out: &mut Option<Selection>) {
    let Some(unit) = atlas.world.unit(u) else {
        return;
    };
    ui.heading(&unit.name);
    let country = atlas.unit_country(u).unwrap_or_default();
    ui.label(format!("{country} · {}", unit.iso));
    let source = "First-level unit: Natural Earth 10m admin-1";
    ui.label(RichText::new(source).small().weak());
    let empty = "The story names no place here.";
    items(ui, atlas, &atlas.items_in_unit(u), vis, out, empty);
}

/// A place: what it is, where it lies, where its point comes from, and its items.
fn place(
    ui: &mut Ui,
    atlas: &Atlas,
    id: &str,
    i: usize,
    vis: &Visible,
    out: &mut Option<Selection>,
) {
    let p = &atlas.data.places[i];
    ui.heading(&p.name);
    let province = p
        .province
        .as_deref()
        .and_then(|iso| atlas.ids.province(iso))
        .map(|k| format!(" · {} province", atlas.data.provinces[k].name))
        .unwrap_or_default();
    ui.label(format!("{} · {}{province}", p.kind.as_str(), p.country));
    let source = format!("Located from: {}", p.source);
    ui.label(RichText::new(source).small().weak());
    items(
        ui,
        atlas,
        &atlas.items_at_place(id),
        vis,
        out,
        "No event at this place.",
    );
}

fn missing(ui: &mut Ui, id: &str) {
    ui.label(format!("{id:?} is not in the loaded data."));
}

fn items(
    ui: &mut Ui,
    atlas: &Atlas,
    list: &[Item],
    vis: &Visible,
    out: &mut Option<Selection>,
    empty: &str,
) {
    ui.separator();
    if list.is_empty() {
        ui.label(empty);
        return;
    }
    let (shown, hidden): (Vec<Item>, Vec<Item>) =
        list.iter().partition(|&&item| vis.item(item).shown());
    if shown.is_empty() {
        ui.label("Nothing here at this date with the kinds shown.");
    } else {
        ui.label(RichText::new(format!("{} in date order", count_text(&shown))).small());
        cards(ui, atlas, &shown, out);
    }
    hidden_section(ui, atlas, &hidden, out);
}

fn cards(ui: &mut Ui, atlas: &Atlas, list: &[Item], out: &mut Option<Selection>) {
    for &item in list {
        if let Some(s) = item_card::ui(ui, atlas, item) {
            *out = Some(s);
        }
        ui.add_space(4.0);
    }
}

/// What the time or kind filter hides here, folded away but one click from reading.
fn hidden_section(ui: &mut Ui, atlas: &Atlas, hidden: &[Item], out: &mut Option<Selection>) {
    if hidden.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(format!(
        "{} hidden by the time or kind filter",
        count_text(hidden)
    ))
    .id_salt("hidden-items")
    .default_open(false)
    .show(ui, |ui| cards(ui, atlas, hidden, out));
}

fn count_text(list: &[Item]) -> String {
    let events = list.iter().filter(|i| matches!(i, Item::Event(_))).count();
    let crossings = list.len() - events;
    match (events, crossings) {
        (e, 0) => format!("{e} event{}", if e == 1 { "" } else { "s" }),
        (0, c) => format!("{c} crossing{}", if c == 1 { "" } else { "s" }),
        (e, c) => format!(
            "{e} event{} and {c} crossing{}",
            if e == 1 { "" } else { "s" },
            if c == 1 { "" } else { "s" }
        ),
    }
}

/// Nothing selected: the story in brief, the totals, and the events with no single place.
fn overview(ui: &mut Ui, atlas: &Atlas, vis: &Visible, out: &mut Option<Selection>) {
    ui.heading(&atlas.data.story.title);
    ui.label(
        "Click a province, a marker or an arrow to read what the article says happened there.",
    );
    ui.separator();
    for (i, t) in atlas.data.crossings.totals.iter().enumerate() {
        let to = atlas
            .place_index(&t.to)
            .map_or(t.to.as_str(), |p| atlas.data.places[p].name.as_str());
        if vis.totals.get(i).copied().unwrap_or(false) {
            ui.label(RichText::new(format!("Into {to}: {}", t.label())).strong());
            ui.label(RichText::new(format!("“{}”", t.quote)).italics());
        } else {
            // Not yet at this date: say when, without giving the figure away.
            ui.label(
                RichText::new(format!(
                    "The article's total of crossings into {to} up to {} is not reached at this date.",
                    t.end.human()
                ))
                .weak(),
            );
        }
        ui.add_space(4.0);
    }
    ui.separator();
    ui.label(
        RichText::new(format!(
            "Across {} (no single place)",
            atlas.story_country_names()
        ))
        .strong(),
    );
    let on_markers: std::collections::HashSet<usize> = atlas
        .markers
        .iter()
        .flat_map(|m| m.events.iter().copied())
        .collect();
    let (shown, hidden): (Vec<Item>, Vec<Item>) = atlas
        .events_by_date()
        .into_iter()
        .filter(|e| !on_markers.contains(e))
        .map(Item::Event)
        .partition(|&item| vis.item(item).shown());
    cards(ui, atlas, &shown, out);
    hidden_section(ui, atlas, &hidden, out);
}
