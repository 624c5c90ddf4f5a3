//! A full frame of the app, headless: `run_ui` + `tessellate` at 1920×1080 with the story's data,
//! still and while the story plays.

use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use event_atlas::app::{AtlasApp, Persisted};
use event_atlas::atlas::Atlas;
use event_atlas::model::DataSource;

fn input(frame: u64) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1920.0, 1080.0),
        )),
        time: Some(frame as f64 / 60.0),
        // Hovering the map, as a user would be.
        events: vec![egui::Event::PointerMoved(egui::pos2(700.0, 450.0))],
        ..Default::default()
    }
}

fn frame(c: &mut Criterion) {
    let atlas = Arc::new(Atlas::load(DataSource::Embedded).expect("data"));
    let mut group = c.benchmark_group("frame_1920x1080");
    for (name, zoom_out) in [("home_view", 0), ("world_view", 4)] {
        let ctx = egui::Context::default();
        let mut app = AtlasApp::new(atlas.clone(), Persisted::default());
        let mut n = 0;
        for _ in 0..5 {
            let _ = ctx.run_ui(input(n), |ui| app.show(ui));
            n += 1;
        }
        for _ in 0..zoom_out {
            let _ = app.state.map.memory.zoom_out();
        }
        group.bench_function(name, |b| {
            b.iter(|| {
                n += 1;
                let out = ctx.run_ui(input(n), |ui| app.show(ui));
                ctx.tessellate(out.shapes, out.pixels_per_point)
            })
        });
    }
    // Playing the crisis in a loop at a day per second: arrows grow in, dots flow, the counter
    // and the filter follow the cursor.
    {
        let ctx = egui::Context::default();
        let mut app = AtlasApp::new(atlas.clone(), Persisted::default());
        app.set_time("2021-06-20".parse().expect("date"), None);
        app.state.timeline.playback.looping = true;
        app.state.timeline.playback.speed = 1.0;
        let mut n = 0;
        for _ in 0..5 {
            let _ = ctx.run_ui(input(n), |ui| app.show(ui));
            n += 1;
        }
        let atlas_ref = app.atlas.clone();
        app.state
            .timeline
            .toggle_play(&atlas_ref, &mut app.state.filter);
        group.bench_function("playing_crisis", |b| {
            b.iter(|| {
                n += 1;
                let out = ctx.run_ui(input(n), |ui| app.show(ui));
                ctx.tessellate(out.shapes, out.pixels_per_point)
            })
        });
        assert!(app.state.timeline.playback.playing, "still playing");
    }
    group.finish();
}

criterion_group!(benches, frame);
criterion_main!(benches);
