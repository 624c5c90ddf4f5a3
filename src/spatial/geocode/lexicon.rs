//! The name index: every name and spelling of the countries, provinces and gazetteer entries,
//! folded so transliteration variants meet, plus the lexicon's aliases and demonyms.

use std::collections::HashMap;

use super::Target;
use super::tokens::split_words;
use crate::model::{Country, GazetteerEntry, Lexicon, Province};

/// Accents, case and punctuation dropped, but no transliteration folding: "Mazar-e Sharif" and
/// "Mazar-e-Sharif" agree, "Soviet" and "Sovet" do not.
pub(crate) fn exact_key(name: &str) -> String {
    split_words(name)
        .iter()
        .map(|t| deunicode::deunicode(t.text).to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Folds a name to a key that transliteration variants share.
///
/// ```
/// use event_atlas::spatial::geocode::fold;
/// assert_eq!(fold("Mazār-e Sharīf"), fold("Mazar-i-Sharif"));
/// assert_eq!(fold("Kondoz"), fold("Kunduz"));
/// assert_eq!(fold("Faizabad"), fold("Fayzabad"));
/// assert_ne!(fold("Kabul"), fold("Kandahar"));
/// ```
pub fn fold(name: &str) -> String {
    let words = split_words(name);
    fold_words(words.iter().map(|t| t.text))
}

pub(super) fn fold_words<'w>(words: impl Iterator<Item = &'w str>) -> String {
    let mut out = String::new();
    for w in words {
        let f = fold_word(w);
        if f.is_empty() || f == "i" {
            continue; // the Persian ezafe connector: -e-, -i-
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&f);
    }
    out
}

pub(super) fn fold_word(word: &str) -> String {
    let ascii = deunicode::deunicode(word).to_lowercase();
    let mut out = String::with_capacity(ascii.len());
    let mut prev = None;
    for c in ascii.chars().filter(char::is_ascii_alphanumeric) {
        // Doubled letters are spelling noise (Abbottabad, Shareef); letters that only become
        // equal after folding are not ("Soviet" is not "Sovet").
        if prev == Some(c) {
            continue;
        }
        prev = Some(c);
        out.push(match c {
            'y' | 'e' => 'i',
            'o' => 'u',
            'q' => 'k',
            c => c,
        });
    }
    out
}

/// Lower-case, hyphen-separated ASCII id: "Mazār-e Sharīf" → "mazar-e-sharif".
///
/// ```
/// assert_eq!(event_atlas::spatial::geocode::slug("Washington, D.C."), "washington-d-c");
/// ```
pub fn slug(name: &str) -> String {
    let ascii = deunicode::deunicode(name).to_lowercase();
    let mut out = String::new();
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// A name in the index: what it names and how it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct NameRef {
    pub target: Target,
    /// [`exact_key`] of the name (or the name itself for acronyms).
    pub exact: String,
    pub acronym: bool,
    /// Spelled differently from the place's own name, beyond accents and case.
    pub fuzzy: bool,
}

/// Folded name → every place with that name; demonym → country.
#[derive(Debug, Default)]
pub(super) struct NameIndex {
    pub names: HashMap<String, Vec<NameRef>>,
    pub demonyms: HashMap<String, usize>,
    /// Longest name, in words, plus slack for connectors.
    pub max_words: usize,
}

/// Aliases this short are acronyms ("US", "UAE"): matched only as written.
const ACRONYM_LEN: usize = 4;

impl NameIndex {
    /// Indexes every name and alternate name of the boundaries, the lexicon and the gazetteer.
    pub fn new(
        countries: &[Country],
        provinces: &[Province],
        entries: &[GazetteerEntry],
        lexicon: &Lexicon,
    ) -> Self {
        let mut ix = Self {
            max_words: 1,
            ..Self::default()
        };
        let country_by_iso: HashMap<&str, usize> = countries
            .iter()
            .enumerate()
            .map(|(i, c)| (c.iso_a2.as_str(), i))
            .collect();
        for (i, c) in countries.iter().enumerate() {
            ix.add(&c.name, Target::Country(i));
            ix.demonyms.insert(fold(&c.name), i);
        }
        for names in &lexicon.countries {
            let Some(&i) = country_by_iso.get(names.iso.as_str()) else {
                continue;
            };
            for alias in &names.aliases {
                ix.add_ref(alias, Target::Country(i), alias.len() <= ACRONYM_LEN);
            }
            for word in &names.demonyms {
                ix.demonyms.entry(fold(word)).or_insert(i);
            }
        }
        ix.add_provinces(provinces, lexicon);
        for (i, e) in entries.iter().enumerate() {
            ix.add(&e.name, Target::Entry(i));
            ix.add(&e.ascii, Target::Entry(i));
            for alt in &e.alt {
                ix.add(alt, Target::Entry(i));
            }
        }
        ix
    }

    /// Each province by its name and by the lexicon's spellings of it.
    fn add_provinces(&mut self, provinces: &[Province], lexicon: &Lexicon) {
        let spellings = lexicon.admin1_names();
        for (i, p) in provinces.iter().enumerate() {
            self.add(&p.name, Target::Province(i));
            for name in spellings.get(p.iso.as_str()).copied().unwrap_or_default() {
                self.add(name, Target::Province(i));
            }
        }
    }

    fn add(&mut self, name: &str, target: Target) {
        self.add_ref(name, target, false);
    }

    /// `acronym`: match only when written exactly so ("US", never "us" or "OS").
    fn add_ref(&mut self, name: &str, target: Target, acronym: bool) {
        let key = fold(name);
        if key.len() < 2 {
            return;
        }
        self.max_words = self.max_words.max(key.split(' ').count() + 2);
        let exact = if acronym {
            name.to_string()
        } else {
            exact_key(name)
        };
        let list = self.names.entry(key).or_default();
        let r = NameRef {
            target,
            exact,
            acronym,
            fuzzy: false,
        };
        if !list.contains(&r) {
            list.push(r);
        }
    }
}
