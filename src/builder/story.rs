//! A story folder's worth from one article: the places the geocoder finds, the events and
//! movements the walk reads, the countries whose provinces to draw (those the article names
//! most), their provinces from the world's admin-1 file, and a draft tour and quiz.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::dates::dateline;
use super::error::{BuildError, article_text};
use super::extract::{Reading, Walk, walk};
use super::movements::{
    Countries, FoundMove, FoundTotal, TotalKind, continued, crossings_in, destination_in,
    ordinal_totals, people_counts, quote_of, total_kind,
};
use super::places::Namings;
use super::text::{Sentence, capitalised, sentences, whole_word, words};
use crate::model::{
    Crossing, CrossingsFile, DataError, DataSource, Dataset, DateSource, Event, EventKind,
    GazetteerEntry, Lexicon, PartialDate, Place, PlaceKind, Province, Quiz, SlideView, Story,
    Total, Tour, WorldAdmin1,
};
use crate::spatial::ProvinceIndex;
use crate::spatial::gazetteer::WorldGazetteer;
use crate::spatial::geocode::{Geocoder, slug};

/// What the builder is told besides the article.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The article's file name, for messages and credits.
    pub name: String,
    /// The publication date, when the text has no dateline (or to override it).
    pub published: Option<PartialDate>,
    /// The story's title (else the article's headline).
    pub title: Option<String>,
}

/// What the builder reads, loaded once: the shipped story's countries, provinces, lexicon and
/// gazetteer (as the geocoder's base), the world gazetteer, the world's provinces, and the
/// country outlines every built folder carries.
pub struct Library {
    pub base: Dataset,
    pub gazetteer: Vec<GazetteerEntry>,
    pub index: ProvinceIndex,
    pub world: WorldGazetteer,
    pub admin1: WorldAdmin1,
    /// `countries.geojson`'s text, copied into each folder.
    pub countries_geojson: String,
}

impl Library {
    /// Loads everything from the copies built into the binary.
    pub fn embedded() -> Result<Self, DataError> {
        let base = Dataset::embedded()?;
        let gazetteer = Dataset::load_gazetteer(&DataSource::Embedded)?;
        let index = ProvinceIndex::new(&base.provinces);
        let world = WorldGazetteer::embedded().map_err(|e| DataError::file(e.file, e.reason))?;
        let admin1 = WorldAdmin1::embedded()?;
        let countries_geojson = DataSource::Embedded
            .read("boundaries/countries.geojson")?
            .into_owned();
        Ok(Self {
            base,
            gazetteer,
            index,
            world,
            admin1,
            countries_geojson,
        })
    }

    /// The geocoder over the base story and the world.
    pub fn geocoder(&self) -> Geocoder<'_> {
        let b = &self.base;
        Geocoder::new(
            &b.countries,
            &b.provinces,
            &self.gazetteer,
            &b.lexicon,
            &self.index,
        )
        .with_world(&self.world)
    }
}

/// A built story, ready to review and write.
#[derive(Debug, Clone)]
pub struct Built {
    pub story: Story,
    pub article: String,
    pub places: Vec<Place>,
    pub events: Vec<Event>,
    pub crossings: CrossingsFile,
    pub tour: Tour,
    pub quiz: Quiz,
    /// The provinces of the story's countries.
    pub provinces: Vec<Province>,
    pub countries_geojson: String,
    /// The article's bytes each event and crossing rests on (for highlighting), in order.
    pub event_spans: Vec<Range<usize>>,
    pub crossing_spans: Vec<Range<usize>>,
    /// What the reader should know: dates that contradict themselves, names not found.
    pub warnings: Vec<String>,
}

/// Builds a story from an article's bytes.
pub fn build(bytes: &[u8], opts: &Options, lib: &Library) -> Result<Built, BuildError> {
    let name = opts.name.clone();
    let text = article_text(&name, bytes)?;
    let (published, line, mut warnings) = publication(&text, opts)?;
    let sents = sentences(&text);
    let geocoded = lib.geocoder().geocode(&text);
    if geocoded.places.is_empty() {
        return Err(BuildError::NoPlaces(name));
    }
    let mut places = geocoded.places;
    // A story's places each belong to a country (a sea or a desert across borders does not).
    let (kept, dropped): (Vec<Place>, Vec<Place>) = places
        .into_iter()
        .partition(|p| p.country.len() == 2 && p.country.chars().all(|c| c.is_ascii_uppercase()));
    places = kept;
    if !dropped.is_empty() {
        let names: Vec<&str> = dropped.iter().map(|p| p.name.as_str()).collect();
        warnings.push(format!(
            "left out, as they lie in no one country: {}",
            names.join(", ")
        ));
    }
    add_demonyms(&text, &mut places, &lib.base.lexicon);
    let namings = Namings::find(&text, &sents, &places);
    let read = walk(&text, &sents, &places, &namings, published, line.as_deref());
    warnings.extend(
        read.contradictions
            .iter()
            .map(|c| format!("contradictory date: {c}")),
    );
    if read.readings.iter().all(|r| r.date.is_none()) {
        return Err(BuildError::NoDates(name));
    }
    let weights = country_weights(&places, &namings);
    let countries = story_countries(&weights, &lib.admin1);
    let provinces = provinces_of(&countries, &lib.admin1);
    assign_provinces(&mut places, &provinces, &countries);
    let (ranked, demonyms) = ranked_countries(&places, &weights, &lib.base.lexicon);
    let main = countries.first().and_then(|c| {
        places
            .iter()
            .position(|p| p.kind == PlaceKind::Country && &p.country == c)
    });
    let ctx = Countries {
        places: &places,
        ranked,
        demonyms,
    };
    let moves = find_moves(&text, &sents, &read, &namings, &ctx, published);
    let moved: HashSet<usize> = moves.0.iter().map(|m| m.sentence).collect();
    let (events, event_spans) = events_of(&text, &sents, &read, &places, main, &moved);
    if events.is_empty() {
        return Err(BuildError::NoEvents(name));
    }
    let (crossings, crossing_spans) = crossings_of(&text, &sents, &moves, &places);
    let title = opts
        .title
        .clone()
        .or_else(|| headline(&text, &sents))
        .unwrap_or_else(|| name.clone());
    let home = home_view(&countries, &crossings);
    let story = manifest(&title, &name, published, &countries, home);
    if !geocoded.unresolved.is_empty() {
        warnings.push(format!(
            "names that looked like places but matched none: {}",
            geocoded.unresolved.join(", ")
        ));
    }
    let mut built = Built {
        story,
        article: text,
        places,
        events,
        crossings,
        tour: Tour::default(),
        quiz: Quiz::default(),
        provinces,
        countries_geojson: lib.countries_geojson.clone(),
        event_spans,
        crossing_spans,
        warnings,
    };
    built.tour = super::drafts::tour(&built);
    built.quiz = super::drafts::quiz(&built);
    Ok(built)
}

/// The publication date (from the options, else the dateline), the dateline's text, and a
/// warning when the two disagree.
fn publication(
    text: &str,
    opts: &Options,
) -> Result<(PartialDate, Option<String>, Vec<String>), BuildError> {
    let name = &opts.name;
    let found = dateline(text);
    let mut warnings = Vec::new();
    let line = match &found {
        Some(Ok((_, line))) => Some(line.clone()),
        _ => None,
    };
    let published = match (opts.published, found) {
        (Some(p), Some(Ok((d, l)))) if d != p => {
            warnings.push(format!(
                "the dateline {l:?} says {}; using --published {}",
                d.human(),
                p.human()
            ));
            p
        }
        (Some(p), _) => p,
        (None, Some(Ok((d, _)))) => d,
        (None, Some(Err(why))) => return Err(BuildError::Contradictory(name.clone(), why)),
        (None, None) => return Err(BuildError::NoPublished(name.clone())),
    };
    if published.day.is_none() {
        return Err(BuildError::NoPublished(name.clone()));
    }
    Ok((published, line, warnings))
}

/// A country is named by its people too ("Afghan soldiers", "the Sudanese army"): each
/// demonym the article uses becomes a mention of its country's place.
fn add_demonyms(text: &str, places: &mut [Place], lexicon: &Lexicon) {
    for p in places.iter_mut().filter(|p| p.kind == PlaceKind::Country) {
        let Some(names) = lexicon.countries.iter().find(|c| c.iso == p.country) else {
            continue;
        };
        for d in &names.demonyms {
            let used = text
                .match_indices(d.as_str())
                .any(|(at, _)| whole_word(text, at, at + d.len()));
            if used && !p.mentions.contains(d) {
                p.mentions.push(d.clone());
            }
        }
    }
}

/// How often each country is named, by its places and its people.
fn country_weights(places: &[Place], namings: &Namings) -> HashMap<String, usize> {
    let times = namings.times_named(places.len());
    let mut out: HashMap<String, usize> = HashMap::new();
    for (p, place) in places.iter().enumerate() {
        *out.entry(place.country.clone()).or_default() += times[p];
    }
    out
}

/// The places that are countries, the most named first, and their demonyms.
fn ranked_countries(
    places: &[Place],
    weights: &HashMap<String, usize>,
    lexicon: &Lexicon,
) -> (Vec<usize>, HashMap<String, usize>) {
    let mut ranked: Vec<usize> = (0..places.len())
        .filter(|&p| places[p].kind == PlaceKind::Country)
        .collect();
    let weight = |p: usize| weights.get(&places[p].country).copied().unwrap_or(0);
    ranked.sort_by_key(|&p| std::cmp::Reverse(weight(p)));
    let mut demonyms = HashMap::new();
    for &p in &ranked {
        if let Some(c) = lexicon
            .countries
            .iter()
            .find(|c| c.iso == places[p].country)
        {
            for d in &c.demonyms {
                demonyms.entry(d.to_lowercase()).or_insert(p);
            }
        }
    }
    (ranked, demonyms)
}

/// The countries whose provinces the story draws: the most named one, and any named at least
/// a quarter as often (at most four), each with provinces in the world's admin-1 file.
fn story_countries(weights: &HashMap<String, usize>, admin1: &WorldAdmin1) -> Vec<String> {
    let mut by_country: Vec<(&String, &usize)> = weights.iter().collect();
    by_country.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let with_units: HashSet<&str> = admin1
        .countries()
        .filter(|(_, n)| *n > 0)
        .map(|(c, _)| c)
        .collect();
    let top = by_country.first().map_or(0, |c| *c.1);
    by_country
        .into_iter()
        .filter(|(c, n)| with_units.contains(c.as_str()) && **n * 4 >= top && **n >= 2)
        .take(4)
        .map(|(c, _)| c.clone())
        .collect()
}

fn provinces_of(countries: &[String], admin1: &WorldAdmin1) -> Vec<Province> {
    countries
        .iter()
        .flat_map(|c| admin1.units_of(c).unwrap_or_default())
        .collect()
}

/// Each point of a story country lies in the province it claims; others claim none.
pub(super) fn assign_provinces(places: &mut [Place], provinces: &[Province], countries: &[String]) {
    let index = ProvinceIndex::new(provinces);
    for p in places.iter_mut() {
        let point_like = matches!(
            p.kind,
            PlaceKind::City | PlaceKind::Site | PlaceKind::Province
        );
        p.province = if point_like && countries.contains(&p.country) {
            index
                .locate(geo::Point::new(p.lon, p.lat))
                .map(|i| provinces[i].iso.clone())
        } else {
            None
        };
    }
}

/// The article's headline: its first line, when it is a heading.
fn headline(text: &str, sents: &[Sentence]) -> Option<String> {
    let first = sents.first()?;
    (first.heading && words(&text[first.span.clone()]).len() >= 2)
        .then(|| text[first.span.clone()].to_string())
}

/// Where the map starts: the main country, and the places people crossed from and to.
fn home_view(countries: &[String], crossings: &CrossingsFile) -> Vec<String> {
    let mut home: Vec<String> = countries.iter().take(1).cloned().collect();
    for id in crossings.crossings.iter().flat_map(|x| [&x.from, &x.to]) {
        if !home.contains(id) {
            home.push(id.clone());
        }
    }
    home
}

fn manifest(
    title: &str,
    name: &str,
    published: PartialDate,
    countries: &[String],
    home: Vec<String>,
) -> Story {
    Story {
        title: title.to_string(),
        article: "source/article.txt".into(),
        publisher: None,
        published: Some(published),
        url: None,
        language: "en".into(),
        countries: countries.to_vec(),
        home: SlideView::Fit { fit: home },
        credits: vec![
            format!(
                "Story: “{title}”, {} (from {name}; events drafted by Event Atlas's story builder)",
                published.human()
            ),
            "Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com"
                .into(),
            "Place data © GeoNames (geonames.org), CC BY 4.0".into(),
        ],
        attribution: Some("Natural Earth · © GeoNames CC BY 4.0".into()),
    }
}

/// Crossings and totals, sentence by sentence.
fn find_moves(
    text: &str,
    sents: &[Sentence],
    read: &Walk,
    namings: &Namings,
    ctx: &Countries<'_>,
    published: PartialDate,
) -> (Vec<FoundMove>, Vec<FoundTotal>) {
    let mut moves: Vec<FoundMove> = Vec::new();
    let mut totals: Vec<FoundTotal> = Vec::new();
    for (i, (s, r)) in sents.iter().zip(&read.readings).enumerate() {
        if r.front_matter {
            continue;
        }
        let said = &text[s.span.clone()];
        let mut found = crossings_in(said, i, r, namings, s.span.start, ctx);
        if found.is_empty()
            && let Some(prev) = moves
                .last()
                .filter(|m| sents[m.sentence].paragraph == s.paragraph)
        {
            found.extend(continued(said, i, r, namings, s.span.start, ctx, prev));
        }
        let last_to = destination_in(said, i, namings, s.span.start, ctx)
            .or_else(|| moves.last().map(|m| m.to));
        let ordinal = last_to
            .map(|to| ordinal_totals(said, i, to, published))
            .unwrap_or_default();
        match (ordinal.is_empty(), total_kind(said)) {
            (false, _) => totals.extend(ordinal),
            (true, Some(kind)) => {
                total_from(
                    said,
                    i,
                    s,
                    r,
                    last_to,
                    &moves,
                    &mut totals,
                    published,
                    sents,
                );
                if kind == TotalKind::Running {
                    moves.extend(found);
                }
            }
            (true, None) => moves.extend(found),
        }
    }
    (moves, totals)
}

/// A total sentence: gives its count to the ordinal total of the sentence before, or stands
/// as a total of its own.
#[allow(clippy::too_many_arguments)]
fn total_from(
    said: &str,
    i: usize,
    s: &Sentence,
    r: &Reading,
    last_to: Option<usize>,
    moves: &[FoundMove],
    totals: &mut Vec<FoundTotal>,
    published: PartialDate,
    sents: &[Sentence],
) {
    let people = people_counts(said)
        .into_iter()
        .next()
        .map(|c| c.count)
        .unwrap_or_default();
    if let Some(t) = totals
        .last_mut()
        .filter(|t| t.sentences.end == i && sents[t.sentences.start].paragraph == s.paragraph)
    {
        t.people = people;
        t.sentences.end = i + 1;
        t.note = format!("{}; the total is read as that of these cases", t.note);
        return;
    }
    let Some(to) = last_to else {
        return;
    };
    let (start, end, note) = match &r.date {
        Some(d) if d.end.is_some() => (
            d.start,
            d.end.unwrap_or(published),
            d.note.clone().unwrap_or_default(),
        ),
        _ => {
            let first = moves
                .iter()
                .filter(|m| m.to == to)
                .map(|m| m.date.start)
                .min()
                .unwrap_or(published);
            (
                first,
                published,
                format!(
                    "No period given: from the first crossing the article dates to publication on {}",
                    published.human()
                ),
            )
        }
    };
    totals.push(FoundTotal {
        sentences: i..i + 1,
        to,
        cases: None,
        people,
        start,
        end,
        note,
    });
}

/// How much trigger weight makes a sentence an event (see [`super::kinds::TRIGGERS`]).
const MIN_WEIGHT: u32 = 1;

/// One event per dated sentence that reports something at a place.
fn events_of(
    text: &str,
    sents: &[Sentence],
    read: &Walk,
    places: &[Place],
    main: Option<usize>,
    moved: &HashSet<usize>,
) -> (Vec<Event>, Vec<Range<usize>>) {
    let mut events = Vec::new();
    let mut spans = Vec::new();
    let mut ids = HashSet::new();
    for (i, (s, r)) in sents.iter().zip(&read.readings).enumerate() {
        // A sentence with a crossing is flight, whatever else its words say.
        let kind = match moved.contains(&i) {
            true => Some((EventKind::Refuge, 3)),
            false => r.kind,
        };
        let (Some(date), Some((kind, weight))) = (&r.date, kind) else {
            continue;
        };
        if r.front_matter || weight < MIN_WEIGHT {
            continue;
        }
        let at: Vec<usize> = if !r.places.is_empty() {
            r.places.clone()
        } else if !r.paragraph_places.is_empty() {
            r.paragraph_places.clone()
        } else {
            main.into_iter().collect()
        };
        if at.is_empty() {
            continue;
        }
        let said = &text[s.span.clone()];
        let title = title_of(said, r.heading.as_deref());
        let id = unique_id(&mut ids, &format!("{}-{}", short_slug(&title), date.start));
        let people = people_counts(said).into_iter().next().map(|c| c.count);
        events.push(Event {
            id,
            title,
            date: date.start,
            date_source: date.source,
            date_note: date.note.clone(),
            end_date: date.end.filter(|e| *e != date.start),
            kind,
            places: at.iter().map(|&p| places[p].id.clone()).collect(),
            quote: said.to_string(),
            summary: None,
            people,
        });
        spans.push(s.span.clone());
    }
    (events, spans)
}

/// Crossings and totals as records.
fn crossings_of(
    text: &str,
    sents: &[Sentence],
    found: &(Vec<FoundMove>, Vec<FoundTotal>),
    places: &[Place],
) -> (CrossingsFile, Vec<Range<usize>>) {
    let mut ids = HashSet::new();
    let mut spans = Vec::new();
    let crossings = found
        .0
        .iter()
        .map(|m| {
            spans.push(sents[m.sentence].span.clone());
            Crossing {
                id: unique_id(&mut ids, &format!("{}-{}", places[m.to].id, m.date.start)),
                date: m.date.start,
                date_source: m.date.source,
                date_note: m.date.note.clone(),
                end_date: m.date.end.filter(|e| *e != m.date.start),
                from: places[m.from].id.clone(),
                to: places[m.to].id.clone(),
                from_basis: Some(m.from_basis.clone()),
                from_quote: None,
                who: m.who.clone(),
                people: m.people.clone(),
                quote: text[sents[m.sentence].span.clone()].to_string(),
            }
        })
        .collect();
    let totals = found
        .1
        .iter()
        .map(|t| {
            spans.push(sents[t.sentences.start].span.start..sents[t.sentences.end - 1].span.end);
            Total {
                id: unique_id(&mut ids, &format!("total-{}-{}", places[t.to].id, t.start)),
                start: t.start,
                end: t.end,
                to: places[t.to].id.clone(),
                cases: t.cases,
                people: t.people.clone(),
                quote: quote_of(text, sents, &t.sentences),
                date_source: Some(DateSource::ArticleContext),
                date_note: Some(t.note.clone()),
            }
        })
        .collect();
    (CrossingsFile { crossings, totals }, spans)
}

/// A short title from the sentence: the heading above it in a timeline, else its main clause
/// (to the first comma, at most ten words), without quotation marks.
///
/// ```
/// use event_atlas::builder::story::title_of;
/// assert_eq!(
///     title_of("More than 1,000 Afghan soldiers have fled to neighbouring Tajikistan after clashing with Taliban militants, officials have said.", None),
///     "More than 1,000 Afghan soldiers have fled to neighbouring Tajikistan"
/// );
/// assert_eq!(title_of("Kabul falls.", Some("Fall of Kabul")), "Fall of Kabul");
/// assert_eq!(
///     title_of("Early on Monday morning, RSF fighters attacked villages near El Fasher.", None),
///     "RSF fighters attacked villages near El Fasher"
/// );
/// ```
pub fn title_of(said: &str, heading: Option<&str>) -> String {
    if let Some(h) = heading {
        return h.trim().to_string();
    }
    let clean: String = said
        .chars()
        .filter(|c| !matches!(c, '"' | '“' | '”'))
        .collect();
    let lead = ["But ", "However, ", "And ", "Meanwhile, ", "Also, "];
    let mut s = clean.trim();
    for l in lead {
        if let Some(rest) = s.strip_prefix(l) {
            s = rest;
        }
    }
    // The main clause: past an opening phrase of time or place ("Early on Monday morning,").
    // Clauses end at ", " (not at the comma of "20,000").
    let clauses: Vec<&str> = s
        .split(", ")
        .flat_map(|c| c.split("; "))
        .map(str::trim)
        .collect();
    let opening = |c: &str| {
        let first = c.split_whitespace().next().unwrap_or("").to_lowercase();
        let at_least = c.to_lowercase().starts_with("at least");
        OPENERS.contains(&first.as_str()) && !at_least && words(c).len() <= 6
    };
    let clause = match clauses.as_slice() {
        [first, second, ..] if opening(first) && words(second).len() >= 3 => *second,
        [first, ..] if words(first).len() >= 4 => *first,
        _ => s,
    };
    let all: Vec<&str> = clause.split_whitespace().collect();
    let mut taken: Vec<&str> = all.iter().take(10).copied().collect();
    // Do not cut a name in two ("El | Fasher").
    let capital = |w: &&str| w.starts_with(char::is_uppercase);
    while taken.len() > 3
        && all.get(taken.len()).is_some_and(capital)
        && taken.last().is_some_and(capital)
    {
        taken.pop();
    }
    const WEAK: &[&str] = &[
        "after", "and", "the", "of", "to", "in", "a", "as", "by", "with", "for", "on", "at",
        "from", "that", "who",
    ];
    while taken.len() > 3
        && taken
            .last()
            .is_some_and(|w| WEAK.contains(&w.to_lowercase().as_str()))
    {
        taken.pop();
    }
    let t = taken.join(" ");
    capitalised(t.trim_end_matches(['.', ',', ';', ':', '!', '?']))
}

/// Words that open a phrase of time or place before the main clause.
const OPENERS: &[&str] = &[
    "early",
    "late",
    "on",
    "in",
    "last",
    "over",
    "by",
    "since",
    "after",
    "during",
    "at",
    "until",
    "earlier",
    "later",
    "overnight",
    "meanwhile",
    "yesterday",
    "today",
    "before",
    "according",
];

fn short_slug(title: &str) -> String {
    slug(title).split('-').take(5).collect::<Vec<_>>().join("-")
}

/// `base`, or `base-2`, `base-3` … if taken.
fn unique_id(ids: &mut HashSet<String>, base: &str) -> String {
    let mut id = base.to_string();
    let mut n = 2;
    while !ids.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}
