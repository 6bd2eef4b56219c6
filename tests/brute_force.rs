//! Property tests: on random small instances (≤ 12 demand points, ≤ 8 sites), every model,
//! with and without required sites and capacities, must reach the optimum found by brute-force
//! enumeration, and its reported objective must be verified.

use impuls::instance::Instance;
use impuls::model::{ModelKind, Problem};
use impuls::solve::{solve, SolveOptions, Status};
use proptest::prelude::*;

mod common;

fn instance(demand: &[(i32, i32, u32)], sites: &[(i32, i32, bool)], cap: Option<f64>) -> Instance {
    let demand: Vec<(f64, f64, f64)> = demand
        .iter()
        .map(|&(x, y, w)| (x as f64, y as f64, w as f64))
        .collect();
    let sites: Vec<(f64, f64, bool)> = sites
        .iter()
        .map(|&(x, y, r)| (x as f64, y as f64, r))
        .collect();
    let mut inst = common::from_points("random", &demand, &sites);
    inst.source = "<proptest>".into();
    for (j, s) in inst.sites.iter_mut().enumerate() {
        s.capacity = cap;
        s.cost = Some(1.0 + (j % 3) as f64);
    }
    inst
}

/// Subsets of sites as bit masks that contain every required site.
fn subsets(inst: &Instance) -> impl Iterator<Item = Vec<usize>> + '_ {
    let m = inst.sites.len();
    (0u32..(1 << m)).filter_map(move |mask| {
        let s: Vec<usize> = (0..m).filter(|j| mask & (1 << j) != 0).collect();
        inst.required_sites()
            .iter()
            .all(|r| s.contains(r))
            .then_some(s)
    })
}

fn d(inst: &Instance, i: usize, j: usize) -> f64 {
    inst.impedance(i, j).unwrap()
}

/// Best single-source assignment cost of `open` under capacities (None if infeasible);
/// `f` combines (acc, weight, distance) — sum for p-median, max for p-center.
fn best_assignment(
    inst: &Instance,
    open: &[usize],
    radius: Option<f64>,
    f: &dyn Fn(f64, f64, f64) -> f64,
) -> Option<f64> {
    #[allow(clippy::too_many_arguments)]
    fn go(
        inst: &Instance,
        open: &[usize],
        radius: Option<f64>,
        i: usize,
        load: &mut Vec<f64>,
        acc: f64,
        f: &dyn Fn(f64, f64, f64) -> f64,
        best: &mut Option<f64>,
    ) {
        if best.is_some_and(|b| acc >= b) {
            return;
        }
        if i == inst.demand.len() {
            *best = Some(acc);
            return;
        }
        for (k, &j) in open.iter().enumerate() {
            let dij = d(inst, i, j);
            if radius.is_some_and(|r| dij > r) {
                continue;
            }
            let l = inst.demand[i].load();
            if load[k] + l <= inst.sites[j].capacity.unwrap_or(f64::INFINITY) + 1e-9 {
                load[k] += l;
                go(
                    inst,
                    open,
                    radius,
                    i + 1,
                    load,
                    f(acc, inst.demand[i].weight, dij),
                    f,
                    best,
                );
                load[k] -= l;
            }
        }
    }
    let mut best = None;
    go(
        inst,
        open,
        radius,
        0,
        &mut vec![0.0; open.len()],
        0.0,
        f,
        &mut best,
    );
    best
}

/// Capacitated MCLP: the largest weight that can be assigned within the radius.
fn best_cover(inst: &Instance, open: &[usize], r: f64) -> f64 {
    #[allow(clippy::too_many_arguments)]
    fn go(
        inst: &Instance,
        open: &[usize],
        r: f64,
        i: usize,
        load: &mut Vec<f64>,
        acc: f64,
        best: &mut f64,
    ) {
        if i == inst.demand.len() {
            *best = best.max(acc);
            return;
        }
        let l = inst.demand[i].load();
        for (k, &j) in open.iter().enumerate() {
            if d(inst, i, j) <= r && load[k] + l <= inst.sites[j].capacity.unwrap() + 1e-9 {
                load[k] += l;
                go(
                    inst,
                    open,
                    r,
                    i + 1,
                    load,
                    acc + inst.demand[i].weight,
                    best,
                );
                load[k] -= l;
            }
        }
        go(inst, open, r, i + 1, load, acc, best);
    }
    let mut best = 0.0;
    go(inst, open, r, 0, &mut vec![0.0; open.len()], 0.0, &mut best);
    best
}

fn brute(inst: &Instance, kind: ModelKind, p: usize, r: f64) -> Option<f64> {
    let n = inst.demand.len();
    let cap = inst.is_capacitated();
    let nearest = |s: &[usize], i: usize| {
        s.iter()
            .map(|&j| d(inst, i, j))
            .fold(f64::INFINITY, f64::min)
    };
    let mut best: Option<f64> = None;
    let better = |v: f64, b: Option<f64>| match kind {
        ModelKind::Mclp => b.is_none_or(|b| v > b),
        _ => b.is_none_or(|b| v < b),
    };
    for s in subsets(inst) {
        let v = match kind {
            ModelKind::PMedian if s.len() == p => {
                if cap {
                    best_assignment(inst, &s, None, &|a, w, x| a + w * x)
                } else {
                    Some((0..n).map(|i| inst.demand[i].weight * nearest(&s, i)).sum())
                }
            }
            ModelKind::PCenter if s.len() == p => {
                if cap {
                    best_assignment(inst, &s, None, &|a, _, x| a.max(x))
                } else {
                    Some((0..n).map(|i| nearest(&s, i)).fold(0.0, f64::max))
                }
            }
            ModelKind::Mclp if s.len() == p && cap => Some(best_cover(inst, &s, r)),
            ModelKind::Mclp if s.len() == p => Some(
                (0..n)
                    .filter(|&i| nearest(&s, i) <= r)
                    .map(|i| inst.demand[i].weight)
                    .sum(),
            ),
            ModelKind::Lscp => {
                let covered = if cap {
                    best_assignment(inst, &s, Some(r), &|a, _, _| a).is_some()
                } else {
                    (0..n).all(|i| nearest(&s, i) <= r)
                };
                covered.then(|| s.iter().map(|&j| inst.sites[j].cost.unwrap()).sum())
            }
            _ => None,
        };
        if let Some(v) = v {
            if better(v, best) {
                best = Some(v);
            }
        }
    }
    best
}

fn check(inst: &Instance, kind: ModelKind, p: usize, r: f64) -> Result<(), TestCaseError> {
    let mut problem = Problem::new(kind);
    if kind != ModelKind::Lscp {
        problem = problem.with_p(p);
    }
    if matches!(kind, ModelKind::Mclp | ModelKind::Lscp) {
        problem = problem.with_radius(r);
    }
    let expected = brute(inst, kind, p, r);
    if kind == ModelKind::PMedian {
        // the compact Elloumi model must agree too (the default is Benders)
        let compact = SolveOptions {
            method: impuls::solve::Method::Compact,
            ..SolveOptions::default()
        };
        if let (Ok(sol), Some(want)) = (solve(inst, &problem, &compact), expected) {
            prop_assert_eq!(sol.status, Status::Optimal);
            let got = sol.objective.unwrap();
            prop_assert!(
                (got - want).abs() <= 1e-6 * want.abs().max(1.0),
                "compact p-median: got {got}, brute force {want}"
            );
        }
    }
    match solve(inst, &problem, &SolveOptions::default()) {
        Ok(sol) if sol.status == Status::Infeasible => prop_assert!(
            expected.is_none(),
            "{kind}: solver says infeasible, brute force found {expected:?}"
        ),
        Ok(sol) => {
            prop_assert_eq!(sol.status, Status::Optimal);
            prop_assert!(sol.verified);
            let got = sol.objective.unwrap();
            let want = expected.expect("brute force found a solution");
            prop_assert!(
                (got - want).abs() <= 1e-6 * want.abs().max(1.0),
                "{kind}: got {got}, brute force {want}"
            );
        }
        // an MCLP whose radius reaches no point is refused: every solution covers 0
        Err(impuls::Error::Parameter(msg)) if msg.contains("covers no demand point") => {
            prop_assert_eq!(kind, ModelKind::Mclp);
            prop_assert_eq!(expected, Some(0.0), "{}", msg);
        }
        Err(impuls::Error::Infeasible(_)) => prop_assert!(
            expected.is_none(),
            "{kind}: refused as infeasible, brute force found {expected:?}"
        ),
        Err(e) => return Err(TestCaseError::fail(format!("{kind}: {e}"))),
    }
    Ok(())
}

fn points(max: usize, w: bool) -> impl Strategy<Value = Vec<(i32, i32, u32)>> {
    prop::collection::vec(
        (0..40i32, 0..40i32, if w { 1..20u32 } else { 1..2u32 }),
        2..=max,
    )
}

fn sites(max: usize) -> impl Strategy<Value = Vec<(i32, i32, bool)>> {
    prop::collection::vec((0..40i32, 0..40i32, prop::bool::weighted(0.15)), 2..=max)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn uncapacitated_models_match_enumeration(dem in points(12, true), st in sites(8), p_frac in 0.0..1.0f64, r in 5.0..30.0f64) {
        let inst = instance(&dem, &st, None);
        let req = inst.required_sites().len();
        let m = inst.sites.len();
        let p = (req.max(1) + (p_frac * (m - req.max(1)) as f64) as usize).min(m);
        for kind in [ModelKind::PMedian, ModelKind::PCenter, ModelKind::Mclp, ModelKind::Lscp] {
            check(&inst, kind, p, r)?;
        }
    }

    #[test]
    fn capacitated_models_match_enumeration(dem in points(7, true), st in sites(5), p_frac in 0.0..1.0f64, r in 10.0..40.0f64, slack in 1.0..2.0f64) {
        let total: f64 = dem.iter().map(|x| x.2 as f64).sum();
        let m = st.len();
        // capacity so that the sites together can just about serve everyone
        let cap = (total * slack / (m as f64 * 0.6)).ceil();
        let inst = instance(&dem, &st, Some(cap));
        let req = inst.required_sites().len();
        let p = (req.max(1) + (p_frac * (m - req.max(1)) as f64) as usize).min(m);
        if cap * m as f64 >= total {
            for kind in [ModelKind::PMedian, ModelKind::PCenter, ModelKind::Mclp, ModelKind::Lscp] {
                check(&inst, kind, p, r)?;
            }
        }
    }
}
