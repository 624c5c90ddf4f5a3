//! Nothing here: see `benches/clusters.rs`.
