//! What survives a restart, in one place: each feature's saved part, the selection and the
//! reading preferences. Nothing else is written to eframe's storage.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::map::choropleth::Shading;
use crate::map::tiles::Basemap;
use crate::ui::draw::DrawSettings;
use crate::ui::layers::SavedLayer;
use crate::ui::map_view::MapSaved;
use crate::ui::quiz::QuizSaved;
use crate::ui::stories::StoriesSaved;
use crate::ui::timeline::TimelineSaved;
use crate::ui::tour::TourSaved;
use crate::ui::{Selection, WindowId};

/// Storage key of the persisted state.
pub const STORAGE_KEY: &str = "event-atlas-state";

/// Everything that survives a restart.
#[derive(Serialize, Deserialize)]
#[serde(default)]
pub struct Persisted {
    /// The story folder open and the recent ones.
    pub stories: StoriesSaved,
    /// The view.
    pub map: MapSaved,
    pub selection: Selection,
    /// Time cursor, window and hidden kinds; the axis; playback settings.
    pub timeline: TimelineSaved,
    pub shading: Shading,
    /// Panels open (details, timeline, legend).
    pub panels: BTreeSet<WindowId>,
    /// Extra size of the map's text (View › Map text size).
    pub text_scale: f32,
    /// Size of everything in the window (View › Text size; Ctrl +/− too), for projectors.
    pub ui_zoom: f32,
    pub tour: TourSaved,
    pub quiz: QuizSaved,
    /// Drawing tools (the drawings are saved to their own file).
    pub drawing: DrawSettings,
    /// Data files the user opened (read again at start), with their filters.
    pub layers: Vec<SavedLayer>,
    /// The basemap: offline (default), online tiles, or a PMTiles file.
    pub basemap: Basemap,
    /// Where File › Export view as PNG writes.
    pub export_path: String,
    /// File › Export animation's settings.
    pub animation: crate::ui::animate::AnimationSaved,
    /// Where File › Export handout writes.
    pub handout_path: String,
}

impl Default for Persisted {
    fn default() -> Self {
        Self {
            stories: StoriesSaved::default(),
            map: MapSaved::default(),
            selection: Selection::None,
            timeline: TimelineSaved::default(),
            shading: Shading::default(),
            panels: WindowId::DEFAULT_OPEN.into_iter().collect(),
            text_scale: 1.0,
            ui_zoom: 1.0,
            tour: TourSaved::default(),
            quiz: QuizSaved::default(),
            drawing: DrawSettings::default(),
            layers: Vec::new(),
            basemap: Basemap::Offline,
            export_path: "event-atlas-view.png".into(),
            animation: Default::default(),
            handout_path: "lesson.pdf".into(),
        }
    }
}
