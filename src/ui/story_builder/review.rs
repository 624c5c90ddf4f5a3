//! The review window: the article with each event's and crossing's sentence highlighted, the
//! list of what was found to keep or drop, the editor of the one picked, the draft tour and
//! quiz, and "Save as story".

use egui::{Color32, RichText, ScrollArea, Ui};

use super::{ArticleSource, Draft, Pick, StoryBuilder, Tab};
use crate::platform::FileBytes;
use crate::ui::path_field::PathField;
use crate::ui::{Command, WindowId};

/// What the person asked for.
#[derive(Debug, Clone, PartialEq)]
enum Action {
    Build(ArticleSource),
    Browse,
    Cancel,
    Save { replace: bool },
    Preview,
}

/// Highlights: an event's sentence, a crossing's, and the one picked.
const EVENT_BG: Color32 = Color32::from_rgb(255, 236, 160);
const CROSSING_BG: Color32 = Color32::from_rgb(178, 220, 255);
const PICKED_BG: Color32 = Color32::from_rgb(255, 190, 120);

impl StoryBuilder {
    /// The window; its commands for the app.
    pub fn window(&mut self, ctx: &egui::Context) -> Vec<Command> {
        let mut open = true;
        let mut action = None;
        let screen = ctx.content_rect();
        egui::Window::new("New story from article")
            .open(&mut open)
            .default_size([
                (screen.width() - 80.0).min(1100.0),
                (screen.height() - 120.0).min(700.0),
            ])
            .default_pos(egui::pos2(40.0, 50.0))
            .show(ctx, |ui| action = self.contents(ui));
        let mut commands = Vec::new();
        match action {
            Some(Action::Build(source)) => commands.extend(self.start(source)),
            Some(Action::Browse) => {
                commands.push(Command::Browse(crate::platform::FileKind::ArticleForStory));
            }
            Some(Action::Cancel) => self.cancel(),
            Some(Action::Save { replace }) => self.save(replace),
            Some(Action::Preview) => self.preview(),
            None => {}
        }
        if !open {
            commands.push(Command::Close(WindowId::StoryBuilder));
        }
        commands
    }

    fn contents(&mut self, ui: &mut Ui) -> Option<Action> {
        let mut action = self.open_row(ui);
        if let Some((_, job)) = &self.job {
            ui.horizontal(|ui| {
                ui.add(egui::Spinner::new());
                ui.label(format!("{}…", job.progress.stage()));
                if ui.button("Cancel").clicked() {
                    action = Some(Action::Cancel);
                }
            });
        }
        if let Some(job) = &self.saving {
            ui.horizontal(|ui| {
                ui.add(egui::Spinner::new());
                ui.label(format!("{}…", job.progress.stage()));
            });
        }
        if let Some(m) = &self.message {
            ui.colored_label(ui.visuals().error_fg_color, m);
        }
        if let Some(n) = &self.note {
            ui.label(n);
        }
        let Some(draft) = &mut self.draft else {
            return action;
        };
        ui.separator();
        summary(ui, draft);
        ui.separator();
        let saving = self.saving.is_some();
        let save = save_row(ui, draft, saving);
        ui.separator();
        match draft.tab {
            Tab::Found => found(ui, draft),
            Tab::Tour => super::lessons::tour(ui, draft),
            Tab::Quiz => super::lessons::quiz(ui, draft),
        }
        save.or(action)
    }

    /// Browse… (or the browser's Open article…), the typed path, a publication date for an
    /// article without a dateline, and a box to paste an article's text into.
    fn open_row(&mut self, ui: &mut Ui) -> Option<Action> {
        let mut action = None;
        ui.label("An English news article (plain text): its places, dated events, crossings and counts become a story to check, edit and save.");
        let idle = self.job.is_none();
        ui.horizontal_wrapped(|ui| {
            let paths = crate::platform::ABILITIES.paths;
            let browse = if paths {
                "Browse…"
            } else {
                "Open article…"
            };
            if ui.add_enabled(idle, egui::Button::new(browse)).clicked() {
                action = Some(Action::Browse);
            }
            if paths {
                let field = PathField::new("Article", "/path/to/article.txt", "Build story")
                    .enabled(idle)
                    .width(260.0);
                if let Some(typed) = field.show(ui, &mut self.path_field) {
                    action = Some(Action::Build(ArticleSource::Path(typed.into())));
                }
            }
            let label = ui.label("Published (if the text has no dateline)");
            ui.add(
                egui::TextEdit::singleline(&mut self.published_field)
                    .desired_width(100.0)
                    .hint_text("YYYY-MM-DD"),
            )
            .labelled_by(label.id);
        });
        egui::CollapsingHeader::new("Or paste the article's text")
            .id_salt("story-paste")
            .default_open(self.draft.is_none() && !crate::platform::ABILITIES.paths)
            .open(std::mem::take(&mut self.fold_paste).then_some(false))
            .show(ui, |ui| {
                action = action.take().or(self.paste_box(ui, idle));
            });
        action
    }

    /// The pasted text and its Build button.
    fn paste_box(&mut self, ui: &mut Ui, idle: bool) -> Option<Action> {
        let edit = egui::TextEdit::multiline(&mut self.pasted)
            .desired_rows(5)
            .desired_width(f32::INFINITY)
            .hint_text("The headline on the first line, then the article.");
        ScrollArea::vertical()
            .id_salt("story-paste-scroll")
            .max_height(140.0)
            .show(ui, |ui| ui.add(edit).on_hover_text("Article text"));
        let ok = idle && !self.pasted.trim().is_empty();
        let build = ui.add_enabled(ok, egui::Button::new("Build story from pasted text"));
        build.clicked().then(|| {
            Action::Build(ArticleSource::Bytes(FileBytes {
                name: "pasted article".into(),
                bytes: self.pasted.as_bytes().into(),
            }))
        })
    }
}

/// The counts, the warnings and the tabs.
fn summary(ui: &mut Ui, d: &mut Draft) {
    let b = &d.built;
    let kept = |v: &[bool]| v.iter().filter(|k| **k).count();
    ui.label(
        RichText::new(format!(
            "“{}”, published {} — {} places; {} of {} events and {} of {} crossings and totals kept; provinces of {}",
            b.story.title,
            b.story.published.map_or_else(String::new, |p| p.human()),
            b.places.len(),
            kept(&d.keep_events),
            d.keep_events.len(),
            kept(&d.keep_crossings),
            d.keep_crossings.len(),
            b.story.countries.join(", ")
        ))
        .strong(),
    );
    for d in &b.doubts {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!("Check the article: {d}"),
        );
    }
    if !b.warnings.is_empty() {
        egui::CollapsingHeader::new(format!("{} warnings", b.warnings.len()))
            .id_salt("story-warnings")
            .show(ui, |ui| {
                for w in &b.warnings {
                    ui.label(w);
                }
            });
    }
    ui.horizontal(|ui| {
        ui.selectable_value(&mut d.tab, Tab::Found, "Events and crossings");
        ui.selectable_value(
            &mut d.tab,
            Tab::Tour,
            format!("Tour (draft, {} slides)", b.tour.slides.len()),
        );
        ui.selectable_value(
            &mut d.tab,
            Tab::Quiz,
            format!("Quiz (draft, {} questions)", b.quiz.questions.len()),
        );
    });
}

/// The folder to save to (in the browser, the archive to download), and the buttons.
fn save_row(ui: &mut Ui, d: &mut Draft, saving: bool) -> Option<Action> {
    let mut action = None;
    let paths = crate::platform::ABILITIES.paths;
    ui.horizontal_wrapped(|ui| {
        let field = if paths {
            PathField::new("Save to folder", "/path/to/new-story", "Save as story")
        } else {
            PathField::new("File name", "new-story.zip", "Download story (.zip)")
        };
        if field.enabled(!saving).width(320.0).show(ui, &mut d.out_field).is_some() {
            action = Some(Action::Save { replace: false });
        }
        let replace = paths
            && ui
                .add_enabled(!saving, egui::Button::new("Replace the folder"))
                .on_hover_text(
                    "Save over a folder that exists (only once the new story is complete and checked)",
                )
                .clicked();
        if replace {
            action = Some(Action::Save { replace: true });
        }
        let preview = ui
            .add_enabled(!saving, egui::Button::new("Preview on the map"))
            .on_hover_text(
                "Open the draft as it stands on the map, to click through it; this window stays \
                 open and nothing is saved",
            );
        if preview.clicked() {
            action = Some(Action::Preview);
        }
    });
    if !paths {
        ui.label(
            RichText::new(
                "The story opens here and is downloaded as a .zip: unzipped, it is a folder the \
                 desktop app opens; File › Open story… opens the .zip in this page.",
            )
            .small()
            .weak(),
        );
    }
    action
}

/// The article beside the list of what was found, and the picked record's editor.
fn found(ui: &mut Ui, d: &mut Draft) {
    let height = ui.available_height();
    ui.columns(2, |cols| {
        cols[0].label(RichText::new("The article — click a sentence").strong());
        ScrollArea::vertical()
            .id_salt("story-article")
            .max_height(height - 24.0)
            .show(&mut cols[0], |ui| article(ui, d));
        ScrollArea::vertical()
            .id_salt("story-found")
            .max_height(height - 4.0)
            .show(&mut cols[1], |ui| {
                super::edit::picked(ui, d);
                ui.separator();
                records(ui, d);
            });
    });
}

/// What each sentence belongs to: an event, a crossing (or total), or nothing.
fn owner(d: &Draft, s: usize) -> Option<Pick> {
    let span = &d.sentences[s].span;
    let inside = |r: &std::ops::Range<usize>| r.start <= span.start && span.end <= r.end;
    if let Some(k) = d.built.crossing_spans.iter().position(inside) {
        return Some(Pick::Crossing(k));
    }
    d.built.event_spans.iter().position(inside).map(Pick::Event)
}

/// The article, paragraph by paragraph, each sentence clickable and highlighted by what it is.
fn article(ui: &mut Ui, d: &mut Draft) {
    let mut clicked = None;
    let mut s = 0;
    while s < d.sentences.len() {
        let para = d.sentences[s].paragraph;
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = 4.0;
            while s < d.sentences.len() && d.sentences[s].paragraph == para {
                let text = &d.built.article[d.sentences[s].span.clone()];
                let who = owner(d, s);
                let kept = match who {
                    Some(Pick::Event(k)) => d.keep_events[k],
                    Some(Pick::Crossing(k)) => d.keep_crossings[k],
                    _ => false,
                };
                let picked = d
                    .picked
                    .is_some_and(|p| Some(p) == who || p == Pick::Sentence(s));
                let mut rich = RichText::new(text).color(Color32::BLACK);
                rich = match (picked, kept, who) {
                    (true, _, _) => rich.background_color(PICKED_BG),
                    (_, true, Some(Pick::Crossing(_))) => rich.background_color(CROSSING_BG),
                    (_, true, _) => rich.background_color(EVENT_BG),
                    _ => RichText::new(text),
                };
                if ui
                    .add(egui::Label::new(rich).sense(egui::Sense::click()))
                    .clicked()
                {
                    clicked = Some(who.unwrap_or(Pick::Sentence(s)));
                }
                s += 1;
            }
        });
        ui.add_space(6.0);
    }
    if let Some(p) = clicked {
        super::edit::pick(d, p);
    }
}

/// Every event and crossing, to keep (ticked) or drop, and to pick for editing.
fn records(ui: &mut Ui, d: &mut Draft) {
    let mut picked = None;
    ui.label(RichText::new("Crossings and totals").strong());
    let n_x = d.built.crossings.crossings.len();
    for k in 0..d.keep_crossings.len() {
        let label = if k < n_x {
            let x = &d.built.crossings.crossings[k];
            let (from, to) = (d.built.place_name(&x.from), d.built.place_name(&x.to));
            format!(
                "{} — {from} to {to}: {} ({})",
                x.date.human(),
                x.who,
                x.people.label()
            )
        } else {
            let t = &d.built.crossings.totals[k - n_x];
            format!("Total into {}: {}", d.built.place_name(&t.to), t.label())
        };
        ui.horizontal(|ui| {
            ui.checkbox(&mut d.keep_crossings[k], "")
                .on_hover_text("Keep it in the story");
            let sel = d.picked == Some(Pick::Crossing(k));
            if ui.selectable_label(sel, label).clicked() {
                picked = Some(Pick::Crossing(k));
            }
        });
    }
    ui.label(RichText::new("Events").strong());
    for k in 0..d.keep_events.len() {
        let e = &d.built.events[k];
        let label = format!("{} — {} ({})", e.date.human(), e.title, e.kind.label());
        ui.horizontal(|ui| {
            ui.checkbox(&mut d.keep_events[k], "")
                .on_hover_text("Keep it in the story");
            let sel = d.picked == Some(Pick::Event(k));
            if ui.selectable_label(sel, label).clicked() {
                picked = Some(Pick::Event(k));
            }
        });
    }
    if let Some(p) = picked {
        super::edit::pick(d, p);
    }
}
