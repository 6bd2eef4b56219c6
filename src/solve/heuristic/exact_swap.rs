//! Interchange on the instance's own impedances, computed on the fly: for a small `p` the
//! candidate lists are cut far short of the nearest open site of many demand points, so the
//! list search of [`super::swap`] optimises a relaxed cost (points beyond their list pay the
//! list's `beyond` bound). This search prices every swap with the true distances instead.
//!
//! Whitaker's (1983) fast interchange: with each point's nearest and second-nearest open
//! site (`d₁`, `d₂`), one pass over the points prices opening `f` together with closing every
//! open `g` at once,
//!
//! ```text
//! profit(f, g) = Σ_{i: d(i,f) < d₁} w_i (d₁ − d(i,f)) − Σ_{i: φ₁(i) = g, d(i,f) ≥ d₁} w_i (min(d(i,f), d₂) − d₁)
//! ```
//!
//! so a full neighbourhood costs `n · m` distance evaluations (O(n·m) time, O(n + m) memory:
//! no matrix is stored). It is meant for small `p` only, where few moves are needed.

use super::vns::{past, SplitMix};
use crate::instance::{Instance, Metric};
use rayon::prelude::*;
use std::time::Instant;

/// The impedances of an instance without an explicit matrix; planar Euclidean and floor
/// distances are computed from coordinate arrays held here.
pub struct Points<'a> {
    instance: &'a Instance,
    /// Demand and site coordinates when the impedance is the plain planar distance.
    planar: Option<Planar>,
}

struct Planar {
    floor: bool,
    dx: Vec<f64>,
    dy: Vec<f64>,
    sx: Vec<f64>,
    sy: Vec<f64>,
}

impl<'a> Points<'a> {
    /// The distances of `instance`; `None` when it has an explicit matrix (its lists are then
    /// complete and the list search is exact already).
    pub fn new(instance: &'a Instance) -> Option<Self> {
        if instance.matrix.is_some() {
            return None;
        }
        let imp = &instance.impedance;
        let plain = matches!(imp.metric, Metric::Euclidean | Metric::Floor)
            && imp.detour == 1.0
            && imp.speed_kmh.is_none();
        let planar = plain.then(|| Planar {
            floor: imp.metric == Metric::Floor,
            dx: instance.demand.iter().map(|d| d.x).collect(),
            dy: instance.demand.iter().map(|d| d.y).collect(),
            sx: instance.sites.iter().map(|s| s.x).collect(),
            sy: instance.sites.iter().map(|s| s.y).collect(),
        });
        Some(Points { instance, planar })
    }

    /// Impedance from demand point `i` to site `j`.
    #[inline]
    fn d(&self, i: usize, j: usize) -> f64 {
        match &self.planar {
            Some(c) => c.d(i, j),
            None => self.instance.impedance(i, j).unwrap_or(f64::INFINITY),
        }
    }
}

impl Planar {
    /// √(dx² + dy²), floored for the floor metric: `hypot` (the metric's own) is several times
    /// slower and differs at most in the last bit.
    #[inline]
    fn d(&self, i: usize, j: usize) -> f64 {
        let (x, y) = (self.dx[i] - self.sx[j], self.dy[i] - self.sy[j]);
        let e = (x * x + y * y).sqrt();
        if self.floor {
            floor(e)
        } else {
            e
        }
    }
}

/// ⌊e⌋ of a distance `e ≥ 0` by truncation: `f64::floor` is a library call on baseline x86-64.
#[inline]
fn floor(e: f64) -> f64 {
    e as i64 as f64
}

/// An open set with every point's two nearest open sites, priced with true impedances.
struct State {
    open: Vec<usize>,
    is_open: Vec<bool>,
    fixed: Vec<bool>,
    /// slot in `open` of the nearest open site, its impedance, and the second nearest's
    s1: Vec<u32>,
    d1: Vec<f64>,
    d2: Vec<f64>,
}

impl State {
    fn new(pts: &Points, open: &[usize], required: &[usize]) -> Self {
        let m = pts.instance.sites.len();
        let fixed = crate::solve::site_mask(required, m);
        let mut s = State {
            open: open.to_vec(),
            is_open: vec![false; m],
            fixed,
            s1: Vec::new(),
            d1: Vec::new(),
            d2: Vec::new(),
        };
        for &j in open {
            s.is_open[j] = true;
        }
        s.refresh(pts);
        s
    }

    fn refresh(&mut self, pts: &Points) {
        let n = pts.instance.demand.len();
        let nearest: Vec<(u32, f64, f64)> = (0..n)
            .into_par_iter()
            .map(|i| {
                let (mut s1, mut d1, mut d2) = (0u32, f64::INFINITY, f64::INFINITY);
                for (q, &j) in self.open.iter().enumerate() {
                    let d = pts.d(i, j);
                    if d < d1 {
                        (s1, d1, d2) = (q as u32, d, d1);
                    } else if d < d2 {
                        d2 = d;
                    }
                }
                (s1, d1, d2)
            })
            .collect();
        self.s1 = nearest.iter().map(|x| x.0).collect();
        self.d1 = nearest.iter().map(|x| x.1).collect();
        self.d2 = nearest.iter().map(|x| x.2).collect();
    }

    fn cost(&self, w: &[f64]) -> f64 {
        self.d1.iter().zip(w).map(|(d, w)| d * w).sum()
    }

    /// The best swap (site in, slot out, profit) over every closed site, ties to the smallest
    /// site in and slot out; independent of the thread count.
    fn best_swap(&self, pts: &Points, w: &[f64]) -> Option<(usize, usize, f64)> {
        let m = self.is_open.len();
        let p = self.open.len();
        let free: Vec<bool> = self.open.iter().map(|&j| !self.fixed[j]).collect();
        (0..m)
            .into_par_iter()
            .filter(|&f| !self.is_open[f])
            .map_init(
                || vec![0.0; p],
                |loss, f| {
                    loss.fill(0.0);
                    let mut gain = 0.0;
                    let mut price = |i: usize, d: f64| {
                        let (d1, d2) = (self.d1[i], self.d2[i]);
                        if d < d1 {
                            gain += w[i] * (d1 - d);
                        } else {
                            loss[self.s1[i] as usize] += w[i] * (d.min(d2) - d1);
                        }
                    };
                    match &pts.planar {
                        Some(c) => {
                            // the distances of a block first, in a loop the compiler vectorises
                            let mut block = [0.0; 64];
                            for lo in (0..w.len()).step_by(64) {
                                let hi = (lo + 64).min(w.len());
                                let (fx, fy) = (c.sx[f], c.sy[f]);
                                for ((b, x), y) in
                                    block.iter_mut().zip(&c.dx[lo..hi]).zip(&c.dy[lo..hi])
                                {
                                    let (x, y) = (x - fx, y - fy);
                                    *b = (x * x + y * y).sqrt();
                                }
                                if c.floor {
                                    block.iter_mut().for_each(|e| *e = floor(*e));
                                }
                                for (k, &d) in block[..hi - lo].iter().enumerate() {
                                    price(lo + k, d);
                                }
                            }
                        }
                        None => (0..w.len()).for_each(|i| price(i, pts.d(i, f))),
                    }
                    (0..p)
                        .filter(|&q| free[q])
                        .map(|q| (f, q, gain - loss[q]))
                        .max_by(|a, b| a.2.total_cmp(&b.2).then(b.1.cmp(&a.1)))
                },
            )
            .flatten()
            .reduce_with(|a, b| {
                if b.2 > a.2 || (b.2 == a.2 && (b.0, b.1) < (a.0, a.1)) {
                    b
                } else {
                    a
                }
            })
    }
}

impl State {
    /// Best-improvement swaps until none lowers the cost by more than a relative 1e-9, the
    /// deadline passes or `work` (distance evaluations) reaches `limit`; returns the cost.
    fn local_search(
        &mut self,
        pts: &Points,
        w: &[f64],
        deadline: Option<Instant>,
        work: &mut u64,
        limit: u64,
    ) -> f64 {
        let mut cost = self.cost(w);
        let scan = (w.len() * self.is_open.len()) as u64;
        while *work < limit && !past(deadline) {
            *work += scan;
            let Some((f, q, profit)) = self.best_swap(pts, w) else {
                break;
            };
            if profit <= 1e-9 * cost.abs().max(1.0) {
                break;
            }
            let g = self.open[q];
            self.swap(pts, f, q);
            let after = self.cost(w);
            if after >= cost {
                // rounding: undo and stop
                self.swap(pts, g, q);
                break;
            }
            cost = after;
        }
        cost
    }

    /// Opens `f` in place of the site in slot `q`.
    fn swap(&mut self, pts: &Points, f: usize, q: usize) {
        let g = self.open[q];
        self.is_open[g] = false;
        self.is_open[f] = true;
        self.open[q] = f;
        self.refresh(pts);
    }
}

/// Best-improvement interchange from `open` (p sites, `required` among them) with the true
/// impedances of `pts`, until no swap lowers the cost by more than a relative 1e-9 or the
/// deadline passes (checked between moves). Returns the open sites, sorted, and their cost.
///
/// ```
/// use impuls::instance;
/// use impuls::solve::heuristic::exact_swap::{exact_interchange, Points};
/// let inst = instance::read("instances/demo/demo.json".as_ref(), None, &Default::default()).unwrap();
/// let pts = Points::new(&inst).unwrap();
/// let (open, cost) = exact_interchange(&pts, &[0, 1, 2], &[], None);
/// assert_eq!(open.len(), 3);
/// let first = impuls::solve::verify::verify(&inst, impuls::model::ModelKind::PMedian, Some(3), None, &[0, 1, 2], None).unwrap();
/// assert!(cost <= first.objective);
/// ```
pub fn exact_interchange(
    pts: &Points,
    open: &[usize],
    required: &[usize],
    deadline: Option<Instant>,
) -> (Vec<usize>, f64) {
    exact_vns(pts, open, required, 0, deadline)
}

/// Variable neighbourhood search (Hansen & Mladenović 1997) on true impedances: from the local
/// optimum of [`exact_interchange`], shake the best solution with `k` random swaps (`k` = 1, 2,
/// 3, back to 1 after an improvement), descend, keep the result if it is cheaper. Stops when the
/// descents after the first have evaluated `budget` distances (n·m per scan of the swap
/// neighbourhood) or at the deadline. The generator has a fixed seed and every scan is
/// reduced in a fixed order, so the result depends on neither the thread count nor the
/// machine unless the deadline cuts it short. Returns the open sites, sorted, and their cost.
///
/// ```
/// use impuls::instance;
/// use impuls::solve::heuristic::exact_swap::{exact_interchange, exact_vns, Points};
/// let inst = instance::read("instances/demo/demo.json".as_ref(), None, &Default::default()).unwrap();
/// let pts = Points::new(&inst).unwrap();
/// let (_, local) = exact_interchange(&pts, &[0, 1], &[], None);
/// let (open, cost) = exact_vns(&pts, &[0, 1], &[], 1_000_000, None);
/// assert_eq!(open.len(), 2);
/// assert!(cost <= local);
/// ```
pub fn exact_vns(
    pts: &Points,
    open: &[usize],
    required: &[usize],
    budget: u64,
    deadline: Option<Instant>,
) -> (Vec<usize>, f64) {
    let w: Vec<f64> = pts.instance.demand.iter().map(|d| d.weight).collect();
    let mut s = State::new(pts, open, required);
    let mut work = 0;
    let mut best_cost = s.local_search(pts, &w, deadline, &mut work, u64::MAX);
    let budget = work.saturating_add(budget);
    let m = s.is_open.len();
    let free: Vec<usize> = (0..s.open.len()).filter(|&q| !s.fixed[s.open[q]]).collect();
    let mut rng = SplitMix(0x5eed);
    let mut next = |n: usize| rng.below(n);
    let mut best = s.open.clone();
    let mut k = 1;
    while work < budget && !free.is_empty() && m > best.len() {
        if past(deadline) {
            break;
        }
        for _ in 0..k {
            let q = free[next(free.len())];
            let f = loop {
                let f = next(m);
                if !s.is_open[f] {
                    break f;
                }
            };
            s.is_open[s.open[q]] = false;
            s.is_open[f] = true;
            s.open[q] = f;
        }
        s.refresh(pts);
        let cost = s.local_search(pts, &w, deadline, &mut work, budget);
        if cost < best_cost - 1e-9 * best_cost.abs().max(1.0) {
            best_cost = cost;
            best = s.open.clone();
            k = 1;
        } else {
            for &j in &s.open {
                s.is_open[j] = false;
            }
            s.open.clone_from(&best);
            for &j in &s.open {
                s.is_open[j] = true;
            }
            s.refresh(pts);
            k = if k >= 3 { 1 } else { k + 1 };
        }
    }
    best.sort_unstable();
    (best, best_cost)
}
