//! Clusters for every zoom, built once at import: points are sorted along a Z-order (Morton)
//! curve, so the points of any grid cell at any level are one contiguous run of the array.
//! A level is just the list of run starts; drawing a zoom walks one level, and filtering
//! (time, kind, actor) only re-counts runs, never re-clusters.

/// Bits per axis of the Morton code (2.4 m cells at the equator).
pub const BITS: u32 = 24;

/// Deepest level kept (cells of about 10 m).
pub const MAX_LEVEL: usize = 22;

/// Morton code of a unit-Mercator point.
///
/// ```
/// use event_atlas::spatial::cluster::morton;
/// assert_eq!(morton(0.0, 0.0), 0);
/// // The four quadrants of the world sort as a Z: top-left, top-right, bottom-left, bottom-right.
/// assert!(morton(0.1, 0.1) < morton(0.9, 0.1));
/// assert!(morton(0.9, 0.1) < morton(0.1, 0.9));
/// assert!(morton(0.1, 0.9) < morton(0.9, 0.9));
/// ```
pub fn morton(x: f32, y: f32) -> u64 {
    let q = |v: f32| -> u64 {
        let max = ((1u64 << BITS) - 1) as f32;
        (v.clamp(0.0, 1.0) * max) as u64
    };
    spread(q(x)) | (spread(q(y)) << 1)
}

/// Spreads the low 32 bits of `v` to the even bits.
fn spread(mut v: u64) -> u64 {
    v &= 0xFFFF_FFFF;
    v = (v | (v << 16)) & 0x0000_FFFF_0000_FFFF;
    v = (v | (v << 8)) & 0x00FF_00FF_00FF_00FF;
    v = (v | (v << 4)) & 0x0F0F_0F0F_0F0F_0F0F;
    v = (v | (v << 2)) & 0x3333_3333_3333_3333;
    (v | (v << 1)) & 0x5555_5555_5555_5555
}

/// One zoom level: runs of points sharing a grid cell of `2^-level` of the world's width.
#[derive(Debug, Clone, Default)]
pub struct Level {
    /// Start of each run in the sorted points, plus one final entry (the point count).
    pub starts: Vec<u32>,
    /// Mean position of each run's points (unit Mercator).
    pub centers: Vec<[f32; 2]>,
}

impl Level {
    /// Number of runs (cells with at least one point).
    pub fn len(&self) -> usize {
        self.centers.len()
    }

    /// Whether the level is empty.
    pub fn is_empty(&self) -> bool {
        self.centers.is_empty()
    }

    /// Point indexes of run `i`.
    pub fn run(&self, i: usize) -> std::ops::Range<usize> {
        self.starts[i] as usize..self.starts[i + 1] as usize
    }
}

/// The cluster levels of a point set, from the whole world (level 0) down to where cells
/// hold about one distinct place each.
#[derive(Debug, Clone, Default)]
pub struct Clusters {
    pub levels: Vec<Level>,
}

impl Clusters {
    /// Sorts the points along the Morton curve and builds the levels. Returns the clusters and
    /// the permutation applied: `order[new] = old`.
    ///
    /// ```
    /// use event_atlas::spatial::Clusters;
    /// let pts = [[0.9, 0.9], [0.1, 0.1], [0.1001, 0.1001]];
    /// let (c, order) = Clusters::build(&pts);
    /// assert_eq!(order, vec![1, 2, 0]);
    /// assert_eq!(c.levels[0].len(), 1); // one cluster for the world
    /// assert_eq!(c.levels[1].len(), 2); // quadrants
    /// ```
    pub fn build(points: &[[f32; 2]]) -> (Self, Vec<u32>) {
        let mut keyed: Vec<(u64, u32)> = points
            .iter()
            .enumerate()
            .map(|(i, p)| (morton(p[0], p[1]), i as u32))
            .collect();
        keyed.sort_unstable();
        let order: Vec<u32> = keyed.iter().map(|&(_, i)| i).collect();
        let codes: Vec<u64> = keyed.into_iter().map(|(c, _)| c).collect();
        // Points in curve order, so every level is one sequential pass.
        let sorted: Vec<[f32; 2]> = order.iter().map(|&o| points[o as usize]).collect();
        let n = codes.len();
        // Distinct places at the deepest level: no level can separate more.
        let deepest = 2 * (BITS as usize - MAX_LEVEL);
        let distinct = codes
            .windows(2)
            .filter(|w| w[0] >> deepest != w[1] >> deepest)
            .count()
            + usize::from(n > 0);
        let mut levels = Vec::new();
        for level in 0..=MAX_LEVEL {
            let shift = 2 * (BITS as usize - level);
            let mut starts = Vec::new();
            let mut centers = Vec::new();
            let mut i = 0;
            while i < n {
                let cell = codes[i] >> shift;
                let mut j = i + 1;
                while j < n && codes[j] >> shift == cell {
                    j += 1;
                }
                let (mut sx, mut sy) = (0.0f64, 0.0f64);
                for p in &sorted[i..j] {
                    sx += f64::from(p[0]);
                    sy += f64::from(p[1]);
                }
                let k = (j - i) as f64;
                starts.push(i as u32);
                centers.push([(sx / k) as f32, (sy / k) as f32]);
                i = j;
            }
            starts.push(n as u32);
            let runs = centers.len();
            levels.push(Level { starts, centers });
            // Deeper levels would only split the last few places: stop once nine in ten
            // distinct places have a cluster of their own (the rest lie within one cell).
            if runs * 10 >= distinct * 9 {
                break;
            }
        }
        (Self { levels }, order)
    }

    /// The level whose cells are about `cell_px` wide when the world is `world_px` wide.
    pub fn level_for(&self, world_px: f64, cell_px: f64) -> usize {
        let l = (world_px / cell_px).max(1.0).log2().floor() as usize;
        l.min(self.levels.len().saturating_sub(1))
    }

    /// Heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.levels
            .iter()
            .map(|l| l.starts.capacity() * 4 + l.centers.capacity() * 8)
            .sum()
    }
}

/// Reorders `items` so that `items[new] = old_items[order[new]]`, in place.
pub fn apply_order<T>(items: &mut [T], order: &[u32]) {
    let mut done = vec![false; items.len()];
    for start in 0..items.len() {
        if done[start] {
            continue;
        }
        // Follow the cycle: position `cur` receives the item from `order[cur]`.
        let mut cur = start;
        loop {
            done[cur] = true;
            let from = order[cur] as usize;
            if from == start {
                break;
            }
            items.swap(cur, from);
            cur = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apply_order_permutes() {
        let mut v = vec!['a', 'b', 'c', 'd', 'e'];
        apply_order(&mut v, &[3, 0, 4, 1, 2]);
        assert_eq!(v, vec!['d', 'a', 'e', 'b', 'c']);
    }

    #[test]
    fn every_level_partitions_the_points() {
        let mut rng = crate::import::synthetic::Rng::new(3);
        let pts: Vec<[f32; 2]> = (0..5000)
            .map(|_| [rng.range(0.66, 0.7) as f32, rng.range(0.38, 0.42) as f32])
            .collect();
        let (c, order) = Clusters::build(&pts);
        assert!(c.levels.len() > 8);
        for (l, level) in c.levels.iter().enumerate() {
            assert_eq!(*level.starts.last().expect("end"), 5000);
            assert!(level.starts.windows(2).all(|w| w[0] < w[1]));
            // Every run's points share one cell of the level.
            for i in 0..level.len() {
                let cells: std::collections::HashSet<u64> = level
                    .run(i)
                    .map(|k| {
                        let p = pts[order[k] as usize];
                        morton(p[0], p[1]) >> (2 * (BITS as usize - l))
                    })
                    .collect();
                assert_eq!(cells.len(), 1);
            }
        }
        assert!(c.levels[3].len() <= c.levels[10].len());
    }

    #[test]
    fn a_few_far_apart_places_separate_at_the_deepest_level() {
        // Herat, Kunduz, Mazar-e-Sharif, Ishkashim, and one place twice.
        let lonlat = [
            (62.2, 34.35),
            (68.86, 36.73),
            (67.11, 36.71),
            (71.61, 36.71),
            (71.61, 36.71),
        ];
        let pts: Vec<[f32; 2]> = lonlat
            .iter()
            .map(|&(lon, lat)| {
                let m = crate::spatial::mercator((lon, lat).into());
                [m.x as f32, m.y as f32]
            })
            .collect();
        let (c, _) = Clusters::build(&pts);
        let last = c.levels.last().expect("levels");
        assert_eq!(
            last.len(),
            4,
            "four distinct places, the repeated one stays one cluster"
        );
    }
}
