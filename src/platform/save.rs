//! Where a file the app makes goes: a path on the desktop (written atomically), a download in
//! the browser. Exports, handouts, story archives and layer exports all save through this.

use std::path::{Path, PathBuf};

/// A destination for bytes the app makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveTo {
    /// A file by path, written whole or not at all.
    Path(PathBuf),
    /// A download of this file name (the browser).
    Download(String),
}

impl SaveTo {
    /// What the person typed, as this platform saves it: a path where there are paths, else a
    /// download named after the text's last part.
    ///
    /// ```
    /// use event_atlas::platform::SaveTo;
    /// let to = SaveTo::typed("maps/lesson.png");
    /// assert_eq!(to.file_name(), "lesson.png");
    /// assert_eq!(to.extension(), "png");
    /// ```
    pub fn typed(text: &str) -> Self {
        let text = text.trim();
        if super::ABILITIES.paths {
            Self::Path(PathBuf::from(text))
        } else {
            Self::Download(file_name(Path::new(text)))
        }
    }

    /// The file's name (without folders).
    pub fn file_name(&self) -> String {
        match self {
            Self::Path(p) => file_name(p),
            Self::Download(n) => n.clone(),
        }
    }

    /// The name's extension, in lower case ("" when it has none).
    pub fn extension(&self) -> String {
        Path::new(&self.file_name())
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default()
    }

    /// Saves `bytes` there.
    pub fn save(&self, bytes: &[u8]) -> Result<(), String> {
        match self {
            Self::Path(p) => {
                crate::model::write_atomic(p, bytes).map_err(|e| format!("{}: {e}", p.display()))
            }
            Self::Download(name) => download(name, bytes, mime(name)),
        }
    }

    /// What saving did, for the status line ("saved /tmp/a.png", "downloaded a.png").
    pub fn done(&self) -> String {
        match self {
            Self::Path(p) => format!("saved {}", p.display()),
            Self::Download(n) => format!("downloaded {n}"),
        }
    }
}

impl std::fmt::Display for SaveTo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Path(p) => write!(f, "{}", p.display()),
            Self::Download(n) => write!(f, "{n}"),
        }
    }
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map_or_else(|| "download".into(), |n| n.to_string_lossy().into_owned())
}

/// The media type a download is announced as, by its extension.
fn mime(name: &str) -> &'static str {
    let ext = Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "png" => "image/png",
        "gif" => "image/gif",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        "csv" => "text/csv",
        "json" | "geojson" => "application/json",
        _ => "application/octet-stream",
    }
}

#[cfg(target_arch = "wasm32")]
use super::web::download;

#[cfg(not(target_arch = "wasm32"))]
fn download(name: &str, _: &[u8], _: &str) -> Result<(), String> {
    Err(format!(
        "{name}: downloads are the browser's; the desktop app saves to a path"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_written_whole() {
        let dir = tempfile::tempdir().expect("works");
        let to = SaveTo::Path(dir.path().join("a.csv"));
        to.save(b"x,y\n").expect("works");
        assert_eq!(
            std::fs::read(dir.path().join("a.csv")).expect("works"),
            b"x,y\n"
        );
        assert!(to.done().starts_with("saved "));
        assert_eq!(mime("a.GeoJSON"), "application/json");
    }
}
