//! The side panel: what is selected, and everything the article says happened there.

use egui::{RichText, ScrollArea, Ui};

use super::{Selection, item_card};
use crate::atlas::{Atlas, Item};

/// Shows the panel for `selection`; returns a new selection when the user follows a link.
pub fn ui(ui: &mut Ui, atlas: &Atlas, selection: &Selection) -> Option<Selection> {
    let mut out = None;
    ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| match selection {
            Selection::None => overview(ui, atlas, &mut out),
            Selection::Province(iso) => match atlas.data.province(iso) {
                Some(p) => {
                    ui.heading(format!("{} province", p.name));
                    ui.label(format!("Capital: {} · {}", p.capital, p.iso));
                    items(
                        ui,
                        atlas,
                        &atlas.items_in_province(iso),
                        &mut out,
                        "The article names no event here.",
                    );
                }
                None => missing(ui, iso),
            },
            Selection::Place(id) => match atlas.place_index(id) {
                Some(i) => {
                    let p = &atlas.data.places[i];
                    ui.heading(&p.name);
                    let province = p
                        .province
                        .as_deref()
                        .and_then(|iso| atlas.data.province(iso))
                        .map(|pr| format!(" · {} province", pr.name))
                        .unwrap_or_default();
                    ui.label(format!("{} · {}{province}", p.kind.as_str(), p.country));
                    ui.label(
                        RichText::new(format!("Located from: {}", p.source))
                            .small()
                            .weak(),
                    );
                    items(
                        ui,
                        atlas,
                        &atlas.items_at_place(id),
                        &mut out,
                        "No event at this place.",
                    );
                }
                None => missing(ui, id),
            },
            Selection::Event(id) => match atlas.data.events.iter().position(|e| &e.id == id) {
                Some(i) => {
                    if let Some(s) = item_card::ui(ui, atlas, Item::Event(i)) {
                        out = Some(s);
                    }
                }
                None => missing(ui, id),
            },
            Selection::Crossing(id) => {
                match atlas
                    .data
                    .crossings
                    .crossings
                    .iter()
                    .position(|x| &x.id == id)
                {
                    Some(i) => {
                        if let Some(s) = item_card::ui(ui, atlas, Item::Crossing(i)) {
                            out = Some(s);
                        }
                    }
                    None => missing(ui, id),
                }
            }
        });
    out
}

fn missing(ui: &mut Ui, id: &str) {
    ui.label(format!("{id:?} is not in the loaded data."));
}

fn items(ui: &mut Ui, atlas: &Atlas, list: &[Item], out: &mut Option<Selection>, empty: &str) {
    ui.separator();
    if list.is_empty() {
        ui.label(empty);
        return;
    }
    ui.label(RichText::new(format!("{} in date order", count_text(list))).small());
    for &item in list {
        if let Some(s) = item_card::ui(ui, atlas, item) {
            *out = Some(s);
        }
        ui.add_space(4.0);
    }
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
fn overview(ui: &mut Ui, atlas: &Atlas, out: &mut Option<Selection>) {
    let title = atlas.data.article.lines().next().unwrap_or("The story");
    ui.heading(title);
    ui.label(
        "Click a province, a marker or an arrow to read what the article says happened there.",
    );
    ui.separator();
    for t in &atlas.data.crossings.totals {
        ui.label(RichText::new(format!("Into Tajikistan: {}", t.label())).strong());
        ui.label(RichText::new(format!("“{}”", t.quote)).italics());
        ui.add_space(4.0);
    }
    ui.separator();
    ui.label(RichText::new("Across Afghanistan (no single place)").strong());
    let on_markers: std::collections::HashSet<usize> = atlas
        .markers
        .iter()
        .flat_map(|m| m.events.iter().copied())
        .collect();
    let list: Vec<Item> = atlas
        .events_by_date()
        .into_iter()
        .filter(|e| !on_markers.contains(e))
        .map(Item::Event)
        .collect();
    for item in list {
        if let Some(s) = item_card::ui(ui, atlas, item) {
            *out = Some(s);
        }
        ui.add_space(4.0);
    }
}
