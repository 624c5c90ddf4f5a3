//! Places, events and crossings: unique ids, ids that resolve, verbatim quotes, counts whose
//! words are in their quote, coordinates in range, dates in order, and each place in a drawn
//! country inside the province it claims.

use std::collections::HashSet;

use super::checker::{Checker, Dates};
use crate::model::{Dataset, Locator, Place, PlaceKind};
use crate::spatial::ProvinceIndex;

/// Checks `places.json`; returns the place ids, for the records that refer to them.
pub(super) fn check_places<'d>(c: &mut Checker<'_>, ds: &'d Dataset) -> HashSet<&'d str> {
    let f = "places.json";
    let index = ProvinceIndex::new(&ds.provinces);
    let codes: HashSet<&str> = ds.provinces.iter().map(|p| p.iso.as_str()).collect();
    let mut ids = HashSet::new();
    for (i, p) in ds.places.iter().enumerate() {
        let path = format!("$[{i}]");
        c.unique(&mut ids, f, &p.id, &path);
        let in_range =
            p.lat.is_finite() && p.lon.is_finite() && p.lat.abs() <= 90.0 && p.lon.abs() <= 180.0;
        if !in_range {
            let msg = format!("coordinate out of range: lat {}, lon {}", p.lat, p.lon);
            c.fail(f, &p.id, Some("lat"), path.clone(), msg);
        }
        if p.country.len() != 2 || !p.country.chars().all(|ch| ch.is_ascii_uppercase()) {
            let msg = format!("{:?} is not an ISO 3166-1 alpha-2 code", p.country);
            c.fail(f, &p.id, Some("country"), format!("{path}.country"), msg);
        }
        if let Some(code) = &p.province
            && !codes.contains(code.as_str())
        {
            let msg = format!("unknown province code {code:?}");
            c.fail(f, &p.id, Some("province"), format!("{path}.province"), msg);
        }
        check_mentions(c, ds, p, &path);
        if in_range {
            check_province_claim(c, ds, &index, p, &path);
        }
    }
    ids
}

/// Every place is named in the article, by strings found there verbatim.
fn check_mentions(c: &mut Checker<'_>, ds: &Dataset, p: &Place, path: &str) {
    let f = "places.json";
    if p.mentions.is_empty() {
        let msg = "no mention: every place must be named in the article".to_string();
        c.fail(f, &p.id, Some("mentions"), format!("{path}.mentions"), msg);
    }
    for (k, m) in p.mentions.iter().enumerate() {
        if !ds.article.contains(m.as_str()) {
            let loc = Locator {
                id: &p.id,
                field: Some("mentions"),
                value: Some(m),
            };
            c.fail_at(
                f,
                loc,
                format!("{path}.mentions[{k}]"),
                format!("{m:?} is not in the article"),
            );
        }
    }
}

/// A point in a country the story draws lies in the province it claims.
fn check_province_claim(
    c: &mut Checker<'_>,
    ds: &Dataset,
    index: &ProvinceIndex,
    p: &Place,
    path: &str,
) {
    let point_like = matches!(
        p.kind,
        PlaceKind::City | PlaceKind::Site | PlaceKind::Province
    );
    if !point_like || !ds.story.draws(&p.country) {
        return;
    }
    let found = index
        .locate(geo::Point::new(p.lon, p.lat))
        .map(|i| ds.provinces[i].iso.as_str());
    if found != p.province.as_deref() {
        let msg = format!(
            "point {}, {} lies in {:?}, but the place claims {:?}",
            p.lat, p.lon, found, p.province
        );
        c.fail(
            "places.json",
            &p.id,
            Some("province"),
            format!("{path}.province"),
            msg,
        );
    }
}

/// Checks `events.json`.
pub(super) fn check_events(c: &mut Checker<'_>, ds: &Dataset, places: &HashSet<&str>) {
    let f = "events.json";
    let mut ids = HashSet::new();
    for (i, e) in ds.events.iter().enumerate() {
        let path = format!("$[{i}]");
        c.unique(&mut ids, f, &e.id, &path);
        c.quote(f, &e.id, "quote", &path, &e.quote);
        if e.places.is_empty() {
            let msg = "an event needs at least one place".to_string();
            c.fail(f, &e.id, Some("places"), format!("{path}.places"), msg);
        }
        for (k, id) in e
            .places
            .iter()
            .enumerate()
            .filter(|(_, id)| !places.contains(id.as_str()))
        {
            let loc = Locator {
                id: &e.id,
                field: Some("places"),
                value: Some(id),
            };
            c.fail_at(
                f,
                loc,
                format!("{path}.places[{k}]"),
                format!("unknown place id {id:?}"),
            );
        }
        if let Some(people) = &e.people {
            c.count(f, &e.id, &path, people, &e.quote);
        }
        let dates = Dates {
            start: e.date,
            end: e.end_date,
            source: Some(e.date_source),
            note: e.date_note.as_deref(),
        };
        c.dates(f, &e.id, &path, &dates);
    }
}

/// Checks `crossings.json`: the crossings, then the totals (ids unique across both).
pub(super) fn check_crossings(c: &mut Checker<'_>, ds: &Dataset, places: &HashSet<&str>) {
    let f = "crossings.json";
    let mut ids = HashSet::new();
    for (i, x) in ds.crossings.crossings.iter().enumerate() {
        let path = format!("$.crossings[{i}]");
        c.unique(&mut ids, f, &x.id, &path);
        c.quote(f, &x.id, "quote", &path, &x.quote);
        if let Some(q) = &x.from_quote {
            c.quote(f, &x.id, "from_quote", &path, q);
        }
        for (field, id) in [("from", &x.from), ("to", &x.to)] {
            if !places.contains(id.as_str()) {
                let msg = format!("unknown place id {id:?}");
                c.fail(f, &x.id, Some(field), format!("{path}.{field}"), msg);
            }
        }
        c.count(f, &x.id, &path, &x.people, &x.quote);
        let dates = Dates {
            start: x.date,
            end: x.end_date,
            source: Some(x.date_source),
            note: x.date_note.as_deref(),
        };
        c.dates(f, &x.id, &path, &dates);
    }
    for (i, t) in ds.crossings.totals.iter().enumerate() {
        let path = format!("$.totals[{i}]");
        c.unique(&mut ids, f, &t.id, &path);
        c.quote(f, &t.id, "quote", &path, &t.quote);
        if !places.contains(t.to.as_str()) {
            let msg = format!("unknown place id {:?}", t.to);
            c.fail(f, &t.id, Some("to"), format!("{path}.to"), msg);
        }
        c.count(f, &t.id, &path, &t.people, &t.quote);
        let dates = Dates {
            start: t.start,
            end: Some(t.end),
            source: t.date_source,
            note: t.date_note.as_deref(),
        };
        c.dates(f, &t.id, &path, &dates);
    }
}
