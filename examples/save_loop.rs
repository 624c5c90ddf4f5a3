//! Saves a tour or the drawings over and over, until killed. `tests/kill_while_saving.rs` kills it
//! at random moments and checks the file on disk is never cut short.
//!
//! The files are serialised once, as the app does, and then written in a tight loop through
//! [`write_atomic`], the function `Tour::save` and `annotation::save` write with: nearly all the
//! time is spent writing, so a kill almost always lands mid-write.
//!
//! Usage: `save_loop tour|drawings FILE`

use event_atlas::model::{Annotation, DataSource, Dataset, Tour, annotation, write_atomic};

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(kind), Some(path)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: save_loop tour|drawings FILE");
        return std::process::ExitCode::FAILURE;
    };
    let path = std::path::PathBuf::from(path);
    // Files of different sizes, so a torn write would show.
    let versions: Vec<String> = if kind == "tour" {
        let tour = match Dataset::load(DataSource::Embedded).map(|d| d.tour()) {
            Ok(Ok(Some(t))) => t,
            _ => Tour::default(),
        };
        (1..=4)
            .map(|k| {
                let mut t = tour.clone();
                for _ in 0..k * 40 {
                    t.slides.extend(tour.slides.iter().cloned());
                }
                t.to_json().unwrap_or_default()
            })
            .collect()
    } else {
        (1..=4)
            .map(|k| {
                let items: Vec<Annotation> = (0..k * 600)
                    .map(|i| Annotation::Stroke {
                        color: [0, 0, 0],
                        width: 3.0,
                        points: (0..20)
                            .map(|j| [60.0 + (i + j) as f64 * 0.001, 30.0 + j as f64 * 0.01])
                            .collect(),
                    })
                    .collect();
                annotation::to_geojson(&items)
            })
            .collect()
    };
    let mut n: usize = 0;
    loop {
        n += 1;
        if let Err(e) = write_atomic(&path, versions[n % versions.len()].as_bytes()) {
            eprintln!("error: {e}");
            return std::process::ExitCode::FAILURE;
        }
    }
}
