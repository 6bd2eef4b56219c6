//! `impuls generate`: the same seed gives the same bytes, the counts are right, the file is a
//! native instance that `solve` reads and solves to a verified optimum.

use std::path::Path;
use std::process::{Command, Output};
use tempfile::TempDir;

fn impuls(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_impuls"))
        .args(args)
        .output()
        .expect("the impuls binary runs")
}

/// Generates `demand` points and `sites` sites with `seed` into `dir/name`.
fn generate(dir: &Path, name: &str, demand: usize, sites: usize, seed: u64) -> Vec<u8> {
    let path = dir.join(name);
    let out = impuls(&[
        "generate",
        "--demand",
        &demand.to_string(),
        "--sites",
        &sites.to_string(),
        "--seed",
        &seed.to_string(),
        "-o",
        path.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read(path).unwrap()
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let dir = TempDir::new().unwrap();
    let a = generate(dir.path(), "a.json", 3000, 60, 11);
    let b = generate(dir.path(), "b.json", 3000, 60, 11);
    let c = generate(dir.path(), "c.json", 3000, 60, 12);
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn counts_weights_and_extent() {
    let dir = TempDir::new().unwrap();
    generate(dir.path(), "g.json", 5000, 80, 3);
    let inst =
        impuls::instance::read(&dir.path().join("g.json"), None, &Default::default()).unwrap();
    assert_eq!((inst.demand.len(), inst.sites.len()), (5000, 80));
    assert!(inst
        .demand
        .iter()
        .all(|d| d.weight >= 1.0 && d.weight.fract() == 0.0));
    let inside = |x: f64, y: f64| (0.0..=200.0).contains(&x) && (0.0..=200.0).contains(&y);
    assert!(inst.demand.iter().all(|d| inside(d.x, d.y)));
    assert!(inst.sites.iter().all(|s| inside(s.x, s.y)));
    // clustered: the densest 1 km cell holds 40 times the mean of a uniform spread (0.125)
    let mut cells = std::collections::HashMap::new();
    for d in &inst.demand {
        *cells.entry((d.x as i64, d.y as i64)).or_insert(0) += 1;
    }
    assert!(cells.values().copied().max().unwrap() >= 5);
}

#[test]
fn generated_instance_solves_to_a_verified_optimum() {
    let dir = TempDir::new().unwrap();
    generate(dir.path(), "s.json", 2000, 40, 5);
    let path = dir.path().join("s.json");
    let out = impuls(&[
        "-q",
        "solve",
        path.to_str().unwrap(),
        "--model",
        "mclp",
        "-p",
        "5",
        "--radius",
        "5",
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let result: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(result["status"], "optimal");
    assert_eq!(result["verified"], true);
    assert_eq!(result["objective"], result["bound"]);
}

#[test]
fn bad_counts_are_one_line_errors() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("x.json");
    let out = impuls(&[
        "generate",
        "--demand",
        "0",
        "--sites",
        "5",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("--demand and --sites must be at least 1"),
        "{stderr}"
    );
    assert!(!path.exists());
}
