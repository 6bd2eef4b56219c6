//! The weight that each demand point gives to the open facilities where the models make it a
//! fraction (ArcGIS's `AllocatedWeight` of demand points and `DemandWeight` of facilities):
//! maximize attendance (w_i · g(d_i) to the nearest open site within the cutoff) and the Huff
//! models (w_i · u_ij / (U_i + V_i) to each open facility j). Computed from the instance and
//! the verified open sites with the library's own `Charge` and `Huff`, so the sums are the
//! reported objective; docs/models.md "Maximize attendance" and "Market share (Huff)".

use impuls::error::Result;
use impuls::instance::Instance;
use impuls::model::decay::Charge;
use impuls::model::huff::Huff;
use impuls::model::{ModelKind, Problem};
use impuls::solve::Solution;

/// Allocated weight per demand point and per site (0 for sites that are not open).
pub struct Allocated {
    /// Per demand point, in instance order.
    pub demand: Vec<f64>,
    /// Per site, in instance order.
    pub sites: Vec<f64>,
}

/// The allocated weights of `sol`, for attendance and the market-share models with a solution;
/// `None` for the other models (where a point gives its whole weight to its assigned site).
pub fn allocated(
    instance: &Instance,
    problem: &Problem,
    sol: &Solution,
) -> Result<Option<Allocated>> {
    if sol.objective.is_none() || sol.open.is_empty() {
        return Ok(None);
    }
    let decay = problem.decay_or_linear();
    let mut sites = vec![0.0; instance.sites.len()];
    let demand = match (problem.kind, problem.cutoff) {
        (ModelKind::Attendance, Some(cutoff)) => {
            let absence = Charge::Absence { decay, cutoff };
            let mut demand = vec![0.0; instance.demand.len()];
            for (i, a) in sol.assignment.iter().enumerate() {
                let Some(j) = *a else { continue };
                let d = instance.impedance(i, j);
                let attends = 1.0 - absence.of(d).unwrap_or(1.0);
                demand[i] = instance.demand[i].weight * attends;
                sites[j] += demand[i];
            }
            demand
        }
        (kind, cutoff) if kind.is_market() => {
            let huff = Huff::build(instance, &decay, cutoff)?;
            let mut open = vec![false; instance.sites.len()];
            for &j in &sol.open {
                open[j] = true;
            }
            (0..huff.len())
                .map(|i| {
                    let own = huff.own_utility(i, &open);
                    let captured = huff.capture(i, own);
                    if captured > 0.0 {
                        for &(j, u) in &huff.utilities[i] {
                            if open[j as usize] {
                                sites[j as usize] += captured * u / own;
                            }
                        }
                    }
                    captured
                })
                .collect()
        }
        _ => return Ok(None),
    };
    Ok(Some(Allocated { demand, sites }))
}
