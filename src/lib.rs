//! # impuls — exact location-allocation on HiGHS
//!
//! The pipeline, one module per stage:
//! [`instance`] (formats, validation) → [`distance`] (metrics, R-tree candidate lists, graphs,
//! matrices) → [`model`] (formulations) → [`solve`] (HiGHS, heuristics, bounds, verification)
//! → [`pareto`] → [`report`].
//!
//! ```no_run
//! use impuls::{instance, model::{Problem, ModelKind}, solve::{solve, SolveOptions}};
//! let inst = instance::read("instances/demo/demo.json".as_ref(), None, &Default::default()).unwrap();
//! let problem = Problem::new(ModelKind::PMedian).with_p(3);
//! let result = solve(&inst, &problem, &SolveOptions::default()).unwrap();
//! println!("{} {:?}", result.status, result.objective);
//! ```

pub mod bench;
pub mod distance;
pub mod error;
pub mod instance;
pub mod model;
pub mod output;
pub mod pareto;
pub mod report;
pub mod solve;

pub use error::{Error, Result};
