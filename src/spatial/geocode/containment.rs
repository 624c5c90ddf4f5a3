//! "The town of Palma in northern Mozambique", "Goma, Congo": a name followed by the country or
//! first-level unit it lies in. Only candidates inside that container stay; when none does,
//! a candidate in a country the text never names is dropped too (the only Palma the gazetteer
//! knows is in Spain, which a report on Mozambique never mentions), so the name is reported
//! unplaced instead of drawn on the wrong continent. One sense per text: every mention of the
//! same name keeps the same candidates.

use std::collections::HashMap;

use super::mentions::Mention;
use super::{Context, Geocoder, Target};
use crate::spatial::gazetteer::RecordKind;

/// Compass words that may stand between "in" and the container ("in north-eastern Congo").
const COMPASS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "central",
    "northern",
    "southern",
    "eastern",
    "western",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
    "north-eastern",
    "north-western",
    "south-eastern",
    "south-western",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "far",
    "upper",
    "lower",
];

/// How the words between two names make the second contain the first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Link {
    /// "X in (the) (northern) Y": Y may be a country or a first-level unit.
    In,
    /// "X, Y": only a country, since lists of cities and of provinces are written so too.
    Comma,
}

/// The link the words `gap` between two names make, if any.
fn link(gap: &str) -> Option<Link> {
    let gap = gap.trim();
    if gap == "," {
        return Some(Link::Comma);
    }
    let gap = gap.strip_prefix(',').unwrap_or(gap).trim_start();
    let mut words = gap.split_whitespace().map(str::to_lowercase);
    if words.next().as_deref() != Some("in") {
        return None;
    }
    words
        .all(|w| w == "the" || COMPASS.contains(&w.as_str()))
        .then_some(Link::In)
}

impl Geocoder<'_> {
    /// Narrows each name's candidates to those inside the container that follows it, by the
    /// rules of the module doc; names left with no candidate are pushed to `unresolved`.
    pub(super) fn contain(
        &self,
        text: &str,
        mentions: &mut Vec<Mention>,
        context: &Context,
        unresolved: &mut Vec<String>,
    ) {
        let mut kept: HashMap<String, Vec<Target>> = HashMap::new();
        for pair in mentions.windows(2) {
            let (m, c) = (&pair[0], &pair[1]);
            if m.border_with.is_some() || c.border_with.is_some() {
                continue;
            }
            let Some(link) = link(&text[m.end..c.start]) else {
                continue;
            };
            if let Some(inside) = self.inside(m, c, link, context) {
                kept.insert(text[m.start..m.end].to_string(), inside);
            }
        }
        if kept.is_empty() {
            return;
        }
        mentions.retain_mut(|m| {
            let Some(inside) = kept.get(&text[m.start..m.end]) else {
                return true;
            };
            m.candidates.retain(|t| inside.contains(t));
            if m.candidates.is_empty() {
                unresolved.push(text[m.start..m.end].to_string());
            }
            !m.candidates.is_empty()
        });
    }

    /// The candidates of `m` that `c` allows, or `None` when `c` settles nothing (it is no
    /// country or unit, or `m` is itself a country or unit, as in a list of them).
    fn inside(
        &self,
        m: &Mention,
        c: &Mention,
        link: Link,
        context: &Context,
    ) -> Option<Vec<Target>> {
        let units: Vec<Target> = c
            .candidates
            .iter()
            .copied()
            .filter(|&t| match link {
                Link::Comma => matches!(t, Target::Country(_)),
                Link::In => matches!(t, Target::Country(_)) || self.is_admin1(t),
            })
            .collect();
        let m_is_unit = m
            .candidates
            .iter()
            .any(|&t| matches!(t, Target::Country(_)) || self.is_admin1(t));
        if units.is_empty() || m_is_unit {
            return None;
        }
        // A sea, lake or range may span its container's borders ("Lake Titicaca in Puno").
        let within = |t: Target| {
            self.record_kind(t) == Some(RecordKind::Physical)
                || units.iter().any(|&u| self.lies_in(t, u))
        };
        let inside: Vec<Target> = m
            .candidates
            .iter()
            .copied()
            .filter(|&t| within(t))
            .collect();
        if !inside.is_empty() {
            return Some(inside);
        }
        // Nothing inside: keep only what the rest of the text could mean ("soldiers from Kunduz
        // in Tajikistan" are Afghans abroad, and Afghanistan is named).
        let named = |t: Target| {
            self.country_of(t)
                .is_some_and(|k| context.countries_named.contains(k))
        };
        Some(m.candidates.iter().copied().filter(|&t| named(t)).collect())
    }

    /// Whether target `t` lies in the country or first-level unit `unit`.
    fn lies_in(&self, t: Target, unit: Target) -> bool {
        match unit {
            Target::Country(_) => {
                self.country_of(t).is_some() && self.country_of(t) == self.country_of(unit)
            }
            _ => self.admin1_of(t).is_some() && self.admin1_of(t) == self.admin1_of(unit),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_that_contain() {
        assert_eq!(link(" in northern "), Some(Link::In));
        assert_eq!(link(", in the "), Some(Link::In));
        assert_eq!(link(" in north-eastern "), Some(Link::In));
        assert_eq!(link(", "), Some(Link::Comma));
        assert_eq!(link(" and "), None);
        assert_eq!(link(" in June, in "), None);
        assert_eq!(link(" to "), None);
    }
}
