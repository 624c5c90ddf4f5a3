//! Data invariants of the shipped `data/`: the facts are the article's, the places are where
//! they claim to be.

use std::path::Path;

use event_atlas::check;
use event_atlas::model::{DataSource, Dataset, DateSource, PlaceKind};

fn data() -> Dataset {
    Dataset::load(DataSource::Dir("data".into())).expect("data/ loads")
}

#[test]
fn check_finds_no_problem_in_shipped_data() {
    let errors = check::check(&DataSource::Dir("data".into()));
    assert!(
        errors.is_empty(),
        "{}",
        errors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn every_quote_is_verbatim_in_the_article() {
    let ds = data();
    let mut quotes: Vec<(&str, &str)> = Vec::new();
    quotes.extend(ds.events.iter().map(|e| (e.id.as_str(), e.quote.as_str())));
    for x in &ds.crossings.crossings {
        quotes.push((x.id.as_str(), x.quote.as_str()));
        if let Some(q) = &x.from_quote {
            quotes.push((x.id.as_str(), q.as_str()));
        }
    }
    quotes.extend(
        ds.crossings
            .totals
            .iter()
            .map(|t| (t.id.as_str(), t.quote.as_str())),
    );
    for p in &ds.places {
        quotes.extend(p.mentions.iter().map(|m| (p.id.as_str(), m.as_str())));
    }
    assert!(
        quotes.len() > 60,
        "expected the whole article covered, got {}",
        quotes.len()
    );
    for (id, q) in quotes {
        assert!(
            ds.article.contains(q),
            "{id}: not verbatim in the article: {q:?}"
        );
    }
}

#[test]
fn the_project_copy_of_the_article_is_the_bbc_report() {
    let article = std::fs::read_to_string("data/source/article.txt").expect("article");
    assert!(article.starts_with("Afghanistan: Soldiers flee to Tajikistan after Taliban clashes"));
    assert!(article.contains("In total, nearly 1,600 soldiers have crossed the border."));
}

#[test]
fn vague_counts_stay_vague() {
    let ds = data();
    let latest = ds
        .crossings
        .crossings
        .iter()
        .find(|x| x.quote.contains("More than 1,000"))
        .expect("the 5 July crossing");
    assert_eq!(
        (latest.people.low, latest.people.best, latest.people.high),
        (Some(1000), None, None)
    );
    assert_eq!(latest.date.to_string(), "2021-07-05");
    assert_eq!(latest.date_source, DateSource::ArticleContext);
    let fortnight = ds
        .crossings
        .totals
        .iter()
        .find(|t| t.cases == Some(5))
        .expect("the fortnight total");
    assert_eq!(fortnight.people.high, Some(1600));
    assert_eq!(fortnight.people.best, None, "no invented best figure");
    assert_eq!(
        fortnight.label(),
        "nearly 1,600 in 5 crossings over a fortnight"
    );
    // Refuge in Pakistan and Uzbekistan is recorded with unknown counts.
    for to in ["pk", "uz"] {
        let x = ds
            .crossings
            .crossings
            .iter()
            .find(|x| x.to == to)
            .expect(to);
        assert!(x.people.is_unknown(), "{to}");
    }
}

#[test]
fn general_knowledge_dates_are_marked_and_explained() {
    let ds = data();
    let gk: Vec<_> = ds
        .events
        .iter()
        .filter(|e| e.date_source == DateSource::GeneralKnowledge)
        .collect();
    assert!(!gk.is_empty());
    for e in gk {
        assert!(
            e.date_note.as_deref().is_some_and(|n| !n.is_empty()),
            "{}",
            e.id
        );
    }
    let nine_eleven = ds
        .events
        .iter()
        .find(|e| e.quote.contains("Four commercial airliners"))
        .expect("9/11");
    assert_eq!(nine_eleven.date.to_string(), "2001-09-11");
}

#[test]
fn every_province_capital_lies_in_its_own_province() {
    let ds = data();
    let gaz = Dataset::load_gazetteer(&DataSource::Dir("data".into())).expect("gazetteer");
    let world = event_atlas::spatial::gazetteer::WorldGazetteer::embedded().expect("world");
    let points = event_atlas::check::capital_points(&ds, &gaz, &world);
    let index = event_atlas::spatial::ProvinceIndex::new(&ds.provinces);
    assert_eq!(ds.provinces.len(), 34);
    for p in &ds.provinces {
        let id = p.capital_geonames_id.expect("capital id");
        let &(lat, lon) = points.get(&id).expect("capital in gazetteer");
        let found = index
            .locate(geo::Point::new(lon, lat))
            .map(|i| ds.provinces[i].iso.as_str());
        assert_eq!(
            found,
            Some(p.iso.as_str()),
            "capital {} of {}",
            p.capital,
            p.name
        );
    }
    // The Badakhshan capital is the right Fayzabad of three.
    let bds = ds.province("AF-BDS").expect("Badakhshan");
    assert_eq!(bds.capital_geonames_id, Some(1_142_170));
}

#[test]
fn places_cover_the_story() {
    let ds = data();
    for id in [
        "af",
        "tj",
        "pk",
        "uz",
        "kabul",
        "af-bds",
        "af-tak",
        "mazar-e-sharif",
        "af-tj-border",
        "kandahar",
        "jalalabad",
        "abbottabad",
        "doha",
        "new-york-city",
        "washington",
        "world-trade-center",
        "pentagon",
        "us-pa",
        "af-hel",
        "kunduz",
        "karachi",
    ] {
        assert!(ds.place(id).is_some(), "missing place {id}");
    }
    let border = ds.place("af-tj-border").expect("border");
    assert_eq!(border.kind, PlaceKind::Border);
    assert!(border.geometry.is_some());
    assert!(Path::new("data/LICENSES").is_dir());
}

#[test]
fn the_shipped_tour_tells_the_story_in_checked_quotes() {
    let source = DataSource::Dir("data".into());
    let ds = Dataset::load(source.clone()).expect("data");
    let tour = ds
        .tour()
        .expect("tour parses")
        .expect("data/tour.json exists");
    let text = ds.tour_text.clone().expect("its text");
    assert!(tour.slides.len() >= 12, "{} slides", tour.slides.len());
    for s in &tour.slides {
        for q in &s.quotes {
            assert!(ds.article.contains(q.as_str()), "slide {}: {q:?}", s.id);
        }
    }
    let errors = event_atlas::check::check_tour(&tour, "data/tour.json", &text, &ds);
    assert!(errors.is_empty(), "{errors:?}");
    // Where they fled from and to, and how many, come first; July 2021 closes.
    assert!(!tour.slides[0].highlight.crossings.is_empty());
    assert!(
        tour.slides
            .last()
            .is_some_and(|s| s.time.is_some_and(|t| t.date.year == 2021))
    );
}

/// A slide that highlights an event with no place on the map is reported with its line: the
/// slide could not show it.
#[test]
fn a_slide_highlighting_an_event_with_no_place_is_reported() {
    let source = event_atlas::model::DataSource::Embedded;
    let mut ds = Dataset::load(source).expect("data");
    let id = ds.events[0].id.clone();
    ds.events[0].places.clear();
    let text = format!(
        "{{\n  \"title\": \"t\",\n  \"slides\": [\n    {{\n      \"id\": \"s1\",\n      \"title\": \"One\",\n      \"narration\": \"\",\n      \"quotes\": [],\n      \"view\": {{ \"fit\": [\"AF-BDS\"] }},\n      \"highlight\": {{ \"events\": [\"{id}\"] }}\n    }}\n  ]\n}}\n"
    );
    let tour = event_atlas::model::Tour::parse("my-tour.json", &text).expect("parses");
    let errors = event_atlas::check::check_tour(&tour, "my-tour.json", &text, &ds);
    let e = errors
        .iter()
        .map(ToString::to_string)
        .find(|e| e.contains("no place on the map"));
    let e = e.unwrap_or_else(|| panic!("{errors:?}"));
    assert!(e.contains("my-tour.json:"), "{e}");
}
