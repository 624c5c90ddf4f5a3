//! The quiz as a class plays it: map clicks, choices and dates, scored with the article's words.

mod common;

use common::{click, harness, shows};

use egui::Pos2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use event_atlas::app::AtlasApp;
use event_atlas::atlas::Item;
use event_atlas::map::hit::{Hit, hit_test};
use event_atlas::model::days_from_civil;

/// A point of the map inside province `iso`, not under the quiz card, the legend or a marker.
fn spot_in(h: &Harness<'_, AtlasApp>, iso: &str) -> Pos2 {
    let app = h.state();
    let atlas = &app.atlas;
    let t = app.map.last_transform.expect("map drawn");
    let target = atlas
        .data
        .provinces
        .iter()
        .position(|p| p.iso == iso)
        .expect("province");
    let bbox = t.apply_rect(atlas.province_shapes[target].bbox);
    let vis = app.visible();
    for i in 1..24 {
        for j in 1..24 {
            let pos = bbox.min
                + egui::vec2(
                    bbox.width() * i as f32 / 24.0,
                    bbox.height() * j as f32 / 24.0,
                );
            let on_map = h
                .ctx
                .layer_id_at(pos)
                .is_some_and(|l| l.order == egui::Order::Background);
            if t.rect.shrink(20.0).contains(pos)
                && on_map
                && hit_test(atlas, &t, pos, &vis) == Some(Hit::Province(target))
            {
                return pos;
            }
        }
    }
    panic!("no free spot in {iso}");
}

fn start(h: &mut Harness<'_, AtlasApp>) {
    h.get_by_label("Quiz").click();
    h.run_steps(2);
    h.get_by_label_contains("Start the quiz").click();
    h.run_steps(3);
    assert!(h.state().quizzes.saved.active);
    assert!(h.state().quizzes.len() >= 10);
}

fn go_to(h: &mut Harness<'_, AtlasApp>, id: &str) {
    let i = h
        .state()
        .quizzes
        .quiz
        .as_ref()
        .and_then(|q| q.questions.iter().position(|x| x.id == id))
        .expect(id);
    h.state_mut().quizzes.saved.index = i;
    h.state_mut().quizzes.verdict = None;
    h.run_steps(2);
}

#[test]
fn a_click_on_the_right_province_scores() {
    let mut h = harness();
    start(&mut h);
    go_to(&mut h, "border-provinces");
    assert!(shows(&h, "Click a province on the Tajik border"));
    let pos = spot_in(&h, "AF-BDS");
    click(&mut h, pos);
    assert!(shows(&h, "Right!"), "{:?}", h.state().quizzes.verdict);
    assert_eq!(h.state().quizzes.score(), (1, 1));
    // The article's sentence comes with the answer.
    assert!(shows(&h, "have seen a rapid Taliban advance"));
}

#[test]
fn a_wrong_click_shows_the_answer() {
    let mut h = harness();
    start(&mut h);
    go_to(&mut h, "border-provinces");
    // Even with the pen in hand, a click answers the question.
    h.state_mut().drawing.settings.tool = event_atlas::ui::draw::Tool::Pen;
    let pos = spot_in(&h, "AF-HEL");
    click(&mut h, pos);
    assert!(shows(&h, "Not quite."));
    assert!(shows(
        &h,
        "You clicked Helmand; the answer is Badakhshan or Takhar."
    ));
    assert_eq!(h.state().quizzes.score(), (0, 1));
    let bds = h
        .state()
        .atlas
        .data
        .provinces
        .iter()
        .position(|p| p.iso == "AF-BDS")
        .expect("bds");
    assert!(
        h.state().highlighted().provinces.contains(&bds),
        "the answer is shown on the map"
    );
    // The click answered the question; it did not select Helmand.
    assert_ne!(
        h.state().selection,
        event_atlas::ui::Selection::Province("AF-HEL".into())
    );
}

#[test]
fn choices_and_dates_are_scored_and_the_round_ends_with_a_score() {
    let mut h = harness();
    start(&mut h);
    go_to(&mut h, "how-many-5-july");
    h.get_by_label("More than 1,000").click();
    h.run_steps(2);
    assert!(shows(&h, "Right!"));

    go_to(&mut h, "when-talks");
    // The event asked about is not on the timeline until answered.
    let talks = h
        .state()
        .atlas
        .data
        .events
        .iter()
        .position(|e| e.id == "taliban-direct-talks-with-us")
        .expect("event");
    assert!(h.state().timeline.entry_rect(Item::Event(talks)).is_none());
    h.state_mut().timeline.saved.filter.time.cursor = days_from_civil(2016, 5, 1) as f64;
    h.run_steps(2);
    h.get_by_label("Answer with this date").click();
    h.run_steps(2);
    assert!(shows(&h, "You chose 1 May 2016; it was 2018."));
    assert_eq!(h.state().quizzes.score(), (1, 2));

    // The last question ends the round with the score.
    let last = h.state().quizzes.len() - 1;
    h.state_mut().quizzes.saved.index = last;
    h.state_mut().quizzes.verdict = None;
    h.state_mut().timeline.saved.filter.time.cursor = days_from_civil(2001, 9, 11) as f64 + 0.5;
    h.run_steps(2);
    h.get_by_label("Answer with this date").click();
    h.run_steps(2);
    assert!(shows(&h, "You scored"));
    h.get_by_label("End quiz").click();
    h.run_steps(2);
    assert!(!h.state().quizzes.saved.active);
}
