//! What differs between platforms, behind small interfaces: background jobs (threads on the
//! desktop), file dialogs. Plain Rust, no egui; everything above uses these, never `std::thread`
//! or a dialog crate directly.

mod dialog;
mod jobs;
mod progress;

pub use dialog::{FileKind, pick_file};
pub use jobs::{Job, Poll};
pub use progress::{Counting, Progress};
