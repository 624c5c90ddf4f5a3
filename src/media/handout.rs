//! The printable handout: one A4 page per tour slide (its map, title, narration, quotes and the
//! credits), then a quiz sheet and a separate answer key. Laid out first (pages of placed text
//! and pictures, testable without a PDF), then drawn with krilla, the font embedded.

use std::path::Path;

use krilla::Document;
use krilla::geom::{Point, Size, Transform};
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::{Font, TextDirection};

use super::MediaError;

/// A4 in points.
const PAGE: (f32, f32) = (595.28, 841.89);
const MARGIN: f32 = 50.0;

/// A picture of the map, RGBA rows top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

/// One slide's page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SlidePage {
    pub title: String,
    pub narration: String,
    pub quotes: Vec<String>,
    pub map: Option<Picture>,
}

/// One quiz question: what the sheet asks, and what the key answers.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct QuizItem {
    pub prompt: String,
    /// Choices to tick; empty for a map or date question.
    pub choices: Vec<String>,
    /// How to answer when there are no choices ("Mark it on the map").
    pub how: String,
    pub answer: String,
    /// The article's sentence behind the answer.
    pub quote: String,
}

/// Everything a handout holds.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Handout {
    pub title: String,
    pub credits: String,
    pub slides: Vec<SlidePage>,
    pub quiz_title: String,
    pub quiz: Vec<QuizItem>,
}

/// Something placed on a page (y is the top of a text line's box, in points from the top).
#[derive(Debug, Clone, PartialEq)]
pub enum Placed {
    Text {
        x: f32,
        y: f32,
        size: f32,
        grey: u8,
        text: String,
    },
    Picture {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        slide: usize,
    },
}

/// The font every page uses (egui's Ubuntu Light: Latin, Greek, Cyrillic, the article's
/// typographic quotes and dashes).
fn font_bytes() -> &'static [u8] {
    epaint_default_fonts::UBUNTU_LIGHT
}

/// Lays text out in pages, starting a new one when the current is full.
struct Layout<'f> {
    face: ttf_parser::Face<'f>,
    pages: Vec<Vec<Placed>>,
    y: f32,
}

impl Layout<'_> {
    fn new() -> Result<Self, MediaError> {
        let face = ttf_parser::Face::parse(font_bytes(), 0)
            .map_err(|e| MediaError::Encode(format!("the handout's font: {e}")))?;
        Ok(Self {
            face,
            pages: vec![Vec::new()],
            y: MARGIN,
        })
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    fn put(&mut self, placed: Placed) {
        if let Some(p) = self.pages.last_mut() {
            p.push(placed);
        }
    }

    fn room(&self) -> f32 {
        PAGE.1 - MARGIN - self.y
    }

    fn width_of(&self, text: &str, size: f32) -> f32 {
        let scale = size / f32::from(self.face.units_per_em());
        text.chars()
            .map(|c| {
                let g = self.face.glyph_index(c);
                f32::from(
                    g.and_then(|g| self.face.glyph_hor_advance(g))
                        .unwrap_or(500),
                ) * scale
            })
            .sum()
    }

    /// Greedy word wrap to the text width.
    fn wrap(&self, text: &str, size: f32, indent: f32) -> Vec<String> {
        let max = PAGE.0 - 2.0 * MARGIN - indent;
        let mut lines = Vec::new();
        for para in text.split('\n') {
            let mut line = String::new();
            for word in para.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_string()
                } else {
                    format!("{line} {word}")
                };
                if self.width_of(&candidate, size) > max && !line.is_empty() {
                    lines.push(std::mem::replace(&mut line, word.to_string()));
                } else {
                    line = candidate;
                }
            }
            lines.push(line);
        }
        lines
    }

    /// A paragraph, wrapped, onto as many pages as it needs; then a gap.
    fn text(&mut self, text: &str, size: f32, grey: u8, indent: f32) {
        let lead = size * 1.3;
        for line in self.wrap(text, size, indent) {
            if self.room() < lead {
                self.new_page();
            }
            let placed = Placed::Text {
                x: MARGIN + indent,
                y: self.y,
                size,
                grey,
                text: line,
            };
            self.put(placed);
            self.y += lead;
        }
        self.y += size * 0.5;
    }

    /// A picture at the text width, at most `max_h` tall.
    fn picture(&mut self, pic: &Picture, slide: usize, max_h: f32) {
        let full = PAGE.0 - 2.0 * MARGIN;
        let aspect = pic.height as f32 / pic.width.max(1) as f32;
        let (mut w, mut h) = (full, full * aspect);
        if h > max_h {
            (w, h) = (max_h / aspect, max_h);
        }
        if self.room() < h {
            self.new_page();
        }
        let x = MARGIN + (full - w) / 2.0;
        let placed = Placed::Picture {
            x,
            y: self.y,
            w,
            h,
            slide,
        };
        self.put(placed);
        self.y += h + 12.0;
    }
}

/// The handout's pages: the slides, the quiz sheet, the answer key.
pub fn layout(h: &Handout) -> Result<Vec<Vec<Placed>>, MediaError> {
    let mut l = Layout::new()?;
    let n = h.slides.len();
    for (i, s) in h.slides.iter().enumerate() {
        if i > 0 {
            l.new_page();
        }
        l.text(
            &format!("{} · slide {} of {n}", h.title, i + 1),
            9.0,
            90,
            0.0,
        );
        l.text(&s.title, 20.0, 0, 0.0);
        if let Some(pic) = &s.map {
            l.picture(pic, i, PAGE.1 * 0.42);
        }
        l.text(&s.narration, 12.5, 0, 0.0);
        for q in &s.quotes {
            l.text(&format!("“{q}”"), 11.0, 70, 14.0);
        }
        l.text(&h.credits, 8.0, 90, 0.0);
    }
    quiz_sheet(&mut l, h);
    Ok(l.pages)
}

/// The questions with room to answer, then (on a page of its own) the key.
fn quiz_sheet(l: &mut Layout<'_>, h: &Handout) {
    if h.quiz.is_empty() {
        return;
    }
    if !h.slides.is_empty() {
        l.new_page();
    }
    l.text(&h.quiz_title, 18.0, 0, 0.0);
    l.text(
        "Name: ______________________    Date: ____________",
        11.0,
        0,
        0.0,
    );
    for (i, q) in h.quiz.iter().enumerate() {
        l.text(&format!("{}. {}", i + 1, q.prompt), 12.0, 0, 0.0);
        for c in &q.choices {
            l.text(&format!("[  ]  {c}"), 11.5, 0, 18.0);
        }
        if q.choices.is_empty() {
            l.text(
                &format!("{}: ________________________________", q.how),
                11.5,
                0,
                18.0,
            );
        }
    }
    l.new_page();
    l.text(&format!("Answer key: {}", h.quiz_title), 18.0, 0, 0.0);
    for (i, q) in h.quiz.iter().enumerate() {
        l.text(&format!("{}. {}", i + 1, q.answer), 12.0, 0, 0.0);
        if !q.quote.is_empty() {
            l.text(&format!("“{}”", q.quote), 10.5, 70, 18.0);
        }
    }
    l.text(&h.credits, 8.0, 90, 0.0);
}

/// The handout as PDF bytes.
pub fn handout_pdf(h: &Handout) -> Result<Vec<u8>, MediaError> {
    let pages = layout(h)?;
    let font = Font::new(font_bytes().into(), 0)
        .ok_or_else(|| MediaError::Encode("the handout's font cannot be read".into()))?;
    let settings = PageSettings::from_wh(PAGE.0, PAGE.1)
        .ok_or_else(|| MediaError::Encode("page size".into()))?;
    let mut doc = Document::new();
    doc.set_metadata(
        krilla::metadata::Metadata::new()
            .title(h.title.clone())
            .creator("Event Atlas".into()),
    );
    for page in &pages {
        let mut p = doc.start_page_with(settings.clone());
        let mut s = p.surface();
        for item in page {
            draw(&mut s, item, &font, h);
        }
        s.finish();
        p.finish();
    }
    doc.finish()
        .map_err(|e| MediaError::Encode(format!("{e:?}")))
}

/// Draws one placed item.
fn draw(s: &mut krilla::surface::Surface<'_>, item: &Placed, font: &Font, h: &Handout) {
    match item {
        Placed::Text {
            x,
            y,
            size,
            grey,
            text,
        } => {
            let paint = krilla::color::rgb::Color::new(*grey, *grey, *grey).into();
            s.set_fill(Some(Fill {
                paint,
                ..Fill::default()
            }));
            // krilla places text by its baseline.
            let baseline = Point::from_xy(*x, y + size);
            s.draw_text(
                baseline,
                font.clone(),
                *size,
                text,
                false,
                TextDirection::Auto,
            );
        }
        Placed::Picture {
            x,
            y,
            w,
            h: ph,
            slide,
        } => {
            let Some(pic) = h.slides.get(*slide).and_then(|s| s.map.as_ref()) else {
                return;
            };
            let image = krilla::image::Image::from_rgba8(pic.rgba.clone(), pic.width, pic.height);
            let Some(size) = Size::from_wh(*w, *ph) else {
                return;
            };
            s.push_transform(&Transform::from_translate(*x, *y));
            s.draw_image(image, size);
            s.pop();
        }
    }
}

/// Writes the handout to `path`, atomically (a failed write leaves any earlier file).
pub fn write_handout(path: &Path, h: &Handout) -> Result<(), MediaError> {
    let bytes = handout_pdf(h)?;
    crate::model::write_atomic(path, &bytes).map_err(|e| MediaError::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn handout(slides: usize, narration: &str) -> Handout {
        let pic = Picture {
            width: 4,
            height: 2,
            rgba: vec![200; 32],
        };
        Handout {
            title: "A story".into(),
            credits: "Natural Earth · GeoNames".into(),
            slides: (0..slides)
                .map(|i| SlidePage {
                    title: format!("Slide {i}"),
                    narration: narration.into(),
                    quotes: vec!["Words – with “quotes” and Mazār".into()],
                    map: Some(pic.clone()),
                })
                .collect(),
            quiz_title: "Quiz".into(),
            quiz: vec![QuizItem {
                prompt: "How many?".into(),
                choices: vec!["Some".into(), "More than 1,000".into()],
                answer: "More than 1,000".into(),
                quote: "More than 1,000 soldiers fled.".into(),
                ..QuizItem::default()
            }],
        }
    }

    fn texts(page: &[Placed]) -> Vec<&str> {
        page.iter()
            .filter_map(|p| match p {
                Placed::Text { text, .. } => Some(text.as_str()),
                Placed::Picture { .. } => None,
            })
            .collect()
    }

    #[test]
    fn one_page_per_slide_then_the_quiz_and_a_separate_key() {
        let pages = layout(&handout(3, "Short.")).expect("layout");
        assert_eq!(pages.len(), 5);
        assert!(texts(&pages[0]).contains(&"Slide 0"));
        assert!(
            pages[2]
                .iter()
                .any(|p| matches!(p, Placed::Picture { slide: 2, .. }))
        );
        let sheet = texts(&pages[3]).join("\n");
        assert!(sheet.contains("1. How many?") && !sheet.contains("Answer key"));
        let key = texts(&pages[4]).join("\n");
        assert!(key.contains("Answer key") && key.contains("1. More than 1,000"));
    }

    #[test]
    fn long_text_wraps_inside_the_margins_and_flows_onto_another_page() {
        let long = "word ".repeat(2000);
        let pages = layout(&handout(1, &long)).expect("layout");
        assert!(pages.len() > 3, "{} pages", pages.len());
        for p in pages.iter().flatten() {
            if let Placed::Text { y, size, .. } = p {
                assert!(*y >= MARGIN && y + size <= PAGE.1 - MARGIN + 1.0, "{y}");
            }
        }
    }

    #[test]
    fn the_pdf_is_written_with_the_font_embedded() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("lesson.pdf");
        write_handout(&path, &handout(2, "Narration.")).expect("write");
        let bytes = std::fs::read(&path).expect("read");
        assert!(bytes.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("/FontFile2"), "the font is embedded");
        let unwritable = dir.path().join("no-such-dir").join("lesson.pdf");
        assert!(matches!(
            write_handout(&unwritable, &handout(1, "x")),
            Err(MediaError::Io { .. })
        ));
    }
}
