//! The app as a user drives it: clicks on the map, the side panel, keys, Home, persistence.

mod common;

use std::sync::Arc;

use common::open_spot_in;
use egui::{Event, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use event_atlas::app::{AtlasApp, Persisted};
use event_atlas::atlas::Atlas;

use event_atlas::model::DataSource;
use event_atlas::spatial::mercator;
use event_atlas::ui::{Selection, WindowId};

fn harness() -> Harness<'static, AtlasApp> {
    let atlas = Arc::new(Atlas::load(DataSource::Embedded).expect("embedded data"));
    let app = AtlasApp::new(atlas, Persisted::default());
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_ui_state(|ui, app: &mut AtlasApp| app.show(ui), app);
    h.run_steps(3);
    h
}

/// Fails unless some widget's text contains `text`.
fn assert_shows(h: &Harness<'_, AtlasApp>, text: &str) {
    assert!(
        h.query_all_by_label_contains(text).next().is_some(),
        "no widget shows {text:?}"
    );
}

fn click(h: &mut Harness<'_, AtlasApp>, pos: Pos2) {
    h.hover_at(pos);
    h.step();
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.run_steps(3);
}

#[test]
fn clicking_badakhshan_shows_its_crossing_in_the_panel() {
    let mut h = harness();
    let pos = open_spot_in(&h, "AF-BDS");
    click(&mut h, pos);
    assert_eq!(h.state().selection, Selection::Province("AF-BDS".into()));
    assert_shows(&h, "Badakhshan province");
    assert_shows(&h, "Capital: Fayzabad");
    assert_shows(&h, "Afghan soldiers: more than 1,000");
    assert_shows(
        &h,
        "More than 1,000 Afghan soldiers have fled to neighbouring Tajikistan",
    );

    // Esc clears the selection and the panel returns to the overview.
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert_eq!(h.state().selection, Selection::None);
    assert_shows(
        &h,
        "Into Tajikistan: nearly 1,600 in 5 crossings over a fortnight",
    );
}

#[test]
fn clicking_a_marker_shows_its_events_and_an_arrow_its_crossing() {
    let mut h = harness();
    let (marker_pos, arrow_pos) = {
        let app = h.state();
        let atlas = &app.atlas;
        let t = app.map.last_transform.expect("map drawn");
        let kabul = atlas.place_index("kabul").expect("kabul");
        let m = event_atlas::map::markers::layout(atlas, &t, &app.visible())
            .into_iter()
            .find(|p| atlas.markers[p.marker].place == kabul)
            .expect("Kabul marker on screen");
        let arrow = atlas
            .arrows
            .iter()
            .find(|a| atlas.data.crossings.crossings[a.crossing].people.low == Some(1000))
            .expect("5 July arrow");
        let path = event_atlas::map::crossings::arrow_path(arrow, &t);
        (m.center, path[path.len() / 3])
    };
    click(&mut h, marker_pos);
    assert_eq!(h.state().selection, Selection::Place("kabul".into()));
    assert_shows(&h, "Kabul University");

    click(&mut h, arrow_pos);
    assert!(
        matches!(&h.state().selection, Selection::Crossing(_)),
        "{:?}",
        h.state().selection
    );
    assert_shows(&h, "From Badakhshan to Tajikistan");
}

#[test]
fn keyboard_zoom_and_home_button_restore_the_view() {
    let mut h = harness();
    let home_zoom = h.state().map.saved.memory.zoom();
    h.key_press(egui::Key::Plus);
    h.run_steps(2);
    assert!(h.state().map.saved.memory.zoom() > home_zoom);
    h.key_press(egui::Key::ArrowRight);
    h.run_steps(2);
    h.get_by_label("Home").click();
    h.run_steps(2);
    assert!((h.state().map.saved.memory.zoom() - home_zoom).abs() < 1e-6);
    // Afghanistan is centred again.
    let t = h.state().map.last_transform.expect("drawn");
    let kabul = t.apply(mercator(geo::coord! { x: 69.17, y: 34.53 }));
    assert!(t.rect.shrink(100.0).contains(kabul));
}

#[test]
fn view_and_selection_survive_a_restart() {
    let mut h = harness();
    let pos = open_spot_in(&h, "AF-TAK");
    click(&mut h, pos);
    h.key_press(egui::Key::Plus);
    h.run_steps(2);
    let saved = serde_json::to_string(&h.state().saved()).expect("serialize");
    let zoom = h.state().map.saved.memory.zoom();

    let restored: Persisted = serde_json::from_str(&saved).expect("deserialize");
    let atlas = h.state().atlas.clone();
    let app = AtlasApp::new(atlas, restored);
    let mut h2 = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_ui_state(|ui, app: &mut AtlasApp| app.show(ui), app);
    h2.run_steps(3);
    assert_eq!(h2.state().selection, Selection::Province("AF-TAK".into()));
    assert!(
        (h2.state().map.saved.memory.zoom() - zoom).abs() < 1e-9,
        "view not refitted"
    );
    assert_shows(&h2, "Takhar province");
}

#[test]
fn export_view_as_png_asks_for_a_file_name_in_a_window() {
    let mut h = harness();
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Export view as PNG…").click();
    h.run_steps(2);
    assert!(h.state().is_open(WindowId::ExportPng));
    h.state_mut().export_path = "lesson.png".into();
    h.run_steps(1);
    h.get_by_label("Export").click();
    h.run_steps(2);
    assert!(
        !h.state().is_open(WindowId::ExportPng),
        "the window closes before the capture"
    );
}
