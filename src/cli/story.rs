//! `event-atlas story` and `story-eval`: an article to a story folder, and how well that
//! matches a hand-made story or a gold file.

use std::path::Path;

use anyhow::{Context, bail};

use crate::builder::eval::{Gold, score};
use crate::builder::{Built, Library, Options, build, folder};
use crate::model::{DataSource, Dataset, PartialDate};

/// Builds the story in memory, saying what it found.
fn built(
    article: &Path,
    published: Option<PartialDate>,
    title: Option<String>,
) -> anyhow::Result<Built> {
    let bytes =
        std::fs::read(article).with_context(|| format!("cannot read {}", article.display()))?;
    let lib = Library::embedded()?;
    let opts = Options {
        name: article.display().to_string(),
        published,
        title,
    };
    let b = build(&bytes, &opts, &lib)?;
    for w in &b.warnings {
        eprintln!("warning: {w}");
    }
    Ok(b)
}

/// `event-atlas story`.
pub fn story(
    article: &Path,
    out: &Path,
    published: Option<PartialDate>,
    title: Option<String>,
    force: bool,
    accept_doubts: bool,
) -> anyhow::Result<()> {
    if out.exists() && !force {
        bail!(
            "{}: the folder exists; choose another or add --force to replace it",
            out.display()
        );
    }
    let started = std::time::Instant::now();
    let b = built(article, published, title)?;
    if !b.doubts.is_empty() && !accept_doubts {
        for d in &b.doubts {
            eprintln!("doubt: {d}");
        }
        bail!(
            "{}: {} date(s) in the article contradict themselves; nothing written. Check the article, or add --accept-doubts to write the story anyway",
            article.display(),
            b.doubts.len()
        );
    }
    folder::write(&b, out, force)?;
    println!(
        "{}: “{}”, published {}: {} places, {} events, {} crossings, {} totals, {} tour slides and {} quiz questions (drafts), provinces of {}; checked, in {:.0} ms",
        out.display(),
        b.story.title,
        b.story.published.map_or_else(String::new, |d| d.human()),
        b.places.len(),
        b.events.len(),
        b.crossings.crossings.len(),
        b.crossings.totals.len(),
        b.tour.slides.len(),
        b.quiz.questions.len(),
        b.story.countries.join(", "),
        started.elapsed().as_secs_f64() * 1000.0
    );
    Ok(())
}

/// `event-atlas story-eval`.
pub fn story_eval(
    article: &Path,
    against: Option<&Path>,
    gold: Option<&Path>,
    published: Option<PartialDate>,
) -> anyhow::Result<()> {
    let gold = match (against, gold) {
        (Some(dir), _) => Gold::from_story(&Dataset::load(DataSource::Dir(dir.to_path_buf()))?),
        (None, Some(file)) => {
            let text = std::fs::read_to_string(file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            serde_json::from_str(&text)
                .with_context(|| format!("{}: not a gold file", file.display()))?
        }
        (None, None) => bail!("give --against DIR or --gold FILE"),
    };
    let b = built(article, published.or(Some(gold.published)), None)?;
    let s = score(&b, &gold);
    println!("{}", s.table);
    print!("{}", s.summary());
    Ok(())
}
