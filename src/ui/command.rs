//! What a feature asks of the app: anything that reaches beyond the feature's own state (the
//! selection, the time, the view, another feature, a file). Features return these from their
//! `ui()`; the app applies them in order, in one place.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::Selection;
use crate::map::choropleth::Shading;
use crate::map::imported::ClusterHit;
use crate::map::tiles::Basemap;
use crate::model::{EventKind, Highlight, PartialDate, SlideView, Window};
use crate::platform::FileKind;

/// A window or panel of the app. The open ones are one set, kept by the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum WindowId {
    /// The details panel on the right.
    SidePanel,
    /// The timeline panel at the bottom.
    Timeline,
    /// The legend over the map (folded to a button when closed).
    Legend,
    About,
    Layers,
    Article,
    ExportPng,
    ExportAnimation,
    ExportHandout,
    TourEditor,
    OpenStory,
    /// File › New story from article…: the builder and its review.
    StoryBuilder,
}

impl WindowId {
    /// The panels open on a first start.
    pub const DEFAULT_OPEN: [WindowId; 3] = [Self::SidePanel, Self::Timeline, Self::Legend];

    /// Panels keep their state across a restart; windows open on request each time.
    pub fn persists(self) -> bool {
        matches!(self, Self::SidePanel | Self::Timeline | Self::Legend)
    }
}

/// A request from a feature to the app.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Show this in the side panel (and on the map).
    Select(Selection),
    /// List an imported cluster in the side panel, or stop listing it.
    PickCluster(Option<ClusterHit>),
    /// Put the time cursor at the end of a date, optionally showing only a window before it.
    SetTime(PartialDate, Option<Window>),
    /// Show or hide an event kind everywhere.
    ShowKind(EventKind, bool),
    /// Shade the provinces by this.
    Shade(Shading),
    /// Go to the story's home view.
    Home,
    /// Move the map to a view (fitted to the map area overlays leave free); `instant` jumps.
    ShowView {
        view: SlideView,
        instant: bool,
    },
    /// Make these stand out on the map (a slide, a quiz answer); empty clears.
    Highlight(Highlight),
    Open(WindowId),
    Close(WindowId),
    Toggle(WindowId),
    /// Open a data file as a layer.
    OpenData(PathBuf),
    /// Open a file's bytes as a layer (the browser: dropped on the page or picked).
    OpenDataBytes(crate::platform::FileBytes),
    /// Geocode a text file.
    OpenArticle(PathBuf),
    /// Geocode a text handed over as bytes (the browser).
    OpenArticleBytes(crate::platform::FileBytes),
    /// Open a story folder in place of the current one.
    OpenStory(PathBuf),
    /// Build a story from this article (File › New story from article…).
    BuildStory(PathBuf),
    /// Build a story from an article's text (picked in the browser, or pasted).
    BuildStoryBytes(crate::platform::FileBytes),
    /// Open a story held in memory (a draft's preview, a story downloaded in the browser).
    OpenStoryFiles(crate::model::StoryFiles),
    /// Open a tour file from its bytes (the browser's tour editor).
    OpenTourBytes(crate::platform::FileBytes),
    /// Open a story archive (.zip of a story folder) from its bytes.
    OpenStoryArchive(crate::platform::FileBytes),
    /// Go back to the story built into the app.
    OpenBuiltInStory,
    /// Ask the native file dialog for a file of this kind.
    Browse(FileKind),
    /// Ask the native file dialog where to export layer `layer` (suggesting `name`).
    BrowseExport {
        layer: usize,
        name: String,
    },
    /// Use this basemap.
    SetBasemap(Basemap),
    /// Capture the window to a PNG file (it keeps running).
    ExportPng(crate::platform::SaveTo),
    /// Record the timeline playing to an animation file.
    RecordAnimation {
        plan: crate::media::FramePlan,
        to: crate::platform::SaveTo,
    },
    /// Start presenting the tour at slide `i` (0-based); `instant` jumps to its view.
    StartTour {
        slide: usize,
        instant: bool,
    },
    EndTour,
    /// Add a slide made from the view, the date and the selection, after the current one.
    AddSlideFromView,
    StartQuiz,
    EndQuiz,
    /// A line for the menu bar ("saved lesson.png").
    Status(String),
    /// Something went wrong: listed in the problems window.
    Problem(String),
}
