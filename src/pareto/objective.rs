//! The objectives of the function-allocation model and their exact evaluation from an
//! allocation alone (the verification of every proposal).
//!
//! Every value is an integer in "minimisation form" (maximised objectives are negated), in the
//! instance's integer units: deciminutes for times, persons for population. The two
//! public-transport objectives are evaluated when the catalogue has ÖPNV times (and are 0
//! otherwise, never reported).

use crate::error::{Error, Result};
use crate::instance::catalogue::{Catalogue, Function};

/// An objective of the allocation model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Objective {
    /// Σ_f importance_f Σ_i population_i × minutes(i → nearest site of f); minimise.
    Access,
    /// Σ_f importance_f × population within f's reach threshold; maximise.
    Coverage,
    /// Largest minus smallest size points over the partner towns; minimise.
    Balance,
    /// Relocation cost of leaving status-quo towns; minimise.
    Change,
    /// Realised co-location affinities; maximise.
    Synergy,
    /// Worst-case minutes of any inhabited place to any function; minimise.
    Equity,
    /// Σ_f importance_f Σ_i population_i × ÖPNV minutes(i → nearest site of f); minimise.
    PtAccess,
    /// Σ_f importance_f × population NOT within f's ÖPNV threshold ([`pt_threshold`]); minimise.
    PtReach,
}

/// Number of objectives.
pub const COUNT: usize = 8;

/// All objective values of one allocation, in minimisation form, in the order of [`ALL`].
pub type Values = [i64; COUNT];

/// Every objective, in a fixed order.
pub const ALL: [Objective; COUNT] = [
    Objective::Access,
    Objective::Coverage,
    Objective::Balance,
    Objective::Change,
    Objective::Synergy,
    Objective::Equity,
    Objective::PtAccess,
    Objective::PtReach,
];

/// The ÖPNV reach threshold of `f` in deciminutes: `threshold_pt_min` if given, else 1.5 × the
/// car threshold. RIN 2008 (FGSV) pairs 60 min by car with 90 min by public transport for
/// Oberzentren and 30 with 45 min for Mittelzentren, so the factor reproduces both levels.
///
/// ```
/// use impuls::instance::catalogue::{read, CatalogueOptions};
/// use impuls::pareto::objective::pt_threshold;
/// let c = read("instances/harz".as_ref(), &CatalogueOptions::default()).unwrap();
/// let oz = c.functions.iter().find(|f| f.threshold == 600 && f.pt_threshold.is_none());
/// assert_eq!(oz.map(pt_threshold), oz.map(|_| 900));
/// ```
pub fn pt_threshold(f: &Function) -> i64 {
    f.pt_threshold.unwrap_or(f.threshold * 3 / 2)
}

/// Whether a function lies beyond its ÖPNV reach for a place whose nearest site (or external
/// centre) is `minutes` deciminutes away by ÖPNV (`None`: no site and no external centre,
/// never reached). The rule of `pt_reach` and of the report's rings on the map.
pub fn beyond_pt_reach(f: &Function, minutes: Option<i64>) -> bool {
    minutes.is_none_or(|d| d > pt_threshold(f))
}

impl Objective {
    /// Machine name.
    pub fn name(self) -> &'static str {
        match self {
            Objective::Access => "access",
            Objective::Coverage => "coverage",
            Objective::Balance => "balance",
            Objective::Change => "change",
            Objective::Synergy => "synergy",
            Objective::Equity => "equity",
            Objective::PtAccess => "pt_access",
            Objective::PtReach => "pt_reach",
        }
    }

    /// German label for planners.
    pub fn label(self) -> &'static str {
        match self {
            Objective::Access => "Erreichbarkeit",
            Objective::Coverage => "Versorgung im Schwellenwert",
            Objective::Balance => "Ausgewogenheit",
            Objective::Change => "Veränderung",
            Objective::Synergy => "Synergie",
            Objective::Equity => "Gerechtigkeit (ungünstigster Ort)",
            Objective::PtAccess => "Erreichbarkeit ÖPNV",
            Objective::PtReach => "ÖPNV-Reichweite (RIN 2008)",
        }
    }

    /// Unit of the natural value.
    pub fn unit(self) -> &'static str {
        match self {
            Objective::Access => "gewichtete Personenminuten",
            Objective::Coverage => "gewichtete Einwohner",
            Objective::Balance => "Größenpunkte (max − min)",
            Objective::Change => "Umzugskosten",
            Objective::Synergy => "Affinitätspunkte",
            Objective::Equity => "min",
            Objective::PtAccess => "gewichtete Personenminuten (ÖPNV)",
            Objective::PtReach => "gewichtete Einwohner außerhalb der ÖPNV-Schwelle",
        }
    }

    /// Unit of the readable value ([`readable`]): a mean per inhabitant or a share of the
    /// inhabitants where the natural value is a weighted sum, else the natural unit.
    pub fn readable_unit(self) -> &'static str {
        match self {
            Objective::Access => "min je Einwohner (Mittel über die Funktionen, gewichtet)",
            Objective::PtAccess => {
                "min je Einwohner mit ÖPNV (Mittel über die Funktionen, gewichtet)"
            }
            Objective::Coverage => "% der Einwohner im Schwellenwert (gewichtet)",
            Objective::PtReach => "% der Einwohner außerhalb der ÖPNV-Schwelle (gewichtet)",
            _ => self.unit(),
        }
    }

    /// Column name of the readable value in `pareto.csv` (only where it differs from the
    /// natural value).
    pub fn readable_column(self) -> Option<&'static str> {
        match self {
            Objective::Access => Some("access_avg_min"),
            Objective::PtAccess => Some("pt_access_avg_min"),
            Objective::Coverage => Some("coverage_pct"),
            Objective::PtReach => Some("pt_reach_pct"),
            _ => None,
        }
    }

    /// Whether larger natural values are better.
    pub fn maximises(self) -> bool {
        matches!(self, Objective::Coverage | Objective::Synergy)
    }

    /// Whether the objective needs public-transport times (`Catalogue::pt_minutes`).
    pub fn needs_pt(self) -> bool {
        matches!(self, Objective::PtAccess | Objective::PtReach)
    }

    /// Natural value of an integer minimisation-form value (deciminutes → minutes, sign).
    pub fn natural(self, v: i64) -> f64 {
        let v = if self.maximises() { -v } else { v } as f64;
        match self {
            Objective::Access | Objective::Equity | Objective::PtAccess => v / 10.0,
            _ => v,
        }
    }

    /// Parses a comma-separated list of 2 or 3 distinct names.
    ///
    /// ```
    /// use impuls::pareto::objective::Objective;
    /// assert_eq!(Objective::parse_list("access,pt_reach").unwrap(), vec![Objective::Access, Objective::PtReach]);
    /// assert!(Objective::parse_list("access,speed").unwrap_err().to_string().contains("unknown objective 'speed'"));
    /// ```
    pub fn parse_list(s: &str) -> Result<Vec<Objective>> {
        let mut out = Vec::new();
        for name in s.split(',').map(str::trim).filter(|x| !x.is_empty()) {
            let o = ALL
                .iter()
                .copied()
                .find(|o| o.name() == name)
                .ok_or_else(|| {
                    let names: Vec<&str> = ALL.iter().map(|o| o.name()).collect();
                    Error::Parameter(format!(
                        "unknown objective '{name}' (choose from {})",
                        names.join(", ")
                    ))
                })?;
            if out.contains(&o) {
                return Err(Error::Parameter(format!(
                    "objective '{name}' is given twice"
                )));
            }
            out.push(o);
        }
        if !(2..=3).contains(&out.len()) {
            return Err(Error::Parameter(format!(
                "give 2 or 3 objectives, not {}",
                out.len()
            )));
        }
        Ok(out)
    }
}

/// An allocation: for each function, the sorted indices of the towns that carry it. An empty
/// list means "served from outside the region" (status quo of functions the region lacks).
pub type Allocation = Vec<Vec<usize>>;

/// The objectives that can be evaluated on `cat`: the public-transport ones only when it has
/// ÖPNV times.
pub fn available(cat: &Catalogue) -> Vec<Objective> {
    ALL.iter()
        .copied()
        .filter(|o| !o.needs_pt() || cat.pt_minutes.is_some())
        .collect()
}

/// A one-line error when a chosen objective cannot be evaluated on `cat`.
pub fn check_available(cat: &Catalogue, objectives: &[Objective]) -> Result<()> {
    match objectives.iter().find(|o| !available(cat).contains(o)) {
        Some(o) => Err(Error::Parameter(format!(
            "objective '{}' needs public-transport travel times, which this catalogue does not have (give --pt-matrix FILE)",
            o.name()
        ))),
        None => Ok(()),
    }
}

/// Minutes (deciminutes) from place `i` to the nearest site of a function placed at `towns`.
fn nearest(cat: &Catalogue, i: usize, towns: &[usize]) -> Option<i64> {
    nearest_in(&cat.minutes, cat.external_minutes.as_deref(), i, towns)
}

/// [`nearest`] in a given matrix (car or ÖPNV) with its external-centre times.
pub(crate) fn nearest_in(
    minutes: &[Vec<i64>],
    external: Option<&[i64]>,
    i: usize,
    towns: &[usize],
) -> Option<i64> {
    match towns.iter().map(|&t| minutes[i][t]).min() {
        Some(v) => Some(v),
        None => external.map(|e| e[i]),
    }
}

/// Σ_f importance_f × Σ_i population_i: the weight that turns access sums into means per
/// inhabitant and coverage counts into shares.
pub fn total_weight(cat: &Catalogue) -> i64 {
    let pop: i64 = cat.places.iter().map(|p| p.population).sum();
    cat.functions.iter().map(|f| f.importance).sum::<i64>() * pop
}

/// The planner-readable value of `o` for the minimisation-form value `v` (unit:
/// [`Objective::readable_unit`]): access as importance-weighted mean minutes per inhabitant
/// and function, coverage and ÖPNV reach as a percentage of the importance-weighted
/// inhabitants; every other objective in its natural unit.
///
/// ```
/// use impuls::instance::catalogue::{read, CatalogueOptions};
/// use impuls::pareto::objective::{evaluate, pick, readable, status_quo, Objective};
/// let c = read("instances/harz".as_ref(), &CatalogueOptions::default()).unwrap();
/// let v = evaluate(&c, &status_quo(&c));
/// let share = readable(&c, Objective::Coverage, pick(&v, Objective::Coverage));
/// assert!(share > 0.0 && share <= 100.0);
/// ```
pub fn readable(cat: &Catalogue, o: Objective, v: i64) -> f64 {
    let total = total_weight(cat).max(1) as f64;
    match o {
        Objective::Access | Objective::PtAccess => v as f64 / 10.0 / total,
        Objective::Coverage => -v as f64 * 100.0 / total,
        Objective::PtReach => v as f64 * 100.0 / total,
        _ => o.natural(v),
    }
}

/// Size points per town.
pub fn town_points(cat: &Catalogue, alloc: &Allocation) -> Vec<i64> {
    let mut points = vec![0i64; cat.towns.len()];
    for (f, towns) in alloc.iter().enumerate() {
        for &t in towns {
            points[t] += cat.functions[f].size_points;
        }
    }
    points
}

/// What one function, placed at some towns, adds to the objectives that sum (or, for equity,
/// maximise) over functions. [`evaluate`] combines these with the objectives that couple
/// functions (balance, change, synergy); the local search of [`super::start`] recomputes only
/// the terms of the functions a move changes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct FunctionTerms {
    access: i64,
    coverage: i64,
    equity: i64,
    pt_access: i64,
    /// Weight not reaching the function within its ÖPNV threshold.
    pt_missed: i64,
    /// Relocation cost of the status-quo towns the function leaves.
    change: i64,
}

/// The terms of function `f` placed at `towns`. A function without a site and without external
/// ÖPNV times counts as not reached by ÖPNV.
pub(crate) fn function_terms(cat: &Catalogue, f: usize, towns: &[usize]) -> FunctionTerms {
    let func = &cat.functions[f];
    let mut terms = FunctionTerms::default();
    for (i, place) in cat.places.iter().enumerate() {
        let Some(d) = nearest(cat, i, towns) else {
            continue;
        };
        terms.access += func.importance * place.population * d;
        if d <= func.threshold {
            terms.coverage += func.importance * place.population;
        }
        if place.population > 0 {
            terms.equity = terms.equity.max(d);
        }
    }
    // the ÖPNV objectives are 0 without ÖPNV times
    if let Some(pt) = &cat.pt_minutes {
        for (i, place) in cat.places.iter().enumerate() {
            let w = func.importance * place.population;
            let d = nearest_in(pt, cat.pt_external_minutes.as_deref(), i, towns);
            terms.pt_access += w * d.unwrap_or(0);
            if beyond_pt_reach(func, d) {
                terms.pt_missed += w;
            }
        }
    }
    for id in &func.status_quo_ids {
        if !towns.iter().any(|&t| &cat.towns[t].id == id) {
            terms.change += func.relocation_cost;
        }
    }
    terms
}

/// All objective values of `alloc`, in minimisation form, in the order of [`ALL`].
pub fn evaluate(cat: &Catalogue, alloc: &Allocation) -> Values {
    let terms: Vec<FunctionTerms> = alloc
        .iter()
        .enumerate()
        .map(|(f, towns)| function_terms(cat, f, towns))
        .collect();
    combine(cat, alloc, &terms, &town_points(cat, alloc))
}

/// The objective values of `alloc` from the [`function_terms`] of its functions and its
/// [`town_points`].
pub(crate) fn combine(
    cat: &Catalogue,
    alloc: &Allocation,
    terms: &[FunctionTerms],
    points: &[i64],
) -> Values {
    let mut sum = FunctionTerms::default();
    for t in terms {
        sum.access += t.access;
        sum.coverage += t.coverage;
        sum.equity = sum.equity.max(t.equity);
        sum.pt_access += t.pt_access;
        sum.pt_missed += t.pt_missed;
        sum.change += t.change;
    }
    let partner: Vec<i64> = (0..cat.towns.len())
        .filter(|&t| cat.towns[t].partner)
        .map(|t| points[t])
        .collect();
    let balance = partner.iter().max().unwrap_or(&0) - partner.iter().min().unwrap_or(&0);
    let mut synergy = 0i64;
    for a in &cat.affinities {
        let shared = alloc[a.a].iter().filter(|t| alloc[a.b].contains(t)).count() as i64;
        synergy += a.value * shared;
    }
    [
        sum.access,
        -sum.coverage,
        balance,
        sum.change,
        -synergy,
        sum.equity,
        sum.pt_access,
        sum.pt_missed,
    ]
}

/// Value of one objective from a full evaluation.
pub fn pick(values: &Values, o: Objective) -> i64 {
    values[ALL.iter().position(|&x| x == o).expect("in ALL")]
}

/// The status quo as an allocation: each function at its active status-quo towns (possibly
/// none: then served from the nearest external Oberzentrum).
pub fn status_quo(cat: &Catalogue) -> Allocation {
    cat.functions
        .iter()
        .map(|f| {
            let mut t = f.status_quo.clone();
            t.sort_unstable();
            t
        })
        .collect()
}

/// Checks that `alloc` satisfies every constraint of the model (sites, allowed towns, locks,
/// capacities); used on every proposal.
pub fn check_feasible(cat: &Catalogue, alloc: &Allocation) -> Result<()> {
    let bad = |m: String| Err(Error::Verification(m));
    for (f, towns) in alloc.iter().enumerate() {
        let func = &cat.functions[f];
        if towns.len() != func.sites {
            return bad(format!(
                "function '{}' has {} sites, needs {}",
                func.id,
                towns.len(),
                func.sites
            ));
        }
        if let Some(&t) = towns.iter().find(|t| !func.allowed.contains(t)) {
            return bad(format!(
                "function '{}' placed in '{}', which is not allowed",
                func.id, cat.towns[t].id
            ));
        }
    }
    for &(f, t) in &cat.locks {
        if !alloc[f].contains(&t) {
            return bad(format!(
                "lock violated: '{}' not in '{}'",
                cat.functions[f].id, cat.towns[t].id
            ));
        }
    }
    for (t, p) in town_points(cat, alloc).into_iter().enumerate() {
        if let Some(c) = cat.towns[t].capacity {
            if p > c {
                return bad(format!(
                    "town '{}' carries {p} size points > capacity {c}",
                    cat.towns[t].id
                ));
            }
        }
    }
    Ok(())
}

/// An upper bound on |value| of every objective over all allocations (from the data alone);
/// used to order objectives and to combine lexicographic stages safely.
pub fn magnitude(cat: &Catalogue, o: Objective) -> i64 {
    let farthest = |minutes: &[Vec<i64>], external: Option<&[i64]>| {
        minutes
            .iter()
            .enumerate()
            .map(|(i, row)| {
                row.iter()
                    .copied()
                    .max()
                    .unwrap_or(0)
                    .max(external.map_or(0, |e| e[i]))
            })
            .max()
            .unwrap_or(0)
    };
    let far = farthest(&cat.minutes, cat.external_minutes.as_deref());
    let pt_far = cat
        .pt_minutes
        .as_deref()
        .map_or(0, |m| farthest(m, cat.pt_external_minutes.as_deref()));
    let fs = &cat.functions;
    match o {
        Objective::Access => total_weight(cat) * far,
        Objective::Coverage | Objective::PtReach => total_weight(cat),
        Objective::Balance => fs.iter().map(|f| f.size_points * f.sites as i64).sum(),
        Objective::Change => fs
            .iter()
            .map(|f| f.relocation_cost * f.status_quo_ids.len() as i64)
            .sum(),
        Objective::Synergy => cat
            .affinities
            .iter()
            .map(|a| a.value * fs[a.a].sites.min(fs[a.b].sites) as i64)
            .sum(),
        Objective::Equity => far,
        Objective::PtAccess => total_weight(cat) * pt_far,
    }
}
