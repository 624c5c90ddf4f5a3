//! The app as a screen reader and the keyboard meet it: map items named in the accessibility
//! tree and opened by their names or by keys alone, and a quiz whose waiting question is not
//! answered anywhere in that tree.

mod common;

use common::{harness, shows};

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use event_atlas::app::AtlasApp;
use event_atlas::model::Answer;
use event_atlas::ui::Selection;

/// Every label and value in the accessibility tree.
fn screen_text(h: &Harness<'_, AtlasApp>) -> Vec<String> {
    h.root()
        .children_recursive()
        .flat_map(|n| {
            let n = n.accesskit_node();
            [n.label(), n.value()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn map_items_have_names_a_screen_reader_can_activate() {
    let mut h = harness();
    // Provinces, places and crossings are listed with their names.
    assert!(shows(&h, "Badakhshan province,"), "{:?}", screen_text(&h));
    let crossing =
        "Crossing, 5 July 2021: more than 1,000 Afghan soldiers from Badakhshan into Tajikistan";
    assert!(shows(&h, crossing), "{:?}", screen_text(&h));
    assert!(shows(&h, "Kabul, "));
    // Activating one (the screen reader's "click") opens it in the side panel.
    h.get_by_label_contains("Takhar province,")
        .click_accesskit();
    h.run_steps(3);
    assert_eq!(h.state().selection, Selection::Province("AF-TAK".into()));
    h.get_by_label(crossing).click_accesskit();
    h.run_steps(3);
    assert!(matches!(h.state().selection, Selection::Crossing(_)));
    assert!(shows(&h, "From Badakhshan to Tajikistan"));
}

/// Presses Tab until the map has keyboard focus.
fn tab_to_map(h: &mut Harness<'_, AtlasApp>) {
    for _ in 0..200 {
        h.key_press(Key::Tab);
        h.run_steps(1);
        let focused = h.query_by(|n| n.is_focused());
        let label = focused.and_then(|n| n.accesskit_node().label());
        if label.is_some_and(|l| l.starts_with("Map:")) {
            return;
        }
    }
    panic!("Tab never reached the map");
}

#[test]
fn the_keyboard_alone_reaches_and_opens_map_items() {
    let mut h = harness();
    tab_to_map(&mut h);
    let items = h.state().map.items().len();
    assert!(items > 20, "{items} items in view");
    // N steps to each item in turn; find Helmand and open it with Enter.
    let mut found = false;
    for _ in 0..items {
        h.key_press(Key::N);
        h.run_steps(1);
        let at = h.state().map.key_item().map(|i| i.name.clone());
        if at.is_some_and(|n| n.starts_with("Helmand province")) {
            found = true;
            break;
        }
    }
    assert!(found, "N never reached Helmand");
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(h.state().selection, Selection::Province("AF-HEL".into()));
    // P steps back; the map keeps focus, so arrows still pan.
    let before = h.state().map.current().expect("view");
    h.key_press(Key::P);
    h.key_press(Key::ArrowRight);
    h.run_steps(2);
    assert_ne!(h.state().map.current().expect("view").0, before.0);
}

/// What must not be on screen while `question` waits: the sentence it cites and, by kind, the
/// correct choice's figure, the answer place's name, or the dated event's title.
fn give_aways(app: &AtlasApp, q: &event_atlas::model::Question) -> Vec<String> {
    let data = &app.atlas.data;
    let mut out = vec![q.quote.clone()];
    match &q.answer {
        Answer::Choice { choices, correct } => {
            let right = &choices[*correct];
            // Its figures ("1,000") or, without any, the words themselves.
            let figures: Vec<String> = right
                .split_whitespace()
                .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
                .map(str::to_string)
                .collect();
            if figures.is_empty() {
                out.push(right.clone());
            } else {
                out.extend(figures);
            }
        }
        Answer::Place { place, .. } => {
            let p = data.places.iter().find(|p| &p.id == place).expect("place");
            out.push(p.name.clone());
        }
        Answer::Date { event, .. } => {
            let e = data.events.iter().find(|e| &e.id == event).expect("event");
            out.push(e.title.clone());
        }
        // Every province is named on the map (the student must pick one); none is selected,
        // so no card lists its items (checked by the caller).
        Answer::Province { .. } => {}
    }
    out
}

#[test]
fn a_waiting_question_is_not_answered_anywhere_on_screen() {
    let mut h = harness();
    // As a class would meet it: the tour first (it leaves a selection and a view), then the quiz.
    h.state_mut().start_tour(1, true);
    h.run_steps(4);
    h.state_mut().start_quiz();
    h.run_steps(4);
    assert_eq!(h.state().selection, Selection::None);
    // From the story's home view (as the Home key gives it), not where the tour left off.
    let started = h.state().map.current().expect("view");
    h.key_press(Key::H);
    h.run_steps(3);
    let home = h.state().map.current().expect("view");
    let off = (started.0.x - home.0.x).hypot(started.0.y - home.0.y);
    assert!(
        off < 1e-6 && (started.1 - home.1).abs() < 1e-6,
        "the quiz starts at home ({off})"
    );
    let quiz = h.state().quizzes.quiz.clone().expect("quiz");
    for (i, q) in quiz.questions.iter().enumerate() {
        h.state_mut().quizzes.saved.index = i;
        h.state_mut().quizzes.verdict = None;
        h.run_steps(4);
        assert!(shows(&h, &q.prompt), "question {} shows", q.id);
        assert_eq!(h.state().selection, Selection::None, "question {}", q.id);
        // The card's own words (prompt, choices) may name anything; nothing else may.
        let card: Vec<&str> = match &q.answer {
            Answer::Choice { choices, .. } => choices.iter().map(String::as_str).collect(),
            _ => Vec::new(),
        };
        let text: Vec<String> = screen_text(&h)
            .into_iter()
            .filter(|t| *t != q.prompt && !card.contains(&t.as_str()))
            .collect();
        for secret in give_aways(h.state(), q) {
            let hit = text.iter().find(|t| t.contains(secret.as_str()));
            assert!(
                hit.is_none(),
                "question {}: {secret:?} is on screen in {hit:?}",
                q.id
            );
        }
    }
}

#[test]
fn after_the_answer_everything_comes_back() {
    let mut h = harness();
    h.state_mut().start_quiz();
    h.run_steps(3);
    let i = h
        .state()
        .quizzes
        .quiz
        .as_ref()
        .expect("quiz")
        .questions
        .iter();
    let i = i
        .clone()
        .position(|q| q.id == "how-many-5-july")
        .expect("question");
    h.state_mut().quizzes.saved.index = i;
    h.run_steps(3);
    assert!(!shows(&h, "nearly 1,600"));
    h.get_by_label("More than 1,000").click();
    h.run_steps(3);
    assert!(shows(&h, "Right!"));
    // The counter's figures and the crossings are back.
    assert!(shows(&h, "nearly 1,600"), "{:?}", screen_text(&h));
    assert!(shows(&h, "Crossing, 5 July 2021: more than 1,000"));
}

/// The controls in the accessibility tree that a screen reader could not name.
fn unnamed_controls(h: &Harness<'_, AtlasApp>) -> Vec<String> {
    use egui::accesskit::Role;
    let controls = [
        Role::Button,
        Role::CheckBox,
        Role::RadioButton,
        Role::TextInput,
        Role::Slider,
        Role::SpinButton,
        Role::ComboBox,
        Role::Link,
        Role::MenuItem,
        Role::ListBoxOption,
        Role::Switch,
    ];
    h.root()
        .children_recursive()
        .filter_map(|n| {
            let node = n.accesskit_node();
            // A value ("8", typed text) says what is in a control, not what it is for.
            let named = node.label().is_some_and(|l| !l.trim().is_empty());
            (controls.contains(&node.role()) && !named).then(|| format!("{n:?}"))
        })
        .collect()
}

#[test]
fn every_control_has_an_accessible_name() {
    let mut h = harness();
    let check = |h: &mut Harness<'_, AtlasApp>, when: &str| {
        h.run_steps(3);
        let unnamed = unnamed_controls(h);
        assert!(unnamed.is_empty(), "{when}: {unnamed:#?}");
    };
    check(&mut h, "at start");
    // The drawing palette with the pen (colour swatches, width).
    h.state_mut().drawing.settings.tool = event_atlas::ui::draw::Tool::Pen;
    check(&mut h, "with the pen");
    h.state_mut().drawing.settings.tool = event_atlas::ui::draw::Tool::Pan;
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::F);
    check(&mut h, "searching");
    h.key_press(Key::Escape);
    h.state_mut().start_tour(1, true);
    check(&mut h, "presenting");
    h.state_mut().start_quiz();
    check(&mut h, "in the quiz");
    for w in [
        event_atlas::ui::WindowId::Layers,
        event_atlas::ui::WindowId::ExportAnimation,
        event_atlas::ui::WindowId::ExportHandout,
        event_atlas::ui::WindowId::TourEditor,
        event_atlas::ui::WindowId::OpenStory,
        event_atlas::ui::WindowId::Article,
    ] {
        h.state_mut().apply(event_atlas::ui::Command::Open(w));
        check(&mut h, &format!("{w:?} open"));
    }
}
