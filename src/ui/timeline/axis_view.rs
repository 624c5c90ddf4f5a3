//! The axis as a widget: wheel and pinch zoom, panning, dragging the cursor or a loop range,
//! clicking a date or an entry, and the hover card of an entry.

use egui::{CursorIcon, Rect, Response, RichText, Sense, Ui, vec2};

use super::{Drag, ROW, RULER, Timeline, entry_label, item_dates, selection_of};
use crate::atlas::{Atlas, Item};
use crate::timeline::{TimeAxis, Visible};
use crate::ui::Command;

/// The axis as drawn this frame: its rectangle, the days in view and the x range they span.
#[derive(Debug, Clone, Copy)]
pub(super) struct Frame {
    pub rect: Rect,
    pub axis: TimeAxis,
    pub left: f32,
    pub right: f32,
}

impl Frame {
    /// Screen x of a (fractional) day.
    pub fn x(&self, day: f64) -> f32 {
        self.axis.x(day, self.left, self.right)
    }

    /// Day under a screen x.
    pub fn day(&self, x: f32) -> f64 {
        self.axis.day(x, self.left, self.right)
    }
}

impl Timeline {
    pub(super) fn axis_view(
        &mut self,
        ui: &mut Ui,
        atlas: &Atlas,
        selected: Option<Item>,
        vis: &Visible,
    ) -> Vec<Command> {
        let size = vec2(ui.available_width(), ui.available_height().max(RULER + ROW));
        let (rect, response) = ui.allocate_exact_size(size, Sense::click_and_drag());
        self.axis_rect = Some(rect);
        let mut f = Frame {
            rect,
            axis: self.axis(atlas),
            left: rect.left() + 8.0,
            right: rect.right() - 8.0,
        };
        zoom_and_scroll(ui, &response, &mut f);
        self.drags(ui, atlas, &response, &mut f);
        self.saved.axis = Some(f.axis);
        // Hover and click on entries (laid out last frame, at the same place).
        self.hovered = response
            .hover_pos()
            .and_then(|p| self.hits.iter().rev().find(|(r, _)| r.contains(p)))
            .map(|&(_, item)| item);
        let commands = self.clicks(atlas, &response, &f);
        self.cursor_icon(ui, &response, &f);
        self.paint(ui, atlas, selected, vis, &f);
        if let Some(item) = self.hovered {
            hover_card(atlas, item, response);
        }
        commands
    }

    /// Where the cursor may go: the story's span and the imported data's, with a year spare.
    fn clamp_cursor(&self, atlas: &Atlas, day: f64) -> f64 {
        let mut story = atlas.time.span().unwrap_or((0, 1));
        if let Some((a, b)) = self
            .imported_days
            .as_ref()
            .and_then(|d| Some((*d.first()?, *d.last()?)))
        {
            story = (story.0.min(i64::from(a)), story.1.max(i64::from(b)));
        }
        day.clamp(story.0 as f64 - 366.0, story.1 as f64 + 366.0)
    }

    /// A drag moves the cursor (from the ruler or the cursor line), pans (elsewhere), or picks a
    /// loop range (with shift).
    fn drags(&mut self, ui: &Ui, atlas: &Atlas, response: &Response, f: &mut Frame) {
        let cursor_x = f.x(self.saved.filter.time.cursor);
        let pointer = response.interact_pointer_pos();
        if response.drag_started()
            && let Some(p) = pointer
        {
            self.drag = Some(if ui.input(|i| i.modifiers.shift) {
                Drag::Range(f.day(p.x))
            } else if p.y < f.rect.top() + RULER || (p.x - cursor_x).abs() < 8.0 {
                Drag::Cursor
            } else {
                Drag::Pan
            });
        }
        if response.dragged()
            && let Some(p) = pointer
        {
            match self.drag {
                Some(Drag::Cursor) => {
                    self.saved.filter.time.cursor = self.clamp_cursor(atlas, f.day(p.x));
                    self.playing = false;
                }
                Some(Drag::Pan) => {
                    let dx = f64::from(response.drag_delta().x);
                    f.axis
                        .pan(-dx * f.axis.span() / f64::from(f.right - f.left));
                }
                Some(Drag::Range(from)) => {
                    let to = f.day(p.x);
                    self.saved.playback.range = Some((from.min(to), from.max(to)));
                }
                None => {}
            }
        }
        if response.drag_stopped() {
            self.drag = None;
        }
    }

    /// A click on an entry selects it and moves the cursor to the day it had surely happened
    /// by; a click elsewhere moves the cursor there.
    fn clicks(&mut self, atlas: &Atlas, response: &Response, f: &Frame) -> Vec<Command> {
        if !response.clicked() {
            return Vec::new();
        }
        let time = &mut self.saved.filter.time;
        match (self.hovered, response.interact_pointer_pos()) {
            (Some(item), _) => {
                let (date, _, _) = item_dates(atlas, item);
                time.cursor = date.last_day_number() as f64 + 0.5;
                self.playing = false;
                vec![Command::Select(selection_of(atlas, item))]
            }
            (None, Some(p)) => {
                let day = self.clamp_cursor(atlas, f.day(p.x));
                self.saved.filter.time.cursor = day;
                self.playing = false;
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn cursor_icon(&self, ui: &Ui, response: &Response, f: &Frame) {
        if self.hovered.is_some() {
            ui.ctx().set_cursor_icon(CursorIcon::PointingHand);
        } else if response.hovered() {
            let cursor_x = f.x(self.saved.filter.time.cursor);
            let over_cursor = response
                .hover_pos()
                .is_some_and(|p| p.y < f.rect.top() + RULER || (p.x - cursor_x).abs() < 8.0);
            ui.ctx().set_cursor_icon(if over_cursor {
                CursorIcon::ResizeHorizontal
            } else {
                CursorIcon::Grab
            });
        }
    }
}

/// Wheel and pinch zoom around the pointer; sideways scroll pans.
fn zoom_and_scroll(ui: &Ui, response: &Response, f: &mut Frame) {
    let Some(pos) = response.hover_pos() else {
        return;
    };
    let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta()));
    let around = f.day(pos.x);
    if zoom != 1.0 {
        f.axis.zoom(f64::from(zoom), around);
    } else if scroll.y != 0.0 {
        f.axis.zoom((f64::from(scroll.y) * 0.004).exp(), around);
    }
    if scroll.x != 0.0 {
        f.axis
            .pan(-f64::from(scroll.x) * f.axis.span() / f64::from(f.right - f.left));
    }
}

/// The hovered entry's title, dates and where the date comes from.
fn hover_card(atlas: &Atlas, item: Item, response: Response) {
    let (date, end, source) = item_dates(atlas, item);
    let when = match end {
        Some(e) => format!("{} to {}", date.human(), e.human()),
        None => date.human(),
    };
    response.on_hover_ui_at_pointer(|ui| {
        ui.strong(entry_label(atlas, item));
        ui.label(when);
        ui.label(RichText::new(source.label()).italics());
        ui.label(RichText::new("Click to select it and move the cursor there").weak());
    });
}
