//! A full headless egui frame (1920×1080, `run_ui` + `tessellate`) with imported events in view,
//! clustered and drawn by (a) event-atlas's `ImportedLayer` and (b) walkers_extras's
//! `GroupedPlacesTree`, on the same points. Both indexes are built once, outside the timed loop,
//! as an app would; the app's per-level tallies too (they change only with the filter or the
//! cluster level, and `tally_*` times that separately).

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use egui::{Align2, Color32, FontId, Response, Stroke, Ui};
use event_atlas::import::{Imported, LayerFilter, Progress, Sweep, Tally, filter::tally};
use event_atlas::map::imported::{CELL_PX, ImportedLayer, LayerDraw, kind_color, radius, short_count};
use event_atlas::timeline::TimeFilter;
use walkers::{Map, MapMemory, MercatorProjection, Plugin, Position, Projector, lon_lat};
use walkers_extras::{Group, GroupedPlacesTree, Place};

/// Afghanistan in the middle of the screen.
const ZOOM: f64 = 6.0;
const CENTER: (f64, f64) = (67.7, 33.9);
/// Both draw kinds of clusters about `CELL_PX` across: walkers_extras groups what lies within
/// this radius of a seed point.
const TREE_RADIUS_PX: f32 = (CELL_PX / 2.0) as f32;
const SCREEN: egui::Vec2 = egui::vec2(1920.0, 1080.0);

fn input(frame: u64) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, SCREEN)),
        time: Some(frame as f64 / 60.0),
        // Hovering the map, as a user would be.
        events: vec![egui::Event::PointerMoved(egui::pos2(700.0, 450.0))],
        ..Default::default()
    }
}

fn memory() -> MapMemory {
    let mut m = MapMemory::default();
    m.set_zoom(ZOOM).expect("zoom");
    m
}

fn center() -> Position {
    lon_lat(CENTER.0, CENTER.1)
}

fn world_px() -> f64 {
    256.0 * 2f64.powf(ZOOM)
}

fn imported(n: usize) -> Imported {
    let text = event_atlas::import::synthetic::acled_csv(n, 7);
    let layer =
        event_atlas::import::parse_bytes("x.csv", text.as_bytes(), &Progress::default()).expect("csv");
    drop(text);
    assert_eq!(layer.records.len(), n, "every synthetic row parses");
    Imported::index(layer, &Progress::default())
}

/// What a filter change costs: a sweep and a recount of the level's clusters.
fn recount(data: &Imported, level: usize) -> Vec<Tally> {
    let sweep = Sweep::new(&TimeFilter::default(), &LayerFilter::default(), &data.layer);
    tally(data, level, &sweep)
}

// ---- walkers_extras side --------------------------------------------------------------------

/// One event as a walkers_extras place: where, and its kind's colour.
#[derive(Clone)]
struct Event {
    at: Position,
    color: Color32,
}

impl Place for Event {
    fn position(&self) -> Position {
        self.at
    }

    /// As the app draws a precise single event.
    fn draw(&self, ui: &Ui, projector: &Projector) {
        let p = projector.project(self.at).to_pos2();
        ui.painter()
            .circle(p, radius(1), self.color, Stroke::new(1.5, Color32::WHITE));
    }
}

/// A group as the app draws a cluster: a disc sized by the count, with the count on it.
#[derive(Clone)]
struct Cluster;

impl Group for Cluster {
    fn draw<T: Place>(&self, places: &[&T], position: Position, projector: &Projector, ui: &mut Ui) {
        let p = projector.project(position).to_pos2();
        let n = places.len() as u32;
        let r = radius(n);
        let color = kind_color(0);
        ui.painter()
            .circle(p, r, color.gamma_multiply(0.75), Stroke::new(1.5, Color32::WHITE));
        ui.painter().text(
            p,
            Align2::CENTER_CENTER,
            short_count(n),
            FontId::proportional((r * 0.8).clamp(9.0, 14.0)),
            Color32::WHITE,
        );
    }
}

type Tree = GroupedPlacesTree<Event, Cluster>;

fn tree(data: &Imported) -> Tree {
    let places = data
        .layer
        .records
        .iter()
        .map(|r| Event {
            at: lon_lat(f64::from(r.lon), f64::from(r.lat)),
            color: kind_color(r.kind),
        })
        .collect();
    GroupedPlacesTree::new(places, Cluster)
        .with_screen_radius_px(TREE_RADIUS_PX)
        .viewport_only(true)
}

/// The tree by reference, so a frame neither rebuilds nor clones it (its plugin impl consumes
/// `self`); runs exactly what `GroupedPlacesTree`'s own `Plugin::run` does.
struct TreeRef<'a>(&'a Tree);

impl Plugin for TreeRef<'_> {
    fn run(self: Box<Self>, ui: &mut Ui, response: &Response, projector: &Projector, _: &MapMemory) {
        self.0.draw_once(ui, response, projector);
    }
}

// ---- frames ---------------------------------------------------------------------------------

/// The drawer under test, one per frame.
enum Drawer<'a> {
    Ours(&'a Arc<Vec<LayerDraw>>),
    Theirs(&'a Tree),
}

struct Frames {
    ctx: egui::Context,
    memory: MapMemory,
    n: u64,
}

impl Frames {
    fn new() -> Self {
        Self {
            ctx: egui::Context::default(),
            memory: memory(),
            n: 0,
        }
    }

    /// One full frame: the map with the drawer, then tessellation. Returns the primitive count.
    fn frame(&mut self, drawer: &Drawer) -> usize {
        self.n += 1;
        let memory = &mut self.memory;
        let out = self.ctx.run_ui(input(self.n), |ui| {
            let map = Map::new(None, &mut *memory, center());
            let map = match drawer {
                Drawer::Ours(layers) => map.with_plugin(ImportedLayer {
                    layers: Arc::clone(layers),
                    selected: None,
                    hovered: None,
                }),
                Drawer::Theirs(tree) => map.with_plugin(TreeRef(tree)),
            };
            ui.add(map);
        });
        self.ctx.tessellate(out.shapes, out.pixels_per_point).len()
    }
}

/// Clusters each side draws on screen, printed once so the figures can be read fairly.
fn describe(n: usize, layers: &[LayerDraw], tree: &Tree) {
    let rect = egui::Rect::from_min_size(egui::Pos2::ZERO, SCREEN);
    let memory = memory();
    let projector = Projector::new(rect, &MercatorProjection, &memory, center());
    let (theirs, their_max) = tree.cluster_stats(rect, &projector);
    let d = &layers[0];
    let ours = d.tallies.iter().filter(|t| t.count > 0).count();
    let our_max = d.tallies.iter().map(|t| t.count).max().unwrap_or(0);
    eprintln!(
        "{n} events at zoom {ZOOM}: event-atlas level {} draws {ours} clusters (largest {our_max}); \
         walkers_extras (radius {TREE_RADIUS_PX} px) {theirs} groups (largest {their_max})",
        d.level
    );
}

fn clusters(c: &mut Criterion) {
    let mut frames = c.benchmark_group("frame_1920x1080");
    frames
        .sample_size(20)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(8));
    let mut tallies = Vec::new();
    for n in [100_000usize, 1_000_000] {
        let data = Arc::new(imported(n));
        let level = data.clusters.level_for(world_px(), CELL_PX);
        let layers = Arc::new(vec![LayerDraw {
            data: data.clone(),
            level,
            tallies: Arc::new(recount(&data, level)),
            shapes_shown: Arc::new(vec![false; data.layer.shapes.len()]),
        }]);
        let built = std::time::Instant::now();
        let tree = tree(&data);
        eprintln!("walkers_extras R-tree of {n} built in {:?}", built.elapsed());
        describe(n, &layers, &tree);

        for (name, drawer) in [
            ("event_atlas", Drawer::Ours(&layers)),
            ("walkers_extras", Drawer::Theirs(&tree)),
        ] {
            let mut f = Frames::new();
            for _ in 0..5 {
                f.frame(&drawer);
            }
            let one = std::time::Instant::now();
            let prims = f.frame(&drawer);
            eprintln!("{name} {n}: one frame {:?}, {prims} clipped primitives", one.elapsed());
            frames.bench_with_input(BenchmarkId::new(name, n), &n, |b, _| {
                b.iter(|| black_box(f.frame(&drawer)))
            });
        }
        tallies.push((n, data, level));
    }
    frames.finish();

    let mut group = c.benchmark_group("tally");
    group.sample_size(20).measurement_time(Duration::from_secs(5));
    for (n, data, level) in &tallies {
        group.bench_with_input(BenchmarkId::from_parameter(n), n, |b, _| {
            b.iter(|| black_box(recount(data, *level)))
        });
    }
    group.finish();
}

criterion_group!(benches, clusters);
criterion_main!(benches);
