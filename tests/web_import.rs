//! Part 9: the browser's import, run natively. A file's bytes imported a step at a time (as the
//! page does it, with no threads) give the layer the desktop's file import gives: the same
//! records, bad rows at the same lines, the same story provinces and world units; and no step
//! does much work.

use std::sync::Arc;

use event_atlas::atlas::Atlas;
use event_atlas::import::{Progress, SlicedImport, synthetic};
use event_atlas::model::DataSource;
use event_atlas::platform::{Job, Poll};
use event_atlas::ui::layers::{BytesImport, import_with_provinces};

#[test]
fn bytes_in_slices_give_the_file_import_layer() {
    let atlas = Arc::new(Atlas::load(DataSource::Embedded).expect("atlas"));
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("acled.csv");
    let mut bytes = synthetic::acled_csv(30_000, 11).into_bytes();
    bytes.extend_from_slice(b"broken,row\n");
    std::fs::write(&path, &bytes).expect("write");
    let whole = import_with_provinces(&atlas, &path, &Progress::default()).expect("file");

    // As the page runs it: a job in slices on this thread, polled frame after frame.
    let mut import = BytesImport::new(atlas.clone(), SlicedImport::new("acled.csv", bytes.into()));
    let job = Job::sliced_in_place("import", move |p| import.step(p));
    let mut polls = 0;
    let got = loop {
        polls += 1;
        match job.poll() {
            Poll::Running => {}
            Poll::Done(r) => break r.expect("sliced import"),
            Poll::Lost => panic!("lost"),
        }
    };
    assert!(polls > 3, "{polls} polls");
    assert_eq!(got.layer.len(), whole.layer.len());
    let provinces =
        |l: &event_atlas::import::Layer| l.records.iter().map(|r| r.province).collect::<Vec<_>>();
    assert_eq!(provinces(&got.layer), provinces(&whole.layer));
    assert_eq!(got.world_units, whole.world_units);
    let lines =
        |l: &event_atlas::import::Layer| l.bad_rows.iter().map(|b| b.line).collect::<Vec<_>>();
    assert_eq!(lines(&got.layer), lines(&whole.layer));
    assert_eq!(lines(&got.layer), [30_002]);
}
