//! An article as lines, paragraphs and sentences, each a byte range of the text, so every quote
//! the builder writes is a verbatim slice of the article.
//!
//! A line is a paragraph of its own unless it runs on from the line above without a blank
//! line. A line with no closing punctuation is a heading or a caption: still a sentence (a
//! caption can report a crossing), but marked so that dated headings can date what follows.

use std::ops::Range;

/// Words that end with a point without ending a sentence ("Mr. Smith", "Gen. Dostum").
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sgt", "capt", "maj", "gov", "sen", "rep",
    "prof", "no", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "approx", "inc", "co", "corp", "jr", "sr", "rev", "fr", "mt", "ft",
];

/// One sentence of the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte range in the article.
    pub span: Range<usize>,
    /// Which paragraph (block of lines with no blank line between) it is in, from 0.
    pub paragraph: usize,
    /// A line with no closing punctuation: a heading or a photo caption.
    pub heading: bool,
}

/// Splits an article into sentences, in order; repeated lines (a caption printed twice) and
/// blank lines give none.
///
/// ```
/// use event_atlas::builder::text::sentences;
/// let t = "Fall of Kabul\n\nMr. Smith said so. Others fled on 3 March.\n";
/// let s = sentences(t);
/// let texts: Vec<&str> = s.iter().map(|s| &t[s.span.clone()]).collect();
/// assert_eq!(texts, ["Fall of Kabul", "Mr. Smith said so.", "Others fled on 3 March."]);
/// assert!(s[0].heading && !s[1].heading);
/// assert_eq!(s[2].paragraph, 1);
/// ```
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut paragraph = 0;
    let mut blank_before = false;
    let mut previous_line = "";
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let line = raw.trim();
        if line.is_empty() {
            blank_before = true;
            continue;
        }
        if line == previous_line {
            continue;
        }
        if blank_before && !out.is_empty() {
            paragraph += 1;
        }
        blank_before = false;
        previous_line = line;
        let lead = raw.len() - raw.trim_start().len();
        let line_start = start + lead;
        let heading = !line.ends_with(['.', '!', '?', '"', '”', '’', ')', ':', ';']);
        for r in split_line(line) {
            out.push(Sentence {
                span: line_start + r.start..line_start + r.end,
                paragraph,
                heading,
            });
        }
        if heading {
            // A heading stands alone: what follows it is a new paragraph.
            blank_before = true;
        }
    }
    out
}

/// The sentences of one line, as byte ranges of it.
fn split_line(line: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        // Take closing quotes and brackets with the sentence.
        let mut end_k = k + 1;
        while chars
            .get(end_k)
            .is_some_and(|&(_, q)| matches!(q, '"' | '”' | '’' | '\'' | ')'))
        {
            end_k += 1;
        }
        let Some(&(next_i, next)) = chars.get(end_k) else {
            break;
        };
        if !next.is_whitespace() || (c == '.' && !ends_sentence(line, start, i)) {
            continue;
        }
        let after = line[next_i..].trim_start();
        let starts_new = after
            .chars()
            .next()
            .is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || "\"“‘'(".contains(n));
        if starts_new {
            out.push(start..next_i);
            start = line.len() - after.len();
        }
    }
    if start < line.len() {
        out.push(start..line.len());
    }
    out
}

/// Whether the point at `dot` ends a sentence: not after an abbreviation or an initial.
fn ends_sentence(line: &str, from: usize, dot: usize) -> bool {
    let word_start = line[from..dot]
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphanumeric() && c != '.')
        .map_or(from, |(p, c)| from + p + c.len_utf8());
    let word = &line[word_start..dot];
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return false; // an initial: "George W. Bush"
    }
    if word.contains('.') {
        return false; // "U.S.", "e.g."
    }
    !ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

/// The text with its first letter in upper case ("tuesday" → "Tuesday").
pub fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// Whether `text[start..end]` is a whole word (no letter or digit runs on at either end).
pub fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// The words of a sentence in lower case, with their byte ranges.
pub fn words(s: &str) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let inner = (c == '-' || c == '\'' || c == '’') && start.is_some();
        if c.is_alphanumeric() || inner {
            start.get_or_insert(i);
        } else if let Some(s0) = start.take() {
            out.push((s0..i, s[s0..i].to_lowercase()));
        }
    }
    if let Some(s0) = start {
        out.push((s0..s.len(), s[s0..].to_lowercase()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Vec<&str> {
        sentences(t).iter().map(|s| &t[s.span.clone()]).collect()
    }

    #[test]
    fn quotes_initials_and_abbreviations_stay_inside_a_sentence() {
        assert_eq!(
            split(
                "He said \"we fled.\" Then Gen. Ali and George W. Bush met the U.S. envoy. Done!"
            ),
            [
                "He said \"we fled.\"",
                "Then Gen. Ali and George W. Bush met the U.S. envoy.",
                "Done!"
            ]
        );
        // A decimal or a lower-case word after a point does not split.
        assert_eq!(
            split("About 1.5 million fled. e.g. this"),
            ["About 1.5 million fled. e.g. this"]
        );
    }

    #[test]
    fn lines_paragraphs_and_repeated_captions() {
        let t = "Headline\nPublished 1 May 2024\n\nA caption\nA caption\n\nOne. Two.\nThree.";
        let s = sentences(t);
        let texts: Vec<&str> = s.iter().map(|x| &t[x.span.clone()]).collect();
        assert_eq!(
            texts,
            [
                "Headline",
                "Published 1 May 2024",
                "A caption",
                "One.",
                "Two.",
                "Three."
            ]
        );
        let paras: Vec<usize> = s.iter().map(|x| x.paragraph).collect();
        assert_eq!(paras, [0, 1, 2, 3, 3, 3]);
    }

    #[test]
    fn shipped_article_quotes_are_whole_sentences() {
        let data = crate::model::Dataset::embedded().expect("data");
        let t = &data.article;
        let all = split(t);
        for e in &data.events {
            // A hand-made quote is one sentence or several whole ones, never a fragment.
            let first = all
                .iter()
                .find(|s| e.quote.starts_with(*s))
                .unwrap_or_else(|| panic!("{:?} starts no sentence", e.quote));
            assert!(e.quote.len() >= first.len());
        }
    }
}
