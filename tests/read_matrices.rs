//! Matrices from routing engines: the OSRM `table` JSON and r5py's travel-time-matrix CSV,
//! beside impuls's `from,to,minutes`. The fixtures under tests/data/matrices/ are written from
//! the documented formats (OSRM HTTP API "Table service"; r5py `TravelTimeMatrix` saved with
//! pandas `to_csv()`) for the WGS84 demo instance and the small catalogue. Every optimum the
//! binary reports is recomputed here from the fixture's own numbers.

use impuls::distance::{DistanceMatrix, Endpoint, MatrixFormat, MatrixOptions};
use impuls::instance::catalogue::{self, CatalogueOptions};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tempfile::TempDir;

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn data(name: &str) -> PathBuf {
    manifest_dir().join("tests/data/matrices").join(name)
}

const DEMO: &str = "instances/demo/demo.geojson";

fn impuls(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_impuls"))
        .args(args)
        .current_dir(manifest_dir())
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("the impuls binary runs")
}

/// The one stderr line of a failed run.
#[track_caller]
fn error_line(out: &Output) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        !out.status.success(),
        "expected a failure, stderr: {stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "one line expected: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr.trim_end().to_string()
}

/// `impuls solve DEMO --model pmedian -p 2 --json EXTRA…`, parsed.
#[track_caller]
fn solve_demo(extra: &[&str]) -> Value {
    let mut args = vec!["solve", DEMO, "--model", "pmedian", "-p", "2", "--json"];
    args.extend_from_slice(extra);
    let out = impuls(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

/// The demo's demand weights and site ids in file order, and the index of its required site.
fn demo_instance() -> (Vec<(String, f64)>, Vec<String>, usize) {
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(manifest_dir().join(DEMO)).unwrap()).unwrap();
    let (mut demand, mut sites, mut required) = (Vec::new(), Vec::new(), 0);
    for f in v["features"].as_array().unwrap() {
        let p = &f["properties"];
        let id = p["id"].as_str().unwrap().to_string();
        if p["role"] == "site" {
            if p["required"] == true {
                required = sites.len();
            }
            sites.push(id);
        } else {
            demand.push((id, p["weight"].as_f64().unwrap()));
        }
    }
    (demand, sites, required)
}

/// The p = 2 median optimum by enumeration: the required site and one other, each demand point
/// at its nearest reachable open site (`None` = unreachable).
fn brute_force_p2(weights: &[f64], minutes: &[Vec<Option<f64>>], required: usize) -> f64 {
    (0..minutes[0].len())
        .filter(|&j| j != required)
        .filter_map(|j| {
            weights
                .iter()
                .zip(minutes)
                .map(|(w, row)| {
                    let best = [row[required], row[j]].into_iter().flatten();
                    best.min_by(f64::total_cmp).map(|d| w * d)
                })
                .sum::<Option<f64>>()
        })
        .min_by(f64::total_cmp)
        .expect("a feasible pair")
}

#[track_caller]
fn assert_close(a: f64, b: f64) {
    assert!((a - b).abs() <= 1e-9 * a.abs().max(1.0), "{a} ≠ {b}");
}

#[test]
fn osrm_table_solves_the_demo_in_minutes() {
    let (demand, _, required) = demo_instance();
    let table: Value =
        serde_json::from_str(&std::fs::read_to_string(data("demo-osrm.json")).unwrap()).unwrap();
    let minutes: Vec<Vec<Option<f64>>> = table["durations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let seconds = r.as_array().unwrap().iter();
            seconds.map(|s| s.as_f64().map(|s| s / 60.0)).collect()
        })
        .collect();
    assert!(
        minutes.iter().flatten().any(Option::is_none),
        "fixture has nulls"
    );
    let weights: Vec<f64> = demand.iter().map(|d| d.1).collect();
    let v = solve_demo(&["--matrix", data("demo-osrm.json").to_str().unwrap()]);
    assert_eq!(
        (v["status"].as_str(), v["verified"].as_bool()),
        (Some("optimal"), Some(true))
    );
    assert_close(
        v["objective"].as_f64().unwrap(),
        brute_force_p2(&weights, &minutes, required),
    );
    // distances: metres read as km
    let km: Vec<Vec<Option<f64>>> = table["distances"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r.as_array()
                .unwrap()
                .iter()
                .map(|m| m.as_f64().map(|m| m / 1000.0))
                .collect()
        })
        .collect();
    let path = data("demo-osrm.json");
    let v = solve_demo(&[
        "--matrix",
        path.to_str().unwrap(),
        "--matrix-field",
        "distance",
    ]);
    assert_close(
        v["objective"].as_f64().unwrap(),
        brute_force_p2(&weights, &km, required),
    );
}

#[test]
fn r5py_matrix_solves_the_demo_and_empty_is_unreachable() {
    let (demand, sites, required) = demo_instance();
    let weights: Vec<f64> = demand.iter().map(|d| d.1).collect();
    for (file, column, extra) in [
        ("demo-r5py.csv", "travel_time", None),
        (
            "demo-r5py-percentiles.csv",
            "travel_time_p75",
            Some("travel_time_p75"),
        ),
    ] {
        let mut minutes = vec![vec![None; sites.len()]; demand.len()];
        let mut reader = csv::Reader::from_path(data(file)).unwrap();
        let headers = reader.headers().unwrap().clone();
        let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
        let (cf, ct, cv) = (col("from_id"), col("to_id"), col(column));
        let mut unreachable = 0;
        for rec in reader.records() {
            let rec = rec.unwrap();
            let i = demand.iter().position(|d| d.0 == rec[cf]).unwrap();
            let j = sites.iter().position(|s| s == &rec[ct]).unwrap();
            minutes[i][j] = rec[cv].parse::<f64>().ok();
            unreachable += usize::from(rec[cv].is_empty());
        }
        assert!(unreachable > 0, "{file} has unreachable pairs");
        let path = data(file);
        let mut args = vec!["--matrix", path.to_str().unwrap()];
        if let Some(f) = extra {
            args.extend(["--matrix-field", f]);
        }
        let v = solve_demo(&args);
        assert_close(
            v["objective"].as_f64().unwrap(),
            brute_force_p2(&weights, &minutes, required),
        );
    }
    let path = data("demo-r5py-percentiles.csv");
    let line = error_line(&impuls(&["info", DEMO, "--matrix", path.to_str().unwrap()]));
    assert!(
        line.contains("demo-r5py-percentiles.csv: row 1: several percentile columns")
            && line.contains("--matrix-field"),
        "{line}"
    );
}

#[test]
fn osrm_rows_in_another_order_are_refused_naming_the_row() {
    let text = std::fs::read_to_string(data("demo-osrm.json")).unwrap();
    let mut table: Value = serde_json::from_str(&text).unwrap();
    for key in ["durations", "distances", "sources"] {
        table[key].as_array_mut().unwrap().swap(0, 1);
    }
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("swapped.json");
    std::fs::write(&path, table.to_string()).unwrap();
    let p = path.to_str().unwrap();
    let line = error_line(&impuls(&["info", DEMO, "--matrix", p]));
    assert!(
        line.contains(&format!("{p}: sources[0]: snapped to (11.056, 51.8967)"))
            && line.contains("km from demand point 'wernigerode' (10.785, 51.835)"),
        "{line}"
    );
    // a looser tolerance accepts it (Halberstadt–Wernigerode is about 20 km)
    let out = impuls(&["info", DEMO, "--matrix", p, "--matrix-snap-km", "25"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn osrm_table_of_another_size_names_both_layouts() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("small.json");
    std::fs::write(&path, r#"{"code":"Ok","durations":[[1,2],[3,4]]}"#).unwrap();
    let line = error_line(&impuls(&["info", DEMO, "--matrix", path.to_str().unwrap()]));
    assert!(
        line.ends_with(
            "durations: 2 × 2 table; expected 14 × 6 (sources = the 14 demand points, \
             destinations = the 6 sites, in instance order) or 20 × 20 (demand points then \
             sites, one list)"
        ),
        "{line}"
    );
}

#[test]
fn pareto_reads_an_osrm_table_like_the_same_minutes_as_csv() {
    let table: Value =
        serde_json::from_str(&std::fs::read_to_string(data("small_catalogue-osrm.json")).unwrap())
            .unwrap();
    // sources = the main region's places, destinations = towns then the external centre
    let (places, towns) = (["1", "2", "3", "4", "5"], ["alpha", "beta", "gamma", "ext"]);
    let mut csv = String::from("from,to,minutes\n");
    for (i, row) in table["durations"].as_array().unwrap().iter().enumerate() {
        for (j, s) in row.as_array().unwrap().iter().enumerate() {
            let minutes = s.as_f64().unwrap() / 60.0;
            csv += &format!("{},{},{minutes}\n", places[i], towns[j]);
        }
    }
    let dir = TempDir::new().unwrap();
    let csv_path = dir.path().join("same.csv");
    std::fs::write(&csv_path, csv).unwrap();
    let catalogue = manifest_dir().join("tests/data/small_catalogue");
    let read = |m: &Path| {
        let options = CatalogueOptions {
            matrix: Some(m.to_path_buf()),
            ..CatalogueOptions::default()
        };
        catalogue::read(&catalogue, &options).unwrap()
    };
    let (osrm, long) = (read(&data("small_catalogue-osrm.json")), read(&csv_path));
    assert_eq!(osrm.minutes, long.minutes);
    assert_eq!(osrm.external_minutes, long.external_minutes);
    assert_eq!(osrm.minutes[0][1], 17, "100.1 s = 1.7 min = 17 deciminutes");
    let mut fronts = Vec::new();
    for (name, m) in [
        ("osrm", data("small_catalogue-osrm.json")),
        ("csv", csv_path),
    ] {
        let out_dir = dir.path().join(name);
        let args = [
            "pareto",
            catalogue.to_str().unwrap(),
            "--matrix",
            m.to_str().unwrap(),
            "-o",
            out_dir.to_str().unwrap(),
        ];
        let out = impuls(&args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        fronts.push(std::fs::read_to_string(out_dir.join("pareto.csv")).unwrap());
    }
    assert!(fronts[0].lines().count() > 2);
    assert_eq!(fronts[0], fronts[1]);
}

// ---------------------------------------------------------------------------------------------
// The readers through the library

fn endpoints<'a>(ids: &[&'a str], lon_lat: Option<(f64, f64)>) -> Vec<Endpoint<'a>> {
    ids.iter().map(|&id| Endpoint { id, lon_lat }).collect()
}

/// Reads `text` as a matrix file named `name` for demand `a`, `b` and sites `s`, `t`.
fn read(name: &str, text: &str, options: &MatrixOptions) -> Result<DistanceMatrix, String> {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    let (demand, sites) = (endpoints(&["a", "b"], None), endpoints(&["s", "t"], None));
    DistanceMatrix::read(&path, &demand, &sites, options).map_err(|e| {
        let line = e.to_string();
        line.strip_prefix(&format!("{}: ", path.display()))
            .unwrap_or_else(|| panic!("the error names the file: {line}"))
            .to_string()
    })
}

fn rows(m: &DistanceMatrix) -> Vec<Vec<Option<f64>>> {
    (0..2)
        .map(|i| (0..2).map(|j| m.get(i, j)).collect())
        .collect()
}

#[test]
fn osrm_one_list_uses_the_demand_to_site_block() {
    // one list a, b, s, t: rows 0–1 are a and b, columns 2–3 are s and t
    let text = r#"{"code": "Ok", "durations": [
        [0, 60, 120, 180], [60, 0, null, 30], [120, 240, 0, 60], [180, 30, 60, 0]]}"#;
    let m = read("one-list.json", text, &MatrixOptions::default()).unwrap();
    assert_eq!(rows(&m), [[Some(2.0), Some(3.0)], [None, Some(0.5)]]);
}

#[test]
fn osrm_refusals_are_one_line_and_name_the_place() {
    let options = MatrixOptions::default();
    let cases = [
        (
            r#"{"code": "NoTable", "message": "No route found"}"#,
            "code: the routing engine answered 'NoTable' (No route found)",
        ),
        (
            r#"{"code": "Ok", "distances": [[1, 2], [3, 4]]}"#,
            "durations: no 'durations' in the response (request annotations=duration)",
        ),
        (
            r#"{"code": "Ok", "durations": [[1, 2], [3]]}"#,
            "durations[1]: has 1 values, durations[0] has 2",
        ),
        (
            r#"{"code": "Ok", "durations": [[1, 2], [3, -4]]}"#,
            "durations[1][1]: value -4 is not a finite number ≥ 0",
        ),
        (
            r#"{"code": "Ok", "durations": [[1, 2], [3, 4]], "sources": [{"location": [10, 51]}]}"#,
            "sources: 1 waypoints for 2 durations entries",
        ),
        (
            r#"{"code": "Ok", "durations": [[1, 2], [3, 4]], "destinations": [{"location": [10]}, {"location": [10, 51]}]}"#,
            "destinations[0].location: location has 1 numbers, expected [longitude, latitude]",
        ),
        (
            "{\"code\": \"Ok\",\n \"durations\": [[1, 2], [3, \"x\"]]}",
            "line 2, column 30: invalid type: string \"x\", expected f64",
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(read("t.json", text, &options).unwrap_err(), expected);
    }
    let distance = MatrixOptions {
        field: Some("distance".into()),
        ..options.clone()
    };
    let m = read(
        "t.json",
        r#"{"distances": [[1500, null], [0, 2]]}"#,
        &distance,
    )
    .unwrap();
    assert_eq!(rows(&m), [[Some(1.5), None], [Some(0.0), Some(0.002)]]);
}

#[test]
fn r5py_missing_values_are_unreachable_but_impuls_csv_stays_strict() {
    let text = "from_id,to_id,travel_time\na,s,5\na,t,NaN\nb,s,\nb,t,<NA>\n";
    let m = read("ttm.csv", text, &MatrixOptions::default()).unwrap();
    assert_eq!(rows(&m), [[Some(5.0), None], [None, None]]);
    // a later missing value makes a listed pair unreachable again
    let m = read(
        "ttm.csv",
        "from_id,to_id,travel_time\na,s,5\na,s,nan\n",
        &MatrixOptions::default(),
    );
    assert_eq!(m.unwrap().get(0, 0), None);
    let err = read(
        "m.csv",
        "from,to,minutes\na,s,\n",
        &MatrixOptions::default(),
    )
    .unwrap_err();
    assert_eq!(
        err,
        "row 2: minutes is empty (leave out the row of an unreachable pair)"
    );
    let err = read(
        "m.csv",
        "from,to,minutes\na,s,NaN\n",
        &MatrixOptions::default(),
    )
    .unwrap_err();
    assert_eq!(err, "row 2: minutes NaN must be finite and ≥ 0");
    let csv = MatrixOptions {
        format: Some(MatrixFormat::Csv),
        ..MatrixOptions::default()
    };
    let err = read("ttm.csv", text, &csv).unwrap_err();
    assert_eq!(err, "row 1: expected columns from,to,minutes");
    let field = MatrixOptions {
        field: Some("p90".into()),
        ..MatrixOptions::default()
    };
    let err = read("ttm.csv", text, &field).unwrap_err();
    assert_eq!(
        err,
        "row 1: no column 'p90' (--matrix-field); columns: from_id,to_id,travel_time"
    );
}
