//! The Harz Pareto fronts as a speed benchmark (`impuls bench harz`): each objective set is
//! computed completely a few times; the rows give the number of points and lexicographic
//! solves, the median wall-clock and CPU seconds and whether every run returned the same front.
//! A speed target belongs here, not into a timed test (the machine may be shared).

use crate::error::{Error, Result};
use crate::instance::catalogue::{read, CatalogueOptions};
use crate::pareto::objective::Objective;
use crate::pareto::{self, ParetoOptions};
use serde::Serialize;
use std::path::Path;
use std::time::Instant;

/// The objective sets of the README's "Harz Pareto fronts" table; the first is the default
/// front of `impuls pareto` and `make demo`.
pub const README_SETS: [&str; 5] = [
    "access,balance,change",
    "access,balance,synergy",
    "balance,change,synergy",
    "access,change,equity",
    "access,coverage,equity",
];

/// One benchmark row: an objective set computed `runs` times.
#[derive(Debug, Clone, Serialize)]
pub struct FrontRow {
    /// The objectives, comma-separated.
    pub objectives: String,
    /// Nondominated points (of the first run).
    pub points: usize,
    /// Lexicographic solves that reached HiGHS (first run).
    pub solves: usize,
    /// Wall-clock seconds of each run (front computation, verification and proposals; the
    /// catalogue is read once before).
    pub wall: Vec<f64>,
    /// CPU seconds of each run, summed over all threads.
    pub cpu: Vec<f64>,
    /// Whether every run returned the complete front with the same objective vectors.
    pub same_front: bool,
}

impl FrontRow {
    /// Median wall-clock seconds.
    pub fn wall_median(&self) -> f64 {
        median(&self.wall)
    }

    /// Median CPU seconds.
    pub fn cpu_median(&self) -> f64 {
        median(&self.cpu)
    }
}

/// The median (mean of the two middle values for an even count; 0 for none).
///
/// ```
/// assert_eq!(impuls::bench::harz::median(&[3.0, 1.0, 2.0]), 2.0);
/// assert_eq!(impuls::bench::harz::median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
/// ```
pub fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    match v.len() {
        0 => 0.0,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

/// CPU seconds used so far by this process (all threads, user and system).
fn cpu_seconds() -> f64 {
    // SAFETY: getrusage writes into the zeroed struct we own.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let status = unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    if status != 0 {
        return f64::NAN;
    }
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 * 1e-6;
    seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// Computes the complete front of `objectives` on the catalogue in `dir` `runs` times.
/// `progress` is called after each run with the row so far.
pub fn run_front(
    dir: &Path,
    objectives: &str,
    runs: usize,
    progress: &dyn Fn(&FrontRow),
) -> Result<FrontRow> {
    let cat = read(dir, &CatalogueOptions::default())?;
    let chosen = Objective::parse_list(objectives)?;
    let mut row = FrontRow {
        objectives: objectives.to_string(),
        points: 0,
        solves: 0,
        wall: Vec::new(),
        cpu: Vec::new(),
        same_front: true,
    };
    let mut first: Option<Vec<Vec<f64>>> = None;
    for _ in 0..runs.max(1) {
        let (clock, cpu) = (Instant::now(), cpu_seconds());
        let front = pareto::run(&cat, &chosen, &ParetoOptions::default(), &|_| {})?;
        row.wall.push(clock.elapsed().as_secs_f64());
        row.cpu.push(cpu_seconds() - cpu);
        if crate::solve::interrupt::requested() {
            return Err(Error::Parameter("interrupted".into()));
        }
        // the chosen objectives' values of every proposal, in front order
        let vectors: Vec<Vec<f64>> = front
            .proposals
            .iter()
            .map(|p| chosen.iter().map(|o| p.objectives[o.name()]).collect())
            .collect();
        match &first {
            None => {
                row.points = vectors.len();
                row.solves = front.solves;
                first = Some(vectors);
            }
            Some(f) => row.same_front &= *f == vectors,
        }
        row.same_front &= front.complete;
        progress(&row);
    }
    Ok(row)
}

/// Renders rows as a table with medians and ranges.
pub fn table(rows: &[FrontRow]) -> String {
    let mut out = format!(
        "{:<26} {:>6} {:>6} {:>5} {:>22} {:>8}  {}\n",
        "objectives", "points", "solves", "runs", "wall s median (range)", "CPU s", "front"
    );
    for r in rows {
        let (lo, hi) = r
            .wall
            .iter()
            .fold((f64::INFINITY, 0.0f64), |(l, h), &w| (l.min(w), h.max(w)));
        out += &format!(
            "{:<26} {:>6} {:>6} {:>5} {:>22} {:>8.1}  {}\n",
            r.objectives,
            r.points,
            r.solves,
            r.wall.len(),
            format!("{:.2} ({:.2}–{:.2})", r.wall_median(), lo, hi),
            r.cpu_median(),
            if r.same_front {
                "same in every run"
            } else {
                "DIFFERS or incomplete (!)"
            }
        );
    }
    out
}
