//! "Robuste Entscheidungen": for each function, how often the proposals of the front place it
//! in each town (for multi-site functions: in each set of towns), and which placements every
//! proposal shares.
//!
//! The shares count proposals, i.e. points of the front: they say how much of the front agrees
//! on a placement, not how likely it is. After `--max-points` they count the reported subset.

use super::proposal::{ProposalSet, RobustDecision, Share};
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
            }
        })
        .collect()
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
