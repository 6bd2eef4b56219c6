//! The section on the population scenario (`--scenario 2035`): the scenario's population
//! against the base, both front sizes, how many proposals stay Pareto-optimal, come within
//! 1 % or fall outside, the representatives' classes with their values under both
//! populations, and the proposals only the scenario population makes Pareto-optimal. Also the
//! class badges of the representative cards and the all-proposals table.
//!
//! `set` is the display set (`units::for_display`): readable values where the engine has them.

use super::format::{decimals_for, escape, number, percent_change};
use super::{units, view};
use crate::pareto::proposal::{ObjectiveInfo, Proposal, ProposalSet, ScenarioSummary};
use crate::pareto::representative::relocations;
use crate::pareto::scenario::{class_label, title, under};
use std::fmt::Write;

/// CSS class of a scenario class.
fn css(class: &str) -> &'static str {
    match class {
        "optimal" => "sc-optimal",
        "within_1pct" => "sc-within",
        "outside" => "sc-outside",
        _ => "sc-none",
    }
}

/// What a class means, for tooltips.
fn meaning(s: &ScenarioSummary, class: &str) -> String {
    let under = under(&s.name);
    match class {
        "optimal" => format!("{under} weiterhin Pareto-optimal"),
        "within_1pct" => format!("{under} nicht mehr Pareto-optimal, aber höchstens 1 % der Spannweite der neuen Front schlechter als einer ihrer Vorschläge, in jedem Ziel"),
        "outside" => format!("{under} mehr als 1 % der Spannweite der neuen Front hinter jedem ihrer Vorschläge, in mindestens einem Ziel"),
        _ => "nicht eingeordnet".into(),
    }
}

/// The header's line on the scenario: `Bevölkerung 2035: 463 von 531 Vorschlägen bleiben
/// Pareto-optimal, 58 innerhalb 1 %, 10 außerhalb` with a link to the section (empty without).
pub fn header_line(set: &ProposalSet) -> String {
    let Some(s) = &set.scenario else {
        return String::new();
    };
    format!(
        r##"<p class="scenario-line"><b>{}:</b> {} von {} Vorschlägen bleiben Pareto-optimal, {} liegen innerhalb 1 %, {} außerhalb; {} Vorschläge sind nur {} Pareto-optimal. <a href="#scenario">Zum Abschnitt</a></p>"##,
        escape(&title(&s.name)),
        s.stays_optimal,
        set.proposals.len(),
        s.within_1pct,
        s.outside,
        s.new_proposals.len(),
        escape(&under(&s.name))
    )
}

/// The class badge of a representative card: `2035: Pareto-optimal` (empty without scenario).
pub fn badge(set: &ProposalSet, p: &Proposal) -> String {
    let (Some(s), Some(e)) = (&set.scenario, &p.scenario) else {
        return String::new();
    };
    let gap = if e.class == "outside" {
        format!(" (Abstand {}\u{a0}%)", number(e.gap_pct, 1))
    } else {
        String::new()
    };
    format!(
        r#"<span class="sc-badge {}" data-class="{}" title="{}">{}: {}{gap}</span>"#,
        css(&e.class),
        escape(&e.class),
        escape(&meaning(s, &e.class)),
        escape(&s.name),
        class_label(&e.class)
    )
}

/// The cell of the all-proposals table's scenario column.
pub fn cell(set: &ProposalSet, p: &Proposal) -> String {
    let (Some(s), Some(e)) = (&set.scenario, &p.scenario) else {
        return r#"<td class="center">–</td>"#.into();
    };
    let short = match e.class.as_str() {
        "optimal" => "optimal",
        "within_1pct" => "≤ 1\u{a0}%",
        "outside" => "außerhalb",
        _ => "–",
    };
    format!(
        r#"<td class="center"><span class="sc-badge small {}" data-class="{}" title="{}">{short}</span></td>"#,
        css(&e.class),
        escape(&e.class),
        escape(&format!(
            "{} (Abstand {} %)",
            meaning(s, &e.class),
            number(e.gap_pct, 1)
        ))
    )
}

/// Value of `o` for `p` under the scenario: the readable one where the display set shows
/// readable values, else the natural one.
fn scenario_value(p: &Proposal, o: &ObjectiveInfo) -> f64 {
    let Some(e) = &p.scenario else {
        return f64::NAN;
    };
    let readable = units::decimals(o).and_then(|_| e.readable.get(&o.name).map(|r| r.value));
    readable
        .or_else(|| e.objectives.get(&o.name).copied())
        .unwrap_or(f64::NAN)
}

/// Decimals of each chosen objective over the base and scenario values.
fn decimals(set: &ProposalSet) -> Vec<usize> {
    set.objectives
        .iter()
        .map(|o| {
            units::decimals(o).unwrap_or_else(|| {
                decimals_for(
                    view::everything(set)
                        .flat_map(|p| [view::value(p, &o.name), scenario_value(p, o)]),
                )
            })
        })
        .collect()
}

/// The section (empty without a scenario).
pub fn section(set: &ProposalSet) -> String {
    let Some(s) = &set.scenario else {
        return String::new();
    };
    let name = escape(&s.name);
    let mut out = format!(
        r#"<section class="card scenario" id="scenario"><h2>{}: Welche Vorschläge bleiben gut?</h2><p class="hint">Die Front wurde ein zweites Mal berechnet, {} (Spalte population_{name} der Gemeindetabelle): gleiche Städte, Funktionen, Kapazitäten und Vorgaben, nur die Einwohnerzahlen der Orte ändern sich. Jeder Vorschlag wird mit dieser Bevölkerung neu bewertet und mit der neuen Front verglichen.</p>"#,
        escape(&title(&s.name)),
        escape(&under(&s.name))
    );
    out.push_str(&facts(set, s));
    out.push_str(&representatives(set, s));
    out.push_str(&new_proposals(set, s));
    let _ = write!(
        out,
        r#"<p class="hint"><b>Einordnung:</b> „Pareto-optimal“ heißt, kein Vorschlag der neuen Front ist in allen Zielen mindestens gleich gut und in einem besser. „Innerhalb 1 %“ heißt, ein Vorschlag der neuen Front ist besser, aber in keinem Ziel um mehr als 1 % der Spannweite dieses Ziels über die neue Front (Abstand in %). „Außerhalb“ heißt, jeder Vorschlag der neuen Front, der ihn übertrifft, ist in mindestens einem Ziel um mehr als 1 % besser. Rechenaufwand der neuen Front: {} s, {} lexikografische Optimierungen.</p></section>"#,
        number(s.seconds, 1),
        number(s.solves as f64, 0)
    );
    out
}

/// Population, front sizes and the class counts as a bar.
fn facts(set: &ProposalSet, s: &ScenarioSummary) -> String {
    let change = percent_change(s.base_population, s.population)
        .map(|d| format!(" ({d})"))
        .unwrap_or_default();
    let completeness = if s.complete {
        "vollständig"
    } else {
        "unvollständig: die Einordnung gilt gegenüber den gefundenen Punkten"
    };
    let mut out = format!(
        r#"<dl class="sc-facts"><div><dt>Einwohner</dt><dd><b>{}</b> {} · heute {}{change}</dd></div><div><dt>Pareto-optimale Vorschläge</dt><dd><b>{}</b> heute · <b>{}</b> {} ({completeness})</dd></div></dl>"#,
        number(s.population, 0),
        escape(&s.name),
        number(s.base_population, 0),
        number(set.proposals.len() as f64, 0),
        number(s.front_size as f64, 0),
        escape(&s.name)
    );
    let counts = [
        ("optimal", s.stays_optimal, "bleiben Pareto-optimal"),
        ("within_1pct", s.within_1pct, "innerhalb 1 %"),
        ("outside", s.outside, "außerhalb 1 %"),
    ];
    let total: usize = counts.iter().map(|c| c.1).sum();
    out.push_str(r#"<div class="bar sc-bar" role="img" aria-label="Einordnung der Vorschläge">"#);
    for (class, n, _) in counts.iter().filter(|c| c.1 > 0) {
        let _ = write!(
            out,
            r#"<span class="seg {}" style="width:{:.3}%"></span>"#,
            css(class),
            100.0 * *n as f64 / total.max(1) as f64
        );
    }
    out.push_str(r#"</div><p class="sc-counts">"#);
    for (class, n, text) in counts {
        let _ = write!(
            out,
            r#"<span class="sc-badge {}" data-class="{class}" data-count="{n}"><b>{n}</b> {text}</span> "#,
            css(class)
        );
    }
    let _ = write!(
        out,
        "von {} Vorschlägen {}.</p>",
        number(set.proposals.len() as f64, 0),
        escape(&under(&s.name))
    );
    out
}

/// The status quo and every representative: class, gap and the chosen objectives today → in
/// the scenario.
fn representatives(set: &ProposalSet, s: &ScenarioSummary) -> String {
    if set.representatives.is_empty() {
        return String::new();
    }
    let decimals = decimals(set);
    let mut out = format!(
        r#"<h3>Die repräsentativen Vorschläge {}</h3><div class="table-wrap"><table class="sc-reps" id="scenario-representatives"><thead><tr><th>Vorschlag</th><th>{}</th>"#,
        escape(&under(&s.name)),
        escape(&s.name)
    );
    for o in &set.objectives {
        let _ = write!(
            out,
            r#"<th class="num">{} <span class="unit">{} · heute → {}</span></th>"#,
            escape(&o.label),
            escape(&o.unit),
            escape(&s.name)
        );
    }
    out.push_str("</tr></thead><tbody>");
    let row = |out: &mut String, p: &Proposal, head: String, class: String| {
        let _ = write!(
            out,
            r#"<tr data-id="{}"><th>{head}</th><td>{class}</td>"#,
            escape(&p.id)
        );
        for (o, &d) in set.objectives.iter().zip(&decimals) {
            let _ = write!(
                out,
                r#"<td class="num">{} → <b>{}</b></td>"#,
                number(view::value(p, &o.name), d),
                number(scenario_value(p, o), d)
            );
        }
        out.push_str("</tr>");
    };
    let mut sq = set.status_quo.clone();
    sq.scenario = Some(crate::pareto::proposal::ScenarioEvaluation {
        objectives: s.status_quo.objectives.clone(),
        readable: s.status_quo.readable.clone(),
        class: String::new(),
        gap_pct: 0.0,
    });
    row(
        &mut out,
        &sq,
        "Status quo".into(),
        r#"<span class="muted">heutige Verteilung</span>"#.into(),
    );
    for r in &set.representatives {
        let Some(p) = set.proposals.iter().find(|p| p.id == r.id) else {
            continue;
        };
        row(
            &mut out,
            p,
            format!(
                r#"{} <span class="unit">{}</span>"#,
                escape(&p.id),
                escape(&r.label)
            ),
            badge(set, p),
        );
    }
    out.push_str("</tbody></table></div>");
    out
}

/// The scenario-front proposals that are not Pareto-optimal today, in a collapsed table.
fn new_proposals(set: &ProposalSet, s: &ScenarioSummary) -> String {
    let n = s.new_proposals.len();
    if n == 0 {
        return format!(
            r#"<h3>Neue Vorschläge</h3><p class="muted">Jeder Vorschlag der Front {} ist auch mit der heutigen Bevölkerung Pareto-optimal.</p>"#,
            escape(&s.name)
        );
    }
    let decimals: Vec<usize> = set
        .objectives
        .iter()
        .map(|o| {
            units::decimals(o).unwrap_or_else(|| {
                decimals_for(s.new_proposals.iter().map(|p| view::value(p, &o.name)))
            })
        })
        .collect();
    let mut out = format!(
        r#"<h3>Nur {} Pareto-optimal: {} Vorschläge</h3><p class="hint">Vorschläge der neuen Front ({} bis {}), die mit der heutigen Bevölkerung ein heutiger Vorschlag übertrifft: Antworten, die erst die künftige Bevölkerung nahelegt. Werte {}.</p><details class="sc-new"><summary>{n} Vorschläge anzeigen</summary><div class="table-wrap"><table class="sc-new-table" id="scenario-new"><thead><tr><th>Vorschlag</th>"#,
        escape(&under(&s.name)),
        n,
        escape(&s.new_proposals[0].id),
        escape(&s.new_proposals[n - 1].id),
        escape(&under(&s.name))
    );
    for o in &set.objectives {
        let _ = write!(
            out,
            r#"<th class="num">{} <span class="unit">{}</span></th>"#,
            escape(&o.label),
            escape(&o.unit)
        );
    }
    out.push_str(r#"<th class="num">Verlagerungen <span class="unit">heutige Standorte</span></th><th>verlagerte Funktionen</th></tr></thead><tbody>"#);
    for p in &s.new_proposals {
        let _ = write!(
            out,
            r#"<tr data-new="{id}"><th>{id}</th>"#,
            id = escape(&p.id)
        );
        for (o, &d) in set.objectives.iter().zip(&decimals) {
            let _ = write!(
                out,
                r#"<td class="num">{}</td>"#,
                number(view::value(p, &o.name), d)
            );
        }
        // the status-quo sites this proposal gives up (new functions are placed anyway)
        let moved: Vec<String> = set
            .functions
            .iter()
            .filter(|f| {
                let today = set.status_quo.allocation.get(&f.id);
                let now = p.allocation.get(&f.id);
                today.is_some_and(|t| t.iter().any(|town| !now.is_some_and(|n| n.contains(town))))
            })
            .map(|f| escape(view::short_function_name(&f.name)))
            .collect();
        let _ = write!(
            out,
            r#"<td class="num">{}</td><td class="small">{}</td></tr>"#,
            relocations(set, p),
            moved.join(", ")
        );
    }
    out.push_str("</tbody></table></div></details>");
    out
}
