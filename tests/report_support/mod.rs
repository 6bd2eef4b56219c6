//! Shared by the report tests: the hand-written sample set, and a real Harz front computed
//! with a public-transport matrix generated for the test.

use impuls::instance::catalogue::{self, Catalogue, CatalogueOptions};
use impuls::pareto::objective::Objective;
use impuls::pareto::proposal::ProposalSet;
use impuls::pareto::{self, ParetoOptions};
use std::path::Path;
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

fn harz(options: &CatalogueOptions) -> Catalogue {
    catalogue::read(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("instances/harz"),
        options,
    )
    .expect("the Harz instance reads")
}

/// Writes a public-transport matrix `from,to,minutes` for every place × (town, external
/// centre) of the Harz: 1.7 × the car minutes + 12 min for access and waiting, a stand-in
/// for the instance's ÖPNV model that makes the far south of the region lie beyond 90 min.
#[allow(dead_code)]
pub fn write_pt_matrix(path: &Path) {
    let cat = harz(&CatalogueOptions::default());
    let pt = |deci: i64| 1.7 * deci as f64 / 10.0 + 12.0;
    let mut w = csv::Writer::from_path(path).expect("pt matrix file");
    w.write_record(["from", "to", "minutes"]).unwrap();
    for (i, place) in cat.places.iter().enumerate() {
        for (t, town) in cat.towns.iter().enumerate() {
            w.write_record([
                &place.id,
                &town.id,
                &format!("{:.1}", pt(cat.minutes[i][t])),
            ])
            .unwrap();
        }
        let external = cat
            .external_minutes
            .as_ref()
            .expect("Harz has external centres")[i];
        for e in &cat.external {
            w.write_record([&place.id, &e.id, &format!("{:.1}", pt(external))])
                .unwrap();
        }
    }
    w.flush().unwrap();
}

/// The complete (access, change) front of the Harz with ÖPNV times from
/// [`write_pt_matrix`] (37 proposals, about 2 s; computed once per test binary).
#[allow(dead_code)]
pub fn harz_front_with_pt() -> ProposalSet {
    static FRONT: OnceLock<ProposalSet> = OnceLock::new();
    FRONT.get_or_init(compute_front_with_pt).clone()
}

fn compute_front_with_pt() -> ProposalSet {
    let dir = tempfile::tempdir().expect("temp dir");
    let matrix = dir.path().join("pt.csv");
    write_pt_matrix(&matrix);
    let cat = harz(&CatalogueOptions {
        pt_matrix: Some(matrix),
        ..CatalogueOptions::default()
    });
    assert!(cat.pt_minutes.is_some(), "the pt matrix was read");
    pareto::run(
        &cat,
        &[Objective::Access, Objective::Change],
        &ParetoOptions::default(),
        &|_| {},
    )
    .expect("the Harz front computes")
}

/// The same front without ÖPNV times.
#[allow(dead_code)]
pub fn harz_front_car_only() -> ProposalSet {
    pareto::run(
        &harz(&CatalogueOptions::default()),
        &[Objective::Access, Objective::Change],
        &ParetoOptions::default(),
        &|_| {},
    )
    .expect("the Harz front computes")
}
