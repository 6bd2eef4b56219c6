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
//! **The algorithm.**
//! 1. *LP phase*: cutting planes on the master LP (y ∈ [0,1]) in one persistent HiGHS model
//!    (rows are appended, the dual simplex restarts from the previous basis), starting with the
//!    cuts at the heuristic solution and stabilised by in-out separation (Ben-Ameur & Neto):
//!    cuts are separated at `α·y_LP + (1−α)·y_c` between the LP optimum and a stability centre
//!    `y_c` (the best point seen by the subproblem value), falling back to `y_LP` when that
//!    finds no violated cut. It stops when no cut is violated at the LP optimum.
//! 2. *Reduced-cost fixing*: with LP value `LB` and the incumbent cost `UB`, a site at 0 with
//!    reduced cost `> UB − LB` cannot be open in any solution cheaper than the incumbent (and a
//!    site at 1 with reduced cost `< −(UB − LB)` cannot be closed), so it is fixed.
//! 3. *Integer phase*: the master MIP (y binary, the cuts binding at the LP optimum, MIP start
//!    from the incumbent) is solved to optimality; the cuts violated by its solution are added
//!    and it is solved again, until the master's optimum meets the true cost of a solution.
//!    Every master is a relaxation of the (list) p-median restricted to solutions cheaper than
//!    the incumbent, so `min(UB, master dual bound)` is a valid lower bound at every step.
//!
//! Models are created, solved and dropped inside [`solve`] on the calling thread, as in
//! [`super::highs`].

use super::highs::RunOptions;
use super::interrupt;
use crate::distance::CandidateLists;
use crate::error::{Error, Result};
use crate::instance::Instance;
use crate::model::pmedian::levels;
use highs::{HighsModelStatus, Model, RowProblem};
use std::time::Instant;

/// What [`solve`] found.
#[derive(Debug, Clone, PartialEq)]
pub struct BendersOutcome {
    /// Open sites of the best solution found, sorted.
    pub open: Vec<usize>,
    /// Its cost recomputed from the lists: each demand point pays its nearest open listed site,
    /// or its list's `beyond` bound when none is open (then a lower bound on the true cost).
    pub objective: f64,
    /// A valid lower bound on the optimum of the p-median over the lists.
    pub bound: f64,
    /// Whether `bound` meets `objective` (up to 1e-6 relative): the solution is optimal.
    pub proven: bool,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Master solves (LP rounds plus MIP rounds).
    pub iterations: usize,
    /// Cuts added in total.
    pub cuts: usize,
}

/// In-out step towards the LP optimum.
const ALPHA: f64 = 0.5;
/// Upper limit on LP rounds (convergence is usually reached far earlier).
const MAX_LP_ROUNDS: usize = 2_000;

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

/// A cut: demand point (index into the clients) and level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Cut {
    client: u32,
    level: u32,
}

/// Rows in HiGHS's compressed format, ready for `Highs_addRows`.
#[derive(Default)]
struct RowBatch {
    lower: Vec<f64>,
    upper: Vec<f64>,
    starts: Vec<i32>,
    index: Vec<i32>,
    value: Vec<f64>,
}

impl RowBatch {
    fn push_cut(&mut self, c: &Client, t: usize, k: usize, m: usize) {
        let dk = c.level[k];
        self.starts.push(self.index.len() as i32);
        self.lower.push(dk);
        self.upper.push(f64::INFINITY);
        self.index.push((m + t) as i32);
        self.value.push(1.0);
        for q in 0..c.start(k) {
            self.index.push(c.sites[q] as i32);
            self.value.push(dk - c.dists[q]);
        }
    }

    fn len(&self) -> usize {
        self.lower.len()
    }

    /// Appends the rows to `model` and empties the batch.
    fn flush(&mut self, model: &mut Model) -> Result<()> {
        if self.lower.is_empty() {
            return Ok(());
        }
        // SAFETY: a live HiGHS instance owned by `model`; the arrays have the lengths HiGHS
        // reads (rows: lower/upper/starts, non-zeros: index/value) and column indices in range.
        let status = unsafe {
            highs_sys::Highs_addRows(
                model.as_mut_ptr(),
                self.lower.len() as i32,
                self.lower.as_ptr(),
                self.upper.as_ptr(),
                self.index.len() as i32,
                self.starts.as_ptr(),
                self.index.as_ptr(),
                self.value.as_ptr(),
            )
        };
        if status == highs_sys::STATUS_ERROR {
            return Err(Error::Solver("HiGHS refused the Benders cuts".into()));
        }
        *self = RowBatch::default();
        Ok(())
    }
}

/// Shared state of a run.
struct Run<'a> {
    clients: Vec<Client>,
    /// Demand-point index of each client.
    m: usize,
    p: usize,
    required: Vec<usize>,
    /// Rows forcing service inside a complete-but-short list (no `beyond`, no guarantee).
    covers: Vec<Vec<u32>>,
    integral: bool,
    options: &'a RunOptions,
    started: Instant,
    log: bool,
    iterations: usize,
    cuts: usize,
    /// Incumbent (open mask, cost).
    best: Option<(Vec<bool>, f64)>,
    bound: f64,
}

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

    fn raise_bound(&mut self, b: f64) {
        let b = self.round_bound(b).min(self.ub());
        if b > self.bound {
            self.bound = b;
        }
    }

    fn closed(&self) -> bool {
        let ub = self.ub();
        ub.is_finite()
            && (ub - self.bound <= self.tol(ub)
                || (self.options.gap > 0.0
                    && (ub - self.bound) / ub.abs().max(1e-9) <= self.options.gap))
    }

    /// Cost of a 0/1 point per client (the level value of its nearest open site).
    fn costs(&self, open: &[bool]) -> Vec<f64> {
        self.clients
            .iter()
            .map(|c| c.level[c.nearest_level(open)])
            .collect()
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

    /// Offers a 0/1 point as incumbent; returns its cost.
    fn offer(&mut self, open: Vec<bool>) -> f64 {
        if !self.feasible(&open) {
            return f64::INFINITY;
        }
        let cost: f64 = self
            .costs(&open)
            .iter()
            .zip(&self.clients)
            .map(|(d, c)| c.w * d)
            .sum();
        if cost < self.ub() {
            self.best = Some((open, cost));
        }
        cost
    }

    fn say(&self, msg: std::fmt::Arguments) {
        if self.log {
            eprintln!(
                "benders {:7.2}s  {msg}",
                self.started.elapsed().as_secs_f64()
            );
        }
    }

    fn set_common(&self, model: &mut Model, collector: Option<&Collector>) -> Result<()> {
        let highs_log =
            self.options.log || std::env::var("IMPULS_BENDERS_LOG").is_ok_and(|v| v.trim() == "2");
        set(model, "output_flag", highs_log)?;
        set(model, "log_to_console", highs_log)?;
        set(model, "threads", self.options.threads.max(1) as i32)?;
        set(model, "random_seed", 0)?;
        if let Some(r) = self.remaining() {
            set(model, "time_limit", r)?;
        }
        match collector {
            Some(c) => attach_collector(model, c),
            None => interrupt::attach(model),
        }
        Ok(())
    }

    /// Columns `y_j` (0..m, binary when `integer`) then `θ_t`, the cardinality row and the
    /// cover rows.
    fn base_problem(&self, integer: bool, fixed: &[Option<bool>]) -> RowProblem {
        let mut pb = RowProblem::default();
        let mut ys = Vec::with_capacity(self.m);
        for f in fixed.iter().take(self.m) {
            let (lo, hi) = match f {
                Some(true) => (1.0, 1.0),
                Some(false) => (0.0, 0.0),
                None => (0.0, 1.0),
            };
            ys.push(pb.add_column_with_integrality(0.0, lo..=hi, integer));
        }
        for c in &self.clients {
            pb.add_column(c.w, c.level[0]..);
        }
        let p = self.p as f64;
        pb.add_row(p..=p, ys.iter().map(|&c| (c, 1.0)));
        for s in &self.covers {
            pb.add_row(1.0.., s.iter().map(|&j| (ys[j as usize], 1.0)));
        }
        pb
    }
}

/// Integer solutions HiGHS meets while solving a master MIP (every one it checks as an
/// incumbent, improving or not): each gives cuts for the next round, as a lazy-constraint
/// callback would.
#[derive(Default)]
struct Collector {
    solutions: std::sync::Mutex<Vec<Vec<f64>>>,
}

unsafe extern "C" fn collect(
    kind: std::os::raw::c_int,
    _message: *const std::os::raw::c_char,
    out: *const highs_sys::HighsCallbackDataOut,
    data_in: *mut highs_sys::HighsCallbackDataIn,
    user: *mut std::os::raw::c_void,
) {
    if kind == highs_sys::kHighsCallbackMipInterrupt as std::os::raw::c_int {
        if interrupt::requested() && !data_in.is_null() {
            // SAFETY: HiGHS passes a valid, writable HighsCallbackDataIn for interrupts.
            unsafe { (*data_in).user_interrupt = 1 };
        }
        return;
    }
    if kind != highs_sys::kHighsCallbackMipSolution as std::os::raw::c_int
        || out.is_null()
        || user.is_null()
    {
        return;
    }
    // SAFETY: `out` is HiGHS's callback data, valid during the call; `mip_solution` holds
    // `mip_solution_size` values; `user` is the `Collector` registered by `attach_collector`,
    // which outlives the model.
    let (values, collector) = unsafe {
        let out = &*out;
        if out.mip_solution.is_null() || out.mip_solution_size <= 0 {
            return;
        }
        (
            std::slice::from_raw_parts(out.mip_solution, out.mip_solution_size as usize),
            &*(user as *const Collector),
        )
    };
    let _ = std::panic::catch_unwind(|| {
        if let Ok(mut s) = collector.solutions.lock() {
            s.push(values.to_vec());
        }
    });
}

/// Registers [`collect`] (solutions and Ctrl-C) on a master MIP. `collector` must outlive
/// `model`.
fn attach_collector(model: &mut Model, collector: &Collector) {
    // SAFETY: the live HiGHS instance owned by `model`; the callback only reads HiGHS's data
    // and pushes into the collector behind a mutex; the caller keeps `collector` alive.
    unsafe {
        let ptr = model.as_mut_ptr();
        highs_sys::Highs_setCallback(
            ptr,
            Some(collect),
            collector as *const Collector as *mut std::os::raw::c_void,
        );
        highs_sys::Highs_startCallback(ptr, highs_sys::kHighsCallbackMipInterrupt);
        highs_sys::Highs_startCallback(ptr, highs_sys::kHighsCallbackMipSolution);
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
/// whole run, the relative gap at which to stop, the HiGHS threads and whether to log progress
/// (and HiGHS's own log) on stderr. Ctrl-C ([`interrupt`]) stops it like the time limit.
///
/// Errors: a demand point with an empty list and no `beyond` bound (it can reach no site), or a
/// solver failure.
pub fn solve(
    instance: &Instance,
    lists: &CandidateLists,
    p: usize,
    start: &[usize],
    options: &RunOptions,
) -> Result<BendersOutcome> {
    let started = Instant::now();
    let m = instance.sites.len();
    let guaranteed = m.saturating_sub(p) + 1;
    let mut clients = Vec::new();
    let mut covers = Vec::new();
    let mut integral = true;
    for i in 0..instance.demand.len() {
        let w = instance.demand[i].weight;
        if w == 0.0 {
            continue;
        }
        let lv = levels(instance, lists, i, p);
        if lv.steps.is_empty() && lv.beyond.is_none() {
            return Err(Error::Infeasible(format!(
                "demand '{}' cannot reach any site",
                instance.demand[i].id
            )));
        }
        let mut c = Client {
            w,
            sites: Vec::new(),
            dists: Vec::new(),
            level: Vec::new(),
            end: Vec::new(),
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
        integral &=
            (w - w.round()).abs() < 1e-9 && c.level.iter().all(|v| (v - v.round()).abs() < 1e-9);
        clients.push(c);
    }
    let mut run = Run {
        clients,
        m,
        p,
        required: instance.required_sites(),
        covers,
        integral,
        options,
        started,
        log: options.log || std::env::var_os("IMPULS_BENDERS_LOG").is_some(),
        iterations: 0,
        cuts: 0,
        best: None,
        bound: f64::NEG_INFINITY,
    };
    let mut open = vec![false; m];
    for &j in start {
        if j < m {
            open[j] = true;
        }
    }
    run.offer(open);
    let lp = lp_phase(&mut run)?;
    if let Some(lp) = lp {
        if !run.closed() && !run.out_of_time() {
            mip_phase(&mut run, lp)?;
        }
    }
    let (open, objective) = match run.best.take() {
        Some((mask, cost)) => ((0..m).filter(|&j| mask[j]).collect(), cost),
        None => (Vec::new(), f64::INFINITY),
    };
    run.best = Some((Vec::new(), objective));
    let proven =
        run.closed() && objective.is_finite() && run.bound >= objective - run.tol(objective);
    Ok(BendersOutcome {
        open,
        objective,
        bound: run.bound.min(objective),
        proven,
        seconds: started.elapsed().as_secs_f64(),
        iterations: run.iterations,
        cuts: run.cuts,
    })
}

/// What the LP phase hands to the integer phase.
struct LpResult {
    /// LP optimum (the last master LP's objective).
    value: f64,
    /// y at the LP optimum.
    y: Vec<f64>,
    /// Reduced costs of y.
    reduced: Vec<f64>,
    /// Cuts binding at the LP optimum.
    binding: Vec<Cut>,
}

/// Cutting planes on the master LP. Returns `None` when stopped by the clock.
fn lp_phase(run: &mut Run) -> Result<Option<LpResult>> {
    let m = run.m;
    let mut fixed = vec![None; m];
    for &j in &run.required {
        fixed[j] = Some(true);
    }
    let mut model = Model::try_new(run.base_problem(false, &fixed))
        .map_err(|e| Error::Solver(format!("cannot build the Benders master: {e:?}")))?;
    let base_rows = 1 + run.covers.len();
    let mut rows: Vec<Cut> = Vec::new();
    let mut batch = RowBatch::default();
    // Stability centre: the incumbent, or the uniform point p/m.
    let mut centre: Vec<f64> = match &run.best {
        Some((mask, _)) => mask.iter().map(|&o| if o { 1.0 } else { 0.0 }).collect(),
        None => vec![run.p as f64 / m.max(1) as f64; m],
    };
    let mut centre_value = run.ub();
    if let Some((mask, _)) = &run.best {
        for (t, c) in run.clients.iter().enumerate() {
            let k = c.nearest_level(mask);
            if k > 0 {
                batch.push_cut(c, t, k, m);
                rows.push(Cut {
                    client: t as u32,
                    level: k as u32,
                });
            }
        }
    }
    run.cuts += batch.len();
    batch.flush(&mut model)?;
    // cuts in the model (rows[..in_model]); later entries wait in `batch`
    let mut in_model = rows.len();
    let mut y_sep = vec![0.0; m];
    loop {
        if run.out_of_time() {
            return Ok(None);
        }
        run.set_common(&mut model, None)?;
        set(&mut model, "presolve", "off")?;
        run.iterations += 1;
        let solved = model
            .try_solve()
            .map_err(|e| Error::Solver(format!("HiGHS failed on the Benders LP: {e:?}")))?;
        match solved.status() {
            HighsModelStatus::Optimal => {}
            HighsModelStatus::ReachedTimeLimit
            | HighsModelStatus::ReachedInterrupt
            | HighsModelStatus::ReachedIterationLimit => return Ok(None),
            HighsModelStatus::Infeasible | HighsModelStatus::UnboundedOrInfeasible => {
                return Err(Error::Infeasible(
                    "no set of p sites serves every demand point".into(),
                ))
            }
            other => {
                return Err(Error::Solver(format!(
                    "HiGHS ended the Benders LP with status {other:?}"
                )))
            }
        }
        let value = solved.objective_value();
        run.raise_bound(value);
        let sol = solved.get_solution();
        let x = sol.columns();
        let (y, theta) = x.split_at(m);
        // In-out separation point.
        for j in 0..m {
            y_sep[j] = ALPHA * y[j] + (1.0 - ALPHA) * centre[j];
        }
        let mut sep_value = 0.0;
        for (t, c) in run.clients.iter().enumerate() {
            let (k, v) = c.separate(&y_sep);
            sep_value += c.w * v;
            let at_lp = c.cut_value(k, y);
            if at_lp > theta[t] + run.tol(at_lp) {
                batch.push_cut(c, t, k, m);
                rows.push(Cut {
                    client: t as u32,
                    level: k as u32,
                });
            }
        }
        if sep_value < centre_value {
            centre.copy_from_slice(&y_sep);
            centre_value = sep_value;
        }
        if batch.len() == 0 {
            // Mis-price: separate at the LP optimum itself.
            let mut lp_value = 0.0;
            for (t, c) in run.clients.iter().enumerate() {
                let (k, v) = c.separate(y);
                lp_value += c.w * v;
                if v > theta[t] + run.tol(v) {
                    batch.push_cut(c, t, k, m);
                    rows.push(Cut {
                        client: t as u32,
                        level: k as u32,
                    });
                }
            }
            if lp_value < centre_value {
                centre.copy_from_slice(y);
                centre_value = lp_value;
            }
        }
        run.say(format_args!(
            "LP {:4}  value {value:.4}  centre {centre_value:.4}  rows {}  new cuts {}",
            run.iterations,
            rows.len(),
            batch.len()
        ));
        let converged = batch.len() == 0
            || centre_value - value <= 1e-9 * value.abs().max(1.0)
            || run.iterations >= MAX_LP_ROUNDS;
        if converged || run.closed() {
            let acts = sol.rows();
            let binding = rows[..in_model]
                .iter()
                .enumerate()
                .filter(|&(r, cut)| {
                    let lo = run.clients[cut.client as usize].level[cut.level as usize];
                    acts[base_rows + r] <= lo + 1e-6 * lo.abs().max(1.0)
                })
                .map(|(_, &cut)| cut)
                .collect();
            let out = LpResult {
                value,
                y: y.to_vec(),
                reduced: sol.dual_columns()[..m].to_vec(),
                binding,
            };
            return Ok(Some(out));
        }
        run.cuts += batch.len();
        in_model = rows.len();
        model = Model::from(solved);
        batch.flush(&mut model)?;
    }
}

/// Reduced-cost fixing, then master MIPs with cuts until the master meets a true cost.
fn mip_phase(run: &mut Run, lp: LpResult) -> Result<()> {
    let m = run.m;
    let ub = run.ub();
    let mut fixed: Vec<Option<bool>> = vec![None; m];
    for &j in &run.required {
        fixed[j] = Some(true);
    }
    let (mut zeros, mut ones) = (0, 0);
    if ub.is_finite() {
        let slack = ub - lp.value + run.tol(ub);
        for j in 0..m {
            if fixed[j].is_some() {
                continue;
            }
            if lp.y[j] <= 1e-9 && lp.reduced[j] > slack {
                fixed[j] = Some(false);
                zeros += 1;
            } else if lp.y[j] >= 1.0 - 1e-9 && lp.reduced[j] < -slack {
                fixed[j] = Some(true);
                ones += 1;
            }
        }
    }
    run.say(format_args!(
        "LP bound {:.4}, UB {ub:.4}: fixed {zeros} sites closed, {ones} open; {} binding cuts",
        lp.value,
        lp.binding.len()
    ));
    let collector = Collector::default();
    let mut model = Model::try_new(run.base_problem(true, &fixed))
        .map_err(|e| Error::Solver(format!("cannot build the Benders master: {e:?}")))?;
    let mut batch = RowBatch::default();
    let mut present: std::collections::HashSet<Cut> = std::collections::HashSet::new();
    for &cut in &lp.binding {
        let t = cut.client as usize;
        batch.push_cut(&run.clients[t], t, cut.level as usize, m);
        present.insert(cut);
    }
    batch.flush(&mut model)?;
    loop {
        if run.out_of_time() {
            return Ok(());
        }
        run.set_common(&mut model, Some(&collector))?;
        set(&mut model, "mip_rel_gap", run.options.gap.max(0.0))?;
        set(
            &mut model,
            "mip_abs_gap",
            if run.integral { 0.999 } else { 1e-9 },
        )?;
        if let Some((mask, _)) = &run.best {
            let respects = (0..m).all(|j| fixed[j].is_none_or(|f| f == mask[j]));
            if respects {
                let mut start: Vec<f64> = mask.iter().map(|&o| f64::from(u8::from(o))).collect();
                start.extend(run.costs(mask));
                model
                    .try_set_solution(Some(&start), None, None, None)
                    .map_err(|e| Error::Solver(format!("MIP start rejected: {e:?}")))?;
            }
        }
        run.iterations += 1;
        let solved = model
            .try_solve()
            .map_err(|e| Error::Solver(format!("HiGHS failed on the Benders master: {e:?}")))?;
        let status = solved.status();
        let dual = solved
            .double_info_value(c"mip_dual_bound")
            .unwrap_or(f64::NAN);
        match status {
            HighsModelStatus::Optimal
            | HighsModelStatus::ReachedTimeLimit
            | HighsModelStatus::ReachedInterrupt
            | HighsModelStatus::ReachedIterationLimit
            | HighsModelStatus::ReachedSolutionLimit
            | HighsModelStatus::ReachedMemoryLimit => {}
            HighsModelStatus::Infeasible | HighsModelStatus::UnboundedOrInfeasible => {
                // No solution cheaper than the incumbent survives the fixing: it is optimal.
                if run.ub().is_finite() {
                    run.raise_bound(run.ub());
                    return Ok(());
                }
                return Err(Error::Infeasible(
                    "no set of p sites serves every demand point".into(),
                ));
            }
            other => {
                return Err(Error::Solver(format!(
                    "HiGHS ended the Benders master with status {other:?}"
                )))
            }
        }
        if dual.is_finite() {
            run.raise_bound(dual);
        }
        let has_solution = solved.primal_solution_status() == highs::HighsSolutionStatus::Feasible;
        let mut points = std::mem::take(&mut *collector.solutions.lock().expect("not poisoned"));
        if has_solution {
            let sol = solved.get_solution();
            let x = sol.columns();
            run.say(format_args!(
                "MIP {:3}  master {:.4}  bound {:.4}  UB {:.4}  ({} cuts, {} points, {:?})",
                run.iterations,
                solved.objective_value(),
                run.bound,
                run.ub(),
                present.len(),
                points.len(),
                status
            ));
            points.push(x.to_vec());
        }
        let mut added = 0;
        let mut seen: std::collections::HashSet<Vec<bool>> = std::collections::HashSet::new();
        for x in points.iter().rev() {
            if x.len() != m + run.clients.len() {
                continue;
            }
            let (y, theta) = x.split_at(m);
            let mask: Vec<bool> = y.iter().map(|&v| v > 0.5).collect();
            if !seen.insert(mask.clone()) {
                continue;
            }
            run.offer(mask.clone());
            for (t, c) in run.clients.iter().enumerate() {
                let k = c.nearest_level(&mask);
                let v = c.level[k];
                if v > theta[t] + run.tol(v) {
                    let cut = Cut {
                        client: t as u32,
                        level: k as u32,
                    };
                    if present.insert(cut) {
                        batch.push_cut(c, t, k, m);
                        added += 1;
                    }
                }
            }
        }
        if run.closed() || status != HighsModelStatus::Optimal {
            return Ok(());
        }
        if added == 0 {
            // The master's solution costs what the master says, yet the bound does not close
            // the gap: HiGHS stopped at the requested relative gap (or a tolerance disagrees).
            return Ok(());
        }
        run.cuts += added;
        model = Model::from(solved);
        batch.flush(&mut model)?;
    }
}
