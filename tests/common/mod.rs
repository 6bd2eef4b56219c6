//! Shared helpers for tests that read the benchmark data.

use std::path::PathBuf;

/// `IMPULS_BENCH_DIR`, or `../shared/benchmarks` beside the crate. Tests that need the data
/// fail (not skip) when it is missing under CI or when the variable is set.
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
