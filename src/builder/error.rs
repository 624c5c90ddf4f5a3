//! Why a story could not be built, each with what to do about it.

use std::path::PathBuf;

/// A problem that stops the builder; every message names the article and says what to do.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("{0}: the text is empty")]
    Empty(String),
    #[error("{0}: this is not text (binary bytes at byte {1}); give a plain-text article (.txt)")]
    Binary(String, usize),
    #[error("{0}: the text is {1} bytes; an article is at most {2} bytes")]
    TooLong(String, usize, usize),
    #[error(
        "{0}: this does not look like English ({1} of its {2} words are common English words); the builder reads English news"
    )]
    NotEnglish(String, usize, usize),
    #[error(
        "{0}: no publication date: the text has no dateline such as \"Published 15 May 2024\"; give one with --published YYYY-MM-DD"
    )]
    NoPublished(String),
    #[error("{0}: contradictory dates: {1}; give the right one with --published YYYY-MM-DD")]
    Contradictory(String, String),
    #[error("{0}: the article names no place the gazetteers know, so nothing can go on a map")]
    NoPlaces(String),
    #[error(
        "{0}: no sentence gives a date the builder can resolve (\"on 3 March\", \"last week\", \"in 2014\"), so there are no events to put on a timeline"
    )]
    NoDates(String),
    #[error("{0}: no sentence reports an event at a place with a date")]
    NoEvents(String),
    #[error("{}: the folder exists; choose another or add --force to replace it", .0.display())]
    OutExists(PathBuf),
    #[error("{}: {}", .0.display(), .1)]
    Io(PathBuf, std::io::Error),
    #[error("the built story does not pass its own check: {0}")]
    Check(String),
    #[error("cancelled")]
    Cancelled,
}

/// The longest article the builder takes (a long feature is under 100 KB).
pub const MAX_BYTES: usize = 2_000_000;

/// Common English words: a text with almost none of them is not English.
const ENGLISH: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "is", "was", "were", "have", "has", "had", "that", "for",
    "on", "with", "as", "by", "at", "from", "it", "are", "said", "they", "their", "this", "been",
    "after", "not", "but", "who", "he", "she", "his", "her", "an", "or", "be", "which",
];

/// The article's text from its bytes, or why it is not an English article.
///
/// ```
/// use event_atlas::builder::error::article_text;
/// assert!(article_text("a.txt", b"The troops fled to the border on Monday.").is_ok());
/// assert!(article_text("a.bin", b"\x00\x01\x02PK").is_err());
/// assert!(article_text("a.txt", "Die Soldaten sind über die Grenze geflohen.".as_bytes()).is_err());
/// ```
pub fn article_text(name: &str, bytes: &[u8]) -> Result<String, BuildError> {
    if bytes.len() > MAX_BYTES {
        return Err(BuildError::TooLong(name.into(), bytes.len(), MAX_BYTES));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => return Err(BuildError::Binary(name.into(), e.valid_up_to())),
    };
    if let Some(at) = text.find(|c: char| c.is_control() && !c.is_whitespace()) {
        return Err(BuildError::Binary(name.into(), at));
    }
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(BuildError::Empty(name.into()));
    }
    let words: Vec<String> = super::text::words(text)
        .into_iter()
        .map(|(_, w)| w)
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let english = words
        .iter()
        .filter(|w| ENGLISH.contains(&w.as_str()))
        .count();
    // English news runs at 30-40 % of these words; other languages at a few percent.
    if words.is_empty() || english * 100 < words.len() * 12 {
        return Err(BuildError::NotEnglish(name.into(), english, words.len()));
    }
    Ok(text.to_string())
}
