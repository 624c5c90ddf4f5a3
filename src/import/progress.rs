//! Shared between an import thread and the UI: how far it got, and a Cancel the parser heeds.

use std::io::Read;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, Ordering};

/// What an import is doing now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Reading,
    Indexing,
    Provinces,
}

impl Stage {
    /// Words for the progress bar.
    pub fn label(self) -> &'static str {
        match self {
            Self::Reading => "Reading",
            Self::Indexing => "Building clusters",
            Self::Provinces => "Finding provinces",
        }
    }
}

/// Progress of one import; cheap to poll from the UI every frame.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicU64,
    total: AtomicU64,
    cancel: AtomicBool,
    stage: AtomicU8,
}

impl Progress {
    /// Asks the import to stop at its next check (within a few thousand rows).
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Whether Cancel was pressed.
    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// Sets the number of bytes to read.
    pub fn set_total(&self, total: u64) {
        self.total.store(total, Ordering::Relaxed);
    }

    pub(crate) fn add(&self, n: u64) {
        self.done.fetch_add(n, Ordering::Relaxed);
    }

    /// Moves to the next stage.
    pub fn set_stage(&self, stage: Stage) {
        self.stage.store(stage as u8, Ordering::Relaxed);
    }

    /// The current stage.
    pub fn stage(&self) -> Stage {
        match self.stage.load(Ordering::Relaxed) {
            0 => Stage::Reading,
            1 => Stage::Indexing,
            _ => Stage::Provinces,
        }
    }

    /// Fraction of the file read, 0..=1.
    pub fn fraction(&self) -> f32 {
        let total = self.total.load(Ordering::Relaxed);
        if total == 0 {
            return 0.0;
        }
        (self.done.load(Ordering::Relaxed) as f64 / total as f64).clamp(0.0, 1.0) as f32
    }

    /// Wraps a reader so every byte read counts.
    pub fn reader<R: Read>(&self, inner: R) -> Counting<'_, R> {
        Counting {
            inner,
            progress: self,
        }
    }
}

/// A reader that reports what it read to a [`Progress`].
pub struct Counting<'a, R> {
    inner: R,
    progress: &'a Progress,
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.progress.add(n as u64);
        Ok(n)
    }
}
