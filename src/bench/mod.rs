//! Reference benchmarks with known optima: each row compares what impuls finds and proves with
//! the published value.

pub mod harz;
pub mod mclp;
pub mod orlib;
pub mod tsplib;

use crate::error::{Error, Result};
use crate::solve::Solution;
use serde::Serialize;
use std::path::Path;
use std::time::Instant;

/// One benchmark row.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// Instance name.
    pub instance: String,
    /// Demand points.
    pub n: usize,
    /// Facilities.
    pub p: usize,
    /// Coverage radius (covering models only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub radius: Option<f64>,
    /// Published value.
    pub reference: f64,
    /// Verified objective found.
    pub found: Option<f64>,
    /// Proven bound.
    pub bound: Option<f64>,
    /// Relative gap.
    pub gap: Option<f64>,
    /// Wall-clock seconds (reading, distances and solving).
    pub seconds: f64,
    /// Status.
    pub status: String,
}

impl Row {
    /// Whether the row reproduces its reference value with a proof of optimality.
    pub fn reproduced(&self) -> bool {
        self.status == "optimal"
            && self
                .found
                .is_some_and(|f| (f - self.reference).abs() <= 1e-6 * self.reference.abs().max(1.0))
    }
}

/// Renders rows as an aligned text table with a total line; a `radius` column appears when a
/// row has a radius.
pub fn table(rows: &[Row], reference_name: &str) -> String {
    let with_radius = rows.iter().any(|r| r.radius.is_some());
    let radius = |v: &str| {
        if with_radius {
            format!(" {v:>7}")
        } else {
            String::new()
        }
    };
    let mut out = format!(
        "{:<10} {:>6} {:>5}{} {:>12} {:>12} {:>12} {:>8} {:>8}  {}\n",
        "instance",
        "n",
        "p",
        radius("radius"),
        reference_name,
        "found",
        "bound",
        "gap",
        "seconds",
        "status"
    );
    let fmt = |v: Option<f64>| v.map_or("-".to_string(), |x| format!("{x}"));
    for r in rows {
        out += &format!(
            "{:<10} {:>6} {:>5}{} {:>12} {:>12} {:>12} {:>8} {:>8.2}  {}{}\n",
            r.instance,
            r.n,
            r.p,
            radius(&fmt(r.radius)),
            r.reference,
            fmt(r.found),
            fmt(r.bound),
            r.gap.map_or("-".into(), |g| format!("{:.4}%", g * 100.0)),
            r.seconds,
            r.status,
            if r.reproduced() { "" } else { "  (!)" }
        );
    }
    let total: f64 = rows.iter().map(|r| r.seconds).sum();
    let ok = rows.iter().filter(|r| r.reproduced()).count();
    out += &format!(
        "total {:.1} s; {ok}/{} reference values reproduced and proven optimal\n",
        total,
        rows.len()
    );
    out
}

/// A row for the verified solution `sol` of instance `name` (n demand points) against
/// `reference`, timed from `clock`.
pub(crate) fn solved(
    name: &str,
    n: usize,
    p: usize,
    radius: Option<f64>,
    reference: f64,
    sol: &Solution,
    clock: Instant,
) -> Row {
    Row {
        instance: name.to_string(),
        n,
        p,
        radius,
        reference,
        found: sol.objective,
        bound: sol.bound,
        gap: sol.gap,
        seconds: clock.elapsed().as_secs_f64(),
        status: sol.status.to_string(),
    }
}

/// An error naming the first instance of `only` that `listed` does not know.
pub(crate) fn check_only(
    path: &Path,
    only: &[String],
    listed: impl Fn(&str) -> bool,
) -> Result<()> {
    match only.iter().find(|o| !listed(o)) {
        Some(missing) => Err(Error::Parameter(format!(
            "{}: no rows for instance '{missing}'",
            path.display()
        ))),
        None => Ok(()),
    }
}
