//! The quiz card: one question at a time, answered on the map, by choice or on the timeline,
//! then right or wrong with the answer and the article's sentence, and a running score.

use egui::{Align2, Color32, RichText, Ui, vec2};
use serde::{Deserialize, Serialize};

use crate::model::{Answer, PartialDate, Quiz, Response, Verdict};

/// Quiz state. The score of the round in progress persists; the quiz is reloaded on start.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct QuizState {
    /// Running now: map clicks answer the question instead of selecting.
    pub active: bool,
    /// Current question (0-based).
    pub index: usize,
    /// Right (`true`) or wrong per question answered in this round.
    pub results: Vec<Option<bool>>,
    #[serde(skip)]
    pub quiz: Option<Quiz>,
    /// The verdict on the current question, once answered.
    #[serde(skip)]
    pub verdict: Option<Verdict>,
}

/// What the student did on the card.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum QuizAction {
    Answer(Response),
    Next,
    Restart,
    End,
}

impl QuizState {
    /// Questions answered right so far, and answered at all.
    pub fn score(&self) -> (usize, usize) {
        let right = self.results.iter().filter(|r| **r == Some(true)).count();
        let done = self.results.iter().filter(|r| r.is_some()).count();
        (right, done)
    }

    /// Number of questions.
    pub fn len(&self) -> usize {
        self.quiz.as_ref().map_or(0, |q| q.questions.len())
    }

    /// No quiz, or one without questions.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Starts over from the first question.
    pub fn restart(&mut self) {
        self.index = 0;
        self.results = vec![None; self.len()];
        self.verdict = None;
        self.active = !self.is_empty();
    }

    /// Whether the current question waits for a click on the map.
    pub fn wants_map_click(&self) -> bool {
        self.active
            && self.verdict.is_none()
            && self
                .current_answer()
                .is_some_and(|a| matches!(a, Answer::Province { .. } | Answer::Place { .. }))
    }

    /// The current question's answer spec.
    pub fn current_answer(&self) -> Option<&Answer> {
        Some(&self.quiz.as_ref()?.questions.get(self.index)?.answer)
    }
}

/// The card over the map. `cursor_day` is the timeline cursor's day (for date questions).
/// Returns what was clicked and where the card was drawn.
pub fn card(
    ui: &Ui,
    state: &QuizState,
    rect: egui::Rect,
    scale: f32,
    cursor_day: i64,
) -> (Option<QuizAction>, Option<egui::Rect>) {
    let Some(quiz) = state.quiz.as_ref() else {
        return (None, None);
    };
    let Some(q) = quiz.questions.get(state.index) else {
        return (None, None);
    };
    let n = quiz.questions.len();
    let (right, done) = state.score();
    let mut action = None;
    let width = (rect.width() * 0.5).clamp(320.0, 680.0);
    let card = egui::Area::new(egui::Id::unique("quiz-card"))
        .fixed_pos(rect.center_top() + vec2(0.0, 10.0))
        .pivot(Align2::CENTER_TOP)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style())
                .fill(Color32::from_rgba_unmultiplied(250, 252, 255, 245))
                .inner_margin(12.0)
                .show(ui, |ui| {
                    ui.set_width(width);
                    ui.label(
                        RichText::new(format!(
                            "{} · question {} of {n} · score {right} of {done}",
                            quiz.title,
                            state.index + 1
                        ))
                        .size(12.0 * scale)
                        .weak(),
                    );
                    ui.label(RichText::new(&q.prompt).strong().size(18.0 * scale));
                    let answered = state.verdict.is_some();
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
                                ui.label(format!(
                                    "Time cursor: {}",
                                    PartialDate::from_day_number(cursor_day).human()
                                ));
                                if ui.button("Answer with this date").clicked() {
                                    action = Some(QuizAction::Answer(Response::Day(cursor_day)));
                                }
                            });
                        }
                        _ => {}
                    }
                    if let Some(v) = &state.verdict {
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
                    ui.add_space(4.0);
                    ui.horizontal(|ui| {
                        if state.verdict.is_some() && state.index + 1 < n {
                            if ui.button("Next question >").clicked() {
                                action = Some(QuizAction::Next);
                            }
                        } else if state.verdict.is_some() {
                            ui.label(
                                RichText::new(format!("You scored {right} of {n}."))
                                    .strong()
                                    .size(15.0 * scale),
                            );
                        }
                        if ui.button("Start again").clicked() {
                            action = Some(QuizAction::Restart);
                        }
                        if ui.button("End quiz").clicked() {
                            action = Some(QuizAction::End);
                        }
                    });
                });
        });
    (action, Some(card.response.rect))
}
