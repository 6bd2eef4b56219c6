//! The Pareto set of a small catalogue (5 functions × 3 towns, one function with 2 sites, an
//! affinity pair, capacities, ÖPNV times) computed by enumerating every allocation must equal
//! the one `impuls pareto` computes with HiGHS, for every 2- and several 3-objective
//! combinations, with what-if locks and forbids, and under a population scenario.
//! The objective values themselves are recomputed here independently of the library.

use impuls::instance::catalogue::{read, Catalogue, CatalogueOptions};
use impuls::instance::what_if;
use impuls::pareto::objective::{Allocation, Objective};
use impuls::pareto::{self, ParetoOptions};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn small_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/small_catalogue")
}

/// The small catalogue with generated ÖPNV times: 1.7 × car + 10 min + a pair-dependent wait
/// of 0–24 min, so the nearest town by ÖPNV is not always the nearest by car; the theatre has
/// its own ÖPNV threshold (40 min), the others the default (1.5 × car threshold).
fn catalogue() -> Catalogue {
    let mut cat = read(&small_dir(), &CatalogueOptions::default()).unwrap();
    let pt: Vec<Vec<i64>> = cat
        .minutes
        .iter()
        .enumerate()
        .map(|(i, row)| {
            row.iter()
                .enumerate()
                .map(|(t, &d)| d * 17 / 10 + 100 + ((i * 7 + t * 13) % 5) as i64 * 60)
                .collect()
        })
        .collect();
    let ext = cat
        .external_minutes
        .as_ref()
        .map(|e| e.iter().map(|&d| d * 17 / 10 + 100).collect());
    cat.pt_minutes = Some(pt);
    cat.pt_external_minutes = ext;
    let theater = cat
        .functions
        .iter()
        .position(|f| f.id == "theater")
        .unwrap();
    cat.functions[theater].pt_threshold = Some(400);
    cat
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
    let pt = cat.pt_minutes.as_ref().unwrap();
    let near_pt = |f: usize, i: usize| a[f].iter().map(|&t| pt[i][t]).min().unwrap() as f64 / 10.0;
    let weight =
        |f: usize, i: usize| (cat.functions[f].importance * cat.places[i].population) as f64;
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
            Objective::PtAccess => (0..a.len())
                .flat_map(|f| (0..cat.places.len()).map(move |i| (f, i)))
                .map(|(f, i)| weight(f, i) * near_pt(f, i))
                .sum(),
            Objective::PtReach => (0..a.len())
                .flat_map(|f| (0..cat.places.len()).map(move |i| (f, i)))
                .filter(|&(f, i)| {
                    let func = &cat.functions[f];
                    // RIN 2008: 90 min ÖPNV beside 60 min by car (45 beside 30)
                    let minutes = func.pt_threshold.unwrap_or(func.threshold * 3 / 2) as f64 / 10.0;
                    near_pt(f, i) > minutes
                })
                .map(|(f, i)| weight(f, i))
                .sum(),
        })
        .collect()
}

/// Natural values in minimisation form (maximised ones negated), in tenths of the unit.
fn minimisation_key(natural: &[f64], objectives: &[Objective]) -> Vec<i64> {
    natural
        .iter()
        .zip(objectives)
        .map(|(x, o)| ((if o.maximises() { -x } else { *x }) * 10.0).round() as i64)
        .collect()
}

/// The first-principles key of allocation `a`.
fn enumerated_key(cat: &Catalogue, a: &Allocation, objectives: &[Objective]) -> Vec<i64> {
    minimisation_key(&values(cat, a, objectives), objectives)
}

/// The vectors of `pts` that no other vector dominates.
fn nondominated_set(pts: &[Vec<i64>]) -> BTreeSet<Vec<i64>> {
    pts.iter()
        .filter(|p| {
            !pts.iter()
                .any(|q| q.iter().zip(p.iter()).all(|(a, b)| a <= b) && q != *p)
        })
        .cloned()
        .collect()
}

/// Nondominated objective vectors by enumeration (maximised objectives compared reversed).
fn brute_front(cat: &Catalogue, objectives: &[Objective]) -> BTreeSet<Vec<i64>> {
    let pts: Vec<Vec<i64>> = all_allocations(cat)
        .iter()
        .map(|a| enumerated_key(cat, a, objectives))
        .collect();
    nondominated_set(&pts)
}

/// The chosen objectives of a proposal in minimisation form, in tenths of the natural unit.
fn key(p: &pareto::proposal::Proposal, objectives: &[Objective]) -> Vec<i64> {
    let natural: Vec<f64> = objectives.iter().map(|o| p.objectives[o.name()]).collect();
    minimisation_key(&natural, objectives)
}

/// The allocation of a proposal as town indices of `cat`.
fn allocation_of(cat: &Catalogue, p: &pareto::proposal::Proposal) -> Allocation {
    cat.functions
        .iter()
        .map(|f| {
            p.allocation[&f.id]
                .iter()
                .map(|t| cat.towns.iter().position(|x| &x.id == t).unwrap())
                .collect()
        })
        .collect()
}

fn solver_front(cat: &Catalogue, objectives: &[Objective]) -> BTreeSet<Vec<i64>> {
    let set = pareto::run(cat, objectives, &ParetoOptions::default(), &|_| {}).unwrap();
    assert!(set.complete, "{}", set.note);
    assert!(set.proposals.iter().all(|p| p.verified));
    set.proposals.iter().map(|p| key(p, objectives)).collect()
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
        [Access, PtReach, Change],
        [PtAccess, Coverage, Balance],
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

/// The ÖPNV objectives differ from their car counterparts on this catalogue (else the
/// brute-force comparison would not test the ÖPNV matrix).
#[test]
fn public_transport_objectives_are_not_the_car_ones() {
    use Objective::*;
    let cat = catalogue();
    assert_ne!(
        brute_front(&cat, &[Access, Change]),
        brute_front(&cat, &[PtAccess, Change])
    );
    let reach = brute_front(&cat, &[PtReach, Balance]);
    assert!(
        reach.iter().all(|v| v[0] > 0),
        "someone misses the ÖPNV threshold"
    );
    assert_ne!(brute_front(&cat, &[PtAccess, PtReach]).len(), 0);
}

/// Readable units: access as mean minutes per inhabitant and function, coverage and ÖPNV reach
/// as a share of the (importance-weighted) inhabitants.
#[test]
fn readable_values_are_means_and_shares() {
    let cat = catalogue();
    let set = pareto::run(
        &cat,
        &[Objective::Access, Objective::Coverage],
        &ParetoOptions::default(),
        &|_| {},
    )
    .unwrap();
    let weight: f64 = cat
        .functions
        .iter()
        .map(|f| f.importance as f64)
        .sum::<f64>()
        * cat.places.iter().map(|p| p.population as f64).sum::<f64>();
    for p in std::iter::once(&set.status_quo).chain(&set.proposals) {
        let r = |name: &str| p.readable[name].value;
        assert!((r("access") - p.objectives["access"] / weight).abs() < 1e-9);
        assert!((r("coverage") - 100.0 * p.objectives["coverage"] / weight).abs() < 1e-9);
        assert!((r("pt_reach") - 100.0 * p.objectives["pt_reach"] / weight).abs() < 1e-9);
        assert!((r("pt_access") - p.objectives["pt_access"] / weight).abs() < 1e-9);
        assert_eq!(r("balance"), p.objectives["balance"]);
        assert_eq!(
            p.readable["coverage"].unit,
            "% der Einwohner im Schwellenwert (gewichtet)"
        );
    }
    let units: Vec<&str> = set
        .all_objectives
        .iter()
        .map(|o| o.readable_unit.as_str())
        .collect();
    assert_eq!(units.len(), 8);
    assert!(units[0].starts_with("min je Einwohner"));
}

/// Without ÖPNV times the ÖPNV objectives are neither evaluated nor selectable.
#[test]
fn public_transport_objectives_need_times() {
    let cat = read(&small_dir(), &CatalogueOptions::default()).unwrap();
    let err = pareto::run(
        &cat,
        &[Objective::Access, Objective::PtReach],
        &ParetoOptions::default(),
        &|_| {},
    )
    .unwrap_err()
    .to_string();
    assert_eq!(err, "objective 'pt_reach' needs public-transport travel times, which this catalogue does not have (give --pt-matrix FILE)");
    let set = pareto::run(
        &cat,
        &[Objective::Access, Objective::Change],
        &ParetoOptions::default(),
        &|_| {},
    )
    .unwrap();
    assert!(!set.status_quo.objectives.contains_key("pt_access"));
    assert_eq!(set.all_objectives.len(), 6);
}

/// --lock uni=alpha and --forbid klinik=gamma: every proposal honours both, the front equals
/// the enumeration over the allocations that honour them, and it differs from the free front.
#[test]
fn locks_and_forbids_restrict_the_front_as_enumerated() {
    use Objective::*;
    let free = catalogue();
    let mut cat = catalogue();
    let pinned = what_if::apply(
        &mut cat,
        &small_dir(),
        &["uni=alpha".into()],
        &["klinik=gamma".into()],
    )
    .unwrap();
    assert_eq!(pinned.locks.len(), 1);
    let objs = [Access, PtReach, Change];
    let set = pareto::run(&cat, &objs, &ParetoOptions::default(), &|_| {}).unwrap();
    for p in &set.proposals {
        assert_eq!(p.allocation["uni"], ["alpha"]);
        assert_eq!(p.allocation["klinik"], ["alpha", "beta"]);
    }
    let restricted: Vec<Vec<i64>> = all_allocations(&free)
        .iter()
        .filter(|a| a[0] == [0] && !a[1].contains(&2))
        .map(|a| enumerated_key(&free, a, &objs))
        .collect();
    let brute = nondominated_set(&restricted);
    let computed: BTreeSet<Vec<i64>> = set.proposals.iter().map(|p| key(p, &objs)).collect();
    assert_eq!(computed, brute);
    assert_ne!(computed, brute_front(&free, &objs));
}

/// --scenario on the small catalogue: a population shifted towards Ostdorf. Every base
/// proposal's class equals the one found by enumeration (nondominated under the scenario;
/// else within 1 % when some point of the scenario front is better by at most 1 % of its range
/// in every objective), and the scenario proposals listed as new are exactly the scenario-front
/// points that the base population's front dominates.
#[test]
fn scenario_classes_match_enumeration() {
    use Objective::*;
    let base = catalogue();
    for (factors, objs) in [
        ([70, 95, 60, 140], vec![Access, Balance]),
        ([70, 95, 60, 140], vec![PtReach, Change, Synergy]),
        ([90, 110, 100, 100], vec![Access, PtReach, Change]),
    ] {
        let mut future = catalogue();
        for (p, factor) in future.places.iter_mut().zip(factors) {
            p.population = p.population * factor / 100;
        }
        future.scenario = Some("2035".into());
        let set = pareto::scenario::run(&base, &future, &objs, &ParetoOptions::default(), &|_| {})
            .unwrap();
        let summary = set.scenario.as_ref().unwrap();
        let scenario_front = brute_front(&future, &objs);
        assert_eq!(summary.front_size, scenario_front.len());
        assert!(summary.complete);
        let range: Vec<i64> = (0..objs.len())
            .map(|k| {
                let v = scenario_front.iter().map(|p| p[k]);
                (v.clone().max().unwrap() - v.min().unwrap()).max(10) // tenths: one unit = 10
            })
            .collect();
        let mut counts = [0; 3];
        for p in &set.proposals {
            let e = p.scenario.as_ref().unwrap();
            let v = enumerated_key(&future, &allocation_of(&base, p), &objs);
            let dominated = scenario_front
                .iter()
                .any(|q| q.iter().zip(&v).all(|(a, b)| a <= b) && *q != v);
            let near = scenario_front
                .iter()
                .any(|q| (0..objs.len()).all(|k| 100 * (v[k] - q[k]).max(0) <= range[k]));
            let expected = match (dominated, near) {
                (false, _) => "optimal",
                (true, true) => "within_1pct",
                (true, false) => "outside",
            };
            assert_eq!(e.class, expected, "{} under {objs:?}", p.id);
            counts[["optimal", "within_1pct", "outside"]
                .iter()
                .position(|c| *c == expected)
                .unwrap()] += 1;
        }
        assert_eq!(
            [summary.stays_optimal, summary.within_1pct, summary.outside],
            counts
        );
        // new: scenario-front allocations that are dominated under the base population
        let base_front = brute_front(&base, &objs);
        for s in &summary.new_proposals {
            let at_base = enumerated_key(&base, &allocation_of(&base, s), &objs);
            assert!(
                !base_front.contains(&at_base),
                "{} is on the base front",
                s.id
            );
        }
        assert_eq!(summary.status_quo.id, "status_quo");
    }
}

/// The classification itself on hand-made vectors: ranges of at least one unit, "within 1 %"
/// needs one front point close in every objective at once, not a different one per objective.
#[test]
fn within_one_percent_needs_one_point_close_in_every_objective() {
    use impuls::pareto::objective::{Values, COUNT};
    use impuls::pareto::scenario::{classify, Class};
    let at = |access: i64, change: i64| {
        let mut v: Values = [0; COUNT];
        v[0] = access;
        v[3] = change;
        v
    };
    let objs = [Objective::Access, Objective::Change];
    // ranges: access 10 000, change 200
    let front = [at(0, 200), at(5_000, 100), at(10_000, 0)];
    assert_eq!(
        classify(&front, &at(5_000, 100), &objs),
        (Class::Optimal, 0.0)
    );
    assert_eq!(
        classify(&front, &at(5_100, 102), &objs),
        (Class::Within1Pct, 1.0)
    );
    // 1 % behind (0, 200) in access and 1 % behind (10 000, 0) in change, but 2 % behind
    // each point in some objective
    let (class, gap) = classify(&front, &at(5_100, 103), &objs);
    assert_eq!(class, Class::Outside);
    assert!((gap - 1.5).abs() < 1e-12, "{gap}");
    // a single-point front: any shortfall of one unit is 100 %
    let single = [at(7, 3)];
    assert_eq!(classify(&single, &at(7, 3), &objs).0, Class::Optimal);
    assert_eq!(classify(&single, &at(8, 3), &objs), (Class::Outside, 100.0));
}
