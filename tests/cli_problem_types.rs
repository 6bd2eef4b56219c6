//! `impuls solve` with the ArcGIS problem types: the options reach the solver, a result names
//! its share or unallocated weight, and every misuse ends in one `error:` line that names the
//! parameter or the file, row and field.

use std::path::Path;
use std::process::{Command, Output};
use tempfile::TempDir;

fn impuls(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_impuls"))
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("the impuls binary runs")
}

/// The single `error:` line of a failed run.
#[track_caller]
fn error_line(args: &[&str]) -> String {
    let out = impuls(args);
    assert!(!out.status.success(), "{args:?} succeeded");
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(lines[0].starts_with("error: "), "{stderr}");
    lines[0].to_string()
}

fn json(args: &[&str]) -> serde_json::Value {
    let out = impuls(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

const DEMO: &str = "instances/demo/demo.json";
const MARKET: &str = "instances/demo/market.json";

#[test]
fn market_share_on_the_demo_reports_a_verified_optimal_share() {
    let v = json(&[
        "-q",
        "solve",
        MARKET,
        "--model",
        "market-share",
        "-p",
        "3",
        "--decay",
        "exponential",
        "--decay-param",
        "0.15",
        "--json",
    ]);
    assert_eq!(v["status"], "optimal");
    assert_eq!(v["verified"], true);
    let share = v["share"].as_f64().unwrap();
    let objective = v["objective"].as_f64().unwrap();
    let inst: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(MARKET).unwrap()).unwrap();
    let total: f64 = inst["demand"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["weight"].as_f64().unwrap())
        .sum();
    assert!(
        (objective / total - share).abs() < 1e-12,
        "{objective} / {total} vs {share}"
    );
    assert!(share > 0.0 && share < 1.0);
    // the required Halberstadt store is open, no rival is
    let open: Vec<&str> = v["open"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(open.contains(&"halberstadt"));
    assert!(open.iter().all(|s| !s.starts_with("rival")));
}

#[test]
fn target_share_reports_the_count_and_the_share() {
    let v = json(&[
        "-q",
        "solve",
        MARKET,
        "--model",
        "target-share",
        "--target-share",
        "0.5",
        "--decay",
        "exponential",
        "--decay-param",
        "0.15",
        "--json",
    ]);
    assert_eq!(v["status"], "optimal");
    let p = v["objective"].as_f64().unwrap();
    assert_eq!(v["open"].as_array().unwrap().len() as f64, p);
    assert!(v["share"].as_f64().unwrap() >= 0.5);
}

#[test]
fn a_pmedian_with_cutoff_reports_the_unallocated_weight() {
    let v = json(&[
        "-q", "solve", DEMO, "--model", "pmedian", "-p", "3", "--cutoff", "8", "--json",
    ]);
    assert_eq!(v["status"], "optimal");
    let unallocated = v["unallocated"].as_f64().unwrap();
    let beyond = v["assignments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["site"].is_null())
        .map(|a| a["weight"].as_f64().unwrap())
        .sum::<f64>();
    assert_eq!(unallocated, beyond);
    assert!(unallocated > 0.0);
}

#[test]
fn attendance_with_exponential_decay_is_optimal_and_below_the_total_weight() {
    let v = json(&[
        "-q",
        "solve",
        DEMO,
        "--model",
        "attendance",
        "-p",
        "3",
        "--cutoff",
        "15",
        "--decay",
        "exponential",
        "--decay-param",
        "0.2",
        "--json",
    ]);
    assert_eq!(v["status"], "optimal");
    let attended = v["objective"].as_f64().unwrap();
    assert!(attended > 0.0 && attended < 180_000.0);
}

#[test]
fn misuse_of_the_new_options_is_one_line() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["solve", DEMO, "--model", "attendance", "-p", "3"],
            "attendance needs --cutoff C",
        ),
        (
            &[
                "solve", DEMO, "--model", "pmedian", "-p", "3", "--decay", "power",
            ],
            "--decay power needs --decay-param",
        ),
        (
            &[
                "solve",
                DEMO,
                "--model",
                "pmedian",
                "-p",
                "3",
                "--decay",
                "linear",
                "--decay-param",
                "2",
            ],
            "linear decay has no parameter",
        ),
        (
            &[
                "solve",
                DEMO,
                "--model",
                "pmedian",
                "-p",
                "3",
                "--decay",
                "exponential",
                "--decay-param",
                "-1",
            ],
            "λ > 0 (got -1)",
        ),
        (
            &[
                "solve", DEMO, "--model", "pmedian", "-p", "3", "--cutoff", "0",
            ],
            "cutoff 0 must be > 0",
        ),
        (
            &[
                "solve", DEMO, "--model", "mclp", "-p", "3", "--radius", "5", "--decay", "linear",
            ],
            "use --model attendance",
        ),
        (
            &[
                "solve", DEMO, "--model", "pcenter", "-p", "3", "--cutoff", "5",
            ],
            "pcenter takes no cutoff",
        ),
        (
            &[
                "solve",
                DEMO,
                "--model",
                "target-share",
                "--target-share",
                "1.5",
            ],
            "target share 1.5 must be in (0, 1]",
        ),
        (
            &[
                "solve",
                DEMO,
                "--model",
                "target-share",
                "-p",
                "2",
                "--target-share",
                "0.5",
            ],
            "drop -p",
        ),
        (
            &["solve", DEMO, "--model", "market-share"],
            "market-share needs -p N",
        ),
        (
            &["solve", MARKET, "--model", "pmedian", "-p", "3"],
            "3 competitor site(s) apply only to",
        ),
        (
            &["solve", MARKET, "--model", "market-share", "-p", "3"],
            "is infinite under linear decay",
        ),
        (
            &[
                "solve",
                MARKET,
                "--model",
                "target-share",
                "--target-share",
                "1",
                "--decay",
                "exponential",
                "--decay-param",
                "0.15",
            ],
            "out of reach",
        ),
    ];
    for (args, needle) in cases {
        let line = error_line(args);
        assert!(line.contains(needle), "{args:?}: {line}");
    }
}

#[test]
fn bad_market_fields_name_the_file_row_and_field() {
    let dir = TempDir::new().unwrap();
    let demand = dir.path().join("d.csv");
    std::fs::write(&demand, "id,x,y,weight\na,0,0,1\n").unwrap();
    let sites = dir.path().join("s.csv");
    for (text, needle) in [
        (
            "id,x,y,attractiveness\nA,1,0,0\n",
            "row 2: attractiveness 0 must be > 0",
        ),
        (
            "id,x,y,competitor\nA,1,0,maybe\n",
            "row 2: competitor 'maybe' is not true/false",
        ),
        (
            "id,x,y,competitor,required\nA,1,0,yes,yes\nB,2,0,,\n",
            "a competitor cannot be required",
        ),
    ] {
        std::fs::write(&sites, text).unwrap();
        let line = error_line(&[
            "solve",
            "--demand",
            demand.to_str().unwrap(),
            "--sites",
            sites.to_str().unwrap(),
            "--model",
            "market-share",
            "-p",
            "1",
        ]);
        assert!(line.contains("s.csv"), "{line}");
        assert!(line.contains(needle), "{line}");
    }
}

#[test]
fn help_lists_the_new_options() {
    let out = impuls(&["solve", "--help"]);
    let help = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "--cutoff",
        "--decay",
        "--decay-param",
        "--target-share",
        "market-share",
        "attendance",
    ] {
        assert!(help.contains(needle), "{needle}");
    }
}
