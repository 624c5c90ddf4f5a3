//! What sits over the map: the legend (bottom left), the date and crossing counter (bottom
//! right) and the credit line. Labels keep out from under all of them.

use egui::{Align2, Color32, FontId, Rect, Ui, vec2};

use super::{MapInputs, MapView};
use crate::map::style;
use crate::ui::{Command, WindowId, legend};

impl MapView {
    /// Draws the overlays; the legend's checkboxes and buttons become commands.
    pub(super) fn overlays(
        &mut self,
        ui: &mut Ui,
        input: &MapInputs<'_>,
        rect: Rect,
    ) -> Vec<Command> {
        self.overlay_rects.clear();
        let mut commands = Vec::new();
        if !input.bare {
            commands = self.legend(ui, input, rect);
        }
        if input.counter_on_map {
            let counter = counter(ui, input, rect);
            self.overlay_rects.push(counter);
        }
        let credit = self.credit_line(ui, input, rect);
        self.overlay_rects.push(credit);
        if let Some(t) = self.last_transform {
            let at = rect.left_bottom() + vec2(10.0, -4.0);
            let bar = super::scale::scale_bar(ui, &t, self.saved.units, at);
            self.overlay_rects.push(bar);
        }
        commands
    }

    /// The legend (or its button); returns its commands.
    fn legend(&mut self, ui: &Ui, input: &MapInputs<'_>, rect: Rect) -> Vec<Command> {
        let mut commands = Vec::new();
        let legend = egui::Area::new(egui::Id::unique("map-legend"))
            .fixed_pos(rect.left_bottom() + vec2(10.0, -38.0))
            .pivot(Align2::LEFT_BOTTOM)
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    commands = legend_contents(ui, input, rect);
                });
            });
        self.overlay_rects.push(legend.response.rect);
        commands
    }

    /// The credits in the map's bottom-right corner (the tile source's first, if any).
    fn credit_line(&mut self, ui: &Ui, input: &MapInputs<'_>, rect: Rect) -> Rect {
        let painter = ui.painter_at(rect);
        let story = &input.atlas.attribution;
        // Rebuilt only when it changes (the tile source's credit comes and goes).
        const SEP: &str = " · ";
        let same = match input.tile_credit.as_deref() {
            Some(c) => {
                self.credit.len() == c.len() + SEP.len() + story.len()
                    && self.credit.starts_with(c)
                    && self.credit.ends_with(story.as_str())
            }
            None => self.credit == *story,
        };
        if !same {
            self.credit = match input.tile_credit.as_deref() {
                Some(c) => format!("{c}{SEP}{story}"),
                None => story.clone(),
            };
        }
        let text = self.credit.clone();
        let galley = painter.layout_no_wrap(text, FontId::proportional(11.0), style::LABEL);
        let r = Align2::RIGHT_BOTTOM
            .anchor_size(rect.right_bottom() - vec2(4.0, 4.0), galley.size())
            .expand(3.0);
        painter.rect_filled(r, 2.0, Color32::from_white_alpha(200));
        painter.galley(r.min + vec2(3.0, 3.0), galley, style::LABEL);
        r
    }
}

/// The legend, or the button that opens it.
fn legend_contents(ui: &mut Ui, input: &MapInputs<'_>, rect: Rect) -> Vec<Command> {
    if !input.legend_open {
        if ui.small_button("Legend").clicked() {
            return vec![Command::Open(WindowId::Legend)];
        }
        return Vec::new();
    }
    let atlas = input.atlas;
    let view = legend::Legend {
        kinds: &atlas.kinds,
        filter: input.filter,
        shading: input.shading,
        choropleth: input.choropleth,
        // Which borders people crossed would answer a waiting quiz question.
        borders: if input.visible.concealed.is_active() {
            &[]
        } else {
            &atlas.border_legend
        },
        compact: rect.height() < 620.0,
    };
    let mut commands = view.ui(ui);
    legend::imported(ui, &input.imported);
    if ui.small_button("Hide legend").clicked() {
        commands.push(Command::Close(WindowId::Legend));
    }
    commands
}

/// The days shown and the running count of crossings; returns where it was drawn.
fn counter(ui: &Ui, input: &MapInputs<'_>, rect: Rect) -> Rect {
    let area = egui::Area::new(egui::Id::unique("map-counter"))
        .fixed_pos(rect.right_bottom() + vec2(-10.0, -30.0))
        .pivot(Align2::RIGHT_BOTTOM)
        .interactable(false)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_max_width(330.0);
                let when = input.visible.span_text();
                ui.label(egui::RichText::new(when).strong().size(15.0));
                ui.label(egui::RichText::new("Border crossings").small());
                for line in &input.counter.lines {
                    ui.label(line);
                }
            });
        });
    area.response.rect
}
