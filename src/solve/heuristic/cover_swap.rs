//! Swap interchange for the MCLP (Teitz–Bart style on coverage groups): replace an open site by
//! a closed one while that adds covered weight; improves the greedy start HiGHS receives.

/// Improves `open` (p sites) by single swaps: for each open site not in `fixed`, in index
/// order, the closed site with the largest gain (ties: lowest index) replaces it when the
/// covered weight grows. Passes repeat until none improves (at most `max_passes`).
/// `sets[g]` are the sites covering group `g` of weight `w[g]`. Returns the open sites, sorted.
///
/// ```
/// use impuls::solve::heuristic::cover_swap::swap_mclp;
/// // {1, 2} covers 6.5; swapping site 1 for site 0 covers 8
/// let sets = vec![vec![0, 1], vec![1, 2], vec![0], vec![2]];
/// let w = [2.0, 3.0, 1.5, 1.5];
/// assert_eq!(swap_mclp(&sets, &w, 3, vec![1, 2], &[], 10), vec![0, 2]);
/// ```
pub fn swap_mclp(
    sets: &[Vec<u32>],
    w: &[f64],
    n_sites: usize,
    open: Vec<usize>,
    fixed: &[usize],
    max_passes: usize,
) -> Vec<usize> {
    let inv = super::cover::invert(sets, n_sites);
    let mut is_open = vec![false; n_sites];
    let mut count = vec![0u32; sets.len()];
    for &j in &open {
        is_open[j] = true;
        for &g in &inv[j] {
            count[g] += 1;
        }
    }
    let total: f64 = w.iter().sum();
    let eps = 1e-9 * total.max(1.0);
    let mut by_out = vec![false; sets.len()];
    for _ in 0..max_passes {
        let mut improved = false;
        for out in 0..n_sites {
            if !is_open[out] || fixed.contains(&out) {
                continue;
            }
            // weight lost by closing `out`, and the groups only `out` covers
            let mut loss = 0.0;
            for &g in &inv[out] {
                if count[g] == 1 {
                    loss += w[g];
                    by_out[g] = true;
                }
            }
            let gain = |j: usize| -> f64 {
                inv[j]
                    .iter()
                    .filter(|&&g| count[g] == 0 || by_out[g])
                    .map(|&g| w[g])
                    .sum()
            };
            let best = (0..n_sites)
                .filter(|&j| !is_open[j] && !inv[j].is_empty())
                .map(|j| (j, gain(j)))
                .fold(None, |best: Option<(usize, f64)>, (j, v)| match best {
                    Some((_, b)) if b >= v => best,
                    _ => Some((j, v)),
                });
            for &g in &inv[out] {
                by_out[g] = false;
            }
            if let Some((into, _)) = best.filter(|&(_, v)| v > loss + eps) {
                is_open[out] = false;
                for &g in &inv[out] {
                    count[g] -= 1;
                }
                is_open[into] = true;
                for &g in &inv[into] {
                    count[g] += 1;
                }
                improved = true;
            }
        }
        if !improved {
            break;
        }
    }
    (0..n_sites).filter(|&j| is_open[j]).collect()
}
