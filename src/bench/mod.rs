//! Reference benchmarks with known optima: each row compares what impuls finds and proves with
//! the published value.

pub mod orlib;
pub mod tsplib;

use serde::Serialize;

/// One benchmark row.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// Instance name.
    pub instance: String,
    /// Demand points.
    pub n: usize,
    /// Facilities.
    pub p: usize,
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

/// Renders rows as an aligned text table with a total line.
pub fn table(rows: &[Row], reference_name: &str) -> String {
    let mut out = format!(
        "{:<10} {:>6} {:>5} {:>12} {:>12} {:>12} {:>8} {:>8}  {}\n",
        "instance", "n", "p", reference_name, "found", "bound", "gap", "seconds", "status"
    );
    let fmt = |v: Option<f64>| v.map_or("-".to_string(), |x| format!("{x}"));
    for r in rows {
        out += &format!(
            "{:<10} {:>6} {:>5} {:>12} {:>12} {:>12} {:>8} {:>8.2}  {}{}\n",
            r.instance,
            r.n,
            r.p,
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
