//! The travel-time models of a catalogue directory: `impedance.csv` (parameters) and, for public
//! transport, `transit_stops.csv` / `transit_links.csv` (the rail network).
//!
//! Car minutes follow one of two models (docs/models.md, "Travel times"):
//! * **linear** (`detour_factor`, `speed_kmh`): great-circle km × detour ÷ speed × 60, from the
//!   place's point;
//! * **calibrated** (`car_min_per_km`, `car_exponent`, `car_access_min_per_sqrt_km2`):
//!   a × km^b + k × √(area of the origin's municipality), averaged over where the place's people
//!   live (its localities) — fitted by `instance::calibration`.
//!
//! Public-transport minutes exist when the `pt_*` parameters are given: see
//! [`crate::distance::transit`].

use crate::distance::metric;
use crate::distance::transit::{RailNetwork, TransitParams};
use crate::error::{Error, Result};
use crate::instance::catalogue::rows;
use crate::instance::Metric;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

/// The car model's parameters when it was calibrated.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CarParams {
    /// a: minutes for the first crow-fly kilometre (minutes per km^exponent).
    pub min_per_km: f64,
    /// b: the distance exponent (< 1: longer trips are faster on average, motorways).
    pub exponent: f64,
    /// k: minutes per √km² of the origin's municipality (the spread of its people around the
    /// point that represents them).
    pub access_min_per_sqrt_km2: f64,
}

impl CarParams {
    /// Driving minutes for `km` crow-fly kilometres, without the access term.
    pub fn road_minutes(&self, km: f64) -> f64 {
        self.min_per_km * km.powf(self.exponent)
    }

    /// The access term of a municipality of `area_km2`.
    pub fn access_minutes(&self, area_km2: f64) -> f64 {
        self.access_min_per_sqrt_km2 * area_km2.sqrt()
    }
}

/// How car minutes are computed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CarModel {
    /// km × detour ÷ speed × 60 from the place's point.
    Linear {
        /// Road km per crow-fly km.
        detour: f64,
        /// Average speed.
        speed_kmh: f64,
    },
    /// a × km^b + k × √area, averaged over the place's localities.
    Calibrated(CarParams),
}

/// The public-transport model: journey parameters and how rail links given in line km become
/// minutes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PtModel {
    /// Journey parameters.
    pub params: TransitParams,
    /// Ride minutes per line km for links whose timetable minutes are not known.
    pub rail_min_per_km: f64,
}

/// Everything `impedance.csv` defines.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ImpedanceModels {
    /// Car.
    pub car: CarModel,
    /// Public transport, when the file gives the `pt_*` parameters.
    pub pt: Option<PtModel>,
}

/// One place where some of a demand place's people live.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Origin {
    /// Longitude.
    pub lon: f64,
    /// Latitude.
    pub lat: f64,
    /// Inhabitants (a weight; only ratios matter).
    pub weight: f64,
    /// Area of the municipality the origin belongs to (km²).
    pub area_km2: f64,
}

/// A rail station of `transit_stops.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct Station {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Longitude.
    pub lon: f64,
    /// Latitude.
    pub lat: f64,
}

const CAR_KEYS: [&str; 3] = [
    "car_min_per_km",
    "car_exponent",
    "car_access_min_per_sqrt_km2",
];
const LINEAR_KEYS: [&str; 2] = ["detour_factor", "speed_kmh"];
const PT_KEYS: [&str; 6] = [
    "pt_access_min",
    "pt_bus_min_per_km",
    "pt_bus_boarding_min",
    "pt_rail_boarding_min",
    "pt_walk_min_per_km",
    "pt_rail_min_per_km",
];

#[derive(Deserialize)]
struct ParameterRow {
    parameter: String,
    value: String,
}

/// Reads `impedance.csv` of a catalogue directory.
///
/// ```
/// use impuls::instance::impedance::{read, CarModel};
/// let m = read("instances/harz".as_ref()).unwrap();
/// assert!(matches!(m.car, CarModel::Calibrated(_)));
/// assert!(m.pt.is_some());
/// ```
pub fn read(dir: &Path) -> Result<ImpedanceModels> {
    let path = dir.join("impedance.csv");
    let mut params: HashMap<String, (usize, String)> = HashMap::new();
    for (line, r) in rows::<ParameterRow>(&path)? {
        if params
            .insert(r.parameter.clone(), (line, r.value))
            .is_some()
        {
            return Err(Error::input(
                &path,
                format!("row {line}"),
                format!("duplicate parameter '{}'", r.parameter),
            ));
        }
    }
    let has = |keys: &[&str]| keys.iter().any(|k| params.contains_key(*k));
    let get = |key: &str, positive: bool| -> Result<f64> {
        let (line, v) = params
            .get(key)
            .ok_or_else(|| Error::input(&path, "rows", format!("parameter '{key}' is missing")))?;
        let x: f64 = v.parse().map_err(|_| {
            Error::input(
                &path,
                format!("row {line}"),
                format!("{key} '{v}' is not a number"),
            )
        })?;
        let ok = x.is_finite() && if positive { x > 0.0 } else { x >= 0.0 };
        if !ok {
            let bound = if positive { "> 0" } else { "≥ 0" };
            return Err(Error::input(
                &path,
                format!("row {line}"),
                format!("{key} {x} must be {bound}"),
            ));
        }
        Ok(x)
    };
    let car = match (has(&CAR_KEYS), has(&LINEAR_KEYS)) {
        (true, true) => {
            return Err(Error::input(
                &path,
                "rows",
                "give either detour_factor and speed_kmh (linear model) or car_min_per_km, \
                 car_exponent and car_access_min_per_sqrt_km2 (calibrated model), not both",
            ))
        }
        (true, false) => CarModel::Calibrated(CarParams {
            min_per_km: get("car_min_per_km", true)?,
            exponent: get("car_exponent", true)?,
            access_min_per_sqrt_km2: get("car_access_min_per_sqrt_km2", false)?,
        }),
        (false, true) => CarModel::Linear {
            detour: get("detour_factor", true)?,
            speed_kmh: get("speed_kmh", true)?,
        },
        (false, false) => {
            return Err(Error::input(
                &path,
                "rows",
                "no car model: give detour_factor and speed_kmh (linear model) or \
                 car_min_per_km, car_exponent and car_access_min_per_sqrt_km2 (calibrated model)",
            ))
        }
    };
    let pt = if has(&PT_KEYS) {
        Some(PtModel {
            params: TransitParams {
                access_min: get("pt_access_min", false)?,
                bus_min_per_km: get("pt_bus_min_per_km", true)?,
                bus_boarding_min: get("pt_bus_boarding_min", false)?,
                rail_boarding_min: get("pt_rail_boarding_min", false)?,
                walk_min_per_km: get("pt_walk_min_per_km", true)?,
            },
            rail_min_per_km: get("pt_rail_min_per_km", true)?,
        })
    } else {
        None
    };
    Ok(ImpedanceModels { car, pt })
}

#[derive(Deserialize)]
struct StopRow {
    id: String,
    name: String,
    lon: f64,
    lat: f64,
}

#[derive(Deserialize)]
struct LinkRow {
    from: String,
    to: String,
    minutes: Option<f64>,
    line_km: Option<f64>,
}

/// Reads the rail network (`transit_stops.csv`, `transit_links.csv`); links given in line km
/// ride at `rail_min_per_km`.
pub fn read_network(dir: &Path, rail_min_per_km: f64) -> Result<(Vec<Station>, RailNetwork)> {
    let path = dir.join("transit_stops.csv");
    let mut stations: Vec<Station> = Vec::new();
    for (line, r) in rows::<StopRow>(&path)? {
        crate::instance::check_coordinate(r.lon, r.lat, crate::instance::Crs::Wgs84)
            .map_err(|m| Error::input(&path, format!("row {line}"), m))?;
        if stations.iter().any(|s| s.id == r.id) {
            return Err(Error::input(
                &path,
                format!("row {line}"),
                format!("duplicate stop id '{}'", r.id),
            ));
        }
        stations.push(Station {
            id: r.id,
            name: r.name,
            lon: r.lon,
            lat: r.lat,
        });
    }
    let path = dir.join("transit_links.csv");
    let mut links = Vec::new();
    for (line, r) in rows::<LinkRow>(&path)? {
        let place = format!("row {line}");
        let stop = |id: &str| {
            stations
                .iter()
                .position(|s| s.id == id)
                .ok_or_else(|| Error::input(&path, &place, format!("unknown stop '{id}'")))
        };
        let (a, b) = (stop(&r.from)?, stop(&r.to)?);
        let minutes = match (r.minutes, r.line_km) {
            (Some(m), None) => m,
            (None, Some(km)) => km * rail_min_per_km,
            _ => {
                return Err(Error::input(
                    &path,
                    &place,
                    "give exactly one of minutes and line_km",
                ))
            }
        };
        if !(minutes.is_finite() && minutes >= 0.0) {
            return Err(Error::input(
                &path,
                &place,
                format!("ride time {minutes} must be finite and ≥ 0"),
            ));
        }
        links.push((a, b, minutes));
    }
    let points = stations.iter().map(|s| (s.lon, s.lat)).collect();
    Ok((stations, RailNetwork::new(points, &links)))
}

/// Weighted mean over a place's origins of one value per origin (equal weights when all
/// weights are 0).
pub(crate) fn weighted_mean(origins: &[Origin], values: impl Iterator<Item = f64>) -> f64 {
    let total: f64 = origins.iter().map(|o| o.weight).sum();
    let (sum, n) = origins
        .iter()
        .zip(values)
        .fold((0.0, 0.0), |(s, n), (o, v)| {
            let w = if total > 0.0 { o.weight } else { 1.0 };
            (s + w * v, n + w)
        });
    sum / n
}

/// Car minutes from every place (a set of origins) to every destination (lon, lat).
pub fn car_minutes(
    model: &CarModel,
    places: &[Vec<Origin>],
    destinations: &[(f64, f64)],
) -> Vec<Vec<f64>> {
    places
        .iter()
        .map(|origins| {
            destinations
                .iter()
                .map(|&d| {
                    weighted_mean(
                        origins,
                        origins.iter().map(|o| {
                            let km = metric::distance(Metric::Haversine, (o.lon, o.lat), d);
                            match model {
                                CarModel::Linear { detour, speed_kmh } => {
                                    km * detour / speed_kmh * 60.0
                                }
                                CarModel::Calibrated(p) => {
                                    p.road_minutes(km) + p.access_minutes(o.area_km2)
                                }
                            }
                        }),
                    )
                })
                .collect()
        })
        .collect()
}

/// Public-transport minutes from every place (a set of origins) to every destination.
pub fn pt_minutes(
    model: &PtModel,
    network: &RailNetwork,
    places: &[Vec<Origin>],
    destinations: &[(f64, f64)],
) -> Vec<Vec<f64>> {
    let points: Vec<(f64, f64)> = places.iter().flatten().map(|o| (o.lon, o.lat)).collect();
    let per_origin = network.tables(&points, destinations).minutes(&model.params);
    let mut next = 0;
    places
        .iter()
        .map(|origins| {
            let mine = &per_origin[next..next + origins.len()];
            next += origins.len();
            (0..destinations.len())
                .map(|c| weighted_mean(origins, mine.iter().map(|row| row[c])))
                .collect()
        })
        .collect()
}
