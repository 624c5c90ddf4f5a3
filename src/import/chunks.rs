//! Parsing a CSV file on every core: the file is read in blocks, each cut at the last newline
//! that is outside quotes (quote parity from the file's start tells), the pieces are parsed by
//! worker threads into partial layers, and those are merged in file order. Memory stays bounded
//! (a few blocks in flight), line numbers stay exact.

use std::collections::BTreeMap;
use std::io::Read;
use std::sync::mpsc::{Receiver, sync_channel};
use std::sync::{Arc, Mutex};

use super::rows::Rows;
use super::{Format, ImportError, Layer, Progress, Record};

/// Bytes read per block.
pub(crate) const BLOCK: usize = 4 << 20;

/// A block of the file: its place in order, its bytes, its first line.
type Job = (usize, Vec<u8>, u64);

/// Parses one row into a record, given the columns found in the header.
pub(crate) type RowFn<C> = fn(&Rows<&[u8]>, &C, &mut Layer) -> Result<Record, String>;

/// A parser of CSV blocks in one format, its columns found: blocks are handed to it in file
/// order, on the calling thread (the browser's import, a slice at a time).
pub(crate) struct BlockParser {
    parse: Box<BlockFn>,
}

/// Parses a block of whole rows whose first line is given.
type BlockFn = dyn Fn(&[u8], u64, &Progress) -> Result<Layer, ImportError> + Send;

impl BlockParser {
    /// The parser for rows of `width` fields read by `row` with the columns `cols`.
    pub(crate) fn new<C: Send + 'static>(
        name: &str,
        format: Format,
        width: usize,
        cols: C,
        row: RowFn<C>,
    ) -> Self {
        let name = name.to_string();
        Self {
            parse: Box::new(move |bytes, line, progress| {
                parse_block(&name, format, bytes, line, width, &cols, row, progress)
            }),
        }
    }

    /// The records of `bytes` (whole rows), whose first line is `line`.
    pub(crate) fn parse(
        &self,
        bytes: &[u8],
        line: u64,
        progress: &Progress,
    ) -> Result<Layer, ImportError> {
        (self.parse)(bytes, line, progress)
    }
}

/// Finds record boundaries while tracking quotes across blocks.
#[derive(Debug, Default)]
pub(crate) struct Splitter {
    pub(crate) in_quotes: bool,
}

impl Splitter {
    /// Length of the longest prefix of `buf` ending just after an unquoted newline (0 if none);
    /// updates the quote state to the end of that prefix.
    pub(crate) fn cut(&mut self, buf: &[u8]) -> usize {
        let mut state = self.in_quotes;
        let mut cut = 0;
        let mut cut_state = self.in_quotes;
        for i in memchr::memchr2_iter(b'"', b'\n', buf) {
            if buf[i] == b'"' {
                state = !state;
            } else if !state {
                cut = i + 1;
                cut_state = state;
            }
        }
        self.in_quotes = cut_state;
        cut
    }
}

/// Reads `reader` into blocks ending on record boundaries; `f` gets each with its first line.
fn blocks(
    name: &str,
    mut reader: impl Read,
    block: usize,
    mut f: impl FnMut(Vec<u8>, u64) -> Result<(), ImportError>,
) -> Result<(), ImportError> {
    let mut splitter = Splitter::default();
    let mut carry: Vec<u8> = Vec::new();
    let mut line = 1u64;
    let io = |source| ImportError::Io {
        path: name.to_string(),
        source,
    };
    loop {
        let mut buf = std::mem::take(&mut carry);
        // Grows only as far as the input goes (small files never allocate a whole block).
        let got = (&mut reader)
            .take(block as u64)
            .read_to_end(&mut buf)
            .map_err(io)?;
        if got == 0 {
            // End of input: whatever is left is the last record (perhaps cut short).
            if !buf.is_empty() {
                f(buf, line)?;
            }
            return Ok(());
        }
        // The splitter's state is the one at the start of the carry (where it last cut).
        let cut = splitter.cut(&buf);
        if cut == 0 {
            carry = buf;
            continue;
        }
        carry = buf[cut..].to_vec();
        buf.truncate(cut);
        let lines = memchr::memchr_iter(b'\n', &buf).count() as u64;
        f(buf, line)?;
        line += lines;
    }
}

/// Parses CSV rows of `width` fields (the header already consumed) on worker threads.
#[allow(clippy::too_many_arguments)]
pub(crate) fn parse_parallel<C: Sync>(
    name: &str,
    format: Format,
    reader: impl Read,
    first_line: u64,
    width: usize,
    cols: &C,
    row: RowFn<C>,
    progress: &Progress,
    block: usize,
) -> Result<Layer, ImportError> {
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(1, 8);
    let (job_tx, job_rx) = sync_channel::<Job>(workers);
    let job_rx: Arc<Mutex<Receiver<Job>>> = Arc::new(Mutex::new(job_rx));
    let (done_tx, done_rx) = sync_channel::<(usize, Result<Layer, ImportError>)>(workers * 2);
    let mut merged = InOrder::new(Layer::new(name, format));
    std::thread::scope(|s| -> Result<(), ImportError> {
        for _ in 0..workers {
            let (job_rx, done_tx) = (job_rx.clone(), done_tx.clone());
            s.spawn(move || {
                // Until the jobs run out or the merger stops listening.
                while let Some((seq, bytes, line)) =
                    job_rx.lock().ok().and_then(|rx| rx.recv().ok())
                {
                    let result =
                        parse_block(name, format, &bytes, line, width, cols, row, progress);
                    if done_tx.send((seq, result)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(done_tx);
        let mut sent = 0usize;
        let read = blocks(name, reader, block, |bytes, line| {
            if progress.cancelled() {
                return Err(ImportError::Cancelled { path: name.into() });
            }
            job_tx
                .send((sent, bytes, first_line + line - 1))
                .map_err(|_| ImportError::format(name, None, "the parser threads stopped"))?;
            sent += 1;
            // Merge what is done so far, so partial layers do not pile up.
            while let Ok((seq, part)) = done_rx.try_recv() {
                merged.add(seq, part);
            }
            Ok(())
        });
        drop(job_tx);
        for (seq, part) in done_rx.iter() {
            merged.add(seq, part);
        }
        read
    })?;
    merged.finish()
}

/// Partial layers merged in file order as they arrive out of order; the first error is kept.
struct InOrder {
    layer: Layer,
    pending: BTreeMap<usize, Result<Layer, ImportError>>,
    next: usize,
    failure: Option<ImportError>,
}

impl InOrder {
    fn new(layer: Layer) -> Self {
        InOrder {
            layer,
            pending: BTreeMap::new(),
            next: 0,
            failure: None,
        }
    }

    /// Takes block `seq`'s result and merges every block now in order.
    fn add(&mut self, seq: usize, part: Result<Layer, ImportError>) {
        self.pending.insert(seq, part);
        while let Some(part) = self.pending.remove(&self.next) {
            self.next += 1;
            match part {
                Ok(part) => self.layer.append(part),
                Err(e) => {
                    self.failure.get_or_insert(e);
                }
            }
        }
    }

    /// The merged layer, or the first block's error.
    fn finish(self) -> Result<Layer, ImportError> {
        match self.failure {
            Some(e) => Err(e),
            None => Ok(self.layer),
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn parse_block<C>(
    name: &str,
    format: Format,
    bytes: &[u8],
    first_line: u64,
    width: usize,
    cols: &C,
    row: RowFn<C>,
    progress: &Progress,
) -> Result<Layer, ImportError> {
    let mut part = Layer::new(name, format);
    let mut rows = Rows::new(name, bytes, width);
    let offset = first_line - 1;
    while let Some(line) = rows.next(&mut part, progress)? {
        match row(&rows, cols, &mut part) {
            Ok(r) => part.records.push(r),
            Err(why) => part.bad_row(line, why),
        }
    }
    for b in &mut part.bad_rows {
        b.line += offset;
    }
    Ok(part)
}

/// Reads the header row from the start of `reader`: its names and the line after it, and the
/// reader positioned after it (bytes read past the header are handed back in front).
pub(crate) fn header(
    name: &str,
    mut reader: impl Read,
) -> Result<(Vec<String>, u64, impl Read), ImportError> {
    let mut buf = Vec::new();
    let mut splitter = Splitter::default();
    let mut chunk = vec![0u8; 64 * 1024];
    let cut = loop {
        let n = reader.read(&mut chunk).map_err(|source| ImportError::Io {
            path: name.to_string(),
            source,
        })?;
        if n == 0 {
            break buf.len();
        }
        let scanned = buf.len();
        buf.extend_from_slice(&chunk[..n]);
        let mut probe = Splitter {
            in_quotes: splitter.in_quotes,
        };
        // Find the first unquoted newline: scan the new bytes.
        let mut first = None;
        for i in memchr::memchr2_iter(b'"', b'\n', &buf[scanned..]) {
            let i = i + scanned;
            if buf[i] == b'"' {
                probe.in_quotes = !probe.in_quotes;
            } else if !probe.in_quotes {
                first = Some(i + 1);
                break;
            }
        }
        if let Some(c) = first {
            break c;
        }
        splitter = probe;
    };
    let mut rows = Rows::new(name, &buf[..cut], 0);
    let names = rows.header()?;
    let lines = memchr::memchr_iter(b'\n', &buf[..cut]).count() as u64;
    let rest = buf[cut..].to_vec();
    Ok((names, 1 + lines, std::io::Cursor::new(rest).chain(reader)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_only_outside_quotes() {
        let mut s = Splitter::default();
        assert_eq!(s.cut(b"a,\"x\ny\"\nb,\"open\n"), 8);
        assert!(!s.in_quotes);
        let mut s = Splitter::default();
        assert_eq!(s.cut(b"a,\"x\ny"), 0);
    }

    #[test]
    fn small_blocks_give_the_same_layer_and_lines() {
        let mut text = crate::import::synthetic::acled_csv(300, 4);
        // Bad rows scattered through, to check their line numbers across blocks.
        text = text.replacen("36.", "NaN", 3);
        let p = Progress::default();
        let one = crate::import::acled::parse_with_block("t.csv", text.as_bytes(), &p, 1 << 30)
            .expect("one");
        let many = crate::import::acled::parse_with_block("t.csv", text.as_bytes(), &p, 512)
            .expect("many");
        assert_eq!(one.len(), many.len());
        assert_eq!(one.bad_rows, many.bad_rows);
        for (a, b) in one.records.iter().zip(&many.records) {
            assert_eq!((a.start, a.lon, a.lat), (b.start, b.lon, b.lat));
            assert_eq!(one.text(a.notes), many.text(b.notes));
            assert_eq!(one.strings.get(a.actor1), many.strings.get(b.actor1));
            assert_eq!(one.kinds[a.kind as usize], many.kinds[b.kind as usize]);
        }
    }
}
