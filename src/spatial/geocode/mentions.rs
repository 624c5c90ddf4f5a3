//! Finding the names in a text: capitalised phrases matched against the name index, longest
//! first, with the case, spelling and small-place rules; "X border" phrases; cued names that
//! match nothing, for the report.

use std::collections::HashSet;

use super::lexicon::{NameRef, exact_key, fold, fold_word, fold_words};
use super::signals::{has_name_shape, is_common_word, names_something_else, starts_sentence};
use super::tokens::{Token, is_capitalised, is_cued, is_stopword, joins};
use super::{COMMON_WORD_PLACE, Geocoder, SMALL_PLACE, Target};
use crate::model::PlaceKind;
use crate::spatial::gazetteer::{RecordKind, Spelled};

/// What the words around a name say of it.
struct Signs {
    /// "in X", "the town of X".
    cued: bool,
    /// Inside a longer capitalised name, or the subject of "said".
    person_like: bool,
    /// The last word of a person's full name seen in the text.
    surname: bool,
    /// A common English word ("Police").
    common: bool,
    /// A common word at a sentence start or inside a longer name.
    weak: bool,
}

/// How many words the scan goes between two reports of its progress.
const REPORT_EVERY: usize = 4096;

/// A stretch of text that names a place, before and after resolution.
#[derive(Debug, Clone)]
pub(super) struct Mention {
    pub start: usize,
    pub end: usize,
    pub candidates: Vec<Target>,
    /// Candidates whose name is spelled as in the text (beyond accents and case).
    pub exact_spelling: Vec<Target>,
    /// World places whose own name only meets the text after folding ("Teni" for "Tine").
    pub fuzzy: Vec<Target>,
    /// The words before it mark a place ("in X", "the town of X").
    pub cued: bool,
    /// Set for "X border" phrases: the country on the other side.
    pub border_with: Option<usize>,
}

impl Geocoder<'_> {
    /// Scans capitalised phrases, longest match first.
    pub(super) fn find_mentions(
        &self,
        text: &str,
        tokens: &[Token<'_>],
        keep_going: &dyn Fn(usize) -> bool,
    ) -> Option<(Vec<Mention>, Vec<String>)> {
        let mut mentions = Vec::new();
        let mut unresolved = Vec::new();
        let people = self.surnames(text, tokens);
        let mut i = 0;
        let mut next_report = 0;
        while i < tokens.len() {
            let tok = &tokens[i];
            if i >= next_report {
                next_report = i + REPORT_EVERY;
                if !keep_going(tok.start) {
                    return None;
                }
            }
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
                    fuzzy: Vec::new(),
                    cued: false,
                    border_with: Some(other),
                });
                i += 2;
                continue;
            }
            let matched = self.longest_match(text, tokens, i, &people);
            match matched {
                Some((m, n)) => {
                    mentions.push(m);
                    i += n;
                }
                None => {
                    unresolved.extend(self.unplaced(text, tokens, i));
                    i += 1;
                }
            }
        }
        Some((mentions, unresolved))
    }

    /// A name the text marks as a place ("in Atlantis") that matched nothing, for the report.
    fn unplaced(&self, text: &str, tokens: &[Token<'_>], i: usize) -> Option<String> {
        let tok = &tokens[i];
        let common = is_stopword(tok.text) || self.names.demonyms.contains_key(&fold(tok.text));
        if !is_cued(tokens, i) || common || tok.text.chars().all(|c| c.is_uppercase()) {
            return None;
        }
        // Gather the capitalised phrase.
        let mut j = i + 1;
        while j < tokens.len()
            && is_capitalised(tokens[j].text)
            && joins(&text[tokens[j - 1].end..tokens[j].start])
        {
            j += 1;
        }
        Some(text[tok.start..tokens[j - 1].end].to_string())
    }

    /// The candidates for tokens[i..i+n], after the case, spelling and small-place rules.
    fn match_phrase(
        &self,
        text: &str,
        tokens: &[Token<'_>],
        (i, n): (usize, usize),
        people: &HashSet<String>,
    ) -> Option<Mention> {
        let span = &tokens[i..i + n];
        let last = span.last()?;
        if fold_word(last.text) == "i" || names_something_else(text, tokens, i, i + n) {
            return None;
        }
        let key = fold_words(span.iter().map(|t| t.text));
        let raw = &text[span[0].start..last.end];
        // The story's own names may be any shape ("Kabul's international airport").
        let refs = self.refs(&key, raw, has_name_shape(span));
        if refs.is_empty() {
            return None;
        }
        let exact = exact_key(raw);
        let cued = is_cued(tokens, i);
        let person_like =
            in_longer_name(text, tokens, i, n) || !cued && is_speaker(text, tokens, i + n);
        // "Police said", "Reading is…": a capitalised common word needs more evidence.
        let common = n == 1 && is_common_word(raw);
        let signs = Signs {
            cued,
            person_like,
            // A surname seen in a full name stands for the person, when the place is a town.
            surname: n == 1 && people.contains(&key),
            common,
            weak: common && (starts_sentence(text, span[0].start) || person_like),
        };
        let mut candidates: Vec<Target> = Vec::new();
        let mut exact_spelling: Vec<Target> = Vec::new();
        let mut fuzzy: Vec<Target> = Vec::new();
        for r in &refs {
            if r.acronym && r.exact != raw
                || !self.admits(r.target, &signs)
                || candidates.contains(&r.target)
            {
                continue;
            }
            candidates.push(r.target);
            if r.acronym || r.exact == exact {
                exact_spelling.push(r.target);
            }
            if r.fuzzy {
                fuzzy.push(r.target);
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
            fuzzy,
            cued,
            border_with: None,
        })
    }

    /// Whether the words around a name let it be this target.
    fn admits(&self, target: Target, s: &Signs) -> bool {
        match self.size_of(target) {
            // Variant spellings and villages need the text to mark a place.
            Some(pop) => {
                let known = pop >= COMMON_WORD_PLACE || s.cued;
                let person = s.person_like || s.surname;
                (pop >= SMALL_PLACE || s.cued) && !person && (!s.common || known)
            }
            // The story's own countries and provinces stand even inside longer names.
            None if matches!(target, Target::Country(_) | Target::Province(_)) => true,
            None if matches!(target, Target::World(_)) => !s.weak && !s.person_like,
            None => !s.weak,
        }
    }

    /// The longest phrase starting at token `i` that names a place: grown a word at a time
    /// while some name still begins with it.
    fn longest_match(
        &self,
        text: &str,
        tokens: &[Token<'_>],
        i: usize,
        people: &HashSet<String>,
    ) -> Option<(Mention, usize)> {
        let limit = self.max_words().min(tokens.len() - i);
        let mut best = None;
        for n in 1..=limit {
            if n > 1 && !joins(&text[tokens[i + n - 2].end..tokens[i + n - 1].start]) {
                break;
            }
            if let Some(m) = self.match_phrase(text, tokens, (i, n), people) {
                best = Some((m, n));
            }
            let key = fold_words(tokens[i..i + n].iter().map(|t| t.text));
            if n >= self.names.max_words
                && !self.world.is_some_and(|w| w.has_prefix(&format!("{key} ")))
            {
                break;
            }
        }
        best
    }

    /// Last words of capitalised pairs that name no place ("Michael Dunn", "Senator Joe
    /// Dunn"): later alone ("Dunn explains") they are the person, not a town.
    fn surnames(&self, text: &str, tokens: &[Token<'_>]) -> HashSet<String> {
        let mut people = HashSet::new();
        for w in tokens.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            let pair = &text[a.start..b.end];
            let candidate = &text[a.end..b.start] == " "
                && is_capitalised(a.text)
                && is_capitalised(b.text)
                && !is_stopword(a.text)
                && !is_stopword(b.text)
                && !self.names.demonyms.contains_key(&fold(a.text));
            if candidate && self.refs(&fold(pair), pair, true).is_empty() {
                people.insert(fold(b.text));
            }
        }
        people
    }

    /// Longest name in words, over both indexes.
    fn max_words(&self) -> usize {
        self.names
            .max_words
            .max(self.world.map_or(0, |w| w.max_words + 2))
    }

    /// Every place a folded name may be: the story's own names, then the world's. A short
    /// all-capital word ("UN", "HIV") matches a world place only when it is the place's name.
    fn refs(&self, key: &str, raw: &str, name_shaped: bool) -> Vec<NameRef> {
        let mut refs: Vec<NameRef> = self.names.names.get(key).cloned().unwrap_or_default();
        let Some(world) = self.world.filter(|_| name_shaped) else {
            return refs;
        };
        let exact = exact_key(raw);
        let acronym = raw.chars().count() <= 5 && raw.chars().all(|c| !c.is_lowercase());
        for p in world.lookup(key) {
            let Some(r) = world.record(p.record) else {
                continue;
            };
            // A subdivision the story has as a province is that province.
            let story_province = r
                .admin1
                .is_some_and(|c| self.province_codes.contains_key(c));
            if r.kind == RecordKind::Admin1 && story_province || acronym && r.name != raw {
                continue;
            }
            // Spelled as its own name: exact; as an alternate: neither exact nor fuzzy.
            let spelled = p.spelled(&exact);
            refs.push(NameRef {
                target: Target::World(p.record),
                fuzzy: spelled == Spelled::Otherwise,
                exact: if spelled == Spelled::Own {
                    exact.clone()
                } else {
                    String::new()
                },
                acronym: false,
            });
        }
        refs
    }

    /// A populated place's population (for the small-place rule); None for other kinds.
    pub(super) fn size_of(&self, t: Target) -> Option<u64> {
        match t {
            Target::Entry(e) => {
                let entry = &self.entries[e];
                (entry.kind == PlaceKind::City).then_some(entry.population)
            }
            Target::World(r) => {
                let rec = self.world?.record(r)?;
                // An ISO second-level unit (no people counted) is a named unit, not a village.
                let iso_unit = rec.kind == RecordKind::Admin2 && rec.population == 0;
                let sized = matches!(rec.kind, RecordKind::City | RecordKind::Admin2);
                (sized && !iso_unit).then_some(rec.population)
            }
            _ => None,
        }
    }
}

/// A capitalised neighbour joined by a space means a longer proper name ("Ashraf Ghani").
fn in_longer_name(text: &str, tokens: &[Token<'_>], i: usize, n: usize) -> bool {
    let joined = |a: &Token<'_>, b: &Token<'_>, t: &Token<'_>| {
        &text[a.end..b.start] == " " && is_capitalised(t.text) && !is_stopword(t.text)
    };
    let before = i
        .checked_sub(1)
        .is_some_and(|k| joined(&tokens[k], &tokens[i], &tokens[k]));
    let after = tokens
        .get(i + n)
        .is_some_and(|t| joined(&tokens[i + n - 1], t, t));
    before || after
}

/// "Obama said", "Jackson told": a name right before a verb of speech is a person's (unless
/// the text marks it as a place: "officials in Bamako said").
fn is_speaker(text: &str, tokens: &[Token<'_>], next: usize) -> bool {
    const SPEECH: &[&str] = &[
        "said",
        "says",
        "told",
        "tells",
        "spoke",
        "added",
        "explained",
        "wrote",
        "noted",
        "announced",
        "warned",
        "argued",
        "asked",
        "replied",
        "stated",
        "insisted",
    ];
    let Some((prev, t)) = next
        .checked_sub(1)
        .and_then(|p| Some((&tokens[p], tokens.get(next)?)))
    else {
        return false;
    };
    &text[prev.end..t.start] == " " && SPEECH.contains(&t.text.to_lowercase().as_str())
}
