//! Writing a built story as a folder, whole or not at all: every file goes into a hidden
//! folder beside the target, which is checked like any story, and only then renamed into
//! place. An existing folder is replaced only when asked, and then only after the new one is
//! complete.

use std::path::{Path, PathBuf};

use geojson::{Feature, FeatureCollection, Geometry, JsonObject};

use super::error::BuildError;
use super::story::Built;
use crate::model::{DataSource, Province, StoryFiles};

/// The files of a built story: (path inside the folder, contents).
pub fn files(b: &Built) -> Result<Vec<(&'static str, String)>, serde_json::Error> {
    Ok(vec![
        ("story.json", pretty(&b.story)?),
        ("source/article.txt", b.article.clone()),
        ("places.json", pretty(&b.places)?),
        ("events.json", pretty(&b.events)?),
        ("crossings.json", pretty(&b.crossings)?),
        ("tour.json", pretty(&b.tour)?),
        ("quiz.json", pretty(&b.quiz)?),
        ("gazetteer.json", "[]\n".to_string()),
        (
            "boundaries/provinces.geojson",
            provinces_geojson(&b.provinces)?,
        ),
        ("boundaries/countries.geojson", b.countries_geojson.clone()),
    ])
}

/// A file's JSON as the app's own files are written: pretty, with a final newline.
fn pretty<T: serde::Serialize>(v: &T) -> Result<String, serde_json::Error> {
    Ok(serde_json::to_string_pretty(v)? + "\n")
}

/// The provinces as GeoJSON features with `iso` and `name`.
fn provinces_geojson(provinces: &[Province]) -> Result<String, serde_json::Error> {
    let features = provinces
        .iter()
        .map(|p| {
            let mut props = JsonObject::new();
            props.insert("iso".into(), p.iso.clone().into());
            props.insert("name".into(), p.name.clone().into());
            props.insert(
                "source".into(),
                "Natural Earth admin-1 (via the world's admin-1 file)".into(),
            );
            Feature {
                geometry: Some(Geometry::from(&p.shape)),
                properties: Some(props),
                ..Feature::default()
            }
        })
        .collect();
    let fc = FeatureCollection {
        bbox: None,
        features,
        foreign_members: None,
    };
    serde_json::to_string(&fc).map(|s| s + "\n")
}

/// Writes the story to `out`; with `force`, replaces what is there. The folder is checked
/// before it takes `out`'s place: a story that fails its own check is not written.
pub fn write(b: &Built, out: &Path, force: bool) -> Result<(), BuildError> {
    if out.exists() && !force {
        return Err(BuildError::OutExists(out.to_path_buf()));
    }
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |e| BuildError::Io(p, e)
    };
    let tmp = sibling(out, "partial");
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp).map_err(io(&tmp))?;
    }
    let result = fill(b, &tmp)
        .and_then(|()| checked(&DataSource::Dir(tmp.clone())))
        .and_then(|()| swap_in(&tmp, out));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    result
}

/// A hidden name beside `out`.
fn sibling(out: &Path, what: &str) -> PathBuf {
    let name = out
        .file_name()
        .map_or_else(|| "story".into(), |n| n.to_string_lossy().into_owned());
    out.with_file_name(format!(".{name}.{what}-{}", std::process::id()))
}

fn fill(b: &Built, dir: &Path) -> Result<(), BuildError> {
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |e| BuildError::Io(p, e)
    };
    let contents =
        files(b).map_err(|e| BuildError::Io(dir.to_path_buf(), std::io::Error::other(e)))?;
    for (name, text) in contents {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        std::fs::write(&path, text).map_err(io(&path))?;
    }
    Ok(())
}

/// The story's files in memory (named `name` in messages), checked like a folder: a story
/// that fails its own check is refused. The browser keeps and downloads stories this way; a
/// draft's preview is one on every platform.
pub fn in_memory(b: &Built, name: &str) -> Result<StoryFiles, BuildError> {
    let contents =
        files(b).map_err(|e| BuildError::Io(PathBuf::from(name), std::io::Error::other(e)))?;
    let files = std::sync::Arc::new(StoryFiles::new(
        name,
        contents.into_iter().map(|(k, v)| (k.to_string(), v)),
    ));
    checked(&DataSource::Files(files.clone()))?;
    Ok(std::sync::Arc::unwrap_or_clone(files))
}

fn checked(source: &DataSource) -> Result<(), BuildError> {
    let errors = crate::check::check(source);
    match errors.first() {
        None => Ok(()),
        Some(_) => Err(BuildError::Check(
            errors
                .iter()
                .take(5)
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; "),
        )),
    }
}

/// Renames the finished folder into place; an old one is moved aside first and removed only
/// once the new one is there.
fn swap_in(tmp: &Path, out: &Path) -> Result<(), BuildError> {
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |e| BuildError::Io(p, e)
    };
    if out.exists() {
        let old = sibling(out, "old");
        std::fs::rename(out, &old).map_err(io(out))?;
        if let Err(e) = std::fs::rename(tmp, out) {
            let _ = std::fs::rename(&old, out);
            return Err(BuildError::Io(out.to_path_buf(), e));
        }
        let _ = std::fs::remove_dir_all(&old);
        return Ok(());
    }
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(io(parent))?;
    }
    std::fs::rename(tmp, out).map_err(io(out))
}
