//! Coverage groups built straight from R-tree queries (`CoverageGroups::within`) equal the groups
//! of the candidate lists, whatever the number of threads; the MCLP reductions keep the optimum.

use impuls::distance::{CandidateLists, Scope};
use impuls::instance::generate::{generate, GenerateOptions};
use impuls::model::coverage::CoverageGroups;
use impuls::model::mclp_reduce::reduce;
use impuls::model::{ModelKind, Problem};
use impuls::solve::{solve, SolveOptions, Status};

fn in_pool<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
        .install(f)
}

#[test]
fn within_equals_lists_on_any_thread_count() {
    // 10 000 points: more than two blocks of 4096, so the block merge is exercised
    let inst = generate(&GenerateOptions::new(10_000, 200, 4)).unwrap();
    let weights: Vec<f64> = inst.demand.iter().map(|d| d.weight).collect();
    let lists = CandidateLists::build(&inst, Scope::Within(4.0));
    let reference = CoverageGroups::new(&lists, &weights);
    for threads in [1, 2, 3] {
        let g = in_pool(threads, || CoverageGroups::within(&inst, 4.0));
        assert_eq!(g.sets, reference.sets, "{threads} threads");
        assert_eq!(g.weights, reference.weights, "{threads} threads");
        assert_eq!(g.group_of, reference.group_of, "{threads} threads");
        let r = in_pool(threads, || reduce(&g, inst.sites.len(), &[]));
        assert_eq!(r.sets, reduce(&reference, inst.sites.len(), &[]).sets);
    }
}

#[test]
fn reductions_keep_the_optimum_against_enumeration() {
    // 12 sites, p = 3: all 220 subsets are enumerated from the instance itself
    let mut inst = generate(&GenerateOptions {
        extent_km: 30.0,
        ..GenerateOptions::new(600, 12, 9)
    })
    .unwrap();
    inst.sites[4].required = true;
    let (p, r) = (3, 6.0);
    let sol = solve(
        &inst,
        &Problem::new(ModelKind::Mclp).with_p(p).with_radius(r),
        &SolveOptions::default(),
    )
    .unwrap();
    assert_eq!(sol.status, Status::Optimal);
    let m = inst.sites.len();
    let mut best = 0.0f64;
    for a in 0..m {
        for b in a + 1..m {
            for c in b + 1..m {
                if ![a, b, c].contains(&4) {
                    continue;
                }
                let covered: f64 = (0..inst.demand.len())
                    .filter(|&i| {
                        [a, b, c]
                            .iter()
                            .any(|&j| inst.impedance(i, j).unwrap() <= r)
                    })
                    .map(|i| inst.demand[i].weight)
                    .sum();
                best = best.max(covered);
            }
        }
    }
    assert_eq!(sol.objective, Some(best));
    assert_eq!(sol.bound, Some(best));
}
