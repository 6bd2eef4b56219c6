//! The p-median heuristics (impuls::solve::heuristic::{swap, vns, pmedian}): the fast
//! interchange reaches the same local optimum as the plain one, its incremental state matches
//! a fresh evaluation, its local optima admit no improving swap, and the VNS reaches the
//! brute-force optimum of small list models (truncated lists with `beyond`, required sites),
//! the confined VNS keeps exact costs, and the interchange on incrementally kept tables
//! (`fast_swap`) prices every swap exactly and reaches the same optima.

mod common;
use common::bench_dir;
use impuls::distance::{CandidateLists, Scope};
use impuls::instance::orlib;
use impuls::solve::heuristic::fast_swap::FastSwapper;
use impuls::solve::heuristic::pmedian::{greedy_interchange, greedy_plain_interchange};
use impuls::solve::heuristic::swap::{Interchange, SearchSpace, Swapper};
use impuls::solve::heuristic::vns::{vns, VnsOptions, Worker};
use proptest::prelude::*;

/// A random list model: `n` points, `m` sites, integer impedances, lists cut to `k` entries.
#[derive(Debug, Clone)]
struct Model {
    lists: CandidateLists,
    weights: Vec<f64>,
    m: usize,
    p: usize,
    required: Vec<usize>,
}

/// Cost over the lists: nearest open listed site, else `beyond`, else a penalty of 1e6.
fn cost(model: &Model, open: &[usize]) -> f64 {
    (0..model.lists.len())
        .map(|i| {
            let d = model
                .lists
                .list(i)
                .iter()
                .find(|(j, _)| open.contains(&(*j as usize)))
                .map(|&(_, d)| d)
                .or(model.lists.beyond(i))
                .unwrap_or(1e6);
            model.weights[i] * d
        })
        .sum()
}

/// Every feasible open set (p sites with all required ones), as sorted vectors.
fn feasible(model: &Model) -> Vec<Vec<usize>> {
    (0u32..1 << model.m)
        .filter(|mask| mask.count_ones() as usize == model.p)
        .map(|mask| {
            (0..model.m)
                .filter(|j| mask >> j & 1 == 1)
                .collect::<Vec<_>>()
        })
        .filter(|s| model.required.iter().all(|r| s.contains(r)))
        .collect()
}

fn model() -> impl Strategy<Value = Model> {
    (2..12usize, 2..8usize).prop_flat_map(|(n, m)| {
        (
            prop::collection::vec(prop::collection::vec(0..50u32, m), n),
            prop::collection::vec(1..10u32, n),
            1..=m,
            1..=m,
            prop::collection::vec(prop::bool::weighted(0.1), m),
        )
            .prop_map(move |(d, w, k, p, req)| {
                let mut lists = Vec::new();
                let mut beyond = Vec::new();
                for row in &d {
                    let mut l: Vec<(u32, f64)> = row
                        .iter()
                        .enumerate()
                        .map(|(j, &v)| (j as u32, v as f64))
                        .collect();
                    l.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
                    beyond.push(l.get(k).map(|x| x.1));
                    l.truncate(k);
                    lists.push(l);
                }
                let mut required: Vec<usize> = (0..m).filter(|&j| req[j]).collect();
                required.truncate(p);
                Model {
                    lists: CandidateLists::from_lists(lists, beyond),
                    weights: w.into_iter().map(f64::from).collect(),
                    m,
                    p,
                    required,
                }
            })
    })
}

/// The best swap over every valid pair by brute force: (profit, site in, site out), ties to
/// the largest profit only.
fn brute_best_swap(model: &Model, open: &[usize]) -> Option<f64> {
    let c = cost(model, open);
    let mut best: Option<f64> = None;
    for &g in open.iter().filter(|g| !model.required.contains(g)) {
        for f in (0..model.m).filter(|f| !open.contains(f)) {
            let t: Vec<usize> = open.iter().map(|&j| if j == g { f } else { j }).collect();
            let profit = c - cost(model, &t);
            best = Some(best.map_or(profit, |b: f64| b.max(profit)));
        }
    }
    best
}

/// The search space of a model.
fn space_of(model: &Model) -> SearchSpace<'_> {
    SearchSpace::new(
        &model.lists,
        &model.weights,
        model.m,
        model.p,
        &model.required,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn incremental_state_matches_a_fresh_evaluation(model in model(), moves in prop::collection::vec((0..8usize, 0..8usize), 0..12)) {
        let space = space_of(&model);
        let mut s = Swapper::new(&space, &[]);
        s.greedy();
        prop_assert_eq!(s.open_sites().len(), model.p);
        for (a, b) in moves {
            let (f, g) = (a % model.m, b % model.m);
            if !s.is_open(f) && s.is_open(g) && !space.is_fixed(g) {
                s.flip(Some(f), Some(g));
            }
            let fresh = Swapper::new(&space, &s.open_sites());
            prop_assert_eq!(s.cost(), fresh.cost());
            prop_assert_eq!(s.cost(), cost(&model, &s.open_sites()));
        }
    }

    /// Over the whole instance the confined evaluation is the full one.
    #[test]
    fn the_confined_best_swap_over_everything_is_the_best_swap(model in model()) {
        let space = space_of(&model);
        let mut s = Swapper::new(&space, &[]);
        s.greedy();
        let open = s.open_sites();
        let all: Vec<usize> = (0..model.m).collect();
        prop_assert_eq!(s.best_swap_within(&open, &all), s.best_swap());
    }

    #[test]
    fn local_optima_admit_no_improving_swap(model in model()) {
        let space = space_of(&model);
        let mut s = Swapper::new(&space, &[]);
        s.greedy();
        s.local_search(u64::MAX);
        let open = s.open_sites();
        let c = cost(&model, &open);
        prop_assert_eq!(s.cost(), c);
        for g in open.iter().filter(|g| !model.required.contains(g)) {
            for f in (0..model.m).filter(|f| !open.contains(f)) {
                let mut t: Vec<usize> = open.iter().copied().filter(|j| j != g).collect();
                t.push(f);
                prop_assert!(cost(&model, &t) >= c, "swap {f} for {g} improves {open:?}");
            }
        }
        prop_assert_eq!(open.clone(), greedy_interchange(&model.lists, &model.weights, model.m, model.p, &model.required));
        prop_assert_eq!(open, greedy_plain_interchange(&model.lists, &model.weights, model.m, model.p, &model.required));
    }

    #[test]
    fn vns_reaches_the_brute_force_optimum(model in model()) {
        let best = feasible(&model).iter().map(|s| cost(&model, s)).fold(f64::INFINITY, f64::min);
        let space = space_of(&model);
        let start = greedy_interchange(&model.lists, &model.weights, model.m, model.p, &model.required);
        let options = VnsOptions { work: 20_000, ..Default::default() };
        let (open, c) = vns(&space, &start, &options);
        prop_assert_eq!(c, cost(&model, &open));
        prop_assert_eq!(open.len(), model.p);
        prop_assert!(model.required.iter().all(|r| open.contains(r)));
        prop_assert_eq!(c, best);
    }

    /// The confined worker keeps its cost bookkeeping exact, keeps p sites with the required
    /// ones and never ends worse than its start (it cannot reach every site, so unlike the
    /// full VNS it may miss the optimum).
    #[test]
    fn confined_vns_keeps_exact_costs_and_never_worsens(model in model()) {
        let space = space_of(&model);
        let start = greedy_interchange(&model.lists, &model.weights, model.m, model.p, &model.required);
        let options = VnsOptions { work: 80_000, worker: Worker::Local, workers: 1, rounds: 1, ..Default::default() };
        let (open, c) = vns(&space, &start, &options);
        prop_assert!((c - cost(&model, &open)).abs() <= 1e-9 * c.abs().max(1.0));
        prop_assert_eq!(open.len(), model.p);
        prop_assert!(model.required.iter().all(|r| open.contains(r)));
        prop_assert!(c <= cost(&model, &start));
    }

    /// After any sequence of swaps the kept tables price the best swap as a fresh evaluation
    /// of every pair does, and the cost is the list model's.
    #[test]
    fn kept_tables_price_the_best_swap_exactly(model in model(), moves in prop::collection::vec((0..8usize, 0..8usize), 0..12)) {
        let space = space_of(&model);
        let mut g = Swapper::new(&space, &[]);
        g.greedy();
        let mut s = FastSwapper::new(&space, &g.open_sites());
        for (a, b) in moves {
            let (f, g) = (a % model.m, b % model.m);
            if !s.is_open(f) && s.is_open(g) && !space.is_fixed(g) {
                s.swap(f, g);
            }
            let open = s.open_sites();
            prop_assert_eq!(s.cost(), cost(&model, &open));
            let best = s.best_swap().map(|b| b.2);
            prop_assert_eq!(best, brute_best_swap(&model, &open));
        }
    }

    #[test]
    fn kept_tables_reach_the_plain_local_optimum(model in model()) {
        let space = space_of(&model);
        let mut g = Swapper::new(&space, &[]);
        g.greedy();
        let mut s = FastSwapper::new(&space, &g.open_sites());
        s.local_search(u64::MAX);
        let open = s.open_sites();
        prop_assert_eq!(s.cost(), cost(&model, &open));
        prop_assert!(brute_best_swap(&model, &open).is_none_or(|b| b <= 0.0));
        // same greedy start, same best-improvement rule: the plain search's optimum
        g.local_search(u64::MAX);
        prop_assert_eq!(s.cost(), g.cost());
    }

    #[test]
    fn vns_on_kept_tables_reaches_the_brute_force_optimum(model in model()) {
        let best = feasible(&model).iter().map(|s| cost(&model, s)).fold(f64::INFINITY, f64::min);
        let space = space_of(&model);
        let start = greedy_interchange(&model.lists, &model.weights, model.m, model.p, &model.required);
        let options = VnsOptions { work: 20_000, worker: Worker::Fast, ..Default::default() };
        let (open, c) = vns(&space, &start, &options);
        prop_assert_eq!(c, cost(&model, &open));
        prop_assert_eq!(open.len(), model.p);
        prop_assert!(model.required.iter().all(|r| open.contains(r)));
        prop_assert_eq!(c, best);
    }
}

/// On OR-Library instances the fast interchange must stop at the plain interchange's local
/// optimum: same greedy start, same best-improvement rule and tie-breaking, integer data.
#[test]
fn fast_interchange_equals_plain_interchange_on_orlib() {
    let Some(dir) = bench_dir() else { return };
    for name in ["pmed1", "pmed2", "pmed6", "pmed7", "pmed11"] {
        let model = orlib_model(&dir, name);
        let (lists, w, m, p) = (&model.lists, &model.weights, model.m, model.p);
        let fast = greedy_interchange(lists, w, m, p, &[]);
        let plain = greedy_plain_interchange(lists, w, m, p, &[]);
        assert_eq!(fast, plain, "{name}");
    }
}

/// The VNS result does not depend on the number of threads.
#[test]
fn vns_is_deterministic_across_thread_counts() {
    let Some(dir) = bench_dir() else { return };
    let model = orlib_model(&dir, "pmed11");
    let space = space_of(&model);
    let start = greedy_interchange(&model.lists, &model.weights, model.m, model.p, &[]);
    let options = VnsOptions {
        work: 2_000_000,
        ..Default::default()
    };
    let run = |threads: usize| with_threads(threads, || vns(&space, &start, &options));
    let one = run(1);
    assert_eq!(one, run(2));
    assert_eq!(one, run(3));
}

/// The VNS on kept tables reaches the optimum of OR-Library instances (their published
/// values), and its result does not depend on the number of threads.
#[test]
fn vns_on_kept_tables_reaches_orlib_optima_whatever_the_thread_count() {
    let Some(dir) = bench_dir() else { return };
    for (name, optimum) in [("pmed4", 3034.0), ("pmed9", 2734.0), ("pmed15", 1729.0)] {
        let model = orlib_model(&dir, name);
        let space = space_of(&model);
        let start = greedy_interchange(&model.lists, &model.weights, model.m, model.p, &[]);
        let options = VnsOptions {
            work: 20_000_000,
            worker: Worker::Fast,
            workers: 2,
            ..Default::default()
        };
        let run = |threads: usize| with_threads(threads, || vns(&space, &start, &options));
        let one = run(1);
        assert_eq!(one.1, optimum, "{name}");
        assert_eq!(one, run(2), "{name}");
    }
}

/// `f` run on a rayon pool of `threads` threads.
fn with_threads<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
        .install(f)
}

/// An OR-Library p-median instance as a (complete) list model.
fn orlib_model(dir: &std::path::Path, name: &str) -> Model {
    let (inst, p) = orlib::read_with_p(&dir.join(format!("orlib-pmed/{name}.txt"))).unwrap();
    Model {
        lists: CandidateLists::build(&inst, Scope::All),
        weights: inst.demand.iter().map(|d| d.weight).collect(),
        m: inst.sites.len(),
        p,
        required: Vec::new(),
    }
}
