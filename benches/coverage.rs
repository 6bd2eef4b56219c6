//! Coverage-group building for MCLP/LSCP: R-tree within-radius queries and the aggregation of
//! demand points with identical covering sets (`CoverageGroups::within`), on generated clustered
//! instances (`impuls generate`'s generator) of 10⁴ and 10⁵ points and 1000 sites, radius 5 km;
//! the MCLP reductions (`mclp_reduce::reduce`) on the 10⁵ groups.
//!
//! Run with `cargo bench --bench coverage` (add `-- --quick` for a short check).

use criterion::{
    criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput,
};
use impuls::instance::generate::{generate, GenerateOptions};
use impuls::model::coverage::CoverageGroups;
use impuls::model::mclp_reduce::reduce;
use std::hint::black_box;
use std::time::Duration;

/// Candidate sites of every instance.
const SITES: usize = 1_000;
/// Coverage radius, km.
const RADIUS: f64 = 5.0;

fn coverage_groups(c: &mut Criterion) {
    let mut group = c.benchmark_group("coverage");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(8));
    for n in [10_000, 100_000] {
        let instance = generate(&GenerateOptions::new(n, SITES, 1)).expect("valid options");
        let groups = CoverageGroups::within(&instance, RADIUS);
        eprintln!(
            "coverage: {n} points × {SITES} sites, radius {RADIUS}: {} groups, {} entries",
            groups.sets.len(),
            groups.n_entries()
        );
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("within", n), &instance, |b, inst| {
            b.iter(|| CoverageGroups::within(black_box(inst), RADIUS))
        });
        group.bench_with_input(BenchmarkId::new("reduce", n), &groups, |b, g| {
            b.iter(|| reduce(black_box(g), SITES, &[]))
        });
    }
    group.finish();
}

criterion_group!(benches, coverage_groups);
criterion_main!(benches);
