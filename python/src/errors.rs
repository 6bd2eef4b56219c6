//! `impuls::Error` → Python exceptions.
//!
//! The exception classes live in `impuls/_errors.py` (so that they can also derive from
//! `ValueError` or `OSError`); each variant of the library's error maps to one of them and
//! carries the library's one-line message, the same line the CLI prints after `error: `.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;

/// The name of the Python class (in `impuls._errors`) raised for `e`.
fn class_name(e: &impuls::Error) -> &'static str {
    match e {
        impuls::Error::Io { .. } => "IoError",
        impuls::Error::Input { .. } => "InputError",
        impuls::Error::Parameter(_) => "ParameterError",
        impuls::Error::Infeasible(_) => "InfeasibleError",
        impuls::Error::Solver(_) => "SolverError",
        impuls::Error::Verification(_) => "VerificationError",
        impuls::Error::TooLarge(_) => "TooLargeError",
        // a variant added later still arrives as the common base class
        _ => "ImpulsError",
    }
}

/// The Python exception of class `name` (in `impuls._errors`) with `message`.
pub fn raise(name: &str, message: String) -> PyErr {
    Python::attach(|py| {
        let class = py
            .import("impuls._errors")
            .and_then(|module| module.getattr(name));
        match class {
            Ok(class) => match class.call1((message.clone(),)) {
                Ok(value) => PyErr::from_value(value),
                Err(e) => e,
            },
            // the extension used without its Python half (never in an installed package)
            Err(_) => PyRuntimeError::new_err(message),
        }
    })
}

/// A library error as the matching Python exception.
pub fn to_py(e: impuls::Error) -> PyErr {
    raise(class_name(&e), e.to_string())
}

/// A parameter error of the bindings themselves (array shapes, names), as `ParameterError`.
pub fn parameter(message: impl Into<String>) -> PyErr {
    to_py(impuls::Error::Parameter(message.into()))
}
