//! Scores the geoparser end to end on a gold-annotated corpus (a JSON list of
//! `{doc_id, text, toponyms: [{name, start, end, lat, lon, geonames_id?}], unlinked_spans?}`),
//! with the field's usual measures: detection recall and precision (over distinct mention
//! strings), exact GeoNames id, accuracy within 161 km, median error, time per document.
//!
//! `cargo run --release --example geoparse_eval -- CORPUS.json [--story DIR] [--errors N]`

use std::collections::HashMap;
use std::time::Instant;

use anyhow::{Context, bail};
use event_atlas::model::{DataSource, Dataset};
use event_atlas::spatial::ProvinceIndex;
use event_atlas::spatial::gazetteer::WorldGazetteer;
use event_atlas::spatial::geocode::Geocoder;
use event_atlas::spatial::geocode::eval::{Doc, Score, median, pct, score_doc};

fn top(map: &HashMap<String, usize>, n: usize) -> String {
    let mut v: Vec<_> = map.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    v.iter()
        .take(n)
        .map(|(k, c)| format!("{k} ×{c}"))
        .collect::<Vec<_>>()
        .join("; ")
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(corpus) = args.first() else {
        bail!("usage: geoparse_eval CORPUS.json [--story DIR] [--errors N]");
    };
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
    };
    let source = flag("--story").map_or(DataSource::Embedded, |d| DataSource::Dir(d.into()));
    let show: usize = flag("--errors").and_then(|n| n.parse().ok()).unwrap_or(0);
    let text = std::fs::read_to_string(corpus).with_context(|| format!("cannot read {corpus}"))?;
    let docs: Vec<Doc> = serde_json::from_str(&text).with_context(|| corpus.clone())?;
    let ds = Dataset::load(source.clone())?;
    let story_entries = Dataset::load_gazetteer(&source)?;
    let index = ProvinceIndex::new(&ds.provinces);
    let opened = Instant::now();
    let world = WorldGazetteer::embedded()?;
    let open_ms = opened.elapsed().as_secs_f64() * 1e3;
    let geocoder = Geocoder::new(
        &ds.countries,
        &ds.provinces,
        &story_entries,
        &ds.lexicon,
        &index,
    )
    .with_world(&world);
    let mut s = Score::default();
    let mut millis = Vec::new();
    for doc in &docs {
        let t = Instant::now();
        let r = geocoder.geocode(&doc.text);
        millis.push(t.elapsed().as_secs_f64() * 1e3);
        score_doc(&mut s, doc, &r.places);
    }
    let chars: usize = docs.iter().map(|d| d.text.len()).sum();
    println!(
        "corpus: {corpus}: {} documents, {} gold toponyms, {} KB of text",
        docs.len(),
        s.gold,
        chars / 1024
    );
    println!(
        "accuracy@161 km (end to end): {:.1} %",
        pct(s.right, s.gold)
    );
    println!(
        "precision:                    {:.1} %  ({} of {} distinct predicted mentions)",
        pct(s.predicted_ok, s.predicted),
        s.predicted_ok,
        s.predicted
    );
    println!(
        "recall:                       {:.1} %  ({} of {})",
        pct(s.found, s.gold),
        s.found,
        s.gold
    );
    println!(
        "accuracy@161 km of found:     {:.1} %",
        pct(s.right, s.found)
    );
    println!(
        "exact GeoNames id:            {:.1} %  ({} of {} gold mentions with an id)",
        pct(s.id_right, s.with_id),
        s.id_right,
        s.with_id
    );
    println!(
        "median error (found):         {:.1} km",
        median(&mut s.errors_km)
    );
    let total: f64 = millis.iter().sum();
    println!(
        "time per document:            {:.2} ms mean, {:.2} ms median (gazetteer opened in {open_ms:.1} ms)",
        total / docs.len().max(1) as f64,
        median(&mut millis)
    );
    if show > 0 {
        println!("\nmissed: {}", top(&s.misses, show));
        println!("\nfalse positives: {}", top(&s.false_pos, show));
        println!("\nwrong place: {}", top(&s.wrong, show));
    }
    Ok(())
}
