//! Property-based fuzzing of every parser (proptest): arbitrary bytes, and real-shaped files
//! with random damage, never panic, and whatever is accepted is sane (finite coordinates in
//! range, dates in order). CI runs the default 256 cases per property; set PROPTEST_CASES for
//! a longer run.

use event_atlas::import::{Format, Imported, Layer, Progress, detect, parse_reader, synthetic};
use proptest::prelude::*;

fn sane(layer: &Layer) {
    for r in &layer.records {
        assert!(r.lon.is_finite() && r.lat.is_finite());
        assert!(r.lon.abs() <= 180.0 && r.lat.abs() <= 90.0);
        assert!(r.start <= r.end, "{} > {}", r.start, r.end);
        assert!((0.0..=1.0).contains(&r.x) && (0.0..=1.0).contains(&r.y));
        assert!((r.kind as usize) < layer.kinds.len().max(1));
    }
    assert!(layer.bad_rows.len() as u64 <= layer.bad_row_count);
}

fn all_formats(bytes: &[u8]) {
    let p = Progress::default();
    let _ = detect("fuzz", bytes);
    for format in [
        Format::Acled,
        Format::Ucdp { header: true },
        Format::Ucdp { header: false },
        Format::GeoJson,
    ] {
        if let Ok(layer) = parse_reader("fuzz", format, bytes, &p) {
            sane(&layer);
            // Indexing whatever was accepted must work too.
            let imported = Imported::index(layer, &p);
            for level in &imported.clusters.levels {
                assert_eq!(
                    *level.starts.last().unwrap_or(&0) as usize,
                    imported.layer.len()
                );
            }
        }
    }
}

/// A CSV field that exercises quoting: commas, quotes, newlines, odd bytes.
fn field() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 .-]{0,12}",
        "-?[0-9]{1,3}\\.[0-9]{0,6}",
        "(19|20)[0-9]{2}-[01][0-9]-[0-3][0-9]",
        "[0-3][0-9] (January|July|Sept|Foo) 20[0-9]{2}",
        "\"[a-z,\n\"]{0,10}\"",
        Just("NaN".to_string()),
        Just("inf".to_string()),
        Just(String::new()),
    ]
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        all_formats(&bytes);
    }

    #[test]
    fn acled_rows_with_random_fields(rows in proptest::collection::vec(proptest::collection::vec(field(), 0..40), 0..30)) {
        let mut text = event_atlas::import::acled::COLUMNS.join(",");
        for r in rows {
            text.push('\n');
            text.push_str(&r.join(","));
        }
        all_formats(text.as_bytes());
    }

    #[test]
    fn ucdp_rows_with_random_fields(rows in proptest::collection::vec(proptest::collection::vec(field(), 45..52), 0..20), header in any::<bool>()) {
        let mut text = if header { event_atlas::import::ucdp::COLUMNS.join(",") } else { String::new() };
        for r in rows {
            text.push('\n');
            text.push_str(&r.join(","));
        }
        all_formats(text.as_bytes());
    }

    #[test]
    fn damaged_real_files(seed in 0u64..1000, cuts in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..12), truncate in any::<prop::sample::Index>()) {
        let mut rng = synthetic::Rng::new(seed);
        let mut bytes = match rng.below(3) {
            0 => synthetic::acled_csv(30, seed).into_bytes(),
            1 => synthetic::ucdp_csv(30, seed, rng.below(2) == 0).into_bytes(),
            _ => {
                let layer = event_atlas::import::parse_bytes("s.csv", synthetic::acled_csv(20, seed).as_bytes(), &Progress::default()).expect("synthetic");
                let mut out = Vec::new();
                event_atlas::import::write_geojson(&layer, 0..layer.len(), &mut out).expect("geojson");
                out
            }
        };
        for (at, b) in cuts {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        let keep = truncate.index(bytes.len() + 1);
        bytes.truncate(keep);
        all_formats(&bytes);
    }

    #[test]
    fn geojson_shapes(features in proptest::collection::vec((prop_oneof![Just("Point"), Just("LineString"), Just("Polygon"), Just("MultiPoint"), Just("Nope")], proptest::collection::vec((-400.0f64..400.0, -200.0f64..200.0), 0..6)), 0..10)) {
        let fs: Vec<String> = features.iter().map(|(kind, pts)| {
            let coords: Vec<String> = pts.iter().map(|(x, y)| format!("[{x},{y}]")).collect();
            let c = coords.join(",");
            let geometry = match *kind {
                "Point" => coords.first().cloned().unwrap_or_else(|| "[]".into()),
                "Polygon" => format!("[[{c}]]"),
                _ => format!("[{c}]"),
            };
            format!(r#"{{"type":"Feature","geometry":{{"type":"{kind}","coordinates":{geometry}}},"properties":{{"date":"2021-07-05"}}}}"#)
        }).collect();
        let text = format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, fs.join(","));
        all_formats(text.as_bytes());
    }
}
