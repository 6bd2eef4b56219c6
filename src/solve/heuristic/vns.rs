//! Deterministic parallel variable neighbourhood search for the p-median (Hansen & Mladenović
//! 1997) on top of the fast interchange of [`super::swap`].
//!
//! Work is split into rounds. In every round a fixed number of workers start from the best
//! solution so far; worker `w` shakes it with `k` random swaps (its own seeded generator), runs
//! the local search, keeps the result if it is better and otherwise widens `k`. Each worker
//! stops after a fixed amount of work counted in list entries read, not seconds, and the best
//! of the round is chosen by (cost, worker). So the result depends on neither the thread count
//! nor the machine's speed; only a deadline that cuts the search short makes it timing
//! dependent (and it is still a valid solution).

use super::swap::{descend, Interchange, SearchSpace, Swapper};
use rayon::prelude::*;
use std::time::Instant;

/// How long and how wide to search.
#[derive(Debug, Clone, Copy)]
pub struct VnsOptions {
    /// Workers per round (independent of the number of threads).
    pub workers: usize,
    /// Rounds; each starts every worker from the best solution of the previous one.
    pub rounds: usize,
    /// Work per worker and round, in list entries read.
    pub work: u64,
    /// Largest number of random swaps in a shake.
    pub k_max: usize,
    /// Seed of the workers' generators.
    pub seed: u64,
    /// Stop early (between local searches) at this instant.
    pub deadline: Option<Instant>,
    /// The local search the workers shake and descend with.
    pub worker: Worker,
}

/// The worker of a VNS round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Worker {
    /// Shakes anywhere, descents with [`Swapper::best_swap`] (tables rebuilt per move).
    Plain,
    /// Shakes and descents confined to a few neighbouring medians ([`super::local_vns`]), for
    /// a large p.
    Local,
    /// Shakes anywhere, descents with the tables kept up to date between moves
    /// ([`super::fast_swap`]), for a small p on a large instance.
    Fast,
}

impl Default for VnsOptions {
    fn default() -> Self {
        VnsOptions {
            workers: 4,
            rounds: 4,
            work: 50_000_000,
            k_max: 5,
            seed: 0x5eed,
            deadline: None,
            worker: Worker::Plain,
        }
    }
}

/// SplitMix64: a small, fast generator with a fixed sequence per seed.
pub(crate) struct SplitMix(pub(crate) u64);

impl SplitMix {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 11) as u128 * n as u128) >> 53) as usize
    }
}

/// Improves `start` (p sites, required ones included) by VNS; returns the best open set found,
/// sorted, and its cost over the lists.
///
/// ```
/// use impuls::distance::CandidateLists;
/// use impuls::solve::heuristic::swap::SearchSpace;
/// use impuls::solve::heuristic::vns::{vns, VnsOptions};
/// let pts = [0.0f64, 1.0, 10.0, 11.0];
/// let lists = (0..4).map(|i| { let mut l: Vec<(u32, f64)> = (0..4).map(|j| (j as u32, (pts[i] - pts[j]).abs())).collect();
///     l.sort_by(|a, b| a.1.total_cmp(&b.1)); l }).collect();
/// let c = CandidateLists::from_lists(lists, vec![None; 4]);
/// let w = [1.0; 4];
/// let space = SearchSpace::new(&c, &w, 4, 2, &[]);
/// let (open, cost) = vns(&space, &[0, 1], &VnsOptions { work: 10_000, ..Default::default() });
/// assert_eq!(cost, 2.0);
/// assert_eq!(open.len(), 2);
/// ```
pub fn vns(space: &SearchSpace, start: &[usize], options: &VnsOptions) -> (Vec<usize>, f64) {
    let mut best = Swapper::new(space, start).open_sites();
    let mut best_cost = Swapper::new(space, &best).cost();
    let free_open = best.iter().filter(|&&j| !space.is_fixed(j)).count();
    if free_open == 0 || space.n_sites() <= space.p() {
        return (best, best_cost);
    }
    for round in 0..options.rounds {
        if past(options.deadline) {
            break;
        }
        let results: Vec<(f64, Vec<usize>)> = (0..options.workers)
            .into_par_iter()
            .map(|w| {
                let seed = options
                    .seed
                    .wrapping_mul(0x2545_f491_4f6c_dd1d)
                    .wrapping_add((round * options.workers + w) as u64);
                match options.worker {
                    Worker::Plain => worker(space, &best, options, seed),
                    Worker::Local => super::local_vns::worker(space, &best, options, seed),
                    Worker::Fast => super::fast_vns::worker(space, &best, options, seed),
                }
            })
            .collect();
        // ties go to the lowest worker: the same choice whatever the scheduling
        for (cost, open) in results {
            if cost < best_cost - 1e-9 * best_cost.abs().max(1.0) {
                best_cost = cost;
                best = open;
            }
        }
    }
    (best, best_cost)
}

/// A worker's swapper at `start` after a full local search (stopped by the deadline).
pub(crate) fn descended<'s, 'a>(
    space: &'s SearchSpace<'a>,
    start: &[usize],
    options: &VnsOptions,
) -> Swapper<'s, 'a> {
    let mut s = Swapper::new(space, start);
    s.deadline = options.deadline;
    s.local_search(u64::MAX);
    s
}

/// One worker's VNS from `start` with its own generator.
fn worker(
    space: &SearchSpace,
    start: &[usize],
    options: &VnsOptions,
    seed: u64,
) -> (f64, Vec<usize>) {
    shake_and_descend(space, descended(space, start, options), options, seed)
}

/// The VNS loop from `s` (a local optimum): shake the best solution with `k` random swaps,
/// descend, keep the result if it is cheaper (back to `k` = 1), else return to the best and
/// widen `k`; until `options.work` more work is done or the deadline passes. Returns the cost
/// and open sites of the best solution.
pub(crate) fn shake_and_descend(
    space: &SearchSpace,
    mut s: impl Interchange,
    options: &VnsOptions,
    seed: u64,
) -> (f64, Vec<usize>) {
    let mut rng = SplitMix(seed);
    let mut best_cost = s.cost();
    let mut best = s.open_sites();
    let mut k = 1;
    let limit = s.work().saturating_add(options.work);
    while s.work() < limit && !past(options.deadline) {
        shake(space, &mut s, k, &mut rng);
        let budget = limit.saturating_sub(s.work());
        descend(&mut s, budget);
        if s.cost() < best_cost - 1e-9 * best_cost.abs().max(1.0) {
            best_cost = s.cost();
            best = s.open_sites();
            k = 1;
        } else {
            // back to the best solution, then a wider shake
            s.move_to(&best);
            k = if k >= options.k_max { 1 } else { k + 1 };
        }
    }
    (best_cost, best)
}

/// `k` random local swaps: close a random open site and open a random closed site listed by
/// one of the points that site served, so the local search repairs a small region.
fn shake(space: &SearchSpace, s: &mut impl Interchange, k: usize, rng: &mut SplitMix) {
    let m = space.n_sites();
    for _ in 0..k {
        let open: Vec<usize> = (0..m)
            .filter(|&j| s.is_open(j) && !space.is_fixed(j))
            .collect();
        if open.is_empty() {
            return;
        }
        let g = open[rng.below(open.len())];
        let served = space.listing(g);
        let f = if served.is_empty() {
            None
        } else {
            // a closed site near g: a random entry of the list of a random point listing g
            let (i, _) = served[rng.below(served.len())];
            let near: Vec<usize> = space
                .list(i as usize)
                .iter()
                .map(|&(j, _)| j as usize)
                .filter(|&j| !s.is_open(j) && space.may_open(j))
                .take(16)
                .collect();
            (!near.is_empty()).then(|| near[rng.below(near.len())])
        };
        let f = f.or_else(|| {
            let closed: Vec<usize> = (0..m)
                .filter(|&j| !s.is_open(j) && space.may_open(j))
                .collect();
            (!closed.is_empty()).then(|| closed[rng.below(closed.len())])
        });
        let Some(f) = f else { return };
        s.swap_sites(f, g);
    }
}

/// Whether a heuristic must stop: its deadline has passed, or Ctrl-C asked every solve to stop
/// (the heuristics give starts only, so an interrupted solve keeps the best start so far instead
/// of finishing a search that may take minutes).
pub(crate) fn past(deadline: Option<Instant>) -> bool {
    deadline.is_some_and(|d| Instant::now() >= d) || crate::solve::interrupt::requested()
}
