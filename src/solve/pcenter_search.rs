//! Exact p-center by bisection over the sorted distinct impedances, each step a set-covering
//! question answered exactly by HiGHS: "can every demand point be served within radius r by at
//! most p sites (required ones included)?" The smallest such r is the optimum (Minieka 1970;
//! Daskin 2000). Much faster than one big radius MIP because each covering model is small and
//! its LP bound is strong.

use super::highs::{run, RunOptions, RunStatus};
use super::verify::verify;
use super::{heuristic, Solution, Status};
use crate::distance::CandidateLists;
use crate::error::Result;
use crate::instance::Instance;
use crate::model::{coverage::CoverageGroups, lscp, lscp_reduce, ModelKind};
use std::time::Instant;

/// Lists cut at radius `r` (lists are sorted by impedance).
fn within(lists: &CandidateLists, r: f64) -> CandidateLists {
    let cut = (0..lists.len())
        .map(|i| {
            let l = lists.list(i);
            l[..l.partition_point(|&(_, d)| d <= r)].to_vec()
        })
        .collect();
    CandidateLists::from_lists(cut, vec![None; lists.len()])
}

/// Solves the uncapacitated p-center on complete `lists`.
pub fn solve(
    instance: &Instance,
    lists: &CandidateLists,
    p: usize,
    options: &RunOptions,
    started: Instant,
) -> Result<Solution> {
    let m = instance.sites.len();
    let req = instance.required_sites();
    let start = heuristic::pcenter::farthest_first(lists, m, p, &req);
    let is_open = super::site_mask(&start, m);
    let ub = heuristic::pcenter::radius(lists, &is_open);
    let lb = (0..lists.len())
        .filter_map(|i| lists.list(i).first().map(|x| x.1))
        .fold(0.0, f64::max);
    let mut levels: Vec<f64> = (0..lists.len())
        .flat_map(|i| lists.list(i).iter().map(|x| x.1))
        .filter(|&d| d >= lb && d <= ub)
        .collect();
    levels.sort_by(f64::total_cmp);
    levels.dedup();
    let weights = vec![1.0; lists.len()];
    let (mut lo, mut hi) = (0usize, levels.len() - 1);
    let mut best = start;
    let mut proven = true;
    let mut sol = Solution::empty(ModelKind::PCenter);
    while lo < hi {
        let mid = (lo + hi) / 2;
        let groups = CoverageGroups::new(&within(lists, levels[mid]), &weights);
        if groups.sets.iter().any(Vec::is_empty) {
            lo = mid + 1;
            continue;
        }
        let built = lscp_count(instance, &groups);
        let limit = options
            .time_limit
            .map(|t| (t - started.elapsed().as_secs_f64()).max(0.0));
        let outcome = run(
            built.mip,
            &RunOptions {
                time_limit: limit,
                ..*options
            },
        )?;
        sol.stats.nodes += outcome.nodes;
        sol.stats.solver_seconds += outcome.seconds;
        let count = outcome.objective.map(|v| v.round() as usize);
        match (outcome.status, count) {
            (RunStatus::Optimal, Some(c)) if c <= p => {
                let mut open: Vec<usize> = (0..m)
                    .filter(|&j| outcome.values[built.y[j]] > 0.5)
                    .collect();
                // pad with unused sites to exactly p (the radius cannot grow)
                for j in 0..m {
                    if open.len() >= p {
                        break;
                    }
                    if !open.contains(&j) {
                        open.push(j);
                    }
                }
                open.sort_unstable();
                best = open;
                hi = mid;
            }
            (RunStatus::Optimal, _) | (RunStatus::Infeasible, _) => lo = mid + 1,
            _ => {
                proven = false;
                break;
            }
        }
    }
    let checked = verify(instance, ModelKind::PCenter, Some(p), None, &best, None)?;
    sol.objective = Some(checked.objective);
    sol.bound = Some(levels[lo].min(checked.objective));
    sol.open = best;
    sol.assignment = checked.assignment;
    sol.verified = true;
    sol.stats.pairs = lists.n_pairs();
    let closed = proven && checked.objective <= levels[lo];
    sol.gap = sol.bound.map(|b| super::gap(checked.objective, b));
    sol.status = if closed {
        sol.gap = Some(0.0);
        Status::Optimal
    } else if super::interrupt::requested() {
        Status::Interrupted
    } else {
        Status::TimeLimit
    };
    Ok(sol)
}

/// LSCP counting sites (cost 1 each) regardless of the instance's fixed costs.
fn lscp_count(instance: &Instance, groups: &CoverageGroups) -> crate::model::Built {
    let mut unit = instance.clone();
    unit.sites.iter_mut().for_each(|s| s.cost = None);
    let rows = lscp_reduce::reduce(&groups.sets, unit.sites.len(), &unit.required_sites());
    lscp::build(&unit, &rows, None)
}
