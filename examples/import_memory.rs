//! Resident memory of an import at scale: writes N synthetic ACLED rows to a temporary file,
//! imports it as the app does (parse, clusters, provinces), and prints the process's resident
//! set (VmRSS) and its peak (VmHWM) from /proc.
//! `cargo run --release --example import_memory -- 1000000`

use event_atlas::atlas::Atlas;
use event_atlas::import::{Progress, synthetic};
use event_atlas::model::DataSource;

fn status(key: &str) -> String {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with(key))
        .map(|l| l.trim_start_matches(key).trim().to_string())
        .unwrap_or_else(|| "n/a".into())
}

fn main() -> anyhow::Result<()> {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let dir = std::env::temp_dir().join(format!("ea-mem-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("acled.csv");
    synthetic::write_acled(std::io::BufWriter::new(std::fs::File::create(&path)?), n, 1)?;
    let size = std::fs::metadata(&path)?.len();
    let atlas = Atlas::load(DataSource::Embedded)?;
    println!("before import: VmRSS {}", status("VmRSS:"));
    let started = std::time::Instant::now();
    let imported =
        event_atlas::ui::layers::import_with_provinces(&atlas, &path, &Progress::default())?;
    let took = started.elapsed();
    println!(
        "imported {} rows ({:.0} MB file) in {:.2} s; layer {:.0} MB, clusters {:.0} MB ({} levels)",
        imported.layer.len(),
        size as f64 / 1e6,
        took.as_secs_f64(),
        imported.layer.heap_bytes() as f64 / 1e6,
        imported.clusters.heap_bytes() as f64 / 1e6,
        imported.clusters.levels.len()
    );
    println!(
        "after import: VmRSS {}, peak VmHWM {}",
        status("VmRSS:"),
        status("VmHWM:")
    );
    // The stages apart, from memory (no file reading): parse, then clusters.
    let bytes = std::fs::read(&path)?;
    let t = std::time::Instant::now();
    let layer = event_atlas::import::parse_bytes("x.csv", &bytes, &Progress::default())?;
    let parse = t.elapsed();
    let t = std::time::Instant::now();
    let again = event_atlas::import::Imported::index(layer, &Progress::default());
    println!(
        "stages: parse {:.0} ms, clusters {:.0} ms ({} rows)",
        parse.as_secs_f64() * 1e3,
        t.elapsed().as_secs_f64() * 1e3,
        again.layer.len()
    );
    drop((again, bytes));
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
