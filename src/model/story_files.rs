//! A story folder held in memory: its files by their paths inside the folder. Where there are
//! no folders (the browser) a story built from an article, opened from a `.zip` or fetched by a
//! link lives here; a draft's preview does too, on every platform. A story archive is the same
//! files as one `.zip`, to download and to open again.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};

use super::DataError;

/// The largest file an archive may unpack to (a story's files are a few MB; this guards
/// against a zip bomb taking the page's memory).
const MAX_FILE: u64 = 256 * 1024 * 1024;

/// A story folder's files, by path inside the folder (`events.json`, `source/article.txt`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoryFiles {
    /// What to call the story's files in messages (`burundi.zip`, a link).
    pub name: String,
    pub files: BTreeMap<String, String>,
}

impl StoryFiles {
    /// The files given, under `name`.
    pub fn new(name: impl Into<String>, files: impl IntoIterator<Item = (String, String)>) -> Self {
        Self {
            name: name.into(),
            files: files.into_iter().collect(),
        }
    }

    /// The text of one file, if the folder has it.
    pub fn get(&self, path: &str) -> Option<&str> {
        self.files.get(path).map(String::as_str)
    }

    /// The folder as a `.zip` (deflated), its files at the archive's root.
    ///
    /// ```
    /// use event_atlas::model::StoryFiles;
    /// let story = StoryFiles::new("s", [("story.json".to_string(), "{}".to_string())]);
    /// let zip = story.to_zip().unwrap();
    /// let back = StoryFiles::from_zip("s.zip", &zip).unwrap();
    /// assert_eq!(back.get("story.json"), Some("{}"));
    /// ```
    pub fn to_zip(&self) -> Result<Vec<u8>, DataError> {
        let fail = |e: &dyn std::fmt::Display| DataError::file(&self.name, e.to_string());
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (path, text) in &self.files {
            zip.start_file(path.as_str(), options)
                .map_err(|e| fail(&e))?;
            zip.write_all(text.as_bytes()).map_err(|e| fail(&e))?;
        }
        let cursor = zip.finish().map_err(|e| fail(&e))?;
        Ok(cursor.into_inner())
    }

    /// Reads a story archive. Its files may sit at the root or in one top folder (as a
    /// zipped folder has them); the folder's name is dropped. Not a zip, a file that is not
    /// UTF-8 text, or no `story.json` gives a message naming the archive (and the file).
    pub fn from_zip(name: &str, bytes: &[u8]) -> Result<Self, DataError> {
        let fail = |e: &dyn std::fmt::Display| DataError::file(name, e.to_string());
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| fail(&format!("not a story archive (.zip): {e}")))?;
        let mut files = BTreeMap::new();
        for i in 0..archive.len() {
            let file = archive.by_index(i).map_err(|e| fail(&e))?;
            if file.is_dir() {
                continue;
            }
            let path = file.name().map_err(|e| fail(&e))?.to_string();
            let mut text = String::new();
            file.take(MAX_FILE)
                .read_to_string(&mut text)
                .map_err(|e| DataError::file(format!("{name}/{path}"), e.to_string()))?;
            files.insert(path, text);
        }
        let files = strip_top_folder(files);
        if !files.contains_key(super::STORY_FILE) {
            return Err(fail(&"the archive has no story.json at its top"));
        }
        Ok(Self {
            name: name.to_string(),
            files,
        })
    }
}

/// Drops a top folder every file shares (`burundi-story/events.json` → `events.json`), when
/// `story.json` is not already at the root.
fn strip_top_folder(files: BTreeMap<String, String>) -> BTreeMap<String, String> {
    if files.contains_key(super::STORY_FILE) {
        return files;
    }
    let Some(top) = files
        .keys()
        .next()
        .and_then(|k| k.split_once('/'))
        .map(|(t, _)| format!("{t}/"))
    else {
        return files;
    };
    if !files.keys().all(|k| k.starts_with(&top)) {
        return files;
    }
    files
        .into_iter()
        .map(|(k, v)| (k[top.len()..].to_string(), v))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story() -> StoryFiles {
        StoryFiles::new(
            "s",
            [
                ("story.json".to_string(), "{\"a\": 1}".to_string()),
                ("source/article.txt".to_string(), "Text — ü.".to_string()),
            ],
        )
    }

    #[test]
    fn an_archive_round_trips() {
        let s = story();
        let back = StoryFiles::from_zip("s.zip", &s.to_zip().expect("works")).expect("works");
        assert_eq!(back.files, s.files);
    }

    #[test]
    fn a_zipped_folder_loses_its_top_folder() {
        let mut s = story();
        s.files = s
            .files
            .into_iter()
            .map(|(k, v)| (format!("burundi/{k}"), v))
            .collect();
        let back = StoryFiles::from_zip("b.zip", &s.to_zip().expect("works")).expect("works");
        assert_eq!(back.get("source/article.txt"), Some("Text — ü."));
    }

    #[test]
    fn bad_archives_are_named() {
        let e = StoryFiles::from_zip("notes.zip", b"not a zip at all").expect_err("an error");
        assert!(
            e.to_string().starts_with("notes.zip: not a story archive"),
            "{e}"
        );
        let mut s = story();
        s.files.remove("story.json");
        let e = StoryFiles::from_zip("x.zip", &s.to_zip().expect("works")).expect_err("an error");
        assert!(e.to_string().contains("no story.json"), "{e}");
        let mut s = story();
        s.files.insert("story.json".into(), String::new());
        let mut bytes = s.to_zip().expect("works");
        bytes.truncate(bytes.len() / 2);
        assert!(StoryFiles::from_zip("half.zip", &bytes).is_err());
    }
}
