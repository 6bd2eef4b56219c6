//! Solver benchmarks: exact p-median on OR-Library pmed1 (and pmed6 on request), MCLP and LSCP
//! on a random planar point set, the greedy + fast interchange heuristic on pmed20 (and the plain
//! interchange it replaces), and the exact Pareto front of the Harz catalogue for (access,
//! balance).
//!
//! Run with `cargo bench --bench solve` (add `-- --quick` for a short check). OR-Library files
//! come from `$IMPULS_BENCH_DIR/orlib-pmed` (default `../shared/benchmarks` relative to the
//! crate); their groups are skipped with a message when the files are absent. pmed6 takes tens
//! of seconds per solve and runs only with `IMPULS_BENCH_SLOW=1`.
//!
//! The crate has no reader for the SJC MCLP files (`mclp/SJC324.txt`), so MCLP and LSCP run on
//! a deterministic random instance of the same size (324 points, each a demand point and a
//! candidate site, integer weights, real-valued Euclidean distance).

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use impuls::distance::{CandidateLists, Scope};
use impuls::instance::catalogue::{self, CatalogueOptions};
use impuls::instance::{orlib, Crs, DemandPoint, Impedance, Instance, Site};
use impuls::model::{ModelKind, Problem};
use impuls::pareto::{self, objective::Objective, ParetoOptions};
use impuls::solve::heuristic::pmedian::{greedy_interchange, greedy_plain_interchange};
use impuls::solve::{solve, SolveOptions, Status};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// `$IMPULS_BENCH_DIR`, else `../shared/benchmarks` next to the crate.
fn bench_dir() -> PathBuf {
    std::env::var_os("IMPULS_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/benchmarks"))
}

/// `orlib-pmed/NAME.txt` with its p, or `None` (and a message) when the file is absent.
fn pmed(name: &str) -> Option<(Instance, usize)> {
    let path = bench_dir().join("orlib-pmed").join(format!("{name}.txt"));
    if !path.is_file() {
        eprintln!(
            "skipping {name}: {} not found (set IMPULS_BENCH_DIR)",
            path.display()
        );
        return None;
    }
    Some(orlib::read_with_p(&path).expect("pmed file parses"))
}

/// The published optimum of `name` from `orlib-pmed/optima.csv`, if listed.
fn optimum(name: &str) -> Option<f64> {
    let text = std::fs::read_to_string(bench_dir().join("orlib-pmed/optima.csv")).ok()?;
    text.lines().skip(1).find_map(|l| {
        let f: Vec<&str> = l.split(',').map(str::trim).collect();
        (f.first() == Some(&name))
            .then(|| f.get(3)?.parse().ok())
            .flatten()
    })
}

/// A 64-bit linear congruential generator (Knuth's MMIX constants).
struct Lcg(u64);

impl Lcg {
    fn next_f64(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// 324 points with integer coordinates in a 2700 × 2000 m box (the extent of SJC324) and
/// integer weights 1..=60; every point is a demand point and a site.
fn random_coverage_instance() -> Instance {
    let mut rng = Lcg(324);
    let points: Vec<(f64, f64, f64)> = (0..324)
        .map(|_| {
            (
                (2700.0 * rng.next_f64()).floor(),
                (2000.0 * rng.next_f64()).floor(),
                1.0 + (60.0 * rng.next_f64()).floor(),
            )
        })
        .collect();
    let instance = Instance {
        name: "random324".into(),
        source: String::new(),
        crs: Crs::Planar,
        impedance: Impedance::euclidean(),
        demand: points
            .iter()
            .enumerate()
            .map(|(i, &(x, y, w))| DemandPoint {
                id: i.to_string(),
                name: None,
                x,
                y,
                weight: w,
                load: None,
            })
            .collect(),
        sites: points
            .iter()
            .enumerate()
            .map(|(j, &(x, y, _))| Site {
                id: j.to_string(),
                name: None,
                x,
                y,
                required: false,
                capacity: None,
                cost: None,
                ..Default::default()
            })
            .collect(),
        matrix: None,
    };
    instance.validate().expect("random instance is valid");
    instance
}

/// Solves once (untimed) and checks the result is optimal and verified.
fn check(instance: &Instance, problem: &Problem, reference: Option<f64>) -> f64 {
    let sol = solve(instance, problem, &SolveOptions::default()).expect("solve succeeds");
    assert_eq!(sol.status, Status::Optimal, "{}", instance.name);
    assert!(sol.verified);
    let objective = sol.objective.expect("objective");
    if let Some(r) = reference {
        assert_eq!(objective, r, "{} reproduces its optimum", instance.name);
    }
    eprintln!(
        "{} {}: objective {objective}, {} open, {:.3} s",
        problem.kind,
        instance.name,
        sol.open.len(),
        sol.seconds
    );
    objective
}

/// Times `solve` in the group `solve` (flat sampling: one solve of a second or more per
/// iteration would make linear sampling run 55 solves).
fn bench_solve(c: &mut Criterion, id: &str, instance: &Instance, problem: Problem) {
    let options = SolveOptions::default();
    let mut group = c.benchmark_group("solve");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(16));
    group.bench_function(id, |b| {
        b.iter(|| solve(black_box(instance), black_box(&problem), &options).expect("solve"))
    });
    group.finish();
}

fn pmedian_orlib(c: &mut Criterion) {
    let mut names = vec!["pmed1"];
    if std::env::var_os("IMPULS_BENCH_SLOW").is_some() {
        names.push("pmed6");
    } else {
        eprintln!(
            "skipping solve/pmedian/pmed6 (tens of seconds per solve): set IMPULS_BENCH_SLOW=1"
        );
    }
    for name in names {
        let Some((instance, p)) = pmed(name) else {
            continue;
        };
        let problem = Problem::new(ModelKind::PMedian).with_p(p);
        check(&instance, &problem, optimum(name));
        bench_solve(c, &format!("pmedian/{name}"), &instance, problem);
    }
}

fn coverage_random(c: &mut Criterion) {
    let instance = random_coverage_instance();
    let radius = 250.0;
    let mclp = Problem::new(ModelKind::Mclp).with_p(10).with_radius(radius);
    let lscp = Problem::new(ModelKind::Lscp).with_radius(radius);
    check(&instance, &mclp, None);
    check(&instance, &lscp, None);
    bench_solve(c, "mclp/random324_p10_r250", &instance, mclp);
    bench_solve(c, "lscp/random324_r250", &instance, lscp);
}

fn heuristic_pmed20(c: &mut Criterion) {
    let Some((instance, p)) = pmed("pmed20") else {
        return;
    };
    let lists = CandidateLists::build(&instance, Scope::All);
    let weights: Vec<f64> = instance.demand.iter().map(|d| d.weight).collect();
    let m = instance.sites.len();
    let open = greedy_interchange(&lists, &weights, m, p, &[]);
    assert_eq!(open.len(), p);
    let cost: f64 = (0..lists.len())
        .map(|i| {
            let best = lists
                .list(i)
                .iter()
                .filter(|(j, _)| open.binary_search(&(*j as usize)).is_ok())
                .map(|&(_, d)| d)
                .fold(f64::INFINITY, f64::min);
            weights[i] * best
        })
        .sum();
    eprintln!(
        "greedy_interchange pmed20: cost {cost} (optimum {})",
        optimum("pmed20").map_or("?".into(), |v| v.to_string())
    );
    c.bench_function("heuristic/greedy_interchange/pmed20", |b| {
        b.iter(|| greedy_interchange(black_box(&lists), black_box(&weights), m, p, &[]))
    });
    // the reference: same local optimum, every swap priced from scratch
    c.bench_function("heuristic/greedy_plain_interchange/pmed20", |b| {
        b.iter(|| greedy_plain_interchange(black_box(&lists), black_box(&weights), m, p, &[]))
    });
}

fn pareto_harz(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("instances/harz");
    let cat = catalogue::read(&dir, &CatalogueOptions::default()).expect("harz catalogue");
    let objectives = Objective::parse_list("access,balance").expect("objectives");
    let options = ParetoOptions::default();
    let set = pareto::run(&cat, &objectives, &options, &|_| {}).expect("pareto front");
    assert!(set.complete);
    eprintln!(
        "pareto harz access,balance: {} proposals, {} lexicographic solves, {:.2} s",
        set.proposals.len(),
        set.solves,
        set.seconds
    );
    let mut group = c.benchmark_group("pareto");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(30));
    group.bench_function("harz/access,balance", |b| {
        b.iter(|| {
            pareto::run(black_box(&cat), &objectives, &options, &|_| {}).expect("pareto front")
        })
    });
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8))
}

criterion_group! {
    name = benches;
    config = config();
    targets = pmedian_orlib, coverage_random, heuristic_pmed20, pareto_harz
}
criterion_main!(benches);
