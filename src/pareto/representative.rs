//! A handful of representative proposals out of a front of hundreds: the rule of
//! docs/pareto.md ("Representative proposals"), deterministic and at most
//! [`MAX_REPRESENTATIVES`] picks.
//!
//! Every front objective `o` is scaled to `[0, 1]` over the reported proposals, 0 at its best
//! value and 1 at its worst (0 everywhere if all proposals agree). The **distance** of a
//! proposal is the Chebyshev (L∞) distance of its scaled vector to the ideal point 0, i.e. its
//! worst scaled objective. A proposal's **relocations** are the status-quo sites (function,
//! town) it gives up. The rules:
//!
//! 1. `best_access`: the least access value (then the least distance); `best_pt_access`
//!    instead on a front over ÖPNV access without car access;
//! 2. `compromise_relocations_k` for k ∈ {0, 1, 2, 3, 5}: the least distance among the
//!    proposals with exactly k relocations (skipped when there is none);
//! 3. `compromise`: the least distance over the whole front (the compromise-programming
//!    solution, which lies at the front's knee where one objective starts to cost much of the
//!    others).
//!
//! Ties: the smaller sum of scaled objectives, then the earlier proposal in front order. A
//! proposal picked by several rules appears once, with all its rules. The picks are listed by
//! increasing relocations, then front order.

use super::explain;
use super::proposal::{Proposal, ProposalSet, Representative};
use super::robust;
use std::cmp::Ordering;

/// At most this many representatives: one per rule.
pub const MAX_REPRESENTATIVES: usize = 2 + RELOCATION_COUNTS.len();

/// The relocation counts that get their own best compromise.
pub const RELOCATION_COUNTS: [usize; 5] = [0, 1, 2, 3, 5];

/// One picked proposal.
#[derive(Debug, Clone, PartialEq)]
pub struct Pick {
    /// Index into `set.proposals`.
    pub index: usize,
    /// Machine names of the rules, in rule order.
    pub rules: Vec<String>,
    /// Status-quo sites given up.
    pub relocations: usize,
    /// Chebyshev distance to the ideal point (scaled objectives).
    pub distance: f64,
}

/// Status-quo sites (function, town) of `set.status_quo` that `p` does not keep.
pub fn relocations(set: &ProposalSet, p: &Proposal) -> usize {
    set.status_quo
        .allocation
        .iter()
        .map(|(f, today)| {
            let kept = p.allocation.get(f);
            today
                .iter()
                .filter(|t| !kept.is_some_and(|k| k.contains(t)))
                .count()
        })
        .sum()
}

/// Per proposal: the front objectives scaled to `[0, 1]`, 0 = best (a missing value counts 1).
fn scaled(set: &ProposalSet) -> Vec<Vec<f64>> {
    let ranges: Vec<(f64, f64)> = set
        .objectives
        .iter()
        .map(|o| {
            set.proposals
                .iter()
                .map(|p| value(p, &o.name))
                .filter(|v| v.is_finite())
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                    (lo.min(v), hi.max(v))
                })
        })
        .collect();
    set.proposals
        .iter()
        .map(|p| {
            set.objectives
                .iter()
                .zip(&ranges)
                .map(|(o, &(lo, hi))| {
                    let v = value(p, &o.name);
                    if !v.is_finite() {
                        1.0
                    } else if hi > lo {
                        let t = (v - lo) / (hi - lo);
                        if o.sense.eq_ignore_ascii_case("max") {
                            1.0 - t
                        } else {
                            t
                        }
                    } else {
                        0.0
                    }
                })
                .collect()
        })
        .collect()
}

fn value(p: &Proposal, name: &str) -> f64 {
    p.objectives.get(name).copied().unwrap_or(f64::NAN)
}

/// Sort key of a candidate: distance, sum of scaled objectives, front index.
fn key(coords: &[f64], index: usize) -> (f64, f64, usize) {
    (
        coords.iter().copied().fold(0.0, f64::max),
        coords.iter().sum(),
        index,
    )
}

fn by_key(a: &(f64, f64, usize), b: &(f64, f64, usize)) -> Ordering {
    a.0.total_cmp(&b.0)
        .then(a.1.total_cmp(&b.1))
        .then(a.2.cmp(&b.2))
}

/// Index of the proposal with the best access value (ties: distance, sum, front order).
pub fn best_access(set: &ProposalSet) -> Option<usize> {
    let coords = scaled(set);
    let name = access_objective(set);
    let maximise = set
        .all_objectives
        .iter()
        .chain(&set.objectives)
        .find(|o| o.name == name)
        .is_some_and(|o| o.sense.eq_ignore_ascii_case("max"));
    (0..set.proposals.len())
        .filter(|&i| value(&set.proposals[i], name).is_finite())
        .min_by(|&a, &b| {
            let (va, vb) = (
                value(&set.proposals[a], name),
                value(&set.proposals[b], name),
            );
            let by_value = if maximise {
                vb.total_cmp(&va)
            } else {
                va.total_cmp(&vb)
            };
            by_value.then(by_key(&key(&coords[a], a), &key(&coords[b], b)))
        })
}

/// The access objective of the best-access rule: ÖPNV access (`pt_access`) for a front that
/// has it but not car access, else car access (`access`, always evaluated).
pub fn access_objective(set: &ProposalSet) -> &'static str {
    let on_front = |name: &str| set.objectives.iter().any(|o| o.name == name);
    if on_front("pt_access") && !on_front("access") {
        "pt_access"
    } else {
        "access"
    }
}

/// The representatives of `set` by the rule of the module doc.
///
/// ```
/// # let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/proposals_sample.json")).unwrap();
/// # let set: impuls::pareto::proposal::ProposalSet = serde_json::from_str(&text).unwrap();
/// use impuls::pareto::representative::{select, MAX_REPRESENTATIVES};
/// let picks = select(&set);
/// assert!(!picks.is_empty() && picks.len() <= MAX_REPRESENTATIVES);
/// assert!(picks.iter().any(|p| p.rules.contains(&"best_access".to_string())));
/// assert_eq!(select(&set), picks, "deterministic");
/// ```
pub fn select(set: &ProposalSet) -> Vec<Pick> {
    let coords = scaled(set);
    let moved: Vec<usize> = set.proposals.iter().map(|p| relocations(set, p)).collect();
    let best_among = |filter: &dyn Fn(usize) -> bool| -> Option<usize> {
        (0..set.proposals.len())
            .filter(|&i| filter(i))
            .map(|i| key(&coords[i], i))
            .min_by(by_key)
            .map(|k| k.2)
    };
    let mut rules: Vec<(usize, String)> = Vec::new();
    if let Some(i) = best_access(set) {
        let rule = match access_objective(set) {
            "pt_access" => "best_pt_access",
            _ => "best_access",
        };
        rules.push((i, rule.into()));
    }
    for k in RELOCATION_COUNTS {
        if let Some(i) = best_among(&|i| moved[i] == k) {
            rules.push((i, format!("compromise_relocations_{k}")));
        }
    }
    if let Some(i) = best_among(&|_| true) {
        rules.push((i, "compromise".into()));
    }
    let mut picks: Vec<Pick> = Vec::new();
    for (index, rule) in rules {
        match picks.iter_mut().find(|p| p.index == index) {
            Some(p) => p.rules.push(rule),
            None => picks.push(Pick {
                index,
                rules: vec![rule],
                relocations: moved[index],
                distance: key(&coords[index], index).0,
            }),
        }
    }
    picks.sort_by_key(|p| (p.relocations, p.index));
    picks
}

/// German label of one rule.
pub fn rule_label(rule: &str) -> String {
    match rule {
        "best_access" => "beste Erreichbarkeit".into(),
        "best_pt_access" => "beste ÖPNV-Erreichbarkeit".into(),
        "compromise" => "Gesamtkompromiss".into(),
        _ => match rule
            .strip_prefix("compromise_relocations_")
            .and_then(|k| k.parse::<usize>().ok())
        {
            Some(0) => "Kompromiss ohne Verlagerung".into(),
            Some(1) => "Kompromiss mit 1 Verlagerung".into(),
            Some(k) => format!("Kompromiss mit {k} Verlagerungen"),
            None => rule.into(),
        },
    }
}

/// Fills `set.representatives` (with explanations) and `set.robust_decisions`.
pub fn annotate(set: &mut ProposalSet) {
    set.robust_decisions = robust::decisions(set);
    let best = best_access(set);
    let representatives = select(set)
        .into_iter()
        .map(|pick| {
            let p = &set.proposals[pick.index];
            Representative {
                id: p.id.clone(),
                label: pick
                    .rules
                    .iter()
                    .map(|r| rule_label(r))
                    .collect::<Vec<_>>()
                    .join(" · "),
                explanation: explain::paragraph(
                    set,
                    p,
                    &pick.rules,
                    best.map(|b| &set.proposals[b]),
                ),
                rules: pick.rules,
                relocations: pick.relocations,
                distance: pick.distance,
            }
        })
        .collect();
    set.representatives = representatives;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pareto::proposal::{FunctionInfo, ObjectiveInfo};

    fn objective(name: &str, sense: &str) -> ObjectiveInfo {
        ObjectiveInfo {
            name: name.into(),
            label: name.into(),
            sense: sense.into(),
            unit: String::new(),
            readable_unit: String::new(),
        }
    }

    /// Six functions, all in town `a` today; a proposal with `r` relocations moves the first
    /// `r` of them to `b`.
    fn proposal(id: &str, values: &[(&str, f64)], r: usize) -> Proposal {
        Proposal {
            id: id.into(),
            objectives: values.iter().map(|&(k, v)| (k.to_string(), v)).collect(),
            allocation: (0..6)
                .map(|f| {
                    let town = if f < r { "b" } else { "a" };
                    (format!("f{f}"), vec![town.to_string()])
                })
                .collect(),
            towns: Vec::new(),
            place_minutes: Vec::new(),
            place_minutes_pt: None,
            place_pt_beyond_reach: None,
            verified: true,
            readable: Default::default(),
            scenario: None,
        }
    }

    fn front(objectives: Vec<ObjectiveInfo>, proposals: Vec<Proposal>) -> ProposalSet {
        ProposalSet {
            instance: "synthetic".into(),
            all_objectives: objectives.clone(),
            objectives,
            complete: true,
            stopped: false,
            note: String::new(),
            status_quo: proposal("status_quo", &[("access", 300.0), ("change", 0.0)], 0),
            proposals,
            places: Vec::new(),
            towns: Vec::new(),
            external: Vec::new(),
            functions: (0..6)
                .map(|f| FunctionInfo {
                    id: format!("f{f}"),
                    name: format!("F{f}"),
                    field: "x".into(),
                    importance: 1.0,
                    sites: 1,
                    threshold_pt_min: None,
                    interchangeable_with: Vec::new(),
                })
                .collect(),
            seconds: 0.0,
            solves: 0,
            scenario: None,
            what_if: Default::default(),
            representatives: Vec::new(),
            robust_decisions: Vec::new(),
            travel_times: None,
        }
    }

    /// (access, change, relocations) of a synthetic access–change front.
    const POINTS: [(f64, f64, usize); 9] = [
        (100.0, 90.0, 6),
        (110.0, 60.0, 5),
        (120.0, 50.0, 5),
        (130.0, 40.0, 3),
        (140.0, 30.0, 3),
        (150.0, 20.0, 2),
        (170.0, 10.0, 1),
        (200.0, 0.0, 0),
        (190.0, 5.0, 1),
    ];

    fn synthetic() -> ProposalSet {
        front(
            vec![objective("access", "min"), objective("change", "min")],
            POINTS
                .iter()
                .enumerate()
                .map(|(k, &(a, c, r))| {
                    proposal(&format!("P{}", k + 1), &[("access", a), ("change", c)], r)
                })
                .collect(),
        )
    }

    fn ids_and_rules(set: &ProposalSet, picks: &[Pick]) -> Vec<(String, Vec<String>)> {
        picks
            .iter()
            .map(|p| (set.proposals[p.index].id.clone(), p.rules.clone()))
            .collect()
    }

    #[test]
    fn picks_follow_the_documented_rule() {
        let set = synthetic();
        // scaled (access, change): P4 (.3, .44), P5 (.4, .33), P6 (.5, .22), P7 (.7, .11),
        // P9 (.9, .06), P2 (.1, .67), P3 (.2, .56); Chebyshev distances .44 .4 .5 .7 .9 .67 .56
        let picks = select(&set);
        let expected: Vec<(String, Vec<String>)> = [
            ("P8", vec!["compromise_relocations_0"]),
            ("P7", vec!["compromise_relocations_1"]),
            ("P6", vec!["compromise_relocations_2"]),
            ("P5", vec!["compromise_relocations_3", "compromise"]),
            ("P3", vec!["compromise_relocations_5"]),
            ("P1", vec!["best_access"]),
        ]
        .into_iter()
        .map(|(id, rules)| {
            (
                id.to_string(),
                rules.iter().map(|r| r.to_string()).collect(),
            )
        })
        .collect();
        assert_eq!(ids_and_rules(&set, &picks), expected);
        assert_eq!(
            picks.iter().map(|p| p.relocations).collect::<Vec<_>>(),
            vec![0, 1, 2, 3, 5, 6]
        );
        assert!((picks[3].distance - 0.4).abs() < 1e-12);
        assert_eq!(select(&set), picks, "same input, same picks");
    }

    #[test]
    fn ties_go_to_the_smaller_sum_then_the_earlier_proposal() {
        let mut set = synthetic();
        // P10 has P5's distance 0.4 but a larger sum; P11 equals P5 in everything
        set.proposals
            .push(proposal("P10", &[("access", 140.0), ("change", 36.0)], 3));
        set.proposals
            .push(proposal("P11", &[("access", 140.0), ("change", 30.0)], 3));
        let picks = select(&set);
        let p5 = picks
            .iter()
            .find(|p| p.rules.contains(&"compromise".to_string()))
            .unwrap();
        assert_eq!(set.proposals[p5.index].id, "P5");
        // moving P11 before P5 makes it the pick
        let p11 = set.proposals.pop().unwrap();
        set.proposals.insert(0, p11);
        let picks = select(&set);
        let first = picks
            .iter()
            .find(|p| p.rules.contains(&"compromise".to_string()))
            .unwrap();
        assert_eq!(set.proposals[first.index].id, "P11");
    }

    #[test]
    fn maximised_objectives_are_scaled_the_other_way() {
        let mut set = synthetic();
        // coverage instead of change: larger is better, so the point with the largest
        // coverage among those without relocations wins that group
        set.objectives[1] = objective("coverage", "max");
        for (p, v) in set
            .proposals
            .iter_mut()
            .zip([9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0])
        {
            p.objectives.insert("coverage".into(), v);
        }
        set.proposals.push(proposal(
            "P10",
            &[("access", 200.0), ("change", 0.0), ("coverage", 5.0)],
            0,
        ));
        let picks = select(&set);
        let none_moved = picks.iter().find(|p| p.relocations == 0).unwrap();
        assert_eq!(set.proposals[none_moved.index].id, "P10");
    }

    #[test]
    fn never_more_than_seven_and_every_rule_once() {
        // pseudo-random fronts of 1..60 points with 0..8 relocations
        let mut seed = 7u64;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        for n in 1..60 {
            let proposals: Vec<Proposal> = (0..n)
                .map(|k| {
                    proposal(
                        &format!("P{}", k + 1),
                        &[
                            ("access", (next() % 50) as f64),
                            ("change", (next() % 20) as f64),
                        ],
                        next() % 7,
                    )
                })
                .collect();
            let set = front(
                vec![objective("access", "min"), objective("change", "min")],
                proposals,
            );
            let picks = select(&set);
            assert!(
                !picks.is_empty() && picks.len() <= MAX_REPRESENTATIVES,
                "{n}"
            );
            let mut rules: Vec<&String> = picks.iter().flat_map(|p| &p.rules).collect();
            let before = rules.len();
            rules.sort();
            rules.dedup();
            assert_eq!(rules.len(), before, "each rule picks once");
            assert!(rules.iter().any(|r| *r == "best_access"));
            assert!(rules.iter().any(|r| *r == "compromise"));
            let mut indices: Vec<usize> = picks.iter().map(|p| p.index).collect();
            indices.dedup();
            assert_eq!(indices.len(), picks.len(), "each proposal once");
        }
    }

    #[test]
    fn relocations_count_status_quo_sites_given_up() {
        let set = synthetic();
        assert_eq!(relocations(&set, &set.proposals[0]), 6);
        assert_eq!(relocations(&set, &set.status_quo), 0);
        let mut p = set.proposals[7].clone();
        p.allocation
            .insert("f0".into(), vec!["a".to_string(), "b".to_string()]);
        assert_eq!(relocations(&set, &p), 0, "an added site is no relocation");
        p.allocation.insert("f1".into(), Vec::new());
        assert_eq!(relocations(&set, &p), 1);
    }
}
