//! Uncapacitated p-center in a radius formulation over sorted distinct impedances
//! (after Elloumi, Labbé & Pochet 2004; docs/models.md, "p-center").
//!
//! Global levels G¹ < … < Gᴷ span [LB, UB]: LB = max_i min_j d_ij (no radius can be smaller),
//! UB = the radius of a heuristic solution. `u_k = 1` iff the radius exceeds Gᵏ, so
//! `r = G¹ + Σ_k (Gᵏ⁺¹ − Gᵏ) u_k`. Each demand point chains its own levels as in the p-median
//! model, and "unserved within its level s" forces every global level below its next own level.

use super::built::{all_integral, Built};
use crate::distance::CandidateLists;
use crate::instance::Instance;
use crate::solve::mip::{Mip, Sense};
use good_lp::{variable, Expression, Variable};

/// Builds the model. `ub` must be the radius of a feasible solution (`start`, if given).
pub fn build(
    instance: &Instance,
    lists: &CandidateLists,
    p: usize,
    ub: f64,
    start: Option<&[usize]>,
) -> Built {
    let m = instance.sites.len();
    let n = instance.demand.len();
    let lb = (0..n)
        .filter_map(|i| lists.list(i).first().map(|x| x.1))
        .fold(0.0, f64::max);
    let mut global: Vec<f64> = (0..n)
        .flat_map(|i| {
            lists
                .list(i)
                .iter()
                .map(|x| x.1)
                .filter(|&d| d > lb && d <= ub)
        })
        .collect();
    global.push(lb);
    global.sort_by(f64::total_cmp);
    global.dedup();
    let mut mip = Mip::new(Sense::Minimise);
    mip.integral_objective = all_integral(global.iter().copied());
    let y: Vec<(Variable, usize)> = (0..m).map(|_| mip.add(variable().binary())).collect();
    let mut open = vec![false; m];
    for &j in start.unwrap_or(&[]) {
        open[j] = true;
    }
    let mut values: Vec<f64> = (0..m).map(|j| if open[j] { 1.0 } else { 0.0 }).collect();
    let start_radius = start.map(|_| {
        (0..n)
            .map(|i| {
                lists
                    .list(i)
                    .iter()
                    .find(|(j, _)| open[*j as usize])
                    .map_or(f64::INFINITY, |x| x.1)
            })
            .fold(0.0, f64::max)
    });
    // u_k for k = 0..K-2 (level k+1 exists above)
    let k_count = global.len();
    let u: Vec<Variable> = (0..k_count.saturating_sub(1))
        .map(|k| {
            let (v, _) = mip.add(variable().min(0.0).max(1.0));
            values.push(if start_radius.is_some_and(|r| r > global[k]) {
                1.0
            } else {
                0.0
            });
            v
        })
        .collect();
    mip.offset = global[0];
    let mut objective = Expression::with_capacity(u.len());
    for k in 0..u.len() {
        objective.add_mul(global[k + 1] - global[k], u[k]);
        if k + 1 < u.len() {
            mip.push(Expression::from(u[k]).geq(u[k + 1]));
        }
    }
    let level_of = |d: f64| global.partition_point(|&g| g < d); // index of d in `global`
    for i in 0..n {
        // own steps: sites within LB, then each own distinct impedance in (LB, UB]
        let mut steps: Vec<(f64, Vec<u32>)> = vec![(lb, Vec::new())];
        for &(j, d) in lists.list(i) {
            if d > ub {
                break;
            }
            if d <= lb {
                steps[0].1.push(j);
            } else {
                match steps.last_mut() {
                    Some((v, s)) if *v == d => s.push(j),
                    _ => steps.push((d, vec![j])),
                }
            }
        }
        let mut prev: Option<Variable> = None;
        let mut unserved = true;
        for s in 0..steps.len() {
            let mut row = Expression::with_capacity(steps[s].1.len() + 2);
            for &j in &steps[s].1 {
                row.add_mul(1.0, y[j as usize].0);
                unserved &= !open[j as usize];
            }
            if s + 1 < steps.len() {
                let (z, _) = mip.add(variable().min(0.0).max(1.0));
                values.push(if unserved { 1.0 } else { 0.0 });
                row.add_mul(1.0, z);
                // unserved within steps[s] ⇒ radius ≥ steps[s+1] ⇒ u at the level just below it
                let below = level_of(steps[s + 1].0) - 1;
                mip.push(Expression::from(u[below]).geq(z));
                match prev {
                    Some(pz) => mip.push(row.geq(pz)),
                    None => mip.push(row.geq(1.0)),
                }
                prev = Some(z);
            } else {
                match prev {
                    Some(pz) => mip.push(row.geq(pz)),
                    None => mip.push(row.geq(1.0)),
                }
            }
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
    if start.is_some() {
        mip.start = Some(values);
    }
    Built {
        mip,
        y: y.iter().map(|&(_, c)| c).collect(),
        x: None,
    }
}
