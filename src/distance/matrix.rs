//! Explicit impedance tables: graph shortest paths (OR-Library) or a travel-time matrix CSV.

use crate::error::{Error, Result};
use rustc_hash::FxHashMap;
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
    /// `to` are site ids. Pairs not listed are unreachable. A pair listed twice keeps the last value.
    pub fn read_csv(path: &Path, demand_ids: &[String], site_ids: &[String]) -> Result<Self> {
        let demand: FxHashMap<&str, usize> = demand_ids
            .iter()
            .enumerate()
            .map(|(i, s)| (s.as_str(), i))
            .collect();
        let sites: FxHashMap<&str, usize> = site_ids
            .iter()
            .enumerate()
            .map(|(j, s)| (s.as_str(), j))
            .collect();
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_path(path)
            .map_err(|e| Error::io(path, std::io::Error::other(e.to_string())))?;
        let headers = reader
            .headers()
            .map_err(|e| Error::input(path, "header", e.to_string()))?
            .clone();
        let col = |names: &[&str]| {
            headers
                .iter()
                .position(|h| names.contains(&h.to_lowercase().as_str()))
        };
        let (Some(cf), Some(ct), Some(cv)) = (
            col(&["from", "origin", "demand"]),
            col(&["to", "destination", "site"]),
            col(&["minutes", "time", "value", "impedance", "distance", "cost"]),
        ) else {
            return Err(Error::input(
                path,
                "header",
                "expected columns from,to,minutes",
            ));
        };
        let mut map: FxHashMap<(u32, u32), f64> = FxHashMap::default();
        for (k, record) in reader.records().enumerate() {
            let row = k + 2;
            let record =
                record.map_err(|e| Error::input(path, format!("row {row}"), e.to_string()))?;
            if record.len() != headers.len() {
                return Err(Error::input(
                    path,
                    format!("row {row}"),
                    format!("expected {} columns, found {}", headers.len(), record.len()),
                ));
            }
            let from = &record[cf];
            let to = &record[ct];
            let i = *demand.get(from).ok_or_else(|| {
                Error::input(
                    path,
                    format!("row {row}"),
                    format!("unknown demand id '{from}'"),
                )
            })?;
            let j = *sites.get(to).ok_or_else(|| {
                Error::input(
                    path,
                    format!("row {row}"),
                    format!("unknown site id '{to}'"),
                )
            })?;
            let v: f64 = record[cv].parse().map_err(|_| {
                Error::input(
                    path,
                    format!("row {row}"),
                    format!("'{}' is not a number", &record[cv]),
                )
            })?;
            if !v.is_finite() || v < 0.0 {
                return Err(Error::input(
                    path,
                    format!("row {row}"),
                    format!("impedance {v} must be finite and ≥ 0"),
                ));
            }
            map.insert((i as u32, j as u32), v);
        }
        let mut rows = vec![Vec::new(); demand_ids.len()];
        for ((i, j), v) in map {
            rows[i as usize].push((j, v));
        }
        Ok(Self::from_rows(rows))
    }
}
