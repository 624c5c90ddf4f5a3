//! Views by id: the box that shows a list of places, provinces and countries (a tour slide's
//! `fit`, the story's `home`), and a slide's highlight resolved to what the layers draw.

use geo::{Area, BoundingRect, Coord, Rect};

use super::Atlas;
use crate::model::{Highlight, PlaceKind, SlideView};
use crate::spatial::mercator;

/// What a tour slide makes stand out, resolved to indexes for the map layers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Highlighted {
    pub provinces: Vec<usize>,
    pub markers: Vec<usize>,
    pub crossings: Vec<usize>,
}

/// The story's home view, resolved.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum HomeView {
    /// Fit this unit-Mercator box.
    Fit(Rect<f64>),
    /// This unit-Mercator centre at this walkers zoom.
    Center(Coord<f64>, f64),
    /// Nothing to fit: the whole world.
    World,
}

impl HomeView {
    /// Resolves the story's `home`; ids that resolve to nothing fall back to the story's
    /// countries, then to the world.
    pub fn of(atlas: &Atlas, home: &SlideView) -> Self {
        match home {
            SlideView::Center { center, zoom } => Self::Center(
                mercator(Coord {
                    x: center[0],
                    y: center[1],
                }),
                *zoom,
            ),
            SlideView::Fit { fit } => atlas
                .fit_rect(fit)
                .or_else(|| atlas.fit_rect(&atlas.data.story.countries))
                .map_or(Self::World, Self::Fit),
        }
    }

    /// The unit-Mercator point the view centres on.
    pub fn center(&self) -> Coord<f64> {
        match self {
            Self::Fit(r) => r.center(),
            Self::Center(c, _) => *c,
            Self::World => Coord { x: 0.5, y: 0.5 },
        }
    }
}

/// The smallest box holding all of `boxes`.
/// The box around both.
pub fn union_box(a: Rect<f64>, b: Rect<f64>) -> Rect<f64> {
    Rect::new(
        Coord {
            x: a.min().x.min(b.min().x),
            y: a.min().y.min(b.min().y),
        },
        Coord {
            x: a.max().x.max(b.max().x),
            y: a.max().y.max(b.max().y),
        },
    )
}

fn union(boxes: &[Rect<f64>]) -> Option<Rect<f64>> {
    let first = *boxes.first()?;
    Some(boxes.iter().fold(first, |acc, r| {
        Rect::new(
            Coord {
                x: acc.min().x.min(r.min().x),
                y: acc.min().y.min(r.min().y),
            },
            Coord {
                x: acc.max().x.max(r.max().x),
                y: acc.max().y.max(r.max().y),
            },
        )
    }))
}

impl Atlas {
    /// A country's lon/lat box by its largest part, so the US is its mainland, not a box from
    /// Alaska to Guam.
    fn country_box(&self, iso: &str) -> Option<Rect<f64>> {
        let c = &self.data.countries[self.ids.country(iso)?];
        let main = c
            .shape
            .0
            .iter()
            .max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()))?;
        main.bounding_rect()
    }

    /// A story province's box, else a world unit's (any country's `SD-DN`).
    fn province_box(&self, iso: &str) -> Option<Rect<f64>> {
        let shape = match self.ids.province(iso) {
            Some(i) => &self.data.provinces[i].shape,
            None => &self.world.unit(self.world.by_code(iso)?)?.shape,
        };
        shape.bounding_rect()
    }

    /// The lon/lat box of one id: a place, a province code or a country code.
    fn id_box(&self, id: &str) -> Option<Rect<f64>> {
        let Some(i) = self.ids.place(id) else {
            return self.province_box(id).or_else(|| self.country_box(id));
        };
        let p = &self.data.places[i];
        match p.kind {
            PlaceKind::Country => self.country_box(&p.country),
            PlaceKind::Province => p.province.as_deref().and_then(|iso| self.province_box(iso)),
            PlaceKind::Border => p
                .geometry
                .as_ref()
                .and_then(|g| geo::Geometry::<f64>::try_from(g).ok())
                .and_then(|g| g.bounding_rect()),
            _ => Some(Rect::new(p.point().0, p.point().0)),
        }
    }

    /// The unit-Mercator box that shows all of `ids`: place ids, province codes (`AF-BDS`) or
    /// country codes (`TJ`). Unknown ids are skipped.
    pub fn fit_rect(&self, ids: &[String]) -> Option<Rect<f64>> {
        let boxes: Vec<Rect<f64>> = ids
            .iter()
            .filter_map(|id| self.id_box(id))
            .map(|r| Rect::new(mercator(r.min()), mercator(r.max())))
            .collect();
        union(&boxes)
    }

    /// The unit-Mercator box around everything `h` highlights, each arrow with its bend: a
    /// presented slide's view must show all of it.
    pub fn highlight_box(&self, h: &Highlighted) -> Option<Rect<f64>> {
        let mut boxes: Vec<Rect<f64>> = Vec::new();
        let provinces = h
            .provinces
            .iter()
            .filter_map(|&p| self.province_shapes.get(p));
        boxes.extend(provinces.map(|s| s.bbox));
        let markers = h.markers.iter().filter_map(|&m| self.markers.get(m));
        boxes.extend(markers.map(|m| Rect::new(m.at, m.at)));
        for a in self
            .arrows
            .iter()
            .filter(|a| h.crossings.contains(&a.crossing))
        {
            let d = a.to - a.from;
            let mid = a.from + d * 0.5;
            let bulge = Coord { x: -d.y, y: d.x } * (a.bend * 0.5);
            boxes.push(Rect::new(a.from, a.to));
            boxes.push(Rect::new(mid + bulge, mid - bulge));
        }
        union(&boxes)
    }

    /// Resolves a slide's highlight (ids) to what the layers draw; unknown ids are skipped.
    pub fn resolve_highlight(&self, h: &Highlight) -> Highlighted {
        let provinces = h
            .provinces
            .iter()
            .filter_map(|iso| self.ids.province(iso))
            .collect();
        let mut markers: Vec<usize> = h
            .places
            .iter()
            .filter_map(|id| self.marker_of_place(self.ids.place(id)?))
            .collect();
        // An event stands out on every marker that lists it.
        for e in h.events.iter().filter_map(|id| self.ids.event(id)) {
            markers.extend(
                self.markers
                    .iter()
                    .enumerate()
                    .filter(|(_, m)| m.events.contains(&e))
                    .map(|(i, _)| i),
            );
        }
        markers.sort_unstable();
        markers.dedup();
        let crossings = h
            .crossings
            .iter()
            .filter_map(|id| self.ids.crossing(id))
            .collect();
        Highlighted {
            provinces,
            markers,
            crossings,
        }
    }
}
