//! Readable units for planners: access as the average minutes per inhabitant, coverage as the
//! share of inhabitants (in %), ÖPNV reach as the share of inhabitants beyond it.
//!
//! The raw objective sums (importance-weighted person-minutes, weighted inhabitants) stay in
//! `proposals.json` and appear in the report as secondary numbers.
//!
//! **Until the engine writes readable values itself** (issue 12, item 3), they are computed
//! here from what the [`ProposalSet`] already holds: the objective sums, the functions'
//! importance and the places' population. [`value`] is the one function to switch to the
//! engine's fields; everything else in the report and in the explanations goes through it.
//!
//! Definitions (Σι = total importance of the catalogue, Σπ = total population):
//! - `access` → Ø min je Einwohner = access / (Σι · Σπ): the importance-weighted mean, over all
//!   functions, of the population-weighted mean minutes to the nearest site; the same number as
//!   the population-weighted mean of `place_minutes`;
//! - `coverage` → % der Einwohner = 100 · coverage / (Σι · Σπ): the importance-weighted mean,
//!   over all functions, of the share of inhabitants within the function's threshold.

use super::view;
use crate::pareto::proposal::{ObjectiveInfo, Proposal, ProposalSet};

/// Unit of access in readable form.
pub const ACCESS_UNIT: &str = "Ø min je Einwohner";
/// Unit of coverage in readable form.
pub const COVERAGE_UNIT: &str = "% der Einwohner";

/// How a readable objective is shown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Readable {
    /// Unit text.
    pub unit: &'static str,
    /// Decimals in tables (access needs two: the Harz front spans less than a minute).
    pub decimals: usize,
}

/// The readable form of objective `name`, if it has one.
pub fn readable(name: &str) -> Option<Readable> {
    match name {
        "access" => Some(Readable {
            unit: ACCESS_UNIT,
            decimals: 2,
        }),
        "coverage" => Some(Readable {
            unit: COVERAGE_UNIT,
            decimals: 1,
        }),
        _ => None,
    }
}

/// Σι · Σπ, the divisor of both readable values (`None` if zero).
fn weight(set: &ProposalSet) -> Option<f64> {
    let importance: f64 = set.functions.iter().map(|f| f.importance).sum();
    let population: f64 = set.places.iter().map(|p| p.population).sum();
    let w = importance * population;
    (w > 0.0 && w.is_finite()).then_some(w)
}

/// The readable value of objective `name` of `p` (see the module doc), or `None` when it has
/// no readable form or the set lacks what it needs.
///
/// ```
/// # let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/proposals_sample.json")).unwrap();
/// # let set: impuls::pareto::proposal::ProposalSet = serde_json::from_str(&text).unwrap();
/// use impuls::report::units::value;
/// let minutes = value(&set, &set.status_quo, "access").unwrap();
/// assert!(minutes > 5.0 && minutes < 60.0, "{minutes}");
/// assert!(value(&set, &set.status_quo, "balance").is_none());
/// ```
pub fn value(set: &ProposalSet, p: &Proposal, name: &str) -> Option<f64> {
    let raw = view::value(p, name);
    if !raw.is_finite() {
        return None;
    }
    match name {
        "access" => Some(raw / weight(set)?),
        "coverage" => Some(100.0 * raw / weight(set)?),
        _ => None,
    }
}

/// Population-weighted mean of per-place minutes (`place_minutes` or `place_minutes_pt`).
pub fn population_mean(set: &ProposalSet, minutes: &[f64]) -> Option<f64> {
    if minutes.len() != set.places.len() {
        return None;
    }
    let (sum, pop) = set
        .places
        .iter()
        .zip(minutes)
        .filter(|(_, m)| m.is_finite())
        .fold((0.0, 0.0), |(s, w), (p, m)| {
            (s + p.population * m, w + p.population)
        });
    (pop > 0.0).then(|| sum / pop)
}

/// Ø ÖPNV minutes per inhabitant to all functions (importance-weighted), if `p` has them.
pub fn mean_pt_minutes(set: &ProposalSet, p: &Proposal) -> Option<f64> {
    population_mean(set, p.place_minutes_pt.as_deref()?)
}

/// % of inhabitants living where at least one function lies beyond its ÖPNV reach threshold.
pub fn percent_beyond_pt_reach(set: &ProposalSet, p: &Proposal) -> Option<f64> {
    let beyond = p.place_pt_beyond_reach.as_deref()?;
    if beyond.len() != set.places.len() {
        return None;
    }
    let total: f64 = set.places.iter().map(|q| q.population).sum();
    let out: f64 = set
        .places
        .iter()
        .zip(beyond)
        .filter(|(_, &b)| b > 0)
        .map(|(q, _)| q.population)
        .sum();
    (total > 0.0).then(|| 100.0 * out / total)
}

/// The ÖPNV reach threshold in words: `90 min` when every function uses the same one, else
/// `ihrer ÖPNV-Schwelle`.
pub fn pt_reach_text(set: &ProposalSet) -> String {
    let limit = |t: Option<f64>| t.unwrap_or(crate::pareto::proposal::PT_REACH_DEFAULT_MIN);
    let first = set.functions.first().map(|f| limit(f.threshold_pt_min));
    match first {
        Some(t) if set.functions.iter().all(|f| limit(f.threshold_pt_min) == t) => {
            format!("{} min", super::format::number(t, 0))
        }
        _ => "ihrer ÖPNV-Schwelle".into(),
    }
}

/// Decimals of objective `o` in tables when it is shown in a readable unit.
pub fn decimals(o: &ObjectiveInfo) -> Option<usize> {
    readable(&o.name)
        .filter(|r| r.unit == o.unit)
        .map(|r| r.decimals)
}

/// A copy of `set` for display: access and coverage (where computable) in readable units, in
/// the values and in the objective infos; every other objective unchanged.
pub fn for_display(set: &ProposalSet) -> ProposalSet {
    let mut shown = set.clone();
    let convertible: Vec<&str> = set
        .all_objectives
        .iter()
        .map(|o| o.name.as_str())
        .filter(|&n| readable(n).is_some() && weight(set).is_some())
        .collect();
    let shown_proposals = std::iter::once(&mut shown.status_quo).chain(shown.proposals.iter_mut());
    for (p, original) in shown_proposals.zip(view::everything(set)) {
        for &name in &convertible {
            if let Some(v) = value(set, original, name) {
                p.objectives.insert(name.to_string(), v);
            }
        }
    }
    for o in shown
        .objectives
        .iter_mut()
        .chain(shown.all_objectives.iter_mut())
    {
        if convertible.contains(&o.name.as_str()) {
            o.unit = readable(&o.name).expect("convertible").unit.to_string();
        }
    }
    shown
}
