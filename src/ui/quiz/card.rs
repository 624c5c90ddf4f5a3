//! The question card over the map: the prompt, how to answer, then the verdict, the answer,
//! the article's sentence and the score.

use egui::{Color32, Rect, RichText, Ui};

use super::{QuizAction, Quizzes};
use crate::model::{Answer, PartialDate, Question, Response, Verdict};
use crate::ui::card::{CardStyle, map_card};

const STYLE: CardStyle = CardStyle {
    width: (0.5, 320.0, 680.0),
    fill: crate::ui::theme::QUIZ_CARD,
    left: None,
};

impl Quizzes {
    /// The card over `map`. `cursor_day` is the timeline cursor's day (for date questions).
    /// Returns what was clicked and where the card was drawn.
    pub fn card(
        &self,
        ui: &Ui,
        map: Rect,
        scale: f32,
        cursor_day: i64,
    ) -> (Option<QuizAction>, Option<Rect>) {
        let (Some(quiz), Some(q)) = (self.quiz.as_ref(), self.question()) else {
            return (None, None);
        };
        let n = quiz.questions.len();
        let (right, done) = self.score();
        let (action, rect) = map_card(ui, "quiz-card", map, STYLE, |ui| {
            let head = format!(
                "{} · question {} of {n} · score {right} of {done}",
                quiz.title,
                self.saved.index + 1
            );
            ui.label(RichText::new(head).size(12.0 * scale).weak());
            ui.label(RichText::new(&q.prompt).strong().size(18.0 * scale));
            let mut action = how_to_answer(ui, q, self.verdict.is_some(), scale, cursor_day);
            if let Some(v) = &self.verdict {
                verdict(ui, v, q, scale);
            }
            ui.add_space(4.0);
            let last = self.saved.index + 1 >= n;
            action = buttons(ui, self.verdict.is_some(), last, (right, n), scale).or(action);
            action
        });
        (action, Some(rect))
    }
}

/// Choice buttons, "click on the map", or "answer with this date".
fn how_to_answer(
    ui: &mut Ui,
    q: &Question,
    answered: bool,
    scale: f32,
    cursor_day: i64,
) -> Option<QuizAction> {
    let mut action = None;
    match &q.answer {
        Answer::Choice { choices, .. } => {
            ui.horizontal_wrapped(|ui| {
                for (i, c) in choices.iter().enumerate() {
                    let b = egui::Button::new(RichText::new(c).size(14.0 * scale));
                    if ui.add_enabled(!answered, b).clicked() {
                        action = Some(QuizAction::Answer(Response::Choice(i)));
                    }
                }
            });
        }
        Answer::Province { .. } | Answer::Place { .. } if !answered => {
            ui.label(RichText::new("Click your answer on the map.").italics());
        }
        Answer::Date { .. } if !answered => {
            ui.horizontal(|ui| {
                let day = PartialDate::from_day_number(cursor_day).human();
                ui.label(format!("Time cursor: {day}"));
                if ui.button("Answer with this date").clicked() {
                    action = Some(QuizAction::Answer(Response::Day(cursor_day)));
                }
            });
        }
        _ => {}
    }
    action
}

/// Right or wrong, why, and the article's sentence.
fn verdict(ui: &mut Ui, v: &Verdict, q: &Question, scale: f32) {
    let (word, color) = if v.correct {
        ("Right!", Color32::from_rgb(0x00, 0x7A, 0x4D))
    } else {
        ("Not quite.", Color32::from_rgb(0xB0, 0x3A, 0x00))
    };
    ui.label(RichText::new(word).strong().size(16.0 * scale).color(color));
    ui.label(RichText::new(&v.detail).size(14.0 * scale));
    ui.label(
        RichText::new(format!("“{}”", q.quote))
            .italics()
            .size(13.0 * scale),
    );
}

/// Next question (or the final score), Start again, End quiz.
fn buttons(
    ui: &mut Ui,
    answered: bool,
    last: bool,
    (right, n): (usize, usize),
    scale: f32,
) -> Option<QuizAction> {
    let mut action = None;
    ui.horizontal(|ui| {
        if answered && !last {
            if ui.button("Next question >").clicked() {
                action = Some(QuizAction::Next);
            }
        } else if answered {
            let score = format!("You scored {right} of {n}.");
            ui.label(RichText::new(score).strong().size(15.0 * scale));
        }
        if ui.button("Start again").clicked() {
            action = Some(QuizAction::Restart);
        }
        if ui.button("End quiz").clicked() {
            action = Some(QuizAction::End);
        }
    });
    action
}
