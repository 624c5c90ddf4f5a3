//! Settling each name: the country, unit, city or feature the text means, by the evidence
//! around it (a unit named nearby or anywhere, the countries named, the spelling as written,
//! capitals, size), never by first match; and the place records the chosen targets become.

use geo::{Euclidean, InterpolatableLine, MultiPolygon, Point};

use super::lexicon::slug;
use super::mentions::Mention;
use super::tokens::Token;
use super::{CITY_OVER_PROVINCE, CONTEXT_WINDOW, Context, Geocoder, Target};
use crate::model::{Place, PlaceKind};
use crate::spatial::gazetteer::{Record, RecordKind};
use crate::spatial::{Anchor, shared_border};

fn round5(x: f64) -> f64 {
    (x * 1e5).round() / 1e5
}

fn interior(shape: &MultiPolygon<f64>) -> Point<f64> {
    shape.anchor().unwrap_or_else(|| Point::new(0.0, 0.0))
}

impl Geocoder<'_> {
    fn population(&self, t: Target) -> u64 {
        match t {
            Target::Entry(i) => self.entries[i].population,
            Target::World(r) => self.record(r).map_or(0, |r| match r.kind {
                // A named sea, range or region weighs as a large city would.
                RecordKind::Physical => FEATURE_WEIGHT,
                _ => r.population,
            }),
            _ => u64::MAX,
        }
    }

    fn record(&self, r: u32) -> Option<Record<'_>> {
        self.world?.record(r)
    }

    /// The province an entry lies in, when its country is one whose provinces are loaded.
    fn entry_province(&self, i: usize) -> Option<usize> {
        let e = &self.entries[i];
        self.province_at(e.lon, e.lat, &e.country)
    }

    fn province_at(&self, lon: f64, lat: f64, country: &str) -> Option<usize> {
        let p = self.index.locate(Point::new(lon, lat))?;
        (self.provinces[p].country() == country).then_some(p)
    }

    /// The first-level unit (ISO 3166-2) a target lies in or is.
    pub(super) fn admin1_of(&self, t: Target) -> Option<&str> {
        match t {
            Target::Province(p) => Some(self.provinces[p].iso.as_str()),
            Target::Entry(i) => self
                .entry_province(i)
                .map(|p| self.provinces[p].iso.as_str()),
            Target::World(r) => {
                let rec = self.record(r)?;
                match self.province_at(rec.lon, rec.lat, rec.country) {
                    Some(p) => Some(self.provinces[p].iso.as_str()),
                    None => rec.admin1,
                }
            }
            Target::Country(_) => None,
        }
    }

    /// The country (ISO alpha-2) of a target.
    pub(super) fn country_of(&self, t: Target) -> Option<&str> {
        match t {
            Target::Country(k) => Some(self.countries[k].iso_a2.as_str()),
            Target::Province(p) => Some(self.provinces[p].country()),
            Target::Entry(i) => Some(self.entries[i].country.as_str()),
            Target::World(r) => self.record(r).map(|r| r.country),
        }
    }

    pub(super) fn record_kind(&self, t: Target) -> Option<RecordKind> {
        match t {
            Target::World(r) => self.record(r).map(|r| r.kind),
            _ => None,
        }
    }

    /// Whether a target is a national capital ("Washington" is the city, not the state).
    fn is_capital(&self, t: Target) -> bool {
        matches!(t, Target::World(r) if self.record(r).is_some_and(|r| r.capital))
    }

    /// Whether a target is a first-level unit (a story province or a world subdivision).
    pub(super) fn is_admin1(&self, t: Target) -> bool {
        match t {
            Target::Province(_) => true,
            Target::World(r) => self.record(r).is_some_and(|r| r.kind == RecordKind::Admin1),
            _ => false,
        }
    }

    /// A hand-added site or region of the story: specific and deliberate.
    fn is_site(&self, t: Target) -> bool {
        matches!(t, Target::Entry(e) if self.entries[e].kind != PlaceKind::City)
    }

    /// Settles one mention: the rules of the module doc, in order.
    pub(super) fn choose(
        &self,
        text: &str,
        tokens: &[Token<'_>],
        m: &Mention,
        context: &Context,
    ) -> Option<Target> {
        let cue = Cue::around(text, tokens, m);
        let c = &self.plausible(m, context);
        let best = |pool: &mut dyn Iterator<Item = Target>| {
            pool.max_by(|&a, &b| {
                let (na, aa, wa) = self.city_score(m, a, context);
                let (nb, ab, wb) = self.city_score(m, b, context);
                (na, aa).cmp(&(nb, ab)).then(wa.total_cmp(&wb))
            })
        };
        let admin = best(&mut c.iter().copied().filter(|&t| self.is_admin1(t)));
        if cue.province && admin.is_some() {
            return admin;
        }
        if !cue.city
            && let Some(&k) = c.iter().find(|t| matches!(t, Target::Country(_)))
        {
            // "Georgia" in a text about the United States is the state.
            let named = |t: Target| {
                self.country_of(t)
                    .is_some_and(|c| context.countries_named.contains(c))
            };
            return Some(admin.filter(|&a| named(a) && !named(k)).unwrap_or(k));
        }
        if let Some(&s) = c.iter().find(|&&t| self.is_site(t)) {
            return Some(s);
        }
        let place =
            best(&mut c.iter().copied().filter(|&t| {
                !self.is_admin1(t) && matches!(t, Target::Entry(_) | Target::World(_))
            }));
        if let Some(a) = admin
            && !cue.city
            && !place.is_some_and(|p| self.city_over_admin(p, a))
        {
            return Some(a);
        }
        place.or(admin)
    }

    /// The candidates worth weighing: a world place spelled differently from the text
    /// ("Teni" for "Tine") only when no candidate is spelled so, and then only in a country
    /// the text names.
    fn plausible(&self, m: &Mention, context: &Context) -> Vec<Target> {
        let in_named_country = |t: Target| {
            self.country_of(t)
                .is_some_and(|c| context.countries_named.contains(c))
        };
        let in_named_admin1 = |t: Target| {
            self.admin1_of(t)
                .is_some_and(|a| context.admin_at.contains_key(a))
        };
        let (fuzzy, sure): (Vec<Target>, Vec<Target>) =
            m.candidates.iter().partition(|t| m.fuzzy.contains(t));
        let pool = if sure.is_empty() {
            fuzzy.into_iter().filter(|&t| in_named_country(t)).collect()
        } else {
            sure
        };
        // A district named for its town ("Faizabad" district) is the town.
        let towns: Vec<Option<&str>> = pool
            .iter()
            .filter(|&&t| self.record_kind(t) == Some(RecordKind::City))
            .map(|&t| self.admin1_of(t))
            .collect();
        let district_of_town = |t: Target| {
            self.record_kind(t) == Some(RecordKind::Admin2) && towns.contains(&self.admin1_of(t))
        };
        // A small town abroad ("Nato", Philippines) needs its country, its province or a cue.
        pool.into_iter()
            .filter(|&t| !district_of_town(t))
            .filter(|&t| {
                !matches!(t, Target::World(_))
                    || m.cued
                    || self.is_admin1(t)
                    || self.population(t) >= SMALL_FOREIGN_PLACE
                    || in_named_country(t)
                    || in_named_admin1(t)
            })
            .collect()
    }

    /// A city named like a first-level unit is meant when it is large: for a story province
    /// (named for its capital), 50,000 people; for a world subdivision, also a quarter of the
    /// people of its places ("Doha", "New York"; not "Quebec").
    fn city_over_admin(&self, city: Target, admin: Target) -> bool {
        let pop = self.population(city);
        self.is_capital(city)
            || pop >= CITY_OVER_PROVINCE
                && match admin {
                    Target::World(_) => pop.saturating_mul(4) >= self.population(admin),
                    _ => true,
                }
    }

    /// Orders same-name places: a province named nearby, then a province named anywhere, then a
    /// weighed score: the country named in the text, the spelling as written, and size (on a log
    /// scale, so a famous city abroad still beats a hamlet in a country the text names).
    fn city_score(&self, m: &Mention, t: Target, context: &Context) -> (bool, bool, f64) {
        let admin = self.admin1_of(t);
        let positions = admin.and_then(|a| context.admin_at.get(a));
        let near = positions.is_some_and(|ps| {
            let k = ps.partition_point(|&p| p + CONTEXT_WINDOW < m.start);
            ps.get(k)
                .is_some_and(|&p| p.abs_diff(m.start) <= CONTEXT_WINDOW)
        });
        let anywhere = positions.is_some();
        let country = self
            .country_of(t)
            .is_some_and(|c| context.countries_named.contains(c));
        // A capital counts as ten times its size: the name's best-known bearer.
        let size =
            (self.population(t) as f64 + 1.0).log10() + f64::from(u8::from(self.is_capital(t)));
        let weight = f64::from(u8::from(country))
            + EXACT_WEIGHT * f64::from(u8::from(m.exact_spelling.contains(&t)))
            + 0.5 * size;
        (near, anywhere, weight)
    }

    pub(super) fn place_for(&self, t: Target) -> Place {
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
                    country: pr.country().to_string(),
                    province: Some(pr.iso.clone()),
                    source: format!("interior point of {} (Natural Earth admin-1)", pr.iso),
                    mentions: Vec::new(),
                    geonames_id: None,
                    aliases: Vec::new(),
                    geometry: None,
                }
            }
            Target::World(r) => self.world_place(r).unwrap_or_default(),
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

    /// A world record as a place: a city keeps its GeoNames id; a subdivision is a region
    /// at its point, with its ISO code as province.
    fn world_place(&self, r: u32) -> Option<Place> {
        let rec = self.record(r)?;
        let kind = match rec.kind {
            RecordKind::City => PlaceKind::City,
            _ => PlaceKind::Region,
        };
        // Only a province the story draws; a world subdivision's code is in the id.
        let province = self
            .province_at(rec.lon, rec.lat, rec.country)
            .map(|p| self.provinces[p].iso.clone());
        let id = match rec.kind {
            RecordKind::Admin1 => rec
                .admin1
                .map_or_else(|| slug(rec.ascii), str::to_lowercase),
            _ => slug(rec.ascii),
        };
        Some(Place {
            id,
            name: rec.ascii.to_string(),
            kind,
            lat: rec.lat,
            lon: rec.lon,
            country: rec.country.to_string(),
            province,
            source: rec.source(),
            mentions: Vec::new(),
            geonames_id: rec.geonames_id,
            aliases: Vec::new(),
            geometry: None,
        })
    }

    pub(super) fn describe(&self, t: Target) -> String {
        match t {
            Target::World(r) => self.record(r).map_or_else(String::new, |e| {
                let admin = e.admin1.map(|a| format!(" {a}")).unwrap_or_default();
                format!(
                    "{} {} ({}{admin}, {}, pop. {})",
                    e.kind.as_str(),
                    e.name,
                    e.country,
                    e.source(),
                    e.population
                )
            }),
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

    pub(super) fn border_place(&self, home: usize, other: usize) -> Option<Place> {
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

/// What the words around a mention say it is: "X province", "the city of X".
struct Cue {
    province: bool,
    city: bool,
}

impl Cue {
    fn around(text: &str, tokens: &[Token<'_>], m: &Mention) -> Self {
        // Tokens are in text order: the neighbours are found by binary search, not a scan.
        let after = tokens.get(tokens.partition_point(|t| t.start < m.end));
        let k = tokens.partition_point(|t| t.end <= m.start);
        let before = k.checked_sub(1).map(|j| &tokens[j]);
        let before2 = k.checked_sub(2).map(|j| &tokens[j]);
        let lower = |t: Option<&Token<'_>>| t.map(|t| t.text.to_lowercase()).unwrap_or_default();
        let next_word = lower(after);
        let admin_word = |w: &str| ADMIN_NOUNS.iter().any(|n| w.starts_with(n));
        let province = admin_word(&next_word)
            || (lower(before) == "of" && admin_word(&lower(before2)))
            // "Badakhshan and Takhar provinces"
            || text[m.end..].trim_start().starts_with("and ")
                && text[m.end..].split_whitespace().nth(2).is_some_and(admin_word);
        let city = next_word == "city"
            || (lower(before) == "of" && matches!(lower(before2).as_str(), "city" | "town"));
        Self { province, city }
    }
}

/// How much a spelling as written weighs, against half a point per factor of ten in size: a
/// town spelled so beats a city thirty times larger whose alternate name it is.
const EXACT_WEIGHT: f64 = 1.5;

/// What a hand-added feature (a sea, a range, a region) weighs against same-name places, in
/// people.
const FEATURE_WEIGHT: u64 = 1_000_000;

/// A town abroad smaller than this needs its country or province named, or a cue ("in X").
const SMALL_FOREIGN_PLACE: u64 = 50_000;

/// Words that make a name a first-level unit: "Gezira state", "the region of Sagaing".
const ADMIN_NOUNS: &[&str] = &["province", "state", "region", "governorate", "oblast"];
