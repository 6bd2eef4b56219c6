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

use crate::instance::{Instance, Metric};
use rayon::prelude::*;
use std::time::Instant;

/// Planar coordinates and the impedance of an instance without an explicit matrix.
pub struct Points<'a> {
    instance: &'a Instance,
    fast: bool,
}

impl<'a> Points<'a> {
    /// The distances of `instance`; `None` when it has an explicit matrix (its lists are then
    /// complete and the list search is exact already).
    pub fn new(instance: &'a Instance) -> Option<Self> {
        if instance.matrix.is_some() {
            return None;
        }
        let imp = &instance.impedance;
        let fast = matches!(imp.metric, Metric::Euclidean | Metric::Floor)
            && imp.detour == 1.0
            && imp.speed_kmh.is_none();
        Some(Points { instance, fast })
    }

    /// Impedance from demand point `i` to site `j`.
    #[inline]
    fn d(&self, i: usize, j: usize) -> f64 {
        if self.fast {
            let (a, b) = (&self.instance.demand[i], &self.instance.sites[j]);
            let (dx, dy) = (a.x - b.x, a.y - b.y);
            // √(dx² + dy²): `hypot` is several times slower and agrees but for the last bit
            let e = (dx * dx + dy * dy).sqrt();
            if self.instance.impedance.metric == Metric::Floor {
                e.floor()
            } else {
                e
            }
        } else {
            self.instance.impedance(i, j).unwrap_or(f64::INFINITY)
        }
    }
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
        let mut fixed = vec![false; m];
        for &r in required {
            fixed[r] = true;
        }
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
                    for i in 0..w.len() {
                        let d = pts.d(i, f);
                        let (d1, d2) = (self.d1[i], self.d2[i]);
                        if d < d1 {
                            gain += w[i] * (d1 - d);
                        } else {
                            loss[self.s1[i] as usize] += w[i] * (d.min(d2) - d1);
                        }
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
    let w: Vec<f64> = pts.instance.demand.iter().map(|d| d.weight).collect();
    let mut s = State::new(pts, open, required);
    let mut cost = s.cost(&w);
    while deadline.is_none_or(|d| Instant::now() < d) {
        let Some((f, q, profit)) = s.best_swap(pts, &w) else {
            break;
        };
        if profit <= 1e-9 * cost.abs().max(1.0) {
            break;
        }
        let g = s.open[q];
        s.is_open[g] = false;
        s.is_open[f] = true;
        s.open[q] = f;
        s.refresh(pts);
        let after = s.cost(&w);
        if after >= cost {
            // rounding: undo and stop
            s.is_open[f] = false;
            s.is_open[g] = true;
            s.open[q] = g;
            s.refresh(pts);
            break;
        }
        cost = after;
    }
    let mut sites = s.open;
    sites.sort_unstable();
    (sites, cost)
}
