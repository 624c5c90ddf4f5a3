//! What a waiting quiz question keeps off the screen, so that nothing shown names its answer.

use super::{Vis, Visible};
use crate::model::Item;

/// The answer of a waiting question, kept out of the map, the timeline and the panels until
/// the student answers. The default conceals nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Concealed {
    /// The answer place of a map question: no marker, label or accessible name.
    pub place: Option<usize>,
    /// The items the question is about (the ones quoting the sentence it cites, the event a
    /// "when" question asks for): off the map and the timeline.
    pub items: Vec<Item>,
    /// Counts of people: the counter's figures, arrow and total labels.
    pub figures: bool,
}

impl Concealed {
    /// Whether anything is concealed at all.
    pub fn is_active(&self) -> bool {
        *self != Self::default()
    }

    /// Hides the concealed items and, with `figures`, the article's totals from `vis`.
    ///
    /// ```
    /// use event_atlas::model::Item;
    /// use event_atlas::timeline::{Concealed, Vis, Visible};
    /// let mut vis = Visible { events: vec![Vis::Shown; 2], totals: vec![true], ..Visible::default() };
    /// let c = Concealed { items: vec![Item::Event(1)], figures: true, ..Concealed::default() };
    /// c.apply(&mut vis);
    /// assert_eq!(vis.events, vec![Vis::Shown, Vis::Hidden]);
    /// assert_eq!(vis.totals, vec![false]);
    /// ```
    pub fn apply(&self, vis: &mut Visible) {
        for item in &self.items {
            let slot = match *item {
                Item::Event(i) => vis.events.get_mut(i),
                Item::Crossing(i) => vis.crossings.get_mut(i),
            };
            if let Some(v) = slot {
                *v = Vis::Hidden;
            }
        }
        if self.figures {
            vis.totals.iter_mut().for_each(|t| *t = false);
        }
        vis.concealed = self.clone();
    }
}
