//! Distance benchmarks: R-tree candidate lists on random planar and wgs84 instances, and the
//! all-pairs shortest paths of the largest OR-Library graph (pmed40).
//!
//! Run with `cargo bench --bench distance` (add `-- --quick` for a short check). The OR-Library
//! group reads `$IMPULS_BENCH_DIR/orlib-pmed/pmed40.txt` (default `../shared/benchmarks`
//! relative to the crate) and is skipped with a message when the file is absent.

use criterion::{
    criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput,
};
use impuls::distance::graph::all_pairs_shortest_paths;
use impuls::distance::{CandidateLists, Scope};
use impuls::instance::{orlib, Crs, DemandPoint, Impedance, Instance, Site};
use std::collections::HashMap;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

/// Number of candidate sites in every random instance.
const SITES: usize = 1_000;
/// Demand sizes of the random instances.
const DEMAND: [usize; 2] = [10_000, 100_000];
/// k of the k-nearest lists.
const K: usize = 10;

/// A 64-bit linear congruential generator (Knuth's MMIX constants): deterministic, no
/// dependency, good enough to scatter points.
struct Lcg(u64);

impl Lcg {
    fn new(seed: u64) -> Self {
        Lcg(seed ^ 0x9e37_79b9_7f4a_7c15)
    }

    /// Uniform in [0, 1), from the top 53 bits.
    fn next_f64(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in [lo, hi).
    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.next_f64()
    }
}

/// The square (planar, units) or lon/lat box (wgs84, degrees around the Harz) points fall in.
fn bounds(crs: Crs) -> ((f64, f64), (f64, f64)) {
    match crs {
        Crs::Planar => ((0.0, 1_000.0), (0.0, 1_000.0)),
        Crs::Wgs84 => ((9.5, 12.5), (51.0, 52.5)),
    }
}

/// A radius that puts about 10 sites into each list: 50 units on the 1000 × 1000 square
/// (π·50²·10⁻³ ≈ 7.9), 10 km in the ≈ 207 km × 167 km box (π·10²/34.5 ≈ 9.1).
fn radius(crs: Crs) -> f64 {
    match crs {
        Crs::Planar => 50.0,
        Crs::Wgs84 => 10.0,
    }
}

/// `n` demand points and `m` sites, uniformly scattered, built directly (no reader).
fn random_instance(crs: Crs, n: usize, m: usize, seed: u64) -> Instance {
    let mut rng = Lcg::new(seed);
    let ((x0, x1), (y0, y1)) = bounds(crs);
    let demand = (0..n)
        .map(|i| DemandPoint {
            id: format!("d{i}"),
            name: None,
            x: rng.range(x0, x1),
            y: rng.range(y0, y1),
            weight: (1.0 + 99.0 * rng.next_f64()).floor(),
            load: None,
        })
        .collect();
    let sites = (0..m)
        .map(|j| Site {
            id: format!("s{j}"),
            name: None,
            x: rng.range(x0, x1),
            y: rng.range(y0, y1),
            required: false,
            capacity: None,
            cost: None,
            ..Default::default()
        })
        .collect();
    let instance = Instance {
        name: format!("random-{crs:?}-{n}x{m}").to_lowercase(),
        source: String::new(),
        crs,
        impedance: Impedance::default_for(crs),
        demand,
        sites,
        matrix: None,
    };
    instance.validate().expect("random instance is valid");
    instance
}

fn candidate_lists(c: &mut Criterion) {
    let mut group = c.benchmark_group("candidates");
    group.sample_size(10).warm_up_time(Duration::from_secs(1));
    for (crs, label) in [(Crs::Planar, "planar"), (Crs::Wgs84, "wgs84")] {
        for (k, &n) in DEMAND.iter().enumerate() {
            let instance = random_instance(crs, n, SITES, 17 + k as u64);
            let r = radius(crs);
            // Sanity (untimed): the lists are what the scopes promise.
            let near = CandidateLists::build(&instance, Scope::Nearest(K));
            assert_eq!(near.len(), n);
            assert!((0..n).all(|i| near.list(i).len() == K));
            let within = CandidateLists::build(&instance, Scope::Within(r));
            assert!((0..n).all(|i| within.list(i).iter().all(|&(_, d)| d <= r)));
            eprintln!(
                "candidates/{label}: {n} × {SITES}, within {r}: {:.1} sites per list on average",
                within.n_pairs() as f64 / n as f64
            );
            // 10⁵ points take most of a second per build: ten flat samples of one build each.
            if n >= 100_000 {
                group
                    .sampling_mode(SamplingMode::Flat)
                    .measurement_time(Duration::from_secs(12));
            } else {
                group
                    .sampling_mode(SamplingMode::Auto)
                    .measurement_time(Duration::from_secs(5));
            }
            group.throughput(Throughput::Elements(n as u64));
            group.bench_with_input(
                BenchmarkId::new(format!("{label}/nearest{K}"), n),
                &instance,
                |b, inst| b.iter(|| CandidateLists::build(black_box(inst), Scope::Nearest(K))),
            );
            group.bench_with_input(
                BenchmarkId::new(format!("{label}/within{r}"), n),
                &instance,
                |b, inst| b.iter(|| CandidateLists::build(black_box(inst), Scope::Within(r))),
            );
        }
    }
    group.finish();
}

/// `$IMPULS_BENCH_DIR`, else `../shared/benchmarks` next to the crate.
fn bench_dir() -> PathBuf {
    std::env::var_os("IMPULS_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/benchmarks"))
}

/// The edge list of a pmed file with the OR-Library rule (an edge listed twice keeps its last
/// cost), 0-based and sorted, as the reader hands it to the shortest-path routine.
fn pmed_edges(text: &str) -> (usize, Vec<(usize, usize, f64)>) {
    let mut lines = text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .filter(|t| !t.is_empty());
    let header = lines.next().expect("header line");
    let n: usize = header[0].parse().expect("n");
    let mut costs: HashMap<(usize, usize), f64> = HashMap::new();
    for t in lines {
        let i: usize = t[0].parse::<usize>().expect("vertex") - 1;
        let j: usize = t[1].parse::<usize>().expect("vertex") - 1;
        let c: f64 = t[2].parse().expect("cost");
        costs.insert((i.min(j), i.max(j)), c);
    }
    let mut edges: Vec<(usize, usize, f64)> =
        costs.into_iter().map(|((i, j), c)| (i, j, c)).collect();
    edges.sort_by_key(|&(i, j, _)| (i, j));
    (n, edges)
}

fn orlib_shortest_paths(c: &mut Criterion) {
    let path = bench_dir().join("orlib-pmed/pmed40.txt");
    if !path.is_file() {
        eprintln!(
            "skipping orlib/pmed40: {} not found (set IMPULS_BENCH_DIR)",
            path.display()
        );
        return;
    }
    let text = std::fs::read_to_string(&path).expect("pmed40 readable");
    let (n, edges) = pmed_edges(&text);
    // Sanity (untimed): the routine reproduces the reader's matrix, p of pmed40 is 90.
    let (instance, p) = orlib::read_with_p(&path).expect("pmed40 parses");
    assert_eq!((n, p, instance.demand.len()), (900, 90, 900));
    let apsp = all_pairs_shortest_paths(n, &edges);
    for i in 0..n {
        for j in 0..n {
            let expected = instance.impedance(i, j).unwrap_or(f64::INFINITY);
            assert_eq!(apsp[i * n + j], expected, "pair ({i}, {j})");
        }
    }
    let mut group = c.benchmark_group("orlib");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(9));
    group.bench_function("apsp/pmed40", |b| {
        b.iter(|| all_pairs_shortest_paths(black_box(n), black_box(&edges)))
    });
    group.bench_function("read_with_p/pmed40", |b| {
        b.iter(|| orlib::read_with_p(black_box(&path)).expect("pmed40 parses"))
    });
    group.finish();
}

criterion_group!(benches, candidate_lists, orlib_shortest_paths);
criterion_main!(benches);
