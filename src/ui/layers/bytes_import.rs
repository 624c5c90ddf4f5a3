//! A file's bytes imported a step at a time (the browser's import, where there are no
//! threads): the parse and the index ([`SlicedImport`]), then each record's story province and
//! world unit, [`RECORDS_PER_STEP`] records a step. The result is the file import's.

use std::sync::Arc;

use super::{AtlasWorld, province_spellings};
use crate::atlas::Atlas;
use crate::import::{
    ImportError, Imported, Progress, ProvinceNames, SlicedImport, Stage, WorldUnitFinder,
};

/// Records given their provinces per step (a few milliseconds' work).
pub const RECORDS_PER_STEP: usize = 4096;

/// The records' provinces and units, found so far.
struct Placing {
    imported: Imported,
    names: ProvinceNames,
    finder: WorldUnitFinder,
    units: Vec<u16>,
    at: usize,
}

/// An import of bytes, advanced by [`BytesImport::step`].
pub struct BytesImport {
    atlas: Arc<Atlas>,
    parse: SlicedImport,
    placing: Option<Placing>,
}

impl BytesImport {
    /// The import of what `parse` reads, for the story in `atlas`.
    pub fn new(atlas: Arc<Atlas>, parse: SlicedImport) -> Self {
        Self {
            atlas,
            parse,
            placing: None,
        }
    }

    /// One step: `Some` with the layer (or why there is none) when the import is over.
    pub fn step(&mut self, progress: &Progress) -> Option<Result<Imported, ImportError>> {
        let Some(placing) = &mut self.placing else {
            let imported = match self.parse.step(progress)? {
                Ok(imported) => imported,
                Err(e) => return Some(Err(e)),
            };
            let names = ProvinceNames::new(&imported.layer, &province_spellings(&self.atlas));
            progress.set_stage(Stage::Provinces.label());
            progress.set_total(imported.layer.len() as u64);
            progress.set_done(0);
            self.placing = Some(Placing {
                imported,
                names,
                finder: WorldUnitFinder::default(),
                units: Vec::new(),
                at: 0,
            });
            return None;
        };
        let atlas = &self.atlas;
        let layer = &mut placing.imported.layer;
        let end = (placing.at + RECORDS_PER_STEP).min(layer.len());
        let range = placing.at..end;
        let locate = |lon, lat| atlas.province_index.locate(geo::Point::new(lon, lat));
        placing.names.assign(layer, range.clone(), locate);
        let world = AtlasWorld(atlas);
        placing
            .finder
            .find(layer, range, &world, &mut placing.units);
        placing.at = end;
        progress.set_done(end as u64);
        if end < layer.len() {
            return None;
        }
        let mut placing = self.placing.take()?;
        placing.imported.world_units = placing.units;
        Some(Ok(placing.imported))
    }
}
