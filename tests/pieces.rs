//! The piece decomposition of the p-median (impuls::solve::pieces): fl1400 with p = 300 and
//! 400 proven optimal (values of Durán-Mateluna, Alès & Elloumi 2023), translated copies
//! solved once, and the bound against brute force on random clustered instances.

mod common;
use common::{bench_dir, from_points, reach_only_within};
use impuls::distance::{CandidateLists, Scope};
use impuls::instance::{tsplib, Instance, Metric, ReadOptions};
use impuls::model::{ModelKind, Problem};
use impuls::solve::heuristic::pmedian::greedy_interchange;
use impuls::solve::highs::RunOptions;
use impuls::solve::{benders, pieces, solve, verify, SolveOptions, Status};
use proptest::prelude::*;

fn fl1400() -> Option<Instance> {
    let dir = bench_dir()?;
    let options = ReadOptions {
        metric: Some(Metric::Floor),
        ..ReadOptions::default()
    };
    Some(tsplib::read(&dir.join("tsplib/fl1400.tsp"), &options).unwrap())
}

/// The whole solver proves the paper's optima of the rows the Benders tree left open (gaps of
/// 0.29 % and 0.30 % after 60 s); the bound comes from the pieces.
#[test]
fn fl1400_p300_and_p400_are_proven_optimal() {
    let Some(inst) = fl1400() else { return };
    for (p, optimum) in [(300, 6109.0), (400, 4648.0)] {
        let options = SolveOptions {
            time_limit: Some(600.0),
            ..SolveOptions::default()
        };
        let sol = solve(&inst, &Problem::new(ModelKind::PMedian).with_p(p), &options).unwrap();
        assert_eq!(sol.status, Status::Optimal, "p = {p}");
        assert_eq!(sol.objective, Some(optimum), "p = {p}");
        assert_eq!(sol.bound, Some(optimum), "p = {p}");
        assert!(sol.verified);
        assert!(
            sol.stats.pieces > 100,
            "the proof comes from the pieces: {:?}",
            sol.stats
        );
        assert!(sol.stats.distinct_pieces < sol.stats.pieces);
    }
}

/// All lists, the greedy-and-interchange start and the pieces around it.
fn around_greedy(
    inst: &Instance,
    p: usize,
) -> (CandidateLists, Vec<usize>, Option<pieces::PiecesOutcome>) {
    let lists = CandidateLists::build(inst, Scope::All);
    let weights: Vec<f64> = inst.demand.iter().map(|d| d.weight).collect();
    let req = inst.required_sites();
    let start = greedy_interchange(&lists, &weights, inst.sites.len(), p, &req);
    let out = pieces::solve(inst, &lists, p, &start, None).unwrap();
    (lists, start, out)
}

/// fl1400 with p = 400 falls apart into 184 pieces around the heuristic's solution.
#[test]
fn fl1400_p400_pieces_bound_meets_the_optimum() {
    let Some(inst) = fl1400() else { return };
    let (_, _, out) = around_greedy(&inst, 400);
    let out = out.expect("fl1400 falls apart at p = 400");
    assert_eq!(out.bound, 4648.0);
    assert!(out.pieces > 100, "{} pieces", out.pieces);
    let open = out.open.expect("every piece solved exactly");
    let checked = verify::verify(&inst, ModelKind::PMedian, Some(400), None, &open, None).unwrap();
    assert_eq!(checked.objective, 4648.0);
}

/// `k` copies of one integer-coordinate cluster of 24 points, 1000 apart (so distances repeat
/// exactly), plus a lone point: pieces with equal keys share their runs.
fn copies(k: usize) -> Instance {
    let cluster: Vec<(f64, f64)> = (0..24u32)
        .map(|i| (f64::from(i * 7 % 11), f64::from(i * 5 % 13)))
        .collect();
    let mut points: Vec<(f64, f64)> = Vec::new();
    for c in 0..k {
        let dx = 1000.0 * c as f64;
        points.extend(cluster.iter().map(|&(x, y)| (x + dx, y)));
    }
    points.push((-1000.0, -1000.0));
    let demand: Vec<(f64, f64, f64)> = points.iter().map(|&(x, y)| (x, y, 1.0)).collect();
    let sites: Vec<(f64, f64, bool)> = points.iter().map(|&(x, y)| (x, y, false)).collect();
    from_points("copies", &demand, &sites)
}

#[test]
fn translated_copies_are_solved_once_and_give_the_optimum() {
    let inst = copies(4);
    let (lists, start, out) = around_greedy(&inst, 17);
    let out = out.expect("four far-apart copies fall apart");
    // the lone point, and each copy's pieces four times over: one curve per copy's piece
    assert!(out.pieces > 1);
    assert_eq!(out.pieces - 1, 4 * (out.distinct - 1), "{out:?}");
    let reference = benders::solve(&inst, &lists, 17, &start, &RunOptions::default()).unwrap();
    assert!(reference.proven);
    assert!(
        (out.bound - reference.objective).abs() < 1e-6,
        "{} against {}",
        out.bound,
        reference.objective
    );
    let open = out.open.unwrap();
    let checked = verify::verify(&inst, ModelKind::PMedian, Some(17), None, &open, None).unwrap();
    assert!((checked.objective - reference.objective).abs() < 1e-6);
}

/// Every subset of `p` sites with the required ones: the least cost.
fn brute_force(inst: &Instance, p: usize) -> f64 {
    let m = inst.sites.len();
    let must: u32 = inst.required_sites().iter().map(|&j| 1 << j).sum();
    let mut best = f64::INFINITY;
    for mask in 0u32..(1 << m) {
        if mask.count_ones() as usize != p || mask & must != must {
            continue;
        }
        let open: Vec<usize> = (0..m).filter(|&j| mask >> j & 1 == 1).collect();
        let cost: f64 = (0..inst.demand.len())
            .map(|i| {
                let nearest = open
                    .iter()
                    .map(|&j| inst.impedance(i, j).unwrap())
                    .fold(f64::INFINITY, f64::min);
                inst.demand[i].weight * nearest
            })
            .sum();
        best = best.min(cost);
    }
    best
}

/// The pieces' bound is at most the optimum; a returned solution has p sites, costs at least the
/// bound on the instance, and when it costs exactly the bound it is optimal.
fn check(
    inst: &Instance,
    p: usize,
    out: &pieces::PiecesOutcome,
    optimum: f64,
) -> Result<(), TestCaseError> {
    prop_assert!(
        out.bound <= optimum + 1e-6,
        "bound {} above the optimum {optimum}",
        out.bound
    );
    if let Some(open) = &out.open {
        prop_assert_eq!(open.len(), p);
        let cost = verify::verify(inst, ModelKind::PMedian, Some(p), None, open, None)
            .unwrap()
            .objective;
        prop_assert!(cost >= out.bound - 1e-6);
        if cost <= out.bound + 1e-6 {
            prop_assert!(
                (cost - optimum).abs() < 1e-6,
                "{cost} claimed optimal, optimum {optimum}"
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Five clusters of three points at random spacings and weights (15 points, each a site),
    /// two far sites that serve nobody, up to two required sites, random p with a site for
    /// every cluster: the pieces (solved by enumeration) bound the optimum from below, and a
    /// solution they return costs at least the bound on the instance; when it costs exactly
    /// the bound, that is the optimum.
    #[test]
    fn bound_is_valid_and_a_met_bound_is_the_optimum(
        spread in prop::collection::vec((0.0f64..30.0, 0.0f64..30.0, 0.5f64..5.0), 15),
        gaps in prop::collection::vec(100.0f64..300.0, 5),
        required in prop::collection::vec(0usize..17, 0..3),
        p in 7usize..11,
    ) {
        let mut demand = Vec::new();
        let mut offset = 0.0;
        for (c, gap) in gaps.iter().enumerate() {
            offset += gap;
            for &(x, y, w) in &spread[3 * c..3 * c + 3] {
                demand.push((offset + x, y, w));
            }
        }
        let mut sites: Vec<(f64, f64, bool)> = demand.iter().map(|&(x, y, _)| (x, y, false)).collect();
        sites.extend([(-5000.0, -5000.0, false), (-6000.0, 0.0, false)]);
        for &j in &required {
            sites[j].2 = true;
        }
        let inst = from_points("clusters", &demand, &sites);
        let optimum = brute_force(&inst, p);
        let out = around_greedy(&inst, p).2.expect("five pieces");
        check(&inst, p, &out, optimum)?;
    }

    /// Four clusters of twelve points (so each piece is solved by the Benders tree, and the
    /// knapsack leans on its root tangents), the optimum by the Benders tree on the whole.
    #[test]
    fn bound_is_valid_on_pieces_solved_by_benders(
        spread in prop::collection::vec((0.0f64..40.0, 0.0f64..40.0, 0.5f64..5.0), 48),
        p in 4usize..20,
    ) {
        let demand: Vec<(f64, f64, f64)> = spread
            .iter()
            .enumerate()
            .map(|(k, &(x, y, w))| (x + 1000.0 * (k / 12) as f64, y, w))
            .collect();
        let sites: Vec<(f64, f64, bool)> = demand.iter().map(|&(x, y, _)| (x, y, false)).collect();
        let inst = from_points("clusters", &demand, &sites);
        let (lists, start, out) = around_greedy(&inst, p);
        let whole = benders::solve(&inst, &lists, p, &start, &RunOptions::default()).unwrap();
        prop_assert!(whole.proven);
        if let Some(out) = out {
            check(&inst, p, &out, whole.objective)?;
        }
    }
}

/// A travel-time matrix where each point reaches only the sites within 12 units: complete, short
/// lists, so a piece with too few sites cannot serve every point. The knapsack still asks for
/// such counts; they must count as infeasible, not fail the solve. Islands of 14 points are
/// solved by the Benders tree, islands of 9 by enumeration; in every island the first point has
/// weight 0 (it costs nothing, but must be served).
#[test]
fn counts_too_small_to_serve_a_piece_are_infeasible_not_errors() {
    for (size, ps) in [(14u32, [20, 28]), (9, [24, 30])] {
        let mut points = Vec::new();
        for c in 0..4 {
            for k in 0..size {
                let x = f64::from(k * 7 % 30) + 1000.0 * f64::from(c);
                let weight = if k == 0 { 0.0 } else { 1.0 };
                points.push((x, f64::from(k * 11 % 30), weight));
            }
        }
        let sites: Vec<(f64, f64, bool)> = points.iter().map(|&(x, y, _)| (x, y, false)).collect();
        let mut inst = from_points("islands", &points, &sites);
        reach_only_within(&mut inst, 12.0);
        for p in ps {
            let (lists, start, out) = around_greedy(&inst, p);
            assert!(lists.is_complete());
            let whole = benders::solve(&inst, &lists, p, &start, &RunOptions::default()).unwrap();
            assert!(whole.proven);
            let out = out.expect("the islands fall apart");
            assert!(
                out.bound <= whole.objective + 1e-6,
                "{size}, p = {p}: {out:?}"
            );
            let sol = solve(
                &inst,
                &Problem::new(ModelKind::PMedian).with_p(p),
                &SolveOptions::default(),
            )
            .unwrap();
            assert_eq!(sol.status, Status::Optimal);
            assert!((sol.objective.unwrap() - whole.objective).abs() < 1e-6);
        }
    }
}

/// The pieces' runs go in parallel; the outcome (bound, sites, runs) does not depend on the
/// number of threads.
#[test]
fn same_outcome_on_one_and_two_threads() {
    let inst = copies(4);
    let on = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| around_greedy(&inst, 17).2)
    };
    let one = on(1).expect("four copies fall apart");
    assert!(one.open.is_some());
    assert_eq!(Some(one), on(2));
}
