//! Writes a synthetic dataset in ACLED's or UCDP GED's published layout, for trying the importer
//! at real sizes without downloading anything:
//! `cargo run --release --example synthetic -- acled 100000 /tmp/acled.csv`.

use std::io::BufWriter;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [format, n, out] = args.as_slice() else {
        eprintln!("usage: synthetic acled|ucdp|ucdp-noheader ROWS OUT.csv");
        std::process::exit(2);
    };
    let n: usize = n.parse().unwrap_or(1000);
    let file = BufWriter::new(std::fs::File::create(out)?);
    match format.as_str() {
        "acled" => event_atlas::import::synthetic::write_acled(file, n, 1)?,
        "ucdp" => event_atlas::import::synthetic::write_ucdp(file, n, 1, true)?,
        _ => event_atlas::import::synthetic::write_ucdp(file, n, 1, false)?,
    }
    eprintln!("wrote {n} rows to {out}");
    Ok(())
}
