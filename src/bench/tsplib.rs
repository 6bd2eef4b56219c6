//! TSPLIB p-median instances against `values.csv` (Durán-Mateluna, Alès & Elloumi 2023;
//! floor-Euclidean distances).

use super::{check_only, solved, Row};
use crate::error::{Error, Result};
use crate::instance::{tsplib, Metric, ReadOptions};
use crate::model::{ModelKind, Problem};
use crate::solve::{solve, SolveOptions};
use std::path::Path;
use std::time::Instant;

/// One reference row: instance, coordinates file, p, reference value.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    /// Instance name.
    pub instance: String,
    /// File with the coordinates, relative to the directory.
    pub file: String,
    /// Facilities.
    pub p: usize,
    /// Published value.
    pub value: f64,
}

/// Rows of `DIR/values.csv` with floor-Euclidean distances, filtered by instance names and p
/// values when those lists are non-empty.
pub fn references(dir: &Path, only: &[String], ps: &[usize]) -> Result<Vec<Reference>> {
    let path = dir.join("values.csv");
    let mut reader = csv::Reader::from_path(&path).map_err(|e| Error::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    let headers = reader
        .headers()
        .map_err(|e| Error::input(&path, "header", e.to_string()))?
        .clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| Error::input(&path, "header", format!("missing column '{name}'")))
    };
    let (ci, cp, cv, cd, cf) = (
        col("instance")?,
        col("p")?,
        col("value")?,
        col("distance")?,
        col("coords_file")?,
    );
    let mut out = Vec::new();
    for (k, rec) in reader.records().enumerate() {
        let place = format!("row {}", k + 2);
        let rec = rec.map_err(|e| Error::input(&path, &place, e.to_string()))?;
        let field = |c: usize| rec.get(c).unwrap_or_default().trim().to_string();
        if field(cd) != "floor-euclidean" {
            continue;
        }
        let p: usize = field(cp).parse().map_err(|_| {
            Error::input(&path, &place, format!("p '{}' is not a number", field(cp)))
        })?;
        let value: f64 = field(cv).parse().map_err(|_| {
            Error::input(
                &path,
                &place,
                format!("value '{}' is not a number", field(cv)),
            )
        })?;
        let name = field(ci);
        if (only.is_empty() || only.contains(&name)) && (ps.is_empty() || ps.contains(&p)) {
            out.push(Reference {
                instance: name,
                file: field(cf),
                p,
                value,
            });
        }
    }
    check_only(&path, only, |name| out.iter().any(|r| r.instance == name))?;
    Ok(out)
}

/// Solves one reference row (floor-Euclidean distances) and compares with its value.
pub fn run_one(dir: &Path, r: &Reference, options: &SolveOptions) -> Result<Row> {
    let clock = Instant::now();
    let instance = tsplib::read(
        &dir.join(&r.file),
        &ReadOptions {
            metric: Some(Metric::Floor),
            crs: None,
        },
    )?;
    instance.validate()?;
    let sol = solve(
        &instance,
        &Problem::new(ModelKind::PMedian).with_p(r.p),
        options,
    )?;
    let n = instance.demand.len();
    Ok(solved(&r.instance, n, r.p, None, r.value, &sol, clock))
}
