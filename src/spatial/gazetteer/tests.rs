use super::*;

fn rec(kind: &str, name: &str, alts: &[&str], cc: &str, admin1: &str, gid: u64) -> SourceRecord {
    SourceRecord {
        kind: kind.into(),
        name: name.into(),
        ascii: None,
        alts: alts.iter().map(|s| s.to_string()).collect(),
        lat: -12.34567,
        lon: 178.99999,
        cc: cc.into(),
        admin1: admin1.into(),
        pop: 1234,
        gid,
        capital: false,
        iso: kind == "admin1",
        source: format!("test {name}"),
    }
}

fn sample() -> WorldGazetteer {
    let bytes = pack(&[
        rec("admin1", "North Kivu", &["Nord-Kivu"], "CD", "CD-NK", 0),
        rec("city", "Sake", &[], "CD", "CD-NK", 212_360),
        rec("city", "Kivu", &["Kivvu"], "CD", "CD-NK", 1),
        rec("city", "Shaki", &["Sake"], "NG", "", 2_324_774),
    ])
    .expect("pack");
    WorldGazetteer::open("sample", bytes.into()).expect("open")
}

#[test]
fn names_find_their_records_with_every_field() {
    let g = sample();
    assert_eq!(g.len(), 4);
    let hits = g.lookup(&crate::spatial::geocode::fold("Nord Kivu"));
    assert_eq!(hits.len(), 1);
    assert_eq!((hits[0].record, hits[0].alternate), (0, true));
    assert_eq!(hits[0].spelled("nord kivu"), Spelled::Alternate);
    assert_eq!(hits[0].spelled("nord kiwu"), Spelled::Otherwise);
    let r = g.record(0).expect("record");
    assert_eq!(r.kind, RecordKind::Admin1);
    assert_eq!(
        (r.name, r.country, r.admin1),
        ("North Kivu", "CD", Some("CD-NK"))
    );
    assert_eq!((r.lat, r.lon, r.population), (-12.34567, 178.99999, 1234));
    assert_eq!(r.geonames_id, None);
    assert!(r.source().starts_with("ISO 3166-2 CD-NK"), "{}", r.source());
    let district = pack(&[rec("admin2", "Masisi", &[], "CD", "CD-NK", 0)]).expect("pack");
    let district = WorldGazetteer::open("d", district.into()).expect("open");
    let source = district.record(0).expect("district").source();
    assert!(source.starts_with("GeoNames admin-2"), "{source}");
    let lake = pack(&[rec("physical", "Lake Kivu", &[], "", "", 0)]).expect("pack");
    let lake = WorldGazetteer::open("lake", lake.into()).expect("open");
    assert_eq!(lake.record(0).expect("lake").source(), "test Lake Kivu");
    let sake = g.lookup("saki");
    assert_eq!(sake.len(), 2, "{sake:?}");
    assert!(!sake[0].alternate && sake[1].alternate, "{sake:?}");
    // Known by its own name and, spelled otherwise, by an alternate.
    let kivu = g.lookup(&crate::spatial::geocode::fold("Kivu"));
    assert_eq!(kivu.len(), 1, "{kivu:?}");
    assert!(!kivu[0].alternate);
    assert_eq!(kivu[0].spelled("kivu"), Spelled::Own);
    assert_eq!(kivu[0].spelled("kivvu"), Spelled::Alternate);
    assert!(g.has_prefix("nurth") && !g.has_prefix("zz"));
    assert_eq!(g.max_words, 2);
}

#[test]
fn corrupt_and_truncated_files_are_refused_with_the_file_named() {
    let bytes = pack(&[rec("city", "Sake", &[], "CD", "", 1)]).expect("pack");
    for bad in [
        bytes[..bytes.len() - 3].to_vec(),
        bytes[..20].to_vec(),
        b"PK\x03\x04 not a gazetteer".to_vec(),
        Vec::new(),
    ] {
        let e = WorldGazetteer::open("world/gazetteer.bin", bad.into()).expect_err("refused");
        assert!(e.to_string().starts_with("world/gazetteer.bin: "), "{e}");
    }
    let mut scrambled = bytes.clone();
    let n = scrambled.len();
    for b in &mut scrambled[HEADER_SIZE..n - 40] {
        *b = b.wrapping_mul(31).wrapping_add(7);
    }
    // Garbage inside the sections never panics: reads give nothing or something.
    if let Ok(g) = WorldGazetteer::open("x", scrambled.into()) {
        let _ = g.records().count();
        let _ = g.lookup("sake");
    }
}

#[test]
fn bad_records_are_named_by_line() {
    let mut r = rec("city", "Nowhere", &[], "CD", "", 1);
    r.lat = 91.0;
    let e = pack(&[rec("city", "Sake", &[], "CD", "", 1), r]).expect_err("bad");
    assert_eq!(e.line, 2);
    let e = pack(&[rec("volcano", "Nyiragongo", &[], "CD", "", 1)]).expect_err("bad");
    assert!(e.reason.contains("volcano"), "{e}");
}
