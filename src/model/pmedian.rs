//! Uncapacitated p-median in Elloumi's formulation (Elloumi 2010), written in the chained form
//! over each demand point's sorted distinct impedances (docs/models.md, "p-median").

use super::built::{all_integral, Built};
use crate::distance::CandidateLists;
use crate::instance::Instance;
use crate::solve::mip::{Mip, Sense};
use good_lp::{variable, Expression, Variable};

/// One demand point's levels: distinct impedances with the sites at each, and whether the last
/// level is a `beyond` charge (no site) rather than a forced service.
pub(crate) struct Levels {
    /// (impedance, sites at exactly that impedance), increasing.
    pub steps: Vec<(f64, Vec<u32>)>,
    /// Lower bound charged when no listed site is open; `None` = service is forced.
    pub beyond: Option<f64>,
}

/// Splits demand `i`'s list into levels, cutting it where an open site is guaranteed: among any
/// `m - p + 1` reachable sites at least one is open, and a required site is always open.
pub(crate) fn levels(instance: &Instance, lists: &CandidateLists, i: usize, p: usize) -> Levels {
    let m = instance.sites.len();
    let list = lists.list(i);
    let mut cut = list.len();
    let mut beyond = lists.beyond(i);
    let guaranteed = m.saturating_sub(p) + 1;
    if list.len() >= guaranteed {
        cut = guaranteed;
        beyond = None;
    }
    if let Some(k) = list
        .iter()
        .position(|&(j, _)| instance.sites[j as usize].required)
    {
        if k < cut {
            cut = k + 1;
            beyond = None;
        }
    }
    // keep ties of the cut impedance together
    if cut > 0 {
        let last = list[cut - 1].1;
        while cut < list.len() && list[cut].1 == last && beyond.is_none() {
            cut += 1;
        }
    }
    let mut steps: Vec<(f64, Vec<u32>)> = Vec::new();
    for &(j, d) in &list[..cut] {
        match steps.last_mut() {
            Some((v, sites)) if *v == d => sites.push(j),
            _ => steps.push((d, vec![j])),
        }
    }
    Levels { steps, beyond }
}

/// Builds the model over `lists`. `start` is an optional set of open sites for the MIP start.
/// When a list was cut (it has a `beyond` bound) and may not hold the nearest open site, its
/// last level is charged `beyond`: the model is then a relaxation, exact exactly when every
/// demand point is served inside its list (the caller checks that and grows the lists).
///
/// Rows, for demand i with levels D¹ < … < Dᴷ and z⁰ = 1:
/// `zᵏ + Σ_{j: d_ij = Dᵏ} y_j ≥ zᵏ⁻¹` (k < K) and `Σ_{j: d_ij = Dᴷ} y_j ≥ zᴷ⁻¹`;
/// objective `Σ_i w_i (D¹ + Σ_k (Dᵏ⁺¹ − Dᵏ) zᵏ)`.
pub fn build(
    instance: &Instance,
    lists: &CandidateLists,
    p: usize,
    start: Option<&[usize]>,
) -> Built {
    let m = instance.sites.len();
    let mut mip = Mip::new(Sense::Minimise);
    let y: Vec<(Variable, usize)> = (0..m).map(|_| mip.add(variable().binary())).collect();
    let mut open = vec![false; m];
    if let Some(s) = start {
        for &j in s {
            open[j] = true;
        }
    }
    let mut start_values: Vec<f64> = y
        .iter()
        .map(|&(_, c)| if open[c] { 1.0 } else { 0.0 })
        .collect();
    let mut objective = Expression::with_capacity(lists.n_pairs());
    let mut integral = true;
    for i in 0..instance.demand.len() {
        let w = instance.demand[i].weight;
        let lv = levels(instance, lists, i, p);
        integral &= all_integral(
            std::iter::once(w)
                .chain(lv.steps.iter().map(|s| s.0))
                .chain(lv.beyond),
        );
        if lv.steps.is_empty() {
            // nothing reachable in the list: the caller's checks refuse such instances
            continue;
        }
        mip.offset += w * lv.steps[0].0;
        let k_last = lv.steps.len() - 1;
        let mut prev: Option<Variable> = None;
        let mut still_unserved = true; // z value of the start solution
        for (k, (d, sites)) in lv.steps.iter().enumerate() {
            let mut row = Expression::with_capacity(sites.len() + 2);
            for &j in sites {
                row.add_mul(1.0, y[j as usize].0);
            }
            if sites.iter().any(|&j| open[j as usize]) {
                still_unserved = false;
            }
            let next = if k < k_last {
                Some(lv.steps[k + 1].0)
            } else {
                lv.beyond
            };
            let z = next.map(|nd| {
                let (z, col) = mip.add(variable().min(0.0).max(1.0));
                start_values.push(if still_unserved { 1.0 } else { 0.0 });
                debug_assert_eq!(col + 1, start_values.len());
                objective.add_mul(w * (nd - d), z);
                z
            });
            if let Some(z) = z {
                row.add_mul(1.0, z);
            }
            match prev {
                Some(pz) => mip.push(row.geq(pz)),
                None => mip.push(row.geq(1.0)),
            }
            prev = z;
        }
    }
    let mut sum_y = Expression::with_capacity(m);
    for &(v, _) in &y {
        sum_y.add_mul(1.0, v);
    }
    mip.push(sum_y.eq(p as f64));
    for j in instance.required_sites() {
        mip.push(Expression::from(y[j].0).eq(1.0));
    }
    mip.objective = objective;
    mip.integral_objective = integral;
    if start.is_some() {
        mip.start = Some(start_values);
    }
    Built {
        mip,
        y: y.iter().map(|&(_, c)| c).collect(),
        x: None,
    }
}
