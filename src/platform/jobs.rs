//! Work that must not freeze the window (reading a file, geocoding a long text, writing an
//! export): started here, polled each frame, cancelled on request. This is the one place that
//! knows how it runs:
//! - **on a thread** where the platform has threads (the desktop);
//! - **in slices on the UI thread** where it has none (the browser): the work runs for at most
//!   [`SLICE`] at a time, then the page's event loop takes over (frames are drawn, input
//!   handled) until the next slice. Work written as steps ([`Job::sliced`]) is cut that fine;
//!   work written as one call runs whole in one slice.
//!
//! In the browser the slices are driven by the event loop itself ([`slices`]), so work goes
//! on between frames however slowly the page draws; [`Job::sliced_in_place`] drives the same
//! slices from `poll` instead, which the native tests use.

use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::Progress;
use super::clock::Instant;

/// The longest a poll runs work on the UI thread before the frame is drawn.
pub const SLICE: Duration = Duration::from_millis(12);

/// How often work on a thread is polled (the frame's progress bar moves at this pace).
pub const POLL_EVERY: Duration = Duration::from_millis(50);

/// What a poll of a job found.
#[derive(Debug)]
pub enum Poll<T> {
    /// Still running.
    Running,
    /// Finished with this result.
    Done(T),
    /// The work stopped without a result (it panicked).
    Lost,
}

/// One step of work done in slices: `Some` when it has finished.
type Step<T> = Box<dyn FnMut(&Progress) -> Option<T> + Send>;

/// Work waiting to run in slices on the polling thread.
struct InPlace<T> {
    step: Step<T>,
    /// Polls seen: the first only lets the frame show that the work started.
    polls: u32,
}

/// A piece of work running in the background, with its progress and its result to come.
pub struct Job<T> {
    /// What it is, for progress bars and messages ("Reading acled.csv").
    pub label: String,
    pub progress: Arc<Progress>,
    rx: Receiver<T>,
    /// The work, when it runs in slices here rather than on a thread.
    in_place: Mutex<Option<InPlace<T>>>,
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work`, off the UI thread where there are threads; it reports to, and heeds
    /// Cancel from, its progress.
    ///
    /// ```
    /// use event_atlas::platform::{Job, Poll};
    /// let job = Job::spawn("add", |_progress| 2 + 2).unwrap();
    /// let answer = loop {
    ///     if let Poll::Done(v) = job.poll() { break v; }
    ///     std::thread::yield_now();
    /// };
    /// assert_eq!(answer, 4);
    /// ```
    pub fn spawn(
        label: impl Into<String>,
        work: impl FnOnce(&Progress) -> T + Send + 'static,
    ) -> Result<Self, String> {
        let mut work = Some(work);
        let step = move |p: &Progress| work.take().map(|w| w(p));
        Self::start(label.into(), Box::new(step), super::ABILITIES.threads)
    }

    /// Starts work written as steps, each short (a few milliseconds): `step` is called until
    /// it returns `Some`. On a thread it runs step after step; without threads each poll runs
    /// steps for at most [`SLICE`], so the page keeps drawing.
    ///
    /// ```
    /// use event_atlas::platform::{Job, Poll};
    /// let mut n = 0;
    /// let job = Job::sliced("count", move |_| { n += 1; (n == 1000).then_some(n) }).unwrap();
    /// let answer = loop {
    ///     if let Poll::Done(v) = job.poll() { break v; }
    ///     std::thread::yield_now();
    /// };
    /// assert_eq!(answer, 1000);
    /// ```
    pub fn sliced(
        label: impl Into<String>,
        step: impl FnMut(&Progress) -> Option<T> + Send + 'static,
    ) -> Result<Self, String> {
        Self::start(label.into(), Box::new(step), super::ABILITIES.threads)
    }

    /// As [`Job::sliced`], but always in slices on the polling thread, as in the browser
    /// (tests of the sliced mode run it natively).
    pub fn sliced_in_place(
        label: impl Into<String>,
        step: impl FnMut(&Progress) -> Option<T> + Send + 'static,
    ) -> Self {
        let (_, rx) = channel();
        Self {
            label: label.into(),
            progress: Arc::new(Progress::default()),
            rx,
            in_place: Mutex::new(Some(InPlace {
                step: Box::new(step),
                polls: 0,
            })),
        }
    }

    /// A job whose result another party sends (the browser's file picker, a future).
    pub fn receiving(label: impl Into<String>, rx: Receiver<T>) -> Self {
        Self {
            label: label.into(),
            progress: Arc::new(Progress::default()),
            rx,
            in_place: Mutex::new(None),
        }
    }

    fn start(label: String, mut step: Step<T>, threads: bool) -> Result<Self, String> {
        if !threads {
            let progress = Arc::new(Progress::default());
            let rx = slices::run(step, progress.clone());
            return Ok(Self {
                label,
                progress,
                rx,
                in_place: Mutex::new(None),
            });
        }
        let progress = Arc::new(Progress::default());
        let (tx, rx) = channel();
        let p = progress.clone();
        std::thread::Builder::new()
            .name(label.chars().take(15).collect())
            .spawn(move || {
                let done = loop {
                    if let Some(v) = step(&p) {
                        break v;
                    }
                };
                let _ = tx.send(done);
            })
            .map_err(|e| format!("{label}: cannot start: {e}"))?;
        Ok(Self {
            label,
            progress,
            rx,
            in_place: Mutex::new(None),
        })
    }

    /// Takes the result if the work has finished; work in slices runs for one slice first.
    pub fn poll(&self) -> Poll<T> {
        let Ok(mut slot) = self.in_place.lock() else {
            return Poll::Lost;
        };
        let Some(work) = slot.as_mut() else {
            return match self.rx.try_recv() {
                Ok(v) => Poll::Done(v),
                Err(TryRecvError::Empty) => Poll::Running,
                Err(TryRecvError::Disconnected) => Poll::Lost,
            };
        };
        work.polls += 1;
        if work.polls == 1 {
            return Poll::Running;
        }
        match slice(&mut work.step, &self.progress) {
            Some(v) => {
                *slot = None;
                Poll::Done(v)
            }
            None => Poll::Running,
        }
    }

    /// How soon to poll again: at once for work in slices here (each poll advances it), else
    /// at the progress bar's pace.
    pub fn next_poll(&self) -> Duration {
        match self.in_place.lock().map(|w| w.is_some()) {
            Ok(true) => Duration::ZERO,
            _ => POLL_EVERY,
        }
    }

    /// Asks the work to stop.
    pub fn cancel(&self) {
        self.progress.cancel();
    }

    /// Waits for the result (tests, the command line and screenshot runs).
    pub fn wait(self) -> Option<T> {
        loop {
            match self.poll() {
                Poll::Done(v) => return Some(v),
                Poll::Lost => return None,
                Poll::Running if self.in_place.lock().ok()?.is_some() => {}
                Poll::Running => return self.rx.recv().ok(),
            }
        }
    }
}

/// Runs steps for at most [`SLICE`]: the result if the work finished.
fn slice<T>(step: &mut Step<T>, progress: &Progress) -> Option<T> {
    let started = Instant::now();
    loop {
        if let Some(v) = step(progress) {
            return Some(v);
        }
        if started.elapsed() >= SLICE {
            return None;
        }
    }
}

/// Slices driven by the page's event loop: a slice, then a yield to the browser (a zero
/// timeout), until the work is done; the result is sent to the job.
#[cfg(target_arch = "wasm32")]
mod slices {
    use std::sync::Arc;
    use std::sync::mpsc::{Receiver, channel};

    use super::{Progress, Step, slice};

    pub fn run<T: 'static>(mut step: Step<T>, progress: Arc<Progress>) -> Receiver<T> {
        let (tx, rx) = channel();
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                if let Some(v) = slice(&mut step, &progress) {
                    let _ = tx.send(v);
                    return;
                }
                yield_to_page().await;
            }
        });
        rx
    }

    /// Lets the browser draw and handle input before the next slice.
    async fn yield_to_page() {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
            }
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}

/// Where there are threads, slices are not driven by an event loop: never used there.
#[cfg(not(target_arch = "wasm32"))]
mod slices {
    use std::sync::Arc;
    use std::sync::mpsc::{Receiver, channel};

    use super::{Progress, Step, slice};

    pub fn run<T: 'static>(mut step: Step<T>, progress: Arc<Progress>) -> Receiver<T> {
        let (tx, rx) = channel();
        loop {
            if let Some(v) = slice(&mut step, &progress) {
                let _ = tx.send(v);
                return rx;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Steps of about a millisecond each: a sliced job in place never holds a poll much
    /// longer than a slice, and finishes with the same answer as on a thread.
    #[test]
    fn in_place_slices_keep_each_poll_short_and_finish() {
        let steps = |n: &mut u32| {
            std::thread::sleep(Duration::from_millis(1));
            *n += 1;
            (*n == 60).then_some(*n)
        };
        let mut a = 0;
        let job = Job::sliced_in_place("steps", move |_| steps(&mut a));
        let mut polls = 0;
        let answer = loop {
            let t = Instant::now();
            let poll = job.poll();
            assert!(
                t.elapsed() < SLICE + Duration::from_millis(30),
                "one poll ran long"
            );
            polls += 1;
            if let Poll::Done(v) = poll {
                break v;
            }
        };
        assert_eq!(answer, 60);
        // The first poll only shows the work started; the rest are slices.
        assert!(polls >= 3, "{polls} polls");
        let mut b = 0;
        let threaded = Job::sliced("steps", move |_| steps(&mut b)).expect("thread");
        assert_eq!(threaded.wait(), Some(60));
    }

    /// Cancel reaches work in slices through its progress, as on a thread.
    #[test]
    fn in_place_work_heeds_cancel() {
        let job = Job::sliced_in_place("forever", |p: &Progress| p.cancelled().then_some(()));
        assert!(matches!(job.poll(), Poll::Running));
        job.cancel();
        assert!(matches!(job.poll(), Poll::Done(())));
    }

    /// One-call work in place runs whole at its second poll.
    #[test]
    fn one_call_work_in_place_runs_at_the_second_poll() {
        let job = Job::sliced_in_place("once", {
            let mut w = Some(|_: &Progress| 7);
            move |p: &Progress| w.take().map(|w| w(p))
        });
        assert!(matches!(job.poll(), Poll::Running));
        assert!(matches!(job.poll(), Poll::Done(7)));
        assert!(matches!(job.poll(), Poll::Running | Poll::Lost));
    }
}
