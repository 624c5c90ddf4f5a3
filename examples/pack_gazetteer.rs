//! Packs the world gazetteer's records into `data/world/gazetteer.bin`; run by
//! `tools/build_data.py` (`cargo run --release --example pack_gazetteer -- IN.jsonl OUT.bin`).

use anyhow::{Context, bail};
use event_atlas::model::write_atomic;
use event_atlas::spatial::gazetteer::{SourceRecord, WorldGazetteer, pack};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        bail!("usage: pack_gazetteer RECORDS.jsonl OUT.bin");
    };
    let text = std::fs::read_to_string(input).with_context(|| format!("cannot read {input}"))?;
    let mut records = Vec::new();
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let r: SourceRecord =
            serde_json::from_str(line).with_context(|| format!("{input}:{}", i + 1))?;
        records.push(r);
    }
    let bytes = pack(&records).with_context(|| input.clone())?;
    let g = WorldGazetteer::open(output, bytes.clone().into())?;
    write_atomic(std::path::Path::new(output), &bytes)
        .with_context(|| format!("cannot write {output}"))?;
    eprintln!(
        "{output}: {} records, {} bytes, longest name {} words",
        g.len(),
        bytes.len(),
        g.max_words
    );
    Ok(())
}
