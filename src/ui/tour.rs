//! Presenting and writing guided tours: the slide card over the map, and the tour editor.
//!
//! This module only shows things and reports what the teacher asked for ([`TourAction`]); the
//! app applies a slide (view, date, highlight), since that touches the whole state.

use std::path::{Path, PathBuf};

use egui::{Align2, Color32, RichText, Ui, vec2};
use serde::{Deserialize, Serialize};

use crate::model::{Slide, Tour};

/// Tour state: which tour, which slide, presenting or not. The tour itself is reloaded from its
/// file (or the data) on start; the slide and the file persist.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TourState {
    /// Presenting now: the slide card shows and the arrow keys turn slides.
    pub active: bool,
    /// Current slide (0-based).
    pub slide: usize,
    /// A tour file the teacher opened; `None` is the data's own tour.
    pub path: Option<PathBuf>,
    /// The path typed in the editor's Open / Save box.
    pub file_field: String,
    #[serde(skip)]
    pub tour: Option<Tour>,
    /// Where the tour came from, for messages.
    #[serde(skip)]
    pub name: String,
    /// Changed since it was opened or saved.
    #[serde(skip)]
    pub edited: bool,
    #[serde(skip)]
    pub editor_open: bool,
    /// The last thing the editor has to say ("Saved 15 slides to …").
    #[serde(skip)]
    pub message: Option<String>,
    /// The teacher ticked "overwrite the shipped tour".
    #[serde(skip)]
    pub overwrite_shipped: bool,
}

/// What the teacher asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum TourAction {
    /// Show slide `i` (view, date and highlight).
    Go(usize),
    /// Put the map back as the current slide has it.
    BackToSlide,
    /// Stop presenting.
    End,
    /// Append a slide made from the current view after the current one.
    AddFromView,
    /// Open a tour file.
    Open(PathBuf),
    /// Save the tour to a file.
    Save(PathBuf),
}

impl TourState {
    /// Number of slides.
    pub fn len(&self) -> usize {
        self.tour.as_ref().map_or(0, |t| t.slides.len())
    }

    /// No tour, or a tour with no slides.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The current slide.
    pub fn current(&self) -> Option<&Slide> {
        self.tour.as_ref()?.slides.get(self.slide)
    }
}

/// The slide card over the map while presenting: number, progress, title, narration, quotes and
/// the buttons a teacher needs. `rect` is the map's screen rectangle. Returns what was clicked
/// and where the card was drawn.
pub fn presenter(
    ui: &Ui,
    state: &TourState,
    rect: egui::Rect,
    scale: f32,
) -> (Option<TourAction>, Option<egui::Rect>) {
    let (Some(tour), Some(slide)) = (state.tour.as_ref(), state.current()) else {
        return (None, None);
    };
    let n = tour.slides.len();
    let mut action = None;
    let width = (rect.width() * 0.55).clamp(320.0, 760.0);
    let card = egui::Area::new(egui::Id::unique("tour-card"))
        .fixed_pos(rect.center_top() + vec2(0.0, 10.0))
        .pivot(Align2::CENTER_TOP)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style())
                .fill(Color32::from_rgba_unmultiplied(255, 253, 247, 245))
                .inner_margin(12.0)
                .show(ui, |ui| {
                    ui.set_width(width);
                    ui.horizontal(|ui| {
                        ui.label(
                            RichText::new(format!("Slide {} of {n}", state.slide + 1))
                                .size(12.0 * scale)
                                .weak(),
                        );
                        ui.add(
                            egui::ProgressBar::new((state.slide + 1) as f32 / n.max(1) as f32)
                                .desired_width(120.0)
                                .desired_height(6.0),
                        );
                        ui.label(RichText::new(&tour.title).size(12.0 * scale).weak());
                    });
                    ui.label(RichText::new(&slide.title).strong().size(20.0 * scale));
                    if !slide.narration.is_empty() {
                        ui.label(RichText::new(&slide.narration).size(14.5 * scale));
                    }
                    for q in &slide.quotes {
                        ui.label(
                            RichText::new(format!("“{q}”"))
                                .italics()
                                .size(13.5 * scale)
                                .color(Color32::from_rgb(0x4A, 0x3B, 0x2E)),
                        );
                    }
                    ui.add_space(4.0);
                    ui.horizontal(|ui| {
                        if ui
                            .add_enabled(state.slide > 0, egui::Button::new("< Previous slide"))
                            .on_hover_text("Left arrow or Page Up")
                            .clicked()
                        {
                            action = Some(TourAction::Go(state.slide - 1));
                        }
                        if ui
                            .add_enabled(state.slide + 1 < n, egui::Button::new("Next slide >"))
                            .on_hover_text("Right arrow, Page Down or Space")
                            .clicked()
                        {
                            action = Some(TourAction::Go(state.slide + 1));
                        }
                        if ui
                            .button("Back to slide")
                            .on_hover_text("Put the map back as this slide shows it")
                            .clicked()
                        {
                            action = Some(TourAction::BackToSlide);
                        }
                        if ui.button("End tour").on_hover_text("Esc").clicked() {
                            action = Some(TourAction::End);
                        }
                    });
                });
        });
    (action, Some(card.response.rect))
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

/// The tour editor: slides listed with Go / Up / Down / Delete, the selected slide's text, and
/// Open / Save. `quote` is the selected item's article sentence, if any, to add to a slide.
pub fn editor(
    ctx: &egui::Context,
    state: &mut TourState,
    quote: Option<&str>,
    data_dir: Option<&Path>,
) -> Option<TourAction> {
    let mut open = state.editor_open;
    let mut action = None;
    egui::Window::new("Tour editor")
        .open(&mut open)
        .default_width(460.0)
        .default_pos(ctx.content_rect().left_top() + vec2(60.0, 80.0))
        .show(ctx, |ui| {
            action = editor_body(ui, state, quote, data_dir);
        });
    state.editor_open = open;
    action
}

fn editor_body(
    ui: &mut Ui,
    state: &mut TourState,
    quote: Option<&str>,
    data_dir: Option<&Path>,
) -> Option<TourAction> {
    let mut action = None;
    ui.label(
        RichText::new(format!(
            "{}{}",
            if state.name.is_empty() {
                "No tour"
            } else {
                &state.name
            },
            if state.edited {
                " (changed, not saved)"
            } else {
                ""
            }
        ))
        .weak(),
    );
    if ui
        .button("Add slide from current view")
        .on_hover_text("The view, the date and the selection become a new slide after this one")
        .clicked()
    {
        action = Some(TourAction::AddFromView);
    }
    let current = state.slide;
    let mut edited = false;
    let mut op: Option<(usize, &str)> = None;
    if let Some(tour) = state.tour.as_mut() {
        ui.horizontal(|ui| {
            let title = ui.label("Tour title");
            edited |= ui
                .text_edit_singleline(&mut tour.title)
                .labelled_by(title.id)
                .changed();
        });
        ui.separator();
        egui::ScrollArea::vertical()
            .max_height(220.0)
            .id_salt("tour-slides")
            .show(ui, |ui| {
                let n = tour.slides.len();
                for (i, s) in tour.slides.iter().enumerate() {
                    ui.horizontal(|ui| {
                        let label = format!("{}. {}", i + 1, s.title);
                        if ui.selectable_label(i == current, label).clicked() {
                            op = Some((i, "go"));
                        }
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            if ui.small_button("Delete").clicked() {
                                op = Some((i, "delete"));
                            }
                            if ui
                                .add_enabled(i + 1 < n, egui::Button::new("Down").small())
                                .clicked()
                            {
                                op = Some((i, "down"));
                            }
                            if ui
                                .add_enabled(i > 0, egui::Button::new("Up").small())
                                .clicked()
                            {
                                op = Some((i, "up"));
                            }
                        });
                    });
                }
            });
        if let Some(s) = tour.slides.get_mut(current) {
            ui.separator();
            ui.label(RichText::new(format!("Slide {}", current + 1)).strong());
            let t = ui.label("Title");
            edited |= ui
                .text_edit_singleline(&mut s.title)
                .labelled_by(t.id)
                .changed();
            let nar = ui.label("What to say");
            edited |= ui
                .add(egui::TextEdit::multiline(&mut s.narration).desired_rows(3))
                .labelled_by(nar.id)
                .changed();
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
                edited = true;
            }
            match quote {
                Some(q) if !s.quotes.iter().any(|x| x == q) => {
                    if ui
                        .button("Quote the selected item")
                        .on_hover_text(q)
                        .clicked()
                    {
                        s.quotes.push(q.to_string());
                        edited = true;
                    }
                }
                _ => {
                    ui.label(
                        RichText::new("Select an event or crossing to quote its sentence.")
                            .small()
                            .weak(),
                    );
                }
            }
        }
    }
    if let Some((i, what)) = op {
        action = apply_list_op(state, i, what).or(action);
    }
    if edited {
        state.edited = true;
    }
    ui.separator();
    ui.horizontal(|ui| {
        let file = ui.label("File");
        ui.add(egui::TextEdit::singleline(&mut state.file_field).desired_width(240.0))
            .labelled_by(file.id);
    });
    let path = PathBuf::from(state.file_field.trim());
    let shipped = !state.file_field.trim().is_empty() && is_shipped(&path, data_dir);
    if shipped {
        ui.checkbox(&mut state.overwrite_shipped, "Overwrite the shipped tour");
    }
    ui.horizontal(|ui| {
        let has_path = !state.file_field.trim().is_empty();
        if ui
            .add_enabled(has_path, egui::Button::new("Open"))
            .clicked()
        {
            action = Some(TourAction::Open(path.clone()));
        }
        let can_save = has_path && state.tour.is_some() && (!shipped || state.overwrite_shipped);
        if ui
            .add_enabled(can_save, egui::Button::new("Save"))
            .on_hover_text("Written whole to a temporary file, then renamed: never half-written")
            .clicked()
        {
            action = Some(TourAction::Save(path.clone()));
        }
    });
    if let Some(m) = &state.message {
        ui.label(RichText::new(m).small());
    }
    action
}

/// Go, move or delete slide `i`; returns the slide to show, if it changed.
fn apply_list_op(state: &mut TourState, i: usize, what: &str) -> Option<TourAction> {
    let tour = state.tour.as_mut()?;
    let n = tour.slides.len();
    match what {
        "go" => return Some(TourAction::Go(i)),
        "up" if i > 0 && i < n => {
            tour.slides.swap(i, i - 1);
            state.slide = i - 1;
        }
        "down" if i + 1 < n => {
            tour.slides.swap(i, i + 1);
            state.slide = i + 1;
        }
        "delete" if i < n => {
            tour.slides.remove(i);
            state.slide = state.slide.min(tour.slides.len().saturating_sub(1));
        }
        _ => return None,
    }
    state.edited = true;
    None
}
