//! Another article, geocoded: its places become a layer whose records carry the sentence that
//! names each place, so the map shows where the text points and why.

use super::{Format, Imported, Layer, PlacePrecision, Progress, Record};
use crate::spatial::geocode::GeocodeResult;

/// The sentence of `text` that contains `mention` (the first one), trimmed.
///
/// ```
/// use event_atlas::import::sentence_with;
/// let t = "Fighting rose. Soldiers fled to Tajikistan on Monday. More followed.";
/// assert_eq!(sentence_with(t, "Tajikistan"), Some("Soldiers fled to Tajikistan on Monday."));
/// ```
pub fn sentence_with<'a>(text: &'a str, mention: &str) -> Option<&'a str> {
    let at = text.find(mention)?;
    let is_end = |c: char| matches!(c, '.' | '!' | '?' | '\n');
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|&(i, c)| {
            is_end(c) && text[i + c.len_utf8()..].starts_with(char::is_whitespace) || c == '\n'
        })
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[at..]
        .char_indices()
        .find(|&(i, c)| {
            is_end(c)
                && text[at + i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace)
        })
        .map_or(text.len(), |(i, c)| at + i + c.len_utf8());
    Some(text[start..end].trim())
}

/// The places of a geocoded article as a map layer: one record per place, its kind as type,
/// the sentences that name it as notes.
pub fn article_layer(name: &str, text: &str, result: &GeocodeResult) -> Imported {
    let mut layer = Layer::new(name, Format::GeoJson);
    for p in &result.places {
        let mut r = Record::at(p.lon, p.lat);
        r.kind = layer.kind(p.kind.as_str());
        r.place = PlacePrecision::Exact;
        r.location = layer.strings.intern(p.name.as_bytes());
        r.admin1 = layer
            .strings
            .intern(p.province.as_deref().unwrap_or("").as_bytes());
        r.source = layer.strings.intern(p.source.as_bytes());
        r.id = layer.store(p.id.as_bytes());
        let sentences: Vec<String> = p
            .mentions
            .iter()
            .filter_map(|m| sentence_with(text, m))
            .map(|s| format!("“{s}”"))
            .collect();
        r.notes = layer.store(sentences.join("\n").as_bytes());
        layer.records.push(r);
    }
    Imported::index(layer, &Progress::default())
}
