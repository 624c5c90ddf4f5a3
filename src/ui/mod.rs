//! Views and features. A feature owns its state (the part saved for the next start apart from
//! the part that lives for a frame or a session) and its window; its `ui()` returns
//! [`Command`]s for the app to apply instead of reaching into other features.
//!
//! Features: [`map_view`] (the map), [`timeline`], [`layers`] (imported data), [`article`],
//! [`tour`], [`quiz`], [`draw`] (pen and pins), [`basemap`], [`export`] (pictures) and
//! [`stories`] (opening a story folder). Views without state of their own: [`side_panel`],
//! [`item_card`], [`legend`], [`imported_panel`], [`card`], [`about`], [`problems`].

pub mod about;
pub mod animate;
pub mod article;
pub mod basemap;
pub mod card;
mod command;
pub mod draw;
pub mod export;
pub mod handout;
pub mod imported_panel;
pub mod item_card;
pub mod keys;
pub mod layers;
pub mod legend;
pub mod map_view;
pub mod path_field;
pub mod problems;
pub mod quiz;
pub mod search;
pub mod selection;
pub mod side_panel;
pub mod stories;
pub mod story_builder;
pub mod theme;
pub mod timeline;
pub mod tour;

pub use command::{Command, WindowId};
pub use selection::{Resolved, Selection};
