//! Published optima reproduced and proven: OR-Library p-median (the instances HiGHS closes in a
//! few seconds; `impuls bench orlib` runs all 40), p-center radii, and capacitated pmedcap.

mod common;

use impuls::instance::{orlib, orlib_cap};
use impuls::model::{ModelKind, Problem};
use impuls::solve::{solve, SolveOptions, Status};

fn optimum(dir: &std::path::Path, file: &str, name: &str, column: &str) -> f64 {
    common::csv_rows(&dir.join(file))
        .into_iter()
        .find(|r| r["instance"] == name)
        .unwrap()[column]
        .parse()
        .unwrap()
}

#[test]
fn pmedian_optima_of_the_quick_instances() {
    let Some(dir) = common::bench_dir() else {
        return;
    };
    let dir = dir.join("orlib-pmed");
    for name in [
        "pmed1", "pmed2", "pmed3", "pmed4", "pmed5", "pmed7", "pmed8", "pmed9", "pmed10", "pmed15",
        "pmed20", "pmed25",
    ] {
        let (inst, p) = orlib::read_with_p(&dir.join(format!("{name}.txt"))).unwrap();
        let sol = solve(
            &inst,
            &Problem::new(ModelKind::PMedian).with_p(p),
            &SolveOptions::default(),
        )
        .unwrap();
        assert_eq!(sol.status, Status::Optimal, "{name}");
        assert!(sol.verified);
        assert_eq!(
            sol.objective,
            Some(optimum(&dir, "optima.csv", name, "optimum")),
            "{name}"
        );
        assert_eq!(
            sol.bound, sol.objective,
            "{name}: bound must meet the optimum"
        );
    }
}

#[test]
fn pcenter_radii_of_small_instances() {
    let Some(dir) = common::bench_dir() else {
        return;
    };
    let dir = dir.join("orlib-pmed");
    for name in ["pmed1", "pmed2", "pmed3", "pmed4", "pmed5"] {
        let (inst, p) = orlib::read_with_p(&dir.join(format!("{name}.txt"))).unwrap();
        let sol = solve(
            &inst,
            &Problem::new(ModelKind::PCenter).with_p(p),
            &SolveOptions::default(),
        )
        .unwrap();
        assert_eq!(sol.status, Status::Optimal, "{name}");
        assert_eq!(
            sol.objective,
            Some(optimum(
                &dir,
                "pcenter_optima.csv",
                name,
                "pcenter_radius_optimal"
            )),
            "{name}"
        );
    }
}

#[test]
fn capacitated_pmedian_optima() {
    let Some(dir) = common::bench_dir() else {
        return;
    };
    let dir = dir.join("capacitated");
    for k in [1, 2, 3, 4, 5] {
        let name = format!("pmedcap{k:02}");
        let (inst, p, best) =
            orlib_cap::read_with_header(&dir.join(format!("orlib-pmedcap/{name}.txt"))).unwrap();
        let sol = solve(
            &inst,
            &Problem::new(ModelKind::PMedian).with_p(p),
            &SolveOptions::default(),
        )
        .unwrap();
        assert_eq!(sol.status, Status::Optimal, "{name}");
        assert_eq!(sol.objective, Some(best), "{name}");
        assert_eq!(best, optimum(&dir, "values.csv", &name, "value"));
    }
}

#[test]
fn same_result_whatever_the_thread_count() {
    let Some(dir) = common::bench_dir() else {
        return;
    };
    let (inst, p) = orlib::read_with_p(&dir.join("orlib-pmed/pmed7.txt")).unwrap();
    let problem = Problem::new(ModelKind::PMedian).with_p(p);
    let one = solve(
        &inst,
        &problem,
        &SolveOptions {
            threads: 1,
            ..Default::default()
        },
    )
    .unwrap();
    let two = solve(
        &inst,
        &problem,
        &SolveOptions {
            threads: 2,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!((one.objective, &one.open), (two.objective, &two.open));
}
