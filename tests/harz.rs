//! The Harz instance end to end: a non-empty front, the status quo evaluated, every proposal
//! verified and nondominated, and the output files written.

use impuls::instance::catalogue::{read, CatalogueOptions};
use impuls::pareto::{self, objective::Objective, ParetoOptions};
use std::path::Path;

fn harz(options: &CatalogueOptions) -> impuls::instance::catalogue::Catalogue {
    read(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("instances/harz"),
        options,
    )
    .unwrap()
}

fn dominated(
    a: &pareto::proposal::Proposal,
    b: &pareto::proposal::Proposal,
    objs: &[Objective],
) -> bool {
    let v = |p: &pareto::proposal::Proposal, o: Objective| {
        let x = p.objectives[o.name()];
        if o.maximises() {
            -x
        } else {
            x
        }
    };
    objs.iter().all(|&o| v(b, o) <= v(a, o)) && objs.iter().any(|&o| v(b, o) < v(a, o))
}

#[test]
fn the_regional_instance_matches_its_sources() {
    let cat = harz(&CatalogueOptions::default());
    assert_eq!(
        cat.places.len(),
        28,
        "28 municipalities of the Planungsregion Harz"
    );
    assert_eq!(
        cat.places.iter().map(|p| p.population).sum::<i64>(),
        259_401,
        "Zensus 2022"
    );
    let towns: Vec<&str> = cat.towns.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(towns, ["Halberstadt", "Quedlinburg", "Wernigerode"]);
    assert!(cat.functions.len() >= 20 && cat.functions.len() <= 40);
    let wider = harz(&CatalogueOptions {
        extension: true,
        localities: true,
        all_towns: true,
        ..CatalogueOptions::default()
    });
    assert_eq!(
        wider.places.iter().map(|p| p.population).sum::<i64>(),
        339_131,
        "locality split keeps the Zensus total"
    );
    assert!(wider.towns.len() > 3);
}

#[test]
fn access_balance_front_is_complete_verified_and_nondominated() {
    let cat = harz(&CatalogueOptions::default());
    let objs = [Objective::Access, Objective::Balance];
    let set = pareto::run(&cat, &objs, &ParetoOptions::default(), &|_| {}).unwrap();
    assert!(set.complete, "{}", set.note);
    assert!(set.proposals.len() > 1);
    assert!(set.proposals.iter().all(|p| p.verified));
    for p in &set.proposals {
        assert!(
            !set.proposals.iter().any(|q| dominated(p, q, &objs)),
            "{} is dominated",
            p.id
        );
        // locks hold: the UNESCO old town stays in Quedlinburg
        assert_eq!(
            p.allocation["welterbe_quedlinburg"],
            vec!["quedlinburg".to_string()]
        );
    }
    assert_eq!(set.status_quo.id, "status_quo");
    assert_eq!(set.status_quo.objectives["change"], 0.0);
    let dir = tempfile::tempdir().unwrap();
    pareto::write::write_all(dir.path(), &set).unwrap();
    for f in [
        "proposals.json",
        "proposals.csv",
        "pareto.csv",
        "allocation.geojson",
        "report.html",
    ] {
        assert!(dir.path().join(f).metadata().unwrap().len() > 100, "{f}");
    }
    let back: pareto::proposal::ProposalSet =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("proposals.json")).unwrap())
            .unwrap();
    assert_eq!(back.proposals.len(), set.proposals.len());
}

#[test]
fn three_objectives_with_a_representative_subset() {
    let cat = harz(&CatalogueOptions::default());
    let objs = [Objective::Access, Objective::Balance, Objective::Change];
    let set = pareto::run(
        &cat,
        &objs,
        &ParetoOptions {
            max_points: Some(12),
            ..Default::default()
        },
        &|_| {},
    )
    .unwrap();
    assert!(!set.complete);
    assert!(set.note.contains("--max-points"));
    assert!(set.proposals.len() >= 3 && set.proposals.len() <= 12);
    for p in &set.proposals {
        assert!(
            !set.proposals.iter().any(|q| dominated(p, q, &objs)),
            "{} is dominated",
            p.id
        );
    }
}

#[test]
fn a_population_scenario_is_read_from_its_column_or_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("instances/harz");
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    let scenario = CatalogueOptions {
        scenario: Some("2099".into()),
        ..CatalogueOptions::default()
    };
    let err = read(dir.path(), &scenario).unwrap_err().to_string();
    assert!(
        err.contains("municipalities.csv: row 2: no column 'population_2099' for scenario '2099'"),
        "{err}"
    );
    // add the column: every municipality at half its population, rounded down
    let path = dir.path().join("municipalities.csv");
    let mut reader = csv::Reader::from_path(&path).unwrap();
    let headers = reader.headers().unwrap().clone();
    let pop = headers.iter().position(|h| h == "population").unwrap();
    let mut out = csv::Writer::from_path(dir.path().join("m.csv")).unwrap();
    out.write_record(headers.iter().chain(["population_2099"]))
        .unwrap();
    let mut half = 0;
    for rec in reader.records() {
        let rec = rec.unwrap();
        let p: i64 = rec[pop].parse().unwrap();
        let region_harz = &rec[3] == "Harz";
        if region_harz {
            half += p / 2;
        }
        out.write_record(rec.iter().chain([(p / 2).to_string().as_str()]))
            .unwrap();
    }
    out.flush().unwrap();
    drop(out);
    std::fs::rename(dir.path().join("m.csv"), &path).unwrap();
    let cat = read(dir.path(), &scenario).unwrap();
    assert_eq!(cat.places.iter().map(|p| p.population).sum::<i64>(), half);
    assert_eq!(cat.scenario.as_deref(), Some("2099"));
}
