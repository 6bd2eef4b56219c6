//! The section "Robuste Entscheidungen": per function, the share of the front's proposals that
//! place it in each town (a stacked bar and the percentages), and the placements every
//! proposal shares.

use super::colour::{self, Rgb};
use super::format::escape;
use super::view;
use crate::pareto::proposal::{ProposalSet, RobustDecision, Share};
use crate::pareto::robust::percentages;
use std::fmt::Write;

/// The section (empty without robust decisions).
pub fn section(set: &ProposalSet) -> String {
    if set.robust_decisions.is_empty() || set.proposals.is_empty() {
        return String::new();
    }
    let n = set.proposals.len();
    let mut s = format!(
        r#"<section class="card robust" id="robust"><h2>Robuste Entscheidungen</h2><p class="hint">Für jede Funktion: welcher Anteil der {n} Vorschläge der Front sie in welche Stadt legt (bei Funktionen mit mehreren Standorten: in welche Kombination). Ein hoher Anteil heißt, dass fast jede Abwägung zwischen den Zielen zum selben Standort führt; es ist ein Anteil an Punkten der Front, keine Wahrscheinlichkeit. „heute“ markiert den Status quo.</p>"#
    );
    s.push_str(&unanimous(set));
    if set
        .robust_decisions
        .iter()
        .any(|d| !d.interchangeable_with.is_empty())
    {
        s.push_str(r#"<p class="hint twins-hint">„austauschbar mit …“: Diese Funktionen können bei gleichen Zielwerten die Städte tauschen (gleiche Bedeutung, Größe, zulässige Städte und, soweit die Ziele sie lesen, gleicher Status quo). Von gleichwertigen Zuordnungen zeigt die Front jeweils eine; ihre Anteile sind daher zusammen zu lesen.</p>"#);
    }
    s.push_str(r#"<div class="table-wrap"><table class="robust-table" id="robust-table"><thead><tr><th class="rowhead">Funktion</th><th>heute</th><th>Anteil der Vorschläge</th></tr></thead><tbody>"#);
    let mut rows: Vec<(usize, &RobustDecision)> = set.robust_decisions.iter().enumerate().collect();
    // the most decided functions first, then catalogue order
    rows.sort_by(|a, b| {
        let top = |d: &RobustDecision| d.shares.first().map_or(0, |s| s.count);
        top(b.1).cmp(&top(a.1)).then(a.0.cmp(&b.0))
    });
    for (_, d) in rows {
        s.push_str(&row(set, d));
    }
    s.push_str("</tbody></table></div></section>");
    s
}

/// `In allen 538 Vorschlägen gleich: Kreisverwaltung in Halberstadt, …`.
fn unanimous(set: &ProposalSet) -> String {
    let same: Vec<String> = set
        .robust_decisions
        .iter()
        .filter(|d| d.unanimous)
        .filter_map(|d| {
            let share = d.shares.first()?;
            Some(format!(
                "{} in {}",
                escape(view::short_function_name(function_name(set, &d.function))),
                escape(&towns_label(set, share))
            ))
        })
        .collect();
    if same.is_empty() {
        return r#"<p class="unanimous">Keine Funktion liegt in allen Vorschlägen am selben Ort.</p>"#
            .into();
    }
    format!(
        r#"<p class="unanimous"><b>In allen {} Vorschlägen gleich:</b> {}.</p>"#,
        set.proposals.len(),
        same.join(" · ")
    )
}

fn function_name<'a>(set: &'a ProposalSet, id: &'a str) -> &'a str {
    set.functions
        .iter()
        .find(|f| f.id == id)
        .map_or(id, |f| f.name.as_str())
}

/// `Halberstadt`, `Quedlinburg + Wernigerode` or `außerhalb der Region`.
fn towns_label(set: &ProposalSet, share: &Share) -> String {
    if share.towns.is_empty() {
        return "außerhalb der Region".into();
    }
    share
        .towns
        .iter()
        .map(|t| view::town_name(set, t))
        .collect::<Vec<_>>()
        .join(" + ")
}

/// Colour of town `id` in the bars (by its position among the candidate towns).
fn town_colour(set: &ProposalSet, id: &str) -> Rgb {
    set.towns
        .iter()
        .position(|t| t.id == id)
        .map_or(colour::OUTSIDE, |k| colour::TOWNS[k % colour::TOWNS.len()])
}

/// CSS background of a bar segment: the town's colour, stripes for several towns.
fn segment_background(set: &ProposalSet, share: &Share) -> String {
    match share.towns.as_slice() {
        [] => colour::OUTSIDE.hex(),
        [one] => town_colour(set, one).hex(),
        many => {
            let stops: Vec<String> = many
                .iter()
                .enumerate()
                .map(|(k, t)| {
                    format!(
                        "{} {}px {}px",
                        town_colour(set, t).hex(),
                        k * 6,
                        (k + 1) * 6
                    )
                })
                .collect();
            format!("repeating-linear-gradient(135deg, {})", stops.join(", "))
        }
    }
}

/// One function: name, status quo, stacked bar and the percentages.
fn row(set: &ProposalSet, d: &RobustDecision) -> String {
    let fractions: Vec<f64> = d.shares.iter().map(|s| s.share).collect();
    let percent = percentages(&fractions);
    let today = Share {
        towns: d.status_quo.clone(),
        count: 0,
        share: 0.0,
    };
    let mut bar = String::from(r#"<div class="bar">"#);
    let mut labels = Vec::new();
    let n = set.proposals.len();
    for (share, &pc) in d.shares.iter().zip(&percent) {
        let label = towns_label(set, share);
        // whole percentages that sum to 100, but never a rounded 0 % or 100 % that is not one
        let shown = match pc {
            0 if share.count > 0 => "&lt;\u{a0}1".to_string(),
            100 if share.count < n => "&gt;\u{a0}99".to_string(),
            _ => pc.to_string(),
        };
        let counted = format!("{} von {n} Vorschlägen", share.count);
        let mark = if share.towns == d.status_quo {
            r#" <span class="today">heute</span>"#
        } else {
            ""
        };
        let _ = write!(
            bar,
            r#"<span class="seg" style="width:{:.3}%;background:{}" title="{}: {counted}"></span>"#,
            share.share * 100.0,
            segment_background(set, share),
            escape(&label)
        );
        labels.push(format!(
            r#"<span class="share" data-percent="{pc}" title="{counted}"><span class="key" style="background:{}"></span>{} <b>{shown}&nbsp;%</b>{mark}</span>"#,
            segment_background(set, share),
            escape(&label)
        ));
    }
    bar.push_str("</div>");
    let twins = if d.interchangeable_with.is_empty() {
        String::new()
    } else {
        let names: Vec<String> = d
            .interchangeable_with
            .iter()
            .map(|g| escape(view::short_function_name(function_name(set, g))))
            .collect();
        format!(
            r#"<div class="twins">austauschbar mit {}</div>"#,
            names.join(", ")
        )
    };
    format!(
        r#"<tr data-function="{}"><th class="rowhead">{}{twins}</th><td class="today-col">{}</td><td class="shares">{bar}<div class="share-labels">{}</div></td></tr>"#,
        escape(&d.function),
        escape(view::short_function_name(function_name(set, &d.function))),
        escape(&towns_label(set, &today)),
        labels.join(" ")
    )
}
