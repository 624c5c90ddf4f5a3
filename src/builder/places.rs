//! Where in the article each place is named: the geocoder gives each place the strings that
//! named it; this finds them again, as whole words, so every sentence knows its places in
//! order. Where two names overlap ("Kabul University" and "Kabul") the longer one wins.

use std::ops::Range;

use super::text::{Sentence, whole_word};
use crate::model::Place;

/// One naming of a place in the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Naming {
    /// Byte range in the article.
    pub span: Range<usize>,
    /// Index into the places.
    pub place: usize,
}

/// Every naming of every place, in text order, and per sentence the namings inside it.
#[derive(Debug, Clone, Default)]
pub struct Namings {
    pub all: Vec<Naming>,
    /// For each sentence, indexes into `all`.
    pub by_sentence: Vec<Vec<usize>>,
}

impl Namings {
    /// Finds the places' mentions in `text` and sorts them into `sentences`.
    ///
    /// ```
    /// use event_atlas::builder::{places::Namings, text::sentences};
    /// use event_atlas::model::{Place, PlaceKind};
    /// let text = "Fighting in Kabul. Students at Kabul University fled.";
    /// let place = |id: &str, m: &str| Place { id: id.into(), name: m.into(), kind: PlaceKind::City,
    ///     lat: 34.5, lon: 69.2, country: "AF".into(), province: None, source: String::new(),
    ///     mentions: vec![m.into()], geonames_id: None, aliases: vec![], geometry: None };
    /// let places = [place("kabul", "Kabul"), place("uni", "Kabul University")];
    /// let n = Namings::find(text, &sentences(text), &places);
    /// let in_second: Vec<usize> = n.by_sentence[1].iter().map(|&k| n.all[k].place).collect();
    /// assert_eq!(in_second, [1]);
    /// ```
    pub fn find(text: &str, sentences: &[Sentence], places: &[Place]) -> Self {
        let mut all = Vec::new();
        for (p, place) in places.iter().enumerate() {
            for m in place.mentions.iter().filter(|m| !m.is_empty()) {
                for (at, _) in text.match_indices(m.as_str()) {
                    let end = at + m.len();
                    if whole_word(text, at, end) {
                        all.push(Naming {
                            span: at..end,
                            place: p,
                        });
                    }
                }
            }
        }
        // Longest first at each start, then drop any naming inside a kept one.
        all.sort_by_key(|n| (n.span.start, std::cmp::Reverse(n.span.end)));
        let mut kept: Vec<Naming> = Vec::with_capacity(all.len());
        for n in all {
            if kept.last().is_none_or(|k| n.span.start >= k.span.end) {
                kept.push(n);
            }
        }
        let mut by_sentence = vec![Vec::new(); sentences.len()];
        let mut s = 0;
        for (k, n) in kept.iter().enumerate() {
            while s < sentences.len() && sentences[s].span.end <= n.span.start {
                s += 1;
            }
            if s < sentences.len() && sentences[s].span.start <= n.span.start {
                by_sentence[s].push(k);
            }
        }
        Self {
            all: kept,
            by_sentence,
        }
    }

    /// The distinct places named in sentence `s`, in order of first naming.
    pub fn places_in(&self, s: usize) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        for &k in self.by_sentence.get(s).map_or(&[][..], Vec::as_slice) {
            let p = self.all[k].place;
            if !out.contains(&p) {
                out.push(p);
            }
        }
        out
    }

    /// How many times each place is named.
    pub fn times_named(&self, n_places: usize) -> Vec<usize> {
        let mut out = vec![0; n_places];
        for n in &self.all {
            out[n.place] += 1;
        }
        out
    }
}
