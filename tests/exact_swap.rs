//! The interchange on true impedances (impuls::solve::heuristic::exact_swap): its result is a
//! swap-local optimum of the instance itself (checked by re-verifying every swap), its cost is
//! the verified one, its VNS never ends worse and does not depend on the thread count, and a
//! p-median solve on lists far too short for p (the case it exists
//! for) still ends at the optimum of the full model.

mod common;
use impuls::instance::{Instance, Metric};
use impuls::model::{ModelKind, Problem};
use impuls::solve::heuristic::exact_swap::{exact_interchange, exact_vns, Points};
use impuls::solve::verify::verify;
use impuls::solve::{solve, SolveOptions, Status};

/// The shared planar instance with `metric` for its impedances.
fn planar(n: usize, m: usize, seed: u64, metric: Metric) -> Instance {
    let mut inst = common::planar(n, m, seed);
    inst.impedance.metric = metric;
    inst
}

fn objective(inst: &Instance, p: usize, open: &[usize]) -> f64 {
    verify(inst, ModelKind::PMedian, Some(p), None, open, None)
        .unwrap()
        .objective
}

#[test]
fn the_result_is_a_verified_swap_local_optimum() {
    for (seed, metric) in [
        (1, Metric::Euclidean),
        (2, Metric::Floor),
        (3, Metric::Floor),
    ] {
        let inst = planar(60, 20, seed, metric);
        let p = 4;
        let pts = Points::new(&inst).unwrap();
        let (open, cost) = exact_interchange(&pts, &[0, 1, 2, 3], &[], None);
        assert_eq!(open.len(), p);
        let v = objective(&inst, p, &open);
        assert!((cost - v).abs() <= 1e-9 * v, "seed {seed}: {cost} vs {v}");
        for g in 0..p {
            for f in (0..20).filter(|f| !open.contains(f)) {
                let mut other = open.clone();
                other[g] = f;
                other.sort_unstable();
                assert!(objective(&inst, p, &other) >= v - 1e-9 * v, "seed {seed}");
            }
        }
    }
}

#[test]
fn required_sites_stay_open() {
    let inst = planar(50, 15, 7, Metric::Floor);
    let pts = Points::new(&inst).unwrap();
    let (open, _) = exact_interchange(&pts, &[14, 1, 2], &[14], None);
    assert!(open.contains(&14));
}

#[test]
fn short_lists_still_reach_the_full_optimum() {
    let inst = planar(120, 120, 11, Metric::Floor);
    let problem = Problem::new(ModelKind::PMedian).with_p(12);
    let full = solve(&inst, &problem, &SolveOptions::default()).unwrap();
    assert_eq!(full.status, Status::Optimal);
    // 30-entry lists of 120 sites: some points are served beyond their list at first
    let short = SolveOptions {
        dense_pairs: 0,
        ..SolveOptions::default()
    };
    let sol = solve(&inst, &problem, &short).unwrap();
    assert!(sol.verified);
    assert_eq!(sol.status, Status::Optimal);
    assert_eq!(sol.objective, full.objective);
}

#[test]
fn the_vns_is_no_worse_and_independent_of_the_thread_count() {
    let inst = planar(150, 60, 5, Metric::Floor);
    let pts = Points::new(&inst).unwrap();
    let start = [0, 1, 2, 3, 4];
    let (_, local) = exact_interchange(&pts, &start, &[], None);
    let run = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| exact_vns(&pts, &start, &[], 30 * 150 * 60, None))
    };
    let one = run(1);
    assert!(one.1 <= local);
    assert_eq!(one.1, objective(&inst, 5, &one.0));
    assert_eq!(one, run(2));
    assert_eq!(one, run(3));
}
