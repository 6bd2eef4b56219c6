//! "Robuste Entscheidungen": for each function, how often the proposals of the front place it
//! in each town (for multi-site functions: in each set of towns), and which placements every
//! proposal shares.
//!
//! The shares count proposals, i.e. points of the front: they say how much of the front agrees
//! on a placement, not how likely it is. After `--max-points` they count the reported subset.

use super::objective::{pt_threshold, Objective};
use super::proposal::{ProposalSet, RobustDecision, Share};
use crate::instance::catalogue::Catalogue;
use std::collections::BTreeMap;

/// The decisions of every function of `set`, in catalogue order.
///
/// ```
/// # let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/proposals_sample.json")).unwrap();
/// # let set: impuls::pareto::proposal::ProposalSet = serde_json::from_str(&text).unwrap();
/// let decisions = impuls::pareto::robust::decisions(&set);
/// assert_eq!(decisions.len(), set.functions.len());
/// for d in &decisions {
///     let total: usize = d.shares.iter().map(|s| s.count).sum();
///     assert_eq!(total, set.proposals.len());
/// }
/// ```
pub fn decisions(set: &ProposalSet) -> Vec<RobustDecision> {
    let n = set.proposals.len();
    set.functions
        .iter()
        .map(|f| {
            let mut counts: BTreeMap<Vec<String>, usize> = BTreeMap::new();
            for p in &set.proposals {
                let mut towns = p.allocation.get(&f.id).cloned().unwrap_or_default();
                towns.sort();
                *counts.entry(towns).or_default() += 1;
            }
            let mut shares: Vec<Share> = counts
                .into_iter()
                .map(|(towns, count)| Share {
                    towns,
                    count,
                    share: count as f64 / n as f64,
                })
                .collect();
            // most frequent first; equal counts keep the town order of the BTreeMap
            shares.sort_by_key(|s| std::cmp::Reverse(s.count));
            let mut status_quo = set
                .status_quo
                .allocation
                .get(&f.id)
                .cloned()
                .unwrap_or_default();
            status_quo.sort();
            RobustDecision {
                function: f.id.clone(),
                status_quo,
                unanimous: shares.len() == 1,
                shares,
                interchangeable_with: f.interchangeable_with.clone(),
            }
        })
        .collect()
}

/// For each function, the other functions it can swap towns with, in any allocation, without
/// changing feasibility or the value of any of `objectives`: the same number of sites, allowed
/// towns and size points (capacities, balance), no lock on either, and what each objective
/// reads of a function: importance (access and the ÖPNV objectives), car threshold
/// (coverage), ÖPNV threshold (pt_reach), status quo and relocation cost (change), affinities
/// to every third function (synergy). Equity reads only the towns.
///
/// Of several allocations with equal values the front reports one, so the robust-decision
/// shares of such twins depend on which; the report says so beside them.
///
/// ```
/// use impuls::instance::catalogue::{read, CatalogueOptions};
/// use impuls::pareto::{objective::Objective, robust::interchangeable};
/// let cat = read("instances/harz".as_ref(), &CatalogueOptions::default()).unwrap();
/// let id = |f: usize| cat.functions[f].id.as_str();
/// let f = cat.functions.iter().position(|f| f.id == "stadion").unwrap();
/// let twins = interchangeable(&cat, &[Objective::Access, Objective::Balance, Objective::Change]);
/// let names: Vec<&str> = twins[f].iter().map(|&g| id(g)).collect();
/// assert_eq!(names, ["mehrzweckarena", "museum_ueberregional"]);
/// // with synergy the museum's affinity to the theatre tells it apart (and without change,
/// // the tax office, which only its status quo distinguished, would join)
/// let twins = interchangeable(&cat, &[Objective::Access, Objective::Change, Objective::Synergy]);
/// let names: Vec<&str> = twins[f].iter().map(|&g| id(g)).collect();
/// assert_eq!(names, ["mehrzweckarena"]);
/// ```
pub fn interchangeable(cat: &Catalogue, objectives: &[Objective]) -> Vec<Vec<usize>> {
    let uses = |o: Objective| objectives.contains(&o);
    let n = cat.functions.len();
    let locked: Vec<bool> = (0..n)
        .map(|f| cat.locks.iter().any(|&(lf, _)| lf == f))
        .collect();
    // affinity of f to every function (both directions summed)
    let mut affinity = vec![vec![0i64; n]; n];
    for a in &cat.affinities {
        affinity[a.a][a.b] += a.value;
        affinity[a.b][a.a] += a.value;
    }
    let twins = |f: usize, g: usize| {
        let (a, b) = (&cat.functions[f], &cat.functions[g]);
        let weighted = uses(Objective::Access)
            || uses(Objective::Coverage)
            || uses(Objective::PtAccess)
            || uses(Objective::PtReach);
        !locked[f]
            && !locked[g]
            && a.sites == b.sites
            && sorted(&a.allowed) == sorted(&b.allowed)
            && a.size_points == b.size_points
            && (!weighted || a.importance == b.importance)
            && (!uses(Objective::Coverage) || a.threshold == b.threshold)
            && (!uses(Objective::PtReach) || pt_threshold(a) == pt_threshold(b))
            && (!uses(Objective::Change)
                || (sorted(&a.status_quo_ids) == sorted(&b.status_quo_ids)
                    && a.relocation_cost == b.relocation_cost))
            && (!uses(Objective::Synergy)
                || (0..n).all(|h| h == f || h == g || affinity[f][h] == affinity[g][h]))
    };
    let mut out: Vec<Vec<usize>> = (0..n)
        .map(|f| (0..n).filter(|&g| g != f && twins(f, g)).collect())
        .collect();
    for list in &mut out {
        list.sort_by(|&x, &y| cat.functions[x].id.cmp(&cat.functions[y].id));
    }
    out
}

/// `items` in ascending order, to compare sets given as lists.
fn sorted<T: Ord + Clone>(items: &[T]) -> Vec<T> {
    let mut v = items.to_vec();
    v.sort_unstable();
    v
}

/// Whole percentages of `shares` that add up to exactly 100 (largest remainder method; ties go
/// to the earlier share), so that a table row never reads 99 % or 101 %.
///
/// ```
/// use impuls::pareto::robust::percentages;
/// assert_eq!(percentages(&[1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0]), vec![34, 33, 33]);
/// assert_eq!(percentages(&[2.0 / 3.0, 1.0 / 3.0]), vec![67, 33]);
/// assert_eq!(percentages(&[]), Vec::<u32>::new());
/// ```
pub fn percentages(shares: &[f64]) -> Vec<u32> {
    let total: f64 = shares.iter().sum();
    if shares.is_empty() || total <= 0.0 {
        return vec![0; shares.len()];
    }
    let exact: Vec<f64> = shares.iter().map(|s| s / total * 100.0).collect();
    let mut out: Vec<u32> = exact.iter().map(|e| e.floor() as u32).collect();
    let missing = 100 - out.iter().sum::<u32>().min(100);
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by(|&a, &b| {
        let (ra, rb) = (exact[a] - exact[a].floor(), exact[b] - exact[b].floor());
        rb.total_cmp(&ra).then(a.cmp(&b))
    });
    for &i in order.iter().take(missing as usize) {
        out[i] += 1;
    }
    out
}
