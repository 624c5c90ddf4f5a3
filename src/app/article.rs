//! File › Open article: the geocoder on any text, its places on the map with their sentences,
//! the names it could not place, a choice for ambiguous names, and saving a places file.

use std::collections::HashMap;
use std::path::PathBuf;

use super::AtlasApp;
use crate::import::article_layer;
use crate::model::{Dataset, GazetteerEntry, write_atomic};
use crate::spatial::geocode::{GeocodeResult, Geocoder, places_json};

/// An article being geocoded.
pub struct ArticleState {
    pub path: PathBuf,
    pub text: String,
    /// The person's picks for ambiguous names (mention → candidate index).
    pub choices: HashMap<String, usize>,
    pub result: GeocodeResult,
    /// Where "Save places file" writes.
    pub save_path: String,
}

impl AtlasApp {
    fn gazetteer(&mut self) -> Result<&[GazetteerEntry], String> {
        if self.gazetteer.is_none() {
            let g = Dataset::load_gazetteer(&self.atlas.data.source).map_err(|e| e.to_string())?;
            self.gazetteer = Some(g);
        }
        Ok(self.gazetteer.as_deref().unwrap_or_default())
    }

    fn run_geocoder(
        &mut self,
        text: &str,
        choices: &HashMap<String, usize>,
    ) -> Result<GeocodeResult, String> {
        let atlas = self.atlas.clone();
        let gazetteer = self.gazetteer()?;
        let d = &atlas.data;
        let geocoder = Geocoder::new(
            &d.countries,
            &d.provinces,
            gazetteer,
            &d.lexicon,
            &atlas.province_index,
        );
        Ok(geocoder.geocode_with(text, choices))
    }

    /// Reads and geocodes an article (UTF-8 text), and shows its places as a layer.
    pub fn open_article(&mut self, path: PathBuf) -> Result<(), String> {
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        if text.trim().is_empty() {
            return Err(format!("{}: the file is empty", path.display()));
        }
        let result = self.run_geocoder(&text, &HashMap::new())?;
        let save_path = path.with_extension("places.json").display().to_string();
        self.article = Some(ArticleState {
            path,
            text,
            choices: HashMap::new(),
            result,
            save_path,
        });
        self.article_open = true;
        self.show_article_layer();
        Ok(())
    }

    /// Re-runs the geocoder after a choice for an ambiguous name.
    pub fn choose_candidate(&mut self, mention: &str, index: usize) -> Result<(), String> {
        let Some(mut a) = self.article.take() else {
            return Ok(());
        };
        a.choices.insert(mention.to_string(), index);
        let result = self.run_geocoder(&a.text, &a.choices);
        match result {
            Ok(r) => a.result = r,
            Err(e) => {
                self.article = Some(a);
                return Err(e);
            }
        }
        self.article = Some(a);
        self.show_article_layer();
        Ok(())
    }

    fn show_article_layer(&mut self) {
        let Some(a) = &self.article else {
            return;
        };
        let name = format!("article: {}", crate::import::display_name(&a.path));
        let imported = article_layer(&name, &a.text, &a.result);
        self.layers.retain(|l| l.data.layer.name != name);
        self.add_layer(imported);
        self.picked = None;
    }

    /// Writes the places found as a places file (the format of `data/places.json`).
    pub fn save_article_places(&mut self) -> Result<String, String> {
        let Some(a) = &self.article else {
            return Err("no article open".into());
        };
        let path = PathBuf::from(a.save_path.trim());
        let json = places_json(&a.result.places).map_err(|e| e.to_string())?;
        write_atomic(&path, json.as_bytes()).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(format!(
            "saved {} places to {}",
            a.result.places.len(),
            path.display()
        ))
    }

    pub(super) fn article_window(&mut self, ctx: &egui::Context) {
        if !self.article_open {
            return;
        }
        let mut open = true;
        let mut action = None;
        egui::Window::new("Article")
            .open(&mut open)
            .default_width(460.0)
            .default_pos(egui::pos2(120.0, 110.0))
            .show(ctx, |ui| {
                action = crate::ui::article_window::ui(
                    ui,
                    &mut self.article_path,
                    self.article.as_mut(),
                );
            });
        self.article_open = open;
        use crate::ui::article_window::ArticleAction as A;
        let outcome = match action {
            None => return,
            Some(A::Open(p)) => self
                .open_article(PathBuf::from(p))
                .map(|()| "article geocoded".to_string()),
            Some(A::Browse) => {
                self.dialog = Some((
                    super::importing::DialogFor::Article,
                    super::importing::pick_file_async(false, ""),
                ));
                return;
            }
            Some(A::Choose(mention, i)) => self
                .choose_candidate(&mention, i)
                .map(|()| format!("“{mention}” placed again")),
            Some(A::Save) => self.save_article_places(),
        };
        match outcome {
            Ok(s) => self.status = Some(s),
            Err(e) => {
                self.status = Some(e.clone());
                self.problems.push(e);
            }
        }
    }
}
