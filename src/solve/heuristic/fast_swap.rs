//! Resende & Werneck's (2007) fast interchange with the gain / loss / extra tables kept up to
//! date between moves, for a small `p` on a large instance.
//!
//! [`super::swap::Swapper::best_swap`] rebuilds its tables from every list prefix for each
//! move: on usa13509 with p = 50 that is 8 million list entries (about 60 ms) per move. Here a
//! move only withdraws and re-adds the contributions of the demand points it affects (those
//! served first or second by the closed site and those near the opened one), and the best
//! swap is read from a dense `p × m` table of `extra`: a few hundred thousand additions per
//! move, so a VNS around it makes thousands of descents in the time the plain search makes
//! one. Prices are those of [`super::swap`] (a point with no open listed site pays its list's
//! `beyond` bound).
//!
//! With integer impedances and weights (TSPLIB) every table entry is an exact sum; otherwise
//! rounding in the tables is harmless because a move is kept only if the recomputed cost
//! falls.

use super::swap::{Interchange, SearchSpace, NONE};
use std::time::Instant;

/// Largest `p × m` table of `extra` held (0.8 GB at 8 bytes an entry would be too much; this
/// is 160 MB).
pub const MAX_TABLE: usize = 20_000_000;

/// An open set with each demand point's two nearest open listed sites and the swap tables.
pub struct FastSwapper<'s, 'a> {
    space: &'s SearchSpace<'a>,
    open: Vec<bool>,
    /// Slot of an open site in `sites` (`NONE` when closed).
    slot: Vec<u32>,
    sites: Vec<usize>,
    f1: Vec<u32>,
    d1: Vec<f64>,
    f2: Vec<u32>,
    d2: Vec<f64>,
    cost: f64,
    /// gain of opening each closed site.
    gain: Vec<f64>,
    /// loss of closing the site of each slot.
    loss: Vec<f64>,
    /// `extra[q · m + f]`: what opening `f` saves back of closing slot `q`'s site.
    extra: Vec<f64>,
    /// The sites `f` of each slot's row whose `extra` may be nonzero (`listed[q · m + f]`
    /// marks them): a row is zero but for the sites near the points its site serves, so the
    /// best swap reads these instead of all `p × m` cells.
    support: Vec<Vec<u32>>,
    listed: Vec<bool>,
    /// `gain` of the sites that may open, −∞ elsewhere (scratch of the best-swap scan).
    eligible: Vec<f64>,
    affected: Vec<u32>,
    stamp: Vec<u32>,
    epoch: u32,
    /// List entries and table cells read so far: a deterministic measure of work.
    pub work: u64,
    /// Local searches stop (between moves) at this instant.
    pub deadline: Option<Instant>,
}

impl<'s, 'a> FastSwapper<'s, 'a> {
    /// A swapper with `open` open (required sites are added; `open` holds at most p sites).
    pub fn new(space: &'s SearchSpace<'a>, open: &[usize]) -> Self {
        let n = space.n_points();
        let m = space.n_sites();
        let mut is_open = vec![false; m];
        for &j in open {
            is_open[j] = true;
        }
        for (j, o) in is_open.iter_mut().enumerate() {
            *o |= space.is_fixed(j);
        }
        let sites: Vec<usize> = (0..m).filter(|&j| is_open[j]).collect();
        let mut slot = vec![NONE; m];
        for (q, &j) in sites.iter().enumerate() {
            slot[j] = q as u32;
        }
        let p = sites.len();
        let mut s = FastSwapper {
            space,
            open: is_open,
            slot,
            sites,
            f1: vec![NONE; n],
            d1: vec![0.0; n],
            f2: vec![NONE; n],
            d2: vec![0.0; n],
            cost: 0.0,
            gain: vec![0.0; m],
            loss: vec![0.0; p],
            extra: vec![0.0; p * m],
            eligible: vec![0.0; m],
            affected: Vec::new(),
            stamp: vec![0; n],
            epoch: 0,
            support: vec![Vec::new(); p],
            listed: vec![false; p * m],
            work: 0,
            deadline: None,
        };
        for i in 0..n {
            s.nearest(i);
            s.cost += space.weight(i) * s.d1[i];
            s.contribute(i, 1.0);
        }
        s
    }

    /// Recomputes the two nearest open listed sites of `i`.
    fn nearest(&mut self, i: usize) {
        let (f1, d1, f2, d2, read) = self.space.two_nearest(i, &self.open);
        self.work += read;
        (self.f1[i], self.d1[i], self.f2[i], self.d2[i]) = (f1, d1, f2, d2);
    }

    /// Adds (`sign` = 1) or withdraws (−1) point `i`'s terms of gain, loss and extra.
    fn contribute(&mut self, i: usize, sign: f64) {
        let w = sign * self.space.weight(i);
        if w == 0.0 {
            return;
        }
        let (f1, d1, d2) = (self.f1[i], self.d1[i], self.d2[i]);
        let m = self.open.len();
        let row = (f1 != NONE).then(|| self.slot[f1 as usize] as usize * m);
        let mut read = 0;
        for &(j, d) in self.space.list(i) {
            read += 1;
            if d >= d2 {
                break;
            }
            let j = j as usize;
            if self.open[j] {
                continue;
            }
            if d < d1 {
                self.gain[j] += w * (d1 - d);
            }
            if let Some(row) = row {
                if !self.listed[row + j] {
                    self.listed[row + j] = true;
                    self.support[row / m].push(j as u32);
                }
                self.extra[row + j] += w * (d2 - d.max(d1));
            }
        }
        self.work += read;
        if let Some(row) = row {
            self.loss[row / m] += w * (d2 - d1);
        }
    }

    /// Opens `f` in place of the open site `g`; returns the new cost.
    pub fn swap(&mut self, f: usize, g: usize) -> f64 {
        let space = self.space;
        self.epoch = self.epoch.wrapping_add(1);
        if self.epoch == 0 {
            self.stamp.fill(0);
            self.epoch = 1;
        }
        self.affected.clear();
        for &(i, _) in space.listing(g) {
            let k = i as usize;
            if self.f1[k] == g as u32 || self.f2[k] == g as u32 {
                self.mark(i);
            }
        }
        for &(i, d) in space.listing(f) {
            // `≤`: a tie with d₂ may still change which site is second in list order
            if d <= self.d2[i as usize] {
                self.mark(i);
            }
        }
        self.work += (space.listing(g).len() + space.listing(f).len()) as u64;
        let affected = std::mem::take(&mut self.affected);
        for &i in &affected {
            self.contribute(i as usize, -1.0);
        }
        let q = self.slot[g] as usize;
        let m = self.open.len();
        // every point g served was withdrawn: clear what rounding may have left
        for j in self.support[q].drain(..) {
            self.extra[q * m + j as usize] = 0.0;
            self.listed[q * m + j as usize] = false;
        }
        self.loss[q] = 0.0;
        (self.open[g], self.open[f]) = (false, true);
        (self.slot[g], self.slot[f]) = (NONE, q as u32);
        self.sites[q] = f;
        (self.gain[g], self.gain[f]) = (0.0, 0.0);
        let mut delta = 0.0;
        for &i in &affected {
            let i = i as usize;
            let before = self.d1[i];
            self.nearest(i);
            delta += space.weight(i) * (self.d1[i] - before);
            self.contribute(i, 1.0);
        }
        self.affected = affected;
        self.cost += delta;
        self.cost
    }

    fn mark(&mut self, i: u32) {
        if self.stamp[i as usize] != self.epoch {
            self.stamp[i as usize] = self.epoch;
            self.affected.push(i);
        }
    }
}

impl Interchange for FastSwapper<'_, '_> {
    /// Total cost of the open set.
    fn cost(&self) -> f64 {
        self.cost
    }

    /// Whether site `j` is open.
    fn is_open(&self, j: usize) -> bool {
        self.open[j]
    }

    /// The open sites, sorted.
    fn open_sites(&self) -> Vec<usize> {
        let mut open = self.sites.clone();
        open.sort_unstable();
        open
    }

    /// The swap (site in, site out) with the largest profit, ties to the smallest slot and then
    /// site in, and that profit; `None` when nothing can be opened or closed.
    fn best_swap(&mut self) -> Option<(usize, usize, f64)> {
        let space = self.space;
        let m = self.open.len();
        // extra ≥ 0: outside its support a row's best is the best gain alone
        let mut top: Option<usize> = None;
        for f in 0..m {
            self.eligible[f] = if !self.open[f] && space.may_open(f) {
                if top.is_none_or(|t| self.gain[f] > self.gain[t]) {
                    top = Some(f);
                }
                self.gain[f]
            } else {
                f64::NEG_INFINITY
            };
        }
        let top = top?;
        let mut best: Option<(usize, usize, f64)> = None;
        let mut read = m;
        for q in 0..self.sites.len() {
            if space.is_fixed(self.sites[q]) {
                continue;
            }
            let (extra, listed) = (&self.extra[q * m..], &mut self.listed[q * m..]);
            let (mut bf, mut bv) = (top, self.eligible[top] + extra[top]);
            let support = &mut self.support[q];
            read += support.len();
            // entries that fell back to zero leave the support as they are met
            support.retain(|&f| {
                let f = f as usize;
                let v = self.eligible[f] + extra[f];
                if v > bv || (v == bv && f < bf) {
                    (bf, bv) = (f, v);
                }
                let keep = extra[f] != 0.0;
                listed[f] = keep;
                keep
            });
            let profit = bv - self.loss[q];
            if best.is_none_or(|b| profit > b.2) {
                best = Some((bf, self.sites[q], profit));
            }
        }
        self.work += read as u64;
        best
    }

    /// Makes `target` (as many sites as are open) the open set by pairwise swaps.
    fn move_to(&mut self, target: &[usize]) {
        let mut want = vec![false; self.open.len()];
        for &j in target {
            want[j] = true;
        }
        let adds: Vec<usize> = target.iter().copied().filter(|&j| !self.open[j]).collect();
        let drops: Vec<usize> = self.sites.iter().copied().filter(|&j| !want[j]).collect();
        for (&f, &g) in adds.iter().zip(&drops) {
            self.swap(f, g);
        }
    }
    fn swap_sites(&mut self, f: usize, g: usize) -> f64 {
        self.swap(f, g)
    }

    fn work(&self) -> u64 {
        self.work
    }

    fn deadline(&self) -> Option<Instant> {
        self.deadline
    }
}
