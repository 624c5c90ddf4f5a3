//! Optional raster basemaps under our own vector map: OpenStreetMap's tiles over HTTP (with a
//! disk cache, a real User-Agent, no prefetching beyond what the view needs) or a local PMTiles
//! file. The offline basemap stays the default; when no tile arrives the app falls back to it.

use std::path::PathBuf;
use std::time::Duration;

use crate::platform::clock::Instant;

use serde::{Deserialize, Serialize};
use walkers::sources::{Attribution, TileSource};
use walkers::{HttpOptions, HttpTiles, MaxParallelDownloads, TileId, TilePiece, Tiles};

/// OpenStreetMap's standard tile server.
pub const OSM_URL: &str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

/// Sent with every tile request, as the OSM tile usage policy asks.
pub const USER_AGENT: &str = concat!(
    "event-atlas/",
    env!("CARGO_PKG_VERSION"),
    " (desktop map of a news story; offline-first)"
);

/// How long with no tile at all before giving up on the online basemap.
pub const GIVE_UP: Duration = Duration::from_secs(8);

/// Which basemap is drawn.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Basemap {
    /// Our own countries and provinces, shipped in `data/` (works with no network).
    #[default]
    Offline,
    /// Raster tiles from a URL template (`{z}/{x}/{y}`): OpenStreetMap unless changed.
    Online { url: String },
    /// Raster tiles from a local PMTiles file.
    PmTiles { path: PathBuf },
}

impl Basemap {
    /// OpenStreetMap.
    pub fn osm() -> Self {
        Self::Online {
            url: OSM_URL.into(),
        }
    }

    /// Words for the menu.
    pub fn label(&self) -> String {
        match self {
            Self::Offline => "Offline map (built in)".into(),
            Self::Online { url } if url == OSM_URL => "OpenStreetMap tiles (online)".into(),
            Self::Online { url } => format!("Tiles from {url}"),
            Self::PmTiles { path } => format!("PMTiles: {}", path.display()),
        }
    }
}

/// A tile server by URL template.
#[derive(Debug, Clone)]
pub struct UrlTiles {
    pub template: String,
}

impl TileSource for UrlTiles {
    fn tile_url(&self, t: TileId) -> String {
        self.template
            .replace("{z}", &t.zoom.to_string())
            .replace("{x}", &t.x.to_string())
            .replace("{y}", &t.y.to_string())
    }

    fn attribution(&self) -> Attribution {
        Attribution {
            text: "© OpenStreetMap contributors",
            url: "https://www.openstreetmap.org/copyright",
            logo_light: None,
            logo_dark: None,
        }
    }

    fn max_zoom(&self) -> u8 {
        19
    }
}

/// The raster tiles in use, watched: whether any tile has arrived, and when to give up.
pub struct TileLayer {
    tiles: Box<dyn Tiles>,
    pub basemap: Basemap,
    started: Instant,
    /// Some tile was drawn.
    pub loaded_any: bool,
    /// Nothing came in time: the offline basemap is shown instead.
    pub failed: bool,
    /// Credit line for the map's corner.
    pub credit: String,
}

impl TileLayer {
    /// Starts the tiles for `basemap` (None for the offline one). `cache` is the disk cache
    /// folder for HTTP tiles.
    pub fn new(basemap: &Basemap, cache: Option<PathBuf>, ctx: &egui::Context) -> Option<Self> {
        let (tiles, credit): (Box<dyn Tiles>, String) = match basemap {
            Basemap::Offline => return None,
            Basemap::Online { url } => {
                crate::platform::prepare_https();
                // The desktop's options have fields the browser's lack.
                #[allow(clippy::needless_update)]
                let options = HttpOptions {
                    cache,
                    user_agent: walkers::HeaderValue::from_str(USER_AGENT).ok(),
                    max_parallel_downloads:
                        MaxParallelDownloads::value_manually_confirmed_with_provider_limits(2),
                    ..Default::default()
                };
                let credit = if url == OSM_URL {
                    "© OpenStreetMap contributors".to_string()
                } else {
                    format!("tiles: {url}")
                };
                (
                    Box::new(HttpTiles::with_options(
                        UrlTiles {
                            template: url.clone(),
                        },
                        options,
                        ctx.clone(),
                    )),
                    credit,
                )
            }
            Basemap::PmTiles { path } => {
                let tiles = match crate::platform::local_tiles(path, ctx) {
                    Ok(t) => t,
                    Err(_) => return None,
                };
                let name = path
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                (tiles, format!("tiles: {name}"))
            }
        };
        Some(Self {
            tiles,
            basemap: basemap.clone(),
            started: Instant::now(),
            loaded_any: false,
            failed: false,
            credit,
        })
    }

    /// Decides, once, whether the tiles have failed (nothing drawn in [`GIVE_UP`], nothing in flight).
    pub fn check(&mut self) {
        if !self.loaded_any
            && !self.failed
            && self.started.elapsed() > GIVE_UP
            && self.tiles.stats().in_progress == 0
        {
            self.failed = true;
        }
    }

    /// Tiles loading now.
    pub fn in_progress(&self) -> usize {
        self.tiles.stats().in_progress
    }
}

impl Tiles for TileLayer {
    fn at(&mut self, tile_id: TileId) -> Option<TilePiece> {
        let piece = self.tiles.at(tile_id);
        self.loaded_any |= piece.is_some();
        piece
    }

    fn attribution(&self) -> Attribution {
        self.tiles.attribution()
    }

    fn tile_size(&self) -> u32 {
        self.tiles.tile_size()
    }

    fn stats(&self) -> walkers::Stats {
        self.tiles.stats()
    }
}
