//! Switching stories: a folder read and checked in the background replaces the story open;
//! the view goes to its home, the selection, highlight, tour and quiz start afresh, and the
//! user's own layers are read again for the new provinces. A folder that cannot be read is
//! listed with its problems and the story open stays.

use std::sync::Arc;

use super::AtlasApp;
use crate::atlas::Atlas;
use crate::model::DataSource;
use crate::ui::quiz::{QuizSaved, Quizzes};
use crate::ui::stories::StoryOrigin;
use crate::ui::tour::{TourSaved, Tours};
use crate::ui::{Command, Selection, WindowId};

impl AtlasApp {
    /// Takes a story folder when it has been read.
    pub(super) fn poll_story(&mut self, ctx: &egui::Context) {
        let Some((origin, loaded)) = self.stories.poll(ctx) else {
            return;
        };
        match loaded {
            Ok((atlas, problems)) => {
                self.switch_story(atlas, &origin);
                self.apply_all(problems.into_iter().map(Command::Problem));
            }
            Err(e) => self.apply(Command::Problem(format!(
                "{e}\nThe story open stays: {}",
                self.atlas.data.story.title
            ))),
        }
    }

    /// Goes back to the story built into the app.
    pub(super) fn open_built_in_story(&mut self) {
        match Atlas::load(DataSource::Embedded) {
            Ok(atlas) => self.switch_story(Arc::new(atlas), &StoryOrigin::BuiltIn),
            Err(e) => self.apply(Command::Problem(e.to_string())),
        }
    }

    /// Makes `atlas` the story shown (`origin`: where it came from).
    pub fn switch_story(&mut self, atlas: Arc<Atlas>, origin: &StoryOrigin) {
        self.atlas = atlas;
        self.title.clear();
        self.derived.clear();
        self.set_selection(Selection::None);
        self.clear_highlight();
        self.pending_view = None;
        let (tours, tour_problems) = Tours::new(TourSaved::default(), &self.atlas);
        let (quizzes, quiz_problems) = Quizzes::new(QuizSaved::default(), &self.atlas);
        self.tours = tours;
        self.quizzes = quizzes;
        self.search = Default::default();
        self.timeline.set_axis(self.atlas.scales.whole);
        self.timeline.show_all(&self.atlas);
        self.map.saved.needs_home = true;
        // Imported rows were matched to the old story's provinces: read them again.
        let saved = self.layers.saved();
        self.layers.layers.clear();
        self.layers.picked = None;
        self.layers.to_reopen = saved;
        self.reopen_saved_layers();
        self.stories.opened(origin);
        self.windows.remove(&WindowId::OpenStory);
        self.status = Some(format!("opened “{}”", self.atlas.data.story.title));
        self.problems
            .extend(tour_problems.into_iter().chain(quiz_problems));
        self.refresh();
    }
}
