//! Presenting on a projector: at 1024×768 and 1280×720 (and the other common sizes), every
//! slide of the shipped tour shows everything it highlights on screen and uncovered, and the
//! map keeps most of the window.

mod common;

use egui::Rect;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use event_atlas::app::{AtlasApp, Persisted};
use event_atlas::map::hit::Hit;
use event_atlas::map::items::ItemRef;

fn harness_sized(w: f32, h: f32, scale: f32) -> Harness<'static, AtlasApp> {
    let app = AtlasApp::new(common::atlas(), Persisted::default());
    let mut h = Harness::builder()
        .with_size([w, h])
        .with_pixels_per_point(scale)
        .build_ui_state(|ui, app: &mut AtlasApp| app.show(ui), app);
    h.run_steps(3);
    h
}

/// What slide `i` highlights, as map items.
fn highlighted(app: &AtlasApp) -> Vec<ItemRef> {
    let h = app.highlighted();
    let p = h.provinces.iter().map(|&p| Hit::Province(p));
    let m = h.markers.iter().map(|&m| Hit::Marker(m));
    let x = h.crossings.iter().map(|&x| Hit::Crossing(x));
    p.chain(m).chain(x).map(ItemRef::Story).collect()
}

/// Presents every slide; checks its highlight is in view and uncovered; returns the smallest
/// share of the window left as open map.
fn check_every_slide(w: f32, h: f32, scale: f32) -> f64 {
    let mut hs = harness_sized(w, h, scale);
    let n = hs.state().tours.len();
    assert!(n >= 10, "the shipped tour has its slides");
    let window = Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(w, h));
    let mut least: f64 = 1.0;
    for i in 0..n {
        hs.state_mut().start_tour(i, true);
        hs.run_steps(6);
        let app = hs.state();
        let title = app.tours.current().expect("slide").title.clone();
        let map = app.map.last_transform.expect("map").rect;
        let obstacles = app.map.obstacles().to_vec();
        for want in highlighted(app) {
            let item = app.map.items().iter().find(|it| it.item == want);
            let item =
                item.unwrap_or_else(|| panic!("{w}×{h} slide {i} {title:?}: {want:?} not in view"));
            let r = item.rect;
            assert!(
                map.contains_rect(r),
                "{w}×{h} slide {i} {title:?}: {} leaves the map {r:?} {map:?}",
                item.name
            );
            for o in &obstacles {
                assert!(
                    !o.intersects(r),
                    "{w}×{h} slide {i} {title:?}: {} is under an overlay {o:?}",
                    item.name
                );
            }
        }
        least = least.min(app.map.unobstructed_share(window));
    }
    least
}

#[test]
fn every_slide_shows_its_highlight_at_1024x768() {
    check_every_slide(1024.0, 768.0, 1.0);
}

#[test]
fn every_slide_shows_its_highlight_at_1280x720_with_70_percent_open_map() {
    let share = check_every_slide(1280.0, 720.0, 1.0);
    println!(
        "least unobstructed map while presenting at 1280×720: {:.1} %",
        share * 100.0
    );
    assert!(
        share >= 0.70,
        "only {:.1} % of the window is open map",
        share * 100.0
    );
}

#[test]
fn every_slide_shows_its_highlight_at_other_common_sizes() {
    check_every_slide(1366.0, 768.0, 1.0);
    check_every_slide(1920.0, 1080.0, 1.0);
    // 1920×1080 at scale 2 (HiDPI): 960×540 points.
    check_every_slide(960.0, 540.0, 2.0);
}

#[test]
fn folded_parts_reopen_with_a_click_or_a_key() {
    let mut h = harness_sized(1280.0, 720.0, 1.0);
    h.state_mut().start_tour(0, true);
    h.run_steps(3);
    assert!(
        !common::shows(&h, "Whole story 2001–2021"),
        "the timeline is folded"
    );
    h.get_by_label("^ Timeline (T)").click();
    h.run_steps(3);
    assert!(
        common::shows(&h, "Whole story 2001–2021"),
        "a click unfolds the timeline"
    );
    h.key_press(egui::Key::T);
    h.run_steps(3);
    assert!(
        !common::shows(&h, "Whole story 2001–2021"),
        "T folds it again"
    );
    // The legend is a button; L opens it.
    assert!(!common::shows(&h, "Events (letter = kind"));
    h.key_press(egui::Key::L);
    h.run_steps(3);
    assert!(common::shows(&h, "Events (letter = kind"));
    // The details panel: a click on its strip, then D.
    h.get_by_label("Show the details panel (D)").click();
    h.run_steps(3);
    assert!(!h.state().tours.folds.details);
    h.key_press(egui::Key::D);
    h.run_steps(3);
    assert!(h.state().tours.folds.details);
    // The drawing palette.
    h.key_press(egui::Key::W);
    h.run_steps(3);
    assert!(common::shows(&h, "Pen"));
}

#[test]
fn the_presenter_view_has_the_notes_and_the_projector_only_the_map() {
    let mut h = harness_sized(1280.0, 720.0, 1.0);
    h.state_mut().tours.presenter = true;
    h.state_mut().start_tour(0, true);
    h.run_steps(4);
    let tour = h.state().tours.tour.clone().expect("tour");
    let (first, second) = (&tour.slides[0], &tour.slides[1]);
    // The teacher's window: narration, what comes next, the clock, the controls.
    assert!(common::shows(&h, &first.narration));
    assert!(common::shows(&h, &format!("Next: {}", second.title)));
    assert!(common::shows(&h, "since the start"));
    // The projector's window: the map and the slide's title, no menu, strips or legend.
    assert!(h.query_by_label("File").is_none());
    assert!(h.query_by_label("^ Timeline (T)").is_none());
    assert!(h.query_by_label("Legend").is_none());
    assert_eq!(
        h.query_all_by_label(&first.title).count(),
        2,
        "title on both"
    );
    // The clicker's key and the presenter's button both turn slides.
    h.key_press(egui::Key::PageDown);
    h.run_steps(3);
    assert_eq!(h.state().tours.saved.slide, 1);
    h.get_by_label("Next slide >").click();
    h.run_steps(3);
    assert_eq!(h.state().tours.saved.slide, 2);
    h.get_by_label("End tour").click();
    h.run_steps(3);
    assert!(!h.state().tours.saved.active);
    assert!(h.query_by_label("File").is_some(), "the menu is back");
}
