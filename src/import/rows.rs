//! The CSV row loop shared by the ACLED and UCDP readers: a bad row is noted with its line and
//! skipped, Cancel is heeded, and only an unreadable file stops the import.

use std::io::Read;

use csv::ByteRecord;

use super::{ImportError, Layer, Progress};

/// Rows of a CSV file, as raw bytes (no UTF-8 check until a field is used).
pub(crate) struct Rows<R: Read> {
    reader: csv::Reader<R>,
    pub record: ByteRecord,
    /// Fields per row (the header's, or the format's when there is no header).
    pub width: usize,
    rows: u64,
    name: String,
}

impl<R: Read> Rows<R> {
    /// Starts reading; `width` is required when there is no header.
    pub fn new(name: &str, reader: R, width: usize) -> Self {
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(256 * 1024)
            .from_reader(reader);
        Self {
            reader,
            record: ByteRecord::new(),
            width,
            rows: 0,
            name: name.to_string(),
        }
    }

    /// Reads the header row: its column names, lower-cased, byte-order mark removed.
    pub fn header(&mut self) -> Result<Vec<String>, ImportError> {
        match self.reader.read_byte_record(&mut self.record) {
            Ok(true) => {}
            Ok(false) => {
                return Err(ImportError::Empty {
                    path: self.name.clone(),
                });
            }
            Err(e) => return Err(ImportError::format(&self.name, Some(1), e.to_string())),
        }
        let names: Vec<String> = self
            .record
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let f = if i == 0 {
                    f.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(f)
                } else {
                    f
                };
                String::from_utf8_lossy(f).trim().to_ascii_lowercase()
            })
            .collect();
        self.width = names.len();
        Ok(names)
    }

    /// The next good-shaped row's line number, or `None` at the end. Rows of the wrong width
    /// and rows the CSV reader rejects go to the layer's bad rows.
    pub fn next(
        &mut self,
        layer: &mut Layer,
        progress: &Progress,
    ) -> Result<Option<u64>, ImportError> {
        loop {
            self.rows += 1;
            if self.rows.is_multiple_of(4096) && progress.cancelled() {
                return Err(ImportError::Cancelled {
                    path: self.name.clone(),
                });
            }
            match self.reader.read_byte_record(&mut self.record) {
                Ok(false) => return Ok(None),
                Ok(true) => {
                    let line = self.record.position().map_or(0, |p| p.line());
                    if self.record.len() == 1
                        && self
                            .record
                            .get(0)
                            .is_some_and(|f| f.trim_ascii().is_empty())
                    {
                        continue; // a blank line
                    }
                    if self.record.len() != self.width {
                        let mut why = format!(
                            "row has {} fields; expected {}",
                            self.record.len(),
                            self.width
                        );
                        if self.record.len() < self.width
                            && self.record.iter().any(|f| f.contains(&b'\n'))
                        {
                            why.push_str(" (an unclosed quote?)");
                        } else if self.record.len() == 1
                            && self
                                .record
                                .get(0)
                                .is_some_and(|f| f.contains(&b';') || f.contains(&b'\t'))
                        {
                            why.push_str(" (semicolons or tabs instead of commas?)");
                        }
                        layer.bad_row(line, why);
                        continue;
                    }
                    return Ok(Some(line));
                }
                Err(e) => {
                    if let csv::ErrorKind::Io(io) = e.kind() {
                        return Err(ImportError::Io {
                            path: self.name.clone(),
                            source: std::io::Error::new(io.kind(), io.to_string()),
                        });
                    }
                    let line = e.position().map_or(0, |p| p.line());
                    layer.bad_row(line, e.to_string());
                }
            }
        }
    }

    /// A field of the current row (empty when the column is absent).
    pub fn field(&self, col: Option<usize>) -> &[u8] {
        col.and_then(|c| self.record.get(c))
            .unwrap_or_default()
            .trim_ascii()
    }
}

/// A field for a message: at most 40 characters, invalid UTF-8 replaced.
/// Refuses a header that lacks columns no row can do without, naming all of them (`format`:
/// "ACLED", "UCDP GED"; `required`: each column's name and where the header has it).
pub(crate) fn require_columns(
    name: &str,
    format: &str,
    required: &[(&str, Option<usize>)],
) -> Result<(), ImportError> {
    let missing: Vec<&str> = required
        .iter()
        .filter(|(_, c)| c.is_none())
        .map(|(n, _)| *n)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let message = format!("{format} header lacks the column(s) {}", missing.join(", "));
    Err(ImportError::format(name, Some(1), message))
}

pub(crate) fn shown(b: &[u8]) -> String {
    let s = String::from_utf8_lossy(b);
    let mut out: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

/// A latitude or longitude: a finite number within ±`limit`.
pub(crate) fn coordinate(b: &[u8], what: &str, limit: f64) -> Result<f64, String> {
    if b.is_empty() {
        return Err(format!("{what} is empty"));
    }
    let v: f64 = std::str::from_utf8(b)
        .ok()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("{what} '{}' is not a number", shown(b)))?;
    if !v.is_finite() {
        return Err(format!("{what} '{}' is not a finite number", shown(b)));
    }
    if v.abs() > limit {
        return Err(format!("{what} {v} is out of range (±{limit})"));
    }
    Ok(v)
}

/// A whole number of people, or `None` for an empty field.
pub(crate) fn count(b: &[u8], what: &str) -> Result<Option<u32>, String> {
    if b.is_empty() {
        return Ok(None);
    }
    std::str::from_utf8(b)
        .ok()
        .and_then(|s| {
            s.parse::<u32>().ok().or_else(|| {
                // Some exports write counts as "12.0".
                s.parse::<f64>()
                    .ok()
                    .filter(|v| v.fract() == 0.0 && (0.0..4e9).contains(v))
                    .map(|v| v as u32)
            })
        })
        .map(Some)
        .ok_or_else(|| format!("{what} '{}' is not a whole number", shown(b)))
}

/// A small precision code (1, 2, 3…), or 0 when empty or unreadable.
pub(crate) fn code(b: &[u8]) -> u8 {
    std::str::from_utf8(b)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}
