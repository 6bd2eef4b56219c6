//! `impuls._impuls.pareto`: the exact Pareto proposals of a function-allocation catalogue
//! (`impuls pareto`), returned as the library's `ProposalSet` in plain Python values, and
//! `write_proposals`, which writes the CLI's output files from such a set.

use crate::errors::{parameter, to_py};
use crate::instance::matrix_options;
use crate::interruptible;
use impuls::instance::catalogue::CatalogueOptions;
use impuls::pareto::study::{self, StudyOptions};
use impuls::pareto::{self, objective, objective::Objective, proposal::ProposalSet, ParetoOptions};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::path::PathBuf;

/// The nondominated proposals of the catalogue directory `dir` for 2 or 3 `objectives`, and the
/// status quo, as `impuls pareto` computes them (one library call: `pareto::study::run`); a
/// dict of `impuls::pareto::proposal::ProposalSet`'s fields.
#[pyfunction(name = "pareto")]
#[pyo3(signature = (dir, objectives, time_limit=None, max_points=None, extension=false,
    localities=false, all_towns=false, matrix=None, matrix_format=None, matrix_field=None,
    matrix_snap_km=None, pt_matrix=None, scenario=None, lock=Vec::new(), forbid=Vec::new()))]
#[allow(clippy::too_many_arguments)]
pub fn front<'py>(
    py: Python<'py>,
    dir: PathBuf,
    objectives: Vec<String>,
    time_limit: Option<f64>,
    max_points: Option<usize>,
    extension: bool,
    localities: bool,
    all_towns: bool,
    matrix: Option<PathBuf>,
    matrix_format: Option<&str>,
    matrix_field: Option<String>,
    matrix_snap_km: Option<f64>,
    pt_matrix: Option<PathBuf>,
    scenario: Option<String>,
    lock: Vec<String>,
    forbid: Vec<String>,
) -> PyResult<Bound<'py, PyAny>> {
    // the CLI's own parser: the same names, checks and messages
    let objectives = Objective::parse_list(&objectives.join(",")).map_err(to_py)?;
    if max_points == Some(0) {
        return Err(parameter("max_points must be at least 1"));
    }
    let options = StudyOptions {
        catalogue: CatalogueOptions {
            extension,
            localities,
            all_towns,
            matrix_options: matrix_options(
                matrix.is_some(),
                matrix_format,
                matrix_field,
                matrix_snap_km,
            )?,
            matrix,
            pt_matrix,
            scenario: None,
        },
        scenario,
        lock,
        forbid,
    };
    let run = ParetoOptions {
        time_limit,
        max_points,
        slabs: None,
    };
    let set = interruptible::run(py, move || {
        study::run(&dir, &objectives, &options, &run, &|_| {})
    })?
    .map_err(to_py)?;
    Ok(pythonize::pythonize(py, &set)?)
}

/// Objective name → the name of its readable column in `pareto.csv` (`access` →
/// `access_avg_min`), for the objectives whose readable value differs from the natural one.
#[pyfunction]
pub fn readable_columns(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let out = PyDict::new(py);
    for o in objective::ALL {
        if let Some(column) = o.readable_column() {
            out.set_item(o.name(), column)?;
        }
    }
    Ok(out)
}

/// Writes `set` (as returned by [`front`]) to `dir` as `impuls pareto -o DIR` does:
/// `proposals.json`, `pareto.csv`, `proposals.csv`, `allocation.geojson`, `report.html`.
#[pyfunction]
pub fn write_proposals(set: &Bound<'_, PyAny>, dir: PathBuf) -> PyResult<()> {
    let set: ProposalSet = pythonize::depythonize(set).map_err(|e| parameter(e.to_string()))?;
    pareto::write::write_all(&dir, &set).map_err(to_py)
}
