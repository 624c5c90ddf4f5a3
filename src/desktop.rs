//! The desktop binary: parse the command line, then run a data command or open the window.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::Parser;
use event_atlas::app::{AtlasApp, Persisted};
use event_atlas::atlas::Atlas;
use event_atlas::cli::{self, Cli, Command, Renderer};
use event_atlas::model::DataSource;
use event_atlas::ui::export::ScreenshotJob;
use event_atlas::ui::stories::{StoryOrigin, load_story};

/// Runs the command line's command, or the window.
pub fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Some(Command::Geocode { article, out }) => {
            cli::geocode(article, out.as_deref(), cli.data.as_deref())
        }
        Some(Command::Convert { input, out, layout }) => cli::convert(input, out, *layout),
        Some(Command::Check { data_dir }) => {
            cli::check(data_dir.as_deref().or(cli.data.as_deref()))
        }
        Some(Command::Story {
            article,
            out,
            published,
            title,
            force,
            accept_doubts,
        }) => cli::story(
            article,
            out,
            *published,
            title.clone(),
            *force,
            *accept_doubts,
        ),
        Some(Command::StoryEval {
            article,
            against,
            gold,
            published,
        }) => cli::story_eval(article, against.as_deref(), gold.as_deref(), *published),
        None => run_app(cli),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// The story to open: the folder given, else the one open at the last exit, else the built-in
/// one. A folder that cannot be read falls back to the built-in story, with the reason listed.
fn open_story(dir: Option<&Path>) -> anyhow::Result<(Arc<Atlas>, Option<PathBuf>, Vec<String>)> {
    if let Some(dir) = dir {
        match load_story(dir) {
            Ok((atlas, problems)) => return Ok((atlas, Some(dir.to_path_buf()), problems)),
            Err(e) => {
                let atlas = Arc::new(Atlas::load(DataSource::Embedded)?);
                return Ok((
                    atlas,
                    None,
                    vec![format!("{e}\nShowing the built-in story instead.")],
                ));
            }
        }
    }
    Ok((
        Arc::new(Atlas::load(DataSource::Embedded)?),
        None,
        Vec::new(),
    ))
}

fn run_app(cli: Cli) -> anyhow::Result<()> {
    let viewport = egui::ViewportBuilder::default()
        .with_title("Event Atlas")
        .with_inner_size([cli.size.width, cli.size.height])
        .with_min_inner_size([640.0, 420.0]);
    if let Some(range) = &cli.animate {
        // Refuse a bad range or file before a window opens.
        animation_settings(&cli, range).check()?;
    }
    if let Some(path) = &cli.handout {
        writable_folder(path)?;
    }
    let capture_dir = (cli.screenshot.is_some() || cli.animate.is_some() || cli.handout.is_some())
        .then(|| std::env::temp_dir().join(format!("event-atlas-capture-{}", std::process::id())));
    let options = eframe::NativeOptions {
        viewport,
        renderer: match cli.renderer {
            Renderer::Glow => eframe::Renderer::Glow,
            Renderer::Wgpu => eframe::Renderer::Wgpu,
        },
        // A screenshot run must not read or write the user's saved view, nor open at the window
        // size the user last left (eframe restores it from storage whatever `--size` says): it
        // gets a storage folder of its own that holds nothing.
        persist_window: capture_dir.is_none(),
        persistence_path: capture_dir.clone(),
        ..Default::default()
    };
    let result = eframe::run_native(
        "event-atlas",
        options,
        Box::new(move |cc| Ok(Box::new(build_app(&cli, cc)?))),
    )
    .map_err(|e| anyhow::anyhow!("{e}"));
    if let Some(dir) = capture_dir {
        let _ = std::fs::remove_dir_all(dir);
    }
    result
}

/// The app as the command line asks: its story, its state, then the tour, date, files and
/// selection given.
fn build_app(
    cli: &Cli,
    cc: &eframe::CreationContext<'_>,
) -> Result<AtlasApp, Box<dyn std::error::Error + Send + Sync>> {
    let capture = cli.screenshot.is_some() || cli.animate.is_some() || cli.handout.is_some();
    let saved = if capture {
        // Nor the panel sizes and other egui memory the user's runs left behind.
        cc.egui_ctx.memory_mut(|m| *m = egui::Memory::default());
        Persisted::default()
    } else {
        AtlasApp::restore(cc.storage)
    };
    let dir = cli.data.clone().or_else(|| saved.stories.open.clone());
    let (atlas, opened, problems) = open_story(dir.as_deref())?;
    for p in &problems {
        eprintln!("data problem: {p}");
    }
    let mut app = AtlasApp::new(atlas, saved);
    let origin = opened.map_or(StoryOrigin::BuiltIn, StoryOrigin::Folder);
    app.stories.opened(&origin);
    app.problems.extend(problems);
    apply_cli(&mut app, cli);
    if !capture && let Some(dir) = eframe::storage_dir("event-atlas") {
        // HTTP tiles and drawings live beside the saved state (never in screenshot runs).
        app.basemap.cache = Some(dir.join("tiles"));
        app.reopen_saved_layers();
        app = app.with_annotations_file(dir.join("annotations.geojson"));
    }
    for path in &cli.open {
        app.open_data(path.clone());
    }
    if let (Some(range), Some(out)) = (&cli.animate, &cli.out) {
        let settings = animation_settings(cli, range);
        let plan = event_atlas::ui::animate::plan_for(&app.atlas, &settings.saved)?;
        app.start_recording(plan, event_atlas::platform::SaveTo::Path(out.clone()), true);
    }
    if let Some(path) = &cli.handout {
        app.start_handout(event_atlas::platform::SaveTo::Path(path.clone()), true);
        if app.handout.is_none() {
            return Err(app.problems.last().cloned().unwrap_or_default().into());
        }
    }
    if let Some(path) = &cli.screenshot {
        app = app.with_screenshot(ScreenshotJob::new(event_atlas::platform::SaveTo::Path(
            path.clone(),
        )));
    }
    Ok(app)
}

/// `--tour`, `--slide`, `--time`, `--window` and `--select`.
fn apply_cli(app: &mut AtlasApp, cli: &Cli) {
    let warn = |app: &mut AtlasApp, e: String| {
        eprintln!("warning: {e}");
        app.problems.push(e);
    };
    if let Some(path) = &cli.tour
        && let Err(e) = app.open_tour(path)
    {
        warn(app, e);
    }
    if cli.tour.is_some() || cli.slide.is_some() {
        let n = cli.slide.map_or(0, |n| n as usize - 1);
        let len = app.tours.len();
        if n >= len {
            warn(app, format!("--slide {}: the tour has {len} slides", n + 1));
        }
        app.tours.presenter = cli.presenter;
        // A screenshot shows the slide as it ends, not mid-flight.
        app.start_tour(n.min(len.saturating_sub(1)), cli.screenshot.is_some());
    }
    if let Some(date) = cli.time {
        app.set_time(date, cli.window);
    }
    if let Some(what) = &cli.select
        && let Err(e) = app.select(what)
    {
        warn(app, e);
    }
}

/// `--animate`'s settings as the export window's.
struct AnimationArgs {
    saved: event_atlas::ui::animate::AnimationSaved,
    out: PathBuf,
}

fn animation_settings(cli: &Cli, range: &cli::DateRange) -> AnimationArgs {
    let days = (range.to.last_day_number() + 1 - range.from.first_day_number()) as f64;
    let saved = event_atlas::ui::animate::AnimationSaved {
        span: event_atlas::ui::animate::Span::Custom,
        from: range.from.to_string(),
        to: range.to.to_string(),
        fps: cli.fps,
        speed: cli.speed.unwrap_or(days / 8.0),
        path: String::new(),
    };
    AnimationArgs {
        saved,
        out: cli.out.clone().unwrap_or_default(),
    }
}

impl AnimationArgs {
    /// The range, pace and file checked without the story: a clear message, no window.
    fn check(&self) -> anyhow::Result<()> {
        use event_atlas::media::{Format, FramePlan};
        Format::of(&self.out)?;
        let s = &self.saved;
        let day = |t: &str| t.parse::<event_atlas::model::PartialDate>();
        let (from, to) = (day(&s.from)?, day(&s.to)?);
        let (lo, hi) = (from.first_day_number(), to.last_day_number() + 1);
        FramePlan::new(lo as f64, hi as f64, s.fps, s.speed)?;
        writable_folder(&self.out)
    }
}

/// The folder `path` goes in exists (an output is refused before any work, not after).
fn writable_folder(path: &Path) -> anyhow::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    let dir = dir.unwrap_or(Path::new("."));
    if !dir.is_dir() {
        anyhow::bail!("{}: no such folder to write into", dir.display());
    }
    Ok(())
}
