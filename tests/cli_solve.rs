//! End-to-end runs of the binary: `solve` on the demo instance with all four models and every
//! output option, `info`, `bench orlib`, and thread-count independence. Every objective the
//! binary reports is recomputed here from its own JSON and from the instance file.
//!
//! The OR-Library tests read `$IMPULS_BENCH_DIR/orlib-pmed` (default `../shared/benchmarks`
//! next to the crate); without it they are skipped, unless the `CI` variable is set, where a
//! missing benchmark directory is a failure.

use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

const DEMO: &str = "instances/demo/demo.json";
const DEMO_DEMAND: &str = "instances/demo/demand.csv";
const DEMO_SITES: &str = "instances/demo/sites.csv";

/// Runs `impuls ARGS` from the crate directory.
fn impuls<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    Command::new(env!("CARGO_BIN_EXE_impuls"))
        .args(args)
        .current_dir(manifest_dir())
        .output()
        .expect("the impuls binary runs")
}

/// Asserts exit 0 and returns stdout.
#[track_caller]
fn success(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

/// `impuls solve ARGS --json`, checked for success, parsed.
#[track_caller]
fn solve_json(args: &[&str]) -> Value {
    let mut all = vec!["solve"];
    all.extend_from_slice(args);
    all.push("--json");
    let stdout = success(&impuls(&all));
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{stdout}"))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// The demo instance as the test reads it: id → (x, y, weight) for demand, id → (x, y) for
/// sites (planar, Euclidean).
struct Demo {
    demand: HashMap<String, (f64, f64, f64)>,
    sites: HashMap<String, (f64, f64)>,
    required: Vec<String>,
}

impl Demo {
    fn load() -> Self {
        let text = std::fs::read_to_string(manifest_dir().join(DEMO)).unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["crs"], "planar");
        assert_eq!(v["impedance"]["metric"], "euclidean");
        let num = |p: &Value, k: &str| p[k].as_f64().unwrap();
        let demand = v["demand"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                let w = d.get("weight").map_or(1.0, |w| w.as_f64().unwrap());
                (
                    d["id"].as_str().unwrap().to_string(),
                    (num(d, "x"), num(d, "y"), w),
                )
            })
            .collect();
        let list = v["sites"].as_array().unwrap();
        let sites = list
            .iter()
            .map(|s| {
                (
                    s["id"].as_str().unwrap().to_string(),
                    (num(s, "x"), num(s, "y")),
                )
            })
            .collect();
        let required = list
            .iter()
            .filter(|s| s["required"].as_bool() == Some(true))
            .map(|s| s["id"].as_str().unwrap().to_string())
            .collect();
        Demo {
            demand,
            sites,
            required,
        }
    }

    fn distance(&self, demand: &str, site: &str) -> f64 {
        let (x0, y0, _) = self.demand[demand];
        let (x1, y1) = self.sites[site];
        (x0 - x1).hypot(y0 - y1)
    }

    fn total_weight(&self) -> f64 {
        self.demand.values().map(|d| d.2).sum()
    }
}

/// Checks the parts every result shares: the keys, `optimal`, `verified`, a closed gap, open
/// sites that exist and include the required ones, and one assignment per demand point whose
/// site is open and whose impedance is the Euclidean distance. Returns the open site ids.
#[track_caller]
fn check_result(v: &Value, model: &str, demo: &Demo) -> HashSet<String> {
    for key in [
        "model",
        "status",
        "objective",
        "bound",
        "gap",
        "seconds",
        "open",
        "assignments",
        "verified",
    ] {
        assert!(v.get(key).is_some(), "result has no key '{key}': {v}");
    }
    assert_eq!(v["model"], model);
    assert_eq!(v["status"], "optimal");
    assert_eq!(v["verified"], true);
    assert_eq!(v["gap"].as_f64(), Some(0.0));
    let objective = v["objective"].as_f64().unwrap();
    let bound = v["bound"].as_f64().unwrap();
    assert!(
        close(objective, bound),
        "objective {objective}, bound {bound}"
    );
    assert!(v["seconds"].as_f64().unwrap() >= 0.0);
    let open: HashSet<String> = v["open"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect();
    assert!(open.iter().all(|s| demo.sites.contains_key(s)), "{open:?}");
    assert!(demo.required.iter().all(|r| open.contains(r)), "{open:?}");
    let assignments = v["assignments"].as_array().unwrap();
    assert_eq!(assignments.len(), demo.demand.len());
    for a in assignments {
        let d = a["demand"].as_str().unwrap();
        assert_eq!(a["weight"].as_f64(), Some(demo.demand[d].2), "{a}");
        if let Some(site) = a["site"].as_str() {
            assert!(open.contains(site), "{d} assigned to closed site {site}");
            let imp = a["impedance"].as_f64().unwrap();
            assert!(close(imp, demo.distance(d, site)), "{a}");
        } else {
            assert!(a["impedance"].is_null(), "{a}");
        }
    }
    open
}

/// (weight, impedance) of every assignment; impedance `None` when unassigned.
fn assignments(v: &Value) -> Vec<(f64, Option<f64>)> {
    v["assignments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["weight"].as_f64().unwrap(), a["impedance"].as_f64()))
        .collect()
}

/// The `max` of `impuls info`'s "nearest site" line: the smallest radius covering everyone.
fn info_nearest_max(stdout: &str) -> f64 {
    let line = stdout
        .lines()
        .find(|l| l.starts_with("nearest site"))
        .unwrap_or_else(|| panic!("no 'nearest site' line:\n{stdout}"));
    let after = line.split("max ").nth(1).expect("a max value");
    after
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap_or_else(|e| panic!("max in {line:?}: {e}"))
}

#[test]
fn pmedian_json_objective_is_weight_times_impedance() {
    let demo = Demo::load();
    let v = solve_json(&[DEMO, "--model", "pmedian", "-p", "3"]);
    let open = check_result(&v, "pmedian", &demo);
    assert_eq!(open.len(), 3);
    assert_eq!(v["p"].as_u64(), Some(3));
    let rows = assignments(&v);
    assert!(rows.iter().all(|r| r.1.is_some()), "every point is served");
    let recomputed: f64 = rows.iter().map(|(w, d)| w * d.unwrap()).sum();
    let objective = v["objective"].as_f64().unwrap();
    assert!(
        close(objective, recomputed),
        "objective {objective}, Σ weight × impedance = {recomputed}"
    );
    // uncapacitated: every point goes to its nearest open site
    for a in v["assignments"].as_array().unwrap() {
        let d = a["demand"].as_str().unwrap();
        let nearest = open
            .iter()
            .map(|s| demo.distance(d, s))
            .fold(f64::INFINITY, f64::min);
        assert!(close(a["impedance"].as_f64().unwrap(), nearest), "{a}");
    }
}

#[test]
fn csv_pair_gives_the_same_optimum() {
    let native = solve_json(&[DEMO, "--model", "pmedian", "-p", "3"]);
    let pair = solve_json(&[
        "--demand",
        DEMO_DEMAND,
        "--sites",
        DEMO_SITES,
        "--model",
        "pmedian",
        "-p",
        "3",
    ]);
    assert_eq!(pair["status"], "optimal");
    let (a, b) = (
        native["objective"].as_f64().unwrap(),
        pair["objective"].as_f64().unwrap(),
    );
    assert!(close(a, b), "native {a}, csv pair {b}");
    check_result(&pair, "pmedian", &Demo::load());
}

#[test]
fn output_files_exist_and_parse() {
    let dir = tempfile::tempdir().unwrap();
    // a directory that does not exist yet: the writers create it
    let sub = dir.path().join("results");
    let (json, csv, geojson) = (
        sub.join("result.json"),
        sub.join("assignments.csv"),
        sub.join("solution.geojson"),
    );
    let out = impuls([
        OsStr::new("solve"),
        OsStr::new(DEMO),
        OsStr::new("--model"),
        OsStr::new("pmedian"),
        OsStr::new("-p"),
        OsStr::new("3"),
        OsStr::new("--json"),
        OsStr::new("--out"),
        json.as_os_str(),
        OsStr::new("--csv"),
        csv.as_os_str(),
        OsStr::new("--geojson"),
        geojson.as_os_str(),
    ]);
    let stdout = success(&out);
    let demo = Demo::load();

    // --out: the same object as --json printed
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let printed: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(written, printed);
    let open = check_result(&written, "pmedian", &demo);

    // --csv: header, one row per demand point, consistent with the JSON
    let mut reader = csv::Reader::from_path(&csv).unwrap();
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header,
        [
            "demand_id",
            "demand_name",
            "site_id",
            "site_name",
            "impedance",
            "weight"
        ]
    );
    let mut sum = 0.0;
    let mut ids = HashSet::new();
    for rec in reader.records() {
        let rec = rec.unwrap();
        assert_eq!(rec.len(), 6);
        assert!(ids.insert(rec[0].to_string()), "demand {} twice", &rec[0]);
        assert!(open.contains(&rec[2]), "{rec:?}");
        let imp: f64 = rec[4].parse().unwrap();
        let w: f64 = rec[5].parse().unwrap();
        assert!(close(imp, demo.distance(&rec[0], &rec[2])), "{rec:?}");
        sum += w * imp;
    }
    assert_eq!(ids.len(), demo.demand.len());
    assert!(close(sum, written["objective"].as_f64().unwrap()));

    // --geojson: a FeatureCollection with every site (open flags as in the JSON) and demand
    let g: Value = serde_json::from_str(&std::fs::read_to_string(&geojson).unwrap()).unwrap();
    assert_eq!(g["type"], "FeatureCollection");
    let features = g["features"].as_array().unwrap();
    let role = |r: &str| {
        features
            .iter()
            .filter(move |f| f["properties"]["role"] == r)
            .collect::<Vec<_>>()
    };
    let sites = role("site");
    assert_eq!(sites.len(), demo.sites.len());
    let open_in_geojson: HashSet<String> = sites
        .iter()
        .filter(|f| f["properties"]["open"] == true)
        .map(|f| f["properties"]["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(open_in_geojson, open);
    assert_eq!(role("demand").len(), demo.demand.len());
    for f in features {
        assert_eq!(f["type"], "Feature");
        assert!(f["geometry"]["coordinates"].is_array(), "{f}");
    }
}

#[test]
fn info_prints_counts() {
    let demo = Demo::load();
    let stdout = success(&impuls(["info", DEMO]));
    let field = |name: &str| -> String {
        stdout
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("no '{name}' line:\n{stdout}"))[name.len()..]
            .trim()
            .to_string()
    };
    assert_eq!(field("demand points"), demo.demand.len().to_string());
    // spelt as --crs and --distance take them
    assert_eq!(field("crs"), "planar");
    assert!(field("impedance").starts_with("euclidean × detour"));
    assert_eq!(
        field("sites"),
        format!("{} ({} required)", demo.sites.len(), demo.required.len())
    );
    assert_eq!(field("total weight"), format!("{}", demo.total_weight()));
    // the max nearest-site distance is what the test computes itself
    let max = demo
        .demand
        .keys()
        .map(|d| {
            demo.sites
                .keys()
                .map(|s| demo.distance(d, s))
                .fold(f64::INFINITY, f64::min)
        })
        .fold(0.0, f64::max);
    assert!((info_nearest_max(&stdout) - max).abs() < 1e-3, "{max}");
    // the CSV pair describes the same instance
    let pair = success(&impuls([
        "info",
        "--demand",
        DEMO_DEMAND,
        "--sites",
        DEMO_SITES,
    ]));
    for name in ["demand points", "total weight", "sites", "nearest site"] {
        let line = |s: &str| s.lines().find(|l| l.starts_with(name)).map(str::to_string);
        assert_eq!(line(&stdout), line(&pair), "{name}");
    }
}

#[test]
fn all_four_models_on_the_demo() {
    let demo = Demo::load();
    let info = success(&impuls(["info", DEMO]));
    let cover_all = info_nearest_max(&info);
    assert!(cover_all > 0.0);
    // LSCP: the radius info names covers everyone (rounded up to be safe from the 3 decimals)
    let r_lscp = (cover_all * 1000.0).ceil() / 1000.0;
    let r_mclp = cover_all / 2.0;

    // p-median: Σ weight × impedance
    let v = solve_json(&[DEMO, "--model", "pmedian", "-p", "3"]);
    check_result(&v, "pmedian", &demo);
    let pmedian: f64 = assignments(&v).iter().map(|(w, d)| w * d.unwrap()).sum();
    assert!(close(v["objective"].as_f64().unwrap(), pmedian));

    // p-center: the largest impedance
    let v = solve_json(&[DEMO, "--model", "pcenter", "-p", "3"]);
    let open = check_result(&v, "pcenter", &demo);
    assert_eq!(open.len(), 3);
    let worst = assignments(&v)
        .iter()
        .map(|(_, d)| d.expect("every point is assigned"))
        .fold(0.0, f64::max);
    assert!(close(v["objective"].as_f64().unwrap(), worst));
    assert!(worst >= cover_all - 1e-3, "3 sites cannot beat all 8");

    // MCLP: the weight within the radius of an open site
    let radius = r_mclp.to_string();
    let v = solve_json(&[DEMO, "--model", "mclp", "-p", "2", "--radius", &radius]);
    let open = check_result(&v, "mclp", &demo);
    assert_eq!(open.len(), 2);
    let rows = assignments(&v);
    assert!(rows.iter().flat_map(|r| r.1).all(|d| d <= r_mclp + 1e-9));
    let covered: f64 = rows.iter().filter(|r| r.1.is_some()).map(|r| r.0).sum();
    let objective = v["objective"].as_f64().unwrap();
    assert!(close(objective, covered), "{objective} vs {covered}");
    assert!(objective > 0.0 && objective <= demo.total_weight());
    // and no point within the radius of an open site is left out
    for a in v["assignments"].as_array().unwrap() {
        let d = a["demand"].as_str().unwrap();
        let reachable = open.iter().any(|s| demo.distance(d, s) <= r_mclp);
        assert_eq!(a["site"].is_string(), reachable, "{a}");
    }

    // LSCP: the number of open sites, everyone covered
    let radius = r_lscp.to_string();
    let v = solve_json(&[DEMO, "--model", "lscp", "--radius", &radius]);
    let open = check_result(&v, "lscp", &demo);
    assert_eq!(v["objective"].as_f64(), Some(open.len() as f64));
    assert!(assignments(&v)
        .iter()
        .all(|r| r.1.is_some_and(|d| d <= r_lscp + 1e-9)));

    // LSCP just below that radius is infeasible and says which radius would do
    let below = (cover_all * 0.99).to_string();
    let out = impuls(["solve", DEMO, "--model", "lscp", "--radius", &below]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let need: f64 = stderr
        .trim()
        .rsplit(' ')
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no radius at the end of: {stderr}"));
    assert!((need - cover_all).abs() < 1e-3, "{stderr}");
}

/// `$IMPULS_BENCH_DIR/orlib-pmed` (default `../shared/benchmarks/orlib-pmed`), or `None` when it
/// is missing outside CI. In CI a missing directory fails the test.
fn orlib_dir() -> Option<PathBuf> {
    let base = std::env::var_os("IMPULS_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest_dir().join("../shared/benchmarks"));
    let dir = base.join("orlib-pmed");
    if dir.join("optima.csv").is_file() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "CI is set but the OR-Library directory {} is missing (set IMPULS_BENCH_DIR)",
            dir.display()
        );
    }
    eprintln!(
        "skipping: {} not found (set IMPULS_BENCH_DIR)",
        dir.display()
    );
    None
}

/// The published optimum of `name` from `optima.csv`.
fn optimum(dir: &Path, name: &str) -> f64 {
    let text = std::fs::read_to_string(dir.join("optima.csv")).unwrap();
    text.lines()
        .find_map(|l| {
            let f: Vec<&str> = l.split(',').map(str::trim).collect();
            (f[0] == name).then(|| f[3].parse().unwrap())
        })
        .unwrap_or_else(|| panic!("{name} not in optima.csv"))
}

#[test]
fn bench_orlib_pmed1_pmed2() {
    let Some(dir) = orlib_dir() else { return };
    let out = impuls([
        OsStr::new("bench"),
        OsStr::new("orlib"),
        dir.as_os_str(),
        OsStr::new("--only"),
        OsStr::new("pmed1,pmed2"),
        OsStr::new("--quiet"),
    ]);
    let stdout = success(&out);
    for name in ["pmed1", "pmed2"] {
        let row = stdout
            .lines()
            .find(|l| l.split_whitespace().next() == Some(name))
            .unwrap_or_else(|| panic!("no row for {name}:\n{stdout}"));
        let fields: Vec<&str> = row.split_whitespace().collect();
        assert!(fields.contains(&"optimal"), "{row}");
        let reference = optimum(&dir, name);
        // columns: instance n p optimum found bound gap seconds status
        let found: f64 = fields[4].parse().unwrap();
        assert_eq!(found, reference, "{row}");
    }
    assert!(
        stdout.contains("2/2 reference values reproduced"),
        "{stdout}"
    );
}

#[test]
fn threads_do_not_change_the_result() {
    let Some(dir) = orlib_dir() else { return };
    let path = dir.join("pmed1.txt");
    let path = path.to_str().expect("UTF-8 path");
    let run = |threads: &str| {
        let v = solve_json(&[path, "--model", "pmedian", "-p", "5", "--threads", threads]);
        assert_eq!(v["status"], "optimal");
        assert_eq!(v["verified"], true);
        let mut open: Vec<String> = v["open"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect();
        open.sort();
        (v["objective"].as_f64().unwrap(), open)
    };
    let one = run("1");
    let two = run("2");
    assert_eq!(one.0, optimum(&dir, "pmed1"));
    assert_eq!(one, two, "--threads 1 and --threads 2 differ");
}

/// An OR-Library file states its own p: without `-p` it is used (pmed6: p = 5, optimum 7824);
/// an explicit `-p` overrides it.
#[test]
fn orlib_file_supplies_p() {
    let Some(dir) = orlib_dir() else { return };
    let path = dir.join("pmed6.txt");
    let path = path.to_str().expect("UTF-8 path");
    let own = solve_json(&[path, "--model", "pmedian"]);
    assert_eq!(own["status"], "optimal");
    assert_eq!(own["open"].as_array().unwrap().len(), 5);
    assert_eq!(own["objective"].as_f64().unwrap(), optimum(&dir, "pmed6"));
    let given = solve_json(&[path, "--model", "pmedian", "-p", "6"]);
    assert_eq!(given["open"].as_array().unwrap().len(), 6);
}

/// `bench tsplib` on one TSPLIB row (rl1304, p = 50, floor-Euclidean): the published value of
/// Durán-Mateluna, Alès & Elloumi (2023) is reproduced and proven.
#[test]
fn bench_tsplib_rl1304_p50() {
    let Some(orlib) = orlib_dir() else { return };
    let dir = orlib.parent().unwrap().join("tsplib");
    let out = impuls([
        OsStr::new("bench"),
        OsStr::new("tsplib"),
        dir.as_os_str(),
        OsStr::new("--only"),
        OsStr::new("rl1304"),
        OsStr::new("--p"),
        OsStr::new("50"),
        OsStr::new("--quiet"),
    ]);
    let stdout = success(&out);
    let row = stdout
        .lines()
        .find(|l| l.starts_with("rl1304"))
        .unwrap_or_else(|| panic!("{stdout}"));
    let fields: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(fields[3], "795012", "{row}");
    assert_eq!(fields[4], "795012", "{row}");
    assert_eq!(fields[8], "optimal", "{row}");
}
