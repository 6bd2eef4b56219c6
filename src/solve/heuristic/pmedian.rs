//! Greedy construction plus interchange on sparse candidate lists: the fast version
//! ([`super::swap`], Resende & Werneck 2007) used by the solver, and the plain one (Whitaker
//! 1983's swap pricing, every swap from scratch) kept as its reference.
//!
//! A demand point whose list holds no open site is charged its list's `beyond` bound (or a
//! large penalty when its list is complete), which keeps the search inside the sparse model.

use super::fast_swap::MAX_TABLE;
use super::swap::{SearchSpace, Swapper};
use super::vns::{vns, VnsOptions, Worker};
use crate::distance::CandidateLists;
use std::time::Instant;

/// Inverted lists: for each site, the demand points that list it, with the impedance, in one
/// allocation of exactly the number of pairs (`inv[j]` is site `j`'s slice).
pub(crate) struct Inverted {
    start: Vec<usize>,
    entries: Vec<(u32, f64)>,
}

impl Inverted {
    /// Number of sites.
    pub(crate) fn len(&self) -> usize {
        self.start.len() - 1
    }
}

impl std::ops::Index<usize> for Inverted {
    type Output = [(u32, f64)];

    fn index(&self, j: usize) -> &[(u32, f64)] {
        &self.entries[self.start[j]..self.start[j + 1]]
    }
}

/// The inverted lists of `lists` over `n_sites` sites (demand points in increasing order).
pub(crate) fn invert(lists: &CandidateLists, n_sites: usize) -> Inverted {
    let mut start = vec![0usize; n_sites + 1];
    for i in 0..lists.len() {
        for &(j, _) in lists.list(i) {
            start[j as usize + 1] += 1;
        }
    }
    for j in 0..n_sites {
        start[j + 1] += start[j];
    }
    let mut next = start.clone();
    let mut entries = vec![(0u32, 0.0f64); start[n_sites]];
    for i in 0..lists.len() {
        for &(j, d) in lists.list(i) {
            entries[next[j as usize]] = (i as u32, d);
            next[j as usize] += 1;
        }
    }
    Inverted { start, entries }
}

/// Cost per unit weight of a point none of whose listed sites is open and whose list is
/// complete: larger than any listed impedance, so serving a point always pays.
pub(crate) fn unserved_penalty(lists: &CandidateLists) -> f64 {
    let max_d = (0..lists.len())
        .flat_map(|i| lists.list(i).last().map(|x| x.1))
        .fold(0.0, f64::max);
    10.0 * max_d + 1.0
}

struct State<'a> {
    lists: &'a CandidateLists,
    weights: &'a [f64],
    open: Vec<bool>,
    penalty: f64,
    /// nearest and second-nearest open site and impedance per demand point
    d1: Vec<f64>,
    f1: Vec<u32>,
    d2: Vec<f64>,
}

impl State<'_> {
    fn unserved(&self, i: usize) -> f64 {
        self.lists.beyond(i).unwrap_or(self.penalty)
    }

    fn refresh(&mut self) {
        for i in 0..self.lists.len() {
            let mut it = self
                .lists
                .list(i)
                .iter()
                .filter(|(j, _)| self.open[*j as usize]);
            let u = self.unserved(i);
            match it.next() {
                Some(&(j, d)) => {
                    self.f1[i] = j;
                    self.d1[i] = d;
                    self.d2[i] = it.next().map(|&(_, d)| d).unwrap_or(u);
                }
                None => {
                    self.f1[i] = u32::MAX;
                    self.d1[i] = u;
                    self.d2[i] = u;
                }
            }
        }
    }

    fn cost(&self) -> f64 {
        self.d1.iter().zip(self.weights).map(|(d, w)| d * w).sum()
    }
}

/// A p-median solution by greedy addition and fast interchange
/// ([`super::swap::Swapper`]). `required` sites are opened first and never closed. Returns the
/// open sites (sorted).
///
/// ```
/// use impuls::distance::CandidateLists;
/// use impuls::solve::heuristic::pmedian::greedy_interchange;
/// // three demand points on a line at 0, 1, 10; sites at the same places
/// let pts = [0.0f64, 1.0, 10.0];
/// let lists = (0..3).map(|i| { let mut l: Vec<(u32, f64)> = (0..3).map(|j| (j as u32, (pts[i] - pts[j]).abs())).collect();
///     l.sort_by(|a, b| a.1.total_cmp(&b.1)); l }).collect();
/// let c = CandidateLists::from_lists(lists, vec![None; 3]);
/// let open = greedy_interchange(&c, &[1.0, 1.0, 1.0], 3, 2, &[]);
/// assert!(open == vec![0, 2] || open == vec![1, 2]);
/// ```
pub fn greedy_interchange(
    lists: &CandidateLists,
    weights: &[f64],
    n_sites: usize,
    p: usize,
    required: &[usize],
) -> Vec<usize> {
    let space = SearchSpace::new(lists, weights, n_sites, p, required);
    let mut s = Swapper::new(&space, &[]);
    s.greedy();
    s.local_search(u64::MAX);
    s.open_sites()
}

/// The greedy solution and the local optimum of plain best-improvement interchange from it:
/// every swap is priced from scratch (`O(m·p)` per move). It is the reference that the fast
/// interchange of [`greedy_interchange`] must reproduce; too slow for large instances.
///
/// ```
/// use impuls::distance::CandidateLists;
/// use impuls::solve::heuristic::pmedian::{greedy_interchange, greedy_plain_interchange};
/// let pts = [0.0f64, 1.0, 10.0, 12.0];
/// let lists = (0..4).map(|i| { let mut l: Vec<(u32, f64)> = (0..4).map(|j| (j as u32, (pts[i] - pts[j]).abs())).collect();
///     l.sort_by(|a, b| a.1.total_cmp(&b.1)); l }).collect();
/// let c = CandidateLists::from_lists(lists, vec![None; 4]);
/// let w = [1.0; 4];
/// assert_eq!(greedy_plain_interchange(&c, &w, 4, 2, &[]), greedy_interchange(&c, &w, 4, 2, &[]));
/// ```
pub fn greedy_plain_interchange(
    lists: &CandidateLists,
    weights: &[f64],
    n_sites: usize,
    p: usize,
    required: &[usize],
) -> Vec<usize> {
    let n = lists.len();
    let inv = invert(lists, n_sites);
    let mut s = State {
        lists,
        weights,
        open: vec![false; n_sites],
        penalty: unserved_penalty(lists),
        d1: vec![0.0; n],
        f1: vec![u32::MAX; n],
        d2: vec![0.0; n],
    };
    for &r in required {
        s.open[r] = true;
    }
    s.refresh();
    // Greedy: open the site that lowers the cost most, until p are open.
    while s.open.iter().filter(|&&o| o).count() < p {
        let best = (0..n_sites)
            .filter(|&j| !s.open[j])
            .map(|j| {
                // fold from +0.0: an empty `sum` is −0.0, which `total_cmp` ranks below +0.0
                let gain = inv[j]
                    .iter()
                    .map(|&(i, d)| weights[i as usize] * (s.d1[i as usize] - d).max(0.0))
                    .fold(0.0, |a, b| a + b);
                (j, gain)
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        match best {
            Some((j, _)) => {
                s.open[j] = true;
                s.refresh();
            }
            None => break,
        }
    }
    interchange(&mut s, &inv, required);
    (0..n_sites).filter(|&j| s.open[j]).collect()
}

/// Best-improvement swaps until no swap lowers the cost.
fn interchange(s: &mut State, inv: &Inverted, required: &[usize]) {
    let n_sites = s.open.len();
    let fixed = crate::solve::site_mask(required, n_sites);
    let mut cost = s.cost();
    let mut extra = vec![0.0; n_sites];
    let mut touched: Vec<usize> = Vec::new();
    for _round in 0..10_000 {
        // base loss of closing r: everyone served by r moves to its second nearest
        let mut loss = vec![0.0; n_sites];
        for i in 0..s.lists.len() {
            if s.f1[i] != u32::MAX {
                loss[s.f1[i] as usize] += s.weights[i] * (s.d2[i] - s.d1[i]);
            }
        }
        let open_list: Vec<usize> = (0..n_sites).filter(|&j| s.open[j] && !fixed[j]).collect();
        if open_list.is_empty() {
            return;
        }
        let mut best: Option<(f64, usize, usize)> = None;
        for cand in (0..n_sites).filter(|&j| !s.open[j]) {
            let mut profit = 0.0;
            for &(i, d) in &inv[cand] {
                let i = i as usize;
                let w = s.weights[i];
                if d < s.d1[i] {
                    profit += w * (s.d1[i] - d);
                    if s.f1[i] != u32::MAX {
                        let r = s.f1[i] as usize;
                        if extra[r] == 0.0 {
                            touched.push(r);
                        }
                        extra[r] -= w * (s.d2[i] - s.d1[i]);
                    }
                } else if d < s.d2[i] && s.f1[i] != u32::MAX {
                    let r = s.f1[i] as usize;
                    if extra[r] == 0.0 {
                        touched.push(r);
                    }
                    extra[r] -= w * (s.d2[i] - d);
                }
            }
            for &r in &open_list {
                let delta = loss[r] + extra[r] - profit;
                if best.is_none_or(|b| delta < b.0) {
                    best = Some((delta, cand, r));
                }
            }
            for r in touched.drain(..) {
                extra[r] = 0.0;
            }
        }
        match best {
            Some((delta, cand, r)) if delta < -1e-9 * cost.abs().max(1.0) => {
                s.open[cand] = true;
                s.open[r] = false;
                s.refresh();
                let new_cost = s.cost();
                if new_cost >= cost - 1e-12 {
                    // numerical disagreement: undo and stop
                    s.open[cand] = false;
                    s.open[r] = true;
                    s.refresh();
                    return;
                }
                cost = new_cost;
            }
            _ => return,
        }
    }
}

/// Local-search evaluations per VNS worker and round (see [`strong_start`]).
const VNS_EVALUATIONS: u64 = 300;
/// Evaluations per worker and round of the focused search after the Benders root: its moves
/// stay in the LP's support, where 4× the budget of the start pays (u1432, p = 50: 362 597 →
/// 362 124 against the optimum 362 072; fl1400, p = 200: 8815 → 8808 against 8806).
const FOCUSED_EVALUATIONS: u64 = 1200;
/// Cap on the work per VNS worker and round at [`VNS_EVALUATIONS`], in list entries read (about
/// 0.1 s; scaled with the evaluations): for small p
/// an evaluation reads long prefixes, and the start is then usually good already.
const VNS_WORK_CAP: u64 = 20_000_000;

/// Smallest p and number of demand points for the confined VNS ([`super::local_vns`]):
/// usa13509, p = 1000: 29 440 440 (+0.59 % over the paper) with the parallel VNS in 6.5 s,
/// 29 360 478 (+0.31 %) confined with the same work in 5.5 s, 29 343 396 (+0.26 %) with 4×.
const LOCAL_MIN_P: usize = 100;
const LOCAL_MIN_N: usize = 5000;
/// Work of the one confined worker, in units of one parallel worker's round.
const LOCAL_WORK_FACTOR: u64 = 32;

/// Smallest number of demand points, and of demand points × list pairs (the root LP's cut
/// rows per round times its nonzeros, roughly its effort), for the VNS on incrementally kept
/// tables ([`super::fast_swap`]), which spends many times the work of the list VNS. Below them
/// the Benders root finishes and its tree closes the row or bounds it closely (rl5934
/// p = 200–1500, 3.2·10⁹ and less: p = 200 +0.022 % with a gap of 0.05 % on a loaded machine,
/// +0.051 % and 0.99 % after this search), and a search that takes most of the limit leaves
/// it too little (rl5934 p = 500: optimal in 37.5 s before, stopped at the root after the
/// search on a loaded machine). From 5·10⁹ on (usa13509 p ≤ 1000, rl5934 p ≤ 100) the root
/// takes most of the limit or more and the heuristic decides the row (loaded machine:
/// usa13509 p = 600 +0.202 % → +0.064 %, p = 1000 +0.269 % → +0.078 %).
const FAST_MIN_N: usize = 5000;
const FAST_MIN_ROOT: f64 = 5e9;
/// Largest p for it: beyond, the confined VNS ([`super::local_vns`]) moves faster.
const FAST_MAX_P: usize = 1000;
/// Its work per worker and round (list entries and table cells read; 1.5–2 s of one core on
/// usa13509), workers per round and rounds. usa13509 in the 60 s bench (heavily loaded
/// machine, the heuristic stopped at its deadline of half the time): p = 50 158 824 486
/// (+0.64 % over the optimum) with the plain VNS → 157 819 849 (the optimum); p = 300
/// +0.32 % → +0.031 %; p = 100 +0.047 % → +0.011 %.
const FAST_WORK: u64 = 500_000_000;
const FAST_WORKERS: usize = 2;
const FAST_ROUNDS: usize = 8;

/// Largest share of the weight that the start may leave without an open listed site for the
/// VNS on kept tables: more means the lists are far too short for this p and price it badly
/// (usa13509 p = 10 on 1480-nearest lists: 6.8 % unserved after greedy, the lists priced the
/// search's result at 396.0 M and the instance at 399.4 M), so the time goes to the search on
/// true impedances instead ([`crate::solve`]'s exact polish). p = 25: 0.07 %.
const FAST_MAX_UNSERVED: f64 = 0.01;

/// Share of the total weight of the points that `s` serves beyond their lists.
fn unserved_share(space: &SearchSpace, s: &Swapper) -> f64 {
    let n = space.n_points();
    let total: f64 = (0..n).map(|i| space.weight(i)).sum();
    let beyond: f64 = (0..n)
        .filter(|&i| s.nearest_of(i).is_none())
        .map(|i| space.weight(i))
        .sum();
    beyond / total.max(f64::MIN_POSITIVE)
}

/// Whether the row rests on the search in `space` rather than on the Benders tree: an
/// instance and lists so large that the root LP takes most of a time limit. [`budgeted_vns`]
/// then runs the VNS on incrementally kept tables ([`super::fast_swap`]).
pub fn rests_on_search(space: &SearchSpace) -> bool {
    let (n, p, m) = (space.n_points(), space.p(), space.n_sites());
    n >= FAST_MIN_N
        && n as f64 * space.n_pairs() as f64 >= FAST_MIN_ROOT
        && p <= FAST_MAX_P
        && p.saturating_mul(m) <= MAX_TABLE
}

/// A strong p-median start in `space`: greedy addition, fast interchange, then the
/// deterministic parallel VNS of [`super::vns`] with a budget of about [`VNS_EVALUATIONS`] swap
/// evaluations per worker and round. The budget is counted in work, not seconds, so the result
/// is the same on any machine and thread count unless `deadline` cuts the VNS short. Returns the
/// open sites, sorted.
///
/// ```
/// use impuls::distance::CandidateLists;
/// use impuls::solve::heuristic::{pmedian::strong_start, swap::SearchSpace};
/// let pts = [0.0f64, 1.0, 10.0, 12.0];
/// let lists = (0..4).map(|i| { let mut l: Vec<(u32, f64)> = (0..4).map(|j| (j as u32, (pts[i] - pts[j]).abs())).collect();
///     l.sort_by(|a, b| a.1.total_cmp(&b.1)); l }).collect();
/// let c = CandidateLists::from_lists(lists, vec![None; 4]);
/// let space = SearchSpace::new(&c, &[1.0; 4], 4, 2, &[]);
/// let open = strong_start(&space, None);
/// assert_eq!(open.len(), 2);
/// ```
pub fn strong_start(space: &SearchSpace, deadline: Option<Instant>) -> Vec<usize> {
    let mut s = Swapper::new(space, &[]);
    s.deadline = deadline;
    s.greedy();
    budgeted_vns(space, s, VNS_EVALUATIONS, deadline)
}

/// Local search from `s`, then VNS with a budget of `evaluations` swap evaluations (as measured
/// at the local optimum) per worker and round.
fn budgeted_vns(
    space: &SearchSpace,
    mut s: Swapper,
    evaluations: u64,
    deadline: Option<Instant>,
) -> Vec<usize> {
    if rests_on_search(space) && unserved_share(space, &s) <= FAST_MAX_UNSERVED {
        // the workers descend on their own, many times faster than `s` would
        let options = VnsOptions {
            work: FAST_WORK * evaluations / VNS_EVALUATIONS,
            deadline,
            worker: Worker::Fast,
            workers: FAST_WORKERS,
            rounds: FAST_ROUNDS,
            ..VnsOptions::default()
        };
        return vns(space, &s.open_sites(), &options).0;
    }
    s.local_search(u64::MAX);
    let before = s.work;
    s.best_swap();
    let per_eval = s.work - before;
    // large p on a large instance: confined shakes and descents in one sequential worker with
    // the work of all 16 worker rounds (twice over), so no improvement is dropped
    let local = space.p() >= LOCAL_MIN_P && space.n_points() >= LOCAL_MIN_N;
    let work = (evaluations * per_eval).min(VNS_WORK_CAP * evaluations / VNS_EVALUATIONS);
    let options = VnsOptions {
        work: if local {
            LOCAL_WORK_FACTOR * work
        } else {
            work
        },
        deadline,
        worker: if local { Worker::Local } else { Worker::Plain },
        workers: if local { 1 } else { 4 },
        rounds: if local { 1 } else { 4 },
        ..VnsOptions::default()
    };
    vns(space, &s.open_sites(), &options).0
}

/// The VNS of [`strong_start`], with 4× its budget, from `open` (p sites, required ones
/// included) that never opens a site marked in `closed`: after the root of the Benders tree,
/// reduced-cost fixing closes most sites, and the search then concentrates on the few that can
/// still be in an improving solution. The search shares `space`'s inverted lists. Returns the
/// open sites, sorted.
///
/// ```
/// use impuls::distance::CandidateLists;
/// use impuls::solve::heuristic::{pmedian::focused_search, swap::SearchSpace};
/// let pts = [0.0f64, 1.0, 10.0, 12.0];
/// let lists = (0..4).map(|i| { let mut l: Vec<(u32, f64)> = (0..4).map(|j| (j as u32, (pts[i] - pts[j]).abs())).collect();
///     l.sort_by(|a, b| a.1.total_cmp(&b.1)); l }).collect();
/// let c = CandidateLists::from_lists(lists, vec![None; 4]);
/// let space = SearchSpace::new(&c, &[1.0; 4], 4, 2, &[]);
/// let open = focused_search(&space, &[0, 1], &[false, false, false, true], None);
/// // site 3 may not be opened, so 2 serves the right pair
/// assert!(open.contains(&2) && !open.contains(&3));
/// ```
pub fn focused_search(
    space: &SearchSpace,
    open: &[usize],
    closed: &[bool],
    deadline: Option<Instant>,
) -> Vec<usize> {
    let space = space.forbidding(closed);
    let mut s = Swapper::new(&space, open);
    s.deadline = deadline;
    budgeted_vns(&space, s, FOCUSED_EVALUATIONS, deadline)
}
