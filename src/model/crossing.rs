//! Soldiers crossing borders, and the totals the article gives for them.

use serde::{Deserialize, Serialize};

use super::{Count, DateSource, PartialDate};

/// One group of people moving from one place to another on a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Crossing {
    pub id: String,
    pub date: PartialDate,
    pub date_source: DateSource,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<PartialDate>,
    pub from: String,
    pub to: String,
    /// Why the origin is what it is, when the article implies rather than states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_basis: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_quote: Option<String>,
    pub who: String,
    pub people: Count,
    pub quote: String,
}

/// A total over several crossings ("the fifth case over the past fortnight").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Total {
    pub id: String,
    pub start: PartialDate,
    pub end: PartialDate,
    pub to: String,
    pub cases: u32,
    pub people: Count,
    pub quote: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_source: Option<DateSource>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_note: Option<String>,
}

impl Total {
    /// "nearly 1,600 in 5 crossings over a fortnight": the count, the cases and the span, in words.
    pub fn label(&self) -> String {
        // Both ends count: 3 to 5 July is "three days", 22 June to 5 July "a fortnight".
        let days = self.end.last_day_number() - self.start.first_day_number() + 1;
        let span = match days {
            14 => "over a fortnight".to_string(),
            7 => "over a week".to_string(),
            d => format!("over {d} days"),
        };
        if self.people.is_unknown() {
            format!("{} crossings {span}", self.cases)
        } else {
            format!("{} in {} crossings {span}", self.people.label(), self.cases)
        }
    }
}

/// The whole of `data/crossings.json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CrossingsFile {
    pub crossings: Vec<Crossing>,
    pub totals: Vec<Total>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn total(start: &str, end: &str, cases: u32, people: Count) -> Total {
        Total {
            id: "t".into(),
            start: start.parse().expect("date"),
            end: end.parse().expect("date"),
            to: "tj".into(),
            cases,
            people,
            quote: String::new(),
            date_source: None,
            date_note: None,
        }
    }

    #[test]
    fn labels_count_both_ends_of_the_span() {
        let nearly = Count {
            high: Some(1600),
            text: Some("nearly 1,600".into()),
            ..Count::default()
        };
        assert_eq!(
            total("2021-06-22", "2021-07-05", 5, nearly).label(),
            "nearly 1,600 in 5 crossings over a fortnight"
        );
        assert_eq!(
            total("2021-07-03", "2021-07-05", 3, Count::default()).label(),
            "3 crossings over 3 days"
        );
    }
}
