//! Exact Benders decomposition of Elloumi's p-median formulation (Durán-Mateluna, Alès &
//! Elloumi, "An efficient Benders decomposition for the p-median problem", EJOR 2023).
//!
//! The compact model ([`crate::model::pmedian`]) has one row per (demand point, distance level);
//! for a few hundred points and a small `p` that is `n × (m − p + 1)` rows, too many for HiGHS
//! to even finish the root LP. Here only the location variables `y_j` and one variable `θ_i`
//! per demand point stay in a *master* problem
//!
//! ```text
//! min Σ_i w_i θ_i   s.t.  Σ_j y_j = p,  y_j = 1 (required sites),  cuts,  y ∈ {0,1}
//! ```
//!
//! and the allocation part is replaced by cuts, separated in linear time per demand point.
//!
//! **The cut.** For demand point i with sorted distinct impedances `D¹ < … < Dᴷ` (the levels of
//! [`crate::model::pmedian`]) and any level `k`,
//!
//! ```text
//! θ_i ≥ Dᵏ − Σ_{j: d_ij < Dᵏ} (Dᵏ − d_ij) y_j
//! ```
//!
//! is valid: at a 0/1 point whose nearest open site is at level `k*`, for `k ≤ k*` no site
//! closer than `Dᵏ` is open and the right side is `Dᵏ ≤ D^{k*}`; for `k > k*` the open nearest
//! site alone subtracts `Dᵏ − D^{k*}`, the other terms are non-negative, so the right side is at
//! most `D^{k*}`. It is also the Benders optimality cut of Elloumi's LP: its subproblem at a
//! fractional `y*` has value `D¹ + Σ_{k<kᵢ} (Dᵏ⁺¹ − Dᵏ)(1 − Σ_{d_ij ≤ Dᵏ} y*_j)`, which equals
//! the cut at `kᵢ`, the smallest level with `Σ_{d_ij ≤ Dᵏ} y*_j ≥ 1`. So the cut at `kᵢ` is the
//! strongest one at `y*` and the master's LP with all cuts is exactly Elloumi's LP relaxation.
//! A truncated list (a `beyond` bound `b`, see [`CandidateLists`]) gets one more level `b`
//! without sites: the model then charges `b` to a point whose listed sites are all closed, a
//! lower bound on its true cost, so the master stays a relaxation (as in the compact model).
//!
//! **The algorithm** (branch-and-Benders-cut on one persistent HiGHS LP: cuts are appended, the
//! bounds of y change from node to node, and the dual simplex restarts from the last basis).
//! 1. *Root*: cutting planes on the master LP (y ∈ [0,1]), starting with the cuts at the
//!    heuristic solution and stabilised by in-out separation (Ben-Ameur & Neto): cuts are
//!    separated at `α·y_LP + (1−α)·y_c`, between the LP optimum and a stability centre `y_c`
//!    (the best point so far by subproblem value, first the incumbent), falling back to `y_LP`
//!    when that finds no violated cut. It stops when no cut is violated at the LP optimum: the
//!    bound is then Elloumi's LP bound. Where several levels give the optimal cut at the
//!    separation point, the Pareto-optimal one is added ([`pareto_cut`]: the strongest at the core
//!    point `p/m`), which shortens the path to that bound, not the bound.
//! 2. *Reduced-cost fixing*: with an LP value `LB` and reduced cost `r_j`, every solution with
//!    `y_j = 1` (for `y_j` at 0 in the LP) costs at least `LB + r_j`; when that exceeds the
//!    largest cost that improves on the incumbent (`UB − 1` for integer data) the site is
//!    closed (symmetrically opened). Globally with the root LP (again whenever the incumbent
//!    improves), and locally for the subtree below every node.
//! 3. *Branch and bound*, depth first: at each node the LP is re-solved with the node's bounds
//!    and cuts are separated at its optimum until none is violated (then the node's LP value
//!    is Elloumi's LP bound on the node, and at a 0/1 point the point's true cost) or the
//!    bound tails off on a fractional point; the p largest y give a candidate solution; the
//!    y with the best pseudo-cost score is branched on ([`super::benders_branching`]: the
//!    product of the down and up bound gains per unit seen so far), so that both children
//!    tend to close quickly; sites without history are probed first ([`strong`]: the node's
//!    LP with the site at 0 and at 1), which also fixes a site whose probe reaches the
//!    incumbent.
//!
//! Every LP is a relaxation of the list p-median over the node's solutions cheaper than the
//! incumbent, so `min(UB, smallest open-node bound)` is a valid lower bound at any time; with
//! integer weights and impedances it is rounded up. HiGHS has no lazy-constraint callback, so
//! a master *MIP* would have to be re-solved from scratch after each round of cuts; on pmed16
//! that took 16–55 s against 0.5 s for the tree here.
//!
//! Models are created, solved and dropped inside [`solve`] on the calling thread, as in
//! [`super::highs`].

mod master;
mod pareto_cut;
mod root;
mod strong;
mod tree;

use super::benders_branching::{Branched, PseudoCosts};
use super::highs::RunOptions;
use super::{interrupt, site_mask};
use crate::distance::CandidateLists;
use crate::error::{Error, Result};
use crate::instance::Instance;
use crate::model::pmedian::levels;
use highs::{HighsModelStatus, Model, RowProblem};
use master::{purge_limit, separate, Cut, Lp, LpPoint, Master};
use root::root_phase;
use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::time::Instant;
use strong::Choice;
use tree::tree_phase;

/// What [`solve`] found.
#[derive(Debug, Clone, PartialEq)]
pub struct BendersOutcome {
    /// Open sites of the best solution found, sorted.
    pub open: Vec<usize>,
    /// Its cost recomputed from the lists: each demand point pays its nearest open listed site,
    /// or its list's `beyond` bound when none is open (then a lower bound on the true cost).
    pub objective: f64,
    /// A valid lower bound on the optimum of the p-median over the lists (−∞ when stopped
    /// before the first LP).
    pub bound: f64,
    /// Whether `bound` meets `objective` (up to 1e-6 relative): the solution is optimal.
    pub proven: bool,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Master LP solves.
    pub iterations: usize,
    /// Branch-and-bound nodes (0 when the root closes the gap).
    pub nodes: usize,
    /// Cuts in the master at the end.
    pub cuts: usize,
    /// A supporting line of the root LP bound as a function of `p`, from the last root LP
    /// (before any site was fixed by reduced cost): for every `q`, the p-median over the lists
    /// with `q` sites costs at least `value + slope · (q − p)` (see [`RootTangent`]).
    pub tangent: Option<RootTangent>,
}

/// The value and the cardinality row's dual of a master LP at the root. The master's rows do
/// not depend on `p` except the cardinality row `Σ y = p` (a cut is valid for every 0/1 point),
/// so its LP value is a convex function of the right side `q` with slope `slope` at `p`, and
/// lies below Elloumi's LP (hence the optimum) for every `q`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RootTangent {
    /// The LP value at `p`.
    pub value: f64,
    /// The dual value of `Σ y = p`: the LP value changes by at least `slope` per added site.
    pub slope: f64,
}

impl RootTangent {
    /// The lower bound this line gives at `q` sites.
    ///
    /// ```
    /// use impuls::solve::benders::RootTangent;
    /// let t = RootTangent { value: 100.0, slope: -20.0 };
    /// assert_eq!(t.at(5, 7), 60.0);
    /// assert_eq!(t.at(5, 3), 140.0);
    /// ```
    pub fn at(&self, p: usize, q: usize) -> f64 {
        self.value + self.slope * (q as f64 - p as f64)
    }
}

/// In-out step towards the LP optimum.
const ALPHA: f64 = 0.5;
/// Upper limit on root LP rounds (convergence is usually reached far earlier).
const MAX_LP_ROUNDS: usize = 2_000;
/// Root LP rounds between two polished roundings.
const ROOT_ROUNDING_EVERY: usize = 3;
/// A fractional node stops separating when its bound gained less than 0.01 % over this many
/// rounds.
const TAIL_ROUNDS: usize = 5;

/// One demand point's levels in flat arrays.
struct Client {
    /// Objective weight.
    w: f64,
    /// Listed sites in level order, up to the level where an open site is guaranteed.
    sites: Vec<u32>,
    /// Impedance of each entry of `sites`.
    dists: Vec<f64>,
    /// Level values `D¹ < … < Dᴷ`, plus the `beyond` bound as a last level without sites.
    level: Vec<f64>,
    /// End (exclusive) in `sites` of each level.
    end: Vec<usize>,
}

impl Client {
    /// Start in `sites` of level `k` (= end of the sites strictly closer than `Dᵏ`).
    fn start(&self, k: usize) -> usize {
        if k == 0 {
            0
        } else {
            self.end[k - 1]
        }
    }

    /// The optimal cut level at `y` and the subproblem value there (the cut's right side).
    fn separate(&self, y: &[f64]) -> (usize, f64) {
        let (mut s, mut t, mut pos) = (0.0, 0.0, 0);
        let last = self.level.len() - 1;
        for k in 0..=last {
            let mut here = 0.0;
            for q in pos..self.end[k] {
                here += y[self.sites[q] as usize];
            }
            if s + here >= 1.0 - 1e-9 || k == last {
                return (k, self.level[k] * (1.0 - s) + t);
            }
            for q in pos..self.end[k] {
                let v = y[self.sites[q] as usize];
                t += self.dists[q] * v;
            }
            s += here;
            pos = self.end[k];
        }
        unreachable!("a client has at least one level")
    }

    /// Right side of the cut at level `k` evaluated at `y`.
    fn cut_value(&self, k: usize, y: &[f64]) -> f64 {
        let dk = self.level[k];
        let mut v = dk;
        for q in 0..self.start(k) {
            v -= (dk - self.dists[q]) * y[self.sites[q] as usize];
        }
        v
    }

    /// Level of the nearest open site at a 0/1 point (the last level when none is open).
    fn nearest_level(&self, open: &[bool]) -> usize {
        let last = self.level.len() - 1;
        let q = self
            .sites
            .iter()
            .position(|&j| open[j as usize])
            .unwrap_or(self.sites.len());
        (0..=last).find(|&k| q < self.end[k]).unwrap_or(last)
    }
}

/// Shared state of a run.
struct Run<'a> {
    clients: Vec<Client>,
    m: usize,
    p: usize,
    required: Vec<usize>,
    /// Rows forcing service inside a short list without `beyond` (no open site guaranteed).
    covers: Vec<Vec<u32>>,
    /// Whether every objective value is an integer (integer weights and impedances).
    integral: bool,
    options: &'a RunOptions,
    started: Instant,
    log: bool,
    iterations: usize,
    nodes: usize,
    /// Incumbent (open mask, cost).
    best: Option<(Vec<bool>, f64)>,
    /// Proven lower bound.
    bound: f64,
    /// Sites fixed for every solution cheaper than the incumbent (required, reduced costs).
    fixed: Vec<Option<bool>>,
    /// Smallest bound of a node pruned only by the requested gap (∞ when none).
    gap_floor: f64,
    /// Local search applied to LP roundings (open sites in, improved open sites out).
    polish: Option<Polish<'a>>,
    /// Roundings already polished, by hash of their open sites.
    polished: HashSet<u64>,
    /// Every site's value at the core point of the Pareto-optimal cut choice (`p/m`).
    core: f64,
    /// The last root LP's tangent (see [`RootTangent`]).
    tangent: Option<RootTangent>,
}

/// A search on open-site sets: sorted sites in, sorted sites out, never worse. Without a mask
/// a quick local search (for LP roundings); with `Some(closed)` a deeper search that never
/// opens a site marked in `closed` (the sites reduced-cost fixing closed after the root).
pub type Polish<'a> = &'a dyn Fn(&[usize], Option<&[bool]>) -> Vec<usize>;

impl Run<'_> {
    fn tol(&self, v: f64) -> f64 {
        1e-6 * v.abs().max(1.0)
    }

    fn remaining(&self) -> Option<f64> {
        self.options
            .time_limit
            .map(|t| (t - self.started.elapsed().as_secs_f64()).max(0.0))
    }

    fn out_of_time(&self) -> bool {
        self.remaining().is_some_and(|r| r <= 0.0) || interrupt::requested()
    }

    fn ub(&self) -> f64 {
        self.best.as_ref().map_or(f64::INFINITY, |b| b.1)
    }

    /// Rounds a lower bound up when every objective value is an integer.
    fn round_bound(&self, b: f64) -> f64 {
        if self.integral && b.is_finite() {
            (b - 1e-6).ceil()
        } else {
            b
        }
    }

    /// Whether a node with LP value `v` can hold no solution better than the incumbent (or
    /// none better by more than the requested gap).
    fn cutoff(&self, v: f64) -> bool {
        let ub = self.ub();
        let b = self.round_bound(v);
        ub.is_finite()
            && (b >= ub - self.tol(ub)
                || (self.options.gap > 0.0 && (ub - b) / ub.abs().max(1e-9) <= self.options.gap))
    }

    /// Prunes a node with LP value `v` if it can hold no solution better than the incumbent
    /// (or none better by more than the requested gap: its bound then caps the final one).
    fn prune(&mut self, v: f64) -> bool {
        if !self.cutoff(v) {
            return false;
        }
        let b = self.round_bound(v);
        if b < self.ub() - self.tol(self.ub()) {
            self.gap_floor = self.gap_floor.min(b);
        }
        true
    }

    /// Records a lower bound valid for every solution cheaper than the incumbent.
    fn raise_bound(&mut self, b: f64) {
        let b = self.round_bound(b).min(self.ub()).min(self.gap_floor);
        if b > self.bound {
            self.bound = b;
        }
    }

    fn closed(&self) -> bool {
        self.cutoff(self.bound)
    }

    /// Whether a 0/1 point is feasible: p open, required open, cover rows met.
    fn feasible(&self, open: &[bool]) -> bool {
        open.iter().filter(|&&o| o).count() == self.p
            && self.required.iter().all(|&j| open[j])
            && self
                .covers
                .iter()
                .all(|s| s.iter().any(|&j| open[j as usize]))
    }

    /// Cost of a 0/1 point over the lists.
    fn cost(&self, open: &[bool]) -> f64 {
        self.clients
            .iter()
            .map(|c| c.w * c.level[c.nearest_level(open)])
            .sum()
    }

    /// Offers a 0/1 point as incumbent; returns whether it improved.
    fn offer(&mut self, open: Vec<bool>) -> bool {
        if !self.feasible(&open) {
            return false;
        }
        let cost = self.cost(&open);
        if cost < self.ub() {
            self.say(format_args!("incumbent {cost}"));
            self.best = Some((open, cost));
            return true;
        }
        false
    }

    /// Opens the p sites of largest LP value (fixed-open first, fixed-closed never).
    fn round(&mut self, y: &[f64], lower: &[f64], upper: &[f64]) -> bool {
        let mut order: Vec<usize> = (0..self.m).filter(|&j| upper[j] > 0.5).collect();
        order.sort_by(|&a, &b| {
            (lower[b] > 0.5)
                .cmp(&(lower[a] > 0.5))
                .then(y[b].total_cmp(&y[a]))
                .then(a.cmp(&b))
        });
        let open = site_mask(&order[..order.len().min(self.p)], self.m);
        let sites: Vec<usize> = (0..self.m).filter(|&j| open[j]).collect();
        let mut improved = self.offer(open);
        // A rounding of a good LP point is usually a few swaps from a very good solution
        // (often the optimum); each distinct rounding is polished once.
        if let Some(polish) = self.polish {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            sites.hash(&mut h);
            if self.polished.insert(h.finish()) {
                improved |= self.offer(site_mask(&polish(&sites, None), self.m));
            }
        }
        improved
    }

    fn say(&self, msg: std::fmt::Arguments) {
        if self.log {
            eprintln!(
                "benders {:7.2}s  {msg}",
                self.started.elapsed().as_secs_f64()
            );
        }
    }

    /// Options of every LP solve (the time limit is what is left).
    fn configure(&self, model: &mut Model) -> Result<()> {
        set(model, "output_flag", false)?;
        set(model, "log_to_console", false)?;
        set(model, "threads", self.options.threads.max(1) as i32)?;
        set(model, "random_seed", 0)?;
        set(model, "presolve", "off")?;
        // HiGHS's clock runs across all solves of the persistent model, so the limit is its
        // run time so far plus what is left of ours; a long LP (large n) then stops in time.
        if let Some(left) = self.remaining() {
            // SAFETY: a live HiGHS instance owned by `model`.
            let so_far = unsafe { highs_sys::Highs_getRunTime(model.as_mut_ptr()) };
            set(model, "time_limit", so_far + left.max(1e-3))?;
        }
        Ok(())
    }

    /// Reduced-cost fixing: with an optimal LP point of value `LB` (for some y bounds), a free
    /// site at 0 whose reduced cost `r` has `LB + r` above the largest cost that still improves
    /// on the incumbent (`UB − 1` for integer data) is closed in every improving solution within
    /// those bounds; a site at 1 with `LB − r` above it is open. `free(j)` tells which sites
    /// the bounds leave free.
    fn reduced_cost_fixings(&self, lp: &LpPoint, free: impl Fn(usize) -> bool) -> Vec<(u32, bool)> {
        let ub = self.ub();
        if !ub.is_finite() {
            return Vec::new();
        }
        let limit = if self.integral { ub - 1.0 } else { ub };
        let slack = limit - lp.value + self.tol(ub);
        (0..self.m)
            .filter(|&j| free(j))
            .filter_map(|j| {
                if lp.x[j] <= 1e-9 && lp.reduced[j] > slack {
                    Some((j as u32, false))
                } else if lp.x[j] >= 1.0 - 1e-9 && lp.reduced[j] < -slack {
                    Some((j as u32, true))
                } else {
                    None
                }
            })
            .collect()
    }

    /// Bounds of y from the global fixings alone.
    fn fixed_bounds(&self) -> (Vec<f64>, Vec<f64>) {
        self.fixed
            .iter()
            .map(|f| match f {
                Some(true) => (1.0, 1.0),
                Some(false) => (0.0, 0.0),
                None => (0.0, 1.0),
            })
            .unzip()
    }

    /// Global reduced-cost fixing with the root LP; returns how many sites were newly fixed.
    fn fix_by_reduced_cost(&mut self, root: &LpPoint) -> usize {
        let fixings = self.reduced_cost_fixings(root, |j| self.fixed[j].is_none());
        for &(j, v) in &fixings {
            self.fixed[j as usize] = Some(v);
        }
        fixings.len()
    }
}

fn set<V: highs::HighsOptionValue>(model: &mut Model, key: &str, value: V) -> Result<()> {
    model
        .try_set_option(key, value)
        .map_err(|e| Error::Solver(format!("HiGHS option {key}: {e:?}")))
}

/// Solves the p-median over `lists` exactly by Benders decomposition (see the module docs).
///
/// `start` is a feasible solution (e.g. from
/// [`greedy_interchange`](super::heuristic::pmedian::greedy_interchange)): `p` sites including
/// every required one; an infeasible start is ignored. `options` gives the time limit for the
/// whole run, the relative gap at which to stop and whether to log progress on stderr
/// (so does the environment variable `IMPULS_BENDERS_LOG`). HiGHS solves LPs only, so
/// `threads` hardly matters. Ctrl-C ([`interrupt`]) stops it like the time limit.
///
/// Errors: a demand point with an empty list and no `beyond` bound (it can reach no site), no
/// feasible set of sites, or a solver failure.
pub fn solve(
    instance: &Instance,
    lists: &CandidateLists,
    p: usize,
    start: &[usize],
    options: &RunOptions,
) -> Result<BendersOutcome> {
    solve_polished(instance, lists, p, start, options, None)
}

/// [`solve`], with a local search `polish` applied to every distinct rounding of an LP point
/// (e.g. [`heuristic::swap::Swapper::local_search`](super::heuristic::swap::Swapper)); the
/// polished solutions are offered as incumbents, which tightens reduced-cost fixing and
/// pruning. `polish` must return `p` sites including the required ones (others are ignored).
///
/// ```
/// use impuls::distance::{CandidateLists, Scope};
/// use impuls::instance;
/// use impuls::solve::benders::solve_polished;
/// use impuls::solve::highs::RunOptions;
/// let inst = instance::read("instances/demo/demo.json".as_ref(), None, &Default::default()).unwrap();
/// let lists = CandidateLists::build(&inst, Scope::All);
/// let keep = |open: &[usize], _closed: Option<&[bool]>| open.to_vec();
/// let out = solve_polished(&inst, &lists, 3, &[0, 1, 2], &RunOptions::default(), Some(&keep)).unwrap();
/// assert!(out.proven);
/// ```
pub fn solve_polished(
    instance: &Instance,
    lists: &CandidateLists,
    p: usize,
    start: &[usize],
    options: &RunOptions,
    polish: Option<Polish>,
) -> Result<BendersOutcome> {
    let started = Instant::now();
    let m = instance.sites.len();
    let guaranteed = m.saturating_sub(p) + 1;
    let mut clients = Vec::new();
    let mut covers = Vec::new();
    let mut integral = true;
    for i in 0..instance.demand.len() {
        let w = instance.demand[i].weight;
        // Setting up long lists takes seconds (usa13509, p = 10: 55 million pairs); the time
        // limit covers it, and the start is returned unproven.
        if i % 256 == 0 && past_limit(options, started) {
            return Ok(stopped_in_setup(lists, instance, start, started));
        }
        let lv = levels(instance, lists, i, p);
        if lv.steps.is_empty() && lv.beyond.is_none() {
            return Err(Error::Infeasible(format!(
                "demand '{}' cannot reach any site",
                instance.demand[i].id
            )));
        }
        // exact capacities: grown by doubling, the lists of usa13509 (p = 10) took ~1.5× their size
        let pairs: usize = lv.steps.iter().map(|(_, s)| s.len()).sum();
        let levels = lv.steps.len() + 1;
        let mut c = Client {
            w,
            sites: Vec::with_capacity(pairs),
            dists: Vec::with_capacity(pairs),
            level: Vec::with_capacity(levels),
            end: Vec::with_capacity(levels),
        };
        for (d, sites) in &lv.steps {
            for &j in sites {
                c.sites.push(j);
                c.dists.push(*d);
            }
            c.level.push(*d);
            c.end.push(c.sites.len());
        }
        if let Some(b) = lv.beyond {
            c.level.push(b);
            c.end.push(c.sites.len());
        } else {
            // Service is forced inside the list: a constraint on y unless an open site is
            // guaranteed (m − p + 1 listed sites, or a required one).
            let has_required = c.sites.iter().any(|&j| instance.sites[j as usize].required);
            if c.sites.len() < guaranteed && !has_required {
                covers.push(c.sites.clone());
            }
        }
        // a point without weight costs nothing, but its cover row above still holds: it must be
        // served inside a complete list
        if w == 0.0 {
            continue;
        }
        integral &=
            (w - w.round()).abs() < 1e-9 && c.level.iter().all(|v| (v - v.round()).abs() < 1e-9);
        clients.push(c);
    }
    let required = instance.required_sites();
    let mut fixed = vec![None; m];
    for &j in &required {
        fixed[j] = Some(true);
    }
    let mut run = Run {
        clients,
        m,
        p,
        required,
        covers,
        integral,
        options,
        started,
        log: super::benders_log(options.log),
        iterations: 0,
        nodes: 0,
        best: None,
        bound: f64::NEG_INFINITY,
        fixed,
        gap_floor: f64::INFINITY,
        polish,
        polished: HashSet::new(),
        core: p as f64 / m.max(1) as f64,
        tangent: None,
    };
    run.say(format_args!(
        "{} weighted demand points, {m} sites, p = {p}, {} cover rows, integer data: {}",
        run.clients.len(),
        run.covers.len(),
        run.integral
    ));
    run.offer(site_mask(start, m));
    let mut master = Master::new(&run)?;
    if let Some(root) = root_phase(&mut run, &mut master)? {
        if !run.closed() {
            tree_phase(&mut run, &mut master, &root)?;
        }
    }
    let cuts = master.rows.len() + master.pending.len();
    drop(master);
    run.say(format_args!(
        "{} nodes, {} LPs, {cuts} cuts, bound {}",
        run.nodes, run.iterations, run.bound
    ));
    let (open, objective) = match &run.best {
        Some((mask, cost)) => ((0..m).filter(|&j| mask[j]).collect(), *cost),
        None => (Vec::new(), f64::INFINITY),
    };
    let proven = objective.is_finite() && run.bound >= objective - run.tol(objective);
    Ok(BendersOutcome {
        open,
        objective,
        bound: run.bound.min(objective),
        proven,
        seconds: started.elapsed().as_secs_f64(),
        iterations: run.iterations,
        nodes: run.nodes,
        cuts,
        tangent: run.tangent,
    })
}

/// Whether the run's time limit has passed (or Ctrl-C was pressed).
fn past_limit(options: &RunOptions, started: Instant) -> bool {
    options
        .time_limit
        .is_some_and(|t| started.elapsed().as_secs_f64() >= t)
        || interrupt::requested()
}

/// The outcome when the clock stops the run before the master exists: the start, priced over
/// the lists, without a bound.
fn stopped_in_setup(
    lists: &CandidateLists,
    instance: &Instance,
    start: &[usize],
    started: Instant,
) -> BendersOutcome {
    let open = site_mask(start, instance.sites.len());
    let weights: Vec<f64> = instance.demand.iter().map(|d| d.weight).collect();
    let objective = lists.cost(&weights, &open);
    let mut sites: Vec<usize> = start.to_vec();
    sites.sort_unstable();
    BendersOutcome {
        open: if objective.is_finite() {
            sites
        } else {
            Vec::new()
        },
        objective,
        bound: f64::NEG_INFINITY,
        proven: false,
        seconds: started.elapsed().as_secs_f64(),
        iterations: 0,
        nodes: 0,
        cuts: 0,
        tangent: None,
    }
}

#[cfg(test)]
mod tests {
    use super::Client;

    /// Levels 1 < 3 < 4 < 8 with sites {0}, {1, 2}, {3}, {4}.
    pub(super) fn client() -> Client {
        Client {
            w: 1.0,
            sites: vec![0, 1, 2, 3, 4],
            dists: vec![1.0, 3.0, 3.0, 4.0, 8.0],
            level: vec![1.0, 3.0, 4.0, 8.0],
            end: vec![1, 3, 4, 5],
        }
    }

    /// Elloumi's subproblem at y: D¹ + Σ_k (Dᵏ⁺¹ − Dᵏ) · max(0, 1 − Σ_{d ≤ Dᵏ} y).
    fn elloumi(c: &Client, y: &[f64]) -> f64 {
        let mut v = c.level[0];
        for k in 0..c.level.len() - 1 {
            let s: f64 = (0..c.end[k]).map(|q| y[c.sites[q] as usize]).sum();
            v += (c.level[k + 1] - c.level[k]) * (1.0 - s).max(0.0);
        }
        v
    }

    #[test]
    fn the_separated_cut_is_the_subproblem_value() {
        let c = client();
        for y in [
            [0.2, 0.1, 0.3, 0.2, 0.2],
            [0.0, 0.5, 0.0, 0.5, 0.0],
            [0.0, 0.0, 0.0, 0.0, 1.0],
            [1.0, 0.0, 0.0, 0.0, 0.0],
            [0.3, 0.3, 0.3, 0.05, 0.05],
        ] {
            let (k, v) = c.separate(&y);
            assert!((v - elloumi(&c, &y)).abs() < 1e-12, "{y:?}");
            assert!((v - c.cut_value(k, &y)).abs() < 1e-12);
            // the chosen level is the strongest at y
            for other in 0..c.level.len() {
                assert!(c.cut_value(other, &y) <= v + 1e-12);
            }
        }
    }

    #[test]
    fn every_cut_is_valid_and_tight_at_its_own_integer_points() {
        let c = client();
        for mask in 1u32..32 {
            let open: Vec<bool> = (0..5).map(|j| mask >> j & 1 == 1).collect();
            let y: Vec<f64> = open.iter().map(|&o| f64::from(u8::from(o))).collect();
            let k_star = c.nearest_level(&open);
            let cost = c.level[k_star];
            for k in 0..c.level.len() {
                assert!(
                    c.cut_value(k, &y) <= cost + 1e-12,
                    "mask {mask:b} level {k}"
                );
            }
            assert_eq!(c.cut_value(k_star, &y), cost);
            assert_eq!(c.separate(&y), (k_star, cost));
        }
    }

    #[test]
    fn a_beyond_level_without_sites_charges_the_bound() {
        let mut c = client();
        c.level.push(10.0);
        c.end.push(5);
        let open = [false; 5];
        assert_eq!(c.nearest_level(&open), 4);
        assert_eq!(c.separate(&[0.0; 5]), (4, 10.0));
        // half open: the beyond level charges the rest
        let y = [0.0, 0.0, 0.0, 0.0, 0.5];
        let (k, v) = c.separate(&y);
        assert_eq!(k, 4);
        assert!((v - (10.0 - 0.5 * (10.0 - 8.0))).abs() < 1e-12);
    }
}
