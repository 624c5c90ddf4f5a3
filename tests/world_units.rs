//! Every country's first-level units on the map: hover and click one anywhere, read what the
//! story and the imported layers have there; imported rows of any country find their unit.

mod common;

use common::{click, harness, shows};
use egui::Pos2;
use egui_kittest::Harness;
use event_atlas::app::AtlasApp;
use event_atlas::atlas::{Atlas, UnitId};
use event_atlas::import::{Imported, NO_UNIT, Progress, synthetic};
use event_atlas::map::hit::{Hit, hit_test};
use event_atlas::model::WorldAdmin1;
use event_atlas::ui::Selection;
use event_atlas::ui::layers::import_with_provinces;

/// A screen point of world unit `u` with nothing on top of it (no marker, arrow or cluster).
fn open_spot_in_unit(h: &Harness<'_, AtlasApp>, u: UnitId) -> Pos2 {
    let app = h.state();
    let t = app.map.last_transform.expect("map drawn");
    let r = t.rect.shrink(140.0);
    for i in 1..60 {
        for j in 1..40 {
            let pos = r.min + egui::vec2(r.width() * i as f32 / 60.0, r.height() * j as f32 / 40.0);
            if hit_test(&app.atlas, &t, pos, &app.visible()) == Some(Hit::WorldUnit(u)) {
                return pos;
            }
        }
    }
    panic!("unit {u} is not in view");
}

/// `n` synthetic ACLED rows in `region`, written to a file named `name` and imported as File ›
/// Layers does (parse, clusters, provinces, world units).
fn import_rows(
    atlas: &Atlas,
    region: &synthetic::Region,
    n: usize,
    seed: u64,
    name: &str,
) -> Imported {
    let mut csv = Vec::new();
    synthetic::write_acled_in(&mut csv, n, seed, region).expect("rows");
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join(name);
    std::fs::write(&path, &csv).expect("write");
    import_with_provinces(atlas, &path, &Progress::default()).expect("import")
}

fn unit_of(atlas: &Atlas, lon: f64, lat: f64) -> UnitId {
    atlas
        .world_unit_at(geo::Point::new(lon, lat))
        .expect("a world unit there")
}

#[test]
fn clicking_a_neighbours_province_lists_the_story_there() {
    let mut h = harness();
    // Abbottabad lies in Pakistan, which the story does not draw province by province.
    let kp = unit_of(&h.state().atlas, 73.21168, 34.1463);
    let name = h.state().atlas.world.unit(kp).expect("unit").name.clone();
    let code = h.state().atlas.world.unit(kp).expect("unit").iso.clone();
    assert_eq!(name, "Khyber Pakhtunkhwa");
    let pos = open_spot_in_unit(&h, kp);
    click(&mut h, pos);
    assert_eq!(h.state().selection, Selection::Province(code.clone()));
    assert!(shows(&h, "Pakistan · "), "the panel names the country");
    assert!(
        shows(&h, "Osama Bin Laden killed in Abbottabad"),
        "the story's event at a place inside it"
    );
    // The selection is by code, so it resolves again after a restart (and from --select).
    let again = Selection::find(&h.state().atlas, &code.to_lowercase()).expect("found");
    assert_eq!(again, Selection::Province(code));
}

#[test]
fn a_unit_without_story_places_says_so() {
    let mut h = harness();
    // Any neighbour's unit in view that holds none of the story's places.
    let app = h.state();
    let t = app.map.last_transform.expect("map drawn");
    let (atlas, vis) = (&app.atlas, app.visible());
    let r = t.rect.shrink(140.0);
    let empty = (1..40)
        .flat_map(|i| (1..30).map(move |j| (i, j)))
        .map(|(i, j)| r.min + egui::vec2(r.width() * i as f32 / 40.0, r.height() * j as f32 / 30.0))
        .find_map(|pos| match hit_test(atlas, &t, pos, &vis) {
            Some(Hit::WorldUnit(u)) if atlas.items_in_unit(u).is_empty() => Some((u, pos)),
            _ => None,
        });
    let (unit, pos) = empty.expect("a neighbour's unit in view");
    let title = atlas.unit_title(unit).expect("title");
    let country = title.rsplit(", ").next().expect("country").to_string();
    click(&mut h, pos);
    assert!(shows(&h, "The story names no place here."));
    assert!(shows(&h, &format!("{country} · ")), "{title}");
}

#[test]
fn imported_rows_of_any_country_are_matched_to_their_unit_and_listed_under_it() {
    let world = WorldAdmin1::embedded().expect("world");
    let sudan = world.units_of("SD").expect("Sudan");
    let region = synthetic::Region::of_units("Sudan", &sudan).expect("region");
    let mut h = harness();
    let atlas = h.state().atlas.clone();
    let imported = import_rows(&atlas, &region, 3000, 7, "sudan.csv");
    let layer = &imported.layer;
    assert_eq!(imported.world_units.len(), layer.records.len());
    // Each row's admin1 names its unit, and the name is what the row meant, also where the
    // generator's jitter put the point a little across a border.
    for (r, &u) in layer.records.iter().zip(&imported.world_units) {
        assert_ne!(u, NO_UNIT);
        let unit = atlas.world.unit(u32::from(u)).expect("unit");
        assert_eq!(
            unit.name,
            layer.strings.get(r.admin1),
            "{} {}",
            r.lon,
            r.lat
        );
        assert!(unit.iso.starts_with("SD-"));
    }
    // Under the unit in the side panel: that layer's rows there.
    let north_darfur = sudan.iter().position(|p| p.name == "North Darfur");
    let code = &sudan[north_darfur.expect("North Darfur")].iso;
    let u = atlas.world.by_code(code).expect("code");
    let here = imported
        .world_units
        .iter()
        .filter(|&&w| u32::from(w) == u)
        .count();
    assert!(here > 0, "some rows name North Darfur");
    h.state_mut().layers.add(imported);
    h.state_mut()
        .apply(event_atlas::ui::Command::Select(Selection::Province(
            code.clone(),
        )));
    h.run_steps(4);
    assert!(shows(&h, "North Darfur"));
    // The time filter (the story's end, 2021) shows the rows up to then.
    use egui_kittest::kittest::{NodeT, Queryable};
    let title = h
        .query_all_by_label_contains("sudan.csv: ")
        .find_map(|n| n.accesskit_node().label())
        .expect("the layer's rows are listed under the unit");
    let shown: usize = title
        .trim_start_matches("sudan.csv: ")
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a count");
    assert!(shown > 0 && shown <= here, "{title} (of {here})");
}

#[test]
fn rows_whose_admin1_names_no_unit_are_placed_by_their_point() {
    let world = WorldAdmin1::embedded().expect("world");
    let kenya = world.units_of("KE").expect("Kenya");
    let mut region = synthetic::Region::of_units("Kenya", &kenya).expect("region");
    // Names from another list (ACLED's may predate a reform): none matches.
    region.provinces = (1..=8).map(|k| format!("Old Province {k}")).collect();
    region.units.clear();
    let atlas = common::atlas();
    let imported = import_rows(&atlas, &region, 500, 3, "kenya.csv");
    use geo::Contains;
    let mut placed = 0;
    for (r, &u) in imported.layer.records.iter().zip(&imported.world_units) {
        if u == NO_UNIT {
            continue; // a point jittered off the coast or over a lake
        }
        placed += 1;
        let unit = atlas.world.unit(u32::from(u)).expect("unit");
        let p = geo::Point::new(f64::from(r.lon), f64::from(r.lat));
        assert!(
            unit.shape.contains(&p),
            "{} does not contain {p:?}",
            unit.name
        );
    }
    assert!(
        placed * 10 >= imported.layer.records.len() * 9,
        "{placed} placed"
    );
}

#[test]
fn named_units_in_view_are_items_for_screen_readers_and_the_keyboard() {
    use event_atlas::model::SlideView;
    let mut h = harness();
    h.state_mut().apply(event_atlas::ui::Command::ShowView {
        view: SlideView::Fit {
            fit: vec!["SD".into()],
        },
        instant: true,
    });
    // The units arrive a few countries a frame.
    h.run_steps(30);
    let names: Vec<String> = h
        .state()
        .map
        .items()
        .iter()
        .map(|i| i.name.clone())
        .collect();
    assert!(
        names
            .iter()
            .any(|n| n == "North Darfur, Sudan (first-level unit)"),
        "{names:?}"
    );
}

#[test]
fn rows_may_name_their_unit_by_code() {
    // An article's places carry their unit's code ("CD-NK"), not its name.
    let world = WorldAdmin1::embedded().expect("world");
    let congo = world.units_of("CD").expect("DR Congo");
    let mut region = synthetic::Region::of_units("DR Congo", &congo).expect("region");
    region.provinces = congo
        .iter()
        .map(|p| p.iso.clone())
        .cycle()
        .take(8)
        .collect();
    region.units.clear();
    let atlas = common::atlas();
    let imported = import_rows(&atlas, &region, 300, 5, "congo.csv");
    for (r, &u) in imported.layer.records.iter().zip(&imported.world_units) {
        let unit = atlas.world.unit(u32::from(u)).expect("matched");
        assert_eq!(unit.iso, imported.layer.strings.get(r.admin1));
    }
}
