//! Files made for a class from what the app shows: animations of the story playing (GIF,
//! APNG) and the printable handout. Plain Rust: the pixels come from the app, the files are
//! written here, atomically.

mod animation;
mod handout;

pub use animation::{AnimationWriter, Format, FramePlan, Written};
pub use handout::{
    Handout, Picture, Placed, QuizItem, SlidePage, handout_pdf, layout, write_handout,
};

use std::path::Path;

/// What can go wrong writing a class file; each names the file or the setting at fault.
#[derive(Debug, thiserror::Error)]
pub enum MediaError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{0}: write .gif, or .png / .apng for an animated PNG")]
    Format(String),
    #[error("{0}")]
    Plan(String),
    #[error("encoding failed: {0}")]
    Encode(String),
}

impl MediaError {
    /// An I/O error on `path`.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Self::Io {
            path: path.display().to_string(),
            source,
        }
    }
}
