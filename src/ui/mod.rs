//! Panels and overlays, each a small view with a `ui` function.

pub mod about;
pub mod article_window;
pub mod draw;
pub mod imported_panel;
pub mod item_card;
pub mod layers;
pub mod legend;
pub mod map_view;
pub mod quiz;
pub mod selection;
pub mod side_panel;
pub mod time_axis;
pub mod timeline;
pub mod tour;

pub use selection::Selection;
