//! Greedy coverage heuristics (MCLP: most new weight per site; LSCP: least cost per newly
//! covered point), with `required` sites opened first.

/// Greedy MCLP over coverage sets `sets[g]` (sites covering group `g`, weight `w[g]`).
/// Returns the open sites, sorted.
///
/// ```
/// use impuls::solve::heuristic::cover::greedy_mclp;
/// let sets = vec![vec![0], vec![0, 1], vec![2]];
/// assert_eq!(greedy_mclp(&sets, &[5.0, 1.0, 3.0], 3, 1, &[]), vec![0]);
/// ```
pub fn greedy_mclp(
    sets: &[Vec<u32>],
    w: &[f64],
    n_sites: usize,
    p: usize,
    required: &[usize],
) -> Vec<usize> {
    let inv = invert(sets, n_sites);
    let mut open = vec![false; n_sites];
    let mut covered = vec![false; sets.len()];
    let mut count = 0;
    let take = |j: usize, open: &mut Vec<bool>, covered: &mut Vec<bool>| {
        open[j] = true;
        for &g in &inv[j] {
            covered[g] = true;
        }
    };
    for &r in required {
        take(r, &mut open, &mut covered);
        count += 1;
    }
    while count < p {
        let best = (0..n_sites)
            .filter(|&j| !open[j])
            .map(|j| {
                (
                    j,
                    inv[j]
                        .iter()
                        .filter(|&&g| !covered[g])
                        .map(|&g| w[g])
                        .sum::<f64>(),
                )
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        let Some((j, _)) = best else { break };
        take(j, &mut open, &mut covered);
        count += 1;
    }
    (0..n_sites).filter(|&j| open[j]).collect()
}

/// Greedy set cover: every group must be covered; `cost[j]` per site. Returns the open sites,
/// sorted, or `None` when some group has no covering site.
///
/// ```
/// use impuls::solve::heuristic::cover::greedy_lscp;
/// let sets = vec![vec![0, 1], vec![1, 2], vec![2]];
/// assert_eq!(greedy_lscp(&sets, &[1.0, 1.0, 1.0], &[]), Some(vec![1, 2]));
/// ```
pub fn greedy_lscp(sets: &[Vec<u32>], cost: &[f64], required: &[usize]) -> Option<Vec<usize>> {
    let n_sites = cost.len();
    if sets.iter().any(Vec::is_empty) {
        return None;
    }
    let inv = invert(sets, n_sites);
    let mut open = vec![false; n_sites];
    let mut covered = vec![false; sets.len()];
    let mut left = sets.len();
    for &r in required {
        open[r] = true;
        for &g in &inv[r] {
            if !covered[g] {
                covered[g] = true;
                left -= 1;
            }
        }
    }
    while left > 0 {
        let (j, _) = (0..n_sites)
            .filter(|&j| !open[j])
            .filter_map(|j| {
                let new = inv[j].iter().filter(|&&g| !covered[g]).count();
                (new > 0).then(|| (j, cost[j].max(1e-12) / new as f64))
            })
            .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)))?;
        open[j] = true;
        for &g in &inv[j] {
            if !covered[g] {
                covered[g] = true;
                left -= 1;
            }
        }
    }
    // drop redundant sites (most expensive first) while everything stays covered
    let mut times = vec![0usize; sets.len()];
    for j in (0..n_sites).filter(|&j| open[j]) {
        for &g in &inv[j] {
            times[g] += 1;
        }
    }
    let mut order: Vec<usize> = (0..n_sites)
        .filter(|&j| open[j] && !required.contains(&j))
        .collect();
    order.sort_by(|&a, &b| cost[b].total_cmp(&cost[a]).then(a.cmp(&b)));
    for j in order {
        if inv[j].iter().all(|&g| times[g] > 1) {
            open[j] = false;
            for &g in &inv[j] {
                times[g] -= 1;
            }
        }
    }
    Some((0..n_sites).filter(|&j| open[j]).collect())
}

/// For each site, the groups it covers.
pub(crate) fn invert(sets: &[Vec<u32>], n_sites: usize) -> Vec<Vec<usize>> {
    let mut inv = vec![Vec::new(); n_sites];
    for (g, set) in sets.iter().enumerate() {
        for &j in set {
            inv[j as usize].push(g);
        }
    }
    inv
}
