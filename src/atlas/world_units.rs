//! The first-level units of every country on Earth, for the map beyond the story's own
//! provinces: a country's units are decoded, simplified and indexed the first time a view or
//! a click needs them, and kept (only the countries looked at are ever decoded).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use geo::{Coord, Point, Rect};

use crate::model::{Province, WorldAdmin1};
use crate::spatial::{LodShape, ProvinceIndex, mercator};

/// A unit of the world file, by its number there (units of a country are contiguous).
pub type UnitId = u32;

/// One country's units, decoded.
pub struct CountryUnits {
    /// Number of its first unit: unit `first + k` is `units[k]`.
    pub first: UnitId,
    pub units: Vec<Province>,
    pub shapes: Vec<LodShape>,
    /// Label points (Natural Earth's, inside each unit), unit Mercator.
    pub labels: Vec<Coord<f64>>,
    /// Point → unit, built on the first hover or click (drawing does not need it).
    index: OnceLock<ProvinceIndex>,
}

impl CountryUnits {
    /// The unit containing lon/lat `p`.
    pub fn locate(&self, p: Point<f64>) -> Option<UnitId> {
        let index = self.index.get_or_init(|| ProvinceIndex::new(&self.units));
        index.locate(p).map(|k| self.first + k as UnitId)
    }
}

/// A country of the world file, found without decoding it.
pub struct WorldCountry {
    /// ISO 3166-1 alpha-2.
    pub cc: String,
    pub units: Range<usize>,
    /// Bounds of all its units, unit Mercator.
    pub bbox: Rect<f64>,
    /// The story draws this country with provinces of its own: its world units stay hidden.
    pub story_drawn: bool,
    decoded: OnceLock<Option<CountryUnits>>,
}

/// Every country's units, decoded on demand.
#[derive(Default)]
pub struct WorldUnits {
    file: Option<WorldAdmin1>,
    /// Why the world's units are missing, when they are.
    pub error: Option<String>,
    pub countries: Vec<WorldCountry>,
    by_code: HashMap<String, UnitId>,
    by_country: HashMap<String, usize>,
    /// Country (index into `countries`) of every unit.
    country_of: Vec<u16>,
}

impl WorldUnits {
    /// The embedded world file; the countries in `story_drawn` (ISO alpha-2) are left to the
    /// story's own provinces. A damaged file gives an empty set with the reason in `error`.
    pub fn embedded(story_drawn: &[&str]) -> Self {
        match WorldAdmin1::embedded() {
            Ok(file) => Self::new(file, story_drawn),
            Err(e) => {
                eprintln!("{e}");
                Self {
                    error: Some(e.to_string()),
                    ..Self::default()
                }
            }
        }
    }

    /// Reads every unit's code and bounds (not its shape) from an open world file.
    pub fn new(file: WorldAdmin1, story_drawn: &[&str]) -> Self {
        let mut w = Self::default();
        for (cc, range) in file.country_ranges() {
            let ci = w.countries.len();
            let mut bbox: Option<Rect<f64>> = None;
            for u in range.clone() {
                let Some(info) = file.unit_info(u) else {
                    continue;
                };
                w.by_code
                    .insert(info.code.to_ascii_lowercase(), u as UnitId);
                let r = Rect::new(mercator(info.bounds.min()), mercator(info.bounds.max()));
                bbox = Some(bbox.map_or(r, |b| crate::atlas::union_box(b, r)));
            }
            w.country_of
                .extend(std::iter::repeat_n(ci as u16, range.len()));
            w.by_country.insert(cc.to_string(), ci);
            w.countries.push(WorldCountry {
                cc: cc.to_string(),
                units: range,
                bbox: bbox.unwrap_or_else(|| Rect::new(Coord::zero(), Coord::zero())),
                story_drawn: story_drawn.iter().any(|s| s.eq_ignore_ascii_case(cc)),
                decoded: OnceLock::new(),
            });
        }
        w.file = Some(file);
        w
    }

    /// Country `ci`'s units if they are decoded already (drawing never waits for them).
    pub fn decoded(&self, ci: usize) -> Option<&CountryUnits> {
        self.countries.get(ci)?.decoded.get()?.as_ref()
    }

    /// Country `ci`'s units, decoded now if they are not yet; `None` when the file is damaged
    /// there (said once on standard error).
    pub fn decode(&self, ci: usize) -> Option<&CountryUnits> {
        let country = self.countries.get(ci)?;
        let file = self.file.as_ref()?;
        country
            .decoded
            .get_or_init(|| {
                let units: Option<Vec<Province>> =
                    country.units.clone().map(|u| file.unit(u)).collect();
                let Some(units) = units else {
                    eprintln!("the world's admin-1 units of {} are damaged", country.cc);
                    return None;
                };
                let labels = country
                    .units
                    .clone()
                    .map(|u| {
                        file.unit_info(u)
                            .map_or(Coord::zero(), |i| mercator(i.label))
                    })
                    .collect();
                Some(CountryUnits {
                    first: country.units.start as UnitId,
                    shapes: units.iter().map(|p| LodShape::new(&p.shape)).collect(),
                    units,
                    labels,
                    index: OnceLock::new(),
                })
            })
            .as_ref()
    }

    /// The decoded units of the countries drawn (not the story's) whose box meets `view` (unit
    /// Mercator): what the labels and the screen reader's list name.
    pub fn decoded_in(&self, view: Rect<f64>) -> impl Iterator<Item = &CountryUnits> {
        self.countries
            .iter()
            .filter(move |c| !c.story_drawn && boxes_meet(c.bbox, view))
            .filter_map(|c| c.decoded.get()?.as_ref())
    }

    /// The unit numbered `u`, decoded with its country.
    pub fn unit(&self, u: UnitId) -> Option<&Province> {
        let ci = usize::from(*self.country_of.get(u as usize)?);
        let c = self.decode(ci)?;
        c.units.get((u - c.first) as usize)
    }

    /// The country (index into `countries`) of unit `u`.
    pub fn country_of(&self, u: UnitId) -> Option<usize> {
        self.country_of.get(u as usize).map(|&c| usize::from(c))
    }

    /// A unit by its code (any case): `SD-DN`, `CD-NE1234`.
    pub fn by_code(&self, code: &str) -> Option<UnitId> {
        self.by_code.get(&code.to_ascii_lowercase()).copied()
    }

    /// A country by its ISO alpha-2 code (upper case).
    pub fn by_country(&self, cc: &str) -> Option<usize> {
        self.by_country.get(cc).copied()
    }

    /// Countries the story does not draw whose box, widened by `margin` degrees, holds lon/lat
    /// `p`.
    pub fn countries_near(&self, p: Point<f64>, margin: f64) -> Vec<usize> {
        let lo = mercator((p.x() - margin, p.y() - margin).into());
        let hi = mercator((p.x() + margin, p.y() + margin).into());
        let probe = Rect::new(lo, hi);
        (0..self.countries.len())
            .filter(|&ci| {
                let c = &self.countries[ci];
                !c.story_drawn && boxes_meet(c.bbox, probe)
            })
            .collect()
    }

    /// The unit under lon/lat `p` of a country the story does not draw itself; `hint` (a
    /// country index) is tried first.
    pub fn unit_at(&self, p: Point<f64>, hint: Option<usize>) -> Option<UnitId> {
        let m = mercator(p.0);
        let covers = |c: &WorldCountry| !c.story_drawn && boxes_meet(c.bbox, Rect::new(m, m));
        let first = hint.filter(|&h| self.countries.get(h).is_some_and(covers));
        let rest =
            (0..self.countries.len()).filter(|&ci| Some(ci) != hint && covers(&self.countries[ci]));
        first
            .into_iter()
            .chain(rest)
            .find_map(|ci| self.decode(ci)?.locate(p))
    }
}

/// Whether two boxes overlap or touch.
fn boxes_meet(a: Rect<f64>, b: Rect<f64>) -> bool {
    a.min().x <= b.max().x
        && b.min().x <= a.max().x
        && a.min().y <= b.max().y
        && b.min().y <= a.max().y
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_are_found_by_point_and_code_and_only_looked_at_countries_decode() {
        let w = WorldUnits::embedded(&["AF"]);
        assert!(w.error.is_none());
        assert_eq!(w.countries.len(), 239);
        let sd = w.by_country("SD").expect("Sudan");
        assert!(
            w.decoded(sd).is_none(),
            "nothing decoded before it is needed"
        );
        let el_fasher = Point::new(25.35, 13.63);
        let u = w.unit_at(el_fasher, None).expect("in a unit");
        assert_eq!(w.unit(u).map(|p| p.name.as_str()), Some("North Darfur"));
        assert_eq!(w.country_of(u), Some(sd));
        assert_eq!(w.by_code(&w.unit(u).expect("unit").iso), Some(u));
        assert!(w.decoded(sd).is_some());
        let decoded = w
            .countries
            .iter()
            .filter(|c| c.decoded.get().is_some())
            .count();
        assert!(decoded <= 4, "{decoded} countries decoded for one point");
        // Kabul: Afghanistan is the story's own, so no world unit answers there.
        assert_eq!(w.unit_at(Point::new(69.17, 34.53), None), None);
        // The sea: nothing.
        assert_eq!(w.unit_at(Point::new(-30.0, 30.0), None), None);
    }

    #[test]
    fn a_damaged_file_leaves_no_units_and_says_why() {
        let w = WorldUnits::default();
        assert!(w.unit_at(Point::new(25.35, 13.63), None).is_none());
        assert!(w.decode(0).is_none());
    }
}
