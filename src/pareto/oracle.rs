//! The HiGHS-backed lexicographic oracle: one small MIP per stage, each solution rounded,
//! re-evaluated exactly from the allocation and checked against every bound.

use super::front::{LexOracle, Point};
use super::objective::{check_feasible, evaluate, magnitude, pick, Allocation, Objective, Values};
use super::start::local_search;
use crate::error::{Error, Result};
use crate::instance::catalogue::Catalogue;
use crate::model::allocation;
use crate::solve::highs::{run, RunOptions, RunStatus};
use std::time::Instant;

/// Solves lexicographic stages with HiGHS (one model per call, `threads = 1`, created and
/// dropped on the calling rayon thread).
pub struct MipOracle<'a> {
    /// The instance.
    pub cat: &'a Catalogue,
    /// Deadline for all solves.
    pub deadline: Option<Instant>,
}

/// HiGHS options of one lexicographic stage: proven optimal (gap 0), one thread (the caller is
/// a rayon worker), tight tolerances for the ε-rows, no primal heuristics (every stage has a
/// MIP start: the local search's, or the previous stage's), a light root and pseudo-costs
/// trusted from the first branching for these ≈100-binary models (together 5 % less CPU on
/// the Harz front than strong branching).
pub(crate) fn stage_options(time_limit: Option<f64>) -> RunOptions {
    RunOptions {
        time_limit,
        tolerance: Some(1e-9),
        heuristics: false,
        light_root: true,
        trust_pseudocosts: true,
        ..RunOptions::default()
    }
}

/// Exact objective values, the allocation, and whether HiGHS proved optimality.
type StageResult = (Values, Vec<Vec<usize>>, bool);

impl MipOracle<'_> {
    fn options(&self) -> RunOptions {
        stage_options(
            self.deadline
                .map(|d| d.saturating_duration_since(Instant::now()).as_secs_f64()),
        )
    }

    /// One stage: minimise `primary` under `bounds`; returns the exact values, the allocation
    /// and whether optimality was proven.
    fn stage(
        &self,
        primary: &[(Objective, i64)],
        bounds: &[(Objective, i64)],
        start: Option<&Allocation>,
    ) -> Result<Option<StageResult>> {
        let mut bounds = bounds.to_vec();
        for _attempt in 0..4 {
            let mut built = allocation::build(self.cat, primary, &bounds);
            // the previous stage's allocation is feasible here: a MIP start spares HiGHS the
            // search for a first solution
            if let Some(a) = start {
                built.mip.start = Some(built.start(self.cat, a));
            }
            let decoder_x = built.x.clone();
            // Tight tolerances keep ε-rows with large integer coefficients exact; if HiGHS
            // fails numerically with them, the default tolerances are tried once.
            let outcome = match run(built.mip, &self.options()) {
                Ok(o) => o,
                Err(_) => {
                    let again = allocation::build(self.cat, primary, &bounds);
                    run(
                        again.mip,
                        &RunOptions {
                            tolerance: None,
                            ..self.options()
                        },
                    )?
                }
            };
            if outcome.status == RunStatus::Infeasible {
                return Ok(None);
            }
            let Some(obj) = outcome.objective else {
                return Err(Error::Solver(
                    "stopped before an allocation was found".into(),
                ));
            };
            let mut alloc = allocation::decode(&decoder_x, &outcome.values);
            alloc.iter_mut().for_each(|t| t.sort_unstable());
            check_feasible(self.cat, &alloc)?;
            let values = evaluate(self.cat, &alloc);
            // Bounds must hold exactly on the rounded allocation; a tolerance-sized violation
            // is repaired by tightening that bound and solving again.
            if let Some(&(o, b)) = bounds.iter().find(|&&(o, b)| pick(&values, o) > b) {
                let over = pick(&values, o) - b;
                bounds
                    .iter_mut()
                    .filter(|x| x.0 == o)
                    .for_each(|x| x.1 -= over);
                continue;
            }
            let exact: f64 = primary
                .iter()
                .map(|&(o, w)| (w * pick(&values, o)) as f64)
                .sum();
            // The allocation may be as good as or better than the solver says (an auxiliary
            // variable left slack within tolerance); worse would mean a wrong decoding.
            if exact > obj + 0.5 + 1e-9 * exact.abs() {
                return Err(Error::Verification(format!(
                    "{}: the solver reports {obj} but the allocation gives {exact}",
                    primary[0].0.name()
                )));
            }
            let proven = outcome.status == RunStatus::Optimal;
            return Ok(Some((values, alloc, proven)));
        }
        Err(Error::Verification(
            "bounds could not be met exactly after 4 attempts".into(),
        ))
    }
}

/// Groups lexicographic stages: after the first objective, the remaining ones are combined
/// into one weighted stage `b·(2·|c|max + 1) + c` when the numbers stay small enough to be
/// exact in HiGHS (both are integer, so this weighting is lexicographic).
fn stages(cat: &Catalogue, order: &[Objective]) -> Vec<Vec<(Objective, i64)>> {
    let mut out = vec![vec![(order[0], 1)]];
    match order[1..] {
        [b, c] => {
            let k = 2 * magnitude(cat, c) + 1;
            if (2 * magnitude(cat, b) + 1).saturating_mul(k) <= 1_000_000_000 {
                out.push(vec![(b, k), (c, 1)]);
            } else {
                out.push(vec![(b, 1)]);
                out.push(vec![(c, 1)]);
            }
        }
        [b] => out.push(vec![(b, 1)]),
        _ => {}
    }
    out
}

impl LexOracle for MipOracle<'_> {
    fn lexmin(
        &self,
        order: &[Objective],
        bounds: &[(Objective, i64)],
        near: &[&Allocation],
    ) -> Result<Option<Point>> {
        // the first stage starts from the best allocation a local search finds near `near`
        let start = local_search(self.cat, order, bounds, near).map(|(a, _)| a);
        let mut bounds = bounds.to_vec();
        let mut last: Option<Point> = None;
        let mut proven = true;
        for stage in stages(self.cat, order) {
            // the first stage starts from the local search's allocation, each later one from
            // the previous stage's (feasible there: it keeps the stage's objectives at their
            // optimum)
            let previous = last.as_ref().map(|p| &p.alloc).or(start.as_ref());
            let Some((values, alloc, ok)) = self.stage(&stage, &bounds, previous)? else {
                return Ok(None);
            };
            proven &= ok;
            // later stages keep these objectives at their optimum
            for &(o, _) in &stage {
                let v = pick(&values, o);
                bounds.retain(|x| x.0 != o);
                bounds.push((o, v));
            }
            last = Some(Point {
                values,
                alloc,
                proven,
            });
        }
        Ok(last.map(|mut p| {
            p.proven = proven;
            p
        }))
    }
}
