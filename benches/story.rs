//! The story builder's budget: a 10 KB article to a checked story folder in < 200 ms, with the
//! gazetteers already open (the app opens them once). Also the build alone, and a 40 KB text
//! to show the cost grows with the text, not faster.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use event_atlas::builder::{Library, Options, build, folder};
use event_atlas::model::PartialDate;

/// Test articles of other regions joined to at least `bytes` (the first one's dateline dates
/// them all).
fn text_of(bytes: usize) -> String {
    let names = [
        "sudan-chad",
        "congo-uganda",
        "ukraine-moldova",
        "myanmar-bangladesh",
        "sahel-burkina",
    ];
    let mut out = String::new();
    while out.len() < bytes {
        for n in names {
            let path = format!("tests/fixtures/articles/{n}.txt");
            out.push_str(&std::fs::read_to_string(path).expect("article"));
            out.push_str("\n\n");
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let lib = Library::embedded().expect("library");
    let opts = Options {
        name: "article.txt".into(),
        published: Some(PartialDate::ymd(2024, 5, 15)),
        title: None,
    };
    let shipped = std::fs::read("data/source/article.txt").expect("article");
    let shipped_opts = Options {
        published: Some(PartialDate::ymd(2021, 7, 5)),
        ..opts.clone()
    };
    c.bench_function(
        "story folder from the shipped article (11.6 KB), written and checked",
        |b| {
            let out = std::env::temp_dir().join(format!("ea-bench-story-{}", std::process::id()));
            b.iter(|| {
                let built = build(&shipped, &shipped_opts, &lib).expect("built");
                folder::write(&built, &out, true).expect("written");
            });
            let _ = std::fs::remove_dir_all(&out);
        },
    );
    let mut group = c.benchmark_group("story build");
    for kb in [10, 40] {
        let text = text_of(kb * 1000);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(format!("{kb} KB")),
            &text,
            |b, t| b.iter(|| build(t.as_bytes(), &opts, &lib).expect("built")),
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
