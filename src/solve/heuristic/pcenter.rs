//! p-center upper bound: farthest-first insertion (Gonzalez 1985, a 2-approximation in metric
//! spaces) followed by swaps that lower the largest impedance.

use crate::distance::CandidateLists;

/// Largest impedance to the nearest open site (`f64::INFINITY` if someone is unserved).
pub fn radius(lists: &CandidateLists, open: &[bool]) -> f64 {
    (0..lists.len())
        .map(|i| {
            lists
                .list(i)
                .iter()
                .find(|(j, _)| open[*j as usize])
                .map_or(f64::INFINITY, |x| x.1)
        })
        .fold(0.0, f64::max)
}

/// Open sites (sorted) of a p-center solution; lists must be complete.
///
/// ```
/// use impuls::distance::CandidateLists;
/// use impuls::solve::heuristic::pcenter::farthest_first;
/// let pts = [0.0f64, 1.0, 10.0, 11.0];
/// let lists = (0..4).map(|i| { let mut l: Vec<(u32, f64)> = (0..4).map(|j| (j as u32, (pts[i] - pts[j]).abs())).collect();
///     l.sort_by(|a, b| a.1.total_cmp(&b.1)); l }).collect();
/// let c = CandidateLists::from_lists(lists, vec![None; 4]);
/// let open = farthest_first(&c, 4, 2, &[]);
/// assert_eq!(open.len(), 2);
/// ```
pub fn farthest_first(
    lists: &CandidateLists,
    n_sites: usize,
    p: usize,
    required: &[usize],
) -> Vec<usize> {
    let mut open = vec![false; n_sites];
    for &r in required {
        open[r] = true;
    }
    let mut count = required.len();
    while count < p {
        // the worst-served demand point gets its nearest closed site
        let worst = (0..lists.len())
            .map(|i| {
                (
                    i,
                    lists
                        .list(i)
                        .iter()
                        .find(|(j, _)| open[*j as usize])
                        .map_or(f64::INFINITY, |x| x.1),
                )
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        let Some((i, _)) = worst else { break };
        let Some(&(j, _)) = lists.list(i).iter().find(|(j, _)| !open[*j as usize]) else {
            break;
        };
        open[j as usize] = true;
        count += 1;
    }
    // first-improvement swaps on the radius, bounded
    let fixed: Vec<bool> = (0..n_sites).map(|j| required.contains(&j)).collect();
    let mut best = radius(lists, &open);
    let rounds = if n_sites * lists.len() <= 20_000 {
        50
    } else {
        0
    };
    for _ in 0..rounds {
        let mut improved = false;
        let opened: Vec<usize> = (0..n_sites).filter(|&j| open[j] && !fixed[j]).collect();
        let closed: Vec<usize> = (0..n_sites).filter(|&j| !open[j]).collect();
        'outer: for &out in &opened {
            for &inn in &closed {
                open[out] = false;
                open[inn] = true;
                let r = radius(lists, &open);
                if r < best {
                    best = r;
                    improved = true;
                    break 'outer;
                }
                open[out] = true;
                open[inn] = false;
            }
        }
        if !improved {
            break;
        }
    }
    (0..n_sites).filter(|&j| open[j]).collect()
}
