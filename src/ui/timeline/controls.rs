//! The row above the axis: step and play, the date shown, the window mode, speed and loop, and
//! the scales.

use egui::{RichText, Ui, vec2};

use super::Timeline;
use crate::atlas::Atlas;
use crate::model::{PartialDate, Unit};
use crate::timeline::{MIN_SPEED, TimeAxis, TimeMode, Visible};

/// "Jun" for a date in June.
fn month_abbrev(d: PartialDate) -> String {
    PartialDate { day: None, ..d }
        .human()
        .chars()
        .take(3)
        .collect()
}

/// Starts a new row unless `need` points fit before the right edge that is really visible
/// (the panel's layout can be wider than what the side panel leaves of it).
fn keep_on_screen(ui: &mut Ui, need: f32) {
    let right = ui.clip_rect().right().min(ui.max_rect().right());
    if right - ui.cursor().min.x < need {
        ui.end_row();
    }
}

/// A button that moves to the next row rather than be cut off.
fn fitting_button(ui: &mut Ui, text: String) -> egui::Response {
    let galley = egui::WidgetText::from(text.as_str()).into_galley(
        ui,
        Some(egui::TextWrapMode::Extend),
        f32::INFINITY,
        egui::TextStyle::Button,
    );
    let width = galley.size().x + ui.spacing().button_padding.x * 2.0 + 4.0;
    keep_on_screen(ui, width.min(ui.available_width()));
    ui.add(egui::Button::new(text))
}

impl Timeline {
    pub(super) fn controls(&mut self, ui: &mut Ui, atlas: &Atlas, vis: &Visible) {
        ui.horizontal_wrapped(|ui| {
            self.play_buttons(ui, atlas);
            ui.separator();
            ui.label(RichText::new(vis.span_text()).strong().size(15.0));
            ui.separator();
            self.window_mode(ui);
            ui.separator();
            self.speed_and_loop(ui);
            ui.separator();
            self.scale_buttons(ui, atlas);
        });
    }

    fn play_buttons(&mut self, ui: &mut Ui, atlas: &Atlas) {
        if ui
            .button("< Prev")
            .on_hover_text("Previous event (comma)")
            .clicked()
        {
            self.step(atlas, false);
        }
        let play = if self.playing { "Pause" } else { "Play" };
        if ui
            .add(egui::Button::new(play).min_size(vec2(56.0, 0.0)))
            .on_hover_text("Play or pause (Space)")
            .clicked()
        {
            self.toggle_play(atlas);
        }
        if ui
            .button("Next >")
            .on_hover_text("Next event (full stop)")
            .clicked()
        {
            self.step(atlas, true);
        }
    }

    /// Everything so far, or only the last n days / weeks / months / years.
    fn window_mode(&mut self, ui: &mut Ui) {
        let time = &mut self.saved.filter.time;
        ui.radio_value(&mut time.mode, TimeMode::Cumulative, "Everything so far");
        let last = ui.radio_value(&mut time.mode, TimeMode::Window, "Only the last");
        keep_on_screen(ui, 150.0);
        ui.add_enabled_ui(time.mode == TimeMode::Window, |ui| {
            ui.add(
                egui::DragValue::new(&mut time.window.count)
                    .range(1..=10_000)
                    .speed(0.2),
            )
            .labelled_by(last.id)
            .on_hover_text("How many days, weeks, months or years before the cursor");
            let plural = time.window.count != 1;
            egui::ComboBox::from_id_salt("window-unit")
                .width(70.0)
                .selected_text(time.window.unit.name(plural))
                .show_ui(ui, |ui| {
                    for u in Unit::ALL {
                        ui.selectable_value(&mut time.window.unit, u, u.name(plural));
                    }
                })
                .response
                .labelled_by(last.id);
        });
    }

    /// Any speed (typed values are not clamped, bad ones refused), loop, and the loop range.
    fn speed_and_loop(&mut self, ui: &mut Ui) {
        let p = &mut self.saved.playback;
        // The slider and its value are one block: start a new row if it would be cut off.
        keep_on_screen(ui, 230.0);
        ui.spacing_mut().slider_width = 90.0;
        ui.add(
            egui::Slider::new(&mut p.speed, 0.1..=3650.0)
                .logarithmic(true)
                .clamping(egui::SliderClamping::Never)
                .max_decimals(2)
                .suffix(" days/s")
                .text("speed"),
        )
        .on_hover_text("Story days per second of playback; type any value");
        if !(p.speed.is_finite() && p.speed >= MIN_SPEED) {
            p.speed = MIN_SPEED.max(if p.speed.is_finite() { p.speed } else { 1.0 });
        }
        keep_on_screen(ui, 60.0);
        ui.checkbox(&mut p.looping, "Loop");
        match p.range {
            Some((a, b)) => {
                let day = |d: f64| PartialDate::from_day_number(d.floor() as i64).human();
                ui.label(format!("over {} to {}", day(a), day(b)))
                    .on_hover_text("Shift-drag on the timeline to choose another range");
                if ui.small_button("Clear range").clicked() {
                    p.range = None;
                }
            }
            None => {
                ui.label(RichText::new("over the days in view (shift-drag to choose)").weak());
            }
        }
    }

    /// Whole story, the crisis, the imported data's span, and Show all.
    fn scale_buttons(&mut self, ui: &mut Ui, atlas: &Atlas) {
        let scales = atlas.scales;
        let (first, last) = atlas.time.span().unwrap_or((0, 0));
        let year = |d: i64| PartialDate::from_day_number(d).year;
        if fitting_button(ui, format!("Whole story {}–{}", year(first), year(last)))
            .on_hover_text("Show every event on the axis")
            .clicked()
        {
            self.set_axis(scales.whole);
        }
        let c0 = PartialDate::from_day_number(scales.crisis.start.ceil() as i64);
        let c1 = PartialDate::from_day_number(scales.crisis.end.floor() as i64);
        let crisis = format!(
            "The crisis {}–{} {}",
            month_abbrev(c0),
            month_abbrev(c1),
            c1.year
        );
        if fitting_button(ui, crisis)
            .on_hover_text("The span of the article's crossings and their totals")
            .clicked()
        {
            self.set_axis(scales.crisis);
        }
        self.imported_button(ui);
        if fitting_button(ui, "Show all".into())
            .on_hover_text("Cursor to the end of the story, everything shown")
            .clicked()
        {
            self.show_all(atlas);
        }
    }

    /// The span of the opened data files, when any are open.
    fn imported_button(&mut self, ui: &mut Ui) {
        let Some((a, b)) = self
            .imported_days
            .as_ref()
            .and_then(|d| Some((*d.first()?, *d.last()?)))
        else {
            return;
        };
        let year = |d: i32| PartialDate::from_day_number(i64::from(d)).year;
        if fitting_button(ui, format!("Imported data {}–{}", year(a), year(b)))
            .on_hover_text(
                "The span of the opened data files (their events per day are the pale bars)",
            )
            .clicked()
        {
            let pad = (f64::from(b - a) * 0.02).max(2.0);
            self.set_axis(TimeAxis::new(f64::from(a) - pad, f64::from(b) + 1.0 + pad));
        }
    }
}
