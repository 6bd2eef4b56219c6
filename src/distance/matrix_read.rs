//! Reading a [`DistanceMatrix`] from a file: which format it is, which value to take, and how
//! its rows and columns map onto an instance's demand points and sites.
//!
//! Three formats (docs/instance-format.md "Travel-time matrices"): impuls's long CSV
//! (`from,to,minutes`), r5py's `TravelTimeMatrix` written as CSV (`from_id,to_id,travel_time`),
//! and the JSON answer of the OSRM `table` service. Missing, `null`, `NaN` and empty values are
//! unreachable pairs, never 0.

use super::{long_csv, osrm, DistanceMatrix};
use crate::error::{Error, Result};
use crate::instance::{read_text, Crs, Instance};
use std::path::Path;

/// The file formats of a travel-time or distance matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MatrixFormat {
    /// Long CSV `from,to,minutes` (impuls's own).
    Csv,
    /// r5py `TravelTimeMatrix` as CSV: `from_id,to_id,travel_time` (minutes), or percentile
    /// columns `travel_time_p25`, …; empty or `NaN` = unreachable.
    R5py,
    /// OSRM `table` service response (JSON): `durations` in seconds, `distances` in metres,
    /// `null` = unreachable.
    Osrm,
}

impl MatrixFormat {
    /// The format of a matrix file: OSRM for a `.json` name or text that starts with `{`,
    /// r5py for a CSV header with `from_id` and `to_id`, else impuls's long CSV.
    ///
    /// ```
    /// use impuls::distance::MatrixFormat;
    /// let guess = |name: &str, text: &str| MatrixFormat::detect(name.as_ref(), text);
    /// assert_eq!(guess("table.json", ""), MatrixFormat::Osrm);
    /// assert_eq!(guess("t.txt", " {\"code\": \"Ok\"}"), MatrixFormat::Osrm);
    /// assert_eq!(guess("ttm.csv", ",from_id,to_id,travel_time\n"), MatrixFormat::R5py);
    /// assert_eq!(guess("times.csv", "from,to,minutes\n"), MatrixFormat::Csv);
    /// ```
    pub fn detect(path: &Path, text: &str) -> MatrixFormat {
        let json_name = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        if json_name || text.trim_start().starts_with('{') {
            return MatrixFormat::Osrm;
        }
        let header = text.lines().next().unwrap_or("").to_lowercase();
        let columns: Vec<&str> = header
            .split(',')
            .map(|c| c.trim().trim_matches('"'))
            .collect();
        if columns.contains(&"from_id") && columns.contains(&"to_id") {
            MatrixFormat::R5py
        } else {
            MatrixFormat::Csv
        }
    }
}

/// How to read a matrix file.
#[derive(Debug, Clone, PartialEq)]
pub struct MatrixOptions {
    /// The format; detected with [`MatrixFormat::detect`] when `None`.
    pub format: Option<MatrixFormat>,
    /// Which value: OSRM `duration` (default, seconds → minutes) or `distance` (metres → km);
    /// the value column of a CSV (r5py default `travel_time`, e.g. `travel_time_p75`).
    pub field: Option<String>,
    /// Largest distance in km between an OSRM waypoint and the instance point of its row or
    /// column (checked for WGS84 instances; a larger one means a wrong order or a bad snap).
    pub max_snap_km: f64,
}

impl Default for MatrixOptions {
    fn default() -> Self {
        MatrixOptions {
            format: None,
            field: None,
            max_snap_km: DEFAULT_MAX_SNAP_KM,
        }
    }
}

/// The default of [`MatrixOptions::max_snap_km`]: OSRM snaps a point to the nearest road, well
/// under a kilometre for settlements, while neighbouring towns lie 5–20 km apart.
pub const DEFAULT_MAX_SNAP_KM: f64 = 5.0;

/// A row (demand point) or column (site) of a matrix as the instance knows it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Endpoint<'a> {
    /// The id CSV rows name it by.
    pub id: &'a str,
    /// Longitude and latitude, when the instance has geographic coordinates (the position
    /// that OSRM waypoints are checked against).
    pub lon_lat: Option<(f64, f64)>,
}

impl DistanceMatrix {
    /// Reads a matrix file whose rows are `demand` and whose columns are `sites` (ids for the
    /// CSV formats, positions for OSRM; see docs/instance-format.md). Values are minutes
    /// (OSRM durations are converted from seconds) or km (OSRM distances, from metres).
    ///
    /// ```
    /// use impuls::distance::{DistanceMatrix, Endpoint, MatrixOptions};
    /// let dir = tempfile::tempdir().unwrap();
    /// let path = dir.path().join("ttm.csv");
    /// std::fs::write(&path, "from_id,to_id,travel_time\na,s,12\nb,s,\n").unwrap();
    /// let point = |id| Endpoint { id, lon_lat: None };
    /// let m = DistanceMatrix::read(&path, &[point("a"), point("b")], &[point("s")],
    ///                              &MatrixOptions::default()).unwrap();
    /// assert_eq!((m.get(0, 0), m.get(1, 0)), (Some(12.0), None)); // empty = unreachable
    /// ```
    pub fn read(
        path: &Path,
        demand: &[Endpoint],
        sites: &[Endpoint],
        options: &MatrixOptions,
    ) -> Result<Self> {
        let text = read_text(path)?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        if !(options.max_snap_km.is_finite() && options.max_snap_km > 0.0) {
            return Err(Error::Parameter(format!(
                "--matrix-snap-km {} must be a positive number of km",
                options.max_snap_km
            )));
        }
        let field = options.field.as_deref();
        match options
            .format
            .unwrap_or_else(|| MatrixFormat::detect(path, text))
        {
            MatrixFormat::Csv => {
                long_csv::read(text, path, demand, sites, long_csv::Dialect::Impuls, field)
            }
            MatrixFormat::R5py => {
                long_csv::read(text, path, demand, sites, long_csv::Dialect::R5py, field)
            }
            MatrixFormat::Osrm => osrm::read(text, path, demand, sites, field, options.max_snap_km),
        }
    }

    /// [`DistanceMatrix::read`] with the instance's demand points as rows and its sites as
    /// columns (positions checked against OSRM waypoints when the instance is WGS84).
    pub fn read_for(path: &Path, instance: &Instance, options: &MatrixOptions) -> Result<Self> {
        let geographic = instance.crs == Crs::Wgs84;
        let point = |id, x, y| Endpoint {
            id,
            lon_lat: geographic.then_some((x, y)),
        };
        let demand: Vec<Endpoint> = instance
            .demand
            .iter()
            .map(|d| point(&d.id, d.x, d.y))
            .collect();
        let sites: Vec<Endpoint> = instance
            .sites
            .iter()
            .map(|s| point(&s.id, s.x, s.y))
            .collect();
        Self::read(path, &demand, &sites, options)
    }
}
