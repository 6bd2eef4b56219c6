//! Mutation fuzzing of every reader (tests/fuzz/): native JSON, CSV pair, GeoJSON, OR-Library
//! pmed and pmedcap, TSPLIB, SJC, the three matrix formats and the catalogue directories of
//! `impuls pareto`. Requirements: no panic, no input slower than the budget, no absurd
//! allocation, every refusal one line naming the file.
//!
//! `make test` runs a short deterministic smoke run; `make fuzz` runs the full campaign
//! (`FUZZ_MUTANTS` per reader, default 10 000, i.e. 110 000 mutants; `FUZZ_SEED`).

mod common;
mod fuzz;

#[global_allocator]
static ALLOCATOR: fuzz::Counting = fuzz::Counting;

fn campaign(mutants: usize, seed: u64) {
    let bench = common::bench_dir();
    let work = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz");
    let _ = std::fs::remove_dir_all(&work);
    let mut all_failures = Vec::new();
    eprintln!(
        "{:<14} {:>8} {:>9} {:>8} {:>8}  failures",
        "reader", "mutants", "accepted", "refused", "seconds"
    );
    for target in fuzz::targets::all(bench.as_deref()) {
        let (tally, failures) = fuzz::run(&target, mutants, seed, &work);
        eprintln!(
            "{:<14} {:>8} {:>9} {:>8} {:>8.1}  {:?}",
            target.name,
            tally.mutants,
            tally.accepted,
            tally.refused,
            tally.seconds,
            tally.failures
        );
        let listing: String = tally.messages.values().map(|m| format!("{m}\n")).collect();
        std::fs::write(work.join(format!("messages-{}.txt", target.name)), listing).unwrap();
        all_failures.extend(failures);
    }
    for f in all_failures.iter().take(60) {
        eprintln!(
            "{:?} {} #{} [{}]: {} (input: {})",
            f.class,
            f.target,
            f.mutant,
            f.operations.join("+"),
            f.detail,
            f.saved.display()
        );
    }
    assert!(
        all_failures.is_empty(),
        "{} failing mutants",
        all_failures.len()
    );
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The full campaign (`make fuzz`).
#[test]
#[ignore = "long: run with make fuzz"]
fn fuzz_every_reader() {
    campaign(
        env_number("FUZZ_MUTANTS", 10_000) as usize,
        env_number("FUZZ_SEED", 1),
    );
}

/// A short run on every reader, part of `make test`.
#[test]
fn fuzz_smoke() {
    campaign(150, 7);
}

// ---------------------------------------------------------------------------------------------
// Regression seeds: inputs the fuzzer (or its review of refusals) found, reduced by hand. Each
// asserts the exact one-line refusal and, for header claims, that nothing large was allocated.

use impuls::instance::{geojson, native, orlib, orlib_cap, sjc, tsplib, ReadOptions};
use std::path::Path;

/// The refusal of `parse`, which must allocate under 1 MB on these few-byte inputs.
#[track_caller]
fn refusal<T>(parse: impl FnOnce() -> impuls::Result<T>) -> String {
    let (result, peak) = fuzz::peak_allocation(parse);
    assert!(peak < 1 << 20, "{peak} bytes in one allocation");
    let line = result.err().expect("refused").to_string();
    assert!(!line.contains('\n'), "{line}");
    line
}

#[test]
fn sjc_header_claiming_i64_max_points() {
    // was: `capacity overflow` panic in Vec::with_capacity(n)
    let text = "9223372036854775807 9999 p S\n0 0 5\n";
    assert_eq!(
        refusal(|| sjc::parse(text, Path::new("SJC.txt"))),
        "SJC.txt: line 2: the header announces 9223372036854775807 points, found 1"
    );
}

#[test]
fn pmed_header_claiming_more_edges_than_the_file_has() {
    // was: abort, `memory allocation of 54975581388816 bytes failed` (HashMap::with_capacity(m))
    let text = "3 3435973836800 1\n1 2 5\n2 3 4\n";
    assert_eq!(
        refusal(|| orlib::parse_with_p(text, Path::new("pmed.txt"))),
        "pmed.txt: line 3: expected 3435973836800 edge lines after the header, found 2"
    );
}

#[test]
fn pmed_header_claiming_a_billion_vertices() {
    // would have built a 10⁹ × 10⁹ shortest-path table for two edges
    let text = "1000000000 2 1\n1 2 5\n2 3 4\n";
    assert_eq!(
        refusal(|| orlib::parse_with_p(text, Path::new("pmed.txt"))),
        "pmed.txt: line 1: n 1000000000 exceeds twice the 2 edges: some vertices would have no edge"
    );
}

#[test]
fn tsplib_and_pmedcap_headers_claiming_a_billion_nodes() {
    // were: 10⁹ demand points and sites reserved (160 GB) before the count was checked
    let tsp = "NAME: t\nTYPE: TSP\nDIMENSION: 1000000000\nEDGE_WEIGHT_TYPE: EUC_2D\n\
               NODE_COORD_SECTION\n1 0 0\n2 3 4\nEOF\n";
    let options = ReadOptions::default();
    assert_eq!(
        refusal(|| tsplib::parse(tsp, Path::new("t.tsp"), &options)),
        "t.tsp: line 7: DIMENSION is 1000000000 (line 3) but 2 nodes follow"
    );
    let cap = "1 7\n1000000000 1 10\n1 0 0 4\n";
    assert_eq!(
        refusal(|| orlib_cap::parse_with_header(cap, Path::new("cap.txt"))),
        "cap.txt: line 3: expected 1000000000 node lines, found 1"
    );
}

#[test]
fn json_keys_and_codes_with_escaped_newlines_stay_on_one_line() {
    // serde quotes the unknown key as decoded: the message had a real line break
    let json = r#"{"demand": [], "sites": [], "na\nme": 1}"#;
    assert_eq!(
        refusal(|| native::parse(json, Path::new("i.json"))),
        "i.json: line 1, column 36: unknown field `na\\nme`, expected one of `name`, `crs`, \
         `impedance`, `demand`, `sites`"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.json");
    std::fs::write(&path, r#"{"code": "No\r\nTable", "message": "x\ny"}"#).unwrap();
    let point = [impuls::distance::Endpoint {
        id: "a",
        lon_lat: None,
    }];
    let options = impuls::distance::MatrixOptions::default();
    let line = refusal(|| impuls::distance::DistanceMatrix::read(&path, &point, &point, &options));
    assert!(
        line.ends_with("t.json: code: the routing engine answered 'No\\r\\nTable' (x\\ny)"),
        "{line}"
    );
}

#[test]
fn huge_numbers_and_long_tokens_are_shortened_in_messages() {
    let text = r#"{"type": "FeatureCollection", "features": [
      {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1e300, 51]}, "properties": {}}]}"#;
    assert_eq!(
        refusal(|| geojson::parse(text, Path::new("g.geojson"), &ReadOptions::default())),
        "g.geojson: feature 1: longitude 1e300 is outside ±180"
    );
    let long = format!("id,x,y,weight\na,0,0,{}\n", "A".repeat(20_000));
    let line = refusal(|| {
        impuls::instance::csv_pair::parse_demand(
            &long,
            Path::new("d.csv"),
            impuls::instance::Crs::Planar,
        )
    });
    assert_eq!(
        line,
        format!("d.csv: row 2: weight '{}…' is not a number", "A".repeat(40))
    );
}
