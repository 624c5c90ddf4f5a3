//! Conflict datasets and GeoJSON brought in by the user: ACLED and UCDP GED CSV exports and
//! GeoJSON FeatureCollections, read with one parser each, checked row by row (a bad row is
//! listed, never fatal), then indexed for clustering. No egui here: the app, the `convert`
//! command, the benches and the fuzz tests all share this code.

pub mod acled;
pub mod article;
mod chunks;
mod dates;
mod detect;
mod export;
mod features;
pub mod filter;
mod layer;
mod provinces;
mod recount;
mod rows;
mod sliced;
pub mod synthetic;
pub mod ucdp;

use std::io::Read;
use std::path::{Path, PathBuf};

pub use crate::platform::Progress;
pub use article::{article_layer, sentence_with};
pub use dates::{iso, parse_day};
pub use detect::{Format, detect};
pub use export::{CsvLayout, properties, write_csv, write_geojson};
pub use filter::{LayerFilter, Sweep, Tally};
pub use layer::{BadRow, Fatalities, Layer, PlacePrecision, Record, Shape, Span, Strings, Sym};
pub use provinces::{
    NO_UNIT, ProvinceNames, WorldUnitFinder, WorldUnitLookup, assign_provinces, assign_world_units,
    normalise_province,
};
pub use recount::{DayIndex, LiveTally};
pub use sliced::{STEP_BYTES, SlicedImport};

use crate::spatial::Clusters;

/// What an import is doing now (shown on its progress bar).
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

/// Why a file could not be imported at all (row-level problems are [`BadRow`]s instead).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: the file is empty")]
    Empty { path: String },
    #[error("{path}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Format {
        path: String,
        line: Option<u64>,
        message: String,
    },
    #[error("{path}: import cancelled")]
    Cancelled { path: String },
}

impl ImportError {
    pub(crate) fn format(path: &str, line: Option<u64>, message: impl Into<String>) -> Self {
        Self::Format {
            path: path.to_string(),
            line,
            message: message.into(),
        }
    }
}

/// A layer with its cluster index: what the map draws.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    pub layer: Layer,
    pub clusters: Clusters,
    /// Where it was read from (None for generated data).
    pub path: Option<PathBuf>,
    /// First possible day of every dated record, sorted (the timeline's density strip).
    pub days: Vec<i32>,
    /// Each record's first-level unit of the world ([`NO_UNIT`] when none; empty until
    /// [`assign_world_units`] has run).
    pub world_units: Vec<u16>,
}

impl Imported {
    /// Sorts the layer's records along a space-filling curve and builds clusters for every zoom.
    pub fn index(mut layer: Layer, progress: &Progress) -> Self {
        progress.set_stage(Stage::Indexing.label());
        layer.records.shrink_to_fit();
        layer.shrink_text();
        let points: Vec<[f32; 2]> = layer.records.iter().map(|r| [r.x, r.y]).collect();
        let (clusters, order) = Clusters::build(&points);
        drop(points);
        crate::spatial::cluster::apply_order(&mut layer.records, &order);
        if !layer.shapes.is_empty() {
            let mut new_index = vec![0u32; order.len()];
            for (new, &old) in order.iter().enumerate() {
                new_index[old as usize] = new as u32;
            }
            for shape in &mut layer.shapes {
                shape.record = new_index[shape.record as usize];
            }
            layer.shapes.sort_by_key(|s| s.record);
        }
        let mut days: Vec<i32> = layer
            .records
            .iter()
            .filter(|r| r.dated())
            .map(|r| r.start)
            .collect();
        days.sort_unstable();
        Self {
            layer,
            clusters,
            path: None,
            days,
            world_units: Vec::new(),
        }
    }
}

/// Reads and parses bytes already in memory (the format is detected from them).
pub fn parse_bytes(name: &str, bytes: &[u8], progress: &Progress) -> Result<Layer, ImportError> {
    let format = detect(name, bytes)?;
    progress.set_total(bytes.len() as u64);
    parse_reader(name, format, bytes, progress)
}

/// Parses a stream in a known format.
pub fn parse_reader(
    name: &str,
    format: Format,
    reader: impl Read,
    progress: &Progress,
) -> Result<Layer, ImportError> {
    let reader = progress.reader(reader);
    match format {
        Format::Acled => acled::parse(name, reader, progress),
        Format::Ucdp { header } => ucdp::parse(name, reader, header, progress),
        Format::GeoJson => features::parse(name, reader, progress),
    }
}

/// Opens, detects, parses and indexes a file: the whole import, as the app and `convert` run it.
pub fn import_file(path: &Path, progress: &Progress) -> Result<Imported, ImportError> {
    progress.set_stage(Stage::Reading.label());
    let shown = path.display().to_string();
    let io = |source| ImportError::Io {
        path: shown.clone(),
        source,
    };
    let mut file = std::fs::File::open(path).map_err(io)?;
    let total = file.metadata().map_err(io)?.len();
    let mut head = vec![0; 64 * 1024];
    let mut got = 0;
    while got < head.len() {
        let n = file.read(&mut head[got..]).map_err(io)?;
        if n == 0 {
            break;
        }
        got += n;
    }
    head.truncate(got);
    let format = detect(&shown, &head)?;
    progress.set_total(total);
    let reader = std::io::Cursor::new(head).chain(file);
    let layer = parse_reader(&display_name(path), format, reader, progress)
        .map_err(|e| e.with_path(&shown))?;
    nothing_read(&layer, &shown)?;
    let mut imported = Imported::index(layer, progress);
    imported.path = Some(path.to_path_buf());
    Ok(imported)
}

/// An error when no record could be read, saying why (only a header, or every row bad).
fn nothing_read(layer: &Layer, shown: &str) -> Result<(), ImportError> {
    if !layer.is_empty() {
        return Ok(());
    }
    let message = if layer.bad_row_count == 0 {
        "no events in the file (only a header?)".to_string()
    } else {
        let first: Vec<String> = layer
            .bad_rows
            .iter()
            .take(3)
            .map(|b| format!("line {}: {}", b.line, b.reason))
            .collect();
        format!(
            "none of its {} rows could be read ({}{})",
            layer.bad_row_count,
            first.join("; "),
            if layer.bad_row_count > 3 { "; …" } else { "" }
        )
    };
    Err(ImportError::format(shown, None, message))
}

impl ImportError {
    fn with_path(self, path: &str) -> Self {
        match self {
            Self::Format { line, message, .. } => Self::Format {
                path: path.to_string(),
                line,
                message,
            },
            Self::Empty { .. } => Self::Empty { path: path.into() },
            Self::Cancelled { .. } => Self::Cancelled { path: path.into() },
            e @ Self::Io { .. } => e,
        }
    }
}

/// The file name, for layer titles.
pub fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
