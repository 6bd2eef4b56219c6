//! Independent verification: a solution is re-checked from the instance alone (coordinates or
//! the explicit matrix through [`Instance::impedance`]), never from the solver's column values
//! or the candidate lists the model was built on.

use crate::error::{Error, Result};
use crate::instance::Instance;
use crate::model::{lscp::site_cost, ModelKind};
use rayon::prelude::*;

/// The outcome of a successful check.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    /// Objective recomputed from the instance.
    pub objective: f64,
    /// Site serving each demand point (`None`: not covered, MCLP only).
    pub assignment: Vec<Option<usize>>,
}

/// Checks `open` (and, for capacitated instances, `assignment`) against every constraint of
/// `kind` and recomputes the objective. Uncapacitated demand goes to its nearest open site
/// (ties to the lower site index).
///
/// ```
/// # use impuls::instance::*;
/// use impuls::{model::ModelKind, solve::verify::verify};
/// # let p = |id: &str, x: f64| DemandPoint { id: id.into(), name: None, x, y: 0.0, weight: 2.0, load: None };
/// # let s = |id: &str, x: f64| Site { id: id.into(), name: None, x, y: 0.0, required: false, capacity: None, cost: None };
/// # let inst = Instance { name: String::new(), source: String::new(), crs: Crs::Planar, impedance: Impedance::euclidean(),
/// #   demand: vec![p("a", 0.0), p("b", 4.0)], sites: vec![s("s", 1.0), s("t", 5.0)], matrix: None };
/// let c = verify(&inst, ModelKind::PMedian, Some(1), None, &[0], None).unwrap();
/// assert_eq!(c.objective, 2.0 * 1.0 + 2.0 * 3.0);
/// assert!(verify(&inst, ModelKind::PMedian, Some(2), None, &[0], None).is_err());
/// ```
pub fn verify(
    instance: &Instance,
    kind: ModelKind,
    p: Option<usize>,
    radius: Option<f64>,
    open: &[usize],
    assignment: Option<&[Option<usize>]>,
) -> Result<Checked> {
    let m = instance.sites.len();
    let n = instance.demand.len();
    let fail = |msg: String| Err(Error::Verification(msg));
    let mut is_open = vec![false; m];
    for &j in open {
        if j >= m || is_open[j] {
            return fail(format!("open site index {j} is out of range or repeated"));
        }
        is_open[j] = true;
    }
    for j in instance.required_sites() {
        if !is_open[j] {
            return fail(format!(
                "required site '{}' is closed",
                instance.sites[j].id
            ));
        }
    }
    if let Some(p) = p {
        if open.len() != p {
            return fail(format!("{} sites open, p = {p}", open.len()));
        }
    }
    let within = |d: f64| radius.is_none_or(|r| d <= r);
    let assigned: Vec<Option<usize>> = match assignment {
        Some(a) => {
            if a.len() != n {
                return fail(format!("{} assignments for {n} demand points", a.len()));
            }
            a.to_vec()
        }
        // nearest open site per point, in parallel (order kept by collect)
        None => (0..n)
            .into_par_iter()
            .map(|i| {
                open.iter()
                    .filter_map(|&j| instance.impedance(i, j).map(|d| (j, d)))
                    .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)))
                    .filter(|&(_, d)| kind != ModelKind::Mclp || within(d))
                    .map(|(j, _)| j)
            })
            .collect(),
    };
    let mut load = vec![0.0; m];
    let mut objective = 0.0f64;
    for (i, a) in assigned.iter().enumerate() {
        let label = || format!("demand '{}'", instance.demand[i].id);
        let Some(j) = *a else {
            if kind == ModelKind::Mclp {
                continue;
            }
            return fail(format!("{} is not served by any open site", label()));
        };
        if j >= m || !is_open[j] {
            return fail(format!("{} is assigned to a closed site", label()));
        }
        let Some(d) = instance.impedance(i, j) else {
            return fail(format!(
                "{} is assigned to unreachable site '{}'",
                label(),
                instance.sites[j].id
            ));
        };
        if matches!(kind, ModelKind::Mclp | ModelKind::Lscp) && !within(d) {
            return fail(format!(
                "{} is {d} from its site, beyond the radius",
                label()
            ));
        }
        load[j] += instance.demand[i].load();
        let w = instance.demand[i].weight;
        match kind {
            ModelKind::PMedian => objective += w * d,
            ModelKind::PCenter => objective = objective.max(d),
            ModelKind::Mclp => objective += w,
            ModelKind::Lscp => {}
        }
    }
    for (j, &used) in load.iter().enumerate() {
        if let Some(cap) = instance.sites[j].capacity {
            if used > cap + 1e-6 * cap.max(1.0) {
                return fail(format!(
                    "site '{}' serves {} > capacity {cap}",
                    instance.sites[j].id, used
                ));
            }
        }
    }
    if kind == ModelKind::Lscp {
        objective = open.iter().map(|&j| site_cost(instance, j)).sum();
    }
    Ok(Checked {
        objective,
        assignment: assigned,
    })
}
