//! The classroom across features: a slide sets the date, the highlight, the selection and the
//! view; a quiz answer selects and shows the answer; a new slide is made from what is on
//! screen.

use super::AtlasApp;
use crate::model::{Highlight, PartialDate, Slide, SlideTime, SlideView};
use crate::timeline::TimeMode;
use crate::ui::quiz::QuizAction;
use crate::ui::{Command, Selection};

impl AtlasApp {
    /// Presents slide `i` (0-based); `instant` jumps instead of flying (screenshots).
    pub fn start_tour(&mut self, i: usize, instant: bool) {
        let Some(slide) = self.tours.slide(i).cloned() else {
            return;
        };
        if !self.tours.saved.active {
            // Presenting begins: the map takes the screen, the clock starts.
            self.tours.folds = crate::ui::tour::Folds::all();
            self.tours.started_at = None;
        }
        self.tours.saved.active = true;
        self.tours.saved.slide = i;
        self.quizzes.saved.active = false;
        self.timeline.playing = false;
        if let Some(t) = slide.time {
            self.apply(Command::SetTime(t.date, t.window));
        }
        self.apply(Command::Highlight(slide.highlight.clone()));
        self.apply(Command::Select(first_highlighted(&slide.highlight)));
        self.apply(Command::ShowView {
            view: slide.view,
            instant,
        });
    }

    /// Presenting with the presenter view: this window is the projector's, showing only the
    /// map and the slide's title.
    pub fn projecting(&self) -> bool {
        self.tours.saved.active && self.tours.presenter && crate::platform::ABILITIES.windows
    }

    /// Whether `f` is folded away (only while presenting).
    pub fn folded(&self, f: crate::ui::tour::Fold) -> bool {
        self.tours.saved.active && self.tours.folds.folded(f)
    }

    /// Stops presenting.
    pub(super) fn end_tour(&mut self) {
        self.tours.saved.active = false;
        self.clear_highlight();
    }

    /// Starts the quiz from its first question, from the story's home view with nothing
    /// selected (ends a tour in progress).
    pub fn start_quiz(&mut self) {
        self.end_tour();
        self.quizzes.restart();
        self.clear_highlight();
        self.apply(Command::Select(Selection::None));
        self.apply(Command::PickCluster(None));
        self.apply(Command::Home);
    }

    /// Ends the quiz.
    pub(super) fn end_quiz(&mut self) {
        self.quizzes.saved.active = false;
        self.quizzes.verdict = None;
        self.clear_highlight();
    }

    /// Carries out what the student did on the quiz card or the map.
    pub(super) fn quiz_action(&mut self, action: QuizAction) {
        let atlas = self.atlas.clone();
        let commands = self.quizzes.act(action, &atlas);
        self.apply_all(commands);
    }

    /// A slide made from what is on screen: the view, the date (and window), the selection.
    pub fn slide_from_view(&self) -> Slide {
        let (center, zoom) = self
            .map
            .current()
            .unwrap_or((self.atlas.home.center(), 6.0));
        let c = crate::spatial::mercator::inverse_mercator(center);
        let round = |v: f64| (v * 1e4).round() / 1e4;
        let f = &self.timeline.filter().time;
        let mut highlight = Highlight::default();
        match &self.selection {
            Selection::Province(p) => highlight.provinces.push(p.clone()),
            Selection::Place(p) => highlight.places.push(p.clone()),
            Selection::Event(e) => highlight.events.push(e.clone()),
            Selection::Crossing(x) => highlight.crossings.push(x.clone()),
            Selection::None => {}
        }
        Slide {
            id: self.tours.free_slide_id(),
            title: format!("New slide {}", self.tours.len() + 1),
            narration: String::new(),
            quotes: Vec::new(),
            view: SlideView::Center {
                center: [round(c.x), round(c.y)],
                zoom: (zoom * 100.0).round() / 100.0,
            },
            time: Some(SlideTime {
                date: PartialDate::from_day_number(f.day()),
                window: (f.mode == TimeMode::Window).then_some(f.window),
            }),
            highlight,
        }
    }

    /// The article sentence of the selected event or crossing (for quoting on a slide).
    pub(super) fn selected_quote(&self) -> Option<String> {
        let data = &self.atlas.data;
        Some(match self.resolved.item? {
            crate::atlas::Item::Event(i) => data.events[i].quote.clone(),
            crate::atlas::Item::Crossing(i) => data.crossings.crossings[i].quote.clone(),
        })
    }

    /// Reopens the teacher's tour file of the last session, in the background; if it is gone
    /// or broken the story's own tour stays, and the problem is listed.
    pub(super) fn reopen_teacher_tour(&mut self) {
        let Some(path) = self.tours.saved.path.clone() else {
            return;
        };
        if let Err(e) = self.tours.open_in_background(path, self.atlas.clone()) {
            self.problems.push(e);
        }
    }
}

/// The first thing a slide highlights, shown in the side panel.
fn first_highlighted(h: &Highlight) -> Selection {
    if let Some(p) = h.provinces.first() {
        Selection::Province(p.clone())
    } else if let Some(e) = h.events.first() {
        Selection::Event(e.clone())
    } else if let Some(x) = h.crossings.first() {
        Selection::Crossing(x.clone())
    } else if let Some(p) = h.places.first() {
        Selection::Place(p.clone())
    } else {
        Selection::None
    }
}
