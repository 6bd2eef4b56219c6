//! OR-Library pmed1–40 against `optima.csv`.

use super::{check_only, solved, Row};
use crate::error::{Error, Result};
use crate::instance::orlib;
use crate::model::{ModelKind, Problem};
use crate::solve::{solve, SolveOptions};
use std::path::Path;
use std::time::Instant;

/// `(instance, n, p, optimum)` rows of `DIR/optima.csv`, filtered by `only` when non-empty.
pub fn optima(dir: &Path, only: &[String]) -> Result<Vec<(String, usize, usize, f64)>> {
    let path = dir.join("optima.csv");
    let mut reader = csv::Reader::from_path(&path).map_err(|e| Error::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    let mut rows = Vec::new();
    for (k, rec) in reader.records().enumerate() {
        let place = format!("row {}", k + 2);
        let rec = rec.map_err(|e| Error::input(&path, &place, e.to_string()))?;
        let num = |c: usize| -> Result<f64> {
            rec.get(c)
                .and_then(|s| s.trim().parse().ok())
                .ok_or_else(|| {
                    Error::input(&path, &place, format!("column {} is not a number", c + 1))
                })
        };
        let name = rec.get(0).unwrap_or_default().trim().to_string();
        if only.is_empty() || only.iter().any(|o| o == &name) {
            rows.push((name, num(1)? as usize, num(2)? as usize, num(3)?));
        }
    }
    check_only(&path, only, |name| rows.iter().any(|r| r.0 == name))?;
    Ok(rows)
}

/// Solves one pmed instance and compares with its optimum.
pub fn run_one(dir: &Path, name: &str, optimum: f64, options: &SolveOptions) -> Result<Row> {
    let clock = Instant::now();
    let (instance, p) = orlib::read_with_p(&dir.join(format!("{name}.txt")))?;
    instance.validate()?;
    let sol = solve(
        &instance,
        &Problem::new(ModelKind::PMedian).with_p(p),
        options,
    )?;
    let n = instance.demand.len();
    Ok(solved(name, n, p, None, optimum, &sol, clock))
}
