//! The menu bar: File, Quiz, Tour, View, Help, then the status line and the story's title.

use egui::{RichText, Ui};

use super::AtlasApp;
use crate::map::choropleth::Shading;
use crate::platform::{ABILITIES, FileKind};
use crate::ui::map_view::Units;
use crate::ui::{Command, Selection, WindowId};

impl AtlasApp {
    /// The menu bar; what its items ask for comes back as commands.
    pub(super) fn menu(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut c = Vec::new();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| c.extend(self.file_menu(ui)));
            ui.menu_button("Quiz", |ui| c.extend(self.quiz_menu(ui)));
            ui.menu_button("Tour", |ui| c.extend(self.tour_menu(ui)));
            ui.menu_button("View", |ui| c.extend(self.view_menu(ui)));
            ui.menu_button("Help", |ui| c.extend(help_menu(ui)));
            ui.separator();
            if let Some(status) = &self.status {
                ui.label(RichText::new(status).small());
                ui.separator();
            }
            ui.label(RichText::new("Event Atlas").strong());
            // The story's title may name a quiz answer ("… flee to Tajikistan").
            if !self.quizzes.waiting() {
                ui.label(RichText::new(&self.atlas.data.story.title).weak());
            }
        });
        c
    }

    /// The File menu. Where there are no files by path (the browser) it offers only what
    /// works there, never a button that fails.
    fn file_menu(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut c = Vec::new();
        c.extend(self.story_items(ui));
        ui.separator();
        let mut item = |ui: &mut Ui, text: &str, hover: &str, command: Command| {
            if ui.button(text).on_hover_text(hover).clicked() {
                c.push(command);
                ui.close();
            }
        };
        item(
            ui,
            "Open data file (ACLED, UCDP GED, GeoJSON)…",
            "Events from a CSV or GeoJSON file, as a layer (or drop the file on the map)",
            Command::Browse(FileKind::Data),
        );
        item(
            ui,
            "Open article (find its places)…",
            "A text's places, found and put on the map",
            Command::Open(WindowId::Article),
        );
        item(
            ui,
            "Layers…",
            "The layers open",
            Command::Open(WindowId::Layers),
        );
        ui.separator();
        // The file name is typed in a small window: a click in a menu closes the menu.
        let exports = [
            (
                "Export view as PNG…",
                "The map as shown, with legend and credits, for handouts",
                WindowId::ExportPng,
            ),
            (
                "Export animation…",
                "The timeline playing over a range of days, as a GIF for slides",
                WindowId::ExportAnimation,
            ),
            (
                "Export handout (PDF)…",
                "A page per slide, a quiz sheet and its answer key, for paper",
                WindowId::ExportHandout,
            ),
        ];
        for (text, hover, window) in exports {
            item(ui, text, hover, Command::Open(window));
        }
        c
    }

    /// Stories: open one, build one from an article, reopen a recent one. The browser opens
    /// a story archive (.zip) through its picker, and has no recent folders.
    fn story_items(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut c = Vec::new();
        let open = if ABILITIES.paths {
            Command::Open(WindowId::OpenStory)
        } else {
            Command::Browse(FileKind::StoryArchive)
        };
        let open_text = if ABILITIES.paths {
            "Open story…"
        } else {
            "Open story (.zip)…"
        };
        for (text, command) in [
            (open_text, open),
            (
                "New story from article…",
                Command::Open(WindowId::StoryBuilder),
            ),
        ] {
            if ui.button(text).clicked() {
                c.push(command);
                ui.close();
            }
        }
        if ABILITIES.paths {
            ui.menu_button("Recent stories", |ui| {
                c.extend(self.stories.recent_menu(ui));
            });
        } else if ui.button("The built-in story").clicked() {
            c.push(Command::OpenBuiltInStory);
            ui.close();
        }
        c
    }

    fn quiz_menu(&self, ui: &mut Ui) -> Vec<Command> {
        let mut c = Vec::new();
        let n = self.quizzes.len();
        let start = egui::Button::new(format!("Start the quiz ({n} questions)"));
        if ui.add_enabled(n > 0, start).clicked() {
            c.push(Command::StartQuiz);
        }
        let active = self.quizzes.saved.active;
        if ui
            .add_enabled(active, egui::Button::new("End quiz (Esc)"))
            .clicked()
        {
            c.push(Command::EndQuiz);
        }
        c
    }

    fn tour_menu(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut c = Vec::new();
        let n = self.tours.len();
        let present = egui::Button::new(format!("Present the tour ({n} slides)"));
        if ui.add_enabled(n > 0, present).clicked() {
            let slide = self.tours.saved.slide;
            c.push(Command::StartTour {
                slide,
                instant: false,
            });
        }
        let active = self.tours.saved.active;
        if ui
            .add_enabled(active, egui::Button::new("End tour (Esc)"))
            .clicked()
        {
            c.push(Command::EndTour);
        }
        // The notes go to a second window on the desktop; the page has only its canvas, where
        // they would show on the projector too.
        if ABILITIES.windows {
            ui.checkbox(
                &mut self.tours.presenter,
                "Presenter view: notes in a second window, only the map on the projector",
            );
        }
        if ui.button("Add slide from current view").clicked() {
            c.push(Command::AddSlideFromView);
        }
        let mut editor = self.is_open(WindowId::TourEditor);
        if ui
            .checkbox(&mut editor, "Tour editor (open, edit, save)")
            .changed()
        {
            c.push(Command::Toggle(WindowId::TourEditor));
        }
        let name = if self.tours.name.is_empty() {
            "No tour loaded"
        } else {
            &self.tours.name
        };
        ui.label(RichText::new(name).small().weak());
        c
    }

    fn view_menu(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut c = Vec::new();
        if ui.button("Home: the story's view (H)").clicked() {
            c.push(Command::Home);
        }
        if ui.button("Clear selection (Esc)").clicked() {
            c.push(Command::Select(Selection::None));
        }
        for (w, name) in [
            (WindowId::SidePanel, "Details panel"),
            (WindowId::Legend, "Legend"),
            (WindowId::Timeline, "Timeline"),
        ] {
            let mut open = self.is_open(w);
            if ui.checkbox(&mut open, name).changed() {
                c.push(Command::Toggle(w));
            }
        }
        let mut miles = self.map.saved.units == Units::Miles;
        if ui.checkbox(&mut miles, "Scale bar in miles").changed() {
            self.map.saved.units = if miles {
                Units::Miles
            } else {
                Units::Kilometres
            };
        }
        ui.separator();
        ui.label("Basemap");
        c.extend(self.basemap.menu(ui));
        ui.separator();
        ui.label("Shade provinces by");
        let mut shading = self.shading;
        for s in Shading::ALL {
            ui.radio_value(&mut shading, s, s.label());
        }
        if shading != self.shading {
            c.push(Command::Shade(shading));
        }
        ui.separator();
        self.text_sizes(ui);
        if !ABILITIES.accesskit {
            // No screen reader reaches into the page's canvas: the browser's speech can.
            let mut speak = ui.ctx().options(|o| o.screen_reader);
            let read = "Read aloud what has focus (Tab moves between controls and provinces)";
            if ui.checkbox(&mut speak, read).changed() {
                ui.ctx().options_mut(|o| o.screen_reader = speak);
            }
        }
        c
    }

    /// Map text size, the whole window's size (for projectors), full screen.
    fn text_sizes(&mut self, ui: &mut Ui) {
        ui.label("Map text size");
        ui.add(egui::Slider::new(&mut self.text_scale, 0.8..=2.0));
        ui.label("Text size (whole window, for projectors; also Ctrl + / Ctrl −)");
        let mut z = ui.ctx().zoom_factor();
        if ui
            .add(egui::Slider::new(&mut z, 0.8..=2.0).step_by(0.05))
            .changed()
        {
            ui.ctx().set_zoom_factor(z);
        }
        if ui.button("Full screen (F11)").clicked() {
            let full = ui.input(|i| i.viewport().fullscreen.unwrap_or(false));
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Fullscreen(!full));
        }
    }
}

fn help_menu(ui: &mut Ui) -> Vec<Command> {
    ui.label("Drag to pan · wheel or pinch to zoom · arrows pan · +/− zoom · H home · Esc clears");
    ui.label("Timeline: Space plays or pauses · comma / full stop step between events · drag the red cursor · wheel zooms the axis · shift-drag picks a loop range");
    if ui.button("About Event Atlas").clicked() {
        return vec![Command::Open(WindowId::About)];
    }
    Vec::new()
}
