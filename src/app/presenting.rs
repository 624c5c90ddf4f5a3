//! Presenting and writing tours: loading, applying a slide (date, highlight, view), the
//! editor's actions and the presenter keys.

use egui::{Key, Ui};

use super::AtlasApp;
use crate::atlas::Highlighted;
use crate::model::{Dataset, PartialDate, Slide, SlideView, Tour};
use crate::spatial::mercator;
use crate::timeline::TimeMode;
use crate::ui::Selection;
use crate::ui::quiz::QuizAction;
use crate::ui::tour::TourAction;

impl AtlasApp {
    /// Loads the tour the state points at (a teacher's file) or else the data's own tour;
    /// problems go to the problems window and the app goes on without a tour.
    pub(super) fn load_tour(&mut self) {
        if let Some(path) = self.state.tour.path.clone() {
            match self.open_tour(&path) {
                Ok(()) => return,
                Err(e) => {
                    self.problems.push(e);
                    self.state.tour.path = None;
                }
            }
        }
        let source = self.atlas.data.source.clone();
        match Dataset::load_tour(&source) {
            Ok(Some((tour, _))) => {
                self.state.tour.name = source.display_name(crate::model::TOUR_FILE);
                self.state.tour.slide = self
                    .state
                    .tour
                    .slide
                    .min(tour.slides.len().saturating_sub(1));
                self.state.tour.tour = Some(tour);
            }
            Ok(None) => {}
            Err(e) => self
                .problems
                .push(format!("{e}\nThe rest of the app works without the tour.")),
        }
        if self.state.tour.tour.is_none() {
            self.state.tour.active = false;
        }
    }

    /// Opens a tour file (menu, editor or `--tour`). A file that does not parse is refused with
    /// its line and the current tour stays; ids or quotes that do not check are listed as
    /// problems, and the tour opens anyway (unknown ids are skipped when shown).
    pub fn open_tour(&mut self, path: &std::path::Path) -> Result<(), String> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| format!("{name}: {e}"))?;
        let tour = Tour::parse(&name, &text).map_err(|e| e.to_string())?;
        for e in crate::check::check_tour(&tour, &name, &text, &self.atlas.data) {
            self.problems.push(e.to_string());
        }
        let t = &mut self.state.tour;
        t.slide = if t.path.as_deref() == Some(path) {
            t.slide.min(tour.slides.len().saturating_sub(1))
        } else {
            0
        };
        t.tour = Some(tour);
        t.path = Some(path.to_path_buf());
        t.name = name;
        t.edited = false;
        t.message = None;
        Ok(())
    }

    /// Starts presenting at slide `i` (0-based); `instant` jumps instead of flying (screenshots).
    pub fn start_tour(&mut self, i: usize, instant: bool) {
        if self.state.tour.is_empty() {
            return;
        }
        self.state.tour.active = true;
        self.state.quiz.active = false;
        self.apply_slide(i, instant);
    }

    /// What the current slide highlights, resolved.
    pub fn highlighted(&self) -> &Highlighted {
        &self.highlighted
    }

    /// Shows slide `i`: its date, its highlight (and the first highlighted thing in the side
    /// panel), and its view.
    pub fn apply_slide(&mut self, i: usize, instant: bool) {
        let Some(slide) = self
            .state
            .tour
            .tour
            .as_ref()
            .and_then(|t| t.slides.get(i))
            .cloned()
        else {
            return;
        };
        self.state.tour.slide = i;
        self.state.timeline.playback.playing = false;
        if let Some(t) = slide.time {
            self.set_time(t.date, t.window);
        }
        self.highlighted = self.atlas.resolve_highlight(&slide.highlight);
        let h = &slide.highlight;
        self.state.selection = if let Some(p) = h.provinces.first() {
            Selection::Province(p.clone())
        } else if let Some(e) = h.events.first() {
            Selection::Event(e.clone())
        } else if let Some(x) = h.crossings.first() {
            Selection::Crossing(x.clone())
        } else if let Some(p) = h.places.first() {
            Selection::Place(p.clone())
        } else {
            Selection::None
        };
        self.pending_view = Some((slide.view, instant, 0));
    }

    /// Flies (or jumps) to a pending slide view once the map's size is known.
    pub(super) fn resolve_view(&mut self, ui: &Ui) {
        if self.state.map.last_transform.is_none() {
            return;
        }
        let Some((view, instant, waited)) = self.pending_view.take() else {
            return;
        };
        // One frame for the new slide's card to be drawn, so its height is known.
        if waited == 0 {
            self.pending_view = Some((view, instant, 1));
            ui.ctx().request_repaint();
            return;
        }
        let target = match &view {
            SlideView::Fit { fit } => self
                .atlas
                .fit_rect(fit)
                .and_then(|r| self.state.map.fitting(r, self.card_height)),
            SlideView::Center { center, zoom } => {
                Some((mercator(geo::coord! { x: center[0], y: center[1] }), *zoom))
            }
        };
        if let Some((c, z)) = target {
            if instant {
                self.state.map.jump_to(c, z);
            } else {
                self.state.map.fly_to(c, z);
            }
        }
    }

    /// A slide made from what is on screen: view, date and selection.
    pub fn slide_from_view(&self) -> Slide {
        let (center, zoom) = self
            .state
            .map
            .current()
            .unwrap_or((self.atlas.home.center(), 6.0));
        let c = crate::spatial::mercator::inverse_mercator(center);
        let round = |v: f64| (v * 1e4).round() / 1e4;
        let f = &self.state.filter.time;
        let mut highlight = crate::model::Highlight::default();
        match &self.state.selection {
            Selection::Province(p) => highlight.provinces.push(p.clone()),
            Selection::Place(p) => highlight.places.push(p.clone()),
            Selection::Event(e) => highlight.events.push(e.clone()),
            Selection::Crossing(x) => highlight.crossings.push(x.clone()),
            Selection::None => {}
        }
        let n = self.state.tour.len() + 1;
        let mut id = format!("slide-{n}");
        let taken = |id: &str| {
            self.state
                .tour
                .tour
                .as_ref()
                .is_some_and(|t| t.slides.iter().any(|s| s.id == id))
        };
        let mut k = n;
        while taken(&id) {
            k += 1;
            id = format!("slide-{k}");
        }
        Slide {
            id,
            title: format!("New slide {n}"),
            narration: String::new(),
            quotes: Vec::new(),
            view: SlideView::Center {
                center: [round(c.x), round(c.y)],
                zoom: (zoom * 100.0).round() / 100.0,
            },
            time: Some(crate::model::SlideTime {
                date: PartialDate::from_day_number(f.day()),
                window: (f.mode == TimeMode::Window).then_some(f.window),
            }),
            highlight,
        }
    }

    pub(super) fn tour_action(&mut self, action: TourAction) {
        match action {
            TourAction::Go(i) => {
                self.state.tour.active = true;
                self.apply_slide(i, false);
            }
            TourAction::BackToSlide => self.apply_slide(self.state.tour.slide, false),
            TourAction::End => {
                self.state.tour.active = false;
                self.highlighted = Highlighted::default();
            }
            TourAction::AddFromView => {
                let slide = self.slide_from_view();
                let t = &mut self.state.tour;
                let tour = t.tour.get_or_insert_with(|| Tour {
                    title: "My tour".into(),
                    slides: Vec::new(),
                });
                let at = (t.slide + 1).min(tour.slides.len());
                tour.slides.insert(at, slide);
                t.slide = at;
                t.edited = true;
                if t.name.is_empty() {
                    t.name = "new tour".into();
                }
            }
            TourAction::Open(path) => match self.open_tour(&path) {
                Ok(()) => {
                    self.state.tour.message = Some(format!(
                        "Opened {} slides from {}",
                        self.state.tour.len(),
                        path.display()
                    ))
                }
                Err(e) => {
                    self.state.tour.message = Some(format!("Not opened: {e}"));
                    self.problems.push(e);
                }
            },
            TourAction::Save(path) => {
                let result = self
                    .state
                    .tour
                    .tour
                    .as_ref()
                    .ok_or_else(|| "no tour to save".to_string())
                    .and_then(|t| t.save(&path).map_err(|e| e.to_string()));
                let t = &mut self.state.tour;
                t.message = Some(match result {
                    Ok(()) => {
                        t.edited = false;
                        t.path = Some(path.clone());
                        t.name = path.display().to_string();
                        t.overwrite_shipped = false;
                        format!("Saved {} slides to {}", t.len(), path.display())
                    }
                    Err(e) => format!("Not saved: {}: {e}", path.display()),
                });
            }
        }
    }

    /// Tour keys while presenting: arrows, Page Up / Page Down (what presenter clickers send)
    /// and Space turn slides; Esc ends. They are taken before the map and timeline see them.
    pub(super) fn tour_keys(&mut self, ui: &Ui) {
        use egui::Modifiers;
        if ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::F11)) {
            let full = ui.input(|i| i.viewport().fullscreen.unwrap_or(false));
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Fullscreen(!full));
        }
        if self.state.quiz.active
            && !ui.ctx().memory(|m| m.focused().is_some())
            && ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape))
        {
            self.quiz_action(QuizAction::End);
        }
        if !self.state.tour.active || ui.ctx().memory(|m| m.focused().is_some()) {
            return;
        }
        let (next, prev, end) = ui.input_mut(|i| {
            let mut take = |k| i.consume_key(Modifiers::NONE, k);
            let next = take(Key::ArrowRight) | take(Key::PageDown) | take(Key::Space);
            let prev = take(Key::ArrowLeft) | take(Key::PageUp);
            let end = take(Key::Escape);
            (next, prev, end)
        });
        let i = self.state.tour.slide;
        if next && i + 1 < self.state.tour.len() {
            self.tour_action(TourAction::Go(i + 1));
        }
        if prev && i > 0 {
            self.tour_action(TourAction::Go(i - 1));
        }
        if end {
            self.tour_action(TourAction::End);
        }
    }

    /// The article sentence of the selected event or crossing (for quoting on a slide).
    pub(super) fn selected_quote(&self) -> Option<String> {
        let data = &self.atlas.data;
        match &self.state.selection {
            Selection::Event(id) => data
                .events
                .iter()
                .find(|e| &e.id == id)
                .map(|e| e.quote.clone()),
            Selection::Crossing(id) => data
                .crossings
                .crossings
                .iter()
                .find(|x| &x.id == id)
                .map(|x| x.quote.clone()),
            _ => None,
        }
    }
}
