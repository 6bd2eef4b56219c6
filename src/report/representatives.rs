//! The section "Repräsentative Vorschläge": the handful of proposals picked by the rule of
//! `pareto::representative`, each with its key figures, its German explanation and a button
//! that shows it on the map and in the chart.

use super::format::{escape, number, percent_change};
use super::{scenario, travel, units, view};
use crate::pareto::proposal::{ObjectiveInfo, ProposalSet, Representative};
use std::fmt::Write;

/// How the representatives were chosen, in German.
const RULE_TEXT: &str = "Nach einer festen, reproduzierbaren Regel aus der Front ausgewählt: der Vorschlag mit der besten Erreichbarkeit, je der beste Kompromiss unter den Vorschlägen mit genau 0, 1, 2, 3 und 5 Verlagerungen heutiger Standorte und der beste Kompromiss der ganzen Front. Kompromiss heißt: im ungünstigsten Ziel am nächsten am besten Wert der Front (jedes Ziel der Front von 0 = bester bis 1 = schlechtester Wert skaliert). Eine Verlagerung ist ein heutiger Standort einer Funktion, der aufgegeben wird; neu angesiedelte Funktionen zählen nicht. Die Texte sind aus den Zahlen erzeugt.";

/// The section (empty when the set has no representatives).
///
/// `set` is the display set ([`units::for_display`]): access and coverage in readable units.
pub fn section(set: &ProposalSet) -> String {
    if set.representatives.is_empty() {
        return String::new();
    }
    let mut s = format!(
        r#"<section class="card reps" id="representatives"><h2>Repräsentative Vorschläge <span class="unit">{} von {} Vorschlägen</span></h2><p class="hint">{RULE_TEXT} Die vollständige Front steht weiter unten.</p><div class="rep-list">"#,
        set.representatives.len(),
        set.proposals.len()
    );
    for r in &set.representatives {
        s.push_str(&card(set, r));
    }
    s.push_str("</div></section>");
    s
}

/// The objectives of a card: the front's, then the ÖPNV ones (next to car) when the set has
/// them and the front does not already show them.
fn card_objectives(set: &ProposalSet) -> Vec<&ObjectiveInfo> {
    let pt = set
        .all_objectives
        .iter()
        .filter(|o| o.name.starts_with("pt_") && !set.objectives.iter().any(|c| c.name == o.name));
    set.objectives.iter().chain(pt).collect()
}

/// One representative: heading (with its class under the scenario), key figures, explanation,
/// show button.
fn card(set: &ProposalSet, r: &Representative) -> String {
    let badge = set
        .proposals
        .iter()
        .find(|p| p.id == r.id)
        .map(|p| scenario::badge(set, p))
        .unwrap_or_default();
    let mut s = format!(
        r#"<article class="rep" data-id="{id}"><div class="rep-side"><h3>{id} <span class="rule">{}</span></h3>{badge}<table class="mini"><tbody>"#,
        escape(&r.label),
        id = escape(&r.id)
    );
    let moves = match r.relocations {
        0 => "keine".to_string(),
        1 => "1 Standort".to_string(),
        k => format!("{k} Standorte"),
    };
    let _ = write!(
        s,
        "<tr><th>Verlagerungen</th><td class=\"num\">{moves}</td></tr>"
    );
    if let Some(p) = set.proposals.iter().find(|p| p.id == r.id) {
        for o in card_objectives(set) {
            let (v, sq) = (
                view::value(p, &o.name),
                view::value(&set.status_quo, &o.name),
            );
            let decimals = units::decimals(o).map_or_else(
                || {
                    super::format::decimals_for(
                        view::everything(set).map(|q| view::value(q, &o.name)),
                    )
                },
                |d| d.min(1),
            );
            let delta = percent_change(sq, v)
                .map(|d| format!(r#" <span class="delta">{d} ggü. heute</span>"#))
                .unwrap_or_default();
            let mark = if o.name.starts_with("pt_") {
                travel::pt_mark(set)
            } else {
                String::new()
            };
            let _ = write!(
                s,
                r#"<tr><th>{}{mark}</th><td class="num">{} <span class="unit">{}</span>{delta}</td></tr>"#,
                escape(&o.label),
                number(v, decimals),
                escape(&o.unit)
            );
        }
    }
    let _ = write!(
        s,
        r#"</tbody></table><button type="button" class="show" data-show="{id}">In Karte und Diagramm zeigen</button></div><p class="explanation">{}</p></article>"#,
        escape(&r.explanation),
        id = escape(&r.id)
    );
    s
}
