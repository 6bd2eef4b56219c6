//! Maximal covering location (Church & ReVelle 1974) over merged coverage groups
//! (docs/models.md, "MCLP").

use super::built::{all_integral, Built};
use super::coverage::CoverageGroups;
use crate::instance::Instance;
use crate::solve::mip::{Mip, Sense};
use good_lp::{variable, Expression, Variable};

/// `max Σ_g W_g c_g` s.t. `c_g ≤ Σ_{j ∈ N_g} y_j`, `Σ y = p`, `0 ≤ c_g ≤ 1`, required `y_j = 1`.
/// `c_g` may stay continuous: with integral y the optimum sets it to min(1, Σ y) ∈ {0, 1}.
pub fn build(
    instance: &Instance,
    groups: &CoverageGroups,
    p: usize,
    start: Option<&[usize]>,
) -> Built {
    let m = instance.sites.len();
    let mut mip = Mip::new(Sense::Maximise);
    let y: Vec<(Variable, usize)> = (0..m).map(|_| mip.add(variable().binary())).collect();
    let mut open = vec![false; m];
    for &j in start.unwrap_or(&[]) {
        open[j] = true;
    }
    let mut values: Vec<f64> = (0..m).map(|j| if open[j] { 1.0 } else { 0.0 }).collect();
    let mut objective = Expression::with_capacity(groups.sets.len());
    for (set, &w) in groups.sets.iter().zip(&groups.weights) {
        if set.is_empty() || w == 0.0 {
            continue;
        }
        let (c, _) = mip.add(variable().min(0.0).max(1.0));
        values.push(if set.iter().any(|&j| open[j as usize]) {
            1.0
        } else {
            0.0
        });
        objective.add_mul(w, c);
        let mut row = Expression::with_capacity(set.len());
        for &j in set {
            row.add_mul(1.0, y[j as usize].0);
        }
        mip.push(Expression::from(c).leq(row));
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
    mip.integral_objective = all_integral(groups.weights.iter().copied());
    if start.is_some() {
        mip.start = Some(values);
    }
    Built {
        mip,
        y: y.iter().map(|&(_, c)| c).collect(),
        x: None,
    }
}
