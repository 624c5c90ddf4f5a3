//! Time: the cursor and window that filter the map, the date index behind them, playback, and
//! the running count of crossings. No egui here; the timeline panel lives in `ui`.

mod axis;
mod concealed;
mod counter;
mod filter;
mod index;
mod playback;
mod scales;

pub use crate::model::{Unit, Window, WindowError};
pub use axis::{Tick, TimeAxis};
pub use concealed::Concealed;
pub use counter::{Counter, crossing_counter};
pub use filter::{Filter, TimeFilter, TimeMode, Timing, Vis};
pub use index::{Entry, TimeIndex, Visible};
pub use playback::{MIN_SPEED, Playback};
pub use scales::Scales;
