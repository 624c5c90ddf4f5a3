//! Imported events in the side panel: the events of a clicked cluster, and the imported events
//! of a selected province, each with every field the source gives and its precision codes.

use egui::{RichText, ScrollArea, Ui};

use crate::import::{Format, Layer, Record, Sweep, iso};
use crate::map::imported::{ClusterHit, kind_color};
use crate::timeline::Vis;

/// Events listed at most (a cluster of 50,000 is summarised, not listed).
const LIST_MAX: usize = 200;

/// How the source dates an event, in words, with its own code.
pub fn date_text(layer: &Layer, r: &Record) -> String {
    if !r.dated() {
        return "no date given".into();
    }
    let code = match (layer.format, r.date_code) {
        (_, 0) => String::new(),
        (Format::Ucdp { .. }, c) => format!(" (date_prec {c})"),
        (_, c) => format!(" (time_precision {c})"),
    };
    if r.start == r.end {
        format!("{}{code}", iso(r.start))
    } else {
        format!("between {} and {}{code}", iso(r.start), iso(r.end))
    }
}

/// Where the source places an event, in words, with its own code.
pub fn place_text(layer: &Layer, r: &Record) -> String {
    let code = match (layer.format, r.geo_code) {
        (_, 0) => String::new(),
        (Format::Ucdp { .. }, c) => format!(" (where_prec {c})"),
        (_, c) => format!(" (geo_precision {c})"),
    };
    format!("{}{code}", r.place.label())
}

/// One event's fields.
pub fn record_details(ui: &mut Ui, layer: &Layer, r: &Record) {
    let s = |sym| layer.strings.get(sym);
    let row = |ui: &mut Ui, k: &str, v: &str| {
        if !v.is_empty() {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(k).weak());
                ui.label(v);
            });
        }
    };
    row(ui, "Id", layer.text(r.id));
    row(ui, "When", &date_text(layer, r));
    row(
        ui,
        "Type",
        layer.kinds.get(r.kind as usize).map_or("", |k| k.as_str()),
    );
    row(ui, "Sub-type", s(r.sub_kind));
    row(
        ui,
        "Actors",
        &[s(r.actor1), s(r.actor2)]
            .iter()
            .filter(|a| !a.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" · "),
    );
    row(
        ui,
        "Where",
        &[s(r.location), s(r.admin1)]
            .iter()
            .filter(|a| !a.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(", "),
    );
    row(ui, "Place precision", &place_text(layer, r));
    row(ui, "Coordinates", &format!("{:.4}, {:.4}", r.lat, r.lon));
    let fat_label = if matches!(layer.format, Format::Ucdp { .. }) {
        "Deaths (best)"
    } else {
        "Fatalities"
    };
    row(ui, fat_label, &r.fatalities.text());
    row(ui, "Source", s(r.source));
    row(ui, "Notes", layer.text(r.notes));
    let props = layer.text(r.properties);
    if !props.is_empty()
        && let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(props)
    {
        ui.label(RichText::new("Properties").weak());
        for (k, v) in map {
            let v = match v {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            };
            row(ui, &format!("  {k}"), &v);
        }
    }
}

fn title(layer: &Layer, r: &Record) -> String {
    let when = if r.dated() {
        iso(r.start)
    } else {
        "undated".into()
    };
    let kind = layer.kinds.get(r.kind as usize).map_or("", |k| k.as_str());
    let place = layer.strings.get(r.location);
    let place = if place.is_empty() {
        layer.strings.get(r.admin1)
    } else {
        place
    };
    format!("{when} · {kind} · {place}")
}

/// A list of events (newest first), each folding out to its details.
pub fn list(
    ui: &mut Ui,
    salt: impl std::hash::Hash + std::fmt::Debug + Copy,
    layer: &Layer,
    rows: &mut [(usize, Vis)],
) {
    rows.sort_by_key(|(i, _)| std::cmp::Reverse(layer.records[*i].start));
    for (n, &(i, vis)) in rows.iter().take(LIST_MAX).enumerate() {
        let r = &layer.records[i];
        let mut text = RichText::new(title(layer, r)).color(kind_color(r.kind));
        if vis == Vis::Maybe {
            text = text.italics();
        }
        egui::CollapsingHeader::new(text)
            .id_salt((salt, n, i))
            .show(ui, |ui| record_details(ui, layer, r));
    }
    if rows.len() > LIST_MAX {
        ui.label(
            RichText::new(format!(
                "… {} more (newest {LIST_MAX} listed; export the layer for all)",
                rows.len() - LIST_MAX
            ))
            .weak(),
        );
    }
}

/// The events of a clicked cluster; returns true when the user closes it.
pub fn cluster(
    ui: &mut Ui,
    layer: &Layer,
    sweep: &Sweep,
    levels: &crate::spatial::Clusters,
    hit: ClusterHit,
) -> bool {
    let mut close = false;
    let Some(level) = levels.levels.get(hit.level) else {
        return true;
    };
    if hit.run >= level.len() {
        return true;
    }
    let mut rows: Vec<(usize, Vis)> = level
        .run(hit.run)
        .map(|i| (i, sweep.admits(&layer.records[i])))
        .filter(|(_, v)| v.shown())
        .collect();
    ui.horizontal(|ui| {
        let n = rows.len();
        ui.heading(format!("{n} event{} here", if n == 1 { "" } else { "s" }));
        if ui.small_button("Close").clicked() {
            close = true;
        }
    });
    ui.label(
        RichText::new(format!(
            "From {} ({}), under the time, type and actor filters.",
            layer.name,
            layer.format.label()
        ))
        .small()
        .weak(),
    );
    let maybe = rows.iter().filter(|(_, v)| *v == Vis::Maybe).count();
    if maybe > 0 {
        ui.label(RichText::new(format!("{maybe} in italics may not have happened yet at the cursor: their dates are a range.")).small());
    }
    let known: Vec<u32> = rows
        .iter()
        .filter_map(|(i, _)| layer.records[*i].fatalities.best())
        .collect();
    if !known.is_empty() {
        let sum: u64 = known.iter().map(|&n| u64::from(n)).sum();
        let missing = rows.len() - known.len();
        let tail = if missing > 0 {
            format!(" ({missing} events give no figure)")
        } else {
            String::new()
        };
        ui.label(format!("Fatalities (best estimates): {sum}{tail}"));
    }
    ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            list(ui, ("cluster", hit.layer, hit.run), layer, &mut rows);
        });
    close
}
