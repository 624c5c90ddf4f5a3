//! Event Atlas binary: parse the command line, then run a data command or open the window.

use std::sync::Arc;

use clap::Parser;
use event_atlas::app::{AtlasApp, Persisted, ScreenshotJob};
use event_atlas::atlas::Atlas;
use event_atlas::check;
use event_atlas::cli::{self, Cli, Command, Renderer};
use event_atlas::model::DataSource;

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Some(Command::Geocode { article, out }) => {
            cli::geocode(article, out.as_deref(), cli.data.as_deref())
        }
        Some(Command::Convert { input, out, layout }) => cli::convert(input, out, *layout),
        Some(Command::Check { data_dir }) => {
            cli::check(data_dir.as_deref().or(cli.data.as_deref()))
        }
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

fn run_app(cli: Cli) -> anyhow::Result<()> {
    // A folder given with --data is checked; on failure the app still opens, on the built-in data,
    // and shows what was wrong.
    let mut problems = Vec::new();
    let atlas = match &cli.data {
        Some(dir) => match check::load_and_check(&DataSource::Dir(dir.clone())) {
            Ok((dataset, errors)) => {
                problems.extend(errors.iter().map(ToString::to_string));
                Atlas::new(dataset)
            }
            Err(e) => {
                eprintln!("error: {e}");
                problems.push(format!("{e}\nShowing the built-in data instead."));
                Atlas::load(DataSource::Embedded)?
            }
        },
        None => Atlas::load(DataSource::Embedded)?,
    };
    for p in &problems {
        eprintln!("data problem: {p}");
    }
    let atlas = Arc::new(atlas);

    let viewport = egui::ViewportBuilder::default()
        .with_title("Event Atlas")
        .with_inner_size([cli.size.width, cli.size.height])
        .with_min_inner_size([640.0, 420.0]);
    let options = eframe::NativeOptions {
        viewport,
        renderer: match cli.renderer {
            Renderer::Glow => eframe::Renderer::Glow,
            Renderer::Wgpu => eframe::Renderer::Wgpu,
        },
        // A screenshot run must not read or write the user's saved view, nor open at the window
        // size the user last left (eframe restores it from storage whatever `--size` says): it
        // gets a storage folder of its own that holds nothing.
        persist_window: cli.screenshot.is_none(),
        persistence_path: cli.screenshot.as_ref().map(|_| {
            std::env::temp_dir().join(format!("event-atlas-capture-{}", std::process::id()))
        }),
        ..Default::default()
    };
    let select = cli.select.clone();
    let (time, window) = (cli.time, cli.window);
    let (tour, slide) = (cli.tour.clone(), cli.slide);
    let screenshot = cli.screenshot.clone();
    let open = cli.open.clone();
    let capture_dir = options.persistence_path.clone();
    let result = eframe::run_native(
        "event-atlas",
        options,
        Box::new(move |cc| {
            let state = if screenshot.is_some() {
                // Nor the panel sizes and other egui memory the user's runs left behind.
                cc.egui_ctx.memory_mut(|m| *m = egui::Memory::default());
                Persisted::default()
            } else {
                AtlasApp::restore(cc.storage)
            };
            let mut app = AtlasApp::new(atlas, state);
            app.problems.extend(problems);
            if let Some(path) = &tour
                && let Err(e) = app.open_tour(path)
            {
                eprintln!("error: {e}");
                app.problems.push(e);
            }
            if tour.is_some() || slide.is_some() {
                let n = slide.map_or(0, |n| n as usize - 1);
                if n >= app.state.tour.len() {
                    let e = format!(
                        "--slide {}: the tour has {} slides",
                        n + 1,
                        app.state.tour.len()
                    );
                    eprintln!("warning: {e}");
                    app.problems.push(e);
                }
                // A screenshot shows the slide as it ends, not mid-flight.
                app.start_tour(
                    n.min(app.state.tour.len().saturating_sub(1)),
                    screenshot.is_some(),
                );
            }
            if let Some(date) = time {
                app.set_time(date, window);
            }
            if screenshot.is_none() {
                app.reopen_saved_layers();
                // HTTP tiles are cached beside the saved state (never in screenshot runs).
                app.tile_cache = eframe::storage_dir("event-atlas").map(|d| d.join("tiles"));
            }
            for path in &open {
                app.open_data(path.clone());
            }
            if let Some(what) = &select
                && let Err(e) = app.select(what)
            {
                eprintln!("warning: {e}");
                app.problems.push(e);
            }
            // Drawings live beside eframe's saved state (not for one-off screenshots).
            if screenshot.is_none()
                && let Some(dir) = eframe::storage_dir("event-atlas")
            {
                app = app.with_annotations_file(dir.join("annotations.geojson"));
            }
            if let Some(path) = screenshot {
                app = app.with_screenshot(ScreenshotJob::new(path));
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"));
    if let Some(dir) = capture_dir {
        let _ = std::fs::remove_dir_all(dir);
    }
    result
}
