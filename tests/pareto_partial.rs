//! An interrupted `impuls pareto` keeps what it found: while the Harz front is computed,
//! `pareto.partial.csv` holds every point so far (rewritten atomically in the background), and
//! a hard kill (SIGKILL, no chance to clean up) leaves it readable.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn a_killed_front_leaves_its_points_in_the_partial_csv() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let harz = Path::new(env!("CARGO_MANIFEST_DIR")).join("instances/harz");
    let mut child = Command::new(env!("CARGO_BIN_EXE_impuls"))
        .args(["pareto", "-q", "-o"])
        .arg(&out)
        .arg(&harz)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let partial = out.join("pareto.partial.csv");
    let rows = |text: &str| text.lines().count().saturating_sub(1);
    // wait for 20 points (a few seconds; generous for a loaded machine), then kill
    let begun = Instant::now();
    let mut text = String::new();
    while rows(&text) < 20 {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the front finished before 20 points were seen in {}",
            partial.display()
        );
        assert!(
            begun.elapsed() < Duration::from_secs(300),
            "no 20 points in 300 s"
        );
        std::thread::sleep(Duration::from_millis(20));
        text = std::fs::read_to_string(&partial).unwrap_or_default();
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let text = std::fs::read_to_string(&partial).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    assert!(
        header.starts_with("n,access,coverage,balance,change,"),
        "{header}"
    );
    assert!(header.ends_with(",allocation"), "{header}");
    let columns = header.split(',').count();
    let mut n = 0;
    for line in lines {
        n += 1;
        assert!(line.starts_with(&format!("{n},")), "row {n}: {line}");
        // the allocation is the last, quoted field: one function=town pair per function
        let (values, alloc) = line.split_once(",\"").unwrap();
        assert_eq!(values.split(',').count(), columns - 1, "row {n}: {line}");
        assert!(alloc.ends_with('"'), "row {n}: {line}");
        assert!(
            alloc.contains("welterbe_quedlinburg=quedlinburg"),
            "row {n}: {line}"
        );
        assert_eq!(alloc.split(' ').count(), 34, "row {n}: {line}");
    }
    assert!(n >= 20, "{n} rows after the kill, 20 seen before");
    // the final files were never written
    assert!(!out.join("proposals.json").exists());
}

/// `--max-points` asks for a subset, so a finished grid exits 0; a grid the time limit cut
/// short exits 3 like a stopped complete front, says so in the note and marks `stopped`.
#[test]
fn a_max_points_grid_stopped_by_the_time_limit_exits_3() {
    let harz = Path::new(env!("CARGO_MANIFEST_DIR")).join("instances/harz");
    let run = |extra: &[&str]| {
        let dir = tempfile::tempdir().unwrap();
        let status = Command::new(env!("CARGO_BIN_EXE_impuls"))
            .args(["pareto", "-q", "-o"])
            .arg(dir.path())
            .arg(&harz)
            .args(extra)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        let json = std::fs::read_to_string(dir.path().join("proposals.json")).unwrap();
        let set: serde_json::Value = serde_json::from_str(&json).unwrap();
        (status.code(), set)
    };
    let (code, set) = run(&["--max-points", "5"]);
    assert_eq!(code, Some(0));
    assert_eq!(set["complete"], false);
    assert!(set.get("stopped").is_none(), "{}", set["note"]);
    // about 300 grid cells take several seconds even on an idle machine
    let (code, set) = run(&["--max-points", "300", "--time-limit", "0.5"]);
    assert_eq!(code, Some(3));
    assert_eq!(set["stopped"], true);
    let note = set["note"].as_str().unwrap();
    assert!(
        note.starts_with("Repräsentative Auswahl (--max-points)"),
        "{note}"
    );
    assert!(
        note.contains("Zeitlimit oder Abbruch vor dem Ende des Gitters"),
        "{note}"
    );
}
