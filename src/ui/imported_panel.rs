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
    let joined = |parts: [&str; 2], sep: &str| {
        let present: Vec<&str> = parts.into_iter().filter(|a| !a.is_empty()).collect();
        present.join(sep)
    };
    let kind = layer.kinds.get(r.kind as usize).map_or("", |k| k.as_str());
    field(ui, "Id", layer.text(r.id));
    field(ui, "When", &date_text(layer, r));
    field(ui, "Type", kind);
    field(ui, "Sub-type", s(r.sub_kind));
    field(ui, "Actors", &joined([s(r.actor1), s(r.actor2)], " · "));
    field(ui, "Where", &joined([s(r.location), s(r.admin1)], ", "));
    field(ui, "Place precision", &place_text(layer, r));
    field(ui, "Coordinates", &format!("{:.4}, {:.4}", r.lat, r.lon));
    let fat_label = if matches!(layer.format, Format::Ucdp { .. }) {
        "Deaths (best)"
    } else {
        "Fatalities"
    };
    field(ui, fat_label, &r.fatalities.text());
    field(ui, "Source", s(r.source));
    field(ui, "Notes", layer.text(r.notes));
    properties(ui, layer.text(r.properties));
}

/// One labelled field; empty values are left out.
fn field(ui: &mut Ui, k: &str, v: &str) {
    if !v.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(k).weak());
            ui.label(v);
        });
    }
}

/// A GeoJSON feature's other properties (kept as JSON text), one field each.
fn properties(ui: &mut Ui, props: &str) {
    if props.is_empty() {
        return;
    }
    let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(props)
    else {
        return;
    };
    ui.label(RichText::new("Properties").weak());
    for (k, v) in map {
        let v = match v {
            serde_json::Value::String(s) => s,
            other => other.to_string(),
        };
        field(ui, &format!("  {k}"), &v);
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

#[cfg(test)]
mod tests {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    use super::record_details;
    use crate::import::{Progress, parse_bytes, synthetic};

    #[test]
    fn details_name_each_field_and_leave_out_empty_ones() {
        let csv = synthetic::acled_csv(3, 5);
        let layer = parse_bytes("t.csv", csv.as_bytes(), &Progress::default()).expect("parses");
        let r = layer.records[0];
        let actors = format!(
            "{} · {}",
            layer.strings.get(r.actor1),
            layer.strings.get(r.actor2)
        );
        let place = format!(
            "{}, {}",
            layer.strings.get(r.location),
            layer.strings.get(r.admin1)
        );
        let harness = Harness::new_ui(|ui| record_details(ui, &layer, &r));
        for label in [
            "Id",
            "When",
            "Type",
            "Actors",
            "Where",
            "Fatalities",
            "Notes",
        ] {
            harness.get_by_label(label);
        }
        harness.get_by_label(&actors);
        harness.get_by_label(&place);
        assert!(harness.query_by_label("Deaths (best)").is_none());
        assert!(harness.query_by_label("Properties").is_none());
    }
}
