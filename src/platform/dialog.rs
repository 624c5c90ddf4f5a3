//! The native file dialog, on a job of its own (it waits for the person; the window keeps
//! drawing). Where no dialog service exists it answers `None` at once, and the app says to type
//! the path instead.

use std::path::PathBuf;

use super::Job;

/// What the person is asked to choose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileKind {
    /// An ACLED or UCDP GED CSV, or GeoJSON, to open as a layer.
    Data,
    /// A text file to geocode.
    Article,
    /// An article to build a story from.
    ArticleForStory,
    /// A PMTiles file for the basemap.
    PmTiles,
    /// A story folder.
    StoryFolder,
    /// Where to save a layer's export (the suggested file name).
    SaveData(String),
}

/// Opens the dialog for `kind`; the job yields the path chosen, or `None`. Where there are no
/// paths (the browser) it is refused: the UI offers no such button there.
pub fn pick_file(kind: FileKind) -> Result<Job<Option<PathBuf>>, String> {
    if !super::ABILITIES.paths {
        return Err("choosing files by path works only in the desktop app".into());
    }
    native(kind)
}

#[cfg(target_arch = "wasm32")]
fn native(_: FileKind) -> Result<Job<Option<PathBuf>>, String> {
    Err("choosing files by path works only in the desktop app".into())
}

#[cfg(not(target_arch = "wasm32"))]
fn native(kind: FileKind) -> Result<Job<Option<PathBuf>>, String> {
    Job::spawn("file dialog", move |_| {
        let d = rfd::FileDialog::new();
        match kind {
            FileKind::Data => d
                .add_filter(
                    "Event data (ACLED, UCDP GED, GeoJSON)",
                    &["csv", "geojson", "json"],
                )
                .add_filter("All files", &["*"])
                .pick_file(),
            FileKind::Article | FileKind::ArticleForStory => d
                .add_filter("Text", &["txt", "text", "md"])
                .add_filter("All files", &["*"])
                .pick_file(),
            FileKind::PmTiles => d
                .add_filter("PMTiles", &["pmtiles"])
                .add_filter("All files", &["*"])
                .pick_file(),
            FileKind::StoryFolder => d.pick_folder(),
            FileKind::SaveData(name) => d
                .add_filter("CSV", &["csv"])
                .add_filter("GeoJSON", &["geojson", "json"])
                .set_file_name(&name)
                .save_file(),
        }
    })
}
