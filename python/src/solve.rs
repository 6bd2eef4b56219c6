//! `impuls._impuls.solve`: one model on one instance, verified, as a dict of plain values and
//! NumPy arrays that `impuls/_result.py` turns into DataFrames.

use crate::allocated::allocated;
use crate::errors::{parameter, to_py};
use crate::instance::{by_cli_name, Instance};
use crate::interruptible;
use impuls::model::Problem;
use impuls::solve::{solve as solve_instance, SolveOptions};
use numpy::PyArray1;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::sync::Arc;

/// Solves `problem` (a dict of `impuls::model::Problem`'s fields: `kind` = `pmedian`,
/// `pcenter`, `mclp`, `lscp`, `attendance`, `market-share` or `target-share`, `p`, `radius`,
/// `cutoff`, `decay` = {`kind`, `param`}, `target_share`) on `instance`.
///
/// Returns a dict: `model`, `status`, `objective`, `bound`, `gap`, `seconds`, `verified`, `p`,
/// `radius`, `unallocated`, `share`, `open` (site indices), `assignment` (site index per
/// demand point, −1 = none), `impedance` (to the assigned site, NaN = none), `stats`, and for
/// attendance and the market-share models `allocated` (weight per demand point) and
/// `site_allocated` (weight per site; see `allocated.rs`), else None.
#[pyfunction]
#[pyo3(signature = (instance, problem, time_limit=None, gap=0.0, threads=1, method="auto", log=false))]
#[allow(clippy::too_many_arguments)]
pub fn solve<'py>(
    py: Python<'py>,
    instance: &Instance,
    problem: &Bound<'py, PyAny>,
    time_limit: Option<f64>,
    gap: f64,
    threads: usize,
    method: &str,
    log: bool,
) -> PyResult<Bound<'py, PyDict>> {
    // the library's own names and fields: a new kind or parameter needs no change here
    let problem: Problem = pythonize::depythonize(problem).map_err(|e| parameter(e.to_string()))?;
    if !(gap.is_finite() && gap >= 0.0) {
        return Err(parameter(format!("gap {gap} must be ≥ 0")));
    }
    if let Some(t) = time_limit {
        if t.is_nan() || t < 0.0 {
            return Err(parameter(format!("time_limit {t} must be ≥ 0")));
        }
    }
    let options = SolveOptions {
        time_limit,
        gap,
        threads: threads.max(1),
        log,
        method: by_cli_name("method", method)?,
        ..SolveOptions::default()
    };
    let inst = Arc::clone(&instance.inner);
    let job_inst = Arc::clone(&inst);
    let (sol, shares) = interruptible::run(py, move || {
        let sol = solve_instance(&job_inst, &problem, &options)?;
        let shares = allocated(&job_inst, &problem, &sol)?;
        Ok::<_, impuls::Error>((sol, shares))
    })?
    .map_err(to_py)?;
    let impedance: Vec<f64> = sol
        .assignment
        .iter()
        .enumerate()
        .map(|(i, a)| a.and_then(|j| inst.impedance(i, j)).unwrap_or(f64::NAN))
        .collect();
    let assignment: Vec<i64> = sol
        .assignment
        .iter()
        .map(|a| a.map_or(-1, |j| j as i64))
        .collect();
    let open: Vec<i64> = sol.open.iter().map(|&j| j as i64).collect();
    let out = PyDict::new(py);
    out.set_item("model", sol.model.name())?;
    out.set_item("status", sol.status.to_string())?;
    out.set_item("objective", sol.objective)?;
    out.set_item("bound", sol.bound)?;
    out.set_item("gap", sol.gap)?;
    out.set_item("seconds", sol.seconds)?;
    out.set_item("verified", sol.verified)?;
    out.set_item("p", sol.p)?;
    out.set_item("radius", sol.radius)?;
    out.set_item("unallocated", sol.unallocated)?;
    out.set_item("share", sol.share)?;
    out.set_item("open", PyArray1::from_vec(py, open))?;
    out.set_item("assignment", PyArray1::from_vec(py, assignment))?;
    out.set_item("impedance", PyArray1::from_vec(py, impedance))?;
    out.set_item("stats", pythonize::pythonize(py, &sol.stats)?)?;
    match shares {
        Some(a) => {
            out.set_item("allocated", PyArray1::from_vec(py, a.demand))?;
            out.set_item("site_allocated", PyArray1::from_vec(py, a.sites))?;
        }
        None => {
            out.set_item("allocated", py.None())?;
            out.set_item("site_allocated", py.None())?;
        }
    }
    Ok(out)
}
