//! Province and country polygons read from the GeoJSON in `data/boundaries/`.

use geo::MultiPolygon;
use geojson::{Feature, FeatureCollection, JsonObject};

use super::DataError;

/// A province (first-level subdivision of a country the story draws): the unit people click
/// to read what happened there.
#[derive(Debug, Clone)]
pub struct Province {
    /// ISO 3166-2 code, e.g. `AF-BDS`.
    pub iso: String,
    pub name: String,
    pub capital: String,
    pub capital_geonames_id: Option<u64>,
    pub shape: MultiPolygon<f64>,
}

/// Whether a country is drawn in detail (the story's countries and their neighbours) or coarsely
/// (the rest of the world).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    Fine,
    Coarse,
}

/// A country outline; the story's region in detail, the rest of the world coarse.
#[derive(Debug, Clone)]
pub struct Country {
    /// ISO 3166-1 alpha-2, upper case.
    pub iso_a2: String,
    pub name: String,
    pub detail: Detail,
    pub shape: MultiPolygon<f64>,
}

fn prop_str(props: &JsonObject, key: &str) -> Option<String> {
    props.get(key).and_then(|v| v.as_str()).map(str::to_string)
}

fn features(file: &str, text: &str) -> Result<Vec<Feature>, DataError> {
    let fc: FeatureCollection =
        serde_json::from_str(text).map_err(|e| DataError::json(file, &e))?;
    Ok(fc.features)
}

fn feature_shape(file: &str, i: usize, f: &Feature) -> Result<MultiPolygon<f64>, DataError> {
    let err = |message: String| DataError {
        path: Some(format!("$.features[{i}].geometry")),
        ..DataError::file(file, message)
    };
    let geometry = f
        .geometry
        .as_ref()
        .ok_or_else(|| err("feature has no geometry".into()))?;
    let shape: MultiPolygon<f64> = match geo::Geometry::<f64>::try_from(geometry) {
        Ok(geo::Geometry::Polygon(p)) => MultiPolygon::new(vec![p]),
        Ok(geo::Geometry::MultiPolygon(mp)) => mp,
        Ok(other) => return Err(err(format!("expected a polygon, found {other:?}"))),
        Err(e) => return Err(err(e.to_string())),
    };
    use geo::CoordsIter;
    if let Some(c) = shape
        .coords_iter()
        .find(|c| !c.x.is_finite() || !c.y.is_finite() || c.x.abs() > 180.0 || c.y.abs() > 90.0)
    {
        return Err(err(format!(
            "coordinate out of range: lon {}, lat {}",
            c.x, c.y
        )));
    }
    Ok(shape)
}

fn required(file: &str, i: usize, props: &JsonObject, key: &str) -> Result<String, DataError> {
    prop_str(props, key).ok_or_else(|| DataError {
        path: Some(format!("$.features[{i}].properties.{key}")),
        ..DataError::file(file, format!("missing string property {key:?}"))
    })
}

/// Reads `provinces.geojson`.
pub fn parse_provinces(file: &str, text: &str) -> Result<Vec<Province>, DataError> {
    let empty = JsonObject::new();
    features(file, text)?
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let props = f.properties.as_ref().unwrap_or(&empty);
            Ok(Province {
                iso: required(file, i, props, "iso")?,
                name: required(file, i, props, "name")?,
                capital: prop_str(props, "capital").unwrap_or_default(),
                capital_geonames_id: props
                    .get("capital_geonames_id")
                    .and_then(serde_json::Value::as_u64),
                shape: feature_shape(file, i, f)?,
            })
        })
        .collect()
}

/// Reads `countries.geojson`.
pub fn parse_countries(file: &str, text: &str) -> Result<Vec<Country>, DataError> {
    let empty = JsonObject::new();
    features(file, text)?
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let props = f.properties.as_ref().unwrap_or(&empty);
            Ok(Country {
                iso_a2: required(file, i, props, "iso_a2")?.to_uppercase(),
                name: required(file, i, props, "name")?,
                detail: match prop_str(props, "detail").as_deref() {
                    Some("fine") => Detail::Fine,
                    _ => Detail::Coarse,
                },
                shape: feature_shape(file, i, f)?,
            })
        })
        .collect()
}

impl Province {
    /// ISO 3166-1 alpha-2 code of the province's country (the prefix of its code).
    pub fn country(&self) -> &str {
        super::country_of_subdivision(&self.iso)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &str = r#"{"type":"FeatureCollection","features":[{"type":"Feature",
        "properties":{"iso":"AF-X","name":"X","capital":"C","capital_geonames_id":7},
        "geometry":{"type":"Polygon","coordinates":[[[60,30],[61,30],[61,31],[60,30]]]}}]}"#;

    #[test]
    fn parses_a_province() {
        let p = parse_provinces("p.geojson", ONE).expect("parse");
        assert_eq!(p[0].iso, "AF-X");
        assert_eq!(p[0].capital_geonames_id, Some(7));
        assert_eq!(p[0].shape.0.len(), 1);
    }

    #[test]
    fn reports_missing_property_and_bad_coordinates() {
        let no_iso = ONE.replace("\"iso\":\"AF-X\",", "");
        let e = parse_provinces("p.geojson", &no_iso).expect_err("no iso");
        assert!(e.to_string().contains("iso"), "{e}");
        let far = ONE.replace("[61,31]", "[61,310]");
        let e = parse_provinces("p.geojson", &far).expect_err("lat 310");
        assert!(e.to_string().contains("out of range"), "{e}");
        let e = parse_provinces("p.geojson", "{").expect_err("broken");
        assert_eq!(e.line, Some(1));
    }
}
