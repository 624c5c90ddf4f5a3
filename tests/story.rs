//! A story is a folder: another country's story opens end to end, a copy of the shipped story
//! with another title and home opens so, and a broken folder is listed while the story open
//! stays.

mod common;

use std::path::Path;

use common::{arrow_point, click, copy_story, harness_with, open_spot_in, shows, wait_idle};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use event_atlas::app::{AtlasApp, Persisted};
use event_atlas::atlas::Item;
use event_atlas::check;
use event_atlas::model::DataSource;
use event_atlas::ui::stories::load_story;
use event_atlas::ui::{Command, Selection, WindowId};

const FIXTURE: &str = "tests/fixtures/northland";

fn open(dir: &Path) -> Harness<'static, AtlasApp> {
    let (atlas, problems) = load_story(dir).expect("the story loads");
    assert!(problems.is_empty(), "{problems:?}");
    harness_with(AtlasApp::new(atlas, Persisted::default()))
}

#[test]
fn the_fixture_story_checks_clean() {
    let errors = check::check(&DataSource::Dir(FIXTURE.into()));
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn another_countrys_story_opens_end_to_end() {
    let mut h = open(Path::new(FIXTURE));
    let title = "Northland: Villagers flee to Southland after floods";
    assert!(h.state().window_title().starts_with(title));
    assert!(
        shows(&h, title),
        "the menu bar and the overview name the story"
    );

    // Its provinces are drawn and clickable; the panel lists their events.
    let pos = open_spot_in(&h, "XN-RIV");
    click(&mut h, pos);
    assert_eq!(h.state().selection, Selection::Province("XN-RIV".into()));
    assert!(shows(&h, "Riverside province"));
    assert!(shows(&h, "The river bursts its banks in Riverside"));

    // Its crossing runs across its own border, emphasised, and can be clicked.
    let atlas = h.state().atlas.clone();
    let borders: Vec<&str> = atlas.borders.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(borders, ["Northland–Southland"]);
    let at = arrow_point(&h, 0, 0.5);
    click(&mut h, at);
    assert_eq!(
        h.state().selection,
        Selection::Crossing("southland-2024-03".into())
    );
    assert!(shows(&h, "From Riverside to Southland"));
    assert!(shows(&h, "Villagers: about 300"));

    // The timeline draws its entries; clicking one selects it.
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert_eq!(h.state().selection, Selection::None);
    let entry = h
        .state()
        .timeline
        .entry_rect(Item::Event(1))
        .expect("drawn on the timeline");
    click(&mut h, entry.center());
    assert_eq!(
        h.state().selection,
        Selection::Event("teams-brookford".into())
    );
    assert!(shows(&h, "Emergency teams reach Brookford"));

    // Its tour presents, highlighting its own provinces.
    h.get_by_label("Tour").click();
    h.run_steps(2);
    h.get_by_label("Present the tour (2 slides)").click();
    h.run_steps(4);
    assert!(shows(&h, "Slide 1 of 2"));
    let riv = atlas.ids.province("XN-RIV").expect("province");
    assert!(h.state().highlighted().provinces.contains(&riv));
    h.key_press(egui::Key::PageDown);
    h.run_steps(4);
    assert!(shows(&h, "Slide 2 of 2"));
    assert!(shows(&h, "Landslides in Alpine"));
}

#[test]
fn a_copy_of_the_shipped_story_with_another_title_and_home_opens_so() {
    let (_tmp, root) = copy_story(Path::new("data"));
    let path = root.join("story.json");
    let text = std::fs::read_to_string(&path).expect("story.json");
    let text = text
        .replace(
            "\"title\": \"Afghanistan: Soldiers flee to Tajikistan after Taliban clashes\"",
            "\"title\": \"A lesson on Badakhshan\"",
        )
        .replace(
            "\"home\": { \"fit\": [\"AF\"] }",
            "\"home\": { \"fit\": [\"AF-BDS\"] }",
        );
    std::fs::write(&path, text).expect("write");
    let h = open(&root);
    assert!(
        h.state()
            .window_title()
            .starts_with("A lesson on Badakhshan")
    );
    assert!(shows(&h, "A lesson on Badakhshan"));
    // The view is fitted to Badakhshan (in the part of the map no overlay covers): all of it is
    // in view and uncovered, and Kandahar is far off screen.
    let app = h.state();
    let t = app.map.last_transform.expect("drawn");
    let bds = app.atlas.ids.province("AF-BDS").expect("Badakhshan");
    let bbox = t.apply_rect(app.atlas.province_shapes[bds].bbox);
    assert!(t.rect.contains_rect(bbox), "{bbox:?} in {:?}", t.rect);
    assert!(app.map.obstacles().iter().all(|o| !o.intersects(bbox)));
    let kandahar = event_atlas::spatial::mercator(geo::coord! { x: 65.7, y: 31.6 });
    assert!(!t.rect.contains(t.apply(kandahar)));
}

#[test]
fn stories_open_from_the_file_menu_and_a_broken_one_changes_nothing() {
    let mut h = harness_with(AtlasApp::new(common::atlas(), Persisted::default()));
    let shipped = h.state().atlas.data.story.title.clone();

    // A folder whose story.json does not parse: listed with file and line; the story stays.
    let (_tmp, broken) = copy_story(Path::new(FIXTURE));
    std::fs::write(
        broken.join("story.json"),
        "{\n  \"title\": \"x\",\n  \"countries\": [\"XN\"\n}\n",
    )
    .expect("write");
    h.state_mut().apply(Command::OpenStory(broken.clone()));
    wait_idle(&mut h);
    let problems = h.state().problems.join("\n");
    assert!(problems.contains("story.json:4"), "{problems}");
    assert_eq!(h.state().atlas.data.story.title, shipped);

    // File › Open story…: type the folder, Open.
    h.state_mut().problems.clear();
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Open story…").click();
    h.run_steps(2);
    assert!(h.state().is_open(WindowId::OpenStory));
    h.state_mut().stories.path_field = FIXTURE.into();
    h.run_steps(1);
    h.get_by_label("Open").click();
    h.run_steps(2);
    wait_idle(&mut h);
    assert_eq!(
        h.state().atlas.data.story.title,
        "Northland: Villagers flee to Southland after floods"
    );
    assert!(h.state().problems.is_empty(), "{:?}", h.state().problems);
    assert_eq!(h.state().stories.saved.recent, [Path::new(FIXTURE)]);
    assert_eq!(
        h.state().saved().stories.open.as_deref(),
        Some(Path::new(FIXTURE))
    );

    // File › Recent stories › the built-in story.
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Recent stories").click();
    h.run_steps(2);
    h.get_by_label("The built-in story").click();
    h.run_steps(3);
    assert_eq!(h.state().atlas.data.story.title, shipped);
    assert_eq!(h.state().saved().stories.open, None);
}

#[test]
fn check_names_the_line_of_a_bad_story_json() {
    let (_tmp, root) = copy_story(Path::new(FIXTURE));
    let path = root.join("story.json");
    let text = std::fs::read_to_string(&path).expect("story.json");
    let text = text
        .replace("\"countries\": [\"XN\"]", "\"countries\": [\"QQ\"]")
        .replace(
            "\"home\": { \"fit\": [\"XN\"] }",
            "\"home\": { \"fit\": [\"nowhere\"] }",
        );
    std::fs::write(&path, &text).expect("write");
    let errors = check::check(&DataSource::Dir(root.clone()));
    let line = |key: &str| {
        let at = text.find(&format!("\"{key}\"")).expect("key");
        text[..at].matches('\n').count() + 1
    };
    let found = |key: &str, what: &str| {
        errors.iter().any(|e| {
            e.file.ends_with("story.json") && e.line == Some(line(key)) && e.message.contains(what)
        })
    };
    assert!(
        found("countries", "\"QQ\" is not in boundaries/countries.geojson"),
        "{errors:?}"
    );
    assert!(found("home", "\"nowhere\""), "{errors:?}");
    // The provinces of a country the story no longer lists are named too.
    assert!(
        errors
            .iter()
            .any(|e| e.file.ends_with("provinces.geojson") && e.message.contains("XN-RIV")),
        "{errors:?}"
    );
}

/// The fixture folder's files, as the web page would hold them.
fn fixture_files(top: &str) -> event_atlas::model::StoryFiles {
    let mut files = Vec::new();
    let mut dirs = vec![std::path::PathBuf::from(FIXTURE)];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).expect("ls") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                dirs.push(p);
                continue;
            }
            let rel = p.strip_prefix(FIXTURE).expect("inside").to_string_lossy();
            let text = std::fs::read_to_string(&p).expect("text");
            files.push((format!("{top}{rel}"), text));
        }
    }
    event_atlas::model::StoryFiles::new("northland", files)
}

/// A story folder packed as a `.zip` (as the web page downloads it, or as a zipped folder)
/// opens from the command line's path and File › Open story…'s field like the folder; a
/// broken archive is named and the story open stays.
#[test]
fn a_story_archive_opens_like_its_folder() {
    let dir = tempfile::tempdir().expect("tmp");
    let zip = dir.path().join("northland.zip");
    let bytes = fixture_files("northland/").to_zip().expect("zip");
    std::fs::write(&zip, bytes).expect("write");
    let folder = open(Path::new(FIXTURE));
    let mut h = open(&zip);
    assert_eq!(
        h.state().atlas.data.events,
        folder.state().atlas.data.events
    );
    assert_eq!(
        h.state().atlas.data.article,
        folder.state().atlas.data.article
    );

    // File › Open story… with a broken archive typed: the problem names it.
    let broken = dir.path().join("broken.zip");
    std::fs::write(&broken, b"PK\x03\x04 and then nothing").expect("write");
    h.state_mut().apply(Command::OpenBuiltInStory);
    h.state_mut().apply(Command::OpenStory(broken.clone()));
    h.run_steps(1);
    wait_idle(&mut h);
    assert!(shows(&h, "broken.zip: not a story archive"));
    assert!(!h.state().atlas.data.story.title.starts_with("Northland"));
    h.state_mut().apply(Command::OpenStory(zip.clone()));
    h.run_steps(1);
    wait_idle(&mut h);
    assert!(h.state().atlas.data.story.title.starts_with("Northland"));
    assert_eq!(h.state().stories.saved.open.as_deref(), Some(zip.as_path()));
}
