//! An import of bytes already in memory, done one short step at a time: the browser's import
//! (a file dropped on the page or chosen in its picker), where the page runs steps for a few
//! milliseconds per frame and keeps drawing. The parsers are the file import's: the format is
//! detected from the bytes, CSV rows are parsed a block of about [`STEP_BYTES`] per step, and
//! the index is built in a last step. The result is the layer the file import gives.

use std::sync::Arc;

use super::chunks::{BlockParser, Splitter, header};
use super::{Format, ImportError, Imported, Layer, Progress, Stage, acled, detect, features, ucdp};

/// Bytes of CSV parsed per step (a few milliseconds' work).
pub const STEP_BYTES: usize = 256 * 1024;

/// Where the import stands.
enum State {
    Start,
    Rows {
        parser: BlockParser,
        pos: usize,
        line: u64,
        splitter: Splitter,
        layer: Layer,
    },
    Index(Layer),
    Finished,
}

/// An import of `bytes` named `name`, advanced by [`SlicedImport::step`].
pub struct SlicedImport {
    name: String,
    bytes: Arc<[u8]>,
    state: State,
}

impl SlicedImport {
    /// Prepares the import; nothing is read until the first step.
    pub fn new(name: impl Into<String>, bytes: Arc<[u8]>) -> Self {
        Self {
            name: name.into(),
            bytes,
            state: State::Start,
        }
    }

    /// Does one step: `Some` with the layer (or why there is none) when the import is over.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use event_atlas::import::{Progress, SlicedImport};
    /// let csv = "event_id_cnty,event_date,latitude,longitude\nX1,2021-07-05,36.7,70.8\n";
    /// let mut import = SlicedImport::new("a.csv", Arc::from(csv.as_bytes()));
    /// let progress = Progress::default();
    /// let imported = loop {
    ///     if let Some(done) = import.step(&progress) { break done.unwrap(); }
    /// };
    /// assert_eq!(imported.layer.len(), 1);
    /// ```
    pub fn step(&mut self, progress: &Progress) -> Option<Result<Imported, ImportError>> {
        if progress.cancelled() {
            self.state = State::Finished;
            return Some(Err(ImportError::Cancelled {
                path: self.name.clone(),
            }));
        }
        let state = std::mem::replace(&mut self.state, State::Finished);
        let next = match state {
            State::Start => self.start(progress),
            State::Rows {
                parser,
                pos,
                line,
                splitter,
                layer,
            } => self.rows(parser, pos, line, splitter, layer, progress),
            State::Index(layer) => {
                return Some(
                    super::nothing_read(&layer, &self.name)
                        .map(|()| Imported::index(layer, progress)),
                );
            }
            State::Finished => return None,
        };
        match next {
            Ok(state) => {
                self.state = state;
                None
            }
            Err(e) => Some(Err(e)),
        }
    }

    /// Detects the format; GeoJSON is parsed whole, CSV gets its header read.
    fn start(&self, progress: &Progress) -> Result<State, ImportError> {
        let (name, bytes) = (self.name.as_str(), &self.bytes[..]);
        progress.set_stage(Stage::Reading.label());
        progress.set_total(bytes.len() as u64);
        let format = detect(name, bytes)?;
        let (names, line, body_start) = match format {
            Format::GeoJson => return Ok(State::Index(features::parse(name, bytes, progress)?)),
            Format::Ucdp { header: false } => {
                (ucdp::COLUMNS.iter().map(|c| c.to_string()).collect(), 1, 0)
            }
            Format::Acled | Format::Ucdp { header: true } => header_of(name, bytes)?,
        };
        let parser = match format {
            Format::Ucdp { header } => ucdp::block_parser(name, &names, header)?,
            _ => acled::block_parser(name, &names)?,
        };
        Ok(State::Rows {
            parser,
            pos: body_start,
            line,
            splitter: Splitter::default(),
            layer: Layer::new(name, format),
        })
    }

    /// Parses the next block of whole rows.
    fn rows(
        &self,
        parser: BlockParser,
        pos: usize,
        line: u64,
        mut splitter: Splitter,
        mut layer: Layer,
        progress: &Progress,
    ) -> Result<State, ImportError> {
        let bytes = &self.bytes[..];
        if pos >= bytes.len() {
            return Ok(State::Index(layer));
        }
        let take = whole_rows(bytes, pos, &mut splitter);
        let block = &bytes[pos..pos + take];
        layer.append(parser.parse(block, line, progress)?);
        let lines = memchr::memchr_iter(b'\n', block).count() as u64;
        progress.set_done((pos + take) as u64);
        Ok(State::Rows {
            parser,
            pos: pos + take,
            line: line + lines,
            splitter,
            layer,
        })
    }
}

/// How many bytes from `pos` make whole rows, about [`STEP_BYTES`] (more when one row is
/// longer; the rest of the input at its end).
fn whole_rows(bytes: &[u8], pos: usize, splitter: &mut Splitter) -> usize {
    let mut end = pos;
    loop {
        end = (end + STEP_BYTES).min(bytes.len());
        if end == bytes.len() {
            return end - pos;
        }
        let mut probe = Splitter {
            in_quotes: splitter.in_quotes,
        };
        let cut = probe.cut(&bytes[pos..end]);
        if cut > 0 {
            *splitter = probe;
            return cut;
        }
    }
}

/// The header's names, the first line after it and the byte where the rows start.
fn header_of(name: &str, bytes: &[u8]) -> Result<(Vec<String>, u64, usize), ImportError> {
    let (names, line, mut rest) = header(name, bytes)?;
    let left =
        std::io::copy(&mut rest, &mut std::io::sink()).map_err(|source| ImportError::Io {
            path: name.to_string(),
            source,
        })?;
    Ok((names, line, bytes.len() - left as usize))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::synthetic;

    fn run(
        import: &mut SlicedImport,
        progress: &Progress,
    ) -> (Result<Imported, ImportError>, usize) {
        let mut steps = 0;
        loop {
            steps += 1;
            if let Some(done) = import.step(progress) {
                return (done, steps);
            }
        }
    }

    /// The same layer as the file import, in many steps, with bad rows at their lines.
    #[test]
    fn steps_give_the_file_import_layer() {
        let dir = tempfile::tempdir().expect("tmp");
        let files = [
            ("acled", synthetic::acled_csv(20_000, 7)),
            ("ucdp", synthetic::ucdp_csv(20_000, 7, true)),
            ("ucdp-bare", synthetic::ucdp_csv(20_000, 7, false)),
        ];
        for (kind, text) in files {
            let path = dir.path().join(format!("{kind}.csv"));
            let mut bytes = text.into_bytes();
            // A broken row in the middle, to check its line number survives the slicing.
            let at = bytes.len() / 2;
            let nl = at + bytes[at..].iter().position(|&b| b == b'\n').unwrap_or(0) + 1;
            bytes.splice(nl..nl, b"broken,row\n".iter().copied());
            std::fs::write(&path, &bytes).expect("write");
            let whole = crate::import::import_file(&path, &Progress::default()).expect("file");
            let mut sliced = SlicedImport::new(format!("{kind}.csv"), Arc::from(bytes));
            let (got, steps) = run(&mut sliced, &Progress::default());
            let got = got.expect("sliced");
            assert!(steps > 5, "{kind}: {steps} steps");
            assert_eq!(got.layer.len(), whole.layer.len(), "{kind}");
            let lines = |l: &Layer| l.bad_rows.iter().map(|b| b.line).collect::<Vec<_>>();
            assert_eq!(lines(&got.layer), lines(&whole.layer), "{kind}");
            assert!(!got.layer.bad_rows.is_empty());
        }
    }

    /// Cancel ends it at the next step; an empty file says so.
    #[test]
    fn cancel_and_empty_input_end_it_with_a_reason() {
        let csv = "event_id_cnty,event_date,latitude,longitude\n";
        let mut import = SlicedImport::new("empty.csv", Arc::from(csv.as_bytes()));
        let (got, _) = run(&mut import, &Progress::default());
        assert!(got.is_err_and(|e| e.to_string().contains("empty.csv")));
        let p = Progress::default();
        p.cancel();
        let mut import = SlicedImport::new("a.csv", Arc::from(csv.as_bytes()));
        assert!(matches!(
            import.step(&p),
            Some(Err(ImportError::Cancelled { .. }))
        ));
    }
}
