//! OR-Library readers (pmed, pmedcap) on the real benchmark files and on broken inputs.

mod common;
use common::bench_dir;
use impuls::instance::{orlib, orlib_cap, Metric};
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

/// A temporary file holding `content`, named `name` so errors can be checked for it.
fn temp_file(name: &str, content: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::File::create(&path)
        .unwrap()
        .write_all(content.as_bytes())
        .unwrap();
    (dir, path)
}

fn pmed_error(content: &str) -> String {
    let (_dir, path) = temp_file("broken.txt", content);
    orlib::read(&path).unwrap_err().to_string()
}

fn pmedcap_error(content: &str) -> String {
    let (_dir, path) = temp_file("brokencap.txt", content);
    orlib_cap::read(&path).unwrap_err().to_string()
}

/// Independent Floyd–Warshall on the raw edge lines; `last_wins` picks the duplicate rule.
fn floyd(n: usize, edges: &[(usize, usize, f64)], last_wins: bool) -> Vec<f64> {
    let mut d = vec![f64::INFINITY; n * n];
    for i in 0..n {
        d[i * n + i] = 0.0;
    }
    let mut set: HashMap<(usize, usize), f64> = HashMap::new();
    for &(i, j, c) in edges {
        let key = (i.min(j), i.max(j));
        let c = if last_wins {
            c
        } else {
            set.get(&key).map_or(c, |&old| old.min(c))
        };
        set.insert(key, c);
    }
    for (&(i, j), &c) in &set {
        d[i * n + j] = c;
        d[j * n + i] = c;
    }
    for k in 0..n {
        for i in 0..n {
            for j in 0..n {
                let via = d[i * n + k] + d[k * n + j];
                if via < d[i * n + j] {
                    d[i * n + j] = via;
                }
            }
        }
    }
    d
}

#[test]
fn pmed1_matches_independent_floyd_warshall_with_last_edge_winning() {
    let Some(dir) = bench_dir() else { return };
    let path = dir.join("orlib-pmed/pmed1.txt");
    let (inst, p) = orlib::read_with_p(&path).unwrap();
    inst.validate().unwrap();
    assert_eq!((inst.demand.len(), inst.sites.len(), p), (100, 100, 5));
    assert_eq!(inst.name, "pmed1");
    assert_eq!(
        (inst.demand[0].id.as_str(), inst.sites[99].id.as_str()),
        ("1", "100")
    );
    assert!(inst.demand.iter().all(|d| d.weight == 1.0));

    // The test's own parse of the edge lines.
    let text = std::fs::read_to_string(&path).unwrap();
    let edges: Vec<(usize, usize, f64)> = text
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let t: Vec<usize> = l.split_whitespace().map(|s| s.parse().unwrap()).collect();
            (t[0] - 1, t[1] - 1, t[2] as f64)
        })
        .collect();
    assert_eq!(edges.len(), 200);
    let distinct: std::collections::HashSet<_> = edges
        .iter()
        .map(|&(i, j, _)| (i.min(j), i.max(j)))
        .collect();
    assert_eq!(
        edges.len() - distinct.len(),
        2,
        "pmed1 has 2 duplicate edge lines"
    );

    let last = floyd(100, &edges, true);
    let min = floyd(100, &edges, false);
    assert_ne!(last, min, "the duplicate rule must matter on pmed1");
    let matrix = inst.matrix.as_ref().unwrap();
    assert_eq!((matrix.n_rows(), matrix.n_pairs()), (100, 100 * 100));
    for i in 0..100 {
        for j in 0..100 {
            assert_eq!(
                inst.impedance(i, j),
                Some(last[i * 100 + j]),
                "pair ({i}, {j})"
            );
        }
    }
    // A specific pair whose shortest path uses a duplicated edge's last cost, spelled out.
    let (i, j) = (0..100 * 100)
        .map(|k| (k / 100, k % 100))
        .find(|&(i, j)| last[i * 100 + j] != min[i * 100 + j])
        .unwrap();
    assert_eq!(inst.impedance(i, j).unwrap(), last[i * 100 + j]);
    assert_ne!(inst.impedance(i, j).unwrap(), min[i * 100 + j]);
}

#[test]
fn all_40_pmed_headers_match_optima_csv() {
    let Some(dir) = bench_dir() else { return };
    let optima = std::fs::read_to_string(dir.join("orlib-pmed/optima.csv")).unwrap();
    let mut count = 0;
    for row in optima.lines().skip(1) {
        let f: Vec<&str> = row.split(',').collect();
        let (n, p): (usize, usize) = (f[1].parse().unwrap(), f[2].parse().unwrap());
        let (inst, file_p) = orlib::read_with_p(&dir.join(format!("orlib-pmed/{}.txt", f[0])))
            .unwrap_or_else(|e| panic!("{e}"));
        inst.validate().unwrap();
        assert_eq!((inst.demand.len(), file_p), (n, p), "{}", f[0]);
        assert_eq!(
            inst.matrix.as_ref().unwrap().n_pairs(),
            n * n,
            "{} connected",
            f[0]
        );
        count += 1;
    }
    assert_eq!(count, 40);
}

#[test]
fn pmedcap01_header_and_nodes() {
    let Some(dir) = bench_dir() else { return };
    let path = dir.join("capacitated/orlib-pmedcap/pmedcap01.txt");
    let (inst, p, best) = orlib_cap::read_with_header(&path).unwrap();
    inst.validate().unwrap();
    assert_eq!((inst.demand.len(), p, best), (50, 5, 713.0));
    assert!(inst.sites.iter().all(|s| s.capacity == Some(120.0)));
    assert_eq!(inst.impedance.metric, Metric::Floor);
    // First node line: "1 2 62 3".
    let d = &inst.demand[0];
    assert_eq!(
        (d.id.as_str(), d.x, d.y, d.weight, d.load()),
        ("1", 2.0, 62.0, 1.0, 3.0)
    );
    assert_eq!(inst.total_weight(), 50.0);
    // floor(hypot(80 - 2, 25 - 62)) = floor(86.33) = 86.
    assert_eq!(inst.impedance(0, 1), Some(86.0));
}

#[test]
fn all_20_pmedcap_headers_match_values_csv() {
    let Some(dir) = bench_dir() else { return };
    let values = std::fs::read_to_string(dir.join("capacitated/values.csv")).unwrap();
    let rows: Vec<Vec<&str>> = values
        .lines()
        .filter(|l| l.starts_with("orlib-pmedcap,"))
        .map(|l| l.split(',').collect())
        .collect();
    assert_eq!(rows.len(), 20);
    for f in rows {
        let path = dir.join(format!("capacitated/orlib-pmedcap/{}.txt", f[1]));
        let (inst, p, best) = orlib_cap::read_with_header(&path).unwrap();
        inst.validate().unwrap();
        let expect: (usize, usize, f64, f64) = (
            f[2].parse().unwrap(),
            f[3].parse().unwrap(),
            f[4].parse().unwrap(),
            f[5].parse().unwrap(),
        );
        assert_eq!(
            (inst.demand.len(), p, inst.sites[0].capacity.unwrap(), best),
            expect,
            "{}",
            f[1]
        );
    }
}

#[test]
fn pmed_bad_inputs_name_file_line_and_problem() {
    let cases = [
        ("", "broken.txt: line 1: empty file"),
        (
            "3 2\n1 2 1\n",
            "broken.txt: line 1: expected header 'n m p' (3 integers), found 2 fields",
        ),
        ("3 x 1\n", "broken.txt: line 1: m 'x' is not an integer"),
        (
            "3 2 4\n1 2 1\n2 3 1\n",
            "broken.txt: line 1: p 4 is outside 1..3",
        ),
        (
            "3 3 1\n1 2 1\n2 3 1\n",
            "broken.txt: line 3: expected 3 edge lines after the header, found 2",
        ),
        (
            "3 1 1\n1 2 1\n2 3 1\n",
            "broken.txt: line 3: expected 1 edge lines after the header, found more",
        ),
        (
            "3 2 1\n1 2 1\n\n0 3 1\n",
            "broken.txt: line 4: vertex 0 is outside 1..3",
        ),
        (
            "3 2 1\n1 2 1\n2 3 -4\n",
            "broken.txt: line 3: cost -4 is negative",
        ),
        (
            "3 2 1\n1 2 1.5\n2 3 1\n",
            "broken.txt: line 2: cost '1.5' is not an integer",
        ),
        (
            "3 2 1\n1 2\n2 3 1\n",
            "broken.txt: line 2: expected an edge 'i j c' (3 integers), found 2 fields",
        ),
    ];
    for (content, expected) in cases {
        let err = pmed_error(content);
        assert!(err.contains(expected), "{err:?} vs {expected:?}");
    }
}

#[test]
fn pmed_unreachable_vertices_are_absent_pairs() {
    let (_dir, path) = temp_file("split.txt", "4 2 2\n1 2 3\n3 4 5\n");
    let inst = orlib::read(&path).unwrap();
    assert_eq!(
        (inst.impedance(0, 1), inst.impedance(0, 2)),
        (Some(3.0), None)
    );
}

#[test]
fn pmedcap_bad_inputs_name_file_line_and_problem() {
    let cases = [
        (
            "1\n",
            "brokencap.txt: line 1: expected 'k best' (2 numbers), found 1 fields",
        ),
        ("1 10\n", "brokencap.txt: line 2: missing line 'n p Q'"),
        (
            "1 10\n2 1\n",
            "brokencap.txt: line 2: expected 'n p Q' (3 numbers), found 2 fields",
        ),
        (
            "1 10\n2 1 5\n1 0 0 1\n",
            "brokencap.txt: line 3: expected 2 node lines, found 1",
        ),
        (
            "1 10\n1 1 5\n1 0 0 1\n2 1 1 1\n",
            "brokencap.txt: line 4: expected 1 node lines, found more",
        ),
        (
            "1 10\n1 1 5\n1 0 zero 1\n",
            "brokencap.txt: line 3: y 'zero' is not a number",
        ),
        (
            "1 10\n1 1 5\n1 0 0 -2\n",
            "brokencap.txt: line 3: demand -2 is negative",
        ),
        (
            "1 10\n1 1 5\r\n1 0 0\r\n",
            "brokencap.txt: line 3: expected 'id x y demand' (4 fields), found 3",
        ),
    ];
    for (content, expected) in cases {
        let err = pmedcap_error(content);
        assert!(err.contains(expected), "{err:?} vs {expected:?}");
    }
}

#[test]
fn missing_file_is_an_io_error_naming_the_path() {
    let err = orlib::read("/nonexistent/pmed99.txt".as_ref())
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("/nonexistent/pmed99.txt: "), "{err}");
}
