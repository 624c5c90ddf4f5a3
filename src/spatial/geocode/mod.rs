//! The offline geocoder: finds the places a text names and resolves each to one point.
//!
//! It matches capitalised phrases against the story's countries and provinces (from the
//! boundaries), their other names and demonyms (the story folder's `lexicon.json`), the story's
//! own gazetteer and, when given one, the world gazetteer ([`super::gazetteer`]: every place of
//! 500 people or more, every subdivision, continents, seas, rivers and regions), tolerating
//! transliteration variants (Mazar-e-Sharif / Mazar-i-Sharif, Kondoz / Kunduz, Faizabad /
//! Fayzabad). The words around a phrase rule out people, organisations, diseases and common
//! words ([`signals`]). Ambiguous names are settled by the evidence in the text (a unit named
//! nearby or anywhere, the countries named or implied, the spelling as written, capitals,
//! size), never by first match.
//!
//! The steps, one file each: [`tokens`] (words and the lists that mark names), [`lexicon`] (the
//! story's name index), [`mentions`] (finding names), [`signals`] (what the words around a name
//! say), [`containment`] ("Palma in northern Mozambique"), [`resolve`] (settling them); [`eval`] scores the whole on a gold corpus.

mod containment;
pub mod eval;
mod lexicon;
mod mentions;
mod resolve;
mod signals;
mod tokens;

pub(crate) use lexicon::exact_key;
pub use lexicon::{fold, slug};

use std::collections::{BTreeMap, HashMap, HashSet};

use super::ProvinceIndex;
use super::gazetteer::WorldGazetteer;
use crate::model::{Country, GazetteerEntry, Lexicon, Place, Province};
use lexicon::NameIndex;
use mentions::Mention;
use tokens::split_words;

/// A city this small is only taken when the text marks the name as a place.
pub(super) const SMALL_PLACE: u64 = 5_000;

/// A place named by a common English word ("Reading") needs this many people or a cue.
pub(super) const COMMON_WORD_PLACE: u64 = 100_000;

/// A city this large wins over a province of the same name ("Kabul" is the city).
pub(super) const CITY_OVER_PROVINCE: u64 = 50_000;

/// How far (bytes) around a name to look for a province that settles an ambiguity.
pub(super) const CONTEXT_WINDOW: usize = 600;

/// What a name can refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Target {
    Country(usize),
    Province(usize),
    Entry(usize),
    /// A record of the world gazetteer.
    World(u32),
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
    names: NameIndex,
    /// The world gazetteer, when one is given ([`Geocoder::with_world`]).
    world: Option<&'a WorldGazetteer>,
    /// Province index by ISO code.
    province_codes: HashMap<&'a str, usize>,
}

/// Which first-level units and countries a text names, and where.
struct Context {
    /// ISO 3166-2 code → byte offsets (ascending) of the mentions that may be that unit.
    admin_at: HashMap<String, Vec<usize>>,
    /// ISO alpha-2 codes of the countries named unambiguously, by name or demonym.
    countries_named: HashSet<String>,
}

impl<'a> Geocoder<'a> {
    /// Indexes every name and alternate name of the boundaries, the lexicon and the gazetteer.
    pub fn new(
        countries: &'a [Country],
        provinces: &'a [Province],
        entries: &'a [GazetteerEntry],
        lexicon: &Lexicon,
        index: &'a ProvinceIndex,
    ) -> Self {
        Self {
            countries,
            provinces,
            entries,
            index,
            names: NameIndex::new(countries, provinces, entries, lexicon),
            world: None,
            province_codes: provinces
                .iter()
                .enumerate()
                .map(|(i, p)| (p.iso.as_str(), i))
                .collect(),
        }
    }

    /// Searches the world gazetteer too: every place of 500 people or more, every
    /// subdivision, the continents.
    pub fn with_world(mut self, world: &'a WorldGazetteer) -> Self {
        self.world = Some(world);
        self
    }

    /// Finds and resolves every place named in `text`.
    pub fn geocode(&self, text: &str) -> GeocodeResult {
        self.geocode_with(text, &HashMap::new())
    }

    /// [`Geocoder::geocode`], with a person's choices for ambiguous names: mention (as written)
    /// → index into that name's [`Ambiguity::candidates`].
    pub fn geocode_with(&self, text: &str, choices: &HashMap<String, usize>) -> GeocodeResult {
        self.geocode_watched(text, choices, &|_| true)
            .unwrap_or_default()
    }

    /// [`Geocoder::geocode_with`] for long texts: `keep_going(bytes)` hears how far the scan
    /// got, every few thousand words, and stops it (`None`) by answering false.
    pub fn geocode_watched(
        &self,
        text: &str,
        choices: &HashMap<String, usize>,
        keep_going: &dyn Fn(usize) -> bool,
    ) -> Option<GeocodeResult> {
        let tokens = split_words(text);
        let (mut mentions, unresolved) = self.find_mentions(text, &tokens, keep_going)?;
        let mut result = GeocodeResult {
            unresolved,
            ..GeocodeResult::default()
        };
        let context = self.context(text, &tokens, &mentions);
        self.contain(text, &mut mentions, &context, &mut result.unresolved);
        let mut chosen: Vec<(Target, &Mention)> = Vec::new();
        let mut ambiguous: HashSet<&str> = HashSet::new();
        for m in mentions.iter().filter(|m| m.border_with.is_none()) {
            let said = &text[m.start..m.end];
            let picked = choices
                .get(said)
                .and_then(|&i| m.candidates.get(i).copied());
            let Some(t) = picked.or_else(|| self.choose(text, &tokens, m, &context)) else {
                continue;
            };
            if m.candidates.len() > 1 && ambiguous.insert(said) {
                result.ambiguities.push(self.ambiguity(said, m, t));
            }
            chosen.push((t, m));
        }
        let mut places = self.places_of(text, &chosen);
        self.add_borders(
            text,
            &mentions,
            &chosen,
            &mut places,
            &mut result.unresolved,
        );
        result.places = places.into_values().collect();
        result.unresolved.sort();
        result.unresolved.dedup();
        Some(result)
    }

    /// How an ambiguous name was settled, with the candidates a person may pick instead.
    fn ambiguity(&self, said: &str, m: &Mention, t: Target) -> Ambiguity {
        Ambiguity {
            mention: said.to_string(),
            chosen: self.describe(t),
            candidates: m.candidates.iter().map(|&c| self.describe(c)).collect(),
            candidate_places: m.candidates.iter().map(|&c| self.place_for(c)).collect(),
            chosen_index: m.candidates.iter().position(|&c| c == t).unwrap_or(0),
        }
    }

    /// The chosen targets as places by id, each with the strings that named it.
    fn places_of(&self, text: &str, chosen: &[(Target, &Mention)]) -> BTreeMap<String, Place> {
        let mut places: BTreeMap<String, Place> = BTreeMap::new();
        for (t, m) in chosen {
            let mut place = self.place_for(*t);
            if let Target::Entry(i) = t {
                // Two different gazetteer entries must not share an id.
                let taken = places
                    .get(&place.id)
                    .is_some_and(|p| p.geonames_id != place.geonames_id || p.name != place.name);
                if taken {
                    place.id = format!("{}-{}", place.id, place.geonames_id.unwrap_or(*i as u64));
                }
            }
            let entry = places.entry(place.id.clone()).or_insert(place);
            let said = text[m.start..m.end].to_string();
            if !entry.mentions.contains(&said) {
                entry.mentions.push(said);
            }
        }
        places
    }

    /// "X border" phrases: the named country against the text's home country (the most named
    /// country that actually borders it).
    fn add_borders(
        &self,
        text: &str,
        mentions: &[Mention],
        chosen: &[(Target, &Mention)],
        places: &mut BTreeMap<String, Place>,
        unresolved: &mut Vec<String>,
    ) {
        let mut counts: HashMap<usize, usize> = HashMap::new();
        for (t, _) in chosen {
            if let Target::Country(k) = t {
                *counts.entry(*k).or_default() += 1;
            }
        }
        for m in mentions {
            let Some(other) = m.border_with else { continue };
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
                None => unresolved.push(said),
            }
        }
    }
}

impl Geocoder<'_> {
    /// The evidence the whole text gives: the units it names and where, and its countries.
    fn context(&self, text: &str, tokens: &[tokens::Token<'_>], mentions: &[Mention]) -> Context {
        let mut c = Context {
            admin_at: HashMap::new(),
            countries_named: HashSet::new(),
        };
        for m in mentions {
            let mut admin_countries = HashSet::new();
            // A look-alike spelling ("Nimba" for "Nemba") names no unit.
            for &t in m.candidates.iter().filter(|t| !m.fuzzy.contains(t)) {
                if self.is_admin1(t)
                    && let Some(code) = self.admin1_of(t)
                {
                    c.admin_at
                        .entry(code.to_string())
                        .or_default()
                        .push(m.start);
                    admin_countries.extend(self.country_of(t));
                }
                if let Target::Country(k) = t
                    && m.candidates.len() == 1
                {
                    c.countries_named.insert(self.countries[k].iso_a2.clone());
                }
            }
            // "Badakhshan province": a unit of one country names that country.
            if admin_countries.len() == 1 {
                c.countries_named
                    .extend(admin_countries.into_iter().map(str::to_string));
            }
        }
        // "Sudanese forces", "a Congolese town": the demonym names the country.
        for t in tokens.iter().filter(|t| tokens::is_capitalised(t.text)) {
            if let Some(&k) = self.names.demonyms.get(&fold(t.text))
                && text[t.end..].starts_with(' ')
            {
                c.countries_named.insert(self.countries[k].iso_a2.clone());
            }
        }
        c
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
    use crate::model::PlaceKind;
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
        let lexicon = Lexicon {
            countries: vec![crate::model::CountryNames {
                iso: "TJ".into(),
                aliases: Vec::new(),
                demonyms: vec!["Tajik".into()],
            }],
            ..Lexicon::default()
        };
        let g = Geocoder::new(&w.countries, &w.provinces, &w.entries, &lexicon, &w.index);
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
