//! Distances: metrics, explicit matrices, graph shortest paths and the sparse candidate lists
//! (built with an R-tree) that the models are formulated over.

pub mod candidates;
pub mod graph;
pub mod matrix;
pub mod metric;
pub mod rtree;
pub mod transit;

pub use candidates::{CandidateLists, Scope};
pub use matrix::DistanceMatrix;
