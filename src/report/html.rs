//! The self-contained report page: header, map, Pareto chart, tables and footer in one HTML
//! file with inline CSS, SVG and a small script (no network access of any kind).
//!
//! The page works without JavaScript: the first proposal is rendered server-side, by car. The
//! script only switches the map colours (car or ÖPNV), town labels, chart ring and detail panel
//! when another proposal or mode is chosen, from data embedded as JSON
//! (`<script type="application/json" id="data">`).
//!
//! Access and coverage (and their ÖPNV counterparts) are shown in the engine's readable units
//! ([`units`]); the raw sums appear below them in the comparison and the detail panels.

use super::format::{escape, number};
use super::svg_map::{self, Ranges};
use super::tables::Raw;
use super::view::{self, Featured};
use super::{chart, decisions, representatives, scenario, tables, travel, units};
use crate::pareto::proposal::{Proposal, ProposalSet, WhatIf};
use serde::Serialize;
use std::fmt::Write;
use std::path::Path;

/// Renders `set` as the page `dir/report.html`: like [`render`], with the link to the
/// instance's calibration section relative to `dir`.
pub fn render_in(set: &ProposalSet, dir: &Path) -> String {
    render(&travel::relative_to(set, dir))
}

/// Renders `set` as one HTML page with no external resources.
///
/// The proposal shown first is `P1` (the status quo if there are no proposals).
pub fn render(set: &ProposalSet) -> String {
    let raw = Raw::new(set);
    let shown = units::for_display(set);
    let set = &shown;
    let selected = set.proposals.first().unwrap_or(&set.status_quo);
    let featured = view::featured(set);
    let ranges = Ranges::of(set);
    let mut page = String::with_capacity(64 * 1024);
    page.push_str(&head(set));
    page.push_str("<body>");
    page.push_str(&header(set));
    page.push_str("<main>");
    page.push_str(&overview(set, &raw, selected, &featured, ranges));
    page.push_str(&representatives::section(set));
    page.push_str(&scenario::section(set));
    page.push_str(&decisions::section(set));
    page.push_str(&proposal_section(set, selected));
    page.push_str(&comparison_section(set, &raw, &featured));
    page.push_str(&all_section(set, &featured));
    page.push_str(&footer(set));
    page.push_str("</main>");
    page.push_str(&data_script(set, selected, ranges));
    page.push_str(SCRIPT);
    page.push_str("</body></html>\n");
    page
}

/// Doctype, meta data, title and the inline style sheet.
fn head(set: &ProposalSet) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"de\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Funktionsteiliges Oberzentrum – Vorschläge ({})</title><style>{STYLE}</style></head>",
        escape(&set.instance)
    )
}

/// Title, instance, objectives of the front, counts, completeness and effort.
fn header(set: &ProposalSet) -> String {
    let objectives: Vec<String> = set
        .objectives
        .iter()
        .map(|o| {
            format!(
                "<b>{}</b> ({}, {})",
                escape(&o.label),
                escape(&o.sense),
                escape(&o.unit)
            )
        })
        .collect();
    let (status_class, status_text) = if set.complete {
        ("complete", "Front vollständig")
    } else {
        ("incomplete", "Front unvollständig")
    };
    let mut s = String::from(r#"<header class="page-head"><div class="head-inner">"#);
    let _ = write!(
        s,
        r#"<p class="kicker">Funktionsteiliges Oberzentrum · Standortvorschläge</p><h1>Aufgabenteilung der oberzentralen Funktionen</h1><p class="instance">Instanz <b>{}</b> · {} Städte · {} Funktionen · {} Orte</p>"#,
        escape(&set.instance),
        set.towns.len(),
        set.functions.len(),
        set.places.len()
    );
    let _ = write!(
        s,
        r#"<dl class="facts"><div><dt>Ziele der Front</dt><dd>{}</dd></div><div><dt>Vorschläge</dt><dd><b>{}</b> Pareto-optimale Vorschläge + Status quo</dd></div><div><dt>Vollständigkeit</dt><dd><span class="badge {status_class}">{status_text}</span> {}</dd></div><div><dt>Rechenaufwand</dt><dd>{} s · {} lexikografische Optimierungen (je 2–3 MIPs in HiGHS)</dd></div></dl>"#,
        objectives.join(" · "),
        set.proposals.len(),
        escape(&set.note),
        number(set.seconds, 1),
        number(set.solves as f64, 0)
    );
    s.push_str(&what_if_line(set));
    s.push_str(&scenario::header_line(set));
    s.push_str("</div></header>");
    s
}

/// `Vorgaben: Landgericht in Quedlinburg (gesetzt), Zentralklinikum nicht in Wernigerode
/// (ausgeschlossen)` for the `--lock`/`--forbid` of the run (empty without them).
fn what_if_line(set: &ProposalSet) -> String {
    let WhatIf { locks, forbids } = &set.what_if;
    if locks.is_empty() && forbids.is_empty() {
        return String::new();
    }
    let function = |id: &str| {
        set.functions
            .iter()
            .find(|f| f.id == id)
            .map_or(id.to_string(), |f| {
                view::short_function_name(&f.name).to_string()
            })
    };
    let items: Vec<String> = locks
        .iter()
        .map(|l| {
            format!(
                "{} in {} (gesetzt)",
                function(&l.function),
                view::town_name(set, &l.town)
            )
        })
        .chain(forbids.iter().map(|f| {
            format!(
                "{} nicht in {} (ausgeschlossen)",
                function(&f.function),
                view::town_name(set, &f.town)
            )
        }))
        .collect();
    format!(
        r#"<p class="what-if" id="what-if"><b>Vorgaben:</b> {}. Alle Vorschläge halten diese Vorgaben ein (zusätzlich zu den festen Standorten der Instanz).</p>"#,
        escape(&items.join(", "))
    )
}

/// Map with the proposal selector (and the Pkw/ÖPNV switch when the set has ÖPNV times), and
/// the Pareto chart with the detail panel.
fn overview(
    set: &ProposalSet,
    raw: &Raw,
    selected: &Proposal,
    featured: &[Featured],
    ranges: Ranges,
) -> String {
    let labelled: Vec<&str> = featured.iter().map(|f| f.proposal.id.as_str()).collect();
    let mut s = String::from(r#"<section class="overview">"#);
    let (switch, pt_hint) = match ranges.pt {
        None => (String::new(), String::new()),
        Some(_) => (
            r#"<div class="map-tools"><span class="tools-label">Verkehrsmittel</span><div class="mode-switch" id="mode-switch" role="radiogroup" aria-label="Verkehrsmittel der Karte"><label><input type="radio" name="mode" id="mode-car" value="car" checked>Pkw</label><label><input type="radio" name="mode" id="mode-pt" value="pt">ÖPNV</label></div></div>"#.to_string(),
            format!(
                r#"<span class="mode-text" data-mode="pt" hidden> Gestrichelter Ring: von dort ist mindestens eine Funktion mit dem ÖPNV nicht binnen {} erreichbar.</span>"#,
                escape(&units::pt_reach_text(set))
            ),
        ),
    };
    let mode_word = if ranges.pt.is_some() {
        r#"<span class="mode-text" data-mode="car">Pkw</span><span class="mode-text" data-mode="pt" hidden>ÖPNV</span>"#
    } else {
        "Pkw"
    };
    let _ = write!(
        s,
        r#"<div class="card map-card"><div class="card-head"><h2>Karte: Fahrzeit je Ort</h2>{}</div>{switch}<p class="hint">Kreisfläche ∝ Einwohnerzahl; Farbe = mittlere {mode_word}-Fahrzeit zu allen Funktionen, gewichtet nach ihrer Bedeutung (Funktionen, die heute fehlen, werden im Status quo vom nächsten Oberzentrum aus versorgt).{pt_hint}</p><div class="figure">{}</div></div>"#,
        selector(set, selected),
        svg_map::render(set, selected, ranges)
    );
    let _ = write!(
        s,
        r#"<div class="card chart-card"><h2>Pareto-Front</h2><p class="hint">Jeder Punkt ist ein Vorschlag; keiner lässt sich in einem Ziel verbessern, ohne in einem anderen schlechter zu werden. Beschriftet sind die repräsentativen Vorschläge. Klick auf einen Punkt wählt ihn aus.</p><div class="figure">{}</div><div class="details">{}</div></div>"#,
        chart::render(set, selected, &labelled),
        tables::detail_panels(set, raw, selected, featured)
    );
    s.push_str("</section>");
    s
}

/// The selected proposal in detail: relocations and the functions of each town.
fn proposal_section(set: &ProposalSet, selected: &Proposal) -> String {
    format!(
        r#"<section class="card"><h2>Vorschlag im Detail</h2><p class="hint">Was sich gegenüber heute ändert und welche Funktionen jede Stadt trägt (Größenpunkte / Kapazität, Anzahl Funktionen). Folgt der Auswahl oben.</p>{}</section>"#,
        tables::proposal_panels(set, selected)
    )
}

/// The `<select id="proposal-select">` with status quo and every proposal; representatives
/// carry a ★ and their rule.
fn selector(set: &ProposalSet, selected: &Proposal) -> String {
    let decimals = tables::objective_decimals(set);
    let mut s = String::from(
        r#"<label class="select"><span>Vorschlag</span><select id="proposal-select">"#,
    );
    for p in view::everything(set) {
        let sel = if p.id == selected.id { " selected" } else { "" };
        let _ = write!(
            s,
            r##"<option value="{}"{sel}>{}</option>"##,
            escape(&p.id),
            escape(&option_text(set, p, &decimals))
        );
    }
    s.push_str("</select></label>");
    s
}

/// `P1 – Erreichbarkeit 18,32 · Ausgewogenheit 47 ★ beste Erreichbarkeit`.
fn option_text(set: &ProposalSet, p: &Proposal, decimals: &[usize]) -> String {
    let values: Vec<String> = set
        .objectives
        .iter()
        .map(|o| {
            let d = set
                .all_objectives
                .iter()
                .position(|a| a.name == o.name)
                .map_or(1, |k| decimals[k]);
            format!("{} {}", o.label, number(view::value(p, &o.name), d))
        })
        .collect();
    let star = set
        .representatives
        .iter()
        .find(|r| r.id == p.id)
        .map(|r| format!(" ★ {}", r.label))
        .unwrap_or_default();
    format!("{} – {}{star}", view::label(p), values.join(" · "))
}

/// The side-by-side comparison.
fn comparison_section(set: &ProposalSet, raw: &Raw, featured: &[Featured]) -> String {
    let intro = if set.proposals.len() <= view::MAX_FEATURED {
        "Alle Vorschläge im Vergleich mit dem Status quo."
    } else if !set.representatives.is_empty() {
        "Die repräsentativen Vorschläge im Vergleich mit dem Status quo."
    } else {
        "Ausgewählte Vorschläge: jeweils der beste für jedes Ziel der Front und der Kompromiss (kleinster Abstand zum Idealpunkt, jedes Ziel auf 0–1 skaliert)."
    };
    format!(
        r#"<section class="card"><h2>Gegenüberstellung mit dem Status quo</h2><p class="hint">{intro} <span class="swatch diff"></span> Standort weicht vom Status quo ab · Zielwerte <span class="better">besser</span> / <span class="worse">schlechter</span> als heute, darunter die relative Änderung.</p>{}</section>"#,
        tables::comparison(set, raw, featured)
    )
}

/// The compact table of all proposals.
fn all_section(set: &ProposalSet, featured: &[Featured]) -> String {
    format!(
        r#"<section class="card"><h2>Alle Vorschläge</h2><p class="hint">Fett: bester Wert unter den Vorschlägen · ★ in der Gegenüberstellung · Klick auf eine Zeile zeigt den Vorschlag in Karte und Diagramm.</p>{}</section>"#,
        tables::all_proposals(set, featured)
    )
}

/// Explanations: Pareto optimality, the objectives, the status quo evaluation.
fn footer(set: &ProposalSet) -> String {
    let mut s = String::from(
        r#"<footer class="card explain"><h2>Erläuterungen</h2><p><b>Alle Vorschläge sind Pareto-optimal:</b> Kein anderer zulässiger Vorschlag ist in allen Zielen der Front mindestens gleich gut und in einem Ziel besser. Welcher Vorschlag der richtige ist, ist eine Abwägung zwischen den Zielen – diese Entscheidung trifft die Planung, nicht das Verfahren. Alle Zielwerte wurden aus der Verteilung der Funktionen unabhängig nachgerechnet („Geprüft“).</p><dl class="objectives">"#,
    );
    for o in &set.all_objectives {
        let _ = write!(
            s,
            "<dt>{}{} <span class=\"unit\">{}, {}</span></dt><dd>{}</dd>",
            escape(&o.label),
            if o.name.starts_with("pt_") {
                travel::pt_mark(set)
            } else {
                String::new()
            },
            escape(&o.unit),
            view::direction_text(o),
            escape(objective_explanation(&o.name))
        );
    }
    s.push_str(
        r#"</dl><p><b>Status quo:</b> die heutige Verteilung der Funktionen, bewertet mit denselben Zielgrößen. Funktionen, die es heute in der Region nicht gibt, werden so gezählt, als würden sie vom nächstgelegenen Oberzentrum außerhalb der Region (z. B. Magdeburg oder Halle (Saale)) aus versorgt.</p><p><b>Einheiten:</b> Die Erreichbarkeit steht als mittlere Fahrzeit je Einwohner (min): die Summe der gewichteten Personenminuten geteilt durch (Summe der Bedeutungen × Einwohner), also die nach Bedeutung gewichtete mittlere Fahrzeit aller Einwohner zum nächsten Standort jeder Funktion; ebenso mit dem ÖPNV. Die Versorgung im Schwellenwert steht als Anteil der Einwohner, die ÖPNV-Reichweite als Anteil der Einwohner außerhalb der ÖPNV-Schwelle, beide nach Bedeutung der Funktionen gemittelt. Die Rohsummen, mit denen das Verfahren rechnet, stehen klein darunter.</p>"#,
    );
    let _ = write!(
        s,
        "<p><b>Fahrzeiten:</b> {} Die Karte zeigt je Ort die nach Bedeutung gewichtete mittlere Fahrzeit zum nächsten Standort jeder Funktion.</p>",
        escape(&travel::car_text(set))
    );
    if set.status_quo.place_minutes_pt.is_some() {
        let _ = write!(
            s,
            "<p><b>ÖPNV:</b> Mit dem Schalter „ÖPNV“ zeigt die Karte dieselbe Größe mit den ÖPNV-Fahrzeiten der Instanz (eigene Farbskala) und markiert Orte, von denen aus mindestens eine Funktion mit dem ÖPNV nicht binnen {} erreichbar ist (ÖPNV-Schwellen der Funktionen nach RIN 2008).</p>",
            escape(&units::pt_reach_text(set))
        );
    }
    s.push_str(&travel::pt_footnote(set));
    s.push_str(
        r#"<p class="muted">Erstellt mit impuls (exakte Standort-Allokation mit HiGHS). Diese Seite ist vollständig eigenständig und lädt keine externen Inhalte.</p></footer>"#,
    );
    s
}

/// Plain-language meaning of an objective.
fn objective_explanation(name: &str) -> &'static str {
    match name {
        "access" => "Mittlere Fahrzeit der Einwohner zum nächsten Standort jeder Funktion, gewichtet nach der Bedeutung der Funktion. Rohsumme: Bedeutung × Einwohner × Fahrzeit über alle Funktionen und Orte (gewichtete Personenminuten). Misst die Gesamtbelastung durch Wege.",
        "coverage" => "Anteil der Einwohner, die eine Funktion innerhalb ihres Schwellenwerts erreichen (z. B. 30 Minuten für mittelzentrale, 60 Minuten für oberzentrale Funktionen), gemittelt über die Funktionen nach ihrer Bedeutung. Rohsumme: gewichtete Einwohner, summiert über die Funktionen.",
        "balance" => "Unterschied der Größenpunkte zwischen der am stärksten und der am schwächsten ausgestatteten Partnerstadt. Klein heißt: die Funktionen sind gleichmäßig verteilt.",
        "change" => "Summe der Umzugskosten aller Funktionen, die ihren heutigen Standort verlassen. Neue Funktionen kosten nichts.",
        "synergy" => "Punkte für Funktionen, die von einer gemeinsamen Lage profitieren (z. B. Notfallversorgung am Schwerpunktkrankenhaus) und am selben Ort liegen.",
        "equity" => "Längste Fahrzeit eines bewohnten Ortes zu irgendeiner Funktion. Misst die Versorgung der am ungünstigsten gelegenen Orte.",
        "pt_access" => "Wie die Erreichbarkeit, aber mit den ÖPNV-Fahrzeiten: mittlere Fahrzeit der Einwohner mit Bus und Bahn zum nächsten Standort jeder Funktion, gewichtet nach ihrer Bedeutung.",
        "pt_reach" => "Anteil der Einwohner, die eine Funktion mit dem ÖPNV nicht innerhalb ihrer ÖPNV-Schwelle erreichen (RIN 2008: 90 Minuten für oberzentrale, 45 Minuten für mittelzentrale Funktionen, sofern die Instanz nichts anderes angibt), gemittelt über die Funktionen nach ihrer Bedeutung.",
        _ => "Zielgröße des Modells.",
    }
}

/// The data the script needs to switch proposals.
#[derive(Serialize)]
struct PageData<'a> {
    initial: &'a str,
    /// `90 min`, for the tooltips of places beyond the ÖPNV reach.
    pt_reach: String,
    places: Vec<PlaceData<'a>>,
    proposals: Vec<ProposalData<'a>>,
}

/// A place's tooltip parts.
#[derive(Serialize)]
struct PlaceData<'a> {
    name: &'a str,
    population: String,
}

/// Per proposal: place colours and minutes (car, and ÖPNV when the set has it), the places
/// beyond the ÖPNV reach, and the towns' second label line.
#[derive(Serialize)]
struct ProposalData<'a> {
    id: &'a str,
    label: &'a str,
    colours: Vec<String>,
    minutes: Vec<Option<f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    colours_pt: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    minutes_pt: Option<Vec<Option<f64>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    beyond_pt: Option<Vec<usize>>,
    towns: Vec<String>,
}

/// Finite minutes of every place, `None` where missing.
fn minutes_or_none(set: &ProposalSet, minutes: &[f64]) -> Vec<Option<f64>> {
    (0..set.places.len())
        .map(|i| minutes.get(i).copied().filter(|m| m.is_finite()))
        .collect()
}

/// `<script type="application/json" id="data">` with `</` written as `<\/`.
fn data_script(set: &ProposalSet, selected: &Proposal, ranges: Ranges) -> String {
    let data = PageData {
        initial: &selected.id,
        pt_reach: units::pt_reach_text(set),
        places: set
            .places
            .iter()
            .map(|p| PlaceData {
                name: &p.name,
                population: number(p.population, 0),
            })
            .collect(),
        proposals: view::everything(set)
            .map(|p| ProposalData {
                id: &p.id,
                label: view::label(p),
                colours: svg_map::place_colours(set, p, ranges.car),
                minutes: minutes_or_none(set, &p.place_minutes),
                colours_pt: svg_map::place_colours_pt(set, p, ranges),
                minutes_pt: p
                    .place_minutes_pt
                    .as_ref()
                    .filter(|_| ranges.pt.is_some())
                    .map(|m| minutes_or_none(set, m)),
                beyond_pt: p
                    .place_pt_beyond_reach
                    .clone()
                    .filter(|_| ranges.pt.is_some()),
                towns: set
                    .towns
                    .iter()
                    .map(|t| svg_map::town_sublabel(set, p, &t.id))
                    .collect(),
            })
            .collect(),
    };
    let json = serde_json::to_string(&data).unwrap_or_else(|_| "{}".into());
    format!(
        r##"<script type="application/json" id="data">{}</script>"##,
        json_for_script(&json)
    )
}

/// Makes JSON safe inside a `<script>` element: `</` → `<\/`, `<!--` → `\u003c!--`.
///
/// ```
/// use impuls::report::html::json_for_script;
/// assert_eq!(json_for_script(r#"{"a":"</script><!--"}"#), r#"{"a":"<\/script>\u003c!--"}"#);
/// ```
pub fn json_for_script(json: &str) -> String {
    json.replace("<!--", "\\u003c!--").replace("</", "<\\/")
}

/// Switches proposals (map colours and tooltips, town lines, chart ring, detail panels,
/// highlighted rows and cards) and the map's mode (car or ÖPNV: colours, legend, rings of
/// places beyond the ÖPNV reach).
const SCRIPT: &str = r##"<script>
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("data").textContent);
  var byId = {};
  data.proposals.forEach(function (p) { byId[p.id] = p; });
  var select = document.getElementById("proposal-select");
  var map = document.getElementById("map");
  var mode = "car";
  var current = data.initial;
  var fmt = function (m) {
    return m === null || m === undefined ? "–" : m.toLocaleString("de-DE", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  };
  function each(sel, fn) { Array.prototype.forEach.call(document.querySelectorAll(sel), fn); }
  function show(id) {
    var p = byId[id];
    if (!p) { return; }
    current = id;
    var pt = mode === "pt" && p.colours_pt;
    var colours = pt ? p.colours_pt : p.colours;
    var minutes = pt ? p.minutes_pt : p.minutes;
    each("#map circle.place", function (c) {
      var i = Number(c.getAttribute("data-i"));
      c.setAttribute("fill", colours[i]);
      var t = c.querySelector("title");
      if (t) {
        var text = data.places[i].name + " – " + data.places[i].population + " Einw. – Ø " + fmt(minutes[i]) + " min" + (pt ? " (ÖPNV)" : "");
        if (pt && p.beyond_pt && p.beyond_pt[i] > 0) { text += " – " + p.beyond_pt[i] + " Funktion(en) nicht binnen " + data.pt_reach + " erreichbar"; }
        t.textContent = text;
      }
    });
    each("#map circle.pt-beyond", function (c) {
      var i = Number(c.getAttribute("data-i"));
      c.setAttribute("visibility", pt && p.beyond_pt && p.beyond_pt[i] > 0 ? "visible" : "hidden");
    });
    each("#map .legend-mode", function (g) { g.setAttribute("display", g.getAttribute("data-mode") === (pt ? "pt" : "car") ? "inline" : "none"); });
    each(".mode-text", function (el) { el.hidden = el.getAttribute("data-mode") !== (pt ? "pt" : "car"); });
    if (map) { map.setAttribute("data-mode", pt ? "pt" : "car"); }
    each("#map text.town-sub", function (el) { el.textContent = p.towns[Number(el.getAttribute("data-k"))]; });
    each(".detail", function (d) { d.hidden = d.getAttribute("data-id") !== id; });
    each("#pareto .pt", function (g) {
      if (g.getAttribute("data-id") === id) {
        var ring = document.getElementById("pareto-sel");
        ring.setAttribute("cx", g.getAttribute("data-cx"));
        ring.setAttribute("cy", g.getAttribute("data-cy"));
      }
    });
    each("tr[data-id], article.rep[data-id]", function (r) { r.classList.toggle("current", r.getAttribute("data-id") === id); });
    each("th[data-id]", function (h) { h.classList.toggle("current", h.getAttribute("data-id") === id); });
    select.value = id;
  }
  function choose(id) {
    show(id);
    try { history.replaceState(null, "", "#" + encodeURIComponent(id)); } catch (e) { /* file:// may refuse */ }
  }
  select.addEventListener("change", function () { choose(select.value); });
  each("#pareto .pt, #all-proposals tr[data-id]", function (el) {
    el.addEventListener("click", function () { choose(el.getAttribute("data-id")); });
    el.addEventListener("keydown", function (e) { if (e.key === "Enter") { choose(el.getAttribute("data-id")); } });
  });
  each("button[data-show]", function (b) {
    b.addEventListener("click", function () {
      choose(b.getAttribute("data-show"));
      if (map && map.scrollIntoView) { map.scrollIntoView({ block: "start" }); }
    });
  });
  each("#mode-switch input[name=mode]", function (r) {
    r.addEventListener("change", function () { if (r.checked) { mode = r.value; show(current); } });
  });
  var fromHash = decodeURIComponent(location.hash.slice(1));
  show(byId[fromHash] ? fromHash : data.initial);
})();
</script>"##;

/// The inline style sheet. No web fonts: system sans-serif fonts only.
const STYLE: &str = r#"
:root { --ink: #1f2933; --muted: #5f6b7a; --line: #d9dee6; --accent: #2b599e; --diff: #fff1c2; --head: #e9edf3; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; background: #ffffff; color: var(--ink); font: 14px/1.45 "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif; }
.page-head { background: #1d3557; color: #ffffff; padding: 18px 28px 16px; }
.head-inner, main { max-width: 1380px; margin: 0 auto; }
.kicker { margin: 0; text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: #bcd0ea; }
h1 { margin: 2px 0 4px; font-size: 26px; font-weight: 650; }
.instance { margin: 0 0 10px; color: #dbe5f3; }
.facts { display: grid; grid-template-columns: 1.3fr .9fr 1.6fr .8fr; gap: 10px 22px; margin: 0; }
.facts div { border-left: 3px solid #4f7cb8; padding-left: 10px; }
.facts dt { font-size: 11.5px; text-transform: uppercase; letter-spacing: .05em; color: #bcd0ea; }
.facts dd { margin: 2px 0 0; }
.badge { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 12px; font-weight: 600; }
.badge.complete { background: #d3f0dc; color: #14532d; }
.badge.incomplete { background: #fde2b8; color: #7c3d00; }
main { padding: 16px 28px 0; }
.overview { display: grid; grid-template-columns: minmax(0, 1.42fr) minmax(0, 1fr); gap: 16px; align-items: stretch; margin-bottom: 16px; }
.overview .card { margin-bottom: 0; }
.card { background: #ffffff; border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; margin-bottom: 16px; }
.card-head { display: flex; justify-content: space-between; align-items: center; gap: 12px; }
h2 { margin: 0 0 4px; font-size: 18px; }
h3 { margin: 4px 0 6px; font-size: 16px; }
h4 { margin: 10px 0 4px; font-size: 13px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.hint { margin: 0 0 8px; color: var(--muted); font-size: 12.5px; }
.figure svg { display: block; width: 100%; height: auto; }
.select { display: flex; align-items: center; gap: 8px; font-weight: 600; }
select { font: inherit; padding: 4px 8px; border: 1px solid #9aa5b4; border-radius: 5px; background: #ffffff; max-width: 420px; }
svg text { fill: var(--ink); font-size: 12px; }
svg .halo { paint-order: stroke; stroke: #ffffff; stroke-width: 3.5px; stroke-linejoin: round; }
svg .town-label { font-size: 15px; font-weight: 700; }
svg .town-sub { font-size: 11.5px; fill: #374151; }
svg .place-label { font-size: 11px; fill: #4b5563; }
svg .ext-label { font-size: 13px; font-style: italic; font-weight: 600; fill: #5b4a8a; }
svg .ext-sub { font-size: 10.5px; fill: #5b4a8a; }
svg .small-label { font-size: 11px; fill: #4b5563; }
svg .tick { font-size: 12px; fill: #4b5563; }
svg .legend-title { font-size: 12px; font-weight: 600; }
svg .axis-title { font-size: 12.5px; font-weight: 600; fill: #374151; }
svg .better { font-size: 12px; font-style: italic; fill: #6b7280; }
svg .pt-label { font-size: 12px; font-weight: 700; fill: #1f3f73; }
svg .sq-label { font-size: 13px; font-weight: 700; }
svg .sq-label.halo { fill: #d62728; }
svg circle.place { stroke: #55606e; stroke-opacity: .6; stroke-width: .8; }
svg circle.place:hover { stroke: #000000; stroke-opacity: 1; stroke-width: 2; }
svg .pt { cursor: pointer; }
svg .pt:focus { outline: none; }
.details { border-top: 1px solid var(--line); margin-top: 8px; padding-top: 4px; }
table { border-collapse: collapse; width: 100%; }
.table-wrap { overflow-x: auto; }
th, td { padding: 5px 8px; border-bottom: 1px solid #e6e9ef; vertical-align: top; text-align: left; }
thead th { background: var(--head); font-size: 12.5px; position: sticky; top: 0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.center { text-align: center; }
.unit { color: var(--muted); font-weight: 400; font-size: 11.5px; }
.obj-label { font-weight: 650; }
.why { display: block; font-weight: 400; font-size: 11px; color: var(--muted); }
.meta { display: block; font-weight: 400; font-size: 11px; color: var(--muted); }
.rowhead { font-weight: 500; min-width: 260px; }
tr.group th { background: #f3f5f8; font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: #41506a; padding-top: 8px; }
.sq-col { background: #fafafa; }
td.diff, .swatch.diff { background: var(--diff); font-weight: 600; }
.swatch { display: inline-block; width: 14px; height: 11px; border: 1px solid #d8c27a; vertical-align: -1px; }
.better { color: #17703a; }
.worse { color: #a4262c; }
td.better, td.worse { font-weight: 600; }
.delta { display: block; font-size: 11px; color: var(--muted); font-weight: 400; }
td.delta { display: table-cell; }
.external { font-style: italic; color: #5b4a8a; }
table.all td.best { font-weight: 700; }
table.all tbody th { white-space: nowrap; }
table.all tr[data-id] { cursor: pointer; }
table.all tr:hover td, table.all tr:hover th { background: #f4f7fb; }
tr.current th, tr.current td { background: #fff4e0 !important; }
th.current { box-shadow: inset 0 -3px 0 #f08c00; }
.sq-row th { color: #b01f21; }
.star { color: #c98800; }
.ok { color: #17703a; font-weight: 700; }
.bad { color: #a4262c; font-weight: 700; }
table.mini th { font-weight: 500; width: 40%; }
table.mini td, table.mini th { padding: 3px 8px; vertical-align: baseline; }
.proposal-panel { display: grid; grid-template-columns: minmax(0, 1.35fr) minmax(0, 2fr); gap: 8px 28px; }
.proposal-panel h4 { margin-top: 4px; }
table.moves { font-size: 12.5px; }
table.moves th, table.moves td { padding: 3px 6px; }
table.moves td.from { color: var(--muted); }
table.moves td.to { font-weight: 600; background: var(--diff); }
dl.towns { margin: 0; display: grid; grid-template-columns: repeat(auto-fit, minmax(190px, 1fr)); gap: 6px 18px; }
dl.towns dt { font-weight: 650; border-bottom: 2px solid #1b1f2a; padding-bottom: 2px; }
dl.towns dd { margin: 4px 0 0; color: #374151; font-size: 12.5px; }
dl.towns dd span { display: block; padding: 1px 0; }
.muted { color: var(--muted); }
.explain dl.objectives { display: grid; grid-template-columns: 260px 1fr; gap: 4px 16px; }
.explain dt { font-weight: 650; }
.explain dd { margin: 0; }
footer.card { margin-bottom: 24px; }
.map-tools { display: flex; align-items: center; gap: 10px; margin: 2px 0 6px; }
.tools-label { font-weight: 600; }
.mode-switch { display: inline-flex; border: 1px solid #9aa5b4; border-radius: 6px; overflow: hidden; }
.mode-switch label { position: relative; padding: 3px 16px; cursor: pointer; font-weight: 600; }
.mode-switch input { position: absolute; opacity: 0; width: 1px; height: 1px; }
.mode-switch label:has(input:checked) { background: #1d3557; color: #ffffff; }
.mode-switch label:has(input:focus-visible) { outline: 2px solid #f08c00; outline-offset: -2px; }
.raw { display: block; font-size: 10.5px; color: var(--muted); font-weight: 400; }
.rep-list { display: grid; gap: 10px; }
article.rep { display: grid; grid-template-columns: minmax(300px, 360px) minmax(0, 1fr); gap: 6px 22px; border: 1px solid var(--line); border-left: 5px solid var(--accent); border-radius: 6px; padding: 10px 14px; }
article.rep.current { border-left-color: #f08c00; background: #fffaf0; }
article.rep h3 { margin: 0 0 4px; font-size: 18px; }
article.rep .rule { display: inline-block; margin-left: 6px; padding: 1px 8px; border-radius: 9px; background: #e3ebf7; color: #1f3f73; font-size: 12px; font-weight: 600; vertical-align: 2px; }
article.rep .explanation { margin: 0; line-height: 1.5; }
article.rep table.mini th { width: 42%; }
article.rep table.mini td.num { white-space: normal; }
article.rep table.mini td .unit { display: block; }
article.rep .delta { display: block; }
button.show { margin-top: 8px; font: inherit; font-size: 12.5px; padding: 4px 10px; border: 1px solid var(--accent); border-radius: 5px; background: #ffffff; color: var(--accent); cursor: pointer; }
button.show:hover { background: #eef3fb; }
.unanimous { margin: 4px 0 10px; }
table.robust-table td.today-col { color: var(--muted); white-space: nowrap; }
table.robust-table .twins { font-weight: normal; font-size: 0.85em; color: var(--muted); }
table.robust-table td.shares { min-width: 380px; }
.bar { display: flex; height: 14px; border-radius: 3px; overflow: hidden; background: #eef0f3; }
.bar .seg { display: block; height: 100%; }
.share-labels { margin-top: 3px; font-size: 12.5px; }
.share { margin-right: 12px; white-space: nowrap; }
.share .key { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; vertical-align: -1px; }
.share .today { font-size: 11px; color: var(--muted); border: 1px solid var(--line); border-radius: 7px; padding: 0 5px; }
.scenario-line { margin: 8px 0 0; color: #dbe5f3; }
.scenario-line a { color: #ffffff; }
.what-if { margin: 10px 0 0; padding: 6px 10px; border-left: 3px solid #f0b429; background: rgba(255, 255, 255, .08); color: #fff4d6; }
.sc-badge { display: inline-block; margin: 2px 0 6px; padding: 1px 9px; border-radius: 9px; font-size: 12.5px; font-weight: 600; border: 1px solid transparent; white-space: nowrap; }
.sc-badge.small { margin: 0; padding: 0 7px; font-size: 11.5px; }
.sc-badge.sc-optimal { background: #d3f0dc; color: #14532d; border-color: #8fd1a6; }
.sc-badge.sc-within { background: #fde9c4; color: #7c3d00; border-color: #f0c277; }
.sc-badge.sc-outside { background: #f9d6d5; color: #8a1c1c; border-color: #e79a97; }
.seg.sc-optimal { background: #3f9b62; }
.seg.sc-within { background: #e3a23b; }
.seg.sc-outside { background: #c2413b; }
dl.sc-facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 6px 22px; margin: 6px 0 10px; }
dl.sc-facts div { border-left: 3px solid var(--accent); padding-left: 10px; }
dl.sc-facts dt { font-size: 11.5px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
dl.sc-facts dd { margin: 2px 0 0; font-size: 15px; }
.sc-bar { height: 16px; max-width: 760px; }
.sc-counts { margin: 6px 0 10px; }
.sc-counts .sc-badge { margin-right: 6px; }
table.sc-reps th .unit { display: block; }
details.sc-new summary { cursor: pointer; font-weight: 600; color: var(--accent); margin: 4px 0 8px; }
td.small { font-size: 12px; color: #374151; }
.footnote { font-size: 12.5px; color: #374151; border-top: 1px solid var(--line); padding-top: 8px; }
a.fn-mark { margin-left: 4px; font-size: 11px; font-weight: 600; color: #6b4fa0; text-decoration: none; border-bottom: 1px dotted #6b4fa0; white-space: nowrap; }
@media (max-width: 1000px) { .overview, .proposal-panel, article.rep { grid-template-columns: 1fr; } .facts { grid-template-columns: 1fr 1fr; } }
@media print { .page-head { background: none; color: #000000; } select { display: none; } .card { break-inside: avoid; } }
"#;
