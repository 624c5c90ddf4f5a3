//! The world geoparser's budgets: the gazetteer opens in < 50 ms; a 10 KB article takes
//! < 20 ms once it is open; 1 MB of text < 1 s, and the cost grows linearly with the text.
//! The texts are the project's own test articles (`tests/fixtures/geoparse/world_news.json`),
//! repeated to size.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use event_atlas::model::{DataSource, Dataset};
use event_atlas::spatial::ProvinceIndex;
use event_atlas::spatial::gazetteer::WorldGazetteer;
use event_atlas::spatial::geocode::Geocoder;

/// The test articles, joined and repeated to at least `bytes`.
fn text_of(bytes: usize) -> String {
    let json = std::fs::read_to_string("tests/fixtures/geoparse/world_news.json").expect("texts");
    let docs: Vec<serde_json::Value> = serde_json::from_str(&json).expect("json");
    let all: Vec<&str> = docs.iter().filter_map(|d| d["text"].as_str()).collect();
    let mut out = String::new();
    while out.len() < bytes {
        for t in &all {
            out.push_str(t);
            out.push_str("\n\n");
        }
    }
    let mut end = bytes;
    while !out.is_char_boundary(end) {
        end += 1;
    }
    out.truncate(end);
    out
}

fn bench(c: &mut Criterion) {
    c.bench_function("open world gazetteer", |b| {
        b.iter(|| WorldGazetteer::embedded().expect("gazetteer"))
    });
    let src = DataSource::Embedded;
    let ds = Dataset::load(src.clone()).expect("data");
    let story = Dataset::load_gazetteer(&src).expect("gazetteer");
    let index = ProvinceIndex::new(&ds.provinces);
    let world = WorldGazetteer::embedded().expect("world");
    let g =
        Geocoder::new(&ds.countries, &ds.provinces, &story, &ds.lexicon, &index).with_world(&world);
    let mut group = c.benchmark_group("geocode");
    group.sample_size(10);
    for kb in [10usize, 100, 1000] {
        let text = text_of(kb * 1024);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(format!("{kb} KB")),
            &text,
            |b, t| b.iter(|| g.geocode(t)),
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
