//! Drawings a teacher makes on the map: pen strokes and text pins, anchored to coordinates so
//! they move and scale with the map. Saved as GeoJSON, so they can be prepared ahead, shared, and
//! opened in any GIS.

use geojson::{Feature, FeatureCollection, JsonObject};
use serde_json::Value;

use super::{DataError, write_atomic};

/// One drawing.
#[derive(Debug, Clone, PartialEq)]
pub enum Annotation {
    /// A freehand line, `[longitude, latitude]` points.
    Stroke {
        color: [u8; 3],
        width: f32,
        points: Vec<[f64; 2]>,
    },
    /// A note pinned to a point.
    Pin {
        color: [u8; 3],
        at: [f64; 2],
        text: String,
    },
}

fn hex(c: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

fn parse_hex(s: &str) -> Option<[u8; 3]> {
    let s = s.strip_prefix('#')?;
    if s.len() != 6 {
        return None;
    }
    let v = u32::from_str_radix(s, 16).ok()?;
    Some([(v >> 16) as u8, (v >> 8) as u8, v as u8])
}

fn valid(p: [f64; 2]) -> bool {
    p[0].is_finite() && p[1].is_finite() && p[0].abs() <= 180.0 && p[1].abs() <= 90.0
}

/// Default colour for imported drawings without one (vermilion).
const DEFAULT_COLOR: [u8; 3] = [0xD5, 0x5E, 0x00];

/// The drawings as a GeoJSON FeatureCollection: strokes as LineStrings, pins as Points, with
/// `kind`, `color` (`#rrggbb`), `width` and `text` properties.
pub fn to_geojson(items: &[Annotation]) -> String {
    let features = items
        .iter()
        .map(|a| {
            let mut props = JsonObject::new();
            let geometry = match a {
                Annotation::Stroke {
                    color,
                    width,
                    points,
                } => {
                    props.insert("kind".into(), "stroke".into());
                    props.insert("color".into(), hex(*color).into());
                    props.insert("width".into(), f64::from(*width).into());
                    let line: geo::LineString<f64> = points.iter().map(|p| (p[0], p[1])).collect();
                    geojson::Geometry::from(&line)
                }
                Annotation::Pin { color, at, text } => {
                    props.insert("kind".into(), "pin".into());
                    props.insert("color".into(), hex(*color).into());
                    props.insert("text".into(), text.clone().into());
                    geojson::Geometry::from(&geo::Point::new(at[0], at[1]))
                }
            };
            Feature {
                geometry: Some(geometry),
                properties: Some(props),
                ..Feature::default()
            }
        })
        .collect();
    let fc = FeatureCollection {
        features,
        bbox: None,
        foreign_members: None,
    };
    let mut s = serde_json::to_string_pretty(&fc).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

/// Reads drawings from GeoJSON: LineStrings and MultiLineStrings become strokes, Points pins
/// (text from `text`, else `name`). Other geometries and points out of range are skipped and
/// counted; a file that is not GeoJSON is an error with its line.
pub fn from_geojson(name: &str, text: &str) -> Result<(Vec<Annotation>, usize), DataError> {
    let fc: FeatureCollection =
        serde_json::from_str(text).map_err(|e| DataError::json(name.to_string(), &e))?;
    let mut out = Vec::new();
    let mut skipped = 0;
    for f in &fc.features {
        let props = f.properties.clone().unwrap_or_default();
        let color = props
            .get("color")
            .and_then(Value::as_str)
            .and_then(parse_hex)
            .unwrap_or(DEFAULT_COLOR);
        let width = props
            .get("width")
            .and_then(Value::as_f64)
            .filter(|w| w.is_finite() && *w > 0.0 && *w < 50.0)
            .unwrap_or(4.0) as f32;
        let geometry = f
            .geometry
            .as_ref()
            .and_then(|g| geo::Geometry::<f64>::try_from(g).ok());
        let lines = match geometry {
            Some(geo::Geometry::LineString(l)) => vec![l],
            Some(geo::Geometry::MultiLineString(m)) => m.0,
            Some(geo::Geometry::Point(p)) => {
                let at = [p.x(), p.y()];
                if valid(at) {
                    let text = props
                        .get("text")
                        .or_else(|| props.get("name"))
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string();
                    out.push(Annotation::Pin { color, at, text });
                } else {
                    skipped += 1;
                }
                continue;
            }
            _ => {
                skipped += 1;
                continue;
            }
        };
        for l in lines {
            let points: Vec<[f64; 2]> = l.0.iter().map(|c| [c.x, c.y]).collect();
            if points.len() >= 2 && points.iter().all(|&p| valid(p)) {
                out.push(Annotation::Stroke {
                    color,
                    width,
                    points,
                });
            } else {
                skipped += 1;
            }
        }
    }
    Ok((out, skipped))
}

/// Saves drawings atomically (never a half-written file, even if the app is killed).
pub fn save(path: &std::path::Path, items: &[Annotation]) -> std::io::Result<()> {
    write_atomic(path, to_geojson(items).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_geojson() {
        let items = vec![
            Annotation::Stroke {
                color: [1, 2, 3],
                width: 3.5,
                points: vec![[69.1, 34.5], [70.0, 36.0]],
            },
            Annotation::Pin {
                color: [255, 0, 0],
                at: [71.5, 36.7],
                text: "Fayzabad".into(),
            },
        ];
        let text = to_geojson(&items);
        let (back, skipped) = from_geojson("a.geojson", &text).expect("parses");
        assert_eq!(back, items);
        assert_eq!(skipped, 0);
    }

    #[test]
    fn skips_what_it_cannot_draw_and_names_broken_files() {
        let text = r#"{"type": "FeatureCollection", "features": [
          {"type": "Feature", "properties": {"name": "x"}, "geometry": {"type": "Point", "coordinates": [500, 0]}},
          {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1],[0,0]]]}},
          {"type": "Feature", "properties": {"name": "Kabul"}, "geometry": {"type": "Point", "coordinates": [69.2, 34.5]}}
        ]}"#;
        let (items, skipped) = from_geojson("t.geojson", text).expect("parses");
        assert_eq!(skipped, 2);
        assert!(matches!(&items[0], Annotation::Pin { text, .. } if text == "Kabul"));
        let err = from_geojson(
            "bad.geojson",
            "{\n  \"type\": \"FeatureCollection\",\n  \"features\": [\n}",
        )
        .expect_err("broken");
        assert!(err.to_string().starts_with("bad.geojson:4:"), "{err}");
    }
}
