//! Helpers the UI test files share: an app on the built-in data in a harness, clicks, text.
// Each test file uses only some of these.
#![allow(dead_code)]

use std::sync::Arc;

use egui::{Event, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use event_atlas::app::{AtlasApp, Persisted};
use event_atlas::atlas::Atlas;
use event_atlas::model::DataSource;

/// The built-in data, prepared.
pub fn atlas() -> Arc<Atlas> {
    Arc::new(Atlas::load(DataSource::Embedded).expect("embedded data"))
}

/// A 1500×1000 harness around `app`, a few frames in.
pub fn harness_with(app: AtlasApp) -> Harness<'static, AtlasApp> {
    let mut h = Harness::builder()
        .with_size([1500.0, 1000.0])
        .build_ui_state(|ui, app: &mut AtlasApp| app.show(ui), app);
    h.run_steps(3);
    h
}

/// A fresh app on the built-in data.
pub fn harness() -> Harness<'static, AtlasApp> {
    harness_with(AtlasApp::new(atlas(), Persisted::default()))
}

/// Whether some widget's text contains `text`.
pub fn shows(h: &Harness<'_, AtlasApp>, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}

/// Presses or releases the primary button at `pos`.
pub fn button(h: &mut Harness<'_, AtlasApp>, pos: Pos2, pressed: bool) {
    h.event(Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    });
}

/// Moves there, presses and releases, as a hand clicks.
pub fn click(h: &mut Harness<'_, AtlasApp>, pos: Pos2) {
    h.hover_at(pos);
    h.step();
    button(h, pos, true);
    button(h, pos, false);
    h.run_steps(3);
}

/// Steps the UI until `done` holds (background work finishes on its own thread), then a few
/// frames more.
pub fn wait_until(h: &mut Harness<'_, AtlasApp>, what: &str, done: impl Fn(&AtlasApp) -> bool) {
    let start = std::time::Instant::now();
    while !done(h.state()) {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(120),
            "{what} never finished"
        );
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    h.run_steps(3);
}

/// Steps the UI until nothing runs in the background.
pub fn wait_idle(h: &mut Harness<'_, AtlasApp>) {
    wait_until(h, "background work", |app| !app.busy());
}

/// A screen point inside the province `iso` where nothing else (marker, arrow) is on top.
pub fn open_spot_in(h: &Harness<'_, AtlasApp>, iso: &str) -> Pos2 {
    use event_atlas::map::hit::{Hit, hit_test};
    let app = h.state();
    let atlas = &app.atlas;
    let t = app.map.last_transform.expect("map drawn");
    let target = atlas.ids.province(iso).expect("province");
    let bbox = t.apply_rect(atlas.province_shapes[target].bbox);
    for i in 1..20 {
        for j in 1..20 {
            let pos = bbox.min
                + egui::vec2(
                    bbox.width() * i as f32 / 20.0,
                    bbox.height() * j as f32 / 20.0,
                );
            if t.rect.shrink(130.0).contains(pos)
                && hit_test(atlas, &t, pos, &app.visible()) == Some(Hit::Province(target))
            {
                return pos;
            }
        }
    }
    panic!("no free spot in {iso}");
}

/// A copy of a story folder a test may change.
pub fn copy_story(from: &std::path::Path) -> (tempfile::TempDir, std::path::PathBuf) {
    fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
        std::fs::create_dir_all(to).expect("mkdir");
        for entry in std::fs::read_dir(from).expect("read_dir") {
            let entry = entry.expect("entry");
            let target = to.join(entry.file_name());
            if entry.file_type().expect("type").is_dir() {
                copy_dir(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), &target).expect("copy");
            }
        }
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("story");
    copy_dir(from, &root);
    (tmp, root)
}

/// A point `frac` of the way along a crossing's arrow as drawn.
pub fn arrow_point(h: &Harness<'_, AtlasApp>, crossing: usize, frac: f32) -> Pos2 {
    let app = h.state();
    let t = app.map.last_transform.expect("map drawn");
    let arrow = app
        .atlas
        .arrows
        .iter()
        .find(|a| a.crossing == crossing)
        .expect("arrow");
    let path = event_atlas::map::crossings::arrow_path(arrow, &t);
    path[((path.len() as f32 * frac) as usize).min(path.len() - 1)]
}
