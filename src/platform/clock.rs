//! The clock: std's on the desktop, the page's in the browser (where std's `Instant::now`
//! panics). Everything that times or stamps uses these.

pub use web_time::{Instant, SystemTime, UNIX_EPOCH};
