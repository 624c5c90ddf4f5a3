//! Killing the app while it saves a tour or drawings never leaves a truncated file.
//!
//! `examples/save_loop.rs` saves through the app's atomic writer in a tight loop; this test kills it
//! (SIGKILL, no chance to clean up) at many moments and parses what is on disk each time.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use event_atlas::model::{Tour, annotation};

/// The example binary, built by `cargo test` beside the test binaries.
fn save_loop() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary");
    let debug = exe
        .parent()
        .and_then(Path::parent)
        .expect("target/<profile>");
    let bin = debug
        .join("examples")
        .join(format!("save_loop{}", std::env::consts::EXE_SUFFIX));
    if !bin.exists() {
        let status = Command::new(env!("CARGO"))
            .args(["build", "--quiet", "--example", "save_loop"])
            .status()
            .expect("cargo build");
        assert!(status.success());
    }
    bin
}

fn kill_repeatedly(kind: &str, check: impl Fn(&str)) {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("saved.json");
    let bin = save_loop();
    for round in 0..40u64 {
        let mut child = Command::new(&bin)
            .arg(kind)
            .arg(&file)
            .spawn()
            .expect("spawn save_loop");
        // Let it get going, then kill it at a moment that differs each round.
        let mut waited = 0;
        while !file.exists() && waited < 3000 {
            std::thread::sleep(Duration::from_millis(10));
            waited += 1;
        }
        std::thread::sleep(Duration::from_millis(5 + (round * 7) % 60));
        child.kill().expect("kill");
        let _ = child.wait();
        let text = std::fs::read_to_string(&file).expect("save_loop wrote the file within 30 s");
        check(&text);
    }
}

#[test]
fn a_tour_is_never_left_half_written() {
    kill_repeatedly("tour", |text| {
        let tour = Tour::parse("saved.json", text).expect("a whole tour after a kill");
        assert!(!tour.slides.is_empty());
    });
}

#[test]
fn drawings_are_never_left_half_written() {
    kill_repeatedly("drawings", |text| {
        let (items, skipped) =
            annotation::from_geojson("saved.json", text).expect("whole drawings after a kill");
        assert!(items.len() >= 600);
        assert_eq!(skipped, 0);
    });
}
