//! The importers on real-shaped files: the hand-made bad files in `tests/bad_files/`, the
//! published layouts round-tripping through `convert`'s writers, and the layer's invariants.

use std::path::PathBuf;

use event_atlas::import::{
    CsvLayout, Format, Imported, Progress, import_file, parse_bytes, synthetic, write_csv,
    write_geojson,
};

fn bad(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/bad_files")
        .join(name)
}

fn import(name: &str) -> Result<Imported, String> {
    import_file(&bad(name), &Progress::default()).map_err(|e| e.to_string())
}

fn error(name: &str) -> String {
    match import(name) {
        Ok(i) => panic!("{name} imported {} rows", i.layer.len()),
        Err(e) => {
            assert!(
                e.contains(name),
                "{name}: the message must name the file: {e}"
            );
            e
        }
    }
}

fn bad_lines(i: &Imported) -> Vec<u64> {
    i.layer.bad_rows.iter().map(|b| b.line).collect()
}

#[test]
fn whole_file_problems_name_the_file() {
    assert!(error("empty.csv").contains("the file is empty"));
    assert!(error("header_only.csv").contains("no events in the file"));
    assert!(error("semicolon.csv").contains("semicolon-separated"));
    assert!(error("binary.csv").contains("binary file"));
    let e = error("broken.geojson");
    assert!(
        e.contains("broken.geojson:3:") && e.contains("not valid GeoJSON"),
        "{e}"
    );
    let e = error("nan.geojson");
    assert!(e.contains("nan.geojson:2:"), "{e}");
}

#[test]
fn bad_rows_are_listed_and_good_rows_kept() {
    let t = import("truncated.csv").expect("truncated");
    assert_eq!(t.layer.len(), 2);
    assert_eq!(bad_lines(&t), vec![4]);

    let n = import("nan_coords.csv").expect("nan");
    assert_eq!(n.layer.len(), 1);
    assert_eq!(bad_lines(&n), vec![3, 4, 5, 6, 7]);
    let reasons: Vec<&str> = n.layer.bad_rows.iter().map(|b| b.reason.as_str()).collect();
    assert!(
        reasons[0].contains("latitude 'NaN' is not a finite number"),
        "{reasons:?}"
    );
    assert!(reasons[2].contains("out of range"), "{reasons:?}");
    assert!(reasons[3].contains("longitude is empty"), "{reasons:?}");

    let w = import("wide_row.csv").expect("wide");
    assert_eq!(w.layer.len(), 2);
    assert_eq!(bad_lines(&w), vec![3]);
    assert!(
        w.layer.bad_rows[0]
            .reason
            .contains("row has 10000 fields; expected 31")
    );

    let u = import("invalid_utf8.csv").expect("utf8");
    assert_eq!(u.layer.len(), 2);
    assert_eq!(bad_lines(&u), vec![3]);
    let notes: Vec<&str> = u
        .layer
        .records
        .iter()
        .map(|r| u.layer.text(r.notes))
        .collect();
    assert!(notes.iter().any(|n| n.contains('\u{FFFD}')), "{notes:?}");

    let g = import("out_of_range.geojson").expect("geojson");
    assert_eq!(g.layer.len(), 1);
    assert_eq!(bad_lines(&g), vec![2, 3]);

    let d = import("ucdp_bad_rows.csv").expect("ucdp");
    assert_eq!(d.layer.format, Format::Ucdp { header: true });
    assert_eq!(d.layer.len(), 1);
    assert_eq!(bad_lines(&d), vec![3, 4, 5]);
}

#[test]
fn a_missing_file_is_named() {
    let e = import("no-such-file.csv").expect_err("missing");
    assert!(e.contains("no-such-file.csv"), "{e}");
}

fn same_records(a: &Imported, b: &Imported) {
    assert_eq!(a.layer.len(), b.layer.len());
    let key = |i: &Imported| {
        let mut v: Vec<_> = i
            .layer
            .records
            .iter()
            .map(|r| {
                (
                    i.layer.text(r.id).to_string(),
                    r.start,
                    r.end,
                    r.date,
                    (r.lon * 1e4).round() as i64,
                    (r.lat * 1e4).round() as i64,
                    r.fatalities,
                    r.place,
                    i.layer.kinds[r.kind as usize].clone(),
                    i.layer.strings.get(r.actor1).to_string(),
                    i.layer.text(r.notes).to_string(),
                )
            })
            .collect();
        v.sort_by(|x, y| x.0.cmp(&y.0));
        v
    };
    assert_eq!(key(a), key(b));
}

#[test]
fn acled_and_ucdp_round_trip_through_csv_and_geojson() {
    let p = Progress::default();
    for (text, layout) in [
        (synthetic::acled_csv(400, 11), CsvLayout::Acled),
        (synthetic::ucdp_csv(400, 12, false), CsvLayout::Ucdp),
    ] {
        let original = Imported::index(parse_bytes("in.csv", text.as_bytes(), &p).expect("in"), &p);
        assert!(
            original.layer.bad_rows.is_empty(),
            "{:?}",
            original.layer.bad_rows
        );
        let rows = 0..original.layer.len();
        let mut geojson = Vec::new();
        write_geojson(&original.layer, rows.clone(), &mut geojson).expect("geojson");
        let back = Imported::index(
            parse_bytes("out.geojson", &geojson, &p).expect("geojson back"),
            &p,
        );
        same_records(&original, &back);
        let mut csv = Vec::new();
        write_csv(&original.layer, rows, layout, &mut csv).expect("csv");
        let back = Imported::index(parse_bytes("out.csv", &csv, &p).expect("csv back"), &p);
        same_records(&original, &back);
    }
}

#[test]
fn convert_writes_what_it_read() {
    let dir = tempfile::tempdir().expect("tmp");
    let input = dir.path().join("ucdp.csv");
    std::fs::write(&input, synthetic::ucdp_csv(300, 3, true)).expect("write");
    let out = dir.path().join("out.geojson");
    event_atlas::cli::convert(&input, &out, None).expect("convert");
    let back = import_file(&out, &Progress::default()).expect("read back");
    assert_eq!(back.layer.len(), 300);
    assert_eq!(back.layer.format, Format::GeoJson);
    // UCDP's low / best / high survive.
    assert!(
        back.layer
            .records
            .iter()
            .any(|r| r.fatalities.low < r.fatalities.high)
    );
    let bad =
        event_atlas::cli::convert(&input, &dir.path().join("out.txt"), None).expect_err("ext");
    assert!(bad.to_string().contains("out.txt"));
}

#[test]
fn cancel_stops_an_import() {
    let dir = tempfile::tempdir().expect("tmp");
    let input = dir.path().join("big.csv");
    std::fs::write(&input, synthetic::acled_csv(20_000, 1)).expect("write");
    let p = Progress::default();
    p.cancel();
    let e = import_file(&input, &p).expect_err("cancelled");
    assert!(e.to_string().contains("cancelled"), "{e}");
}
