//! Importing ACLED-layout CSV (generated here in the published 31-column layout, no downloads):
//! parse, then sort along the Morton curve and build the clusters for every zoom.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use event_atlas::import::{Imported, Progress, parse_bytes, synthetic};

fn import(c: &mut Criterion) {
    let mut group = c.benchmark_group("import_acled");
    group.sample_size(10);
    for n in [100_000usize, 1_000_000] {
        let text = synthetic::acled_csv(n, 1);
        group.throughput(criterion::Throughput::Bytes(text.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("parse_index_clusters", n),
            &text,
            |b, text| {
                b.iter(|| {
                    let p = Progress::default();
                    Imported::index(
                        parse_bytes("bench.csv", text.as_bytes(), &p).expect("parse"),
                        &p,
                    )
                })
            },
        );
    }
    group.finish();
}

/// Matching imported rows of a country no story draws to the world's first-level units (by
/// the `admin1` they name within the country at their point, else by point in polygon), as
/// File › Layers does after parsing: 100,000 rows in Sudan, the world's units decoded lazily.
fn world_units(c: &mut Criterion) {
    use event_atlas::atlas::Atlas;
    use event_atlas::model::{DataSource, WorldAdmin1};
    let world = WorldAdmin1::embedded().expect("world");
    let sudan = world.units_of("SD").expect("Sudan");
    let region = synthetic::Region::of_units("Sudan", &sudan).expect("region");
    let mut csv = Vec::new();
    synthetic::write_acled_in(&mut csv, 100_000, 1, &region).expect("rows");
    let p = Progress::default();
    let imported = Imported::index(parse_bytes("sudan.csv", &csv, &p).expect("parse"), &p);
    let atlas = Atlas::load(DataSource::Embedded).expect("data");
    let mut group = c.benchmark_group("import_acled");
    group.sample_size(10);
    group.bench_function("world_units_100000_sudan", |b| {
        b.iter(|| event_atlas::ui::layers::world_units_of(&atlas, &imported.layer, &p))
    });
    group.finish();
}

criterion_group!(benches, import, world_units);
criterion_main!(benches);
