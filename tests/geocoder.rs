//! The geocoder on the article (reproducing `data/places.json`) and on texts it has never seen.

use event_atlas::model::{DataSource, Dataset, Place, PlaceKind};
use event_atlas::spatial::ProvinceIndex;
use event_atlas::spatial::gazetteer::WorldGazetteer;
use event_atlas::spatial::geocode::{GeocodeResult, Geocoder, places_json};

fn geocode(text: &str) -> GeocodeResult {
    let src = DataSource::Dir("data".into());
    let ds = Dataset::load(src.clone()).expect("data");
    let gaz = Dataset::load_gazetteer(&src).expect("gazetteer");
    let index = ProvinceIndex::new(&ds.provinces);
    let world = WorldGazetteer::embedded().expect("world gazetteer");
    Geocoder::new(&ds.countries, &ds.provinces, &gaz, &ds.lexicon, &index)
        .with_world(&world)
        .geocode(text)
}

fn find<'a>(r: &'a GeocodeResult, id: &str) -> &'a Place {
    r.places.iter().find(|p| p.id == id).unwrap_or_else(|| {
        panic!(
            "{id} not found in {:?}",
            r.places.iter().map(|p| &p.id).collect::<Vec<_>>()
        )
    })
}

#[test]
fn geocoding_the_article_reproduces_the_committed_places_file() {
    let article = std::fs::read_to_string("data/source/article.txt").expect("article");
    let result = geocode(&article);
    let json = places_json(&result.places).expect("json");
    let committed = std::fs::read_to_string("data/places.json").expect("places.json");
    assert!(
        json == committed,
        "regenerate with: cargo run --release -- geocode data/source/article.txt --out data/places.json --data data"
    );
}

#[test]
fn the_article_places_are_the_right_ones() {
    let article = std::fs::read_to_string("data/source/article.txt").expect("article");
    let r = geocode(&article);
    assert_eq!(find(&r, "kabul").geonames_id, Some(1_138_958));
    assert_eq!(find(&r, "af-bds").kind, PlaceKind::Province);
    assert_eq!(find(&r, "af-hel").mentions, ["Helmand"]);
    assert_eq!(
        find(&r, "mazar-e-sharif").province.as_deref(),
        Some("AF-BAL")
    );
    assert_eq!(find(&r, "kunduz").kind, PlaceKind::City);
    assert!(
        find(&r, "af-tj-border")
            .mentions
            .contains(&"Tajik border".to_string())
    );
    assert_eq!(
        find(&r, "world-trade-center").mentions,
        ["World Trade Centre"]
    );
    // People are not places.
    for id in r.places.iter().map(|p| p.id.as_str()) {
        assert!(
            !["ghani", "karzai", "zahra", "jamshid", "omar"].contains(&id),
            "{id}"
        );
    }
}

#[test]
fn spelling_variants_resolve_to_the_same_place() {
    for text in [
        "Fighting was reported in Mazar-i-Sharif.",
        "Fighting was reported in Mazār-e Sharīf.",
        "Fighting was reported in Mazar-e-Sharif.",
    ] {
        let r = geocode(text);
        assert_eq!(
            find(&r, "mazar-e-sharif").geonames_id,
            Some(1_133_616),
            "{text}"
        );
    }
    let r = geocode("Government forces withdrew from Kondoz.");
    assert_eq!(find(&r, "kunduz").geonames_id, Some(1_135_689));
}

#[test]
fn fayzabad_follows_the_province_named_nearby() {
    let r = geocode("The Taliban took districts of Badakhshan province and now threaten Faizabad.");
    let f = r
        .places
        .iter()
        .find(|p| p.kind == PlaceKind::City)
        .expect("a Fayzabad");
    assert_eq!(f.geonames_id, Some(1_142_170), "{f:?}");
    assert_eq!(f.province.as_deref(), Some("AF-BDS"));

    let r = geocode("In Jowzjan province, the town of Fayzabad saw clashes.");
    let f = r
        .places
        .iter()
        .find(|p| p.kind == PlaceKind::City)
        .expect("a Fayzabad");
    assert_eq!(f.province.as_deref(), Some("AF-JOW"), "{f:?}");
}

#[test]
fn another_article_about_the_region() {
    let text = "Taliban fighters captured Herat after weeks of fighting, and Spin Boldak on the \
                border with Pakistan fell too. Refugees fled towards Iran. In Ghazni, the \
                governor surrendered. Talks continued in Doha.";
    let r = geocode(text);
    assert_eq!(find(&r, "herat").country, "AF");
    assert_eq!(find(&r, "ghazni").province.as_deref(), Some("AF-GHA"));
    assert_eq!(find(&r, "pk").kind, PlaceKind::Country);
    assert_eq!(find(&r, "ir").kind, PlaceKind::Country);
    assert_eq!(find(&r, "doha").country, "QA");
}

#[test]
fn unknown_places_are_listed_not_invented() {
    let r = geocode("Soldiers fled to Zzyzxabad and to Kabul.");
    assert!(
        r.unresolved.contains(&"Zzyzxabad".to_string()),
        "{:?}",
        r.unresolved
    );
    assert_eq!(r.places.len(), 1);
}
