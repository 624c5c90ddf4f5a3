//! The timeline as a user drives it: the cursor, window mode, playback, ticks, kinds, shading.

mod common;

use common::{arrow_point, click, harness, harness_with, shows};

use std::sync::Arc;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use event_atlas::app::{AtlasApp, Persisted};
use event_atlas::atlas::{Atlas, Item};
use event_atlas::map::hit::{Hit, hit_test};
use event_atlas::model::{DataSource, Dataset, days_from_civil};
use event_atlas::timeline::{TimeMode, Vis};
use event_atlas::ui::Selection;

/// Clicks the timeline's ruler at the middle of a day, as a user picks a date.
fn click_day(h: &mut Harness<'_, AtlasApp>, y: i32, m: u8, d: u8) {
    let day = days_from_civil(y, m, d) as f64 + 0.5;
    let pos = h
        .state()
        .timeline
        .screen_pos_of_day(day)
        .expect("timeline drawn");
    click(h, pos);
    assert_eq!(
        h.state().timeline.saved.filter.time.day(),
        days_from_civil(y, m, d),
        "cursor on the clicked day"
    );
}

fn crossing(h: &Harness<'_, AtlasApp>, id: &str) -> usize {
    h.state()
        .atlas
        .data
        .crossings
        .crossings
        .iter()
        .position(|x| x.id == id)
        .expect(id)
}

fn event(h: &Harness<'_, AtlasApp>, id: &str) -> usize {
    h.state()
        .atlas
        .data
        .events
        .iter()
        .position(|e| e.id == id)
        .expect(id)
}

fn open_crisis(h: &mut Harness<'_, AtlasApp>) {
    h.get_by_label_contains("The crisis").click();
    h.run_steps(3);
}

#[test]
fn the_cursor_hides_the_5_july_crossing_until_its_day() {
    let mut h = harness();
    open_crisis(&mut h);
    let fifth = crossing(&h, "tajikistan-2021-07-05");

    click_day(&mut h, 2021, 7, 4);
    assert_eq!(h.state().visible().crossings[fifth], Vis::Hidden);
    let at = arrow_point(&h, fifth, 1.0 / 3.0);
    let t = h.state().map.last_transform.expect("drawn");
    assert_ne!(
        hit_test(&h.state().atlas, &t, at, &h.state().visible()),
        Some(Hit::Crossing(fifth)),
        "a hidden arrow cannot be clicked"
    );
    assert!(!shows(&h, "more than 1,000 in the latest crossing"));
    assert!(shows(&h, "4 July 2021"));

    click_day(&mut h, 2021, 7, 5);
    assert_eq!(h.state().visible().crossings[fifth], Vis::Shown);
    assert_eq!(
        hit_test(&h.state().atlas, &t, at, &h.state().visible()),
        Some(Hit::Crossing(fifth))
    );
    assert!(shows(
        &h,
        "more than 1,000 in the latest crossing (5 July 2021)"
    ));

    // Back a day with the Previous button, forward with the key.
    h.get_by_label("< Prev").click();
    h.run_steps(2);
    assert!(h.state().timeline.saved.filter.time.day() < days_from_civil(2021, 7, 5));
    h.key_press(egui::Key::Period);
    h.run_steps(2);
    assert_eq!(
        h.state().timeline.saved.filter.time.day(),
        days_from_civil(2021, 7, 5)
    );
}

#[test]
fn window_mode_hides_events_older_than_the_window() {
    let mut h = harness();
    open_crisis(&mut h);
    click_day(&mut h, 2021, 7, 5);
    let old = event(&h, "first-air-strikes");
    let june = event(&h, "soldiers-flee-to-tajikistan-june");
    let night = event(&h, "night-fighting-before-crossing");
    assert_eq!(h.state().visible().events[old], Vis::Shown);
    assert_eq!(h.state().visible().events[june], Vis::Shown);

    h.get_by_role_and_label(Role::RadioButton, "Only the last")
        .click();
    h.run_steps(3);
    assert_eq!(h.state().timeline.saved.filter.time.mode, TimeMode::Window);
    assert_eq!(
        h.state().timeline.saved.filter.time.window.to_string(),
        "3 days"
    );
    let v = h.state().visible();
    assert_eq!(v.events[old], Vis::Hidden, "2001 is outside 3 days");
    assert_eq!(v.events[june], Vis::Hidden, "June is over by 3 July");
    assert_eq!(v.events[night], Vis::Shown);
    assert!(shows(&h, "3 July 2021 to 5 July 2021"));

    // The panel says what the window hides instead of dropping it silently.
    h.state_mut()
        .apply(event_atlas::ui::Command::Select(Selection::Place(
            "kabul".into(),
        )));
    h.run_steps(3);
    assert!(shows(&h, "hidden by the time or kind filter"));

    h.get_by_role_and_label(Role::RadioButton, "Everything so far")
        .click();
    h.run_steps(3);
    assert_eq!(h.state().visible().events[old], Vis::Shown);
}

#[test]
fn play_advances_the_cursor_and_pause_stops_it() {
    let mut h = harness();
    open_crisis(&mut h);
    click_day(&mut h, 2021, 6, 20);
    let before = h.state().timeline.saved.filter.time.cursor;
    h.get_by_label("Play").click();
    h.run_steps(30);
    assert!(h.state().timeline.playing);
    let during = h.state().timeline.saved.filter.time.cursor;
    assert!(during > before, "{during} > {before}");
    h.get_by_label("Pause").click();
    h.run_steps(2);
    let paused = h.state().timeline.saved.filter.time.cursor;
    h.run_steps(10);
    assert_eq!(h.state().timeline.saved.filter.time.cursor, paused);
    // Space plays again.
    h.key_press(egui::Key::Space);
    h.run_steps(10);
    assert!(h.state().timeline.saved.filter.time.cursor > paused);
}

#[test]
fn counter_at_the_end_of_the_fortnight_matches_the_totals() {
    let mut h = harness();
    open_crisis(&mut h);
    click_day(&mut h, 2021, 7, 5);
    let totals = h.state().atlas.data.crossings.totals.clone();
    assert!(!totals.is_empty());
    for t in &totals {
        let phrase = t.line_into("Tajikistan");
        assert!(shows(&h, &phrase), "counter lacks {phrase:?}");
        assert!(h.state().counter().text().contains(&phrase));
    }
    assert!(shows(
        &h,
        "nearly 1,600 in 5 crossings into Tajikistan since 22 June 2021"
    ));
    // A day earlier the totals have not been reached, and no sum is made up.
    click_day(&mut h, 2021, 7, 4);
    assert!(!h.state().counter().text().contains("nearly 1,600"));
    assert!(
        !shows(&h, "nearly 1,600"),
        "nor in the side panel or on the map"
    );
}

#[test]
fn clicking_a_tick_selects_its_event_and_moves_the_cursor() {
    let mut h = harness();
    open_crisis(&mut h);
    let x = crossing(&h, "tajikistan-2021-07-05");
    let r = h
        .state()
        .timeline
        .entry_rect(Item::Crossing(x))
        .expect("5 July crossing drawn on the timeline");
    click(&mut h, r.left_center() + egui::vec2(4.0, 0.0));
    assert_eq!(
        h.state().selection,
        Selection::Crossing("tajikistan-2021-07-05".into())
    );
    assert_eq!(
        h.state().timeline.saved.filter.time.day(),
        days_from_civil(2021, 7, 5)
    );
    assert!(shows(&h, "From Badakhshan to Tajikistan"));
}

#[test]
fn unticking_a_kind_hides_it_on_map_timeline_and_counter() {
    let mut h = harness();
    open_crisis(&mut h);
    let x = crossing(&h, "tajikistan-2021-07-05");
    assert!(h.state().visible().crossings[x].shown());
    h.get_by_role_and_label(Role::CheckBox, "Flight / refuge")
        .click();
    h.run_steps(3);
    assert!(!h.state().visible().crossings[x].shown());
    assert!(
        h.state().timeline.entry_rect(Item::Crossing(x)).is_none(),
        "gone from the timeline"
    );
    assert!(shows(&h, "crossings hidden"));
    h.get_by_role_and_label(Role::CheckBox, "Flight / refuge")
        .click();
    h.run_steps(3);
    assert!(h.state().visible().crossings[x].shown());
}

#[test]
fn provinces_can_be_shaded_by_events_or_people() {
    let mut h = harness();
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("Events per province").click();
    h.run_steps(3);
    let c = h.state().choropleth().clone();
    assert!(!c.classes.is_empty());
    assert!(shows(&h, "Events in the province"));
    let atlas = h.state().atlas.clone();
    let kabul = atlas
        .data
        .provinces
        .iter()
        .position(|p| p.iso == "AF-KAB")
        .expect("Kabul");
    let nimruz = atlas
        .data
        .provinces
        .iter()
        .position(|p| p.iso == "AF-NIM")
        .expect("Nimruz");
    assert_ne!(
        c.fills[kabul], c.fills[nimruz],
        "Kabul has events, Nimruz none"
    );

    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("People crossing from each province").click();
    h.run_steps(3);
    let c = h.state().choropleth().clone();
    let bds = atlas
        .data
        .provinces
        .iter()
        .position(|p| p.iso == "AF-BDS")
        .expect("Badakhshan");
    assert_ne!(
        c.fills[bds], c.fills[kabul],
        "only Badakhshan has people crossing"
    );
    assert!(shows(&h, "1,000 or more") || shows(&h, "1,000"));
}

#[test]
fn set_time_opens_at_a_date_like_the_cli() {
    let atlas = Arc::new(Atlas::load(DataSource::Embedded).expect("embedded data"));
    let mut app = AtlasApp::new(atlas, Persisted::default());
    app.set_time(
        "2021-07-05".parse().expect("date"),
        Some("3d".parse().expect("window")),
    );
    let h = harness_with(app);
    assert!(shows(&h, "3 July 2021 to 5 July 2021"));
    let axis = h.state().timeline.saved.axis.expect("axis");
    assert!(axis.span() < 60.0, "opens on the crisis scale");
}

#[test]
fn an_empty_story_never_crashes_the_timeline() {
    let mut data = Dataset::embedded().expect("data");
    data.events.clear();
    data.crossings.crossings.clear();
    data.crossings.totals.clear();
    let app = AtlasApp::new(Arc::new(Atlas::new(data)), Persisted::default());
    let mut h = harness_with(app);
    h.get_by_label("Play").click();
    h.run_steps(5);
    h.get_by_label("Next >").click();
    h.run_steps(2);
    h.get_by_label_contains("Whole story").click();
    h.run_steps(2);
    assert!(shows(&h, "no crossing reported yet"));
}

#[test]
fn cursor_window_kinds_and_shading_survive_a_restart() {
    let mut h = harness();
    open_crisis(&mut h);
    click_day(&mut h, 2021, 7, 3);
    h.get_by_role_and_label(Role::RadioButton, "Only the last")
        .click();
    h.get_by_role_and_label(Role::CheckBox, "Diplomacy").click();
    h.run_steps(3);
    // eframe keeps the state as RON; the same serde types round-trip through it.
    let saved = ron::to_string(&h.state().saved()).expect("serialize");
    let before = h.state().timeline.saved.filter.clone();

    let restored: Persisted = ron::from_str(&saved).expect("deserialize");
    let atlas = h.state().atlas.clone();
    let h2 = harness_with(AtlasApp::new(atlas, restored));
    let after = &h2.state().timeline.saved.filter;
    assert_eq!(after, &before);
    assert_eq!(after.time.mode, TimeMode::Window);
    assert!(!after.kind_shown(event_atlas::model::EventKind::Diplomacy));
    assert!(shows(&h2, "1 July 2021 to 3 July 2021"));
    assert!(!h2.state().timeline.playing, "opens paused");
}
