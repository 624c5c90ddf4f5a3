//! Moving the time cursor: what the filter shows, from the date index, and the crossing counter.

use criterion::{Criterion, criterion_group, criterion_main};
use event_atlas::atlas::Atlas;
use event_atlas::model::{DataSource, days_from_civil};
use event_atlas::timeline::{Filter, TimeFilter, TimeMode, crossing_counter};

fn time_filter(c: &mut Criterion) {
    let atlas = Atlas::load(DataSource::Embedded).expect("data");
    let start = days_from_civil(2001, 1, 1);
    let days = days_from_civil(2022, 1, 1) - start;
    let mut n = 0i64;
    let mut filter = Filter::default();
    for (name, mode) in [
        ("cursor_move_cumulative", TimeMode::Cumulative),
        ("cursor_move_window", TimeMode::Window),
    ] {
        filter.time = TimeFilter {
            mode,
            ..TimeFilter::default()
        };
        c.bench_function(name, |b| {
            b.iter(|| {
                n = (n + 97) % days;
                filter.time.cursor = (start + n) as f64 + 0.5;
                let vis = atlas.visible(&filter);
                crossing_counter(&atlas.data, &vis, |id| atlas.ids.place(id))
            })
        });
    }
}

criterion_group!(benches, time_filter);
criterion_main!(benches);
