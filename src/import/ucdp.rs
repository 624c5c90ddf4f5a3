//! UCDP's Georeferenced Event Dataset (GED) as CSV: the 49 columns of its releases, by name when
//! there is a header, by position in the headerless candidate releases.

use std::io::Read;

use super::rows::{Rows, code, coordinate, count, shown};
use super::{Fatalities, ImportError, Layer, PlacePrecision, Progress, Record, dates};
use super::{chunks, rows};
use crate::import::Format;

/// The GED columns, in release order.
pub const COLUMNS: [&str; 49] = [
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_dset_id",
    "conflict_new_id",
    "conflict_name",
    "dyad_dset_id",
    "dyad_new_id",
    "dyad_name",
    "side_a_dset_id",
    "side_a_new_id",
    "side_a",
    "side_b_dset_id",
    "side_b_new_id",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
    "gwnoa",
    "gwnob",
];

/// What UCDP's `type_of_violence` code means.
pub fn violence_label(code: &[u8]) -> &'static str {
    match code {
        b"1" => "State-based conflict",
        b"2" => "Non-state conflict",
        b"3" => "One-sided violence",
        _ => "Unspecified",
    }
}

/// What UCDP's `where_prec` code means (1 exact … 7 international waters).
pub fn place_precision(code: u8) -> PlacePrecision {
    match code {
        1 => PlacePrecision::Exact,
        2 => PlacePrecision::Near,
        3 => PlacePrecision::District,
        4 => PlacePrecision::Province,
        5..=7 => PlacePrecision::Country,
        _ => PlacePrecision::Unknown,
    }
}

struct Cols {
    id: Option<usize>,
    violence: Option<usize>,
    conflict: Option<usize>,
    side_a: Option<usize>,
    side_b: Option<usize>,
    source: Option<usize>,
    headline: Option<usize>,
    where_prec: Option<usize>,
    where_coordinates: Option<usize>,
    adm_1: Option<usize>,
    latitude: Option<usize>,
    longitude: Option<usize>,
    date_prec: Option<usize>,
    date_start: Option<usize>,
    date_end: Option<usize>,
    best: Option<usize>,
    high: Option<usize>,
    low: Option<usize>,
}

/// The columns UCDP GED's header names; the three a record needs must be there.
fn columns(name: &str, names: &[String]) -> Result<Cols, ImportError> {
    let col = |n: &str| names.iter().position(|c| c == n);
    let cols = Cols {
        id: col("id"),
        violence: col("type_of_violence"),
        conflict: col("conflict_name"),
        side_a: col("side_a"),
        side_b: col("side_b"),
        source: col("source_office"),
        headline: col("source_headline"),
        where_prec: col("where_prec"),
        where_coordinates: col("where_coordinates"),
        adm_1: col("adm_1"),
        latitude: col("latitude"),
        longitude: col("longitude"),
        date_prec: col("date_prec"),
        date_start: col("date_start"),
        date_end: col("date_end"),
        best: col("best"),
        high: col("high"),
        low: col("low"),
    };
    rows::require_columns(
        name,
        "UCDP GED",
        &[
            ("date_start", cols.date_start),
            ("latitude", cols.latitude),
            ("longitude", cols.longitude),
        ],
    )?;
    Ok(cols)
}

/// A parser of blocks of rows under `names` (the header, or the standard columns when the
/// file has none), one block at a time: the browser's import, in slices.
pub(crate) fn block_parser(
    name: &str,
    names: &[String],
    header: bool,
) -> Result<chunks::BlockParser, ImportError> {
    let cols = columns(name, names)?;
    Ok(chunks::BlockParser::new(
        name,
        Format::Ucdp { header },
        names.len(),
        cols,
        |rows: &Rows<&[u8]>, c: &Cols, l: &mut Layer| row(rows, c, l),
    ))
}

pub(crate) fn parse(
    name: &str,
    reader: impl Read,
    header: bool,
    progress: &Progress,
) -> Result<Layer, ImportError> {
    let (names, first_line, rest): (Vec<String>, u64, Box<dyn Read + '_>) = if header {
        let (names, line, rest) = chunks::header(name, reader)?;
        (names, line, Box::new(rest))
    } else {
        (
            COLUMNS.iter().map(|c| c.to_string()).collect(),
            1,
            Box::new(reader),
        )
    };
    let cols = columns(name, &names)?;
    chunks::parse_parallel(
        name,
        Format::Ucdp { header },
        rest,
        first_line,
        names.len(),
        &cols,
        |rows: &Rows<&[u8]>, c: &Cols, l: &mut Layer| row(rows, c, l),
        progress,
        chunks::BLOCK,
    )
}

fn row<R: Read>(rows: &Rows<R>, c: &Cols, layer: &mut Layer) -> Result<Record, String> {
    let lat = coordinate(rows.field(c.latitude), "latitude", 90.0)?;
    let lon = coordinate(rows.field(c.longitude), "longitude", 180.0)?;
    let start_field = rows.field(c.date_start);
    let start = dates::parse_day(start_field)
        .ok_or_else(|| format!("date_start '{}' is not a date", shown(start_field)))?;
    let end_field = rows.field(c.date_end);
    let end = if end_field.is_empty() {
        start
    } else {
        dates::parse_day(end_field)
            .ok_or_else(|| format!("date_end '{}' is not a date", shown(end_field)))?
    };
    if end < start {
        return Err(format!(
            "date_end {} is before date_start {}",
            dates::iso(end),
            dates::iso(start)
        ));
    }
    let low = count(rows.field(c.low), "low")?;
    let best = count(rows.field(c.best), "best")?;
    let high = count(rows.field(c.high), "high")?;
    let mut r = Record::at(lon, lat);
    (r.start, r.date, r.end) = (start, start, end);
    r.date_code = code(rows.field(c.date_prec));
    r.geo_code = code(rows.field(c.where_prec));
    r.place = place_precision(r.geo_code);
    let none = Fatalities::NONE;
    r.fatalities = Fatalities {
        low: low.unwrap_or(none),
        best: best.unwrap_or(none),
        high: high.unwrap_or(none),
    };
    r.kind = layer.kind(violence_label(rows.field(c.violence)));
    r.sub_kind = layer.strings.intern(rows.field(c.conflict));
    r.actor1 = layer.strings.intern(rows.field(c.side_a));
    r.actor2 = layer.strings.intern(rows.field(c.side_b));
    r.admin1 = layer.strings.intern(rows.field(c.adm_1));
    r.location = layer.strings.intern(rows.field(c.where_coordinates));
    r.source = layer.strings.intern(rows.field(c.source));
    r.id = layer.store(rows.field(c.id));
    r.notes = layer.store(rows.field(c.headline));
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::synthetic;

    #[test]
    fn header_and_headerless_read_the_same() {
        let with = synthetic::ucdp_csv(50, 7, true);
        let without = synthetic::ucdp_csv(50, 7, false);
        let p = Progress::default();
        let a = parse("a.csv", with.as_bytes(), true, &p).expect("header");
        let b = parse("b.csv", without.as_bytes(), false, &p).expect("no header");
        assert_eq!(a.records.len(), 50);
        assert_eq!(b.records.len(), 50);
        assert!(
            a.bad_rows.is_empty() && b.bad_rows.is_empty(),
            "{:?}",
            a.bad_rows
        );
        for (x, y) in a.records.iter().zip(&b.records) {
            assert_eq!(
                (x.start, x.end, x.lon, x.fatalities),
                (y.start, y.end, y.lon, y.fatalities)
            );
        }
        assert!(
            a.records
                .iter()
                .any(|r| r.fatalities.low < r.fatalities.high)
        );
    }

    #[test]
    fn end_before_start_is_a_bad_row() {
        let mut fields: Vec<String> = COLUMNS.iter().map(|_| String::new()).collect();
        let set = |f: &mut Vec<String>, n: &str, v: &str| {
            let i = COLUMNS.iter().position(|c| *c == n).expect("column");
            f[i] = v.into();
        };
        set(&mut fields, "latitude", "36.7");
        set(&mut fields, "longitude", "71.6");
        set(&mut fields, "date_start", "2021-07-05 00:00:00.000");
        set(&mut fields, "date_end", "2021-07-01 00:00:00.000");
        let text = format!("{}\n{}\n", COLUMNS.join(","), fields.join(","));
        let layer = parse("u.csv", text.as_bytes(), true, &Progress::default()).expect("parses");
        assert!(layer.records.is_empty());
        assert_eq!(layer.bad_rows[0].line, 2);
        assert!(layer.bad_rows[0].reason.contains("before date_start"));
    }
}
