//! The place search on the map (`Ctrl+F` or its button): results as you type, from the story
//! first and then the gazetteer (read in the background the first time); Up / Down choose,
//! Enter or a click flies there and selects it, Esc closes.

use std::sync::Arc;

use egui::{Key, Modifiers, Rect, RichText, Ui};

use super::{Command, Selection};
use crate::atlas::Atlas;
use crate::model::{Dataset, SlideView};
use crate::platform::{Job, Poll};
use crate::spatial::gazetteer::WorldGazetteer;
use crate::spatial::search::{Found, SearchIndex, Target};

/// Results shown at most.
const SHOWN: usize = 8;

/// The search box: its text, results and the index behind them.
#[derive(Default)]
pub struct Search {
    pub open: bool,
    pub query: String,
    results: Vec<Found>,
    cursor: usize,
    index: Option<Arc<SearchIndex>>,
    /// The story's index grown with the gazetteer, being built.
    loading: Option<Job<Result<SearchIndex, String>>>,
    /// Put the keyboard in the box on the next frame.
    focus: bool,
}

impl Search {
    /// Opens (and focuses) the box, or closes it.
    pub fn toggle(&mut self) {
        if self.open {
            self.open = false;
        } else {
            self.start();
        }
    }

    /// Opens an empty box with the keyboard in it.
    fn start(&mut self) {
        self.open = true;
        self.focus = true;
        self.query.clear();
        self.results.clear();
    }

    /// Whether the gazetteer's names are still being added.
    pub fn busy(&self) -> bool {
        self.loading.is_some()
    }

    /// `Ctrl+F` opens it (unless `blocked`, as while a quiz question waits).
    pub fn keys(&mut self, ui: &Ui, blocked: bool) {
        if !blocked && ui.input_mut(|i| i.consume_key(Modifiers::COMMAND, Key::F)) {
            self.start();
        }
    }

    /// The button and, when open, the box and its results at `at` (top-left) over the map.
    /// Returns what a chosen result asks for and the room taken.
    pub fn ui(&mut self, ui: &Ui, atlas: &Arc<Atlas>, at: egui::Pos2) -> (Vec<Command>, Rect) {
        self.poll(ui.ctx());
        let mut commands = Vec::new();
        let area = egui::Area::new(egui::Id::unique("map-search"))
            .fixed_pos(at)
            .show(ui.ctx(), |ui| {
                if !self.open {
                    let b = ui.button("Search").on_hover_text("Find a place (Ctrl+F)");
                    if b.clicked() {
                        self.toggle();
                    }
                    return;
                }
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_width(300.0);
                    commands = self.contents(ui, atlas);
                });
            });
        (commands, area.response.rect)
    }

    /// The text box and the result list.
    fn contents(&mut self, ui: &mut Ui, atlas: &Arc<Atlas>) -> Vec<Command> {
        self.ensure_index(atlas);
        let edit = egui::TextEdit::singleline(&mut self.query)
            .hint_text("Place, province, country or event")
            .desired_width(f32::INFINITY);
        let r = ui
            .horizontal(|ui| {
                let name = ui.label("Find");
                ui.add(edit).labelled_by(name.id)
            })
            .inner;
        if std::mem::take(&mut self.focus) {
            r.request_focus();
        }
        if r.changed() {
            self.refresh();
        }
        let (up, down, enter, esc) = ui.input(|i| {
            let k = |k| i.key_pressed(k);
            (
                k(Key::ArrowUp),
                k(Key::ArrowDown),
                k(Key::Enter),
                k(Key::Escape),
            )
        });
        let n = self.results.len();
        if r.has_focus() && n > 0 {
            if down {
                self.cursor = (self.cursor + 1) % n;
            }
            if up {
                self.cursor = (self.cursor + n - 1) % n;
            }
        }
        let mut chosen = (r.lost_focus() && enter && n > 0).then_some(self.cursor);
        chosen = self.result_list(ui).or(chosen);
        if self.loading.is_some() {
            ui.label(RichText::new("Reading the gazetteer…").small().weak());
        }
        if esc && (r.has_focus() || r.lost_focus()) {
            self.open = false;
        }
        let Some(i) = chosen else {
            return Vec::new();
        };
        self.open = false;
        go_to(atlas, &self.results[i])
    }

    /// The results; returns the one clicked.
    fn result_list(&mut self, ui: &mut Ui) -> Option<usize> {
        if self.results.is_empty() && !self.query.trim().is_empty() {
            ui.label(RichText::new("Nothing found").weak());
        }
        let mut clicked = None;
        for (i, f) in self.results.iter().enumerate() {
            let text = match &f.matched {
                Some(m) => format!("{} ({m}) · {}", f.name, f.what.unwrap_or(kind(f.target))),
                None => format!("{} · {}", f.name, f.what.unwrap_or(kind(f.target))),
            };
            if ui.selectable_label(i == self.cursor, text).clicked() {
                clicked = Some(i);
            }
        }
        clicked
    }

    fn refresh(&mut self) {
        self.cursor = 0;
        self.results = self
            .index
            .as_ref()
            .map(|ix| ix.search(&self.query, SHOWN))
            .unwrap_or_default();
    }

    /// The story's index at once; the gazetteer's names are added in the background.
    fn ensure_index(&mut self, atlas: &Arc<Atlas>) {
        if self.index.is_some() {
            return;
        }
        let story = SearchIndex::story(&atlas.data);
        self.index = Some(Arc::new(story.clone()));
        let source = atlas.data.source.clone();
        let job = crate::platform::world::job_needing_gazetteer("search index", move |_| {
            let gazetteer = Dataset::load_gazetteer(&source).map_err(|e| e.to_string())?;
            let world = WorldGazetteer::embedded().map_err(|e| e.to_string())?;
            let mut index = story;
            index.add_gazetteer(&gazetteer);
            index.add_world(Arc::new(world));
            Ok(index)
        });
        self.loading = job.ok();
    }

    /// Takes the grown index when it is ready (and searches again with it).
    fn poll(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.loading else {
            return;
        };
        match job.poll() {
            Poll::Running => ctx.request_repaint_after(std::time::Duration::from_millis(50)),
            Poll::Done(Ok(index)) => {
                self.index = Some(Arc::new(index));
                self.loading = None;
                self.refresh();
            }
            // Without the gazetteer the story's own names still work.
            Poll::Done(Err(_)) | Poll::Lost => self.loading = None,
        }
    }
}

/// What a result is, in a word.
fn kind(t: Target) -> &'static str {
    match t {
        Target::Place(_) => "story place",
        Target::Province(_) => "province",
        Target::Country(_) => "country",
        Target::Event(_) => "event",
        Target::Gazetteer(_) | Target::World(_) => "gazetteer",
    }
}

/// Flies to a result and selects it (a gazetteer place, not in the story, is only shown).
fn go_to(atlas: &Atlas, f: &Found) -> Vec<Command> {
    let data = &atlas.data;
    let fit = |ids: Vec<String>| Command::ShowView {
        view: SlideView::Fit { fit: ids },
        instant: false,
    };
    match f.target {
        Target::Place(i) => {
            let id = data.places[i].id.clone();
            vec![Command::Select(Selection::Place(id.clone())), fit(vec![id])]
        }
        Target::Province(i) => {
            let iso = data.provinces[i].iso.clone();
            vec![
                Command::Select(Selection::Province(iso.clone())),
                fit(vec![iso]),
            ]
        }
        Target::Country(i) => vec![fit(vec![data.countries[i].iso_a2.clone()])],
        Target::Event(i) => {
            let e = &data.events[i];
            vec![
                Command::Select(Selection::Event(e.id.clone())),
                fit(e.places.clone()),
            ]
        }
        Target::World(_) => world_unit(atlas, f).unwrap_or_else(|| gazetteer_view(f)),
        Target::Gazetteer(_) => gazetteer_view(f),
    }
}

/// A world first-level unit the map draws: selected (its panel opens) and fitted.
fn world_unit(atlas: &Atlas, f: &Found) -> Option<Vec<Command>> {
    if f.what != Some("first-level unit") {
        return None;
    }
    let (name, cc) = f.name.rsplit_once(", ")?;
    let world = &atlas.world;
    let ci = world.by_country(cc)?;
    if world.countries[ci].story_drawn {
        return None;
    }
    let folded = crate::spatial::geocode::fold(name);
    let units = world.decode(ci)?;
    let unit = units
        .units
        .iter()
        .find(|p| crate::spatial::geocode::fold(&p.name) == folded)?;
    let code = unit.iso.clone();
    Some(vec![
        Command::Select(Selection::Province(code.clone())),
        Command::ShowView {
            view: SlideView::Fit { fit: vec![code] },
            instant: false,
        },
    ])
}

/// A gazetteer place: shown at a town's zoom, with a word that it is not in the story.
fn gazetteer_view(f: &Found) -> Vec<Command> {
    let Some((lon, lat)) = f.at else {
        return Vec::new();
    };
    vec![
        Command::ShowView {
            view: SlideView::Center {
                center: [lon, lat],
                zoom: 9.0,
            },
            instant: false,
        },
        Command::Status(format!("{}: from the gazetteer, not in this story", f.name)),
    ]
}
