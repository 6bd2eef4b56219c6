//! The Pareto set of a small catalogue (5 functions × 3 towns, one function with 2 sites, an
//! affinity pair, capacities) computed by enumerating every allocation must equal the one
//! `impuls pareto` computes with HiGHS, for every 2- and several 3-objective combinations.
//! The objective values themselves are recomputed here independently of the library.

use impuls::instance::catalogue::{read, Catalogue, CatalogueOptions};
use impuls::pareto::objective::{Allocation, Objective};
use impuls::pareto::{self, ParetoOptions};
use std::collections::BTreeSet;
use std::path::Path;

fn catalogue() -> Catalogue {
    read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/small_catalogue")
            .as_path(),
        &CatalogueOptions::default(),
    )
    .unwrap()
}

/// Every feasible allocation (sites, allowed towns, locks, capacities).
fn all_allocations(cat: &Catalogue) -> Vec<Allocation> {
    let mut out: Vec<Allocation> = vec![Vec::new()];
    for f in &cat.functions {
        let choices: Vec<Vec<usize>> = subsets(&f.allowed, f.sites);
        out = out
            .into_iter()
            .flat_map(|a| {
                choices
                    .iter()
                    .map(move |c| [a.clone(), vec![c.clone()]].concat())
            })
            .collect();
    }
    out.retain(|a| {
        let locks = cat.locks.iter().all(|&(f, t)| a[f].contains(&t));
        let caps = (0..cat.towns.len()).all(|t| {
            let pts: i64 = (0..a.len())
                .filter(|&f| a[f].contains(&t))
                .map(|f| cat.functions[f].size_points)
                .sum();
            cat.towns[t].capacity.is_none_or(|c| pts <= c)
        });
        locks && caps
    });
    out
}

fn subsets(items: &[usize], k: usize) -> Vec<Vec<usize>> {
    if k == 0 {
        return vec![Vec::new()];
    }
    let mut out = Vec::new();
    for (i, &x) in items.iter().enumerate() {
        for mut rest in subsets(&items[i + 1..], k - 1) {
            rest.insert(0, x);
            out.push(rest);
        }
    }
    out
}

/// Natural objective values computed from first principles (not with the library's evaluate).
fn values(cat: &Catalogue, a: &Allocation, objectives: &[Objective]) -> Vec<f64> {
    let near =
        |f: usize, i: usize| a[f].iter().map(|&t| cat.minutes[i][t]).min().unwrap() as f64 / 10.0;
    objectives
        .iter()
        .map(|o| match o {
            Objective::Access => (0..a.len())
                .map(|f| {
                    (0..cat.places.len())
                        .map(|i| {
                            (cat.functions[f].importance * cat.places[i].population) as f64
                                * near(f, i)
                        })
                        .sum::<f64>()
                })
                .sum(),
            Objective::Coverage => (0..a.len())
                .map(|f| {
                    (0..cat.places.len())
                        .filter(|&i| near(f, i) * 10.0 <= cat.functions[f].threshold as f64)
                        .map(|i| (cat.functions[f].importance * cat.places[i].population) as f64)
                        .sum::<f64>()
                })
                .sum(),
            Objective::Balance => {
                let pts: Vec<i64> = (0..cat.towns.len())
                    .filter(|&t| cat.towns[t].partner)
                    .map(|t| {
                        (0..a.len())
                            .filter(|&f| a[f].contains(&t))
                            .map(|f| cat.functions[f].size_points)
                            .sum()
                    })
                    .collect();
                (pts.iter().max().unwrap() - pts.iter().min().unwrap()) as f64
            }
            Objective::Change => (0..a.len())
                .map(|f| {
                    cat.functions[f]
                        .status_quo
                        .iter()
                        .filter(|t| !a[f].contains(t))
                        .count() as f64
                        * cat.functions[f].relocation_cost as f64
                })
                .sum(),
            Objective::Synergy => cat
                .affinities
                .iter()
                .map(|af| {
                    af.value as f64 * a[af.a].iter().filter(|t| a[af.b].contains(t)).count() as f64
                })
                .sum(),
            Objective::Equity => (0..a.len())
                .flat_map(|f| (0..cat.places.len()).map(move |i| (f, i)))
                .map(|(f, i)| near(f, i))
                .fold(0.0, f64::max),
        })
        .collect()
}

/// Nondominated objective vectors by enumeration (maximised objectives compared reversed).
fn brute_front(cat: &Catalogue, objectives: &[Objective]) -> BTreeSet<Vec<i64>> {
    let key = |v: &[f64]| -> Vec<i64> {
        v.iter()
            .zip(objectives)
            .map(|(x, o)| ((if o.maximises() { -x } else { *x }) * 10.0).round() as i64)
            .collect()
    };
    let pts: Vec<Vec<i64>> = all_allocations(cat)
        .iter()
        .map(|a| key(&values(cat, a, objectives)))
        .collect();
    pts.iter()
        .filter(|p| {
            !pts.iter()
                .any(|q| q.iter().zip(p.iter()).all(|(a, b)| a <= b) && q != *p)
        })
        .cloned()
        .collect()
}

fn solver_front(cat: &Catalogue, objectives: &[Objective]) -> BTreeSet<Vec<i64>> {
    let set = pareto::run(cat, objectives, &ParetoOptions::default(), &|_| {}).unwrap();
    assert!(set.complete, "{}", set.note);
    assert!(set.proposals.iter().all(|p| p.verified));
    set.proposals
        .iter()
        .map(|p| {
            objectives
                .iter()
                .map(|o| {
                    let x = p.objectives[o.name()];
                    ((if o.maximises() { -x } else { x }) * 10.0).round() as i64
                })
                .collect()
        })
        .collect()
}

#[test]
fn enumeration_has_the_expected_size() {
    let cat = catalogue();
    // 3 × 3 (two of three towns) × 3 × 3 × 2 = 162 allocations before capacities
    let all = all_allocations(&cat);
    assert!(all.len() > 50 && all.len() <= 162, "{}", all.len());
}

#[test]
fn every_pair_of_objectives_matches_enumeration() {
    let cat = catalogue();
    let all = pareto::objective::ALL;
    for (k, &a) in all.iter().enumerate() {
        for &b in &all[k + 1..] {
            let objs = [a, b];
            assert_eq!(
                solver_front(&cat, &objs),
                brute_front(&cat, &objs),
                "objectives {a:?}, {b:?}"
            );
        }
    }
}

#[test]
fn three_objective_fronts_match_enumeration() {
    let cat = catalogue();
    use Objective::*;
    for objs in [
        [Access, Balance, Change],
        [Coverage, Synergy, Equity],
        [Access, Synergy, Balance],
    ] {
        let brute = brute_front(&cat, &objs);
        assert!(brute.len() > 1);
        assert_eq!(solver_front(&cat, &objs), brute, "objectives {objs:?}");
    }
}

#[test]
fn status_quo_is_evaluated_with_external_service() {
    let cat = catalogue();
    let set = pareto::run(
        &cat,
        &[Objective::Access, Objective::Balance],
        &ParetoOptions::default(),
        &|_| {},
    )
    .unwrap();
    // gericht and arena have no status-quo town: served from the external centre
    assert_eq!(set.status_quo.allocation["gericht"], Vec::<String>::new());
    assert_eq!(set.status_quo.objectives["change"], 0.0);
    assert!(set.status_quo.objectives["access"] > set.proposals[0].objectives["access"]);
}

#[test]
fn same_proposals_whatever_the_thread_count() {
    let cat = catalogue();
    let objs = [Objective::Access, Objective::Synergy, Objective::Balance];
    let with = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| pareto::run(&cat, &objs, &ParetoOptions::default(), &|_| {}).unwrap())
    };
    let (one, two) = (with(1), with(2));
    assert_eq!(one.proposals, two.proposals);
}
