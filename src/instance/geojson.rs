//! GeoJSON FeatureCollections of Point features, demand and sites in one file.
//!
//! A feature's property `role` says what it is: `"site"` (also `"facility"`, `"candidate"`) or
//! `"demand"` (the default). Other properties: `id` (else the feature id, else the 1-based
//! feature number), `name`, `weight` (default 1), `load`, `capacity`, `required`, `cost`,
//! `competitor`, `attractiveness`; any
//! further properties are ignored. Coordinates are WGS84 lon/lat (RFC 7946) unless
//! `ReadOptions::crs` says planar.
use super::native::{file_stem, json_error};
use super::{
    check_attractiveness, check_coordinate, check_weight, read_text, Crs, DemandPoint, Impedance,
    Instance,
};
use super::{ReadOptions, Site};
use crate::error::{excerpt, Error, Result};
use geojson::{Feature, GeoJson, GeometryValue, JsonObject, JsonValue};
use rustc_hash::FxHashMap;
use std::path::Path;

/// Reads a GeoJSON instance (not yet validated; see [`Instance::validate`]).
///
/// ```
/// use impuls::instance::{geojson, ReadOptions};
/// let inst = geojson::read("instances/demo/demo.geojson".as_ref(), &ReadOptions::default());
/// assert!(!inst.unwrap().sites.is_empty());
/// ```
pub fn read(path: &Path, options: &ReadOptions) -> Result<Instance> {
    parse(&read_text(path)?, path, options)
}

/// Parses GeoJSON `text`; `path` names the instance (unless the collection has a `name`
/// member) and the errors.
///
/// ```
/// use impuls::instance::{geojson, Metric, ReadOptions};
/// let text = r#"{"type": "FeatureCollection", "features": [
///   {"type": "Feature", "geometry": {"type": "Point", "coordinates": [10.79, 51.83]},
///    "properties": {"name": "Wernigerode", "weight": 32000}},
///   {"type": "Feature", "id": 7, "geometry": {"type": "Point", "coordinates": [11.06, 51.9]},
///    "properties": {"role": "site", "required": true}}]}"#;
/// let inst = geojson::parse(text, "harz.geojson".as_ref(), &ReadOptions::default()).unwrap();
/// assert_eq!((inst.demand[0].id.as_str(), inst.sites[0].id.as_str()), ("1", "7"));
/// assert_eq!(inst.impedance.metric, Metric::Haversine);
/// let no_sites = text.replace(r#""role": "site", "#, "");
/// let err = geojson::parse(&no_sites, "harz.geojson".as_ref(), &ReadOptions::default());
/// assert_eq!(err.unwrap_err().to_string(), "harz.geojson: features: no features with role=site");
/// ```
pub fn parse(text: &str, path: &Path, options: &ReadOptions) -> Result<Instance> {
    let geojson: GeoJson = serde_json::from_str(text).map_err(|e| json_error(path, &e))?;
    let GeoJson::FeatureCollection(collection) = geojson else {
        return Err(Error::input(
            path,
            "top level",
            "expected a FeatureCollection",
        ));
    };
    let crs = options.crs.unwrap_or(Crs::Wgs84);
    let (mut demand, mut sites) = (Vec::new(), Vec::new());
    let mut seen: FxHashMap<(bool, String), usize> = FxHashMap::default();
    for (k, feature) in collection.features.iter().enumerate() {
        let f = FeatureReader {
            path,
            number: k + 1,
            feature,
            props: feature.properties.as_ref(),
        };
        let (x, y) = f.point(crs)?;
        let is_site = f.is_site()?;
        let id = f.id();
        if let Some(first) = seen.insert((is_site, id.clone()), f.number) {
            let msg = format!(
                "duplicate id '{}', first used by feature {first}",
                excerpt(&id)
            );
            return Err(f.error(msg));
        }
        let name = f.string("name")?;
        if is_site {
            let capacity = f.amount("capacity")?;
            let cost = f.amount("cost")?;
            let required = f.flag("required")?;
            let competitor = f.flag("competitor")?;
            let attractiveness = f.amount("attractiveness")?;
            if let Some(a) = attractiveness {
                check_attractiveness(a).map_err(|m| f.error(m))?;
            }
            sites.push(Site {
                id,
                name,
                x,
                y,
                required,
                capacity,
                cost,
                competitor,
                attractiveness,
            });
        } else {
            let weight = f.amount("weight")?.unwrap_or(1.0);
            let load = f.amount("load")?;
            demand.push(DemandPoint {
                id,
                name,
                x,
                y,
                weight,
                load,
            });
        }
    }
    if sites.is_empty() {
        return Err(Error::input(path, "features", "no features with role=site"));
    }
    if demand.is_empty() {
        return Err(Error::input(
            path,
            "features",
            "no features with role=demand",
        ));
    }
    let name = collection
        .foreign_members
        .as_ref()
        .and_then(|m| m.get("name"));
    let name = name.and_then(JsonValue::as_str).map(str::to_string);
    let impedance = match options.metric {
        Some(metric) => Impedance {
            metric,
            detour: 1.0,
            speed_kmh: None,
        },
        None => Impedance::default_for(crs),
    };
    Ok(Instance {
        name: name
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| file_stem(path)),
        source: path.display().to_string(),
        crs,
        impedance,
        demand,
        sites,
        matrix: None,
    })
}

/// One feature with its position in the collection, for property access with clear errors.
struct FeatureReader<'a> {
    path: &'a Path,
    number: usize,
    feature: &'a Feature,
    props: Option<&'a JsonObject>,
}

impl FeatureReader<'_> {
    fn error(&self, message: impl Into<String>) -> Error {
        Error::input(self.path, format!("feature {}", self.number), message)
    }

    /// A property; JSON `null` counts as absent.
    fn get(&self, key: &str) -> Option<&JsonValue> {
        self.props?.get(key).filter(|v| !v.is_null())
    }

    fn point(&self, crs: Crs) -> Result<(f64, f64)> {
        let Some(geometry) = &self.feature.geometry else {
            return Err(self.error("has no geometry (expected a Point)"));
        };
        let GeometryValue::Point { coordinates } = &geometry.value else {
            let kind = geometry.value.type_name();
            return Err(self.error(format!("geometry is a {kind}, expected a Point")));
        };
        let (x, y) = (coordinates[0], coordinates[1]);
        check_coordinate(x, y, crs).map_err(|m| self.error(m))?;
        Ok((x, y))
    }

    fn is_site(&self) -> Result<bool> {
        let Some(role) = self.get("role") else {
            return Ok(false);
        };
        match role.as_str().map(str::to_lowercase).as_deref() {
            Some("site" | "facility" | "candidate") => Ok(true),
            Some("demand") => Ok(false),
            _ => {
                let role = excerpt(&role.to_string());
                Err(self.error(format!("role {role} is not \"demand\" or \"site\"")))
            }
        }
    }

    /// `properties.id`, else the feature id, else the feature number.
    fn id(&self) -> String {
        let id = self.get("id");
        match (id, &self.feature.id) {
            (Some(JsonValue::String(s)), _) => s.clone(),
            (Some(v), _) => v.to_string(),
            (None, Some(geojson::feature::Id::String(s))) => s.clone(),
            (None, Some(geojson::feature::Id::Number(n))) => n.to_string(),
            (None, None) => self.number.to_string(),
        }
    }

    fn string(&self, key: &str) -> Result<Option<String>> {
        match self.get(key) {
            None => Ok(None),
            Some(JsonValue::String(s)) => Ok(Some(s.clone())),
            Some(JsonValue::Number(n)) => Ok(Some(n.to_string())),
            Some(v) => {
                Err(self.error(format!("{key} {} is not a string", excerpt(&v.to_string()))))
            }
        }
    }

    /// A non-negative number (a JSON number or a numeric string).
    fn amount(&self, key: &str) -> Result<Option<f64>> {
        let value = match self.get(key) {
            None => return Ok(None),
            Some(JsonValue::Number(n)) => n.as_f64(),
            Some(JsonValue::String(s)) => s.trim().parse().ok(),
            Some(_) => None,
        };
        let Some(value) = value else {
            let v = self.get(key).map(JsonValue::to_string).unwrap_or_default();
            return Err(self.error(format!("{key} {} is not a number", excerpt(&v))));
        };
        check_weight(key, value).map_err(|m| self.error(m))?;
        Ok(Some(value))
    }

    fn flag(&self, key: &str) -> Result<bool> {
        match self.get(key) {
            None => Ok(false),
            Some(JsonValue::Bool(b)) => Ok(*b),
            Some(v) => super::flag_value(v.to_string().trim_matches('"')).ok_or_else(|| {
                let v = excerpt(&v.to_string());
                self.error(format!("{key} {v} is not true/false/1/0/yes/no"))
            }),
        }
    }
}
