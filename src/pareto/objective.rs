//! The six objectives of the function-allocation model and their exact evaluation from an
//! allocation alone (the verification of every proposal).
//!
//! Every value is an integer in "minimisation form" (maximised objectives are negated), in the
//! instance's integer units: deciminutes for times, persons for population.

use crate::error::{Error, Result};
use crate::instance::catalogue::Catalogue;

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
}

/// Every objective, in a fixed order.
pub const ALL: [Objective; 6] = [
    Objective::Access,
    Objective::Coverage,
    Objective::Balance,
    Objective::Change,
    Objective::Synergy,
    Objective::Equity,
];

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
        }
    }

    /// Whether larger natural values are better.
    pub fn maximises(self) -> bool {
        matches!(self, Objective::Coverage | Objective::Synergy)
    }

    /// Natural value of an integer minimisation-form value (deciminutes → minutes, sign).
    pub fn natural(self, v: i64) -> f64 {
        let v = if self.maximises() { -v } else { v } as f64;
        match self {
            Objective::Access | Objective::Equity => v / 10.0,
            _ => v,
        }
    }

    /// Parses a comma-separated list of 2 or 3 distinct names.
    ///
    /// ```
    /// use impuls::pareto::objective::Objective;
    /// assert_eq!(Objective::parse_list("access,balance").unwrap(), vec![Objective::Access, Objective::Balance]);
    /// assert!(Objective::parse_list("access,speed").unwrap_err().to_string().contains("unknown objective 'speed'"));
    /// ```
    pub fn parse_list(s: &str) -> Result<Vec<Objective>> {
        let mut out = Vec::new();
        for name in s.split(',').map(str::trim).filter(|x| !x.is_empty()) {
            let o = ALL.iter().copied().find(|o| o.name() == name).ok_or_else(|| {
                Error::Parameter(format!(
                    "unknown objective '{name}' (choose from access, coverage, balance, change, synergy, equity)"
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

/// Minutes (deciminutes) from place `i` to the nearest site of a function placed at `towns`.
fn nearest(cat: &Catalogue, i: usize, towns: &[usize]) -> Option<i64> {
    match towns.iter().map(|&t| cat.minutes[i][t]).min() {
        Some(v) => Some(v),
        None => cat.external_minutes.as_ref().map(|e| e[i]),
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

/// All six objective values of `alloc`, in minimisation form, in the order of [`ALL`].
pub fn evaluate(cat: &Catalogue, alloc: &Allocation) -> [i64; 6] {
    let mut access = 0i64;
    let mut coverage = 0i64;
    let mut equity = 0i64;
    for (f, towns) in alloc.iter().enumerate() {
        let func = &cat.functions[f];
        for (i, place) in cat.places.iter().enumerate() {
            let Some(d) = nearest(cat, i, towns) else {
                continue;
            };
            access += func.importance * place.population * d;
            if d <= func.threshold {
                coverage += func.importance * place.population;
            }
            if place.population > 0 {
                equity = equity.max(d);
            }
        }
    }
    let points = town_points(cat, alloc);
    let partner: Vec<i64> = (0..cat.towns.len())
        .filter(|&t| cat.towns[t].partner)
        .map(|t| points[t])
        .collect();
    let balance = partner.iter().max().unwrap_or(&0) - partner.iter().min().unwrap_or(&0);
    let mut change = 0i64;
    for (f, towns) in alloc.iter().enumerate() {
        let func = &cat.functions[f];
        for id in &func.status_quo_ids {
            if !towns.iter().any(|&t| &cat.towns[t].id == id) {
                change += func.relocation_cost;
            }
        }
    }
    let mut synergy = 0i64;
    for a in &cat.affinities {
        let shared = alloc[a.a].iter().filter(|t| alloc[a.b].contains(t)).count() as i64;
        synergy += a.value * shared;
    }
    [access, -coverage, balance, change, -synergy, equity]
}

/// Value of one objective from a full evaluation.
pub fn pick(values: &[i64; 6], o: Objective) -> i64 {
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
    let pop: i64 = cat.places.iter().map(|p| p.population).sum();
    let far = cat
        .minutes
        .iter()
        .enumerate()
        .map(|(i, row)| {
            row.iter()
                .copied()
                .max()
                .unwrap_or(0)
                .max(cat.external_minutes.as_ref().map_or(0, |e| e[i]))
        })
        .max()
        .unwrap_or(0);
    let fs = &cat.functions;
    match o {
        Objective::Access => fs.iter().map(|f| f.importance).sum::<i64>() * pop * far,
        Objective::Coverage => fs.iter().map(|f| f.importance).sum::<i64>() * pop,
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
    }
}
