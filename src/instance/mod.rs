//! Instances: demand points, candidate sites and how impedance between them is measured.
//!
//! One in-memory shape ([`Instance`]) is produced by every reader (native JSON, CSV pair,
//! GeoJSON, OR-Library, TSPLIB, travel-time matrix) and then checked once by
//! [`Instance::validate`], so every model sees the same guarantees.

pub mod calibration;
pub mod catalogue;
pub mod csv_pair;
pub mod csv_quotes;
pub mod generate;
pub mod geojson;
pub mod impedance;
pub mod native;
pub mod orlib;
pub mod orlib_cap;
pub mod sjc;
pub mod tsplib;
mod validate;
pub mod what_if;

pub use validate::{check_attractiveness, check_coordinate, check_weight};

use crate::distance::{metric, DistanceMatrix};
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Coordinate reference system of `x`/`y`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Crs {
    /// Cartesian coordinates in any length unit (metres, kilometres, abstract units).
    #[default]
    Planar,
    /// WGS84 longitude (`x`) and latitude (`y`) in degrees.
    Wgs84,
}

/// How the length of a straight line between two points is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Metric {
    /// Planar Euclidean distance.
    Euclidean,
    /// Planar Euclidean distance rounded down (the TSPLIB p-median and pmedcap convention).
    Floor,
    /// Great-circle distance on a sphere of radius 6371.0088 km (geo's `Haversine`), in km.
    Haversine,
    /// Ellipsoidal WGS84 distance (geo's `Geodesic`, Karney), in km.
    Geodesic,
}

/// Impedance = metric distance × `detour` ÷ `speed_kmh` × 60 (minutes) when a speed is given,
/// else metric distance × `detour` (in the metric's unit).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Impedance {
    /// The straight-line metric.
    pub metric: Metric,
    /// Network detour factor (road distance ÷ straight-line distance), ≥ 1 in practice.
    #[serde(default = "one")]
    pub detour: f64,
    /// Average speed in km/h; when present, impedance is in minutes (wgs84 metrics only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speed_kmh: Option<f64>,
}

fn one() -> f64 {
    1.0
}

impl Impedance {
    /// Plain Euclidean distance, no detour, no speed.
    pub fn euclidean() -> Self {
        Impedance {
            metric: Metric::Euclidean,
            detour: 1.0,
            speed_kmh: None,
        }
    }

    /// The default for a coordinate system: Euclidean for planar, great-circle km for wgs84.
    pub fn default_for(crs: Crs) -> Self {
        match crs {
            Crs::Planar => Self::euclidean(),
            Crs::Wgs84 => Impedance {
                metric: Metric::Haversine,
                detour: 1.0,
                speed_kmh: None,
            },
        }
    }

    /// Turns a metric distance into impedance (detour and speed applied).
    pub fn scale(&self, distance: f64) -> f64 {
        let d = distance * self.detour;
        match self.speed_kmh {
            Some(v) => d / v * 60.0,
            None => d,
        }
    }

    /// The unit impedance is measured in, for reports.
    pub fn unit(&self) -> &'static str {
        match (self.speed_kmh, self.metric) {
            (Some(_), _) => "min",
            (None, Metric::Haversine | Metric::Geodesic) => "km",
            (None, _) => "units",
        }
    }
}

/// A place whose demand is served: a municipality, a locality, a graph vertex.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemandPoint {
    /// Unique id within the instance's demand points.
    pub id: String,
    /// Human-readable name (German names are kept as they are).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// x, or longitude for wgs84.
    #[serde(alias = "lon")]
    pub x: f64,
    /// y, or latitude for wgs84.
    #[serde(alias = "lat")]
    pub y: f64,
    /// Objective weight (population, demand). Non-negative.
    #[serde(default = "one")]
    pub weight: f64,
    /// Capacity use when it differs from `weight` (OR-Library pmedcap counts each client once
    /// in the objective but by its demand against capacity). Defaults to `weight`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load: Option<f64>,
}

impl DemandPoint {
    /// Capacity this point uses when assigned.
    pub fn load(&self) -> f64 {
        self.load.unwrap_or(self.weight)
    }
}

/// A place where a facility may be opened, or a competitor's facility (market-share models).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Site {
    /// Unique id within the instance's sites.
    pub id: String,
    /// Human-readable name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// x, or longitude for wgs84.
    #[serde(alias = "lon")]
    pub x: f64,
    /// y, or latitude for wgs84.
    #[serde(alias = "lat")]
    pub y: f64,
    /// An existing facility that must stay open.
    #[serde(default)]
    pub required: bool,
    /// Largest total load the site can serve (capacitated models).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<f64>,
    /// Fixed cost of opening the site (LSCP minimises the sum; default 1 = count).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<f64>,
    /// A competitor's facility (ArcGIS FacilityType "Competitor"): always present, never ours,
    /// never opened by a solve. Only the market-share models use it; the others refuse an
    /// instance that has one.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub competitor: bool,
    /// Attractiveness in the Huff model (ArcGIS facility Weight: 2 draws twice the custom of
    /// 1 at the same impedance); > 0, default 1. Only the market-share models use it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attractiveness: Option<f64>,
}

impl Site {
    /// The Huff attractiveness (1 when not given).
    pub fn attractiveness(&self) -> f64 {
        self.attractiveness.unwrap_or(1.0)
    }
}

/// A demand point and a candidate site at one place under one id, for point sets in which
/// every point is both (TSPLIB, SJC): unnamed, not required, no capacity, load or cost.
pub(crate) fn colocated(id: String, x: f64, y: f64, weight: f64) -> (DemandPoint, Site) {
    let site = Site {
        id: id.clone(),
        name: None,
        x,
        y,
        required: false,
        capacity: None,
        cost: None,
        competitor: false,
        attractiveness: None,
    };
    let demand = DemandPoint {
        id,
        name: None,
        x,
        y,
        weight,
        load: None,
    };
    (demand, site)
}

/// A location-allocation instance, as read from any supported format.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instance {
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// Where the instance was read from, for error messages (not serialised).
    #[serde(skip)]
    pub source: String,
    /// Coordinate system of every point.
    #[serde(default)]
    pub crs: Crs,
    /// How impedance is computed from coordinates. Ignored when `matrix` is present.
    #[serde(default = "Impedance::euclidean")]
    pub impedance: Impedance,
    /// Demand points.
    pub demand: Vec<DemandPoint>,
    /// Candidate sites.
    pub sites: Vec<Site>,
    /// Explicit impedances (graph shortest paths, travel-time matrix) replacing the metric.
    #[serde(skip)]
    pub matrix: Option<DistanceMatrix>,
}

impl Instance {
    /// Impedance from demand point `i` to site `j`; `None` when the site is unreachable
    /// (a pair missing from an explicit matrix).
    pub fn impedance(&self, i: usize, j: usize) -> Option<f64> {
        if let Some(m) = &self.matrix {
            return m.get(i, j);
        }
        let (d, s) = (&self.demand[i], &self.sites[j]);
        Some(self.impedance.scale(metric::distance(
            self.impedance.metric,
            (d.x, d.y),
            (s.x, s.y),
        )))
    }

    /// Total objective weight of all demand points.
    pub fn total_weight(&self) -> f64 {
        self.demand.iter().map(|d| d.weight).sum()
    }

    /// Total capacity use of all demand points.
    pub fn total_load(&self) -> f64 {
        self.demand.iter().map(|d| d.load()).sum()
    }

    /// Index of the site with this id.
    pub fn site_index(&self, id: &str) -> Option<usize> {
        self.sites.iter().position(|s| s.id == id)
    }

    /// Indices of competitors' facilities.
    pub fn competitor_sites(&self) -> Vec<usize> {
        (0..self.sites.len())
            .filter(|&j| self.sites[j].competitor)
            .collect()
    }

    /// Indices of sites that must stay open.
    pub fn required_sites(&self) -> Vec<usize> {
        (0..self.sites.len())
            .filter(|&j| self.sites[j].required)
            .collect()
    }

    /// Whether any site has a capacity.
    pub fn is_capacitated(&self) -> bool {
        self.sites.iter().any(|s| s.capacity.is_some())
    }

    /// Display label of a demand point: its name when present, else its id.
    pub fn demand_label(&self, i: usize) -> &str {
        let d = &self.demand[i];
        d.name.as_deref().unwrap_or(&d.id)
    }

    /// Display label of a site.
    pub fn site_label(&self, j: usize) -> &str {
        let s = &self.sites[j];
        s.name.as_deref().unwrap_or(&s.id)
    }

    /// Checks everything a model relies on; see [`validate`](self::validate).
    pub fn validate(&self) -> Result<()> {
        validate::instance(self)
    }
}

/// The formats [`read`] understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// impuls JSON (docs/instance-format.md).
    Native,
    /// GeoJSON FeatureCollection of points.
    Geojson,
    /// OR-Library uncapacitated p-median graph (pmedN.txt).
    Orlib,
    /// OR-Library capacitated p-median (pmedcapNN.txt).
    OrlibCap,
    /// TSPLIB EUC_2D point set.
    Tsplib,
    /// São José dos Campos MCLP/LSCP set (SJC324.txt … SJC818.txt).
    Sjc,
}

impl Format {
    /// Guesses the format from a file name: `.json` native, `.geojson` GeoJSON, `.tsp` TSPLIB,
    /// `pmedcap*` OR-Library capacitated, `pmed*` OR-Library, `sjc*.txt` SJC (the capacitated
    /// Lorena–Senne `SJC*.dat` files are another format and are not guessed).
    ///
    /// ```
    /// use impuls::instance::Format;
    /// assert_eq!(Format::guess("mclp/SJC324.txt".as_ref()), Some(Format::Sjc));
    /// assert_eq!(Format::guess("SJC1.dat".as_ref()), None);
    /// ```
    pub fn guess(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_string_lossy().to_lowercase();
        if name.ends_with(".geojson") {
            Some(Format::Geojson)
        } else if name.ends_with(".json") {
            Some(Format::Native)
        } else if name.ends_with(".tsp") {
            Some(Format::Tsplib)
        } else if name.starts_with("pmedcap") {
            Some(Format::OrlibCap)
        } else if name.starts_with("pmed") {
            Some(Format::Orlib)
        } else if name.starts_with("sjc") && name.ends_with(".txt") {
            Some(Format::Sjc)
        } else {
            None
        }
    }
}

/// Options that some readers need (TSPLIB distance rounding, GeoJSON CRS).
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    /// Metric override for point formats (TSPLIB: euclidean or floor).
    pub metric: Option<Metric>,
    /// CRS override for formats that do not state it.
    pub crs: Option<Crs>,
}

/// Reads and validates an instance in `format` (guessed from the name when `None`).
pub fn read(path: &Path, format: Option<Format>, options: &ReadOptions) -> Result<Instance> {
    let format = match format.or_else(|| Format::guess(path)) {
        Some(f) => f,
        None => {
            return Err(Error::Parameter(format!(
                "{}: cannot tell the format from the name; pass --format native|geojson|orlib|orlib-cap|tsplib|sjc",
                path.display()
            )))
        }
    };
    let instance = match format {
        Format::Native => native::read(path)?,
        Format::Geojson => geojson::read(path, options)?,
        Format::Orlib => orlib::read(path)?,
        Format::OrlibCap => orlib_cap::read(path)?,
        Format::Tsplib => tsplib::read(path, options)?,
        Format::Sjc => sjc::read(path)?,
    };
    instance.validate()?;
    Ok(instance)
}

/// A yes/no field of the CSV, GeoJSON and catalogue readers: `true`/`1`/`yes` or
/// `false`/`0`/`no`/empty, in any case; `None` for anything else, which the readers refuse
/// (a misspelt `true` must not quietly read as false).
pub(crate) fn flag_value(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "true" | "1" | "yes" => Some(true),
        "false" | "0" | "no" | "" => Some(false),
        _ => None,
    }
}

/// Reads a whole file to a string with a clear error naming the path. No format has a valid
/// empty (or blank) file, and the parsers' own words for one ("missing column 'id'", "EOF while
/// parsing a value") hide the cause, so it is refused here.
pub(crate) fn read_text(path: &Path) -> Result<String> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(Error::input(path, "line 1", "empty file"));
    }
    Ok(text)
}
