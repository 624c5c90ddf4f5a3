//! Writing the gazetteer file from plain records (one JSON object per line, as
//! `tools/build_world.py` writes them): names folded by the geocoder's own [`fold`], so the
//! index and the lookups can never disagree.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use super::record::NONE;
use super::{
    ALTERNATE, CODE_SIZE, HEADER_SIZE, MAGIC, POSTING_SIZE, RECORD_SIZE, RecordKind, spelling_bits,
};
use crate::spatial::geocode::fold;

/// A name as written, accents, case and punctuation dropped ("Mazār-e Sharīf" → "mazar e
/// sharif"): what a text must match to spell a name so.
pub(crate) fn spelling_key(name: &str) -> String {
    crate::spatial::geocode::exact_key(name)
}

/// One record as the build script writes it.
#[derive(Debug, Clone, Deserialize)]
pub struct SourceRecord {
    pub kind: String,
    pub name: String,
    #[serde(default)]
    pub ascii: Option<String>,
    #[serde(default)]
    pub alts: Vec<String>,
    pub lat: f64,
    pub lon: f64,
    /// ISO 3166-1 alpha-2 ("" for none).
    pub cc: String,
    /// ISO 3166-2 code of its first-level unit ("" for none).
    #[serde(default)]
    pub admin1: String,
    #[serde(default)]
    pub pop: u64,
    /// GeoNames id (0 for none).
    #[serde(default)]
    pub gid: u64,
    /// A national capital.
    #[serde(default)]
    pub capital: bool,
    /// An ISO 3166-2 subdivision (not a GeoNames unit).
    #[serde(default)]
    pub iso: bool,
    /// Where the record comes from; kept in the file only for hand-added features (the
    /// others' sources follow from their kind and id).
    #[serde(default)]
    pub source: String,
}

/// A record that cannot be packed, by its line (1-based).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("record {line}: {reason}")]
pub struct PackError {
    pub line: usize,
    pub reason: String,
}

/// The tables being filled.
#[derive(Default)]
struct Tables {
    records: Vec<u8>,
    strings: Vec<u8>,
    countries: Vec<String>,
    country_ix: HashMap<String, u16>,
    codes: Vec<String>,
    code_ix: HashMap<String, u16>,
    /// Folded name → (record with [`ALTERNATE`], own spellings, alternate spellings).
    names: BTreeMap<String, Vec<(u32, u32, u32)>>,
    max_words: usize,
}

/// Packs records into the gazetteer file's bytes (deterministic for the same records).
///
/// ```
/// use event_atlas::spatial::gazetteer::{SourceRecord, WorldGazetteer, pack};
/// let rec: SourceRecord = serde_json::from_str(r#"{"kind":"city","name":"Mazār-e Sharīf",
///     "alts":["Mazar-i-Sharif"],"lat":36.70904,"lon":67.11087,"cc":"AF","admin1":"AF-BAL",
///     "pop":693000,"gid":1133616}"#).unwrap();
/// let bytes = pack(&[rec]).unwrap();
/// let g = WorldGazetteer::open("test", bytes.into()).unwrap();
/// let hit = g.lookup(&event_atlas::spatial::geocode::fold("Mazar-e-Sharif"))[0];
/// let r = g.record(hit.record).unwrap();
/// assert_eq!((r.ascii, r.lat, r.admin1), ("Mazar-e Sharif", 36.70904, Some("AF-BAL")));
/// ```
pub fn pack(records: &[SourceRecord]) -> Result<Vec<u8>, PackError> {
    let mut t = Tables::default();
    for (i, r) in records.iter().enumerate() {
        t.add(i, r).map_err(|reason| PackError {
            line: i + 1,
            reason,
        })?;
    }
    Ok(t.finish())
}

impl Tables {
    fn add(&mut self, i: usize, r: &SourceRecord) -> Result<(), String> {
        let kind = match r.kind.as_str() {
            "city" => RecordKind::City,
            "admin1" => RecordKind::Admin1,
            "admin2" => RecordKind::Admin2,
            "continent" => RecordKind::Continent,
            "physical" => RecordKind::Physical,
            k => return Err(format!("unknown kind {k:?}")),
        };
        if !(r.lat.abs() <= 90.0 && r.lon.abs() <= 180.0) {
            return Err(format!("{}: coordinate out of range", r.name));
        }
        let ascii = r
            .ascii
            .clone()
            .unwrap_or_else(|| deunicode::deunicode(&r.name));
        let n = u32::try_from(i).map_err(|_| "too many records".to_string())?;
        let offset = u32::try_from(self.strings.len()).map_err(|_| "strings too long")?;
        let len16 = |s: &str| u16::try_from(s.len()).map_err(|_| format!("{s}: name too long"));
        let source = if kind == RecordKind::Physical {
            r.source.as_str()
        } else {
            ""
        };
        let (name_len, ascii_len, source_len) = (len16(&r.name)?, len16(&ascii)?, len16(source)?);
        self.strings.extend_from_slice(r.name.as_bytes());
        self.strings.extend_from_slice(ascii.as_bytes());
        self.strings.extend_from_slice(source.as_bytes());
        let country = self.country(&r.cc)?;
        let admin1 = self.code(&r.admin1)?;
        let e5 = |v: f64| ((v * 1e5).round() as i32).to_le_bytes();
        let mut b = Vec::with_capacity(RECORD_SIZE);
        b.extend_from_slice(&e5(r.lat));
        b.extend_from_slice(&e5(r.lon));
        b.extend_from_slice(&u32::try_from(r.pop).unwrap_or(u32::MAX).to_le_bytes());
        b.extend_from_slice(
            &u32::try_from(r.gid)
                .map_err(|_| "id too large")?
                .to_le_bytes(),
        );
        b.extend_from_slice(&offset.to_le_bytes());
        b.extend_from_slice(&name_len.to_le_bytes());
        b.extend_from_slice(&ascii_len.to_le_bytes());
        b.extend_from_slice(&country.to_le_bytes());
        b.extend_from_slice(&admin1.to_le_bytes());
        b.push(kind.code());
        b.push(u8::from(r.capital) | (u8::from(r.iso) << 1));
        b.extend_from_slice(&source_len.to_le_bytes());
        self.records.extend_from_slice(&b);
        self.name(&r.name, n);
        self.name(&ascii, n);
        for alt in &r.alts {
            self.name(alt, n | ALTERNATE);
        }
        Ok(())
    }

    /// Indexes one name, with its spelling; a record reached by its own name is not marked as
    /// reached by an alternate.
    fn name(&mut self, name: &str, posting: u32) {
        let key = fold(name);
        if key.len() < 2 {
            return;
        }
        self.max_words = self.max_words.max(key.split(' ').count());
        let bits = spelling_bits(&spelling_key(name));
        let alternate = posting & ALTERNATE != 0;
        let (own, others) = if alternate { (0, bits) } else { (bits, 0) };
        let record = posting & !ALTERNATE;
        let list = self.names.entry(key).or_default();
        match list.iter_mut().find(|p| p.0 & !ALTERNATE == record) {
            Some(p) => {
                p.0 &= posting | !ALTERNATE;
                p.1 |= own;
                p.2 |= others;
            }
            None => list.push((posting, own, others)),
        }
    }

    fn country(&mut self, cc: &str) -> Result<u16, String> {
        if cc.is_empty() {
            return Ok(NONE);
        }
        if cc.len() != 2 {
            return Err(format!("{cc:?}: not an ISO 3166-1 alpha-2 code"));
        }
        intern(&mut self.countries, &mut self.country_ix, cc)
    }

    fn code(&mut self, code: &str) -> Result<u16, String> {
        if code.is_empty() {
            return Ok(NONE);
        }
        if code.len() > CODE_SIZE {
            return Err(format!("{code:?}: subdivision code too long"));
        }
        intern(&mut self.codes, &mut self.code_ix, code)
    }

    fn finish(self) -> Vec<u8> {
        let mut postings: Vec<u8> = Vec::new();
        let mut builder = fst::MapBuilder::memory();
        let mut at = 0u64;
        for (key, list) in &self.names {
            let count = list.len().min(0xFFFF) as u64;
            for (p, own, others) in list.iter().take(0xFFFF) {
                postings.extend_from_slice(&p.to_le_bytes());
                postings.extend_from_slice(&own.to_le_bytes());
                postings.extend_from_slice(&others.to_le_bytes());
            }
            // Keys come sorted from the BTreeMap, so insert cannot fail.
            let _ = builder.insert(key, (at << 16) | count);
            at += count;
        }
        let fst = builder.into_inner().unwrap_or_default();
        let countries: Vec<u8> = self.countries.iter().flat_map(|c| c.bytes()).collect();
        let mut codes = Vec::with_capacity(self.codes.len() * CODE_SIZE);
        for c in &self.codes {
            let mut b = c.as_bytes().to_vec();
            b.resize(CODE_SIZE, 0);
            codes.extend_from_slice(&b);
        }
        let sections = [
            &self.records,
            &postings,
            &self.strings,
            &countries,
            &codes,
            &fst,
        ];
        let mut offsets = Vec::new();
        let mut pos = HEADER_SIZE;
        for s in sections {
            offsets.push(pos as u64);
            pos += s.len();
        }
        let counts = [
            (self.records.len() / RECORD_SIZE) as u64,
            (postings.len() / POSTING_SIZE) as u64,
            self.countries.len() as u64,
            self.codes.len() as u64,
            self.max_words as u64,
            fst.len() as u64,
        ];
        let mut out = Vec::with_capacity(pos);
        out.extend_from_slice(MAGIC);
        for v in counts.iter().chain(&offsets) {
            out.extend_from_slice(&v.to_le_bytes());
        }
        for s in sections {
            out.extend_from_slice(s);
        }
        out
    }
}

fn intern(list: &mut Vec<String>, ix: &mut HashMap<String, u16>, s: &str) -> Result<u16, String> {
    if let Some(&i) = ix.get(s) {
        return Ok(i);
    }
    let i = u16::try_from(list.len())
        .ok()
        .filter(|&i| i != NONE)
        .ok_or("too many codes")?;
    list.push(s.to_string());
    ix.insert(s.to_string(), i);
    Ok(i)
}
