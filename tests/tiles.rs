//! Online tiles against a tile server this test starts on 127.0.0.1: tiles arrive and are drawn,
//! every request carries our User-Agent, only the view's tiles are fetched, the disk cache
//! fills, the credit is shown; and with nothing listening the app falls back to the offline map.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{atlas, harness_with};
use egui_kittest::Harness;
use event_atlas::app::{AtlasApp, Persisted};
use event_atlas::map::tiles::{Basemap, USER_AGENT};

/// A 256×256 PNG tile.
fn png() -> Vec<u8> {
    let img = image::RgbaImage::from_pixel(256, 256, image::Rgba([200, 220, 240, 255]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .expect("png");
    out.into_inner()
}

/// (path, user agent) of every request the server saw.
type Requests = Arc<Mutex<Vec<(String, String)>>>;

/// Serves the same tile for every path; records each request.
fn serve() -> (u16, Requests) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let body = png();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut first = String::new();
            let _ = reader.read_line(&mut first);
            let mut agent = String::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("user-agent:") {
                    agent = v.trim().to_string();
                }
            }
            let path = first.split_whitespace().nth(1).unwrap_or("").to_string();
            log.lock().expect("log").push((path, agent));
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    (port, seen)
}

fn run_until(h: &mut Harness<'_, AtlasApp>, secs: u64, done: impl Fn(&AtlasApp) -> bool) {
    let start = Instant::now();
    while !done(h.state()) {
        assert!(start.elapsed() < Duration::from_secs(secs), "timed out");
        h.step();
        std::thread::sleep(Duration::from_millis(40));
    }
    h.run_steps(2);
}

#[test]
fn tiles_from_a_local_server_are_drawn_politely_and_cached() {
    let (port, seen) = serve();
    let cache = tempfile::tempdir().expect("cache");
    let mut app = AtlasApp::new(atlas(), Persisted::default());
    let url = format!("http://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.png");
    app.basemap.saved = Basemap::Online { url: url.clone() };
    app.basemap.cache = Some(cache.path().to_path_buf());
    let mut h = harness_with(app);
    run_until(&mut h, 60, |a| {
        a.basemap.tiles.as_ref().is_some_and(|t| t.loaded_any)
    });
    // Let the view's other tiles come in.
    run_until(&mut h, 60, |a| {
        a.basemap
            .tiles
            .as_ref()
            .is_some_and(|t| t.in_progress() == 0)
    });
    let requests = seen.lock().expect("log").clone();
    assert!(!requests.is_empty());
    assert!(
        requests
            .iter()
            .all(|(_, ua)| ua == &USER_AGENT.to_ascii_lowercase()),
        "{requests:?}"
    );
    assert!(
        requests
            .iter()
            .all(|(p, _)| p.ends_with(".png") && p.split('/').count() == 4),
        "{requests:?}"
    );
    // The view's tiles only (a 1500×1000 window needs a few dozen at most), never a bulk fetch.
    assert!(requests.len() <= 64, "{} requests", requests.len());
    let cached = walk(cache.path());
    assert!(cached > 0, "tiles are cached on disk");
    assert!(
        h.state()
            .map
            .credit
            .starts_with(&format!("tiles: {url} · Natural Earth")),
        "the credit is shown: {}",
        h.state().map.credit
    );
    assert!(!h.state().basemap.tiles.as_ref().expect("tiles").failed);
}

fn walk(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| {
                    if e.path().is_dir() {
                        walk(&e.path())
                    } else {
                        1
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

#[test]
fn with_no_server_the_offline_map_comes_back() {
    // A port nobody listens on.
    let port = TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let mut app = AtlasApp::new(atlas(), Persisted::default());
    app.basemap.saved = Basemap::Online {
        url: format!("http://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.png"),
    };
    let mut h = harness_with(app);
    run_until(&mut h, 60, |a| {
        a.basemap.tiles.as_ref().is_some_and(|t| t.failed)
    });
    let status = h.state().status.clone().unwrap_or_default();
    assert!(status.contains("showing the offline map"), "{status}");
    assert!(
        h.state().map.credit.starts_with("Natural Earth"),
        "the offline credit is back"
    );
}

#[test]
fn a_local_pmtiles_file_is_chosen_in_the_layers_window_and_drawn() {
    use egui_kittest::kittest::Queryable;
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/afghanistan-z0-6.pmtiles");
    let mut app = AtlasApp::new(atlas(), Persisted::default());
    app.windows.insert(event_atlas::ui::WindowId::Layers);
    let mut h = harness_with(app);
    h.get_by_label("PMTiles file").click();
    h.run_steps(2);
    h.get_by_label("PMTiles file")
        .type_text(&file.display().to_string());
    h.run_steps(2);
    h.get_by_label("Use").click();
    h.run_steps(2);
    assert_eq!(
        h.state().basemap.saved,
        Basemap::PmTiles { path: file.clone() }
    );
    run_until(&mut h, 60, |a| {
        a.basemap.tiles.as_ref().is_some_and(|t| t.loaded_any)
    });
    assert!(
        h.state()
            .map
            .credit
            .starts_with("tiles: afghanistan-z0-6.pmtiles"),
        "{}",
        h.state().map.credit
    );

    // A path that is not there: a message, and the offline map.
    h.state_mut().basemap.pmtiles_path = "/nonexistent/tiles.pmtiles".into();
    h.run_steps(1);
    h.get_by_label("Use").click();
    h.run_steps(3);
    assert_eq!(h.state().basemap.saved, Basemap::Offline);
    assert!(
        h.state()
            .problems
            .iter()
            .any(|p| p.contains("no such PMTiles file"))
    );
}
