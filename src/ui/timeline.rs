//! The timeline panel: events as ticks and spans on a date axis, the time cursor, playback.
//!
//! The panel only edits the [`Filter`] and the selection; the map reads them. Nothing here
//! re-reads data: entries come from the atlas's date index.

use egui::{
    Align2, Color32, CursorIcon, FontId, Key, Pos2, Rect, RichText, Sense, Stroke, StrokeKind, Ui,
    pos2, vec2,
};
use serde::{Deserialize, Serialize};

use super::Selection;
use super::time_axis::TimeAxis;
use crate::atlas::{Atlas, Item};
use crate::map::style;
use crate::model::{DateSource, PartialDate};
use crate::timeline::{Filter, MIN_SPEED, Playback, TimeMode, Unit, Vis, Visible};

/// Height of the ruler strip with the date labels; dragging in it moves the cursor.
const RULER: f32 = 22.0;
/// Height of one row of entries.
const ROW: f32 = 24.0;

/// Cursor colour: dark red, distinct from every kind colour.
const CURSOR: Color32 = Color32::from_rgb(0xA5, 0x1C, 0x30);

/// What a drag on the axis does.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Drag {
    Cursor,
    Pan,
    Range(f64),
}

/// Timeline state: the axis view and playback settings persist; hover and drags do not.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Timeline {
    /// `None` until first shown: then the whole story.
    pub axis: Option<TimeAxis>,
    pub playback: Playback,
    #[serde(skip)]
    pub hovered: Option<Item>,
    #[serde(skip)]
    drag: Option<Drag>,
    /// Screen rectangles of the drawn entries, for hit testing (last frame).
    #[serde(skip)]
    hits: Vec<(Rect, Item)>,
    /// Where the axis was drawn in the last frame.
    #[serde(skip)]
    pub axis_rect: Option<Rect>,
    /// An item left off the timeline (the event a quiz question asks the date of).
    #[serde(skip)]
    pub hidden_item: Option<Item>,
    /// First days of the imported events (sorted), drawn as a density strip; the cursor may
    /// roam over their span too.
    #[serde(skip)]
    pub imported_days: Option<std::sync::Arc<Vec<i32>>>,
}

/// The two natural scales of the story.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scales {
    /// Everything, 2001–2021 for the article.
    pub whole: TimeAxis,
    /// The crossings: the article's totals (the fortnight) with a week either side.
    pub crisis: TimeAxis,
}

impl Scales {
    /// Scales for the atlas's data.
    pub fn of(atlas: &Atlas) -> Self {
        let (first, last) = atlas.time.span().unwrap_or((0, 1));
        let (first, last) = (first as f64, last as f64 + 1.0);
        let pad = ((last - first) * 0.02).max(2.0);
        let whole = TimeAxis::new(first - pad, last + pad);
        let totals = &atlas.data.crossings.totals;
        let crossings = &atlas.data.crossings.crossings;
        let span = if totals.is_empty() {
            let s = crossings.iter().map(|x| x.date.first_day_number()).min();
            let e = crossings.iter().map(|x| x.date.last_day_number()).max();
            s.zip(e)
        } else {
            let s = totals.iter().map(|t| t.start.first_day_number()).min();
            let e = totals.iter().map(|t| t.end.last_day_number()).max();
            s.zip(e)
        };
        let crisis = match span {
            Some((s, e)) => TimeAxis::new(s as f64 - 7.0, e as f64 + 8.0),
            None => TimeAxis::new(last - 30.0, last),
        };
        Self { whole, crisis }
    }

    /// The scale that best shows `day`: the crisis when it falls in it.
    pub fn for_day(&self, day: f64) -> TimeAxis {
        if (self.crisis.start..=self.crisis.end).contains(&day) {
            self.crisis
        } else {
            self.whole
        }
    }
}

/// Imported events per few pixels of the axis, as pale bars along the bottom of the timeline
/// (a histogram: a binary search per bar, not a pass over the events).
fn density_strip(
    painter: &egui::Painter,
    days: &[i32],
    axis: TimeAxis,
    rect: Rect,
    (left, right): (f32, f32),
) {
    const BAR: f32 = 3.0;
    let height = (rect.height() * 0.35).min(60.0);
    let mut counts = Vec::new();
    let mut x0 = left;
    while x0 < right {
        let (d0, d1) = (axis.day(x0, left, right), axis.day(x0 + BAR, left, right));
        let lo = days.partition_point(|&d| f64::from(d) < d0.floor());
        let hi = days.partition_point(|&d| f64::from(d) < d1.floor());
        counts.push((x0, hi - lo));
        x0 += BAR;
    }
    let max = counts.iter().map(|c| c.1).max().unwrap_or(0).max(1) as f32;
    for (x0, n) in counts {
        if n == 0 {
            continue;
        }
        let h = (n as f32 / max).sqrt() * height;
        painter.rect_filled(
            Rect::from_min_max(
                pos2(x0, rect.bottom() - h),
                pos2(x0 + BAR - 0.5, rect.bottom()),
            ),
            0.0,
            Color32::from_rgba_unmultiplied(0x44, 0x77, 0xAA, 60),
        );
    }
}

/// The cursor that shows the whole story: the middle of its last day.
pub fn story_end(atlas: &Atlas) -> f64 {
    atlas.time.span().map_or(0.5, |(_, last)| last as f64 + 0.5)
}

/// The label of an entry on the timeline.
pub fn entry_label(atlas: &Atlas, item: Item) -> String {
    match item {
        Item::Event(i) => atlas.data.events[i].title.clone(),
        Item::Crossing(i) => {
            let x = &atlas.data.crossings.crossings[i];
            let to = atlas
                .place_index(&x.to)
                .map_or(x.to.as_str(), |p| atlas.data.places[p].name.as_str());
            format!("{} to {to}: {}", x.who, x.people.label())
        }
    }
}

fn item_dates(atlas: &Atlas, item: Item) -> (PartialDate, Option<PartialDate>, DateSource) {
    match item {
        Item::Event(i) => {
            let e = &atlas.data.events[i];
            (e.date, e.end_date, e.date_source)
        }
        Item::Crossing(i) => {
            let x = &atlas.data.crossings.crossings[i];
            (x.date, x.end_date, x.date_source)
        }
    }
}

/// The selection that stands for an item.
pub fn selection_of(atlas: &Atlas, item: Item) -> Selection {
    match item {
        Item::Event(i) => Selection::Event(atlas.data.events[i].id.clone()),
        Item::Crossing(i) => Selection::Crossing(atlas.data.crossings.crossings[i].id.clone()),
    }
}

fn selected_item(atlas: &Atlas, selection: &Selection) -> Option<Item> {
    match selection {
        Selection::Event(id) => atlas
            .data
            .events
            .iter()
            .position(|e| &e.id == id)
            .map(Item::Event),
        Selection::Crossing(id) => atlas
            .data
            .crossings
            .crossings
            .iter()
            .position(|x| &x.id == id)
            .map(Item::Crossing),
        _ => None,
    }
}

impl Timeline {
    /// The axis, set to the whole story the first time.
    pub fn axis(&mut self, atlas: &Atlas) -> TimeAxis {
        *self.axis.get_or_insert_with(|| Scales::of(atlas).whole)
    }

    /// Where an item was drawn in the last frame, if it was.
    pub fn entry_rect(&self, item: Item) -> Option<Rect> {
        self.hits.iter().find(|(_, i)| *i == item).map(|(r, _)| *r)
    }

    /// Screen x of a day on the axis as last drawn, and the y of the ruler (to click or drag).
    pub fn screen_pos_of_day(&self, day: f64) -> Option<Pos2> {
        let (rect, axis) = (self.axis_rect?, self.axis?);
        Some(pos2(
            axis.x(day, rect.left() + 8.0, rect.right() - 8.0),
            rect.top() + RULER / 2.0,
        ))
    }

    /// The range playback runs over: the chosen loop range, else the days in view.
    pub fn play_range(&mut self, atlas: &Atlas) -> (f64, f64) {
        match self.playback.range {
            Some((a, b)) if b > a => (a, b),
            _ => {
                let a = self.axis(atlas);
                (a.start, a.end)
            }
        }
    }

    /// Moves the cursor while playing; call once per frame before the filter is used.
    pub fn advance(&mut self, ui: &Ui, atlas: &Atlas, filter: &mut Filter) {
        if !self.playback.playing {
            return;
        }
        let dt = f64::from(ui.input(|i| i.stable_dt).min(0.25));
        let range = self.play_range(atlas);
        self.playback.advance(&mut filter.time.cursor, dt, range);
        ui.ctx().request_repaint();
    }

    /// Plays or pauses.
    pub fn toggle_play(&mut self, atlas: &Atlas, filter: &mut Filter) {
        let range = self.play_range(atlas);
        self.playback.toggle(&mut filter.time.cursor, range);
    }

    /// Steps the cursor to the next (or previous) day on which something starts.
    pub fn step(&mut self, atlas: &Atlas, filter: &mut Filter, forward: bool) {
        let day = filter.time.day();
        let to = if forward {
            atlas.time.next_start(day, filter)
        } else {
            atlas.time.prev_start(day, filter)
        };
        if let Some(d) = to {
            filter.time.cursor = d as f64 + 0.5;
            self.playback.playing = false;
            self.reveal(atlas, d as f64);
        }
    }

    /// Pans the axis so `day` is in view.
    fn reveal(&mut self, atlas: &Atlas, day: f64) {
        let mut a = self.axis(atlas);
        if day < a.start || day > a.end {
            a.pan(day - (a.start + a.end) / 2.0);
            self.axis = Some(a);
        }
    }

    /// Timeline keys: Space plays or pauses, comma and full stop step between events.
    pub fn keys(&mut self, ui: &Ui, atlas: &Atlas, filter: &mut Filter) {
        if ui.ctx().memory(|m| m.focused().is_some()) {
            return;
        }
        let (space, prev, next) = ui.input(|i| {
            (
                i.key_pressed(Key::Space),
                i.key_pressed(Key::Comma) || i.key_pressed(Key::OpenBracket),
                i.key_pressed(Key::Period) || i.key_pressed(Key::CloseBracket),
            )
        });
        if space {
            self.toggle_play(atlas, filter);
        }
        if prev {
            self.step(atlas, filter, false);
        }
        if next {
            self.step(atlas, filter, true);
        }
    }

    /// The panel: controls on top, the axis with its entries below.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        atlas: &Atlas,
        filter: &mut Filter,
        selection: &mut Selection,
        vis: &Visible,
    ) {
        self.controls(ui, atlas, filter, vis);
        ui.add_space(2.0);
        self.axis_view(ui, atlas, filter, selection, vis);
    }

    fn controls(&mut self, ui: &mut Ui, atlas: &Atlas, filter: &mut Filter, vis: &Visible) {
        let scales = Scales::of(atlas);
        ui.horizontal_wrapped(|ui| {
            if ui
                .button("< Prev")
                .on_hover_text("Previous event (comma)")
                .clicked()
            {
                self.step(atlas, filter, false);
            }
            let play = if self.playback.playing {
                "Pause"
            } else {
                "Play"
            };
            if ui
                .add(egui::Button::new(play).min_size(vec2(56.0, 0.0)))
                .on_hover_text("Play or pause (Space)")
                .clicked()
            {
                self.toggle_play(atlas, filter);
            }
            if ui
                .button("Next >")
                .on_hover_text("Next event (full stop)")
                .clicked()
            {
                self.step(atlas, filter, true);
            }
            ui.separator();
            let day = PartialDate::from_day_number(vis.day);
            let date = match vis.first_day {
                Some(lo) if lo < vis.day => format!(
                    "{} to {}",
                    PartialDate::from_day_number(lo).human(),
                    day.human()
                ),
                _ => day.human(),
            };
            ui.label(RichText::new(date).strong().size(15.0));
            ui.separator();
            ui.radio_value(
                &mut filter.time.mode,
                TimeMode::Cumulative,
                "Everything so far",
            );
            let last = ui.radio_value(&mut filter.time.mode, TimeMode::Window, "Only the last");
            ui.add_enabled_ui(filter.time.mode == TimeMode::Window, |ui| {
                ui.add(
                    egui::DragValue::new(&mut filter.time.window.count)
                        .range(1..=10_000)
                        .speed(0.2),
                )
                .labelled_by(last.id)
                .on_hover_text("How many days, weeks, months or years before the cursor");
                let plural = filter.time.window.count != 1;
                egui::ComboBox::from_id_salt("window-unit")
                    .width(70.0)
                    .selected_text(filter.time.window.unit.name(plural))
                    .show_ui(ui, |ui| {
                        for u in Unit::ALL {
                            ui.selectable_value(&mut filter.time.window.unit, u, u.name(plural));
                        }
                    })
                    .response
                    .labelled_by(last.id);
            });
            ui.separator();
            ui.add(
                egui::Slider::new(&mut self.playback.speed, 0.1..=3650.0)
                    .logarithmic(true)
                    .clamping(egui::SliderClamping::Never)
                    .max_decimals(2)
                    .suffix(" days/s")
                    .text("speed"),
            )
            .on_hover_text("Story days per second of playback; type any value");
            if !(self.playback.speed.is_finite() && self.playback.speed >= MIN_SPEED) {
                self.playback.speed = MIN_SPEED.max(if self.playback.speed.is_finite() {
                    self.playback.speed
                } else {
                    1.0
                });
            }
            ui.checkbox(&mut self.playback.looping, "Loop");
            match self.playback.range {
                Some((a, b)) => {
                    ui.label(format!(
                        "over {} to {}",
                        PartialDate::from_day_number(a.floor() as i64).human(),
                        PartialDate::from_day_number(b.floor() as i64).human()
                    ))
                    .on_hover_text("Shift-drag on the timeline to choose another range");
                    if ui.small_button("Clear range").clicked() {
                        self.playback.range = None;
                    }
                }
                None => {
                    ui.label(RichText::new("over the days in view (shift-drag to choose)").weak());
                }
            }
            ui.separator();
            let (first, last) = atlas.time.span().unwrap_or((0, 0));
            let (y0, y1) = (
                PartialDate::from_day_number(first).year,
                PartialDate::from_day_number(last).year,
            );
            if ui
                .button(format!("Whole story {y0}–{y1}"))
                .on_hover_text("Show every event on the axis")
                .clicked()
            {
                self.axis = Some(scales.whole);
                self.playback.speed = 365.0;
            }
            let c0 = PartialDate::from_day_number(scales.crisis.start.ceil() as i64);
            let c1 = PartialDate::from_day_number(scales.crisis.end.floor() as i64);
            if ui
                .button(format!(
                    "The crisis {}–{} {}",
                    &month_name(c0)[..3],
                    &month_name(c1)[..3],
                    c1.year
                ))
                .on_hover_text("The span of the article's crossings and their totals")
                .clicked()
            {
                self.axis = Some(scales.crisis);
                self.playback.speed = 1.0;
            }
            if let Some(days) = &self.imported_days
                && let (Some(&a), Some(&b)) = (days.first(), days.last())
            {
                let (y0, y1) = (
                    PartialDate::from_day_number(i64::from(a)).year,
                    PartialDate::from_day_number(i64::from(b)).year,
                );
                if ui
                    .button(format!("Imported data {y0}–{y1}"))
                    .on_hover_text("The span of the opened data files (their events per day are the pale bars)")
                    .clicked()
                {
                    let pad = (f64::from(b - a) * 0.02).max(2.0);
                    self.axis = Some(TimeAxis::new(f64::from(a) - pad, f64::from(b) + 1.0 + pad));
                    self.playback.speed = 30.0;
                }
            }
            if ui
                .button("Show all")
                .on_hover_text("Cursor to the end of the story, everything shown")
                .clicked()
            {
                filter.time.cursor = story_end(atlas);
                filter.time.mode = TimeMode::Cumulative;
                self.playback.playing = false;
            }
        });
    }

    fn axis_view(
        &mut self,
        ui: &mut Ui,
        atlas: &Atlas,
        filter: &mut Filter,
        selection: &mut Selection,
        vis: &Visible,
    ) {
        let size = vec2(ui.available_width(), ui.available_height().max(RULER + ROW));
        let (rect, response) = ui.allocate_exact_size(size, Sense::click_and_drag());
        self.axis_rect = Some(rect);
        let mut axis = self.axis(atlas);
        let (left, right) = (rect.left() + 8.0, rect.right() - 8.0);
        let mut story = atlas.time.span().unwrap_or((0, 1));
        if let Some(days) = &self.imported_days
            && let (Some(&a), Some(&b)) = (days.first(), days.last())
        {
            story = (story.0.min(i64::from(a)), story.1.max(i64::from(b)));
        }
        let clamp_cursor = |d: f64| d.clamp(story.0 as f64 - 366.0, story.1 as f64 + 366.0);

        // Wheel and pinch zoom around the pointer; sideways scroll pans.
        if let Some(pos) = response.hover_pos() {
            let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta()));
            let around = axis.day(pos.x, left, right);
            if zoom != 1.0 {
                axis.zoom(f64::from(zoom), around);
            } else if scroll.y != 0.0 {
                axis.zoom((f64::from(scroll.y) * 0.004).exp(), around);
            }
            if scroll.x != 0.0 {
                axis.pan(-f64::from(scroll.x) * axis.span() / f64::from(right - left));
            }
        }

        let cursor_x = axis.x(filter.time.cursor, left, right);
        let pointer = response.interact_pointer_pos();
        if response.drag_started()
            && let Some(p) = pointer
        {
            self.drag = Some(if ui.input(|i| i.modifiers.shift) {
                Drag::Range(axis.day(p.x, left, right))
            } else if p.y < rect.top() + RULER || (p.x - cursor_x).abs() < 8.0 {
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
                    filter.time.cursor = clamp_cursor(axis.day(p.x, left, right));
                    self.playback.playing = false;
                }
                Some(Drag::Pan) => {
                    let dx = f64::from(response.drag_delta().x);
                    axis.pan(-dx * axis.span() / f64::from(right - left));
                }
                Some(Drag::Range(from)) => {
                    let to = axis.day(p.x, left, right);
                    self.playback.range = Some((from.min(to), from.max(to)));
                }
                None => {}
            }
        }
        if response.drag_stopped() {
            self.drag = None;
        }
        self.axis = Some(axis);

        // Hover and click on entries (laid out last frame, at the same place).
        self.hovered = response
            .hover_pos()
            .and_then(|p| self.hits.iter().rev().find(|(r, _)| r.contains(p)))
            .map(|&(_, item)| item);
        if response.clicked() {
            match (self.hovered, pointer) {
                (Some(item), _) => {
                    *selection = selection_of(atlas, item);
                    let (date, _, _) = item_dates(atlas, item);
                    // Onto the day it had surely happened by, so the item shows in full.
                    filter.time.cursor = date.last_day_number() as f64 + 0.5;
                    self.playback.playing = false;
                }
                (None, Some(p)) => {
                    filter.time.cursor = clamp_cursor(axis.day(p.x, left, right));
                    self.playback.playing = false;
                }
                _ => {}
            }
        }
        if self.hovered.is_some() {
            ui.ctx().set_cursor_icon(CursorIcon::PointingHand);
        } else if response.hovered() {
            let over_cursor = response.hover_pos().is_some_and(|p| {
                p.y < rect.top() + RULER
                    || (p.x - axis.x(filter.time.cursor, left, right)).abs() < 8.0
            });
            ui.ctx().set_cursor_icon(if over_cursor {
                CursorIcon::ResizeHorizontal
            } else {
                CursorIcon::Grab
            });
        }

        self.paint(ui, atlas, filter, selection, vis, rect, axis, (left, right));
        if let Some(item) = self.hovered {
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
    }

    #[allow(clippy::too_many_arguments)]
    fn paint(
        &mut self,
        ui: &Ui,
        atlas: &Atlas,
        filter: &Filter,
        selection: &Selection,
        vis: &Visible,
        rect: Rect,
        axis: TimeAxis,
        (left, right): (f32, f32),
    ) {
        let painter = ui.painter_at(rect);
        painter.rect_filled(rect, 0.0, Color32::from_rgb(0xFB, 0xF9, 0xF4));
        let x = |d: f64| axis.x(d, left, right);
        let ruler = Rect::from_min_max(rect.min, pos2(rect.right(), rect.top() + RULER));
        painter.rect_filled(ruler, 0.0, Color32::from_rgb(0xEF, 0xEA, 0xDF));
        if let Some(days) = &self.imported_days {
            density_strip(&painter, days, axis, rect, (left, right));
        }

        // What the filter shows: the window, or everything up to the cursor; the rest is greyed.
        let day = vis.day as f64;
        let shown_from = vis.first_day.map_or(rect.left(), |lo| x(lo as f64));
        let shown_to = x(day + 1.0).min(rect.right());
        let body = Rect::from_min_max(pos2(rect.left(), ruler.bottom()), rect.max);
        if shown_from > rect.left() {
            painter.rect_filled(
                Rect::from_x_y_ranges(rect.left()..=shown_from.min(rect.right()), body.y_range()),
                0.0,
                Color32::from_black_alpha(18),
            );
        }
        if shown_to < rect.right() {
            painter.rect_filled(
                Rect::from_x_y_ranges(shown_to.max(rect.left())..=rect.right(), body.y_range()),
                0.0,
                Color32::from_black_alpha(18),
            );
        }
        if let Some((a, b)) = self.playback.range {
            let r = Rect::from_x_y_ranges(x(a)..=x(b), ruler.bottom() - 4.0..=ruler.bottom());
            painter.rect_filled(r, 0.0, Color32::from_rgb(0x00, 0x9E, 0x73));
        }

        // Calendar ticks.
        let font = FontId::proportional(11.0);
        for t in axis.ticks(right - left, 64.0) {
            let tx = x(t.day as f64);
            painter.line_segment(
                [pos2(tx, ruler.bottom() - 5.0), pos2(tx, rect.bottom())],
                Stroke::new(1.0, Color32::from_black_alpha(22)),
            );
            painter.text(
                pos2(tx + 3.0, ruler.center().y),
                Align2::LEFT_CENTER,
                t.label,
                font.clone(),
                style::LABEL_MUTED,
            );
        }

        // Entries, packed into rows so that neither bars nor labels overlap. Spans carry their
        // label above the bar from where the bar enters the view; points carry it to the right.
        // Precise items are placed first, so the crossings and dated events keep their labels
        // when long, vague spans ("2021") compete for room.
        let rows = (((body.height() - 4.0) / ROW).floor() as usize).max(1);
        let mut taken: Vec<Vec<(f32, f32)>> = vec![Vec::new(); rows];
        let free =
            |taken: &[(f32, f32)], a: f32, b: f32| taken.iter().all(|&(p, q)| b < p || a > q);
        let selected = selected_item(atlas, selection);
        self.hits.clear();
        let label_font = FontId::proportional(11.5);
        let mut order: Vec<&crate::timeline::Entry> = atlas
            .time
            .entries()
            .iter()
            .filter(|e| filter.kind_shown(e.kind) && Some(e.item) != self.hidden_item)
            .collect();
        order.sort_by_key(|e| (e.timing.end - e.timing.start, e.timing.start));
        for entry in order {
            let tm = entry.timing;
            let (date, end_date, _) = item_dates(atlas, entry.item);
            let x0 = x(tm.start as f64);
            let x_sure = x(tm.sure as f64 + 1.0);
            let x1 = x(tm.end as f64 + 1.0);
            let point = date.day.is_some() && end_date.is_none();
            let (a, b) = if point {
                let c = x(tm.start as f64 + 0.5);
                (c - 5.0, c + 5.0)
            } else {
                (x0, x1.max(x0 + 6.0))
            };
            if b < rect.left() || a > rect.right() {
                continue;
            }
            let galley = painter.layout_no_wrap(
                entry_label(atlas, entry.item),
                label_font.clone(),
                style::LABEL,
            );
            let w = galley.size().x;
            let label_x = if point {
                // Near the right edge the label goes to the left of the dot.
                if b + 4.0 + w > rect.right() {
                    a - 4.0 - w
                } else {
                    b + 4.0
                }
            } else {
                a.max(rect.left() + 2.0).min(rect.right() - w - 2.0)
            };
            let a_vis = a.max(rect.left()).min(label_x) - 4.0;
            let extent = b.max(label_x + w) + 6.0;
            let (row, labelled) = match taken.iter().position(|t| free(t, a_vis, extent)) {
                Some(r) => (r, true),
                // No room for the label: the mark alone, where it fits, else over the last row.
                None => (
                    taken
                        .iter()
                        .position(|t| free(t, a_vis, b))
                        .unwrap_or(rows - 1),
                    false,
                ),
            };
            taken[row].push((a_vis, if labelled { extent } else { b }));
            let top = body.top() + 2.0 + ROW * row as f32;
            let (y_mark, y_text) = if point {
                (top + ROW / 2.0, top + ROW / 2.0)
            } else {
                (top + ROW - 6.0, top + ROW / 2.0 - 3.0)
            };

            let v = vis.item(entry.item);
            let base = style::kind_color(entry.kind);
            let alpha = match v {
                Vis::Shown => 1.0,
                Vis::Maybe => 0.6,
                Vis::Hidden => 0.3,
            };
            let color = base.gamma_multiply(alpha);
            let right = if labelled { extent - 6.0 } else { b };
            let left_edge = a_vis + 4.0;
            let hit =
                Rect::from_x_y_ranges(left_edge..=right.max(left_edge + 8.0), top..=top + ROW);
            if point {
                painter.circle(
                    pos2((a + b) / 2.0, y_mark),
                    5.0,
                    color,
                    Stroke::new(1.0, Color32::WHITE),
                );
            } else {
                // The imprecise part of the date: a pale span with an outline, never a fake day.
                let band = y_mark - 3.0..=y_mark + 3.0;
                let fuzzy = Rect::from_x_y_ranges(x0..=x_sure.max(x0 + 3.0), band.clone());
                painter.rect_filled(fuzzy, 2.0, base.gamma_multiply(0.3 * alpha));
                painter.rect_stroke(fuzzy, 2.0, Stroke::new(1.0, color), StrokeKind::Inside);
                // An end date: a solid bar from when it had surely begun to when it ended.
                if end_date.is_some() && x1 > x_sure {
                    let bar = Rect::from_x_y_ranges(x_sure..=x1, band);
                    painter.rect_filled(bar, 1.0, color);
                }
            }
            if Some(entry.item) == selected || Some(entry.item) == self.hovered {
                painter.rect_stroke(
                    hit.expand(1.0),
                    3.0,
                    Stroke::new(2.0, style::LABEL),
                    StrokeKind::Outside,
                );
            }
            if labelled {
                let text_color = if v == Vis::Hidden {
                    style::LABEL_MUTED.gamma_multiply(0.8)
                } else {
                    style::LABEL
                };
                painter.galley(
                    pos2(label_x, y_text - galley.size().y / 2.0),
                    galley,
                    text_color,
                );
            }
            self.hits.push((hit, entry.item));
        }

        // The cursor: a line with a handle in the ruler, dragged to move through time.
        let cx = x(filter.time.cursor);
        if (rect.left()..=rect.right()).contains(&cx) {
            painter.line_segment(
                [pos2(cx, rect.top()), pos2(cx, rect.bottom())],
                Stroke::new(2.0, CURSOR),
            );
            let handle: Vec<Pos2> = vec![
                pos2(cx - 6.0, rect.top()),
                pos2(cx + 6.0, rect.top()),
                pos2(cx, rect.top() + 9.0),
            ];
            painter.add(egui::Shape::convex_polygon(handle, CURSOR, Stroke::NONE));
        }
    }
}

fn month_name(d: PartialDate) -> String {
    PartialDate { day: None, ..d }.human()
}
