//! One frame: keys first, background work collected, then the menu, the panels, the map and
//! what sits over it, then the windows. Each feature's commands are applied right after it, so
//! what is drawn later in the frame already sees them.

use egui::{Key, Ui};

use super::{AtlasApp, PendingView};
use crate::map::crossings::Motion;
use crate::platform::{FileKind, Poll};
use crate::ui::draw::Tool;
use crate::ui::export::Shot;
use crate::ui::map_view::{MapInputs, MapOutput};
use crate::ui::quiz::QuizAction;
use crate::ui::tour::{Fold, details_strip, fold_button};
use crate::ui::{Command, Selection, WindowId, about, export, problems, side_panel};

impl AtlasApp {
    /// The whole UI, without eframe (so tests can drive it with egui_kittest).
    pub fn show(&mut self, ui: &mut Ui) {
        self.window_setup(ui);
        self.keys(ui);
        self.resolve_view(ui);
        let atlas = self.atlas.clone();
        self.timeline.keys(ui, &atlas);
        self.timeline.advance(ui, &atlas);
        self.refresh();
        self.background_work(ui.ctx());
        if self.chrome() {
            let commands = egui::Panel::top("menu").show(ui, |ui| self.menu(ui)).inner;
            self.apply_all(commands);
        }
        self.side_panel(ui);
        self.timeline_panel(ui);
        egui::CentralPanel::no_frame().show(ui, |ui| self.map_panel(ui));
        self.over_map(ui);
        self.windows_ui(ui.ctx());
        self.record_step(ui);
        self.handout_step(ui);
    }

    /// Theme, text size (restored once), and the window title: the story's.
    fn window_setup(&mut self, ui: &Ui) {
        // A light theme matches the paper-like map and reads best on a projector.
        ui.ctx().set_theme(egui::Theme::Light);
        if !self.zoom_applied {
            ui.ctx()
                .set_visuals_of(egui::Theme::Light, crate::ui::theme::visuals());
            ui.ctx().set_zoom_factor(self.ui_zoom.clamp(0.5, 3.0));
            self.zoom_applied = true;
        }
        self.ui_zoom = ui.ctx().zoom_factor();
        // Set once per story (switching clears it).
        if self.title.is_empty() {
            self.title = format!("{} — Event Atlas", self.atlas.data.story.title);
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Title(self.title.clone()));
        }
    }

    /// Full screen, the quiz's and the tour's keys (taken before the map and timeline see
    /// them), drawing undo / redo, and Esc to clear the selection.
    fn keys(&mut self, ui: &Ui) {
        use egui::Modifiers;
        self.capture_keys(ui);
        if ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::F11)) {
            let full = ui.input(|i| i.viewport().fullscreen.unwrap_or(false));
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Fullscreen(!full));
        }
        let typing = !crate::ui::keys::shortcuts_free(ui.ctx());
        if self.quizzes.saved.active
            && !typing
            && ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape))
        {
            self.apply(Command::EndQuiz);
        }
        let commands = self.tours.keys(ui);
        self.apply_all(commands);
        if self.tours.saved.active {
            self.tours.folds.keys(ui);
        }
        crate::ui::draw::keys(ui, &mut self.drawing);
        self.search.keys(ui, self.quizzes.waiting());
        if ui.input(|i| i.key_pressed(Key::Escape)) {
            self.apply(Command::Select(Selection::None));
        }
    }

    /// Recomputes what the filter shows, if it changed.
    pub(super) fn refresh(&mut self) {
        let filter = self.timeline.filter();
        let concealed = self.quizzes.concealed(&self.atlas);
        self.derived
            .refresh(&self.atlas, filter, self.shading, concealed);
    }

    /// Collects what background work finished: imports, exports, the geocoder, tour files,
    /// drawings, a story folder, the file dialog; files dropped on the window; the tiles.
    fn background_work(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        for f in dropped {
            // A story archive opens as the story, an article text is built into one, any
            // other file is data. The desktop hands over a path; the browser, a file to read.
            let kind = FileKind::of_dropped(&f.path().to_string_lossy());
            if crate::platform::ABILITIES.paths && kind == FileKind::Data {
                self.apply(Command::OpenData(f.path().to_path_buf()));
            } else {
                self.pickers.push((kind, crate::platform::read_dropped(f)));
            }
        }
        for (kind, job) in std::mem::take(&mut self.pickers) {
            match job.poll() {
                Poll::Running => self.pickers.push((kind, job)),
                Poll::Done(Ok(Some(file))) => {
                    if let Some(c) = super::apply::command_for(&kind, file) {
                        self.apply(c);
                    }
                }
                Poll::Done(Err(e)) => self.apply(Command::Problem(e)),
                Poll::Done(Ok(None)) | Poll::Lost => {}
            }
        }
        if !self.pickers.is_empty() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        let mut commands = self.layers.poll(ctx);
        let article = self.articles.poll(ctx);
        if let Some((name, layer)) = article.layer {
            let layer = crate::ui::layers::with_world_units(&self.atlas, layer);
            self.layers.replace_named(&name, layer);
        }
        commands.extend(article.commands);
        commands.extend(self.tours.poll(ctx));
        commands.extend(self.story_builder.poll(ctx));
        let drawing = self.drawing.poll(ctx);
        commands.extend(drawing.into_iter().map(Command::Problem));
        commands.extend(self.basemap.update(ctx));
        self.apply_all(commands);
        self.poll_story(ctx);
        self.poll_dialog(ctx);
        if let Some(days) = self.layers.timeline_days() {
            self.timeline.imported_days = days;
        }
    }

    /// The details panel on the right: a picked cluster's events, or the selection's.
    fn side_panel(&mut self, ui: &mut Ui) {
        if !self.is_open(WindowId::SidePanel) || !self.chrome() {
            return;
        }
        if self.folded(Fold::Details) {
            details_strip(ui, &mut self.tours.folds);
            return;
        }
        // Narrower by default in small windows (a projector at 1024×768).
        let width = (ui.available_width() * 0.28).clamp(260.0, 390.0);
        let time = self.timeline.filter().time;
        let shown = egui::Panel::right("details")
            .default_size(width)
            .size_range(260.0..=700.0)
            .resizable(true)
            .show(ui, |ui| {
                ui.add_space(6.0);
                if self.quizzes.waiting() {
                    ui.label("Quiz question open: the details come back after your answer.");
                    return None;
                }
                if self.layers.picked_panel(ui, &time) {
                    return None;
                }
                let vis = &self.derived.visible;
                let (resolved, layers) = (&self.resolved, &mut self.layers);
                side_panel::ui(ui, &self.atlas, &self.selection, resolved, vis, |ui| {
                    if let Some(p) = resolved.province {
                        layers.province_panel(ui, p, &time);
                    }
                    if let Some(u) = resolved.unit {
                        layers.unit_panel(ui, u, &time);
                    }
                })
            })
            .inner;
        if let Some(s) = shown {
            self.apply(Command::Select(s));
        }
    }

    /// The timeline panel at the bottom.
    fn timeline_panel(&mut self, ui: &mut Ui) {
        self.timeline.hidden_items = self.derived.visible.concealed.items.clone();
        if !self.is_open(WindowId::Timeline) || !self.chrome() {
            return;
        }
        if self.folded(Fold::Timeline) {
            self.timeline_strip(ui);
            return;
        }
        let atlas = self.atlas.clone();
        let vis = self.derived.visible.clone();
        let selected = self.resolved.item;
        let commands = egui::Panel::bottom("timeline")
            .default_size(250.0)
            .size_range(120.0..=600.0)
            .resizable(true)
            .show(ui, |ui| {
                ui.add_space(4.0);
                self.timeline.ui(ui, &atlas, selected, &vis)
            })
            .inner;
        self.apply_all(commands);
        // The panel may have moved the cursor or changed the kinds.
        self.refresh();
    }

    /// The slim strip the timeline folds into while presenting: the days shown and the
    /// crossing counter (here it covers nothing on the map).
    fn timeline_strip(&mut self, ui: &mut Ui) {
        let span = self.derived.visible.span_text();
        let counter = self.derived.counter.lines.join(" · ");
        egui::Panel::bottom("timeline-strip")
            .exact_size(28.0)
            .resizable(false)
            .show(ui, |ui| {
                ui.horizontal_centered(|ui| {
                    fold_button(ui, &mut self.tours.folds, Fold::Timeline, "^");
                    ui.label(egui::RichText::new(span).strong().size(15.0));
                    ui.separator();
                    ui.add(egui::Label::new(egui::RichText::new(counter).size(14.0)).truncate());
                });
            });
    }

    /// The map, and what its clicks and drags are for: the quiz, the pen or pin, or the
    /// selection.
    fn map_panel(&mut self, ui: &mut Ui) {
        let playing = self.timeline.playing;
        let cursor = self.timeline.filter().time.cursor;
        let speed = self.timeline.saved.playback.speed;
        let motion = playing.then(|| Motion {
            cursor,
            grow_days: (speed * 0.8).max(1e-3),
            time: ui.input(|i| i.time),
        });
        let imported = self
            .layers
            .draws(self.map.saved.memory.zoom(), &self.timeline.filter().time);
        let d = &self.drawing;
        let input = MapInputs {
            atlas: &self.atlas,
            selected: self.resolved,
            filter: self.timeline.filter(),
            shading: self.shading,
            visible: &self.derived.visible,
            fills: &self.derived.fills,
            choropleth: &self.derived.choropleth,
            counter: &self.derived.counter,
            motion,
            text_scale: self.text_scale,
            highlighted: &self.highlighted,
            annotations: &d.items,
            current_stroke: d
                .current
                .clone()
                .map(|p| (p, d.settings.color, d.settings.width)),
            tool: d.settings.tool,
            imported,
            picked: self.layers.picked,
            tile_credit: self.basemap.credit().map(str::to_owned),
            legend_open: self.is_open(WindowId::Legend) && !self.folded(Fold::Legend),
            counter_on_map: !self.folded(Fold::Timeline) && !self.projecting(),
            bare: self.projecting() || self.handout.is_some(),
            controls: self.chrome(),
            pointer: self.recorder.is_none() && self.handout.is_none(),
        };
        let out = self.map.ui(ui, &input, self.basemap.tiles_mut());
        self.route_map(out);
    }

    /// Sends the map's click or drag where it belongs.
    fn route_map(&mut self, mut out: MapOutput) {
        let commands = std::mem::take(&mut out.commands);
        self.apply_all(commands);
        let tool = self.drawing.settings.tool;
        if tool != Tool::Pan {
            // Drawing: the pen takes drags, the pin takes clicks; neither selects.
            self.drawing.on_map(&out.gesture, out.clicked_at);
        }
        if self.quizzes.wants_map_click() && tool != Tool::Pin {
            // A quiz question takes the click as its answer (even with the pen in hand).
            if let Some((lon, lat)) = out.clicked_at {
                let response = crate::model::Response::Map { lon, lat };
                self.quiz_action(QuizAction::Answer(response));
            }
        } else if tool == Tool::Pan
            && let Some(c) = out.clicked_cluster
        {
            self.apply(Command::PickCluster(Some(c)));
        } else if tool == Tool::Pan
            && let Some(sel) = out.clicked
        {
            self.apply(Command::PickCluster(None));
            self.apply(Command::Select(sel));
        }
    }

    /// The drawing palette, the quiz's and the tour's cards: drawn after the map, kept clear
    /// by its labels.
    fn over_map(&mut self, ui: &mut Ui) {
        let Some(t) = self.map.last_transform else {
            return;
        };
        if self.chrome() {
            self.map_tools(ui, t.rect);
        }
        if self.quizzes.saved.active {
            let day = self.timeline.filter().time.day();
            let (action, card) = self.quizzes.card(ui, t.rect, self.text_scale, day);
            self.keep_clear(card);
            if let Some(a) = action {
                self.quiz_action(a);
            }
        }
        // A handout pictures the map alone: the slide's words are on its page.
        if self.tours.saved.active && self.handout.is_none() {
            let (commands, card) = self.tours.card(ui, t.rect, self.text_scale);
            self.keep_clear(card);
            self.apply_all(commands);
        }
    }

    /// The drawing palette (or its button) and the search over the map.
    fn map_tools(&mut self, ui: &mut Ui, map: egui::Rect) {
        let at = map.right_top() + egui::vec2(-10.0, 10.0);
        let palette = if self.folded(Fold::Palette) {
            let area = egui::Area::new(egui::Id::unique("draw-folded"))
                .fixed_pos(at)
                .pivot(egui::Align2::RIGHT_TOP)
                .show(ui.ctx(), |ui| {
                    fold_button(ui, &mut self.tours.folds, Fold::Palette, "+");
                });
            area.response.rect
        } else {
            self.drawing.palette(ui, at)
        };
        self.map.add_obstacle(palette);
        // No search while a quiz question waits: it would name the answer.
        if !self.quizzes.waiting() {
            let atlas = self.atlas.clone();
            let at = map.left_top() + egui::vec2(10.0, 112.0);
            let (commands, room) = self.search.ui(ui, &atlas, at);
            self.map.add_obstacle(room);
            self.apply_all(commands);
        }
    }

    /// A card over the map: labels and fitted views keep clear of it.
    fn keep_clear(&mut self, card: Option<egui::Rect>) {
        if let Some(card) = card {
            self.map.add_obstacle(card);
        }
    }

    /// The windows open, and the hint while files are dragged over the window.
    fn windows_ui(&mut self, ctx: &egui::Context) {
        let atlas = self.atlas.clone();
        let mut commands = Vec::new();
        if self.projecting() {
            let mut status = vec![self.derived.visible.span_text()];
            status.extend(self.derived.counter.lines.iter().cloned());
            commands.extend(self.tours.presenter_window(ctx, &status));
        }
        if !self.chrome() {
            // The projector shows only the map, and so do the frames of an animation; the
            // windows come back afterwards.
            self.apply_all(commands);
            return;
        }
        if self.is_open(WindowId::TourEditor) {
            let quote = self.selected_quote();
            commands.extend(self.tours.editor(ctx, &atlas, quote.as_deref()));
        }
        let mut about = self.is_open(WindowId::About);
        about::ui(ctx, &mut about, &atlas.data.story);
        if !about {
            self.windows.remove(&WindowId::About);
        }
        if self.is_open(WindowId::Layers) {
            let time = self.timeline.filter().time;
            let basemap = &mut self.basemap;
            commands.extend(self.layers.window(ctx, &time, |ui| basemap.controls(ui)));
        }
        if self.is_open(WindowId::Article) {
            commands.extend(self.articles.window(ctx, &atlas));
        }
        if self.is_open(WindowId::ExportPng) {
            commands.extend(export::window(ctx, &mut self.export_path));
        }
        if self.is_open(WindowId::ExportHandout) {
            let (open, make) = crate::ui::handout::window(ctx, &mut self.handout_path);
            if !open {
                self.windows.remove(&WindowId::ExportHandout);
            }
            if let Some(path) = make {
                self.start_handout(path, false);
            }
        }
        if self.is_open(WindowId::ExportAnimation) {
            let a = &mut self.animation;
            commands.extend(crate::ui::animate::window(ctx, &atlas, a));
        }
        if self.is_open(WindowId::OpenStory) {
            commands.extend(self.stories.window(ctx));
        }
        if self.is_open(WindowId::StoryBuilder) {
            commands.extend(self.story_builder.window(ctx));
        }
        self.apply_all(commands);
        drop_hint(ctx);
        problems::window(ctx, &mut self.problems);
    }

    /// Flies (or jumps) to a pending view once the map's size is known.
    fn resolve_view(&mut self, ui: &Ui) {
        if self.map.last_transform.is_none() {
            return;
        }
        let Some(p) = self.pending_view.take() else {
            return;
        };
        // Two frames for a new card to be drawn and sized, so the room it leaves is known.
        if p.waited < 2 {
            self.pending_view = Some(PendingView {
                waited: p.waited + 1,
                ..p
            });
            ui.ctx().request_repaint();
            return;
        }
        // Everything highlighted must be on screen and uncovered, whatever the view says.
        let highlight = self.atlas.highlight_box(&self.highlighted);
        let target = match &p.view {
            crate::model::SlideView::Fit { fit } => {
                let r = self.atlas.fit_rect(fit);
                let r = match (r, highlight) {
                    (Some(a), Some(b)) => Some(crate::atlas::union_box(a, b)),
                    (a, b) => a.or(b),
                };
                r.and_then(|r| self.map.fitting(r))
            }
            crate::model::SlideView::Center { center, zoom } => {
                let c = crate::spatial::mercator(geo::coord! { x: center[0], y: center[1] });
                match highlight.and_then(|h| self.map.fitting(h)) {
                    // Centred on the highlight, no closer than the slide asks.
                    Some((hc, hz)) => Some((hc, hz.min(*zoom))),
                    None => Some((c, *zoom)),
                }
            }
        };
        if let Some((c, z)) = target {
            if p.instant {
                self.map.jump_to(c, z);
            } else {
                self.map.fly_to(c, z);
            }
        }
    }

    /// One frame of a capture (`--screenshot`, File › Export view as PNG).
    pub(super) fn screenshot_step(&mut self, ui: &Ui) {
        let busy = self.busy();
        let Some(job) = &mut self.screenshot else {
            return;
        };
        let Shot::Done { message, close } = job.step(ui, busy) else {
            return;
        };
        self.screenshot = None;
        if close {
            eprintln!("{message}");
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        } else {
            self.status = Some(message);
        }
    }

    /// Takes the file dialog's answer when it comes.
    fn poll_dialog(&mut self, ctx: &egui::Context) {
        let Some((target, job)) = self.dialog.take() else {
            return;
        };
        let picked = match job.poll() {
            Poll::Running => {
                self.dialog = Some((target, job));
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
                return;
            }
            Poll::Done(p) => p,
            Poll::Lost => None,
        };
        match picked {
            Some(path) => self.picked_file(target, path),
            None => {
                self.status = Some(
                    "no file chosen (or no file dialog on this system): type the path in the window instead"
                        .into(),
                )
            }
        }
    }
}

/// "Drop to open" while files are dragged over the window.
fn drop_hint(ctx: &egui::Context) {
    if ctx.input(|i| i.raw.hovered_files.is_empty()) {
        return;
    }
    let screen = ctx.content_rect();
    let layer = egui::LayerId::new(egui::Order::Foreground, egui::Id::unique("drop"));
    let painter = ctx.layer_painter(layer);
    painter.rect_filled(screen, 0.0, egui::Color32::from_black_alpha(120));
    painter.text(
        screen.center(),
        egui::Align2::CENTER_CENTER,
        "Drop to open (ACLED or UCDP GED CSV, GeoJSON)",
        egui::FontId::proportional(26.0),
        egui::Color32::WHITE,
    );
}
