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
/// before the first LP). `options.gap` is relative to the covered weight, as for
/// `--method compact`; it is turned into a gap on Benders' cost ([`cost_gap`]).
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
    let clients = group_clients(instance, &weights);
    let lists = CandidateLists::from_lists(
        sets.iter()
            .map(|s| s.iter().map(|&j| (j, 0.0)).collect())
            .collect(),
        vec![Some(1.0); sets.len()],
    );
    let required = instance.required_sites();
    let inv = site_groups(&sets, m);
    let is_required = super::site_mask(&required, m);
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
            // as the p-median's focused search: at most half of what is left
            let vns = CoverVnsOptions {
                deadline: super::halfway(deadline),
                ..CoverVnsOptions::default()
            };
            cover_vns(&space, open, &vns).0
        }
    };
    let total = reduced.constant + weights.iter().sum::<f64>();
    let feasible_start = is_feasible(start, p, &is_required);
    let start_covered = if feasible_start {
        CoverState::new(&sets, &weights, &inv, &is_required, start).value()
    } else {
        0.0
    };
    let options = RunOptions {
        gap: cost_gap(
            options.gap,
            total,
            reduced.constant + start_covered,
            feasible_start,
        ),
        ..*options
    };
    let mut out = benders::solve_polished(&clients, &lists, p, start, &options, Some(&polish))?;
    out.objective = total - out.objective;
    out.bound = total - out.bound;
    Ok(out)
}

/// The groups as the demand points of a p-median instance on `instance`'s sites: one point of
/// weight `weights[g]` per group (no coordinates: the lists carry the coverage).
fn group_clients(instance: &Instance, weights: &[f64]) -> Instance {
    Instance {
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
    }
}

/// Whether `open` is `p` distinct sites including every required one (what Benders accepts
/// as its first incumbent).
fn is_feasible(open: &[usize], p: usize, is_required: &[bool]) -> bool {
    let mut seen = vec![false; is_required.len()];
    let distinct = open
        .iter()
        .all(|&j| j < seen.len() && !std::mem::replace(&mut seen[j], true));
    distinct && open.len() == p && is_required.iter().zip(&seen).all(|(&r, &o)| !r || o)
}

/// The relative gap for the Benders run, whose cost is the uncovered weight, from the gap
/// `gap` requested on the covered weight. Both gaps measure the same absolute difference
/// `bound − covered`, relative to the covered weight `total − U` or the cost `U`. Benders
/// stops at `(U − LB) / U ≤ gap · (total − U₀) / U₀`, with `U₀` the uncovered weight of the
/// start (`start_covered = total − U₀`); every incumbent has `U ≤ U₀`, so
/// `U − LB ≤ gap · U · (total − U₀) / U₀ ≤ gap · (total − U)`: the run never stops above the
/// requested gap. Without a feasible start there is no `U₀`, and the run proves optimality.
///
/// ```
/// use impuls::solve::mclp_benders::cost_gap;
/// // 1 % of a covered weight of 900 is 9, i.e. 9 % of the 100 uncovered
/// assert!((cost_gap(0.01, 1000.0, 900.0, true) - 0.09).abs() < 1e-12);
/// assert_eq!(cost_gap(0.01, 1000.0, 900.0, false), 0.0);
/// assert_eq!(cost_gap(0.0, 1000.0, 900.0, true), 0.0);
/// ```
pub fn cost_gap(gap: f64, total: f64, start_covered: f64, feasible_start: bool) -> f64 {
    if !feasible_start {
        return 0.0;
    }
    let uncovered = total - start_covered;
    if gap <= 0.0 || uncovered <= 0.0 {
        return gap;
    }
    gap * start_covered / uncovered
}
