//! The result of a solve and its status.

use crate::model::ModelKind;
use serde::Serialize;

/// How a solve ended. `Optimal` only with a closed gap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Status {
    /// Verified objective equals the proven bound.
    Optimal,
    /// Stopped at the requested relative gap.
    GapLimit,
    /// Stopped by the time limit (objective and bound are what was found by then).
    TimeLimit,
    /// Stopped by Ctrl-C.
    Interrupted,
    /// No feasible solution exists.
    Infeasible,
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Status::Optimal => "optimal",
            Status::GapLimit => "gap_limit",
            Status::TimeLimit => "time_limit",
            Status::Interrupted => "interrupted",
            Status::Infeasible => "infeasible",
        })
    }
}

/// Model sizes and solver effort, for reports and benchmarks.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    /// (demand, site) pairs in the candidate lists.
    pub pairs: usize,
    /// MIP columns.
    pub columns: usize,
    /// MIP rows.
    pub rows: usize,
    /// Coverage groups (MCLP, LSCP: demand points with distinct covering sets) before reductions.
    pub groups: usize,
    /// Branch-and-bound nodes.
    pub nodes: i64,
    /// Seconds inside HiGHS.
    pub solver_seconds: f64,
    /// Pieces a large-p p-median fell apart into ([`super::pieces`]; 0 when it did not).
    pub pieces: usize,
    /// Pieces among them solved on their own (the others are translated copies).
    pub distinct_pieces: usize,
    /// Outer-approximation rounds of the market-share models (LP and MIP solves).
    #[serde(skip_serializing_if = "is_zero")]
    pub rounds: usize,
    /// Target share: whether the captured demand reported with the (proven) fewest sites is
    /// proven the largest with that many.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share_optimal: Option<bool>,
}

fn is_zero(v: &usize) -> bool {
    *v == 0
}

/// A verified solution (indices into the instance's sites and demand points).
#[derive(Debug, Clone, Serialize)]
pub struct Solution {
    /// Which model.
    pub model: ModelKind,
    /// How the solve ended.
    pub status: Status,
    /// Objective recomputed from the instance (None without a feasible solution).
    pub objective: Option<f64>,
    /// Best proven bound.
    pub bound: Option<f64>,
    /// Relative gap between objective and bound.
    pub gap: Option<f64>,
    /// Wall-clock seconds of the whole solve.
    pub seconds: f64,
    /// Open sites, by index.
    pub open: Vec<usize>,
    /// Serving site of every demand point, by index (None: not covered).
    pub assignment: Vec<Option<usize>>,
    /// Whether the solution passed the independent check.
    pub verified: bool,
    /// p, where the model has one.
    pub p: Option<usize>,
    /// Coverage radius, where the model has one.
    pub radius: Option<f64>,
    /// Weight of the demand points beyond the cutoff of every open site (models with a cutoff:
    /// p-median, attendance).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unallocated: Option<f64>,
    /// Captured demand as a share of the total weight (market share, target share).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
    /// The solver's own objective (equals `objective` except for relaxed sparse models).
    #[serde(skip)]
    pub model_objective: Option<f64>,
    /// Sizes and effort.
    pub stats: Stats,
}

impl Solution {
    /// A solution with nothing found yet.
    pub fn empty(model: ModelKind) -> Self {
        Solution {
            model,
            status: Status::TimeLimit,
            objective: None,
            bound: None,
            gap: None,
            seconds: 0.0,
            open: Vec::new(),
            assignment: Vec::new(),
            verified: false,
            p: None,
            radius: None,
            unallocated: None,
            share: None,
            model_objective: None,
            stats: Stats::default(),
        }
    }
}
