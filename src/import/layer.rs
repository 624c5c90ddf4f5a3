//! Imported events kept compact (about 90 bytes each plus their notes), so a million rows fit
//! in well under 500 MB, and in one flat array the filter can sweep in a millisecond.

use std::collections::HashMap;

use super::Format;
use crate::spatial::mercator;

/// Index into a layer's string table; `0` is the empty string.
pub type Sym = u32;

/// A piece of a layer's text arena (identifiers, notes, GeoJSON properties).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Span {
    pub start: u32,
    pub len: u32,
}

/// A count as the source gives it: low / best / high, each possibly missing.
///
/// ACLED gives one figure (low = best = high); UCDP GED gives all three.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fatalities {
    pub low: u32,
    pub best: u32,
    pub high: u32,
}

impl Fatalities {
    /// Marker for "not given".
    pub const NONE: u32 = u32::MAX;
    /// No figure at all.
    pub const UNKNOWN: Self = Self {
        low: Self::NONE,
        best: Self::NONE,
        high: Self::NONE,
    };

    /// One exact figure.
    pub fn exact(n: u32) -> Self {
        Self {
            low: n,
            best: n,
            high: n,
        }
    }

    /// Whether any figure is given.
    pub fn known(&self) -> bool {
        self.best != Self::NONE || self.low != Self::NONE || self.high != Self::NONE
    }

    /// The best estimate, if given.
    pub fn best(&self) -> Option<u32> {
        (self.best != Self::NONE).then_some(self.best)
    }

    /// "12", "12 (low 10, high 15)" or "not given": never more certain than the source.
    ///
    /// ```
    /// use event_atlas::import::Fatalities;
    /// assert_eq!(Fatalities::exact(3).text(), "3");
    /// assert_eq!(Fatalities { low: 2, best: 3, high: 9 }.text(), "3 (low 2, high 9)");
    /// assert_eq!(Fatalities::UNKNOWN.text(), "not given");
    /// ```
    pub fn text(&self) -> String {
        let f = |n: u32| (n != Self::NONE).then(|| n.to_string());
        match (f(self.low), f(self.best), f(self.high)) {
            (None, None, None) => "not given".into(),
            (l, Some(b), h) if l.as_deref() == Some(&b) && h.as_deref() == Some(&b) => b,
            (l, b, h) => {
                let mut s = b.unwrap_or_else(|| "best not given".into());
                let mut parts = Vec::new();
                if let Some(l) = l {
                    parts.push(format!("low {l}"));
                }
                if let Some(h) = h {
                    parts.push(format!("high {h}"));
                }
                if !parts.is_empty() {
                    s.push_str(&format!(" ({})", parts.join(", ")));
                }
                s
            }
        }
    }
}

/// How well the source pins the place down, normalised across formats so it can be drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[repr(u8)]
pub enum PlacePrecision {
    /// At the coordinates given.
    #[default]
    Exact,
    /// Near the named place (within about 25 km).
    Near,
    /// Somewhere in a district (second-order division).
    District,
    /// Somewhere in a province (first-order division).
    Province,
    /// Somewhere in the country, or along a road or river.
    Country,
    /// The source gives no precision.
    Unknown,
}

impl PlacePrecision {
    /// Radius of the area the event may lie in, in km (drawn as a disc around the point).
    pub fn radius_km(self) -> Option<f64> {
        match self {
            Self::Exact | Self::Unknown => None,
            Self::Near => Some(25.0),
            Self::District => Some(40.0),
            Self::Province => Some(100.0),
            Self::Country => Some(300.0),
        }
    }

    /// Words for the panel.
    pub fn label(self) -> &'static str {
        match self {
            Self::Exact => "at the point given",
            Self::Near => "near the place (within about 25 km)",
            Self::District => "somewhere in the district",
            Self::Province => "somewhere in the province",
            Self::Country => "only the country (or a road or river) is known",
            Self::Unknown => "precision not given",
        }
    }
}

/// One imported event.
#[derive(Debug, Clone, Copy)]
pub struct Record {
    pub lon: f32,
    pub lat: f32,
    /// Unit Mercator position (0..1), for drawing and clustering.
    pub x: f32,
    pub y: f32,
    /// First day it may have happened on (days since 1970-01-01; `i32::MIN` when undated).
    pub start: i32,
    /// The date as the source wrote it (ACLED `event_date`, UCDP `date_start`).
    pub date: i32,
    /// Last day it may have happened on: by then it surely has.
    pub end: i32,
    /// Index into [`Layer::kinds`].
    pub kind: u16,
    pub place: PlacePrecision,
    /// The source's own precision codes (`geo_precision`/`where_prec`, `time_precision`/`date_prec`; 0 = none).
    pub geo_code: u8,
    pub date_code: u8,
    /// Province index in the basemap, or [`Record::NO_PROVINCE`].
    pub province: u8,
    pub fatalities: Fatalities,
    pub id: Span,
    pub actor1: Sym,
    pub actor2: Sym,
    pub admin1: Sym,
    pub location: Sym,
    pub sub_kind: Sym,
    pub source: Sym,
    pub notes: Span,
    /// GeoJSON properties as JSON text (empty for CSV rows).
    pub properties: Span,
}

impl Record {
    /// `province` when none is known.
    pub const NO_PROVINCE: u8 = u8::MAX;

    /// A record at `lon`/`lat` with no other information yet.
    pub fn at(lon: f64, lat: f64) -> Self {
        let m = mercator((lon, lat).into());
        Self {
            lon: lon as f32,
            lat: lat as f32,
            x: m.x as f32,
            y: m.y as f32,
            start: i32::MIN,
            date: i32::MIN,
            end: i32::MIN,
            kind: 0,
            place: PlacePrecision::Unknown,
            geo_code: 0,
            date_code: 0,
            province: Self::NO_PROVINCE,
            fatalities: Fatalities::UNKNOWN,
            id: Span::default(),
            actor1: 0,
            actor2: 0,
            admin1: 0,
            location: 0,
            sub_kind: 0,
            source: 0,
            notes: Span::default(),
            properties: Span::default(),
        }
    }

    /// Whether the record has a date at all.
    pub fn dated(&self) -> bool {
        self.start != i32::MIN
    }
}

/// The line or polygon of a GeoJSON feature (its record holds a point inside it).
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// Index of the feature's record.
    pub record: u32,
    /// Lines or rings, in unit Mercator.
    pub parts: Vec<Vec<[f32; 2]>>,
    /// Rings of a polygon (drawn closed).
    pub closed: bool,
}

/// A row the importer skipped, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRow {
    /// Line in the file where the row starts (1-based); for GeoJSON, the feature's number.
    pub line: u64,
    pub reason: String,
}

/// Strings that repeat across rows (actors, provinces, sources), each stored once.
#[derive(Debug, Clone)]
pub struct Strings {
    list: Vec<Box<str>>,
    lookup: HashMap<Box<[u8]>, Sym, rustc_hash::FxBuildHasher>,
}

impl Default for Strings {
    fn default() -> Self {
        let mut s = Self {
            list: Vec::new(),
            lookup: HashMap::default(),
        };
        s.list.push("".into());
        s.lookup.insert(Box::new([]), 0);
        s
    }
}

impl Strings {
    /// The symbol for `bytes` (invalid UTF-8 is replaced, never rejected).
    pub fn intern(&mut self, bytes: &[u8]) -> Sym {
        let bytes = trim(bytes);
        if let Some(&s) = self.lookup.get(bytes) {
            return s;
        }
        let sym = self.list.len() as Sym;
        self.list
            .push(String::from_utf8_lossy(bytes).into_owned().into_boxed_str());
        self.lookup.insert(bytes.into(), sym);
        sym
    }

    /// The text of a symbol ("" for an unknown one).
    pub fn get(&self, sym: Sym) -> &str {
        self.list.get(sym as usize).map_or("", |s| s)
    }

    /// Number of distinct strings (including the empty one).
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether only the empty string is stored.
    pub fn is_empty(&self) -> bool {
        self.list.len() <= 1
    }

    /// All strings, by symbol.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.list.iter().map(|s| &**s)
    }
}

/// Trims ASCII whitespace from both ends.
pub(crate) fn trim(b: &[u8]) -> &[u8] {
    b.trim_ascii()
}

/// An imported file: its records (sorted for clustering once indexed), and what was skipped.
#[derive(Debug, Clone, Default)]
pub struct Layer {
    /// Shown name (the file name).
    pub name: String,
    pub format: Format,
    /// Labels of the event types, indexed by [`Record::kind`].
    pub kinds: Vec<String>,
    pub records: Vec<Record>,
    pub strings: Strings,
    text: String,
    /// Skipped rows (the first [`Layer::MAX_BAD_ROWS`]) and how many there were in all.
    pub bad_rows: Vec<BadRow>,
    pub bad_row_count: u64,
    /// Lines and polygons of GeoJSON features, by record index.
    pub shapes: Vec<Shape>,
}

impl Layer {
    /// Bad rows kept in detail; beyond this only the count grows.
    pub const MAX_BAD_ROWS: usize = 1000;
    /// Kinds beyond this share the last one, "Other".
    pub const MAX_KINDS: usize = 63;

    /// An empty layer of a format.
    pub fn new(name: impl Into<String>, format: Format) -> Self {
        Self {
            name: name.into(),
            format,
            ..Self::default()
        }
    }

    /// Notes a skipped row.
    pub fn bad_row(&mut self, line: u64, reason: impl Into<String>) {
        self.bad_row_count += 1;
        if self.bad_rows.len() < Self::MAX_BAD_ROWS {
            self.bad_rows.push(BadRow {
                line,
                reason: reason.into(),
            });
        }
    }

    /// The kind index for a label, adding it if new.
    pub fn kind(&mut self, label: &str) -> u16 {
        let label = label.trim();
        let label = if label.is_empty() {
            "Unspecified"
        } else {
            label
        };
        if let Some(i) = self.kinds.iter().position(|k| k == label) {
            return i as u16;
        }
        if self.kinds.len() >= Self::MAX_KINDS {
            if let Some(i) = self.kinds.iter().position(|k| k == "Other") {
                return i as u16;
            }
            self.kinds.push("Other".into());
            return (self.kinds.len() - 1) as u16;
        }
        self.kinds.push(label.to_string());
        (self.kinds.len() - 1) as u16
    }

    /// Stores text in the arena (invalid UTF-8 replaced).
    pub fn store(&mut self, bytes: &[u8]) -> Span {
        let bytes = trim(bytes);
        if bytes.is_empty() || self.text.len() + bytes.len() > u32::MAX as usize {
            return Span::default();
        }
        let start = self.text.len() as u32;
        match std::str::from_utf8(bytes) {
            Ok(s) => self.text.push_str(s),
            Err(_) => self.text.push_str(&String::from_utf8_lossy(bytes)),
        }
        Span {
            start,
            len: self.text.len() as u32 - start,
        }
    }

    /// Appends the records and bad rows of `other` (the next part of the same file).
    pub fn append(&mut self, other: Layer) {
        let kinds: Vec<u16> = other.kinds.iter().map(|k| self.kind(k)).collect();
        let syms: Vec<Sym> = other
            .strings
            .iter()
            .map(|s| self.strings.intern(s.as_bytes()))
            .collect();
        let base = self.text.len();
        let fits = base + other.text.len() <= u32::MAX as usize;
        if fits {
            self.text.push_str(&other.text);
        }
        let span = |s: Span| {
            if fits && s.len > 0 {
                Span {
                    start: s.start + base as u32,
                    len: s.len,
                }
            } else {
                Span::default()
            }
        };
        let sym = |s: Sym| syms.get(s as usize).copied().unwrap_or(0);
        let first = self.records.len() as u32;
        self.records.reserve(other.records.len());
        for r in other.records {
            self.records.push(Record {
                kind: kinds.get(usize::from(r.kind)).copied().unwrap_or(0),
                id: span(r.id),
                notes: span(r.notes),
                properties: span(r.properties),
                actor1: sym(r.actor1),
                actor2: sym(r.actor2),
                admin1: sym(r.admin1),
                location: sym(r.location),
                sub_kind: sym(r.sub_kind),
                source: sym(r.source),
                ..r
            });
        }
        for s in other.shapes {
            self.shapes.push(Shape {
                record: s.record + first,
                ..s
            });
        }
        self.bad_row_count += other.bad_row_count;
        for b in other.bad_rows {
            if self.bad_rows.len() < Self::MAX_BAD_ROWS {
                self.bad_rows.push(b);
            }
        }
    }

    /// Gives back the arena's unused capacity once parsing is done.
    pub fn shrink_text(&mut self) {
        self.text.shrink_to_fit();
    }

    /// Text stored with [`Layer::store`].
    pub fn text(&self, span: Span) -> &str {
        let (a, b) = (span.start as usize, (span.start + span.len) as usize);
        self.text.get(a..b).unwrap_or("")
    }

    /// Memory held by the layer, in bytes (for the README's figures and the layer panel).
    pub fn heap_bytes(&self) -> usize {
        self.records.capacity() * std::mem::size_of::<Record>()
            + self.text.capacity()
            + self.strings.iter().map(|s| s.len() * 2 + 48).sum::<usize>()
            + self
                .shapes
                .iter()
                .map(|s| s.parts.iter().map(|p| p.len() * 8 + 24).sum::<usize>())
                .sum::<usize>()
    }

    /// First and last dated day.
    pub fn span(&self) -> Option<(i32, i32)> {
        let mut it = self.records.iter().filter(|r| r.dated());
        let first = it.next()?;
        let (lo, hi) = it.fold((first.start, first.end), |(lo, hi), r| {
            (lo.min(r.start), hi.max(r.end))
        });
        Some((lo, hi))
    }

    /// Record count.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether nothing was imported.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }
}
