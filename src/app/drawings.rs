//! The pen and pins on the app: acting on the map's drags and clicks, files, autosave.

use std::path::PathBuf;

use super::AtlasApp;
use crate::ui::draw::{DrawAction, Tool};

impl AtlasApp {
    /// Keeps the drawings in `path`: loads them now (a broken file is moved aside, never
    /// overwritten, and reported) and saves every change there, atomically.
    pub fn with_annotations_file(mut self, path: PathBuf) -> Self {
        if path.exists() {
            let name = path.display().to_string();
            let loaded = std::fs::read_to_string(&path)
                .map_err(|e| format!("{name}: {e}"))
                .and_then(|t| {
                    crate::model::annotation::from_geojson(&name, &t).map_err(|e| e.to_string())
                });
            match loaded {
                Ok((items, _)) => self.state.drawing.load(items),
                Err(e) => {
                    let aside = path.with_extension(format!(
                        "broken-{}.geojson",
                        std::time::SystemTime::now()
                            .duration_since(std::time::UNIX_EPOCH)
                            .map_or(0, |d| d.as_secs())
                    ));
                    let kept = std::fs::rename(&path, &aside)
                        .map(|()| format!("it was kept as {}", aside.display()))
                        .unwrap_or_else(|r| format!("it could not be moved aside ({r})"));
                    self.problems
                        .push(format!("Your drawings could not be read: {e}\n{kept}."));
                }
            }
        }
        self.annotations_path = Some(path);
        self
    }

    pub(super) fn save_drawings(&mut self) {
        if !self.state.drawing.dirty {
            return;
        }
        let Some(path) = &self.annotations_path else {
            return;
        };
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        match crate::model::annotation::save(path, &self.state.drawing.items) {
            Ok(()) => self.state.drawing.dirty = false,
            Err(e) => {
                self.state.drawing.message =
                    Some(format!("Drawings not saved to {}: {e}", path.display()));
            }
        }
    }

    pub(super) fn draw_action(&mut self, action: DrawAction) {
        let d = &mut self.state.drawing;
        d.message = Some(match action {
            DrawAction::Export(path) => match crate::model::annotation::save(&path, &d.items) {
                Ok(()) => format!("Exported {} drawings to {}", d.items.len(), path.display()),
                Err(e) => format!("Not exported: {}: {e}", path.display()),
            },
            DrawAction::Import(path) => {
                let name = path.display().to_string();
                let read = std::fs::read_to_string(&path)
                    .map_err(|e| format!("{name}: {e}"))
                    .and_then(|t| {
                        crate::model::annotation::from_geojson(&name, &t).map_err(|e| e.to_string())
                    });
                match read {
                    Ok((items, skipped)) => {
                        let n = items.len();
                        let mut all = (*d.items).clone();
                        all.extend(items);
                        d.set(all);
                        if skipped > 0 {
                            format!("Imported {n} drawings; {skipped} features could not be drawn")
                        } else {
                            format!("Imported {n} drawings")
                        }
                    }
                    Err(e) => {
                        self.problems.push(e.clone());
                        format!("Not imported: {e}")
                    }
                }
            }
        });
    }

    /// The pen and pin act on this frame's drag or click on the map.
    pub(super) fn draw_on_map(&mut self) {
        let d = &mut self.state.drawing;
        match d.tool {
            Tool::Pen => {
                if let Some(p) = self.state.map.gesture.start {
                    d.current = None;
                    d.stroke_point(p);
                }
                if let Some(p) = self.state.map.gesture.at {
                    d.stroke_point(p);
                }
                if self.state.map.gesture.ended {
                    d.end_stroke();
                }
            }
            Tool::Pin => {
                if let Some((lon, lat)) = self.state.map.clicked_at {
                    let text = d.pin_text.trim().to_string();
                    d.add(crate::model::Annotation::Pin {
                        color: d.color,
                        at: [lon, lat],
                        text,
                    });
                }
            }
            Tool::Pan => {}
        }
    }
}
