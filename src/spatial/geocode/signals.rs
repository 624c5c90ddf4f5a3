//! What the words around a capitalised phrase say about it: the shape of a name ("Bosnia and
//! Herzegovina", "Mazar-e-Sharif", never "In an"), names that belong to something else ("Ohio
//! State University", "Marburg virus", "Agence France-Presse"), and common English words that
//! are capitalised only because a sentence or a title starts with them ("Police said").

use std::collections::HashSet;
use std::sync::LazyLock;

use super::tokens::{Token, is_capitalised, is_stopword};

/// Lower-case English words (SCOWL's American list, `data/world/common-words.txt`).
static COMMON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../../data/world/common-words.txt")
        .lines()
        .collect()
});

/// A place called like this ("Reading", "Police") needs more than a capital letter.
pub(super) fn is_common_word(word: &str) -> bool {
    COMMON.contains(word.to_lowercase().as_str())
}

/// Capitalised words after a name that make the whole an organisation or a title.
const ORGANISATION_HEADS: &[&str] = &[
    "academy",
    "agency",
    "airlines",
    "airways",
    "alliance",
    "army",
    "association",
    "authority",
    "bank",
    "board",
    "brigade",
    "bureau",
    "center",
    "centre",
    "church",
    "club",
    "college",
    "commission",
    "committee",
    "company",
    "corporation",
    "council",
    "court",
    "daily",
    "department",
    "doctors",
    "federation",
    "fire",
    "forces",
    "foundation",
    "gazette",
    "group",
    "herald",
    "hospital",
    "inc",
    "institute",
    "journal",
    "league",
    "ltd",
    "medical",
    "ministry",
    "museum",
    "navy",
    "network",
    "news",
    "office",
    "organisation",
    "organization",
    "party",
    "police",
    "post",
    "press",
    "prison",
    "programme",
    "project",
    "radio",
    "regiment",
    "rifles",
    "school",
    "service",
    "services",
    "society",
    "stadium",
    "star",
    "television",
    "times",
    "tribune",
    "trust",
    "union",
    "university",
    "voice",
    "zoo",
];

/// Words after a name that make it a disease's name ("West Nile virus", "Lassa fever").
const DISEASE_WORDS: &[&str] = &[
    "virus",
    "ebolavirus",
    "fever",
    "flu",
    "influenza",
    "disease",
    "syndrome",
];

/// True when tokens `i..i+n` have the shape of a place's name: the first word capitalised and
/// not a common word alone, later words capitalised except short connectors inside
/// ("Rio Grande do Sul", "Port-au-Prince"), the last word capitalised.
pub(super) fn has_name_shape(span: &[Token<'_>]) -> bool {
    let Some((last, _)) = span.split_last() else {
        return false;
    };
    if span.len() == 1 {
        return !is_stopword(last.text);
    }
    let inner_ok = span[1..span.len() - 1]
        .iter()
        .all(|t| is_capitalised(t.text) || t.text.chars().count() <= 4);
    inner_ok && (is_capitalised(last.text) || last.text.chars().all(|c| c.is_ascii_digit()))
}

/// True when the words around tokens `start..end` make them part of another kind of name:
/// "Ohio State University", "Marburg virus", "Agence France-Presse", "US$", "University of
/// California", "Voice of America".
pub(super) fn names_something_else(
    text: &str,
    tokens: &[Token<'_>],
    start: usize,
    end: usize,
) -> bool {
    if text[tokens[end - 1].end..].starts_with('$') {
        return true;
    }
    let of_organisation = start >= 2
        && tokens[start - 1].text == "of"
        && is_capitalised(tokens[start - 2].text)
        && ORGANISATION_HEADS.contains(&tokens[start - 2].text.to_lowercase().as_str());
    if of_organisation {
        return true;
    }
    let Some(next) = tokens.get(end) else {
        return false;
    };
    let sep = &text[tokens[end - 1].end..next.start];
    let word = next.text.to_lowercase();
    let glued = sep == "-" && is_capitalised(next.text);
    let org =
        sep == " " && is_capitalised(next.text) && ORGANISATION_HEADS.contains(&word.as_str());
    let disease = (sep == " " || sep == "-") && DISEASE_WORDS.contains(&word.as_str());
    glued || org || disease
}

/// True when the word at byte `start` begins a sentence, a quotation or a line.
pub(super) fn starts_sentence(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches([' ', '\t']);
    match before.chars().next_back() {
        None => true,
        Some(c) => matches!(
            c,
            '.' | '!'
                | '?'
                | '"'
                | '“'
                | '”'
                | '\''
                | '‘'
                | ':'
                | ';'
                | '('
                | '\n'
                | '\r'
                | '—'
                | '–'
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokens::split_words;
    use super::*;

    fn shape(s: &str) -> bool {
        has_name_shape(&split_words(s))
    }

    #[test]
    fn names_have_the_shape_of_names() {
        for ok in [
            "Rio Grande do Sul",
            "Port-au-Prince",
            "Mazar-e-Sharif",
            "New York",
            "Sake",
        ] {
            assert!(shape(ok), "{ok}");
        }
        for bad in ["In an", "Washington state", "The city", "The"] {
            assert!(!shape(bad), "{bad}");
        }
    }

    #[test]
    fn organisations_diseases_and_glued_names_are_something_else() {
        let cases = [
            ("Ohio State University said", 2, true),
            ("the Marburg virus spread", 2, true),
            ("Agence France-Presse reported", 2, true),
            ("Kenya Police", 1, true),
            ("flights to Ohio today", 3, false),
            ("a US$5 fine", 2, true),
            ("the University of California said", 4, true),
            ("the Voice of America", 4, true),
            ("the state of California", 4, false),
        ];
        for (text, end, want) in cases {
            let t = split_words(text);
            assert_eq!(names_something_else(text, &t, end - 1, end), want, "{text}");
        }
    }

    #[test]
    fn sentence_starts_and_common_words() {
        let text = "Police said. \"Three died\" in Nice";
        assert!(starts_sentence(text, 0));
        assert!(starts_sentence(text, text.find("Three").unwrap_or(0)));
        assert!(!starts_sentence(text, text.find("Nice").unwrap_or(0)));
        assert!(is_common_word("Police") && is_common_word("three"));
        assert!(!is_common_word("Kunduz"));
    }
}
