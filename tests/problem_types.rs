//! Property tests of the ArcGIS problem types: on random small instances (≤ 10 demand points,
//! ≤ 7 candidate sites, up to 3 competitors), the p-median with a cutoff and a decay, maximize
//! attendance, maximize market share and target market share must each reach the optimum found
//! by enumerating every site subset, with the formulas written out here independently of the
//! library, and report it verified and optimal.

use impuls::instance::Instance;
use impuls::model::decay::{Decay, DecayKind};
use impuls::model::{ModelKind, Problem};
use impuls::solve::{solve, SolveOptions, Status};
use proptest::prelude::*;

mod common;

/// Demand at integer points, sites at half-integer x (never at impedance 0 from a demand point,
/// so the Huff utilities of linear and power decay stay finite).
fn instance(
    demand: &[(i32, i32, u32)],
    sites: &[(i32, i32, bool)],
    competitors: &[(i32, i32, u8)],
    attract: &[u8],
) -> Instance {
    let d: Vec<(f64, f64, f64)> = demand
        .iter()
        .map(|&(x, y, w)| (x as f64, y as f64, w as f64))
        .collect();
    let mut s: Vec<(f64, f64, bool)> = sites
        .iter()
        .map(|&(x, y, r)| (x as f64 + 0.5, y as f64, r))
        .collect();
    s.extend(
        competitors
            .iter()
            .map(|&(x, y, _)| (x as f64 + 0.5, y as f64 + 0.25, false)),
    );
    let mut inst = common::from_points("random", &d, &s);
    inst.source = "<proptest>".into();
    let own = sites.len();
    for (j, site) in inst.sites.iter_mut().enumerate() {
        if j < own {
            site.attractiveness = Some(f64::from(attract[j % attract.len()]));
        } else {
            site.competitor = true;
            site.required = false;
            site.attractiveness = Some(f64::from(competitors[j - own].2));
        }
    }
    inst
}

/// Every subset of the own sites with every required site, as index lists.
fn subsets(inst: &Instance) -> Vec<Vec<usize>> {
    let own: Vec<usize> = (0..inst.sites.len())
        .filter(|&j| !inst.sites[j].competitor)
        .collect();
    let req = inst.required_sites();
    (0u32..(1 << own.len()))
        .map(|mask| {
            own.iter()
                .enumerate()
                .filter(|(k, _)| mask & (1 << k) != 0)
                .map(|(_, &j)| j)
                .collect::<Vec<usize>>()
        })
        .filter(|s| req.iter().all(|r| s.contains(r)))
        .collect()
}

fn dist(inst: &Instance, i: usize, j: usize) -> f64 {
    let (d, s) = (&inst.demand[i], &inst.sites[j]);
    ((d.x - s.x).powi(2) + (d.y - s.y).powi(2)).sqrt()
}

fn f(kind: DecayKind, lambda: f64, d: f64) -> f64 {
    match kind {
        DecayKind::Linear => d,
        DecayKind::Power => d.powf(lambda),
        DecayKind::Exponential => (lambda * d).exp(),
    }
}

fn nearest(inst: &Instance, i: usize, s: &[usize]) -> f64 {
    s.iter()
        .map(|&j| dist(inst, i, j))
        .fold(f64::INFINITY, f64::min)
}

/// Σ w min(f(d), f(c)) over the nearest site of `s`.
fn capped_pmedian(inst: &Instance, s: &[usize], kind: DecayKind, l: f64, c: Option<f64>) -> f64 {
    (0..inst.demand.len())
        .map(|i| {
            let d = nearest(inst, i, s);
            let d = c.map_or(d, |c| d.min(c));
            inst.demand[i].weight * f(kind, l, d)
        })
        .sum()
}

/// Σ w (f(c) − f(d)) / (f(c) − f(0)) over points within c of `s`.
fn attendance(inst: &Instance, s: &[usize], kind: DecayKind, l: f64, c: f64) -> f64 {
    (0..inst.demand.len())
        .map(|i| {
            let d = nearest(inst, i, s);
            if d > c {
                0.0
            } else {
                let share = (f(kind, l, c) - f(kind, l, d)) / (f(kind, l, c) - f(kind, l, 0.0));
                inst.demand[i].weight * share
            }
        })
        .sum()
}

/// Σ_i w_i Σ_{j∈S} u_ij / (Σ_{j∈S} u_ij + Σ_{k competitor} u_ik), u = A / f(d), 0 beyond c.
fn captured(inst: &Instance, s: &[usize], kind: DecayKind, l: f64, c: Option<f64>) -> f64 {
    let u = |i: usize, j: usize| {
        let d = dist(inst, i, j);
        if c.is_some_and(|c| d > c) {
            0.0
        } else {
            inst.sites[j].attractiveness.unwrap_or(1.0) / f(kind, l, d)
        }
    };
    (0..inst.demand.len())
        .map(|i| {
            let ours: f64 = s.iter().map(|&j| u(i, j)).sum();
            let theirs: f64 = (0..inst.sites.len())
                .filter(|&k| inst.sites[k].competitor)
                .map(|k| u(i, k))
                .sum();
            if ours <= 0.0 {
                0.0
            } else {
                inst.demand[i].weight * ours / (ours + theirs)
            }
        })
        .sum()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

fn decay_of(code: u8, lambda: f64) -> (DecayKind, f64) {
    match code % 3 {
        0 => (DecayKind::Linear, 1.0),
        1 => (DecayKind::Power, 0.5 + lambda),
        _ => (DecayKind::Exponential, 0.1 + lambda / 4.0),
    }
}

fn solved(inst: &Instance, problem: &Problem) -> impuls::solve::Solution {
    let sol = solve(inst, problem, &SolveOptions::default()).unwrap();
    assert!(sol.verified);
    assert_eq!(sol.status, Status::Optimal, "{problem:?}");
    sol
}

fn demand_strategy() -> impl Strategy<Value = Vec<(i32, i32, u32)>> {
    prop::collection::vec((0..10i32, 0..10i32, 0..20u32), 1..=10)
}

fn sites_strategy() -> impl Strategy<Value = Vec<(i32, i32, bool)>> {
    prop::collection::vec((0..10i32, 0..10i32, prop::bool::weighted(0.15)), 2..=7)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100, ..ProptestConfig::default() })]

    #[test]
    fn pmedian_with_cutoff_and_decay_reaches_the_enumerated_optimum(
        demand in demand_strategy(), sites in sites_strategy(),
        p_pick in 0usize..7, code in 0u8..3, lambda in 0.0f64..2.0, cutoff in prop::option::of(1.0f64..8.0),
    ) {
        let inst = instance(&demand, &sites, &[], &[1]);
        let req = inst.required_sites().len();
        let m = inst.sites.len();
        let p = req.max(1) + p_pick % (m - req.max(1) + 1);
        let (kind, l) = decay_of(code, lambda);
        let mut problem = Problem::new(ModelKind::PMedian).with_p(p).with_decay(Decay::new(kind, l).unwrap());
        problem.cutoff = cutoff;
        let best = subsets(&inst).into_iter().filter(|s| s.len() == p)
            .map(|s| capped_pmedian(&inst, &s, kind, l, cutoff))
            .fold(f64::INFINITY, f64::min);
        let sol = solved(&inst, &problem);
        let got = sol.objective.unwrap();
        prop_assert!(close(got, best), "solver {got}, enumeration {best}");
        prop_assert!(close(capped_pmedian(&inst, &sol.open, kind, l, cutoff), got));
        // unallocated: exactly the weight beyond the cutoff of every open site
        if let Some(c) = cutoff {
            let beyond: f64 = (0..inst.demand.len())
                .filter(|&i| nearest(&inst, i, &sol.open) > c)
                .map(|i| inst.demand[i].weight).sum();
            prop_assert!(close(sol.unallocated.unwrap(), beyond));
        }
    }

    #[test]
    fn attendance_reaches_the_enumerated_optimum(
        demand in demand_strategy(), sites in sites_strategy(),
        p_pick in 0usize..7, code in 0u8..3, lambda in 0.0f64..2.0, cutoff in 1.0f64..8.0,
    ) {
        let inst = instance(&demand, &sites, &[], &[1]);
        let req = inst.required_sites().len();
        let m = inst.sites.len();
        let p = req.max(1) + p_pick % (m - req.max(1) + 1);
        let (kind, l) = decay_of(code, lambda);
        let problem = Problem::new(ModelKind::Attendance).with_p(p).with_cutoff(cutoff)
            .with_decay(Decay::new(kind, l).unwrap());
        let best = subsets(&inst).into_iter().filter(|s| s.len() == p)
            .map(|s| attendance(&inst, &s, kind, l, cutoff))
            .fold(f64::NEG_INFINITY, f64::max);
        let sol = solved(&inst, &problem);
        let got = sol.objective.unwrap();
        prop_assert!(close(got, best), "solver {got}, enumeration {best}");
        prop_assert!(close(attendance(&inst, &sol.open, kind, l, cutoff), got));
    }

    #[test]
    fn market_share_reaches_the_enumerated_optimum(
        demand in demand_strategy(), sites in sites_strategy(),
        competitors in prop::collection::vec((0..10i32, 0..10i32, 1..4u8), 0..=3),
        attract in prop::collection::vec(1..4u8, 1..=7),
        p_pick in 0usize..7, code in 0u8..3, lambda in 0.0f64..2.0, cutoff in prop::option::of(2.0f64..9.0),
    ) {
        let inst = instance(&demand, &sites, &competitors, &attract);
        let req = inst.required_sites().len();
        let own = sites.len();
        let p = req.max(1) + p_pick % (own - req.max(1) + 1);
        let (kind, l) = decay_of(code, lambda);
        let mut problem = Problem::new(ModelKind::MarketShare).with_p(p)
            .with_decay(Decay::new(kind, l).unwrap());
        problem.cutoff = cutoff;
        let best = subsets(&inst).into_iter().filter(|s| s.len() == p)
            .map(|s| captured(&inst, &s, kind, l, cutoff))
            .fold(f64::NEG_INFINITY, f64::max);
        let sol = solved(&inst, &problem);
        let got = sol.objective.unwrap();
        prop_assert!(close(got, best), "solver {got}, enumeration {best}");
        prop_assert!(close(captured(&inst, &sol.open, kind, l, cutoff), got));
        prop_assert!(sol.open.iter().all(|&j| !inst.sites[j].competitor));
    }

    #[test]
    fn target_share_opens_the_enumerated_fewest_sites(
        demand in demand_strategy(), sites in sites_strategy(),
        competitors in prop::collection::vec((0..10i32, 0..10i32, 1..4u8), 1..=3),
        attract in prop::collection::vec(1..4u8, 1..=7),
        share in 0.05f64..0.95, code in 0u8..3, lambda in 0.0f64..2.0,
    ) {
        let inst = instance(&demand, &sites, &competitors, &attract);
        let (kind, l) = decay_of(code, lambda);
        let problem = Problem::new(ModelKind::TargetShare).with_target_share(share)
            .with_decay(Decay::new(kind, l).unwrap());
        let total = inst.total_weight();
        let goal = share * total;
        let fewest = subsets(&inst).into_iter()
            .filter(|s| captured(&inst, s, kind, l, None) >= goal - 1e-6 * goal.max(1.0))
            .map(|s| s.len()).min();
        let result = solve(&inst, &problem, &SolveOptions::default());
        if total == 0.0 {
            let err = result.unwrap_err().to_string();
            prop_assert!(err.contains("the total weight is 0"), "{err}");
            return Ok(());
        }
        match fewest {
            None => {
                let err = result.unwrap_err().to_string();
                prop_assert!(err.contains("out of reach"), "{err}");
            }
            Some(k) => {
                let sol = result.unwrap();
                prop_assert!(sol.verified);
                prop_assert_eq!(sol.status, Status::Optimal);
                prop_assert_eq!(sol.objective, Some(k as f64));
                prop_assert_eq!(sol.open.len(), k);
                let best_with_k = subsets(&inst).into_iter().filter(|s| s.len() == k)
                    .map(|s| captured(&inst, &s, kind, l, None))
                    .fold(f64::NEG_INFINITY, f64::max);
                let got = captured(&inst, &sol.open, kind, l, None);
                prop_assert!(close(sol.share.unwrap() * total, got));
                prop_assert!(got >= goal - 1e-6 * goal.max(1.0));
                if sol.stats.share_optimal == Some(true) {
                    prop_assert!(close(got, best_with_k), "share {got}, best {best_with_k}");
                }
            }
        }
    }
}

#[test]
fn a_cutoff_never_rewards_leaving_demand_unserved() {
    // one point beside site a, one far away: with the far point unallocated the cost is the
    // cutoff's, so opening b (which serves it) is never worse than leaving it out
    let inst = common::from_points(
        "two",
        &[(0.0, 0.0, 1.0), (100.0, 0.0, 1.0)],
        &[(0.5, 0.0, false), (99.0, 0.0, false)],
    );
    let sol = solved(
        &inst,
        &Problem::new(ModelKind::PMedian).with_p(2).with_cutoff(10.0),
    );
    assert_eq!(sol.open, vec![0, 1]);
    assert_eq!(sol.objective, Some(0.5 + 1.0));
    assert_eq!(sol.unallocated, Some(0.0));
    let one = solved(
        &inst,
        &Problem::new(ModelKind::PMedian).with_p(1).with_cutoff(10.0),
    );
    assert_eq!(one.objective, Some(0.5 + 10.0));
    assert_eq!(one.unallocated, Some(1.0));
    assert_eq!(one.assignment, vec![Some(0), None]);
}
