//! The report's tables: the side-by-side comparison with the status quo, the compact table
//! of all proposals, and the detail panel of each proposal next to the chart.

use super::format::{decimals_for, escape, number, percent_change};
use super::view::{self, Featured};
use super::{scenario, travel, units};
use crate::pareto::proposal::{FunctionInfo, ObjectiveInfo, Proposal, ProposalSet};
use std::collections::HashMap;
use std::fmt::Write;

/// Decimals per objective of `all_objectives`, fixed over status quo and all proposals (a
/// readable unit brings its own).
pub fn objective_decimals(set: &ProposalSet) -> Vec<usize> {
    set.all_objectives
        .iter()
        .map(|o| {
            units::decimals(o).unwrap_or_else(|| {
                decimals_for(view::everything(set).map(|p| view::value(p, &o.name)))
            })
        })
        .collect()
}

/// The raw objective values behind the readable ones shown: the original set, looked up by
/// proposal id.
pub struct Raw<'a> {
    set: &'a ProposalSet,
    by_id: HashMap<&'a str, &'a Proposal>,
}

impl<'a> Raw<'a> {
    /// The raw values of `set` (the set before [`units::for_display`]).
    pub fn new(set: &'a ProposalSet) -> Raw<'a> {
        Raw {
            set,
            by_id: view::everything(set).map(|p| (p.id.as_str(), p)).collect(),
        }
    }

    /// `669 384 487 gewichtete Personenminuten` under a readable value of `o` for proposal
    /// `id`, or nothing when `o` is shown in its raw unit.
    fn secondary(&self, o: &ObjectiveInfo, id: &str) -> String {
        if units::decimals(o).is_none() {
            return String::new();
        }
        let (Some(p), Some(info)) = (
            self.by_id.get(id),
            self.set.all_objectives.iter().find(|r| r.name == o.name),
        ) else {
            return String::new();
        };
        format!(
            r#"<span class="raw">{} {}</span>"#,
            number(view::value(p, &o.name), 0),
            escape(&info.unit)
        )
    }
}

/// `class="better"` / `class="worse"` compared with the status quo.
fn compare_class(o: &ObjectiveInfo, v: f64, sq: f64) -> &'static str {
    if view::better(o, v, sq) {
        "better"
    } else if view::better(o, sq, v) {
        "worse"
    } else {
        "same"
    }
}

/// The label of an objective; ÖPNV objectives marked as modelled, with the footnote.
fn objective_label(set: &ProposalSet, o: &ObjectiveInfo) -> String {
    let mark = if o.name.starts_with("pt_") {
        travel::pt_mark(set)
    } else {
        String::new()
    };
    format!("{}{mark}", escape(&o.label))
}

/// Header cell of an objective: label, unit and direction.
fn objective_header(set: &ProposalSet, o: &ObjectiveInfo) -> String {
    let arrow = if view::maximises(o) { "↑" } else { "↓" };
    format!(
        r#"<span class="obj-label">{}</span> <span class="unit">{} · {arrow} {}</span>"#,
        objective_label(set, o),
        escape(&o.unit),
        escape(&o.sense)
    )
}

/// The side-by-side table: status quo and the featured proposals; objective values (readable
/// ones with the raw sum below), the town(s) of every function grouped by field (changes
/// highlighted), size points per town.
pub fn comparison(set: &ProposalSet, raw: &Raw, featured: &[Featured]) -> String {
    let cols: Vec<&Proposal> = std::iter::once(&set.status_quo)
        .chain(featured.iter().map(|f| f.proposal))
        .collect();
    let mut s = String::from(
        r#"<div class="table-wrap"><table class="compare" id="compare"><thead><tr><th class="rowhead">Merkmal</th><th class="sq-col">Status quo<span class="why">heute</span></th>"#,
    );
    for f in featured {
        let _ = write!(
            s,
            r#"<th data-id="{id}">{id}<span class="why">{}</span></th>"#,
            escape(&f.reasons.join(", ")),
            id = escape(&f.proposal.id)
        );
    }
    s.push_str("</tr></thead><tbody>");
    s.push_str(&objective_rows(set, raw, &cols));
    s.push_str(&function_rows(set, &cols));
    s.push_str(&town_rows(set, &cols));
    s.push_str("</tbody></table></div>");
    s
}

/// A full-width group heading row.
fn group_row(title: &str, ncols: usize) -> String {
    format!(
        r##"<tr class="group"><th colspan="{}">{}</th></tr>"##,
        ncols + 1,
        escape(title)
    )
}

/// One row per evaluated objective, with the change against the status quo.
fn objective_rows(set: &ProposalSet, raw: &Raw, cols: &[&Proposal]) -> String {
    let decimals = objective_decimals(set);
    let mut s = group_row("Zielgrößen", cols.len());
    for (o, &d) in set.all_objectives.iter().zip(&decimals) {
        let sq = view::value(&set.status_quo, &o.name);
        let _ = write!(
            s,
            r##"<tr><th class="rowhead">{}</th>"##,
            objective_header(set, o)
        );
        for (k, p) in cols.iter().enumerate() {
            let v = view::value(p, &o.name);
            let secondary = raw.secondary(o, &p.id);
            if k == 0 {
                let _ = write!(
                    s,
                    r##"<td class="num sq-col">{}{secondary}</td>"##,
                    number(v, d)
                );
                continue;
            }
            let delta = percent_change(sq, v)
                .map(|p| format!(r##"<span class="delta">{p}</span>"##))
                .unwrap_or_default();
            let _ = write!(
                s,
                r##"<td class="num {}">{}{delta}{secondary}</td>"##,
                compare_class(o, v, sq),
                number(v, d)
            );
        }
        s.push_str("</tr>");
    }
    s
}

/// Functions in catalogue order, grouped by field (first appearance order).
fn functions_by_field(set: &ProposalSet) -> Vec<(&str, Vec<&FunctionInfo>)> {
    let mut groups: Vec<(&str, Vec<&FunctionInfo>)> = Vec::new();
    for f in &set.functions {
        match groups.iter_mut().find(|(field, _)| *field == f.field) {
            Some((_, fs)) => fs.push(f),
            None => groups.push((&f.field, vec![f])),
        }
    }
    groups
}

/// Small grey facts about a function: importance and number of sites.
fn function_meta(f: &FunctionInfo) -> String {
    let sites = if f.sites == 1 {
        "1 Standort".to_string()
    } else {
        format!("{} Standorte", f.sites)
    };
    format!(
        "Gewicht {} · {sites}",
        number(f.importance, decimals_for([f.importance]))
    )
}

/// The town(s) of `f` in `p` as a table cell's content.
fn location_cell(set: &ProposalSet, p: &Proposal, f: &str) -> String {
    match p.allocation.get(f) {
        None => "–".into(),
        Some(ts) => match view::location_text(set, ts) {
            Some(t) => escape(&t),
            None => r##"<span class="external">außerhalb (nächstes Oberzentrum)</span>"##.into(),
        },
    }
}

/// One row per function, grouped by field; cells that differ from the status quo are marked.
fn function_rows(set: &ProposalSet, cols: &[&Proposal]) -> String {
    let mut s = String::new();
    for (field, functions) in functions_by_field(set) {
        s.push_str(&group_row(&view::field_label(field), cols.len()));
        for f in functions {
            let _ = write!(
                s,
                r#"<tr><th class="rowhead">{}<span class="meta">{}</span></th>"#,
                escape(&f.name),
                escape(&function_meta(f))
            );
            for (k, p) in cols.iter().enumerate() {
                let class = if k == 0 {
                    "sq-col"
                } else if view::differs(set, p, &f.id) {
                    "diff"
                } else {
                    ""
                };
                let _ = write!(
                    s,
                    r##"<td class="{class}">{}</td>"##,
                    location_cell(set, p, &f.id)
                );
            }
            s.push_str("</tr>");
        }
    }
    s
}

/// Size points (and capacity) per town.
fn town_rows(set: &ProposalSet, cols: &[&Proposal]) -> String {
    let mut s = group_row(
        "Städte: Größenpunkte / Kapazität (Anzahl Funktionen)",
        cols.len(),
    );
    for t in &set.towns {
        let _ = write!(s, r##"<tr><th class="rowhead">{}</th>"##, escape(&t.name));
        let sq_points = points_of(&set.status_quo, &t.id);
        for (k, p) in cols.iter().enumerate() {
            let class = match k {
                0 => "num sq-col",
                _ if points_of(p, &t.id) != sq_points => "num diff",
                _ => "num",
            };
            let _ = write!(
                s,
                r##"<td class="{class}">{}</td>"##,
                escape(&town_points_text(set, p, &t.id))
            );
        }
        s.push_str("</tr>");
    }
    s
}

/// Size points of `town` in `p` (None if `p` has no summary for it).
fn points_of(p: &Proposal, town: &str) -> Option<f64> {
    p.towns
        .iter()
        .find(|s| s.town == town)
        .map(|s| s.size_points)
}

/// `34 / 74 (5)`: size points, capacity, number of functions.
fn town_points_text(set: &ProposalSet, p: &Proposal, town: &str) -> String {
    let count = super::view::function_count(set, p, town);
    match p.towns.iter().find(|s| s.town == town) {
        None => format!("– ({count})"),
        Some(s) => match s.capacity {
            Some(c) => format!("{} / {} ({count})", number(s.size_points, 0), number(c, 0)),
            None => format!("{} ({count})", number(s.size_points, 0)),
        },
    }
}

/// Compact table of every proposal's objective values (best value per column in bold), its
/// class under the scenario (with `--scenario`), changed functions and the verification flag;
/// rows select the proposal on click.
pub fn all_proposals(set: &ProposalSet, featured: &[Featured]) -> String {
    let decimals = objective_decimals(set);
    let mut s = String::from(
        r#"<div class="table-wrap"><table class="all" id="all-proposals"><thead><tr><th>Vorschlag</th>"#,
    );
    for o in &set.all_objectives {
        let _ = write!(s, "<th>{}</th>", objective_header(set, o));
    }
    if let Some(sc) = &set.scenario {
        let _ = write!(
            s,
            r#"<th><span class="obj-label">{}</span> <span class="unit">Einordnung</span></th>"#,
            escape(&sc.name)
        );
    }
    s.push_str(r#"<th><span class="obj-label">Verlagerte Funktionen</span> <span class="unit">Anzahl ggü. heute</span></th><th><span class="obj-label">Geprüft</span> <span class="unit">nachgerechnet</span></th></tr></thead><tbody>"#);
    let best: Vec<Option<f64>> = set
        .all_objectives
        .iter()
        .map(|o| best_value(set, o))
        .collect();
    for p in view::everything(set) {
        s.push_str(&all_row(set, p, &decimals, &best, featured));
    }
    s.push_str("</tbody></table></div>");
    s
}

/// Best value of `o` over the proposals; `None` when all proposals are equal in `o`.
fn best_value(set: &ProposalSet, o: &ObjectiveInfo) -> Option<f64> {
    let values: Vec<f64> = set
        .proposals
        .iter()
        .map(|p| view::value(p, &o.name))
        .filter(|v| !v.is_nan())
        .collect();
    let best = values
        .iter()
        .copied()
        .reduce(|a, b| if view::better(o, b, a) { b } else { a })?;
    values.iter().any(|&v| v != best).then_some(best)
}

/// One row of the full table.
fn all_row(
    set: &ProposalSet,
    p: &Proposal,
    decimals: &[usize],
    best: &[Option<f64>],
    featured: &[Featured],
) -> String {
    let is_sq = p.id == view::STATUS_QUO_ID;
    let star = if featured.iter().any(|f| f.proposal.id == p.id) {
        r##" <span class="star" title="in der Gegenüberstellung">★</span>"##
    } else {
        ""
    };
    let mut s = format!(
        r#"<tr data-id="{id}" class="{cls}"><th>{label}{star}</th>"#,
        id = escape(&p.id),
        cls = if is_sq { "sq-row" } else { "" },
        label = escape(view::label(p))
    );
    for ((o, &d), b) in set.all_objectives.iter().zip(decimals).zip(best) {
        let v = view::value(p, &o.name);
        let strong = !is_sq && b.is_some_and(|b| b == v);
        let _ = write!(
            s,
            r##"<td class="num{}">{}</td>"##,
            if strong { " best" } else { "" },
            number(v, d)
        );
    }
    if set.scenario.is_some() {
        s.push_str(&scenario::cell(set, p));
    }
    let changed = if is_sq {
        "–".to_string()
    } else {
        view::changed_count(set, p).to_string()
    };
    let verified = if p.verified {
        r#"<span class="ok">✓</span>"#
    } else {
        r#"<span class="bad">✗</span>"#
    };
    let _ = write!(
        s,
        r#"<td class="num">{changed}</td><td class="center">{verified}</td></tr>"#
    );
    s
}

/// The detail panel of every proposal (only `selected` visible): objective values against the
/// status quo and the relocations; the heading says why a featured proposal was chosen.
pub fn detail_panels(
    set: &ProposalSet,
    raw: &Raw,
    selected: &Proposal,
    featured: &[Featured],
) -> String {
    let decimals = objective_decimals(set);
    view::everything(set)
        .map(|p| {
            let reasons = featured
                .iter()
                .find(|f| f.proposal.id == p.id)
                .map(|f| f.reasons.join(", "))
                .unwrap_or_default();
            detail_panel(set, raw, p, p.id == selected.id, &decimals, &reasons)
        })
        .collect()
}

/// One detail panel.
fn detail_panel(
    set: &ProposalSet,
    raw: &Raw,
    p: &Proposal,
    visible: bool,
    decimals: &[usize],
    reasons: &str,
) -> String {
    let is_sq = p.id == view::STATUS_QUO_ID;
    let title = if is_sq {
        "Status quo – heutige Verteilung".to_string()
    } else {
        format!("Vorschlag {}", p.id)
    };
    let why = if reasons.is_empty() {
        String::new()
    } else {
        format!(r#" <span class="unit">({})</span>"#, escape(reasons))
    };
    let mut s = format!(
        r#"<div class="detail" data-id="{}"{}><h3>{}{why}</h3><table class="mini"><tbody>"#,
        escape(&p.id),
        if visible { "" } else { " hidden" },
        escape(&title)
    );
    for (o, &d) in set.all_objectives.iter().zip(decimals) {
        let (v, sq) = (
            view::value(p, &o.name),
            view::value(&set.status_quo, &o.name),
        );
        let delta = if is_sq {
            String::new()
        } else {
            percent_change(sq, v).unwrap_or_default()
        };
        let cls = if is_sq {
            "same"
        } else {
            compare_class(o, v, sq)
        };
        let _ = write!(
            s,
            r#"<tr><th>{}</th><td class="num {cls}">{} <span class="unit">{}</span>{}</td><td class="num delta">{delta}</td></tr>"#,
            objective_label(set, o),
            number(v, d),
            escape(&o.unit),
            raw.secondary(o, &p.id)
        );
    }
    s.push_str("</tbody></table></div>");
    s
}

/// Per proposal (only `selected` visible): its relocations and the functions of each town.
pub fn proposal_panels(set: &ProposalSet, selected: &Proposal) -> String {
    view::everything(set)
        .map(|p| {
            let moves = if p.id == view::STATUS_QUO_ID {
                r#"<h4>Status quo</h4><p class="muted">Die heutige Verteilung der Funktionen; Funktionen ohne Standort in der Region werden vom nächsten Oberzentrum außerhalb versorgt.</p>"#.to_string()
            } else {
                relocations(set, p)
            };
            format!(
                r#"<div class="detail proposal-panel" data-id="{}"{}><div class="moves-col">{moves}</div><div class="towns-col">{}</div></div>"#,
                escape(&p.id),
                if p.id == selected.id { "" } else { " hidden" },
                town_lists(set, p)
            )
        })
        .collect()
}

/// "Finanzamt: Quedlinburg → Halberstadt" for every changed function.
fn relocations(set: &ProposalSet, p: &Proposal) -> String {
    let changed: Vec<&FunctionInfo> = set
        .functions
        .iter()
        .filter(|f| view::differs(set, p, &f.id))
        .collect();
    if changed.is_empty() {
        return format!(
            r#"<h4>Veränderungen gegenüber heute – {}</h4><p class="muted">Keine Veränderung gegenüber dem Status quo.</p>"#,
            escape(&p.id)
        );
    }
    let mut s = format!(
        r#"<h4>Veränderungen gegenüber heute – {id} ({})</h4><table class="moves"><thead><tr><th>Funktion</th><th>heute</th><th>{id}</th></tr></thead><tbody>"#,
        changed.len(),
        id = escape(&p.id)
    );
    for f in changed {
        let _ = write!(
            s,
            r#"<tr><td>{}</td><td class="from">{}</td><td class="to">{}</td></tr>"#,
            escape(&f.name),
            escape(&where_text(set, &set.status_quo, &f.id)),
            escape(&where_text(set, p, &f.id))
        );
    }
    s.push_str("</tbody></table>");
    s
}

/// Town names of function `f` in `p`, or "außerhalb".
fn where_text(set: &ProposalSet, p: &Proposal, f: &str) -> String {
    p.allocation
        .get(f)
        .and_then(|ts| view::location_text(set, ts))
        .unwrap_or_else(|| "außerhalb".into())
}

/// Whether `town` carries at least one function in `p`.
fn carries_any(p: &Proposal, town: &str) -> bool {
    p.allocation.values().any(|ts| ts.iter().any(|t| t == town))
}

/// Per town: the functions it carries in `p`.
fn town_lists(set: &ProposalSet, p: &Proposal) -> String {
    let mut s = format!(
        r#"<h4>Funktionen je Stadt – {}</h4><dl class="towns">"#,
        escape(view::label(p))
    );
    for t in set
        .towns
        .iter()
        .filter(|t| t.partner || carries_any(p, &t.id))
    {
        let names: Vec<&str> = set
            .functions
            .iter()
            .filter(|f| p.allocation.get(&f.id).is_some_and(|ts| ts.contains(&t.id)))
            .map(|f| f.name.as_str())
            .collect();
        let _ = write!(
            s,
            r#"<div><dt>{} <span class="unit">{}</span></dt><dd>{}</dd></div>"#,
            escape(&t.name),
            escape(&town_points_text(set, p, &t.id)),
            if names.is_empty() {
                "–".to_string()
            } else {
                names
                    .iter()
                    .map(|n| format!("<span>{}</span>", escape(n)))
                    .collect::<Vec<_>>()
                    .join("")
            }
        );
    }
    s.push_str("</dl>");
    s
}
