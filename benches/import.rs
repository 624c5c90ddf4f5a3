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

criterion_group!(benches, import);
criterion_main!(benches);
