//! The quiz feature: one question at a time, answered on the map, by choice or on the timeline;
//! then right or wrong, the answer shown on the map with the article's sentence, and a score.
//!
//! Grading is in [`crate::model::quiz`]; showing the answer (selecting, highlighting, flying to
//! it) reaches other features, so it is asked of the app as commands. The card is in [`card`].

mod card;

use serde::{Deserialize, Serialize};

use super::{Command, Selection};
use crate::atlas::{Atlas, Item};
use crate::model::{Answer, Highlight, Question, Quiz, Response, SlideView, Verdict};
use crate::timeline::Concealed;

/// What survives a restart: the round in progress.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct QuizSaved {
    /// Running now: map clicks answer the question instead of selecting.
    pub active: bool,
    /// Current question (0-based).
    pub index: usize,
    /// Right (`true`) or wrong per question answered in this round.
    pub results: Vec<Option<bool>>,
}

/// What the student did on the card.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum QuizAction {
    Answer(Response),
    Next,
    Restart,
    End,
}

/// The quiz: the round's saved state, the quiz itself (from the story), and the verdict on the
/// question showing.
#[derive(Debug, Clone, Default)]
pub struct Quizzes {
    pub saved: QuizSaved,
    pub quiz: Option<Quiz>,
    /// The verdict on the current question, once answered.
    pub verdict: Option<Verdict>,
    /// What `concealed` worked out, and for which (running, question, answered): it is asked
    /// for on every refresh of the filter, and changes only with these.
    concealed: Option<((bool, usize, bool), Concealed)>,
}

impl Quizzes {
    /// The story's quiz with the round restored from `saved`; a broken quiz is a problem and
    /// the app goes on without it.
    pub fn new(saved: QuizSaved, atlas: &Atlas) -> (Self, Vec<String>) {
        let mut q = Self {
            saved,
            ..Self::default()
        };
        let mut problems = Vec::new();
        match atlas.data.quiz() {
            Ok(Some(quiz)) => {
                let n = quiz.questions.len();
                if q.saved.results.len() != n || q.saved.index >= n {
                    q.saved.results = vec![None; n];
                    q.saved.index = 0;
                }
                q.quiz = Some(quiz);
            }
            Ok(None) => q.saved.active = false,
            Err(e) => {
                q.saved.active = false;
                problems.push(format!("{e}\nThe rest of the app works without the quiz."));
            }
        }
        (q, problems)
    }

    /// Questions answered right so far, and answered at all.
    pub fn score(&self) -> (usize, usize) {
        let r = &self.saved.results;
        let right = r.iter().filter(|r| **r == Some(true)).count();
        (right, r.iter().filter(|r| r.is_some()).count())
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
        self.saved.index = 0;
        self.saved.results = vec![None; self.len()];
        self.verdict = None;
        self.saved.active = !self.is_empty();
    }

    /// The question showing.
    pub fn question(&self) -> Option<&Question> {
        self.quiz.as_ref()?.questions.get(self.saved.index)
    }

    /// Whether the current question waits for a click on the map.
    pub fn wants_map_click(&self) -> bool {
        self.waiting()
            && self
                .question()
                .is_some_and(|q| matches!(q.answer, Answer::Province { .. } | Answer::Place { .. }))
    }

    /// Running, with a question not yet answered.
    pub fn waiting(&self) -> bool {
        self.saved.active && self.verdict.is_none()
    }

    /// What stays off the screen while a question waits: the items quoting the sentence it
    /// cites (and the event a "when" question asks for), the answer place of a map question
    /// with everything that happened there or crossed to or from it, and every count of
    /// people. Nothing once it is answered.
    pub fn concealed(&mut self, atlas: &Atlas) -> &Concealed {
        let key = (self.saved.active, self.saved.index, self.verdict.is_some());
        let fresh = match self.concealed.take() {
            Some((k, c)) if k == key => c,
            _ => self.conceal(atlas),
        };
        &self.concealed.insert((key, fresh)).1
    }

    fn conceal(&self, atlas: &Atlas) -> Concealed {
        let Some(q) = self.question().filter(|_| self.waiting()) else {
            return Concealed::default();
        };
        let mut items = quoting(atlas, &q.quote);
        let place = match &q.answer {
            Answer::Date { event, .. } => {
                items.extend(atlas.ids.event(event).map(Item::Event));
                None
            }
            Answer::Place { place, .. } => {
                items.extend(at_place(atlas, place));
                atlas.ids.place(place)
            }
            Answer::Province { .. } | Answer::Choice { .. } => None,
        };
        items.sort_unstable();
        items.dedup();
        Concealed {
            place,
            items,
            figures: true,
        }
    }

    /// Carries out what the student did; what it shows elsewhere comes back as commands.
    pub fn act(&mut self, action: QuizAction, atlas: &Atlas) -> Vec<Command> {
        match action {
            QuizAction::Answer(response) => self.answer(response, atlas),
            QuizAction::Next if self.saved.index + 1 < self.len() => {
                self.saved.index += 1;
                self.verdict = None;
                vec![
                    Command::Highlight(Highlight::default()),
                    Command::Select(Selection::None),
                    Command::Home,
                ]
            }
            QuizAction::Next => Vec::new(),
            QuizAction::Restart => vec![Command::StartQuiz],
            QuizAction::End => vec![Command::EndQuiz],
        }
    }

    /// Grades the answer, keeps the score, and shows where the answer is, right or wrong.
    fn answer(&mut self, response: Response, atlas: &Atlas) -> Vec<Command> {
        let Some(question) = self.question().cloned() else {
            return Vec::new();
        };
        let verdict = question.grade(response, &atlas.data, |lon, lat| {
            atlas
                .province_at(geo::Point::new(lon, lat))
                .map(|i| atlas.data.provinces[i].iso.clone())
        });
        if let Some(slot) = self.saved.results.get_mut(self.saved.index) {
            *slot = Some(verdict.correct);
        }
        self.verdict = Some(verdict);
        show_answer(&question.answer)
    }
}

/// Selects, highlights and brings into view (clear of the card) the answer of a question.
fn show_answer(answer: &Answer) -> Vec<Command> {
    let mut h = Highlight::default();
    let mut commands = Vec::new();
    match answer {
        Answer::Province { provinces } => {
            h.provinces.clone_from(provinces);
            if let Some(p) = provinces.first() {
                commands.push(Command::Select(Selection::Province(p.clone())));
            }
        }
        Answer::Place { place, .. } => {
            h.places.push(place.clone());
            commands.push(Command::Select(Selection::Place(place.clone())));
        }
        Answer::Date { event, .. } => {
            h.events.push(event.clone());
            commands.push(Command::Select(Selection::Event(event.clone())));
        }
        Answer::Choice { .. } => {}
    }
    let fit: Vec<String> = h.provinces.iter().chain(&h.places).cloned().collect();
    commands.push(Command::Highlight(h));
    if !fit.is_empty() {
        let view = SlideView::Fit { fit };
        commands.push(Command::ShowView {
            view,
            instant: false,
        });
    }
    commands
}

/// The events and crossings whose article sentence is `quote` (spacing aside).
fn quoting(atlas: &Atlas, quote: &str) -> Vec<Item> {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let quote = norm(quote);
    if quote.is_empty() {
        return Vec::new();
    }
    let data = &atlas.data;
    let events = data.events.iter().enumerate();
    let events = events
        .filter(|(_, e)| norm(&e.quote) == quote)
        .map(|(i, _)| Item::Event(i));
    let crossings = data.crossings.crossings.iter().enumerate();
    let crossings = crossings
        .filter(|(_, x)| norm(&x.quote) == quote)
        .map(|(i, _)| Item::Crossing(i));
    events.chain(crossings).collect()
}

/// The events and crossings that name `place` (where they happened, left or arrived).
fn at_place(atlas: &Atlas, place: &str) -> Vec<Item> {
    let data = &atlas.data;
    let events = data.events.iter().enumerate();
    let events = events
        .filter(|(_, e)| e.places.iter().any(|p| p == place))
        .map(|(i, _)| Item::Event(i));
    let crossings = data.crossings.crossings.iter().enumerate();
    let crossings = crossings
        .filter(|(_, x)| x.from == place || x.to == place)
        .map(|(i, _)| Item::Crossing(i));
    events.chain(crossings).collect()
}
