//! Telling ACLED, UCDP GED and GeoJSON apart from the first bytes of a file, and saying why
//! when it is none of them.

use super::ImportError;

/// A file format the importer reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    /// ACLED's CSV export (31 columns in current exports; matched by column name).
    #[default]
    Acled,
    /// UCDP GED CSV (49 columns); candidate releases may come without a header row.
    Ucdp { header: bool },
    /// A GeoJSON FeatureCollection (or a single Feature).
    GeoJson,
}

impl Format {
    /// How the app names the detected format.
    pub fn label(self) -> &'static str {
        match self {
            Self::Acled => "ACLED CSV",
            Self::Ucdp { header: true } => "UCDP GED CSV",
            Self::Ucdp { header: false } => "UCDP GED CSV (no header row)",
            Self::GeoJson => "GeoJSON",
        }
    }
}

/// Number of columns in UCDP GED releases.
pub const UCDP_COLUMNS: usize = 49;

/// Detects the format from the start of a file (the first 64 KiB is plenty).
///
/// ```
/// use event_atlas::import::{detect, Format};
/// let acled = b"event_id_cnty,event_date,year,time_precision,disorder_type,event_type\n";
/// assert_eq!(detect("a.csv", acled).unwrap(), Format::Acled);
/// assert_eq!(detect("b.json", b" {\"type\":\"FeatureCollection\"").unwrap(), Format::GeoJson);
/// assert!(detect("c.csv", b"name;lat;lon\n").unwrap_err().to_string().contains("semicolon"));
/// ```
pub fn detect(path: &str, head: &[u8]) -> Result<Format, ImportError> {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let trimmed = head.trim_ascii_start();
    if trimmed.is_empty() {
        return Err(ImportError::Empty { path: path.into() });
    }
    if trimmed[0] == b'{' || trimmed[0] == b'[' {
        return Ok(Format::GeoJson);
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(head);
    let mut first = csv::ByteRecord::new();
    match reader.read_byte_record(&mut first) {
        Ok(true) => {}
        Ok(false) => return Err(ImportError::Empty { path: path.into() }),
        Err(e) => return Err(ImportError::format(path, Some(1), e.to_string())),
    }
    let names: Vec<String> = first
        .iter()
        .map(|f| String::from_utf8_lossy(f).trim().to_ascii_lowercase())
        .collect();
    let has = |n: &str| names.iter().any(|c| c == n);
    if has("event_id_cnty") || (has("event_date") && has("event_type") && has("latitude")) {
        return Ok(Format::Acled);
    }
    if has("type_of_violence") || (has("date_start") && has("where_prec")) {
        return Ok(Format::Ucdp { header: true });
    }
    if names.len() == UCDP_COLUMNS
        && names[0].parse::<u64>().is_ok()
        && super::parse_day(names[38].as_bytes()).is_some()
    {
        return Ok(Format::Ucdp { header: false });
    }
    let line = String::from_utf8_lossy(head.split(|&b| b == b'\n').next().unwrap_or_default())
        .into_owned();
    let count = |c: char| line.matches(c).count();
    let hint = if count(';') > count(',') {
        "it looks semicolon-separated; ACLED and UCDP publish comma-separated files".to_string()
    } else if count('\t') > count(',') {
        "it looks tab-separated; ACLED and UCDP publish comma-separated files".to_string()
    } else if head.contains(&0) {
        "it looks like a binary file, not text".to_string()
    } else {
        let shown: String = line.chars().take(80).collect();
        format!(
            "the first line has {} columns ({shown}…) but no ACLED columns (event_id_cnty, event_date, latitude) and no UCDP columns (type_of_violence, date_start, where_prec)",
            names.len()
        )
    };
    Err(ImportError::format(
        path,
        Some(1),
        format!("not ACLED, UCDP GED or GeoJSON: {hint}"),
    ))
}
