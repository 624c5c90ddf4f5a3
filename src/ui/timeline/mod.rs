//! The timeline feature: events as ticks and spans on a date axis, the time cursor, playback.
//!
//! It owns the time filter (cursor, window, hidden kinds): the map, the panel and the counter
//! read it. Nothing here re-reads data: entries come from the atlas's date index. Its files:
//! [`controls`] (the row of buttons), [`axis_view`] (zoom, pan, drags, clicks) and [`paint`].

mod axis_view;
mod controls;
mod paint;

use egui::{Key, Pos2, Rect, Ui, pos2};
use serde::{Deserialize, Serialize};

use super::{Command, Selection};
use crate::atlas::{Atlas, Item};
use crate::model::{DateSource, PartialDate, Window};
use crate::timeline::{Filter, Playback, TimeAxis, TimeMode, Visible};

/// Height of the ruler strip with the date labels; dragging in it moves the cursor.
const RULER: f32 = 22.0;
/// Height of one row of entries.
const ROW: f32 = 24.0;

/// What survives a restart: the filter, the axis in view, the playback settings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TimelineSaved {
    /// Time cursor, window and hidden kinds.
    pub filter: Filter,
    /// `None` until first shown: then the whole story.
    pub axis: Option<TimeAxis>,
    pub playback: Playback,
}

/// What a drag on the axis does.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Drag {
    Cursor,
    Pan,
    Range(f64),
}

/// The timeline: its saved state, and what one frame leaves for the next (hover, drags, where
/// entries were drawn).
#[derive(Debug, Clone, Default)]
pub struct Timeline {
    pub saved: TimelineSaved,
    /// Playing now (the app always opens paused).
    pub playing: bool,
    pub hovered: Option<Item>,
    drag: Option<Drag>,
    /// Screen rectangles of the drawn entries, for hit testing (last frame).
    hits: Vec<(Rect, Item)>,
    /// Where the axis was drawn in the last frame.
    pub axis_rect: Option<Rect>,
    /// Items left off the timeline (what a waiting quiz question is about).
    pub hidden_items: Vec<Item>,
    /// First days of the imported events (sorted), drawn as a density strip; the cursor may
    /// roam over their span too.
    pub imported_days: Option<std::sync::Arc<Vec<i32>>>,
}

/// The label of an entry on the timeline.
pub fn entry_label(atlas: &Atlas, item: Item) -> String {
    match item {
        Item::Event(i) => atlas.data.events[i].title.clone(),
        Item::Crossing(i) => {
            let x = &atlas.data.crossings.crossings[i];
            let to = atlas
                .ids
                .place(&x.to)
                .map_or(x.to.as_str(), |p| atlas.data.places[p].name.as_str());
            format!("{} to {to}: {}", x.who, x.people.label())
        }
    }
}

/// An item's date, end date and where the date comes from.
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

impl Timeline {
    /// A timeline restored from its saved state, paused.
    pub fn new(saved: TimelineSaved) -> Self {
        Self {
            saved,
            ..Self::default()
        }
    }

    /// The time filter the map, panel and counter follow.
    pub fn filter(&self) -> &Filter {
        &self.saved.filter
    }

    /// The axis, set to the whole story the first time.
    pub fn axis(&mut self, atlas: &Atlas) -> TimeAxis {
        *self.saved.axis.get_or_insert(atlas.scales.whole)
    }

    /// Shows `axis`, playing it at its natural speed: the one place the speed is set.
    pub fn set_axis(&mut self, axis: TimeAxis) {
        self.saved.axis = Some(axis);
        self.saved.playback.speed = Playback::natural_speed(&axis);
    }

    /// Puts the cursor at the end of `date` (a day, month or year), optionally showing only a
    /// window before it, on the scale that shows it (`--time`, a slide's date).
    pub fn show_date(&mut self, atlas: &Atlas, date: PartialDate, window: Option<Window>) {
        let cursor = date.last_day_number() as f64 + 0.5;
        let time = &mut self.saved.filter.time;
        time.cursor = cursor;
        match window {
            Some(w) => {
                time.mode = TimeMode::Window;
                time.window = w;
            }
            None => time.mode = TimeMode::Cumulative,
        }
        self.set_axis(atlas.scales.for_day(cursor));
    }

    /// Where an item was drawn in the last frame, if it was.
    pub fn entry_rect(&self, item: Item) -> Option<Rect> {
        self.hits.iter().find(|(_, i)| *i == item).map(|(r, _)| *r)
    }

    /// Screen x of a day on the axis as last drawn, and the y of the ruler (to click or drag).
    pub fn screen_pos_of_day(&self, day: f64) -> Option<Pos2> {
        let (rect, axis) = (self.axis_rect?, self.saved.axis?);
        Some(pos2(
            axis.x(day, rect.left() + 8.0, rect.right() - 8.0),
            rect.top() + RULER / 2.0,
        ))
    }

    /// The range playback runs over: the chosen loop range, else the days in view.
    pub fn play_range(&mut self, atlas: &Atlas) -> (f64, f64) {
        match self.saved.playback.range {
            Some((a, b)) if b > a => (a, b),
            _ => {
                let a = self.axis(atlas);
                (a.start, a.end)
            }
        }
    }

    /// Moves the cursor while playing; call once per frame before the filter is used.
    pub fn advance(&mut self, ui: &Ui, atlas: &Atlas) {
        if !self.playing {
            return;
        }
        let dt = f64::from(ui.input(|i| i.stable_dt).min(0.25));
        let range = self.play_range(atlas);
        let cursor = &mut self.saved.filter.time.cursor;
        self.saved
            .playback
            .advance(&mut self.playing, cursor, dt, range);
        ui.ctx().request_repaint();
    }

    /// Plays or pauses.
    pub fn toggle_play(&mut self, atlas: &Atlas) {
        let range = self.play_range(atlas);
        Playback::toggle(&mut self.playing, &mut self.saved.filter.time.cursor, range);
    }

    /// Steps the cursor to the next (or previous) day on which something starts.
    pub fn step(&mut self, atlas: &Atlas, forward: bool) {
        let filter = &self.saved.filter;
        let day = filter.time.day();
        let to = if forward {
            atlas.time.next_start(day, filter)
        } else {
            atlas.time.prev_start(day, filter)
        };
        if let Some(d) = to {
            self.saved.filter.time.cursor = d as f64 + 0.5;
            self.playing = false;
            self.reveal(atlas, d as f64);
        }
    }

    /// Cursor to the end of the story, everything shown.
    pub fn show_all(&mut self, atlas: &Atlas) {
        self.saved.filter.time.cursor = atlas.story_end();
        self.saved.filter.time.mode = TimeMode::Cumulative;
        self.playing = false;
    }

    /// Pans the axis so `day` is in view.
    fn reveal(&mut self, atlas: &Atlas, day: f64) {
        let mut a = self.axis(atlas);
        if day < a.start || day > a.end {
            a.pan(day - (a.start + a.end) / 2.0);
            self.saved.axis = Some(a);
        }
    }

    /// Timeline keys: Space plays or pauses, comma and full stop step between events.
    pub fn keys(&mut self, ui: &Ui, atlas: &Atlas) {
        if !crate::ui::keys::shortcuts_free(ui.ctx()) {
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
            self.toggle_play(atlas);
        }
        if prev {
            self.step(atlas, false);
        }
        if next {
            self.step(atlas, true);
        }
    }

    /// The panel: controls on top, the axis with its entries below. `selected` is the item
    /// selected on the map, if it is an event or crossing.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        atlas: &Atlas,
        selected: Option<Item>,
        vis: &Visible,
    ) -> Vec<Command> {
        self.controls(ui, atlas, vis);
        ui.add_space(2.0);
        self.axis_view(ui, atlas, selected, vis)
    }
}
