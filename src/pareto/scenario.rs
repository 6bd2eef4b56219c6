//! Population scenarios (`impuls pareto --scenario 2035`): the front under the base population
//! and under the scenario, and for every base proposal whether it stays Pareto-optimal, comes
//! within 1 % of the scenario front, or falls farther behind (docs/pareto.md, "Population
//! scenarios").

use super::front::{dominates, Point};
use super::objective::{check_feasible, evaluate, pick, Objective, Values};
use super::proposal::{ProposalSet, ScenarioEvaluation, ScenarioSummary};
use super::{assemble, natural_map, proposal, readable_map, solve, ParetoOptions};
use crate::error::{Error, Result};
use crate::instance::catalogue::Catalogue;
use crate::report::format::number;

/// How a base proposal fares against the scenario front.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// No point of the scenario front dominates it.
    Optimal,
    /// Dominated, but some point of the scenario front is better by at most 1 % of that
    /// objective's range in every chosen objective.
    Within1Pct,
    /// Every point of the scenario front is better by more than 1 % of the range in at least
    /// one chosen objective.
    Outside,
}

impl Class {
    /// Name in proposals.json.
    pub fn name(self) -> &'static str {
        match self {
            Class::Optimal => "optimal",
            Class::Within1Pct => "within_1pct",
            Class::Outside => "outside",
        }
    }
}

/// Whether a scenario name is a year (`2035`).
fn is_year(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_digit())
}

/// The scenario's name for planners: `Bevölkerung 2035` for a year, else `Szenario „name“`.
///
/// ```
/// use impuls::pareto::scenario::title;
/// assert_eq!(title("2035"), "Bevölkerung 2035");
/// assert_eq!(title("low"), "Szenario „low“");
/// ```
pub fn title(name: &str) -> String {
    if is_year(name) {
        format!("Bevölkerung {name}")
    } else {
        format!("Szenario „{name}“")
    }
}

/// "Under the scenario" in German, for the middle of a sentence: `mit der Bevölkerung 2035`,
/// `im Szenario „low“`.
///
/// ```
/// assert_eq!(impuls::pareto::scenario::under("2035"), "mit der Bevölkerung 2035");
/// ```
pub fn under(name: &str) -> String {
    if is_year(name) {
        format!("mit der Bevölkerung {name}")
    } else {
        format!("im Szenario „{name}“")
    }
}

/// The German phrase of a class name of proposals.json (`optimal`, `within_1pct`, `outside`).
///
/// ```
/// assert_eq!(impuls::pareto::scenario::class_label("within_1pct"), "innerhalb 1 %");
/// ```
pub fn class_label(class: &str) -> &'static str {
    match class {
        "optimal" => "Pareto-optimal",
        "within_1pct" => "innerhalb 1 %",
        "outside" => "außerhalb 1 %",
        _ => "nicht eingeordnet",
    }
}

/// The range of every chosen objective over `front`, at least 1 (one integer unit), so that a
/// front on which an objective takes a single value still measures shortfalls in it.
pub fn ranges(front: &[Values], objectives: &[Objective]) -> Vec<i64> {
    objectives
        .iter()
        .map(|&o| {
            let v = front.iter().map(|p| pick(p, o));
            (v.clone().max().unwrap_or(0) - v.min().unwrap_or(0)).max(1)
        })
        .collect()
}

/// Classifies the values `v` of an allocation against the nondominated vectors `front` (all in
/// minimisation form) and returns the gap in %: min over front points q of
/// max over chosen objectives o of max(0, v_o − q_o) / range_o × 100. "Within 1 %" is decided
/// exactly in integers: some q has 100·(v_o − q_o) ≤ range_o for every chosen o.
///
/// ```
/// use impuls::pareto::objective::{Objective, Values, COUNT};
/// use impuls::pareto::scenario::{classify, Class};
/// let at = |access: i64, balance: i64| {
///     let mut v: Values = [0; COUNT];
///     v[0] = access;
///     v[2] = balance;
///     v
/// };
/// let objs = [Objective::Access, Objective::Balance];
/// // front (0, 1000) and (1000, 0): ranges 1000 and 1000
/// let front = [at(0, 1000), at(1000, 0)];
/// assert_eq!(classify(&front, &at(0, 1000), &objs).0, Class::Optimal);
/// assert_eq!(classify(&front, &at(10, 1000), &objs).0, Class::Within1Pct); // 1 % behind
/// assert_eq!(classify(&front, &at(11, 1000), &objs).0, Class::Outside);
/// ```
pub fn classify(front: &[Values], v: &Values, objectives: &[Objective]) -> (Class, f64) {
    let range = ranges(front, objectives);
    let shortfall = |q: &Values, k: usize| (pick(v, objectives[k]) - pick(q, objectives[k])).max(0);
    let gap = front
        .iter()
        .map(|q| {
            (0..objectives.len())
                .map(|k| shortfall(q, k) as f64 / range[k] as f64 * 100.0)
                .fold(0.0, f64::max)
        })
        .fold(f64::INFINITY, f64::min);
    let class = if !front.iter().any(|q| dominates(q, v, objectives)) {
        Class::Optimal
    } else if front
        .iter()
        .any(|q| (0..objectives.len()).all(|k| 100 * shortfall(q, k) <= range[k]))
    {
        Class::Within1Pct
    } else {
        Class::Outside
    };
    (class, if gap.is_finite() { gap } else { 0.0 })
}

/// The same places, towns and functions (only the population may differ).
fn check_same_layout(base: &Catalogue, scenario: &Catalogue) -> Result<()> {
    let same = base.places.len() == scenario.places.len()
        && base
            .places
            .iter()
            .zip(&scenario.places)
            .all(|(a, b)| a.id == b.id)
        && base.towns == scenario.towns
        && base.functions == scenario.functions
        && base.locks == scenario.locks;
    if same {
        Ok(())
    } else {
        Err(Error::Parameter(
            "the scenario catalogue differs from the base catalogue in more than its population"
                .into(),
        ))
    }
}

fn population(cat: &Catalogue) -> i64 {
    cat.places.iter().map(|p| p.population).sum()
}

/// [`super::run`] on `base`, plus the front under `scenario` (the same catalogue with the
/// scenario population), every base proposal evaluated and classified under the scenario, and
/// the scenario proposals that are not Pareto-optimal under the base population. `on_point`
/// sees the base front's points.
pub fn run(
    base: &Catalogue,
    scenario: &Catalogue,
    objectives: &[Objective],
    options: &ParetoOptions,
    on_point: &(dyn Fn(&Point) + Sync),
) -> Result<ProposalSet> {
    check_same_layout(base, scenario)?;
    let solved = solve(base, objectives, options, on_point)?;
    let mut set = assemble(base, objectives, &solved)?;
    let future = solve(scenario, objectives, options, &|_| {})?;
    let name = scenario
        .scenario
        .clone()
        .unwrap_or_else(|| "scenario".into());
    if future.points.is_empty() {
        // stopped before the scenario front had a point: nothing to classify against
        set.note += &format!(
            " Szenario {name}: abgebrochen, bevor ein Punkt der Szenario-Front gefunden war; keine Einordnung."
        );
        set.complete = false;
        return Ok(set);
    }
    let front: Vec<Values> = future.points.iter().map(|p| p.values).collect();
    let (mut stays, mut within, mut outside) = (0, 0, 0);
    for (p, &i) in set.proposals.iter_mut().zip(&solved.chosen) {
        let alloc = &solved.points[i].alloc;
        // verified under the scenario as well: feasible, values recomputed from the allocation
        check_feasible(scenario, alloc)?;
        let values = evaluate(scenario, alloc);
        let (class, gap_pct) = classify(&front, &values, objectives);
        match class {
            Class::Optimal => stays += 1,
            Class::Within1Pct => within += 1,
            Class::Outside => outside += 1,
        }
        p.scenario = Some(ScenarioEvaluation {
            objectives: natural_map(scenario, &values),
            readable: readable_map(scenario, &values),
            class: class.name().into(),
            gap_pct,
        });
    }
    // scenario proposals whose allocation the base front dominates
    let base_front: Vec<&Values> = solved.points.iter().map(|p| &p.values).collect();
    let new_proposals: Vec<_> = future
        .chosen
        .iter()
        .enumerate()
        .filter(|&(_, &i)| {
            let at_base = evaluate(base, &future.points[i].alloc);
            base_front
                .iter()
                .any(|q| dominates(q, &at_base, objectives))
        })
        .map(|(k, &i)| proposal(scenario, &format!("S{}", k + 1), &future.points[i].alloc))
        .collect();
    let total = set.proposals.len();
    let mut note = format!(
        "Szenario {name}: {} statt {} Einwohner. Front unter dem Szenario: {} Punkte{}. Von {total} Vorschlägen bleiben {stays} Pareto-optimal, {within} liegen innerhalb 1 % (ein Punkt der Szenario-Front ist in keinem gewählten Ziel um mehr als 1 % der Spannweite der Szenario-Front besser), {outside} weiter entfernt. {} Vorschläge der Szenario-Front sind unter der heutigen Bevölkerung nicht Pareto-optimal.",
        number(population(scenario) as f64, 0),
        number(population(base) as f64, 0),
        future.points.len(),
        if future.complete { " (vollständig)" } else { " (unvollständig: die Einordnung gilt gegenüber den gefundenen Punkten)" },
        new_proposals.len(),
    );
    if !solved.complete {
        note += " Die Basis-Front ist unvollständig: „nicht Pareto-optimal unter heutiger Bevölkerung“ heißt dominiert von einem gefundenen Punkt.";
    }
    set.scenario = Some(ScenarioSummary {
        name,
        base_population: population(base) as f64,
        population: population(scenario) as f64,
        front_size: future.points.len(),
        complete: future.complete,
        stays_optimal: stays,
        within_1pct: within,
        outside,
        note,
        status_quo: proposal(
            scenario,
            "status_quo",
            &super::objective::status_quo(scenario),
        ),
        new_proposals,
        seconds: future.seconds,
        solves: future.solves,
    });
    set.complete &= future.complete;
    // the explanations mention each representative's scenario class
    super::representative::annotate(&mut set);
    Ok(set)
}
