//! Benders decomposition of the p-median (impuls::solve::benders) against the OR-Library optima,
//! the compact Elloumi model (required sites, truncated lists) and the independent verifier.
//!
//! `cargo test --release --test benders -- --ignored --nocapture all_forty` prints the table of
//! all 40 pmed instances (`IMPULS_BENDERS_ONLY=pmed16,pmed36` picks some, `IMPULS_BENDERS_LIMIT`
//! sets the seconds per instance, default 600; `IMPULS_BENDERS_THREADS` the HiGHS threads,
//! default 2; `IMPULS_BENDERS_LOG=1` logs the progress).

mod common;
use common::{bench_dir, planar, reach_only_within};
use impuls::distance::{CandidateLists, DistanceMatrix, Scope};
use impuls::instance::{orlib, Instance};
use impuls::model::{pmedian, ModelKind, Problem};
use impuls::solve::benders::{self, BendersOutcome};
use impuls::solve::heuristic::pmedian::greedy_interchange;
use impuls::solve::highs::{self, RunOptions};
use impuls::solve::{solve, verify, SolveOptions, Status};

/// `(name, n, p, optimum)` from `orlib-pmed/optima.csv`.
fn optima(dir: &std::path::Path) -> Vec<(String, usize, usize, f64)> {
    let text = std::fs::read_to_string(dir.join("orlib-pmed/optima.csv")).unwrap();
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split(',').map(str::trim).collect();
            (
                f[0].to_string(),
                f[1].parse().unwrap(),
                f[2].parse().unwrap(),
                f[3].parse().unwrap(),
            )
        })
        .collect()
}

fn read(dir: &std::path::Path, name: &str) -> (Instance, usize) {
    orlib::read_with_p(&dir.join(format!("orlib-pmed/{name}.txt"))).unwrap()
}

fn options(threads: usize, time_limit: Option<f64>) -> RunOptions {
    RunOptions {
        time_limit,
        threads,
        ..RunOptions::default()
    }
}

/// Heuristic start and Benders on `lists`.
fn run(inst: &Instance, lists: &CandidateLists, p: usize, opts: &RunOptions) -> BendersOutcome {
    let weights: Vec<f64> = inst.demand.iter().map(|d| d.weight).collect();
    let req = inst.required_sites();
    let start = greedy_interchange(lists, &weights, inst.sites.len(), p, &req);
    benders::solve(inst, lists, p, &start, opts).unwrap()
}

/// Checks the outcome's solution with the independent verifier and returns its cost.
fn verified(inst: &Instance, p: usize, out: &BendersOutcome) -> f64 {
    let checked = verify::verify(inst, ModelKind::PMedian, Some(p), None, &out.open, None).unwrap();
    assert!((checked.objective - out.objective).abs() < 1e-6);
    checked.objective
}

#[test]
fn small_pmed_instances_are_proven_optimal() {
    let Some(dir) = bench_dir() else { return };
    let optima = optima(&dir);
    for name in [
        "pmed1", "pmed2", "pmed5", "pmed6", "pmed10", "pmed11", "pmed16", "pmed22", "pmed26",
    ] {
        let (inst, p) = read(&dir, name);
        let optimum = optima.iter().find(|r| r.0 == name).unwrap().3;
        let lists = CandidateLists::build(&inst, Scope::All);
        let out = run(&inst, &lists, p, &options(1, Some(300.0)));
        eprintln!(
            "{name}: {} (bound {}) in {:.2}s, {} iterations, {} cuts",
            out.objective, out.bound, out.seconds, out.iterations, out.cuts
        );
        assert!(out.proven, "{name}: not proven: {out:?}");
        assert_eq!(out.objective, optimum, "{name}");
        assert_eq!(out.bound, optimum, "{name}");
        assert_eq!(out.open.len(), p);
        assert!(out.open.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(verified(&inst, p, &out), optimum);
    }
}

#[test]
fn fractional_data_match_the_compact_model() {
    for (seed, p) in [(1, 3), (2, 6), (3, 10)] {
        let mut inst = planar(150, 80, seed);
        if seed == 3 {
            inst.sites[5].required = true;
        }
        let lists = CandidateLists::build(&inst, Scope::All);
        let out = run(&inst, &lists, p, &options(1, Some(300.0)));
        assert!(out.proven, "{out:?}");
        let compact = solve(
            &inst,
            &Problem::new(ModelKind::PMedian).with_p(p),
            &SolveOptions {
                method: impuls::solve::Method::Compact,
                ..SolveOptions::default()
            },
        )
        .unwrap();
        assert_eq!(compact.status, Status::Optimal);
        let c = compact.objective.unwrap();
        assert!(
            (out.objective - c).abs() <= 1e-6 * c,
            "seed {seed}: benders {} vs compact {c}",
            out.objective
        );
        assert!((verified(&inst, p, &out) - c).abs() <= 1e-6 * c);
    }
}

#[test]
fn unreachable_pairs_force_service_inside_short_lists() {
    // a matrix where each demand point reaches only the sites within 40 units: complete but
    // short lists, so "served inside the list" is a constraint of its own (a cover row)
    let mut inst = planar(120, 60, 7);
    reach_only_within(&mut inst, 40.0);
    let lists = CandidateLists::build(&inst, Scope::All);
    assert!(lists.is_complete());
    assert!((0..lists.len()).any(|i| lists.list(i).len() < 60 - 6 + 1));
    for p in [6, 9] {
        let compact = solve(
            &inst,
            &Problem::new(ModelKind::PMedian).with_p(p),
            &SolveOptions {
                method: impuls::solve::Method::Compact,
                ..SolveOptions::default()
            },
        )
        .unwrap();
        assert_eq!(compact.status, Status::Optimal, "p = {p}");
        let c = compact.objective.unwrap();
        let out = run(&inst, &lists, p, &options(1, Some(300.0)));
        assert!(out.proven, "{out:?}");
        assert!(
            (out.objective - c).abs() <= 1e-6 * c,
            "p = {p}: benders {} vs compact {c}",
            out.objective
        );
        assert!((verified(&inst, p, &out) - c).abs() <= 1e-6 * c);
    }
}

#[test]
fn required_sites_match_the_compact_model() {
    let Some(dir) = bench_dir() else { return };
    let (mut inst, p) = read(&dir, "pmed2");
    // two sites the unconstrained optimum need not use
    inst.sites[0].required = true;
    inst.sites[57].required = true;
    let lists = CandidateLists::build(&inst, Scope::All);
    let out = run(&inst, &lists, p, &options(1, Some(300.0)));
    assert!(out.proven, "{out:?}");
    assert!(out.open.contains(&0) && out.open.contains(&57));
    let compact = solve(
        &inst,
        &Problem::new(ModelKind::PMedian).with_p(p),
        &SolveOptions {
            method: impuls::solve::Method::Compact,
            ..SolveOptions::default()
        },
    )
    .unwrap();
    assert_eq!(compact.status, Status::Optimal);
    assert_eq!(Some(out.objective), compact.objective);
    assert_eq!(verified(&inst, p, &out), out.objective);
    assert!(out.objective >= 4093.0);
}

#[test]
fn truncated_lists_match_the_compact_model_on_the_same_lists() {
    let Some(dir) = bench_dir() else { return };
    let (inst, p) = read(&dir, "pmed1");
    for k in [4, 8, 15] {
        let lists = CandidateLists::build(&inst, Scope::Nearest(k));
        assert!(!lists.is_complete());
        let out = run(&inst, &lists, p, &options(1, Some(300.0)));
        assert!(out.proven, "k = {k}: {out:?}");
        let weights: Vec<f64> = inst.demand.iter().map(|d| d.weight).collect();
        let start = greedy_interchange(&lists, &weights, inst.sites.len(), p, &[]);
        let built = pmedian::build(&inst, &lists, p, Some(&start));
        let compact = highs::run(built.mip, &options(1, None)).unwrap();
        let model_opt = compact.objective.unwrap();
        assert!(
            (out.objective - model_opt).abs() < 1e-6,
            "k = {k}: benders {} vs compact {model_opt}",
            out.objective
        );
        // the list model is a relaxation of the true problem
        assert!(out.bound <= 5819.0 + 1e-9);
        assert!(verified_true_cost(&inst, p, &out) >= out.objective - 1e-6);
    }
}

fn verified_true_cost(inst: &Instance, p: usize, out: &BendersOutcome) -> f64 {
    verify::verify(inst, ModelKind::PMedian, Some(p), None, &out.open, None)
        .unwrap()
        .objective
}

#[test]
fn time_limit_zero_returns_the_start_unproven() {
    let Some(dir) = bench_dir() else { return };
    let (inst, p) = read(&dir, "pmed6");
    let lists = CandidateLists::build(&inst, Scope::All);
    let out = run(&inst, &lists, p, &options(1, Some(0.0)));
    assert_eq!(out.open.len(), p);
    assert!(!out.proven);
    assert!(out.objective >= 7824.0);
    assert!(out.bound <= 7824.0);
}

#[test]
fn a_gap_or_a_short_time_limit_keeps_the_bound_valid() {
    let Some(dir) = bench_dir() else { return };
    let (inst, p) = read(&dir, "pmed22");
    let optimum = 8579.0;
    let lists = CandidateLists::build(&inst, Scope::All);
    let mut opts = options(1, Some(300.0));
    opts.gap = 0.002;
    let out = run(&inst, &lists, p, &opts);
    assert!(out.bound <= optimum && optimum <= out.objective, "{out:?}");
    assert!(
        (out.objective - out.bound) / out.objective <= 0.002,
        "{out:?}"
    );
    assert_eq!(verified(&inst, p, &out), out.objective);
    for limit in [0.05, 0.3] {
        let out = run(&inst, &lists, p, &options(1, Some(limit)));
        assert!(out.bound <= optimum && optimum <= out.objective, "{out:?}");
        assert!(out.proven || out.bound < out.objective);
        assert_eq!(verified(&inst, p, &out), out.objective);
    }
}

/// All 40 pmed instances with a table (run with `--ignored --nocapture`).
#[test]
#[ignore]
fn all_forty() {
    let Some(dir) = bench_dir() else { return };
    let threads = std::env::var("IMPULS_BENDERS_THREADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2);
    let limit = std::env::var("IMPULS_BENDERS_LIMIT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(600.0);
    let only: Vec<String> = std::env::var("IMPULS_BENDERS_ONLY")
        .map(|v| v.split(',').map(str::to_string).collect())
        .unwrap_or_default();
    println!(
        "| instance | n | p | optimum | found | bound | seconds | proven | LPs | nodes | cuts |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|");
    let (mut total, mut proven, mut right) = (0.0, 0, 0);
    for (name, n, p, optimum) in optima(&dir) {
        if !only.is_empty() && !only.contains(&name) {
            continue;
        }
        let (inst, p_file) = read(&dir, &name);
        assert_eq!(p, p_file);
        let clock = std::time::Instant::now();
        let lists = CandidateLists::build(&inst, Scope::All);
        let out = run(&inst, &lists, p, &options(threads, Some(limit)));
        let seconds = clock.elapsed().as_secs_f64();
        total += seconds;
        proven += usize::from(out.proven);
        right += usize::from(out.objective == optimum);
        println!(
            "| {name} | {n} | {p} | {optimum} | {} | {} | {seconds:.2} | {} | {} | {} | {} |",
            out.objective, out.bound, out.proven, out.iterations, out.nodes, out.cuts
        );
    }
    println!("total {total:.1} s; {proven} proven, {right} at the reference optimum");
}

/// The root tangent of a run with p sites bounds the optimum for every other count from below
/// (the master LP is convex in the right side of Σ y = p), and touches the LP at p.
#[test]
fn root_tangent_bounds_every_count() {
    for seed in [3, 11] {
        let inst = planar(60, 25, seed);
        let lists = CandidateLists::build(&inst, Scope::All);
        let opts = options(1, None);
        let optima: Vec<f64> = (1..=12)
            .map(|q| {
                let out = run(&inst, &lists, q, &opts);
                assert!(out.proven);
                out.objective
            })
            .collect();
        for p in [2, 5, 9] {
            let tangent = run(&inst, &lists, p, &opts)
                .tangent
                .expect("a root LP was solved");
            assert!(tangent.value <= optima[p - 1] + 1e-6);
            assert!(
                tangent.slope <= 0.0,
                "a site more never costs more: {}",
                tangent.slope
            );
            for q in 1..=12 {
                let line = tangent.at(p, q);
                assert!(
                    line <= optima[q - 1] + 1e-6,
                    "seed {seed}: tangent at p = {p} gives {line} at q = {q}, optimum {}",
                    optima[q - 1]
                );
            }
        }
    }
}

/// A demand point of weight 0 costs nothing but must still be served: when it reaches a single
/// site (a matrix with unreachable pairs), that site is open in the solution, and the solve
/// does not end in a verification error.
#[test]
fn a_weightless_point_with_a_short_list_is_still_served() {
    let mut inst = common::from_points(
        "weightless",
        &[(0.0, 0.0, 1.0), (1.0, 0.0, 0.0), (2.0, 0.0, 1.0)],
        &[(0.0, 0.0, false), (1.0, 0.0, false), (2.0, 0.0, false)],
    );
    // x reaches s0 (0) and s1 (10), z (weight 0) only s1, y only s2
    inst.matrix = Some(DistanceMatrix::from_rows(vec![
        vec![(0, 0.0), (1, 10.0)],
        vec![(1, 0.0)],
        vec![(2, 0.0)],
    ]));
    let sol = solve(
        &inst,
        &Problem::new(ModelKind::PMedian).with_p(2),
        &SolveOptions::default(),
    )
    .unwrap();
    assert_eq!(sol.status, Status::Optimal);
    assert_eq!(sol.open, vec![1, 2]);
    assert_eq!(sol.objective, Some(10.0));
}
