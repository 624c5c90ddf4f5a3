//! A full frame of the app, headless: `run_ui` + `tessellate` at 1920×1080 with the story's data,
//! still (home, the world with every admin-1 outline, Europe at zoom 6) and while the story plays.

use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use event_atlas::app::{AtlasApp, Persisted};
use event_atlas::atlas::Atlas;
use event_atlas::model::DataSource;

fn input(frame: u64) -> egui::RawInput {
    input_sized(frame, 1920.0, 1080.0)
}

fn input_sized(frame: u64, w: f32, h: f32) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(w, h),
        )),
        time: Some(frame as f64 / 60.0),
        // Hovering the map, as a user would be.
        events: vec![egui::Event::PointerMoved(egui::pos2(700.0, 450.0))],
        ..Default::default()
    }
}

/// One frame whose output is not drawn (its texture updates cleared, as a renderer would take
/// them).
fn skip(ctx: &egui::Context, app: &mut AtlasApp, input: egui::RawInput) {
    let mut out = ctx.run_ui(input, |ui| app.show(ui));
    out.textures_delta.clear();
}

/// A map view: longitude, latitude, zoom.
type View = (f64, f64, f64);

/// An app a few frames in (home fitted), then at `view` with every country in view decoded
/// (a few a frame); the frame count so far.
fn settled(atlas: &Arc<Atlas>, view: Option<View>) -> (egui::Context, AtlasApp, u64) {
    let ctx = egui::Context::default();
    let mut app = AtlasApp::new(atlas.clone(), Persisted::default());
    let mut n = 0;
    for _ in 0..5 {
        skip(&ctx, &mut app, input(n));
        n += 1;
    }
    if let Some((lon, lat, zoom)) = view {
        app.map.saved.memory.center_at(walkers::lon_lat(lon, lat));
        app.map.saved.memory.set_zoom(zoom).expect("zoom");
        for _ in 0..40 {
            skip(&ctx, &mut app, input(n));
            n += 1;
        }
    }
    (ctx, app, n)
}

fn frame(c: &mut Criterion) {
    let atlas = Arc::new(Atlas::load(DataSource::Embedded).expect("data"));
    let mut group = c.benchmark_group("frame_1920x1080");
    // Home; the world with every country's admin-1 outlines; Europe's dense small units.
    let views: [(&str, Option<View>); 3] = [
        ("home_view", None),
        ("world_view", Some((40.0, 25.0, 2.9))),
        ("europe_zoom_6", Some((10.0, 50.0, 6.0))),
    ];
    for (name, view) in views {
        let (ctx, mut app, mut n) = settled(&atlas, view);
        group.bench_function(name, |b| {
            b.iter(|| {
                n += 1;
                let mut out = ctx.run_ui(input(n), |ui| app.show(ui));
                out.textures_delta.clear();
                ctx.tessellate(out.shapes, out.pixels_per_point)
            })
        });
    }
    // Panning across the world view: the world's units are laid out anew every frame.
    {
        let (ctx, mut app, mut n) = settled(&atlas, Some((40.0, 25.0, 2.9)));
        group.bench_function("world_view_panning", |b| {
            b.iter(|| {
                n += 1;
                let lon = 30.0 + (n % 200) as f64 * 0.1;
                app.map.saved.memory.center_at(walkers::lon_lat(lon, 25.0));
                let mut out = ctx.run_ui(input(n), |ui| app.show(ui));
                out.textures_delta.clear();
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
        app.timeline.saved.playback.looping = true;
        app.timeline.saved.playback.speed = 1.0;
        let mut n = 0;
        for _ in 0..5 {
            skip(&ctx, &mut app, input(n));
            n += 1;
        }
        let atlas_ref = app.atlas.clone();
        app.timeline.toggle_play(&atlas_ref);
        group.bench_function("playing_crisis", |b| {
            b.iter(|| {
                n += 1;
                let mut out = ctx.run_ui(input(n), |ui| app.show(ui));
                out.textures_delta.clear();
                ctx.tessellate(out.shapes, out.pixels_per_point)
            })
        });
        assert!(app.timeline.playing, "still playing");
    }
    group.finish();
}

/// Presenting slide 2 of the shipped tour at a projector's 1280×720 (the presenter layout:
/// strips, compact card, the view fitted to the free map).
fn presenting(c: &mut Criterion) {
    let atlas = Arc::new(Atlas::load(DataSource::Embedded).expect("data"));
    let ctx = egui::Context::default();
    let mut app = AtlasApp::new(atlas, Persisted::default());
    app.start_tour(1, true);
    let mut n = 0;
    for _ in 0..8 {
        skip(&ctx, &mut app, input_sized(n, 1280.0, 720.0));
        n += 1;
    }
    c.bench_function("frame_1280x720_presenting", |b| {
        b.iter(|| {
            n += 1;
            let mut out = ctx.run_ui(input_sized(n, 1280.0, 720.0), |ui| app.show(ui));
            out.textures_delta.clear();
            ctx.tessellate(out.shapes, out.pixels_per_point)
        })
    });
    assert!(app.tours.saved.active, "still presenting");
}

/// The app with imported ACLED-layout events in view (all of them shown), still and while the
/// cursor moves a day per frame (the clusters are recounted on every day change).
fn imported(c: &mut Criterion) {
    use event_atlas::import::{Imported, Progress, parse_bytes, synthetic};
    let atlas = Arc::new(Atlas::load(DataSource::Embedded).expect("data"));
    let mut group = c.benchmark_group("frame_1920x1080_imported");
    group.sample_size(20);
    for n in [100_000usize, 1_000_000] {
        let text = synthetic::acled_csv(n, 1);
        let layer = parse_bytes("bench.csv", text.as_bytes(), &Progress::default()).expect("parse");
        drop(text);
        let imported = Imported::index(layer, &Progress::default());
        let ctx = egui::Context::default();
        let mut app = AtlasApp::new(atlas.clone(), Persisted::default());
        app.layers.add(imported);
        app.timeline.saved.filter.time.cursor =
            event_atlas::model::days_from_civil(2024, 6, 1) as f64;
        let mut f = 0;
        for _ in 0..5 {
            skip(&ctx, &mut app, input(f));
            f += 1;
        }
        group.bench_function(format!("{}k_events_home_view", n / 1000), |b| {
            b.iter(|| {
                f += 1;
                let mut out = ctx.run_ui(input(f), |ui| app.show(ui));
                out.textures_delta.clear();
                ctx.tessellate(out.shapes, out.pixels_per_point)
            })
        });
        let start = event_atlas::model::days_from_civil(2019, 1, 1) as f64;
        let mut day = 0.0;
        group.bench_function(format!("{}k_events_cursor_moving", n / 1000), |b| {
            b.iter(|| {
                f += 1;
                day = (day + 1.0) % 1500.0;
                app.timeline.saved.filter.time.cursor = start + day;
                let mut out = ctx.run_ui(input(f), |ui| app.show(ui));
                out.textures_delta.clear();
                ctx.tessellate(out.shapes, out.pixels_per_point)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, frame, presenting, imported);
criterion_main!(benches);
