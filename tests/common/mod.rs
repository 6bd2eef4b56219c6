//! Shared helpers for tests that read the benchmark data.

use impuls::instance::{Crs, DemandPoint, Impedance, Instance, Site};
use std::path::PathBuf;

/// The catalogue in `dir` (relative to the crate) with the default options.
#[allow(dead_code)] // not every test file that shares this module reads a catalogue
pub fn catalogue(dir: &str) -> impuls::instance::catalogue::Catalogue {
    impuls::instance::catalogue::read(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir),
        &impuls::instance::catalogue::CatalogueOptions::default(),
    )
    .unwrap()
}

/// `IMPULS_BENCH_DIR`, or `../shared/benchmarks` beside the crate. Tests that need the data
/// fail (not skip) when it is missing under CI or when the variable is set.
#[allow(dead_code)] // not every test file that shares this module reads the data
pub fn bench_dir() -> Option<PathBuf> {
    let explicit = std::env::var_os("IMPULS_BENCH_DIR").map(PathBuf::from);
    let dir = explicit
        .clone()
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/benchmarks"));
    if dir.is_dir() {
        return Some(dir);
    }
    if explicit.is_some() || std::env::var_os("CI").is_some() {
        panic!("benchmark data not found at {}", dir.display());
    }
    eprintln!("skipping: no benchmark data at {}", dir.display());
    None
}

/// Rows of a CSV file as string maps.
#[allow(dead_code)] // not every test file that shares this module reads CSV
pub fn csv_rows(path: &std::path::Path) -> Vec<std::collections::HashMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            headers
                .iter()
                .zip(rec.unwrap().iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// A planar instance with fractional weights and Euclidean impedances (non-integer objective),
/// demand points and sites apart, from a fixed linear congruential sequence.
#[allow(dead_code)] // used by the solver tests only
pub fn planar(n: usize, m: usize, seed: u64) -> Instance {
    let mut state = seed;
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let demand: Vec<(f64, f64, f64)> = (0..n)
        .map(|_| (100.0 * next(), 100.0 * next(), 0.5 + 9.5 * next()))
        .collect();
    let sites: Vec<(f64, f64, bool)> = (0..m)
        .map(|_| (100.0 * next(), 100.0 * next(), false))
        .collect();
    from_points("planar", &demand, &sites)
}

/// A planar Euclidean instance `name` from demand points `(x, y, weight)` and sites
/// `(x, y, required)`, with ids `d0, d1, …` and `s0, s1, …`.
#[allow(dead_code)] // used by the solver tests only
pub fn from_points(name: &str, demand: &[(f64, f64, f64)], sites: &[(f64, f64, bool)]) -> Instance {
    Instance {
        name: name.into(),
        source: String::new(),
        crs: Crs::Planar,
        impedance: Impedance::euclidean(),
        demand: demand
            .iter()
            .enumerate()
            .map(|(i, &(x, y, weight))| DemandPoint {
                id: format!("d{i}"),
                name: None,
                x,
                y,
                weight,
                load: None,
            })
            .collect(),
        sites: sites
            .iter()
            .enumerate()
            .map(|(j, &(x, y, required))| Site {
                id: format!("s{j}"),
                name: None,
                x,
                y,
                required,
                capacity: None,
                cost: None,
                ..Default::default()
            })
            .collect(),
        matrix: None,
    }
}

/// Replaces the metric by a matrix in which every demand point reaches only the sites within
/// `r` (complete but short lists: "served inside the list" becomes a constraint of its own).
#[allow(dead_code)] // used by the solver tests only
pub fn reach_only_within(inst: &mut Instance, r: f64) {
    let rows = (0..inst.demand.len())
        .map(|i| {
            (0..inst.sites.len())
                .filter_map(|j| {
                    let d = inst.impedance(i, j).unwrap();
                    (d <= r).then_some((j as u32, d))
                })
                .collect()
        })
        .collect();
    inst.matrix = Some(impuls::distance::DistanceMatrix::from_rows(rows));
}
