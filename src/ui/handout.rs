//! File › Export handout (PDF)…, `--handout`: each tour slide is shown in turn and its map
//! pictured from the window, then the handout (slides, quiz sheet, answer key) is written in the
//! background. The window shows only the map meanwhile; Esc cancels and nothing is written.

use super::export::PictureSlot;
use crate::atlas::Atlas;
use crate::media::{Handout, Picture, QuizItem, SlidePage, handout_pdf};
use crate::model::{Answer, Question, Quiz, Tour};
use crate::platform::{Job, Poll, SaveTo};

/// Frames a slide is given to settle (the view is fitted two frames after the card is drawn).
const SETTLE: u32 = 8;

/// What one frame of the export asks of the app.
#[derive(Debug, Clone, PartialEq)]
pub enum HandoutStep {
    /// Show slide `i` (at once, without its card).
    Show(usize),
    Pending,
    /// Every map is pictured: build the handout and hand it to [`HandoutJob::write`].
    Write,
    /// Finished, failed or cancelled: the message, and whether to quit (`--handout`).
    Done {
        message: String,
        close: bool,
    },
}

/// A handout being made.
pub struct HandoutJob {
    /// Where the PDF goes (a path, or a download in the browser).
    pub to: SaveTo,
    slides: usize,
    next: usize,
    waited: u32,
    requested: bool,
    slot: PictureSlot,
    pub pictures: Vec<Picture>,
    writing: Option<Job<Result<(), String>>>,
    cancelled: bool,
    /// Why the writer could not start.
    failure: Option<String>,
    /// The slide presented before the export (shown again after), if any.
    pub resume: Option<usize>,
    /// The tour's current slide before the export (presenting or not), to go back to.
    pub slide_before: usize,
    /// Quit once written (`--handout`).
    pub close_after: bool,
}

impl HandoutJob {
    /// A handout of `slides` slides to `to`.
    pub fn new(to: SaveTo, slides: usize) -> Self {
        Self {
            to,
            slides,
            next: 0,
            waited: 0,
            requested: false,
            slot: PictureSlot::default(),
            pictures: Vec::new(),
            writing: None,
            cancelled: false,
            failure: None,
            resume: None,
            slide_before: 0,
            close_after: false,
        }
    }

    /// Slides pictured, of how many.
    pub fn progress(&self) -> (usize, usize) {
        (self.next, self.slides)
    }

    /// Stops; nothing is written (a write under way finishes its temporary file and drops it).
    pub fn cancel(&mut self) {
        self.cancelled = true;
        if let Some(j) = &self.writing {
            j.cancel();
        }
    }

    fn done(&self, message: String) -> HandoutStep {
        HandoutStep::Done {
            message,
            close: self.close_after,
        }
    }

    /// One frame: show the next slide, let it settle, picture it; then write.
    pub fn step(&mut self, ctx: &egui::Context) -> HandoutStep {
        ctx.request_repaint();
        if let Some(f) = self.failure.take() {
            return self.done(format!("error: handout not saved: {f}"));
        }
        if self.cancelled && self.writing.is_none() {
            return self.done("cancelled; nothing was written".into());
        }
        if let Some(job) = &self.writing {
            return match job.poll() {
                Poll::Running => HandoutStep::Pending,
                Poll::Done(Ok(())) => self.done(self.to.done()),
                Poll::Done(Err(e)) => self.done(format!("error: handout not saved: {e}")),
                Poll::Lost => self.done("error: handout not saved: the writer stopped".into()),
            };
        }
        if self.next >= self.slides {
            return HandoutStep::Write;
        }
        self.waited += 1;
        if self.waited == 1 {
            return HandoutStep::Show(self.next);
        }
        if self.waited < SETTLE {
            return HandoutStep::Pending;
        }
        if !self.requested {
            self.request(ctx);
            return HandoutStep::Pending;
        }
        if let Some(image) = self.slot.take() {
            let [w, h] = image.size;
            self.pictures.push(Picture {
                width: w as u32,
                height: h as u32,
                rgba: image.as_raw().to_vec(),
            });
            self.next += 1;
            self.waited = 0;
            self.requested = false;
        } else if self.waited > SETTLE + 600 {
            self.cancel();
            return self.done("error: the window gave no picture of the map".into());
        }
        HandoutStep::Pending
    }

    fn request(&mut self, ctx: &egui::Context) {
        self.requested = true;
        self.slot.request(ctx);
    }

    /// Makes the PDF in the background and saves it (whole: a path is written atomically).
    pub fn write(&mut self, handout: Handout) {
        let to = self.to.clone();
        let job = Job::spawn("write handout", move |p| {
            let pdf = handout_pdf(&handout).map_err(|e| e.to_string())?;
            // Cancelled while the PDF was made: nothing is saved.
            if p.cancelled() {
                return Err("cancelled; nothing was written".into());
            }
            to.save(&pdf)
        });
        match job {
            Ok(j) => self.writing = Some(j),
            Err(e) => self.failure = Some(e),
        }
    }
}

/// File › Export handout (PDF)…: where to write, then Make. Returns where to save it.
pub fn window(ctx: &egui::Context, path: &mut String) -> (bool, Option<SaveTo>) {
    let mut open = true;
    let mut make = None;
    egui::Window::new("Export handout (PDF)")
        .open(&mut open)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.label("One page per tour slide (its map, title, narration, quotes and credits), then a quiz sheet and its answer key.");
            ui.horizontal(|ui| {
                let f = ui.label(if crate::platform::ABILITIES.paths {
                    "File (.pdf)"
                } else {
                    "File name (.pdf, downloaded)"
                });
                ui.text_edit_singleline(path).labelled_by(f.id);
            });
            let ok = !path.trim().is_empty();
            if ui.add_enabled(ok, egui::Button::new("Make the handout")).clicked() {
                make = Some(SaveTo::typed(path));
            }
        });
    (open, make)
}

/// The handout's words: the story, the tour's slides (with `pictures` of their maps, in
/// order), the quiz with its answers.
pub fn handout_of(
    atlas: &Atlas,
    tour: Option<&Tour>,
    quiz: Option<&Quiz>,
    pictures: Vec<Picture>,
) -> Handout {
    let story = &atlas.data.story;
    let mut pictures = pictures.into_iter();
    let slides = tour.map_or(Vec::new(), |t| {
        t.slides
            .iter()
            .map(|s| SlidePage {
                title: s.title.clone(),
                narration: s.narration.clone(),
                quotes: s.quotes.clone(),
                map: pictures.next(),
            })
            .collect()
    });
    Handout {
        title: story.title.clone(),
        credits: atlas.attribution.clone(),
        slides,
        quiz_title: quiz.map_or(String::new(), |q| q.title.clone()),
        quiz: quiz.map_or(Vec::new(), |q| {
            q.questions.iter().map(|q| quiz_item(atlas, q)).collect()
        }),
    }
}

/// A question for paper: its choices, or how to answer; and the key's answer.
fn quiz_item(atlas: &Atlas, q: &Question) -> QuizItem {
    let data = &atlas.data;
    let (choices, how, answer) = match &q.answer {
        Answer::Choice { choices, correct } => {
            let right = choices.get(*correct).cloned().unwrap_or_default();
            (choices.clone(), String::new(), right)
        }
        Answer::Province { provinces } => {
            let names: Vec<String> = provinces
                .iter()
                .filter_map(|iso| {
                    atlas
                        .ids
                        .province(iso)
                        .map(|i| data.provinces[i].name.clone())
                })
                .collect();
            (Vec::new(), "Province".into(), names.join(" or "))
        }
        Answer::Place { place, .. } => {
            let name = atlas.ids.place(place).map(|i| data.places[i].name.clone());
            (
                Vec::new(),
                "Mark it on the map".into(),
                name.unwrap_or_else(|| place.clone()),
            )
        }
        Answer::Date { event, .. } => {
            let date = atlas.ids.event(event).map(|i| data.events[i].date.human());
            (Vec::new(), "Date".into(), date.unwrap_or_default())
        }
    };
    QuizItem {
        prompt: q.prompt.clone(),
        choices,
        how,
        answer,
        quote: q.quote.clone(),
    }
}
