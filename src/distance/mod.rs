//! Distances: metrics, explicit matrices (and the matrix files of routing engines), graph
//! shortest paths and the sparse candidate lists (built with an R-tree) that the models are
//! formulated over.

pub mod candidates;
pub mod graph;
mod long_csv;
pub mod matrix;
pub mod matrix_read;
pub mod metric;
mod osrm;
pub mod rtree;
pub mod transit;

pub use candidates::{CandidateLists, Scope};
pub use matrix::DistanceMatrix;
pub use matrix_read::{Endpoint, MatrixFormat, MatrixOptions};
