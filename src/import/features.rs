//! GeoJSON FeatureCollections (or a lone Feature): points become events; lines and polygons
//! are drawn as shapes with a marker inside them. Properties are kept whole for the panel, and
//! the usual ACLED/UCDP property names (and our own export's) fill in date, kind and counts.

use std::io::Read;

use geo::{CoordsIter, InteriorPoint};
use geojson::{Feature, GeoJson};
use serde_json::{Map, Value};

use super::{Fatalities, ImportError, Layer, PlacePrecision, Progress, Record, acled, dates, ucdp};
use crate::import::Format;
use crate::spatial::mercator;

pub(crate) fn parse(
    name: &str,
    mut reader: impl Read,
    progress: &Progress,
) -> Result<Layer, ImportError> {
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .map_err(|source| ImportError::Io {
            path: name.to_string(),
            source,
        })?;
    if progress.cancelled() {
        return Err(ImportError::Cancelled { path: name.into() });
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let json: GeoJson = serde_json::from_slice(text).map_err(|e| {
        let msg = e.to_string();
        let msg = msg
            .rsplit_once(" at line ")
            .map_or(msg.as_str(), |(m, _)| m)
            .to_string();
        ImportError::format(
            name,
            (e.line() > 0).then_some(e.line() as u64),
            format!("not valid GeoJSON: {msg}"),
        )
    })?;
    let features = match json {
        GeoJson::FeatureCollection(fc) => fc.features,
        GeoJson::Feature(f) => vec![f],
        GeoJson::Geometry(g) => vec![Feature::from(g)],
    };
    let mut layer = Layer::new(name, Format::GeoJson);
    for (i, f) in features.iter().enumerate() {
        if i % 4096 == 4095 && progress.cancelled() {
            return Err(ImportError::Cancelled { path: name.into() });
        }
        if let Err(why) = feature(f, &mut layer) {
            layer.bad_row(i as u64 + 1, why);
        }
    }
    Ok(layer)
}

fn feature(f: &Feature, layer: &mut Layer) -> Result<(), String> {
    let geometry = f.geometry.as_ref().ok_or("has no geometry")?;
    let shape = geo::Geometry::<f64>::try_from(geometry).map_err(|e| format!("geometry: {e}"))?;
    if shape.coords_count() == 0 {
        return Err("geometry has no coordinates".into());
    }
    for c in shape.coords_iter() {
        if !c.x.is_finite() || !c.y.is_finite() || c.x.abs() > 180.0 || c.y.abs() > 90.0 {
            return Err(format!("coordinate ({}, {}) is out of range", c.x, c.y));
        }
    }
    let at = shape
        .interior_point()
        .ok_or("geometry has no interior point")?;
    let empty = Map::new();
    let props = f.properties.as_ref().unwrap_or(&empty);
    let mut r = Record::at(at.x(), at.y());
    timing(props, &mut r)?;
    fatalities(props, &mut r)?;
    r.kind = layer.kind(
        &text(props, &["event_type", "kind", "type", "category"])
            .unwrap_or_else(|| geometry_kind(&shape).into()),
    );
    let sym = |layer: &mut Layer, keys: &[&str]| {
        text(props, keys).map_or(0, |s| layer.strings.intern(s.as_bytes()))
    };
    r.sub_kind = sym(layer, &["sub_event_type", "sub_kind", "conflict_name"]);
    r.actor1 = sym(layer, &["actor1", "side_a"]);
    r.actor2 = sym(layer, &["actor2", "side_b"]);
    r.admin1 = sym(layer, &["admin1", "adm_1", "province"]);
    r.location = sym(layer, &["location", "name", "title", "where_coordinates"]);
    r.source = sym(layer, &["source", "source_office"]);
    let id = text(props, &["event_id_cnty", "id"]).or_else(|| {
        f.id.as_ref().map(|id| match id {
            geojson::feature::Id::String(s) => s.clone(),
            geojson::feature::Id::Number(n) => n.to_string(),
        })
    });
    r.id = layer.store(id.unwrap_or_default().as_bytes());
    r.notes = layer.store(
        text(props, &["notes", "description", "source_headline"])
            .unwrap_or_default()
            .as_bytes(),
    );
    if let Some(p) = number(props, "geo_precision") {
        r.geo_code = p as u8;
        r.place = acled::place_precision(r.geo_code);
    } else if let Some(p) = number(props, "where_prec") {
        r.geo_code = p as u8;
        r.place = ucdp::place_precision(r.geo_code);
    } else if !matches!(shape, geo::Geometry::Point(_)) {
        r.place = PlacePrecision::Exact;
    }
    if !props.is_empty() {
        r.properties = layer.store(Value::Object(props.clone()).to_string().as_bytes());
    }
    let index = layer.records.len() as u32;
    let mut parts = Vec::new();
    collect_parts(&shape, &mut parts);
    if !parts.is_empty() {
        let closed = matches!(
            shape,
            geo::Geometry::Polygon(_) | geo::Geometry::MultiPolygon(_)
        );
        layer.shapes.push(super::Shape {
            record: index,
            parts,
            closed,
        });
    }
    layer.records.push(r);
    Ok(())
}

fn geometry_kind(g: &geo::Geometry<f64>) -> &'static str {
    match g {
        geo::Geometry::Point(_) | geo::Geometry::MultiPoint(_) => "Point",
        geo::Geometry::LineString(_)
        | geo::Geometry::MultiLineString(_)
        | geo::Geometry::Line(_) => "Line",
        _ => "Area",
    }
}

fn collect_parts(g: &geo::Geometry<f64>, out: &mut Vec<Vec<[f32; 2]>>) {
    let ring = |l: &geo::LineString<f64>| -> Vec<[f32; 2]> {
        l.coords()
            .map(|c| {
                let m = mercator(*c);
                [m.x as f32, m.y as f32]
            })
            .collect()
    };
    match g {
        geo::Geometry::LineString(l) => out.push(ring(l)),
        geo::Geometry::MultiLineString(m) => out.extend(m.iter().map(ring)),
        geo::Geometry::Polygon(p) => {
            out.push(ring(p.exterior()));
            out.extend(p.interiors().iter().map(ring));
        }
        geo::Geometry::MultiPolygon(m) => {
            for p in m {
                out.push(ring(p.exterior()));
                out.extend(p.interiors().iter().map(ring));
            }
        }
        geo::Geometry::GeometryCollection(c) => c.iter().for_each(|g| collect_parts(g, out)),
        geo::Geometry::Rect(r) => out.push(ring(r.to_polygon().exterior())),
        geo::Geometry::Triangle(t) => out.push(ring(t.to_polygon().exterior())),
        geo::Geometry::Line(l) => out.push(ring(&geo::LineString::from(vec![l.start, l.end]))),
        geo::Geometry::Point(_) | geo::Geometry::MultiPoint(_) => {}
    }
}

fn text(props: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| match props.get(*k)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

fn number(props: &Map<String, Value>, key: &str) -> Option<f64> {
    match props.get(key)? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn day(props: &Map<String, Value>, keys: &[&str]) -> Result<Option<i32>, String> {
    let Some((key, s)) = keys.iter().find_map(|k| match props.get(*k)? {
        Value::String(s) if !s.trim().is_empty() => Some((*k, s.trim().to_string())),
        _ => None,
    }) else {
        return Ok(None);
    };
    dates::parse_day(s.as_bytes())
        .map(Some)
        .ok_or_else(|| format!("{key} '{s}' is not a date"))
}

fn timing(props: &Map<String, Value>, r: &mut Record) -> Result<(), String> {
    let start = day(props, &["date_start", "start"])?;
    let end = day(props, &["date_end", "end"])?;
    let date = day(props, &["event_date", "date", "time", "timestamp"])?;
    r.date_code = number(props, "time_precision")
        .or_else(|| number(props, "date_prec"))
        .map_or(0, |p| p as u8);
    match (start.or(date), end) {
        (None, None) => {}
        (None, Some(_)) => return Err("has an end date but no start date".into()),
        (Some(s), e) => {
            r.date = date.unwrap_or(s);
            if start.is_none() && end.is_none() && props.contains_key("time_precision") {
                (r.start, r.end) = acled::timing(s, r.date_code);
            } else {
                r.start = s;
                r.end = e.unwrap_or(s);
            }
            if r.end < r.start {
                return Err(format!(
                    "ends ({}) before it starts ({})",
                    dates::iso(r.end),
                    dates::iso(r.start)
                ));
            }
        }
    }
    Ok(())
}

fn fatalities(props: &Map<String, Value>, r: &mut Record) -> Result<(), String> {
    let get = |keys: &[&str]| -> Result<u32, String> {
        for k in keys {
            match props.get(*k) {
                None | Some(Value::Null) => continue,
                Some(Value::String(s)) if s.trim().is_empty() => continue,
                Some(v) => {
                    let n = match v {
                        Value::Number(n) => n.as_f64(),
                        Value::String(s) => s.trim().parse().ok(),
                        _ => None,
                    };
                    return n
                        .filter(|n| n.fract() == 0.0 && (0.0..4e9).contains(n))
                        .map(|n| n as u32)
                        .ok_or_else(|| format!("{k} {v} is not a whole number"));
                }
            }
        }
        Ok(Fatalities::NONE)
    };
    let best = get(&["fatalities", "best", "fatalities_best"])?;
    let low = get(&["low", "fatalities_low"])?;
    let high = get(&["high", "fatalities_high"])?;
    let one = low == Fatalities::NONE && high == Fatalities::NONE;
    r.fatalities = if one && best != Fatalities::NONE {
        Fatalities::exact(best)
    } else {
        Fatalities { low, best, high }
    };
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_lines_polygons_and_bad_features() {
        let text = r#"{"type":"FeatureCollection","features":[
          {"type":"Feature","geometry":{"type":"Point","coordinates":[71.6,36.7]},"properties":{"event_type":"Battles","event_date":"2021-07-05","fatalities":3,"note":"kept"}},
          {"type":"Feature","geometry":{"type":"LineString","coordinates":[[69,34],[70,35]]},"properties":{"name":"Road"}},
          {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[69,34],[70,34],[70,35],[69,34]]]},"properties":null},
          {"type":"Feature","geometry":null,"properties":{}},
          {"type":"Feature","geometry":{"type":"Point","coordinates":[271.6,36.7]},"properties":{}},
          {"type":"Feature","geometry":{"type":"Point","coordinates":[71.6,36.7]},"properties":{"date":"soon"}}
        ]}"#;
        let layer = parse("f.geojson", text.as_bytes(), &Progress::default()).expect("parses");
        assert_eq!(layer.records.len(), 3);
        assert_eq!(layer.shapes.len(), 2);
        assert!(layer.shapes[1].closed, "polygon is closed");
        let lines: Vec<u64> = layer.bad_rows.iter().map(|b| b.line).collect();
        assert_eq!(lines, vec![4, 5, 6]);
        assert!(
            layer
                .text(layer.records[0].properties)
                .contains("\"note\":\"kept\"")
        );
        assert_eq!(layer.records[0].fatalities.best(), Some(3));
        assert_eq!(layer.kinds, vec!["Battles", "Line", "Area"]);
        assert!(!layer.records[1].dated());
    }

    #[test]
    fn broken_json_names_the_line() {
        let e = parse(
            "b.geojson",
            &b"{\"type\":\"FeatureCollection\",\n\"features\":[\n{,}]}"[..],
            &Progress::default(),
        )
        .expect_err("broken");
        assert!(e.to_string().starts_with("b.geojson:3:"), "{e}");
    }
}
