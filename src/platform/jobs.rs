//! Work that must not freeze the window (reading a file, geocoding a long text, writing an
//! export): started here, polled each frame, cancelled on request. On the desktop a job is a
//! thread; this is the one place that knows.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use super::Progress;

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

/// A piece of work running in the background, with its progress and its result to come.
pub struct Job<T> {
    /// What it is, for progress bars and messages ("Reading acled.csv").
    pub label: String,
    pub progress: Arc<Progress>,
    rx: Receiver<T>,
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` off the UI thread; it reports to, and heeds Cancel from, its progress.
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
        let label = label.into();
        let progress = Arc::new(Progress::default());
        let (tx, rx) = channel();
        let p = progress.clone();
        std::thread::Builder::new()
            .name(label.chars().take(15).collect())
            .spawn(move || {
                let _ = tx.send(work(&p));
            })
            .map_err(|e| format!("{label}: cannot start: {e}"))?;
        Ok(Self {
            label,
            progress,
            rx,
        })
    }

    /// Takes the result if the work has finished.
    pub fn poll(&self) -> Poll<T> {
        match self.rx.try_recv() {
            Ok(v) => Poll::Done(v),
            Err(TryRecvError::Empty) => Poll::Running,
            Err(TryRecvError::Disconnected) => Poll::Lost,
        }
    }

    /// Asks the work to stop.
    pub fn cancel(&self) {
        self.progress.cancel();
    }

    /// Waits for the result (tests, the command line and screenshot runs).
    pub fn wait(self) -> Option<T> {
        self.rx.recv().ok()
    }
}
