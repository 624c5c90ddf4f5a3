//! Raster tiles where platforms differ: HTTPS needs a TLS provider on the desktop (the browser
//! fetches tiles itself), and a local PMTiles file opens only where there are files.

use std::path::Path;

/// Makes HTTPS tile requests possible (on the desktop, rustls with ring; a second call is
/// harmless).
pub fn prepare_https() {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

/// Raster tiles from a local PMTiles file (256-px tiles, as raster archives are made).
// `walkers::Style` is a unit struct here, but a real one when another crate turns on
// walkers' vector feature (tools/vs_walkers_extras does): `default()` builds either.
#[allow(clippy::default_constructed_unit_structs)]
pub fn local_tiles(path: &Path, ctx: &egui::Context) -> Result<Box<dyn walkers::Tiles>, String> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        Ok(Box::new(walkers::PmTiles::with_style_and_tile_size(
            path,
            walkers::Style::default(),
            256,
            ctx.clone(),
        )))
    }
    #[cfg(target_arch = "wasm32")]
    {
        let _ = ctx;
        Err(format!(
            "{}: PMTiles files open only in the desktop app",
            path.display()
        ))
    }
}
