//! The world gazetteer: every GeoNames place of 500 people or more, every ISO 3166-2
//! subdivision, GeoNames admin-2 units and the continents, in one compact binary file
//! (`data/world/gazetteer.bin`, built by `tools/build_data.py` and [`pack`]).
//!
//! The file is read in place: opening it checks the header and the section sizes and hands the
//! name index to [`fst`], so it costs microseconds, not a 50 MB JSON parse. Names are looked up
//! by their [`fold`](super::geocode::fold)ed form, so transliteration variants meet.
//!
//! Layout (little-endian): a header (magic, version, counts, section offsets), fixed 32-byte
//! records, the postings (record numbers of each name), the strings, the country and
//! subdivision code tables, and the fst map from folded name to postings.

mod pack;
mod record;

pub use pack::{PackError, SourceRecord, pack};
pub use record::{Record, RecordKind};

use std::borrow::Cow;

use fst::Map;

/// The file's first bytes.
const MAGIC: &[u8; 8] = b"EAGAZ\0\0\x04";
/// Bytes per record.
const RECORD_SIZE: usize = 32;
/// Bytes per subdivision code ("GB-ENG", padded with zeros).
const CODE_SIZE: usize = 8;
/// Header: magic, 6 counts/limits, 6 section offsets, as u64.
const HEADER_SIZE: usize = 8 + 12 * 8;
/// The posting bit that marks a name as one of the record's alternate names.
const ALTERNATE: u32 = 1 << 31;
/// Bytes per posting: the record (with [`ALTERNATE`]), then two 32-bit sets (Bloom filters)
/// of the spellings, own and alternate, that fold to the posting's name.
const POSTING_SIZE: usize = 12;

/// A corrupt, truncated or foreign gazetteer file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: not a usable world gazetteer: {reason}")]
pub struct GazetteerError {
    pub file: String,
    pub reason: String,
}

/// One name's match: a record, whether the name is one of its alternates, and which
/// spellings of the record fold to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    pub record: u32,
    pub alternate: bool,
    own: u32,
    others: u32,
}

/// Whether a text spells a name as the gazetteer does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spelled {
    /// As the place's own name (beyond accents and case).
    Own,
    /// As one of its alternate names.
    Alternate,
    /// Only alike after folding ("Tine" for "Teni").
    Otherwise,
}

impl Posting {
    /// How `exact` (a name as written, accents and case dropped) spells this record's name.
    /// Two bits of 32 per spelling: a wrong "yes" is rare (well under one per cent).
    pub fn spelled(&self, exact: &str) -> Spelled {
        let bits = spelling_bits(exact);
        if self.own & bits == bits {
            Spelled::Own
        } else if self.others & bits == bits {
            Spelled::Alternate
        } else {
            Spelled::Otherwise
        }
    }
}

/// The two bits (of 32) a spelling sets in a posting's sets (FNV-1a).
fn spelling_bits(exact: &str) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in exact.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    // Two different bits: a spelling never hides in a single one.
    let first = h % 32;
    let second = (first + 1 + (h >> 32) % 31) % 32;
    (1 << first) | (1 << second)
}

/// The world gazetteer, opened in place over its bytes.
pub struct WorldGazetteer {
    bytes: Cow<'static, [u8]>,
    map: Map<Vec<u8>>,
    sections: Sections,
    /// Longest indexed name, in words.
    pub max_words: usize,
}

/// Where each part of the file starts, and the counts.
#[derive(Debug, Clone, Copy)]
struct Sections {
    records: usize,
    n_records: usize,
    postings: usize,
    n_postings: usize,
    strings: usize,
    countries: usize,
    n_countries: usize,
    codes: usize,
    n_codes: usize,
}

impl std::fmt::Debug for WorldGazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "WorldGazetteer({} records)", self.len())
    }
}

fn u64_at(b: &[u8], at: usize) -> Option<usize> {
    let v = u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?);
    usize::try_from(v).ok()
}

pub(crate) fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

impl WorldGazetteer {
    /// The app's own copy: built in on the desktop, fetched by the page in the browser (an
    /// error says to wait while it is on its way).
    pub fn embedded() -> Result<Self, GazetteerError> {
        let file = "<embedded data>/world/gazetteer.bin";
        let err = |reason: String| GazetteerError {
            file: file.to_string(),
            reason,
        };
        match crate::platform::world::gazetteer() {
            Ok(Some(bytes)) => Self::open(file, bytes),
            Ok(None) => Err(err(
                "the world's place names are still being fetched; try again in a moment".into(),
            )),
            Err(e) => Err(err(e)),
        }
    }

    /// Opens a gazetteer file's bytes (`file` names it in errors): header and sizes checked.
    pub fn open(file: &str, bytes: Cow<'static, [u8]>) -> Result<Self, GazetteerError> {
        let err = |reason: &str| GazetteerError {
            file: file.to_string(),
            reason: reason.to_string(),
        };
        if bytes.get(..8) != Some(&MAGIC[..]) {
            return Err(err("it does not start with the gazetteer's signature"));
        }
        let field = |k: usize| u64_at(&bytes, 8 + 8 * k).ok_or_else(|| err("header truncated"));
        let (n_records, n_postings, n_countries, n_codes, max_words, fst_len) = (
            field(0)?,
            field(1)?,
            field(2)?,
            field(3)?,
            field(4)?,
            field(5)?,
        );
        let s = Sections {
            records: field(6)?,
            n_records,
            postings: field(7)?,
            n_postings,
            strings: field(8)?,
            countries: field(9)?,
            n_countries,
            codes: field(10)?,
            n_codes,
        };
        let fst_at = field(11)?;
        let ends = [
            (s.records, n_records.checked_mul(RECORD_SIZE)),
            (s.postings, n_postings.checked_mul(POSTING_SIZE)),
            (s.countries, n_countries.checked_mul(2)),
            (s.codes, n_codes.checked_mul(CODE_SIZE)),
            (fst_at, Some(fst_len)),
        ];
        for (start, len) in ends {
            let end = len.and_then(|l| start.checked_add(l));
            if end.is_none_or(|e| e > bytes.len()) {
                return Err(err("it is truncated (a section runs past the end)"));
            }
        }
        // The fst needs owned or 'static bytes of its own; copying its part is a memcpy.
        let map = Map::new(bytes[fst_at..fst_at + fst_len].to_vec())
            .map_err(|e| err(&format!("name index: {e}")))?;
        Ok(Self {
            bytes,
            map,
            sections: s,
            max_words,
        })
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.sections.n_records
    }

    /// True when there are no records.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every record named `key` (a [`fold`](super::geocode::fold)ed name).
    pub fn lookup(&self, key: &str) -> Vec<Posting> {
        let Some(v) = self.map.get(key) else {
            return Vec::new();
        };
        let (start, count) = ((v >> 16) as usize, (v & 0xFFFF) as usize);
        (start..start + count)
            .filter(|&i| i < self.sections.n_postings)
            .filter_map(|i| {
                let at = self.sections.postings + POSTING_SIZE * i;
                let p = u32_at(&self.bytes, at)?;
                Some(Posting {
                    record: p & !ALTERNATE,
                    alternate: p & ALTERNATE != 0,
                    own: u32_at(&self.bytes, at + 4)?,
                    others: u32_at(&self.bytes, at + 8)?,
                })
            })
            .collect()
    }

    /// True when some indexed name starts with `prefix` (a folded prefix): lets a caller stop
    /// growing a phrase that can no longer match.
    pub fn has_prefix(&self, prefix: &str) -> bool {
        use fst::{IntoStreamer, Streamer};
        let mut stream = self.map.range().ge(prefix).into_stream();
        stream
            .next()
            .is_some_and(|(k, _)| k.starts_with(prefix.as_bytes()))
    }

    /// Up to `max` names beginning with `prefix` (folded), in name order, with their records.
    pub fn prefixed(&self, prefix: &str, max: usize) -> Vec<(String, Vec<Posting>)> {
        use fst::{IntoStreamer, Streamer};
        let mut stream = self.map.range().ge(prefix).into_stream();
        let mut out = Vec::new();
        while let Some((k, _)) = stream.next() {
            if !k.starts_with(prefix.as_bytes()) || out.len() >= max {
                break;
            }
            let key = String::from_utf8_lossy(k).into_owned();
            let postings = self.lookup(&key);
            out.push((key, postings));
        }
        out
    }

    /// Record `i`, read from the file (None past the end).
    pub fn record(&self, i: u32) -> Option<Record<'_>> {
        let at = self.sections.records + RECORD_SIZE * i as usize;
        if i as usize >= self.sections.n_records {
            return None;
        }
        Record::read(self, self.bytes.get(at..at + RECORD_SIZE)?)
    }

    /// Every record, in file order.
    pub fn records(&self) -> impl Iterator<Item = Record<'_>> {
        (0..self.len() as u32).filter_map(|i| self.record(i))
    }

    fn string(&self, offset: usize, len: usize) -> &str {
        let at = self.sections.strings + offset;
        self.bytes
            .get(at..at + len)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }

    fn country(&self, i: u16) -> &str {
        if usize::from(i) >= self.sections.n_countries {
            return "";
        }
        let at = self.sections.countries + 2 * usize::from(i);
        self.bytes
            .get(at..at + 2)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }

    fn code(&self, i: u16) -> Option<&str> {
        if usize::from(i) >= self.sections.n_codes {
            return None;
        }
        let at = self.sections.codes + CODE_SIZE * usize::from(i);
        let raw = self.bytes.get(at..at + CODE_SIZE)?;
        let len = raw.iter().position(|&b| b == 0).unwrap_or(CODE_SIZE);
        std::str::from_utf8(&raw[..len]).ok()
    }
}

#[cfg(test)]
mod tests;
