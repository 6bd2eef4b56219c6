//! The MCLP's Benders branch-and-cut (the default) and the compact MIP in HiGHS prove the same
//! optimum on generated instances, with and without required sites, and the Benders answer is
//! the same on any number of threads.

use impuls::instance::generate::{generate, GenerateOptions};
use impuls::instance::Instance;
use impuls::model::{ModelKind, Problem};
use impuls::solve::{solve, Method, Solution, SolveOptions, Status};

fn run(inst: &Instance, p: usize, r: f64, method: Method) -> Solution {
    let options = SolveOptions {
        method,
        ..SolveOptions::default()
    };
    let problem = Problem::new(ModelKind::Mclp).with_p(p).with_radius(r);
    solve(inst, &problem, &options).unwrap()
}

#[test]
fn benders_and_compact_prove_the_same_optimum() {
    for (seed, n, m, p, r, required) in [
        (1, 3000, 120, 10, 5.0, None),
        (2, 3000, 120, 20, 3.0, Some(7)),
        (3, 2000, 80, 5, 8.0, None),
        (4, 4000, 150, 30, 2.5, Some(0)),
    ] {
        let mut inst = generate(&GenerateOptions {
            extent_km: 40.0,
            ..GenerateOptions::new(n, m, seed)
        })
        .unwrap();
        if let Some(j) = required {
            inst.sites[j].required = true;
        }
        let benders = run(&inst, p, r, Method::Auto);
        let compact = run(&inst, p, r, Method::Compact);
        assert_eq!(benders.status, Status::Optimal, "seed {seed}");
        assert_eq!(compact.status, Status::Optimal, "seed {seed}");
        assert!(benders.verified);
        assert_eq!(benders.objective, compact.objective, "seed {seed}");
        assert_eq!(benders.bound, benders.objective, "seed {seed}");
        assert_eq!(benders.open.len(), p);
        if let Some(j) = required {
            assert!(benders.open.contains(&j));
        }
    }
}

#[test]
fn benders_answer_is_the_same_on_any_thread_count() {
    let inst = generate(&GenerateOptions {
        extent_km: 40.0,
        ..GenerateOptions::new(5000, 150, 5)
    })
    .unwrap();
    let answers: Vec<(Vec<usize>, Option<f64>)> = [1, 2, 3]
        .iter()
        .map(|&threads| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let sol = pool.install(|| run(&inst, 15, 4.0, Method::Auto));
            assert_eq!(sol.status, Status::Optimal);
            (sol.open, sol.objective)
        })
        .collect();
    assert!(answers.windows(2).all(|w| w[0] == w[1]), "{answers:?}");
}
