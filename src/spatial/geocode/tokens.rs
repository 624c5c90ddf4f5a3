//! Words of a text with their byte spans, and the word lists that mark a name as a place
//! ("in X", "the town of X") or as something else (sentence starts, months, titles).

/// Capitalised words that start sentences or name things other than places.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "after",
    "against",
    "al",
    "all",
    "also",
    "an",
    "and",
    "another",
    "are",
    "as",
    "at",
    "before",
    "but",
    "by",
    "during",
    "dr",
    "each",
    "every",
    "few",
    "for",
    "from",
    "he",
    "her",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "many",
    "more",
    "most",
    "mr",
    "mrs",
    "mt",
    "ms",
    "my",
    "new",
    "no",
    "not",
    "now",
    "of",
    "on",
    "one",
    "only",
    "or",
    "other",
    "our",
    "over",
    "she",
    "since",
    "so",
    "some",
    "st",
    "such",
    "than",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "two",
    "under",
    "until",
    "we",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "why",
    "will",
    "with",
    "without",
    "yet",
    "you",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "president",
    "minister",
    "general",
    "gen",
    "gov",
    "prof",
    "rev",
    "sen",
    "sgt",
    "army",
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "city",
    "province",
    "district",
    "border",
    "government",
    "military",
    "news",
    "world",
    "international",
    "national",
    "state",
    "states",
    "islamic",
    "united",
];

/// Words just before a name that mark it as a location ("in Kunduz", "near Fayzabad").
const CUES: &[&str] = &[
    "in", "at", "near", "from", "to", "into", "outside", "around", "toward", "towards",
];

/// Nouns that make "<noun> of X" name a place.
const PLACE_NOUNS: &[&str] = &[
    "town",
    "city",
    "village",
    "district",
    "capital",
    "outskirts",
    "province",
    "region",
    "valley",
];

/// One word of the text with its byte span.
#[derive(Debug, Clone)]
pub(super) struct Token<'t> {
    pub text: &'t str,
    pub start: usize,
    pub end: usize,
}

/// The words of `text`, with their byte spans.
pub(super) fn split_words(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        // Initials keep their dots: "U.S.", "D.C.", "U.N.".
        let word_char =
            c.is_alphanumeric() || (c == '.' && start.is_some_and(|s| initials(&text[s..i])));
        match (word_char, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                tokens.push(Token {
                    text: &text[s..i],
                    start: s,
                    end: i,
                });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        tokens.push(Token {
            text: &text[s..],
            start: s,
            end: text.len(),
        });
    }
    tokens
}

/// "U", "U.S", "D.C": single capitals joined by dots, so far.
fn initials(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() % 2 == 1
        && b.iter().enumerate().all(|(k, &c)| {
            if k % 2 == 0 {
                c.is_ascii_uppercase()
            } else {
                c == b'.'
            }
        })
}

/// Characters allowed between two words of one name: a space, a hyphen, an apostrophe.
pub(super) fn joins(sep: &str) -> bool {
    !sep.is_empty()
        && sep.chars().count() <= 2
        && sep
            .chars()
            .all(|c| matches!(c, ' ' | '-' | '\'' | '’' | '‑'))
}

/// True when the words before token `i` mark it as a place: "in X", "the town of X".
pub(super) fn is_cued(tokens: &[Token<'_>], i: usize) -> bool {
    let word = |k: usize| {
        i.checked_sub(k)
            .map(|j| tokens[j].text.to_lowercase())
            .unwrap_or_default()
    };
    CUES.contains(&word(1).as_str()) || (word(1) == "of" && PLACE_NOUNS.contains(&word(2).as_str()))
}

pub(super) fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

pub(super) fn is_stopword(word: &str) -> bool {
    STOPWORDS.contains(&word.to_lowercase().as_str())
}
