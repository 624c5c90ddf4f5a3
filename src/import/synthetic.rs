//! Made-up datasets in ACLED's and UCDP's published column layouts, for benchmarks and tests:
//! no downloads, same bytes for the same seed. Events cluster around a few thousand "towns" in
//! a [`Region`] (by default the built-in story's first country and its provinces), as real
//! conflict data does.

use std::io::Write;

use super::{acled, dates, ucdp};

/// A tiny deterministic generator (xorshift64*), enough for test data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (any value).
    pub fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// Uniform in `[lo, hi)`.
    pub fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * (hi - lo)
    }
}

const EVENT_TYPES: [(&str, &str); 6] = [
    ("Battles", "Armed clash"),
    (
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
    ),
    ("Violence against civilians", "Attack"),
    ("Protests", "Peaceful protest"),
    ("Riots", "Violent demonstration"),
    (
        "Strategic developments",
        "Non-violent transfer of territory",
    ),
];

/// Where made-up events happen: a country's name, province names as the data would write them,
/// and the land to scatter towns on (its box, and its outline when known).
#[derive(Debug, Clone)]
pub struct Region {
    pub country: String,
    /// Eight province names (repeated if the country has fewer).
    pub provinces: Vec<String>,
    /// West, south, east, north (degrees).
    pub bbox: [f64; 4],
    /// The country's outline: towns are placed inside it, not merely in its box.
    pub inside: Option<std::sync::Arc<crate::spatial::ProvinceIndex>>,
    /// When `inside` indexes the country's first-level units, their names: a row then names
    /// the unit its town lies in, as real data does.
    pub units: Vec<String>,
}

impl Region {
    /// The story's first country, its first eight provinces and its box.
    pub fn of(data: &crate::model::Dataset) -> Option<Self> {
        use geo::BoundingRect;
        let code = data.story.countries.first()?;
        let country = data.country(code)?;
        let names: Vec<String> = data
            .provinces
            .iter()
            .filter(|p| p.country() == code)
            .map(|p| p.name.clone())
            .collect();
        let r = country.shape.bounding_rect()?;
        let provinces = names.iter().cycle().take(8).cloned().collect();
        let inside = crate::spatial::ProvinceIndex::from_shapes([&country.shape]);
        (!names.is_empty()).then(|| Self {
            country: country.name.clone(),
            provinces,
            bbox: [r.min().x, r.min().y, r.max().x, r.max().y],
            inside: Some(std::sync::Arc::new(inside)),
            units: Vec::new(),
        })
    }

    /// A country given by its first-level units (e.g. the world's, for a country no story
    /// draws): their first eight names, their box, points inside them.
    pub fn of_units(country: &str, units: &[crate::model::Province]) -> Option<Self> {
        use geo::BoundingRect;
        let boxes: Vec<geo::Rect<f64>> = units
            .iter()
            .filter_map(|p| p.shape.bounding_rect())
            .collect();
        let first = boxes.first()?;
        let (mut w, mut s, mut e, mut n) =
            (first.min().x, first.min().y, first.max().x, first.max().y);
        for b in &boxes {
            (w, s) = (w.min(b.min().x), s.min(b.min().y));
            (e, n) = (e.max(b.max().x), n.max(b.max().y));
        }
        let names: Vec<String> = units.iter().map(|p| p.name.clone()).collect();
        Some(Self {
            country: country.to_string(),
            provinces: names.iter().cycle().take(8).cloned().collect(),
            bbox: [w, s, e, n],
            inside: Some(std::sync::Arc::new(crate::spatial::ProvinceIndex::new(
                units,
            ))),
            units: names,
        })
    }

    /// Eight actors named after the region, as ACLED names them.
    fn actors(&self) -> [String; 8] {
        let c = &self.country;
        [
            "Armed Group A".into(),
            format!("Military Forces of {c}"),
            format!("Police Forces of {c}"),
            format!("Armed Group B ({c})"),
            format!("Civilians ({c})"),
            format!("Unidentified Armed Group ({c})"),
            format!("Protesters ({c})"),
            "Foreign Military Forces".into(),
        ]
    }
}

impl Default for Region {
    /// The built-in story's region (a box of made-up names if it cannot be read).
    fn default() -> Self {
        static REGION: std::sync::OnceLock<Region> = std::sync::OnceLock::new();
        REGION
            .get_or_init(|| {
                crate::model::Dataset::embedded()
                    .ok()
                    .and_then(|d| Self::of(&d))
                    .unwrap_or_else(|| Self {
                        country: "Synthland".into(),
                        provinces: (1..=8).map(|k| format!("Province {k}")).collect(),
                        bbox: [10.0, 10.0, 20.0, 20.0],
                        inside: None,
                        units: Vec::new(),
                    })
            })
            .clone()
    }
}

/// Towns, each with the index of the `inside` region holding it (if known).
struct Towns(Vec<(f64, f64, Option<usize>)>);

impl Towns {
    /// 2,000 towns in the region's country (a few tries per town; in its box if none lands).
    fn new(rng: &mut Rng, region: &Region) -> Self {
        let [w, s, e, n] = region.bbox;
        let unit_at = |lon: f64, lat: f64| {
            region
                .inside
                .as_ref()
                .map(|i| i.locate(geo::Point::new(lon, lat)))
        };
        let mut town = || {
            let mut at = (rng.range(w, e), rng.range(s, n));
            for _ in 0..20 {
                if unit_at(at.0, at.1).is_none_or(|u| u.is_some()) {
                    break;
                }
                at = (rng.range(w, e), rng.range(s, n));
            }
            (at.0, at.1, unit_at(at.0, at.1).flatten())
        };
        Self((0..2000).map(|_| town()).collect())
    }

    /// The name a row at town `t` gives its first-level unit: the unit it lies in when the
    /// region knows its units, else `pick`.
    fn admin1<'a>(&self, t: usize, region: &'a Region, pick: &'a str) -> &'a str {
        self.0[t]
            .2
            .and_then(|u| region.units.get(u))
            .map_or(pick, String::as_str)
    }

    /// A point (and its town): mostly exactly at a town, sometimes scattered near one.
    fn point(&self, rng: &mut Rng) -> (f64, f64, u8, usize) {
        let t = rng.below(self.0.len() as u64) as usize;
        let (lon, lat, _) = self.0[t];
        match rng.below(10) {
            0..=6 => (lon, lat, 1, t),
            7 | 8 => (lon + rng.range(-0.2, 0.2), lat + rng.range(-0.2, 0.2), 2, t),
            _ => (lon + rng.range(-0.5, 0.5), lat + rng.range(-0.5, 0.5), 3, t),
        }
    }
}

fn day(rng: &mut Rng) -> i32 {
    let first = dates::parse_day(b"2017-01-01").unwrap_or(17167);
    first + rng.below(7 * 365) as i32
}

const NOTE: &str = "On this date, an armed group attacked a security checkpoint near the district centre; \
                    fighting lasted several hours, and the checkpoint was later reported abandoned.";

/// Writes `n` rows in ACLED's 31-column layout (with header) to `out`.
pub fn write_acled(out: impl Write, n: usize, seed: u64) -> std::io::Result<()> {
    write_acled_in(out, n, seed, &Region::default())
}

/// [`write_acled`] for rows in `region`.
pub fn write_acled_in(
    mut out: impl Write,
    n: usize,
    seed: u64,
    region: &Region,
) -> std::io::Result<()> {
    let mut rng = Rng::new(seed);
    let (towns, actors) = (Towns::new(&mut rng, region), region.actors());
    writeln!(out, "{}", acled::COLUMNS.join(","))?;
    for i in 0..n {
        let (lon, lat, prec, town) = towns.point(&mut rng);
        let (kind, sub) = EVENT_TYPES[rng.below(6) as usize];
        let a1 = &actors[rng.below(8) as usize];
        let a2 = &actors[rng.below(8) as usize];
        let admin1 = towns.admin1(town, region, &region.provinces[rng.below(8) as usize]);
        let d = day(&mut rng);
        let date = if i % 2 == 0 {
            dates::iso(d)
        } else {
            long_date(d)
        };
        let tp = [1, 1, 1, 1, 2, 3][rng.below(6) as usize];
        let fat = rng.below(12);
        writeln!(
            out,
            "SYN{i},{date},{year},{tp},Political violence,{kind},{sub},{a1},,2,{a2},,1,12,,4,Region,{country},{admin1},District {d2},,Town {t},{lat:.4},{lon:.4},{prec},Local News Agency,National,\"{NOTE} ({i}, \"\"quoted\"\")\",{fat},,1625{i:06}",
            year = &date_year(d),
            country = region.country,
            d2 = rng.below(300),
            t = rng.below(2000),
        )?;
    }
    Ok(())
}

/// `n` ACLED rows as a string.
pub fn acled_csv(n: usize, seed: u64) -> String {
    let mut out = Vec::new();
    let _ = write_acled(&mut out, n, seed);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes `n` rows in UCDP GED's 49-column layout, with or without its header row.
pub fn write_ucdp(mut out: impl Write, n: usize, seed: u64, header: bool) -> std::io::Result<()> {
    let mut rng = Rng::new(seed);
    let region = Region::default();
    let (towns, actors) = (Towns::new(&mut rng, &region), region.actors());
    if header {
        writeln!(out, "{}", ucdp::COLUMNS.join(","))?;
    }
    for i in 0..n {
        let (lon, lat, prec, town) = towns.point(&mut rng);
        let where_prec = match prec {
            1 => 1,
            2 => 2,
            _ => [3, 4, 6][rng.below(3) as usize],
        };
        let start = day(&mut rng);
        let date_prec = 1 + rng.below(5) as i32;
        let end = start
            + if date_prec == 1 {
                0
            } else {
                rng.below(20) as i32
            };
        let violence = 1 + rng.below(3);
        let low = rng.below(10);
        let best = low + rng.below(5);
        let high = best + rng.below(20);
        let admin1 = towns.admin1(town, &region, &region.provinces[rng.below(8) as usize]);
        let side_a = &actors[rng.below(3) as usize];
        let side_b = &actors[3 + rng.below(5) as usize];
        let fields: [String; 49] = [
            (100_000 + i).to_string(),
            format!("SYN-{i}"),
            date_year(start),
            "TRUE".into(),
            "Clear".into(),
            violence.to_string(),
            "333".into(),
            "333".into(),
            format!("{}: Government", region.country),
            "724".into(),
            "724".into(),
            format!("{side_a} - {side_b}"),
            "130".into(),
            "130".into(),
            side_a.into(),
            "303".into(),
            "303".into(),
            side_b.into(),
            "2".into(),
            format!("\"Agence France Presse,{i}\""),
            "Agence France Presse".into(),
            dates::iso(start),
            "\"Clash in the north, officials say\"".into(),
            String::new(),
            where_prec.to_string(),
            format!("Town {} village", rng.below(2000)),
            "near the district centre".into(),
            format!("{admin1} province"),
            "District district".into(),
            format!("{lat:.4}"),
            format!("{lon:.4}"),
            format!("POINT ({lon:.4} {lat:.4})"),
            "180000".into(),
            region.country.clone(),
            "700".into(),
            "Asia".into(),
            "1".into(),
            date_prec.to_string(),
            format!("{} 00:00:00.000", dates::iso(start)),
            format!("{} 00:00:00.000", dates::iso(end)),
            "1".into(),
            "2".into(),
            "0".into(),
            "0".into(),
            best.to_string(),
            high.to_string(),
            low.to_string(),
            "700".into(),
            String::new(),
        ];
        writeln!(out, "{}", fields.join(","))?;
    }
    Ok(())
}

/// `n` UCDP GED rows as a string.
pub fn ucdp_csv(n: usize, seed: u64, header: bool) -> String {
    let mut out = Vec::new();
    let _ = write_ucdp(&mut out, n, seed, header);
    String::from_utf8(out).unwrap_or_default()
}

fn date_year(d: i32) -> String {
    dates::iso(d)[..4].to_string()
}

fn long_date(d: i32) -> String {
    let (y, m, day) = crate::model::civil_from_days(i64::from(d));
    format!("{day:02} {} {y}", crate::model::MONTHS[usize::from(m) - 1])
}
