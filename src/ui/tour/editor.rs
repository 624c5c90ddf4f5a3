//! The tour editor: slides listed with Up / Down / Delete, the selected slide's title, what to
//! say and its quotes, and Open / Save. The shipped tour is never overwritten without asking.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::{RichText, Ui, vec2};

use super::Tours;
use crate::atlas::Atlas;
use crate::model::Slide;
use crate::ui::{Command, WindowId};

/// An edit of the slide list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListOp {
    Go,
    Up,
    Down,
    Delete,
}

/// Whether `path` is the tour shipped in `data_dir` (never overwritten without asking).
pub fn is_shipped(path: &Path, data_dir: Option<&Path>) -> bool {
    let shipped = data_dir
        .map(|d| d.join(crate::model::TOUR_FILE))
        .unwrap_or_else(|| Path::new("data").join(crate::model::TOUR_FILE));
    match (path.canonicalize(), shipped.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => path == shipped,
    }
}

impl Tours {
    /// The editor window. `quote` is the selected item's article sentence, if any, to add to a
    /// slide.
    pub fn editor(
        &mut self,
        ctx: &egui::Context,
        atlas: &Arc<Atlas>,
        quote: Option<&str>,
    ) -> Vec<Command> {
        let mut open = true;
        let mut commands = Vec::new();
        egui::Window::new("Tour editor")
            .open(&mut open)
            .default_width(460.0)
            .default_pos(ctx.content_rect().left_top() + vec2(60.0, 80.0))
            .show(ctx, |ui| commands = self.editor_body(ui, atlas, quote));
        if !open {
            commands.push(Command::Close(WindowId::TourEditor));
        }
        commands
    }

    fn editor_body(
        &mut self,
        ui: &mut Ui,
        atlas: &Arc<Atlas>,
        quote: Option<&str>,
    ) -> Vec<Command> {
        let mut commands = Vec::new();
        let changed = if self.edited {
            " (changed, not saved)"
        } else {
            ""
        };
        let name = if self.name.is_empty() {
            "No tour"
        } else {
            &self.name
        };
        ui.label(RichText::new(format!("{name}{changed}")).weak());
        if ui
            .button("Add slide from current view")
            .on_hover_text("The view, the date and the selection become a new slide after this one")
            .clicked()
        {
            commands.push(Command::AddSlideFromView);
        }
        if let Some((i, op)) = self.slide_list(ui) {
            commands.extend(self.apply(i, op));
        }
        self.slide_text(ui, quote);
        ui.separator();
        commands.extend(self.file_row(ui, atlas));
        commands
    }

    /// The tour's title and its slides, each with Up, Down and Delete.
    fn slide_list(&mut self, ui: &mut Ui) -> Option<(usize, ListOp)> {
        let current = self.saved.slide;
        let tour = self.tour.as_mut()?;
        let mut op = None;
        ui.horizontal(|ui| {
            let title = ui.label("Tour title");
            self.edited |= ui
                .text_edit_singleline(&mut tour.title)
                .labelled_by(title.id)
                .changed();
        });
        ui.separator();
        let n = tour.slides.len();
        egui::ScrollArea::vertical()
            .max_height(220.0)
            .id_salt("tour-slides")
            .show(ui, |ui| {
                for (i, s) in tour.slides.iter().enumerate() {
                    ui.horizontal(|ui| {
                        if let Some(o) = list_row(ui, i, n, s, i == current) {
                            op = Some((i, o));
                        }
                    });
                }
            });
        op
    }

    /// The current slide's title, what to say, and its quotes.
    fn slide_text(&mut self, ui: &mut Ui, quote: Option<&str>) {
        let current = self.saved.slide;
        let Some(s) = self.tour.as_mut().and_then(|t| t.slides.get_mut(current)) else {
            return;
        };
        ui.separator();
        ui.label(RichText::new(format!("Slide {}", current + 1)).strong());
        let t = ui.label("Title");
        let mut edited = ui
            .text_edit_singleline(&mut s.title)
            .labelled_by(t.id)
            .changed();
        let nar = ui.label("What to say");
        edited |= ui
            .add(egui::TextEdit::multiline(&mut s.narration).desired_rows(3))
            .labelled_by(nar.id)
            .changed();
        edited |= quotes(ui, s, quote);
        self.edited |= edited;
    }

    /// The browser's file row: Open tour file… (its picker), the name to download as, and
    /// Download.
    fn download_row(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        ui.horizontal(|ui| {
            if ui
                .add_enabled(!self.busy(), egui::Button::new("Open tour file…"))
                .clicked()
            {
                commands.push(Command::Browse(crate::platform::FileKind::Tour));
            }
            let file = ui.label("File name");
            ui.add(egui::TextEdit::singleline(&mut self.saved.file_field).desired_width(160.0))
                .labelled_by(file.id);
            let typed = self.saved.file_field.trim();
            let ok = !typed.is_empty() && self.tour.is_some() && !self.busy();
            if ui.add_enabled(ok, egui::Button::new("Download")).clicked() {
                self.save(crate::platform::SaveTo::typed(typed));
            }
        });
        if let Some(m) = &self.message {
            ui.label(RichText::new(m).small());
        }
        commands
    }

    /// The file box, "Overwrite the shipped tour" when it names the shipped tour, Open, Save.
    fn file_row(&mut self, ui: &mut Ui, atlas: &Arc<Atlas>) -> Vec<Command> {
        if !crate::platform::ABILITIES.paths {
            return self.download_row(ui);
        }
        let mut commands = Vec::new();
        ui.horizontal(|ui| {
            let file = ui.label("File");
            ui.add(egui::TextEdit::singleline(&mut self.saved.file_field).desired_width(240.0))
                .labelled_by(file.id);
        });
        let typed = self.saved.file_field.trim();
        let path = PathBuf::from(typed);
        let has_path = !typed.is_empty();
        let data_dir = match &atlas.data.source {
            crate::model::DataSource::Dir(d) => Some(d.as_path()),
            crate::model::DataSource::Embedded | crate::model::DataSource::Files(_) => None,
        };
        let shipped = has_path && is_shipped(&path, data_dir);
        if shipped {
            ui.checkbox(&mut self.overwrite_shipped, "Overwrite the shipped tour");
        }
        ui.horizontal(|ui| {
            if ui
                .add_enabled(has_path && !self.busy(), egui::Button::new("Open"))
                .clicked()
                && let Err(e) = self.open_in_background(path.clone(), atlas.clone())
            {
                commands.push(Command::Problem(e));
            }
            let can_save = has_path
                && self.tour.is_some()
                && !self.busy()
                && (!shipped || self.overwrite_shipped);
            if ui
                .add_enabled(can_save, egui::Button::new("Save"))
                .on_hover_text(
                    "Written whole to a temporary file, then renamed: never half-written",
                )
                .clicked()
            {
                self.save(crate::platform::SaveTo::Path(path.clone()));
            }
        });
        if let Some(m) = &self.message {
            ui.label(RichText::new(m).small());
        }
        commands
    }

    /// Go to, move or delete slide `i`.
    fn apply(&mut self, i: usize, op: ListOp) -> Vec<Command> {
        let Some(tour) = self.tour.as_mut() else {
            return Vec::new();
        };
        let n = tour.slides.len();
        match op {
            ListOp::Go => {
                return vec![Command::StartTour {
                    slide: i,
                    instant: false,
                }];
            }
            ListOp::Up if i > 0 && i < n => {
                tour.slides.swap(i, i - 1);
                self.saved.slide = i - 1;
            }
            ListOp::Down if i + 1 < n => {
                tour.slides.swap(i, i + 1);
                self.saved.slide = i + 1;
            }
            ListOp::Delete if i < n => {
                tour.slides.remove(i);
                self.saved.slide = self.saved.slide.min(tour.slides.len().saturating_sub(1));
            }
            _ => return Vec::new(),
        }
        self.edited = true;
        Vec::new()
    }
}

/// One slide in the list: its title (click to go), Delete, Down, Up.
fn list_row(ui: &mut Ui, i: usize, n: usize, s: &Slide, current: bool) -> Option<ListOp> {
    let mut op = None;
    if ui
        .selectable_label(current, format!("{}. {}", i + 1, s.title))
        .clicked()
    {
        op = Some(ListOp::Go);
    }
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        if ui.small_button("Delete").clicked() {
            op = Some(ListOp::Delete);
        }
        if ui
            .add_enabled(i + 1 < n, egui::Button::new("Down").small())
            .clicked()
        {
            op = Some(ListOp::Down);
        }
        if ui
            .add_enabled(i > 0, egui::Button::new("Up").small())
            .clicked()
        {
            op = Some(ListOp::Up);
        }
    });
    op
}

/// The slide's quotes, each removable, and "Quote the selected item" for the selected event's
/// or crossing's sentence (so quotes stay verbatim). Returns whether they changed.
fn quotes(ui: &mut Ui, s: &mut Slide, quote: Option<&str>) -> bool {
    let mut remove = None;
    for (k, q) in s.quotes.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("“{q}”")).italics());
            if ui.small_button("Remove quote").clicked() {
                remove = Some(k);
            }
        });
    }
    if let Some(k) = remove {
        s.quotes.remove(k);
        return true;
    }
    match quote {
        Some(q) if !s.quotes.iter().any(|x| x == q) => {
            if ui
                .button("Quote the selected item")
                .on_hover_text(q)
                .clicked()
            {
                s.quotes.push(q.to_string());
                return true;
            }
        }
        _ => {
            let hint = "Select an event or crossing to quote its sentence.";
            ui.label(RichText::new(hint).small().weak());
        }
    }
    false
}
