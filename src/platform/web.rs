//! The browser page around the app: its canvas, the link's parameters, the status line and
//! the messages it shows in place of a blank canvas. Only the web build has this module.

use std::cell::RefCell;

use wasm_bindgen::JsCast;

thread_local! {
    /// The running app's web runner, kept for the page's lifetime.
    static RUNNER: RefCell<Option<eframe::WebRunner>> = const { RefCell::new(None) };
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// The canvas with id `id`.
pub fn canvas(id: &str) -> Option<web_sys::HtmlCanvasElement> {
    document()?.get_element_by_id(id)?.dyn_into().ok()
}

/// Whether the browser can give a WebGL 2 context (the map needs one).
pub fn has_webgl2() -> bool {
    let probe = document()
        .and_then(|d| d.create_element("canvas").ok())
        .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok());
    probe.is_some_and(|c| c.get_context("webgl2").ok().flatten().is_some())
}

/// Whether the page may keep data (private modes and strict settings refuse).
pub fn storage_works() -> bool {
    let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
        return false;
    };
    let key = "event-atlas-probe";
    let ok = storage.set_item(key, "1").is_ok();
    let _ = storage.remove_item(key);
    ok
}

/// The link's query parameters, in order.
pub fn query() -> Vec<(String, String)> {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for key in ["story", "select", "time", "window", "slide"] {
        if let Some(v) = params.get(key) {
            out.push((key.to_string(), v));
        }
    }
    out
}

/// Sets the page's status line (`#atlas-status`).
pub fn set_status(text: &str) {
    if let Some(el) = document().and_then(|d| d.get_element_by_id("atlas-status")) {
        el.set_text_content(Some(text));
    }
}

/// Hides the page's loading message.
pub fn loaded() {
    if let Some(el) = document().and_then(|d| d.get_element_by_id("atlas-loading")) {
        el.remove();
    }
}

/// Shows a problem in the page, in place of the canvas, and in the console.
pub fn show_problem(text: &str) {
    web_sys::console::error_1(&text.into());
    let Some(doc) = document() else { return };
    if let Some(el) = doc.get_element_by_id("atlas-loading") {
        el.set_text_content(Some(text));
        let _ = el.set_attribute("class", "problem");
    }
}

/// Keeps the runner alive for the page's lifetime.
pub fn keep(runner: eframe::WebRunner) {
    RUNNER.with(|r| *r.borrow_mut() = Some(runner));
}

/// Hands `bytes` to the person as a download named `name` (the browser's way to save).
pub fn download(name: &str, bytes: &[u8], mime: &str) -> Result<(), String> {
    let fail = |e: wasm_bindgen::JsValue| format!("{name}: the download failed: {e:?}");
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let anchor: web_sys::HtmlAnchorElement = document()
        .ok_or("no page to download from")?
        .create_element("a")
        .map_err(fail)?
        .dyn_into()
        .map_err(|_| format!("{name}: the download failed"))?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    // The browser has taken the file once the click is handled; free the blob a while later.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    }
    Ok(())
}

/// Why a fetch gave nothing: the server has no such file, or another failure (in words).
pub enum FetchError {
    NotFound,
    Failed(String),
}

/// Fetches `url` (relative to the page) as bytes.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, FetchError> {
    use wasm_bindgen_futures::JsFuture;
    let fail = |what: &str| FetchError::Failed(format!("{url}: {what}"));
    let window = web_sys::window().ok_or_else(|| fail("no window"))?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| fail("cannot be fetched: offline on the first visit?"))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| fail("no response"))?;
    if response.status() == 404 {
        return Err(FetchError::NotFound);
    }
    if !response.ok() {
        return Err(fail(&format!("the server answered {}", response.status())));
    }
    let buffer = response.array_buffer().map_err(|_| fail("unreadable"))?;
    let buffer = JsFuture::from(buffer)
        .await
        .map_err(|_| fail("too large for the browser's memory, or cut off"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Fetches the story a link names (`?story=…`, relative to the page): a story archive
/// (`.zip`), or a folder laid out like `data/` (its `story.json` first, then the files it
/// names; the tour, quiz, lexicon and gazetteer may be missing).
pub fn fetch_story(url: String) -> crate::platform::Job<Result<crate::model::StoryFiles, String>> {
    let (tx, rx) = std::sync::mpsc::channel();
    wasm_bindgen_futures::spawn_local(async move {
        let _ = tx.send(story_at(&url).await);
    });
    crate::platform::Job::receiving("fetch story", rx)
}

async fn story_at(url: &str) -> Result<crate::model::StoryFiles, String> {
    let text = |e: FetchError, name: &str| match e {
        FetchError::NotFound => format!("{name}: not found on the server (story={url})"),
        FetchError::Failed(m) => m,
    };
    if url.to_lowercase().ends_with(".zip") {
        let bytes = fetch_bytes(url).await.map_err(|e| text(e, url))?;
        return crate::model::StoryFiles::from_zip(url, &bytes).map_err(|e| e.to_string());
    }
    let dir = url.trim_end_matches('/');
    let get = |name: String| async move {
        let at = format!("{dir}/{name}");
        match fetch_bytes(&at).await {
            Ok(b) => String::from_utf8(b)
                .map(Some)
                .map_err(|_| format!("{at}: not UTF-8 text")),
            Err(FetchError::NotFound) => Ok(None),
            Err(e) => Err(text(e, &at)),
        }
    };
    let story = get("story.json".into())
        .await?
        .ok_or_else(|| format!("{dir}/story.json: not found: story={url} names no story"))?;
    let article = serde_json::from_str::<serde_json::Value>(&story)
        .ok()
        .and_then(|v| v.get("article")?.as_str().map(str::to_string))
        .unwrap_or_else(|| "source/article.txt".into());
    let mut files = vec![("story.json".to_string(), story)];
    let names = [
        "places.json",
        "events.json",
        "crossings.json",
        "boundaries/provinces.geojson",
        "boundaries/countries.geojson",
        "tour.json",
        "quiz.json",
        "lexicon.json",
        "gazetteer.json",
    ];
    for name in std::iter::once(article.as_str()).chain(names) {
        // A file the story needs and the server lacks is named by the story's check.
        if let Some(t) = get(name.to_string()).await? {
            files.push((name.to_string(), t));
        }
    }
    Ok(crate::model::StoryFiles::new(url, files))
}
