//! São José dos Campos coverage instances (`mclp/`): the reader on the real files, and a subset
//! of `computed_optima_highs.csv` (MCLP and LSCP) reproduced exactly and proven optimal.
//! `impuls bench mclp` runs every MCLP row.

mod common;

use impuls::bench::mclp;
use impuls::instance::{sjc, Format};
use impuls::model::{ModelKind, Problem};
use impuls::solve::{solve, SolveOptions, Status};
use std::collections::HashMap;
use std::path::PathBuf;

/// The instances of the subset: their LSCP rows, and the MCLP rows of the radii in
/// `MCLP_RADII` (the rows a few seconds each; `impuls bench mclp` runs all 144).
const SUBSET: [&str; 2] = ["SJC324", "SJC402"];
/// Radii S of the MCLP subset (per instance).
const MCLP_RADII: [(&str, &[f64]); 2] = [
    ("SJC324", &[200.0, 400.0, 800.0, 1200.0]),
    ("SJC402", &[200.0]),
];

/// The `mclp` data directory and the rows of its reference file.
fn data() -> Option<(PathBuf, Vec<HashMap<String, String>>)> {
    let dir = common::bench_dir()?.join("mclp");
    let rows = common::csv_rows(&dir.join("computed_optima_highs.csv"));
    Some((dir, rows))
}

#[test]
fn reader_counts_and_total_demand() {
    let Some((dir, rows)) = data() else {
        return;
    };
    for name in ["SJC324", "SJC402", "SJC500", "SJC708", "SJC818"] {
        let path = dir.join(format!("{name}.txt"));
        assert_eq!(Format::guess(&path), Some(Format::Sjc));
        let inst = sjc::read(&path).unwrap();
        inst.validate().unwrap();
        let row = rows.iter().find(|r| r["instance"] == name).unwrap();
        assert_eq!(inst.demand.len().to_string(), row["n"], "{name}");
        assert_eq!(inst.sites.len(), inst.demand.len());
        assert_eq!(
            inst.total_weight().to_string(),
            row["total_demand"],
            "{name}"
        );
        assert_eq!(inst.name, name);
    }
}

#[test]
fn mclp_reference_values_reproduced() {
    let Some((dir, _)) = data() else {
        return;
    };
    let mut refs = Vec::new();
    for (name, radii) in MCLP_RADII {
        refs.extend(mclp::references(&dir, &[name.to_string()], radii, &[]).unwrap());
    }
    assert_eq!(refs.len(), 32);
    for r in &refs {
        let row = mclp::run_one(&dir, r, &SolveOptions::default()).unwrap();
        assert!(row.reproduced(), "{row:?}");
        assert_eq!(row.bound, row.found, "{row:?}");
    }
}

#[test]
fn lscp_reference_values_reproduced() {
    let Some((dir, rows)) = data() else {
        return;
    };
    let lscp = rows
        .iter()
        .filter(|r| r["problem"] == "LSCP" && SUBSET.contains(&r["instance"].as_str()));
    let mut count = 0;
    for r in lscp {
        let inst = sjc::read(&dir.join(format!("{}.txt", r["instance"]))).unwrap();
        let radius: f64 = r["S"].parse().unwrap();
        let sol = solve(
            &inst,
            &Problem::new(ModelKind::Lscp).with_radius(radius),
            &SolveOptions::default(),
        )
        .unwrap();
        assert_eq!(sol.status, Status::Optimal, "{r:?}");
        assert_eq!(sol.objective, Some(r["value"].parse().unwrap()), "{r:?}");
        count += 1;
    }
    assert_eq!(count, 8);
}
