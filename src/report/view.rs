//! Read-only lookups on a [`ProposalSet`] shared by the parts of the report page: labels,
//! objective values, town names, differences to the status quo and the featured proposals.

use crate::pareto::proposal::{ObjectiveInfo, Proposal, ProposalSet};
use std::collections::BTreeSet;

/// Id of the status quo in a [`ProposalSet`].
pub const STATUS_QUO_ID: &str = "status_quo";

/// Display label of a proposal: `Status quo` or its id (`P3`).
pub fn label(p: &Proposal) -> &str {
    if p.id == STATUS_QUO_ID {
        "Status quo"
    } else {
        &p.id
    }
}

/// A place name for labels and prose: official suffixes after a comma (`Osterwieck, Stadt`)
/// dropped; tooltips keep the full name.
///
/// ```
/// assert_eq!(impuls::report::view::short_place_name("Osterwieck, Stadt"), "Osterwieck");
/// ```
pub fn short_place_name(name: &str) -> &str {
    name.split_once(", ").map_or(name, |(head, _)| head)
}

/// A function name for prose: the explanation in parentheses dropped
/// (`Agentur für Arbeit (Agentur Sachsen-Anhalt West)` → `Agentur für Arbeit`).
///
/// ```
/// use impuls::report::view::short_function_name;
/// assert_eq!(short_function_name("Landgericht (neu in der Region)"), "Landgericht");
/// assert_eq!(short_function_name("Finanzamt"), "Finanzamt");
/// ```
pub fn short_function_name(name: &str) -> &str {
    name.split_once(" (").map_or(name, |(head, _)| head).trim()
}

/// The status quo followed by every proposal.
pub fn everything(set: &ProposalSet) -> impl Iterator<Item = &Proposal> {
    std::iter::once(&set.status_quo).chain(set.proposals.iter())
}

/// Natural value of objective `name` in `p` (NaN when missing).
pub fn value(p: &Proposal, name: &str) -> f64 {
    p.objectives.get(name).copied().unwrap_or(f64::NAN)
}

/// Whether larger values of `o` are better.
pub fn maximises(o: &ObjectiveInfo) -> bool {
    o.sense.eq_ignore_ascii_case("max")
}

/// `a` is strictly better than `b` for `o` (false if either is NaN).
pub fn better(o: &ObjectiveInfo, a: f64, b: f64) -> bool {
    if maximises(o) {
        a > b
    } else {
        a < b
    }
}

/// "niedriger ist besser" / "höher ist besser".
pub fn direction_text(o: &ObjectiveInfo) -> &'static str {
    if maximises(o) {
        "höher ist besser"
    } else {
        "niedriger ist besser"
    }
}

/// Name of town `id` (candidate town, external Oberzentrum, or the id itself).
pub fn town_name<'a>(set: &'a ProposalSet, id: &'a str) -> &'a str {
    set.towns
        .iter()
        .chain(set.external.iter())
        .find(|t| t.id == id)
        .map_or(id, |t| t.name.as_str())
}

/// Where a function is: its town names joined by `, `, or `None` for "served from outside".
pub fn location_text(set: &ProposalSet, towns: &[String]) -> Option<String> {
    if towns.is_empty() {
        return None;
    }
    Some(
        towns
            .iter()
            .map(|t| town_name(set, t))
            .collect::<Vec<_>>()
            .join(", "),
    )
}

/// German label of a function field; unknown fields are shown with spaces for underscores.
pub fn field_label(field: &str) -> String {
    match field {
        "bildung_forschung" => "Bildung und Forschung".into(),
        "erreichbarkeit_mobilitaet" => "Erreichbarkeit und Mobilität".into(),
        "verwaltung_recht_handel" => "Verwaltung, Recht und Handel".into(),
        "medizin" => "Medizinische Versorgung".into(),
        "kultur" => "Kultur".into(),
        "sport" => "Sport".into(),
        "wirtschaft" => "Wirtschaft".into(),
        other => {
            let mut s = other.replace('_', " ");
            if let Some(first) = s.get(..1) {
                s = first.to_uppercase() + &s[1..];
            }
            s
        }
    }
}

/// The towns of function `f` in `p` as a set (`None` when `p` does not mention `f`).
pub fn towns_of<'a>(p: &'a Proposal, f: &str) -> Option<BTreeSet<&'a str>> {
    p.allocation
        .get(f)
        .map(|ts| ts.iter().map(String::as_str).collect())
}

/// Whether `p` places function `f` differently from the status quo.
pub fn differs(set: &ProposalSet, p: &Proposal, f: &str) -> bool {
    towns_of(p, f) != towns_of(&set.status_quo, f)
}

/// Number of functions that `p` places differently from the status quo.
pub fn changed_count(set: &ProposalSet, p: &Proposal) -> usize {
    set.functions
        .iter()
        .filter(|f| differs(set, p, &f.id))
        .count()
}

/// A proposal shown in the side-by-side comparison, with why it was chosen.
#[derive(Debug, Clone)]
pub struct Featured<'a> {
    /// The proposal.
    pub proposal: &'a Proposal,
    /// Short German reasons ("beste Erreichbarkeit", "Kompromiss").
    pub reasons: Vec<String>,
}

/// Most proposals in the side-by-side comparison.
pub const MAX_FEATURED: usize = crate::pareto::representative::MAX_REPRESENTATIVES;

/// The proposals for the side-by-side comparison and the chart labels.
///
/// The set's representatives (`pareto::representative`), in their order, each with its rule as
/// the reason. A set without representatives (written before they existed) falls back to each
/// proposal that is best in one of the front's objectives plus the compromise (closest to the
/// ideal point after scaling every objective to `[0, 1]` over the proposals), in front order.
/// Fronts of at most [`MAX_FEATURED`] proposals are shown completely.
pub fn featured(set: &ProposalSet) -> Vec<Featured<'_>> {
    if set.representatives.is_empty() {
        return best_and_compromise(set);
    }
    if set.proposals.len() <= MAX_FEATURED {
        return set
            .proposals
            .iter()
            .map(|proposal| Featured {
                proposal,
                reasons: set
                    .representatives
                    .iter()
                    .filter(|r| r.id == proposal.id)
                    .map(|r| r.label.clone())
                    .collect(),
            })
            .collect();
    }
    set.representatives
        .iter()
        .filter_map(|r| {
            let proposal = set.proposals.iter().find(|p| p.id == r.id)?;
            Some(Featured {
                proposal,
                reasons: vec![r.label.clone()],
            })
        })
        .take(MAX_FEATURED)
        .collect()
}

/// Best proposal per front objective plus the Euclidean compromise, in front order (all of a
/// small front).
fn best_and_compromise(set: &ProposalSet) -> Vec<Featured<'_>> {
    let mut reasons: Vec<Vec<String>> = vec![Vec::new(); set.proposals.len()];
    for o in &set.objectives {
        if let Some(k) = best_index(set, o) {
            reasons[k].push(format!("beste {}", o.label));
        }
    }
    if let Some(k) = knee_index(set) {
        reasons[k].push("Kompromiss".into());
    }
    let show_all = set.proposals.len() <= MAX_FEATURED;
    set.proposals
        .iter()
        .zip(reasons)
        .filter(|(_, r)| show_all || !r.is_empty())
        .take(MAX_FEATURED)
        .map(|(proposal, reasons)| Featured { proposal, reasons })
        .collect()
}

/// Index of the first proposal with the best value of `o`.
fn best_index(set: &ProposalSet, o: &ObjectiveInfo) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for (k, p) in set.proposals.iter().enumerate() {
        let v = value(p, &o.name);
        if v.is_nan() {
            continue;
        }
        if best.is_none_or(|(_, b)| better(o, v, b)) {
            best = Some((k, v));
        }
    }
    best.map(|(k, _)| k)
}

/// Index of the proposal closest to the ideal point in normalised objective space.
fn knee_index(set: &ProposalSet) -> Option<usize> {
    let ranges: Vec<(f64, f64)> = set.objectives.iter().map(|o| best_worst(set, o)).collect();
    let distance = |p: &Proposal| -> f64 {
        set.objectives
            .iter()
            .zip(&ranges)
            .map(|(o, &(best, worst))| {
                let span = worst - best;
                let d = if span == 0.0 {
                    0.0
                } else {
                    (value(p, &o.name) - best) / span
                };
                d * d
            })
            .sum::<f64>()
    };
    set.proposals
        .iter()
        .enumerate()
        .map(|(k, p)| (k, distance(p)))
        .filter(|(_, d)| d.is_finite())
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(k, _)| k)
}

/// Best and worst value of `o` over the proposals.
fn best_worst(set: &ProposalSet, o: &ObjectiveInfo) -> (f64, f64) {
    let vals = set
        .proposals
        .iter()
        .map(|p| value(p, &o.name))
        .filter(|v| !v.is_nan());
    let (lo, hi) = vals.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if maximises(o) {
        (hi, lo)
    } else {
        (lo, hi)
    }
}

/// Number of functions proposal `p` places in `town`.
pub fn function_count(set: &ProposalSet, p: &Proposal, town: &str) -> usize {
    set.functions
        .iter()
        .filter(|f| {
            p.allocation
                .get(&f.id)
                .is_some_and(|ts| ts.iter().any(|t| t == town))
        })
        .count()
}
