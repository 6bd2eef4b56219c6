//! The MCLP solved as a 0/1 p-median by the Benders branch-and-cut of [`super::benders`]
//! (docs/models.md, "MCLP by Benders").
//!
//! Each coverage group `g` left by the reductions (rows and folded single-site groups) becomes
//! one client of weight `W_g` whose list holds its covering sites at impedance 0 and whose
//! `beyond` charge is 1: its p-median cost is `W_g` when no covering site is open, else 0. So
//! the p-median cost of a decision is the uncovered weight, and
//! `covered = K + Σ_g W_g − cost` (K the weight of the required sites' groups). The Benders cut
//! of a client is `θ_g ≥ 1 − Σ_{j ∈ N_g} y_j`, the coverage row of the compact model: the
//! master's LP bound is the MCLP's LP bound, but only the rows that bind are ever added and the
//! tree re-solves a small LP per node instead of HiGHS's 10⁴-row one.

use super::benders::{self, BendersOutcome};
use super::heuristic::cover_swap::{site_groups, CoverState};
use super::heuristic::cover_vns::{cover_vns, CoverSpace, CoverVnsOptions};
use super::highs::RunOptions;
use crate::distance::CandidateLists;
use crate::error::Result;
use crate::instance::{DemandPoint, Instance};
use crate::model::mclp_reduce::Reduced;
use std::time::{Duration, Instant};

/// Solves the reduced MCLP `reduced` of `instance` with `p` sites from the feasible `start`.
/// The outcome is in covered weight (the constant `K` included): `objective` is the covered
/// weight of `open` in the reduced model and `bound` an upper bound on it (+∞ when stopped
/// before the first LP).
///
/// ```
/// use impuls::instance;
/// use impuls::model::{coverage::CoverageGroups, mclp_reduce::reduce};
/// use impuls::solve::{highs::RunOptions, mclp_benders::solve};
/// let inst = instance::read("instances/demo/demo.json".as_ref(), None, &Default::default()).unwrap();
/// let groups = CoverageGroups::within(&inst, 15.0);
/// let reduced = reduce(&groups, inst.sites.len(), &inst.required_sites());
/// let out = solve(&inst, &reduced, 2, &[0, 1], &RunOptions::default()).unwrap();
/// assert!(out.proven && out.objective == out.bound);
/// assert_eq!(out.open.len(), 2);
/// ```
pub fn solve(
    instance: &Instance,
    reduced: &Reduced,
    p: usize,
    start: &[usize],
    options: &RunOptions,
) -> Result<BendersOutcome> {
    let (sets, weights) = reduced.all_groups();
    let m = instance.sites.len();
    let clients = Instance {
        name: instance.name.clone(),
        source: instance.source.clone(),
        crs: instance.crs,
        impedance: instance.impedance,
        demand: weights
            .iter()
            .enumerate()
            .map(|(g, &w)| DemandPoint {
                id: format!("group {g}"),
                name: None,
                x: 0.0,
                y: 0.0,
                weight: w,
                load: None,
            })
            .collect(),
        sites: instance.sites.clone(),
        matrix: None,
    };
    let lists = CandidateLists::from_lists(
        sets.iter()
            .map(|s| s.iter().map(|&j| (j, 0.0)).collect())
            .collect(),
        vec![Some(1.0); sets.len()],
    );
    let required = instance.required_sites();
    let inv = site_groups(&sets, m);
    let mut is_required = vec![false; m];
    for &j in &required {
        is_required[j] = true;
    }
    let deadline = options
        .time_limit
        .map(|t| Instant::now() + Duration::from_secs_f64(t));
    // quick swaps for LP roundings; a VNS away from the sites the root closes for the incumbent
    let polish = |open: &[usize], closed: Option<&[bool]>| match closed {
        None => {
            let mut s = CoverState::new(&sets, &weights, &inv, &is_required, open);
            s.local_search();
            s.open_sites()
        }
        Some(closed) => {
            let space = CoverSpace {
                sets: &sets,
                weights: &weights,
                n_sites: m,
                fixed: &required,
                closed,
            };
            // at most half of what is left, as for the p-median's focused search
            let deadline = deadline.map(|d| {
                let now = Instant::now();
                now + d.saturating_duration_since(now) / 2
            });
            let vns = CoverVnsOptions {
                deadline,
                ..CoverVnsOptions::default()
            };
            cover_vns(&space, open, &vns).0
        }
    };
    let mut out = benders::solve_polished(&clients, &lists, p, start, options, Some(&polish))?;
    let total = reduced.constant + weights.iter().sum::<f64>();
    out.objective = total - out.objective;
    out.bound = total - out.bound;
    Ok(out)
}
