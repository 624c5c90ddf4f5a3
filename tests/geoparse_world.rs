//! The world geoparser on texts from other regions: the project's own gold-annotated articles
//! (`tests/fixtures/geoparse/world_news.json`, 14 texts written for these tests), scored as the
//! field scores geoparsers, and the cases a reader of a report on Sudan's war tried by hand.

use std::collections::HashMap;

use event_atlas::model::{DataSource, Dataset, Place, PlaceKind};
use event_atlas::spatial::ProvinceIndex;
use event_atlas::spatial::gazetteer::WorldGazetteer;
use event_atlas::spatial::geocode::eval::{Doc, Score, pct, score_doc};
use event_atlas::spatial::geocode::{GeocodeResult, Geocoder};

struct Setup {
    ds: Dataset,
    story: Vec<event_atlas::model::GazetteerEntry>,
    index: ProvinceIndex,
    world: WorldGazetteer,
}

fn setup() -> Setup {
    let ds = Dataset::load(DataSource::Embedded).expect("data");
    let story = Dataset::load_gazetteer(&DataSource::Embedded).expect("gazetteer");
    let index = ProvinceIndex::new(&ds.provinces);
    let world = WorldGazetteer::embedded().expect("world");
    Setup {
        ds,
        story,
        index,
        world,
    }
}

fn geocoder(s: &Setup) -> Geocoder<'_> {
    Geocoder::new(
        &s.ds.countries,
        &s.ds.provinces,
        &s.story,
        &s.ds.lexicon,
        &s.index,
    )
    .with_world(&s.world)
}

fn by_mention<'a>(r: &'a GeocodeResult, said: &str) -> Option<&'a Place> {
    r.places
        .iter()
        .find(|p| p.mentions.iter().any(|m| m == said))
}

#[test]
fn the_project_texts_score_above_the_targets() {
    let s = setup();
    let g = geocoder(&s);
    let json = std::fs::read_to_string("tests/fixtures/geoparse/world_news.json").expect("texts");
    let docs: Vec<Doc> = serde_json::from_str(&json).expect("corpus");
    let mut score = Score::default();
    for doc in &docs {
        score_doc(&mut score, doc, &g.geocode(&doc.text).places);
    }
    let (acc, prec, rec) = (
        pct(score.right, score.gold),
        pct(score.predicted_ok, score.predicted),
        pct(score.found, score.gold),
    );
    // The targets (65 / 90 / 70); these texts measured 83.3 / 94.3 / 91.8 when written.
    assert!(
        acc >= 75.0 && prec >= 90.0 && rec >= 85.0,
        "{acc:.1} {prec:.1} {rec:.1}"
    );
}

#[test]
fn a_report_on_sudan_finds_its_states_and_towns() {
    let s = setup();
    let text = "ADRE, Chad — Refugees crossed from West Darfur into Adre this week. Fighting \
                spread across North Darfur and South Darfur, and in Gezira state the army \
                retook Wad Madani. Families who fled Tine reached the border. In Sake, in \
                eastern Congo, M23 fighters advanced toward Goma.";
    let r = geocoder(&s).geocode(text);
    for (said, country) in [
        ("West Darfur", "SD"),
        ("North Darfur", "SD"),
        ("South Darfur", "SD"),
        ("Gezira", "SD"),
        ("Wad Madani", "SD"),
        ("Adre", "TD"),
        ("Goma", "CD"),
        ("Sake", "CD"),
    ] {
        let p = by_mention(&r, said).unwrap_or_else(|| panic!("{said}: {:?}", r.places));
        assert_eq!(p.country, country, "{said}: {p:?}");
    }
    assert_eq!(
        by_mention(&r, "North Darfur").map(|p| p.kind),
        Some(PlaceKind::Region)
    );
    // Not in the gazetteer: never a look-alike elsewhere (Teni, India).
    assert!(by_mention(&r, "Tine").is_none_or(|p| p.country == "SD" || p.country == "TD"));
}

#[test]
fn people_organisations_and_common_words_are_not_places() {
    let s = setup();
    let text = "Police said the Ohio State University team met Dr. Michael Dunn. Dunn explains \
                that the Marburg virus is rare. Most agreed. In March, Jackson told the Los \
                Angeles Times that US$5 million was spent. Three died.";
    let r = geocoder(&s).geocode(text);
    let found: Vec<&str> = r
        .places
        .iter()
        .flat_map(|p| &p.mentions)
        .map(String::as_str)
        .collect();
    for not_a_place in [
        "Police", "Dunn", "Marburg", "Most", "March", "Jackson", "Times", "US", "Three",
    ] {
        assert!(!found.contains(&not_a_place), "{not_a_place} in {found:?}");
    }
}

#[test]
fn a_long_text_can_be_stopped_and_reports_progress() {
    let s = setup();
    let g = geocoder(&s);
    let text = "Fighting in Goma and Bukavu. ".repeat(20_000);
    let seen = std::cell::Cell::new(0);
    let stopped = g.geocode_watched(&text, &HashMap::new(), &|done| {
        seen.set(done);
        done < text.len() / 2
    });
    assert!(stopped.is_none());
    assert!(seen.get() >= text.len() / 2 && seen.get() < text.len());
    let all = g
        .geocode_watched(&text, &HashMap::new(), &|_| true)
        .expect("done");
    assert_eq!(all.places.len(), 2, "{:?}", all.places);
}

#[test]
fn text_in_another_script_or_without_places_gives_nothing() {
    let s = setup();
    let g = geocoder(&s);
    assert!(
        g.geocode("قالت الشرطة إن الهجوم وقع في المدينة")
            .places
            .is_empty()
    );
    assert!(
        g.geocode("The committee met on Tuesday and agreed.")
            .places
            .is_empty()
    );
    assert!(g.geocode("").places.is_empty());
}

/// "X in northern Y", "X, Y": a name keeps only the candidates inside the container that
/// follows it; when none is inside, one in a country the text never names is dropped.
#[test]
fn a_container_named_after_a_place_settles_it() {
    let s = setup();
    let g = geocoder(&s);
    let r = g.geocode(
        "Islamist fighters stormed the town of Palma in northern Mozambique. Survivors of Palma crossed into Tanzania.",
    );
    assert!(
        r.places.iter().all(|p| p.country != "ES"),
        "no Palma de Mallorca: {:?}",
        r.places
            .iter()
            .map(|p| (&p.name, &p.country))
            .collect::<Vec<_>>()
    );
    assert!(r.unresolved.iter().any(|u| u == "Palma"));
    let r = g.geocode("Talks were held in Athens, Greece, and in Toronto, Canada.");
    assert_eq!(
        by_mention(&r, "Athens").map(|p| p.country.as_str()),
        Some("GR")
    );
    assert_eq!(
        by_mention(&r, "Toronto").map(|p| p.country.as_str()),
        Some("CA")
    );
    let r = g.geocode("Floods cut off the town of Warwick in Queensland.");
    assert_eq!(
        by_mention(&r, "Warwick").map(|p| p.country.as_str()),
        Some("AU")
    );
}
