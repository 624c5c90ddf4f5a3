//! Part 7's world gazetteer (every populated place on Earth, 29 MB): built into the desktop
//! app; in the browser, fetched from the page's site (`world/gazetteer.bin`) the first time
//! something asks for it, so the first download stays small. Until it has arrived the answer
//! is "not yet", and work that needs it waits in its slices.

use std::borrow::Cow;

/// The gazetteer's bytes: `Ok(None)` while the page is still fetching them.
pub fn gazetteer() -> Result<Option<Cow<'static, [u8]>>, String> {
    imp::gazetteer()
}

/// Whether asking for the gazetteer now gets an answer (always on the desktop).
pub fn gazetteer_ready() -> bool {
    !matches!(gazetteer(), Ok(None))
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use std::borrow::Cow;

    pub fn gazetteer() -> Result<Option<Cow<'static, [u8]>>, String> {
        Ok(Some(Cow::Borrowed(include_bytes!(
            "../../data/world/gazetteer.bin"
        ))))
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use std::borrow::Cow;
    use std::sync::Mutex;

    /// Where the fetch stands.
    enum State {
        NotAsked,
        Fetching,
        Here(&'static [u8]),
        Failed(String),
    }

    static STATE: Mutex<State> = Mutex::new(State::NotAsked);

    const URL: &str = "world/gazetteer.bin";

    pub fn gazetteer() -> Result<Option<Cow<'static, [u8]>>, String> {
        let mut state = STATE.lock().map_err(|e| e.to_string())?;
        match &*state {
            State::Here(b) => Ok(Some(Cow::Borrowed(b))),
            State::Failed(e) => Err(e.clone()),
            State::Fetching => Ok(None),
            State::NotAsked => {
                *state = State::Fetching;
                wasm_bindgen_futures::spawn_local(async {
                    let got = fetch().await;
                    if let Ok(mut s) = STATE.lock() {
                        *s = match got {
                            Ok(bytes) => State::Here(Box::leak(bytes.into_boxed_slice())),
                            Err(e) => State::Failed(e),
                        };
                    }
                });
                Ok(None)
            }
        }
    }

    async fn fetch() -> Result<Vec<u8>, String> {
        use super::super::web::{FetchError, fetch_bytes};
        fetch_bytes(URL).await.map_err(|e| match e {
            FetchError::NotFound => {
                format!("{URL}: not on the server (the page needs it for place names)")
            }
            FetchError::Failed(m) => format!("{m} (the page needs it for place names)"),
        })
    }
}

/// Starts `work` once the gazetteer can be had: at once on the desktop; in the browser after
/// the page has fetched it (the job waits in its slices meanwhile, and the page keeps drawing).
pub fn job_needing_gazetteer<T: Send + 'static>(
    label: impl Into<String>,
    work: impl FnOnce(&super::Progress) -> T + Send + 'static,
) -> Result<super::Job<T>, String> {
    let mut work = Some(work);
    super::Job::sliced(label, move |p| {
        if !gazetteer_ready() {
            return None;
        }
        work.take().map(|w| w(p))
    })
}
