//! Writes a synthetic dataset in ACLED's or UCDP GED's published layout, for trying the importer
//! at real sizes without downloading anything:
//! `cargo run --release --example synthetic -- acled 100000 /tmp/acled.csv`, or in any
//! country's first-level units: `… -- acled 100000 /tmp/sudan.csv SD`.

use std::io::BufWriter;

use event_atlas::import::synthetic::{self, Region};

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (format, n, out, country) = match args.as_slice() {
        [f, n, out] => (f, n, out, None),
        [f, n, out, cc] => (f, n, out, Some(cc)),
        _ => {
            eprintln!("usage: synthetic acled|ucdp|ucdp-noheader ROWS OUT.csv [COUNTRY]");
            std::process::exit(2);
        }
    };
    let n: usize = n.parse().unwrap_or(1000);
    let file = BufWriter::new(std::fs::File::create(out)?);
    match (format.as_str(), country) {
        ("acled", Some(cc)) => synthetic::write_acled_in(file, n, 1, &region_of(cc))?,
        ("acled", None) => synthetic::write_acled(file, n, 1)?,
        ("ucdp", _) => synthetic::write_ucdp(file, n, 1, true)?,
        _ => synthetic::write_ucdp(file, n, 1, false)?,
    }
    eprintln!("wrote {n} rows to {out}");
    Ok(())
}

/// A country's region from the world's first-level units.
fn region_of(cc: &str) -> Region {
    let units = event_atlas::model::WorldAdmin1::embedded()
        .and_then(|w| w.units_of(cc))
        .unwrap_or_default();
    Region::of_units(cc, &units).unwrap_or_else(|| {
        eprintln!("no first-level units for {cc}");
        std::process::exit(2);
    })
}
