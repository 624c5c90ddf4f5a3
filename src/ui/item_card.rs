//! One event or crossing as the side panel shows it: date and its source, title, the quote.

use egui::{Color32, RichText, Ui};

use super::Selection;
use crate::atlas::{Atlas, Item};
use crate::map::style;
use crate::model::DateSource;

/// Small coloured tag saying how sure the date is.
fn date_badge(ui: &mut Ui, source: DateSource) {
    let (text, color) = match source {
        DateSource::Article => ("article", Color32::from_rgb(0x1B, 0x7A, 0x3E)),
        DateSource::ArticleContext => ("inferred", Color32::from_rgb(0x9A, 0x6A, 0x00)),
        DateSource::GeneralKnowledge => ("not in article", Color32::from_rgb(0x8E, 0x24, 0x5A)),
    };
    ui.label(RichText::new(text).small().color(color))
        .on_hover_text(source.label());
}

/// The article's own words, set apart.
fn quote(ui: &mut Ui, text: &str) {
    egui::Frame::new()
        .inner_margin(egui::Margin::symmetric(8, 4))
        .fill(ui.visuals().faint_bg_color)
        .show(ui, |ui| {
            ui.label(RichText::new(format!("“{text}”")).italics());
        });
}

/// Links to the places of an item; clicking one selects it.
fn place_links(ui: &mut Ui, atlas: &Atlas, ids: &[&str], out: &mut Option<Selection>) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Places:").small());
        for id in ids {
            let name = atlas
                .place_index(id)
                .map_or(id.to_string(), |i| atlas.data.places[i].name.clone());
            if ui.small_button(name).clicked() {
                *out = Some(Selection::Place(id.to_string()));
            }
        }
    });
}

/// Shows one item; returns a new selection if the user clicked a link.
pub fn ui(ui: &mut Ui, atlas: &Atlas, item: Item) -> Option<Selection> {
    let mut out = None;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        match item {
            Item::Event(i) => event(ui, atlas, i, &mut out),
            Item::Crossing(i) => crossing(ui, atlas, i, &mut out),
        }
    });
    out
}

/// An event: its date and how sure it is, kind, title, summary, people, quote and places.
fn event(ui: &mut Ui, atlas: &Atlas, i: usize, out: &mut Option<Selection>) {
    let e = &atlas.data.events[i];
    ui.horizontal_wrapped(|ui| {
        let mut date = e.date.human();
        if let Some(end) = e.end_date {
            date = format!("{date} – {}", end.human());
        }
        ui.label(RichText::new(date).strong());
        date_badge(ui, e.date_source);
        let kind = RichText::new(e.kind.label()).small();
        ui.label(kind.color(style::kind_color(e.kind)));
    });
    if let Some(note) = &e.date_note {
        ui.label(RichText::new(note).small().weak());
    }
    ui.label(RichText::new(&e.title).heading().size(16.0));
    if let Some(s) = &e.summary {
        ui.label(s);
    }
    if let Some(p) = &e.people {
        ui.label(format!("People: {}", p.label()));
    }
    quote(ui, &e.quote);
    let ids: Vec<&str> = e.places.iter().map(String::as_str).collect();
    place_links(ui, atlas, &ids, out);
}

/// A border crossing: its date, from where to where, who and how many, the quote and where
/// the origin comes from.
fn crossing(ui: &mut Ui, atlas: &Atlas, i: usize, out: &mut Option<Selection>) {
    let data = &atlas.data;
    let x = &data.crossings.crossings[i];
    let name = |id: &str| {
        atlas
            .place_index(id)
            .map_or(id.to_string(), |p| data.places[p].name.clone())
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(x.date.human()).strong());
        date_badge(ui, x.date_source);
        ui.label(RichText::new("Border crossing").small().color(style::ARROW));
    });
    if let Some(note) = &x.date_note {
        ui.label(RichText::new(note).small().weak());
    }
    let heading = format!("From {} to {}", name(&x.from), name(&x.to));
    ui.label(RichText::new(heading).heading().size(16.0));
    ui.label(format!("{}: {}", x.who, x.people.label()));
    quote(ui, &x.quote);
    if let Some(basis) = &x.from_basis {
        ui.label(RichText::new(format!("Origin: {basis}")).small());
    }
    if let Some(q) = &x.from_quote {
        quote(ui, q);
    }
    if let Some(basis) = &x.to_basis {
        ui.label(RichText::new(format!("Destination: {basis}")).small());
    }
    place_links(ui, atlas, &[x.from.as_str(), x.to.as_str()], out);
}
