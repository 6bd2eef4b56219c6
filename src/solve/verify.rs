//! Independent verification: a solution is re-checked from the instance alone (coordinates or
//! the explicit matrix through [`Instance::impedance`]), never from the solver's column values
//! or the candidate lists the model was built on.

use crate::error::{Error, Result};
use crate::instance::{Instance, Metric};
use crate::model::{lscp::site_cost, ModelKind};
use rayon::prelude::*;

mod decayed;
mod market;

pub use decayed::{decayed, Decayed};
pub use market::{market, Market};

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
/// # let s = |id: &str, x: f64| Site { id: id.into(), name: None, x, y: 0.0, required: false, capacity: None, cost: None, ..Default::default() };
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
    if !matches!(
        kind,
        ModelKind::PMedian | ModelKind::PCenter | ModelKind::Mclp | ModelKind::Lscp
    ) {
        return fail(format!(
            "{kind} is checked by verify::decayed or verify::market"
        ));
    }
    let is_open = open_mask(instance, p, open)?;
    let within = |d: f64| radius.is_none_or(|r| d <= r);
    let assigned: Vec<Option<usize>> = match assignment {
        Some(a) => {
            if a.len() != n {
                return fail(format!("{} assignments for {n} demand points", a.len()));
            }
            a.to_vec()
        }
        // nearest open site per point, in parallel (order kept by collect)
        None => {
            let planar = planar_monotone(instance);
            (0..n)
                .into_par_iter()
                .map(|i| {
                    nearest_open(instance, i, open, planar)
                        .filter(|&(_, d)| kind != ModelKind::Mclp || within(d))
                        .map(|(j, _)| j)
                })
                .collect()
        }
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
            _ => {}
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

/// The open set as one flag per site, checked: indices in range and distinct, every required
/// site open, no competitor's facility open, and `p` sites when `p` is given.
pub(crate) fn open_mask(
    instance: &Instance,
    p: Option<usize>,
    open: &[usize],
) -> Result<Vec<bool>> {
    let fail = |msg: String| Err(Error::Verification(msg));
    let mut is_open = vec![false; instance.sites.len()];
    for &j in open {
        if j >= is_open.len() || is_open[j] {
            return fail(format!("open site index {j} is out of range or repeated"));
        }
        if instance.sites[j].competitor {
            return fail(format!(
                "competitor site '{}' is open",
                instance.sites[j].id
            ));
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
    Ok(is_open)
}

/// Whether the impedance is a non-decreasing function of the planar Euclidean distance
/// (Euclidean or floor metric from coordinates, positive detour and speed).
fn planar_monotone(instance: &Instance) -> bool {
    let imp = &instance.impedance;
    instance.matrix.is_none()
        && matches!(imp.metric, Metric::Euclidean | Metric::Floor)
        && imp.detour > 0.0
        && imp.speed_kmh.is_none_or(|v| v > 0.0)
}

/// The open site of least impedance from demand point `i` and that impedance (ties to the
/// lower site index). With a `planar` monotone impedance, squared coordinate differences find
/// the Euclidean nearest site `j*` at distance `e*` first; only sites closer than `e* + 1`
/// (a floor can tie them with `j*`) are priced by [`Instance::impedance`]. That is the
/// same site and value as pricing every open site, at a fraction of the cost for large `p`.
fn nearest_open(
    instance: &Instance,
    i: usize,
    open: &[usize],
    planar: bool,
) -> Option<(usize, f64)> {
    let least = |sites: &mut dyn Iterator<Item = usize>| {
        sites
            .filter_map(|j| instance.impedance(i, j).map(|d| (j, d)))
            .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)))
    };
    if !planar {
        return least(&mut open.iter().copied());
    }
    let d = &instance.demand[i];
    let sq = |j: usize| {
        let s = &instance.sites[j];
        (d.x - s.x) * (d.x - s.x) + (d.y - s.y) * (d.y - s.y)
    };
    let nearest = open.iter().map(|&j| sq(j)).fold(f64::INFINITY, f64::min);
    // generous: rounding of the squares is far below one unit of distance
    let reach = (nearest.sqrt() + 1.0).powi(2) * (1.0 + 1e-9) + 1e-9;
    least(&mut open.iter().copied().filter(|&j| sq(j) <= reach))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instance::{Crs, DemandPoint, Impedance, Site};

    /// Small integer coordinates under the floor metric: many ties in impedance.
    fn tied(metric: Metric) -> Instance {
        let mut state = 7u64;
        let mut next = |k: u64| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((state >> 33) % k) as f64
        };
        let demand = (0..200)
            .map(|i| DemandPoint {
                id: format!("d{i}"),
                name: None,
                x: next(12),
                y: next(12),
                weight: 1.0,
                load: None,
            })
            .collect();
        let sites = (0..60)
            .map(|j| Site {
                id: format!("s{j}"),
                name: None,
                x: next(12) + 0.5 * next(2),
                y: next(12),
                required: false,
                capacity: None,
                cost: None,
                ..Default::default()
            })
            .collect();
        Instance {
            name: String::new(),
            source: String::new(),
            crs: Crs::Planar,
            impedance: Impedance {
                metric,
                detour: 1.3,
                speed_kmh: None,
            },
            demand,
            sites,
            matrix: None,
        }
    }

    #[test]
    fn the_planar_shortcut_finds_the_site_pricing_every_site_finds() {
        for metric in [Metric::Floor, Metric::Euclidean] {
            let inst = tied(metric);
            let open: Vec<usize> = (0..60).rev().step_by(3).collect();
            for i in 0..inst.demand.len() {
                assert_eq!(
                    nearest_open(&inst, i, &open, true),
                    nearest_open(&inst, i, &open, false),
                    "{metric:?}, point {i}"
                );
            }
        }
    }
}
