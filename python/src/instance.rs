//! `impuls._impuls.Instance`: a validated `impuls::instance::Instance` held by Python.
//!
//! Built from columns (the Python constructors `from_cost_matrix` / `from_geodataframe` turn
//! their inputs into columns), read from any file the CLI reads, or generated. The instance is
//! shared with the solve thread through an `Arc`, so a solve never copies it.

use crate::errors::{parameter, to_py};
use impuls::distance::{DistanceMatrix, MatrixFormat, MatrixOptions};
use impuls::instance::{
    self, generate, orlib, Crs, DemandPoint, Format, Impedance, ReadOptions, Site,
};
use numpy::prelude::*;
use numpy::{PyArray1, PyArray2, PyReadonlyArray1, PyReadonlyArray2};
use pyo3::prelude::*;
use serde::de::{DeserializeOwned, IntoDeserializer};
use std::path::PathBuf;
use std::sync::Arc;

/// A location-allocation instance: demand points, candidate sites and their impedances.
#[pyclass(frozen, module = "impuls._impuls")]
pub struct Instance {
    pub inner: Arc<instance::Instance>,
    /// The p an OR-Library pmed file states in its header.
    stated_p: Option<usize>,
}

/// A value of an enum the library (de)serialises by name, e.g. `"wgs84"` → `Crs::Wgs84`; the
/// names are the library's own, so a variant added there is accepted here without a change.
pub fn by_name<T: DeserializeOwned>(what: &str, value: &str) -> PyResult<T> {
    T::deserialize(value.into_deserializer())
        .map_err(|e: serde::de::value::Error| parameter(format!("{what}: {e}")))
}

/// A value of an enum the CLI parses by name (`clap::ValueEnum`, e.g. `Method`), by that name.
pub fn by_cli_name<T: clap::ValueEnum>(what: &str, value: &str) -> PyResult<T> {
    T::from_str(value, false).map_err(|_| {
        let names: Vec<String> = T::value_variants()
            .iter()
            .filter_map(|v| v.to_possible_value())
            .map(|v| v.get_name().to_string())
            .collect();
        parameter(format!(
            "{what}: unknown value '{value}' (choose from {})",
            names.join(", ")
        ))
    })
}

/// A column that must have `len` entries.
fn column<'a>(
    name: &str,
    values: &'a PyReadonlyArray1<'_, f64>,
    len: usize,
) -> PyResult<&'a [f64]> {
    let slice = values
        .as_slice()
        .map_err(|_| parameter(format!("{name} must be a contiguous float64 array")))?;
    if slice.len() != len {
        return Err(parameter(format!(
            "{name} has {} entries, expected {len}",
            slice.len()
        )));
    }
    Ok(slice)
}

/// An optional column; NaN entries mean "not given" for that row.
fn optional_column(
    name: &str,
    values: &Option<PyReadonlyArray1<'_, f64>>,
    len: usize,
) -> PyResult<Vec<Option<f64>>> {
    match values {
        None => Ok(vec![None; len]),
        Some(v) => Ok(column(name, v, len)?
            .iter()
            .map(|&x| (!x.is_nan()).then_some(x))
            .collect()),
    }
}

/// An optional boolean column (one flag per row; all false when not given).
fn flags(
    name: &str,
    values: &Option<PyReadonlyArray1<'_, bool>>,
    len: usize,
) -> PyResult<Vec<bool>> {
    let Some(values) = values else {
        return Ok(vec![false; len]);
    };
    let slice = values
        .as_slice()
        .map_err(|_| parameter(format!("{name} must be a contiguous bool array")))?;
    if slice.len() != len {
        return Err(parameter(format!(
            "{name} have {} entries, expected {len}",
            slice.len()
        )));
    }
    Ok(slice.to_vec())
}

/// How a matrix file is read (`--matrix-format`, `--matrix-field`, `--matrix-snap-km`), with the
/// CLI's defaults for what is not given; the options need a matrix (`has_matrix`).
pub fn matrix_options(
    has_matrix: bool,
    format: Option<&str>,
    field: Option<String>,
    snap_km: Option<f64>,
) -> PyResult<MatrixOptions> {
    if !has_matrix && (format.is_some() || field.is_some() || snap_km.is_some()) {
        return Err(parameter(
            "matrix_format, matrix_field and matrix_snap_km need matrix=FILE",
        ));
    }
    let defaults = MatrixOptions::default();
    Ok(MatrixOptions {
        format: format
            .map(|f| by_cli_name::<MatrixFormat>("matrix_format", f))
            .transpose()?,
        field,
        max_snap_km: snap_km.unwrap_or(defaults.max_snap_km),
    })
}

impl Instance {
    fn validated(inner: instance::Instance, stated_p: Option<usize>) -> PyResult<Self> {
        inner.validate().map_err(to_py)?;
        Ok(Instance {
            inner: Arc::new(inner),
            stated_p,
        })
    }
}

#[pymethods]
impl Instance {
    /// Builds an instance from columns. `matrix` (n × m, row-major float64; inf or NaN =
    /// unreachable) replaces the metric when given. `competitor` marks competitors' facilities
    /// and `attractiveness` gives the Huff attractiveness (NaN: the default 1). `source` names
    /// the instance in error messages, e.g. `PMedian.from_cost_matrix`.
    #[staticmethod]
    #[pyo3(signature = (name, source, crs, metric, demand_ids, demand_x, demand_y, weight,
        load, site_ids, site_x, site_y, required, capacity, cost, matrix, competitor=None,
        attractiveness=None))]
    #[allow(clippy::too_many_arguments)]
    fn from_columns(
        name: String,
        source: String,
        crs: &str,
        metric: &str,
        demand_ids: Vec<String>,
        demand_x: PyReadonlyArray1<'_, f64>,
        demand_y: PyReadonlyArray1<'_, f64>,
        weight: PyReadonlyArray1<'_, f64>,
        load: Option<PyReadonlyArray1<'_, f64>>,
        site_ids: Vec<String>,
        site_x: PyReadonlyArray1<'_, f64>,
        site_y: PyReadonlyArray1<'_, f64>,
        required: Option<PyReadonlyArray1<'_, bool>>,
        capacity: Option<PyReadonlyArray1<'_, f64>>,
        cost: Option<PyReadonlyArray1<'_, f64>>,
        matrix: Option<PyReadonlyArray2<'_, f64>>,
        competitor: Option<PyReadonlyArray1<'_, bool>>,
        attractiveness: Option<PyReadonlyArray1<'_, f64>>,
    ) -> PyResult<Self> {
        let (n, m) = (demand_ids.len(), site_ids.len());
        let crs: Crs = by_name("crs", crs)?;
        let (x, y, w) = (
            column("demand x", &demand_x, n)?,
            column("demand y", &demand_y, n)?,
            column("weights", &weight, n)?,
        );
        let load = optional_column("demand quantities", &load, n)?;
        let demand = (0..n)
            .map(|i| DemandPoint {
                id: demand_ids[i].clone(),
                name: None,
                x: x[i],
                y: y[i],
                weight: w[i],
                load: load[i],
            })
            .collect();
        let (sx, sy) = (column("site x", &site_x, m)?, column("site y", &site_y, m)?);
        let required = flags("predefined facilities", &required, m)?;
        let competitor = flags("competitor facilities", &competitor, m)?;
        let capacity = optional_column("facility capacities", &capacity, m)?;
        let cost = optional_column("facility costs", &cost, m)?;
        let attractiveness = optional_column("facility attractiveness", &attractiveness, m)?;
        let sites = (0..m)
            .map(|j| Site {
                id: site_ids[j].clone(),
                name: None,
                x: sx[j],
                y: sy[j],
                required: required[j],
                capacity: capacity[j],
                cost: cost[j],
                competitor: competitor[j],
                attractiveness: attractiveness[j],
            })
            .collect();
        let matrix = match matrix {
            None => None,
            Some(a) => {
                let shape = a.shape().to_vec();
                if shape != [n, m] {
                    return Err(parameter(format!(
                        "cost matrix has shape ({}, {}), expected ({n}, {m}): one row per demand point, one column per site",
                        shape[0], shape[1]
                    )));
                }
                let values = a
                    .as_slice()
                    .map_err(|_| parameter("cost matrix must be a C-contiguous float64 array"))?;
                Some(DistanceMatrix::from_dense(m, values))
            }
        };
        let inner = instance::Instance {
            name,
            source,
            crs,
            impedance: Impedance {
                metric: by_name("distance metric", metric)?,
                detour: 1.0,
                speed_kmh: None,
            },
            demand,
            sites,
            matrix,
        };
        Self::validated(inner, None)
    }

    /// Reads an instance file as `impuls solve` does: native JSON, GeoJSON, OR-Library pmed and
    /// pmedcap, TSPLIB or SJC (`format` guessed from the name when None), optionally with a
    /// travel-time matrix replacing the computed impedances: impuls's CSV (`from,to,minutes`),
    /// an r5py travel-time matrix CSV or an OSRM table response (`matrix_format`,
    /// `matrix_field` and `matrix_snap_km` as `--matrix-format`, `--matrix-field`,
    /// `--matrix-snap-km`).
    #[staticmethod]
    #[pyo3(signature = (path, format=None, crs=None, distance=None, matrix=None,
        matrix_format=None, matrix_field=None, matrix_snap_km=None))]
    #[allow(clippy::too_many_arguments)]
    fn read(
        path: PathBuf,
        format: Option<&str>,
        crs: Option<&str>,
        distance: Option<&str>,
        matrix: Option<PathBuf>,
        matrix_format: Option<&str>,
        matrix_field: Option<String>,
        matrix_snap_km: Option<f64>,
    ) -> PyResult<Self> {
        let format: Option<Format> = format.map(|f| by_name("format", f)).transpose()?;
        let metric = distance
            .map(|d| by_name("distance metric", d))
            .transpose()?;
        let options = ReadOptions {
            metric,
            crs: crs.map(|c| by_name("crs", c)).transpose()?,
        };
        let matrix_options = matrix_options(
            matrix.is_some(),
            matrix_format,
            matrix_field,
            matrix_snap_km,
        )?;
        let (mut inner, stated_p) =
            if format.or_else(|| Format::guess(&path)) == Some(Format::Orlib) {
                let (inner, p) = orlib::read_with_p(&path).map_err(to_py)?;
                (inner, Some(p))
            } else {
                let mut inner = instance::read(&path, format, &options).map_err(to_py)?;
                // as the CLI: an explicit metric replaces the file's own
                if let (Some(m), None) = (metric, &inner.matrix) {
                    inner.impedance.metric = m;
                    inner.validate().map_err(to_py)?;
                }
                (inner, None)
            };
        if let Some(m) = matrix {
            inner.matrix =
                Some(DistanceMatrix::read_for(&m, &inner, &matrix_options).map_err(to_py)?);
        }
        Self::validated(inner, stated_p)
    }

    /// A synthetic clustered planar instance (`impuls generate`): coordinates in km.
    #[staticmethod]
    #[pyo3(signature = (demand, sites, seed=0, clusters=None, extent_km=200.0))]
    fn generate(
        demand: usize,
        sites: usize,
        seed: u64,
        clusters: Option<usize>,
        extent_km: f64,
    ) -> PyResult<Self> {
        let options = generate::GenerateOptions {
            clusters,
            extent_km,
            ..generate::GenerateOptions::new(demand, sites, seed)
        };
        Self::validated(generate::generate(&options).map_err(to_py)?, None)
    }

    /// Display name.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }

    /// `planar` or `wgs84`.
    #[getter]
    fn crs(&self) -> &'static str {
        match self.inner.crs {
            Crs::Planar => "planar",
            Crs::Wgs84 => "wgs84",
        }
    }

    /// The unit impedances are measured in (`km`, `min` or `units`; `units` for an explicit
    /// matrix, as in the CLI's result JSON).
    #[getter]
    fn unit(&self) -> &'static str {
        if self.inner.matrix.is_some() {
            "units"
        } else {
            self.inner.impedance.unit()
        }
    }

    /// The p an OR-Library pmed file states in its header, else None.
    #[getter]
    fn stated_p(&self) -> Option<usize> {
        self.stated_p
    }

    /// Number of demand points.
    #[getter]
    fn n_demand(&self) -> usize {
        self.inner.demand.len()
    }

    /// Number of candidate sites.
    #[getter]
    fn n_sites(&self) -> usize {
        self.inner.sites.len()
    }

    /// Demand ids, in instance order.
    #[getter]
    fn demand_ids(&self) -> Vec<String> {
        self.inner.demand.iter().map(|d| d.id.clone()).collect()
    }

    /// Site ids, in instance order.
    #[getter]
    fn site_ids(&self) -> Vec<String> {
        self.inner.sites.iter().map(|s| s.id.clone()).collect()
    }

    /// Demand weights, in instance order.
    #[getter]
    fn weights<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        let w: Vec<f64> = self.inner.demand.iter().map(|d| d.weight).collect();
        PyArray1::from_vec(py, w)
    }

    /// Demand coordinates (x, y) or (lon, lat), n × 2.
    #[getter]
    fn demand_xy<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray2<f64>> {
        let xy: Vec<Vec<f64>> = self.inner.demand.iter().map(|d| vec![d.x, d.y]).collect();
        PyArray2::from_vec2(py, &xy).expect("rows of two")
    }

    /// Site coordinates (x, y) or (lon, lat), m × 2.
    #[getter]
    fn site_xy<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray2<f64>> {
        let xy: Vec<Vec<f64>> = self.inner.sites.iter().map(|s| vec![s.x, s.y]).collect();
        PyArray2::from_vec2(py, &xy).expect("rows of two")
    }

    /// The dense n × m impedance matrix (inf where a pair is unreachable); n × m × 8 bytes.
    fn cost_matrix<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray2<f64>> {
        let inst = &self.inner;
        let m = inst.sites.len();
        let values: Vec<f64> = py.detach(|| {
            (0..inst.demand.len())
                .flat_map(|i| (0..m).map(move |j| inst.impedance(i, j).unwrap_or(f64::INFINITY)))
                .collect()
        });
        PyArray1::from_vec(py, values)
            .reshape([inst.demand.len(), m])
            .expect("n × m values")
    }

    fn __repr__(&self) -> String {
        format!(
            "Instance(name={:?}, n_demand={}, n_sites={}, crs={:?}, unit={:?})",
            self.inner.name,
            self.inner.demand.len(),
            self.inner.sites.len(),
            self.crs(),
            self.unit()
        )
    }
}
