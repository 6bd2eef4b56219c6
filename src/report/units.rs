//! Readable units in the report: the values the engine writes (`Proposal::readable`, unit in
//! `ObjectiveInfo::readable_unit`, defined once in `pareto::objective::readable`) replace the
//! raw sums where they differ — access and ÖPNV access as mean minutes per inhabitant,
//! coverage and ÖPNV reach as % of the inhabitants. The raw sums stay in `proposals.json` and
//! appear in the report as secondary numbers.
//!
//! A set written before the engine had readable values (no `readable`) is shown with its raw
//! values and units; nothing is recomputed here.

use crate::pareto::proposal::{ObjectiveInfo, Proposal, ProposalSet};

/// The display order of the objectives in tables: each ÖPNV objective next to its car
/// counterpart, then the others.
const ORDER: [&str; 8] = [
    "access",
    "pt_access",
    "coverage",
    "pt_reach",
    "balance",
    "change",
    "synergy",
    "equity",
];

/// A unit without its explanation in parentheses: `min je Einwohner (Mittel über die
/// Funktionen, gewichtet)` → `min je Einwohner`.
///
/// ```
/// assert_eq!(impuls::report::units::short_unit("min je Einwohner (Mittel über die Funktionen, gewichtet)"), "min je Einwohner");
/// assert_eq!(impuls::report::units::short_unit("Umzugskosten"), "Umzugskosten");
/// ```
pub fn short_unit(unit: &str) -> &str {
    unit.split_once(" (").map_or(unit, |(head, _)| head)
}

/// Whether objective `o` of `set` is shown in its readable unit: the engine gave it one that
/// differs from the natural unit, and the status quo carries the value.
fn converted(set: &ProposalSet, o: &ObjectiveInfo) -> bool {
    !o.readable_unit.is_empty()
        && o.readable_unit != o.unit
        && set.status_quo.readable_value(&o.name).is_some()
}

/// Decimals of objective `o` in tables when it is shown in a readable unit (access needs two:
/// the Harz front spans less than a minute); `None` for raw values.
pub fn decimals(o: &ObjectiveInfo) -> Option<usize> {
    if o.readable_unit.is_empty() || short_unit(&o.readable_unit) != o.unit {
        return None;
    }
    match o.name.as_str() {
        "access" | "pt_access" => Some(2),
        "coverage" | "pt_reach" => Some(1),
        _ => None,
    }
}

/// A copy of `set` for display: every objective with a readable unit of its own shows the
/// engine's readable value (in the proposals, the status quo and the scenario's proposals) and
/// the short readable unit; the objectives in the order of [`ORDER`].
pub fn for_display(set: &ProposalSet) -> ProposalSet {
    let mut shown = set.clone();
    let names: Vec<String> = set
        .all_objectives
        .iter()
        .filter(|o| converted(set, o))
        .map(|o| o.name.clone())
        .collect();
    let show = |p: &mut Proposal| {
        for name in &names {
            if let Some(v) = p.readable_value(name) {
                p.objectives.insert(name.clone(), v);
            }
        }
    };
    show(&mut shown.status_quo);
    shown.proposals.iter_mut().for_each(show);
    if let Some(s) = &mut shown.scenario {
        show(&mut s.status_quo);
        s.new_proposals.iter_mut().for_each(show);
    }
    for o in shown
        .objectives
        .iter_mut()
        .chain(shown.all_objectives.iter_mut())
    {
        if names.contains(&o.name) {
            o.unit = short_unit(&o.readable_unit).to_string();
        }
    }
    let rank = |o: &ObjectiveInfo| {
        ORDER
            .iter()
            .position(|&n| n == o.name)
            .unwrap_or(ORDER.len())
    };
    shown.all_objectives.sort_by_key(rank);
    shown
}

/// The ÖPNV reach threshold in words, from the thresholds the engine used
/// (`FunctionInfo::threshold_pt_min`): `90 min` when every function has the same, `ihrer
/// ÖPNV-Schwelle (45 bzw. 90 min)` when they differ, `ihrer ÖPNV-Schwelle` when a file lacks
/// them.
///
/// ```
/// # let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/proposals_sample.json")).unwrap();
/// # let mut set: impuls::pareto::proposal::ProposalSet = serde_json::from_str(&text).unwrap();
/// use impuls::report::units::pt_reach_text;
/// assert_eq!(pt_reach_text(&set), "ihrer ÖPNV-Schwelle");
/// for (k, f) in set.functions.iter_mut().enumerate() {
///     f.threshold_pt_min = Some(if k == 0 { 45.0 } else { 90.0 });
/// }
/// assert_eq!(pt_reach_text(&set), "ihrer ÖPNV-Schwelle (45 bzw. 90\u{a0}min)");
/// ```
pub fn pt_reach_text(set: &ProposalSet) -> String {
    let Some(mut limits) = set
        .functions
        .iter()
        .map(|f| f.threshold_pt_min)
        .collect::<Option<Vec<f64>>>()
    else {
        return "ihrer ÖPNV-Schwelle".into();
    };
    limits.sort_by(f64::total_cmp);
    limits.dedup();
    let text: Vec<String> = limits
        .iter()
        .map(|&t| super::format::number(t, 0))
        .collect();
    match text.split_last() {
        Some((one, [])) => format!("{one}\u{a0}min"),
        Some((last, init)) => format!(
            "ihrer ÖPNV-Schwelle ({} bzw. {last}\u{a0}min)",
            init.join(", ")
        ),
        None => "ihrer ÖPNV-Schwelle".into(),
    }
}
