//! What the filter and the shading make of the story: what shows, the province fills, the
//! choropleth, the crossing counter. Rebuilt only when the cursor's day, the window, the kinds
//! or the shading change, not every frame; the map, the panel and the timeline share it.

use std::collections::BTreeSet;
use std::sync::Arc;

use egui::Color32;

use crate::atlas::Atlas;
use crate::map::choropleth::{Choropleth, Shading, choropleth};
use crate::model::EventKind;
use crate::timeline::{Concealed, Counter, Filter, Visible, crossing_counter};

/// What the values were computed for.
type Key = (i64, Option<i64>, BTreeSet<EventKind>, Shading, Concealed);

/// The filter's results, shared by everything drawn this frame.
#[derive(Default)]
pub struct Derived {
    key: Option<Key>,
    pub visible: Arc<Visible>,
    pub fills: Arc<Vec<Color32>>,
    pub choropleth: Choropleth,
    pub counter: Counter,
}

impl Derived {
    /// Recomputes for `filter`, `shading` and what a quiz conceals, if any changed since the
    /// last time.
    pub fn refresh(
        &mut self,
        atlas: &Atlas,
        filter: &Filter,
        shading: Shading,
        concealed: &Concealed,
    ) {
        let key = (
            filter.time.day(),
            filter.time.first_day(),
            filter.hidden_kinds.clone(),
            shading,
            concealed.clone(),
        );
        if self.key.as_ref() == Some(&key) {
            return;
        }
        let mut visible = atlas.visible(filter);
        concealed.apply(&mut visible);
        let tallies = atlas.province_tallies(&visible);
        let choropleth = choropleth(shading, &tallies);
        let counter = if concealed.figures {
            Counter {
                lines: vec!["Counts are shown after your answer.".into()],
            }
        } else if filter.kind_shown(EventKind::Refuge) {
            crossing_counter(&atlas.data, &visible, |id| atlas.ids.place(id))
        } else {
            Counter {
                lines: vec![format!(
                    "crossings hidden: “{}” is unticked in the legend",
                    EventKind::Refuge.label()
                )],
            }
        };
        *self = Self {
            key: Some(key),
            counter,
            fills: Arc::new(choropleth.fills.clone()),
            choropleth,
            visible: Arc::new(visible),
        };
    }

    /// Forgets the values (a new story: indexes changed).
    pub fn clear(&mut self) {
        *self = Self::default();
    }
}
