//! Fast interchange for the p-median on sparse candidate lists: the gain / loss / extra
//! bookkeeping of Resende & Werneck (2007), read only over the prefix of each list that a swap
//! can change.
//!
//! For a demand point `i` with nearest open site `φ₁(i)` at `d₁` and second nearest at `d₂`,
//! swapping site `f` in and `g` out changes `i`'s cost only if `d(i,f) < d₂` or `g = φ₁(i)`.
//! So the profit of every swap (f, g) is
//!
//! ```text
//! profit(f, g) = gain(f) − loss(g) + extra(f, g)
//! gain(f)      = Σ_i w_i · max(0, d₁ − d(i,f))
//! loss(g)      = Σ_{i: φ₁(i) = g} w_i · (d₂ − d₁)
//! extra(f, g)  = Σ_{i: φ₁(i) = g, d(i,f) < d₂} w_i · (d₂ − max(d(i,f), d₁))
//! ```
//!
//! and every term comes from the list prefix before `d₂`, which is short when `p` is large.
//! A point whose list holds no open site pays the list's `beyond` bound (or a large penalty for
//! a complete list): a virtual site that is always open and never closed.
//!
//! The nearest / second-nearest state is a function of the open set alone (the first two open
//! sites in list order), so every result is independent of the order in which moves were made.

use super::pmedian::Inverted;
use crate::distance::CandidateLists;
use std::sync::Arc;
use std::time::Instant;

/// What does not change during a search: the lists, their inverse, the weights, the cost of
/// an unserved point and the sites that must stay open. Shared (read-only) by parallel workers;
/// a clone (e.g. [`Self::forbidding`] some sites) shares the inverted lists.
#[derive(Clone)]
pub struct SearchSpace<'a> {
    lists: &'a CandidateLists,
    weights: &'a [f64],
    /// For each site, the demand points that list it, with the impedance.
    inv: Arc<Inverted>,
    /// Cost per unit weight of a point whose listed sites are all closed.
    unserved: Vec<f64>,
    /// Required sites: opened first, never closed.
    fixed: Vec<bool>,
    /// Sites that may not be opened (e.g. closed by reduced-cost fixing).
    banned: Vec<bool>,
    p: usize,
}

impl<'a> SearchSpace<'a> {
    /// The search space of the p-median over `lists` with `n_sites` sites.
    ///
    /// ```
    /// use impuls::distance::CandidateLists;
    /// use impuls::solve::heuristic::swap::SearchSpace;
    /// let lists = CandidateLists::from_lists(vec![vec![(0, 1.0), (1, 2.0)]], vec![None]);
    /// let space = SearchSpace::new(&lists, &[1.0], 2, 1, &[]);
    /// assert_eq!(space.n_sites(), 2);
    /// ```
    pub fn new(
        lists: &'a CandidateLists,
        weights: &'a [f64],
        n_sites: usize,
        p: usize,
        required: &[usize],
    ) -> Self {
        let n = lists.len();
        let penalty = super::pmedian::unserved_penalty(lists);
        let inv = Arc::new(super::pmedian::invert(lists, n_sites));
        let unserved = (0..n).map(|i| lists.beyond(i).unwrap_or(penalty)).collect();
        let fixed = crate::solve::site_mask(required, n_sites);
        SearchSpace {
            lists,
            weights,
            inv,
            unserved,
            fixed,
            banned: vec![false; n_sites],
            p,
        }
    }

    /// Number of candidate sites.
    pub fn n_sites(&self) -> usize {
        self.inv.len()
    }

    /// Number of demand points.
    pub fn n_points(&self) -> usize {
        self.lists.len()
    }

    /// Number of (demand point, site) pairs in the lists.
    pub fn n_pairs(&self) -> usize {
        self.lists.n_pairs()
    }

    /// Number of sites to open.
    pub fn p(&self) -> usize {
        self.p
    }

    /// The same space, sharing its inverted lists, in which the sites marked in `mask` (one
    /// entry per site) may not be opened; an open site that is forbidden may still be closed.
    /// Focuses a search on the sites an LP bound leaves free.
    ///
    /// ```
    /// use impuls::distance::CandidateLists;
    /// use impuls::solve::heuristic::swap::SearchSpace;
    /// let lists = CandidateLists::from_lists(vec![vec![(0, 1.0), (1, 2.0)]], vec![None]);
    /// let space = SearchSpace::new(&lists, &[1.0], 2, 1, &[]);
    /// let focused = space.forbidding(&[true, false]);
    /// assert!(!focused.may_open(0) && focused.may_open(1));
    /// assert!(space.may_open(0));
    /// ```
    pub fn forbidding(&self, mask: &[bool]) -> Self {
        let mut space = self.clone();
        for (b, &m) in space.banned.iter_mut().zip(mask) {
            *b = m;
        }
        space
    }

    /// Whether site `j` may be opened by a move.
    pub fn may_open(&self, j: usize) -> bool {
        !self.banned[j]
    }

    /// Whether site `j` must stay open.
    pub fn is_fixed(&self, j: usize) -> bool {
        self.fixed[j]
    }

    /// The demand points listing site `j`, with the impedance.
    pub fn listing(&self, j: usize) -> &[(u32, f64)] {
        &self.inv[j]
    }

    /// The candidate list of demand point `i`, sorted by impedance.
    pub fn list(&self, i: usize) -> &[(u32, f64)] {
        self.lists.list(i)
    }

    /// The first two sites of `i`'s list open in `open` with their impedances (`NONE` and the
    /// point's unserved cost where there are fewer), and how many list entries were read.
    pub(crate) fn two_nearest(&self, i: usize, open: &[bool]) -> (u32, f64, u32, f64, u64) {
        let u = self.unserved[i];
        let (mut f1, mut d1, mut f2, mut d2) = (NONE, u, NONE, u);
        let mut read = 0;
        for &(j, d) in self.lists.list(i) {
            read += 1;
            if open[j as usize] {
                if f1 == NONE {
                    (f1, d1) = (j, d);
                } else {
                    (f2, d2) = (j, d);
                    break;
                }
            }
        }
        (f1, d1, f2, d2, read)
    }

    /// Weight of demand point `i`.
    pub fn weight(&self, i: usize) -> f64 {
        self.weights[i]
    }

    /// Cost per unit weight of demand point `i` when none of its listed sites is open.
    pub fn unserved(&self, i: usize) -> f64 {
        self.unserved[i]
    }
}

/// No open listed site.
pub(crate) const NONE: u32 = u32::MAX;

/// An open set with each demand point's two nearest open sites, and the scratch arrays of the
/// swap evaluation.
pub struct Swapper<'s, 'a> {
    space: &'s SearchSpace<'a>,
    open: Vec<bool>,
    f1: Vec<u32>,
    d1: Vec<f64>,
    f2: Vec<u32>,
    d2: Vec<f64>,
    cost: f64,
    /// Demand points touched by the move being made (deduplicated with `stamp`).
    affected: Vec<u32>,
    stamp: Vec<u32>,
    epoch: u32,
    gain: Vec<f64>,
    loss: Vec<f64>,
    extra: Vec<f64>,
    touched: Vec<u32>,
    /// Demand points grouped by nearest open site (counting sort): `bucket[start[g]..start[g+1]]`.
    start: Vec<usize>,
    bucket: Vec<u32>,
    /// List entries read so far: a deterministic measure of work, used as a budget.
    pub work: u64,
    /// Local searches stop (between moves) at this instant.
    pub deadline: Option<Instant>,
}

impl<'s, 'a> Swapper<'s, 'a> {
    /// A swapper with the sites `open` open (required sites are added).
    ///
    /// ```
    /// use impuls::distance::CandidateLists;
    /// use impuls::solve::heuristic::swap::{SearchSpace, Swapper};
    /// let lists = CandidateLists::from_lists(vec![vec![(0, 1.0), (1, 2.0)], vec![(1, 0.0), (0, 1.0)]], vec![None; 2]);
    /// let space = SearchSpace::new(&lists, &[1.0, 1.0], 2, 1, &[]);
    /// let s = Swapper::new(&space, &[0]);
    /// assert_eq!(s.cost(), 2.0);
    /// ```
    pub fn new(space: &'s SearchSpace<'a>, open: &[usize]) -> Self {
        let n = space.lists.len();
        let m = space.n_sites();
        let mut s = Swapper {
            space,
            open: vec![false; m],
            f1: vec![NONE; n],
            d1: vec![0.0; n],
            f2: vec![NONE; n],
            d2: vec![0.0; n],
            cost: 0.0,
            affected: Vec::new(),
            stamp: vec![0; n],
            epoch: 0,
            gain: vec![0.0; m],
            loss: vec![0.0; m],
            extra: vec![0.0; m],
            touched: Vec::new(),
            start: vec![0; m + 2],
            bucket: vec![0; n],
            work: 0,
            deadline: None,
        };
        for &j in open {
            s.open[j] = true;
        }
        for j in 0..m {
            s.open[j] |= space.fixed[j];
        }
        for i in 0..n {
            s.nearest(i);
        }
        s.cost = s.total();
        s
    }

    /// Total cost of the open set (each point at its nearest open listed site or unserved).
    pub fn cost(&self) -> f64 {
        self.cost
    }

    /// Whether site `j` is open.
    pub fn is_open(&self, j: usize) -> bool {
        self.open[j]
    }

    /// The open sites, sorted.
    pub fn open_sites(&self) -> Vec<usize> {
        (0..self.open.len()).filter(|&j| self.open[j]).collect()
    }

    /// Nearest open site of demand point `i` (`None` when no listed site is open).
    pub fn nearest_of(&self, i: usize) -> Option<usize> {
        (self.f1[i] != NONE).then_some(self.f1[i] as usize)
    }

    fn total(&self) -> f64 {
        self.d1
            .iter()
            .zip(self.space.weights)
            .map(|(d, w)| d * w)
            .sum()
    }

    /// Makes `target` (p sites, required ones included) the open set by pairwise swaps, so
    /// only the points near the changed sites are recomputed.
    ///
    /// ```
    /// use impuls::distance::CandidateLists;
    /// use impuls::solve::heuristic::swap::{SearchSpace, Swapper};
    /// let lists = CandidateLists::from_lists(vec![vec![(0, 1.0), (1, 2.0)], vec![(1, 0.0), (0, 1.0)]], vec![None; 2]);
    /// let space = SearchSpace::new(&lists, &[1.0, 1.0], 2, 1, &[]);
    /// let mut s = Swapper::new(&space, &[0]);
    /// s.move_to(&[1]);
    /// assert_eq!((s.open_sites(), s.cost()), (vec![1], 2.0));
    /// ```
    pub fn move_to(&mut self, target: &[usize]) {
        let mut want = vec![false; self.open.len()];
        for &j in target {
            want[j] = true;
        }
        let adds: Vec<usize> = (0..want.len())
            .filter(|&j| want[j] && !self.open[j])
            .collect();
        let drops: Vec<usize> = (0..want.len())
            .filter(|&j| !want[j] && self.open[j])
            .collect();
        for q in 0..adds.len().max(drops.len()) {
            self.flip(adds.get(q).copied(), drops.get(q).copied());
        }
    }

    /// Recomputes the two nearest open sites of `i` from its list.
    fn nearest(&mut self, i: usize) {
        let (f1, d1, f2, d2, read) = self.space.two_nearest(i, &self.open);
        self.work += read;
        self.f1[i] = f1;
        self.d1[i] = d1;
        self.f2[i] = f2;
        self.d2[i] = d2;
    }

    fn mark(&mut self, i: u32) {
        if self.stamp[i as usize] != self.epoch {
            self.stamp[i as usize] = self.epoch;
            self.affected.push(i);
        }
    }

    /// Opens `add` and closes `drop` (either may be absent), updating only the demand points
    /// whose two nearest open sites can change; returns the new cost.
    ///
    /// ```
    /// use impuls::distance::CandidateLists;
    /// use impuls::solve::heuristic::swap::{SearchSpace, Swapper};
    /// let lists = CandidateLists::from_lists(vec![vec![(0, 1.0), (1, 2.0)], vec![(1, 0.0), (0, 1.0)]], vec![None; 2]);
    /// let space = SearchSpace::new(&lists, &[1.0, 1.0], 2, 1, &[]);
    /// let mut s = Swapper::new(&space, &[0]);
    /// assert_eq!(s.flip(Some(1), Some(0)), 2.0);
    /// assert_eq!(s.open_sites(), vec![1]);
    /// ```
    pub fn flip(&mut self, add: Option<usize>, drop: Option<usize>) -> f64 {
        self.epoch = self.epoch.wrapping_add(1);
        if self.epoch == 0 {
            self.stamp.fill(0);
            self.epoch = 1;
        }
        self.affected.clear();
        let space = self.space;
        if let Some(g) = drop {
            for &(i, _) in &space.inv[g] {
                let k = i as usize;
                if self.f1[k] == g as u32 || self.f2[k] == g as u32 {
                    self.mark(i);
                }
            }
            self.open[g] = false;
        }
        if let Some(f) = add {
            for &(i, d) in &space.inv[f] {
                // `≤`: a tie with d₂ may still change which site is second in list order
                if d <= self.d2[i as usize] {
                    self.mark(i);
                }
            }
            self.open[f] = true;
        }
        self.work +=
            (drop.map_or(0, |g| space.inv[g].len()) + add.map_or(0, |f| space.inv[f].len())) as u64;
        let affected = std::mem::take(&mut self.affected);
        let mut delta = 0.0;
        for &i in &affected {
            let i = i as usize;
            let before = self.d1[i];
            self.nearest(i);
            delta += space.weights[i] * (self.d1[i] - before);
        }
        self.affected = affected;
        self.cost += delta;
        self.cost
    }

    /// The swap (site in, site out) with the largest profit, ties to the smallest site in and
    /// then out, and that profit; `None` when nothing can be closed or opened.
    pub fn best_swap(&mut self) -> Option<(usize, usize, f64)> {
        let space = self.space;
        let m = space.n_sites();
        let n = space.lists.len();
        self.gain.fill(0.0);
        self.loss.fill(0.0);
        // gain and loss, and the demand points grouped by nearest open site
        self.start.fill(0);
        let mut read = 0u64;
        for i in 0..n {
            let w = space.weights[i];
            if w == 0.0 {
                continue;
            }
            let (f1, d1, d2) = (self.f1[i], self.d1[i], self.d2[i]);
            for &(j, d) in space.lists.list(i) {
                read += 1;
                if d >= d1 {
                    break;
                }
                if !self.open[j as usize] {
                    self.gain[j as usize] += w * (d1 - d);
                }
            }
            if f1 != NONE {
                self.loss[f1 as usize] += w * (d2 - d1);
                self.start[f1 as usize + 2] += 1;
            }
        }
        for g in 2..self.start.len() {
            self.start[g] += self.start[g - 1];
        }
        for i in 0..n {
            if space.weights[i] != 0.0 && self.f1[i] != NONE {
                let g = self.f1[i] as usize;
                self.bucket[self.start[g + 1]] = i as u32;
                self.start[g + 1] += 1;
            }
        }
        // best site to open ignoring extra: extra ≥ 0, so it bounds every pair without extra
        let top = (0..m)
            .filter(|&f| !self.open[f] && !space.banned[f])
            .max_by(|&a, &b| self.gain[a].total_cmp(&self.gain[b]).then(b.cmp(&a)))?;
        let mut best: Option<(usize, usize, f64)> = None;
        for g in 0..m {
            if !self.open[g] || space.fixed[g] {
                continue;
            }
            for q in self.start[g]..self.start[g + 1] {
                let i = self.bucket[q] as usize;
                let (w, d1, d2) = (space.weights[i], self.d1[i], self.d2[i]);
                for &(j, d) in space.lists.list(i) {
                    read += 1;
                    if d >= d2 {
                        break;
                    }
                    let j = j as usize;
                    if !self.open[j] && !space.banned[j] {
                        if self.extra[j] == 0.0 {
                            self.touched.push(j as u32);
                        }
                        self.extra[j] += w * (d2 - d.max(d1));
                    }
                }
            }
            let (mut bf, mut bv) = (top, self.gain[top] + self.extra[top]);
            for &f in &self.touched {
                let f = f as usize;
                let v = self.gain[f] + self.extra[f];
                if v > bv || (v == bv && f < bf) {
                    (bf, bv) = (f, v);
                }
                self.extra[f] = 0.0;
            }
            self.touched.clear();
            let profit = bv - self.loss[g];
            let better = match best {
                None => true,
                Some((f0, g0, v0)) => profit > v0 || (profit == v0 && (bf, g) < (f0, g0)),
            };
            if better {
                best = Some((bf, g, profit));
            }
        }
        self.work += read + (m + n) as u64;
        best
    }

    /// The best swap that opens a site of `cands` and closes a site of `region` (sites that are
    /// not closed and allowed, resp. open and not required, are skipped), ties to the smallest
    /// site in and then out, and its profit; `None` when no pair qualifies. Prices every such
    /// pair exactly as [`Self::best_swap`] does, but reads only the inverted lists of the
    /// candidates and the list prefixes of the points served by `region`: a local search
    /// around a few sites of a large-p instance at a small fraction of a full evaluation.
    ///
    /// ```
    /// use impuls::distance::CandidateLists;
    /// use impuls::solve::heuristic::swap::{SearchSpace, Swapper};
    /// let lists = CandidateLists::from_lists(vec![vec![(0, 0.0), (1, 5.0)], vec![(1, 0.0), (0, 5.0)]], vec![None; 2]);
    /// let space = SearchSpace::new(&lists, &[1.0, 3.0], 2, 1, &[]);
    /// let mut s = Swapper::new(&space, &[0]);
    /// assert_eq!(s.best_swap_within(&[0], &[1]), s.best_swap());
    /// assert_eq!(s.best_swap_within(&[0], &[1]), Some((1, 0, 10.0)));
    /// ```
    pub fn best_swap_within(
        &mut self,
        region: &[usize],
        cands: &[usize],
    ) -> Option<(usize, usize, f64)> {
        let space = self.space;
        let mut read = 0u64;
        let valid = |s: &Self, f: usize| !s.open[f] && !space.banned[f];
        for &f in cands {
            if !valid(self, f) {
                continue;
            }
            let mut gain = 0.0;
            for &(i, d) in &space.inv[f] {
                let i = i as usize;
                gain += space.weights[i] * (self.d1[i] - d).max(0.0);
            }
            read += space.inv[f].len() as u64;
            self.gain[f] = gain;
        }
        let mut best: Option<(usize, usize, f64)> = None;
        for &g in region {
            if !self.open[g] || space.fixed[g] {
                continue;
            }
            let mut loss = 0.0;
            for &(i, _) in &space.inv[g] {
                let i = i as usize;
                let w = space.weights[i];
                if self.f1[i] != g as u32 || w == 0.0 {
                    continue;
                }
                let (d1, d2) = (self.d1[i], self.d2[i]);
                loss += w * (d2 - d1);
                for &(j, d) in space.lists.list(i) {
                    read += 1;
                    if d >= d2 {
                        break;
                    }
                    let j = j as usize;
                    if valid(self, j) {
                        if self.extra[j] == 0.0 {
                            self.touched.push(j as u32);
                        }
                        self.extra[j] += w * (d2 - d.max(d1));
                    }
                }
            }
            read += space.inv[g].len() as u64;
            for &f in cands {
                if !valid(self, f) {
                    continue;
                }
                let profit = self.gain[f] + self.extra[f] - loss;
                let better = match best {
                    None => true,
                    Some((f0, g0, v0)) => profit > v0 || (profit == v0 && (f, g) < (f0, g0)),
                };
                if better {
                    best = Some((f, g, profit));
                }
            }
            for &f in &self.touched {
                self.extra[f as usize] = 0.0;
            }
            self.touched.clear();
        }
        self.work += read + (region.len() * cands.len()) as u64;
        best
    }

    /// Best-improvement swaps until none lowers the cost by more than a relative 1e-9, or
    /// `budget` (in [`Self::work`] units) is spent, or the deadline passes; returns the number
    /// of swaps made.
    pub fn local_search(&mut self, budget: u64) -> usize {
        descend(self, budget)
    }

    /// Greedy addition: opens the site that lowers the cost most until `p` are open.
    ///
    /// ```
    /// use impuls::distance::CandidateLists;
    /// use impuls::solve::heuristic::swap::{SearchSpace, Swapper};
    /// let lists = CandidateLists::from_lists(vec![vec![(0, 0.0), (1, 5.0)], vec![(1, 0.0), (0, 5.0)]], vec![None; 2]);
    /// let space = SearchSpace::new(&lists, &[1.0, 3.0], 2, 1, &[]);
    /// let mut s = Swapper::new(&space, &[]);
    /// s.greedy();
    /// assert_eq!(s.open_sites(), vec![1]);
    /// ```
    pub fn greedy(&mut self) {
        let space = self.space;
        let m = space.n_sites();
        let n = space.lists.len();
        // gain(f) = Σ_i w_i max(0, d₁ − d(i,f)), kept up to date for the points a move touches
        self.gain.fill(0.0);
        for i in 0..n {
            self.add_gain(i, 1.0);
        }
        let mut open = self.open.iter().filter(|&&o| o).count();
        while open < space.p {
            let best = (0..m)
                .filter(|&f| !self.open[f] && !space.banned[f])
                .max_by(|&a, &b| self.gain[a].total_cmp(&self.gain[b]).then(b.cmp(&a)));
            let Some(f) = best else { break };
            self.work += m as u64;
            // points whose nearest can change, with their old contributions removed
            let mut pts: Vec<u32> = space.inv[f]
                .iter()
                .filter(|&&(i, d)| d <= self.d2[i as usize])
                .map(|&(i, _)| i)
                .collect();
            pts.dedup();
            for &i in &pts {
                self.add_gain(i as usize, -1.0);
            }
            self.flip(Some(f), None);
            for &i in &pts {
                self.add_gain(i as usize, 1.0);
            }
            self.gain[f] = 0.0;
            open += 1;
        }
    }

    fn add_gain(&mut self, i: usize, sign: f64) {
        let w = self.space.weights[i];
        let d1 = self.d1[i];
        let mut read = 0;
        for &(j, d) in self.space.lists.list(i) {
            read += 1;
            if d >= d1 {
                break;
            }
            if !self.open[j as usize] {
                self.gain[j as usize] += sign * w * (d1 - d);
            }
        }
        self.work += read;
    }
}

/// An open set with a best-improvement swap: the plain [`Swapper`] and the
/// [`super::fast_swap::FastSwapper`] with kept tables share the descent ([`descend`]) and the
/// VNS of [`super::vns`] on top of it.
pub trait Interchange {
    /// Total cost of the open set.
    fn cost(&self) -> f64;
    /// Whether site `j` is open.
    fn is_open(&self, j: usize) -> bool;
    /// The open sites, sorted.
    fn open_sites(&self) -> Vec<usize>;
    /// The swap (site in, site out) with the largest profit, and that profit.
    fn best_swap(&mut self) -> Option<(usize, usize, f64)>;
    /// Opens the closed site `f` in place of the open site `g`; returns the new cost.
    fn swap_sites(&mut self, f: usize, g: usize) -> f64;
    /// Makes `target` (as many sites as are open) the open set.
    fn move_to(&mut self, target: &[usize]);
    /// Work done so far, in the implementation's deterministic units.
    fn work(&self) -> u64;
    /// Descents stop (between moves) at this instant.
    fn deadline(&self) -> Option<Instant>;

    /// [`descend`] from here.
    fn local_search(&mut self, budget: u64) -> usize
    where
        Self: Sized,
    {
        descend(self, budget)
    }
}

/// Best-improvement swaps until none lowers the cost by more than a relative 1e-9, or
/// `budget` (in [`Interchange::work`] units) is spent, or the deadline passes; returns the
/// number of swaps made.
pub fn descend(s: &mut impl Interchange, budget: u64) -> usize {
    let mut moves = 0;
    let limit = s.work().saturating_add(budget);
    let deadline = s.deadline();
    while s.work() < limit && !super::vns::past(deadline) {
        let Some((f, g, profit)) = s.best_swap() else {
            break;
        };
        let before = s.cost();
        if profit <= 1e-9 * before.abs().max(1.0) {
            break;
        }
        let after = s.swap_sites(f, g);
        if after >= before - 1e-12 * before.abs().max(1.0) {
            // rounding made the move look better than it is: undo and stop
            s.swap_sites(g, f);
            break;
        }
        moves += 1;
    }
    moves
}

impl Interchange for Swapper<'_, '_> {
    fn cost(&self) -> f64 {
        Swapper::cost(self)
    }

    fn is_open(&self, j: usize) -> bool {
        Swapper::is_open(self, j)
    }

    fn open_sites(&self) -> Vec<usize> {
        Swapper::open_sites(self)
    }

    fn best_swap(&mut self) -> Option<(usize, usize, f64)> {
        Swapper::best_swap(self)
    }

    fn swap_sites(&mut self, f: usize, g: usize) -> f64 {
        self.flip(Some(f), Some(g))
    }

    fn move_to(&mut self, target: &[usize]) {
        Swapper::move_to(self, target)
    }

    fn work(&self) -> u64 {
        self.work
    }

    fn deadline(&self) -> Option<Instant> {
        self.deadline
    }
}
