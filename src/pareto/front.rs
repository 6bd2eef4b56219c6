//! Exact nondominated sets for 2 or 3 objectives by lexicographic ε-constraint steps.
//!
//! Every objective is integer-valued, so "strictly better in b" is "b ≤ previous − 1" and no
//! nondominated point can be skipped. For two objectives (a, b): repeatedly take the
//! lexicographic minimum (a, then b) subject to b ≤ ε and set ε = b − 1. The b-range is cut into
//! slabs solved in parallel (rayon). For three objectives (a, b, c): the 2-objective front of
//! (a, b) with c as a third tie-break, under c ≤ ε_c, then ε_c = max c of that front − 1, until
//! infeasible; every point of every such front is nondominated in all three objectives
//! (docs/models.md, "Pareto method").

use super::objective::{pick, Allocation, Objective, Values};
use crate::error::Result;
use crate::solve::interrupt;
use rayon::prelude::*;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

/// One nondominated allocation with all objective values (minimisation form).
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// All objective values, in the order of `objective::ALL`.
    pub values: Values,
    /// The allocation.
    pub alloc: Allocation,
    /// Whether every lexicographic stage was proven optimal.
    pub proven: bool,
}

/// Something that can lexicographically minimise objectives under upper bounds.
pub trait LexOracle: Sync {
    /// Lexicographic minimum of `order` subject to `value(o) ≤ bound` for each bound;
    /// `None` when infeasible. `near` are allocations close to the answer (they may violate the
    /// bounds) from which the oracle may build a start. They may decide which of several
    /// allocations with the same values is returned, never the values.
    fn lexmin(
        &self,
        order: &[Objective],
        bounds: &[(Objective, i64)],
        near: &[&Allocation],
    ) -> Result<Option<Point>>;
}

/// Limits of a front computation.
#[derive(Debug, Clone, Copy)]
pub struct FrontOptions {
    /// Stop after this many seconds.
    pub time_limit: Option<f64>,
    /// Slabs of the b-range solved in parallel (1 = sequential).
    pub slabs: usize,
}

/// The computed front.
#[derive(Debug, Clone)]
pub struct Front {
    /// Nondominated points, sorted by the objectives in the given order.
    pub points: Vec<Point>,
    /// False when a limit or an interrupt stopped the computation (always false for the
    /// `--max-points` grid, which is a subset by design).
    pub complete: bool,
    /// True when the time limit or an interrupt cut the computation short; for the grid: some
    /// cells were not solved or a stage ended without a proof.
    pub stopped: bool,
    /// Number of lexicographic minimisations.
    pub solves: usize,
}

struct Run<'a, O: LexOracle> {
    oracle: &'a O,
    started: Instant,
    options: FrontOptions,
    stopped: AtomicBool,
    solves: AtomicUsize,
    on_point: &'a (dyn Fn(&Point) + Sync),
    found: Mutex<Vec<Point>>,
    /// Earlier answers: (order, bounds, point). A point that was the lexicographic minimum over
    /// a feasible set stays the minimum over any subset that still contains it, so a query
    /// whose bounds are all at most an earlier query's, and which the earlier point satisfies,
    /// is answered without solving.
    memo: Mutex<Vec<Remembered>>,
}

/// A solved query: where it was asked, lexicographic order, bounds, answer.
type Remembered = (Ctx, Vec<Objective>, Vec<(Objective, i64)>, Point);

/// Where a query is asked: the part of the c-range and the ε_c level within it. A remembered
/// answer is only reused from an earlier level of the same part, whose queries all finished
/// before this level began; answers of concurrent walks are never used. That keeps the output
/// independent of timing and thread count (the slab and part counts are fixed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ctx {
    part: usize,
    level: usize,
}

impl Ctx {
    /// Whether every query asked at `at` finished before any query at `self` began: an earlier
    /// level of the same part, or the payoff extremes (part 0, level 0), which are solved
    /// before the parts start. Only such answers are reused or used as starts, so that the
    /// output does not depend on timing.
    fn sees(self, at: Ctx) -> bool {
        (at.part == self.part && at.level < self.level)
            || (at.part == 0 && at.level == 0 && self.part > 0)
    }
}

/// Parts of the c-range walked side by side (fixed, so results do not depend on threads).
const PARTS: i64 = 2;

impl<'a, O: LexOracle> Run<'a, O> {
    fn new(oracle: &'a O, options: FrontOptions, on_point: &'a (dyn Fn(&Point) + Sync)) -> Self {
        Run {
            oracle,
            started: Instant::now(),
            options,
            stopped: AtomicBool::new(false),
            solves: AtomicUsize::new(0),
            on_point,
            found: Mutex::new(Vec::new()),
            memo: Mutex::new(Vec::new()),
        }
    }

    fn out_of_time(&self) -> bool {
        let late = self
            .options
            .time_limit
            .is_some_and(|t| self.started.elapsed().as_secs_f64() >= t);
        if late || interrupt::requested() {
            self.stopped.store(true, Ordering::SeqCst);
        }
        self.stopped.load(Ordering::SeqCst)
    }

    fn remembered(
        &self,
        ctx: Ctx,
        order: &[Objective],
        bounds: &[(Objective, i64)],
    ) -> Option<Point> {
        let memo = self.memo.lock().expect("no poisoned lock");
        let within = |old: &[(Objective, i64)]| {
            old.iter()
                .all(|&(o, ob)| bounds.iter().any(|&(n, nb)| n == o && nb <= ob))
        };
        // all matching answers have the same lexicographic values; pick one canonically
        memo.iter()
            .filter(|(at, o, old, p)| {
                ctx.sees(*at)
                    && o == order
                    && within(old)
                    && bounds.iter().all(|&(n, nb)| pick(&p.values, n) <= nb)
            })
            .map(|(_, _, _, p)| p)
            .min_by(|p, q| p.values.cmp(&q.values).then(p.alloc.cmp(&q.alloc)))
            .cloned()
    }

    /// Allocations near the answer of a query, for the solver's start: the best known point
    /// that satisfies `bounds` (least values in `order`, then the smallest allocation) among
    /// the points that `ctx` sees and the `also` candidates, followed by the `also` candidates,
    /// which the caller knows to be settled before the query (they may violate the bounds).
    fn near(
        &self,
        ctx: Ctx,
        order: &[Objective],
        bounds: &[(Objective, i64)],
        also: &[&Point],
    ) -> Vec<Allocation> {
        let memo = self.memo.lock().expect("no poisoned lock");
        let key = |p: &Point| {
            order
                .iter()
                .map(|&o| pick(&p.values, o))
                .collect::<Vec<_>>()
        };
        let known = memo
            .iter()
            .filter(|(at, ..)| ctx.sees(*at))
            .map(|(.., p)| p)
            .chain(also.iter().copied())
            .filter(|p| bounds.iter().all(|&(o, b)| pick(&p.values, o) <= b))
            .min_by(|p, q| key(p).cmp(&key(q)).then(p.alloc.cmp(&q.alloc)));
        let mut near: Vec<Allocation> = known.map(|p| p.alloc.clone()).into_iter().collect();
        for p in also {
            if !near.contains(&p.alloc) {
                near.push(p.alloc.clone());
            }
        }
        near
    }

    fn lexmin(
        &self,
        ctx: Ctx,
        order: &[Objective],
        bounds: &[(Objective, i64)],
        also: &[&Point],
    ) -> Result<Option<Point>> {
        if let Some(p) = self.remembered(ctx, order, bounds) {
            return Ok(Some(p));
        }
        self.solves.fetch_add(1, Ordering::Relaxed);
        let near = self.near(ctx, order, bounds, also);
        let near: Vec<&Allocation> = near.iter().collect();
        let p = match self.oracle.lexmin(order, bounds, &near) {
            Err(_) if self.out_of_time() => return Ok(None),
            other => other?,
        };
        if let Some(p) = &p {
            if p.proven {
                self.memo.lock().expect("no poisoned lock").push((
                    ctx,
                    order.to_vec(),
                    bounds.to_vec(),
                    p.clone(),
                ));
            }
            if !p.proven {
                // a stage hit the time limit: the point is feasible but not proven
                self.stopped.store(true, Ordering::SeqCst);
            }
        }
        Ok(p)
    }

    fn record(&self, p: &Point) {
        let mut found = self.found.lock().expect("no poisoned lock");
        if !found
            .iter()
            .any(|q| q.values == p.values && q.alloc == p.alloc)
        {
            (self.on_point)(p);
            found.push(p.clone());
        }
    }

    /// The 3-objective front: the c-range (from the payoff extremes) is cut into parts, one per
    /// worker; each part walks its own ε_c levels downwards from its top and stops below its
    /// bottom. Every point a part finds is nondominated (it is a lexicographic minimum under
    /// c ≤ ε_c, and only a smaller c could dominate it), and every nondominated point lies in
    /// exactly one part, whose level walk finds it as in the sequential method.
    fn three(&self, a: Objective, b: Objective, c: Objective) -> Result<()> {
        let (low, high) = rayon::join(
            || self.lexmin(Ctx { part: 0, level: 0 }, &[c, a, b], &[], &[]),
            || self.lexmin(Ctx { part: 0, level: 0 }, &[a, b, c], &[], &[]),
        );
        let (Some(low), Some(high)) = (low?, high?) else {
            return Ok(());
        };
        let (c_lo, c_hi) = (pick(&low.values, c), pick(&high.values, c));
        let k = PARTS;
        let span = (c_hi - c_lo).max(0);
        // part s covers c in [bottom_s, top_s]; the first part has no top (ε_c = +∞)
        let parts: Vec<(Option<i64>, i64)> = (0..k)
            .map(|s| {
                let top = (s > 0).then(|| c_hi - s * span / k - 1);
                let bottom = if s + 1 == k {
                    i64::MIN
                } else {
                    c_hi - (s + 1) * span / k
                };
                (top, bottom)
            })
            .filter(|(top, bottom)| top.is_none_or(|t| t >= *bottom))
            .collect();
        parts
            .par_iter()
            .enumerate()
            .map(|(part, &(top, bottom))| {
                let mut fixed: Vec<(Objective, i64)> =
                    top.map(|t| vec![(c, t)]).unwrap_or_default();
                let mut level_no = 1;
                while !self.out_of_time() {
                    let ctx = Ctx {
                        part: part + 1,
                        level: level_no,
                    };
                    level_no += 1;
                    let level = self.two(ctx, a, b, Some(c), &fixed)?;
                    let Some(max_c) = level.iter().map(|p| pick(&p.values, c)).max() else {
                        break;
                    };
                    if max_c <= bottom {
                        break;
                    }
                    fixed = vec![(c, max_c - 1)];
                }
                Ok(())
            })
            .collect::<Result<Vec<()>>>()?;
        Ok(())
    }

    /// The 2-objective front of (a, b) under `fixed` bounds, c (if any) as third tie-break.
    fn two(
        &self,
        ctx: Ctx,
        a: Objective,
        b: Objective,
        c: Option<Objective>,
        fixed: &[(Objective, i64)],
    ) -> Result<Vec<Point>> {
        let order_ab: Vec<Objective> = [a, b].into_iter().chain(c).collect();
        let order_ba: Vec<Objective> = [b, a].into_iter().chain(c).collect();
        // the two ends of the b-range are independent: solve them side by side
        let (top, bottom) = rayon::join(
            || self.lexmin(ctx, &order_ab, fixed, &[]),
            || self.lexmin(ctx, &order_ba, fixed, &[]),
        );
        let (Some(top), Some(bottom)) = (top?, bottom?) else {
            return Ok(Vec::new());
        };
        let (hi, lo) = (pick(&top.values, b), pick(&bottom.values, b));
        let mut points = vec![top.clone()];
        self.record(&top);
        if hi == lo {
            return Ok(points);
        }
        self.record(&bottom);
        points.push(bottom.clone());
        // slabs of the open range (lo, hi) for b; each walks down from its upper end
        let k = self.options.slabs.max(1) as i64;
        let width = ((hi - 1) - (lo + 1) + 1).max(0);
        let slabs: Vec<(i64, i64)> = (0..k)
            .map(|s| {
                let top = hi - 1 - s * width / k;
                let bot = hi - 1 - (s + 1) * width / k + 1;
                (bot, top)
            })
            .filter(|(bot, top)| bot <= top)
            .collect();
        let parts: Vec<Result<Vec<Point>>> = slabs
            .par_iter()
            .map(|&(bot, upper)| {
                let mut out: Vec<Point> = Vec::new();
                let mut eps = upper;
                while eps >= bot && !self.out_of_time() {
                    let mut bounds = fixed.to_vec();
                    bounds.push((b, eps));
                    // the level's bottom point satisfies every bound of the walk; the walk's
                    // previous point (or the level's top) violates only the new ε_b slightly
                    let previous = out.last().unwrap_or(&top);
                    let Some(p) = self.lexmin(ctx, &order_ab, &bounds, &[&bottom, previous])?
                    else {
                        break;
                    };
                    let pb = pick(&p.values, b);
                    if pb < bot || pb <= lo {
                        break;
                    }
                    self.record(&p);
                    eps = pb - 1;
                    out.push(p);
                }
                Ok(out)
            })
            .collect();
        for part in parts {
            points.extend(part?);
        }
        Ok(points)
    }
}

/// Computes the nondominated set of `objectives` (2 or 3). `on_point` sees every point as
/// soon as it is found (for incremental output).
pub fn compute<O: LexOracle>(
    oracle: &O,
    objectives: &[Objective],
    options: FrontOptions,
    on_point: &(dyn Fn(&Point) + Sync),
) -> Result<Front> {
    let run = Run::new(oracle, options, on_point);
    let result = match objectives {
        [a, b] => run
            .two(Ctx { part: 0, level: 0 }, *a, *b, None, &[])
            .map(|_| ()),
        [a, b, c] => run.three(*a, *b, *c),
        _ => Err(crate::Error::Parameter("give 2 or 3 objectives".into())),
    };
    result?;
    let found = run.found.into_inner().expect("no poisoned lock");
    let points = nondominated(found, objectives);
    let stopped = run.stopped.load(Ordering::SeqCst);
    Ok(Front {
        points,
        complete: !stopped,
        stopped,
        solves: run.solves.load(Ordering::Relaxed),
    })
}

/// Whether `p` dominates `q` in `objectives` (all ≤, one <).
pub fn dominates(p: &Values, q: &Values, objectives: &[Objective]) -> bool {
    let le = objectives.iter().all(|&o| pick(p, o) <= pick(q, o));
    let lt = objectives.iter().any(|&o| pick(p, o) < pick(q, o));
    le && lt
}

/// Keeps one point per distinct objective vector and drops dominated ones; sorted.
pub fn nondominated(mut points: Vec<Point>, objectives: &[Objective]) -> Vec<Point> {
    let key = |p: &Point| {
        objectives
            .iter()
            .map(|&o| pick(&p.values, o))
            .collect::<Vec<i64>>()
    };
    points.sort_by(|p, q| key(p).cmp(&key(q)).then(p.alloc.cmp(&q.alloc)));
    points.dedup_by(|p, q| key(p) == key(q));
    let keep: Vec<bool> = points
        .iter()
        .map(|p| {
            !points
                .iter()
                .any(|q| dominates(&q.values, &p.values, objectives))
        })
        .collect();
    points
        .into_iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(p, _)| p)
        .collect()
}

/// A representative subset of at most about `k` nondominated points: the payoff-table extremes
/// plus lexicographic minima on an even ε-grid over the ranges of the bounded objectives
/// (every grid answer is nondominated; duplicates collapse). Cells are solved in parallel.
pub fn compute_grid<O: LexOracle>(
    oracle: &O,
    objectives: &[Objective],
    k: usize,
    options: FrontOptions,
    on_point: &(dyn Fn(&Point) + Sync),
) -> Result<Front> {
    let run = Run::new(oracle, options, on_point);
    let n = objectives.len();
    // payoff table: each objective first, the others in order as tie-breaks
    let extremes: Vec<Option<Point>> = (0..n)
        .into_par_iter()
        .map(|i| {
            let mut order = vec![objectives[i]];
            order.extend(objectives.iter().copied().filter(|&o| o != objectives[i]));
            run.lexmin(Ctx { part: 0, level: 0 }, &order, &[], &[])
        })
        .collect::<Result<_>>()?;
    let extremes: Vec<Point> = extremes.into_iter().flatten().collect();
    extremes.iter().for_each(|p| run.record(p));
    let range = |o: Objective| {
        let v = extremes.iter().map(|p| pick(&p.values, o));
        (v.clone().min().unwrap_or(0), v.max().unwrap_or(0))
    };
    let levels = |o: Objective, count: usize| -> Vec<i64> {
        let (lo, hi) = range(o);
        let count = count.max(2) as i64;
        let mut v: Vec<i64> = (0..count)
            .map(|i| hi - i * (hi - lo) / (count - 1))
            .collect();
        v.dedup();
        v
    };
    let cells: Vec<Vec<(Objective, i64)>> = match objectives {
        [_, b] => levels(*b, k).into_iter().map(|x| vec![(*b, x)]).collect(),
        [_, b, c] => {
            let nb = (k as f64).sqrt().ceil() as usize;
            let nc = k.div_ceil(nb);
            let (lb, lc) = (levels(*b, nb), levels(*c, nc));
            lb.iter()
                .flat_map(|&x| lc.iter().map(move |&y| vec![(*b, x), (*c, y)]))
                .collect()
        }
        _ => return Err(crate::Error::Parameter("give 2 or 3 objectives".into())),
    };
    cells
        .par_iter()
        .map(|bounds| {
            if run.out_of_time() {
                return Ok(());
            }
            if let Some(p) = run.lexmin(Ctx { part: 0, level: 0 }, objectives, bounds, &[])? {
                run.record(&p);
            }
            Ok(())
        })
        .collect::<Result<Vec<()>>>()?;
    let found = run.found.into_inner().expect("no poisoned lock");
    Ok(Front {
        points: nondominated(found, objectives),
        complete: false,
        stopped: run.stopped.load(Ordering::SeqCst),
        solves: run.solves.load(Ordering::Relaxed),
    })
}
