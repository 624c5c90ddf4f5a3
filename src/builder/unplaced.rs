//! A crossing to a place the gazetteer lacks: "About 3,000 more people reached Kagunga by
//! boat" says where people arrived, but no place is found for "Kagunga". Its country is then,
//! in order:
//! 1. the one the article itself gives it, in an apposition: "Kagunga, a fishing village in
//!    western Tanzania", "Hamdayet, Kassala state", "Hamdayet, … on the Sudanese bank";
//! 2. the country the article's other crossings reach most often; of those that tie, the one
//!    the article names most.
//!
//! The crossing goes to that country, at the country's level, and its record says why. With
//! neither it stays an event of flight only.

use std::collections::HashMap;

use super::extract::Reading;
use super::found::{Found, Prior};
use super::movements::{Countries, FoundMove, TERRITORY, people, who};
use super::places::Namings;
use super::text::words;
use crate::model::PlaceKind;

/// Words right before a destination's name ("reached Kagunga", "crossed at Hamdayet",
/// "arrived at the Peñas Blancas border post").
const ARRIVAL_CUES: &[&str] = &["at", "reached", "reaching", "into", "to"];

/// Verbs after which "in" leads to where people arrived ("arrived in Goz Maraba"); after
/// others it may say where they came from ("villages in southern Burundi").
const ARRIVED_IN: &[&str] = &[
    "arrived", "arriving", "arrive", "arrives", "landed", "settled",
];

/// Words that end an apposition.
const APPOSITION_ENDS: &[char] = &['.', ';', '!', '?', '(', ')'];

/// The country the article gives an unplaced name in an apposition after it ("Kagunga, a
/// fishing village in western Tanzania"): a country or province named there after "in" or
/// "of", or first; or a demonym before a word for territory ("on the Sudanese bank"). The
/// country's place index, and the apposition.
pub(super) fn placed_by_article(
    text: &str,
    name: &str,
    namings: &Namings,
    countries: &Countries<'_>,
) -> Option<(usize, String)> {
    let country_of = |code: &str| {
        let is = |&&c: &&usize| countries.places[c].country == code;
        countries.ranked.iter().find(is).copied()
    };
    for (at, _) in text.match_indices(name) {
        let rest = &text[at + name.len()..];
        let Some(body) = rest.strip_prefix(", ") else {
            continue;
        };
        let start = at + name.len() + 2;
        let end = start + body.find(APPOSITION_ENDS).unwrap_or(body.len());
        let phrase = &text[start..end];
        let named = namings
            .all
            .iter()
            .filter(|n| n.span.start >= start && n.span.end <= end);
        for n in named {
            let place = &countries.places[n.place];
            let before = words(&text[start..n.span.start]);
            let led = before.is_empty()
                || before
                    .iter()
                    .rev()
                    .take(2)
                    .any(|(_, w)| matches!(w.as_str(), "in" | "of"));
            let wide = !matches!(place.kind, PlaceKind::City | PlaceKind::Site);
            if let Some(c) = country_of(&place.country).filter(|_| led && wide) {
                return Some((c, phrase.to_string()));
            }
        }
        let w = words(phrase);
        let by_people = w.windows(2).find_map(|p| {
            let territory = TERRITORY.contains(&p[1].1.as_str());
            territory.then(|| countries.demonyms.get(&p[0].1)).flatten()
        });
        if let Some(&c) = by_people {
            return Some((c, phrase.to_string()));
        }
    }
    None
}

/// The country (its place index) the crossings reach most often; of those that tie, the one
/// the article names most.
pub(super) fn usual_destination(moves: &[FoundMove], countries: &Countries<'_>) -> Option<usize> {
    let places = countries.places;
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for m in moves {
        *counts.entry(places[m.to].country.as_str()).or_default() += 1;
    }
    // `ranked` is most named first: the first of the most reached wins a tie.
    let reached = |&c: &usize| counts.get(places[c].country.as_str()).copied();
    let most = countries.ranked.iter().filter_map(reached).max()?;
    countries
        .ranked
        .iter()
        .find(|&c| reached(c) == Some(most))
        .copied()
}

/// The name of a place the gazetteer lacks, where the sentence says people arrived: after
/// the movement word, right after an arrival cue (an article between them is passed over).
fn arrived_at<'t>(said: &str, after: usize, unplaced: &'t [String]) -> Option<&'t str> {
    unplaced.iter().map(String::as_str).find(|name| {
        said.match_indices(name).any(|(at, _)| {
            let before = words(&said[..at]);
            let mut k = before.len();
            if k > 0 && matches!(before[k - 1].1.as_str(), "the" | "a") {
                k -= 1;
            }
            let cue = |j: usize| before.get(j).map_or("", |(_, w)| w.as_str());
            let arrived_in = k > 1 && cue(k - 1) == "in" && ARRIVED_IN.contains(&cue(k - 2));
            at > after && k > 0 && (ARRIVAL_CUES.contains(&cue(k - 1)) || arrived_in)
        })
    })
}

/// The crossing of a sentence of flight whose destination the gazetteer lacks, to the
/// article's usual destination country.
#[allow(clippy::too_many_arguments)]
pub(super) fn unplaced_arrival(
    text: &str,
    said: &str,
    sentence: usize,
    reading: &Reading,
    namings: &Namings,
    span_start: usize,
    countries: &Countries<'_>,
    prior: Prior,
    unplaced: &[String],
    usual_to: Option<usize>,
) -> Option<FoundMove> {
    let date = reading.date.clone()?;
    let found = Found::new(said, sentence, namings, span_start, countries)?;
    if !found.destinations().is_empty() {
        return None;
    }
    let trigger_at = found.w[found.trigger].0.start;
    let name = arrived_at(said, trigger_at, unplaced)?;
    let placed = placed_by_article(text, name, namings, countries);
    let to = placed.as_ref().map(|p| p.0).or(usual_to)?;
    let to_place = &countries.places[to];
    let (from, from_basis) = found.origin(&to_place.country, prior)?;
    let to_basis = match placed {
        Some((_, phrase)) => format!(
            "“{name}” is not in the gazetteer: in {}, as the article has it (“{name}, {phrase}”)",
            to_place.name
        ),
        None => format!(
            "“{name}” is not in the gazetteer: taken as {}, where the article's other crossings go",
            to_place.name
        ),
    };
    Some(FoundMove {
        sentence,
        from,
        to,
        from_basis,
        to_basis: Some(to_basis),
        who: who(said, &found.w, found.trigger),
        people: people(said, trigger_at),
        date,
    })
}

#[cfg(test)]
mod tests {
    use super::arrived_at;

    #[test]
    fn the_name_must_follow_the_movement_and_an_arrival_cue() {
        let names = ["Kagunga".to_string(), "Peñas Blancas".to_string()];
        let s = "About 3,000 more people reached Kagunga by boat.";
        assert_eq!(
            arrived_at(s, s.find("reached").unwrap_or(0), &names),
            Some("Kagunga")
        );
        let s = "About 1,200 Nicaraguans arrived at the Peñas Blancas border post on Tuesday.";
        let at = s.find("arrived").unwrap_or(0);
        assert_eq!(arrived_at(s, at, &names), Some("Peñas Blancas"));
        // Named before the movement, or as where they came from: not a destination.
        let s = "From Kagunga, about 3,000 people fled.";
        assert_eq!(arrived_at(s, s.find("fled").unwrap_or(0), &names), None);
        let s = "About 3,000 people fled from Kagunga.";
        assert_eq!(arrived_at(s, s.find("fled").unwrap_or(0), &names), None);
        let s = "About 3,000 people arrived in Kagunga.";
        assert_eq!(
            arrived_at(s, s.find("arrived").unwrap_or(0), &names),
            Some("Kagunga")
        );
        let s = "About 3,000 people fled from villages in Kagunga.";
        assert_eq!(arrived_at(s, s.find("fled").unwrap_or(0), &names), None);
    }
}
