//! The Article window: the places the geocoder found in a text (with the sentence naming each),
//! the names it could not place, a choice for ambiguous names, and saving a places file.

use crate::ui::path_field::PathField;
use egui::{RichText, ScrollArea, Ui};

use super::{ArticleState, Articles};
use crate::import::sentence_with;

/// What the user asked for.
#[derive(Debug, Clone, PartialEq)]
enum ArticleAction {
    Open(String),
    Browse,
    /// Use candidate `i` for this mention.
    Choose(String, usize),
    Save,
}

impl Articles {
    /// The Article window.
    pub fn window(
        &mut self,
        ctx: &egui::Context,
        atlas: &std::sync::Arc<crate::atlas::Atlas>,
    ) -> Vec<crate::ui::Command> {
        use crate::ui::{Command, WindowId};
        let mut open = true;
        let mut action = None;
        egui::Window::new("Article")
            .open(&mut open)
            .default_width(460.0)
            .default_pos(egui::pos2(120.0, 110.0))
            .show(ctx, |ui| {
                self.progress(ui);
                action = contents(ui, &mut self.path_field, self.article.as_mut());
            });
        let mut commands = match action {
            None => Vec::new(),
            Some(ArticleAction::Open(p)) => self.open(p.into(), atlas),
            Some(ArticleAction::Browse) => {
                vec![Command::Browse(crate::platform::FileKind::Article)]
            }
            Some(ArticleAction::Choose(mention, i)) => self.choose(&mention, i, atlas),
            Some(ArticleAction::Save) => self.save(),
        };
        if !open {
            commands.push(Command::Close(WindowId::Article));
        }
        commands
    }

    /// The geocoder's progress bar and Cancel, while it runs.
    fn progress(&mut self, ui: &mut Ui) {
        let Some(job) = &self.job else {
            return;
        };
        let mut cancel = false;
        ui.horizontal(|ui| {
            ui.add(egui::Spinner::new());
            ui.label(format!("{}…", job.progress.stage()));
            cancel = ui.button("Cancel").clicked();
        });
        if cancel {
            self.cancel();
        }
        ui.separator();
    }
}

/// The window's contents.
fn contents(
    ui: &mut Ui,
    path: &mut String,
    article: Option<&mut ArticleState>,
) -> Option<ArticleAction> {
    let mut action = open_row(ui, path);
    let Some(a) = article else {
        return action;
    };
    ui.separator();
    ui.label(RichText::new(a.path.display().to_string()).strong());
    ScrollArea::vertical().max_height(520.0).show(ui, |ui| {
        places(ui, a);
        action = ambiguities(ui, &a.result).or(action.take());
    });
    ui.separator();
    ui.horizontal(|ui| {
        let paths = crate::platform::ABILITIES.paths;
        let label = ui.label(if paths { "Save places to" } else { "File name" });
        ui.add(egui::TextEdit::singleline(&mut a.save_path).desired_width(240.0))
            .labelled_by(label.id);
        let verb = if paths {
            "Save places file"
        } else {
            "Download places file"
        };
        if ui.button(verb).clicked() {
            action = Some(ArticleAction::Save);
        }
    });
    action
}

/// Browse… and the typed path.
fn open_row(ui: &mut Ui, path: &mut String) -> Option<ArticleAction> {
    let mut action = None;
    ui.label("Any news text (UTF-8): its places are found with the offline gazetteer and drawn as a layer.");
    ui.horizontal(|ui| {
        let paths = crate::platform::ABILITIES.paths;
        if ui
            .button(if paths { "Browse…" } else { "Open text…" })
            .clicked()
        {
            action = Some(ArticleAction::Browse);
        }
        // The browser has no paths: its picker is the way in.
        if paths {
            let field = PathField::new("Text file", "/path/to/article.txt", "Geocode");
            if let Some(typed) = field.show(ui, path) {
                action = Some(ArticleAction::Open(typed));
            }
        }
    });
    action
}

/// The places found, each with where its point comes from and the sentences naming it; then
/// the names not placed.
fn places(ui: &mut Ui, a: &ArticleState) {
    let r = &a.result;
    ui.heading(format!("{} places found", r.places.len()));
    for p in &r.places {
        egui::CollapsingHeader::new(format!("{} ({})", p.name, p.kind.as_str()))
            .id_salt(("article-place", &p.id))
            .show(ui, |ui| {
                let from = format!("{:.4}, {:.4} · {}", p.lat, p.lon, p.source);
                ui.label(RichText::new(from).small().weak());
                for m in &p.mentions {
                    if let Some(s) = sentence_with(&a.text, m) {
                        ui.label(RichText::new(format!("“{s}”")).italics());
                    }
                }
            });
    }
    ui.separator();
    if r.unresolved.is_empty() {
        ui.label("Every name that looked like a place was found.");
    } else {
        ui.label(RichText::new(format!("Not placed ({})", r.unresolved.len())).strong());
        ui.label(r.unresolved.join(", "));
    }
}

/// A drop-down of candidates for each ambiguous name; picking another re-places the article.
fn ambiguities(ui: &mut Ui, r: &crate::spatial::geocode::GeocodeResult) -> Option<ArticleAction> {
    if r.ambiguities.is_empty() {
        return None;
    }
    let mut action = None;
    ui.separator();
    ui.label(RichText::new("Ambiguous names: pick the place meant").strong());
    for amb in &r.ambiguities {
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("“{}”", amb.mention));
            let mut chosen = amb.chosen_index;
            egui::ComboBox::from_id_salt(("amb", &amb.mention))
                .width(300.0)
                .selected_text(amb.candidates.get(chosen).cloned().unwrap_or_default())
                .show_ui(ui, |ui| {
                    for (i, c) in amb.candidates.iter().enumerate() {
                        ui.selectable_value(&mut chosen, i, c);
                    }
                });
            if chosen != amb.chosen_index {
                action = Some(ArticleAction::Choose(amb.mention.clone(), chosen));
            }
        });
    }
    action
}
