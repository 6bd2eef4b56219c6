//! Explicit impedance tables: graph shortest paths (OR-Library) or a travel-time matrix file
//! (read in [`matrix_read`](super::matrix_read)).

use super::{Endpoint, MatrixFormat, MatrixOptions};
use crate::error::Result;
use std::path::Path;

/// Impedance from each demand point to the sites it can reach, stored row by row and sorted by
/// site index, so a lookup is a binary search and missing pairs mean "unreachable".
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DistanceMatrix {
    rows: Vec<Vec<(u32, f64)>>,
}

impl DistanceMatrix {
    /// A matrix from rows of `(site index, impedance)`; rows are sorted here.
    pub fn from_rows(mut rows: Vec<Vec<(u32, f64)>>) -> Self {
        for r in &mut rows {
            r.sort_by_key(|&(j, _)| j);
        }
        DistanceMatrix { rows }
    }

    /// A complete matrix from a dense row-major table of `n_demand × n_sites`.
    pub fn from_dense(n_sites: usize, values: &[f64]) -> Self {
        let rows = values
            .chunks(n_sites)
            .map(|r| {
                r.iter()
                    .enumerate()
                    .filter(|(_, v)| v.is_finite())
                    .map(|(j, &v)| (j as u32, v))
                    .collect()
            })
            .collect();
        DistanceMatrix { rows }
    }

    /// Impedance from demand `i` to site `j`, `None` if the pair is absent.
    pub fn get(&self, i: usize, j: usize) -> Option<f64> {
        let row = self.rows.get(i)?;
        row.binary_search_by_key(&(j as u32), |&(s, _)| s)
            .ok()
            .map(|k| row[k].1)
    }

    /// The reachable sites of demand `i` with their impedance, by site index.
    pub fn row(&self, i: usize) -> &[(u32, f64)] {
        self.rows.get(i).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Number of demand rows.
    pub fn n_rows(&self) -> usize {
        self.rows.len()
    }

    /// Number of stored pairs.
    pub fn n_pairs(&self) -> usize {
        self.rows.iter().map(Vec::len).sum()
    }

    /// Reads a long-format travel-time CSV (`from,to,minutes`) whose `from` are demand ids and
    /// `to` are site ids. Pairs not listed are unreachable. A pair listed twice keeps the last
    /// value. [`DistanceMatrix::read`] reads this and the formats of routing engines.
    pub fn read_csv(path: &Path, demand_ids: &[String], site_ids: &[String]) -> Result<Self> {
        let options = MatrixOptions {
            format: Some(MatrixFormat::Csv),
            ..MatrixOptions::default()
        };
        Self::read(path, &by_id(demand_ids), &by_id(site_ids), &options)
    }
}

/// Endpoints known by id only (no coordinates).
fn by_id(ids: &[String]) -> Vec<Endpoint<'_>> {
    ids.iter()
        .map(|id| Endpoint { id, lon_lat: None })
        .collect()
}
