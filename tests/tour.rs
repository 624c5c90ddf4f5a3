//! The guided tour as a teacher uses it: presenting with keys and buttons, authoring, files.

mod common;

use common::{harness, harness_with, shows};

use std::sync::Arc;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use event_atlas::app::{AtlasApp, Persisted};
use event_atlas::atlas::Atlas;
use event_atlas::model::{DataSource, Tour};
use event_atlas::ui::{Selection, WindowId};

fn province(h: &Harness<'_, AtlasApp>, iso: &str) -> usize {
    h.state()
        .atlas
        .data
        .provinces
        .iter()
        .position(|p| p.iso == iso)
        .expect(iso)
}

/// The view as (centre x, centre y, zoom), rounded so a settled flight compares equal.
fn view(h: &Harness<'_, AtlasApp>) -> (i64, i64, i64) {
    let (c, z) = h.state().map.current().expect("drawn");
    (
        (c.x * 1e6).round() as i64,
        (c.y * 1e6).round() as i64,
        (z * 100.0).round() as i64,
    )
}

/// Lets a flight between slides finish (two frames for the card to settle, then 1.2 s; a
/// step is 0.25 s).
fn settle(h: &mut Harness<'_, AtlasApp>) {
    h.run_steps(10);
    assert!(!h.state().map.flying());
}

fn present(h: &mut Harness<'_, AtlasApp>) {
    h.get_by_label("Tour").click();
    h.run_steps(2);
    h.get_by_label_contains("Present the tour").click();
    settle(h);
    assert!(h.state().tours.saved.active);
}

#[test]
fn arrow_keys_and_page_down_turn_slides_view_and_highlight() {
    let mut h = harness();
    present(&mut h);
    let tour: Tour = h.state().tours.tour.clone().expect("shipped tour");
    assert!(tour.slides.len() >= 12);
    assert_eq!(h.state().tours.saved.slide, 0);
    assert!(shows(&h, &tour.slides[0].title));
    assert!(shows(&h, "Slide 1 of"));
    let v0 = view(&h);

    h.key_press(egui::Key::ArrowRight);
    settle(&mut h);
    assert_eq!(h.state().tours.saved.slide, 1);
    let v1 = view(&h);
    assert_ne!(v0, v1, "the view moved");

    // What a presenter clicker sends.
    h.key_press(egui::Key::PageDown);
    settle(&mut h);
    assert_eq!(h.state().tours.saved.slide, 2);
    assert!(shows(&h, &tour.slides[2].title));
    assert_ne!(view(&h), v1);
    let bds = province(&h, "AF-BDS");
    let tak = province(&h, "AF-TAK");
    let hl = h.state().highlighted().provinces.clone();
    assert!(hl.contains(&bds) && hl.contains(&tak), "{hl:?}");
    assert_eq!(h.state().selection, Selection::Province("AF-BDS".into()));

    h.key_press(egui::Key::PageUp);
    settle(&mut h);
    assert_eq!(h.state().tours.saved.slide, 1);
    assert_eq!(view(&h), v1, "back on slide 2's view");
    h.key_press(egui::Key::ArrowLeft);
    settle(&mut h);
    assert_eq!(h.state().tours.saved.slide, 0);

    // The on-screen buttons do the same.
    h.get_by_label("Next slide >").click();
    settle(&mut h);
    assert_eq!(h.state().tours.saved.slide, 1);

    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(!h.state().tours.saved.active);
    assert!(h.state().highlighted().provinces.is_empty());
}

#[test]
fn the_map_stays_interactive_and_back_to_slide_restores_it() {
    let mut h = harness();
    present(&mut h);
    h.key_press(egui::Key::PageDown);
    h.key_press(egui::Key::PageDown);
    settle(&mut h);
    let slide_view = view(&h);
    // Zoom in with the map's own key, then click a province.
    h.key_press(egui::Key::Plus);
    h.run_steps(3);
    assert_ne!(view(&h), slide_view);
    h.get_by_label("Back to slide").click();
    settle(&mut h);
    assert_eq!(view(&h), slide_view);
    assert_eq!(h.state().tours.saved.slide, 2);
}

#[test]
fn slides_set_the_date() {
    let mut h = harness();
    present(&mut h);
    let tour = h.state().tours.tour.clone().expect("tour");
    let i = tour
        .slides
        .iter()
        .position(|s| s.time.is_some_and(|t| t.date.year == 2001))
        .expect("a 2001 slide");
    for _ in 0..i {
        h.key_press(egui::Key::PageDown);
        h.run_steps(1);
    }
    settle(&mut h);
    assert_eq!(h.state().tours.saved.slide, i);
    let f = &h.state().timeline.saved.filter.time;
    assert_eq!(
        event_atlas::model::PartialDate::from_day_number(f.day()).year,
        2001
    );
}

#[test]
fn authoring_adds_edits_reorders_saves_and_reopens() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("my-tour.json");
    let mut h = harness();
    let n = h.state().tours.len();
    h.state_mut()
        .apply(event_atlas::ui::Command::Select(Selection::Province(
            "AF-TAK".into(),
        )));
    h.run_steps(2);
    h.get_by_label("Tour").click();
    h.run_steps(2);
    h.get_by_label("Add slide from current view").click();
    h.run_steps(3);
    assert_eq!(h.state().tours.len(), n + 1);
    let at = h.state().tours.saved.slide;
    let added = h.state().tours.current().cloned().expect("slide");
    assert_eq!(added.highlight.provinces, ["AF-TAK"]);
    assert!(h.state().is_open(WindowId::TourEditor));

    // Edit its title in the editor.
    h.get_by_role_and_label(Role::TextInput, "Title").click();
    h.run_steps(2);
    h.get_by_role_and_label(Role::TextInput, "Title")
        .type_text(": Takhar");
    h.run_steps(2);
    // Done typing: Esc leaves the field (and must not end anything else).
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(
        h.state()
            .tours
            .current()
            .is_some_and(|s| s.title.ends_with(": Takhar"))
    );
    // Move it up one place.
    let ups: Vec<_> = h.query_all_by_label("Up").collect();
    ups[at].click();
    h.run_steps(2);
    assert_eq!(h.state().tours.saved.slide, at - 1);

    // Save where the teacher says, then open it again.
    h.state_mut().tours.saved.file_field = path.display().to_string();
    h.run_steps(2);
    h.get_by_label("Save").click();
    h.run_steps(2);
    common::wait_idle(&mut h);
    assert!(shows(&h, "Saved"), "{:?}", h.state().tours.message);
    let saved =
        Tour::parse("saved", &std::fs::read_to_string(&path).expect("file")).expect("parses");
    assert_eq!(saved.slides.len(), n + 1);
    assert!(saved.slides[at - 1].title.ends_with(": Takhar"));

    let atlas = h.state().atlas.clone();
    let mut app = AtlasApp::new(atlas, Persisted::default());
    app.open_tour(&path).expect("opens");
    assert_eq!(app.tours.len(), n + 1);
    assert!(app.problems.is_empty(), "{:?}", app.problems);
}

#[test]
fn a_broken_tour_file_is_refused_with_its_line_and_the_app_keeps_going() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("broken.json");
    std::fs::write(
        &path,
        "{\n  \"title\": \"x\",\n  \"slides\": [\n    {\"id\": 1}\n  ]\n}\n",
    )
    .expect("write");
    let atlas = Arc::new(Atlas::load(DataSource::Embedded).expect("data"));
    let mut app = AtlasApp::new(atlas, Persisted::default());
    let before = app.tours.len();
    let err = app.open_tour(&path).expect_err("broken");
    assert!(err.contains("broken.json:4:"), "{err}");
    assert_eq!(app.tours.len(), before, "the shipped tour stays");
    let mut h = harness_with(app);
    h.run_steps(2);
    assert!(shows(&h, "Event Atlas"));
}

#[test]
fn the_shipped_tour_is_not_overwritten_unless_asked() {
    let mut h = harness();
    h.get_by_label("Tour").click();
    h.run_steps(2);
    h.get_by_label("Tour editor (open, edit, save)").click();
    h.run_steps(2);
    h.state_mut().tours.saved.file_field = "data/tour.json".into();
    h.run_steps(2);
    let before = std::fs::read_to_string("data/tour.json").expect("shipped tour");
    assert!(shows(&h, "Overwrite the shipped tour"));
    // Save stays off until the teacher ticks the box.
    h.get_by_label("Save").click();
    h.run_steps(2);
    assert!(h.state().tours.message.is_none());
    assert_eq!(
        std::fs::read_to_string("data/tour.json").expect("still there"),
        before
    );
    assert!(event_atlas::ui::tour::is_shipped(
        std::path::Path::new("./data/../data/tour.json"),
        None
    ));
}

#[test]
fn larger_text_survives_a_restart() {
    let atlas = Arc::new(Atlas::load(DataSource::Embedded).expect("data"));
    let state = Persisted {
        ui_zoom: 1.5,
        ..Persisted::default()
    };
    let saved = ron::to_string(&state).expect("ron");
    let restored: Persisted = ron::from_str(&saved).expect("ron");
    let h = harness_with(AtlasApp::new(atlas, restored));
    assert!((h.ctx.zoom_factor() - 1.5).abs() < 1e-6);
    assert!((h.state().ui_zoom - 1.5).abs() < 1e-6);
}
