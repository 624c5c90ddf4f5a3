//! What differs between platforms, behind small interfaces: background jobs (threads on the
//! desktop, slices in the browser), file dialogs, the clock, raster tiles from a local file,
//! and what the platform can do at all ([`ABILITIES`]). Everything above uses these, never
//! `std::thread`, `std::time::Instant` or a dialog crate directly; `cfg(target_arch)` appears
//! only here and in the binary's entry point.

pub mod clock;
mod dialog;
mod jobs;
mod progress;
mod save;
mod tiles;
pub mod world;

#[cfg(target_arch = "wasm32")]
pub mod web;

pub use dialog::{FileBytes, FileKind, Picked, pick_bytes, pick_file, read_dropped, too_large};
pub use jobs::{Job, POLL_EVERY, Poll, SLICE};
pub use progress::{Counting, Progress};
pub use save::SaveTo;
pub use tiles::{local_tiles, prepare_https};

/// What the platform can do, so the UI offers only what works there (and hides the rest).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Abilities {
    /// Threads for background work.
    pub threads: bool,
    /// Files and folders by path: story folders, recent stories, saving beside the story,
    /// file dialogs, the tile cache, PMTiles.
    pub paths: bool,
    /// Screen readers through AccessKit (the desktop); where there is none (the browser),
    /// the app can have the browser's speech read what has focus aloud instead.
    pub accesskit: bool,
    /// Windows of its own beside the main one (the presenter view on a second screen); the
    /// page has one canvas.
    pub windows: bool,
}

/// This platform's abilities.
pub const ABILITIES: Abilities = if cfg!(target_arch = "wasm32") {
    Abilities {
        threads: false,
        paths: false,
        accesskit: false,
        windows: false,
    }
} else {
    Abilities {
        threads: true,
        paths: true,
        accesskit: true,
        windows: true,
    }
};
