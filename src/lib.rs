//! Event Atlas: a news story as an interactive, offline map.
//!
//! # A story is a folder
//!
//! A story folder (the shipped one is `data/`, built into the binary) holds `story.json` (the
//! manifest: title, article, publication date, the countries whose provinces it draws, the
//! home view, credits), the article, `places.json`, `events.json`, `crossings.json`, the
//! boundaries, the gazetteer and the geocoder's name table (`lexicon.json`), and optionally a
//! tour and a quiz. Nothing in the code names the shipped story: it all comes from the folder.
//!
//! # Layers
//!
//! ```text
//!   app        the eframe app: keeps the features and the open windows, applies commands
//!    │
//!   ui         features (map view, timeline, layers, article, tour, quiz, drawing, basemap,
//!    │         export, stories) and plain views (side panel, cards, legend)
//!   map        one walkers plugin per layer, hit testing, the screen transform
//!    │
//!   atlas      the dataset with its id maps, indexes and prepared shapes, built once
//!    │
//!   ├── timeline   time filter, date index, playback, the crossing counter
//!   ├── spatial    geometry on `geo` types: province index, level of detail, borders,
//!   │              clusters, the geocoder
//!   ├── import     ACLED / UCDP GED / GeoJSON readers, filters, counts, exports
//!   └── model      plain serde types, loading, errors
//!
//!   check      `event-atlas check` (model, spatial)      cli   the data commands
//!   media      animations (GIF, APNG) and the handout (PDF), from pixels the app gives
//!   platform   background jobs, progress, the file dialog (below everything)
//! ```
//!
//! A module imports only from modules below it: [`model`], [`spatial`], [`timeline`],
//! [`import`], [`media`] and [`platform`] never import [`atlas`], [`map`], [`ui`] or [`app`];
//! [`map`] never imports [`ui`]; [`ui`] never imports [`app`]. There are no cycles between top-level
//! modules, and only [`ui`], [`map`] and [`app`] use egui.
//!
//! # Features and commands
//!
//! A feature (in [`ui`]) owns its state: a `saved` part that survives a restart, gathered into
//! the one persisted struct [`app::Persisted`], and the part that lives for a session or a
//! frame. Its `ui()` draws it and returns [`ui::Command`]s for anything beyond its own state;
//! [`app::AtlasApp`] applies them in one place (`app/apply.rs`). Work on files runs in a
//! [`platform::Job`] with progress and Cancel, never on the UI thread.
//!
//! # One click, from the pointer to the side panel
//!
//! 1. `AtlasApp::show` (`app/frame.rs`) resolves what the filter shows once per frame
//!    ([`atlas::Atlas::visible`], cached until the day, window, kinds or shading change) and
//!    draws the map through `MapView::ui` (`ui/map_view`), which adds one walkers plugin per
//!    layer.
//! 2. Inside walkers' `Map::show`, `interact` turns the projector into a
//!    [`map::ScreenTransform`] and calls [`map::hit::hit_test_placed`] with the frame's marker
//!    layout ([`map::SharedLayout`], computed once and shared with the markers and labels): a
//!    marker, then a crossing arrow, then the province under the point (an R-tree of
//!    triangles, [`spatial::ProvinceIndex`]).
//! 3. The hit becomes a [`ui::Selection`] by id (a province code, a place, event or crossing
//!    id) in the map's `MapOutput`; `AtlasApp::route_map` sends the click to the quiz, the pen
//!    or the pin if one wants it, else applies `Command::Select`.
//! 4. Applying it resolves the selection to indexes once through the atlas's id maps
//!    ([`atlas::IdMaps`]) into a [`ui::Resolved`]; the next frame, the side panel
//!    ([`ui::side_panel`]) lists the province's items (prepared per province in the atlas) in
//!    date order, what the filter shows first, and the map and timeline outline it.

pub mod app;
pub mod atlas;
pub mod builder;
pub mod check;
pub mod cli;
pub mod import;
pub mod map;
pub mod media;
pub mod model;
pub mod platform;
pub mod spatial;
pub mod timeline;
pub mod ui;
