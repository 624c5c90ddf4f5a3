//! File › Open article: another text geocoded, its places on the map with their sentences,
//! unresolved names listed, an ambiguous name re-chosen, and the places file saved.

mod common;

use common::{atlas, harness_with, shows, wait_idle};
use egui_kittest::kittest::Queryable;
use event_atlas::app::{AtlasApp, Persisted};
use event_atlas::ui::Command;

const TEXT: &str = "Heavy fighting was reported in Kunduz province on Sunday. \
Officials in Herat said the city was calm. Hundreds of families fled towards Tajikistan, \
and some reached Mazar-e-Sharif. Elders in Zzyzxville denied the reports.";

#[test]
fn an_article_is_geocoded_shown_rechosen_and_saved() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("other.txt");
    std::fs::write(&path, TEXT).expect("write");
    let mut h = harness_with(AtlasApp::new(atlas(), Persisted::default()));
    h.state_mut().apply(Command::OpenArticle(path.clone()));
    wait_idle(&mut h);
    assert!(h.state().problems.is_empty(), "{:?}", h.state().problems);

    let (names, layer_len) = {
        let app = h.state();
        let a = app.articles.article.as_ref().expect("article");
        let names: Vec<String> = a.result.places.iter().map(|p| p.name.clone()).collect();
        let layer = app
            .layers
            .layers
            .iter()
            .find(|l| l.data.layer.name == "article: other.txt")
            .expect("layer");
        (names, layer.data.layer.len())
    };
    for n in ["Kunduz", "Herat", "Tajikistan", "Mazar-e"] {
        assert!(names.iter().any(|p| p.contains(n)), "{n} in {names:?}");
    }
    assert_eq!(layer_len, names.len(), "one map record per place");
    assert!(shows(&h, &format!("{} places found", names.len())));
    assert!(shows(&h, "Zzyzxville"), "the unresolved name is listed");

    // The sentence travels with the place into the layer (what a click on it shows).
    {
        let app = h.state();
        let layer = &app
            .layers
            .layers
            .iter()
            .find(|l| l.data.layer.name == "article: other.txt")
            .expect("layer")
            .data
            .layer;
        let herat = layer
            .records
            .iter()
            .find(|r| layer.strings.get(r.location).contains("Herat"))
            .expect("Herat");
        assert!(
            layer
                .text(herat.notes)
                .contains("Officials in Herat said the city was calm.")
        );
    }

    // An ambiguous name, if any, can be placed otherwise.
    let amb = h
        .state()
        .articles
        .article
        .as_ref()
        .and_then(|a| a.result.ambiguities.first().cloned());
    if let Some(amb) = amb {
        let other = (amb.chosen_index + 1) % amb.candidates.len();
        let app = h.state_mut();
        let atlas = app.atlas.clone();
        let commands = app.articles.choose(&amb.mention, other, &atlas);
        app.apply_all(commands);
        wait_idle(&mut h);
        let a = h.state().articles.article.as_ref().expect("article");
        let again = a
            .result
            .ambiguities
            .iter()
            .find(|x| x.mention == amb.mention)
            .expect("still listed");
        assert_eq!(again.chosen_index, other);
    }

    let out = dir.path().join("other.places.json");
    h.state_mut()
        .articles
        .article
        .as_mut()
        .expect("article")
        .save_path = out.display().to_string();
    h.get_by_label("Save places file").click();
    h.run_steps(2);
    wait_idle(&mut h);
    let saved: Vec<event_atlas::model::Place> =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("saved")).expect("places json");
    assert!(saved.iter().any(|p| p.name.contains("Herat")));
}

#[test]
fn an_empty_or_missing_article_is_reported() {
    let dir = tempfile::tempdir().expect("tmp");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "  \n").expect("write");
    let mut h = harness_with(AtlasApp::new(atlas(), Persisted::default()));
    h.state_mut().apply(Command::OpenArticle(empty));
    wait_idle(&mut h);
    let e = h.state().problems.join("\n");
    assert!(e.contains("empty.txt") && e.contains("empty"), "{e}");
    assert!(h.state().articles.article.is_none());
    h.state_mut()
        .apply(Command::OpenArticle(dir.path().join("nope.txt")));
    wait_idle(&mut h);
    let e = h.state().problems.join("\n");
    assert!(e.contains("nope.txt"), "{e}");
}
