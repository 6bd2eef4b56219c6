//! São José dos Campos MCLP instances against `computed_optima_highs.csv` (values computed with
//! HiGHS by the data's curator, not published ones; real-valued Euclidean, covered iff d ≤ S).

use super::{check_only, solved, Row};
use crate::error::Result;
use crate::instance::{catalogue, sjc};
use crate::model::{ModelKind, Problem};
use crate::solve::{solve, SolveOptions};
use serde::Deserialize;
use std::path::Path;
use std::time::Instant;

/// One MCLP reference row: instance, radius S, p, maximal covered demand.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    /// Instance name (`SJC324`); the file is `DIR/<instance>.txt`.
    pub instance: String,
    /// Coverage radius S (metres).
    pub radius: f64,
    /// Facilities.
    pub p: usize,
    /// Maximal covered demand.
    pub value: f64,
}

/// A line of `computed_optima_highs.csv` (LSCP lines have no p).
#[derive(Deserialize)]
struct Record {
    instance: String,
    problem: String,
    #[serde(rename = "S")]
    radius: f64,
    p: Option<usize>,
    value: f64,
}

/// The MCLP rows of `DIR/computed_optima_highs.csv`, filtered by instance names, radii and p
/// values when those lists are non-empty (LSCP rows are skipped).
///
/// ```no_run
/// let refs = impuls::bench::mclp::references("mclp".as_ref(), &["SJC324".into()], &[800.0], &[]).unwrap();
/// assert_eq!(refs.len(), 4);
/// ```
pub fn references(
    dir: &Path,
    only: &[String],
    radii: &[f64],
    ps: &[usize],
) -> Result<Vec<Reference>> {
    let path = dir.join("computed_optima_highs.csv");
    let out: Vec<Reference> = catalogue::rows::<Record>(&path)?
        .into_iter()
        .filter_map(|(_, r)| match (r.problem.as_str(), r.p) {
            ("MCLP", Some(p)) => Some(Reference {
                instance: r.instance,
                radius: r.radius,
                p,
                value: r.value,
            }),
            _ => None,
        })
        .filter(|r| {
            (only.is_empty() || only.contains(&r.instance))
                && (radii.is_empty() || radii.contains(&r.radius))
                && (ps.is_empty() || ps.contains(&r.p))
        })
        .collect();
    check_only(&path, only, |name| out.iter().any(|r| r.instance == name))?;
    Ok(out)
}

/// Solves one reference row and compares with its value.
pub fn run_one(dir: &Path, r: &Reference, options: &SolveOptions) -> Result<Row> {
    let clock = Instant::now();
    let instance = sjc::read(&dir.join(format!("{}.txt", r.instance)))?;
    instance.validate()?;
    let problem = Problem::new(ModelKind::Mclp)
        .with_p(r.p)
        .with_radius(r.radius);
    let sol = solve(&instance, &problem, options)?;
    let n = instance.demand.len();
    Ok(solved(
        &r.instance,
        n,
        r.p,
        Some(r.radius),
        r.value,
        &sol,
        clock,
    ))
}
