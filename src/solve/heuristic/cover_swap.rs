//! Best-improvement swap interchange for the MCLP on coverage groups, with gain/loss
//! bookkeeping in the style of Resende & Werneck (2007): one pass over the groups prices every
//! (close `r`, open `j`) swap at once, so a move costs O(nonzeros + p·m) instead of one
//! evaluation per pair.
//!
//! For a state with `count[g]` open sites covering group `g`:
//! - `gain[j]` (closed `j`) is the weight of the uncovered groups `j` covers;
//! - `loss[r]` (open `r`) is the weight of the groups only `r` covers;
//! - `extra(r, j)` is the weight of the groups only `r` covers that `j` covers too.
//!
//! Swapping `r` for `j` changes the covered weight by `gain[j] − loss[r] + extra(r, j)`.

/// A coverage state under swaps: open sites, per-group cover counts and the covered weight.
///
/// ```
/// use impuls::solve::heuristic::cover_swap::{site_groups, CoverState};
/// let sets = vec![vec![0, 1], vec![1, 2], vec![0], vec![2]];
/// let w = [2.0, 3.0, 1.5, 1.5];
/// let inv = site_groups(&sets, 3);
/// let mut s = CoverState::new(&sets, &w, &inv, &[false; 3], &[1, 2]);
/// assert_eq!(s.value(), 6.5);
/// assert_eq!(s.best_swap(), Some((1, 0, 1.5))); // close 1, open 0: +1.5
/// assert_eq!(s.local_search(), 1);
/// assert_eq!((s.open_sites(), s.value()), (vec![0, 2], 8.0));
/// ```
#[derive(Clone)]
pub struct CoverState<'a> {
    sets: &'a [Vec<u32>],
    w: &'a [f64],
    inv: &'a [Vec<u32>],
    fixed: &'a [bool],
    /// Sites that may be opened by a swap (all that cover something, unless [`Self::forbid`]).
    allowed: Vec<bool>,
    open: Vec<bool>,
    count: Vec<u32>,
    value: f64,
    /// List entries read so far (a machine-independent measure of work).
    pub work: u64,
}

/// For each site, the groups it covers (`u32` indices).
///
/// ```
/// use impuls::solve::heuristic::cover_swap::site_groups;
/// assert_eq!(site_groups(&[vec![0, 1], vec![1]], 2), vec![vec![0], vec![0, 1]]);
/// ```
pub fn site_groups(sets: &[Vec<u32>], n_sites: usize) -> Vec<Vec<u32>> {
    let mut inv = vec![Vec::new(); n_sites];
    for (g, set) in sets.iter().enumerate() {
        for &j in set {
            inv[j as usize].push(g as u32);
        }
    }
    inv
}

impl<'a> CoverState<'a> {
    /// The state with `open` sites open. `inv` is [`site_groups`] of `sets`; `fixed` marks
    /// sites that must stay open (required).
    pub fn new(
        sets: &'a [Vec<u32>],
        w: &'a [f64],
        inv: &'a [Vec<u32>],
        fixed: &'a [bool],
        open: &[usize],
    ) -> Self {
        let mut s = CoverState {
            sets,
            w,
            inv,
            fixed,
            allowed: inv.iter().map(|g| !g.is_empty()).collect(),
            open: vec![false; inv.len()],
            count: vec![0; sets.len()],
            value: 0.0,
            work: 0,
        };
        for &j in open {
            s.flip(j);
        }
        s
    }

    /// Covered weight.
    pub fn value(&self) -> f64 {
        self.value
    }

    /// Whether site `j` is open.
    pub fn is_open(&self, j: usize) -> bool {
        self.open[j]
    }

    /// Whether a swap may open site `j`: it covers some group (others never gain anything)
    /// and is not forbidden.
    pub fn may_open(&self, j: usize) -> bool {
        self.allowed[j]
    }

    /// Swaps never open the sites marked in `closed` from now on.
    pub fn forbid(&mut self, closed: &[bool]) {
        for (a, &c) in self.allowed.iter_mut().zip(closed) {
            *a &= !c;
        }
    }

    /// Whether site `j` must stay open.
    pub fn is_fixed(&self, j: usize) -> bool {
        self.fixed[j]
    }

    /// Number of sites.
    pub fn n_sites(&self) -> usize {
        self.open.len()
    }

    /// Open sites, sorted.
    pub fn open_sites(&self) -> Vec<usize> {
        (0..self.open.len()).filter(|&j| self.open[j]).collect()
    }

    /// Opens a closed site or closes an open one.
    pub fn flip(&mut self, j: usize) {
        let opening = !self.open[j];
        self.open[j] = opening;
        self.work += self.inv[j].len() as u64;
        for &g in &self.inv[j] {
            let g = g as usize;
            if opening {
                if self.count[g] == 0 {
                    self.value += self.w[g];
                }
                self.count[g] += 1;
            } else {
                self.count[g] -= 1;
                if self.count[g] == 0 {
                    self.value -= self.w[g];
                }
            }
        }
    }

    /// The best swap (open `r` not fixed, closed `j` that may open) and its change of covered
    /// weight;
    /// ties go to the lowest `r`, then the lowest `j`.
    pub fn best_swap(&mut self) -> Option<(usize, usize, f64)> {
        let m = self.open.len();
        let mut gain = vec![0.0; m];
        let mut loss = vec![0.0; m];
        for (g, set) in self.sets.iter().enumerate() {
            match self.count[g] {
                0 => set.iter().for_each(|&j| gain[j as usize] += self.w[g]),
                1 => {
                    let r = set.iter().find(|&&j| self.open[j as usize]);
                    loss[*r.expect("a covering site is open") as usize] += self.w[g];
                }
                _ => {}
            }
            self.work += set.len() as u64;
        }
        let closed: Vec<usize> = (0..m)
            .filter(|&j| !self.open[j] && self.allowed[j])
            .collect();
        let mut extra = vec![0.0; m];
        let mut best: Option<(usize, usize, f64)> = None;
        for r in (0..m).filter(|&r| self.open[r] && !self.fixed[r]) {
            for &g in &self.inv[r] {
                let g = g as usize;
                if self.count[g] == 1 {
                    for &j in &self.sets[g] {
                        extra[j as usize] += self.w[g];
                    }
                    self.work += self.sets[g].len() as u64;
                }
            }
            for &j in &closed {
                let delta = gain[j] - loss[r] + extra[j];
                if best.is_none_or(|(_, _, b)| delta > b) {
                    best = Some((r, j, delta));
                }
            }
            self.work += closed.len() as u64;
            for &g in &self.inv[r] {
                if self.count[g as usize] == 1 {
                    for &j in &self.sets[g as usize] {
                        extra[j as usize] = 0.0;
                    }
                }
            }
        }
        best
    }

    /// Applies best swaps while one adds more than a relative 1e-12 of the total weight;
    /// returns the number of swaps made.
    pub fn local_search(&mut self) -> usize {
        let eps = 1e-12 * self.w.iter().sum::<f64>().max(1.0);
        let mut swaps = 0;
        while let Some((r, j, delta)) = self.best_swap() {
            if delta <= eps {
                break;
            }
            self.flip(r);
            self.flip(j);
            swaps += 1;
        }
        swaps
    }
}

/// Improves `open` (p sites, the `fixed` ones included) by best-improvement swaps until none
/// adds weight. `sets[g]` are the sites covering group `g` of weight `w[g]`. Returns the open
/// sites, sorted.
///
/// ```
/// use impuls::solve::heuristic::cover_swap::swap_mclp;
/// // {1, 2} covers 6.5; swapping site 1 for site 0 covers 8
/// let sets = vec![vec![0, 1], vec![1, 2], vec![0], vec![2]];
/// let w = [2.0, 3.0, 1.5, 1.5];
/// assert_eq!(swap_mclp(&sets, &w, 3, vec![1, 2], &[]), vec![0, 2]);
/// ```
pub fn swap_mclp(
    sets: &[Vec<u32>],
    w: &[f64],
    n_sites: usize,
    open: Vec<usize>,
    fixed: &[usize],
) -> Vec<usize> {
    let inv = site_groups(sets, n_sites);
    let is_fixed = crate::solve::site_mask(fixed, n_sites);
    let mut s = CoverState::new(sets, w, &inv, &is_fixed, &open);
    s.local_search();
    s.open_sites()
}
