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
