//! The basemap feature: the built-in offline map, OpenStreetMap tiles (cached on disk), or a
//! local PMTiles file; it falls back to the offline map when no tile arrives.

use crate::ui::path_field::PathField;
use std::path::PathBuf;

use egui::{RichText, Ui};

use super::{Command, WindowId};
use crate::map::tiles::{Basemap, TileLayer};
use crate::platform::FileKind;

/// The basemap chosen (saved), and the tiles drawing it.
#[derive(Default)]
pub struct Basemaps {
    /// The choice: it survives a restart.
    pub saved: Basemap,
    /// Raster tiles for a non-offline basemap, started on first use.
    pub tiles: Option<TileLayer>,
    /// Disk cache for HTTP tiles (none in tests and screenshots).
    pub cache: Option<PathBuf>,
    /// Typed path of a PMTiles file.
    pub pmtiles_path: String,
}

impl Basemaps {
    /// The basemap restored from the saved choice.
    pub fn new(saved: Basemap) -> Self {
        Self {
            saved,
            ..Self::default()
        }
    }

    /// The tiles to draw under the map, unless they failed.
    pub fn tiles_mut(&mut self) -> Option<&mut TileLayer> {
        self.tiles.as_mut().filter(|t| !t.failed)
    }

    /// The credit of the raster basemap drawn, if any.
    pub fn credit(&self) -> Option<&str> {
        self.tiles
            .as_ref()
            .filter(|t| !t.failed)
            .map(|t| t.credit.as_str())
    }

    /// Starts, swaps or drops the raster tiles to match the choice; falls back to the offline
    /// map (once, with a message) when no tile arrives.
    pub fn update(&mut self, ctx: &egui::Context) -> Vec<Command> {
        let current = self.tiles.as_ref().map(|t| &t.basemap);
        if current != Some(&self.saved) {
            if let Basemap::PmTiles { path } = &self.saved
                && !path.is_file()
            {
                let msg = format!(
                    "{}: no such PMTiles file; the offline map is shown",
                    path.display()
                );
                self.saved = Basemap::Offline;
                self.tiles = None;
                return vec![Command::Problem(msg)];
            }
            self.tiles = match self.saved {
                Basemap::Offline => None,
                _ => TileLayer::new(&self.saved, self.cache.clone(), ctx),
            };
        }
        let Some(t) = &mut self.tiles else {
            return Vec::new();
        };
        let was = t.failed;
        t.check();
        if !t.loaded_any && !t.failed {
            ctx.request_repaint_after(std::time::Duration::from_millis(250));
        }
        if t.failed && !was {
            let label = t.basemap.label();
            return vec![Command::Status(format!(
                "{label}: no tiles arrived (no network?); showing the offline map"
            ))];
        }
        Vec::new()
    }

    /// The View menu's radio buttons.
    pub fn menu(&self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        let mut basemap = self.saved.clone();
        ui.radio_value(&mut basemap, Basemap::Offline, "Offline map (built in)");
        ui.radio_value(&mut basemap, Basemap::osm(), "OpenStreetMap tiles (online)");
        let pm = matches!(basemap, Basemap::PmTiles { .. });
        // A local file is opened by path: the desktop's.
        if crate::platform::ABILITIES.paths
            && ui
                .radio(pm, "Local PMTiles file (raster)…")
                .on_hover_text("Choose the file in File › Layers…")
                .clicked()
        {
            commands.push(Command::Open(WindowId::Layers));
            ui.close();
        }
        if basemap != self.saved {
            commands.push(Command::SetBasemap(basemap));
        }
        commands
    }

    /// The basemap's part of the Layers window: offline, OpenStreetMap, or a PMTiles file.
    pub fn controls(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Basemap:").strong());
            ui.label(self.saved.label());
        });
        ui.horizontal(|ui| {
            if ui.button("Offline map").clicked() {
                commands.push(Command::SetBasemap(Basemap::Offline));
            }
            if ui
                .button("OpenStreetMap tiles")
                .on_hover_text("Online; cached on disk")
                .clicked()
            {
                commands.push(Command::SetBasemap(Basemap::osm()));
            }
        });
        if !crate::platform::ABILITIES.paths {
            return commands;
        }
        ui.horizontal(|ui| {
            let field =
                PathField::new("PMTiles file", "/path/to/tiles.pmtiles", "Use").width(200.0);
            if let Some(typed) = field.show(ui, &mut self.pmtiles_path) {
                let path = PathBuf::from(typed);
                commands.push(Command::SetBasemap(Basemap::PmTiles { path }));
            }
            if ui
                .small_button("…")
                .on_hover_text("Choose the file")
                .clicked()
            {
                commands.push(Command::Browse(FileKind::PmTiles));
            }
        });
        commands
    }
}
