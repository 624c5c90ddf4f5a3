//! Provinces shaded by what happened in them within the time filter: events, or people crossing.

use egui::Color32;
use serde::{Deserialize, Serialize};

use super::style;
use crate::atlas::ProvinceTally;
use crate::model::thousands;

/// What the province shading shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Shading {
    /// Provinces with events a shade darker, as in part 1.
    #[default]
    Off,
    /// Number of events in the province.
    Events,
    /// People crossing a border from the province (sum of lower bounds).
    People,
}

impl Shading {
    /// Every choice, for the picker.
    pub const ALL: [Shading; 3] = [Self::Off, Self::Events, Self::People];

    /// Name in the picker and the legend.
    pub fn label(self) -> &'static str {
        match self {
            Self::Off => "No shading",
            Self::Events => "Events per province",
            Self::People => "People crossing from each province",
        }
    }
}

/// ColorBrewer YlGnBu, 5 classes: sequential and safe for colour-blind readers.
pub const PALETTE: [Color32; 5] = [
    Color32::from_rgb(0xFF, 0xFF, 0xCC),
    Color32::from_rgb(0xA1, 0xDA, 0xB4),
    Color32::from_rgb(0x41, 0xB6, 0xC4),
    Color32::from_rgb(0x2C, 0x7F, 0xB8),
    Color32::from_rgb(0x25, 0x34, 0x94),
];

/// Fill for a province with crossings whose number is not given.
pub const UNKNOWN: Color32 = Color32::from_rgb(0xC8, 0xC8, 0xC8);

/// Class lower bounds for values from 1 to `max`: 1-2-5 steps, at most five classes.
///
/// ```
/// use event_atlas::map::choropleth::breaks;
/// assert_eq!(breaks(3), vec![1, 2, 3]);
/// assert_eq!(breaks(15), vec![1, 2, 5, 10]);
/// assert_eq!(breaks(1000), vec![1, 5, 50, 200, 1000]);
/// ```
pub fn breaks(max: u64) -> Vec<u64> {
    if max == 0 {
        return Vec::new();
    }
    if max <= 5 {
        return (1..=max).collect();
    }
    let mut nice = Vec::new();
    let mut decade = 1u64;
    'outer: loop {
        for m in [1, 2, 5] {
            let v = decade.saturating_mul(m);
            if v > max {
                break 'outer;
            }
            nice.push(v);
        }
        match decade.checked_mul(10) {
            Some(d) => decade = d,
            None => break,
        }
    }
    if nice.len() <= PALETTE.len() {
        return nice;
    }
    let last = (nice.len() - 1) as f64;
    let mut picked: Vec<u64> = (0..PALETTE.len())
        .map(|k| nice[(k as f64 * last / (PALETTE.len() - 1) as f64).round() as usize])
        .collect();
    picked.dedup();
    picked
}

/// One class of the legend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Class {
    pub label: String,
    pub color: Color32,
}

/// Fills per province and the legend's classes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Choropleth {
    pub fills: Vec<Color32>,
    pub classes: Vec<Class>,
    pub title: String,
}

fn class_labels(b: &[u64]) -> Vec<String> {
    b.iter()
        .enumerate()
        .map(|(i, &lo)| match b.get(i + 1) {
            Some(&next) if next == lo + 1 => thousands(lo),
            Some(&next) => format!("{}–{}", thousands(lo), thousands(next - 1)),
            None if i == 0 => thousands(lo),
            None => format!("{} or more", thousands(lo)),
        })
        .collect()
}

/// Province fills for `shading` from the tallies under the current filter.
pub fn choropleth(shading: Shading, tallies: &[ProvinceTally]) -> Choropleth {
    let value = |t: &ProvinceTally| match shading {
        Shading::Off => u64::from(t.events > 0),
        Shading::Events => u64::from(t.events),
        Shading::People => t.people_at_least,
    };
    if shading == Shading::Off {
        return Choropleth {
            fills: tallies.iter().map(plain_fill).collect(),
            classes: Vec::new(),
            title: String::new(),
        };
    }
    let max = tallies.iter().map(value).max().unwrap_or(0);
    let b = breaks(max);
    // Few classes use the darker end, so one class is not the palest yellow.
    let class_color = |class: usize| PALETTE[class + PALETTE.len() - b.len()];
    let fills = tallies
        .iter()
        .map(|t| match value(t) {
            0 if shading == Shading::People && t.people_unknown => UNKNOWN,
            0 => style::PROVINCE_FILL,
            v => class_color(b.partition_point(|&lo| lo <= v).saturating_sub(1)),
        })
        .collect();
    let none = Class {
        label: "none".into(),
        color: style::PROVINCE_FILL,
    };
    let shaded = class_labels(&b)
        .into_iter()
        .enumerate()
        .map(|(i, label)| Class {
            label,
            color: class_color(i),
        });
    let mut classes: Vec<Class> = std::iter::once(none).chain(shaded).collect();
    if shading == Shading::People {
        classes.push(Class {
            label: "crossed, number not given".into(),
            color: UNKNOWN,
        });
    }
    let title = match shading {
        Shading::Events => "Events in the province (time filter)",
        _ => "People crossing from the province, at least",
    };
    Choropleth {
        fills,
        classes,
        title: title.into(),
    }
}

/// Without shading: provinces the story has something in stand out, so they invite a click.
fn plain_fill(t: &ProvinceTally) -> egui::Color32 {
    if t.events > 0 || t.crossings > 0 {
        style::PROVINCE_WITH_EVENTS
    } else {
        style::PROVINCE_FILL
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_cover_the_values() {
        let t = |events, people| ProvinceTally {
            events,
            crossings: u32::from(people > 0),
            people_at_least: people,
            people_unknown: false,
        };
        let c = choropleth(Shading::Events, &[t(0, 0), t(1, 0), t(12, 0)]);
        assert_eq!(c.fills[0], style::PROVINCE_FILL);
        assert_ne!(c.fills[1], c.fills[2]);
        assert_eq!(c.fills[2], PALETTE[4]);
        let labels: Vec<&str> = c.classes.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, ["none", "1", "2–4", "5–9", "10 or more"]);
        let p = choropleth(Shading::People, &[t(0, 1000), t(3, 0)]);
        assert_eq!(p.fills[1], style::PROVINCE_FILL);
        assert_eq!(p.classes.last().map(|c| c.color), Some(UNKNOWN));
        assert!(breaks(0).is_empty());
        assert_eq!(breaks(u64::MAX).len(), 5);
    }
}
