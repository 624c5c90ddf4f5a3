//! Bad data gets a message naming the file and the line, never a panic.

use std::path::{Path, PathBuf};

use event_atlas::check;
use event_atlas::model::{DataSource, Dataset};

mod common;

/// A scratch copy of `data/` that a test may break.
fn scratch() -> (tempfile::TempDir, PathBuf) {
    common::copy_story(Path::new("data"))
}

fn edit(root: &Path, file: &str, f: impl FnOnce(String) -> String) {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, f(text)).expect("write");
}

fn line_of(root: &Path, file: &str, needle: &str) -> usize {
    let text = std::fs::read_to_string(root.join(file)).expect("read");
    let at = text.find(needle).expect("needle");
    text[..at].matches('\n').count() + 1
}

#[test]
fn broken_json_names_file_and_line() {
    let (_tmp, root) = scratch();
    edit(&root, "events.json", |t| {
        t.replacen("\"title\":", "\"title\" ", 3)
    });
    let err = Dataset::load(DataSource::Dir(root.clone())).expect_err("broken");
    let msg = err.to_string();
    assert!(msg.contains("events.json:"), "{msg}");
    assert!(err.line.is_some_and(|l| l > 1), "{msg}");
}

#[test]
fn missing_file_is_named() {
    let (_tmp, root) = scratch();
    std::fs::remove_file(root.join("crossings.json")).expect("rm");
    let err = Dataset::load(DataSource::Dir(root)).expect_err("missing");
    assert!(err.to_string().contains("crossings.json"), "{err}");
}

#[test]
fn nan_or_out_of_range_coordinates_are_refused() {
    let (_tmp, root) = scratch();
    edit(&root, "places.json", |t| {
        t.replacen("\"lat\": ", "\"lat\": NaN, \"x\": ", 1)
    });
    let err = Dataset::load(DataSource::Dir(root.clone())).expect_err("NaN is not JSON");
    assert!(err.to_string().contains("places.json:"), "{err}");

    let (_tmp, root) = scratch();
    edit(&root, "places.json", |t| {
        let at = t.find("\"lat\": ").expect("lat") + 7;
        let end = at + t[at..].find(',').expect("comma");
        format!("{}123.0{}", &t[..at], &t[end..])
    });
    let errors = check::check(&DataSource::Dir(root.clone()));
    assert!(
        errors
            .iter()
            .any(|e| e.to_string().contains("out of range")),
        "{errors:?}"
    );
}

#[test]
fn unknown_place_id_is_reported_with_its_line() {
    let (_tmp, root) = scratch();
    edit(&root, "events.json", |t| {
        t.replacen("\"kabul\"", "\"atlantis\"", 1)
    });
    let expected = line_of(&root, "events.json", "\"atlantis\"");
    let errors = check::check(&DataSource::Dir(root.clone()));
    let e = errors
        .iter()
        .find(|e| e.message.contains("atlantis"))
        .unwrap_or_else(|| panic!("{errors:?}"));
    assert!(e.file.ends_with("events.json"), "{e}");
    assert_eq!(e.line, Some(expected), "{e}");
}

#[test]
fn altered_quote_is_caught() {
    let (_tmp, root) = scratch();
    edit(&root, "crossings.json", |t| {
        t.replacen(
            "More than 1,000 Afghan soldiers",
            "More than 2,000 Afghan soldiers",
            1,
        )
    });
    let errors = check::check(&DataSource::Dir(root.clone()));
    assert!(
        errors.iter().any(|e| e.file.ends_with("crossings.json")
            && e.message.contains("not found verbatim")
            && e.line.is_some()),
        "{errors:?}"
    );
}

#[test]
fn bad_date_is_reported_with_file_and_line() {
    let (_tmp, root) = scratch();
    edit(&root, "events.json", |t| {
        t.replacen("\"date\": \"2001-09-11\"", "\"date\": \"2001-09-31\"", 1)
    });
    let err = Dataset::load(DataSource::Dir(root.clone())).expect_err("bad date");
    let expected = line_of(&root, "events.json", "2001-09-31");
    assert_eq!(err.line, Some(expected), "{err}");
    assert!(err.to_string().contains("day out of range"), "{err}");
}

#[test]
fn the_cli_check_fails_on_bad_data_and_passes_on_good() {
    let bin = env!("CARGO_BIN_EXE_event-atlas");
    let ok = std::process::Command::new(bin)
        .args(["check", "data"])
        .output()
        .expect("run");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );

    let (_tmp, root) = scratch();
    edit(&root, "places.json", |t| t.replacen('[', "[{", 1));
    let bad = std::process::Command::new(bin)
        .arg("check")
        .arg(&root)
        .output()
        .expect("run");
    assert!(!bad.status.success());
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(
        stderr.contains("places.json:2:3: key must be a string"),
        "{stderr}"
    );
}

#[test]
fn check_reports_unparsable_and_backwards_dates_with_file_and_line() {
    let bin = env!("CARGO_BIN_EXE_event-atlas");
    // A crossing date that is not a date at all.
    let (_tmp, root) = scratch();
    edit(&root, "crossings.json", |t| {
        t.replacen("\"date\": \"2021-07-05\"", "\"date\": \"5 July 2021\"", 1)
    });
    let line = line_of(&root, "crossings.json", "5 July 2021\"");
    let out = std::process::Command::new(bin)
        .arg("check")
        .arg(&root)
        .output()
        .expect("run");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("crossings.json:{line}:")) && stderr.contains("invalid date"),
        "{stderr}"
    );

    // An event that ends before it starts: the timeline would draw a bar backwards.
    let (_tmp2, root) = scratch();
    edit(&root, "events.json", |t| {
        t.replacen(
            "\"end_date\": \"2021-07-05\"",
            "\"end_date\": \"2020-07-05\"",
            1,
        )
    });
    let (_, errors) = check::load_and_check(&DataSource::Dir(root.clone())).expect("loads");
    let line = line_of(&root, "events.json", "\"end_date\": \"2020-07-05\"");
    assert!(
        errors
            .iter()
            .any(|e| e.line == Some(line) && e.to_string().contains("before it starts")),
        "{errors:?}"
    );
}

#[test]
fn check_reports_tour_problems_with_file_and_line() {
    let (_tmp, root) = scratch();
    edit(&root, "tour.json", |t| {
        t.replacen("\"AF-TAK\"", "\"AF-XXX\"", 1).replacen(
            "have seen a rapid Taliban advance",
            "have seen a Taliban advance",
            1,
        )
    });
    let (_, errors) = check::load_and_check(&DataSource::Dir(root.clone())).expect("story loads");
    let unknown = line_of(&root, "tour.json", "\"AF-XXX\"");
    let quote = line_of(&root, "tour.json", "have seen a Taliban advance");
    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert!(
        errors
            .iter()
            .any(|e| e.line == Some(unknown) && e.to_string().contains("AF-XXX")),
        "{text:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.line == Some(quote) && e.to_string().contains("verbatim")),
        "{text:?}"
    );

    // A tour that is not JSON stops only the tour: the story still loads.
    edit(&root, "tour.json", |t| t.replacen('{', "{,", 1));
    let (ds, errors) = check::load_and_check(&DataSource::Dir(root.clone())).expect("story loads");
    assert!(!ds.events.is_empty());
    assert!(
        errors
            .iter()
            .any(|e| e.to_string().contains("tour.json:1:")),
        "{errors:?}"
    );
}

#[test]
fn check_reports_quiz_problems_with_file_and_line() {
    let (_tmp, root) = scratch();
    edit(&root, "quiz.json", |t| {
        t.replacen("\"correct\": 1", "\"correct\": 7", 1).replacen(
            "\"place\": \"doha\"",
            "\"place\": \"dohaa\"",
            1,
        )
    });
    let (_, errors) = check::load_and_check(&DataSource::Dir(root.clone())).expect("story loads");
    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert!(
        text.iter()
            .any(|e| e.contains("quiz.json:") && e.contains("correct is 7")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|e| e.contains("quiz.json:") && e.contains("unknown place \"dohaa\"")),
        "{text:?}"
    );
    // A quiz that is not JSON is reported; the story still loads.
    edit(&root, "quiz.json", |_| {
        "{\"title\": \"q\", \"questions\": [}".into()
    });
    let (ds, errors) = check::load_and_check(&DataSource::Dir(root.clone())).expect("story loads");
    assert!(!ds.places.is_empty());
    assert!(
        errors
            .iter()
            .any(|e| e.to_string().contains("quiz.json:1:")),
        "{errors:?}"
    );
}
