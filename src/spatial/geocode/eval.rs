//! Scoring a geoparser end to end on a gold-annotated corpus, with the field's usual measures
//! (`examples/geoparse_eval.rs` prints them; a test holds the project's own texts to them):
//! a gold mention is *found* when a place's mention has the same surface string (case- and
//! space-folded), *right* when that place lies within 161 km of the gold point; precision is
//! over distinct predicted mention strings (a gold or unlinked mention is not a false
//! positive).
//!
//! ```
//! use event_atlas::spatial::geocode::eval::{Doc, Score, score_doc, pct};
//! use event_atlas::model::Place;
//! let doc: Doc = serde_json::from_str(r#"{"doc_id":"1","text":"In Goma.",
//!     "toponyms":[{"name":"Goma","start":3,"end":7,"lat":-1.68,"lon":29.22}]}"#).unwrap();
//! let goma = Place { id: "goma".into(), lat: -1.67, lon: 29.23,
//!     mentions: vec!["Goma".into()], ..Place::default() };
//! let mut s = Score::default();
//! score_doc(&mut s, &doc, &[goma]);
//! assert_eq!((pct(s.right, s.gold), pct(s.predicted_ok, s.predicted)), (100.0, 100.0));
//! ```

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use crate::model::Place;

/// One document of a gold-annotated corpus.
#[derive(Debug, Deserialize)]
pub struct Doc {
    pub doc_id: String,
    pub text: String,
    pub toponyms: Vec<Gold>,
    /// Gold place mentions without coordinates: neither right nor a false positive.
    #[serde(default)]
    pub unlinked_spans: Vec<Span>,
}

/// A gold place mention.
#[derive(Debug, Deserialize)]
pub struct Gold {
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    #[serde(default)]
    pub geonames_id: Option<u64>,
}

/// A gold mention without coordinates.
#[derive(Debug, Deserialize)]
pub struct Span {
    pub name: String,
}

/// Case- and whitespace-folded surface string, as the scoring rules compare them.
pub fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Great-circle distance in km between two (lat, lon) points (geo's haversine, as the quiz
/// and the scale bar measure).
fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    use geo::{Distance, Haversine, Point};
    Haversine.distance(Point::new(a.1, a.0), Point::new(b.1, b.0)) / 1000.0
}

/// The counts behind the measures, summed over documents.
#[derive(Debug, Default)]
pub struct Score {
    pub gold: usize,
    pub found: usize,
    pub right: usize,
    pub with_id: usize,
    pub id_right: usize,
    pub predicted: usize,
    pub predicted_ok: usize,
    pub errors_km: Vec<f64>,
    /// Gold names not found, false positives, and wrong places, with how often.
    pub misses: HashMap<String, usize>,
    pub false_pos: HashMap<String, usize>,
    pub wrong: HashMap<String, usize>,
}

/// Scores one document's places against its gold mentions (the rules of the module doc).
pub fn score_doc(s: &mut Score, doc: &Doc, places: &[Place]) {
    let mut by_mention: HashMap<String, &Place> = HashMap::new();
    for p in places {
        for m in &p.mentions {
            by_mention.entry(norm(m)).or_insert(p);
        }
    }
    let gold_names: HashSet<String> = doc
        .toponyms
        .iter()
        .map(|t| norm(&t.name))
        .chain(doc.unlinked_spans.iter().map(|u| norm(&u.name)))
        .collect();
    for m in by_mention.keys() {
        s.predicted += 1;
        if gold_names.contains(m) {
            s.predicted_ok += 1;
        } else {
            *s.false_pos.entry(m.clone()).or_default() += 1;
        }
    }
    for t in &doc.toponyms {
        s.gold += 1;
        s.with_id += usize::from(t.geonames_id.is_some());
        let Some(p) = by_mention.get(&norm(&t.name)) else {
            *s.misses.entry(t.name.clone()).or_default() += 1;
            continue;
        };
        s.found += 1;
        let km = distance_km((t.lat, t.lon), (p.lat, p.lon));
        s.errors_km.push(km);
        if km <= 161.0 {
            s.right += 1;
        } else {
            *s.wrong
                .entry(format!("{} → {} ({km:.0} km)", t.name, p.id))
                .or_default() += 1;
        }
        if t.geonames_id.is_some() && t.geonames_id == p.geonames_id {
            s.id_right += 1;
        }
    }
}

/// `a` of `b` in per cent (0 when `b` is 0).
pub fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

/// The median (NaN for none).
pub fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}
