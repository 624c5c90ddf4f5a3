//! Editing one record of the draft: an event's title, dates, kind, places and count; a
//! crossing's who, ends, date and count; a new event from a sentence (the tour and quiz are
//! [`super::lessons`]'). A count is edited as its words ("more than 1,000") and its bounds follow from them, so
//! it stays as vague as the article.

use egui::{RichText, Ui};

use super::{Draft, Pick};
use crate::builder::counts_in;
use crate::model::{Count, EventKind, PartialDate};

/// Picks a record (or a sentence) and loads its dates into the fields.
pub(super) fn pick(d: &mut Draft, p: Pick) {
    d.picked = Some(p);
    let n_x = d.built.crossings.crossings.len();
    let (start, end) = match p {
        Pick::Event(k) => (Some(d.built.events[k].date), d.built.events[k].end_date),
        Pick::Crossing(k) if k < n_x => {
            let x = &d.built.crossings.crossings[k];
            (Some(x.date), x.end_date)
        }
        _ => (None, None),
    };
    d.date_text = start.map(|s| s.to_string()).unwrap_or_default();
    d.end_text = end.map(|s| s.to_string()).unwrap_or_default();
}

/// The editor of the picked record.
pub(super) fn picked(ui: &mut Ui, d: &mut Draft) {
    let n_x = d.built.crossings.crossings.len();
    match d.picked {
        None => {
            ui.label("Pick an event or a crossing in the list or the article to edit it; pick another sentence to make an event of it.");
        }
        Some(Pick::Event(k)) => event(ui, d, k),
        Some(Pick::Crossing(k)) if k < n_x => crossing(ui, d, k),
        Some(Pick::Crossing(k)) => total(ui, d, k - n_x),
        Some(Pick::Sentence(s)) => sentence(ui, d, s),
    }
}

/// A labelled one-line text field.
pub(super) fn field(ui: &mut Ui, label: &str, text: &mut String, width: f32) -> egui::Response {
    ui.horizontal(|ui| {
        let l = ui.label(label);
        ui.add(egui::TextEdit::singleline(text).desired_width(width))
            .labelled_by(l.id)
    })
    .inner
}

/// The dates as typed: applied when they parse, with the precision each gives.
fn dates(ui: &mut Ui, d: &mut Draft) -> (Option<PartialDate>, Option<Option<PartialDate>>) {
    let start = field(
        ui,
        "Date (YYYY, YYYY-MM or YYYY-MM-DD)",
        &mut d.date_text,
        100.0,
    );
    let end = field(ui, "Until (empty for none)", &mut d.end_text, 100.0);
    let parsed = d.date_text.trim().parse::<PartialDate>().ok();
    let precision = match parsed {
        Some(p) if p.day.is_some() => "known to the day",
        Some(p) if p.month.is_some() => "known to the month",
        Some(_) => "known to the year",
        None => "not a date yet",
    };
    ui.label(RichText::new(precision).weak());
    let new_start = (start.changed()).then_some(parsed).flatten();
    let new_end = end
        .changed()
        .then(|| d.end_text.trim().parse::<PartialDate>().ok());
    (new_start, new_end)
}

/// The count's words, and the bounds they give.
fn count(ui: &mut Ui, people: &mut Option<Count>, quote: &str) {
    let mut words = people
        .as_ref()
        .and_then(|c| c.text.clone())
        .unwrap_or_default();
    let edit = field(ui, "How many (the article's words)", &mut words, 160.0);
    if edit.changed() {
        let found = counts_in(&words).into_iter().next();
        *people = found.map(|f| f.count);
    }
    let shown = people.as_ref().map_or("no count".into(), |c| {
        let b = |v: Option<u64>| v.map_or("–".into(), crate::model::thousands);
        format!("low {}, best {}, high {}", b(c.low), b(c.best), b(c.high))
    });
    ui.label(RichText::new(shown).weak());
    if let Some(t) = people.as_ref().and_then(|c| c.text.as_deref())
        && !quote.contains(t)
    {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!("“{t}” is not in the sentence: the check will refuse it"),
        );
    }
}

fn event(ui: &mut Ui, d: &mut Draft, k: usize) {
    ui.label(RichText::new("Event").strong());
    ui.checkbox(&mut d.keep_events[k], "Keep this event");
    let (start, end) = dates(ui, d);
    let e = &mut d.built.events[k];
    field(ui, "Title", &mut e.title, 300.0);
    if let Some(s) = start {
        e.date = s;
    }
    if let Some(en) = end {
        e.end_date = en;
    }
    ui.label(
        RichText::new(format!(
            "{}{}",
            e.date_source.label(),
            e.date_note
                .as_deref()
                .map(|n| format!(": {n}"))
                .unwrap_or_default()
        ))
        .weak(),
    );
    egui::ComboBox::from_label("Kind")
        .selected_text(e.kind.label())
        .show_ui(ui, |ui| {
            for kind in EventKind::ALL {
                ui.selectable_value(&mut e.kind, kind, kind.label());
            }
        });
    let quote = e.quote.clone();
    count(ui, &mut e.people, &quote);
    places(ui, d, k);
    ui.label(RichText::new(format!("“{quote}”")).italics());
}

/// An event's places: remove one, or add one the article names.
fn places(ui: &mut Ui, d: &mut Draft, k: usize) {
    let names: Vec<(String, String)> = d
        .built
        .places
        .iter()
        .map(|p| (p.id.clone(), p.name.clone()))
        .collect();
    let name_of = |id: &str| {
        names
            .iter()
            .find(|(i, _)| i == id)
            .map_or(id.to_string(), |(_, n)| n.clone())
    };
    let e = &mut d.built.events[k];
    let mut remove = None;
    ui.horizontal_wrapped(|ui| {
        ui.label("Places:");
        for (i, id) in e.places.iter().enumerate() {
            if ui
                .button(format!("{} ×", name_of(id)))
                .on_hover_text("Remove this place")
                .clicked()
            {
                remove = Some(i);
            }
        }
    });
    if let Some(i) = remove {
        e.places.remove(i);
    }
    egui::ComboBox::from_label("Add a place the article names")
        .selected_text("…")
        .show_ui(ui, |ui| {
            for (id, name) in &names {
                if !e.places.contains(id) && ui.button(name).clicked() {
                    e.places.push(id.clone());
                }
            }
        });
    let find = ui
        .horizontal(|ui| {
            let field = crate::ui::path_field::PathField::new(
                "Or find in the gazetteer",
                "a name the article uses",
                "Add",
            );
            field.width(160.0).show(ui, &mut d.place_field)
        })
        .inner;
    if let Some(name) = find {
        let library = d.library.clone();
        match d.built.add_place(&name, &library) {
            Ok(id) => {
                let e = &mut d.built.events[k];
                if !e.places.contains(&id) {
                    e.places.push(id);
                }
                d.place_note = Some(format!("added “{}”", d.place_field.trim()));
                d.place_field.clear();
            }
            Err(why) => d.place_note = Some(why),
        }
    }
    if let Some(note) = &d.place_note {
        ui.label(RichText::new(note).weak());
    }
}

fn crossing(ui: &mut Ui, d: &mut Draft, k: usize) {
    ui.label(RichText::new("Crossing").strong());
    ui.checkbox(&mut d.keep_crossings[k], "Keep this crossing");
    let (start, end) = dates(ui, d);
    let ids: Vec<(String, String)> = d
        .built
        .places
        .iter()
        .map(|p| (p.id.clone(), p.name.clone()))
        .collect();
    let x = &mut d.built.crossings.crossings[k];
    if let Some(s) = start {
        x.date = s;
    }
    if let Some(e) = end {
        x.end_date = e;
    }
    field(ui, "Who", &mut x.who, 200.0);
    for (label, end) in [("From", &mut x.from), ("To", &mut x.to)] {
        let shown = ids
            .iter()
            .find(|(i, _)| i == end)
            .map_or(end.clone(), |(_, n)| n.clone());
        egui::ComboBox::from_label(label)
            .selected_text(shown)
            .show_ui(ui, |ui| {
                for (id, name) in &ids {
                    ui.selectable_value(end, id.clone(), name);
                }
            });
    }
    for b in x.from_basis.iter().chain(&x.to_basis) {
        ui.label(RichText::new(b).weak());
    }
    let mut people = Some(x.people.clone()).filter(|c| !c.is_unknown());
    count(ui, &mut people, &x.quote.clone());
    x.people = people.unwrap_or_default();
    ui.label(RichText::new(format!("“{}”", x.quote)).italics());
}

fn total(ui: &mut Ui, d: &mut Draft, k: usize) {
    let n_x = d.built.crossings.crossings.len();
    ui.label(RichText::new("Total").strong());
    ui.checkbox(&mut d.keep_crossings[n_x + k], "Keep this total");
    let t = &mut d.built.crossings.totals[k];
    ui.label(format!(
        "Into {} from {} to {}",
        t.to,
        t.start.human(),
        t.end.human()
    ));
    let mut people = Some(t.people.clone()).filter(|c| !c.is_unknown());
    count(ui, &mut people, &t.quote.clone());
    t.people = people.unwrap_or_default();
    ui.label(RichText::new(format!("“{}”", t.quote)).italics());
}

/// A sentence no record rests on: make an event of it.
fn sentence(ui: &mut Ui, d: &mut Draft, s: usize) {
    let span = d.sentences[s].span.clone();
    ui.label(RichText::new(format!("“{}”", &d.built.article[span.clone()])).italics());
    if ui.button("New event from the selected sentence").clicked() {
        match d.built.event_from(span.clone()) {
            Some(e) if !e.places.is_empty() => {
                d.built.events.push(e);
                d.built.event_spans.push(span);
                d.keep_events.push(true);
                pick(d, Pick::Event(d.built.events.len() - 1));
            }
            Some(_) => {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "This sentence names no place: add it to an event of its paragraph instead",
                );
            }
            None => {}
        }
    }
}
