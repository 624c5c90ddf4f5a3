//! Finding a place by name as the user types: the story's places, provinces, countries and
//! event titles first, then the gazetteer, with the geocoder's spelling folding, so
//! "Mazar-i-Sharif", "Mazār" and "mazar e sharif" all find Mazar-e Sharif.

use std::sync::Arc;

use super::gazetteer::WorldGazetteer;
use super::geocode::fold;
use crate::model::{Dataset, GazetteerEntry};

/// What a search result points at (indexes into the dataset or the gazetteer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    Place(usize),
    Province(usize),
    Country(usize),
    Event(usize),
    Gazetteer(usize),
    /// A record of the world gazetteer.
    World(u32),
}

/// One result: what it is, its name, and the spelling that matched when it is another.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub target: Target,
    pub name: String,
    pub matched: Option<String>,
    /// Longitude and latitude of a gazetteer entry (story items are found through the data).
    pub at: Option<(f64, f64)>,
    /// What a world gazetteer entry is ("place", "first-level unit", …), so a city and the
    /// province named for it read apart.
    pub what: Option<&'static str>,
}

/// Story items before the gazetteer (the tier), big places before small ones.
type Rank = (u8, std::cmp::Reverse<u64>);

/// A spelling of a target, folded once.
#[derive(Debug, Clone)]
struct Key {
    folded: String,
    spelling: String,
    target: Target,
    rank: Rank,
}

/// The names of everything searchable, folded; a query is a scan, linear in the names.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    keys: Vec<Key>,
    names: std::collections::HashMap<Target, String>,
    points: std::collections::HashMap<Target, (f64, f64)>,
    /// The world gazetteer, searched by prefix in its own index after everything else.
    world: Option<Arc<WorldGazetteer>>,
}

impl SearchIndex {
    /// The story's places (with their aliases and the article's spellings), provinces,
    /// countries and event titles.
    pub fn story(data: &Dataset) -> Self {
        let mut s = Self::default();
        for (i, p) in data.places.iter().enumerate() {
            let spellings = std::iter::once(&p.name)
                .chain(&p.aliases)
                .chain(&p.mentions);
            s.add(Target::Place(i), &p.name, spellings, 0, 0);
        }
        for (i, p) in data.provinces.iter().enumerate() {
            s.add(Target::Province(i), &p.name, [&p.name], 1, 0);
        }
        for (i, c) in data.countries.iter().enumerate() {
            s.add(Target::Country(i), &c.name, [&c.name], 2, 0);
        }
        for (i, e) in data.events.iter().enumerate() {
            s.add(Target::Event(i), &e.title, [&e.title], 3, 0);
        }
        s
    }

    /// Adds the gazetteer's entries (names, ASCII and alternate names), after the story's.
    pub fn add_gazetteer(&mut self, gazetteer: &[GazetteerEntry]) {
        for (i, g) in gazetteer.iter().enumerate() {
            let spellings = [&g.name, &g.ascii].into_iter().chain(&g.alt);
            self.add(Target::Gazetteer(i), &g.name, spellings, 4, g.population);
            if g.lon.is_finite() && g.lat.is_finite() {
                self.points.insert(Target::Gazetteer(i), (g.lon, g.lat));
            }
        }
    }

    /// Searches the world gazetteer too (names beginning with the query, big places first).
    pub fn add_world(&mut self, world: Arc<WorldGazetteer>) {
        self.world = Some(world);
    }

    fn add<'a>(
        &mut self,
        target: Target,
        name: &str,
        spellings: impl IntoIterator<Item = &'a String>,
        tier: u8,
        population: u64,
    ) {
        self.names.insert(target, name.to_string());
        let mut seen: Vec<String> = Vec::new();
        for s in spellings {
            let folded = fold(s);
            if folded.is_empty() || seen.contains(&folded) {
                continue;
            }
            seen.push(folded.clone());
            self.keys.push(Key {
                folded,
                spelling: s.clone(),
                target,
                rank: (tier, std::cmp::Reverse(population)),
            });
        }
    }

    /// Up to `limit` targets whose name or spelling begins with `query` (folded), or has a
    /// word that does, or contains it: better matches first, then story before gazetteer.
    ///
    /// ```
    /// use event_atlas::model::Dataset;
    /// use event_atlas::spatial::search::{SearchIndex, Target};
    /// let data = Dataset::embedded().unwrap();
    /// let index = SearchIndex::story(&data);
    /// for q in ["Mazar-i-Sharif", "Mazār", "mazar e sharif"] {
    ///     let first = &index.search(q, 5)[0];
    ///     assert_eq!(first.name, "Mazar-e Sharif", "{q}");
    /// }
    /// assert!(index.search("Timbuktu", 5).is_empty());
    /// ```
    pub fn search(&self, query: &str, limit: usize) -> Vec<Found> {
        let q = fold(query);
        if q.is_empty() {
            return Vec::new();
        }
        // (match quality, tier and size, length, key): best first.
        let mut hits: Vec<(u8, Rank, usize, &Key)> = self
            .keys
            .iter()
            .filter_map(|k| quality(&k.folded, &q).map(|m| (m, k.rank, k.folded.len(), k)))
            .collect();
        hits.sort_by_key(|h| (h.0, h.1, h.2));
        let mut out: Vec<Found> = Vec::new();
        for (_, _, _, k) in hits {
            if out.len() >= limit {
                break;
            }
            if out.iter().any(|f| f.target == k.target) {
                continue;
            }
            let name = self.names.get(&k.target).cloned().unwrap_or_default();
            let matched = (fold(&name) != k.folded).then(|| k.spelling.clone());
            out.push(Found {
                target: k.target,
                name,
                matched,
                at: self.points.get(&k.target).copied(),
                what: None,
            });
        }
        if let Some(world) = &self.world {
            let room = limit.saturating_sub(out.len());
            out.extend(world_hits(world, &q, room));
        }
        out
    }
}

/// Up to `limit` world places whose name begins with folded `q`: the name itself first, own
/// names before alternate ones, then by size.
fn world_hits(world: &WorldGazetteer, q: &str, limit: usize) -> Vec<Found> {
    if limit == 0 {
        return Vec::new();
    }
    // (not the whole name, an alternate name, size, record, key): best first.
    let mut hits: Vec<(bool, bool, u64, u32, String)> = Vec::new();
    for (key, postings) in world.prefixed(q, WORLD_KEYS_SCANNED) {
        for p in postings {
            if let Some(r) = world.record(p.record) {
                hits.push((key != q, p.alternate, r.population, p.record, key.clone()));
            }
        }
    }
    hits.sort_by_key(|h| (h.0, h.1, std::cmp::Reverse(h.2), h.3));
    let mut out: Vec<Found> = Vec::new();
    for (_, _, _, i, key) in hits {
        let Some(r) = world.record(i) else { continue };
        let place = if r.country.is_empty() {
            r.ascii.to_string()
        } else {
            format!("{}, {}", r.ascii, r.country)
        };
        // A town and the district named for it, at one point, are one result.
        let seen = out
            .iter()
            .any(|f| f.name == place && f.at == Some((r.lon, r.lat)));
        if out.len() >= limit || seen {
            continue;
        }
        let target = Target::World(i);
        out.push(Found {
            target,
            matched: (fold(r.name) != key).then(|| key.clone()),
            name: place,
            at: Some((r.lon, r.lat)),
            what: Some(what_is(r.kind)),
        });
    }
    out
}

/// A world record's kind in a word or two.
fn what_is(kind: super::gazetteer::RecordKind) -> &'static str {
    use super::gazetteer::RecordKind as K;
    match kind {
        K::City => "place",
        K::Admin1 => "first-level unit",
        K::Admin2 => "district",
        K::Continent => "continent",
        K::Physical => "sea, river or region",
    }
}

/// How many world names beginning with the query are weighed (the index is sorted by name,
/// so this bounds the work of a one-letter query).
const WORLD_KEYS_SCANNED: usize = 2_000;

/// How well folded `key` matches folded `q`: 0 the same, 1 begins with it, 2 a word begins
/// with it, 3 contains it; `None` not at all.
fn quality(key: &str, q: &str) -> Option<u8> {
    if key == q {
        Some(0)
    } else if key.starts_with(q) {
        Some(1)
    } else if key
        .match_indices(q)
        .any(|(i, _)| key.as_bytes()[i - 1] == b' ')
    {
        Some(2)
    } else if q.len() >= 3 && key.contains(q) {
        Some(3)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quality_orders_matches() {
        assert_eq!(quality("mazar sharif", "mazar sharif"), Some(0));
        assert_eq!(quality("mazar sharif", "maz"), Some(1));
        assert_eq!(quality("mazar sharif", "shar"), Some(2));
        assert_eq!(quality("mazar sharif", "zar"), Some(3));
        assert_eq!(quality("mazar sharif", "ar"), None);
    }

    #[test]
    fn provinces_countries_and_events_are_found() {
        let data = Dataset::embedded().expect("data");
        let index = SearchIndex::story(&data);
        let first = |q: &str| index.search(q, 3).first().map(|f| f.target);
        assert!(matches!(
            first("badakhshan"),
            Some(Target::Place(_) | Target::Province(_))
        ));
        assert!(matches!(first("Jowzjan"), Some(Target::Province(_))));
        let tj = data.countries.iter().position(|c| c.iso_a2 == "TJ");
        assert!(tj.is_some());
        assert!(
            index
                .search("tajik", 10)
                .iter()
                .any(|f| f.name == "Tajikistan")
        );
        assert!(
            index
                .search("consulate", 5)
                .iter()
                .any(|f| matches!(f.target, Target::Event(_)))
        );
    }

    #[test]
    fn the_gazetteer_comes_after_the_story() {
        let data = Dataset::embedded().expect("data");
        let mut index = SearchIndex::story(&data);
        let gaz = Dataset::load_gazetteer(&data.source).expect("gazetteer");
        index.add_gazetteer(&gaz);
        index.add_world(Arc::new(WorldGazetteer::embedded().expect("world")));
        let found = index.search("Kunduz", 10);
        assert!(matches!(found[0].target, Target::Place(_)), "{found:?}");
        assert!(found.iter().any(|f| matches!(f.target, Target::World(_))));
        // Something only the world has, by prefix, the biggest first.
        let only = index.search("Timbuktu", 5);
        assert_eq!(only[0].name, "Timbuktu, ML", "{only:?}");
        assert!(only[0].at.is_some());
        // A hand-added site of the story's own gazetteer.
        assert!(
            index
                .search("Pentagon", 5)
                .iter()
                .any(|f| matches!(f.target, Target::Gazetteer(_)))
        );
    }
}
