//! Runs a [`Mip`] on HiGHS and reads back what good_lp does not return: the dual bound.
//!
//! good_lp builds the model; [`good_lp::solvers::highs::HighsProblem::try_into_inner`] hands over
//! the `highs::Model`, on which options, the MIP start and an interrupt callback are set directly.
//! The model is created, solved and dropped inside [`run`], on the calling thread: HiGHS 1.15
//! resets a global scheduler when a model is destroyed, so a model must never outlive or change
//! its thread (callers on rayon threads pass `threads = 1`).

use super::interrupt;
use super::mip::{Mip, Sense};
use crate::error::{Error, Result};
use good_lp::solvers::highs::highs;
use good_lp::SolverModel;
use highs::HighsModelStatus;
use std::time::Instant;

/// Options of one HiGHS run.
#[derive(Debug, Clone, Copy)]
pub struct RunOptions {
    /// Wall-clock limit in seconds.
    pub time_limit: Option<f64>,
    /// Relative gap at which HiGHS may stop (0 = prove optimality).
    pub gap: f64,
    /// HiGHS threads (1 on rayon workers).
    pub threads: usize,
    /// Print HiGHS's log on stderr.
    pub log: bool,
    /// Feasibility tolerance (primal and MIP) when the default 1e-6/1e-7 is too loose, e.g. for
    /// ε-constraint rows with large integer coefficients.
    pub tolerance: Option<f64>,
    /// Run HiGHS's primal heuristics (RINS, RENS, feasibility jump, the root reduced-cost
    /// sub-MIP). Off pays for many tiny MIPs that are given a start (the Pareto stages):
    /// measured 25–30 % faster there; the root reduced-cost sub-MIP, which HiGHS runs even at
    /// zero heuristic effort, cost another 4 % of the Harz front's CPU time.
    pub heuristics: bool,
    /// Keep the root light: no restart after the root node and a cut pool of at most
    /// [`LIGHT_CUT_POOL`] cuts. On the Pareto stages (≈100 binaries, solved at the root 85 % of
    /// the time) HiGHS otherwise spends most of its time re-separating cuts and restarting;
    /// measured about a third less CPU time over the full Harz front.
    pub light_root: bool,
    /// Trust pseudo-costs from the first observation (`mip_pscost_minreliable = 0`) instead of
    /// strong branching until 8 are seen. On MCLPs with 10⁴ coverage rows each strong-branching
    /// LP is expensive while the LP bound is within 0.1 %: 10⁶ points, R = 5 km solved in 85 s
    /// CPU instead of stopping at a 0.23 % gap after the same time (README, "Scale").
    pub trust_pseudocosts: bool,
}

impl Default for RunOptions {
    /// No limits, prove optimality, one thread, quiet, HiGHS's tolerances and heuristics.
    fn default() -> Self {
        RunOptions {
            time_limit: None,
            gap: 0.0,
            threads: 1,
            log: false,
            tolerance: None,
            heuristics: true,
            light_root: false,
            trust_pseudocosts: false,
        }
    }
}

/// Cut-pool size for [`RunOptions::light_root`] (HiGHS's default is 10,000).
pub const LIGHT_CUT_POOL: i32 = 100;

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunStatus {
    /// HiGHS reports optimality within its gap tolerance.
    Optimal,
    /// Stopped by the time limit.
    TimeLimit,
    /// Stopped by Ctrl-C.
    Interrupted,
    /// Proven infeasible.
    Infeasible,
}

/// What a run produced. Objective and bound include the MIP's constant offset.
#[derive(Debug, Clone)]
pub struct RunOutcome {
    /// How it ended.
    pub status: RunStatus,
    /// Incumbent objective, if a feasible solution was found.
    pub objective: Option<f64>,
    /// Best proven bound (dual bound; for a maximisation an upper bound).
    pub bound: f64,
    /// Column values of the incumbent (empty without one).
    pub values: Vec<f64>,
    /// Wall-clock seconds of the HiGHS solve.
    pub seconds: f64,
    /// Branch-and-bound nodes.
    pub nodes: i64,
}

/// Solves `mip` with HiGHS.
pub fn run(mip: Mip, options: &RunOptions) -> Result<RunOutcome> {
    let sense = mip.sense;
    let offset = mip.offset;
    let start = mip.start.clone();
    let integral = mip.integral_objective;
    let scale = mip.scale;
    let (vars, mut objective, constraints) = mip.into_parts();
    if scale != 1.0 {
        objective *= 1.0 / scale;
    }
    let n_cols = vars.len();
    let unsolved = match sense {
        Sense::Minimise => vars.minimise(objective),
        Sense::Maximise => vars.maximise(objective),
    };
    let mut problem = unsolved.using(highs);
    for c in constraints {
        problem.add_constraint(c);
    }
    let model = problem
        .try_into_inner()
        .map_err(|e| Error::Solver(format!("cannot build the HiGHS model: {e}")))?;
    let shape = Shape {
        sense,
        offset,
        scale,
        integral,
        start,
    };
    run_model(model, n_cols, shape, options)
}

/// What [`run_model`] needs to know of a model beyond HiGHS's own data.
#[derive(Debug, Clone)]
pub struct Shape {
    /// Direction (for the bound of a run stopped before its first bound).
    pub sense: Sense,
    /// Constant added to the objective and the bound.
    pub offset: f64,
    /// Factor the objective and the bound are multiplied by.
    pub scale: f64,
    /// Whether every feasible objective value is an integer.
    pub integral: bool,
    /// A MIP start, one value per column.
    pub start: Option<Vec<f64>>,
}

/// Runs a model built directly with the highs crate (for programs too large for good_lp's
/// expressions: the market-share masters hold millions of nonzeros) with `options`, and reads
/// back the outcome as [`run`] does.
pub fn run_model(
    model: highs::Model,
    n_cols: usize,
    shape: Shape,
    options: &RunOptions,
) -> Result<RunOutcome> {
    run_model_kept(model, n_cols, shape, options).map(|(outcome, _)| outcome)
}

/// [`run_model`], handing the model back (with its basis) for rows to be added and a warm
/// re-solve on the same thread.
pub fn run_model_kept(
    mut model: highs::Model,
    n_cols: usize,
    shape: Shape,
    options: &RunOptions,
) -> Result<(RunOutcome, highs::Model)> {
    let Shape {
        sense,
        offset,
        scale,
        integral,
        start,
    } = shape;
    set(&mut model, "output_flag", options.log)?;
    set(&mut model, "log_to_console", options.log)?;
    set(&mut model, "mip_rel_gap", options.gap.max(0.0))?;
    set(
        &mut model,
        "mip_abs_gap",
        if options.gap > 0.0 { 1e-6 } else { 1e-9 },
    )?;
    set(&mut model, "threads", options.threads.max(1) as i32)?;
    set(&mut model, "random_seed", 0)?;
    if !options.heuristics {
        set(&mut model, "mip_heuristic_effort", 0.0)?;
        set(&mut model, "mip_heuristic_run_rins", false)?;
        set(&mut model, "mip_heuristic_run_rens", false)?;
        set(&mut model, "mip_heuristic_run_feasibility_jump", false)?;
        set(&mut model, "mip_heuristic_run_root_reduced_cost", false)?;
    }
    if options.light_root {
        set(&mut model, "mip_allow_restart", false)?;
        set(&mut model, "mip_pool_soft_limit", LIGHT_CUT_POOL)?;
    }
    if options.trust_pseudocosts {
        set(&mut model, "mip_pscost_minreliable", 0)?;
    }
    if let Some(tol) = options.tolerance {
        set(&mut model, "mip_feasibility_tolerance", tol)?;
        set(&mut model, "primal_feasibility_tolerance", tol)?;
    }
    if let Some(t) = options.time_limit {
        set(&mut model, "time_limit", t.max(0.0))?;
    }
    if let Some(start) = &start {
        if start.len() == n_cols {
            model
                .try_set_solution(Some(start), None, None, None)
                .map_err(|e| Error::Solver(format!("MIP start rejected: {e:?}")))?;
        }
    }
    for (key, value) in extra_options() {
        let r = match value.parse::<f64>() {
            Ok(v) if value.contains('.') => model.try_set_option(key.as_str(), v),
            _ => match value.parse::<i32>() {
                Ok(v) => model.try_set_option(key.as_str(), v),
                Err(_) => model.try_set_option(key.as_str(), value.as_str()),
            },
        };
        r.map_err(|e| Error::Parameter(format!("IMPULS_HIGHS_OPTIONS: {key}={value}: {e:?}")))?;
    }
    interrupt::attach(&mut model);
    let clock = Instant::now();
    let solved = model
        .try_solve()
        .map_err(|e| Error::Solver(format!("HiGHS failed: {e:?}")))?;
    let seconds = clock.elapsed().as_secs_f64();
    let status = match solved.status() {
        HighsModelStatus::Optimal
        | HighsModelStatus::ObjectiveBound
        | HighsModelStatus::ObjectiveTarget => RunStatus::Optimal,
        HighsModelStatus::ReachedTimeLimit
        | HighsModelStatus::ReachedIterationLimit
        | HighsModelStatus::ReachedSolutionLimit
        | HighsModelStatus::ReachedMemoryLimit => RunStatus::TimeLimit,
        HighsModelStatus::ReachedInterrupt => RunStatus::Interrupted,
        HighsModelStatus::Infeasible | HighsModelStatus::UnboundedOrInfeasible => {
            RunStatus::Infeasible
        }
        other => return Err(Error::Solver(format!("HiGHS ended with status {other:?}"))),
    };
    let has_solution = solved.primal_solution_status() == highs::HighsSolutionStatus::Feasible;
    let (objective, values) = if has_solution && status != RunStatus::Infeasible {
        (
            Some(solved.objective_value() * scale + offset),
            solved.get_solution().columns().to_vec(),
        )
    } else {
        (None, Vec::new())
    };
    let raw_bound = solved
        .double_info_value(c"mip_dual_bound")
        .unwrap_or(f64::NAN);
    let mut bound = if raw_bound.is_finite() {
        raw_bound * scale + offset
    } else if status == RunStatus::Optimal {
        // A pure LP (no integer columns) has no MIP dual bound: the LP optimum is the bound.
        objective.unwrap_or(f64::NAN)
    } else {
        match sense {
            Sense::Minimise => f64::NEG_INFINITY,
            Sense::Maximise => f64::INFINITY,
        }
    };
    if integral && bound.is_finite() {
        // Every feasible value is an integer, so the bound can be tightened to one.
        bound = match sense {
            Sense::Minimise => (bound - 1e-6).ceil(),
            Sense::Maximise => (bound + 1e-6).floor(),
        };
    }
    let nodes = node_count(&solved);
    let outcome = RunOutcome {
        status,
        objective,
        bound,
        values,
        seconds,
        nodes,
    };
    Ok((outcome, highs::Model::from(solved)))
}

fn set<V: highs::HighsOptionValue>(model: &mut highs::Model, key: &str, value: V) -> Result<()> {
    model
        .try_set_option(key, value)
        .map_err(|e| Error::Solver(format!("HiGHS option {key}: {e:?}")))
}

/// Extra HiGHS options from `IMPULS_HIGHS_OPTIONS` (`key=value,key=value`), for experiments.
fn extra_options() -> Vec<(String, String)> {
    std::env::var("IMPULS_HIGHS_OPTIONS")
        .unwrap_or_default()
        .split(',')
        .filter_map(|kv| {
            kv.split_once('=')
                .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        })
        .collect()
}

/// Branch-and-bound nodes (an int64 info value, which the highs crate reads only as HighsInt).
fn node_count(solved: &highs::SolvedModel) -> i64 {
    let mut value: i64 = 0;
    // SAFETY: a live solved model, a NUL-terminated key and a valid int64 out-pointer.
    let status = unsafe {
        highs_sys::Highs_getInt64InfoValue(
            solved.as_ptr() as *mut _,
            c"mip_node_count".as_ptr(),
            &mut value,
        )
    };
    if status == 0 {
        value
    } else {
        0
    }
}

/// Rows in HiGHS's compressed format, ready for `Highs_addRows`: one call appends them all to
/// a live model (adding rows one by one copies the matrix each time).
#[derive(Debug, Default)]
pub(crate) struct RowBatch {
    pub(crate) lower: Vec<f64>,
    pub(crate) upper: Vec<f64>,
    pub(crate) starts: Vec<i32>,
    pub(crate) index: Vec<i32>,
    pub(crate) value: Vec<f64>,
}

impl RowBatch {
    /// Queues the row lower ≤ Σ value · x_index ≤ upper.
    pub(crate) fn push(
        &mut self,
        lower: f64,
        upper: f64,
        terms: impl Iterator<Item = (usize, f64)>,
    ) {
        self.starts.push(self.index.len() as i32);
        self.lower.push(lower);
        self.upper.push(upper);
        for (c, v) in terms {
            self.index.push(c as i32);
            self.value.push(v);
        }
    }

    /// Number of queued rows.
    pub(crate) fn len(&self) -> usize {
        self.lower.len()
    }

    /// Appends the rows to `model` and empties the batch.
    pub(crate) fn flush(&mut self, model: &mut highs::Model) -> Result<()> {
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
            return Err(Error::Solver("HiGHS refused the added rows".into()));
        }
        *self = RowBatch::default();
        Ok(())
    }
}
