//! `event-atlas check`: every rule the data must keep, each failure naming file, line and path.

use std::collections::{HashMap, HashSet};

use super::{
    Count, DataError, DataSource, Dataset, DateSource, GazetteerEntry, Locator, PartialDate,
    PlaceKind,
};
use crate::spatial::ProvinceIndex;

/// Everything wrong with a data folder; empty means it is fit to ship.
pub fn check(source: &DataSource) -> Vec<DataError> {
    match load_and_check(source) {
        Ok((_, errors)) => errors,
        Err(e) => vec![e],
    }
}

/// Loads a data folder once and checks it: the dataset (for callers that go on to use it) and
/// its problems, or the first error that stopped the load.
pub fn load_and_check(source: &DataSource) -> Result<(Dataset, Vec<DataError>), DataError> {
    let dataset = Dataset::load(source.clone())?;
    let gazetteer = Dataset::load_gazetteer(source)?;
    let mut errors = check_dataset(&dataset, Some(&gazetteer));
    // The tour is checked too, but a broken one never stops the story from loading.
    match Dataset::load_tour(source) {
        Ok(Some((tour, text))) => errors.extend(check_tour(
            &tour,
            &source.display_name(super::TOUR_FILE),
            &text,
            &dataset,
        )),
        Ok(None) => {}
        Err(e) => errors.push(e),
    }
    match Dataset::load_quiz(source) {
        Ok(Some((quiz, text))) => errors.extend(check_quiz(
            &quiz,
            &source.display_name(super::QUIZ_FILE),
            &text,
            &dataset,
        )),
        Ok(None) => {}
        Err(e) => errors.push(e),
    }
    Ok((dataset, errors))
}

/// Collects problems as it goes, locating each in its file's text.
struct Checker<'a> {
    source: &'a DataSource,
    errors: Vec<DataError>,
    texts: HashMap<&'static str, String>,
    article: &'a str,
}

impl Checker<'_> {
    fn text(&mut self, file: &'static str) -> &str {
        let source = self.source;
        self.texts.entry(file).or_insert_with(|| {
            source
                .read(file)
                .map(|c| c.into_owned())
                .unwrap_or_default()
        })
    }

    fn fail(
        &mut self,
        file: &'static str,
        id: &str,
        field: Option<&str>,
        path: String,
        msg: String,
    ) {
        self.fail_at(
            file,
            Locator {
                id,
                field,
                value: None,
            },
            path,
            msg,
        );
    }

    fn fail_at(&mut self, file: &'static str, loc: Locator<'_>, path: String, msg: String) {
        let name = self.source.display_name(file);
        let text = self.text(file).to_string();
        self.errors
            .push(DataError::at(name, &text, &loc, path, msg));
    }

    fn quote(&mut self, file: &'static str, id: &str, field: &str, path: &str, quote: &str) {
        if quote.trim().is_empty() {
            self.fail(
                file,
                id,
                Some(field),
                format!("{path}.{field}"),
                "quote is empty".into(),
            );
        } else if !self.article.contains(quote) {
            self.fail(
                file,
                id,
                Some(field),
                format!("{path}.{field}"),
                format!("not found verbatim in the article: {quote:?}"),
            );
        }
    }

    fn count(&mut self, file: &'static str, id: &str, path: &str, count: &Count, quote: &str) {
        if let Err(msg) = count.validate() {
            self.fail(file, id, Some("people"), format!("{path}.people"), msg);
        }
        if let Some(t) = &count.text
            && !quote.contains(t.as_str())
        {
            self.fail(
                file,
                id,
                Some("people"),
                format!("{path}.people.text"),
                format!("{t:?} is not in the record's quote"),
            );
        }
    }

    fn dates(&mut self, file: &'static str, id: &str, path: &str, d: &Dates<'_>) {
        if let Some(end) = d.end
            && end.last_day_number() < d.start.first_day_number()
        {
            self.fail(
                file,
                id,
                Some("end_date"),
                format!("{path}.end_date"),
                format!("ends ({end}) before it starts ({})", d.start),
            );
        }
        if d.source == Some(DateSource::GeneralKnowledge) && d.note.is_none_or(str::is_empty) {
            self.fail(
                file,
                id,
                Some("date_source"),
                format!("{path}.date_note"),
                "a general-knowledge date needs a date_note saying it is not from the article"
                    .into(),
            );
        }
    }
}

struct Dates<'a> {
    start: PartialDate,
    end: Option<PartialDate>,
    source: Option<DateSource>,
    note: Option<&'a str>,
}

/// Checks a loaded dataset (and the gazetteer's capitals, when given).
pub fn check_dataset(ds: &Dataset, gazetteer: Option<&[GazetteerEntry]>) -> Vec<DataError> {
    let mut c = Checker {
        source: &ds.source,
        errors: Vec::new(),
        texts: HashMap::new(),
        article: &ds.article,
    };
    let index = ProvinceIndex::new(&ds.provinces);
    let province_of = |lon: f64, lat: f64| {
        index
            .locate(geo::Point::new(lon, lat))
            .map(|i| ds.provinces[i].iso.as_str())
    };

    // Provinces and capitals.
    let prov_file = "boundaries/provinces.geojson";
    let codes: HashSet<&str> = ds.provinces.iter().map(|p| p.iso.as_str()).collect();
    if ds.provinces.len() != 34 || codes.len() != 34 {
        c.errors.push(DataError::file(
            ds.source.display_name(prov_file),
            format!(
                "expected the 34 provinces of Afghanistan with distinct ISO codes, found {} features and {} codes",
                ds.provinces.len(),
                codes.len()
            ),
        ));
    }
    if let Some(gaz) = gazetteer {
        let by_id: HashMap<u64, &GazetteerEntry> = gaz
            .iter()
            .filter_map(|e| e.geonames_id.map(|id| (id, e)))
            .collect();
        for (i, p) in ds.provinces.iter().enumerate() {
            let problem = match p.capital_geonames_id.and_then(|id| by_id.get(&id)) {
                None => Some(format!(
                    "capital {:?} (GeoNames {:?}) is not in the gazetteer",
                    p.capital, p.capital_geonames_id
                )),
                Some(e) => match province_of(e.lon, e.lat) {
                    Some(iso) if iso == p.iso => None,
                    other => Some(format!(
                        "capital {} at {}, {} lies in {:?}, not in its own province {}",
                        p.capital, e.lat, e.lon, other, p.iso
                    )),
                },
            };
            if let Some(message) = problem {
                c.errors.push(DataError {
                    path: Some(format!("$.features[{i}].properties.capital_geonames_id")),
                    ..DataError::file(ds.source.display_name(prov_file), message)
                });
            }
        }
    }

    // Places.
    let f = "places.json";
    let mut place_ids = HashSet::new();
    for (i, p) in ds.places.iter().enumerate() {
        let path = format!("$[{i}]");
        if !place_ids.insert(p.id.as_str()) {
            c.fail(
                f,
                &p.id,
                None,
                path.clone(),
                format!("duplicate id {:?}", p.id),
            );
        }
        let in_range =
            p.lat.is_finite() && p.lon.is_finite() && p.lat.abs() <= 90.0 && p.lon.abs() <= 180.0;
        if !in_range {
            c.fail(
                f,
                &p.id,
                Some("lat"),
                path.clone(),
                format!("coordinate out of range: lat {}, lon {}", p.lat, p.lon),
            );
        }
        if p.country.len() != 2 || !p.country.chars().all(|ch| ch.is_ascii_uppercase()) {
            c.fail(
                f,
                &p.id,
                Some("country"),
                format!("{path}.country"),
                format!("{:?} is not an ISO 3166-1 alpha-2 code", p.country),
            );
        }
        if let Some(code) = &p.province
            && !codes.contains(code.as_str())
        {
            c.fail(
                f,
                &p.id,
                Some("province"),
                format!("{path}.province"),
                format!("unknown province code {code:?}"),
            );
        }
        if p.mentions.is_empty() {
            c.fail(
                f,
                &p.id,
                Some("mentions"),
                format!("{path}.mentions"),
                "no mention: every place must be named in the article".into(),
            );
        }
        for (k, m) in p.mentions.iter().enumerate() {
            if !ds.article.contains(m.as_str()) {
                c.fail_at(
                    f,
                    Locator {
                        id: &p.id,
                        field: Some("mentions"),
                        value: Some(m),
                    },
                    format!("{path}.mentions[{k}]"),
                    format!("{m:?} is not in the article"),
                );
            }
        }
        // Points in Afghanistan must lie in the province they claim.
        let checks_province = matches!(
            p.kind,
            PlaceKind::City | PlaceKind::Site | PlaceKind::Province
        );
        if in_range && checks_province && p.country == "AF" {
            let found = province_of(p.lon, p.lat);
            if found != p.province.as_deref() {
                c.fail(
                    f,
                    &p.id,
                    Some("province"),
                    format!("{path}.province"),
                    format!(
                        "point {}, {} lies in {:?}, but the place claims {:?}",
                        p.lat, p.lon, found, p.province
                    ),
                );
            }
        }
    }

    // Events.
    let f = "events.json";
    let mut event_ids = HashSet::new();
    for (i, e) in ds.events.iter().enumerate() {
        let path = format!("$[{i}]");
        if !event_ids.insert(e.id.as_str()) {
            c.fail(
                f,
                &e.id,
                None,
                path.clone(),
                format!("duplicate id {:?}", e.id),
            );
        }
        c.quote(f, &e.id, "quote", &path, &e.quote);
        if e.places.is_empty() {
            c.fail(
                f,
                &e.id,
                Some("places"),
                format!("{path}.places"),
                "an event needs at least one place".into(),
            );
        }
        for (k, id) in e.places.iter().enumerate() {
            if !place_ids.contains(id.as_str()) {
                c.fail_at(
                    f,
                    Locator {
                        id: &e.id,
                        field: Some("places"),
                        value: Some(id),
                    },
                    format!("{path}.places[{k}]"),
                    format!("unknown place id {id:?}"),
                );
            }
        }
        if let Some(people) = &e.people {
            c.count(f, &e.id, &path, people, &e.quote);
        }
        c.dates(
            f,
            &e.id,
            &path,
            &Dates {
                start: e.date,
                end: e.end_date,
                source: Some(e.date_source),
                note: e.date_note.as_deref(),
            },
        );
    }

    // Crossings and totals.
    let f = "crossings.json";
    let mut crossing_ids = HashSet::new();
    for (i, x) in ds.crossings.crossings.iter().enumerate() {
        let path = format!("$.crossings[{i}]");
        if !crossing_ids.insert(x.id.as_str()) {
            c.fail(
                f,
                &x.id,
                None,
                path.clone(),
                format!("duplicate id {:?}", x.id),
            );
        }
        c.quote(f, &x.id, "quote", &path, &x.quote);
        if let Some(q) = &x.from_quote {
            c.quote(f, &x.id, "from_quote", &path, q);
        }
        for (field, id) in [("from", &x.from), ("to", &x.to)] {
            if !place_ids.contains(id.as_str()) {
                c.fail(
                    f,
                    &x.id,
                    Some(field),
                    format!("{path}.{field}"),
                    format!("unknown place id {id:?}"),
                );
            }
        }
        c.count(f, &x.id, &path, &x.people, &x.quote);
        c.dates(
            f,
            &x.id,
            &path,
            &Dates {
                start: x.date,
                end: x.end_date,
                source: Some(x.date_source),
                note: x.date_note.as_deref(),
            },
        );
    }
    for (i, t) in ds.crossings.totals.iter().enumerate() {
        let path = format!("$.totals[{i}]");
        if !crossing_ids.insert(t.id.as_str()) {
            c.fail(
                f,
                &t.id,
                None,
                path.clone(),
                format!("duplicate id {:?}", t.id),
            );
        }
        c.quote(f, &t.id, "quote", &path, &t.quote);
        if !place_ids.contains(t.to.as_str()) {
            c.fail(
                f,
                &t.id,
                Some("to"),
                format!("{path}.to"),
                format!("unknown place id {:?}", t.to),
            );
        }
        c.count(f, &t.id, &path, &t.people, &t.quote);
        c.dates(
            f,
            &t.id,
            &path,
            &Dates {
                start: t.start,
                end: Some(t.end),
                source: t.date_source,
                note: t.date_note.as_deref(),
            },
        );
    }
    c.errors
}

/// Checks a tour against the dataset it is shown with: unique slide ids, quotes verbatim in the
/// article, ids that resolve, views in range. `name` and `text` are the tour file's, for lines.
pub fn check_tour(tour: &super::Tour, name: &str, text: &str, ds: &Dataset) -> Vec<DataError> {
    use super::SlideView;
    let mut errors = Vec::new();
    let mut fail =
        |id: &str, field: Option<&str>, value: Option<&str>, path: String, msg: String| {
            let loc = Locator { id, field, value };
            errors.push(DataError::at(name, text, &loc, path, msg));
        };
    if tour.slides.is_empty() {
        fail(
            "",
            None,
            None,
            "$.slides".into(),
            "a tour needs at least one slide".into(),
        );
    }
    let provinces: HashSet<&str> = ds.provinces.iter().map(|p| p.iso.as_str()).collect();
    let places: HashSet<&str> = ds.places.iter().map(|p| p.id.as_str()).collect();
    let events: HashSet<&str> = ds.events.iter().map(|e| e.id.as_str()).collect();
    let crossings: HashSet<&str> = ds
        .crossings
        .crossings
        .iter()
        .map(|x| x.id.as_str())
        .collect();
    let is_area = |id: &str| {
        places.contains(id) || provinces.contains(id) || ds.country(id).is_some() && id.len() == 2
    };
    let mut seen = HashSet::new();
    for (i, s) in tour.slides.iter().enumerate() {
        let path = format!("$.slides[{i}]");
        if s.id.trim().is_empty() || !seen.insert(s.id.as_str()) {
            fail(
                &s.id,
                None,
                None,
                path.clone(),
                format!("slide id {:?} is empty or used twice", s.id),
            );
        }
        if s.title.trim().is_empty() {
            fail(
                &s.id,
                Some("title"),
                None,
                format!("{path}.title"),
                "slide has no title".into(),
            );
        }
        for (k, q) in s.quotes.iter().enumerate() {
            if q.trim().is_empty() || !ds.article.contains(q.as_str()) {
                fail(
                    &s.id,
                    Some("quotes"),
                    Some(q),
                    format!("{path}.quotes[{k}]"),
                    format!("not found verbatim in the article: {q:?}"),
                );
            }
        }
        match &s.view {
            SlideView::Fit { fit } => {
                if fit.is_empty() {
                    fail(
                        &s.id,
                        Some("fit"),
                        None,
                        format!("{path}.view.fit"),
                        "nothing to fit".into(),
                    );
                }
                for (k, id) in fit.iter().enumerate() {
                    if !is_area(id) {
                        fail(
                            &s.id,
                            Some("fit"),
                            Some(id),
                            format!("{path}.view.fit[{k}]"),
                            format!("{id:?} is not a place id, a province code or a country code"),
                        );
                    }
                }
            }
            SlideView::Center { center, zoom } => {
                let [lon, lat] = *center;
                let ok = lon.is_finite()
                    && lat.is_finite()
                    && lon.abs() <= 180.0
                    && lat.abs() <= 85.0
                    && zoom.is_finite()
                    && (1.0..=18.0).contains(zoom);
                if !ok {
                    fail(
                        &s.id,
                        Some("view"),
                        None,
                        format!("{path}.view"),
                        format!(
                            "view out of range: centre [{lon}, {lat}], zoom {zoom} (zoom 1 to 18)"
                        ),
                    );
                }
            }
        }
        let h = &s.highlight;
        for (kind, ids, known) in [
            ("provinces", &h.provinces, &provinces),
            ("places", &h.places, &places),
            ("events", &h.events, &events),
            ("crossings", &h.crossings, &crossings),
        ] {
            for (k, id) in ids.iter().enumerate() {
                if !known.contains(id.as_str()) {
                    fail(
                        &s.id,
                        Some(kind),
                        Some(id),
                        format!("{path}.highlight.{kind}[{k}]"),
                        format!("unknown {} {id:?}", kind.trim_end_matches('s')),
                    );
                }
            }
        }
    }
    errors
}

/// Checks a quiz against the dataset: unique ids, quotes verbatim, answers that exist and make
/// sense (a correct option among the choices, a positive distance).
pub fn check_quiz(quiz: &super::Quiz, name: &str, text: &str, ds: &Dataset) -> Vec<DataError> {
    use super::Answer;
    let mut errors = Vec::new();
    let mut fail = |id: &str, field: Option<&str>, path: String, msg: String| {
        let loc = Locator {
            id,
            field,
            value: None,
        };
        errors.push(DataError::at(name, text, &loc, path, msg));
    };
    if quiz.questions.is_empty() {
        fail(
            "",
            None,
            "$.questions".into(),
            "a quiz needs at least one question".into(),
        );
    }
    let mut seen = HashSet::new();
    for (i, q) in quiz.questions.iter().enumerate() {
        let path = format!("$.questions[{i}]");
        if q.id.trim().is_empty() || !seen.insert(q.id.as_str()) {
            fail(
                &q.id,
                None,
                path.clone(),
                format!("question id {:?} is empty or used twice", q.id),
            );
        }
        if q.prompt.trim().is_empty() {
            fail(
                &q.id,
                Some("prompt"),
                format!("{path}.prompt"),
                "no prompt".into(),
            );
        }
        if q.quote.trim().is_empty() || !ds.article.contains(q.quote.as_str()) {
            fail(
                &q.id,
                Some("quote"),
                format!("{path}.quote"),
                format!("not found verbatim in the article: {:?}", q.quote),
            );
        }
        let problem = match &q.answer {
            Answer::Province { provinces } if provinces.is_empty() => {
                Some("no province given".to_string())
            }
            Answer::Province { provinces } => provinces
                .iter()
                .find(|iso| ds.province(iso).is_none())
                .map(|iso| format!("unknown province {iso:?}")),
            Answer::Place { place, within_km } => {
                if ds.place(place).is_none() {
                    Some(format!("unknown place {place:?}"))
                } else if !(within_km.is_finite() && *within_km > 0.0) {
                    Some(format!(
                        "within_km must be a positive distance, not {within_km}"
                    ))
                } else {
                    None
                }
            }
            Answer::Choice { choices, correct } => {
                if choices.len() < 2 {
                    Some("a choice needs at least two options".to_string())
                } else if *correct >= choices.len() {
                    Some(format!(
                        "correct is {correct} but there are {} options (counted from 0)",
                        choices.len()
                    ))
                } else {
                    None
                }
            }
            Answer::Date { event, .. } => ds
                .events
                .iter()
                .all(|e| &e.id != event)
                .then(|| format!("unknown event {event:?}")),
        };
        if let Some(msg) = problem {
            fail(&q.id, Some("answer"), format!("{path}.answer"), msg);
        }
    }
    errors
}
