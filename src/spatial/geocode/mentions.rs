//! Finding the names in a text: capitalised phrases matched against the name index, longest
//! first, with the case, spelling and small-place rules; "X border" phrases; cued names that
//! match nothing, for the report.

use super::lexicon::{exact_key, fold, fold_word, fold_words};
use super::tokens::{Token, is_capitalised, is_cued, is_stopword, joins};
use super::{Geocoder, SMALL_PLACE, Target};
use crate::model::PlaceKind;

/// A stretch of text that names a place, before and after resolution.
#[derive(Debug, Clone)]
pub(super) struct Mention {
    pub start: usize,
    pub end: usize,
    pub candidates: Vec<Target>,
    /// Candidates whose name is spelled as in the text (beyond accents and case).
    pub exact_spelling: Vec<Target>,
    /// Set for "X border" phrases: the country on the other side.
    pub border_with: Option<usize>,
}

impl Geocoder<'_> {
    /// Scans capitalised phrases, longest match first.
    pub(super) fn find_mentions(
        &self,
        text: &str,
        tokens: &[Token<'_>],
    ) -> (Vec<Mention>, Vec<String>) {
        let mut mentions = Vec::new();
        let mut unresolved = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let tok = &tokens[i];
            if !is_capitalised(tok.text) || tok.text.len() < 2 {
                i += 1;
                continue;
            }
            // "Tajik border", "Pakistan border"
            if let Some(next) = tokens.get(i + 1)
                && joins(&text[tok.end..next.start])
                && next.text.eq_ignore_ascii_case("border")
                && let Some(&other) = self.names.demonyms.get(&fold(tok.text))
            {
                mentions.push(Mention {
                    start: tok.start,
                    end: next.end,
                    candidates: Vec::new(),
                    exact_spelling: Vec::new(),
                    border_with: Some(other),
                });
                i += 2;
                continue;
            }
            let mut matched = None;
            let mut n = self.names.max_words.min(tokens.len() - i);
            while n >= 1 {
                let span = &tokens[i..i + n];
                let joined = span.windows(2).all(|w| joins(&text[w[0].end..w[1].start]));
                if joined && let Some(m) = self.match_phrase(text, tokens, i, n) {
                    matched = Some((m, n));
                    break;
                }
                n -= 1;
            }
            match matched {
                Some((m, n)) => {
                    mentions.push(m);
                    i += n;
                }
                None => {
                    let cued = is_cued(tokens, i);
                    let common =
                        is_stopword(tok.text) || self.names.demonyms.contains_key(&fold(tok.text));
                    if cued && !common && !tok.text.chars().all(|c| c.is_uppercase()) {
                        // Gather the capitalised phrase for the report.
                        let mut j = i + 1;
                        while j < tokens.len()
                            && is_capitalised(tokens[j].text)
                            && joins(&text[tokens[j - 1].end..tokens[j].start])
                        {
                            j += 1;
                        }
                        unresolved.push(text[tok.start..tokens[j - 1].end].to_string());
                    }
                    i += 1;
                }
            }
        }
        (mentions, unresolved)
    }

    /// The candidates for tokens[i..i+n], after the case, spelling and small-place rules.
    fn match_phrase(
        &self,
        text: &str,
        tokens: &[Token<'_>],
        i: usize,
        n: usize,
    ) -> Option<Mention> {
        let span = &tokens[i..i + n];
        let last = span.last()?;
        if fold_word(last.text) == "i" {
            return None;
        }
        // A phrase may begin with a common word ("New York", "World Trade Centre"),
        // but a common word alone is never a place.
        if n == 1 && is_stopword(span[0].text) {
            return None;
        }
        let key = fold_words(span.iter().map(|t| t.text));
        let refs = self.names.names.get(&key)?;
        let raw = &text[span[0].start..last.end];
        let exact = exact_key(raw);
        let prev = i.checked_sub(1).map(|k| &tokens[k]);
        let next = tokens.get(i + n);
        let cued = is_cued(tokens, i);
        // A capitalised neighbour joined by a space means a longer proper name ("Ashraf Ghani").
        let in_longer_name = |t: Option<&Token<'_>>, before: bool| {
            t.is_some_and(|t| {
                let sep = if before {
                    &text[t.end..span[0].start]
                } else {
                    &text[last.end..t.start]
                };
                sep == " " && is_capitalised(t.text) && !is_stopword(t.text)
            })
        };
        let person_like = in_longer_name(prev, true) || in_longer_name(next, false);
        let mut candidates: Vec<Target> = Vec::new();
        let mut exact_spelling: Vec<Target> = Vec::new();
        for r in refs {
            if r.acronym && r.exact != raw {
                continue;
            }
            let spelled_so = r.acronym || r.exact == exact;
            let keep = match r.target {
                Target::Entry(e) => {
                    let entry = &self.entries[e];
                    if entry.kind == PlaceKind::City {
                        // Variant spellings and villages need the text to mark a place.
                        let small = entry.population < SMALL_PLACE;
                        (!small || cued) && !person_like
                    } else {
                        true
                    }
                }
                _ => true,
            };
            if keep && !candidates.contains(&r.target) {
                candidates.push(r.target);
            }
            if keep && spelled_so && !exact_spelling.contains(&r.target) {
                exact_spelling.push(r.target);
            }
        }
        if candidates.is_empty() {
            return None;
        }
        Some(Mention {
            start: span[0].start,
            end: last.end,
            candidates,
            exact_spelling,
            border_with: None,
        })
    }
}
