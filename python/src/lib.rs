//! The extension module `impuls._impuls`: the Rust half of the Python package `impuls`.
//!
//! It is deliberately thin: instances in and out ([`instance`]), one solve ([`solve`]) with the
//! fractional allocations of attendance and market share ([`allocated`]), the Pareto
//! proposals ([`pareto`]), errors as Python exceptions ([`errors`]) and the worker
//! thread that releases the GIL and honours Ctrl-C ([`interruptible`]). Everything users see
//! (the model classes, results as DataFrames) is Python, in `impuls/`.

mod allocated;
mod errors;
mod instance;
mod interruptible;
mod pareto;
mod solve;

use pyo3::prelude::*;

#[pymodule]
fn _impuls(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<instance::Instance>()?;
    m.add_function(wrap_pyfunction!(solve::solve, m)?)?;
    m.add_function(wrap_pyfunction!(pareto::front, m)?)?;
    m.add_function(wrap_pyfunction!(pareto::write_proposals, m)?)?;
    m.add_function(wrap_pyfunction!(pareto::readable_columns, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
