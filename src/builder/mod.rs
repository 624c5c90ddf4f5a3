//! Building a story from an article (part 8): the extraction rules, each in one place with the
//! tests that show it. Plain Rust, no egui.

pub mod counts;

pub use counts::{FoundCount, counts_in};
