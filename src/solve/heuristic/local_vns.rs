//! The VNS worker for a large `p`: shakes and descents confined to a neighbourhood of a few
//! medians (in the spirit of Hansen, Mladenović & Pérez-Brito's 2001 decomposition search).
//!
//! With a large `p` a random swap changes the cost of a few dozen points, yet a full swap
//! evaluation ([`Swapper::best_swap`]) reads every list. Here each step picks a random open
//! site `g₀`, takes as `region` the open sites listed (up to the third open one) by the points
//! `g₀` serves, and as candidates the closed sites listed (before the second open one) by the
//! points the region serves; it shakes with `k` random swaps inside, then descends with
//! [`Swapper::best_swap_within`] (exact profits) and undoes everything unless the total cost
//! fell.

use super::swap::{SearchSpace, Swapper};
use super::vns::{descended, past, SplitMix, VnsOptions};

/// The demand points that site `g` serves (nearest open listed site).
fn served<'x>(
    space: &'x SearchSpace,
    s: &'x Swapper,
    g: usize,
) -> impl Iterator<Item = usize> + 'x {
    space
        .listing(g)
        .iter()
        .map(|&(i, _)| i as usize)
        .filter(move |&i| s.nearest_of(i) == Some(g))
}

/// Open sites listed before the third open one by the points served by `g0` (and `g0`), and the
/// closed sites that may open, listed before the second open one by the points served by any
/// of them.
fn region(
    space: &SearchSpace,
    s: &Swapper,
    g0: usize,
    seen: &mut [bool],
) -> (Vec<usize>, Vec<usize>) {
    let mut open = vec![g0];
    seen[g0] = true;
    for i in served(space, s, g0) {
        for j in space
            .list(i)
            .iter()
            .map(|&(j, _)| j as usize)
            .filter(|&j| s.is_open(j))
            .take(3)
        {
            if !seen[j] {
                seen[j] = true;
                open.push(j);
            }
        }
    }
    let mut cands = Vec::new();
    for &g in &open {
        for i in served(space, s, g) {
            let mut found = 0;
            for &(j, _) in space.list(i) {
                let j = j as usize;
                if s.is_open(j) {
                    found += 1;
                    if found == 2 {
                        break;
                    }
                } else if !seen[j] && space.may_open(j) {
                    seen[j] = true;
                    cands.push(j);
                }
            }
        }
    }
    for &j in open.iter().chain(&cands) {
        seen[j] = false;
    }
    (open, cands)
}

/// One worker's confined VNS from `start`; returns the cost and open sites of the best
/// solution (the last accepted one).
pub(crate) fn worker(
    space: &SearchSpace,
    start: &[usize],
    options: &VnsOptions,
    seed: u64,
) -> (f64, Vec<usize>) {
    let mut rng = SplitMix(seed);
    let mut s = descended(space, start, options);
    let m = space.n_sites();
    let mut seen = vec![false; m];
    let mut free: Vec<usize> = (0..m)
        .filter(|&j| s.is_open(j) && !space.is_fixed(j))
        .collect();
    if free.is_empty() {
        return (s.cost(), s.open_sites());
    }
    let mut best_cost = s.cost();
    let mut moves: Vec<(usize, usize)> = Vec::new();
    let mut k = 1;
    let limit = s.work.saturating_add(options.work);
    let mut steps = 0u64;
    while s.work < limit {
        steps += 1;
        if steps.is_multiple_of(64) && past(options.deadline) {
            break;
        }
        let g0 = free[rng.below(free.len())];
        let (mut open, mut cands) = region(space, &s, g0, &mut seen);
        // every step counts, even around a site that no point lists
        s.work += (open.len() + cands.len()) as u64;
        moves.clear();
        for _ in 0..k {
            let out: Vec<usize> = (0..open.len())
                .filter(|&q| s.is_open(open[q]) && !space.is_fixed(open[q]))
                .collect();
            let inn: Vec<usize> = (0..cands.len()).filter(|&q| !s.is_open(cands[q])).collect();
            if out.is_empty() || inn.is_empty() {
                break;
            }
            let (qo, qi) = (out[rng.below(out.len())], inn[rng.below(inn.len())]);
            let (g, f) = (open[qo], cands[qi]);
            s.flip(Some(f), Some(g));
            moves.push((f, g));
            (open[qo], cands[qi]) = (f, g);
        }
        while let Some((f, g, profit)) = s.best_swap_within(&open, &cands) {
            if profit <= 1e-9 * s.cost().abs().max(1.0) {
                break;
            }
            s.flip(Some(f), Some(g));
            moves.push((f, g));
            let qo = open
                .iter()
                .position(|&j| j == g)
                .expect("g is in the region");
            let qi = cands
                .iter()
                .position(|&j| j == f)
                .expect("f is a candidate");
            (open[qo], cands[qi]) = (f, g);
        }
        if s.cost() < best_cost - 1e-9 * best_cost.abs().max(1.0) {
            best_cost = s.cost();
            for &(f, g) in &moves {
                let q = free.iter().position(|&j| j == g).expect("g was open");
                free[q] = f;
            }
            k = 1;
        } else {
            for &(f, g) in moves.iter().rev() {
                s.flip(Some(g), Some(f));
            }
            k = if k >= options.k_max { 1 } else { k + 1 };
        }
    }
    (s.cost(), s.open_sites())
}
