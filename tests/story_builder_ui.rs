//! File › New story from article…, as a teacher tries it: the menu opens the window, the
//! article is built in the background, an event is dropped and another edited, a sentence
//! becomes a new event, and "Save as story" writes the folder and opens it.

mod common;

use common::{harness, shows, wait_idle};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use event_atlas::ui::{Command, WindowId};

/// File › New story from article…, the article's path typed, Build story, and the build waited
/// for.
fn build_draft(h: &mut egui_kittest::Harness<'_, event_atlas::app::AtlasApp>, article: &str) {
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("New story from article…").click();
    h.run_steps(2);
    assert!(h.state().is_open(WindowId::StoryBuilder));
    h.get_by_role_and_label(Role::TextInput, "Article").click();
    h.run_steps(1);
    h.event(egui::Event::Text(article.into()));
    h.run_steps(2);
    h.get_by_label("Build story").click();
    h.run_steps(1);
    wait_idle(h);
}

/// The save folder typed, Save as story, and the save waited for.
fn save_to(h: &mut egui_kittest::Harness<'_, event_atlas::app::AtlasApp>, out: &std::path::Path) {
    {
        let d = h.state_mut().story_builder.draft.as_mut().expect("draft");
        d.out_field = out.display().to_string();
    }
    h.run_steps(1);
    h.get_by_label("Save as story").click();
    h.run_steps(1);
    wait_idle(h);
}

#[test]
fn an_article_becomes_a_reviewed_saved_and_opened_story() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("sudan-story");
    let mut h = harness();
    build_draft(&mut h, "tests/fixtures/articles/sudan-chad.txt");
    let sb = &h.state().story_builder;
    assert!(sb.draft.is_some(), "{:?} {:?}", sb.path_field, sb.message);
    assert!(
        shows(&h, "published 15 May 2024"),
        "{:?}",
        h.state().story_builder.message
    );
    assert!(
        shows(&h, "Sudan to Chad"),
        "the crossing is listed with its countries"
    );
    assert!(shows(&h, "Tour (draft"));

    // Drop the first event, retitle the second, and make a new event from a sentence.
    let (dropped, kept, events) = {
        let d = h.state().story_builder.draft.as_ref().expect("draft");
        (
            d.built.events[0].id.clone(),
            d.built.events[1].id.clone(),
            d.built.events.len(),
        )
    };
    {
        let d = h.state_mut().story_builder.draft.as_mut().expect("draft");
        d.keep_events[0] = false;
        d.built.events[1].title = "Refugees reach Adré".into();
    }
    h.run_steps(2);
    assert!(shows(&h, &format!("{} of {events} events", events - 1)));
    let sentence = "\"We are receiving people who have walked for ten days";
    let s = {
        let d = h.state().story_builder.draft.as_ref().expect("draft");
        d.sentences
            .iter()
            .position(|s| d.built.article[s.span.clone()].starts_with(sentence))
            .expect("sentence")
    };
    h.state_mut()
        .story_builder
        .draft
        .as_mut()
        .expect("draft")
        .picked = Some(event_atlas::ui::story_builder::Pick::Sentence(s));
    h.run_steps(2);
    let events = |h: &egui_kittest::Harness<'_, event_atlas::app::AtlasApp>| {
        let d = h.state().story_builder.draft.as_ref().expect("draft");
        d.built.events.len()
    };
    let before = events(&h);
    h.get_by_label("New event from the selected sentence")
        .click();
    h.run_steps(2);
    let after = events(&h);
    assert_eq!(after, before + 1, "a new event from the sentence");

    // Preview on the map: the draft opens as the story, the review stays, nothing is kept.
    h.get_by_label("Preview on the map").click();
    h.run_steps(1);
    wait_idle(&mut h);
    assert!(
        h.state().is_open(WindowId::StoryBuilder),
        "the review stays open"
    );
    assert!(
        h.state().story_builder.draft.is_some(),
        "the draft is still under review"
    );
    assert!(
        h.state().atlas.data.story.title.contains("Sudanese"),
        "the draft is on the map"
    );
    assert!(shows(&h, "it is not saved yet"));
    assert!(
        h.state().atlas.data.events.iter().all(|e| e.id != dropped),
        "the preview shows the draft as reviewed"
    );
    let listed = &h.state().stories.saved;
    assert!(
        listed.open.is_none() && listed.recent.is_empty(),
        "a preview is neither reopened nor listed: {listed:?}"
    );

    // Save as story: the folder is written whole, checked, and opened.
    save_to(&mut h, &out);
    assert!(
        h.state().story_builder.message.is_none(),
        "{:?}",
        h.state().story_builder.message
    );
    let errors = event_atlas::check::check(&event_atlas::model::DataSource::Dir(out.clone()));
    assert!(errors.is_empty(), "{errors:?}");
    let atlas = &h.state().atlas;
    assert!(
        atlas.data.story.title.contains("Sudanese"),
        "the new story is open"
    );
    let ids: Vec<&str> = atlas.data.events.iter().map(|e| e.id.as_str()).collect();
    assert!(
        !ids.contains(&dropped.as_str()),
        "the dropped event is gone"
    );
    let retitled = atlas
        .data
        .events
        .iter()
        .find(|e| e.id == kept)
        .expect("kept");
    assert_eq!(retitled.title, "Refugees reach Adré");
    assert!(
        atlas
            .data
            .events
            .iter()
            .any(|e| e.quote.starts_with(sentence))
    );
    // The story's own provinces are clickable at once: North Darfur is Sudan's.
    assert!(
        atlas
            .data
            .provinces
            .iter()
            .any(|p| p.name == "North Darfur")
    );
    assert!(!h.state().is_open(WindowId::StoryBuilder));
    let _ = Command::Close(WindowId::StoryBuilder);
}

#[test]
fn a_text_without_a_date_says_how_to_give_one_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("undated.txt");
    std::fs::write(
        &path,
        "Soldiers flee\n\nSoldiers fled to Tajikistan on Monday after clashes in Badakhshan.",
    )
    .expect("write");
    let mut h = harness();
    h.state_mut().apply(Command::BuildStory(path));
    wait_idle(&mut h);
    let message = h.state().story_builder.message.clone().unwrap_or_default();
    assert!(
        message.contains("--published") || message.contains("publication"),
        "{message}"
    );
    assert!(shows(&h, "no publication date"));
    assert!(h.state().story_builder.draft.is_none());
    // With the date typed, it builds.
    h.state_mut().story_builder.published_field = "2021-07-05".into();
    let path = dir.path().join("undated.txt");
    h.state_mut().apply(Command::BuildStory(path));
    wait_idle(&mut h);
    assert!(
        h.state().story_builder.draft.is_some(),
        "{:?}",
        h.state().story_builder.message
    );
}

/// The draft tour and quiz are edited as a teacher would before class: a slide moved up, a
/// place removed from a slide's view, another answer marked right; the story saved with them
/// passes the check.
#[test]
fn the_draft_tour_and_quiz_are_edited_in_their_own_terms() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("sudan-story");
    let mut h = harness();
    build_draft(&mut h, "tests/fixtures/articles/sudan-chad.txt");
    let slides = |h: &egui_kittest::Harness<'_, event_atlas::app::AtlasApp>| {
        let d = h.state().story_builder.draft.as_ref().expect("draft");
        d.built
            .tour
            .slides
            .iter()
            .map(|s| s.id.clone())
            .collect::<Vec<_>>()
    };
    let before = slides(&h);
    assert!(before.len() >= 3);

    // The tour: move the second slide up.
    h.query_all_by_label_contains("Tour (draft")
        .next()
        .expect("tour tab")
        .click();
    h.run_steps(2);
    h.get_all_by_label("Move up")
        .nth(1)
        .expect("second slide")
        .click();
    h.run_steps(2);
    let after = slides(&h);
    assert_eq!((&after[0], &after[1]), (&before[1], &before[0]));

    // The first slide's timeline date: a half-typed date changes nothing; a whole one is set.
    let first_time = |h: &egui_kittest::Harness<'_, event_atlas::app::AtlasApp>| {
        let d = h.state().story_builder.draft.as_ref().expect("draft");
        d.built.tour.slides[0].time.map(|t| t.date.to_string())
    };
    let was = first_time(&h);
    h.get_all_by_label("Timeline date")
        .next()
        .expect("a date field per slide")
        .click();
    h.run_steps(1);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.event(egui::Event::Text("2023-0".into()));
    h.run_steps(2);
    assert_eq!(first_time(&h), was, "not a date yet");
    assert!(shows(&h, "not a date yet"));
    h.event(egui::Event::Text("5".into()));
    h.run_steps(2);
    assert_eq!(first_time(&h).as_deref(), Some("2023-05"));

    // The quiz: a how-many question's other choice marked right.
    h.query_all_by_label_contains("Quiz (draft")
        .next()
        .expect("quiz tab")
        .click();
    h.run_steps(2);
    let correct = |h: &egui_kittest::Harness<'_, event_atlas::app::AtlasApp>| {
        let d = h.state().story_builder.draft.as_ref().expect("draft");
        d.built.quiz.questions.iter().find_map(|q| match q.answer {
            event_atlas::model::Answer::Choice { correct, .. } => Some(correct),
            _ => None,
        })
    };
    let was = correct(&h).expect("a how-many question");
    let radios: Vec<_> = h.get_all_by_label("right").collect();
    assert!(radios.len() >= 2, "one radio per choice");
    let other = usize::from(was == 0);
    radios[other].click();
    h.run_steps(2);
    assert_eq!(correct(&h), Some(other));

    // Saved with these edits, the story passes the check.
    save_to(&mut h, &out);
    let errors = event_atlas::check::check(&event_atlas::model::DataSource::Dir(out.clone()));
    assert!(errors.is_empty(), "{errors:?}");
    let tour = std::fs::read_to_string(out.join("tour.json")).expect("tour");
    let first = tour.find(&after[0]).expect("first slide");
    let second = tour.find(&after[1]).expect("second slide");
    assert!(first < second, "the order as edited");
    assert!(tour.contains("\"2023-05\""), "the date as edited");
}

/// The way the browser builds a story: the article's text pasted into the window, built,
/// previewed from memory, and its story packed as a `.zip` that opens again as the story.
#[test]
fn a_pasted_article_is_built_previewed_and_its_archive_reopens() {
    let text = std::fs::read_to_string("tests/fixtures/articles/sudan-chad.txt").expect("read");
    let mut h = harness();
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("New story from article…").click();
    h.run_steps(2);
    h.get_by_label("Or paste the article's text").click();
    h.run_steps(2);
    h.get_by_label("Article text").click();
    h.run_steps(1);
    h.event(egui::Event::Paste(text));
    h.run_steps(2);
    h.get_by_label("Build story from pasted text").click();
    h.run_steps(1);
    wait_idle(&mut h);
    let draft = h.state().story_builder.draft.as_ref().expect("a draft");
    assert_eq!(draft.built.story.published.map(|d| d.year), Some(2024));
    assert!(shows(&h, "Sudan to Chad"));

    // Preview: from memory; nothing is listed or reopened.
    h.get_by_label("Preview on the map").click();
    h.run_steps(1);
    wait_idle(&mut h);
    assert!(h.state().atlas.data.story.title.contains("Sudanese"));
    assert!(matches!(
        h.state().atlas.data.source,
        event_atlas::model::DataSource::Files(_)
    ));
    assert!(h.state().stories.saved.open.is_none());

    // The archive the browser would download opens as the story (after the built-in one).
    let finished = h
        .state()
        .story_builder
        .draft
        .as_ref()
        .expect("draft")
        .finished();
    let files = event_atlas::builder::folder::in_memory(&finished, "sudan.zip").expect("checked");
    let zip = files.to_zip().expect("zip");
    h.state_mut().apply(Command::OpenBuiltInStory);
    assert!(!h.state().atlas.data.story.title.contains("Sudanese"));
    h.state_mut().apply(Command::OpenStoryArchive(
        event_atlas::platform::FileBytes {
            name: "sudan.zip".into(),
            bytes: zip.into(),
        },
    ));
    h.run_steps(1);
    wait_idle(&mut h);
    assert!(h.state().atlas.data.story.title.contains("Sudanese"));
    assert_eq!(h.state().atlas.data.events.len(), finished.events.len());

    // A file that is not an archive is refused with its name; the story stays.
    h.state_mut().apply(Command::OpenStoryArchive(
        event_atlas::platform::FileBytes {
            name: "notes.zip".into(),
            bytes: b"hello".as_slice().into(),
        },
    ));
    h.run_steps(2);
    assert!(shows(&h, "notes.zip: not a story archive"));
    assert!(h.state().atlas.data.story.title.contains("Sudanese"));
}
