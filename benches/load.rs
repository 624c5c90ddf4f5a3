//! Loading all of `data/` and building every index and prepared shape.

use criterion::{Criterion, criterion_group, criterion_main};
use event_atlas::atlas::Atlas;
use event_atlas::model::{DataSource, Dataset};

fn load(c: &mut Criterion) {
    c.bench_function("load_and_index_embedded_data", |b| {
        b.iter(|| Atlas::load(DataSource::Embedded).expect("data"))
    });
    c.bench_function("parse_only_embedded_data", |b| {
        b.iter(|| Dataset::load(DataSource::Embedded).expect("data"))
    });
}

criterion_group!(benches, load);
criterion_main!(benches);
