//! Shared by the report tests: the hand-written sample set (written before readable values
//! and ÖPNV times existed), real Harz fronts with and without the instance's ÖPNV model, and a
//! run of the binary with the 2035 scenario and a what-if lock.

use impuls::instance::catalogue::{self, Catalogue, CatalogueOptions};
use impuls::pareto::objective::Objective;
use impuls::pareto::proposal::ProposalSet;
use impuls::pareto::{self, ParetoOptions};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The sample of `tests/data/proposals_sample.json` (4 proposals, 9 places, 5 functions),
/// without representatives or robust decisions (as older files are).
#[allow(dead_code)] // not every test file uses every helper
pub fn sample() -> ProposalSet {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/proposals_sample.json"
    ))
    .expect("sample exists");
    serde_json::from_str(&text).expect("sample parses as a ProposalSet")
}

/// The sample with its representatives and robust decisions filled in.
#[allow(dead_code)]
pub fn annotated_sample() -> ProposalSet {
    let mut set = sample();
    pareto::representative::annotate(&mut set);
    set
}

fn harz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("instances/harz")
}

fn read(dir: &Path) -> Catalogue {
    catalogue::read(dir, &CatalogueOptions::default()).expect("the Harz instance reads")
}

/// The complete (access, change) front of the Harz with the instance's own travel times: the
/// calibrated car model and its ÖPNV model (37 proposals, about 1 s; computed once per test
/// binary).
#[allow(dead_code)]
pub fn harz_front_with_pt() -> ProposalSet {
    static FRONT: OnceLock<ProposalSet> = OnceLock::new();
    FRONT
        .get_or_init(|| {
            let cat = read(&harz_dir());
            assert!(cat.pt_minutes.is_some(), "the Harz has its own ÖPNV model");
            front(&cat)
        })
        .clone()
}

fn front(cat: &Catalogue) -> ProposalSet {
    pareto::run(
        cat,
        &[Objective::Access, Objective::Change],
        &ParetoOptions::default(),
        &|_| {},
    )
    .expect("the Harz front computes")
}

/// A copy of instances/harz in `dir` without the ÖPNV model (the `pt_*` rows of
/// impedance.csv): a catalogue with car times only.
#[allow(dead_code)]
pub fn harz_without_pt(dir: &Path) {
    for entry in std::fs::read_dir(harz_dir()).expect("instances/harz") {
        let path = entry.expect("entry").path();
        let target = dir.join(path.file_name().expect("file name"));
        if path.file_name().is_some_and(|n| n == "impedance.csv") {
            let text = std::fs::read_to_string(&path).expect("impedance.csv");
            let kept: Vec<&str> = text.lines().filter(|l| !l.starts_with("pt_")).collect();
            std::fs::write(&target, kept.join("\n") + "\n").expect("write impedance.csv");
        } else if path.is_file() {
            std::fs::copy(&path, &target).expect("copy");
        }
    }
}

/// The same front without ÖPNV times (from [`harz_without_pt`]).
#[allow(dead_code)]
pub fn harz_front_car_only() -> ProposalSet {
    let dir = tempfile::tempdir().expect("temp dir");
    harz_without_pt(dir.path());
    let cat = read(dir.path());
    assert!(cat.pt_minutes.is_none(), "the copy has no ÖPNV model");
    front(&cat)
}

/// `impuls pareto instances/harz --objectives access,change --scenario 2035 --lock
/// landgericht=quedlinburg` run through the binary: the set of its proposals.json and its
/// report.html (about 2 s; once per test binary).
#[allow(dead_code)]
pub fn harz_scenario_run() -> (ProposalSet, String) {
    static RUN: OnceLock<(ProposalSet, String)> = OnceLock::new();
    RUN.get_or_init(|| {
        let out = tempfile::tempdir().expect("temp dir");
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_impuls"))
            .args(["-q", "pareto"])
            .arg(harz_dir())
            .args([
                "--objectives",
                "access,change",
                "--scenario",
                "2035",
                "--lock",
                "landgericht=quedlinburg",
                "-o",
            ])
            .arg(out.path())
            .stdout(std::process::Stdio::null())
            .status()
            .expect("impuls runs");
        assert!(status.success(), "impuls pareto --scenario 2035: {status}");
        let text = std::fs::read_to_string(out.path().join("proposals.json")).expect("json");
        let set = serde_json::from_str(&text).expect("proposals.json parses");
        let html = std::fs::read_to_string(out.path().join("report.html")).expect("report");
        (set, html)
    })
    .clone()
}
