//! Something the side panel and the timeline list: an event or a crossing, by index.

/// An event or a crossing of the loaded story, by its index in `events.json` or in
/// `crossings.json`'s `crossings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Item {
    Event(usize),
    Crossing(usize),
}
