//! The running count of soldiers crossed so far, in the article's own vague terms.
//!
//! Counts are never summed into a made-up figure: the latest crossing is given as the article
//! gives it, and totals are the article's own totals, shown once the cursor reaches their end.

use super::{Vis, Visible};
use crate::model::Dataset;

/// The counter's lines, most recent first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counter {
    pub lines: Vec<String>,
}

impl Counter {
    /// Everything on one line, as the map's counter box and the tests read it.
    pub fn text(&self) -> String {
        self.lines.join("; ")
    }
}

/// The counter at the filter that produced `vis`.
///
/// With the article's data at 5 July 2021 it reads "more than 1,000 in the latest crossing
/// (5 July 2021); nearly 1,600 in 5 crossings into Tajikistan since 22 June 2021; …".
/// `place_of` finds a place's index by id (the atlas's map).
pub fn crossing_counter(
    data: &Dataset,
    vis: &Visible,
    place_of: impl Fn(&str) -> Option<usize>,
) -> Counter {
    let place_name =
        |id: &str| place_of(id).map_or_else(|| id.to_string(), |p| data.places[p].name.clone());
    let shown: Vec<usize> = (0..data.crossings.crossings.len())
        .filter(|&i| vis.crossings.get(i).is_some_and(|v| v.shown()))
        .collect();
    let mut lines: Vec<String> = latest_line(data, vis, &shown, place_name)
        .into_iter()
        .collect();
    lines.extend(total_lines(data, vis, place_name));
    if lines.is_empty() {
        lines.push("no crossing reported yet".to_string());
    } else if !vis.totals.iter().any(|&t| t) {
        lines.push(reported_line(data, &shown));
    }
    Counter { lines }
}

/// The latest crossing shown, as the article counts it.
fn latest_line(
    data: &Dataset,
    vis: &Visible,
    shown: &[usize],
    place_name: impl Fn(&str) -> String,
) -> Option<String> {
    let crossings = &data.crossings.crossings;
    // Latest by first possible day; on a tie the more precise date ("5 July" over "July").
    let &latest = shown.iter().max_by_key(|&&i| {
        let d = crossings[i].date;
        (d.first_day_number(), -d.last_day_number())
    })?;
    let x = &crossings[latest];
    let maybe = if vis.crossings[latest] == Vis::Maybe {
        ", date not certain yet"
    } else {
        ""
    };
    let when = x.date.human();
    Some(if x.people.is_unknown() {
        let to = place_name(&x.to);
        format!("latest crossing into {to} ({when}{maybe}): number not given")
    } else {
        format!(
            "{} in the latest crossing ({when}{maybe})",
            x.people.label()
        )
    })
}

/// The article's own totals whose end the cursor has reached, longest span first ("nearly
/// 1,600 in 5 crossings since 22 June" before "3 since 3 July").
fn total_lines(data: &Dataset, vis: &Visible, place_name: impl Fn(&str) -> String) -> Vec<String> {
    let totals = &data.crossings.totals;
    let mut reached: Vec<usize> = (0..totals.len())
        .filter(|&i| vis.totals.get(i).copied().unwrap_or(false))
        .collect();
    reached.sort_by_key(|&i| totals[i].start);
    reached
        .into_iter()
        .map(|i| {
            let t = &totals[i];
            t.line_into(&place_name(&t.to))
        })
        .collect()
}

/// How many crossings are shown so far, when no total of the article's covers them.
fn reported_line(data: &Dataset, shown: &[usize]) -> String {
    let crossings = &data.crossings.crossings;
    let unknown = shown
        .iter()
        .filter(|&&i| crossings[i].people.is_unknown())
        .count();
    let n = shown.len();
    let plural = if n == 1 { "" } else { "s" };
    let numbers = match unknown {
        0 => String::new(),
        u if u == n => ", numbers not given".to_string(),
        u => format!(", {u} without a number"),
    };
    format!("{n} crossing{plural} reported so far{numbers}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::days_from_civil;
    use crate::timeline::{Filter, TimeFilter, TimeIndex};

    fn counter_at(data: &Dataset, y: i32, m: u8, d: u8) -> String {
        let f = Filter {
            time: TimeFilter {
                cursor: days_from_civil(y, m, d) as f64,
                ..TimeFilter::default()
            },
            ..Filter::default()
        };
        let place_of = |id: &str| data.places.iter().position(|p| p.id == id);
        crossing_counter(data, &TimeIndex::new(data).visible(&f, data), place_of).text()
    }

    #[test]
    fn reads_like_the_article() {
        let data = Dataset::embedded().expect("data");
        assert_eq!(
            counter_at(&data, 2021, 7, 5),
            "more than 1,000 in the latest crossing (5 July 2021); \
             nearly 1,600 in 5 crossings into Tajikistan since 22 June 2021; \
             3 crossings into Tajikistan since 3 July 2021"
        );
        assert_eq!(
            counter_at(&data, 2021, 6, 15),
            "latest crossing into Tajikistan (June 2021, date not certain yet): number not given; \
             1 crossing reported so far, numbers not given"
        );
        assert_eq!(counter_at(&data, 2020, 1, 1), "no crossing reported yet");
    }
}
