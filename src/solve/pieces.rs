//! A p-median with many sites falls apart into independent pieces once every demand point only
//! looks at the sites as near as the incumbent's longest assignment; each piece is solved for a
//! few site counts, and a knapsack over the pieces gives a bound, usually with the proof.
//!
//! **The relaxation.** Let `D` be the largest impedance at which the incumbent serves a demand
//! point (over the lists). Cut every list after `D`, and charge a demand point whose remaining
//! sites are all closed the first impedance cut off (or the list's own `beyond` bound, if
//! smaller). That is a list p-median whose every cost is at most the true one, so its optimum
//! `T(p)` bounds the instance from below, and the incumbent costs the same in it. Demand points
//! and sites joined by a kept pair form *pieces*; a piece's cost depends only on its own open
//! sites, so with `T_c(q)` the optimum of piece `c` with `q` open sites
//!
//! ```text
//! T(p) = min { Σ_c T_c(q_c) : Σ_c q_c = p,  r_c ≤ q_c ≤ m_c }
//! ```
//!
//! (`r_c` required and `m_c` all sites of piece `c`; sites in no kept pair form a piece of cost 0).
//! That is a knapsack solved by dynamic programming over the pieces.
//!
//! **Lazy evaluation.** `T_c(q)` is computed exactly only where the knapsack wants it: by
//! enumeration for a piece of at most [`ENUMERATE_SITES`] sites, else by the Benders
//! branch-and-cut on the piece. Elsewhere the knapsack uses lower bounds: the cost with every
//! site open, `T_c(q) ≥ T_c(q')` for `q ≤ q'` (a site more never costs more), and the root LP's
//! supporting line of every Benders run on the piece ([`super::benders::RootTangent`]). The
//! knapsack over lower bounds is a lower bound at every step; once each piece's chosen count is
//! exact, it equals `T(p)`, and the pieces' solutions make a p-median solution costing `T(p)`
//! over the cut lists. If it costs no more on the instance, it is optimal.
//!
//! Pieces that are the same up to translation (the four clusters of fl1400) are solved once:
//! two pieces share results when, with sites and points sorted by their offset from the piece's
//! lower left corner, their lists, weights and required sites are identical.
//!
//! Only worth it when the pieces are small: at most a quarter of the demand points in the
//! largest ([`LARGEST_SHARE`]). u1432 with p = 400 splits into pieces of 667, 509, 110, …
//! points, and the largest piece alone is as hard as the whole instance.

use super::benders::{self, RootTangent};
use super::highs::RunOptions;
use super::{heuristic, interrupt, site_mask};
use crate::distance::CandidateLists;
use crate::error::{Error, Result};
use crate::instance::Instance;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::time::Instant;

/// Pieces of at most this many sites are solved for every count by enumerating their subsets.
pub const ENUMERATE_SITES: usize = 10;

/// The largest piece may hold at most `1 / LARGEST_SHARE` of the demand points.
pub const LARGEST_SHARE: usize = 4;

/// What [`solve`] found.
#[derive(Debug, Clone, PartialEq)]
pub struct PiecesOutcome {
    /// A lower bound on the p-median over the lists (and hence the instance).
    pub bound: f64,
    /// When every piece's count was solved exactly: open sites (sorted) costing `bound` over
    /// the cut lists; the caller verifies them on the instance.
    pub open: Option<Vec<usize>>,
    /// Number of pieces.
    pub pieces: usize,
    /// Demand points in the largest piece.
    pub largest: usize,
    /// Pieces that are not translated copies of an earlier one (each solved on its own).
    pub distinct: usize,
    /// Benders runs on pieces.
    pub runs: usize,
}

/// One piece: its sub-instance (its demand points and sites) and their cut lists.
struct Piece {
    /// The instance's index of each local site.
    sites: Vec<usize>,
    /// Local sites in canonical order (solutions are stored as ranks in it, so twins share them).
    order: Vec<usize>,
    instance: Instance,
    lists: CandidateLists,
    /// Required sites in the piece (no count below is feasible).
    required: usize,
    /// Index of the piece whose curve this one shares.
    twin: usize,
}

/// What is known of `T_c(q)`.
#[derive(Debug, Clone)]
enum Known {
    Unknown,
    /// Exact, with an optimal solution as canonical site ranks.
    Exact(f64, Vec<usize>),
    /// A proven lower bound from a run stopped by the clock (not solved again), or +∞ for an
    /// infeasible count.
    Bounded(f64),
}

/// The values of one piece for `q = 0 ..= m_c`.
struct Curve {
    known: Vec<Known>,
    /// Cost with every site open (a floor for every `q`).
    floor: f64,
    tangents: Vec<(usize, RootTangent)>,
}

impl Curve {
    /// Lower bounds on `T_c(q)` for every count (the values themselves where solved).
    fn lower_bounds(&self) -> Vec<f64> {
        let mut out = vec![0.0; self.known.len()];
        // a site more never costs more: T(q) ≥ T(q') for every q' > q
        let mut above = f64::NEG_INFINITY;
        for q in (0..self.known.len()).rev() {
            out[q] = match &self.known[q] {
                Known::Exact(v, _) => *v,
                other => {
                    let mut b = self.floor.max(above);
                    if let Known::Bounded(v) = other {
                        b = b.max(*v);
                    }
                    for (at, t) in &self.tangents {
                        // the dual is exact only up to HiGHS's tolerances, which grow with the
                        // distance from the count it was taken at
                        let slack =
                            1e-6 * (t.value.abs() + (t.slope * (q as f64 - *at as f64)).abs());
                        b = b.max(t.at(*at, q) - slack.max(1e-9));
                    }
                    b
                }
            };
            if let Known::Exact(v, _) | Known::Bounded(v) = &self.known[q] {
                above = above.max(*v);
            }
        }
        out
    }
}

/// Decomposes the p-median over `lists` around the incumbent `start` (p open sites) and
/// bounds it, see the module docs. `None` when the instance does not fall apart (or the start
/// serves some point at an infinite cost). Stops at `deadline` with the bound reached so far.
///
/// ```
/// use impuls::distance::{CandidateLists, Scope};
/// use impuls::instance::{DemandPoint, Instance, Site, Crs, Impedance};
/// use impuls::solve::pieces;
/// // four far-apart pairs of points on a line, p = 4: one site per pair, each pair pays 1
/// let xs = [0.0, 1.0, 100.0, 101.0, 200.0, 201.0, 300.0, 301.0];
/// let demand = xs.iter().enumerate().map(|(i, &x)| DemandPoint { id: i.to_string(), name: None, x, y: 0.0, weight: 1.0, load: None }).collect();
/// let sites = xs.iter().enumerate().map(|(i, &x)| Site { id: i.to_string(), name: None, x, y: 0.0, required: false, capacity: None, cost: None, ..Default::default() }).collect();
/// let inst = Instance { name: "two".into(), source: String::new(), crs: Crs::Planar,
///     impedance: Impedance::euclidean(), demand, sites, matrix: None };
/// let lists = CandidateLists::build(&inst, Scope::All);
/// let out = pieces::solve(&inst, &lists, 4, &[0, 2, 4, 6], None).unwrap().unwrap();
/// assert_eq!(out.bound, 4.0);
/// // the inner pairs are copies; an outer pair's next point beyond its piece is 100 away, not
/// // 99, so it pays differently when closed
/// assert_eq!((out.pieces, out.distinct), (4, 3));
/// assert_eq!(out.open.map(|o| o.len()), Some(4));
/// ```
pub fn solve(
    instance: &Instance,
    lists: &CandidateLists,
    p: usize,
    start: &[usize],
    deadline: Option<Instant>,
) -> Result<Option<PiecesOutcome>> {
    let n = instance.demand.len();
    let m = instance.sites.len();
    let weights: Vec<f64> = instance.demand.iter().map(|d| d.weight).collect();
    let open = site_mask(start, m);
    // the incumbent's longest assignment over the lists (points without weight may be left
    // unserved by a heuristic start; any reach gives a valid relaxation)
    let mut reach = 0.0f64;
    for i in (0..n).filter(|&i| weights[i] > 0.0) {
        let d = lists
            .list(i)
            .iter()
            .find(|(j, _)| open[*j as usize])
            .map(|&(_, d)| d)
            .or(lists.beyond(i));
        match d {
            Some(d) if d.is_finite() => reach = reach.max(d),
            _ => return Ok(None),
        }
    }
    let Some((piece_of_point, piece_of_site, count)) = join(lists, m, reach, n / LARGEST_SHARE)
    else {
        return Ok(None);
    };
    if count < 2 {
        return Ok(None);
    }
    let pieces = build_pieces(
        instance,
        lists,
        reach,
        &piece_of_point,
        &piece_of_site,
        count,
    );
    let largest = pieces
        .iter()
        .map(|pc| pc.instance.demand.len())
        .max()
        .unwrap_or(0);
    let mut curves: Vec<Option<Curve>> = pieces.iter().map(|_| None).collect();
    for (c, piece) in pieces.iter().enumerate() {
        if piece.twin == c {
            curves[c] = Some(first_curve(piece));
        }
    }
    // free sites (in no kept pair): a piece of cost 0
    let free: Vec<usize> = (0..m).filter(|&j| piece_of_site[j] == usize::MAX).collect();
    let free_required = free.iter().filter(|&&j| instance.sites[j].required).count();
    // with integer data every piece cost is an integer, and so is the optimum
    let integral = weights.iter().all(|w| w.fract() == 0.0)
        && pieces.iter().all(|pc| {
            (0..pc.lists.len()).all(|i| {
                pc.lists.list(i).iter().all(|&(_, d)| d.fract() == 0.0)
                    && pc.lists.beyond(i).is_none_or(|d| d.fract() == 0.0)
            })
        });
    let out_of_time = || deadline.is_some_and(|d| Instant::now() >= d) || interrupt::requested();
    // the incumbent's counts first: the knapsack usually keeps most of them
    let mut todo: Vec<(usize, usize)> = pieces
        .iter()
        .map(|piece| (piece.twin, piece.sites.iter().filter(|&&j| open[j]).count()))
        .collect();
    let mut runs = 0;
    loop {
        todo.sort_unstable();
        todo.dedup();
        todo.retain(|&(t, q)| matches!(curve(&curves, t).known[q], Known::Unknown));
        // the runs are independent: each builds, solves and drops its own HiGHS model on its
        // thread, and the result of each does not depend on the others or their order
        let solved: Vec<_> = todo
            .par_iter()
            .map(|&(t, q)| {
                if out_of_time() {
                    return Ok(None);
                }
                solve_count(&pieces[t], q, deadline).map(Some)
            })
            .collect::<Result<_>>()?;
        for (&(t, q), result) in todo.iter().zip(solved) {
            let Some((known, tangent)) = result else {
                continue;
            };
            runs += 1;
            let curve = curves[t].as_mut().expect("every twin has a curve");
            curve.known[q] = known;
            curve.tangents.extend(tangent.map(|tg| (q, tg)));
        }
        let (bound, choice) = knapsack(&pieces, &curves, p, free.len(), free_required);
        // no choice of counts reaches p: nothing to add to the caller's own checks
        let Some(choice) = choice else {
            return Ok(None);
        };
        todo = pieces
            .iter()
            .enumerate()
            .map(|(c, piece)| (piece.twin, choice[c]))
            .filter(|&(t, q)| matches!(curve(&curves, t).known[q], Known::Unknown))
            .collect();
        if todo.is_empty() || out_of_time() {
            return Ok(Some(PiecesOutcome {
                bound: if integral {
                    (bound - 1e-6).ceil()
                } else {
                    bound
                },
                open: assemble(instance, &pieces, &curves, &choice, &free, p),
                pieces: count,
                largest,
                distinct: pieces
                    .iter()
                    .enumerate()
                    .filter(|(c, pc)| pc.twin == *c)
                    .count(),
                runs,
            }));
        }
    }
}

fn curve(curves: &[Option<Curve>], twin: usize) -> &Curve {
    curves[twin].as_ref().expect("every twin has a curve")
}

/// The open sites of the knapsack's choice when every chosen count is solved exactly, with
/// free sites (required ones first) making up the count.
fn assemble(
    instance: &Instance,
    pieces: &[Piece],
    curves: &[Option<Curve>],
    choice: &[usize],
    free: &[usize],
    p: usize,
) -> Option<Vec<usize>> {
    let mut open: Vec<usize> = Vec::with_capacity(p);
    for (c, piece) in pieces.iter().enumerate() {
        let Known::Exact(_, ranks) = &curve(curves, piece.twin).known[choice[c]] else {
            return None;
        };
        open.extend(ranks.iter().map(|&r| piece.sites[piece.order[r]]));
    }
    let mut fill = free.to_vec();
    fill.sort_by_key(|&j| !instance.sites[j].required);
    open.extend(fill.into_iter().take(p.checked_sub(open.len())?));
    open.sort_unstable();
    Some(open)
}

/// Demand point `i`'s list cut after `reach`, with the bound on what was cut: the first
/// impedance cut off, or the list's own bound if smaller.
fn cut(lists: &CandidateLists, i: usize, reach: f64) -> (Vec<(u32, f64)>, Option<f64>) {
    let list = lists.list(i);
    let keep = list.partition_point(|&(_, d)| d <= reach);
    let next = list.get(keep).map(|&(_, d)| d);
    let beyond = match (next, lists.beyond(i)) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    (list[..keep].to_vec(), beyond)
}

/// The pieces of the bipartite graph of pairs within `reach`: the piece of every demand point
/// and of every site (`usize::MAX` for a site in no such pair), and the number of pieces.
/// `None` as soon as a piece holds more than `limit` demand points.
fn join(
    lists: &CandidateLists,
    m: usize,
    reach: f64,
    limit: usize,
) -> Option<(Vec<usize>, Vec<usize>, usize)> {
    let n = lists.len();
    let mut parent: Vec<usize> = (0..n + m).collect();
    let mut points: Vec<usize> = (0..n + m).map(|v| usize::from(v < n)).collect();
    fn find(parent: &mut [usize], mut a: usize) -> usize {
        while parent[a] != a {
            parent[a] = parent[parent[a]];
            a = parent[a];
        }
        a
    }
    for i in 0..n {
        for &(j, d) in lists.list(i) {
            if d > reach {
                break;
            }
            let (a, b) = (find(&mut parent, i), find(&mut parent, n + j as usize));
            if a != b {
                parent[a] = b;
                points[b] += points[a];
                if points[b] > limit {
                    return None;
                }
            }
        }
    }
    let mut id = vec![usize::MAX; n + m];
    let mut count = 0;
    let mut of_point = vec![0; n];
    for (i, slot) in of_point.iter_mut().enumerate() {
        let r = find(&mut parent, i);
        if id[r] == usize::MAX {
            id[r] = count;
            count += 1;
        }
        *slot = id[r];
    }
    let of_site = (0..m)
        .map(|j| id[find(&mut parent, n + j)])
        .collect::<Vec<usize>>();
    Some((of_point, of_site, count))
}

/// The sub-instance and lists of every piece, with twins found by canonical keys.
fn build_pieces(
    instance: &Instance,
    lists: &CandidateLists,
    reach: f64,
    piece_of_point: &[usize],
    piece_of_site: &[usize],
    count: usize,
) -> Vec<Piece> {
    let mut points: Vec<Vec<usize>> = vec![Vec::new(); count];
    let mut sites: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (i, &c) in piece_of_point.iter().enumerate() {
        points[c].push(i);
    }
    for (j, &c) in piece_of_site.iter().enumerate() {
        if c != usize::MAX {
            sites[c].push(j);
        }
    }
    let mut by_key: FxHashMap<Vec<u64>, usize> = FxHashMap::default();
    let mut out = Vec::with_capacity(count);
    for c in 0..count {
        let mut local = FxHashMap::default();
        for (k, &j) in sites[c].iter().enumerate() {
            local.insert(j as u32, k as u32);
        }
        let sub = Instance {
            name: format!("{} piece {c}", instance.name),
            source: instance.source.clone(),
            crs: instance.crs,
            impedance: instance.impedance,
            demand: points[c]
                .iter()
                .map(|&i| instance.demand[i].clone())
                .collect(),
            sites: sites[c]
                .iter()
                .map(|&j| instance.sites[j].clone())
                .collect(),
            matrix: None,
        };
        let (cut_lists, cut_beyond): (Vec<_>, Vec<_>) = points[c]
            .iter()
            .map(|&i| {
                let (list, beyond) = cut(lists, i, reach);
                let list = list.into_iter().map(|(j, d)| (local[&j], d)).collect();
                (list, beyond)
            })
            .unzip();
        let sub_lists = CandidateLists::from_lists(cut_lists, cut_beyond);
        let (order, key) = canonical(&sub, &sub_lists);
        let twin = *by_key.entry(key).or_insert(c);
        let required = sub.sites.iter().filter(|s| s.required).count();
        out.push(Piece {
            sites: sites[c].clone(),
            order,
            instance: sub,
            lists: sub_lists,
            required,
            twin,
        });
    }
    out
}

/// Sites in canonical order (by offset from the piece's lower left corner, rounded), and a key
/// that is equal for two pieces exactly when this order maps one onto the other with the same
/// lists, weights and required sites.
fn canonical(sub: &Instance, lists: &CandidateLists) -> (Vec<usize>, Vec<u64>) {
    let least = |coord: fn(f64, f64) -> f64| {
        let sites = sub.sites.iter().map(|s| coord(s.x, s.y));
        let points = sub.demand.iter().map(|d| coord(d.x, d.y));
        sites.chain(points).fold(f64::INFINITY, f64::min)
    };
    let (min_x, min_y) = (least(|x, _| x), least(|_, y| y));
    // offsets rounded to 1e-6 of the coordinates' size, so translated copies sort alike
    let scale = 1e-6 * (min_x.abs().max(min_y.abs()).max(1.0));
    let offset = |x: f64, y: f64| {
        (
            ((x - min_x) / scale).round() as i64,
            ((y - min_y) / scale).round() as i64,
        )
    };
    let mut order: Vec<usize> = (0..sub.sites.len()).collect();
    order.sort_by_key(|&j| (offset(sub.sites[j].x, sub.sites[j].y), j));
    let mut rank = vec![0u64; order.len()];
    for (r, &j) in order.iter().enumerate() {
        rank[j] = r as u64;
    }
    let mut points: Vec<usize> = (0..sub.demand.len()).collect();
    points.sort_by_key(|&i| (offset(sub.demand[i].x, sub.demand[i].y), i));
    let mut key = vec![sub.sites.len() as u64, sub.demand.len() as u64];
    key.extend(order.iter().map(|&j| u64::from(sub.sites[j].required)));
    for &i in &points {
        key.push(sub.demand[i].weight.to_bits());
        key.push(lists.beyond(i).map_or(u64::MAX, f64::to_bits));
        let mut l: Vec<(u64, u64)> = lists
            .list(i)
            .iter()
            .map(|&(j, d)| (d.to_bits(), rank[j as usize]))
            .collect();
        l.sort_unstable();
        key.push(l.len() as u64);
        for (d, r) in l {
            key.push(d);
            key.push(r);
        }
    }
    (order, key)
}

/// The curve before any Benders run: the floor, the counts 0 and `m_c` (trivial), and every
/// count of a small piece by enumeration.
fn first_curve(piece: &Piece) -> Curve {
    let m = piece.instance.sites.len();
    let weights: Vec<f64> = piece.instance.demand.iter().map(|d| d.weight).collect();
    let all = vec![true; m];
    let floor = piece.lists.cost(&weights, &all);
    let mut known = vec![Known::Unknown; m + 1];
    let required: Vec<usize> = piece.instance.required_sites();
    if m <= ENUMERATE_SITES {
        let mut best: Vec<Option<(f64, usize)>> = vec![None; m + 1];
        let must: usize = required.iter().map(|&j| 1usize << j).sum();
        for mask in 0usize..(1 << m) {
            if mask & must != must {
                continue;
            }
            let open: Vec<bool> = (0..m).map(|j| mask >> j & 1 == 1).collect();
            let v = piece.lists.cost(&weights, &open);
            let q = mask.count_ones() as usize;
            if v.is_finite() && best[q].is_none_or(|(b, _)| v < b) {
                best[q] = Some((v, mask));
            }
        }
        for (q, b) in best.into_iter().enumerate() {
            known[q] = match b {
                Some((v, mask)) if v.is_finite() => {
                    Known::Exact(v, ranks(piece, mask_sites(mask, m)))
                }
                _ => Known::Bounded(f64::INFINITY),
            };
        }
    } else {
        known[m] = Known::Exact(floor, (0..m).collect());
        for k in known.iter_mut().take(piece.required) {
            *k = Known::Bounded(f64::INFINITY);
        }
        if piece.required == 0 {
            let none = vec![false; m];
            let v = piece.lists.cost(&weights, &none);
            known[0] = if v.is_finite() {
                Known::Exact(v, Vec::new())
            } else {
                Known::Bounded(f64::INFINITY)
            };
        }
    }
    Curve {
        known,
        floor,
        tangents: Vec::new(),
    }
}

fn mask_sites(mask: usize, m: usize) -> Vec<usize> {
    (0..m).filter(|&j| mask >> j & 1 == 1).collect()
}

/// Local site indices to canonical ranks.
fn ranks(piece: &Piece, local: Vec<usize>) -> Vec<usize> {
    let mut rank = vec![0; piece.order.len()];
    for (r, &j) in piece.order.iter().enumerate() {
        rank[j] = r;
    }
    local.into_iter().map(|j| rank[j]).collect()
}

/// `T_c(q)` by the Benders branch-and-cut on the piece, from a greedy-and-interchange start.
fn solve_count(
    piece: &Piece,
    q: usize,
    deadline: Option<Instant>,
) -> Result<(Known, Option<RootTangent>)> {
    let inst = &piece.instance;
    let m = inst.sites.len();
    let weights: Vec<f64> = inst.demand.iter().map(|d| d.weight).collect();
    let req = inst.required_sites();
    let space = heuristic::swap::SearchSpace::new(&piece.lists, &weights, m, q, &req);
    let start = heuristic::pmedian::strong_start(&space, deadline);
    let polish = super::polish_over(&space, deadline, deadline);
    let options = RunOptions {
        time_limit: deadline.map(|d| d.saturating_duration_since(Instant::now()).as_secs_f64()),
        ..RunOptions::default()
    };
    let out = match benders::solve_polished(inst, &piece.lists, q, &start, &options, Some(&polish))
    {
        Ok(out) => out,
        // points that must be served inside their lists (complete lists, e.g. a matrix with
        // unreachable pairs) may need more than q sites: no solution with this count
        Err(Error::Infeasible(_)) => return Ok((Known::Bounded(f64::INFINITY), None)),
        Err(e) => return Err(e),
    };
    let known = if out.proven {
        Known::Exact(out.objective, ranks(piece, out.open))
    } else {
        Known::Bounded(out.bound)
    };
    Ok((known, out.tangent))
}

/// The knapsack over the pieces' lower bounds: its value and each piece's count (`None` when
/// no choice reaches `p`).
fn knapsack(
    pieces: &[Piece],
    curves: &[Option<Curve>],
    p: usize,
    free: usize,
    free_required: usize,
) -> (f64, Option<Vec<usize>>) {
    // best[k]: least cost of the pieces so far with k sites
    let mut best = vec![f64::INFINITY; p + 1];
    for b in best.iter_mut().take(free.min(p) + 1).skip(free_required) {
        *b = 0.0;
    }
    let mut picks: Vec<Vec<u32>> = Vec::with_capacity(pieces.len());
    // once per distinct piece, not per copy
    let bounds: Vec<Option<Vec<f64>>> = curves
        .iter()
        .map(|c| c.as_ref().map(Curve::lower_bounds))
        .collect();
    for piece in pieces {
        let values = bounds[piece.twin].as_ref().expect("every twin has a curve");
        let mut next = vec![f64::INFINITY; p + 1];
        let mut pick = vec![u32::MAX; p + 1];
        for (k, &b) in best.iter().enumerate() {
            if !b.is_finite() {
                continue;
            }
            for (q, &v) in values.iter().enumerate().skip(piece.required) {
                if k + q > p {
                    break;
                }
                let total = b + v;
                if total < next[k + q] {
                    next[k + q] = total;
                    pick[k + q] = q as u32;
                }
            }
        }
        best = next;
        picks.push(pick);
    }
    if !best[p].is_finite() {
        return (best[p], None);
    }
    let mut choice = vec![0; pieces.len()];
    let mut k = p;
    for c in (0..pieces.len()).rev() {
        let q = picks[c][k] as usize;
        choice[c] = q;
        k -= q;
    }
    (best[p], Some(choice))
}
