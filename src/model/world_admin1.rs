//! Every country's first-level units (Natural Earth 10m admin-1, `data/world/admin1.bin`,
//! built by `tools/build_admin1.py`), read in place: opening checks the header, and a
//! country's units are decoded into [`Province`]s only when asked for, so a story or a view
//! pays only for the countries it shows.

use std::borrow::Cow;

use geo::{Coord, LineString, MultiPolygon, Polygon};

use super::{DataError, Province};

/// The file's first bytes.
const MAGIC: &[u8; 8] = b"EAADM1\0\x01";
/// Magic, two u32 counts, four u64 offsets.
const HEADER: usize = 8 + 8 + 32;
const COUNTRY_SIZE: usize = 12;
const UNIT_SIZE: usize = 44;

/// What is known of a unit without decoding its shape.
#[derive(Debug, Clone, Copy)]
pub struct UnitInfo<'a> {
    /// ISO 3166-2 code, or `CC-NE<id>` where the unit has none of its own.
    pub code: &'a str,
    pub name: &'a str,
    /// Natural Earth's label point (lon/lat): inside the unit, where its name reads best.
    pub label: Coord<f64>,
    /// Bounds in lon/lat.
    pub bounds: geo::Rect<f64>,
}

/// The world's first-level units, by country.
pub struct WorldAdmin1 {
    file: String,
    bytes: Cow<'static, [u8]>,
    n_countries: usize,
    n_units: usize,
    countries: usize,
    units: usize,
    strings: usize,
    coords: usize,
}

impl std::fmt::Debug for WorldAdmin1 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "WorldAdmin1({} countries, {} units)",
            self.n_countries, self.n_units
        )
    }
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn i32_at(b: &[u8], at: usize) -> Option<f64> {
    Some(f64::from(i32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?)) / 1e5)
}

fn u16_at(b: &[u8], at: usize) -> Option<usize> {
    Some(usize::from(u16::from_le_bytes(
        b.get(at..at + 2)?.try_into().ok()?,
    )))
}

fn u64_at(b: &[u8], at: usize) -> Option<usize> {
    usize::try_from(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?)).ok()
}

impl WorldAdmin1 {
    /// The copy built into the app.
    pub fn embedded() -> Result<Self, DataError> {
        Self::open(
            "<embedded data>/world/admin1.bin",
            Cow::Borrowed(include_bytes!("../../data/world/admin1.bin")),
        )
    }

    /// Opens a file's bytes (`file` names it in errors); the tables must fit in it.
    pub fn open(file: &str, bytes: Cow<'static, [u8]>) -> Result<Self, DataError> {
        let err = |m: &str| DataError::file(file, format!("not a usable admin-1 file: {m}"));
        if bytes.get(..8) != Some(&MAGIC[..]) {
            return Err(err("it does not start with the file's signature"));
        }
        let header = || -> Option<[usize; 6]> {
            Some([
                u32_at(&bytes, 8)? as usize,
                u32_at(&bytes, 12)? as usize,
                u64_at(&bytes, 16)?,
                u64_at(&bytes, 24)?,
                u64_at(&bytes, 32)?,
                u64_at(&bytes, 40)?,
            ])
        };
        let [n_countries, n_units, countries, units, strings, coords] =
            header().ok_or_else(|| err("the header is truncated"))?;
        let tables_fit = countries >= HEADER
            && n_countries
                .checked_mul(COUNTRY_SIZE)
                .and_then(|l| countries.checked_add(l))
                .is_some_and(|end| end <= units)
            && n_units
                .checked_mul(UNIT_SIZE)
                .and_then(|l| units.checked_add(l))
                .is_some_and(|end| end <= strings)
            && strings <= coords
            && coords <= bytes.len();
        if !tables_fit {
            return Err(err("it is truncated (a table runs past the end)"));
        }
        Ok(Self {
            file: file.to_string(),
            bytes,
            n_countries,
            n_units,
            countries,
            units,
            strings,
            coords,
        })
    }

    /// Number of units, all countries.
    pub fn unit_count(&self) -> usize {
        self.n_units
    }

    /// Every country (ISO alpha-2) with units, and how many.
    pub fn countries(&self) -> impl Iterator<Item = (&str, usize)> {
        (0..self.n_countries).filter_map(|i| {
            let at = self.countries + COUNTRY_SIZE * i;
            let code = std::str::from_utf8(self.bytes.get(at..at + 2)?).ok()?;
            Some((code, u32_at(&self.bytes, at + 8)? as usize))
        })
    }

    /// Every country (ISO alpha-2) with the range of its unit numbers (for [`Self::unit`] and
    /// [`Self::unit_info`]); units of one country are contiguous.
    pub fn country_ranges(&self) -> impl Iterator<Item = (&str, std::ops::Range<usize>)> {
        (0..self.n_countries).filter_map(|i| {
            let at = self.countries + COUNTRY_SIZE * i;
            let code = std::str::from_utf8(self.bytes.get(at..at + 2)?).ok()?;
            let first = u32_at(&self.bytes, at + 4)? as usize;
            let count = u32_at(&self.bytes, at + 8)? as usize;
            let end = first.checked_add(count).filter(|&e| e <= self.n_units)?;
            Some((code, first..end))
        })
    }

    /// Unit `u`'s code, name, label point and bounds, read without decoding its shape.
    ///
    /// ```
    /// let world = event_atlas::model::WorldAdmin1::embedded().unwrap();
    /// let (_, sudan) = world.country_ranges().find(|(cc, _)| *cc == "SD").unwrap();
    /// let info = world.unit_info(sudan.start).unwrap();
    /// assert!(info.code.starts_with("SD-"));
    /// let (lo, hi) = (info.bounds.min(), info.bounds.max());
    /// assert!(lo.x <= info.label.x && info.label.x <= hi.x && lo.y <= info.label.y && info.label.y <= hi.y);
    /// ```
    pub fn unit_info(&self, u: usize) -> Option<UnitInfo<'_>> {
        let (at, code, name) = self.unit_names(u)?;
        let b = &self.bytes;
        // Bounds are stored lon, lat; the label point lat, lon.
        let point = |x: usize, y: usize| -> Option<Coord<f64>> {
            Some(Coord {
                x: i32_at(b, at + x)?,
                y: i32_at(b, at + y)?,
            })
        };
        Some(UnitInfo {
            code,
            name,
            label: point(16, 12)?,
            bounds: geo::Rect::new(point(28, 32)?, point(36, 40)?),
        })
    }

    /// The units of one country (ISO alpha-2, any case), decoded; empty for a country without.
    ///
    /// ```
    /// let world = event_atlas::model::WorldAdmin1::embedded().unwrap();
    /// let sudan = world.units_of("SD").unwrap();
    /// assert!(sudan.iter().any(|p| p.name == "North Darfur"));
    /// ```
    pub fn units_of(&self, iso_a2: &str) -> Result<Vec<Province>, DataError> {
        let want = iso_a2.to_ascii_uppercase();
        let Some(i) = (0..self.n_countries).find(|&i| {
            let at = self.countries + COUNTRY_SIZE * i;
            self.bytes.get(at..at + 2) == Some(want.as_bytes())
        }) else {
            return Ok(Vec::new());
        };
        let at = self.countries + COUNTRY_SIZE * i;
        let bad = || DataError::file(&self.file, format!("the units of {want} are damaged"));
        let first = u32_at(&self.bytes, at + 4).ok_or_else(bad)? as usize;
        let count = u32_at(&self.bytes, at + 8).ok_or_else(bad)? as usize;
        (first..first + count)
            .map(|u| self.unit(u).ok_or_else(bad))
            .collect()
    }

    /// Unit `u`'s record offset, code and name.
    fn unit_names(&self, u: usize) -> Option<(usize, &str, &str)> {
        if u >= self.n_units {
            return None;
        }
        let b = &self.bytes;
        let at = self.units + UNIT_SIZE * u;
        let offset = self.strings + u32_at(b, at)? as usize;
        let (code_len, name_len) = (u16_at(b, at + 4)?, u16_at(b, at + 6)?);
        let text = |from: usize, len: usize| {
            let end = from.checked_add(len).filter(|&e| e <= self.coords)?;
            std::str::from_utf8(b.get(from..end)?).ok()
        };
        Some((
            at,
            text(offset, code_len)?,
            text(offset + code_len, name_len)?,
        ))
    }

    /// Unit `u` decoded: code, name and shape (its label point and bounds are in
    /// [`Self::unit_info`]); `None` when the file is damaged there.
    pub fn unit(&self, u: usize) -> Option<Province> {
        let (at, iso, name) = self.unit_names(u)?;
        let (iso, name) = (iso.to_string(), name.to_string());
        let b = &self.bytes;
        let coords_at = self.coords + 4 * u32_at(b, at + 20)? as usize;
        let shape = self.shape(coords_at, u16_at(b, at + 24)?)?;
        Some(Province {
            iso,
            name,
            capital: String::new(),
            capital_geonames_id: None,
            shape,
        })
    }

    /// `n` polygons from the coordinate words at byte `at`.
    fn shape(&self, mut at: usize, n: usize) -> Option<MultiPolygon<f64>> {
        let b = &self.bytes;
        let mut polygons = Vec::with_capacity(n);
        for _ in 0..n {
            let rings = u32_at(b, at)? as usize;
            at += 4;
            let mut lines = Vec::with_capacity(rings.min(1024));
            for _ in 0..rings {
                let count = u32_at(b, at)? as usize;
                at += 4;
                let end = at.checked_add(count.checked_mul(8)?)?;
                if end > b.len() {
                    return None;
                }
                let ring: Vec<Coord<f64>> = (0..count)
                    .filter_map(|k| {
                        Some(Coord {
                            x: i32_at(b, at + 8 * k)?,
                            y: i32_at(b, at + 8 * k + 4)?,
                        })
                    })
                    .collect();
                at = end;
                lines.push(LineString::new(ring));
            }
            let mut it = lines.into_iter();
            polygons.push(Polygon::new(it.next()?, it.collect()));
        }
        Some(MultiPolygon::new(polygons))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Contains, Point};

    #[test]
    fn every_country_decodes_and_capitals_lie_in_their_units() {
        let w = WorldAdmin1::embedded().expect("admin1");
        assert_eq!(w.unit_count(), 4596);
        let mut total = 0;
        for (cc, n) in w.countries() {
            let units = w.units_of(cc).expect("decodes");
            assert_eq!(units.len(), n, "{cc}");
            assert!(units.iter().all(|u| u.iso.starts_with(cc)), "{cc}");
            total += n;
        }
        assert_eq!(total, 4596);
        // Label points lie inside their units (Natural Earth places a few on a coast or an
        // islet that the simplified outline misses).
        let outside = (0..w.unit_count())
            .filter(|&u| {
                let (Some(info), Some(unit)) = (w.unit_info(u), w.unit(u)) else {
                    return true;
                };
                !unit.shape.contains(&Point::from(info.label))
            })
            .count();
        assert!(outside < 100, "{outside} label points outside their units");
        let inside = |cc: &str, name: &str, lon: f64, lat: f64| {
            let units = w.units_of(cc).expect("units");
            let u = units
                .iter()
                .find(|u| u.shape.contains(&Point::new(lon, lat)));
            assert_eq!(u.map(|u| u.name.as_str()), Some(name), "{cc} {lon} {lat}");
        };
        inside("SD", "Khartoum", 32.53241, 15.55177);
        inside("CD", "North Kivu", 29.47, 0.49);
        inside("SD", "South Darfur", 24.88, 12.05);
        inside("AF", "Kabul", 69.17233, 34.52813);
        assert!(w.units_of("ZZ").expect("none").is_empty());
    }

    #[test]
    fn damaged_files_are_refused_with_their_name() {
        let good = include_bytes!("../../data/world/admin1.bin");
        for bad in [&good[..40], &b"not an admin-1 file at all, no"[..]] {
            let e = WorldAdmin1::open("world/admin1.bin", Cow::Owned(bad.to_vec()))
                .expect_err("refused");
            assert!(e.to_string().starts_with("world/admin1.bin"), "{e}");
        }
        // A file cut inside the coordinates opens, but the damaged units say so.
        let cut = WorldAdmin1::open("cut", Cow::Owned(good[..good.len() - 1000].to_vec()))
            .expect("tables fit");
        let last = cut
            .countries()
            .last()
            .map(|(c, _)| c.to_string())
            .expect("a country");
        assert!(cut.units_of(&last).is_err());
    }
}
