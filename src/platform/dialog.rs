//! The native file dialog, on a job of its own (it waits for the person; the window keeps
//! drawing). Where no dialog service exists it answers `None` at once, and the app says to type
//! the path instead.

use std::path::PathBuf;

use super::Job;

/// A file's bytes with its name, as the browser hands them over (dropped on the page or chosen
/// in its picker): there is no path.
#[derive(Clone, PartialEq)]
pub struct FileBytes {
    pub name: String,
    pub bytes: std::sync::Arc<[u8]>,
}

impl std::fmt::Debug for FileBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FileBytes({}, {} bytes)", self.name, self.bytes.len())
    }
}

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

/// Opens the platform's picker for `kind` and reads the file chosen: the job yields its name
/// and bytes, or `None`. In the browser this is the page's file picker (its files have no
/// path); on the desktop, the dialog, then the file read.
pub fn pick_bytes(kind: FileKind) -> Result<Job<Option<FileBytes>>, String> {
    let (name, extensions) = filter(&kind);
    picker::pick_bytes(name, extensions)
}

/// Reads a file dropped on the window or page: the job yields its name and bytes, or `None`
/// when it cannot be read (the browser reads files only asynchronously).
pub fn read_dropped(
    file: std::sync::Arc<dyn egui::DroppedFile + Send + Sync>,
) -> Job<Option<FileBytes>> {
    picker::read_dropped(file)
}

/// The picker's filter for `kind`.
fn filter(kind: &FileKind) -> (&'static str, &'static [&'static str]) {
    match kind {
        FileKind::Data => (
            "Event data (ACLED, UCDP GED, GeoJSON)",
            &["csv", "geojson", "json"],
        ),
        FileKind::Article | FileKind::ArticleForStory => ("Text", &["txt", "text", "md"]),
        FileKind::PmTiles => ("PMTiles", &["pmtiles"]),
        FileKind::StoryFolder | FileKind::SaveData(_) => ("All files", &["*"]),
    }
}

#[cfg(target_arch = "wasm32")]
mod picker {
    use super::{FileBytes, Job};

    pub fn pick_bytes(
        name: &'static str,
        extensions: &'static [&'static str],
    ) -> Result<Job<Option<FileBytes>>, String> {
        let (tx, rx) = std::sync::mpsc::channel();
        wasm_bindgen_futures::spawn_local(async move {
            let picked = rfd::AsyncFileDialog::new()
                .add_filter(name, extensions)
                .pick_file()
                .await;
            let file = match picked {
                Some(h) => Some(FileBytes {
                    name: h.file_name(),
                    bytes: h.read().await.into(),
                }),
                None => None,
            };
            let _ = tx.send(file);
        });
        Ok(Job::receiving("file picker", rx))
    }

    pub fn read_dropped(
        file: std::sync::Arc<dyn egui::DroppedFile + Send + Sync>,
    ) -> Job<Option<FileBytes>> {
        let (tx, rx) = std::sync::mpsc::channel();
        wasm_bindgen_futures::spawn_local(async move {
            let name = file.path().display().to_string();
            let read = file.bytes_async().await.ok().map(|b| FileBytes {
                name,
                bytes: b.into(),
            });
            let _ = tx.send(read);
        });
        Job::receiving("dropped file", rx)
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod picker {
    use super::{FileBytes, Job};

    pub fn pick_bytes(
        name: &'static str,
        extensions: &'static [&'static str],
    ) -> Result<Job<Option<FileBytes>>, String> {
        Job::spawn("file dialog", move |_| {
            let path = rfd::FileDialog::new()
                .add_filter(name, extensions)
                .pick_file()?;
            let bytes = std::fs::read(&path).ok()?;
            let name = path.file_name()?.to_string_lossy().into_owned();
            Some(FileBytes {
                name,
                bytes: bytes.into(),
            })
        })
    }

    pub fn read_dropped(
        file: std::sync::Arc<dyn egui::DroppedFile + Send + Sync>,
    ) -> Job<Option<FileBytes>> {
        let (tx, rx) = std::sync::mpsc::channel();
        let name = file.path().display().to_string();
        let _ = tx.send(file.bytes().ok().map(|b| FileBytes {
            name,
            bytes: b.into(),
        }));
        Job::receiving("dropped file", rx)
    }
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
