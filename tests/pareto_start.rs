//! The local search that gives the Pareto stages their MIP starts (`pareto::start`), on the
//! Harz instance and the small test catalogue: its allocations satisfy every constraint and
//! bound, its values are the exact evaluation, it never beats a proven lexicographic optimum,
//! and it keeps locks and capacities.

mod common;

use common::catalogue;
use impuls::pareto::front::LexOracle;
use impuls::pareto::objective::{check_feasible, evaluate, pick, Allocation, Objective};
use impuls::pareto::oracle::MipOracle;
use impuls::pareto::start::local_search;

use Objective::{Access, Balance, Change, Synergy};

fn key(values: &impuls::pareto::objective::Values, order: &[Objective]) -> Vec<i64> {
    order.iter().map(|&o| pick(values, o)).collect()
}

/// A lexicographic order and the bounds.
type Query = (Vec<Objective>, Vec<(Objective, i64)>);

/// Queries of the kind the Harz default front asks: access first, balance and change bounded.
fn harz_queries() -> Vec<Query> {
    let order = vec![Access, Balance, Change];
    [(40, 60), (20, 30), (10, 20), (6, 12), (4, 40)]
        .into_iter()
        .map(|(b, c)| (order.clone(), vec![(Balance, b), (Change, c)]))
        .chain([
            (vec![Balance, Access, Change], vec![(Change, 20)]),
            (vec![Change, Access, Balance], vec![(Balance, 8)]),
        ])
        .collect()
}

#[test]
fn harz_starts_are_feasible_exact_and_never_better_than_the_proven_optimum() {
    let cat = catalogue("instances/harz");
    let oracle = MipOracle {
        cat: &cat,
        deadline: None,
    };
    // a feasible allocation far from most answers: the one with the fewest relocations
    let from = oracle
        .lexmin(&[Change, Access, Balance], &[], &[])
        .unwrap()
        .unwrap()
        .alloc;
    let mut found = 0;
    for (order, bounds) in harz_queries() {
        let optimum = oracle
            .lexmin(&order, &bounds, &[])
            .unwrap()
            .expect("every Harz query here is feasible");
        // the search may fail to reach the bounds from far away, never mislead
        if let Some((alloc, values)) = local_search(&cat, &order, &bounds, &[&from]) {
            found += 1;
            check_feasible(&cat, &alloc).unwrap();
            assert_eq!(
                values,
                evaluate(&cat, &alloc),
                "values are the exact evaluation"
            );
            for &(o, b) in &bounds {
                assert!(
                    pick(&values, o) <= b,
                    "{} = {} > {b}",
                    o.name(),
                    pick(&values, o)
                );
            }
            assert!(
                key(&values, &order) >= key(&optimum.values, &order),
                "a heuristic start beat the proven optimum under {bounds:?}"
            );
        }
        // started from the optimum itself, the search keeps its values (nothing is better)
        let (_, values) = local_search(&cat, &order, &bounds, &[&optimum.alloc]).unwrap();
        assert_eq!(key(&values, &order), key(&optimum.values, &order));
    }
    assert!(
        found >= 5,
        "the search reached feasibility for only {found} of 7 queries"
    );
}

#[test]
fn harz_start_repairs_the_previous_point_of_a_walk() {
    // an ε-walk tightens the balance bound below the last point's balance: the search moves
    // that point back into the bounds
    let cat = catalogue("instances/harz");
    let oracle = MipOracle {
        cat: &cat,
        deadline: None,
    };
    let order = [Access, Balance, Change];
    let loose = oracle
        .lexmin(&order, &[(Change, 30)], &[])
        .unwrap()
        .unwrap();
    let tighter = pick(&loose.values, Balance) - 1;
    let bounds = [(Change, 30), (Balance, tighter)];
    let (alloc, values) = local_search(&cat, &order, &bounds, &[&loose.alloc])
        .expect("one or two moves restore the balance bound");
    check_feasible(&cat, &alloc).unwrap();
    assert!(pick(&values, Balance) <= tighter);
    assert!(pick(&values, Change) <= 30);
    let optimum = oracle
        .lexmin(&order, &bounds, &[&loose.alloc])
        .unwrap()
        .unwrap();
    assert!(key(&values, &order) >= key(&optimum.values, &order));
}

#[test]
fn small_catalogue_starts_keep_locks_and_capacities() {
    // four towns with capacities (tests/data/small_catalogue), and a lock as `--lock uni=gamma`
    let mut cat = catalogue("tests/data/small_catalogue");
    assert!(cat.towns.iter().any(|t| t.capacity.is_some()));
    let uni = cat.functions.iter().position(|f| f.id == "uni").unwrap();
    let gamma = cat.towns.iter().position(|t| t.id == "gamma").unwrap();
    cat.locks.push((uni, gamma));
    let cat = cat;
    let oracle = MipOracle {
        cat: &cat,
        deadline: None,
    };
    let mut starts = Vec::new();
    for order in [
        [Access, Balance, Change],
        [Change, Access, Balance],
        [Synergy, Access, Change],
    ] {
        starts.push(oracle.lexmin(&order, &[], &[]).unwrap().unwrap());
    }
    let mut found = 0;
    for order in [[Access, Balance, Change], [Balance, Change, Access]] {
        for bounds in [vec![(Change, 2)], vec![(Balance, 3), (Change, 6)], vec![]] {
            let from: Vec<&Allocation> = starts.iter().map(|p| &p.alloc).collect();
            let Some((alloc, values)) = local_search(&cat, &order, &bounds, &from) else {
                continue;
            };
            found += 1;
            check_feasible(&cat, &alloc).unwrap();
            for &(f, t) in &cat.locks {
                assert!(
                    alloc[f].contains(&t),
                    "lock of {} lost",
                    cat.functions[f].id
                );
            }
            for &(o, b) in &bounds {
                assert!(pick(&values, o) <= b);
            }
            let optimum = oracle.lexmin(&order, &bounds, &[]).unwrap().unwrap();
            assert!(key(&values, &order) >= key(&optimum.values, &order));
        }
    }
    assert!(
        found >= 2,
        "the search met the bounds for only {found} of 6 queries"
    );
}
