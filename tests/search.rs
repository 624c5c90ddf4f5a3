//! Finding a place: Ctrl+F or the map's Search button, results as you type with the
//! geocoder's spelling folding, Enter or a click flies there and selects it.

mod common;

use common::{harness, shows, wait_idle};

use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use event_atlas::app::AtlasApp;
use event_atlas::ui::Selection;

fn type_text(h: &mut Harness<'_, AtlasApp>, text: &str) {
    h.event(Event::Text(text.into()));
    h.run_steps(2);
}

fn open_with_keys(h: &mut Harness<'_, AtlasApp>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(3);
    assert!(h.state().search.open);
}

#[test]
fn spelling_variants_find_mazar_e_sharif_and_enter_selects_it() {
    for query in ["Mazar-i-Sharif", "Mazār", "mazar e sharif"] {
        let mut h = harness();
        open_with_keys(&mut h);
        type_text(&mut h, query);
        assert!(shows(&h, "Mazar-e Sharif"), "{query}");
        let before = h.state().map.current().expect("view");
        h.key_press(Key::Enter);
        h.run_steps(10);
        assert_eq!(
            h.state().selection,
            Selection::Place("mazar-e-sharif".into()),
            "{query}"
        );
        assert_ne!(h.state().map.current().expect("view"), before, "flew there");
        assert!(!h.state().search.open);
    }
}

#[test]
fn the_button_opens_it_and_arrows_choose_a_result() {
    let mut h = harness();
    h.get_by_label("Search").click();
    h.run_steps(3);
    type_text(&mut h, "kabul");
    // The world's names join the index in the background; the list is final once they have.
    wait_idle(&mut h);
    h.run_steps(2);
    // Kabul (the place) first, then Kabul province, the airport, the university…
    h.key_press(Key::ArrowDown);
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(4);
    assert_ne!(h.state().selection, Selection::None);
    assert_ne!(h.state().selection, Selection::Place("kabul".into()));
}

#[test]
fn a_click_on_a_result_selects_it_and_the_gazetteer_follows_the_story() {
    let mut h = harness();
    open_with_keys(&mut h);
    type_text(&mut h, "Takhar");
    h.get_by_label_contains("Takhar · province").click();
    h.run_steps(4);
    assert_eq!(h.state().selection, Selection::Province("AF-TAK".into()));
    // A town only the gazetteer knows.
    open_with_keys(&mut h);
    wait_idle(&mut h);
    type_text(&mut h, "Taloqan");
    assert!(shows(&h, "Taloqan, AF · place"));
    h.key_press(Key::Enter);
    h.run_steps(4);
    assert!(
        h.state()
            .status
            .as_deref()
            .is_some_and(|s| s.contains("not in this story"))
    );
}

#[test]
fn a_province_anywhere_is_found_and_opens_in_the_panel() {
    let mut h = harness();
    open_with_keys(&mut h);
    wait_idle(&mut h);
    type_text(&mut h, "North Darfur");
    assert!(shows(&h, "North Darfur, SD · first-level unit"));
    h.get_by_label_contains("North Darfur, SD · first-level unit")
        .click();
    h.run_steps(6);
    let Selection::Province(code) = h.state().selection.clone() else {
        panic!("{:?}", h.state().selection);
    };
    assert_eq!(
        h.state().atlas.world.by_code(&code).map(|u| h
            .state()
            .atlas
            .world
            .unit(u)
            .map(|p| p.name.clone())),
        Some(Some("North Darfur".to_string()))
    );
    assert!(shows(&h, "Sudan · "), "its panel is open");
}

#[test]
fn no_search_while_a_quiz_question_waits() {
    let mut h = harness();
    h.state_mut().start_quiz();
    h.run_steps(3);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(3);
    assert!(!h.state().search.open);
    assert!(h.query_by_label("Search").is_none());
}
