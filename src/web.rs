//! The page: the same app in a canvas. The story built in (or the one a link names), the state
//! and the drawings kept in the browser's storage (eframe's), the link's parameters
//! (`?story=stories/burundi.zip&select=AF-BDS&time=2021-07-05&slide=3`) applied as the command
//! line's, and a line of text the page shows about the app's state for tests and screen
//! readers (`#atlas-status`).

use std::sync::Arc;

use event_atlas::app::AtlasApp;
use event_atlas::atlas::Atlas;
use event_atlas::model::annotation::{from_geojson, to_geojson};
use event_atlas::model::{DataSource, PartialDate, StoryFiles, Window};
use event_atlas::platform::web as page;
use event_atlas::platform::{Job, Poll};
use event_atlas::ui::Command;

/// Starts the app in the page's canvas, or says in the page why it cannot.
pub fn start() {
    wasm_bindgen_futures::spawn_local(async {
        let Some(canvas) = page::canvas("atlas_canvas") else {
            page::show_problem("The page has no canvas to draw in (#atlas_canvas).");
            return;
        };
        if !page::has_webgl2() {
            page::show_problem(
                "This browser cannot draw the map: it has no WebGL 2. Try a recent Chrome, Edge, \
                 Firefox or Safari, or turn on hardware acceleration.",
            );
            return;
        }
        let runner = eframe::WebRunner::new();
        let started = runner
            .start(
                canvas,
                eframe::WebOptions::default(),
                Box::new(|cc| Ok(Box::new(WebApp::new(cc)?))),
            )
            .await;
        match started {
            Ok(()) => page::loaded(),
            Err(e) => page::show_problem(&format!("The app could not start: {e:?}")),
        }
        page::keep(runner);
    });
}

/// Where the drawings are kept in the browser's storage (a file beside the state on the
/// desktop).
const DRAWINGS_KEY: &str = "event-atlas-drawings";

/// The app, the status line last written to the page, and the link's story while it is
/// fetched (the other parameters wait for it).
struct WebApp {
    app: AtlasApp,
    status: String,
    query: Vec<(String, String)>,
    story: Option<Job<Result<StoryFiles, String>>>,
    /// The link's other parameters are still to apply (after its story has opened).
    link_pending: bool,
}

impl WebApp {
    fn new(
        cc: &eframe::CreationContext<'_>,
    ) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        let saved = AtlasApp::restore(cc.storage);
        let atlas = Arc::new(Atlas::load(DataSource::Embedded)?);
        let mut app = AtlasApp::new(atlas, saved);
        if !page::storage_works() {
            app.problems.push(
                "The browser keeps no storage for this page (private mode?): the view, \
                 settings and drawings will not come back after a reload."
                    .into(),
            );
        }
        if let Some(text) = cc.storage.and_then(|s| s.get_string(DRAWINGS_KEY)) {
            match from_geojson("the browser's storage", &text) {
                Ok((items, _)) => app.drawing.load(items),
                Err(e) => app
                    .problems
                    .push(format!("Your drawings could not be read: {e}")),
            }
        }
        let query = page::query();
        let story = query
            .iter()
            .find(|(k, _)| k == "story")
            .map(|(_, url)| page::fetch_story(url.clone()));
        Ok(Self {
            app,
            status: String::new(),
            query,
            story,
            link_pending: true,
        })
    }

    /// Opens the link's story once fetched, then applies the other parameters once it is
    /// open (or could not be had: they then apply to the story built in).
    fn follow_link(&mut self, ctx: &egui::Context) {
        if let Some(job) = &self.story {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
            match job.poll() {
                Poll::Running => return,
                Poll::Done(Ok(files)) => self.app.apply(Command::OpenStoryFiles(files)),
                Poll::Done(Err(e)) => self.app.apply(Command::Problem(e)),
                Poll::Lost => self.app.apply(Command::Problem(
                    "the link's story could not be fetched".into(),
                )),
            }
            self.story = None;
        }
        if self.link_pending && self.app.stories.loading.is_none() {
            self.link_pending = false;
            apply_link(&mut self.app, &self.query);
        }
    }
}

/// The link's parameters, as the command line's: `select`, `time` (with `window`), `slide`.
fn apply_link(app: &mut AtlasApp, query: &[(String, String)]) {
    let get = |k: &str| {
        query
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    };
    if let Some(slide) = get("slide") {
        match slide.parse::<usize>() {
            Ok(n) if n >= 1 && n <= app.tours.len() => app.start_tour(n - 1, false),
            _ => app.problems.push(format!(
                "slide={slide}: the tour has slides 1 to {}",
                app.tours.len()
            )),
        }
    }
    if let Some(time) = get("time") {
        let window = get("window").and_then(|w| w.parse::<Window>().ok());
        match time.parse::<PartialDate>() {
            Ok(d) => app.set_time(d, window),
            Err(e) => app.problems.push(format!("time={time}: {e}")),
        }
    }
    if let Some(what) = get("select")
        && let Err(e) = app.select(what)
    {
        app.problems.push(e);
    }
}

impl eframe::App for WebApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        self.follow_link(ui.ctx());
        self.app.ui(ui, frame);
        let status = self.app.status_line();
        if status != self.status {
            page::set_status(&status);
            self.status = status;
        }
    }

    fn auto_save_interval(&self) -> std::time::Duration {
        self.app.auto_save_interval()
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.app.save(storage);
        storage.set_string(DRAWINGS_KEY, to_geojson(&self.app.drawing.items));
    }
}
