//! The instance options shared by `solve` and `info`.

use clap::{Args, ValueEnum};
use impuls::distance::{
    matrix_read::DEFAULT_MAX_SNAP_KM, DistanceMatrix, MatrixFormat, MatrixOptions,
};
use impuls::error::{Error, Result};
use impuls::instance::{self, csv_pair, orlib, Crs, Format, Instance, Metric, ReadOptions};
use std::path::PathBuf;

/// Where the instance comes from.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Instance file (native JSON, GeoJSON, OR-Library, TSPLIB); omit with --demand/--sites.
    pub instance: Option<PathBuf>,
    /// Format of INSTANCE (guessed from the name when omitted).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Demand CSV (id,x,y,weight), with --sites.
    #[arg(long, requires = "sites", conflicts_with = "instance")]
    pub demand: Option<PathBuf>,
    /// Sites CSV (id,x,y[,capacity][,required][,cost][,competitor][,attractiveness]), with
    /// --demand.
    #[arg(long, requires = "demand")]
    pub sites: Option<PathBuf>,
    /// Coordinate system of CSV / GeoJSON input.
    #[arg(long, value_enum)]
    pub crs: Option<CrsArg>,
    /// Distance for point formats: euclidean, floor (TSPLIB literature), haversine, geodesic.
    #[arg(long, value_enum)]
    pub distance: Option<DistanceArg>,
    /// Travel-time matrix replacing computed impedances: CSV (from,to,minutes), r5py CSV
    /// (from_id,to_id,travel_time) or an OSRM table response (JSON).
    #[arg(long)]
    pub matrix: Option<PathBuf>,
    #[command(flatten)]
    pub matrix_read: MatrixArgs,
}

/// How `--matrix` is read (shared by `solve`, `info` and `pareto`).
#[derive(Debug, Args)]
pub struct MatrixArgs {
    /// Format of --matrix (guessed from the name and content when omitted).
    #[arg(long, value_enum, requires = "matrix")]
    pub matrix_format: Option<MatrixFormat>,
    /// Value of --matrix to use: OSRM duration (seconds, read as minutes; default) or distance
    /// (metres, read as km); for a CSV the value column, e.g. r5py travel_time_p75.
    #[arg(long, requires = "matrix")]
    pub matrix_field: Option<String>,
    /// Largest distance (km) between an OSRM waypoint and its instance point (WGS84 instances).
    #[arg(long, requires = "matrix", default_value_t = DEFAULT_MAX_SNAP_KM)]
    pub matrix_snap_km: f64,
}

impl MatrixArgs {
    /// The reader options these flags give.
    pub fn options(&self) -> MatrixOptions {
        MatrixOptions {
            format: self.matrix_format,
            field: self.matrix_field.clone(),
            max_snap_km: self.matrix_snap_km,
        }
    }
}

/// `--crs` values.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CrsArg {
    /// x/y in a length unit.
    Planar,
    /// lon/lat degrees.
    Wgs84,
}

/// `--distance` values.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DistanceArg {
    /// Euclidean.
    Euclidean,
    /// floor(Euclidean).
    Floor,
    /// Great circle.
    Haversine,
    /// WGS84 ellipsoid.
    Geodesic,
}

impl InputArgs {
    /// Reads, overrides and validates the instance.
    pub fn load(&self) -> Result<Instance> {
        self.load_with_p().map(|(inst, _)| inst)
    }

    /// [`InputArgs::load`], plus the `p` the file states itself (OR-Library pmed headers), which
    /// `solve` uses when `-p` is not given.
    pub fn load_with_p(&self) -> Result<(Instance, Option<usize>)> {
        let crs = self.crs.map(|c| match c {
            CrsArg::Planar => Crs::Planar,
            CrsArg::Wgs84 => Crs::Wgs84,
        });
        let metric = self.distance.map(|d| match d {
            DistanceArg::Euclidean => Metric::Euclidean,
            DistanceArg::Floor => Metric::Floor,
            DistanceArg::Haversine => Metric::Haversine,
            DistanceArg::Geodesic => Metric::Geodesic,
        });
        let options = ReadOptions { metric, crs };
        let mut stated_p = None;
        let mut inst = match (&self.instance, &self.demand, &self.sites) {
            (Some(path), _, _)
                if self.format.or_else(|| Format::guess(path)) == Some(Format::Orlib) =>
            {
                let (inst, p) = orlib::read_with_p(path)?;
                inst.validate()?;
                stated_p = Some(p);
                inst
            }
            (Some(path), _, _) => {
                let mut inst = instance::read(path, self.format, &options)?;
                if let (Some(m), None) = (metric, &inst.matrix) {
                    inst.impedance.metric = m;
                    inst.validate()?;
                }
                inst
            }
            (None, Some(d), Some(s)) => {
                let mut inst = csv_pair::read(d, s, crs.unwrap_or(Crs::Planar))?;
                if let Some(m) = metric {
                    inst.impedance.metric = m;
                }
                inst.validate()?;
                inst
            }
            _ => {
                return Err(Error::Parameter(
                    "give an INSTANCE file or --demand D.csv --sites S.csv".into(),
                ))
            }
        };
        if let Some(m) = &self.matrix {
            let options = self.matrix_read.options();
            inst.matrix = Some(DistanceMatrix::read_for(m, &inst, &options)?);
            inst.validate()?;
        }
        Ok((inst, stated_p))
    }
}
