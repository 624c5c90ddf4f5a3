//! Settling each name: the province or city the text means, by the evidence around it (a
//! province named nearby or anywhere, the countries named, spelling, size), never by first
//! match; and the place records the chosen targets become.

use geo::{Euclidean, InterpolatableLine, MultiPolygon, Point};

use super::lexicon::slug;
use super::mentions::Mention;
use super::tokens::Token;
use super::{CITY_OVER_PROVINCE, CONTEXT_WINDOW, Context, Geocoder, Target};
use crate::model::{Place, PlaceKind};
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
            _ => u64::MAX,
        }
    }

    /// The province an entry lies in, when its country is one whose provinces are loaded.
    fn entry_province(&self, i: usize) -> Option<usize> {
        let e = &self.entries[i];
        let p = self.index.locate(Point::new(e.lon, e.lat))?;
        (self.provinces[p].country() == e.country).then_some(p)
    }

    /// Settles one mention: the rules of the module doc, in order.
    pub(super) fn choose(
        &self,
        text: &str,
        tokens: &[Token<'_>],
        m: &Mention,
        context: &Context,
    ) -> Option<Target> {
        // Tokens are in text order: the neighbours are found by binary search, not a scan.
        let after = tokens.get(tokens.partition_point(|t| t.start < m.end));
        let k = tokens.partition_point(|t| t.end <= m.start);
        let before = k.checked_sub(1).map(|j| &tokens[j]);
        let before2 = k.checked_sub(2).map(|j| &tokens[j]);
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
            let (na, aa, wa) = self.city_score(m, a, context);
            let (nb, ab, wb) = self.city_score(m, b, context);
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
    fn city_score(&self, m: &Mention, t: Target, context: &Context) -> (bool, bool, f64) {
        let (province_at, countries_named) = (&context.province_at, &context.countries_named);
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

    pub(super) fn describe(&self, t: Target) -> String {
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
