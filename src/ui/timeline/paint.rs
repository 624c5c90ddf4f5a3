//! Drawing the axis: the shaded days the filter hides, the imported data's density, calendar
//! ticks, the entries packed into rows, and the cursor.

use egui::{Align2, Color32, FontId, Galley, Painter, Pos2, Rect, Stroke, StrokeKind, Ui, pos2};
use std::sync::Arc;

use super::axis_view::Frame;
use super::{ROW, RULER, Timeline, entry_label, item_dates};
use crate::atlas::{Atlas, Item};
use crate::map::style;
use crate::timeline::{Entry, Vis, Visible};

/// Cursor colour: dark red, distinct from every kind colour.
const CURSOR: Color32 = Color32::from_rgb(0xA5, 0x1C, 0x30);

/// Rows of entries, each a list of the x ranges already taken, so neither marks nor labels
/// overlap.
struct Rows(Vec<Vec<(f32, f32)>>);

impl Rows {
    fn free(row: &[(f32, f32)], a: f32, b: f32) -> bool {
        row.iter().all(|&(p, q)| b < p || a > q)
    }

    /// The first row with room for `a..extent` (labelled), else for the mark `a..b` alone
    /// (unlabelled), else the last row.
    fn place(&mut self, a: f32, b: f32, extent: f32) -> (usize, bool) {
        let last = self.0.len() - 1;
        let (row, labelled) = match self.0.iter().position(|t| Self::free(t, a, extent)) {
            Some(r) => (r, true),
            None => (
                self.0
                    .iter()
                    .position(|t| Self::free(t, a, b))
                    .unwrap_or(last),
                false,
            ),
        };
        self.0[row].push((a, if labelled { extent } else { b }));
        (row, labelled)
    }
}

/// One entry laid out: its mark's x range, where its label goes, whether it is a point.
struct Placed {
    a: f32,
    b: f32,
    label_x: f32,
    galley: Arc<Galley>,
    point: bool,
}

impl Timeline {
    pub(super) fn paint(
        &mut self,
        ui: &Ui,
        atlas: &Atlas,
        selected: Option<Item>,
        vis: &Visible,
        f: &Frame,
    ) {
        let painter = ui.painter_at(f.rect);
        self.background(&painter, vis, f);
        ticks(&painter, f);
        self.entries(&painter, atlas, selected, vis, f);
        cursor(&painter, f, self.saved.filter.time.cursor);
    }

    /// Paper, the ruler, the density strip, the days the filter hides greyed, the loop range.
    fn background(&self, painter: &Painter, vis: &Visible, f: &Frame) {
        let rect = f.rect;
        painter.rect_filled(rect, 0.0, Color32::from_rgb(0xFB, 0xF9, 0xF4));
        let ruler = Rect::from_min_max(rect.min, pos2(rect.right(), rect.top() + RULER));
        painter.rect_filled(ruler, 0.0, Color32::from_rgb(0xEF, 0xEA, 0xDF));
        if let Some(days) = &self.imported_days {
            density_strip(painter, days, f);
        }
        let shown_from = vis.first_day.map_or(rect.left(), |lo| f.x(lo as f64));
        let shown_to = f.x(vis.day as f64 + 1.0).min(rect.right());
        let body = Rect::from_min_max(pos2(rect.left(), ruler.bottom()), rect.max);
        let grey = Color32::from_black_alpha(18);
        if shown_from > rect.left() {
            let xs = rect.left()..=shown_from.min(rect.right());
            painter.rect_filled(Rect::from_x_y_ranges(xs, body.y_range()), 0.0, grey);
        }
        if shown_to < rect.right() {
            let xs = shown_to.max(rect.left())..=rect.right();
            painter.rect_filled(Rect::from_x_y_ranges(xs, body.y_range()), 0.0, grey);
        }
        if let Some((a, b)) = self.saved.playback.range {
            let r = Rect::from_x_y_ranges(f.x(a)..=f.x(b), ruler.bottom() - 4.0..=ruler.bottom());
            painter.rect_filled(r, 0.0, Color32::from_rgb(0x00, 0x9E, 0x73));
        }
    }

    /// Entries, packed into rows so that neither bars nor labels overlap. Spans carry their
    /// label above the bar from where the bar enters the view; points carry it to the right.
    /// Precise items are placed first, so the crossings and dated events keep their labels when
    /// long, vague spans ("2021") compete for room.
    fn entries(
        &mut self,
        painter: &Painter,
        atlas: &Atlas,
        selected: Option<Item>,
        vis: &Visible,
        f: &Frame,
    ) {
        let body_top = f.rect.top() + RULER;
        let rows = (((f.rect.bottom() - body_top - 4.0) / ROW).floor() as usize).max(1);
        let mut taken = Rows(vec![Vec::new(); rows]);
        self.hits.clear();
        let filter = &self.saved.filter;
        let mut order: Vec<&Entry> = atlas
            .time
            .entries()
            .iter()
            .filter(|e| filter.kind_shown(e.kind) && !self.hidden_items.contains(&e.item))
            .collect();
        order.sort_by_key(|e| (e.timing.end - e.timing.start, e.timing.start));
        for entry in order {
            let Some(p) = layout(painter, atlas, entry, f) else {
                continue;
            };
            let a_vis = p.a.max(f.rect.left()).min(p.label_x) - 4.0;
            let extent = p.b.max(p.label_x + p.galley.size().x) + 6.0;
            let (row, labelled) = taken.place(a_vis, p.b, extent);
            let top = body_top + 2.0 + ROW * row as f32;
            let right = if labelled { extent - 6.0 } else { p.b };
            let left_edge = a_vis + 4.0;
            let hit =
                Rect::from_x_y_ranges(left_edge..=right.max(left_edge + 8.0), top..=top + ROW);
            let emphasis = Some(entry.item) == selected || Some(entry.item) == self.hovered;
            draw_entry(painter, atlas, entry, vis.item(entry.item), &p, top, f);
            if emphasis {
                let outline = Stroke::new(2.0, style::LABEL);
                painter.rect_stroke(hit.expand(1.0), 3.0, outline, StrokeKind::Outside);
            }
            if labelled {
                draw_label(painter, vis.item(entry.item), p, top);
            }
            self.hits.push((hit, entry.item));
        }
    }
}

/// Where an entry's mark and label go, or `None` when it is out of view.
fn layout(painter: &Painter, atlas: &Atlas, entry: &Entry, f: &Frame) -> Option<Placed> {
    let tm = entry.timing;
    let (date, end_date, _) = item_dates(atlas, entry.item);
    let point = date.day.is_some() && end_date.is_none();
    let (a, b) = if point {
        let c = f.x(tm.start as f64 + 0.5);
        (c - 5.0, c + 5.0)
    } else {
        let x0 = f.x(tm.start as f64);
        (x0, f.x(tm.end as f64 + 1.0).max(x0 + 6.0))
    };
    if b < f.rect.left() || a > f.rect.right() {
        return None;
    }
    let font = FontId::proportional(11.5);
    let galley = painter.layout_no_wrap(entry_label(atlas, entry.item), font, style::LABEL);
    let w = galley.size().x;
    let label_x = if !point {
        a.max(f.rect.left() + 2.0).min(f.rect.right() - w - 2.0)
    } else if b + 4.0 + w > f.rect.right() {
        a - 4.0 - w // near the right edge the label goes to the left of the dot
    } else {
        b + 4.0
    };
    Some(Placed {
        a,
        b,
        label_x,
        galley,
        point,
    })
}

/// A dot for a day, a pale outlined span for an imprecise date (never a made-up day), and a
/// solid bar from when it had surely begun to its end date.
fn draw_entry(
    painter: &Painter,
    atlas: &Atlas,
    entry: &Entry,
    v: Vis,
    p: &Placed,
    top: f32,
    f: &Frame,
) {
    let base = style::kind_color(entry.kind);
    let alpha = match v {
        Vis::Shown => 1.0,
        Vis::Maybe => 0.6,
        Vis::Hidden => 0.3,
    };
    let color = base.gamma_multiply(alpha);
    if p.point {
        let at = pos2((p.a + p.b) / 2.0, top + ROW / 2.0);
        painter.circle(at, 5.0, color, Stroke::new(1.0, Color32::WHITE));
        return;
    }
    let tm = entry.timing;
    let (x0, x_sure, x1) = (
        f.x(tm.start as f64),
        f.x(tm.sure as f64 + 1.0),
        f.x(tm.end as f64 + 1.0),
    );
    let y_mark = top + ROW - 6.0;
    let band = y_mark - 3.0..=y_mark + 3.0;
    let fuzzy = Rect::from_x_y_ranges(x0..=x_sure.max(x0 + 3.0), band.clone());
    painter.rect_filled(fuzzy, 2.0, base.gamma_multiply(0.3 * alpha));
    painter.rect_stroke(fuzzy, 2.0, Stroke::new(1.0, color), StrokeKind::Inside);
    let has_end = item_dates(atlas, entry.item).1.is_some();
    if has_end && x1 > x_sure {
        painter.rect_filled(Rect::from_x_y_ranges(x_sure..=x1, band), 1.0, color);
    }
}

fn draw_label(painter: &Painter, v: Vis, p: Placed, top: f32) {
    let y_text = if p.point {
        top + ROW / 2.0
    } else {
        top + ROW / 2.0 - 3.0
    };
    let color = if v == Vis::Hidden {
        style::LABEL_MUTED.gamma_multiply(0.8)
    } else {
        style::LABEL
    };
    let at = pos2(p.label_x, y_text - p.galley.size().y / 2.0);
    painter.galley(at, p.galley, color);
}

/// Calendar ticks: days, weeks, months or years, as the zoom allows.
fn ticks(painter: &Painter, f: &Frame) {
    let font = FontId::proportional(11.0);
    let ruler_bottom = f.rect.top() + RULER;
    for t in f.axis.ticks(f.right - f.left, 64.0) {
        let tx = f.x(t.day as f64);
        painter.line_segment(
            [pos2(tx, ruler_bottom - 5.0), pos2(tx, f.rect.bottom())],
            Stroke::new(1.0, Color32::from_black_alpha(22)),
        );
        let at = pos2(tx + 3.0, f.rect.top() + RULER / 2.0);
        painter.text(
            at,
            Align2::LEFT_CENTER,
            t.label,
            font.clone(),
            style::LABEL_MUTED,
        );
    }
}

/// The cursor: a line with a handle in the ruler, dragged to move through time.
fn cursor(painter: &Painter, f: &Frame, cursor: f64) {
    let (rect, cx) = (f.rect, f.x(cursor));
    if !(rect.left()..=rect.right()).contains(&cx) {
        return;
    }
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

/// Imported events per few pixels of the axis, as pale bars along the bottom of the timeline
/// (a histogram: a binary search per bar, not a pass over the events).
fn density_strip(painter: &Painter, days: &[i32], f: &Frame) {
    const BAR: f32 = 3.0;
    let height = (f.rect.height() * 0.35).min(60.0);
    let mut counts = Vec::new();
    let mut x0 = f.left;
    while x0 < f.right {
        let (d0, d1) = (f.day(x0), f.day(x0 + BAR));
        let lo = days.partition_point(|&d| f64::from(d) < d0.floor());
        let hi = days.partition_point(|&d| f64::from(d) < d1.floor());
        counts.push((x0, hi - lo));
        x0 += BAR;
    }
    let max = counts.iter().map(|c| c.1).max().unwrap_or(0).max(1) as f32;
    let color = Color32::from_rgba_unmultiplied(0x44, 0x77, 0xAA, 60);
    for (x0, n) in counts.into_iter().filter(|c| c.1 > 0) {
        let h = (n as f32 / max).sqrt() * height;
        let bar = Rect::from_min_max(
            pos2(x0, f.rect.bottom() - h),
            pos2(x0 + BAR - 0.5, f.rect.bottom()),
        );
        painter.rect_filled(bar, 0.0, color);
    }
}
