//! What differs between platforms, behind small interfaces: background jobs (threads on the
//! desktop, slices in the browser), file dialogs, the clock, raster tiles from a local file,
//! and what the platform can do at all ([`ABILITIES`]). Everything above uses these, never
//! `std::thread`, `std::time::Instant` or a dialog crate directly; `cfg(target_arch)` appears
//! only here and in the binary's entry point.

pub mod clock;
mod dialog;
mod jobs;
mod progress;
mod tiles;
pub mod world;

#[cfg(target_arch = "wasm32")]
pub mod web;

pub use dialog::{FileBytes, FileKind, pick_bytes, pick_file, read_dropped};
pub use jobs::{Job, POLL_EVERY, Poll, SLICE};
pub use progress::{Counting, Progress};
pub use tiles::{local_tiles, prepare_https};

/// What the platform can do, so the UI offers only what works there (and hides the rest).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Abilities {
    /// Threads for background work.
    pub threads: bool,
    /// Files and folders by path: story folders, recent stories, saving beside the story,
    /// file dialogs, the tile cache, PMTiles.
    pub paths: bool,
}

/// This platform's abilities.
pub const ABILITIES: Abilities = if cfg!(target_arch = "wasm32") {
    Abilities {
        threads: false,
        paths: false,
    }
} else {
    Abilities {
        threads: true,
        paths: true,
    }
};
