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
