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
    /// Why the destination is what it is, when the article names a place the gazetteer lacks
    /// ("reached Kagunga"): the country the article's other crossings reach.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_basis: Option<String>,
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
    /// How many crossings the total covers, when the article says ("the fifth case").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cases: Option<u32>,
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
            d if d <= 62 => format!("over {d} days"),
            _ => format!("since {}", self.start.human()),
        };
        format!("{} {span}", self.what())
    }

    /// The counter's line: "nearly 1,600 in 5 crossings into Tajikistan since 22 June 2021".
    pub fn line_into(&self, to: &str) -> String {
        format!("{} into {to} since {}", self.what(), self.start.human())
    }

    /// "nearly 1,600 in 5 crossings", "3 crossings", "more than 600,000", as the article gives.
    fn what(&self) -> String {
        match (self.people.is_unknown(), self.cases) {
            (true, Some(n)) => format!("{n} crossings"),
            (true, None) => "crossings".to_string(),
            (false, Some(n)) => format!("{} in {n} crossings", self.people.label()),
            (false, None) => self.people.label(),
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

    fn total(start: &str, end: &str, cases: Option<u32>, people: Count) -> Total {
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
            total("2021-06-22", "2021-07-05", Some(5), nearly.clone()).label(),
            "nearly 1,600 in 5 crossings over a fortnight"
        );
        assert_eq!(
            total("2021-07-03", "2021-07-05", Some(3), Count::default()).label(),
            "3 crossings over 3 days"
        );
        assert_eq!(
            total("2023-04", "2024-05-16", None, nearly).label(),
            "nearly 1,600 since April 2023"
        );
    }
}
