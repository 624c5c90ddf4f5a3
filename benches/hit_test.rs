//! Point → province: the R-tree of triangles against a scan with `Contains`.

use criterion::{Criterion, criterion_group, criterion_main};
use event_atlas::model::DataSource;
use event_atlas::model::Dataset;
use event_atlas::spatial::ProvinceIndex;
use geo::{Contains, Point};

/// Deterministic points over Afghanistan's bounding box.
fn points(n: usize) -> Vec<Point<f64>> {
    let mut s: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..n)
        .map(|_| {
            s = s
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let a = (s >> 11) as f64 / (1u64 << 53) as f64;
            s = s
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let b = (s >> 11) as f64 / (1u64 << 53) as f64;
            Point::new(60.5 + a * 14.4, 29.4 + b * 9.1)
        })
        .collect()
}

fn hit_test(c: &mut Criterion) {
    let ds = Dataset::load(DataSource::Embedded).expect("data");
    let index = ProvinceIndex::new(&ds.provinces);
    let pts = points(1024);
    let mut i = 0;
    c.bench_function("province_hit_test_rtree", |b| {
        b.iter(|| {
            i = (i + 1) % pts.len();
            index.locate(pts[i])
        })
    });
    c.bench_function("province_hit_test_contains_scan", |b| {
        b.iter(|| {
            i = (i + 1) % pts.len();
            ds.provinces.iter().position(|p| p.shape.contains(&pts[i]))
        })
    });
}

criterion_group!(benches, hit_test);
criterion_main!(benches);
