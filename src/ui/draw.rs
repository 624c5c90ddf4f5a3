//! Drawing on the map in class: the pen and pin tools, colours, undo / redo, clear, and the
//! palette that holds them. The drawings themselves are [`Annotation`]s in lon/lat.

use std::sync::Arc;

use egui::{Color32, RichText, Ui, vec2};
use serde::{Deserialize, Serialize};

use crate::model::Annotation;

/// What a drag or click on the map does.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tool {
    /// Pan, zoom, click to select (the map as usual).
    #[default]
    Pan,
    /// Drag to draw a line.
    Pen,
    /// Click to pin a note.
    Pin,
}

/// Pen colours: Okabe–Ito, told apart by colour-blind students too.
pub const COLORS: [[u8; 3]; 5] = [
    [0x00, 0x00, 0x00],
    [0xD5, 0x5E, 0x00],
    [0x00, 0x72, 0xB2],
    [0x00, 0x9E, 0x73],
    [0xCC, 0x79, 0xA7],
];

/// Most undo steps kept.
const UNDO_DEPTH: usize = 200;

/// The drawings and the tools. Tool settings persist; the drawings are saved to their own file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Drawing {
    pub tool: Tool,
    pub color: [u8; 3],
    pub width: f32,
    /// Text of the next pin.
    pub pin_text: String,
    /// Path typed for export / import.
    pub file_field: String,
    #[serde(skip)]
    pub items: Arc<Vec<Annotation>>,
    /// The stroke being drawn.
    #[serde(skip)]
    pub current: Option<Vec<[f64; 2]>>,
    #[serde(skip)]
    undo: Vec<Arc<Vec<Annotation>>>,
    #[serde(skip)]
    redo: Vec<Arc<Vec<Annotation>>>,
    /// Changed since last saved.
    #[serde(skip)]
    pub dirty: bool,
    #[serde(skip)]
    pub message: Option<String>,
}

impl Default for Drawing {
    fn default() -> Self {
        Self {
            tool: Tool::Pan,
            color: COLORS[1],
            width: 4.0,
            pin_text: String::new(),
            file_field: "annotations.geojson".into(),
            items: Arc::default(),
            current: None,
            undo: Vec::new(),
            redo: Vec::new(),
            dirty: false,
            message: None,
        }
    }
}

/// What the palette asked for that the app must do (files).
#[derive(Debug, Clone, PartialEq)]
pub enum DrawAction {
    Export(std::path::PathBuf),
    Import(std::path::PathBuf),
}

impl Drawing {
    /// Replaces the drawings, keeping the old ones for undo.
    pub fn set(&mut self, items: Vec<Annotation>) {
        self.undo.push(self.items.clone());
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.redo.clear();
        self.items = Arc::new(items);
        self.dirty = true;
    }

    /// Adds one drawing.
    pub fn add(&mut self, a: Annotation) {
        let mut items = (*self.items).clone();
        items.push(a);
        self.set(items);
    }

    /// Loads drawings from a file at start: not an undo step, nothing to save.
    pub fn load(&mut self, items: Vec<Annotation>) {
        self.items = Arc::new(items);
        self.undo.clear();
        self.redo.clear();
        self.dirty = false;
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Takes back the last change.
    pub fn undo(&mut self) {
        if let Some(prev) = self.undo.pop() {
            self.redo.push(std::mem::replace(&mut self.items, prev));
            self.dirty = true;
        }
    }

    /// Does again what was undone.
    pub fn redo(&mut self) {
        if let Some(next) = self.redo.pop() {
            self.undo.push(std::mem::replace(&mut self.items, next));
            self.dirty = true;
        }
    }

    /// Removes every drawing (undoable).
    pub fn clear(&mut self) {
        if !self.items.is_empty() {
            self.set(Vec::new());
        }
    }

    /// Starts, extends or ends a pen stroke at a lon/lat point.
    pub fn stroke_point(&mut self, p: [f64; 2]) {
        let pts = self.current.get_or_insert_with(Vec::new);
        if pts.last() != Some(&p) {
            pts.push(p);
        }
    }

    /// Ends the stroke in progress, keeping it if it has at least two points.
    pub fn end_stroke(&mut self) {
        if let Some(points) = self.current.take()
            && points.len() >= 2
        {
            self.add(Annotation::Stroke {
                color: self.color,
                width: self.width,
                points,
            });
        }
    }
}

fn swatch_color(c: [u8; 3]) -> Color32 {
    Color32::from_rgb(c[0], c[1], c[2])
}

/// The palette in the map's top-right corner (`at`), clear of the legend and the zoom buttons.
pub fn palette(ui: &Ui, d: &mut Drawing, at: egui::Pos2) -> (Option<DrawAction>, egui::Rect) {
    let mut action = None;
    let area = egui::Area::new(egui::Id::unique("draw-palette"))
        .fixed_pos(at)
        .pivot(egui::Align2::RIGHT_TOP)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_max_width(150.0);
                ui.label(RichText::new("Draw").small().strong());
                ui.horizontal(|ui| {
                    for (tool, name, tip) in [
                        (Tool::Pan, "Move", "Pan and click the map as usual"),
                        (Tool::Pen, "Pen", "Drag on the map to draw"),
                        (Tool::Pin, "Pin", "Click on the map to pin a note"),
                    ] {
                        ui.selectable_value(&mut d.tool, tool, name)
                            .on_hover_text(tip);
                    }
                });
                if d.tool != Tool::Pan {
                    ui.horizontal(|ui| {
                        for c in COLORS {
                            let (rect, resp) =
                                ui.allocate_exact_size(vec2(18.0, 18.0), egui::Sense::click());
                            ui.painter()
                                .circle_filled(rect.center(), 7.0, swatch_color(c));
                            if d.color == c {
                                ui.painter().circle_stroke(
                                    rect.center(),
                                    8.5,
                                    egui::Stroke::new(2.0, Color32::from_gray(40)),
                                );
                            }
                            if resp.on_hover_text("Colour").clicked() {
                                d.color = c;
                            }
                        }
                    });
                }
                if d.tool == Tool::Pen {
                    let w = ui.label(RichText::new("Width").small());
                    ui.add(egui::Slider::new(&mut d.width, 1.0..=12.0))
                        .labelled_by(w.id);
                }
                if d.tool == Tool::Pin {
                    let t = ui.label(RichText::new("Pin text").small());
                    ui.add(egui::TextEdit::singleline(&mut d.pin_text).desired_width(130.0))
                        .labelled_by(t.id);
                }
                ui.horizontal(|ui| {
                    if ui
                        .add_enabled(d.can_undo(), egui::Button::new("Undo").small())
                        .on_hover_text("Ctrl+Z")
                        .clicked()
                    {
                        d.undo();
                    }
                    if ui
                        .add_enabled(d.can_redo(), egui::Button::new("Redo").small())
                        .on_hover_text("Ctrl+Y or Ctrl+Shift+Z")
                        .clicked()
                    {
                        d.redo();
                    }
                    if ui
                        .add_enabled(!d.items.is_empty(), egui::Button::new("Clear").small())
                        .on_hover_text("Remove every drawing (Undo brings them back)")
                        .clicked()
                    {
                        d.clear();
                    }
                });
                ui.collapsing(RichText::new("GeoJSON file").small(), |ui| {
                    let f = ui.label(RichText::new("File").small());
                    ui.add(egui::TextEdit::singleline(&mut d.file_field).desired_width(130.0))
                        .labelled_by(f.id);
                    let path = std::path::PathBuf::from(d.file_field.trim());
                    let ok = !d.file_field.trim().is_empty();
                    ui.horizontal(|ui| {
                        if ui
                            .add_enabled(ok, egui::Button::new("Export").small())
                            .clicked()
                        {
                            action = Some(DrawAction::Export(path.clone()));
                        }
                        if ui
                            .add_enabled(ok, egui::Button::new("Import").small())
                            .clicked()
                        {
                            action = Some(DrawAction::Import(path.clone()));
                        }
                    });
                    if let Some(m) = &d.message {
                        ui.label(RichText::new(m).small());
                    }
                });
            });
        });
    (action, area.response.rect)
}

/// Undo / redo keys (when no text field has focus).
pub fn keys(ui: &Ui, d: &mut Drawing) {
    if ui.ctx().memory(|m| m.focused().is_some()) {
        return;
    }
    let (undo, redo) = ui.input_mut(|i| {
        let redo = i.consume_key(
            egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
            egui::Key::Z,
        ) | i.consume_key(egui::Modifiers::COMMAND, egui::Key::Y);
        let undo = i.consume_key(egui::Modifiers::COMMAND, egui::Key::Z);
        (undo, redo)
    });
    if undo {
        d.undo();
    }
    if redo {
        d.redo();
    }
}
