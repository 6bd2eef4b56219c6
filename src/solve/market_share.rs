//! Maximize market share and target market share, exactly, by outer approximation with
//! submodular cuts (after Ljubić & Moreno 2018) in a cutting-plane loop around HiGHS.
//!
//! The master over y (our candidate sites) has one epigraph column θ_i per demand point in
//! competition (V_i > 0) and maximises Σ θ_i subject to Σ y = p and cuts θ_i ≤ a + Σ b_j y_j
//! that over-estimate w_i φ_i(U_i(y)):
//! * outer-approximation tangents of the concave φ_i at U*: θ_i ≤ w_i (φ(U*) + φ'(U*) (U − U*));
//! * submodular cuts at a set S*: θ_i ≤ F_i(S*) + Σ_{j∉S*} (F_i(S* + j) − F_i(S*)) y_j.
//!
//! A point without competitors in reach is captured in full by any facility of ours that reaches
//! it: θ_i ≤ w_i Σ_{j reaches i} y_j, θ_i ≤ w_i, exact. Every master is a relaxation, so its
//! value (or HiGHS's dual bound) bounds the optimum from above; every integer y it returns is
//! evaluated on the true F (a lower bound). Tangents at fractional LP points first strengthen
//! the relaxation (Kelley's loop on the LP); then each MIP round adds both cuts at its y*,
//! which cut that y* off unless F(y*) meets its θ. There are finitely many y, so the loop ends,
//! with the gap closed. See `docs/models.md`, "Market share".

use super::heuristic::capture::CaptureSearch;
use super::highs::{self, RowBatch, RunOptions, RunStatus, Shape};
use super::mip::Sense;
use super::{interrupt, stopped, tol, verify, Solution, SolveOptions, Status};
use crate::error::{Error, Result};
use crate::instance::Instance;
use crate::model::huff::Huff;
use crate::model::{ModelKind, Problem};
use ::highs as highs_crate;
use highs_crate::{Col, Model, RowProblem};
use std::time::Instant;

/// One cut θ_i ≤ constant + Σ coef · y_site.
#[derive(Debug, Clone)]
struct Cut {
    constant: f64,
    terms: Vec<(u32, f64)>,
}

/// How a demand point enters the master.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    /// No weight, or no facility of ours reaches it: captures nothing whatever we open.
    Idle,
    /// No competitor reaches it: captured in full by any of our facilities that does.
    Sure,
    /// In competition: an epigraph column with cuts.
    Competed,
}

/// The state of one exact solve with p sites.
struct Oa<'h> {
    huff: &'h Huff,
    m: usize,
    required: Vec<usize>,
    roles: Vec<Role>,
    cuts: Vec<Vec<Cut>>,
    n_cuts: usize,
    /// Best set found and its captured demand.
    best: Option<(Vec<bool>, f64)>,
    /// Least upper bound proven.
    bound: f64,
    rounds: usize,
    nodes: i64,
    solver_seconds: f64,
    /// Log every round on stderr (`--log` or `IMPULS_BENDERS_LOG`).
    log: bool,
    started: Instant,
}

/// A built master: the model, its size, and the columns of y (per site) and θ (per point).
struct Master {
    model: Model,
    n_cols: usize,
    rows: usize,
    y: Vec<Option<usize>>,
    theta: Vec<Option<usize>>,
    start: Option<Vec<f64>>,
    /// Per point: how many of its cuts the model holds.
    in_model: Vec<usize>,
}

/// A master's point: y per site, θ per point, and how the run ended.
type Point = (Vec<f64>, Vec<Option<f64>>, RunStatus);

/// Why one exact solve for p stopped.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Stop {
    /// The gap closed.
    Closed,
    /// The best set reaches the threshold (target share: p is enough).
    Reached,
    /// The bound is below the threshold (target share: p is too few).
    Refuted,
    /// Time limit, Ctrl-C, or a numerical stall.
    Stopped,
}

/// LP rounds of Kelley's loop before the MIP rounds.
const LP_ROUNDS: usize = 30;

/// Kelley's loop stops when a round lowers the LP bound by at most this share of it.
const LP_TAIL: f64 = 1e-5;

/// Share of a point's weight that the folded small terms of one cut may add (see
/// [`Oa::folded`]); the separation tolerance is ten times as much.
const FOLD: f64 = 1e-10;

impl<'h> Oa<'h> {
    fn new(huff: &'h Huff, m: usize, required: Vec<usize>) -> Self {
        let roles = (0..huff.len())
            .map(|i| {
                if huff.weights[i] <= 0.0 || huff.utilities[i].is_empty() {
                    Role::Idle
                } else if huff.competition[i] <= 0.0 {
                    Role::Sure
                } else {
                    Role::Competed
                }
            })
            .collect();
        Oa {
            huff,
            m,
            required,
            roles,
            cuts: vec![Vec::new(); huff.len()],
            n_cuts: 0,
            best: None,
            bound: f64::INFINITY,
            rounds: 0,
            nodes: 0,
            solver_seconds: 0.0,
            log: false,
            started: Instant::now(),
        }
    }

    fn say(&self, what: std::fmt::Arguments) {
        if self.log {
            eprintln!(
                "market    {:7.2}s  {what}",
                self.started.elapsed().as_secs_f64()
            );
        }
    }

    /// Own utility of point i at the (possibly fractional) site values `y`.
    fn own(&self, i: usize, y: &[f64]) -> f64 {
        self.huff.utilities[i]
            .iter()
            .map(|&(j, u)| u * y[j as usize])
            .sum()
    }

    /// The tangent of w_i φ_i at own utility `u`.
    fn tangent(&self, i: usize, u: f64) -> Cut {
        let slope = self.huff.slope(i, u);
        self.folded(
            i,
            Cut {
                constant: self.huff.capture(i, u) - slope * u,
                terms: self.huff.utilities[i]
                    .iter()
                    .map(|&(j, uj)| (j, slope * uj))
                    .collect(),
            },
        )
    }

    /// The cut with its smallest terms b_j y_j replaced by their largest value b_j (y_j ≤ 1),
    /// as long as they add at most [`FOLD`] · w_i to the constant: a weaker cut, so still
    /// valid, with far fewer nonzeros under a fast decay, and still violated by more than the
    /// separation tolerance (10 · FOLD · w_i) wherever it is needed.
    fn folded(&self, i: usize, mut cut: Cut) -> Cut {
        let budget = FOLD * self.huff.weights[i];
        cut.terms
            .sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
        let mut spent = 0.0;
        let keep_from = cut
            .terms
            .iter()
            .position(|&(_, b)| {
                spent += b;
                spent > budget
            })
            .unwrap_or(cut.terms.len());
        let folded: f64 = cut.terms[..keep_from].iter().map(|&(_, b)| b).sum();
        cut.constant += folded;
        cut.terms.drain(..keep_from);
        cut.terms.sort_by_key(|&(j, _)| j);
        cut
    }

    /// The submodular cut of point i at the open mask `open`.
    fn submodular(&self, i: usize, open: &[bool]) -> Cut {
        let u0 = self.huff.own_utility(i, open);
        let f0 = self.huff.capture(i, u0);
        self.folded(
            i,
            Cut {
                constant: f0,
                terms: self.huff.utilities[i]
                    .iter()
                    .filter(|(j, _)| !open[*j as usize])
                    .map(|&(j, uj)| (j, self.huff.capture(i, u0 + uj) - f0))
                    .collect(),
            },
        )
    }

    fn add(&mut self, i: usize, cut: Cut) {
        self.cuts[i].push(cut);
        self.n_cuts += 1;
    }

    /// Offers an integer set as incumbent.
    fn offer(&mut self, open: Vec<bool>) -> f64 {
        let value = self.huff.captured(&open);
        if self.best.as_ref().is_none_or(|(_, v)| value > *v) {
            self.best = Some((open, value));
        }
        value
    }

    /// Drops the cuts that are slack at the LP point (y, θ) (by more than 10⁻⁶ w_i): the LP
    /// optimum stays optimal without them, and the MIP masters get far fewer rows.
    fn purge(&mut self, y: &[f64], theta: &[Option<f64>]) {
        let before = self.n_cuts;
        for (i, &t) in theta.iter().enumerate() {
            let Some(t) = t else { continue };
            let slack_limit = 1e-6 * self.huff.weights[i].max(1e-9);
            let cuts = std::mem::take(&mut self.cuts[i]);
            let n = cuts.len();
            let kept: Vec<Cut> = cuts
                .into_iter()
                .enumerate()
                .filter(|(k, cut)| {
                    let rhs: f64 = cut.constant
                        + cut
                            .terms
                            .iter()
                            .map(|&(j, b)| b * y[j as usize])
                            .sum::<f64>();
                    // the newest cut stays whatever its slack
                    rhs - t <= slack_limit || *k + 1 == n
                })
                .map(|(_, cut)| cut)
                .collect();
            self.n_cuts -= n - kept.len();
            self.cuts[i] = kept;
        }
        self.say(format_args!(
            "purged {} slack cuts, {} left",
            before - self.n_cuts,
            self.n_cuts
        ));
    }

    /// Cuts at the site values `y` for every competed point whose θ exceeds its true capture;
    /// `open` (an integer point) adds the submodular cut too. Returns how many were added.
    fn separate(&mut self, y: &[f64], theta: &[Option<f64>], open: Option<&[bool]>) -> usize {
        let mut added = 0;
        for (i, &t) in theta.iter().enumerate() {
            let (Role::Competed, Some(t)) = (self.roles[i], t) else {
                continue;
            };
            let u = self.own(i, y);
            let truth = self.huff.capture(i, u);
            if t <= truth + 10.0 * FOLD * self.huff.weights[i].max(1e-9) {
                continue;
            }
            let tangent = self.tangent(i, u);
            self.add(i, tangent);
            if let Some(open) = open {
                let sub = self.submodular(i, open);
                self.add(i, sub);
            }
            added += 1;
        }
        added
    }

    /// The master with `p` sites, continuous (`relax`) or binary y, and the best set as start,
    /// built directly with the highs crate (millions of nonzeros under a slow decay). Returns
    /// the model, its number of columns and rows, the y columns and the θ columns.
    fn master(&self, p: usize, relax: bool) -> Result<Master> {
        let mut pb = RowProblem::default();
        let mut y: Vec<Option<Col>> = vec![None; self.m];
        let mut y_index = vec![None; self.m];
        let mut n_cols = 0;
        for &j in &self.huff.candidates {
            let lo = if self.required.contains(&j) { 1.0 } else { 0.0 };
            let col = pb.add_column_with_integrality(0.0, lo..=1.0, !relax);
            y[j] = Some(col);
            y_index[j] = Some(n_cols);
            n_cols += 1;
        }
        let count: Vec<(Col, f64)> = y.iter().flatten().map(|&c| (c, 1.0)).collect();
        pb.add_row(p as f64..=p as f64, count);
        let mut rows = 1;
        let mut theta = vec![None; self.huff.len()];
        let col = |j: u32| y[j as usize].expect("candidate");
        #[allow(clippy::needless_range_loop)] // i indexes roles, weights, utilities and cuts
        for i in 0..self.huff.len() {
            let w = self.huff.weights[i];
            let cap = match self.roles[i] {
                Role::Idle => continue,
                Role::Sure => w,
                Role::Competed => {
                    let all: f64 = self.huff.utilities[i].iter().map(|(_, u)| u).sum();
                    self.huff.capture(i, all)
                }
            };
            let t = pb.add_column(1.0, 0.0..=cap);
            theta[i] = Some(n_cols);
            n_cols += 1;
            if self.roles[i] == Role::Sure {
                // θ − w Σ_{j reaches i} y_j ≤ 0
                let terms = std::iter::once((t, 1.0))
                    .chain(self.huff.utilities[i].iter().map(|&(j, _)| (col(j), -w)));
                pb.add_row(..=0.0, terms);
                rows += 1;
                continue;
            }
            for cut in &self.cuts[i] {
                // θ − Σ b_j y_j ≤ a
                let terms =
                    std::iter::once((t, 1.0)).chain(cut.terms.iter().map(|&(j, b)| (col(j), -b)));
                pb.add_row(..=cut.constant, terms);
                rows += 1;
            }
        }
        let start = self.best.as_ref().map(|(open, _)| {
            let mut start = vec![0.0; n_cols];
            for j in 0..self.m {
                if let Some(c) = y_index[j] {
                    start[c] = f64::from(u8::from(open[j]));
                }
            }
            for (i, c) in theta.iter().enumerate() {
                if let Some(c) = *c {
                    start[c] = self.huff.capture(i, self.huff.own_utility(i, open));
                }
            }
            start
        });
        let model = pb
            .try_optimise(highs_crate::Sense::Maximise)
            .map_err(|e| Error::Solver(format!("cannot build the market-share master: {e:?}")))?;
        Ok(Master {
            model,
            n_cols,
            rows,
            y: y_index,
            theta,
            start,
            in_model: self.cuts.iter().map(Vec::len).collect(),
        })
    }

    /// Adds the cuts found since `master` was built (or last extended) as rows, in one batch.
    fn extend(&self, master: &mut Master) -> Result<()> {
        let mut batch = RowBatch::default();
        for i in 0..self.huff.len() {
            let Some(t) = master.theta[i] else {
                continue;
            };
            for cut in &self.cuts[i][master.in_model[i]..] {
                // θ − Σ b_j y_j ≤ a
                let terms = std::iter::once((t, 1.0)).chain(
                    cut.terms
                        .iter()
                        .map(|&(j, b)| (master.y[j as usize].expect("candidate"), -b)),
                );
                batch.push(f64::NEG_INFINITY, cut.constant, terms);
            }
            master.in_model[i] = self.cuts[i].len();
        }
        master.rows += batch.len();
        batch.flush(&mut master.model)
    }

    /// Solves a master built afresh and reads (y, θ) back (`None` when HiGHS found no point).
    fn run(&mut self, p: usize, relax: bool, options: &RunOptions) -> Result<Option<Point>> {
        let master = self.master(p, relax)?;
        Ok(self.run_master(master, relax, options)?.0)
    }

    /// Solves `master` as it stands and hands it back with the point.
    fn run_master(
        &mut self,
        master: Master,
        relax: bool,
        options: &RunOptions,
    ) -> Result<(Option<Point>, Master)> {
        let Master {
            model,
            n_cols,
            rows,
            y,
            theta,
            start,
            in_model,
        } = master;
        let shape = Shape {
            sense: Sense::Maximise,
            offset: 0.0,
            scale: 1.0,
            integral: false,
            // HiGHS takes a start for a MIP only
            start: start.filter(|_| !relax),
        };
        let (out, model) = highs::run_model_kept(model, n_cols, shape, options)?;
        self.rounds += 1;
        self.say(format_args!(
            "{} round {}: {rows} rows, value {:?}, {:.2}s in HiGHS",
            if relax { "LP " } else { "MIP" },
            self.rounds,
            out.objective,
            out.seconds
        ));
        self.nodes += out.nodes.max(0);
        self.solver_seconds += out.seconds;
        if out.status == RunStatus::Infeasible {
            return Err(Error::Infeasible(
                "no set of p of our sites includes every required one".into(),
            ));
        }
        // an LP's optimum and a MIP's dual bound both bound the optimum from above
        let ub = match (relax, out.status) {
            (true, RunStatus::Optimal) => out.objective.unwrap_or(f64::INFINITY),
            (true, _) => f64::INFINITY,
            (false, _) => out.bound,
        };
        if ub.is_finite() {
            self.bound = self.bound.min(ub);
        }
        let point = out.objective.map(|_| {
            let yv: Vec<f64> = y.iter().map(|c| c.map_or(0.0, |c| out.values[c])).collect();
            let tv: Vec<Option<f64>> = theta.iter().map(|c| c.map(|c| out.values[c])).collect();
            (yv, tv, out.status)
        });
        let master = Master {
            model,
            n_cols,
            rows,
            y,
            theta,
            start: None,
            in_model,
        };
        Ok((point, master))
    }

    fn gap_closed(&self) -> bool {
        self.best
            .as_ref()
            .is_some_and(|(_, v)| self.bound <= v + tol(*v))
    }

    /// The exact loop for p sites; `threshold` (target share) stops it as soon as the best set
    /// reaches it or the bound falls below it.
    fn solve(
        &mut self,
        p: usize,
        threshold: Option<f64>,
        options: &SolveOptions,
        started: Instant,
    ) -> Result<Stop> {
        // incumbent: greedy addition and interchange on the true F
        // cuts do not depend on p: a later p keeps them and only needs a new incumbent
        self.best = None;
        self.bound = f64::INFINITY;
        let mut search = CaptureSearch::new(self.huff, self.m, &self.required);
        search.greedy(p);
        let deadline = options
            .time_limit
            .map(|t| started + std::time::Duration::from_secs_f64(t * 0.25));
        search.interchange(deadline);
        let start = search.open().to_vec();
        let value = self.offer(start.clone());
        self.say(format_args!("p = {p}: greedy and interchange {value}"));
        // cuts at the incumbent and the tangent at U = 0 (the linear upper bound w U / V)
        let zero = vec![0.0; self.m];
        let y0: Vec<f64> = start.iter().map(|&o| f64::from(u8::from(o))).collect();
        for i in 0..self.huff.len() {
            if self.roles[i] == Role::Competed {
                if self.cuts[i].is_empty() {
                    let t0 = self.tangent(i, self.own(i, &zero));
                    self.add(i, t0);
                }
                let t1 = self.tangent(i, self.own(i, &y0));
                self.add(i, t1);
                let s = self.submodular(i, &start);
                self.add(i, s);
            }
        }
        let stop = |oa: &Oa| -> Option<Stop> {
            if let Some(t) = threshold {
                if oa.best.as_ref().is_some_and(|(_, v)| *v >= t - tol(t)) {
                    return Some(Stop::Reached);
                }
                if oa.bound < t - tol(t) {
                    return Some(Stop::Refuted);
                }
            }
            if oa.gap_closed() {
                return Some(Stop::Closed);
            }
            if interrupt::requested() || super::out_of_time(options, started) {
                return Some(Stop::Stopped);
            }
            None
        };
        if let Some(s) = stop(self) {
            return Ok(s);
        }
        // Kelley's loop on the LP relaxation: tangents at fractional points, added to one LP
        // that is re-solved warm from its last basis
        let mut lp = self.master(p, true)?;
        let mut last: Option<(Vec<f64>, Vec<Option<f64>>)> = None;
        let mut previous = f64::INFINITY;
        for _ in 0..LP_ROUNDS {
            let (point, kept) = self.run_master(lp, true, &options.run_options(started))?;
            lp = kept;
            let Some((y, theta, _)) = point else {
                break;
            };
            let value: f64 = theta.iter().flatten().sum();
            // the p largest y as a rounding
            let mut order: Vec<usize> = self.huff.candidates.clone();
            order.sort_by(|&a, &b| y[b].total_cmp(&y[a]).then(a.cmp(&b)));
            let mut rounded = vec![false; self.m];
            for &j in &self.required {
                rounded[j] = true;
            }
            for &j in &order {
                if rounded.iter().filter(|&&o| o).count() >= p {
                    break;
                }
                rounded[j] = true;
            }
            self.offer(rounded);
            if let Some(s) = stop(self) {
                return Ok(s);
            }
            // tail-off: the bound hardly moves any more, the MIP rounds take over
            let tailing = previous - value <= LP_TAIL * value.abs().max(1.0);
            previous = value;
            let added = if tailing {
                0
            } else {
                self.separate(&y, &theta, None)
            };
            last = Some((y, theta));
            if added == 0 {
                break;
            }
            self.extend(&mut lp)?;
        }
        drop(lp);
        if let Some((y, theta)) = &last {
            self.purge(y, theta);
        }
        // MIP rounds: cuts at every integer optimum of the master
        loop {
            let Some((y, theta, status)) = self.run(p, false, &options.run_options(started))?
            else {
                return Ok(stop(self).unwrap_or(Stop::Stopped));
            };
            let open: Vec<bool> = y.iter().map(|&v| v > 0.5).collect();
            let yi: Vec<f64> = open.iter().map(|&o| f64::from(u8::from(o))).collect();
            self.offer(open.clone());
            if let Some(s) = stop(self) {
                return Ok(s);
            }
            if status != RunStatus::Optimal {
                return Ok(Stop::Stopped);
            }
            if self.separate(&yi, &theta, Some(&open)) == 0 {
                // nothing to cut while the gap is open: a numerical stall, reported as such
                return Ok(Stop::Stopped);
            }
        }
    }
}

/// Solves maximize market share (`p` sites) or target market share.
pub(super) fn solve(
    instance: &Instance,
    problem: &Problem,
    p: Option<usize>,
    options: &SolveOptions,
    started: Instant,
) -> Result<Solution> {
    let decay = problem.decay_or_linear();
    let huff = Huff::build(instance, &decay, problem.cutoff)?;
    let required = instance.required_sites();
    let m = instance.sites.len();
    match problem.kind {
        ModelKind::TargetShare => {
            let share = problem.target_share.expect("checked");
            target(instance, problem, &huff, share, options, started)
        }
        _ => {
            let p = p.expect("checked");
            let mut oa = Oa::new(&huff, m, required);
            oa.log = super::benders_log(options.log);
            let stop = oa.solve(p, None, options, started)?;
            let mut sol = finish(instance, problem, &oa, p, options)?;
            sol.bound = Some(oa.bound.max(sol.objective.unwrap_or(f64::NEG_INFINITY)));
            settle_max(&mut sol, stop, options);
            Ok(sol)
        }
    }
}

/// The verified solution of an exact run (its best set).
fn finish(
    instance: &Instance,
    problem: &Problem,
    oa: &Oa,
    p: usize,
    _options: &SolveOptions,
) -> Result<Solution> {
    let mut sol = Solution::empty(problem.kind);
    sol.stats.rows = oa.n_cuts;
    sol.stats.columns = oa.huff.candidates.len() + oa.huff.len();
    sol.stats.nodes = oa.nodes;
    sol.stats.solver_seconds = oa.solver_seconds;
    sol.stats.rounds = oa.rounds;
    let Some((open, value)) = &oa.best else {
        return Ok(sol);
    };
    let sites: Vec<usize> = (0..open.len()).filter(|&j| open[j]).collect();
    let decay = problem.decay_or_linear();
    let checked = verify::market(instance, &decay, problem.cutoff, Some(p), &sites)?;
    if (checked.captured - value).abs() > tol(checked.captured) {
        return Err(Error::Verification(format!(
            "{}: the solver captures {value} but the instance gives {}",
            problem.kind, checked.captured
        )));
    }
    sol.objective = Some(checked.captured);
    sol.model_objective = Some(*value);
    sol.share = Some(if checked.total_weight > 0.0 {
        checked.captured / checked.total_weight
    } else {
        0.0
    });
    sol.open = sites;
    sol.assignment = checked.assignment;
    sol.verified = true;
    Ok(sol)
}

/// Status and gap of a maximised capture from its bound.
fn settle_max(sol: &mut Solution, stop: Stop, options: &SolveOptions) {
    let Some(v) = sol.objective else {
        sol.status = stopped();
        return;
    };
    let b = sol.bound.unwrap_or(f64::INFINITY);
    sol.gap = b.is_finite().then(|| super::gap(v, b));
    sol.status = if b <= v + tol(v) {
        sol.bound = Some(v.max(b));
        sol.gap = Some(0.0);
        Status::Optimal
    } else if options.gap > 0.0 && sol.gap.is_some_and(|g| g <= options.gap) {
        Status::GapLimit
    } else {
        debug_assert!(stop != Stop::Closed);
        stopped()
    };
}

/// Target market share: the fewest of our sites whose captured demand reaches `share` of the
/// total weight, found by deciding p = 1, 2, … in turn (the largest capture grows with p), then
/// the largest capture with that many.
fn target(
    instance: &Instance,
    problem: &Problem,
    huff: &Huff,
    share: f64,
    options: &SolveOptions,
    started: Instant,
) -> Result<Solution> {
    let m = instance.sites.len();
    let required = instance.required_sites();
    if huff.total_weight <= 0.0 {
        return Err(Error::Parameter(
            "target-share needs demand: the total weight is 0, so no share is defined".into(),
        ));
    }
    let goal = share * huff.total_weight;
    let all: Vec<bool> = (0..m).map(|j| !instance.sites[j].competitor).collect();
    let most = huff.captured(&all);
    if most < goal - tol(goal) {
        return Err(Error::Infeasible(format!(
            "target share {share} is out of reach: all {} candidate sites capture {most} of {} \
             (share {})",
            huff.candidates.len(),
            huff.total_weight,
            most / huff.total_weight.max(f64::MIN_POSITIVE)
        )));
    }
    let mut oa = Oa::new(huff, m, required.clone());
    oa.log = super::benders_log(options.log);
    for p in required.len().max(1)..=huff.candidates.len() {
        let stop = oa.solve(p, Some(goal), options, started)?;
        match stop {
            Stop::Refuted => continue,
            Stop::Stopped => {
                // undecided: p is a lower bound, the greedy count that reaches the goal an
                // upper one
                let mut sol = greedy_count(instance, problem, huff, goal, p, options)?;
                sol.bound = Some(p as f64);
                sol.gap = sol.objective.map(|v| super::gap(v, p as f64));
                sol.status = stopped();
                sol.stats.rounds += oa.rounds;
                return Ok(sol);
            }
            Stop::Reached | Stop::Closed => {
                let closed = stop == Stop::Closed || {
                    // the count is proven; now the largest capture with it (the incumbent
                    // found is offered again by the greedy restart, or beaten)
                    let reached = oa.best.clone();
                    let stop = oa.solve(p, None, options, started)?;
                    if let Some((open, _)) = reached {
                        oa.offer(open);
                    }
                    stop == Stop::Closed
                };
                let best_value = oa.best.as_ref().map_or(0.0, |b| b.1);
                if best_value < goal - tol(goal) {
                    // closed below the goal: p is too few after all
                    continue;
                }
                let mut sol = finish(instance, problem, &oa, p, options)?;
                sol.objective = Some(p as f64);
                sol.bound = Some(p as f64);
                sol.gap = Some(0.0);
                sol.status = Status::Optimal;
                sol.p = Some(p);
                // the count is proven; whether the capture with it is the largest too
                sol.stats.share_optimal = Some(closed);
                return Ok(sol);
            }
        }
    }
    Err(Error::Infeasible(format!(
        "target share {share} is out of reach"
    )))
}

/// The fewest sites by greedy addition (from `from` on) that reach `goal`: the fallback when
/// the time runs out before the count is decided.
fn greedy_count(
    instance: &Instance,
    problem: &Problem,
    huff: &Huff,
    goal: f64,
    from: usize,
    options: &SolveOptions,
) -> Result<Solution> {
    let m = instance.sites.len();
    let required = instance.required_sites();
    let mut search = CaptureSearch::new(huff, m, &required);
    for p in from..=huff.candidates.len() {
        search.greedy(p);
        if huff.captured(search.open()) >= goal - tol(goal) {
            let mut oa = Oa::new(huff, m, required.clone());
            oa.offer(search.open().to_vec());
            let mut sol = finish(instance, problem, &oa, p, options)?;
            sol.objective = Some(p as f64);
            sol.p = Some(p);
            return Ok(sol);
        }
    }
    Ok(Solution::empty(problem.kind))
}
