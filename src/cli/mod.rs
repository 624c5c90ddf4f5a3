//! Command line: run the app, or one of the data commands (`geocode`, `check`, `story`).

mod story;

pub use story::{story, story_eval};

use std::path::{Path, PathBuf};
use std::str::FromStr;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand, ValueEnum};

use crate::model::{DataSource, Dataset, write_atomic};
use crate::spatial::ProvinceIndex;
use crate::spatial::gazetteer::WorldGazetteer;
use crate::spatial::geocode::{Geocoder, places_json};

/// Window size as `WIDTHxHEIGHT`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Size {
    pub width: f32,
    pub height: f32,
}

impl FromStr for Size {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (w, h) = s
            .split_once(['x', 'X'])
            .ok_or_else(|| format!("{s:?}: expected WIDTHxHEIGHT, e.g. 1600x1000"))?;
        let parse = |v: &str| {
            v.trim()
                .parse::<f32>()
                .ok()
                .filter(|n| (200.0..=8000.0).contains(n))
                .ok_or_else(|| format!("{v:?}: expected a size between 200 and 8000 pixels"))
        };
        Ok(Self {
            width: parse(w)?,
            height: parse(h)?,
        })
    }
}

/// A range of dates as `FROM..TO` (each YYYY-MM-DD, YYYY-MM or YYYY), both included.
#[derive(Debug, Clone, PartialEq)]
pub struct DateRange {
    pub from: crate::model::PartialDate,
    pub to: crate::model::PartialDate,
}

impl FromStr for DateRange {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (a, b) = s
            .split_once("..")
            .ok_or_else(|| format!("{s:?}: expected FROM..TO, e.g. 2021-06-20..2021-07-06"))?;
        let date = |t: &str| t.trim().parse().map_err(|e| format!("{t:?}: {e}"));
        Ok(Self {
            from: date(a)?,
            to: date(b)?,
        })
    }
}

/// Which GPU back-end draws the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Renderer {
    Glow,
    Wgpu,
}

/// Event Atlas: a news story as an interactive, offline map.
#[derive(Debug, Parser)]
#[command(name = "event-atlas", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Open this story folder (laid out like `data/`, with its `story.json`), or such a folder
    /// as one `.zip` (as the web page downloads it), instead of the
    /// story built into the app. `--data` is an alias.
    #[arg(
        long = "story",
        visible_alias = "data",
        global = true,
        value_name = "DIR"
    )]
    pub data: Option<PathBuf>,
    /// Render the window to a PNG file and exit.
    #[arg(long, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,
    /// Select a province (ISO code, e.g. AF-BDS) or a place, event or crossing id at start.
    #[arg(long, value_name = "ID")]
    pub select: Option<String>,
    /// Open at this date (YYYY-MM-DD, YYYY-MM or YYYY): the map as it stood then.
    #[arg(long, value_name = "DATE")]
    pub time: Option<crate::model::PartialDate>,
    /// With --time: show only this span before the date (e.g. 3d, 2w, 6m, 1y).
    #[arg(long, value_name = "SPAN", requires = "time")]
    pub window: Option<crate::timeline::Window>,
    /// Open this tour file instead of the data's own tour (and present it).
    #[arg(long, value_name = "FILE")]
    pub tour: Option<PathBuf>,
    /// Present the tour from this slide (1 = the first); with --screenshot, render that slide.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub slide: Option<u32>,
    /// Record the timeline playing over FROM..TO to an animation (with --out) and exit.
    #[arg(long, value_name = "FROM..TO", requires = "out")]
    pub animate: Option<DateRange>,
    /// With --animate: the file to write (.gif, or .png for an animated PNG).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// With --animate: frames per second.
    #[arg(long, default_value_t = 8.0)]
    pub fps: f64,
    /// With --animate: story days per second (default: the range in 8 seconds).
    #[arg(long, value_name = "DAYS")]
    pub speed: Option<f64>,
    /// Write the printable handout (a page per tour slide, the quiz and its key) and exit.
    #[arg(long, value_name = "FILE.pdf")]
    pub handout: Option<PathBuf>,
    /// With --tour or --slide: present with the presenter view (notes in a second window).
    #[arg(long)]
    pub presenter: bool,
    /// Open a data file as a layer (ACLED or UCDP GED CSV, GeoJSON); may be repeated.
    #[arg(long, value_name = "FILE")]
    pub open: Vec<PathBuf>,
    /// Window size.
    #[arg(long, default_value = "1600x1000", value_name = "WxH")]
    pub size: Size,
    /// Graphics back-end.
    #[arg(long, value_enum, default_value = "glow")]
    pub renderer: Renderer,
}

/// Data commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Find the places an article names and write them as a places file (JSON).
    Geocode {
        /// The article, as plain UTF-8 text.
        article: PathBuf,
        /// Where to write the places (default: standard output).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Convert between ACLED CSV, UCDP GED CSV and GeoJSON (the app's own importer), reporting
    /// bad rows on standard error.
    Convert {
        /// The file to read (format detected from its header).
        input: PathBuf,
        /// Where to write: .geojson / .json, or .csv.
        #[arg(long, value_name = "OUTPUT")]
        out: PathBuf,
        /// CSV column layout (default: UCDP's for UCDP input, ACLED's otherwise).
        #[arg(long, value_enum)]
        layout: Option<Layout>,
    },
    /// Validate a story folder: its story.json, schema, ids, verbatim quotes, coordinates,
    /// provinces.
    Check {
        /// The folder to check (default: ./data).
        data_dir: Option<PathBuf>,
    },
    /// Build a story folder from an English news article: places, events, dates, crossings
    /// and totals, a draft tour and quiz. The folder is checked before it is written.
    Story {
        /// The article, as plain text.
        article: PathBuf,
        /// The story folder to write.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Publication date (YYYY-MM-DD), when the article has no dateline.
        #[arg(long, value_name = "YYYY-MM-DD")]
        published: Option<crate::model::PartialDate>,
        /// The story's title (default: the article's headline).
        #[arg(long)]
        title: Option<String>,
        /// Replace the output folder if it exists.
        #[arg(long)]
        force: bool,
        /// Write the story even if dates in the article contradict themselves.
        #[arg(long)]
        accept_doubts: bool,
    },
    /// Build a story from an article in memory and score it against a hand-made story folder
    /// (`--against data`) or a gold file (`--gold x.gold.json`); prints the match table.
    StoryEval {
        /// The article, as plain text.
        article: PathBuf,
        /// A hand-made story folder of the same article.
        #[arg(long, value_name = "DIR", conflicts_with = "gold")]
        against: Option<PathBuf>,
        /// A gold file (see tests/fixtures/articles/).
        #[arg(long, value_name = "FILE")]
        gold: Option<PathBuf>,
        /// Publication date (YYYY-MM-DD), when the article has no dateline.
        #[arg(long, value_name = "YYYY-MM-DD")]
        published: Option<crate::model::PartialDate>,
    },
}

/// CSV layouts `convert` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Layout {
    Acled,
    Ucdp,
}

/// `event-atlas convert`.
pub fn convert(input: &Path, out: &Path, layout: Option<Layout>) -> anyhow::Result<()> {
    use crate::import::{CsvLayout, Progress, import_file, write_csv, write_geojson};
    let started = std::time::Instant::now();
    let imported = import_file(input, &Progress::default())?;
    let layer = &imported.layer;
    eprintln!(
        "{}: detected {}; {} events read, {} bad rows skipped",
        input.display(),
        layer.format.label(),
        layer.len(),
        layer.bad_row_count
    );
    for b in layer.bad_rows.iter().take(20) {
        eprintln!("  {}:{}: {}", input.display(), b.line, b.reason);
    }
    if layer.bad_row_count > 20 {
        eprintln!("  … and {} more", layer.bad_row_count - 20);
    }
    let ext = out
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let mut bytes = Vec::new();
    let rows = 0..layer.len();
    match ext.as_str() {
        "geojson" | "json" => write_geojson(layer, rows, &mut bytes)?,
        "csv" => {
            let layout = match layout {
                Some(Layout::Acled) => CsvLayout::Acled,
                Some(Layout::Ucdp) => CsvLayout::Ucdp,
                None => CsvLayout::for_format(layer.format),
            };
            write_csv(layer, rows, layout, &mut bytes)?;
        }
        _ => bail!(
            "{}: the output must end in .geojson, .json or .csv",
            out.display()
        ),
    }
    write_atomic(out, &bytes).with_context(|| format!("cannot write {}", out.display()))?;
    eprintln!(
        "wrote {} events to {} in {:.2} s",
        layer.len(),
        out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn source(data: Option<&Path>) -> DataSource {
    data.map_or(DataSource::Embedded, |d| DataSource::Dir(d.to_path_buf()))
}

/// `event-atlas geocode`.
pub fn geocode(article: &Path, out: Option<&Path>, data: Option<&Path>) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(article)
        .with_context(|| format!("cannot read {}", article.display()))?;
    let src = source(data);
    let ds = Dataset::load(src.clone())?;
    let gazetteer = Dataset::load_gazetteer(&src)?;
    let index = ProvinceIndex::new(&ds.provinces);
    let world = WorldGazetteer::embedded()?;
    let geocoder = Geocoder::new(
        &ds.countries,
        &ds.provinces,
        &gazetteer,
        &ds.lexicon,
        &index,
    )
    .with_world(&world);
    let result = geocoder.geocode(&text);
    let json = places_json(&result.places)?;
    match out {
        Some(path) => {
            write_atomic(path, json.as_bytes())
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("wrote {} places to {}", result.places.len(), path.display());
        }
        None => print!("{json}"),
    }
    for a in &result.ambiguities {
        eprintln!(
            "ambiguous: {:?} → {} (candidates: {})",
            a.mention,
            a.chosen,
            a.candidates.join("; ")
        );
    }
    if result.unresolved.is_empty() {
        eprintln!("unresolved: none");
    } else {
        eprintln!(
            "unresolved ({}): {}",
            result.unresolved.len(),
            result.unresolved.join(", ")
        );
    }
    Ok(())
}

/// `event-atlas check`.
pub fn check(dir: Option<&Path>) -> anyhow::Result<()> {
    let dir = dir.unwrap_or(Path::new("data"));
    if !dir.is_dir() {
        bail!("{}: not a folder", dir.display());
    }
    let (ds, errors) = crate::check::load_and_check(&DataSource::Dir(dir.to_path_buf()))?;
    if errors.is_empty() {
        println!(
            "{}: ok, “{}” ({} places, {} events, {} crossings, {} totals, {} provinces, {} countries)",
            dir.display(),
            ds.story.title,
            ds.places.len(),
            ds.events.len(),
            ds.crossings.crossings.len(),
            ds.crossings.totals.len(),
            ds.provinces.len(),
            ds.countries.len()
        );
        return Ok(());
    }
    for e in &errors {
        eprintln!("error: {e}");
    }
    bail!("{} problem(s) in {}", errors.len(), dir.display())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_sizes() {
        assert_eq!(
            "1600x1000".parse::<Size>(),
            Ok(Size {
                width: 1600.0,
                height: 1000.0
            })
        );
        assert!("1600".parse::<Size>().is_err());
        assert!("0x10".parse::<Size>().is_err());
    }

    #[test]
    fn story_takes_data_as_an_alias() {
        let a = Cli::try_parse_from(["event-atlas", "--story", "tests/fixtures/northland"])
            .expect("parses");
        let b = Cli::try_parse_from(["event-atlas", "--data", "tests/fixtures/northland"])
            .expect("parses");
        assert_eq!(a.data, b.data);
        assert_eq!(
            a.data.as_deref(),
            Some(Path::new("tests/fixtures/northland"))
        );
    }

    #[test]
    fn parses_time_and_window() {
        let cli = Cli::try_parse_from(["event-atlas", "--time", "2021-07-05", "--window", "3d"])
            .expect("parses");
        assert_eq!(
            cli.time.map(|d| d.to_string()).as_deref(),
            Some("2021-07-05")
        );
        assert_eq!(cli.window.map(|w| w.to_string()).as_deref(), Some("3 days"));
        assert!(Cli::try_parse_from(["event-atlas", "--time", "5 July"]).is_err());
        assert!(Cli::try_parse_from(["event-atlas", "--window", "3d"]).is_err());
        assert!(Cli::try_parse_from(["event-atlas", "--time", "2021", "--window", "3x"]).is_err());
    }
}
