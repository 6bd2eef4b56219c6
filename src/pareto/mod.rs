//! Exact multi-objective optimisation of function allocations: nondominated proposals that
//! planners compare with each other and with the status quo.

pub mod explain;
pub mod front;
pub mod objective;
pub mod oracle;
pub mod partial;
pub mod proposal;
pub mod representative;
pub mod robust;
pub mod scenario;
pub mod start;
pub mod study;
pub mod travel_times;
pub mod write;

use crate::error::{Error, Result};
use crate::instance::catalogue::Catalogue;
use front::{dominates, FrontOptions, Point};
use objective::{
    available, check_available, check_feasible, evaluate, pick, pt_threshold, readable, status_quo,
    Allocation, Objective, Values,
};
use proposal::{
    FunctionInfo, Mode, ObjectiveInfo, PlaceInfo, Proposal, ProposalSet, Readable, TownInfo,
    TownSummary,
};
use std::collections::BTreeMap;
use std::time::Instant;

/// Options of `impuls pareto`.
#[derive(Debug, Clone, Copy, Default)]
pub struct ParetoOptions {
    /// Seconds for the whole front.
    pub time_limit: Option<f64>,
    /// Report at most this many points, spread over the front.
    pub max_points: Option<usize>,
    /// Slabs of each ε-walk solved side by side (default 4; fixed so that the output does not
    /// depend on the thread count).
    pub slabs: Option<usize>,
}

fn info(o: Objective) -> ObjectiveInfo {
    ObjectiveInfo {
        name: o.name().into(),
        label: o.label().into(),
        sense: if o.maximises() { "max" } else { "min" }.into(),
        unit: o.unit().into(),
        readable_unit: o.readable_unit().into(),
    }
}

/// Natural values of every objective `cat` can evaluate, by name.
fn natural_map(cat: &Catalogue, values: &Values) -> BTreeMap<String, f64> {
    available(cat)
        .into_iter()
        .map(|o| (o.name().to_string(), o.natural(pick(values, o))))
        .collect()
}

/// Readable values (mean minutes per inhabitant, % of inhabitants, …) of every objective `cat`
/// can evaluate, by name.
fn readable_map(cat: &Catalogue, values: &Values) -> BTreeMap<String, Readable> {
    available(cat)
        .into_iter()
        .map(|o| {
            let r = Readable {
                value: readable(cat, o, pick(values, o)),
                unit: o.readable_unit().into(),
            };
            (o.name().to_string(), r)
        })
        .collect()
}

/// A proposal view of an allocation (objectives recomputed here, from the allocation alone).
pub fn proposal(cat: &Catalogue, id: &str, alloc: &Allocation) -> Proposal {
    let values = evaluate(cat, alloc);
    let points = objective::town_points(cat, alloc);
    Proposal {
        id: id.into(),
        objectives: natural_map(cat, &values),
        allocation: alloc
            .iter()
            .enumerate()
            .map(|(f, towns)| {
                (
                    cat.functions[f].id.clone(),
                    towns.iter().map(|&t| cat.towns[t].id.clone()).collect(),
                )
            })
            .collect::<BTreeMap<_, _>>(),
        towns: cat
            .towns
            .iter()
            .enumerate()
            .map(|(t, town)| TownSummary {
                town: town.id.clone(),
                name: town.name.clone(),
                functions: (0..alloc.len())
                    .filter(|&f| alloc[f].contains(&t))
                    .map(|f| cat.functions[f].id.clone())
                    .collect(),
                size_points: points[t] as f64,
                capacity: town.capacity.map(|c| c as f64),
            })
            .collect(),
        place_minutes: proposal::place_minutes(cat, alloc, Mode::car(cat)),
        place_minutes_pt: Mode::pt(cat).map(|m| proposal::place_minutes(cat, alloc, m)),
        place_pt_beyond_reach: proposal::places_beyond_pt_reach(cat, alloc),
        verified: true,
        readable: readable_map(cat, &values),
        scenario: None,
    }
}

/// Picks `k` points spread over the front: the best point of each objective first, then
/// repeatedly the point farthest (in range-normalised objective space) from those chosen.
pub fn spread(points: &[Point], objectives: &[Objective], k: usize) -> Vec<usize> {
    if points.len() <= k {
        return (0..points.len()).collect();
    }
    let range: Vec<(f64, f64)> = objectives
        .iter()
        .map(|&o| {
            let v = points.iter().map(|p| pick(&p.values, o) as f64);
            (
                v.clone().fold(f64::INFINITY, f64::min),
                v.fold(f64::NEG_INFINITY, f64::max),
            )
        })
        .collect();
    let norm = |p: &Point| -> Vec<f64> {
        objectives
            .iter()
            .zip(&range)
            .map(|(&o, &(lo, hi))| {
                if hi > lo {
                    (pick(&p.values, o) as f64 - lo) / (hi - lo)
                } else {
                    0.0
                }
            })
            .collect()
    };
    let coords: Vec<Vec<f64>> = points.iter().map(norm).collect();
    let mut chosen: Vec<usize> = Vec::new();
    for &o in objectives {
        let best = (0..points.len())
            .min_by_key(|&i| pick(&points[i].values, o))
            .expect("non-empty");
        if !chosen.contains(&best) && chosen.len() < k {
            chosen.push(best);
        }
    }
    while chosen.len() < k {
        let next = (0..points.len())
            .filter(|i| !chosen.contains(i))
            .max_by(|&a, &b| {
                let d = |i: usize| {
                    chosen
                        .iter()
                        .map(|&c| {
                            coords[i]
                                .iter()
                                .zip(&coords[c])
                                .map(|(x, y)| (x - y).powi(2))
                                .sum::<f64>()
                        })
                        .fold(f64::INFINITY, f64::min)
                };
                d(a).total_cmp(&d(b)).then(b.cmp(&a))
            })
            .expect("more points than chosen");
        chosen.push(next);
    }
    chosen.sort_unstable();
    chosen
}

/// A verified front: every nondominated point found, and the ones reported.
pub(crate) struct Solved {
    /// Nondominated points in front order, each feasible and exactly evaluated.
    pub(crate) points: Vec<Point>,
    /// Indices of the reported points (all, or the `--max-points` spread).
    pub(crate) chosen: Vec<usize>,
    /// Whether the reported set is the complete front.
    pub(crate) complete: bool,
    /// Whether the time limit or an interrupt cut the computation short.
    pub(crate) stopped: bool,
    /// The German note on completeness and method.
    pub(crate) note: String,
    /// Lexicographic solves.
    pub(crate) solves: usize,
    /// Seconds spent.
    pub(crate) seconds: f64,
}

/// Computes the nondominated proposals of `cat` for `objectives` and evaluates the status quo.
/// `on_point` sees every point as soon as it is found.
pub fn run(
    cat: &Catalogue,
    objectives: &[Objective],
    options: &ParetoOptions,
    on_point: &(dyn Fn(&Point) + Sync),
) -> Result<ProposalSet> {
    assemble(cat, objectives, &solve(cat, objectives, options, on_point)?)
}

/// The front of `cat` for `objectives`, verified independently of the solver.
pub(crate) fn solve(
    cat: &Catalogue,
    objectives: &[Objective],
    options: &ParetoOptions,
    on_point: &(dyn Fn(&Point) + Sync),
) -> Result<Solved> {
    check_available(cat, objectives)?;
    let started = Instant::now();
    let oracle = oracle::MipOracle {
        cat,
        deadline: options
            .time_limit
            .map(|t| started + std::time::Duration::from_secs_f64(t.max(0.0))),
    };
    let slabs = options.slabs.unwrap_or(4).max(1);
    // Internally the objective with the widest range is minimised freely and the narrowest one
    // drives the outer ε-levels: fewest levels, and the bounded ones can share a stage.
    let mut order = objectives.to_vec();
    order.sort_by_key(|&o| std::cmp::Reverse(objective::magnitude(cat, o)));
    let front_options = FrontOptions {
        time_limit: options.time_limit,
        slabs,
    };
    let mut front = match options.max_points {
        // a representative subset straight from an ε-grid, without computing the whole front
        Some(k) => front::compute_grid(&oracle, &order, k, front_options, on_point)?,
        None => front::compute(&oracle, &order, front_options, on_point)?,
    };
    front.points = front::nondominated(front.points, objectives);
    let stopped = oracle.deadline.is_some_and(|d| Instant::now() >= d)
        || crate::solve::interrupt::requested();
    if front.points.is_empty() && (front.complete || !stopped) {
        return Err(Error::Infeasible(
            "no allocation satisfies the sites, allowed towns, locks, forbids and capacities"
                .into(),
        ));
    }
    // Independent checks of the whole set: feasibility, exact values, mutual nondominance.
    for p in &front.points {
        check_feasible(cat, &p.alloc)?;
        if evaluate(cat, &p.alloc) != p.values {
            return Err(Error::Verification(
                "a proposal's objective values do not match its allocation".into(),
            ));
        }
        if front
            .points
            .iter()
            .any(|q| dominates(&q.values, &p.values, objectives))
        {
            return Err(Error::Verification(
                "a reported proposal is dominated by another".into(),
            ));
        }
    }
    let total = front.points.len();
    let chosen = match options.max_points {
        Some(k) if k < total => spread(&front.points, objectives, k),
        _ => (0..total).collect(),
    };
    let unproven = front.points.iter().filter(|p| !p.proven).count();
    let mut note = if options.max_points.is_some() {
        let cut = if front.stopped {
            " Zeitlimit oder Abbruch vor dem Ende des Gitters: nicht alle Gitterzellen sind berechnet."
        } else {
            ""
        };
        format!(
            "Repräsentative Auswahl (--max-points): {total} nichtdominierte Punkte aus einem gleichmäßigen ε-Gitter über die Front, nicht die vollständige Front.{cut}"
        )
    } else if front.complete {
        format!(
            "Vollständige nichtdominierte Menge: {total} Punkte, exakt berechnet (lexikografische ε-Constraint-Methode, HiGHS)."
        )
    } else {
        format!("UNVOLLSTÄNDIG: Zeitlimit oder Abbruch nach {total} gefundenen Punkten; jeder gezeigte Punkt mit Optimalitätsnachweis ist nichtdominiert.")
    };
    if chosen.len() < total {
        note += &format!(" Gezeigt werden {} von {total} Punkten, gleichmäßig über die Front verteilt (--max-points).", chosen.len());
    }
    if unproven > 0 {
        note +=
            &format!(" {unproven} Punkt(e) ohne Optimalitätsnachweis (Zeitlimit in einer Stufe).");
    }
    Ok(Solved {
        complete: front.complete && chosen.len() == total,
        stopped: front.stopped,
        points: front.points,
        chosen,
        note,
        solves: front.solves,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// The proposal set of a solved front: proposals, status quo, the instance for the map and
/// its travel times; representatives and robust decisions filled in.
pub(crate) fn assemble(
    cat: &Catalogue,
    objectives: &[Objective],
    solved: &Solved,
) -> Result<ProposalSet> {
    let proposals = solved
        .chosen
        .iter()
        .enumerate()
        .map(|(k, &i)| proposal(cat, &format!("P{}", k + 1), &solved.points[i].alloc))
        .collect();
    let mut set = ProposalSet {
        instance: cat.name.clone(),
        objectives: objectives.iter().map(|&o| info(o)).collect(),
        all_objectives: available(cat).into_iter().map(info).collect(),
        complete: solved.complete,
        stopped: solved.stopped,
        note: solved.note.clone(),
        status_quo: proposal(cat, "status_quo", &status_quo(cat)),
        proposals,
        places: (0..cat.places.len())
            .map(|i| PlaceInfo::of(cat, i))
            .collect(),
        towns: cat
            .towns
            .iter()
            .map(|t| TownInfo {
                id: t.id.clone(),
                name: t.name.clone(),
                lon: t.lon,
                lat: t.lat,
                partner: t.partner,
            })
            .collect(),
        external: cat
            .external
            .iter()
            .map(|e| TownInfo {
                id: e.id.clone(),
                name: e.name.clone(),
                lon: e.lon,
                lat: e.lat,
                partner: false,
            })
            .collect(),
        functions: cat
            .functions
            .iter()
            .map(|f| FunctionInfo {
                id: f.id.clone(),
                name: f.name.clone(),
                field: f.field.clone(),
                importance: f.importance as f64,
                sites: f.sites,
                threshold_pt_min: Some(pt_threshold(f) as f64 / 10.0),
                interchangeable_with: Vec::new(),
            })
            .collect(),
        seconds: solved.seconds,
        solves: solved.solves,
        scenario: None,
        what_if: Default::default(),
        representatives: Vec::new(),
        robust_decisions: Vec::new(),
        travel_times: Some(travel_times::describe(cat)?),
    };
    for (info, twins) in set
        .functions
        .iter_mut()
        .zip(robust::interchangeable(cat, objectives))
    {
        info.interchangeable_with = twins
            .into_iter()
            .map(|g| cat.functions[g].id.clone())
            .collect();
    }
    representative::annotate(&mut set);
    Ok(set)
}
