//! Solving: candidate lists → heuristic start → formulation → HiGHS → independent verification
//! → an honest status.
//!
//! `optimal` is reported only when the verified objective meets the proven bound (gap closed);
//! a stop at the user's `--gap` is `gap_limit`, a stop at the clock `time_limit`.

pub mod benders;
mod benders_branching;
mod decayed;
pub mod heuristic;
pub mod highs;
pub mod interrupt;
pub mod market_share;
pub mod mclp_benders;
pub mod memory;
pub mod mip;
mod pcenter_search;
pub mod pieces;
mod status;
pub mod verify;

pub use status::{Solution, Stats, Status};

use crate::distance::{CandidateLists, Scope};
use crate::error::{Error, Result};
use crate::instance::Instance;
use crate::model::{
    capacitated, coverage::CoverageGroups, lscp, lscp_reduce, mclp, mclp_reduce, pmedian, Built,
    ModelKind, Problem,
};
use highs::{RunOptions, RunOutcome, RunStatus};
use std::time::Instant;

/// Options of a solve.
#[derive(Debug, Clone, Copy)]
pub struct SolveOptions {
    /// Wall-clock limit for the whole solve, seconds.
    pub time_limit: Option<f64>,
    /// Relative gap at which to stop (0 = prove optimality).
    pub gap: f64,
    /// HiGHS threads.
    pub threads: usize,
    /// Show HiGHS's log.
    pub log: bool,
    /// Largest number of (demand, site) pairs held densely; beyond it p-median works on
    /// R-tree k-nearest lists with an exactness check.
    pub dense_pairs: usize,
    /// Largest model (pairs) that may be built at all; beyond it the solve is refused.
    pub max_pairs: usize,
    /// How the uncapacitated p-median and the MCLP are solved.
    pub method: Method,
    /// Largest estimated peak memory of a coverage or capacitated model, bytes; a larger model
    /// is refused before it is allocated (`--max-memory`).
    pub max_memory: u64,
}

/// Solution method of the uncapacitated p-median and the MCLP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Method {
    /// Benders branch-and-cut (the fastest here on every OR-Library instance and on all
    /// generated MCLPs but one with a weak LP bound).
    #[default]
    Auto,
    /// The compact formulation (Elloumi's for the p-median, the coverage rows for the MCLP)
    /// solved by HiGHS's MIP solver.
    Compact,
    /// Benders decomposition with own branch-and-cut (Elloumi's levels as cuts for the
    /// p-median, the coverage rows for the MCLP); today the same as `auto`.
    Benders,
}

impl Default for SolveOptions {
    fn default() -> Self {
        SolveOptions {
            time_limit: None,
            gap: 0.0,
            threads: 1,
            log: false,
            dense_pairs: 4_000_000,
            max_pairs: 200_000_000,
            method: Method::Auto,
            max_memory: memory::default_limit(),
        }
    }
}

impl SolveOptions {
    fn run_options(&self, started: Instant) -> RunOptions {
        RunOptions {
            time_limit: self
                .time_limit
                .map(|t| (t - started.elapsed().as_secs_f64()).max(0.0)),
            gap: self.gap,
            threads: self.threads,
            log: self.log,
            tolerance: None,
            heuristics: true,
            light_root: false,
            trust_pseudocosts: false,
        }
    }
}

/// Solves `problem` on `instance` exactly (up to the options' limits) and verifies the result.
///
/// ```
/// use impuls::{instance, model::{ModelKind, Problem}, solve::{solve, SolveOptions, Status}};
/// let inst = instance::read("instances/demo/demo.json".as_ref(), None, &Default::default()).unwrap();
/// let sol = solve(&inst, &Problem::new(ModelKind::PMedian).with_p(3), &SolveOptions::default()).unwrap();
/// assert_eq!(sol.status, Status::Optimal);
/// assert!(sol.verified);
/// ```
pub fn solve(instance: &Instance, problem: &Problem, options: &SolveOptions) -> Result<Solution> {
    let started = Instant::now();
    let (p, radius) = problem.check(instance)?;
    let n = instance.demand.len();
    let m = instance.sites.len();
    let capacitated = instance.is_capacitated();
    let dense = n.saturating_mul(m);
    let needs_dense = capacitated
        && matches!(problem.kind, ModelKind::PMedian | ModelKind::PCenter)
        || problem.kind == ModelKind::PCenter;
    if needs_dense && dense > options.max_pairs {
        return Err(Error::TooLarge(format!(
            "{} needs all {n} × {m} = {dense} pairs (about {} MB); the limit is {} pairs",
            problem.kind,
            dense / 1_000_000 * 200,
            options.max_pairs
        )));
    }
    let mut sol = if problem.kind.is_market() {
        market_share::solve(instance, problem, p, options, started)?
    } else if problem.kind == ModelKind::Attendance || problem.is_decayed_pmedian() {
        decayed::solve(instance, problem, p.expect("checked"), options, started)?
    } else if capacitated {
        solve_capacitated(instance, problem.kind, p, radius, options, started)?
    } else {
        match problem.kind {
            ModelKind::PMedian => solve_pmedian(instance, p.expect("checked"), options, started)?,
            ModelKind::PCenter => {
                let lists = CandidateLists::build(instance, Scope::All);
                pcenter_search::solve(
                    instance,
                    &lists,
                    p.expect("checked"),
                    &options.run_options(started),
                    started,
                )?
            }
            ModelKind::Mclp | ModelKind::Lscp => {
                solve_coverage(instance, problem.kind, p, radius, options, started)?
            }
            ModelKind::Attendance | ModelKind::MarketShare | ModelKind::TargetShare => {
                unreachable!("dispatched above")
            }
        }
    };
    sol.p = sol.p.or(p);
    sol.radius = radius;
    sol.seconds = started.elapsed().as_secs_f64();
    Ok(sol)
}

fn solve_pmedian(
    instance: &Instance,
    p: usize,
    options: &SolveOptions,
    started: Instant,
) -> Result<Solution> {
    let m = instance.sites.len();
    let req = instance.required_sites();
    let weights: Vec<f64> = instance.demand.iter().map(|d| d.weight).collect();
    // the setup's timings join the Benders log (`--log` or IMPULS_BENDERS_LOG)
    let log = benders_log(options.log);
    let mut k = first_list_length(instance, p, options);
    // the best verified solution and the best bound of all passes: each list model is a
    // relaxation of the instance, so its bound holds for the instance too
    let mut best: Option<Solution> = None;
    // the pieces are tried once, on the first lists (a later pass only lengthens them)
    let mut tried_pieces = false;
    loop {
        let scope = if k >= m {
            Scope::All
        } else {
            Scope::Nearest(k)
        };
        let lists = CandidateLists::build(instance, scope);
        if log {
            eprintln!("lists     {:7.2}s", started.elapsed().as_secs_f64());
        }
        check_lists(instance, &lists, options)?;
        // one search space (inverted lists) per pass: the start, the polish of LP roundings
        // and the focused search after the root share it
        let space = heuristic::swap::SearchSpace::new(&lists, &weights, m, p, &req);
        // the heuristic may use at most half of what is left, the bound needs the rest; where
        // the root LP takes most of the limit anyway, two thirds
        let share = if heuristic::pmedian::rests_on_search(&space) {
            HEURISTIC_SHARE_LARGE
        } else {
            0.5
        };
        let deadline = options.time_limit.map(|t| {
            let left = (t - started.elapsed().as_secs_f64()).max(0.0);
            Instant::now() + std::time::Duration::from_secs_f64(left * share)
        });
        let start = match &best {
            // a later pass starts from the best solution so far, not from scratch
            Some(b) if !b.open.is_empty() => b.open.clone(),
            _ => {
                let start = heuristic::pmedian::strong_start(&space, deadline);
                match exact_polish(instance, &lists, p, &start, deadline, log, started)? {
                    Some(sol) => {
                        let open = sol.open.clone();
                        best = Some(sol);
                        open
                    }
                    None => start,
                }
            }
        };
        if log {
            eprintln!(
                "heuristic {:7.2}s  k = {k}, {} pairs",
                started.elapsed().as_secs_f64(),
                lists.n_pairs()
            );
        }
        // large p: the instance may fall apart into pieces that prove the optimum on their own
        let (start, pieces) = match options.method {
            Method::Auto | Method::Benders if !tried_pieces => {
                tried_pieces = true;
                match by_pieces(instance, &lists, p, &start, options, started, log)? {
                    Some(sol) if sol.status == Status::Optimal => {
                        return Ok(keep_better(best.take(), sol, options))
                    }
                    Some(sol) => (sol.open.clone(), Some(sol)),
                    None => (start, None),
                }
            }
            _ => (start, None),
        };
        let sol = match options.method {
            Method::Compact => {
                let built = pmedian::build(instance, &lists, p, Some(&start));
                finish(
                    instance,
                    ModelKind::PMedian,
                    Some(p),
                    None,
                    built,
                    options,
                    started,
                    lists.n_pairs(),
                )?
            }
            Method::Auto | Method::Benders => {
                benders_solution(instance, &lists, &space, p, &start, options, started)?
            }
        };
        // With cut lists the model is a relaxation: if the verified objective is above the
        // model's, some demand point was served outside its list; grow the lists and re-solve.
        let exact = lists.is_complete()
            || sol
                .model_objective
                .zip(sol.objective)
                .is_none_or(|(a, b)| b <= a + tol(b));
        let sol = keep_better(best.take(), sol, options);
        let sol = match pieces {
            Some(by_pieces) => keep_better(Some(by_pieces), sol, options),
            None => sol,
        };
        if exact || k >= m || interrupt::requested() || out_of_time(options, started) {
            return Ok(sol);
        }
        best = Some(sol);
        k = (2 * k).min(m);
    }
}

/// The length of the first p-median lists: every site when the dense matrix is small (or an
/// explicit matrix holds the pairs anyway), else at most [`LIST_PAIRS`] pairs: the lists, their
/// inverse and the master each hold a copy, and the exactness check lengthens them if needed.
pub(crate) fn first_list_length(instance: &Instance, p: usize, options: &SolveOptions) -> usize {
    let (n, m) = (instance.demand.len(), instance.sites.len());
    if n.saturating_mul(m) <= options.dense_pairs || instance.matrix.is_some() {
        m
    } else {
        (3 * m).div_ceil(p).min(LIST_PAIRS / n.max(1)).clamp(16, m)
    }
}

/// Refuses p-median lists beyond the size limit, and lists on which a demand point can reach
/// no site.
pub(crate) fn check_lists(
    instance: &Instance,
    lists: &CandidateLists,
    options: &SolveOptions,
) -> Result<()> {
    if lists.n_pairs() > options.max_pairs {
        return Err(Error::TooLarge(format!(
            "p-median lists hold {} pairs (about {} MB); the limit is {} pairs",
            lists.n_pairs(),
            lists.n_pairs() * 120 / 1_000_000,
            options.max_pairs
        )));
    }
    let unreachable = |i: &usize| lists.list(*i).is_empty() && lists.beyond(*i).is_none();
    if let Some(i) = (0..lists.len()).find(unreachable) {
        return Err(Error::Infeasible(format!(
            "demand '{}' cannot reach any site",
            instance.demand[i].id
        )));
    }
    Ok(())
}

/// The piece decomposition ([`pieces`]) with at most [`PIECES_SHARE`] of the time left, from
/// the incumbent `start`: `None` when the instance does not fall apart, else a verified solution
/// (the start when the pieces found none) with the pieces' bound and an honest status.
fn by_pieces(
    instance: &Instance,
    lists: &CandidateLists,
    p: usize,
    start: &[usize],
    options: &SolveOptions,
    started: Instant,
    log: bool,
) -> Result<Option<Solution>> {
    let deadline = options.time_limit.map(|t| {
        let left = (t - started.elapsed().as_secs_f64()).max(0.0);
        Instant::now() + std::time::Duration::from_secs_f64(left * PIECES_SHARE)
    });
    // the pieces only speed up the proof: a failure there leaves the solve to the Benders tree
    let out = match pieces::solve(instance, lists, p, start, deadline) {
        Ok(Some(out)) => out,
        Ok(None) => return Ok(None),
        Err(e) => {
            if log {
                eprintln!(
                    "pieces    {:7.2}s  failed: {e}",
                    started.elapsed().as_secs_f64()
                );
            }
            return Ok(None);
        }
    };
    // the better of the start and the pieces' solution that the verifier accepts (a start may
    // leave a point of weight 0 unserved, which the Benders tree then repairs)
    let check = |sites: Vec<usize>| {
        verify::verify(instance, ModelKind::PMedian, Some(p), None, &sites, None)
            .ok()
            .map(|checked| (checked, sites))
    };
    let candidates = [check(start.to_vec()), out.open.and_then(check)];
    let Some((best, open)) = candidates
        .into_iter()
        .flatten()
        .min_by(|a, b| a.0.objective.total_cmp(&b.0.objective))
    else {
        return Ok(None);
    };
    if log {
        eprintln!(
            "pieces    {:7.2}s  {} pieces ({} distinct, largest {} points), {} runs, bound {}, \
             solution {}",
            started.elapsed().as_secs_f64(),
            out.pieces,
            out.distinct,
            out.largest,
            out.runs,
            out.bound,
            best.objective
        );
    }
    let mut sol = Solution::empty(ModelKind::PMedian);
    sol.stats.pairs = lists.n_pairs();
    sol.stats.pieces = out.pieces;
    sol.stats.distinct_pieces = out.distinct;
    sol.objective = Some(best.objective);
    sol.model_objective = Some(best.objective);
    sol.open = open;
    sol.assignment = best.assignment;
    sol.verified = true;
    // a piece run stopped before its first LP bounds nothing (−∞)
    sol.bound = out.bound.is_finite().then_some(out.bound);
    sol.status = if interrupt::requested() {
        Status::Interrupted
    } else {
        Status::TimeLimit
    };
    settle(&mut sol, options);
    Ok(Some(sol))
}

/// The list search prices a point beyond its list at the list's `beyond` bound, and for a
/// small `p` its VNS is capped by the length of the lists. With incomplete lists, a search on
/// the true impedances ([`heuristic::exact_swap`]) improves `start`: a VNS of [`EXACT_SCANS`]
/// neighbourhood scans for `p` up to [`EXACT_MAX_P`] on [`EXACT_MIN_N`] points or more, else a
/// plain interchange when the lists understate the start's cost by more than [`MISPRICED`].
/// Returns the result verified, or `None` when there is nothing to do.
fn exact_polish(
    instance: &Instance,
    lists: &CandidateLists,
    p: usize,
    start: &[usize],
    deadline: Option<Instant>,
    log: bool,
    started: Instant,
) -> Result<Option<Solution>> {
    let Some(pts) = heuristic::exact_swap::Points::new(instance) else {
        return Ok(None);
    };
    if lists.is_complete() {
        return Ok(None);
    }
    let checked = verify::verify(instance, ModelKind::PMedian, Some(p), None, start, None)?;
    let weights: Vec<f64> = instance.demand.iter().map(|d| d.weight).collect();
    let listed = lists.cost(&weights, &site_mask(start, instance.sites.len()));
    if log {
        eprintln!(
            "exact     {:7.2}s  start {} on the instance, {listed} on the lists",
            started.elapsed().as_secs_f64(),
            checked.objective
        );
    }
    let small = p <= EXACT_MAX_P && instance.demand.len() >= EXACT_MIN_N;
    if !small && checked.objective <= listed * (1.0 + MISPRICED) {
        return Ok(None);
    }
    let scan = (instance.demand.len() * instance.sites.len()) as u64;
    let budget = if small { EXACT_SCANS * scan } else { 0 };
    let req = instance.required_sites();
    let (open, cost) = heuristic::exact_swap::exact_vns(&pts, start, &req, budget, deadline);
    let checked = verify::verify(instance, ModelKind::PMedian, Some(p), None, &open, None)?;
    if log {
        eprintln!(
            "exact     {:7.2}s  search {} (verified {})",
            started.elapsed().as_secs_f64(),
            cost,
            checked.objective
        );
    }
    let mut sol = Solution::empty(ModelKind::PMedian);
    sol.objective = Some(checked.objective);
    sol.model_objective = Some(checked.objective);
    sol.open = open;
    sol.assignment = checked.assignment;
    sol.verified = true;
    Ok(Some(sol))
}

/// Of two verified p-median passes (over lists of different lengths), the one with the smaller
/// objective, carrying the larger bound of both (every pass bounds the instance from below);
/// status and gap are recomputed from the pair.
fn keep_better(old: Option<Solution>, new: Solution, options: &SolveOptions) -> Solution {
    let Some(old) = old else { return new };
    let bound = match (old.bound, new.bound) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    let new_wins = match (old.objective, new.objective) {
        (_, None) => false,
        (None, Some(_)) => true,
        (Some(a), Some(b)) => b < a,
    };
    // the piece decomposition runs in one pass only; its counts stay with the result
    let pieces = (old.stats.pieces, old.stats.distinct_pieces)
        .max((new.stats.pieces, new.stats.distinct_pieces));
    let mut sol = if new_wins { new } else { old };
    (sol.stats.pieces, sol.stats.distinct_pieces) = pieces;
    sol.bound = bound;
    settle(&mut sol, options);
    sol
}

/// Clamps the bound to the objective and sets the gap and the status from the pair: optimal
/// when they meet, at the gap limit when the requested gap is reached, else stopped (a status
/// of optimal or gap limit from an earlier step becomes the stop's).
fn settle(sol: &mut Solution, options: &SolveOptions) {
    sol.bound = sol.bound.map(|b| sol.objective.map_or(b, |v| b.min(v)));
    sol.gap = sol.objective.zip(sol.bound).map(|(v, b)| gap(v, b));
    if let Some(v) = sol.objective {
        if sol.bound.is_some_and(|b| v <= b + tol(v)) {
            sol.gap = Some(0.0);
            sol.status = Status::Optimal;
        } else if options.gap > 0.0 && sol.gap.is_some_and(|g| g <= options.gap) {
            sol.status = Status::GapLimit;
        } else if sol.status == Status::Optimal || sol.status == Status::GapLimit {
            sol.status = if interrupt::requested() {
                Status::Interrupted
            } else {
                Status::TimeLimit
            };
        }
    }
}

/// The [`benders::Polish`] of a Benders run over `space`: a local search for the roundings of
/// LP points (until `deadline`), and the focused VNS after the root (until `focused`).
pub(crate) fn polish_over<'s>(
    space: &'s heuristic::swap::SearchSpace,
    deadline: Option<Instant>,
    focused: Option<Instant>,
) -> impl Fn(&[usize], Option<&[bool]>) -> Vec<usize> + 's {
    move |open: &[usize], closed: Option<&[bool]>| match closed {
        None => {
            let mut s = heuristic::swap::Swapper::new(space, open);
            s.deadline = deadline;
            s.local_search(u64::MAX);
            s.open_sites()
        }
        Some(closed) => heuristic::pmedian::focused_search(space, open, closed, focused),
    }
}

/// Runs the Benders branch-and-cut and turns its outcome into a verified solution.
fn benders_solution(
    instance: &Instance,
    lists: &CandidateLists,
    space: &heuristic::swap::SearchSpace,
    p: usize,
    start: &[usize],
    options: &SolveOptions,
    started: Instant,
) -> Result<Solution> {
    let deadline = options
        .time_limit
        .map(|t| started + std::time::Duration::from_secs_f64(t));
    let polish = polish_over(space, deadline, halfway(deadline));
    let out = benders::solve_polished(
        instance,
        lists,
        p,
        start,
        &options.run_options(started),
        Some(&polish),
    )?;
    let log = benders_log(options.log);
    if log {
        eprintln!("benders   {:7.2}s  done", started.elapsed().as_secs_f64());
    }
    let columns = instance.sites.len() + instance.demand.len();
    let mut sol = verified_benders(instance, ModelKind::PMedian, (Some(p), None), out, options)?;
    sol.stats.pairs = lists.n_pairs();
    sol.stats.columns = columns;
    if log {
        eprintln!("verified  {:7.2}s", started.elapsed().as_secs_f64());
    }
    Ok(sol)
}

fn solve_coverage(
    instance: &Instance,
    kind: ModelKind,
    p: Option<usize>,
    radius: Option<f64>,
    options: &SolveOptions,
    started: Instant,
) -> Result<Solution> {
    let r = radius.expect("checked");
    let m = instance.sites.len();
    // groups straight from the R-tree: no per-point candidate lists at any time
    let groups = CoverageGroups::within(instance, r);
    let pairs: usize = groups.group_of.iter().map(|&g| groups.sets[g].len()).sum();
    let req = instance.required_sites();
    let n_groups = groups.sets.len();
    let built = if kind == ModelKind::Mclp {
        let p = p.expect("checked");
        covers_something(instance, |i| !groups.sets[groups.group_of[i]].is_empty(), r)?;
        let reduced = mclp_reduce::reduce(&groups, m, &req);
        drop(groups);
        let nonzeros = reduced.sets.iter().map(|s| s.len() + 1).sum::<usize>() + 2 * m;
        let lines = m + 2 * reduced.sets.len() + 1;
        let estimate = if options.method == Method::Compact {
            memory::mip_bytes(lines, nonzeros, instance.demand.len())
        } else {
            memory::lp_bytes(lines, nonzeros, instance.demand.len())
        };
        let what = format!(
            "the MCLP model ({} coverage rows, {nonzeros} nonzeros)",
            reduced.sets.len()
        );
        memory::check(&what, estimate, options.max_memory)?;
        let (sets, weights) = reduced.all_groups();
        let greedy = heuristic::cover::greedy_mclp(&sets, &weights, m, p, &req);
        let start = heuristic::cover_swap::swap_mclp(&sets, &weights, m, greedy, &req);
        if options.log {
            eprintln!("start     {:7.2}s", started.elapsed().as_secs_f64());
        }
        if options.method != Method::Compact {
            let mut sol = mclp_solution(instance, &reduced, p, r, &start, options, started)?;
            sol.stats.pairs = pairs;
            sol.stats.groups = n_groups;
            return Ok(sol);
        }
        mclp::build(instance, &reduced, p, Some(&start))
    } else {
        let bad: Vec<usize> = (0..instance.demand.len())
            .filter(|&i| groups.sets[groups.group_of[i]].is_empty())
            .collect();
        uncoverable(instance, &bad, r)?;
        let rows = lscp_reduce::reduce(&groups.sets, m, &req);
        drop(groups);
        let nonzeros: usize = rows.sets.iter().map(Vec::len).sum();
        let lines = m + rows.sets.len();
        let estimate = memory::mip_bytes(lines, nonzeros, instance.demand.len());
        let what = format!(
            "the LSCP model ({} rows, {nonzeros} nonzeros)",
            rows.sets.len()
        );
        memory::check(&what, estimate, options.max_memory)?;
        if options.log {
            eprintln!(
                "lscp      {:7.2}s  {n_groups} groups -> {} rows, {} forced sites",
                started.elapsed().as_secs_f64(),
                rows.sets.len(),
                rows.forced.len()
            );
        }
        let cost: Vec<f64> = (0..m).map(|j| lscp::site_cost(instance, j)).collect();
        let start = heuristic::cover::greedy_lscp(&rows.sets, &cost, &rows.forced);
        lscp::build(instance, &rows, start.as_deref())
    };
    let mut run = options.run_options(started);
    run.trust_pseudocosts = kind == ModelKind::Mclp;
    let mut sol = finish_with(instance, kind, (p, radius), built, run, pairs)?;
    sol.stats.groups = n_groups;
    Ok(sol)
}

/// Runs the MCLP Benders branch-and-cut ([`mclp_benders`]) and turns its outcome into a
/// verified solution.
fn mclp_solution(
    instance: &Instance,
    reduced: &mclp_reduce::Reduced,
    p: usize,
    radius: f64,
    start: &[usize],
    options: &SolveOptions,
    started: Instant,
) -> Result<Solution> {
    let out = mclp_benders::solve(instance, reduced, p, start, &options.run_options(started))?;
    let kind = ModelKind::Mclp;
    let mut sol = verified_benders(instance, kind, (Some(p), Some(radius)), out, options)?;
    sol.stats.columns = instance.sites.len() + reduced.sets.len() + reduced.stats.folded;
    Ok(sol)
}

/// Half of the time left before `deadline` (`None` without one): a search for a better
/// incumbent after the root may take that much and leaves the other half to the tree.
fn halfway(deadline: Option<Instant>) -> Option<Instant> {
    deadline.map(|d| {
        let now = Instant::now();
        now + d.saturating_duration_since(now) / 2
    })
}

/// A verified solution with an honest status from a Benders run whose `objective` is the
/// model's value of `open` and `bound` its proven bound. Both models may undercount (a
/// p-median list model charges only `beyond` outside a list, a reduced MCLP ignores dominated
/// sites), so the instance may give a larger p-median cost or a larger MCLP coverage than the
/// model, never a smaller one, and an MCLP coverage never above the bound.
fn verified_benders(
    instance: &Instance,
    kind: ModelKind,
    (p, radius): (Option<usize>, Option<f64>),
    out: benders::BendersOutcome,
    options: &SolveOptions,
) -> Result<Solution> {
    let mut sol = benders_effort(kind, &out);
    sol.bound = out.bound.is_finite().then_some(out.bound);
    let stopped = if interrupt::requested() {
        Status::Interrupted
    } else {
        Status::TimeLimit
    };
    if out.open.is_empty() {
        sol.status = stopped;
        return Ok(sol);
    }
    let checked = verify::verify(instance, kind, p, radius, &out.open, None)?;
    let beyond_bound =
        kind.maximises() && sol.bound.is_some_and(|b| checked.objective > b + tol(b));
    if checked.objective + tol(checked.objective) < out.objective || beyond_bound {
        return Err(Error::Verification(format!(
            "{kind}: Benders reports {} (bound {:?}) but the instance gives {}",
            out.objective, sol.bound, checked.objective
        )));
    }
    sol.model_objective = Some(out.objective);
    sol.objective = Some(checked.objective);
    sol.open = out.open;
    sol.assignment = checked.assignment;
    sol.verified = true;
    sol.gap = sol.bound.map(|b| gap(checked.objective, b));
    let closed = out.proven
        && sol
            .bound
            .is_some_and(|b| (checked.objective - b).abs() <= tol(checked.objective));
    sol.status = if closed {
        sol.gap = Some(0.0);
        Status::Optimal
    } else if options.gap > 0.0 && sol.gap.is_some_and(|g| g <= options.gap) {
        Status::GapLimit
    } else {
        stopped
    };
    Ok(sol)
}

/// An empty solution of `kind` carrying a Benders run's effort (cuts, nodes, seconds).
pub(crate) fn benders_effort(kind: ModelKind, out: &benders::BendersOutcome) -> Solution {
    let mut sol = Solution::empty(kind);
    sol.stats.rows = out.cuts + 1;
    sol.stats.nodes = out.nodes as i64;
    sol.stats.solver_seconds = out.seconds;
    sol
}

/// The status of a run stopped before its gap closed: Ctrl-C or the clock.
pub(crate) fn stopped() -> Status {
    if interrupt::requested() {
        Status::Interrupted
    } else {
        Status::TimeLimit
    }
}

fn solve_capacitated(
    instance: &Instance,
    kind: ModelKind,
    p: Option<usize>,
    radius: Option<f64>,
    options: &SolveOptions,
    started: Instant,
) -> Result<Solution> {
    let scope = match radius {
        Some(r) => Scope::Within(r),
        None => Scope::All,
    };
    let lists = CandidateLists::build(instance, scope);
    if kind == ModelKind::Lscp {
        let bad: Vec<usize> = (0..lists.len())
            .filter(|&i| lists.list(i).is_empty())
            .collect();
        uncoverable(instance, &bad, radius.expect("checked"))?;
    }
    if kind == ModelKind::Mclp {
        covers_something(
            instance,
            |i| !lists.list(i).is_empty(),
            radius.expect("checked"),
        )?;
    }
    let estimate = memory::mip_bytes(
        lists.n_pairs() + 2 * instance.sites.len() + instance.demand.len(),
        3 * lists.n_pairs(),
        instance.demand.len(),
    );
    let what = format!("the capacitated model ({} pairs)", lists.n_pairs());
    memory::check(&what, estimate, options.max_memory)?;
    let built = capacitated::build(instance, &lists, kind, p);
    finish(
        instance,
        kind,
        p,
        radius,
        built,
        options,
        started,
        lists.n_pairs(),
    )
}

/// An MCLP whose radius reaches no weighted demand point from any site has the optimum 0 for
/// every choice of sites: almost surely a radius in the wrong unit, so it is refused with the
/// smallest radius that covers some point.
/// `reached(i)` says whether demand point `i` has a site within the radius.
fn covers_something(instance: &Instance, reached: impl Fn(usize) -> bool, r: f64) -> Result<()> {
    let weighted = |i: usize| instance.demand[i].weight > 0.0;
    let covered = (0..instance.demand.len()).any(|i| weighted(i) && reached(i));
    if covered || !(0..instance.demand.len()).any(weighted) {
        return Ok(());
    }
    let nearest = CandidateLists::build(instance, Scope::Nearest(1));
    let need = (0..nearest.len())
        .filter(|&i| weighted(i))
        .filter_map(|i| nearest.list(i).first().map(|x| x.1))
        .fold(f64::INFINITY, f64::min);
    Err(Error::Parameter(format!(
        "radius {r} covers no demand point from any site, so every solution covers 0; the smallest radius that covers a point is {need}"
    )))
}

/// LSCP needs every demand point within the radius of some site: name the ones that are not
/// (`bad`) and the smallest radius that would cover everyone.
fn uncoverable(instance: &Instance, bad: &[usize], r: f64) -> Result<()> {
    if bad.is_empty() {
        return Ok(());
    }
    let nearest = CandidateLists::build(instance, Scope::Nearest(1));
    let need = (0..nearest.len())
        .filter_map(|i| nearest.list(i).first().map(|x| x.1))
        .fold(0.0, f64::max);
    let names: Vec<String> = bad
        .iter()
        .take(5)
        .map(|&i| format!("'{}'", instance.demand_label(i)))
        .collect();
    let more = if bad.len() > 5 {
        format!(" and {} more", bad.len() - 5)
    } else {
        String::new()
    };
    Err(Error::Infeasible(format!(
        "{} demand point(s) have no site within radius {r}: {}{more}; the smallest radius that covers every point is {need}",
        bad.len(),
        names.join(", ")
    )))
}

/// Relative amount by which the lists may understate a start's cost before the interchange
/// on true impedances runs for a larger p (usa13509: 0.86 % at p = 10; 0.014 % at p = 1000 and
/// 0.003 % at p = 5000, where 6–13 s of scans gained less than 0.01 %).
const MISPRICED: f64 = 1e-3;

/// Largest p for the VNS on true impedances: a descent then takes few moves of one n·m scan
/// each.
const EXACT_MAX_P: usize = 25;

/// Smallest number of demand points for that VNS: below it the Benders tree closes the small-p
/// rows anyway (rl1304, vm1748), and a changed start only moves its path (rl1304, p = 10:
/// 15 s → 30 s in one loaded run).
const EXACT_MIN_N: usize = 5000;

/// Neighbourhood scans (n·m impedances each) of that VNS beyond its first descent: rl5934,
/// p = 10 improves from 9 820 815 to 9 794 930 after 26 (the paper's optimum: 9 792 218).
const EXACT_SCANS: u64 = 50;

/// Share of the time left that the heuristic may use where the Benders root LP takes most of
/// the limit ([`heuristic::pmedian::rests_on_search`]): usa13509 p = 700 and 900 ended at
/// +0.101 % and +0.116 % with half of it on a loaded machine (load 4–5), the root unfinished.
const HEURISTIC_SHARE_LARGE: f64 = 2.0 / 3.0;
/// Share of the time left that the piece decomposition may use before the Benders run on the
/// whole instance.
const PIECES_SHARE: f64 = 0.5;

/// Pairs of the first sparse p-median lists (about 0.3 GB per copy).
const LIST_PAIRS: usize = 20_000_000;

fn tol(v: f64) -> f64 {
    1e-6 * v.abs().max(1.0)
}

fn out_of_time(options: &SolveOptions, started: Instant) -> bool {
    options
        .time_limit
        .is_some_and(|t| started.elapsed().as_secs_f64() >= t)
}

/// Runs the built model, verifies the decision and sets an honest status.
#[allow(clippy::too_many_arguments)]
fn finish(
    instance: &Instance,
    kind: ModelKind,
    p: Option<usize>,
    radius: Option<f64>,
    built: Built,
    options: &SolveOptions,
    started: Instant,
    pairs: usize,
) -> Result<Solution> {
    let run = options.run_options(started);
    finish_with(instance, kind, (p, radius), built, run, pairs)
}

/// [`finish`] with explicit HiGHS options.
fn finish_with(
    instance: &Instance,
    kind: ModelKind,
    (p, radius): (Option<usize>, Option<f64>),
    built: Built,
    run: RunOptions,
    pairs: usize,
) -> Result<Solution> {
    let (program, decision) = built.into_parts();
    let columns = program.n_cols();
    let rows = program.constraints.len();
    let outcome: RunOutcome = highs::run(program, &run)?;
    let mut sol = Solution::empty(kind);
    sol.stats.pairs = pairs;
    sol.stats.columns = columns;
    sol.stats.rows = rows;
    sol.stats.nodes = outcome.nodes;
    sol.stats.solver_seconds = outcome.seconds;
    if outcome.status == RunStatus::Infeasible {
        sol.status = Status::Infeasible;
        return Ok(sol);
    }
    sol.bound = outcome.bound.is_finite().then_some(outcome.bound);
    let Some(model_obj) = outcome.objective else {
        sol.status = if outcome.status == RunStatus::Interrupted {
            Status::Interrupted
        } else {
            Status::TimeLimit
        };
        return Ok(sol);
    };
    let open = decision.open_sites(&outcome.values);
    let assignment = decision.assignment(&outcome.values);
    let checked = verify::verify(instance, kind, p, radius, &open, assignment.as_deref())?;
    // A sparse p-median model is a relaxation (the instance may give more); the reduced MCLP
    // gives dominated sites no coverage, so a solution that opens one may cover more than the
    // model counts. Any other difference is an error.
    let relaxed_ok =
        matches!(kind, ModelKind::PMedian | ModelKind::Mclp) && checked.objective > model_obj;
    if !(checked.objective - model_obj).abs().le(&tol(model_obj)) && !relaxed_ok {
        return Err(Error::Verification(format!(
            "{kind}: the solver reports objective {model_obj} but the instance gives {}",
            checked.objective
        )));
    }
    if kind.maximises() && sol.bound.is_some_and(|b| checked.objective > b + tol(b)) {
        return Err(Error::Verification(format!(
            "{kind}: the instance gives {} above the proven bound {:?}",
            checked.objective, sol.bound
        )));
    }
    sol.model_objective = Some(model_obj);
    sol.objective = Some(checked.objective);
    sol.open = open;
    sol.assignment = checked.assignment;
    sol.verified = true;
    sol.gap = sol.bound.map(|b| gap(checked.objective, b));
    let closed = sol.gap.is_some_and(|g| g <= 1e-9)
        || sol
            .bound
            .is_some_and(|b| (checked.objective - b).abs() <= tol(checked.objective));
    sol.status = if closed {
        sol.gap = Some(0.0);
        Status::Optimal
    } else {
        match outcome.status {
            RunStatus::Optimal => Status::GapLimit,
            RunStatus::Interrupted => Status::Interrupted,
            _ => Status::TimeLimit,
        }
    };
    Ok(sol)
}

/// The 0/1 vector of `m` sites with `sites` open (indices of `m` or more are ignored).
pub(crate) fn site_mask(sites: &[usize], m: usize) -> Vec<bool> {
    let mut open = vec![false; m];
    for &j in sites.iter().filter(|&&j| j < m) {
        open[j] = true;
    }
    open
}

/// Whether the Benders run and the setup before it log their stages: `--log`, or the
/// environment variable `IMPULS_BENDERS_LOG` for runs started by other commands (bench).
pub(crate) fn benders_log(log: bool) -> bool {
    log || std::env::var_os("IMPULS_BENDERS_LOG").is_some()
}

/// Relative gap |objective − bound| / |objective| (0 when both are 0).
///
/// ```
/// assert_eq!(impuls::solve::gap(100.0, 90.0), 0.1);
/// assert_eq!(impuls::solve::gap(0.0, 0.0), 0.0);
/// ```
pub fn gap(objective: f64, bound: f64) -> f64 {
    let diff = (objective - bound).abs();
    if diff == 0.0 {
        0.0
    } else {
        diff / objective.abs().max(1e-9)
    }
}
