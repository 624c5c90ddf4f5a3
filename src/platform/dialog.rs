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
    /// A story folder as one `.zip` (the browser's stories).
    StoryArchive,
    /// A tour file (the browser's tour editor).
    Tour,
    /// Where to save a layer's export (the suggested file name).
    SaveData(String),
}

impl FileKind {
    /// What a file dropped on the window is taken for, by its name: a `.zip` is a story
    /// archive, a text file an article to build a story from, anything else data.
    ///
    /// ```
    /// use event_atlas::platform::FileKind;
    /// assert_eq!(FileKind::of_dropped("x/burundi.ZIP"), FileKind::StoryArchive);
    /// assert_eq!(FileKind::of_dropped("acled.csv"), FileKind::Data);
    /// ```
    pub fn of_dropped(name: &str) -> Self {
        let ext = std::path::Path::new(name)
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "zip" => Self::StoryArchive,
            "txt" | "text" | "md" => Self::ArticleForStory,
            _ => Self::Data,
        }
    }

    /// Whether a file of this kind can be used from its bytes alone (no path).
    pub fn as_bytes(&self) -> bool {
        matches!(
            self,
            Self::Data | Self::ArticleForStory | Self::Article | Self::StoryArchive | Self::Tour
        )
    }
}

/// What a picker or a drop hands over: the file, nothing (the picker was closed), or why the
/// file could not be read (too large for the browser's memory, unreadable).
pub type Picked = Result<Option<FileBytes>, String>;

/// The largest file the browser is asked to read: the page's memory (at most 4 GB, shared
/// with the app) must hold the file and what is made of it.
pub const MAX_WEB_FILE: f64 = 1e9;

/// Why a file of `size` bytes is not read in the browser, if it is too large.
pub fn too_large(name: &str, size: f64) -> Option<String> {
    (size > MAX_WEB_FILE).then(|| {
        format!(
            "{name} is {:.1} GB: too large for the browser's memory (the page reads files up to \
             {:.0} GB). Open it in the desktop app, or cut it into smaller files.",
            size / 1e9,
            MAX_WEB_FILE / 1e9
        )
    })
}

/// Opens the platform's picker for `kind` and reads the file chosen: the job yields its name
/// and bytes, or `None`. In the browser this is the page's file picker (its files have no
/// path); on the desktop, the dialog, then the file read.
pub fn pick_bytes(kind: FileKind) -> Result<Job<Picked>, String> {
    let (name, extensions) = filter(&kind);
    picker::pick_bytes(name, extensions)
}

/// Reads a file dropped on the window or page: the job yields its name and bytes, or why it
/// cannot be read (the browser reads files only asynchronously).
pub fn read_dropped(file: std::sync::Arc<dyn egui::DroppedFile + Send + Sync>) -> Job<Picked> {
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
        FileKind::StoryArchive => ("Story archive", &["zip"]),
        FileKind::Tour => ("Tour", &["json"]),
        FileKind::StoryFolder | FileKind::SaveData(_) => ("All files", &["*"]),
    }
}

#[cfg(target_arch = "wasm32")]
mod picker {
    use super::{FileBytes, Job, Picked, too_large};

    pub fn pick_bytes(
        name: &'static str,
        extensions: &'static [&'static str],
    ) -> Result<Job<Picked>, String> {
        let (tx, rx) = std::sync::mpsc::channel();
        wasm_bindgen_futures::spawn_local(async move {
            let picked = rfd::AsyncFileDialog::new()
                .add_filter(name, extensions)
                .pick_file()
                .await;
            let file = match picked {
                None => Ok(None),
                Some(h) => match too_large(&h.file_name(), h.inner().size()) {
                    Some(e) => Err(e),
                    None => Ok(Some(FileBytes {
                        name: h.file_name(),
                        bytes: h.read().await.into(),
                    })),
                },
            };
            let _ = tx.send(file);
        });
        Ok(Job::receiving("file picker", rx))
    }

    pub fn read_dropped(file: std::sync::Arc<dyn egui::DroppedFile + Send + Sync>) -> Job<Picked> {
        let (tx, rx) = std::sync::mpsc::channel();
        wasm_bindgen_futures::spawn_local(async move {
            let name = file.path().display().to_string();
            let size = file.web_file().map_or(0.0, |f| f.size());
            let read = match too_large(&name, size) {
                Some(e) => Err(e),
                None => file
                    .bytes_async()
                    .await
                    .map(|b| {
                        Some(FileBytes {
                            name: name.clone(),
                            bytes: b.into(),
                        })
                    })
                    .map_err(|e| format!("{name}: the browser could not read it: {e}")),
            };
            let _ = tx.send(read);
        });
        Job::receiving("dropped file", rx)
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod picker {
    use super::{FileBytes, Job, Picked};

    pub fn pick_bytes(
        name: &'static str,
        extensions: &'static [&'static str],
    ) -> Result<Job<Picked>, String> {
        Job::spawn("file dialog", move |_| {
            let Some(path) = rfd::FileDialog::new()
                .add_filter(name, extensions)
                .pick_file()
            else {
                return Ok(None);
            };
            let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let name = path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            Ok(Some(FileBytes {
                name,
                bytes: bytes.into(),
            }))
        })
    }

    pub fn read_dropped(file: std::sync::Arc<dyn egui::DroppedFile + Send + Sync>) -> Job<Picked> {
        let (tx, rx) = std::sync::mpsc::channel();
        let name = file.path().display().to_string();
        let read = file
            .bytes()
            .map(|b| {
                Some(FileBytes {
                    name: name.clone(),
                    bytes: b.into(),
                })
            })
            .map_err(|e| format!("{name}: {e}"));
        let _ = tx.send(read);
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
            FileKind::StoryFolder => d.pick_folder(),
            FileKind::SaveData(name) => d
                .add_filter("CSV", &["csv"])
                .add_filter("GeoJSON", &["geojson", "json"])
                .set_file_name(&name)
                .save_file(),
            // Files to open: the kind's own filter (the one the byte picker uses), then all.
            other => {
                let (name, extensions) = filter(&other);
                d.add_filter(name, extensions)
                    .add_filter("All files", &["*"])
                    .pick_file()
            }
        }
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_file_beyond_the_pages_memory_is_named_with_its_size() {
        assert!(super::too_large("small.csv", 17e6).is_none());
        let e = super::too_large("acled-world.csv", 2.3e9).expect("too large");
        assert!(e.starts_with("acled-world.csv is 2.3 GB: too large"), "{e}");
    }
}
