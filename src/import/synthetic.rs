//! Made-up datasets in ACLED's and UCDP's published column layouts, for benchmarks and tests:
//! no downloads, same bytes for the same seed. Events cluster around a few thousand "towns" in
//! Afghanistan's bounding box, as real conflict data does.

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

const ACTORS: [&str; 8] = [
    "Taliban",
    "Military Forces of Afghanistan (2004-2021)",
    "Police Forces of Afghanistan (2004-2021)",
    "Islamic State (Afghanistan)",
    "Civilians (Afghanistan)",
    "Unidentified Armed Group (Afghanistan)",
    "Protesters (Afghanistan)",
    "Military Forces of the United States (2017-2021)",
];

const PROVINCES: [&str; 8] = [
    "Badakhshan",
    "Takhar",
    "Kunduz",
    "Balkh",
    "Kabul",
    "Kandahar",
    "Helmand",
    "Nangarhar",
];

struct Towns(Vec<(f64, f64)>);

impl Towns {
    fn new(rng: &mut Rng) -> Self {
        Self(
            (0..2000)
                .map(|_| (rng.range(61.0, 71.0), rng.range(29.5, 38.4)))
                .collect(),
        )
    }

    /// A point: mostly exactly at a town, sometimes scattered near one.
    fn point(&self, rng: &mut Rng) -> (f64, f64, u8) {
        let (lon, lat) = self.0[rng.below(self.0.len() as u64) as usize];
        match rng.below(10) {
            0..=6 => (lon, lat, 1),
            7 | 8 => (lon + rng.range(-0.2, 0.2), lat + rng.range(-0.2, 0.2), 2),
            _ => (lon + rng.range(-0.5, 0.5), lat + rng.range(-0.5, 0.5), 3),
        }
    }
}

fn day(rng: &mut Rng) -> i32 {
    let first = dates::parse_day(b"2017-01-01").unwrap_or(17167);
    first + rng.below(7 * 365) as i32
}

const NOTE: &str = "On this date, the Taliban attacked a security checkpoint near the district centre; \
                    fighting lasted several hours, and the checkpoint was later reported abandoned.";

/// Writes `n` rows in ACLED's 31-column layout (with header) to `out`.
pub fn write_acled(mut out: impl Write, n: usize, seed: u64) -> std::io::Result<()> {
    let mut rng = Rng::new(seed);
    let towns = Towns::new(&mut rng);
    writeln!(out, "{}", acled::COLUMNS.join(","))?;
    for i in 0..n {
        let (lon, lat, prec) = towns.point(&mut rng);
        let (kind, sub) = EVENT_TYPES[rng.below(6) as usize];
        let a1 = ACTORS[rng.below(8) as usize];
        let a2 = ACTORS[rng.below(8) as usize];
        let admin1 = PROVINCES[rng.below(8) as usize];
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
            "AFG{i},{date},{year},{tp},Political violence,{kind},{sub},{a1},,2,{a2},,1,12,,4,Caucasus and Central Asia,Afghanistan,{admin1},District {d2},,Town {t},{lat:.4},{lon:.4},{prec},Pajhwok Afghan News,National,\"{NOTE} ({i}, \"\"quoted\"\")\",{fat},,1625{i:06}",
            year = &date_year(d),
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
    let towns = Towns::new(&mut rng);
    if header {
        writeln!(out, "{}", ucdp::COLUMNS.join(","))?;
    }
    for i in 0..n {
        let (lon, lat, prec) = towns.point(&mut rng);
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
        let admin1 = PROVINCES[rng.below(8) as usize];
        let side_a = ACTORS[rng.below(3) as usize];
        let side_b = ACTORS[3 + rng.below(5) as usize];
        let fields: [String; 49] = [
            (100_000 + i).to_string(),
            format!("AFG-{i}"),
            date_year(start),
            "TRUE".into(),
            "Clear".into(),
            violence.to_string(),
            "333".into(),
            "333".into(),
            "Afghanistan: Government".into(),
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
            "Afghanistan".into(),
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
