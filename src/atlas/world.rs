//! The first-level units of a story's countries that the story folder does not draw itself,
//! from the world's admin-1 file: a story about Sudan gets Sudan's states to click.

use crate::model::{Dataset, WorldAdmin1};

/// Adds the world's units of every story country without provinces of its own; a damaged
/// world file leaves the story as it is (and says why on standard error).
pub fn add_world_provinces(data: &mut Dataset) {
    let missing: Vec<String> = data
        .story
        .countries
        .iter()
        .filter(|c| !data.provinces.iter().any(|p| p.country() == c.as_str()))
        .cloned()
        .collect();
    if missing.is_empty() {
        return;
    }
    let world = match WorldAdmin1::embedded() {
        Ok(w) => w,
        Err(e) => {
            eprintln!("{e}");
            return;
        }
    };
    for cc in missing {
        match world.units_of(&cc) {
            Ok(units) => data.provinces.extend(units),
            Err(e) => eprintln!("{e}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::atlas::Atlas;
    use geo::Point;

    #[test]
    fn a_story_country_without_provinces_gets_the_worlds() {
        let mut data = Dataset::embedded().expect("data");
        let afghan = data.provinces.len();
        data.story.countries.push("TJ".into());
        let atlas = Atlas::new(data);
        assert!(atlas.data.provinces.len() > afghan);
        // Dushanbe lies in a Tajik unit, now clickable; Kabul is still the story's own.
        let at = |lon, lat| {
            atlas
                .province_at(Point::new(lon, lat))
                .map(|i| atlas.data.provinces[i].iso.clone())
        };
        assert!(at(68.78, 38.54).is_some_and(|iso| iso.starts_with("TJ-")));
        assert_eq!(at(69.17, 34.53).as_deref(), Some("AF-KAB"));
    }

    #[test]
    fn a_view_can_fit_any_countrys_unit() {
        let atlas = Atlas::new(Dataset::embedded().expect("data"));
        let unit = atlas
            .fit_rect(&["SD-DN".into()])
            .expect("North Darfur's box");
        let sudan = atlas.fit_rect(&["SD".into()]).expect("Sudan's box");
        assert!(unit.width() < sudan.width());
        assert!(sudan.min().x <= unit.min().x && unit.max().x <= sudan.max().x + 1e-3);
    }

    #[test]
    fn the_shipped_story_is_unchanged() {
        let data = Dataset::embedded().expect("data");
        let n = data.provinces.len();
        let mut d = data.clone();
        add_world_provinces(&mut d);
        assert_eq!(d.provinces.len(), n);
    }
}
