//! Deterministic variable neighbourhood search for the MCLP (Hansen & Mladenović 1997) on top of
//! the swap interchange of [`super::cover_swap`]: shake the best solution by `k` random swaps
//! between neighbouring sites, run the local search, keep the result if it covers more and
//! otherwise widen `k`. The generator is seeded and the budget is counted in list entries read,
//! so the result depends neither on the thread count nor on the machine's speed.

use super::cover_swap::{site_groups, CoverState};
use super::vns::SplitMix;
use std::time::Instant;

/// How long and how wide to search.
#[derive(Debug, Clone, Copy)]
pub struct CoverVnsOptions {
    /// Work budget in list entries read (local searches included).
    pub work: u64,
    /// Stop after this many shakes in a row without improvement.
    pub patience: usize,
    /// Largest number of random swaps in a shake.
    pub k_max: usize,
    /// Seed of the generator.
    pub seed: u64,
    /// Stop early (between shakes) at this instant; only then does the result depend on
    /// timing (it is still a valid solution).
    pub deadline: Option<Instant>,
}

/// Where the search may go: the group data, the sites that stay open and those never opened.
#[derive(Debug, Clone, Copy)]
pub struct CoverSpace<'a> {
    /// Covering sites of each group.
    pub sets: &'a [Vec<u32>],
    /// Weight of each group.
    pub weights: &'a [f64],
    /// Number of sites.
    pub n_sites: usize,
    /// Sites that must stay open (required).
    pub fixed: &'a [usize],
    /// Per site, whether it may never be opened (empty: none).
    pub closed: &'a [bool],
}

impl Default for CoverVnsOptions {
    fn default() -> Self {
        CoverVnsOptions {
            work: 2_000_000_000,
            patience: 200,
            k_max: 5,
            seed: 0x5eed,
            deadline: None,
        }
    }
}

/// Improves `start` (p sites, the fixed ones included) by swap local search and VNS within
/// `space`; returns the best open sites found, sorted, and their covered weight.
///
/// ```
/// use impuls::solve::heuristic::cover_vns::{cover_vns, CoverSpace, CoverVnsOptions};
/// let sets = vec![vec![0, 1], vec![1, 2], vec![0], vec![2], vec![3]];
/// let w = [2.0, 3.0, 1.5, 1.5, 0.5];
/// let space = CoverSpace { sets: &sets, weights: &w, n_sites: 4, fixed: &[], closed: &[] };
/// let (open, value) = cover_vns(&space, &[1, 3], &CoverVnsOptions::default());
/// assert_eq!((open, value), (vec![0, 2], 8.0));
/// ```
pub fn cover_vns(
    space: &CoverSpace,
    start: &[usize],
    options: &CoverVnsOptions,
) -> (Vec<usize>, f64) {
    let (sets, w, n_sites) = (space.sets, space.weights, space.n_sites);
    let inv = site_groups(sets, n_sites);
    let is_fixed = crate::solve::site_mask(space.fixed, n_sites);
    let mut s = CoverState::new(sets, w, &inv, &is_fixed, start);
    s.forbid(space.closed);
    s.local_search();
    let mut best = s.open_sites();
    let mut best_value = s.value();
    let eps = 1e-12 * w.iter().sum::<f64>().max(1.0);
    let mut rng = SplitMix(options.seed);
    let (mut k, mut idle) = (1, 0);
    let past = || super::vns::past(options.deadline);
    while s.work < options.work && idle < options.patience && !past() {
        if !shake(&mut s, sets, &inv, k, &mut rng) {
            break;
        }
        s.local_search();
        if s.value() > best_value + eps {
            best_value = s.value();
            best = s.open_sites();
            (k, idle) = (1, 0);
        } else {
            move_to(&mut s, &best);
            k = if k >= options.k_max { 1 } else { k + 1 };
            idle += 1;
        }
    }
    (best, best_value)
}

/// `k` random swaps: close a random free open site `r` and open a random closed site that
/// shares a group with `r` (any site that may open if none does). Returns false when no swap
/// is possible.
fn shake(
    s: &mut CoverState,
    sets: &[Vec<u32>],
    inv: &[Vec<u32>],
    k: usize,
    rng: &mut SplitMix,
) -> bool {
    let m = s.n_sites();
    for _ in 0..k {
        let open: Vec<usize> = (0..m).filter(|&j| s.is_open(j) && !s.is_fixed(j)).collect();
        let closed: Vec<usize> = (0..m).filter(|&j| !s.is_open(j) && s.may_open(j)).collect();
        if open.is_empty() || closed.is_empty() {
            return false;
        }
        let r = open[rng.below(open.len())];
        let near: Vec<usize> = if inv[r].is_empty() {
            Vec::new()
        } else {
            let g = inv[r][rng.below(inv[r].len())] as usize;
            sets[g]
                .iter()
                .map(|&j| j as usize)
                .filter(|&j| !s.is_open(j) && s.may_open(j))
                .collect()
        };
        let j = if near.is_empty() {
            closed[rng.below(closed.len())]
        } else {
            near[rng.below(near.len())]
        };
        s.flip(r);
        s.flip(j);
    }
    true
}

/// Moves the state to the open sites `target` (sorted).
fn move_to(s: &mut CoverState, target: &[usize]) {
    let mut want = vec![false; s.n_sites()];
    for &j in target {
        want[j] = true;
    }
    for (j, &w) in want.iter().enumerate() {
        if s.is_open(j) != w {
            s.flip(j);
        }
    }
}
