//! The room a view is fitted into: the rectangle of the map that no overlay covers and in
//! which a box of a given shape comes out largest.

use geo::{Rect, coord};

/// The rectangle inside `bounds` that overlaps none of `obstacles` and holds the largest box
/// of aspect `aspect` (width / height); `None` if every part of `bounds` is covered.
///
/// Candidate edges are the bounds' and the obstacles' edges, so the answer is exact; with
/// `n` obstacles it tries O(n⁴) rectangles, meant for the handful of overlays on a map.
///
/// ```
/// use event_atlas::spatial::free_rect::largest_free_rect;
/// use geo::{Rect, coord};
/// let map = Rect::new(coord! { x: 0.0, y: 0.0 }, coord! { x: 100.0, y: 100.0 });
/// // A card over the top 30 and a button in the bottom-left corner.
/// let card = Rect::new(coord! { x: 0.0, y: 0.0 }, coord! { x: 60.0, y: 30.0 });
/// let button = Rect::new(coord! { x: 0.0, y: 90.0 }, coord! { x: 10.0, y: 100.0 });
/// // A wide box fits best below the card and above the button, the full width.
/// let free = largest_free_rect(map, &[card, button], 2.0).unwrap();
/// assert_eq!((free.min().x, free.max().x), (0.0, 100.0));
/// assert_eq!((free.min().y, free.max().y), (30.0, 90.0));
/// // A tall box fits best beside the card.
/// let free = largest_free_rect(map, &[card, button], 0.3).unwrap();
/// assert_eq!((free.min().x, free.max().x), (60.0, 100.0));
/// ```
pub fn largest_free_rect(
    bounds: Rect<f64>,
    obstacles: &[Rect<f64>],
    aspect: f64,
) -> Option<Rect<f64>> {
    let (inside, xs, ys) = grid(&bounds, obstacles);
    let aspect = if aspect.is_finite() && aspect > 0.0 {
        aspect
    } else {
        1.0
    };
    let mut best: Option<(f64, Rect<f64>)> = None;
    for (i, &x0) in xs.iter().enumerate() {
        for &x1 in &xs[i + 1..] {
            for (j, &y0) in ys.iter().enumerate() {
                for &y1 in &ys[j + 1..] {
                    // The scale a box of this aspect reaches in (x0, y0)–(x1, y1).
                    let score = ((x1 - x0) / aspect).min(y1 - y0);
                    if best.is_some_and(|(s, _)| s >= score) {
                        continue;
                    }
                    let r = Rect::new(coord! { x: x0, y: y0 }, coord! { x: x1, y: y1 });
                    if !inside.iter().any(|o| overlaps(o, &r)) {
                        best = Some((score, r));
                    }
                }
            }
        }
    }
    best.map(|(_, r)| r)
}

/// The area of `bounds` that at least one of `rects` covers (overlaps counted once).
///
/// ```
/// use event_atlas::spatial::free_rect::covered_area;
/// use geo::{Rect, coord};
/// let r = |x0: f64, y0: f64, x1: f64, y1: f64| Rect::new(coord! { x: x0, y: y0 }, coord! { x: x1, y: y1 });
/// let bounds = r(0.0, 0.0, 10.0, 10.0);
/// // Two 4×4 squares overlapping by 2×2, and one half outside the bounds.
/// let covered = covered_area(bounds, &[r(0.0, 0.0, 4.0, 4.0), r(2.0, 2.0, 6.0, 6.0), r(8.0, 8.0, 12.0, 12.0)]);
/// assert_eq!(covered, 16.0 + 16.0 - 4.0 + 4.0);
/// ```
pub fn covered_area(bounds: Rect<f64>, rects: &[Rect<f64>]) -> f64 {
    let (inside, xs, ys) = grid(&bounds, rects);
    let mut area = 0.0;
    for xw in xs.windows(2) {
        for yw in ys.windows(2) {
            let cell = Rect::new(coord! { x: xw[0], y: yw[0] }, coord! { x: xw[1], y: yw[1] });
            if inside.iter().any(|o| overlaps(o, &cell)) {
                area += (xw[1] - xw[0]) * (yw[1] - yw[0]);
            }
        }
    }
    area
}

/// The rectangles cut to `bounds`, and the grid their edges and the bounds' make.
type Grid = (Vec<Rect<f64>>, Vec<f64>, Vec<f64>);

fn grid(bounds: &Rect<f64>, rects: &[Rect<f64>]) -> Grid {
    let inside: Vec<Rect<f64>> = rects.iter().filter_map(|o| clip(o, bounds)).collect();
    let (lo, hi) = (bounds.min(), bounds.max());
    let xs = edges(
        lo.x,
        hi.x,
        inside.iter().flat_map(|o| [o.min().x, o.max().x]),
    );
    let ys = edges(
        lo.y,
        hi.y,
        inside.iter().flat_map(|o| [o.min().y, o.max().y]),
    );
    (inside, xs, ys)
}

/// The sorted, distinct edges within `[lo, hi]`, the bounds included.
fn edges(lo: f64, hi: f64, more: impl Iterator<Item = f64>) -> Vec<f64> {
    let mut v: Vec<f64> = std::iter::once(lo)
        .chain(std::iter::once(hi))
        .chain(more.filter(|x| x.is_finite() && *x > lo && *x < hi))
        .collect();
    v.sort_by(f64::total_cmp);
    v.dedup();
    v
}

/// `o` cut to `bounds`, if any of it is inside.
fn clip(o: &Rect<f64>, bounds: &Rect<f64>) -> Option<Rect<f64>> {
    let min = coord! { x: o.min().x.max(bounds.min().x), y: o.min().y.max(bounds.min().y) };
    let max = coord! { x: o.max().x.min(bounds.max().x), y: o.max().y.min(bounds.max().y) };
    (min.x < max.x && min.y < max.y).then(|| Rect::new(min, max))
}

/// Whether the two share some area (touching edges do not count).
fn overlaps(a: &Rect<f64>, b: &Rect<f64>) -> bool {
    a.min().x < b.max().x && b.min().x < a.max().x && a.min().y < b.max().y && b.min().y < a.max().y
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(x0: f64, y0: f64, x1: f64, y1: f64) -> Rect<f64> {
        Rect::new(coord! { x: x0, y: y0 }, coord! { x: x1, y: y1 })
    }

    #[test]
    fn no_obstacles_gives_the_bounds() {
        assert_eq!(
            largest_free_rect(r(0., 0., 5., 3.), &[], 1.0),
            Some(r(0., 0., 5., 3.))
        );
    }

    #[test]
    fn fully_covered_gives_nothing() {
        let b = r(0., 0., 5., 3.);
        assert_eq!(largest_free_rect(b, &[r(-1., -1., 6., 4.)], 1.0), None);
    }

    #[test]
    fn the_answer_never_overlaps_an_obstacle() {
        let b = r(0., 0., 100., 80.);
        let obstacles = [
            r(0., 0., 30., 40.),
            r(70., 60., 100., 80.),
            r(40., 30., 50., 35.),
        ];
        for aspect in [0.2, 0.5, 1.0, 2.0, 5.0] {
            let f = largest_free_rect(b, &obstacles, aspect).expect("room");
            assert!(
                obstacles.iter().all(|o| !overlaps(o, &f)),
                "{aspect}: {f:?}"
            );
            assert!(f.min().x >= 0. && f.max().x <= 100. && f.min().y >= 0. && f.max().y <= 80.);
        }
    }

    #[test]
    fn nan_obstacles_are_ignored() {
        let b = r(0., 0., 10., 10.);
        let nan = Rect::new(coord! { x: f64::NAN, y: 0. }, coord! { x: 5., y: 5. });
        assert!(largest_free_rect(b, &[nan], 1.0).is_some());
    }
}
