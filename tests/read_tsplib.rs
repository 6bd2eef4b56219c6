//! TSPLIB reader on the real point sets and on broken inputs.

mod common;
use common::bench_dir;
use impuls::instance::{tsplib, Metric, ReadOptions};
use std::path::PathBuf;

const HEADER: &str = "NAME : tiny\nTYPE : TSP\nDIMENSION : 3\nEDGE_WEIGHT_TYPE : EUC_2D\n";

/// Reads `content` from a temporary file `bad.tsp` and returns the error text.
fn error_of(content: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.tsp");
    std::fs::write(&path, content).unwrap();
    tsplib::read(&path, &ReadOptions::default())
        .unwrap_err()
        .to_string()
}

#[test]
fn fl1400_has_1400_nodes_in_scientific_notation() {
    let Some(dir) = bench_dir() else { return };
    let inst = tsplib::read(&dir.join("tsplib/fl1400.tsp"), &ReadOptions::default()).unwrap();
    inst.validate().unwrap();
    assert_eq!(
        (inst.name.as_str(), inst.demand.len(), inst.sites.len()),
        ("fl1400", 1400, 1400)
    );
    assert_eq!(inst.impedance.metric, Metric::Floor);
    // "1 2.10461e+03 1.96835e+03", "2 2.10461e+03 2.32264e+02", "1400 0.00000e+00 0.00000e+00"
    assert_eq!((inst.demand[0].x, inst.demand[0].y), (2104.61, 1968.35));
    assert_eq!((inst.sites[1].id.as_str(), inst.sites[1].y), ("2", 232.264));
    assert_eq!((inst.demand[1399].x, inst.demand[1399].y), (0.0, 0.0));
    assert_eq!(inst.impedance(0, 1), Some((1968.35f64 - 232.264).floor()));
    assert!(inst.demand.iter().all(|d| d.weight == 1.0));
}

#[test]
fn metric_option_overrides_floor() {
    let Some(dir) = bench_dir() else { return };
    let options = ReadOptions {
        metric: Some(Metric::Euclidean),
        crs: None,
    };
    let inst = tsplib::read(&dir.join("tsplib/fl1400.tsp"), &options).unwrap();
    assert_eq!(inst.impedance(0, 1), Some(1968.35 - 232.264));
}

#[test]
fn every_shipped_tsp_file_reads_with_its_dimension() {
    let Some(dir) = bench_dir() else { return };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("tsplib"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "tsp"))
        .collect();
    files.sort();
    assert!(files.len() >= 5);
    for path in files {
        let inst = tsplib::read(&path, &ReadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
        inst.validate().unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let dim: usize = text
            .lines()
            .find_map(|l| l.strip_prefix("DIMENSION"))
            .and_then(|v| v.trim_start_matches([' ', ':']).trim().parse().ok())
            .unwrap();
        assert_eq!(inst.demand.len(), dim, "{}", path.display());
    }
}

#[test]
fn header_variants_without_spaces_and_without_eof() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plain.tsp");
    let text = "NAME:plain\nCOMMENT: x\nTYPE: TSP\nDIMENSION:2\nEDGE_WEIGHT_TYPE:EUC_2D\n\
                NODE_COORD_SECTION\n1 0 0\n2 3 4\n\n";
    std::fs::write(&path, text).unwrap();
    let inst = tsplib::read(&path, &ReadOptions::default()).unwrap();
    assert_eq!(
        (inst.name.as_str(), inst.impedance(0, 1)),
        ("plain", Some(5.0))
    );
}

#[test]
fn bad_inputs_name_file_line_and_problem() {
    let body = "NODE_COORD_SECTION\n1 0 0\n2 3 4\n3 1 1\nEOF\n";
    let cases = [
        (
            format!("{}{body}", HEADER.replace("EUC_2D", "ATT")),
            "bad.tsp: line 4: EDGE_WEIGHT_TYPE ATT is unsupported (only EUC_2D)",
        ),
        (
            format!("{}{body}", HEADER.replace("EUC_2D", "CEIL_2D")),
            "bad.tsp: line 4: EDGE_WEIGHT_TYPE CEIL_2D is unsupported (only EUC_2D)",
        ),
        (
            format!("{}{body}", HEADER.replace("TYPE : TSP", "TYPE : ATSP")),
            "bad.tsp: line 2: TYPE ATSP is unsupported (only TSP)",
        ),
        (
            format!("{}{body}", HEADER.replace("DIMENSION : 3", "DIMENSION : 4")),
            "bad.tsp: line 8: DIMENSION is 4 (line 3) but 3 nodes follow",
        ),
        (
            format!(
                "{}{body}",
                HEADER.replace("DIMENSION : 3", "DIMENSION : three")
            ),
            "bad.tsp: line 3: DIMENSION 'three' is not an integer",
        ),
        (
            format!("{}{}", HEADER.replace("DIMENSION : 3\n", ""), body),
            "bad.tsp: header: missing DIMENSION",
        ),
        (HEADER.to_string(), "bad.tsp: header: no NODE_COORD_SECTION"),
        (
            format!("{HEADER}{}", body.replace("2 3 4", "2 3,5 4")),
            "bad.tsp: line 7: x '3,5' is not a number",
        ),
        (
            format!("{HEADER}{}", body.replace("3 1 1", "3 1 nan")),
            "bad.tsp: line 8: y NaN is not finite",
        ),
        (
            format!("{HEADER}{}", body.replace("3 1 1", "3 1")),
            "bad.tsp: line 8: expected a node 'id x y' (3 fields), found 3 1",
        ),
        (
            format!("{HEADER}EDGE_WEIGHT_SECTION\n1 2 3\n"),
            "bad.tsp: line 5: EDGE_WEIGHT_SECTION is unsupported (only NODE_COORD_SECTION)",
        ),
    ];
    for (content, expected) in cases {
        let err = error_of(&content);
        assert!(
            err.ends_with(expected),
            "{err:?} should end with {expected:?}"
        );
    }
}
