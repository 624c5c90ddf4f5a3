//! ACLED's CSV export. Columns are found by name, so older exports (with fewer columns) and
//! reordered ones read too; `event_date`, `latitude` and `longitude` are required.

use std::io::Read;

use super::rows::{Rows, code, coordinate, count, shown};
use super::{Fatalities, ImportError, Layer, PlacePrecision, Progress, Record, dates};
use super::{chunks, rows};
use crate::import::Format;

/// ACLED's current 31 columns, in export order.
pub const COLUMNS: [&str; 31] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

struct Cols {
    id: Option<usize>,
    date: Option<usize>,
    time_precision: Option<usize>,
    event_type: Option<usize>,
    sub_event_type: Option<usize>,
    actor1: Option<usize>,
    actor2: Option<usize>,
    admin1: Option<usize>,
    location: Option<usize>,
    latitude: Option<usize>,
    longitude: Option<usize>,
    geo_precision: Option<usize>,
    source: Option<usize>,
    notes: Option<usize>,
    fatalities: Option<usize>,
}

/// What ACLED's `geo_precision` code means.
pub fn place_precision(code: u8) -> PlacePrecision {
    match code {
        1 => PlacePrecision::Exact,
        2 => PlacePrecision::Near,
        3 => PlacePrecision::Province,
        _ => PlacePrecision::Unknown,
    }
}

/// The days an ACLED date may stand for: 1 = that day, 2 = the week around it, 3 = its month.
pub fn timing(day: i32, time_precision: u8) -> (i32, i32) {
    match time_precision {
        2 => (day - 3, day + 3),
        3 => dates::month_of(day),
        _ => (day, day),
    }
}

pub(crate) fn parse(
    name: &str,
    reader: impl Read,
    progress: &Progress,
) -> Result<Layer, ImportError> {
    parse_with_block(name, reader, progress, chunks::BLOCK)
}

/// [`parse`] with a chosen block size (tests use tiny blocks to cross many boundaries).
pub(crate) fn parse_with_block(
    name: &str,
    reader: impl Read,
    progress: &Progress,
    block: usize,
) -> Result<Layer, ImportError> {
    let (names, first_line, rest) = chunks::header(name, reader)?;
    let cols = columns(name, &names)?;
    chunks::parse_parallel(
        name,
        Format::Acled,
        rest,
        first_line,
        names.len(),
        &cols,
        |rows: &Rows<&[u8]>, c: &Cols, l: &mut Layer| row(rows, c, l),
        progress,
        block,
    )
}

/// The columns ACLED's header names; the three a record needs must be there.
fn columns(name: &str, names: &[String]) -> Result<Cols, ImportError> {
    let col = |n: &str| names.iter().position(|c| c == n);
    let cols = Cols {
        id: col("event_id_cnty"),
        date: col("event_date"),
        time_precision: col("time_precision"),
        event_type: col("event_type"),
        sub_event_type: col("sub_event_type"),
        actor1: col("actor1"),
        actor2: col("actor2"),
        admin1: col("admin1"),
        location: col("location"),
        latitude: col("latitude"),
        longitude: col("longitude"),
        geo_precision: col("geo_precision"),
        source: col("source"),
        notes: col("notes"),
        fatalities: col("fatalities"),
    };
    rows::require_columns(
        name,
        "ACLED",
        &[
            ("event_date", cols.date),
            ("latitude", cols.latitude),
            ("longitude", cols.longitude),
        ],
    )?;
    Ok(cols)
}

/// A parser of blocks of rows under `names` (the header), one block at a time: the browser's
/// import, in slices.
pub(crate) fn block_parser(
    name: &str,
    names: &[String],
) -> Result<chunks::BlockParser, ImportError> {
    let cols = columns(name, names)?;
    Ok(chunks::BlockParser::new(
        name,
        Format::Acled,
        names.len(),
        cols,
        |rows: &Rows<&[u8]>, c: &Cols, l: &mut Layer| row(rows, c, l),
    ))
}

fn row<R: Read>(rows: &Rows<R>, c: &Cols, layer: &mut Layer) -> Result<Record, String> {
    let lat = coordinate(rows.field(c.latitude), "latitude", 90.0)?;
    let lon = coordinate(rows.field(c.longitude), "longitude", 180.0)?;
    let date_field = rows.field(c.date);
    let day = dates::parse_day(date_field)
        .ok_or_else(|| format!("event_date '{}' is not a date", shown(date_field)))?;
    let fatalities = count(rows.field(c.fatalities), "fatalities")?;
    let mut r = Record::at(lon, lat);
    r.date_code = code(rows.field(c.time_precision));
    (r.start, r.end) = timing(day, r.date_code);
    r.date = day;
    r.geo_code = code(rows.field(c.geo_precision));
    r.place = place_precision(r.geo_code);
    r.fatalities = fatalities.map_or(Fatalities::UNKNOWN, Fatalities::exact);
    let kind = String::from_utf8_lossy(rows.field(c.event_type));
    r.kind = layer.kind(&kind);
    r.sub_kind = layer.strings.intern(rows.field(c.sub_event_type));
    r.actor1 = layer.strings.intern(rows.field(c.actor1));
    r.actor2 = layer.strings.intern(rows.field(c.actor2));
    r.admin1 = layer.strings.intern(rows.field(c.admin1));
    r.location = layer.strings.intern(rows.field(c.location));
    r.source = layer.strings.intern(rows.field(c.source));
    r.id = layer.store(rows.field(c.id));
    r.notes = layer.store(rows.field(c.notes));
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(s: &str) -> Layer {
        parse("t.csv", s.as_bytes(), &Progress::default()).expect("parses")
    }

    #[test]
    fn quoted_fields_bom_and_both_date_styles() {
        let header = COLUMNS.join(",");
        let row = |id: &str, date: &str, notes: &str| {
            format!(
                "{id},{date},2021,1,Political violence,Battles,Armed clash,Taliban,,2,Military Forces of Afghanistan (2004-2021),,1,12,,4,Caucasus and Central Asia,Afghanistan,Badakhshan,Ishkashim,,Ishkashim,36.7081,71.6114,1,Pajhwok,National,{notes},3,,1625000000"
            )
        };
        let text = format!(
            "\u{feff}{header}\n{}\n{}\n",
            row(
                "AFG1",
                "2021-07-05",
                "\"Clash, then \"\"retreat\"\"\nacross the border\""
            ),
            row("AFG2", "05 July 2021", "plain")
        );
        let layer = parse_str(&text);
        assert_eq!(layer.bad_rows, vec![]);
        assert_eq!(layer.records.len(), 2);
        let r = layer.records[0];
        assert_eq!(r.start, layer.records[1].start);
        assert_eq!(
            layer.text(r.notes),
            "Clash, then \"retreat\"\nacross the border"
        );
        assert_eq!(layer.kinds[r.kind as usize], "Battles");
        assert_eq!(layer.strings.get(r.admin1), "Badakhshan");
        assert_eq!(r.fatalities.best(), Some(3));
        assert_eq!(r.place, PlacePrecision::Exact);
    }

    #[test]
    fn bad_rows_are_listed_with_lines_and_good_ones_kept() {
        let text = "event_date,latitude,longitude,event_type,fatalities\n\
                    2021-07-05,36.7,71.6,Battles,1\n\
                    2021-07-05,NaN,71.6,Battles,1\n\
                    2021-07-05,95,71.6,Battles,1\n\
                    yesterday,36.7,71.6,Battles,1\n\
                    2021-07-05,36.7,71.6,Battles,many\n\
                    2021-07-05,36.7\n\
                    2021-07-06,36.8,71.7,Riots,\n";
        let layer = parse_str(text);
        assert_eq!(layer.records.len(), 2);
        let lines: Vec<u64> = layer.bad_rows.iter().map(|b| b.line).collect();
        assert_eq!(lines, vec![3, 4, 5, 6, 7]);
        assert!(
            layer.bad_rows[0].reason.contains("latitude"),
            "{:?}",
            layer.bad_rows
        );
        assert!(layer.bad_rows[2].reason.contains("event_date 'yesterday'"));
        assert!(layer.bad_rows[4].reason.contains("2 fields"));
        assert!(!layer.records[1].fatalities.known());
    }

    #[test]
    fn time_precision_widens_the_dates() {
        let d = dates::parse_day(b"2021-07-15").expect("date");
        assert_eq!(timing(d, 2), (d - 3, d + 3));
        let (a, b) = timing(d, 3);
        assert_eq!(
            (dates::iso(a), dates::iso(b)),
            ("2021-07-01".into(), "2021-07-31".into())
        );
    }

    #[test]
    fn missing_columns_are_named() {
        let e = parse("x.csv", &b"event_date,lat,lon\n"[..], &Progress::default())
            .expect_err("no coords");
        assert!(e.to_string().contains("latitude, longitude"), "{e}");
    }
}
