//! Writing imported events back out: CSV in ACLED's or UCDP's published layout (so the files
//! open in the tools analysts already use, and in this app), or GeoJSON points with every field.

use std::io::Write;

use serde_json::{Map, Value, json};

use super::{Fatalities, Format, Layer, Record, acled, dates, ucdp};

/// Which published column layout a CSV export uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvLayout {
    Acled,
    Ucdp,
}

impl CsvLayout {
    /// The layout that loses least for a layer: UCDP's for UCDP data (low/best/high), else ACLED's.
    pub fn for_format(format: Format) -> Self {
        match format {
            Format::Ucdp { .. } => Self::Ucdp,
            _ => Self::Acled,
        }
    }
}

fn day_or_empty(d: i32) -> String {
    if d == i32::MIN {
        String::new()
    } else {
        dates::iso(d)
    }
}

fn num(n: u32) -> String {
    if n == Fatalities::NONE {
        String::new()
    } else {
        n.to_string()
    }
}

/// Writes the records at `rows` as CSV.
pub fn write_csv(
    layer: &Layer,
    rows: impl Iterator<Item = usize>,
    layout: CsvLayout,
    out: impl Write,
) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let s = |sym| layer.strings.get(sym);
    match layout {
        CsvLayout::Acled => {
            w.write_record(acled::COLUMNS)?;
            for i in rows {
                let r = &layer.records[i];
                let mut f: Vec<String> = vec![String::new(); acled::COLUMNS.len()];
                let mut set = |name: &str, v: String| {
                    if let Some(c) = acled::COLUMNS.iter().position(|c| *c == name) {
                        f[c] = v;
                    }
                };
                set("event_id_cnty", layer.text(r.id).into());
                set("event_date", day_or_empty(r.date));
                set("year", day_or_empty(r.date).get(..4).unwrap_or("").into());
                set("time_precision", acled_time_precision(r));
                set(
                    "event_type",
                    layer
                        .kinds
                        .get(r.kind as usize)
                        .cloned()
                        .unwrap_or_default(),
                );
                set("sub_event_type", s(r.sub_kind).into());
                set("actor1", s(r.actor1).into());
                set("actor2", s(r.actor2).into());
                set("admin1", s(r.admin1).into());
                set("location", s(r.location).into());
                set("latitude", format!("{}", r.lat));
                set("longitude", format!("{}", r.lon));
                set("geo_precision", acled_geo_precision(r));
                set("source", s(r.source).into());
                set("notes", layer.text(r.notes).into());
                set("fatalities", num(r.fatalities.best));
                w.write_record(&f)?;
            }
        }
        CsvLayout::Ucdp => {
            w.write_record(ucdp::COLUMNS)?;
            for i in rows {
                let r = &layer.records[i];
                let mut f: Vec<String> = vec![String::new(); ucdp::COLUMNS.len()];
                let mut set = |name: &str, v: String| {
                    if let Some(c) = ucdp::COLUMNS.iter().position(|c| *c == name) {
                        f[c] = v;
                    }
                };
                let kind = layer.kinds.get(r.kind as usize).map_or("", |k| k.as_str());
                let violence = [
                    "State-based conflict",
                    "Non-state conflict",
                    "One-sided violence",
                ]
                .iter()
                .position(|k| *k == kind)
                .map_or(String::new(), |p| (p + 1).to_string());
                set("id", layer.text(r.id).into());
                set("year", day_or_empty(r.start).get(..4).unwrap_or("").into());
                set("type_of_violence", violence);
                set("conflict_name", s(r.sub_kind).into());
                set("side_a", s(r.actor1).into());
                set("side_b", s(r.actor2).into());
                set("source_office", s(r.source).into());
                set("source_headline", layer.text(r.notes).into());
                set("where_prec", ucdp_where_prec(r));
                set("where_coordinates", s(r.location).into());
                set("adm_1", s(r.admin1).into());
                set("latitude", format!("{}", r.lat));
                set("longitude", format!("{}", r.lon));
                set(
                    "date_prec",
                    if r.date_code > 0 && matches!(layer.format, Format::Ucdp { .. }) {
                        r.date_code.to_string()
                    } else {
                        String::new()
                    },
                );
                set("date_start", day_or_empty(r.start));
                set("date_end", day_or_empty(r.end));
                set("best", num(r.fatalities.best));
                set("high", num(r.fatalities.high));
                set("low", num(r.fatalities.low));
                w.write_record(&f)?;
            }
        }
    }
    w.flush()
}

fn acled_time_precision(r: &Record) -> String {
    if !r.dated() {
        return String::new();
    }
    match r.end - r.start {
        0 => "1",
        1..=7 => "2",
        _ => "3",
    }
    .into()
}

fn acled_geo_precision(r: &Record) -> String {
    use super::PlacePrecision as P;
    match r.place {
        P::Exact => "1",
        P::Near | P::District => "2",
        P::Province | P::Country => "3",
        P::Unknown => "",
    }
    .into()
}

fn ucdp_where_prec(r: &Record) -> String {
    use super::PlacePrecision as P;
    match r.place {
        P::Exact => "1",
        P::Near => "2",
        P::District => "3",
        P::Province => "4",
        P::Country => "6",
        P::Unknown => "",
    }
    .into()
}

/// The fields of one record as GeoJSON properties (also what the panel's "copy" gives).
pub fn properties(layer: &Layer, r: &Record) -> Map<String, Value> {
    let mut p = Map::new();
    let mut put = |k: &str, v: Value| {
        if !(v.is_null() || v.as_str() == Some("")) {
            p.insert(k.into(), v);
        }
    };
    let s = |sym| Value::from(layer.strings.get(sym));
    let n = |n: u32| {
        if n == Fatalities::NONE {
            Value::Null
        } else {
            Value::from(n)
        }
    };
    put("id", layer.text(r.id).into());
    put("source_format", layer.format.label().into());
    put(
        "event_type",
        layer
            .kinds
            .get(r.kind as usize)
            .cloned()
            .unwrap_or_default()
            .into(),
    );
    put("sub_event_type", s(r.sub_kind));
    put("actor1", s(r.actor1));
    put("actor2", s(r.actor2));
    put("admin1", s(r.admin1));
    put("location", s(r.location));
    if r.dated() {
        put("event_date", dates::iso(r.date).into());
        put("date_start", dates::iso(r.start).into());
        put("date_end", dates::iso(r.end).into());
    }
    if r.date_code > 0 {
        let key = if matches!(layer.format, Format::Ucdp { .. }) {
            "date_prec"
        } else {
            "time_precision"
        };
        put(key, r.date_code.into());
    }
    match layer.format {
        Format::Ucdp { .. } if r.geo_code > 0 => put("where_prec", r.geo_code.into()),
        _ if r.geo_code > 0 => put("geo_precision", r.geo_code.into()),
        _ => {}
    }
    put("place_precision", r.place.label().into());
    put("fatalities_low", n(r.fatalities.low));
    put("fatalities_best", n(r.fatalities.best));
    put("fatalities_high", n(r.fatalities.high));
    put("source", s(r.source));
    put("notes", layer.text(r.notes).into());
    if r.properties.len > 0
        && let Ok(Value::Object(orig)) = serde_json::from_str::<Value>(layer.text(r.properties))
    {
        for (k, v) in orig {
            p.entry(k).or_insert(v);
        }
    }
    p
}

/// Writes the records at `rows` as a GeoJSON FeatureCollection of points.
pub fn write_geojson(
    layer: &Layer,
    rows: impl Iterator<Item = usize>,
    mut out: impl Write,
) -> std::io::Result<()> {
    out.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[\n")?;
    for (n, i) in rows.enumerate() {
        let r = &layer.records[i];
        if n > 0 {
            out.write_all(b",\n")?;
        }
        let f = json!({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [r.lon, r.lat]},
            "properties": Value::Object(properties(layer, r)),
        });
        serde_json::to_writer(&mut out, &f)?;
    }
    out.write_all(b"\n]}\n")?;
    out.flush()
}
