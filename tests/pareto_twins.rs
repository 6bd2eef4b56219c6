//! Interchangeable functions (`pareto::robust::interchangeable`) on the Harz instance and the
//! small test catalogue: swapping the towns of two functions declared interchangeable for a set
//! of objectives never changes those objectives or feasibility, on many random allocations;
//! and a pair that differs in something an objective reads is not declared interchangeable.

mod common;

use common::catalogue;
use impuls::instance::catalogue::Catalogue;
use impuls::pareto::objective::{available, check_feasible, evaluate, pick, Allocation, Objective};
use impuls::pareto::robust::interchangeable;

/// A deterministic pseudo-random allocation: every function in `sites` distinct allowed towns
/// (locks kept), capacities not enforced.
fn random_allocation(cat: &Catalogue, seed: &mut u64) -> Allocation {
    let mut next = |n: usize| {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((*seed >> 33) % n as u64) as usize
    };
    cat.functions
        .iter()
        .enumerate()
        .map(|(f, func)| {
            let mut towns: Vec<usize> = cat
                .locks
                .iter()
                .filter(|&&(lf, _)| lf == f)
                .map(|&(_, t)| t)
                .collect();
            while towns.len() < func.sites {
                let t = func.allowed[next(func.allowed.len())];
                if !towns.contains(&t) {
                    towns.push(t);
                }
            }
            towns.sort_unstable();
            towns
        })
        .collect()
}

/// Every 3-element subset of the catalogue's objectives.
fn objective_sets(cat: &Catalogue) -> Vec<Vec<Objective>> {
    let all = available(cat);
    let mut out = Vec::new();
    for i in 0..all.len() {
        for j in i + 1..all.len() {
            for k in j + 1..all.len() {
                out.push(vec![all[i], all[j], all[k]]);
            }
        }
    }
    out
}

fn swaps_keep_values(dir: &str) -> usize {
    let cat = catalogue(dir);
    let mut seed = 7;
    let samples: Vec<Allocation> = (0..200)
        .map(|_| random_allocation(&cat, &mut seed))
        .collect();
    let mut pairs = 0;
    for objectives in objective_sets(&cat) {
        for (f, twins) in interchangeable(&cat, &objectives).into_iter().enumerate() {
            for g in twins {
                pairs += 1;
                for a in &samples {
                    let mut b = a.clone();
                    b.swap(f, g);
                    let (va, vb) = (evaluate(&cat, a), evaluate(&cat, &b));
                    for &o in &objectives {
                        assert_eq!(
                            pick(&va, o),
                            pick(&vb, o),
                            "{dir}: swapping {} and {} changes {}",
                            cat.functions[f].id,
                            cat.functions[g].id,
                            o.name()
                        );
                    }
                    assert_eq!(
                        check_feasible(&cat, a).is_ok(),
                        check_feasible(&cat, &b).is_ok()
                    );
                }
            }
        }
    }
    pairs
}

#[test]
fn swapping_harz_twins_never_changes_their_objectives() {
    let pairs = swaps_keep_values("instances/harz");
    assert!(
        pairs >= 100,
        "only {pairs} twin pairs over all objective sets"
    );
}

#[test]
fn swapping_small_catalogue_twins_never_changes_their_objectives() {
    swaps_keep_values("tests/data/small_catalogue");
}

#[test]
fn harz_twins_of_the_default_front_and_what_tells_them_apart() {
    use Objective::{Access, Balance, Change, Coverage, Synergy};
    let cat = catalogue("instances/harz");
    let id = |f: usize| cat.functions[f].id.as_str();
    let of = |name: &str, objectives: &[Objective]| -> Vec<String> {
        let f = cat.functions.iter().position(|x| x.id == name).unwrap();
        interchangeable(&cat, objectives)[f]
            .iter()
            .map(|&g| id(g).to_string())
            .collect()
    };
    let default = [Access, Balance, Change];
    assert_eq!(of("regionalplanung", &default), ["regionalverband_harz"]);
    assert_eq!(
        of("bamf_aussenstelle", &default),
        ["landesstrassenbaubehoerde"]
    );
    assert_eq!(
        of("stadion", &default),
        ["mehrzweckarena", "museum_ueberregional"]
    );
    // the Hochschule campus has no twin: nothing else has its importance and size
    assert!(of("hochschule_hauptstandort", &default).is_empty());
    // locked functions never swap
    assert!(of("welterbe_quedlinburg", &default).is_empty());
    // the finance office differs from the museum only in its status quo (and threshold)
    assert!(!of("finanzamt", &default).contains(&"museum_ueberregional".to_string()));
    assert!(!of("finanzamt", &[Access, Balance, Coverage])
        .contains(&"museum_ueberregional".to_string()));
    assert!(of("finanzamt", &[Access, Balance, Synergy]).contains(&"stadion".to_string()));
}
