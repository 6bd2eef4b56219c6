//! Capacitated variants with single-source assignment, as in the OR-Library pmedcap set
//! (docs/models.md, "Capacities"). One assignment formulation serves all four models:
//! `x_ij ∈ {0,1}` for listed pairs, `Σ_i load_i x_ij ≤ Q_j y_j`, `x_ij ≤ y_j`.

use super::built::{all_integral, Built};
use super::lscp::site_cost;
use super::ModelKind;
use crate::distance::CandidateLists;
use crate::instance::Instance;
use crate::solve::mip::{Mip, Sense};
use good_lp::{variable, Expression, Variable};

/// Builds the capacitated `kind` over `lists` (all reachable pairs for p-median and p-center,
/// pairs within the radius for MCLP and LSCP).
pub fn build(
    instance: &Instance,
    lists: &CandidateLists,
    kind: ModelKind,
    p: Option<usize>,
) -> Built {
    let m = instance.sites.len();
    let n = instance.demand.len();
    let sense = if kind.maximises() {
        Sense::Maximise
    } else {
        Sense::Minimise
    };
    let mut mip = Mip::new(sense);
    let y: Vec<(Variable, usize)> = (0..m).map(|_| mip.add(variable().binary())).collect();
    let mut objective = Expression::default();
    let radius = (kind == ModelKind::PCenter).then(|| mip.add(variable().min(0.0)).0);
    let mut by_site: Vec<Expression> = vec![Expression::default(); m];
    let mut x_cols = Vec::with_capacity(n);
    let mut integral = true;
    for i in 0..n {
        let d = &instance.demand[i];
        let mut served = Expression::with_capacity(lists.list(i).len());
        let mut dist = Expression::with_capacity(lists.list(i).len());
        let mut row_cols = Vec::with_capacity(lists.list(i).len());
        for &(j, dij) in lists.list(i) {
            let (x, col) = mip.add(variable().binary());
            row_cols.push((j, col));
            served.add_mul(1.0, x);
            by_site[j as usize].add_mul(d.load(), x);
            mip.push(Expression::from(x).leq(y[j as usize].0));
            match kind {
                ModelKind::PMedian => {
                    objective.add_mul(d.weight * dij, x);
                    integral &= all_integral([d.weight * dij]);
                }
                ModelKind::PCenter => {
                    dist.add_mul(dij, x);
                    integral &= all_integral([dij]);
                }
                ModelKind::Mclp => {
                    objective.add_mul(d.weight, x);
                    integral &= all_integral([d.weight]);
                }
                // LSCP has no objective on x; the ArcGIS models never get here (Problem::check
                // refuses them on capacitated instances)
                _ => {}
            }
        }
        if let Some(r) = radius {
            mip.push(dist.leq(r));
        }
        if kind == ModelKind::Mclp {
            mip.push(served.leq(1.0));
        } else {
            mip.push(served.eq(1.0));
        }
        x_cols.push(row_cols);
    }
    for (j, load) in by_site.into_iter().enumerate() {
        let cap = instance.sites[j].capacity.unwrap_or(f64::INFINITY);
        if cap.is_finite() {
            mip.push(load.leq(Expression::from(y[j].0) * cap));
        }
    }
    match kind {
        ModelKind::PCenter => objective.add_mul(1.0, radius.expect("p-center has a radius column")),
        ModelKind::Lscp => {
            for (j, &(v, _)) in y.iter().enumerate() {
                objective.add_mul(site_cost(instance, j), v);
                integral &= all_integral([site_cost(instance, j)]);
            }
        }
        _ => {}
    }
    if let Some(p) = p {
        let mut sum_y = Expression::with_capacity(m);
        for &(v, _) in &y {
            sum_y.add_mul(1.0, v);
        }
        mip.push(sum_y.eq(p as f64));
    }
    for j in instance.required_sites() {
        mip.push(Expression::from(y[j].0).eq(1.0));
    }
    mip.objective = objective;
    mip.integral_objective = integral;
    Built {
        mip,
        y: y.iter().map(|&(_, c)| c).collect(),
        x: Some(x_cols),
    }
}
