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
use event_atlas::map::imported::{
    CELL_PX, ImportedLayer, LayerDraw, kind_color, radius, short_count,
};
use event_atlas::timeline::TimeFilter;
use walkers::{Map, MapMemory, MercatorProjection, Plugin, Position, Projector, lon_lat};
use walkers_extras::{Group, GroupedPlacesTree, Place};

/// Afghanistan in the middle of the screen: at zoom 6 the events cover about 460×500 px of the
/// 1920×1080 view, at zoom 7 about 910×1000 px (all of them in view either way).
const ZOOMS: [f64; 2] = [6.0, 7.0];
const CENTER: (f64, f64) = (67.7, 33.9);
/// walkers_extras groups what lies within this many pixels of a seed point: the app's cell size,
/// which gives about as many groups as the app has clusters.
const TREE_RADIUS_PX: f32 = CELL_PX as f32;
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

fn memory(zoom: f64) -> MapMemory {
    let mut m = MapMemory::default();
    m.set_zoom(zoom).expect("zoom");
    m
}

fn center() -> Position {
    lon_lat(CENTER.0, CENTER.1)
}

fn world_px(zoom: f64) -> f64 {
    256.0 * 2f64.powf(zoom)
}

fn imported(n: usize) -> Imported {
    let text = event_atlas::import::synthetic::acled_csv(n, 7);
    let layer = event_atlas::import::parse_bytes("x.csv", text.as_bytes(), &Progress::default())
        .expect("csv");
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
    fn draw<T: Place>(
        &self,
        places: &[&T],
        position: Position,
        projector: &Projector,
        ui: &mut Ui,
    ) {
        let p = projector.project(position).to_pos2();
        let n = places.len() as u32;
        let r = radius(n);
        let color = kind_color(0);
        ui.painter().circle(
            p,
            r,
            color.gamma_multiply(0.75),
            Stroke::new(1.5, Color32::WHITE),
        );
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
    fn run(
        self: Box<Self>,
        ui: &mut Ui,
        response: &Response,
        projector: &Projector,
        _: &MapMemory,
    ) {
        self.0.draw_once(ui, response, projector);
    }
}

// ---- frames ---------------------------------------------------------------------------------

/// The drawer under test, one per frame.
enum Drawer<'a> {
    /// The map alone: egui's and walkers' share of the frame.
    Nothing,
    Ours(&'a Arc<Vec<LayerDraw>>),
    Theirs(&'a Tree),
}

struct Frames {
    ctx: egui::Context,
    memory: MapMemory,
    n: u64,
}

impl Frames {
    fn new(zoom: f64) -> Self {
        Self {
            ctx: egui::Context::default(),
            memory: memory(zoom),
            n: 0,
        }
    }

    /// One full frame: the map with the drawer, then tessellation. Returns the triangle count.
    fn frame(&mut self, drawer: &Drawer) -> usize {
        self.n += 1;
        let memory = &mut self.memory;
        let out = self.ctx.run_ui(input(self.n), |ui| {
            let map = Map::new(None, &mut *memory, center());
            let map = match drawer {
                Drawer::Nothing => map,
                Drawer::Ours(layers) => map.with_plugin(event_atlas::map::Layer(ImportedLayer {
                    layers: Arc::clone(layers),
                    selected: None,
                    hovered: None,
                })),
                Drawer::Theirs(tree) => map.with_plugin(TreeRef(tree)),
            };
            ui.add(map);
        });
        self.ctx
            .tessellate(out.shapes, out.pixels_per_point)
            .iter()
            .map(|p| match &p.primitive {
                egui::epaint::Primitive::Mesh(m) => m.indices.len() / 3,
                egui::epaint::Primitive::Callback(_) => 0,
            })
            .sum()
    }
}

/// Clusters each side draws on screen, printed once so the figures can be read fairly.
fn describe(n: usize, zoom: f64, layers: &[LayerDraw], tree: &Tree) {
    let rect = egui::Rect::from_min_size(egui::Pos2::ZERO, SCREEN);
    let memory = memory(zoom);
    let projector = Projector::new(rect, &MercatorProjection, &memory, center());
    let (theirs, their_max) = tree.cluster_stats(rect, &projector);
    let d = &layers[0];
    let ours = d.tallies.iter().filter(|t| t.count > 0).count();
    let our_max = d.tallies.iter().map(|t| t.count).max().unwrap_or(0);
    eprintln!(
        "{n} events at zoom {zoom}: event-atlas level {} draws {ours} clusters (largest {our_max}); \
         walkers_extras (radius {TREE_RADIUS_PX} px) {theirs} groups (largest {their_max})",
        d.level
    );
}

fn clusters(c: &mut Criterion) {
    let mut frames = c.benchmark_group("frame_1920x1080");
    frames.sample_size(20).warm_up_time(Duration::from_secs(2));
    let mut tallies = Vec::new();
    for n in [100_000usize, 1_000_000] {
        let indexing = std::time::Instant::now();
        let data = Arc::new(imported(n));
        let built = std::time::Instant::now();
        let tree = tree(&data);
        eprintln!(
            "{n} events: parse + Imported::index {:?}; walkers_extras R-tree {:?}",
            built - indexing,
            built.elapsed()
        );
        for zoom in ZOOMS {
            let level = data.clusters.level_for(world_px(zoom), CELL_PX);
            let layers = Arc::new(vec![LayerDraw {
                data: data.clone(),
                level,
                tallies: Arc::new(recount(&data, level)),
                shapes_shown: Arc::new(vec![false; data.layer.shapes.len()]),
            }]);
            describe(n, zoom, &layers, &tree);
            let mut cases = vec![
                ("event_atlas", Drawer::Ours(&layers)),
                ("walkers_extras", Drawer::Theirs(&tree)),
            ];
            if n == 100_000 {
                cases.insert(0, ("map_only", Drawer::Nothing));
            }
            for (name, drawer) in cases {
                let mut f = Frames::new(zoom);
                for _ in 0..5 {
                    f.frame(&drawer);
                }
                let one = std::time::Instant::now();
                let triangles = f.frame(&drawer);
                let one = one.elapsed();
                eprintln!("{name} {n} zoom {zoom}: one frame {one:?}, {triangles} triangles");
                // 20 samples of one frame each at least, with room to spare.
                frames.measurement_time(Duration::from_secs(8).max(one * 30));
                let id = BenchmarkId::new(name, format!("{n}_z{zoom}"));
                frames.bench_function(id, |b| b.iter(|| black_box(f.frame(&drawer))));
            }
            tallies.push((n, zoom, data.clone(), level));
        }
    }
    frames.finish();

    let mut group = c.benchmark_group("tally");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(5));
    for (n, zoom, data, level) in &tallies {
        let id = BenchmarkId::from_parameter(format!("{n}_z{zoom}"));
        group.bench_function(id, |b| b.iter(|| black_box(recount(data, *level))));
    }
    group.finish();
}

criterion_group!(benches, clusters);
criterion_main!(benches);
