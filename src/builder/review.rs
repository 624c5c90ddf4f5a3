//! What a reviewer does to a built story before saving it: keep or drop each event and
//! crossing (the tour and quiz lose what refers to a dropped one), and make a new event from
//! any sentence. Plain Rust, so the review window stays a view.

use std::ops::Range;

use super::dates::{DateContext, dates_in};
use super::kinds::kind_of;
use super::movements::people_counts;
use super::story::{Built, Library, title_of};
use super::text::whole_word;
use crate::model::{DateSource, Event, EventKind, PartialDate};
use crate::spatial::geocode::slug;

impl Built {
    /// The story with only the events and crossings kept (`keep_events[i]` for event `i`;
    /// `keep_crossings` for the crossings, then the totals), and the tour and quiz without what
    /// refers to a dropped one.
    pub fn keeping(&self, keep_events: &[bool], keep_crossings: &[bool]) -> Built {
        let mut b = self.clone();
        let kept = |keep: &[bool], i: usize| keep.get(i).copied().unwrap_or(true);
        let n_x = b.crossings.crossings.len();
        b.events = keep_filter(&self.events, |i| kept(keep_events, i));
        b.event_spans = keep_filter(&self.event_spans, |i| kept(keep_events, i));
        b.crossings.crossings = keep_filter(&self.crossings.crossings, |i| kept(keep_crossings, i));
        b.crossings.totals = keep_filter(&self.crossings.totals, |i| kept(keep_crossings, n_x + i));
        b.crossing_spans = keep_filter(&self.crossing_spans, |i| kept(keep_crossings, i));
        let events: std::collections::HashSet<&str> =
            b.events.iter().map(|e| e.id.as_str()).collect();
        let crossings: std::collections::HashSet<&str> = b
            .crossings
            .crossings
            .iter()
            .map(|x| x.id.as_str())
            .collect();
        b.tour.slides.retain(|s| {
            s.highlight
                .events
                .iter()
                .all(|e| events.contains(e.as_str()))
                && s.highlight
                    .crossings
                    .iter()
                    .all(|x| crossings.contains(x.as_str()))
        });
        // A question made from a dropped record goes with it; the teacher's own stay.
        b.quiz.questions.retain(|q| {
            super::drafts::question_source(&q.id)
                .is_none_or(|id| events.contains(id) || crossings.contains(id))
        });
        b
    }

    /// A new event from the sentence at `span` of the article: its own date if it gives one
    /// (else the publication date, marked for checking), the places it names, the kind its
    /// words point to, and its first count of people.
    pub fn event_from(&self, span: Range<usize>) -> Option<Event> {
        let said = self.article.get(span)?.trim();
        let published = self.story.published?;
        let ctx = DateContext {
            published,
            year: None,
        };
        let (date, end, source, note) = match dates_in(said, &ctx).dates.into_iter().next() {
            Some(d) => (d.start, d.end, d.source, d.note),
            None => (
                PartialDate { day: None, ..published },
                None,
                DateSource::ArticleContext,
                Some("Added in review; the sentence gives no date: the month of publication, to check".into()),
            ),
        };
        let places: Vec<String> = self
            .places
            .iter()
            .filter(|p| p.mentions.iter().any(|m| said.contains(m.as_str())))
            .map(|p| p.id.clone())
            .collect();
        let title = title_of(said, None);
        let mut id = format!(
            "{}-{date}",
            slug(&title)
                .split('-')
                .take(5)
                .collect::<Vec<_>>()
                .join("-")
        );
        while self.events.iter().any(|e| e.id == id) {
            id.push_str("-new");
        }
        Some(Event {
            id,
            title,
            date,
            date_source: source,
            date_note: note,
            end_date: end,
            kind: kind_of(said).map_or(EventKind::Civilian, |k| k.0),
            places,
            quote: said.to_string(),
            summary: None,
            people: people_counts(said).into_iter().next().map(|c| c.count),
        })
    }
}

impl Built {
    /// Adds the place the article calls `name` (a name the builder did not take as a place),
    /// looked up in the gazetteers; its id, or why not.
    pub fn add_place(&mut self, name: &str, lib: &Library) -> Result<String, String> {
        let name = name.trim();
        let said = self
            .article
            .match_indices(name)
            .any(|(at, _)| !name.is_empty() && whole_word(&self.article, at, at + name.len()));
        if !said {
            return Err(format!(
                "“{name}” is not in the article: a story's places are the ones it names"
            ));
        }
        let found = lib.geocoder().geocode(name);
        let mut place = found
            .places
            .into_iter()
            .find(|p| p.mentions.iter().any(|m| m == name))
            .ok_or_else(|| format!("the gazetteers know no place called “{name}”"))?;
        if let Some(p) = self.places.iter().find(|p| p.id == place.id) {
            return Ok(p.id.clone());
        }
        place.mentions = vec![name.to_string()];
        let mut one = [place];
        super::countries::assign_provinces(&mut one, &self.provinces, &self.story.countries);
        let [place] = one;
        let id = place.id.clone();
        self.places.push(place);
        Ok(id)
    }
}

fn keep_filter<T: Clone>(items: &[T], keep: impl Fn(usize) -> bool) -> Vec<T> {
    items
        .iter()
        .enumerate()
        .filter(|(i, _)| keep(*i))
        .map(|(_, x)| x.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::builder::{Library, Options, build};
    use crate::model::DateSource;

    fn sudan() -> crate::builder::Built {
        let lib = Library::embedded().expect("library");
        let bytes = std::fs::read("tests/fixtures/articles/sudan-chad.txt").expect("article");
        build(&bytes, &Options::default(), &lib).expect("built")
    }

    #[test]
    fn dropping_a_crossing_drops_its_slides_and_questions() {
        let b = sudan();
        let x = &b.crossings.crossings[0];
        assert!(
            b.tour
                .slides
                .iter()
                .any(|s| s.highlight.crossings.contains(&x.id))
        );
        let mut keep = vec![true; b.crossings.crossings.len() + b.crossings.totals.len()];
        keep[0] = false;
        let kept = b.keeping(&[], &keep);
        assert_eq!(
            kept.crossings.crossings.len(),
            b.crossings.crossings.len() - 1
        );
        assert!(
            !kept
                .tour
                .slides
                .iter()
                .any(|s| s.highlight.crossings.contains(&x.id))
        );
        assert!(b.quiz.questions.iter().any(|q| q.id.ends_with(&x.id)));
        assert!(!kept.quiz.questions.iter().any(|q| q.id.ends_with(&x.id)));
        assert_eq!(
            kept.crossing_spans.len(),
            kept.crossings.crossings.len() + kept.crossings.totals.len()
        );
    }

    #[test]
    fn a_place_the_article_names_can_be_added_from_the_gazetteer() {
        let lib = Library::embedded().expect("library");
        let mut b = sudan();
        let n = b.places.len();
        let e = b.add_place("Paris", &lib).expect_err("not in the article");
        assert!(e.contains("not in the article"), "{e}");
        // "Darfur" is named; adding it again gives the place already there.
        let id = b.add_place("Darfur", &lib).expect("known");
        assert!(b.places.iter().any(|p| p.id == id));
        assert_eq!(b.places.len(), n);
        // A place taken out comes back from the gazetteer, in its province.
        b.places.retain(|p| p.id != "abeche");
        let id = b.add_place("Abéché", &lib).expect("in the gazetteer");
        let p = b.places.iter().find(|p| p.id == id).expect("added");
        assert_eq!(
            (p.country.as_str(), p.mentions.clone()),
            ("TD", vec!["Abéché".to_string()])
        );
        assert!(p.province.as_deref().is_some_and(|c| c.starts_with("TD-")));
    }

    #[test]
    fn a_new_event_from_any_sentence() {
        let b = sudan();
        let s =
            "The World Food Programme cut rations by half in March because of a funding shortfall";
        let at = b.article.find(s).expect("in the article");
        let e = b.event_from(at..at + s.len()).expect("event");
        assert_eq!(e.date.to_string(), "2024-03");
        assert_eq!(e.date_source, DateSource::ArticleContext);
        assert!(b.article.contains(&e.quote));
    }
}
