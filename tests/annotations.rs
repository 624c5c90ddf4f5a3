//! Drawing on the map in class: pen strokes and pins anchored to coordinates, undo / redo,
//! saved as they change and restored on the next start, exported and imported as GeoJSON.

mod common;

use common::{atlas, button, click, harness_with};

use egui::{Event, Modifiers, Pos2, pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use event_atlas::app::{AtlasApp, Persisted};
use event_atlas::model::Annotation;
use event_atlas::spatial::mercator;
use event_atlas::ui::draw::Tool;

/// Presses at `from`, moves in steps to `to`, releases: a drag as a hand makes it.
/// The same drawings, points equal to a billionth of a degree (the file's decimal text need not
/// give back the last binary digit).
fn same_drawings(a: &[Annotation], b: &[Annotation]) -> bool {
    let close =
        |p: &[f64; 2], q: &[f64; 2]| (p[0] - q[0]).abs() < 1e-9 && (p[1] - q[1]).abs() < 1e-9;
    a.len() == b.len()
        && a.iter().zip(b).all(|pair| match pair {
            (
                Annotation::Stroke {
                    color,
                    width,
                    points,
                },
                Annotation::Stroke {
                    color: c2,
                    width: w2,
                    points: p2,
                },
            ) => {
                color == c2
                    && width == w2
                    && points.len() == p2.len()
                    && points.iter().zip(p2).all(|(p, q)| close(p, q))
            }
            (
                Annotation::Pin { color, at, text },
                Annotation::Pin {
                    color: c2,
                    at: a2,
                    text: t2,
                },
            ) => color == c2 && close(at, a2) && text == t2,
            _ => false,
        })
}

fn drag(h: &mut Harness<'_, AtlasApp>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.step();
    button(h, from, true);
    h.step();
    for k in 1..=8 {
        let p = from + (to - from) * (k as f32 / 8.0);
        h.event(Event::PointerMoved(p));
        h.step();
    }
    button(h, to, false);
    h.run_steps(2);
}

#[test]
fn pen_strokes_are_anchored_undone_redone_and_saved() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("annotations.geojson");
    let app = AtlasApp::new(atlas(), Persisted::default()).with_annotations_file(file.clone());
    let mut h = harness_with(app);
    h.get_by_label("Pen").click();
    h.run_steps(2);
    assert_eq!(h.state().drawing.settings.tool, Tool::Pen);
    let view_before = h.state().map.current();
    let (from, to) = (pos2(600.0, 400.0), pos2(760.0, 470.0));
    drag(&mut h, from, to);
    assert_eq!(
        h.state().map.current(),
        view_before,
        "drawing does not pan the map"
    );
    let items = h.state().drawing.items.clone();
    assert_eq!(items.len(), 1);
    let Annotation::Stroke { points, .. } = &items[0] else {
        panic!("a stroke");
    };
    // Anchored: its first point is where the drag began, in map coordinates.
    let t = h.state().map.last_transform.expect("drawn");
    let first = t.apply(mercator(geo::coord! { x: points[0][0], y: points[0][1] }));
    assert!(first.distance(from) < 2.0, "{first:?} vs {from:?}");
    common::wait_idle(&mut h);
    assert!(file.exists(), "saved as soon as drawn");

    // Undo, redo (buttons and keys).
    h.get_by_label("Undo").click();
    h.run_steps(2);
    assert!(h.state().drawing.items.is_empty());
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Y);
    h.run_steps(2);
    assert_eq!(h.state().drawing.items.len(), 1);
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(2);
    assert!(h.state().drawing.items.is_empty());
    h.get_by_label("Redo").click();
    h.run_steps(2);

    // A pin with a colour and text.
    h.get_by_label("Pin").click();
    h.run_steps(2);
    h.state_mut().drawing.settings.pin_text = "Fayzabad".into();
    click(&mut h, pos2(700.0, 300.0));
    assert_eq!(h.state().drawing.items.len(), 2);

    // Restart: the drawings come back from the file.
    common::wait_idle(&mut h);
    let saved = h.state().drawing.items.clone();
    let app2 = AtlasApp::new(atlas(), Persisted::default()).with_annotations_file(file.clone());
    assert!(
        same_drawings(&app2.drawing.items, &saved),
        "{:?} vs {saved:?}",
        app2.drawing.items
    );
    assert!(app2.problems.is_empty());

    // Clear is one undoable step.
    h.get_by_label("Clear").click();
    h.run_steps(2);
    assert!(h.state().drawing.items.is_empty());
    h.get_by_label("Undo").click();
    h.run_steps(2);
    assert_eq!(h.state().drawing.items, saved);
}

#[test]
fn drawings_export_and_import_as_geojson() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("lesson.geojson");
    let mut app = AtlasApp::new(atlas(), Persisted::default());
    app.drawing.add(Annotation::Pin {
        color: [0, 0, 0],
        at: [69.17, 34.53],
        text: "Kabul".into(),
    });
    app.drawing.settings.file_field = out.display().to_string();
    let mut h = harness_with(app);
    h.get_by_label("GeoJSON file").click();
    h.run_steps(2);
    h.get_by_label("Export").click();
    h.run_steps(2);
    common::wait_idle(&mut h);
    let text = std::fs::read_to_string(&out).expect("exported");
    assert!(text.contains("\"FeatureCollection\"") && text.contains("Kabul"));

    let mut app2 = AtlasApp::new(atlas(), Persisted::default());
    app2.drawing.settings.file_field = out.display().to_string();
    let mut h2 = harness_with(app2);
    h2.get_by_label("GeoJSON file").click();
    h2.run_steps(2);
    h2.get_by_label("Import").click();
    h2.run_steps(2);
    common::wait_idle(&mut h2);
    assert_eq!(h2.state().drawing.items.len(), 1);
}

#[test]
fn a_broken_drawings_file_is_kept_aside_not_overwritten() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("annotations.geojson");
    std::fs::write(&file, "{\"type\": \"FeatureCollection\", \"features\": [").expect("write");
    let app = AtlasApp::new(atlas(), Persisted::default()).with_annotations_file(file.clone());
    assert!(
        app.problems
            .iter()
            .any(|p| p.contains("annotations.geojson:1:")),
        "{:?}",
        app.problems
    );
    let kept: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("broken"))
        .collect();
    assert_eq!(kept.len(), 1, "the unreadable file is kept for the user");
    assert!(app.drawing.items.is_empty());
}
