//! Part 8: a story from any article. Builds the shipped article and the test articles of other
//! regions (tests/fixtures/articles, written for this, with gold annotations), checks every
//! folder, scores them, and feeds the builder bad input.

use std::path::{Path, PathBuf};

use event_atlas::builder::eval::{Gold, Score, score};
use event_atlas::builder::{BuildError, Built, Library, Options, build, folder};
use event_atlas::model::{DataSource, Dataset, PartialDate};

fn library() -> Library {
    Library::embedded().expect("the embedded data loads")
}

fn built(lib: &Library, path: &Path, published: Option<PartialDate>) -> Built {
    let bytes = std::fs::read(path).expect("article");
    let opts = Options {
        name: path.display().to_string(),
        published,
        title: None,
    };
    build(&bytes, &opts, lib).unwrap_or_else(|e| panic!("{e}"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ea-story-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Every test article with its gold file, the held-out ones included.
fn articles() -> Vec<(PathBuf, PathBuf)> {
    let mut out = Vec::new();
    for dir in [
        "tests/fixtures/articles",
        "tests/fixtures/articles/heldout",
        "tests/fixtures/articles/heldout2",
        "tests/fixtures/articles/heldout3",
    ] {
        let mut texts: Vec<PathBuf> = std::fs::read_dir(dir)
            .expect("articles")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        texts.sort();
        for t in texts {
            let gold = t.with_extension("gold.json");
            assert!(gold.exists(), "{} has no gold file", t.display());
            out.push((t, gold));
        }
    }
    out
}

fn add(total: &mut (usize, usize), n: (usize, usize)) {
    total.0 += n.0;
    total.1 += n.1;
}

#[test]
fn every_test_article_becomes_a_checked_story_and_scores_as_measured() {
    let lib = library();
    let (mut events, mut moves, mut totals, mut places, mut counts) =
        ((0, 0), (0, 0), (0, 0), (0, 0), (0, 0));
    let mut held_out_moves = (0, 0);
    let list = articles();
    assert!(list.len() >= 14, "{} articles", list.len());
    for (text, gold) in &list {
        let gold: Gold =
            serde_json::from_str(&std::fs::read_to_string(gold).expect("gold")).expect("gold json");
        let b = built(&lib, text, None);
        assert_eq!(
            b.story.published,
            Some(gold.published),
            "{}",
            text.display()
        );
        // The folder is written only if it passes `check`; it then loads like any story.
        let out = scratch(&text.file_stem().expect("stem").to_string_lossy());
        folder::write(&b, &out, false).unwrap_or_else(|e| panic!("{}: {e}", text.display()));
        let ds = Dataset::load(DataSource::Dir(out.clone())).expect("loads");
        assert!(event_atlas::check::check(&DataSource::Dir(out.clone())).is_empty());
        assert!(
            ds.tour()
                .expect("tour")
                .is_some_and(|t| t.draft && t.slides.len() >= 3)
        );
        assert!(
            ds.quiz()
                .expect("quiz")
                .is_some_and(|q| q.draft && q.questions.len() >= 3)
        );
        // A sentence that opens as a sum is a total, not an event (as the gold has it).
        let sums: Vec<&str> = gold
            .totals
            .iter()
            .map(|t| t.sentence.as_str())
            .filter(|t| {
                ["In total", "In all", "So far"]
                    .iter()
                    .any(|c| t.starts_with(c))
            })
            .collect();
        for e in &b.events {
            assert!(
                !sums.iter().any(|t| e.quote.contains(t)),
                "{}: {:?} is a total",
                text.display(),
                e.quote
            );
        }
        let s: Score = score(&b, &gold);
        eprintln!("{}\n{}", text.display(), s.summary());
        add(&mut events, s.events);
        add(&mut moves, s.movements);
        if text.to_string_lossy().contains("heldout") {
            add(&mut held_out_moves, s.movements);
        }
        add(&mut totals, s.totals);
        add(&mut places, s.places);
        add(&mut counts, s.counts_vague_as_words);
        std::fs::remove_dir_all(&out).expect("clean up");
    }
    let pct = |n: (usize, usize)| 100.0 * n.0 as f64 / n.1.max(1) as f64;
    eprintln!(
        "all: events {events:?} {:.0} %, movements {moves:?} {:.0} %, totals {totals:?}, places {places:?} {:.0} %",
        pct(events),
        pct(moves),
        pct(places)
    );
    // The targets are 80 % each on unseen articles. Over all fourteen (five developed
    // against, nine held out) events, movements and places meet them (see the README for
    // each set, first scored with the rules frozen).
    assert!(pct(events) >= 80.0, "events {events:?}");
    assert!(pct(moves) >= 80.0, "movements {moves:?}");
    // The nine held-out articles alone, for movements.
    assert!(
        pct(held_out_moves) >= 80.0,
        "held-out movements {held_out_moves:?}"
    );
    assert!(pct(places) >= 80.0, "places {places:?}");
    assert_eq!(counts.0, counts.1, "every count as vague as its words");
}

#[test]
fn the_shipped_article_gives_back_its_crossings_totals_and_dated_events() {
    let lib = library();
    let data = Dataset::embedded().expect("data");
    let b = built(
        &lib,
        Path::new("data/source/article.txt"),
        data.story.published,
    );
    let gold = Gold::from_story(&data);
    let s = score(&b, &gold);
    eprintln!("{}\n{}", s.table, s.summary());
    // Both totals, with the same cases, span and bounds.
    assert_eq!(s.totals, (2, 2));
    let cases: Vec<Option<u32>> = b.crossings.totals.iter().map(|t| t.cases).collect();
    assert_eq!(cases, [Some(3), Some(5)]);
    // All four crossings, with the right countries, dates and vagueness: the opening one
    // takes its day from "The latest group … sought refuge early on Monday morning".
    assert_eq!(s.movements, (4, 4));
    let country = |id: &str| {
        b.places
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.country.clone())
    };
    for x in &data.crossings.crossings {
        let to = data.place(&x.to).expect("to").country.clone();
        let found = b.crossings.crossings.iter().find(|y| {
            y.quote == x.quote
                && country(&y.to).as_deref() == Some(to.as_str())
                && (y.people.low, y.people.best, y.people.high)
                    == (x.people.low, x.people.best, x.people.high)
        });
        assert!(found.is_some(), "crossing {} not found", x.id);
    }
    // Events: at least 90 % of the hand-made ones whose dates the article gives (the rest
    // carry dates from general knowledge, which no reading of the text can give).
    let (n, of) = s.events_dated_in_text;
    assert!(n * 10 >= of * 9, "{:?}", s.events_dated_in_text);
    assert!(s.events.0 >= 22, "{:?}", s.events);
}

#[test]
fn bad_input_gets_a_clear_message_and_writes_nothing() {
    let lib = library();
    let opts = |name: &str| Options {
        name: name.into(),
        ..Options::default()
    };
    let err = |bytes: &[u8], name: &str| build(bytes, &opts(name), &lib).expect_err(name);
    assert!(matches!(err(b"  \n", "empty.txt"), BuildError::Empty(_)));
    assert!(matches!(
        err(b"PK\x03\x04\x00\x00binary", "a.zip"),
        BuildError::Binary(..)
    ));
    let german = "Mehr als tausend afghanische Soldaten sind nach Tadschikistan geflohen, teilten die Behörden mit. Die Kämpfe gehen weiter.";
    assert!(matches!(
        err(german.as_bytes(), "de.txt"),
        BuildError::NotEnglish(..)
    ));
    let undated = "Soldiers flee\n\nSoldiers fled to Tajikistan after clashes in Badakhshan.";
    let e = err(undated.as_bytes(), "undated.txt");
    assert!(e.to_string().contains("--published"), "{e}");
    let nowhere = "A quiet day\nPublished 3 May 2024\n\nThe committee met on Tuesday and agreed a new budget.";
    assert!(matches!(
        err(nowhere.as_bytes(), "nowhere.txt"),
        BuildError::NoPlaces(_)
    ));
    let timeless =
        "Kabul\nPublished 3 May 2024\n\nKabul is a city of many gardens. Its river is dry.";
    let e = err(timeless.as_bytes(), "timeless.txt");
    assert!(
        matches!(e, BuildError::NoDates(_) | BuildError::NoEvents(_)),
        "{e}"
    );
    let wrong_day = "Soldiers flee\nMonday 6 July 2021\n\nSoldiers fled to Tajikistan on Sunday.";
    let e = err(wrong_day.as_bytes(), "wrong.txt");
    assert!(matches!(e, BuildError::Contradictory(..)), "{e}");
    assert!(e.to_string().contains("Tuesday"), "{e}");
}

#[test]
fn an_existing_folder_is_kept_unless_forced_and_never_half_written() {
    let lib = library();
    let b = built(
        &lib,
        Path::new("tests/fixtures/articles/sudan-chad.txt"),
        None,
    );
    let out = scratch("exists");
    std::fs::create_dir_all(&out).expect("dir");
    std::fs::write(out.join("mine.txt"), "a teacher's notes").expect("write");
    let e = folder::write(&b, &out, false).expect_err("refused");
    assert!(matches!(e, BuildError::OutExists(_)), "{e}");
    assert!(
        out.join("mine.txt").exists(),
        "nothing the user made is lost"
    );
    // A story that fails its own check is not written, and the old folder stays.
    let mut broken = b.clone();
    broken.events[0].quote = "A sentence the article never had.".into();
    let e = folder::write(&broken, &out, true).expect_err("fails its check");
    assert!(e.to_string().contains("verbatim"), "{e}");
    assert!(out.join("mine.txt").exists());
    let parent = out.parent().expect("parent");
    let stem = out
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let leftovers = std::fs::read_dir(parent)
        .expect("read")
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(&format!(".{stem}."))
        })
        .count();
    assert_eq!(leftovers, 0, "no partial folder is left behind");
    // Forced, a good story replaces the folder whole.
    folder::write(&b, &out, true).expect("forced");
    assert!(!out.join("mine.txt").exists());
    assert!(out.join("story.json").exists() && out.join("events.json").exists());
    std::fs::remove_dir_all(&out).expect("clean up");
}

#[test]
fn the_command_line_builds_a_folder_and_refuses_to_overwrite() {
    let exe = env!("CARGO_BIN_EXE_event-atlas");
    let out = scratch("cli");
    let run = |extra: &[&str]| {
        std::process::Command::new(exe)
            .args(["story", "tests/fixtures/articles/congo-uganda.txt", "--out"])
            .arg(&out)
            .args(extra)
            .output()
            .expect("runs")
    };
    let first = run(&[]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let again = run(&[]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    assert!(run(&["--force"]).status.success());
    let check = std::process::Command::new(exe)
        .arg("check")
        .arg(&out)
        .output()
        .expect("runs");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    std::fs::remove_dir_all(&out).expect("clean up");
}

#[test]
fn dates_that_contradict_themselves_stop_the_command_unless_accepted() {
    let dir = tempfile::tempdir().expect("tmp");
    let article = dir.path().join("doubt.txt");
    std::fs::write(
        &article,
        "Soldiers flee\nPublished 5 July 2021\n\nOn Monday 6 July 2021, soldiers fled to Tajikistan after clashes in Badakhshan.\n",
    )
    .expect("write");
    let out = dir.path().join("story");
    let exe = env!("CARGO_BIN_EXE_event-atlas");
    let run = |extra: &[&str]| {
        std::process::Command::new(exe)
            .arg("story")
            .arg(&article)
            .arg("--out")
            .arg(&out)
            .args(extra)
            .output()
            .expect("runs")
    };
    let refused = run(&[]);
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains("Tuesday") && said.contains("--accept-doubts"),
        "{said}"
    );
    assert!(!out.exists(), "nothing written");
    let accepted = run(&["--accept-doubts"]);
    assert!(
        accepted.status.success(),
        "{}",
        String::from_utf8_lossy(&accepted.stderr)
    );
    assert!(out.join("story.json").exists());
}

/// A destination the gazetteer lacks takes the country the article gives it in an apposition,
/// else the country the article's other crossings reach; the record says which.
#[test]
fn a_destination_the_gazetteer_lacks_takes_the_country_the_article_gives_it() {
    let lib = library();
    // Names the geocoder marks as places ("in Goz Maraba") but cannot find.
    let text = "Sudanese flee to Chad\n\nPublished 3 March 2024\n\nMore than 5,000 refugees from Sudan's Darfur region have crossed into Chad over the past week, aid agencies said.\n\nAbout 2,000 people arrived in Goz Maraba on Monday, officials said. Goz Maraba, a small village in eastern Chad, has a single well.\n\nNearly 300 people arrived at Tekelmi Post on Tuesday.\n";
    let opts = Options {
        name: "unplaced.txt".into(),
        published: None,
        title: None,
    };
    let b = build(text.as_bytes(), &opts, &lib).unwrap_or_else(|e| panic!("{e}"));
    let country = |id: &str| {
        b.places
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.country.clone())
    };
    let to = |quote: &str| {
        let x = b
            .crossings
            .crossings
            .iter()
            .find(|x| x.quote.contains(quote));
        x.map(|x| (country(&x.to), country(&x.from), x.to_basis.clone()))
    };
    let (to_td, from, basis) = to("Goz Maraba on Monday").expect("a crossing");
    assert_eq!(
        (to_td.as_deref(), from.as_deref()),
        (Some("TD"), Some("SD"))
    );
    assert!(basis.is_some_and(|b| b.contains("as the article has it")));
    let (to_td, _, basis) = to("Tekelmi Post").expect("a crossing");
    assert_eq!(to_td.as_deref(), Some("TD"));
    assert!(basis.is_some_and(|b| b.contains("other crossings")));
}

/// A dateline above the headline: the headline still titles the story and is no event.
#[test]
fn a_dateline_above_the_headline_is_passed_over() {
    let lib = library();
    let text = "Published 3 March 2024\n\nSudanese flee to Chad\n\nMore than 5,000 refugees from Sudan have crossed into Chad over the past week, aid agencies said.\n";
    let opts = Options {
        name: "dateline.txt".into(),
        published: None,
        title: None,
    };
    let b = build(text.as_bytes(), &opts, &lib).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(b.story.title, "Sudanese flee to Chad");
    assert_eq!(b.events.len(), 1, "{:?}", b.events);
    assert_eq!(b.crossings.crossings.len(), 1);
}
