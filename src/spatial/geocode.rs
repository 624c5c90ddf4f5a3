//! The offline geocoder: finds the places a text names and resolves each to one point.
//!
//! It matches capitalised phrases against countries and provinces (from the boundaries) and the
//! gazetteer, tolerating transliteration variants (Mazar-e-Sharif / Mazar-i-Sharif, Kondoz /
//! Kunduz, Faizabad / Fayzabad). Ambiguous names are settled by context (a province named
//! nearby, then the countries the text mentions, then population), never by first match.

use std::collections::{BTreeMap, HashMap, HashSet};

use geo::{Euclidean, InterpolatableLine, MultiPolygon, Point};

use super::{Anchor, ProvinceIndex, shared_border};
use crate::model::{Country, GazetteerEntry, Place, PlaceKind, Province};

/// Extra English names for countries, beyond Natural Earth's `NAME_EN`.
const COUNTRY_ALIASES: &[(&str, &str)] = &[
    ("US", "US"),
    ("USA", "US"),
    ("U.S.", "US"),
    ("United States", "US"),
    ("United States of America", "US"),
    ("America", "US"),
    ("UK", "GB"),
    ("Britain", "GB"),
    ("Great Britain", "GB"),
    ("United Kingdom", "GB"),
    ("Russian Federation", "RU"),
    ("Türkiye", "TR"),
    ("UAE", "AE"),
    ("Emirates", "AE"),
    ("PRC", "CN"),
    ("China", "CN"),
];

/// Adjectives that name a country in phrases like "the Tajik border".
const DEMONYMS: &[(&str, &str)] = &[
    ("Afghan", "AF"),
    ("Tajik", "TJ"),
    ("Tajikistani", "TJ"),
    ("Uzbek", "UZ"),
    ("Turkmen", "TM"),
    ("Iranian", "IR"),
    ("Pakistani", "PK"),
    ("Chinese", "CN"),
];

/// Spellings of Afghan province names that transliteration folding alone does not join.
const PROVINCE_ALIASES: &[(&str, &str)] = &[
    ("Sar-e Pol", "AF-SAR"),
    ("Sari Pul", "AF-SAR"),
    ("Saripul", "AF-SAR"),
    ("Hilmand", "AF-HEL"),
    ("Hirat", "AF-HER"),
    ("Qandahar", "AF-KAN"),
    ("Kandahar", "AF-KAN"),
    ("Maidan Wardak", "AF-WAR"),
    ("Maydan Wardak", "AF-WAR"),
    ("Wardag", "AF-WAR"),
    ("Jawzjan", "AF-JOW"),
    ("Konar", "AF-KNR"),
    ("Bamian", "AF-BAM"),
    ("Nimruz", "AF-NIM"),
    ("Ningarhar", "AF-NAN"),
    ("Paktiya", "AF-PIA"),
    ("Oruzgan", "AF-URU"),
    ("Daikundi", "AF-DAY"),
    ("Panjsher", "AF-PAN"),
    ("Samangān", "AF-SAM"),
    ("Laghmān", "AF-LAG"),
];

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

/// A city this small is only taken when the text marks the name as a place.
const SMALL_PLACE: u64 = 5_000;

/// A city this large wins over a province of the same name ("Kabul" is the city).
const CITY_OVER_PROVINCE: u64 = 50_000;

/// How far (bytes) around a name to look for a province that settles an ambiguity.
const CONTEXT_WINDOW: usize = 600;

/// What a name can refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Target {
    Country(usize),
    Province(usize),
    Entry(usize),
}

/// A name in the index: what it names and how it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
struct NameRef {
    target: Target,
    /// [`exact_key`] of the name (or the name itself for acronyms).
    exact: String,
    acronym: bool,
}

/// Accents, case and punctuation dropped, but no transliteration folding: "Mazar-e Sharif" and
/// "Mazar-e-Sharif" agree, "Soviet" and "Sovet" do not.
fn exact_key(name: &str) -> String {
    split_words(name)
        .iter()
        .map(|t| deunicode::deunicode(t.text).to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}

/// One word of the text with its byte span.
#[derive(Debug, Clone)]
struct Token<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

/// A stretch of text that names a place, before and after resolution.
#[derive(Debug, Clone)]
struct Mention {
    start: usize,
    end: usize,
    candidates: Vec<Target>,
    /// Candidates whose name is spelled as in the text (beyond accents and case).
    exact_spelling: Vec<Target>,
    /// Set for "X border" phrases: the country on the other side.
    border_with: Option<usize>,
}

/// What the geocoder found in one text.
#[derive(Debug, Clone, Default)]
pub struct GeocodeResult {
    /// Resolved places, sorted by id, each with the verbatim strings that named it.
    pub places: Vec<Place>,
    /// Names that looked like places (after "in", "from", …) but matched nothing.
    pub unresolved: Vec<String>,
    /// Names matched by several places, with the candidates considered and the one chosen.
    pub ambiguities: Vec<Ambiguity>,
}

/// A name with more than one plausible place, and how it was settled.
#[derive(Debug, Clone)]
pub struct Ambiguity {
    pub mention: String,
    pub chosen: String,
    pub candidates: Vec<String>,
    /// The candidates as places, in the order of `candidates` (for letting a person choose).
    pub candidate_places: Vec<Place>,
    /// Index of the chosen candidate.
    pub chosen_index: usize,
}

/// The gazetteer and boundaries, indexed by folded name; build once, geocode many texts.
pub struct Geocoder<'a> {
    countries: &'a [Country],
    provinces: &'a [Province],
    entries: &'a [GazetteerEntry],
    index: &'a ProvinceIndex,
    /// Folded name → every place with that name, and the name as written.
    names: HashMap<String, Vec<NameRef>>,
    demonyms: HashMap<String, usize>,
    max_words: usize,
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

fn fold_words<'w>(words: impl Iterator<Item = &'w str>) -> String {
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

fn fold_word(word: &str) -> String {
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

fn split_words(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let word_char = c.is_alphanumeric() || (c == '.' && start.is_some_and(|s| i - s == 1));
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

/// Characters allowed between two words of one name: a space, a hyphen, an apostrophe.
fn joins(sep: &str) -> bool {
    !sep.is_empty()
        && sep.chars().count() <= 2
        && sep
            .chars()
            .all(|c| matches!(c, ' ' | '-' | '\'' | '’' | '‑'))
}

/// True when the words before token `i` mark it as a place: "in X", "the town of X".
fn is_cued(tokens: &[Token<'_>], i: usize) -> bool {
    let word = |k: usize| {
        i.checked_sub(k)
            .map(|j| tokens[j].text.to_lowercase())
            .unwrap_or_default()
    };
    CUES.contains(&word(1).as_str()) || (word(1) == "of" && PLACE_NOUNS.contains(&word(2).as_str()))
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn is_stopword(word: &str) -> bool {
    STOPWORDS.contains(&word.to_lowercase().as_str())
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

fn round5(x: f64) -> f64 {
    (x * 1e5).round() / 1e5
}

fn interior(shape: &MultiPolygon<f64>) -> Point<f64> {
    shape.anchor().unwrap_or_else(|| Point::new(0.0, 0.0))
}

impl<'a> Geocoder<'a> {
    /// Indexes every name and alternate name of the boundaries and the gazetteer.
    pub fn new(
        countries: &'a [Country],
        provinces: &'a [Province],
        entries: &'a [GazetteerEntry],
        index: &'a ProvinceIndex,
    ) -> Self {
        let mut g = Self {
            countries,
            provinces,
            entries,
            index,
            names: HashMap::new(),
            demonyms: HashMap::new(),
            max_words: 1,
        };
        let country_by_iso: HashMap<&str, usize> = countries
            .iter()
            .enumerate()
            .map(|(i, c)| (c.iso_a2.as_str(), i))
            .collect();
        for (i, c) in countries.iter().enumerate() {
            g.add(&c.name, Target::Country(i));
        }
        for (alias, iso) in COUNTRY_ALIASES {
            if let Some(&i) = country_by_iso.get(iso) {
                g.add_ref(alias, Target::Country(i), alias.len() <= 4);
            }
        }
        for (word, iso) in DEMONYMS {
            if let Some(&i) = country_by_iso.get(iso) {
                g.demonyms.insert(fold(word), i);
            }
        }
        for (i, c) in countries.iter().enumerate() {
            g.demonyms.insert(fold(&c.name), i);
        }
        for (i, p) in provinces.iter().enumerate() {
            g.add(&p.name, Target::Province(i));
        }
        for (alias, iso) in PROVINCE_ALIASES {
            if let Some(i) = provinces.iter().position(|p| p.iso == *iso) {
                g.add(alias, Target::Province(i));
            }
        }
        for (i, e) in entries.iter().enumerate() {
            g.add(&e.name, Target::Entry(i));
            g.add(&e.ascii, Target::Entry(i));
            for alt in &e.alt {
                g.add(alt, Target::Entry(i));
            }
        }
        g
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
        };
        if !list.contains(&r) {
            list.push(r);
        }
    }

    fn population(&self, t: Target) -> u64 {
        match t {
            Target::Entry(i) => self.entries[i].population,
            _ => u64::MAX,
        }
    }

    fn entry_province(&self, i: usize) -> Option<usize> {
        let e = &self.entries[i];
        (e.country == "AF")
            .then(|| self.index.locate(Point::new(e.lon, e.lat)))
            .flatten()
    }

    /// Finds and resolves every place named in `text`.
    pub fn geocode(&self, text: &str) -> GeocodeResult {
        self.geocode_with(text, &HashMap::new())
    }

    /// [`Geocoder::geocode`], with a person's choices for ambiguous names: mention (as written)
    /// → index into that name's [`Ambiguity::candidates`].
    pub fn geocode_with(&self, text: &str, choices: &HashMap<String, usize>) -> GeocodeResult {
        let tokens = split_words(text);
        let (mentions, unresolved) = self.find_mentions(text, &tokens);
        let mut result = GeocodeResult {
            unresolved,
            ..GeocodeResult::default()
        };

        // Context: which provinces and countries the text names unambiguously, and where.
        let mut province_at: Vec<(usize, usize)> = Vec::new();
        let mut countries_named: HashSet<usize> = HashSet::new();
        for m in &mentions {
            for &c in &m.candidates {
                match c {
                    Target::Province(p) => province_at.push((p, m.start)),
                    Target::Country(k) if m.candidates.len() == 1 => {
                        countries_named.insert(k);
                    }
                    _ => {}
                }
            }
        }

        let mut chosen: Vec<(Target, &Mention)> = Vec::new();
        for m in &mentions {
            if m.border_with.is_some() {
                continue;
            }
            let said = &text[m.start..m.end];
            let picked = choices
                .get(said)
                .and_then(|&i| m.candidates.get(i).copied());
            let Some(t) =
                picked.or_else(|| self.choose(text, &tokens, m, &province_at, &countries_named))
            else {
                continue;
            };
            let seen = result.ambiguities.iter().any(|a| a.mention == said);
            if m.candidates.len() > 1 && !seen {
                result.ambiguities.push(Ambiguity {
                    mention: said.to_string(),
                    chosen: self.describe(t),
                    candidates: m.candidates.iter().map(|&c| self.describe(c)).collect(),
                    candidate_places: m.candidates.iter().map(|&c| self.place_for(c)).collect(),
                    chosen_index: m.candidates.iter().position(|&c| c == t).unwrap_or(0),
                });
            }
            chosen.push((t, m));
        }

        let mut places: BTreeMap<String, Place> = BTreeMap::new();
        let mut entry_ids: HashMap<usize, String> = HashMap::new();
        for (t, m) in &chosen {
            let mut place = self.place_for(*t);
            if let Target::Entry(i) = t {
                // Two different gazetteer entries must not share an id.
                let taken = places
                    .get(&place.id)
                    .is_some_and(|p| p.geonames_id != place.geonames_id || p.name != place.name);
                if taken {
                    place.id = format!("{}-{}", place.id, place.geonames_id.unwrap_or(*i as u64));
                }
                entry_ids.insert(*i, place.id.clone());
            }
            let entry = places.entry(place.id.clone()).or_insert(place);
            let said = text[m.start..m.end].to_string();
            if !entry.mentions.contains(&said) {
                entry.mentions.push(said);
            }
        }

        // Borders: the named country against the text's home country (the one named most).
        let mut counts: HashMap<usize, usize> = HashMap::new();
        for (t, _) in &chosen {
            if let Target::Country(k) = t {
                *counts.entry(*k).or_default() += 1;
            }
        }
        for m in mentions.iter().filter(|m| m.border_with.is_some()) {
            let Some(other) = m.border_with else { continue };
            // The most-named country that actually borders the other one.
            let mut named: Vec<(usize, usize)> = counts
                .iter()
                .filter(|(k, _)| **k != other)
                .map(|(k, n)| (*k, *n))
                .collect();
            named.sort_by_key(|&(k, n)| (std::cmp::Reverse(n), k));
            let said = text[m.start..m.end].to_string();
            match named.iter().find_map(|&(h, _)| self.border_place(h, other)) {
                Some(place) => {
                    let entry = places.entry(place.id.clone()).or_insert(place);
                    if !entry.mentions.contains(&said) {
                        entry.mentions.push(said);
                    }
                }
                None => result.unresolved.push(said),
            }
        }

        result.places = places.into_values().collect();
        result.unresolved.sort();
        result.unresolved.dedup();
        result
    }

    fn describe(&self, t: Target) -> String {
        match t {
            Target::Country(i) => format!("country {}", self.countries[i].iso_a2),
            Target::Province(i) => format!("province {}", self.provinces[i].iso),
            Target::Entry(i) => {
                let e = &self.entries[i];
                format!(
                    "{} {} ({}, {}, pop. {})",
                    e.kind.as_str(),
                    e.name,
                    e.source,
                    e.country,
                    e.population
                )
            }
        }
    }

    /// Scans capitalised phrases, longest match first.
    fn find_mentions(&self, text: &str, tokens: &[Token<'_>]) -> (Vec<Mention>, Vec<String>) {
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
                && let Some(&other) = self.demonyms.get(&fold(tok.text))
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
            let mut n = self.max_words.min(tokens.len() - i);
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
                        is_stopword(tok.text) || self.demonyms.contains_key(&fold(tok.text));
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
        let refs = self.names.get(&key)?;
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

    /// Settles one mention: the rules of the module doc, in order.
    fn choose(
        &self,
        text: &str,
        tokens: &[Token<'_>],
        m: &Mention,
        province_at: &[(usize, usize)],
        countries_named: &HashSet<usize>,
    ) -> Option<Target> {
        let after = tokens.iter().find(|t| t.start >= m.end);
        let before = tokens.iter().rev().find(|t| t.end <= m.start);
        let before2 = before.and_then(|b| tokens.iter().rev().find(|t| t.end <= b.start));
        let lower = |t: Option<&Token<'_>>| t.map(|t| t.text.to_lowercase()).unwrap_or_default();
        let next_word = lower(after);
        let says_province = next_word.starts_with("province")
            || (lower(before) == "of" && lower(before2).starts_with("province"))
            // "Badakhshan and Takhar provinces"
            || text[m.end..].trim_start().starts_with("and ")
                && text[m.end..].split_whitespace().nth(2).is_some_and(|w| w.starts_with("provinces"));
        let says_city = next_word == "city"
            || (lower(before) == "of" && matches!(lower(before2).as_str(), "city" | "town"));

        let c = &m.candidates;
        let provinces: Vec<Target> = c
            .iter()
            .copied()
            .filter(|t| matches!(t, Target::Province(_)))
            .collect();
        let cities: Vec<Target> = c
            .iter()
            .copied()
            .filter(|t| matches!(t, Target::Entry(_)))
            .collect();
        if says_province && let Some(&p) = provinces.first() {
            return Some(p);
        }
        if !says_city && let Some(&k) = c.iter().find(|t| matches!(t, Target::Country(_))) {
            return Some(k);
        }
        // Hand-added sites and regions are specific and deliberate.
        if let Some(&s) = cities.iter().find(|&&t| match t {
            Target::Entry(e) => self.entries[e].kind != PlaceKind::City,
            _ => false,
        }) {
            return Some(s);
        }
        let best_city = cities.iter().copied().max_by(|&a, &b| {
            let (na, aa, wa) = self.city_score(m, a, province_at, countries_named);
            let (nb, ab, wb) = self.city_score(m, b, province_at, countries_named);
            (na, aa).cmp(&(nb, ab)).then(wa.total_cmp(&wb))
        });
        if let Some(&p) = provinces.first()
            && !says_city
        {
            let big_city = best_city.is_some_and(|t| self.population(t) >= CITY_OVER_PROVINCE);
            if !big_city {
                return Some(p);
            }
        }
        best_city.or_else(|| provinces.first().copied())
    }

    /// Orders same-name places: a province named nearby, then a province named anywhere, then a
    /// weighed score: the country named in the text, the spelling as written, and size (on a log
    /// scale, so a famous city abroad still beats a hamlet in a country the text names).
    fn city_score(
        &self,
        m: &Mention,
        t: Target,
        province_at: &[(usize, usize)],
        countries_named: &HashSet<usize>,
    ) -> (bool, bool, f64) {
        let Target::Entry(i) = t else {
            return (false, false, 0.0);
        };
        let prov = self.entry_province(i);
        let near = prov.is_some_and(|p| {
            province_at
                .iter()
                .any(|&(q, pos)| q == p && pos.abs_diff(m.start) <= CONTEXT_WINDOW)
        });
        let anywhere = prov.is_some_and(|p| province_at.iter().any(|&(q, _)| q == p));
        let country = countries_named
            .iter()
            .any(|&k| self.countries[k].iso_a2 == self.entries[i].country);
        let size = (self.entries[i].population as f64 + 1.0).log10();
        let weight = f64::from(u8::from(country))
            + 0.5 * f64::from(u8::from(m.exact_spelling.contains(&t)))
            + 0.5 * size;
        (near, anywhere, weight)
    }

    fn place_for(&self, t: Target) -> Place {
        match t {
            Target::Country(i) => {
                let c = &self.countries[i];
                let p = interior(&c.shape);
                Place {
                    id: c.iso_a2.to_lowercase(),
                    name: c.name.clone(),
                    kind: PlaceKind::Country,
                    lat: round5(p.y()),
                    lon: round5(p.x()),
                    country: c.iso_a2.clone(),
                    province: None,
                    source: format!("interior point of {} (Natural Earth admin-0)", c.iso_a2),
                    mentions: Vec::new(),
                    geonames_id: None,
                    aliases: Vec::new(),
                    geometry: None,
                }
            }
            Target::Province(i) => {
                let pr = &self.provinces[i];
                let p = interior(&pr.shape);
                Place {
                    id: pr.iso.to_lowercase(),
                    name: pr.name.clone(),
                    kind: PlaceKind::Province,
                    lat: round5(p.y()),
                    lon: round5(p.x()),
                    country: "AF".into(),
                    province: Some(pr.iso.clone()),
                    source: format!("interior point of {} (Natural Earth admin-1)", pr.iso),
                    mentions: Vec::new(),
                    geonames_id: None,
                    aliases: Vec::new(),
                    geometry: None,
                }
            }
            Target::Entry(i) => {
                let e = &self.entries[i];
                let province = self
                    .entry_province(i)
                    .map(|p| self.provinces[p].iso.clone());
                Place {
                    id: slug(&e.ascii),
                    name: e.ascii.clone(),
                    kind: e.kind,
                    lat: e.lat,
                    lon: e.lon,
                    country: e.country.clone(),
                    province,
                    source: e.source.clone(),
                    mentions: Vec::new(),
                    geonames_id: e.geonames_id,
                    aliases: Vec::new(),
                    geometry: None,
                }
            }
        }
    }

    fn border_place(&self, home: usize, other: usize) -> Option<Place> {
        let (a, b) = (&self.countries[home], &self.countries[other]);
        let line = shared_border(&a.shape, &b.shape, 0.01);
        let longest = line.0.first()?;
        let mid = longest.point_at_ratio_from_start(&Euclidean, 0.5)?;
        let rounded = geo::MultiLineString::new(
            line.0
                .iter()
                .map(|ls| ls.0.iter().map(|c| (round5(c.x), round5(c.y))).collect())
                .collect(),
        );
        Some(Place {
            id: format!(
                "{}-{}-border",
                a.iso_a2.to_lowercase(),
                b.iso_a2.to_lowercase()
            ),
            name: format!("{}–{} border", a.name, b.name),
            kind: PlaceKind::Border,
            lat: round5(mid.y()),
            lon: round5(mid.x()),
            country: a.iso_a2.clone(),
            province: None,
            source: format!(
                "shared boundary of {} and {} (derived from Natural Earth admin-0); point at its middle",
                a.iso_a2, b.iso_a2
            ),
            mentions: Vec::new(),
            geonames_id: None,
            aliases: Vec::new(),
            geometry: Some(geojson::Geometry::from(&rounded)),
        })
    }
}

/// The places file as committed: pretty JSON, sorted by id, one trailing newline.
pub fn places_json(places: &[Place]) -> Result<String, serde_json::Error> {
    let mut sorted = places.to_vec();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(serde_json::to_string_pretty(&sorted)? + "\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::wkt;

    fn entry(id: u64, name: &str, lat: f64, lon: f64, country: &str, pop: u64) -> GazetteerEntry {
        GazetteerEntry {
            geonames_id: Some(id),
            name: name.into(),
            ascii: deunicode::deunicode(name),
            lat,
            lon,
            country: country.into(),
            admin1: None,
            province: None,
            population: pop,
            kind: PlaceKind::City,
            alt: Vec::new(),
            source: format!("GeoNames {id}"),
        }
    }

    struct World {
        countries: Vec<Country>,
        provinces: Vec<Province>,
        entries: Vec<GazetteerEntry>,
        index: ProvinceIndex,
    }

    /// Two provinces side by side, each with its own Fayzabad; a neighbour country to the north.
    fn world() -> World {
        let prov = |iso: &str, name: &str, shape| Province {
            iso: iso.into(),
            name: name.into(),
            capital: String::new(),
            capital_geonames_id: None,
            shape,
        };
        let provinces = vec![
            prov(
                "AF-AAA",
                "Alpha",
                wkt!(MULTIPOLYGON(((60. 30.,62. 30.,62. 32.,60. 32.,60. 30.)))),
            ),
            prov(
                "AF-BBB",
                "Betakhar",
                wkt!(MULTIPOLYGON(((62. 30.,64. 30.,64. 32.,62. 32.,62. 30.)))),
            ),
        ];
        let countries = vec![
            Country {
                iso_a2: "AF".into(),
                name: "Afghanistan".into(),
                detail: crate::model::Detail::Fine,
                shape: wkt!(MULTIPOLYGON(((60. 30.,64. 30.,64. 32.,60. 32.,60. 30.)))),
            },
            Country {
                iso_a2: "TJ".into(),
                name: "Tajikistan".into(),
                detail: crate::model::Detail::Fine,
                shape: wkt!(MULTIPOLYGON(((60. 32.,64. 32.,64. 34.,60. 34.,60. 32.)))),
            },
        ];
        let entries = vec![
            entry(1, "Fayzabad", 31.0, 61.0, "AF", 60_000),
            entry(2, "Fayzābād", 31.0, 63.0, "AF", 20_000),
            entry(3, "Smallville", 31.5, 63.5, "AF", 300),
            entry(4, "Ghani", 31.2, 61.2, "AF", 900),
        ];
        let index = ProvinceIndex::new(&provinces);
        World {
            countries,
            provinces,
            entries,
            index,
        }
    }

    fn run(text: &str) -> GeocodeResult {
        let w = world();
        let g = Geocoder::new(&w.countries, &w.provinces, &w.entries, &w.index);
        g.geocode(text)
    }

    fn ids(r: &GeocodeResult) -> Vec<&str> {
        r.places.iter().map(|p| p.id.as_str()).collect()
    }

    #[test]
    fn ambiguous_name_follows_the_province_named_nearby_not_population() {
        let r = run("Fighting in Betakhar province. Troops left Faizabad at dawn.");
        let fayz: Vec<&Place> = r
            .places
            .iter()
            .filter(|p| p.kind == PlaceKind::City)
            .collect();
        assert_eq!(fayz.len(), 1);
        assert_eq!(fayz[0].geonames_id, Some(2), "{:?}", r.places);
        assert_eq!(fayz[0].province.as_deref(), Some("AF-BBB"));
        assert_eq!(fayz[0].mentions, ["Faizabad"]);
        assert!(!r.ambiguities.is_empty());
    }

    #[test]
    fn without_context_population_decides() {
        let r = run("Troops left Fayzabad.");
        assert!(
            r.places.iter().any(|p| p.geonames_id == Some(1)),
            "{:?}",
            r.places
        );
    }

    #[test]
    fn small_places_need_a_cue_and_person_names_are_skipped() {
        let r = run("Smallville was quiet. President Ashraf Ghani spoke.");
        assert!(ids(&r).is_empty(), "{:?}", ids(&r));
        let r = run("They met in Smallville.");
        assert_eq!(ids(&r), ["smallville"]);
    }

    #[test]
    fn provinces_countries_and_borders() {
        let r = run(
            "Soldiers from Alpha crossed the Tajik border into Tajikistan, leaving Afghanistan.",
        );
        assert_eq!(ids(&r), ["af", "af-aaa", "af-tj-border", "tj"]);
        let border = r
            .places
            .iter()
            .find(|p| p.kind == PlaceKind::Border)
            .expect("border");
        assert!((border.lat - 32.0).abs() < 1e-9, "{border:?}");
        assert_eq!(border.mentions, ["Tajik border"]);
        assert!(border.geometry.is_some());
    }

    #[test]
    fn unknown_cued_names_are_reported() {
        let r = run("He fled to Atlantis.");
        assert_eq!(r.unresolved, ["Atlantis"]);
    }
}
