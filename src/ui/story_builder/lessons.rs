//! Editing the draft tour and quiz before class: each slide's title, narration, what its view
//! fits, the date it sets the timeline to and its place in the order; each question's prompt and answer (the provinces or place
//! to click and how near, the choices and the right one, the event and how many days off).
//! Every id offered comes from the draft itself, so what is saved passes the check.

use egui::{ComboBox, DragValue, RichText, Ui};

use super::Draft;
use crate::builder::Built;
use crate::model::{Answer, PartialDate, Question, Slide, SlideTime, SlideView};

/// What a row's buttons asked for.
enum RowAction {
    Remove(usize),
    /// Swap with the one before.
    Up(usize),
}

/// Applies a row action to a list.
fn apply<T>(items: &mut Vec<T>, action: Option<RowAction>) {
    match action {
        Some(RowAction::Remove(i)) if i < items.len() => {
            items.remove(i);
        }
        Some(RowAction::Up(i)) if i > 0 && i < items.len() => items.swap(i - 1, i),
        _ => {}
    }
}

/// Buttons under a row: move it up, remove it.
fn row_buttons(ui: &mut Ui, i: usize, noun: &str) -> Option<RowAction> {
    let mut action = None;
    ui.horizontal(|ui| {
        if ui
            .add_enabled(i > 0, egui::Button::new("Move up"))
            .clicked()
        {
            action = Some(RowAction::Up(i));
        }
        if ui.button(format!("Remove {noun}")).clicked() {
            action = Some(RowAction::Remove(i));
        }
    });
    action
}

/// What an id of a view or an answer is called: a place's name, a province's, or the id.
fn name_of(b: &Built, id: &str) -> String {
    if let Some(p) = b.provinces.iter().find(|p| p.iso.eq_ignore_ascii_case(id)) {
        return p.name.clone();
    }
    // A view may fit a country by its code ("SD"); its place's id is the code in lower case.
    match b.places.iter().any(|p| p.id == id) {
        true => b.place_name(id),
        false => b.place_name(&id.to_lowercase()),
    }
}

/// Small removable tags for ids, keeping at least one; the index of the one removed.
fn chips(ui: &mut Ui, b: &Built, ids: &[String]) -> Option<usize> {
    let mut removed = None;
    ui.horizontal_wrapped(|ui| {
        for (k, id) in ids.iter().enumerate() {
            let label = format!("{} ×", name_of(b, id));
            let chip = ui
                .add_enabled(ids.len() > 1, egui::Button::new(label).small())
                .on_hover_text("Remove (one must stay)");
            if chip.clicked() {
                removed = Some(k);
            }
        }
    });
    removed
}

/// A menu of the draft's places (and provinces, when `provinces`) to add; the id picked.
fn add_menu(ui: &mut Ui, b: &Built, label: &str, provinces: bool) -> Option<String> {
    let mut picked = None;
    ComboBox::from_label(label)
        .selected_text("choose…")
        .show_ui(ui, |ui| {
            for p in &b.places {
                if ui.selectable_label(false, &p.name).clicked() {
                    picked = Some(p.id.clone());
                }
            }
            if provinces {
                ui.separator();
                for p in &b.provinces {
                    let text = format!("{} ({})", p.name, p.iso);
                    if ui.selectable_label(false, text).clicked() {
                        picked = Some(p.iso.clone());
                    }
                }
            }
        });
    picked
}

/// A list to edit row by row, each with Move up and Remove under it.
fn rows<T>(
    ui: &mut Ui,
    id: &str,
    items: &mut Vec<T>,
    noun: &str,
    mut row: impl FnMut(&mut Ui, usize, &mut T),
) {
    let mut action = None;
    egui::ScrollArea::vertical().id_salt(id).show(ui, |ui| {
        for (i, item) in items.iter_mut().enumerate() {
            ui.push_id(i, |ui| {
                ui.separator();
                row(ui, i, item);
                if let Some(a) = row_buttons(ui, i, noun) {
                    action = Some(a);
                }
            });
        }
    });
    apply(items, action);
}

/// The draft tour: each slide's title, narration and view, in an order to change.
pub(super) fn tour(ui: &mut Ui, d: &mut Draft) {
    super::edit::field(ui, "Tour title", &mut d.built.tour.title, 400.0);
    let mut slides = std::mem::take(&mut d.built.tour.slides);
    rows(ui, "story-tour", &mut slides, "slide", |ui, i, s| {
        super::edit::field(ui, &format!("Slide {}", i + 1), &mut s.title, 360.0);
        ui.add(
            egui::TextEdit::multiline(&mut s.narration)
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        );
        view(ui, &d.built, s);
        time(ui, s);
    });
    d.built.tour.slides = slides;
}

/// What a slide's view fits: remove one, add a place or province, or fit places instead of a
/// fixed centre.
fn view(ui: &mut Ui, b: &Built, s: &mut Slide) {
    match &mut s.view {
        SlideView::Fit { fit } => {
            ui.label(RichText::new("The view fits:").weak());
            if let Some(k) = chips(ui, b, fit) {
                fit.remove(k);
            }
            if let Some(id) = add_menu(ui, b, "Add to the view", true)
                && !fit.contains(&id)
            {
                fit.push(id);
            }
        }
        SlideView::Center { center, zoom } => {
            ui.label(
                RichText::new(format!(
                    "The view: centre {:.2}, {:.2} at zoom {zoom:.1}",
                    center[1], center[0]
                ))
                .weak(),
            );
            if let Some(id) = add_menu(ui, b, "Fit a place instead", true) {
                s.view = SlideView::Fit { fit: vec![id] };
            }
        }
    }
}

/// The date a slide sets the timeline to, as typed: applied once it parses, removed when
/// emptied. The text being typed is kept apart, so a half-typed date is not lost.
fn time(ui: &mut Ui, s: &mut Slide) {
    let id = ui.make_persistent_id(("slide-date", &s.id));
    let shown = s
        .time
        .as_ref()
        .map(|t| t.date.to_string())
        .unwrap_or_default();
    let mut text: String = ui.data_mut(|m| m.get_temp(id)).unwrap_or(shown);
    let typed = super::edit::field(ui, "Timeline date", &mut text, 100.0);
    let parsed = text.trim().parse::<PartialDate>();
    if typed.changed() {
        match (&parsed, text.trim().is_empty()) {
            (_, true) => s.time = None,
            (Ok(date), false) => {
                let window = s.time.as_ref().and_then(|t| t.window);
                s.time = Some(SlideTime {
                    date: *date,
                    window,
                });
            }
            (Err(_), false) => {}
        }
    }
    let hint = match (&parsed, text.trim().is_empty()) {
        (_, true) => "none: the slide leaves the timeline as it is".to_string(),
        (Ok(date), false) => format!("the slide sets the timeline to {}", date.human()),
        (Err(_), false) => "not a date yet (YYYY, YYYY-MM or YYYY-MM-DD)".to_string(),
    };
    ui.label(RichText::new(hint).weak());
    ui.data_mut(|m| m.insert_temp(id, text));
}

/// The draft quiz: each question's prompt and answer, in an order to change.
pub(super) fn quiz(ui: &mut Ui, d: &mut Draft) {
    super::edit::field(ui, "Quiz title", &mut d.built.quiz.title, 400.0);
    let mut questions = std::mem::take(&mut d.built.quiz.questions);
    rows(ui, "story-quiz", &mut questions, "question", |ui, _, q| {
        ui.add(
            egui::TextEdit::multiline(&mut q.prompt)
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        );
        answer(ui, &d.built, q);
    });
    d.built.quiz.questions = questions;
}

/// A question's answer, edited in its own terms.
fn answer(ui: &mut Ui, b: &Built, q: &mut Question) {
    match &mut q.answer {
        Answer::Province { provinces } => {
            ui.label(RichText::new("Answer: click one of").weak());
            if let Some(k) = chips(ui, b, provinces) {
                provinces.remove(k);
            }
            let codes: Vec<&str> = b.provinces.iter().map(|p| p.iso.as_str()).collect();
            if let Some(id) = add_menu(ui, b, "Add a province", true)
                && codes.contains(&id.as_str())
                && !provinces.contains(&id)
            {
                provinces.push(id);
            }
        }
        Answer::Place { place, within_km } => {
            ui.horizontal(|ui| {
                ui.label(RichText::new(format!("Answer: click near {}", name_of(b, place))).weak());
                ui.add(DragValue::new(within_km).range(1.0..=2000.0).suffix(" km"));
            });
            if let Some(id) = add_menu(ui, b, "Another place", false) {
                *place = id;
            }
        }
        Answer::Choice { choices, correct } => {
            ui.label(RichText::new("Answer: pick the right choice").weak());
            for (k, c) in choices.iter_mut().enumerate() {
                ui.horizontal(|ui| {
                    ui.radio_value(correct, k, "right")
                        .on_hover_text("This choice is the answer");
                    ui.text_edit_singleline(c);
                });
            }
        }
        Answer::Date { event, within_days } => {
            let title = b
                .events
                .iter()
                .find(|e| e.id == *event)
                .map_or_else(|| event.clone(), |e| e.title.clone());
            ui.horizontal(|ui| {
                ui.label(RichText::new(format!("Answer: the day of “{title}”, ±")).weak());
                ui.add(DragValue::new(within_days).range(0..=3650).suffix(" days"));
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_move_up_and_go() {
        let mut v = vec![1, 2, 3];
        apply(&mut v, Some(RowAction::Up(2)));
        assert_eq!(v, [1, 3, 2]);
        apply(&mut v, Some(RowAction::Up(0)));
        assert_eq!(v, [1, 3, 2], "the first stays first");
        apply(&mut v, Some(RowAction::Remove(1)));
        assert_eq!(v, [1, 2]);
        apply(&mut v, Some(RowAction::Remove(5)));
        assert_eq!(v, [1, 2]);
    }
}
