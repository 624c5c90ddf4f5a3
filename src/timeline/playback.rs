//! Playing the story: the cursor moves at any speed, over a range, once or in a loop.

use serde::{Deserialize, Serialize};

/// Playback settings (they persist); whether it is playing now is the timeline's, and the app
/// always opens paused.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Playback {
    /// Story days per second of real time; any positive value (typed values are not clamped).
    pub speed: f64,
    pub looping: bool,
    /// Range to play, as day numbers; `None` plays over whatever the timeline shows.
    pub range: Option<(f64, f64)>,
}

impl Default for Playback {
    fn default() -> Self {
        Self {
            // A year a second: the whole 2001–2021 story, the default view, in about 20 s.
            speed: 365.0,
            looping: false,
            range: None,
        }
    }
}

/// Slowest speed accepted (a day every ~3 hours); zero or negative would never move.
pub const MIN_SPEED: f64 = 1e-4;

impl Playback {
    /// Starts playing (sets `playing`); from the start of `range` if the cursor is outside it
    /// or at its end.
    pub fn play(playing: &mut bool, cursor: &mut f64, range: (f64, f64)) {
        if !(range.0..range.1).contains(cursor) {
            *cursor = range.0;
        }
        *playing = true;
    }

    /// Plays or pauses.
    pub fn toggle(playing: &mut bool, cursor: &mut f64, range: (f64, f64)) {
        if *playing {
            *playing = false;
        } else {
            Self::play(playing, cursor, range);
        }
    }

    /// Moves the cursor by `dt` seconds of real time while `playing`; returns whether it moved.
    /// Reaching the end stops it (clears `playing`) unless looping.
    ///
    /// ```
    /// use event_atlas::timeline::Playback;
    /// let p = Playback { speed: 2.0, looping: true, range: None };
    /// let (mut playing, mut cursor) = (true, 9.0);
    /// p.advance(&mut playing, &mut cursor, 1.0, (0.0, 10.0));
    /// assert_eq!(cursor, 1.0); // past the end, wrapped to the start
    /// assert!(playing);
    /// ```
    pub fn advance(
        &self,
        playing: &mut bool,
        cursor: &mut f64,
        dt: f64,
        range: (f64, f64),
    ) -> bool {
        if !*playing || !dt.is_finite() || dt <= 0.0 {
            return false;
        }
        let (start, end) = range;
        if end.partial_cmp(&start) != Some(std::cmp::Ordering::Greater) {
            *playing = false;
            return false;
        }
        let speed = if self.speed.is_finite() {
            self.speed.max(MIN_SPEED)
        } else {
            MIN_SPEED
        };
        let next = *cursor + speed * dt;
        if next >= end {
            if self.looping {
                *cursor = start + (next - end) % (end - start);
            } else {
                *cursor = end;
                *playing = false;
            }
        } else {
            *cursor = next.max(start);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stops_at_the_end_unless_looping() {
        let p = Playback {
            speed: 5.0,
            ..Playback::default()
        };
        let (mut playing, mut c) = (true, 0.0);
        assert!(p.advance(&mut playing, &mut c, 1.0, (0.0, 8.0)));
        assert_eq!(c, 5.0);
        p.advance(&mut playing, &mut c, 1.0, (0.0, 8.0));
        assert_eq!(c, 8.0);
        assert!(!playing);
        // Play again from the end: starts over.
        Playback::play(&mut playing, &mut c, (0.0, 8.0));
        assert_eq!(c, 0.0);
        assert!(playing);
    }

    #[test]
    fn any_speed_and_bad_values() {
        let mut p = Playback {
            speed: 3650.0,
            looping: true,
            range: None,
        };
        let (mut playing, mut c) = (true, 0.0);
        p.advance(&mut playing, &mut c, 0.5, (0.0, 7000.0));
        assert_eq!(c, 1825.0);
        p.speed = f64::NAN;
        assert!(p.advance(&mut playing, &mut c, 1.0, (0.0, 7000.0)));
        assert!(c.is_finite());
        assert!(!p.advance(&mut playing, &mut c, f64::NAN, (0.0, 7000.0)));
        assert!(!p.advance(&mut playing, &mut c, 1.0, (5.0, 5.0)));
    }
}
