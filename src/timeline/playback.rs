//! Playing the story: the cursor moves at any speed, over a range, once or in a loop.

use serde::{Deserialize, Serialize};

/// Play state and settings; settings persist, playing does not (the app opens paused).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Playback {
    #[serde(skip)]
    pub playing: bool,
    /// Story days per second of real time; any positive value (typed values are not clamped).
    pub speed: f64,
    pub looping: bool,
    /// Range to play, as day numbers; `None` plays over whatever the timeline shows.
    pub range: Option<(f64, f64)>,
}

impl Default for Playback {
    fn default() -> Self {
        Self {
            playing: false,
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
    /// Starts playing; from the start of `range` if the cursor is outside it or at its end.
    pub fn play(&mut self, cursor: &mut f64, range: (f64, f64)) {
        if !(range.0..range.1).contains(cursor) {
            *cursor = range.0;
        }
        self.playing = true;
    }

    /// Plays or pauses.
    pub fn toggle(&mut self, cursor: &mut f64, range: (f64, f64)) {
        if self.playing {
            self.playing = false;
        } else {
            self.play(cursor, range);
        }
    }

    /// Moves the cursor by `dt` seconds of real time; returns whether it moved.
    ///
    /// ```
    /// use event_atlas::timeline::Playback;
    /// let mut p = Playback { playing: true, speed: 2.0, looping: true, range: None };
    /// let mut cursor = 9.0;
    /// p.advance(&mut cursor, 1.0, (0.0, 10.0));
    /// assert_eq!(cursor, 1.0); // past the end, wrapped to the start
    /// assert!(p.playing);
    /// ```
    pub fn advance(&mut self, cursor: &mut f64, dt: f64, range: (f64, f64)) -> bool {
        if !self.playing || !dt.is_finite() || dt <= 0.0 {
            return false;
        }
        let (start, end) = range;
        if end.partial_cmp(&start) != Some(std::cmp::Ordering::Greater) {
            self.playing = false;
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
                self.playing = false;
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
        let mut p = Playback {
            playing: true,
            speed: 5.0,
            ..Playback::default()
        };
        let mut c = 0.0;
        assert!(p.advance(&mut c, 1.0, (0.0, 8.0)));
        assert_eq!(c, 5.0);
        p.advance(&mut c, 1.0, (0.0, 8.0));
        assert_eq!(c, 8.0);
        assert!(!p.playing);
        // Play again from the end: starts over.
        p.play(&mut c, (0.0, 8.0));
        assert_eq!(c, 0.0);
        assert!(p.playing);
    }

    #[test]
    fn any_speed_and_bad_values() {
        let mut p = Playback {
            playing: true,
            speed: 3650.0,
            looping: true,
            range: None,
        };
        let mut c = 0.0;
        p.advance(&mut c, 0.5, (0.0, 7000.0));
        assert_eq!(c, 1825.0);
        p.speed = f64::NAN;
        assert!(p.advance(&mut c, 1.0, (0.0, 7000.0)));
        assert!(c.is_finite());
        assert!(!p.advance(&mut c, f64::NAN, (0.0, 7000.0)));
        assert!(!p.advance(&mut c, 1.0, (5.0, 5.0)));
    }
}
