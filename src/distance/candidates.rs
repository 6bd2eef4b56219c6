//! Sparse candidate lists: for each demand point, the sites that can matter, sorted by
//! impedance. Models are formulated over these lists, never over a dense n × m matrix unless the
//! scope asks for all sites.

use super::rtree::{metric_lower_bound, tree_distance, tree_radius, SiteTree};
use crate::instance::Instance;
use rayon::prelude::*;
use std::cmp::Ordering;

/// Which sites each demand point keeps.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scope {
    /// Every reachable site (dense; fine for small instances and explicit matrices).
    All,
    /// The `k` nearest sites (ties beyond `k` are cut; `beyond` bounds what was cut).
    Nearest(usize),
    /// Every site within impedance `radius` (inclusive).
    Within(f64),
}

/// Per demand point: `(site, impedance)` sorted by impedance then site index, plus a lower
/// bound on the impedance of every site left out (`None` when nothing was left out).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CandidateLists {
    lists: Vec<Vec<(u32, f64)>>,
    beyond: Vec<Option<f64>>,
}

/// One demand point's list and the bound on what it left out.
type ListWithBound = (Vec<(u32, f64)>, Option<f64>);

fn by_impedance(a: &(u32, f64), b: &(u32, f64)) -> Ordering {
    a.1.total_cmp(&b.1).then(a.0.cmp(&b.0))
}

impl CandidateLists {
    /// Builds the lists of every demand point of `instance` under `scope`, in parallel.
    ///
    /// ```
    /// use impuls::distance::{CandidateLists, Scope};
    /// use impuls::instance::{DemandPoint, Instance, Site, Crs, Impedance};
    /// let p = |id: &str, x: f64| DemandPoint { id: id.into(), name: None, x, y: 0.0, weight: 1.0, load: None };
    /// let s = |id: &str, x: f64| Site { id: id.into(), name: None, x, y: 0.0, required: false, capacity: None, cost: None, ..Default::default() };
    /// let inst = Instance { name: "line".into(), source: String::new(), crs: Crs::Planar,
    ///     impedance: Impedance::euclidean(), demand: vec![p("a", 0.0)],
    ///     sites: vec![s("s1", 5.0), s("s2", 1.0), s("s3", 3.0)], matrix: None };
    /// let c = CandidateLists::build(&inst, Scope::Nearest(2));
    /// assert_eq!(c.list(0), &[(1, 1.0), (2, 3.0)]);
    /// assert_eq!(c.beyond(0), Some(5.0));
    /// let w = CandidateLists::build(&inst, Scope::Within(3.0));
    /// assert_eq!(w.list(0).len(), 2);
    /// ```
    pub fn build(instance: &Instance, scope: Scope) -> Self {
        let n = instance.demand.len();
        let m = instance.sites.len();
        // Long k-nearest lists are faster from all distances and a selection than from the
        // R-tree's nearest-neighbour iterator (usa13509 with k = 4053: 1–2 s against 22 s).
        let dense = match scope {
            Scope::All => true,
            Scope::Nearest(k) => k.saturating_mul(DENSE_NEAREST) >= m,
            Scope::Within(_) => false,
        };
        let pairs: Vec<ListWithBound> = if instance.matrix.is_some() || dense {
            (0..n)
                .into_par_iter()
                .map(|i| {
                    let row: Vec<(u32, f64)> = match &instance.matrix {
                        Some(mat) => mat.row(i).to_vec(),
                        None => (0..m)
                            .filter_map(|j| instance.impedance(i, j).map(|d| (j as u32, d)))
                            .collect(),
                    };
                    cut(row, scope)
                })
                .collect()
        } else {
            let tree = SiteTree::new(instance);
            (0..n)
                .into_par_iter()
                .map(|i| from_tree(instance, &tree, i, scope))
                .collect()
        };
        let (lists, beyond) = pairs.into_iter().unzip();
        CandidateLists { lists, beyond }
    }

    /// From explicit lists (used by tests and by aggregation).
    pub fn from_lists(lists: Vec<Vec<(u32, f64)>>, beyond: Vec<Option<f64>>) -> Self {
        CandidateLists { lists, beyond }
    }

    /// The list of demand `i`, sorted by impedance.
    pub fn list(&self, i: usize) -> &[(u32, f64)] {
        &self.lists[i]
    }

    /// Lower bound on the impedance of sites left out of demand `i`'s list.
    pub fn beyond(&self, i: usize) -> Option<f64> {
        self.beyond[i]
    }

    /// Number of demand points.
    pub fn len(&self) -> usize {
        self.lists.len()
    }

    /// Whether there are no demand points.
    pub fn is_empty(&self) -> bool {
        self.lists.is_empty()
    }

    /// Total number of stored (demand, site) pairs.
    pub fn n_pairs(&self) -> usize {
        self.lists.iter().map(Vec::len).sum()
    }

    /// The p-median cost of the open sites `open` (one flag per site) over the lists: each
    /// demand point at its nearest open listed site, else at its `beyond` bound (a lower bound
    /// on its true cost), else at infinity.
    ///
    /// ```
    /// use impuls::distance::CandidateLists;
    /// let c = CandidateLists::from_lists(vec![vec![(0, 1.0), (1, 3.0)], vec![(1, 2.0)]], vec![None, Some(5.0)]);
    /// assert_eq!(c.cost(&[1.0, 2.0], &[true, false]), 1.0 + 2.0 * 5.0);
    /// assert_eq!(c.cost(&[1.0, 2.0], &[false, true]), 3.0 + 2.0 * 2.0);
    /// ```
    pub fn cost(&self, weights: &[f64], open: &[bool]) -> f64 {
        let mut total = 0.0;
        for ((list, beyond), w) in self.lists.iter().zip(&self.beyond).zip(weights) {
            let served = list
                .iter()
                .find(|(j, _)| open[*j as usize])
                .map(|&(_, d)| d)
                .or(*beyond);
            // a point that cannot be served makes the set infeasible, whatever its weight
            // (0 · ∞ would be NaN)
            let Some(d) = served else {
                return f64::INFINITY;
            };
            total += w * d;
        }
        total
    }

    /// Whether every list holds every reachable site.
    pub fn is_complete(&self) -> bool {
        self.beyond.iter().all(Option::is_none)
    }
}

/// Every demand point's nearest reachable site and its impedance (`None` for a point that
/// reaches no site), in parallel, without keeping lists: `impuls info` on 10⁷ points.
///
/// ```
/// use impuls::distance::candidates::nearest_sites;
/// use impuls::instance::{DemandPoint, Instance, Site, Crs, Impedance};
/// let p = |id: &str, x: f64| DemandPoint { id: id.into(), name: None, x, y: 0.0, weight: 1.0, load: None };
/// let s = |id: &str, x: f64| Site { id: id.into(), name: None, x, y: 0.0, required: false, capacity: None, cost: None, ..Default::default() };
/// let inst = Instance { name: "line".into(), source: String::new(), crs: Crs::Planar,
///     impedance: Impedance::euclidean(), demand: vec![p("a", 0.0), p("b", 4.0)],
///     sites: vec![s("s1", 5.0), s("s2", 1.0)], matrix: None };
/// assert_eq!(nearest_sites(&inst), vec![Some((1, 1.0)), Some((0, 1.0))]);
/// ```
pub fn nearest_sites(instance: &Instance) -> Vec<Option<(u32, f64)>> {
    let n = instance.demand.len();
    let first = |row: Vec<(u32, f64)>| cut(row, Scope::Nearest(1)).0.first().copied();
    match &instance.matrix {
        Some(mat) => (0..n)
            .into_par_iter()
            .map(|i| first(mat.row(i).to_vec()))
            .collect(),
        None => {
            let tree = SiteTree::new(instance);
            (0..n)
                .into_par_iter()
                .map(|i| {
                    from_tree(instance, &tree, i, Scope::Nearest(1))
                        .0
                        .first()
                        .copied()
                })
                .collect()
        }
    }
}

/// A k-nearest list is built from all distances when `k · DENSE_NEAREST ≥ m`.
const DENSE_NEAREST: usize = 8;

/// Applies the scope to a complete row (any order); the result is sorted.
fn cut(mut row: Vec<(u32, f64)>, scope: Scope) -> (Vec<(u32, f64)>, Option<f64>) {
    if let Scope::Nearest(k) = scope {
        if k < row.len() {
            // the (k+1)-th in (impedance, site) order bounds everything left out
            row.select_nth_unstable_by(k, by_impedance);
            let beyond = Some(row[k].1);
            row.truncate(k);
            row.sort_by(by_impedance);
            return (row, beyond);
        }
    }
    row.sort_by(by_impedance);
    let keep = match scope {
        Scope::All | Scope::Nearest(_) => row.len(),
        Scope::Within(r) => row.partition_point(|&(_, d)| d <= r),
    };
    let beyond = row.get(keep).map(|&(_, d)| d);
    row.truncate(keep);
    (row, beyond)
}

/// One demand point's list from the R-tree.
fn from_tree(
    instance: &Instance,
    tree: &SiteTree,
    i: usize,
    scope: Scope,
) -> (Vec<(u32, f64)>, Option<f64>) {
    let d = &instance.demand[i];
    let imp = &instance.impedance;
    let unit = imp.scale(1.0);
    match scope {
        Scope::Within(r) => {
            let mut row: Vec<(u32, f64)> = tree
                .within(d.x, d.y, tree_radius(imp.metric, r / unit))
                .filter_map(|j| instance.impedance(i, j as usize).map(|v| (j, v)))
                .filter(|&(_, v)| v <= r)
                .collect();
            row.sort_by(by_impedance);
            // Everything outside the tree radius is farther than r.
            let beyond = (row.len() < instance.sites.len()).then_some(r);
            (row, beyond)
        }
        Scope::Nearest(k) => {
            // Take k + 1 in tree order; the (k+1)-th tree distance bounds every site left out.
            // Exact metric order can differ from tree order only for geodesic (ellipsoid) and
            // floor ties, so a few extra are read and re-sorted by true impedance.
            let extra = k + 1 + k / 8 + 2;
            let taken: Vec<u32> = tree.nearest(d.x, d.y).take(extra).collect();
            let mut row: Vec<(u32, f64)> = taken
                .iter()
                .filter_map(|&j| instance.impedance(i, j as usize).map(|v| (j, v)))
                .collect();
            row.sort_by(by_impedance);
            let last = taken.last().map(|&j| {
                let s = &instance.sites[j as usize];
                imp.scale(metric_lower_bound(
                    imp.metric,
                    tree_distance(instance.crs, (d.x, d.y), (s.x, s.y)),
                ))
            });
            let keep = k.min(row.len());
            let mut beyond = row.get(keep).map(|&(_, v)| v);
            if taken.len() < instance.sites.len() {
                beyond = match (beyond, last) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
            }
            row.truncate(keep);
            (row, beyond)
        }
        Scope::All => unreachable!("dense scope handled by the caller"),
    }
}
