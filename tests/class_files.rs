//! Files for a class: File › Export animation… (its ranges from the story, bad settings refused
//! with a reason, recording hides everything but the map, Cancel leaves no file) and File ›
//! Export handout (PDF)… (a page per slide, the quiz sheet and its key).

mod common;

use common::{harness, shows};

use egui_kittest::kittest::Queryable;
use event_atlas::platform::SaveTo;
use event_atlas::ui::animate::{AnimationSaved, Span, plan_for, span_days};
use event_atlas::ui::{Command, WindowId};

#[test]
fn the_ranges_come_from_the_story() {
    let atlas = common::atlas();
    let s = AnimationSaved::default();
    let (lo, hi) = span_days(&atlas, &s).expect("crossings");
    let day = |d: f64| event_atlas::model::PartialDate::from_day_number(d as i64).to_string();
    // The shipped story's crossings run from 22 June (the first of the five) to 5 July 2021.
    assert_eq!(day(lo), "2021-06-22");
    assert_eq!(day(hi - 1.0), "2021-07-05");
    let whole = AnimationSaved {
        span: Span::Whole,
        ..s.clone()
    };
    let (lo, hi) = span_days(&atlas, &whole).expect("whole");
    assert!(day(lo).starts_with("2001") && day(hi - 1.0).starts_with("2021"));
    // The fortnight at 8 frames a second, 2 days a second.
    let plan = plan_for(&atlas, &s).expect("plan");
    assert_eq!(plan.frames(), 57);
}

#[test]
fn bad_ranges_are_refused_with_a_reason() {
    let atlas = common::atlas();
    let custom = |from: &str, to: &str| AnimationSaved {
        span: Span::Custom,
        from: from.into(),
        to: to.into(),
        ..AnimationSaved::default()
    };
    let empty = plan_for(&atlas, &custom("1990-01-01", "1990-12-31")).expect_err("no events");
    assert!(empty.contains("no event or crossing"), "{empty}");
    let backwards = plan_for(&atlas, &custom("2021-07-06", "2021-06-20")).expect_err("backwards");
    assert!(backwards.contains("empty"), "{backwards}");
    let garbage = plan_for(&atlas, &custom("soon", "2021-06-20")).expect_err("garbage");
    assert!(garbage.contains("\"soon\""), "{garbage}");
    let zero = AnimationSaved {
        fps: 0.0,
        ..AnimationSaved::default()
    };
    assert!(
        plan_for(&atlas, &zero)
            .expect_err("0 fps")
            .contains("0 frames")
    );
}

#[test]
fn recording_shows_only_the_map_and_cancel_writes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("class.gif");
    let mut h = harness();
    h.state_mut()
        .apply(Command::Open(WindowId::ExportAnimation));
    h.run_steps(3);
    assert!(shows(&h, "The crossings: 22 June 2021 to 5 July 2021"));
    assert!(shows(&h, "57 frames"));
    h.state_mut().animation.path = out.display().to_string();
    h.get_by_label("Record").click();
    h.run_steps(3);
    assert!(h.state().recorder.is_some());
    // The frames show the map, its legend and credits, nothing else.
    assert!(h.query_by_label("File").is_none(), "no menu");
    assert!(h.query_by_label("Home").is_none(), "no buttons");
    assert!(shows(&h, "Border crossings"), "the counter");
    h.key_press(egui::Key::Escape);
    h.run_steps(4);
    assert!(h.state().recorder.is_none());
    assert!(
        h.state()
            .status
            .as_deref()
            .is_some_and(|s| s.contains("cancelled"))
    );
    assert!(!out.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("ls").count(),
        0,
        "no temp file"
    );
    assert!(h.query_by_label("File").is_some(), "the menu is back");
}

#[test]
fn the_handout_has_every_slide_the_quiz_and_its_answers() {
    use event_atlas::media::{Placed, layout, write_handout};
    use event_atlas::ui::handout::handout_of;
    let h = harness();
    let app = h.state();
    let handout = handout_of(
        &app.atlas,
        app.tours.tour.as_ref(),
        app.quizzes.quiz.as_ref(),
        Vec::new(),
    );
    let slides = app.tours.len();
    assert_eq!(handout.slides.len(), slides);
    let answers: Vec<&str> = handout.quiz.iter().map(|q| q.answer.as_str()).collect();
    assert!(answers.contains(&"Badakhshan or Takhar"), "{answers:?}");
    assert!(answers.contains(&"More than 1,000"));
    assert!(answers.contains(&"Tajikistan"));
    assert!(answers.iter().any(|a| a.contains("2001")), "a date answer");
    let pages = layout(&handout).expect("layout");
    let text = |p: &[Placed]| {
        p.iter()
            .filter_map(|x| match x {
                Placed::Text { text, .. } => Some(text.clone()),
                Placed::Picture { .. } => None,
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    // A page per slide, then the sheet, then the key on pages of its own.
    assert!(text(&pages[0]).contains(&app.tours.tour.as_ref().expect("tour").slides[0].title));
    let key = pages
        .iter()
        .position(|p| text(p).contains("Answer key"))
        .expect("key");
    assert!(key > slides);
    assert!(!text(&pages[key - 1]).contains("Answer key"));
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("lesson.pdf");
    write_handout(&path, &handout).expect("write");
    assert!(std::fs::read(&path).expect("pdf").starts_with(b"%PDF"));
}

#[test]
fn a_handout_shows_only_the_map_and_cancel_writes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("lesson.pdf");
    let mut h = harness();
    h.state_mut().apply(Command::Open(WindowId::ExportHandout));
    h.run_steps(3);
    h.state_mut().handout_path = out.display().to_string();
    h.get_by_label("Make the handout").click();
    h.run_steps(4);
    assert!(h.state().handout.is_some());
    assert!(h.query_by_label("File").is_none(), "no menu");
    assert!(h.state().tours.saved.active, "the first slide is shown");
    h.key_press(egui::Key::Escape);
    h.run_steps(4);
    assert!(h.state().handout.is_none());
    assert!(!h.state().tours.saved.active, "back as before");
    assert!(!out.exists());
}

#[test]
fn a_story_with_nothing_to_print_is_refused() {
    let mut h = harness();
    h.state_mut().tours.tour = None;
    h.state_mut().quizzes.quiz = None;
    h.state_mut()
        .start_handout(SaveTo::Path("lesson.pdf".into()), false);
    assert!(h.state().handout.is_none());
    assert!(
        h.state()
            .problems
            .iter()
            .any(|p| p.contains("nothing to print"))
    );
}
