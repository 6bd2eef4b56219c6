//! Exact reductions of the MCLP over coverage groups (docs/models.md, "MCLP reductions").
//!
//! Each step keeps the optimal value, so the bound of the reduced model is a bound of the
//! original one and every reduced solution, padded to p sites, is feasible:
//!
//! 1. groups that no site covers, or of weight 0, are dropped (they never count);
//! 2. groups covered by a required site are always covered: their weight becomes a constant;
//! 3. a site whose covered groups are a subset of another site's is **dominated** and gets no
//!    coverage in the model (ties between equal sets keep the lower index): any solution can
//!    swap it for its dominator without losing weight;
//! 4. groups whose covering sets became equal are merged again;
//! 5. a group covered by a single site is folded into that site's objective coefficient
//!    (its `c_g` would equal `y_j`), so it needs neither a column nor a row.

use super::coverage::CoverageGroups;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// What the reductions leave for the model.
#[derive(Debug, Clone, Default)]
pub struct Reduced {
    /// Covering sets (≥ 2 active sites each, sorted) of the groups that need a row.
    pub sets: Vec<Vec<u32>>,
    /// Weight of each of these groups.
    pub weights: Vec<f64>,
    /// Weight each site covers alone (folded single-site groups), per site of the instance.
    pub site_weight: Vec<f64>,
    /// Weight covered whatever the decision (groups of required sites).
    pub constant: f64,
    /// Sites that keep coverage in the model (not required, not dominated, covering something).
    pub active: Vec<bool>,
    /// Sizes before and after.
    pub stats: ReductionStats,
}

/// Counts of what each reduction removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct ReductionStats {
    /// Groups before reduction.
    pub groups: usize,
    /// Groups dropped as uncoverable or weightless.
    pub uncoverable: usize,
    /// Groups covered by a required site.
    pub constant: usize,
    /// Sites dominated by another site.
    pub dominated: usize,
    /// Sites that cover nothing left in the model.
    pub empty: usize,
    /// Single-site groups folded into a site coefficient.
    pub folded: usize,
    /// Groups left as rows.
    pub rows: usize,
}

impl Reduced {
    /// The groups the model sees, before folding: rows plus one single-site group per site with a
    /// folded weight (what heuristics work on).
    ///
    /// ```
    /// use impuls::model::{coverage::CoverageGroups, mclp_reduce::reduce};
    /// let groups = CoverageGroups { sets: vec![vec![0, 1], vec![0], vec![1]], weights: vec![3.0, 1.0, 2.0], group_of: vec![] };
    /// let (sets, weights) = reduce(&groups, 2, &[]).all_groups();
    /// assert_eq!(sets, vec![vec![0, 1], vec![0], vec![1]]);
    /// assert_eq!(weights, vec![3.0, 1.0, 2.0]);
    /// ```
    pub fn all_groups(&self) -> (Vec<Vec<u32>>, Vec<f64>) {
        let mut sets = self.sets.clone();
        let mut weights = self.weights.clone();
        for (j, &w) in self.site_weight.iter().enumerate() {
            if w > 0.0 {
                sets.push(vec![j as u32]);
                weights.push(w);
            }
        }
        (sets, weights)
    }
}

/// Applies the reductions to `groups` for `n_sites` sites of which `required` are fixed open.
///
/// ```
/// use impuls::model::coverage::CoverageGroups;
/// use impuls::model::mclp_reduce::reduce;
/// // site 1 covers {g0, g1}, site 0 only {g0}: site 0 is dominated; g1 is site 1's alone
/// let groups = CoverageGroups { sets: vec![vec![0, 1], vec![1], vec![]], weights: vec![4.0, 2.0, 9.0], group_of: vec![] };
/// let r = reduce(&groups, 3, &[]);
/// assert_eq!(r.active, vec![false, true, false]);
/// assert!(r.sets.is_empty());
/// assert_eq!(r.site_weight, vec![0.0, 6.0, 0.0]);
/// assert_eq!((r.stats.dominated, r.stats.uncoverable), (1, 1));
/// ```
pub fn reduce(groups: &CoverageGroups, n_sites: usize, required: &[usize]) -> Reduced {
    let mut stats = ReductionStats {
        groups: groups.sets.len(),
        ..Default::default()
    };
    let mut is_required = vec![false; n_sites];
    for &j in required {
        is_required[j] = true;
    }
    let mut constant = 0.0;
    let mut kept: Vec<usize> = Vec::new();
    for (g, (set, &w)) in groups.sets.iter().zip(&groups.weights).enumerate() {
        if set.is_empty() || w == 0.0 {
            stats.uncoverable += 1;
        } else if set.iter().any(|&j| is_required[j as usize]) {
            stats.constant += 1;
            constant += w;
        } else {
            kept.push(g);
        }
    }
    // covered groups of each site, by position in `kept` (sorted: built in increasing order)
    let mut covers: Vec<Vec<u32>> = vec![Vec::new(); n_sites];
    for (k, &g) in kept.iter().enumerate() {
        for &j in &groups.sets[g] {
            covers[j as usize].push(k as u32);
        }
    }
    let dominated: Vec<bool> = (0..n_sites)
        .into_par_iter()
        .map(|a| !covers[a].is_empty() && is_dominated(a, &covers, &kept, groups, &is_required))
        .collect();
    stats.dominated = dominated.iter().filter(|&&d| d).count();
    // merge the groups whose sets, without dominated sites, coincide (first occurrence order)
    let mut index: FxHashMap<Vec<u32>, usize> = FxHashMap::default();
    let mut sets: Vec<Vec<u32>> = Vec::new();
    let mut weights: Vec<f64> = Vec::new();
    for &g in &kept {
        let set: Vec<u32> = groups.sets[g]
            .iter()
            .copied()
            .filter(|&j| !dominated[j as usize])
            .collect();
        let k = *index.entry(set).or_insert_with_key(|s| {
            sets.push(s.clone());
            weights.push(0.0);
            sets.len() - 1
        });
        weights[k] += groups.weights[g];
    }
    let mut site_weight = vec![0.0; n_sites];
    let mut active = vec![false; n_sites];
    let (mut row_sets, mut row_weights) = (Vec::new(), Vec::new());
    for (set, w) in sets.into_iter().zip(weights) {
        for &j in &set {
            active[j as usize] = true;
        }
        if let [j] = set[..] {
            site_weight[j as usize] += w;
            stats.folded += 1;
        } else {
            row_sets.push(set);
            row_weights.push(w);
        }
    }
    stats.empty = (0..n_sites)
        .filter(|&j| !is_required[j] && !dominated[j] && !active[j])
        .count();
    stats.rows = row_sets.len();
    Reduced {
        sets: row_sets,
        weights: row_weights,
        site_weight,
        constant,
        active,
        stats,
    }
}

/// Whether some other non-required site b covers every group site `a` covers, with a strictly
/// larger set or, for an equal set, a lower index (a strict order, so a chain of dominated sites
/// always ends at a kept one).
fn is_dominated(
    a: usize,
    covers: &[Vec<u32>],
    kept: &[usize],
    groups: &CoverageGroups,
    is_required: &[bool],
) -> bool {
    if is_required[a] {
        return false;
    }
    let mine = &covers[a];
    // every dominator covers a's group with the fewest covering sites: only those are tried
    let rarest = mine
        .iter()
        .map(|&k| &groups.sets[kept[k as usize]])
        .min_by_key(|s| s.len())
        .expect("a covers a group");
    rarest.iter().any(|&b| {
        let b = b as usize;
        let theirs = &covers[b];
        b != a
            && !is_required[b]
            && (theirs.len() > mine.len() || (theirs.len() == mine.len() && b < a))
            && is_subset(mine, theirs)
    })
}

/// Whether sorted `small` ⊆ sorted `large`.
fn is_subset(small: &[u32], large: &[u32]) -> bool {
    let mut it = large.iter();
    small.iter().all(|x| it.by_ref().any(|y| y == x))
}
