//! Running the quiz: loading it, grading answers, showing where the answer is.

use super::AtlasApp;
use crate::atlas::Highlighted;
use crate::model::{Dataset, SlideView};
use crate::ui::Selection;
use crate::ui::quiz::QuizAction;
use crate::ui::tour::TourAction;

impl AtlasApp {
    /// Loads the data's quiz; a broken one is listed as a problem and the app goes on without.
    pub(super) fn load_quiz(&mut self) {
        let source = self.atlas.data.source.clone();
        match Dataset::load_quiz(&source) {
            Ok(Some((quiz, _))) => {
                let n = quiz.questions.len();
                let q = &mut self.state.quiz;
                q.quiz = Some(quiz);
                if q.results.len() != n || q.index >= n {
                    q.results = vec![None; n];
                    q.index = 0;
                }
            }
            Ok(None) => self.state.quiz.active = false,
            Err(e) => {
                self.state.quiz.active = false;
                self.problems
                    .push(format!("{e}\nThe rest of the app works without the quiz."));
            }
        }
    }

    /// Starts the quiz from its first question (ends a tour in progress).
    pub fn start_quiz(&mut self) {
        self.tour_action(TourAction::End);
        self.state.quiz.restart();
        self.highlighted = Highlighted::default();
    }

    pub(super) fn quiz_action(&mut self, action: QuizAction) {
        match action {
            QuizAction::Answer(response) => {
                let q = &self.state.quiz;
                let Some(question) = q
                    .quiz
                    .as_ref()
                    .and_then(|z| z.questions.get(q.index))
                    .cloned()
                else {
                    return;
                };
                let atlas = self.atlas.clone();
                let verdict = question.grade(response, &atlas.data, |lon, lat| {
                    atlas
                        .province_at(geo::Point::new(lon, lat))
                        .map(|i| atlas.data.provinces[i].iso.clone())
                });
                // Show where the answer is, right or wrong.
                let mut h = crate::model::Highlight::default();
                match &question.answer {
                    crate::model::Answer::Province { provinces } => {
                        h.provinces.clone_from(provinces);
                        if let Some(p) = provinces.first() {
                            self.state.selection = Selection::Province(p.clone());
                        }
                    }
                    crate::model::Answer::Place { place, .. } => {
                        h.places.push(place.clone());
                        self.state.selection = Selection::Place(place.clone());
                    }
                    crate::model::Answer::Date { event, .. } => {
                        h.events.push(event.clone());
                        self.state.selection = Selection::Event(event.clone());
                    }
                    crate::model::Answer::Choice { .. } => {}
                }
                self.highlighted = self.atlas.resolve_highlight(&h);
                // Bring the answer into view, clear of the card.
                let fit: Vec<String> = h.provinces.iter().chain(&h.places).cloned().collect();
                if !fit.is_empty() {
                    self.pending_view = Some((SlideView::Fit { fit }, false, 0));
                }
                let q = &mut self.state.quiz;
                if let Some(slot) = q.results.get_mut(q.index) {
                    *slot = Some(verdict.correct);
                }
                q.verdict = Some(verdict);
            }
            QuizAction::Next => {
                let q = &mut self.state.quiz;
                if q.index + 1 < q.len() {
                    q.index += 1;
                    q.verdict = None;
                    self.highlighted = Highlighted::default();
                    self.state.selection = Selection::None;
                }
            }
            QuizAction::Restart => self.start_quiz(),
            QuizAction::End => {
                self.state.quiz.active = false;
                self.state.quiz.verdict = None;
                self.highlighted = Highlighted::default();
            }
        }
    }
}
