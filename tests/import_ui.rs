//! Opening the user's own data in the app, as a user would: the Layers window, progress and
//! Cancel, clicking a cluster, a province's imported events, the type filter, export, a bad
//! file that must not cost the layers already open, and a restart.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{atlas, click, harness_with, shows};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use event_atlas::app::{AtlasApp, Persisted};
use event_atlas::import::{Progress, import_file, synthetic};
use event_atlas::ui::{Command, WindowId};

fn write_acled(dir: &Path, name: &str, n: usize) -> std::path::PathBuf {
    let path = dir.join(name);
    synthetic::write_acled(
        std::io::BufWriter::new(std::fs::File::create(&path).expect("create")),
        n,
        9,
    )
    .expect("write");
    path
}

/// Steps the UI until every import has finished (the work runs on its own thread).
fn wait_for_imports(h: &mut Harness<'_, AtlasApp>) {
    let start = Instant::now();
    while h.state().layers.busy() {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "import never finished"
        );
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    h.run_steps(3);
}

fn app() -> AtlasApp {
    let mut app = AtlasApp::new(atlas(), Persisted::default());
    // Past the synthetic data's last day: everything shows.
    app.timeline.saved.filter.time.cursor = event_atlas::model::days_from_civil(2024, 6, 1) as f64;
    app
}

#[test]
fn open_click_a_cluster_read_a_province_filter_and_export() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = write_acled(dir.path(), "acled.csv", 3000);
    let mut h = harness_with(app());
    h.state_mut().open_data(path.clone());
    wait_for_imports(&mut h);
    assert!(
        shows(&h, "Detected: ACLED CSV. 3000 events"),
        "the Layers window names the format"
    );
    assert!(
        h.state()
            .status
            .as_deref()
            .unwrap_or("")
            .contains("opened acled.csv (ACLED CSV): 3000 events")
    );

    // Click the biggest cluster on screen: the side panel lists its events.
    let draws = {
        let app = h.state_mut();
        let (zoom, time) = (app.map.saved.memory.zoom(), app.timeline.filter().time);
        app.layers.draws(zoom, &time)
    };
    let t = h.state().map.last_transform.expect("map drawn");
    let d = &draws[0];
    let level = &d.data.clusters.levels[d.level];
    let (run, tally) = d
        .tallies
        .iter()
        .enumerate()
        .filter(|(r, _)| {
            let c = level.centers[*r];
            let p = t.apply(geo::Coord {
                x: f64::from(c[0]),
                y: f64::from(c[1]),
            });
            t.rect.shrink(80.0).contains(p)
        })
        .max_by_key(|(_, t)| t.count)
        .expect("a cluster in view");
    assert!(tally.count > 1);
    let c = level.centers[run];
    let at = t.apply(geo::Coord {
        x: f64::from(c[0]),
        y: f64::from(c[1]),
    });
    // The Layers window may cover it: close it first.
    h.state_mut().apply(Command::Close(WindowId::Layers));
    h.run_steps(2);
    click(&mut h, at);
    assert_eq!(
        h.state().layers.picked.map(|p| p.run),
        Some(run),
        "the click picked the cluster"
    );
    assert!(shows(&h, &format!("{} events here", tally.count)));
    h.get_by_label("Close").click();
    h.run_steps(2);
    assert!(h.state().layers.picked.is_none());

    // A province lists the imported events the data places there.
    h.state_mut().select("AF-BDS").expect("Badakhshan");
    h.run_steps(3);
    let in_badakhshan = {
        let app = h.state_mut();
        let p = app
            .atlas
            .data
            .provinces
            .iter()
            .position(|p| p.iso == "AF-BDS")
            .expect("province");
        let l = &app.layers.layers[0].data.layer;
        l.records
            .iter()
            .filter(|r| usize::from(r.province) == p)
            .count()
    };
    assert!(in_badakhshan > 0);
    assert!(shows(
        &h,
        &format!("acled.csv: {in_badakhshan} events in this province")
    ));

    // Untick a type: it leaves the map, the lists and the export.
    h.state_mut().apply(Command::Close(WindowId::Legend));
    h.state_mut().apply(Command::Open(WindowId::Layers));
    h.run_steps(2);
    let at = h
        .get_by_role_and_label(egui::accesskit::Role::CheckBox, "Battles")
        .rect()
        .center();
    click(&mut h, at);
    h.run_steps(2);
    let out = dir.path().join("shown.geojson");
    h.state_mut().layers.layers[0].export_path = out.display().to_string();
    // The legend (now with the layer's types) sits over this corner of the window; fold it.
    h.state_mut().apply(Command::Close(WindowId::Legend));
    h.run_steps(2);
    assert_ne!(
        h.state().layers.layers[0].filter.hidden_kinds,
        0,
        "Battles unticked"
    );
    h.get_by_label("Export shown events (.csv or .geojson)")
        .click();
    h.run_steps(2);
    wait_for_imports(&mut h);
    let back = import_file(&out, &Progress::default()).unwrap_or_else(|e| {
        panic!(
            "export reads back: {e}; status {:?}; problems {:?}",
            h.state().status,
            h.state().problems
        )
    });
    assert!(!back.layer.is_empty() && back.layer.len() < 3000);
    assert!(
        !back.layer.kinds.iter().any(|k| k == "Battles"),
        "{:?}",
        back.layer.kinds
    );
    assert!(
        h.state()
            .status
            .as_deref()
            .unwrap_or("")
            .starts_with(&format!("exported {}", back.layer.len()))
    );
}

#[test]
fn cancel_a_long_import_and_keep_what_was_open() {
    let dir = tempfile::tempdir().expect("tmp");
    let small = write_acled(dir.path(), "small.csv", 500);
    let big = write_acled(dir.path(), "big.csv", 150_000);
    let mut h = harness_with(app());
    h.state_mut().open_data(small);
    wait_for_imports(&mut h);
    assert_eq!(h.state().layers.layers.len(), 1);

    h.state_mut().open_data(big);
    h.run_steps(2);
    assert!(
        shows(&h, "big.csv"),
        "the job is listed with its progress bar"
    );
    h.get_by_label("Cancel").click();
    wait_for_imports(&mut h);
    assert!(
        h.state()
            .status
            .as_deref()
            .unwrap_or("")
            .contains("cancelled"),
        "{:?}",
        h.state().status
    );
    assert_eq!(
        h.state().layers.layers.len(),
        1,
        "the layer already open stays"
    );

    // A broken file: a clear message, and still nothing lost.
    let bad = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_files/semicolon.csv");
    h.state_mut().open_data(bad);
    wait_for_imports(&mut h);
    assert!(
        h.state()
            .problems
            .iter()
            .any(|p| p.contains("semicolon.csv") && p.contains("semicolon-separated"))
    );
    assert_eq!(h.state().layers.layers.len(), 1);
    assert!(shows(&h, "Problems"));
}

#[test]
fn opened_files_and_their_filters_come_back_after_a_restart() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = write_acled(dir.path(), "acled.csv", 800);
    let mut h = harness_with(app());
    h.state_mut().open_data(path.clone());
    wait_for_imports(&mut h);
    h.state_mut().layers.layers[0].filter.actor = "Armed Group A".into();
    h.run_steps(2);
    let saved = ron::to_string(&h.state().saved()).expect("persist");
    drop(h);

    let state: Persisted = ron::from_str(&saved).expect("restore");
    assert_eq!(state.layers.len(), 1);
    let mut app = AtlasApp::new(atlas(), state);
    app.reopen_saved_layers();
    let mut h = harness_with(app);
    wait_for_imports(&mut h);
    assert_eq!(h.state().layers.layers.len(), 1);
    assert_eq!(
        h.state().layers.layers[0].data.path.as_deref(),
        Some(path.as_path())
    );
    assert_eq!(h.state().layers.layers[0].filter.actor, "Armed Group A");
    // Reopened quietly: the Layers window does not pop up over the map at start.
    assert!(!h.state().is_open(event_atlas::ui::WindowId::Layers));
}

/// A file dropped on the window, as the windowing layer hands it over.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_file_dropped_on_the_window_opens() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("dropped.csv");
    std::fs::write(&path, synthetic::ucdp_csv(200, 2, false)).expect("write");
    let mut h = harness_with(app());
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path.clone())));
    h.step();
    wait_for_imports(&mut h);
    assert_eq!(h.state().layers.layers.len(), 1);
    assert!(shows(
        &h,
        "Detected: UCDP GED CSV (no header row). 200 events"
    ));
}
