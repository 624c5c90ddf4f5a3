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
    let (columns, row): (Columns, RowFn) = match layout {
        CsvLayout::Acled => (&acled::COLUMNS, acled_row),
        CsvLayout::Ucdp => (&ucdp::COLUMNS, ucdp_row),
    };
    w.write_record(columns)?;
    for i in rows {
        let mut f = Fields::new(columns);
        row(layer, &layer.records[i], &mut f);
        w.write_record(&f.values)?;
    }
    w.flush()
}

/// A layout's header.
type Columns = &'static [&'static str];
/// Fills one row of a layout from a record.
type RowFn = fn(&Layer, &Record, &mut Fields);

/// One output row being filled by column name; unknown names are ignored.
struct Fields {
    columns: &'static [&'static str],
    values: Vec<String>,
}

impl Fields {
    fn new(columns: &'static [&'static str]) -> Self {
        Fields {
            columns,
            values: vec![String::new(); columns.len()],
        }
    }

    fn set(&mut self, name: &str, v: impl Into<String>) {
        if let Some(c) = self.columns.iter().position(|c| *c == name) {
            self.values[c] = v.into();
        }
    }
}

/// An imported record in ACLED's columns.
fn acled_row(layer: &Layer, r: &Record, f: &mut Fields) {
    let s = |sym| layer.strings.get(sym);
    let kind = layer.kinds.get(r.kind as usize).map_or("", |k| k.as_str());
    f.set("event_id_cnty", layer.text(r.id));
    f.set("event_date", day_or_empty(r.date));
    f.set("year", day_or_empty(r.date).get(..4).unwrap_or(""));
    f.set("time_precision", acled_time_precision(r));
    f.set("event_type", kind);
    f.set("sub_event_type", s(r.sub_kind));
    f.set("actor1", s(r.actor1));
    f.set("actor2", s(r.actor2));
    f.set("admin1", s(r.admin1));
    f.set("location", s(r.location));
    f.set("latitude", format!("{}", r.lat));
    f.set("longitude", format!("{}", r.lon));
    f.set("geo_precision", acled_geo_precision(r));
    f.set("source", s(r.source));
    f.set("notes", layer.text(r.notes));
    f.set("fatalities", num(r.fatalities.best));
}

/// UCDP GED's `type_of_violence` codes, in order from 1.
const UCDP_VIOLENCE: [&str; 3] = [
    "State-based conflict",
    "Non-state conflict",
    "One-sided violence",
];

/// An imported record in UCDP GED's columns.
fn ucdp_row(layer: &Layer, r: &Record, f: &mut Fields) {
    let s = |sym| layer.strings.get(sym);
    let kind = layer.kinds.get(r.kind as usize).map_or("", |k| k.as_str());
    let violence = UCDP_VIOLENCE.iter().position(|k| *k == kind);
    f.set("id", layer.text(r.id));
    f.set("year", day_or_empty(r.start).get(..4).unwrap_or(""));
    f.set(
        "type_of_violence",
        violence.map_or(String::new(), |p| (p + 1).to_string()),
    );
    f.set("conflict_name", s(r.sub_kind));
    f.set("side_a", s(r.actor1));
    f.set("side_b", s(r.actor2));
    f.set("source_office", s(r.source));
    f.set("source_headline", layer.text(r.notes));
    f.set("where_prec", ucdp_where_prec(r));
    f.set("where_coordinates", s(r.location));
    f.set("adm_1", s(r.admin1));
    f.set("latitude", format!("{}", r.lat));
    f.set("longitude", format!("{}", r.lon));
    let ucdp_source = matches!(layer.format, Format::Ucdp { .. });
    if r.date_code > 0 && ucdp_source {
        f.set("date_prec", r.date_code.to_string());
    }
    f.set("date_start", day_or_empty(r.start));
    f.set("date_end", day_or_empty(r.end));
    f.set("best", num(r.fatalities.best));
    f.set("high", num(r.fatalities.high));
    f.set("low", num(r.fatalities.low));
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
