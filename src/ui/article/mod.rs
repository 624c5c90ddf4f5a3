//! The article feature (File › Open article): the geocoder on any text, off the UI thread with
//! progress and Cancel; its places as a layer with their sentences, the names it could not
//! place, a choice for ambiguous names, and saving a places file. The window is in [`window`].

mod window;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use super::{Command, WindowId};
use crate::atlas::Atlas;
use crate::import::{Imported, article_layer};
use crate::model::{Dataset, GazetteerEntry, SlideView};
use crate::platform::{FileBytes, Job, Poll, Progress, SaveTo};
use crate::spatial::gazetteer::WorldGazetteer;
use crate::spatial::geocode::{GeocodeResult, Geocoder, places_json};

/// An article geocoded.
pub struct ArticleState {
    pub path: PathBuf,
    pub text: String,
    /// The person's picks for ambiguous names (mention → candidate index).
    pub choices: HashMap<String, usize>,
    pub result: GeocodeResult,
    /// Where "Save places file" writes.
    pub save_path: String,
}

/// The names the geocoder searches: the story's own (hand-added) entries and the world's.
pub struct Gazetteers {
    story: Vec<GazetteerEntry>,
    world: WorldGazetteer,
}

impl Gazetteers {
    /// Reads the story folder's gazetteer and opens the world's (built into the app).
    fn load(atlas: &Atlas) -> Result<Self, String> {
        Ok(Self {
            story: Dataset::load_gazetteer(&atlas.data.source).map_err(|e| e.to_string())?,
            world: WorldGazetteer::embedded().map_err(|e| e.to_string())?,
        })
    }
}

/// What a geocoding job brings back: the article, and the gazetteers it loaded (kept for the
/// next run).
type Geocoded = Result<(ArticleState, Arc<Gazetteers>), String>;

/// What the feature asks after a frame: commands, and its places as a layer to show.
#[derive(Default)]
pub struct ArticleOutput {
    pub commands: Vec<Command>,
    /// The layer's name and data (it replaces the layer of the same name).
    pub layer: Option<(String, Imported)>,
}

/// The typed path, the article geocoded, and the work running for it.
#[derive(Default)]
pub struct Articles {
    pub path_field: String,
    pub article: Option<ArticleState>,
    /// The gazetteers, loaded by the first geocoding and kept.
    gazetteer: Option<Arc<Gazetteers>>,
    /// Geocoding in progress.
    pub job: Option<Job<Geocoded>>,
    saving: Option<Job<Result<String, String>>>,
}

/// Reads (when `text` is `None`) and geocodes an article with `choices` for ambiguous names.
fn geocode(
    atlas: &Atlas,
    path: PathBuf,
    text: Option<String>,
    choices: HashMap<String, usize>,
    gazetteer: Option<Arc<Gazetteers>>,
    progress: &Progress,
) -> Geocoded {
    progress.set_stage("Reading");
    let text = match text {
        Some(t) => t,
        None => std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?,
    };
    if text.trim().is_empty() {
        return Err(format!("{}: the file is empty", path.display()));
    }
    progress.set_stage("Opening the gazetteers");
    let gazetteer = match gazetteer {
        Some(g) => g,
        None => Arc::new(Gazetteers::load(atlas)?),
    };
    if progress.cancelled() {
        return Err(format!("{}: cancelled", path.display()));
    }
    progress.set_stage("Finding places");
    let d = &atlas.data;
    let geocoder = Geocoder::new(
        &d.countries,
        &d.provinces,
        &gazetteer.story,
        &d.lexicon,
        &atlas.province_index,
    )
    .with_world(&gazetteer.world);
    progress.set_total(text.len() as u64);
    let keep_going = |done: usize| {
        progress.set_done(done as u64);
        !progress.cancelled()
    };
    let result = geocoder
        .geocode_watched(&text, &choices, &keep_going)
        .ok_or_else(|| format!("{}: cancelled", path.display()))?;
    if result.places.is_empty() {
        return Err(no_places(&path, &text));
    }
    let save_path = path.with_extension("places.json").display().to_string();
    let article = ArticleState {
        path,
        text,
        choices,
        result,
        save_path,
    };
    Ok((article, gazetteer))
}

/// A view that shows an article's towns and regions (its countries when it names no smaller
/// place): the middle of their box, zoomed so the box fills most of the map.
fn view_of(places: &[crate::model::Place]) -> Option<SlideView> {
    use crate::model::PlaceKind;
    let small: Vec<&crate::model::Place> = places
        .iter()
        .filter(|p| !matches!(p.kind, PlaceKind::Country | PlaceKind::Border))
        .collect();
    let pool: Vec<&crate::model::Place> = if small.is_empty() {
        places.iter().collect()
    } else {
        small
    };
    let lons = pool.iter().map(|p| p.lon);
    let lats = pool.iter().map(|p| p.lat);
    let (w, e) = lons.fold((f64::MAX, f64::MIN), |(a, b), x| (a.min(x), b.max(x)));
    let (s, n) = lats.fold((f64::MAX, f64::MIN), |(a, b), y| (a.min(y), b.max(y)));
    if w > e {
        return None;
    }
    // The world's 360° span 256·2^zoom pixels; the box should take about 600 of them, clear
    // of the legend and the buttons.
    let span = (e - w).max(1.3 * (n - s)).max(0.5);
    let zoom = (840.0 / span).log2().clamp(2.0, 10.0);
    Some(SlideView::Center {
        center: [(w + e) / 2.0, (s + n) / 2.0],
        zoom,
    })
}

/// Why an article gave no places, in words: not English, or simply no place names.
fn no_places(path: &std::path::Path, text: &str) -> String {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let latin = text.chars().filter(|c| c.is_ascii_alphabetic()).count()
        + text
            .chars()
            .filter(|c| ('\u{00C0}'..='\u{024F}').contains(c))
            .count();
    let path = path.display();
    if letters > 0 && latin * 2 < letters {
        format!(
            "{path}: no places found: the geocoder reads English, and most of this text is in \
             another script"
        )
    } else {
        format!("{path}: no places found: the text names no place the gazetteer knows")
    }
}

impl Articles {
    /// Geocodes a text file in the background.
    pub fn open(&mut self, path: PathBuf, atlas: &Arc<Atlas>) -> Vec<Command> {
        self.start(path, None, HashMap::new(), atlas)
    }

    /// Geocodes a text handed over as bytes (the browser's picker, a drop); a file that is
    /// not UTF-8 text is refused with its name.
    pub fn open_bytes(&mut self, file: FileBytes, atlas: &Arc<Atlas>) -> Vec<Command> {
        match std::str::from_utf8(&file.bytes) {
            Ok(text) => {
                let text = Some(text.to_string());
                self.start(file.name.into(), text, HashMap::new(), atlas)
            }
            Err(e) => vec![Command::Problem(format!(
                "{}: not UTF-8 text (byte {}): open a plain-text article",
                file.name,
                e.valid_up_to()
            ))],
        }
    }

    /// Places the article again with `index` as the pick for `mention`.
    pub fn choose(&mut self, mention: &str, index: usize, atlas: &Arc<Atlas>) -> Vec<Command> {
        let Some(a) = &self.article else {
            return Vec::new();
        };
        let mut choices = a.choices.clone();
        choices.insert(mention.to_string(), index);
        self.start(a.path.clone(), Some(a.text.clone()), choices, atlas)
    }

    fn start(
        &mut self,
        path: PathBuf,
        text: Option<String>,
        choices: HashMap<String, usize>,
        atlas: &Arc<Atlas>,
    ) -> Vec<Command> {
        let (atlas, gazetteer) = (atlas.clone(), self.gazetteer.clone());
        let work = move |p: &Progress| geocode(&atlas, path, text, choices, gazetteer, p);
        match crate::platform::world::job_needing_gazetteer("geocode", work) {
            Ok(job) => {
                if let Some(old) = self.job.replace(job) {
                    old.cancel();
                }
                vec![Command::Open(WindowId::Article)]
            }
            Err(e) => vec![Command::Problem(e)],
        }
    }

    /// Stops the geocoding in progress (its result, when it comes, is dropped).
    pub fn cancel(&mut self) {
        if let Some(job) = self.job.take() {
            job.cancel();
        }
    }

    /// Writes the places found as a places file (the format of `data/places.json`), in the
    /// background.
    pub fn save(&mut self) -> Vec<Command> {
        let Some(a) = &self.article else {
            return vec![Command::Problem("no article open".into())];
        };
        let to = SaveTo::typed(&a.save_path);
        let places = a.result.places.clone();
        let write = move |_: &Progress| {
            let json = places_json(&places).map_err(|e| e.to_string())?;
            to.save(json.as_bytes())?;
            Ok(format!("{} ({} places)", to.done(), places.len()))
        };
        match Job::spawn("save places", write) {
            Ok(job) => {
                self.saving = Some(job);
                Vec::new()
            }
            Err(e) => vec![Command::Problem(e)],
        }
    }

    /// Collects finished work; keeps the window repainting while it runs.
    pub fn poll(&mut self, ctx: &egui::Context) -> ArticleOutput {
        let mut out = ArticleOutput::default();
        if let Some(job) = self.job.take() {
            match job.poll() {
                Poll::Running => self.job = Some(job),
                Poll::Done(Ok((article, gazetteer))) => {
                    self.gazetteer = Some(gazetteer);
                    let name = format!("article: {}", crate::import::display_name(&article.path));
                    let layer = article_layer(&name, &article.text, &article.result);
                    out.layer = Some((name, layer));
                    out.commands
                        .push(Command::Status("article geocoded".into()));
                    if let Some(view) = view_of(&article.result.places) {
                        out.commands.push(Command::ShowView {
                            view,
                            instant: false,
                        });
                    }
                    self.article = Some(article);
                }
                Poll::Done(Err(e)) => out.commands.push(Command::Problem(e)),
                Poll::Lost => out
                    .commands
                    .push(Command::Problem("the geocoder stopped".into())),
            }
        }
        if let Some(job) = self.saving.take() {
            match job.poll() {
                Poll::Running => self.saving = Some(job),
                Poll::Done(Ok(msg)) => out.commands.push(Command::Status(msg)),
                Poll::Done(Err(e)) => out.commands.push(Command::Problem(e)),
                Poll::Lost => out
                    .commands
                    .push(Command::Problem("the save stopped".into())),
            }
        }
        if self.job.is_some() || self.saving.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        out
    }

    /// Whether the geocoder or a save is running.
    pub fn busy(&self) -> bool {
        self.job.is_some() || self.saving.is_some()
    }
}
