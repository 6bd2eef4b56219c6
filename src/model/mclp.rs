//! Maximal covering location (Church & ReVelle 1974) over reduced coverage groups
//! (docs/models.md, "MCLP").

use super::built::{all_integral, Built};
use super::mclp_reduce::Reduced;
use crate::instance::Instance;
use crate::solve::mip::{Mip, Sense};
use good_lp::{variable, Expression, Variable};

/// `max K + Σ_j a_j y_j + Σ_g W_g c_g` s.t. `c_g ≤ Σ_{j ∈ N_g} y_j`, `Σ y = p`, `0 ≤ c_g ≤ 1`,
/// required `y_j = 1`, where `K` is the weight of required sites' groups and `a_j` the weight
/// only site j covers (`Reduced`). `c_g` may stay continuous: with integral y the optimum sets
/// it to min(1, Σ y) ∈ {0, 1}. Sites that are not active have a column but no coverage: they
/// only fill `Σ y = p` when fewer active sites are worth opening.
///
/// ```
/// use impuls::model::{coverage::CoverageGroups, mclp, mclp_reduce::reduce};
/// # use impuls::instance::*;
/// # let s = |id: &str| Site { id: id.into(), name: None, x: 0.0, y: 0.0, required: false, capacity: None, cost: None, ..Default::default() };
/// # let inst = Instance { name: String::new(), source: String::new(), crs: Crs::Planar, impedance: Impedance::euclidean(),
/// #   demand: vec![], sites: vec![s("a"), s("b"), s("c")], matrix: None };
/// let groups = CoverageGroups {
///     sets: vec![vec![0, 1], vec![1, 2], vec![0], vec![2]],
///     weights: vec![3.0, 2.0, 1.0, 1.0], group_of: vec![] };
/// let built = mclp::build(&inst, &reduce(&groups, 3, &[]), 1, Some(&[0]));
/// // y0..y2 and c for the two shared groups; their rows and Σy = p (single-site groups are folded)
/// assert_eq!((built.mip.n_cols(), built.mip.constraints.len()), (5, 3));
/// ```
pub fn build(instance: &Instance, reduced: &Reduced, p: usize, start: Option<&[usize]>) -> Built {
    let m = instance.sites.len();
    let mut mip = Mip::new(Sense::Maximise);
    let y: Vec<(Variable, usize)> = (0..m).map(|_| mip.add(variable().binary())).collect();
    let mut open = vec![false; m];
    for &j in start.unwrap_or(&[]) {
        open[j] = true;
    }
    let mut values: Vec<f64> = (0..m).map(|j| if open[j] { 1.0 } else { 0.0 }).collect();
    let mut objective = Expression::with_capacity(reduced.sets.len() + m);
    for (j, &a) in reduced.site_weight.iter().enumerate() {
        if a != 0.0 {
            objective.add_mul(a, y[j].0);
        }
    }
    for (set, &w) in reduced.sets.iter().zip(&reduced.weights) {
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
    mip.offset = reduced.constant;
    mip.integral_objective = all_integral(
        reduced
            .weights
            .iter()
            .chain(&reduced.site_weight)
            .copied()
            .chain(std::iter::once(reduced.constant)),
    );
    if start.is_some() {
        mip.start = Some(values);
    }
    Built {
        mip,
        y: y.iter().map(|&(_, c)| c).collect(),
        x: None,
    }
}
