//! Reliability branching for the Benders tree ([`super`]): strong-branching probes for the
//! sites whose pseudo-costs ([`crate::solve::benders_branching`]) have no history yet.
//!
//! A probe solves the node's master LP with one site's bound moved to 0 and then to 1 (no
//! new cuts, the node's basis as warm start). Both values are lower bounds on the children's
//! LP bounds, since a child only adds cuts to the same LP, so
//! - a child whose probe reaches the incumbent holds no improving solution: the site is fixed
//!   the other way at this node (both: the node is pruned), and
//! - the probed gains are exact scores for the choice and seed the site's pseudo-costs.
//!
//! Sites are looked at in order of their pseudo-cost estimate; a site observed at least
//! [`RELIABLE`] times each way keeps its estimate, and probing stops after [`LOOKAHEAD`]
//! probes in a row that found no better score (Achterberg, Koch & Martin, "Branching rules
//! revisited", 2005). Everything depends only on the order of the nodes, so the search stays
//! deterministic.

use super::{Lp, Master, Run};
use crate::error::{Error, Result};
use crate::solve::benders_branching::{score, Branched, PseudoCosts};

/// Candidates (best estimate first) looked at per node.
const MAX_CANDIDATES: usize = 8;
/// Probing stops after this many probes in a row without a better score.
const LOOKAHEAD: usize = 4;
/// Observations per direction after which a site's pseudo-costs are trusted without a probe.
const RELIABLE: u32 = 1;

/// What the branching step decided for a node.
pub(super) enum Choice {
    /// Branch on this site; lower bounds on the LP values of its down and up children (the
    /// probes', or the node's value when not probed).
    Branch(usize, [f64; 2]),
    /// The LP point is integral on the free sites.
    Integral,
    /// Probes fixed these sites (one child of each is cut off): re-solve the node with them.
    Fixed(Vec<(u32, bool)>),
    /// Both children of a probed site are cut off: the node holds no improving solution.
    Pruned,
    /// Stopped by the clock.
    Stopped,
}

/// Picks the branching site of a node whose LP (value `value`, point `y`, within `lower`
/// and `upper`) is the model's current solution.
pub(super) fn choose(
    run: &mut Run,
    master: &mut Master,
    pseudo: &mut PseudoCosts,
    value: f64,
    y: &[f64],
    lower: &[f64],
    upper: &[f64],
) -> Result<Choice> {
    let ranked = pseudo.ranked(y, lower, upper);
    let Some(&(first, _)) = ranked.first() else {
        return Ok(Choice::Integral);
    };
    let basis = master.basis()?;
    let (mut best, mut best_score) = (first, f64::NEG_INFINITY);
    let mut best_values = [value; 2];
    let mut fixings = Vec::new();
    let mut idle = 0;
    for &(j, estimate) in ranked.iter().take(MAX_CANDIDATES) {
        if pseudo.reliable(j, RELIABLE) {
            if estimate > best_score {
                (best, best_score, best_values) = (j, estimate, [value; 2]);
            }
            continue;
        }
        let mut gains = [0.0; 2];
        let mut values = [value; 2];
        for up in [false, true] {
            let x = f64::from(u8::from(up));
            master.set_col_bounds(j, x, x)?;
            master.set_basis(&basis)?;
            let v = probe(run, master)?;
            master.set_col_bounds(j, lower[j], upper[j])?;
            let Some(v) = v else {
                master.set_basis(&basis)?;
                return Ok(Choice::Stopped);
            };
            values[usize::from(up)] = v.max(value);
            pseudo.record(
                Branched {
                    site: j as u32,
                    up,
                    distance: if up { 1.0 - y[j] } else { y[j] },
                    parent: value,
                },
                v,
            );
            gains[usize::from(up)] = v.min(run.ub()) - value;
            if run.prune(v) {
                gains[usize::from(up)] = f64::INFINITY;
            }
        }
        match (gains[0].is_infinite(), gains[1].is_infinite()) {
            (true, true) => {
                master.set_basis(&basis)?;
                return Ok(Choice::Pruned);
            }
            (true, false) => fixings.push((j as u32, true)),
            (false, true) => fixings.push((j as u32, false)),
            (false, false) => {
                let s = score(gains[0], gains[1]);
                if s > best_score {
                    (best, best_score, best_values, idle) = (j, s, values, 0);
                } else {
                    idle += 1;
                }
            }
        }
        if idle >= LOOKAHEAD || run.out_of_time() {
            break;
        }
    }
    master.set_basis(&basis)?;
    if !fixings.is_empty() {
        return Ok(Choice::Fixed(fixings));
    }
    Ok(Choice::Branch(best, best_values))
}

/// The LP value with the bounds as set (∞ when infeasible, `None` when stopped). Separating
/// cuts at the probe's optimum as well (1 or 3 rounds) cost 25–35 % more CPU on fl1400
/// p = 200 than it saved in nodes.
fn probe(run: &mut Run, master: &mut Master) -> Result<Option<f64>> {
    Ok(match master.solve(run)? {
        Lp::Optimal(lp) => Some(lp.value),
        Lp::Infeasible => Some(f64::INFINITY),
        Lp::Stopped => None,
    })
}

/// A simplex basis: column and row statuses.
pub(super) struct Basis {
    cols: Vec<i32>,
    rows: Vec<i32>,
}

impl Master {
    /// Sets the bounds of site column `j`.
    fn set_col_bounds(&mut self, j: usize, lower: f64, upper: f64) -> Result<()> {
        // SAFETY: a live HiGHS instance; `j` is a y column.
        let status = unsafe {
            highs_sys::Highs_changeColBounds(self.model().as_mut_ptr(), j as i32, lower, upper)
        };
        if status == highs_sys::STATUS_ERROR {
            return Err(Error::Solver("HiGHS refused a site bound".into()));
        }
        Ok(())
    }

    /// The current basis.
    fn basis(&mut self) -> Result<Basis> {
        let model = self.model().as_mut_ptr();
        // SAFETY: a live HiGHS instance; the arrays hold one status per column and per row.
        let (cols, rows) = unsafe {
            (
                highs_sys::Highs_getNumCol(model),
                highs_sys::Highs_getNumRow(model),
            )
        };
        let mut b = Basis {
            cols: vec![0; cols.max(0) as usize],
            rows: vec![0; rows.max(0) as usize],
        };
        // SAFETY: as above.
        let status =
            unsafe { highs_sys::Highs_getBasis(model, b.cols.as_mut_ptr(), b.rows.as_mut_ptr()) };
        if status == highs_sys::STATUS_ERROR {
            return Err(Error::Solver("HiGHS has no basis to probe from".into()));
        }
        Ok(b)
    }

    /// Restores a basis taken by [`Master::basis`] (the rows must not have changed since).
    fn set_basis(&mut self, b: &Basis) -> Result<()> {
        // SAFETY: a live HiGHS instance with as many columns and rows as when `b` was taken.
        let status = unsafe {
            highs_sys::Highs_setBasis(self.model().as_mut_ptr(), b.cols.as_ptr(), b.rows.as_ptr())
        };
        if status == highs_sys::STATUS_ERROR {
            return Err(Error::Solver("HiGHS refused a basis".into()));
        }
        Ok(())
    }
}
