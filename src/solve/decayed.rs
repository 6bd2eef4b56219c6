//! Solving the p-median over transformed impedances (cutoff, decay) and maximize attendance:
//! lists of transformed costs ([`crate::model::decayed::lists`]), the p-median heuristics for a
//! start, the exact Benders branch-and-cut, and verification from the instance
//! ([`verify::decayed`]). Attendance is the total weight minus the p-median cost of the
//! non-attending shares, so its bound is the total weight minus the p-median's lower bound.

use super::{
    benders, benders_effort, benders_log, check_lists, first_list_length, halfway, heuristic,
    interrupt, polish_over, settle, stopped, tol, verify, Solution, SolveOptions, Status,
};
use crate::distance::Scope;
use crate::error::{Error, Result};
use crate::instance::Instance;
use crate::model::decay::Charge;
use crate::model::{decayed, ModelKind, Problem};
use std::time::Instant;

/// Solves a p-median with a cutoff or a decay ([`Problem::is_decayed_pmedian`]) or a maximize
/// attendance problem with `p` sites.
pub(super) fn solve(
    instance: &Instance,
    problem: &Problem,
    p: usize,
    options: &SolveOptions,
    started: Instant,
) -> Result<Solution> {
    let decay = problem.decay_or_linear();
    let charge = match problem.kind {
        ModelKind::Attendance => Charge::Absence {
            decay,
            cutoff: problem.cutoff.expect("checked"),
        },
        _ => Charge::PMedian {
            decay,
            cutoff: problem.cutoff,
        },
    };
    let n = instance.demand.len();
    let m = instance.sites.len();
    // without a cutoff the lists may be cut to the k nearest sites and grown while a point is
    // served outside its list (as for the plain p-median); with one they are complete
    let mut k = first_list_length(instance, p, options);
    let weights: Vec<f64> = instance.demand.iter().map(|d| d.weight).collect();
    let required = instance.required_sites();
    let log = benders_log(options.log);
    let mut best: Option<Solution> = None;
    loop {
        let scope = if k >= m {
            Scope::All
        } else {
            Scope::Nearest(k)
        };
        let lists = decayed::lists(instance, &charge, scope)?;
        check_lists(instance, &lists, options)?;
        let space = heuristic::swap::SearchSpace::new(&lists, &weights, m, p, &required);
        let deadline = options.time_limit.map(|t| {
            let left = (t - started.elapsed().as_secs_f64()).max(0.0);
            Instant::now() + std::time::Duration::from_secs_f64(left * 0.5)
        });
        let start = match &best {
            Some(b) if !b.open.is_empty() => b.open.clone(),
            _ => heuristic::pmedian::strong_start(&space, deadline),
        };
        if log {
            eprintln!(
                "heuristic {:7.2}s  k = {k}, {} pairs",
                started.elapsed().as_secs_f64(),
                lists.n_pairs()
            );
        }
        let end = options
            .time_limit
            .map(|t| started + std::time::Duration::from_secs_f64(t));
        let polish = polish_over(&space, end, halfway(end));
        let out = benders::solve_polished(
            instance,
            &lists,
            p,
            &start,
            &options.run_options(started),
            Some(&polish),
        )?;
        let mut sol = verified(instance, problem.kind, &charge, p, out, options)?;
        sol.stats.pairs = lists.n_pairs();
        sol.stats.columns = m + n;
        // a point served outside its list costs more than the lists said: grow them
        let exact = lists.is_complete()
            || sol
                .model_objective
                .zip(sol.objective)
                .is_none_or(|(model, real)| {
                    pmedian_cost(problem.kind, real, instance) <= model + tol(model)
                });
        let sol = better(best.take(), sol, problem.kind, options);
        if exact || k >= m || interrupt::requested() || super::out_of_time(options, started) {
            return Ok(sol);
        }
        best = Some(sol);
        k = (2 * k).min(m);
    }
}

/// The p-median cost behind a reported objective: itself for the p-median, the non-attending
/// weight for attendance.
fn pmedian_cost(kind: ModelKind, objective: f64, instance: &Instance) -> f64 {
    match kind {
        ModelKind::Attendance => instance.total_weight() - objective,
        _ => objective,
    }
}

/// A verified solution with an honest status from a Benders run over transformed lists.
/// The lists may undercount a point served outside its (cut) list, never overcount, so the
/// instance's cost may be larger than the run's, never smaller.
fn verified(
    instance: &Instance,
    kind: ModelKind,
    charge: &Charge,
    p: usize,
    out: benders::BendersOutcome,
    options: &SolveOptions,
) -> Result<Solution> {
    let mut sol = benders_effort(kind, &out);
    sol.status = stopped();
    let total = instance.total_weight();
    let as_objective = |cost: f64| match kind {
        ModelKind::Attendance => total - cost,
        _ => cost,
    };
    sol.bound = out.bound.is_finite().then(|| as_objective(out.bound));
    if out.open.is_empty() {
        return Ok(sol);
    }
    let checked = verify::decayed(instance, charge, p, &out.open)?;
    if checked.cost + tol(checked.cost) < out.objective {
        return Err(Error::Verification(format!(
            "{kind}: Benders reports cost {} but the instance gives {}",
            out.objective, checked.cost
        )));
    }
    sol.model_objective = Some(as_objective(out.objective));
    sol.objective = Some(as_objective(checked.cost));
    sol.open = out.open;
    sol.assignment = checked.assignment;
    sol.unallocated = charge.cutoff().map(|_| checked.unallocated);
    sol.verified = true;
    if out.proven {
        sol.status = Status::Optimal;
    }
    settle_either(&mut sol, kind, options);
    Ok(sol)
}

/// [`settle`] for either direction: the maximised attendance is settled as the minimised
/// p-median cost W − attendance.
fn settle_either(sol: &mut Solution, kind: ModelKind, options: &SolveOptions) {
    if !kind.maximises() {
        settle(sol, options);
        return;
    }
    let flip = |v: f64| -v;
    sol.objective = sol.objective.map(flip);
    sol.bound = sol.bound.map(flip);
    settle(sol, options);
    sol.objective = sol.objective.map(flip);
    sol.bound = sol.bound.map(flip);
}

/// Of two verified passes, the better objective with the tighter bound of both.
fn better(
    old: Option<Solution>,
    new: Solution,
    kind: ModelKind,
    options: &SolveOptions,
) -> Solution {
    let Some(old) = old else { return new };
    let sign = if kind.maximises() { -1.0 } else { 1.0 };
    let bound = match (old.bound, new.bound) {
        (Some(a), Some(b)) => Some(if kind.maximises() { a.min(b) } else { a.max(b) }),
        (a, b) => a.or(b),
    };
    let new_wins = match (old.objective, new.objective) {
        (_, None) => false,
        (None, Some(_)) => true,
        (Some(a), Some(b)) => sign * b < sign * a,
    };
    let mut sol = if new_wins { new } else { old };
    sol.bound = bound;
    settle_either(&mut sol, kind, options);
    sol
}
