//! `impuls._impuls.pareto`: the exact Pareto proposals of a function-allocation catalogue
//! (`impuls pareto`), returned as the library's `ProposalSet` in plain Python values, and
//! `write_proposals`, which writes the CLI's output files from such a set.

use crate::errors::{parameter, to_py};
use crate::interruptible;
use impuls::instance::catalogue::{self, CatalogueOptions};
use impuls::pareto::{self, objective::Objective, proposal::ProposalSet, ParetoOptions};
use pyo3::prelude::*;
use std::path::PathBuf;

/// The nondominated proposals of the catalogue directory `dir` for 2 or 3 `objectives`, and the
/// status quo; a dict of `impuls::pareto::proposal::ProposalSet`'s fields.
#[pyfunction(name = "pareto")]
#[pyo3(signature = (dir, objectives, time_limit=None, max_points=None, extension=false,
    localities=false, all_towns=false, matrix=None, pt_matrix=None, scenario=None))]
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
    pt_matrix: Option<PathBuf>,
    scenario: Option<String>,
) -> PyResult<Bound<'py, PyAny>> {
    // the CLI's own parser: the same names, checks and messages
    let objectives = Objective::parse_list(&objectives.join(",")).map_err(to_py)?;
    if max_points == Some(0) {
        return Err(parameter("max_points must be at least 1"));
    }
    let options = CatalogueOptions {
        extension,
        localities,
        all_towns,
        matrix,
        pt_matrix,
        scenario,
        ..CatalogueOptions::default()
    };
    let run = ParetoOptions {
        time_limit,
        max_points,
        slabs: None,
    };
    let set = interruptible::run(py, move || {
        let cat = catalogue::read(&dir, &options)?;
        pareto::run(&cat, &objectives, &run, &|_| {})
    })?
    .map_err(to_py)?;
    Ok(pythonize::pythonize(py, &set)?)
}

/// Writes `set` (as returned by [`front`]) to `dir` as `impuls pareto -o DIR` does:
/// `proposals.json`, `pareto.csv`, `proposals.csv`, `allocation.geojson`, `report.html`.
#[pyfunction]
pub fn write_proposals(set: &Bound<'_, PyAny>, dir: PathBuf) -> PyResult<()> {
    let set: ProposalSet = pythonize::depythonize(set).map_err(|e| parameter(e.to_string()))?;
    pareto::write::write_all(&dir, &set).map_err(to_py)
}
