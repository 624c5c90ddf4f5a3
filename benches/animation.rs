//! Encoding the fortnight's animation at 1280×720 and 8 frames a second (57 frames): the part
//! of File › Export animation that runs off the window. Recording the frames from a real window
//! is timed by `--animate`, which prints how long the whole export took.

use criterion::{Criterion, criterion_group, criterion_main};
use event_atlas::media::{AnimationWriter, FramePlan};

/// Frames cut from a committed screenshot, shifted a little each time (as a map that changes).
fn frames(n: usize) -> Vec<Vec<u8>> {
    let shot = image::open(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/story-northland.png"
    ))
    .expect("screenshot")
    .to_rgba8();
    let (w, h) = (1280usize, 720usize);
    (0..n)
        .map(|k| {
            let mut f = shot.as_raw()[..w * h * 4].to_vec();
            // A growing arrow-coloured bar stands for what changes between frames.
            for y in 300..310 {
                for x in 100..(100 + k * 10).min(w) {
                    f[(y * w + x) * 4..(y * w + x) * 4 + 4].copy_from_slice(&[0, 90, 156, 255]);
                }
            }
            f
        })
        .collect()
}

fn encode(c: &mut Criterion) {
    let plan = FramePlan::new(0.0, 14.0, 8.0, 2.0).expect("plan");
    let frames = frames(plan.frames());
    let dir = tempfile::tempdir().expect("dir");
    let mut g = c.benchmark_group("animation");
    g.sample_size(10);
    for (name, file) in [("gif", "fortnight.gif"), ("apng", "fortnight.png")] {
        g.bench_function(format!("encode_fortnight_1280x720_8fps_{name}"), |b| {
            b.iter(|| {
                let path = dir.path().join(file);
                let mut w = AnimationWriter::create(&path, 1280, 720, plan).expect("create");
                for f in &frames {
                    w.add(f).expect("frame");
                }
                w.finish().expect("finish")
            })
        });
    }
    g.finish();
}

criterion_group!(benches, encode);
criterion_main!(benches);
