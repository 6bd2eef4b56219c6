//! Location set covering (Toregas et al. 1971) with fixed costs (docs/models.md, "LSCP").

use super::built::{all_integral, Built};
use super::lscp_reduce::ReducedRows;
use crate::instance::Instance;
use crate::solve::mip::{Mip, Sense};
use good_lp::{variable, Expression, Variable};

/// Cost of opening site j (default 1, so the objective counts sites).
pub fn site_cost(instance: &Instance, j: usize) -> f64 {
    instance.sites[j].cost.unwrap_or(1.0)
}

/// `min Σ_j cost_j y_j` s.t. `Σ_{j ∈ N_g} y_j ≥ 1` for every row left by
/// [`lscp_reduce`](super::lscp_reduce), `y_j = 1` for the forced sites. Every row must be
/// coverable (the caller refuses the instance otherwise).
pub fn build(instance: &Instance, rows: &ReducedRows, start: Option<&[usize]>) -> Built {
    let m = instance.sites.len();
    let mut mip = Mip::new(Sense::Minimise);
    let y: Vec<(Variable, usize)> = (0..m).map(|_| mip.add(variable().binary())).collect();
    let mut objective = Expression::with_capacity(m);
    for (j, &(v, _)) in y.iter().enumerate() {
        objective.add_mul(site_cost(instance, j), v);
    }
    for set in &rows.sets {
        let mut row = Expression::with_capacity(set.len());
        for &j in set {
            row.add_mul(1.0, y[j as usize].0);
        }
        mip.push(row.geq(1.0));
    }
    for &j in &rows.forced {
        mip.push(Expression::from(y[j].0).eq(1.0));
    }
    mip.objective = objective;
    mip.integral_objective = all_integral((0..m).map(|j| site_cost(instance, j)));
    if let Some(s) = start {
        let mut values = vec![0.0; m];
        for &j in s {
            values[j] = 1.0;
        }
        mip.start = Some(values);
    }
    Built {
        mip,
        y: y.iter().map(|&(_, c)| c).collect(),
        x: None,
    }
}
