//! Counts of people exactly as vague as the article gives them.

use serde::{Deserialize, Serialize};

/// A count with honest uncertainty: "more than 1,000" is `low: 1000` and nothing else.
///
/// ```
/// use event_atlas::model::Count;
/// let c = Count { low: Some(1000), best: None, high: None, text: Some("More than 1,000".into()) };
/// assert_eq!(c.label(), "more than 1,000");
/// assert_eq!(c.weight(), Some(1000));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Count {
    pub low: Option<u64>,
    pub best: Option<u64>,
    pub high: Option<u64>,
    /// The article's own words for the count; must appear in the record's quote.
    #[serde(default)]
    pub text: Option<String>,
}

impl Count {
    /// True when the article gives no figure at all.
    pub fn is_unknown(&self) -> bool {
        self.low.is_none() && self.best.is_none() && self.high.is_none()
    }

    /// A single figure for sizing a symbol (never shown as a number): best, else low, else high.
    pub fn weight(&self) -> Option<u64> {
        self.best.or(self.low).or(self.high)
    }

    /// What to print: the article's words when it has them, else a range built from the bounds.
    pub fn label(&self) -> String {
        if let Some(text) = &self.text {
            return lowercase_first(text);
        }
        match (self.low, self.best, self.high) {
            (_, Some(b), _) => format!("about {}", thousands(b)),
            (Some(l), None, Some(h)) => format!("{}–{}", thousands(l), thousands(h)),
            (Some(l), None, None) => format!("at least {}", thousands(l)),
            (None, None, Some(h)) => format!("at most {}", thousands(h)),
            (None, None, None) => "number unknown".to_string(),
        }
    }

    /// Bounds must be ordered; returns the reason when they are not.
    pub fn validate(&self) -> Result<(), String> {
        let vals: Vec<u64> = [self.low, self.best, self.high]
            .into_iter()
            .flatten()
            .collect();
        if vals.windows(2).any(|w| w[0] > w[1]) {
            return Err(format!(
                "count bounds out of order: low {:?}, best {:?}, high {:?}",
                self.low, self.best, self.high
            ));
        }
        Ok(())
    }
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) if chars.clone().next().is_some_and(|c| c.is_lowercase()) => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => s.to_string(),
    }
}

/// 1600 → "1,600", as the article writes numbers.
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_keep_vagueness() {
        let nearly = Count {
            high: Some(1600),
            text: Some("nearly 1,600".into()),
            ..Count::default()
        };
        assert_eq!(nearly.label(), "nearly 1,600");
        let bare = Count {
            low: Some(450),
            ..Count::default()
        };
        assert_eq!(bare.label(), "at least 450");
        assert_eq!(Count::default().label(), "number unknown");
        assert!(Count::default().is_unknown());
        assert_eq!(thousands(140_000), "140,000");
        assert_eq!(thousands(999), "999");
    }

    #[test]
    fn rejects_unordered_bounds() {
        let c = Count {
            low: Some(10),
            high: Some(5),
            ..Count::default()
        };
        assert!(c.validate().is_err());
    }
}
