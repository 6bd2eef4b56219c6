//! The master LP of the Benders decomposition: one persistent HiGHS model, cuts appended in
//! batches, slack cuts purged.

use super::*;
use crate::solve::highs::RowBatch;

/// A cut: demand point (index into the clients) and level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Cut {
    pub(super) client: u32,
    pub(super) level: u32,
}

impl RowBatch {
    pub(super) fn push_cut(&mut self, c: &Client, t: usize, k: usize, m: usize) {
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
}

/// The master LP, kept in one HiGHS model for the whole run: cuts are appended, bounds of y
/// change per branch-and-bound node, and the dual simplex restarts from the previous basis.
pub(super) struct Master {
    /// The model between solves (`None` only while HiGHS holds it).
    pub(super) model: Option<Model>,
    /// Rows before the cuts: the cardinality row and the cover rows.
    pub(super) base_rows: usize,
    /// The cut of each row after `base_rows`, in row order.
    pub(super) rows: Vec<Cut>,
    /// Cuts in the model or waiting in `batch`.
    pub(super) present: HashSet<Cut>,
    /// Cuts waiting to be appended, in `batch` order.
    pub(super) pending: Vec<Cut>,
    pub(super) batch: RowBatch,
}

/// An optimal master LP solution.
pub(super) struct LpPoint {
    /// Objective value (a valid lower bound for the current y bounds).
    pub(super) value: f64,
    /// Column values: y (sites) then θ (clients).
    pub(super) x: Vec<f64>,
    /// Row activities.
    pub(super) acts: Vec<f64>,
    /// Reduced costs of the y columns.
    pub(super) reduced: Vec<f64>,
    /// Dual value of the cardinality row.
    pub(super) card_dual: f64,
}

/// How a master LP solve ended.
pub(super) enum Lp {
    Optimal(LpPoint),
    Infeasible,
    Stopped,
}

impl Master {
    pub(super) fn new(run: &Run) -> Result<Self> {
        let m = run.m;
        let mut pb = RowProblem::default();
        let mut ys = Vec::with_capacity(m);
        for j in 0..m {
            let lo = if run.fixed[j] == Some(true) { 1.0 } else { 0.0 };
            ys.push(pb.add_column(0.0, lo..=1.0));
        }
        for c in &run.clients {
            pb.add_column(c.w, c.level[0]..);
        }
        let p = run.p as f64;
        pb.add_row(p..=p, ys.iter().map(|&c| (c, 1.0)));
        for s in &run.covers {
            pb.add_row(1.0.., s.iter().map(|&j| (ys[j as usize], 1.0)));
        }
        let model = Model::try_new(pb)
            .map_err(|e| Error::Solver(format!("cannot build the Benders master: {e:?}")))?;
        Ok(Master {
            model: Some(model),
            base_rows: 1 + run.covers.len(),
            rows: Vec::new(),
            present: HashSet::new(),
            pending: Vec::new(),
            batch: RowBatch::default(),
        })
    }

    pub(super) fn model(&mut self) -> &mut Model {
        self.model
            .as_mut()
            .expect("the model is back after each solve")
    }

    /// Queues a cut unless it is already there; returns whether it was new.
    pub(super) fn add(&mut self, run: &Run, cut: Cut) -> bool {
        if !self.present.insert(cut) {
            return false;
        }
        let t = cut.client as usize;
        self.batch
            .push_cut(&run.clients[t], t, cut.level as usize, run.m);
        self.pending.push(cut);
        true
    }

    /// Appends the queued cuts to the model; returns how many.
    pub(super) fn flush(&mut self) -> Result<usize> {
        let n = self.pending.len();
        let mut batch = std::mem::take(&mut self.batch);
        batch.flush(self.model())?;
        self.rows.append(&mut self.pending);
        Ok(n)
    }

    /// Sets the bounds of the y columns.
    pub(super) fn set_y_bounds(&mut self, lower: &[f64], upper: &[f64]) -> Result<()> {
        if lower.is_empty() {
            return Ok(());
        }
        let last = lower.len() as i32 - 1;
        // SAFETY: a live HiGHS instance; `lower` and `upper` hold one value per column of the
        // range 0..=last, which are the y columns.
        let status = unsafe {
            highs_sys::Highs_changeColsBoundsByRange(
                self.model().as_mut_ptr(),
                0,
                last,
                lower.as_ptr(),
                upper.as_ptr(),
            )
        };
        if status == highs_sys::STATUS_ERROR {
            return Err(Error::Solver("HiGHS refused new site bounds".into()));
        }
        Ok(())
    }

    /// Deletes the cuts with slack at `point` (their slack is basic, so the basis stays valid)
    /// when the model has grown beyond `limit` cuts.
    pub(super) fn purge(&mut self, run: &Run, point: &LpPoint, limit: usize) -> Result<()> {
        if self.rows.len() <= limit || point.acts.len() != self.base_rows + self.rows.len() {
            return Ok(());
        }
        let mut mask = vec![0i32; point.acts.len()];
        let mut kept = Vec::with_capacity(self.rows.len());
        for (r, &cut) in self.rows.iter().enumerate() {
            let lo = run.clients[cut.client as usize].level[cut.level as usize];
            if point.acts[self.base_rows + r] > lo + run.tol(lo) {
                mask[self.base_rows + r] = 1;
                self.present.remove(&cut);
            } else {
                kept.push(cut);
            }
        }
        // SAFETY: a live HiGHS instance and a mask with one entry per row.
        let status = unsafe {
            highs_sys::Highs_deleteRowsByMask(self.model().as_mut_ptr(), mask.as_mut_ptr())
        };
        if status == highs_sys::STATUS_ERROR {
            return Err(Error::Solver("HiGHS could not delete slack cuts".into()));
        }
        run.say(format_args!(
            "purged {} slack cuts, {} left",
            self.rows.len() - kept.len(),
            kept.len()
        ));
        self.rows = kept;
        Ok(())
    }

    /// Solves the LP as it stands.
    pub(super) fn solve(&mut self, run: &mut Run) -> Result<Lp> {
        let mut model = self
            .model
            .take()
            .expect("the model is back after each solve");
        run.configure(&mut model)?;
        run.iterations += 1;
        let solved = model
            .try_solve()
            .map_err(|e| Error::Solver(format!("HiGHS failed on the Benders master: {e:?}")))?;
        let out = match solved.status() {
            HighsModelStatus::Optimal => {
                let sol = solved.get_solution();
                Lp::Optimal(LpPoint {
                    value: solved.objective_value(),
                    x: sol.columns().to_vec(),
                    acts: sol.rows().to_vec(),
                    reduced: sol.dual_columns()[..run.m].to_vec(),
                    card_dual: sol.dual_rows()[0],
                })
            }
            HighsModelStatus::Infeasible | HighsModelStatus::UnboundedOrInfeasible => {
                Lp::Infeasible
            }
            HighsModelStatus::ReachedTimeLimit
            | HighsModelStatus::ReachedInterrupt
            | HighsModelStatus::ReachedIterationLimit => Lp::Stopped,
            other => {
                return Err(Error::Solver(format!(
                    "HiGHS ended the Benders master with status {other:?}"
                )))
            }
        };
        self.model = Some(Model::from(solved));
        Ok(out)
    }
}

/// Cuts at the separation point `y` (of the tight levels there, the Pareto-optimal one) for
/// every client whose θ at the LP point lies below the cut there; returns how many were
/// queued and the subproblem value Σ w_i φ_i(y).
pub(super) fn separate(run: &Run, master: &mut Master, y: &[f64], lp: &LpPoint) -> (usize, f64) {
    let m = run.m;
    let (y_lp, theta) = lp.x.split_at(m);
    let mut added = 0;
    let mut total = 0.0;
    for (t, c) in run.clients.iter().enumerate() {
        let (k, v) = c.separate(y);
        let k = c.pareto_level(k, y, run.core);
        total += c.w * v;
        let at_lp = c.cut_value(k, y_lp);
        if at_lp > theta[t] + run.tol(at_lp) {
            let cut = Cut {
                client: t as u32,
                level: k as u32,
            };
            if master.add(run, cut) {
                added += 1;
            }
        }
    }
    (added, total)
}

/// Cuts the master may hold before the slack ones are deleted: smaller LPs re-solve faster,
/// and a deleted cut is separated again when it is needed.
pub(super) fn purge_limit(run: &Run) -> usize {
    2 * run.clients.len() + 500
}
