//! The self-contained report page: header, map, Pareto chart, tables and footer in one HTML
//! file with inline CSS, SVG and a small script (no network access of any kind).
//!
//! The page works without JavaScript: the first proposal is rendered server-side. The script
//! only switches the map colours, town labels, chart ring and detail panel when another
//! proposal is chosen, from data embedded as JSON (`<script type="application/json" id="data">`).

use super::format::{decimals_for, escape, number};
use super::svg_map::{self, MinuteRange};
use super::view::{self, Featured};
use super::{chart, tables};
use crate::pareto::proposal::{Proposal, ProposalSet};
use serde::Serialize;
use std::fmt::Write;

/// Renders `set` as one HTML page with no external resources.
///
/// The proposal shown first is `P1` (the status quo if there are no proposals).
pub fn render(set: &ProposalSet) -> String {
    let selected = set.proposals.first().unwrap_or(&set.status_quo);
    let featured = view::featured(set);
    let range = MinuteRange::of(set);
    let mut page = String::with_capacity(64 * 1024);
    page.push_str(&head(set));
    page.push_str("<body>");
    page.push_str(&header(set));
    page.push_str("<main>");
    page.push_str(&overview(set, selected, &featured, range));
    page.push_str(&proposal_section(set, selected));
    page.push_str(&comparison_section(set, &featured));
    page.push_str(&all_section(set, &featured));
    page.push_str(&footer(set));
    page.push_str("</main>");
    page.push_str(&data_script(set, selected, range));
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
        number(set.seconds, decimals_for([set.seconds]).max(1)),
        number(set.solves as f64, 0)
    );
    s.push_str("</div></header>");
    s
}

/// Map with the proposal selector, and the Pareto chart with the detail panel.
fn overview(
    set: &ProposalSet,
    selected: &Proposal,
    featured: &[Featured],
    range: MinuteRange,
) -> String {
    let labelled: Vec<&str> = featured.iter().map(|f| f.proposal.id.as_str()).collect();
    let mut s = String::from(r#"<section class="overview">"#);
    let _ = write!(
        s,
        r#"<div class="card map-card"><div class="card-head"><h2>Karte: Fahrzeit je Ort</h2>{}</div><p class="hint">Kreisfläche ∝ Einwohnerzahl; Farbe = mittlere Pkw-Fahrzeit zu allen Funktionen, gewichtet nach ihrer Bedeutung (Funktionen, die heute fehlen, werden im Status quo vom nächsten Oberzentrum aus versorgt).</p><div class="figure">{}</div></div>"#,
        selector(set, selected),
        svg_map::render(set, selected, range)
    );
    let _ = write!(
        s,
        r#"<div class="card chart-card"><h2>Pareto-Front</h2><p class="hint">Jeder Punkt ist ein Vorschlag; keiner lässt sich in einem Ziel verbessern, ohne in einem anderen schlechter zu werden. Klick auf einen Punkt wählt ihn aus.</p><div class="figure">{}</div><div class="details">{}</div></div>"#,
        chart::render(set, selected, &labelled),
        tables::detail_panels(set, selected, featured)
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

/// The `<select id="proposal-select">` with status quo and every proposal.
fn selector(set: &ProposalSet, selected: &Proposal) -> String {
    let mut s = String::from(
        r#"<label class="select"><span>Vorschlag</span><select id="proposal-select">"#,
    );
    for p in view::everything(set) {
        let sel = if p.id == selected.id { " selected" } else { "" };
        let _ = write!(
            s,
            r##"<option value="{}"{sel}>{}</option>"##,
            escape(&p.id),
            escape(&option_text(set, p))
        );
    }
    s.push_str("</select></label>");
    s
}

/// `P1 – Erreichbarkeit 53 867 043 · Ausgewogenheit 16`.
fn option_text(set: &ProposalSet, p: &Proposal) -> String {
    let values: Vec<String> = set
        .objectives
        .iter()
        .map(|o| {
            let d = decimals_for(view::everything(set).map(|q| view::value(q, &o.name)));
            format!("{} {}", o.label, number(view::value(p, &o.name), d))
        })
        .collect();
    format!("{} – {}", view::label(p), values.join(" · "))
}

/// The side-by-side comparison.
fn comparison_section(set: &ProposalSet, featured: &[Featured]) -> String {
    let intro = if set.proposals.len() <= view::MAX_FEATURED {
        "Alle Vorschläge im Vergleich mit dem Status quo."
    } else {
        "Ausgewählte Vorschläge: jeweils der beste für jedes Ziel der Front und der Kompromiss (kleinster Abstand zum Idealpunkt, jedes Ziel auf 0–1 skaliert)."
    };
    format!(
        r#"<section class="card"><h2>Gegenüberstellung mit dem Status quo</h2><p class="hint">{intro} <span class="swatch diff"></span> Standort weicht vom Status quo ab · Zielwerte <span class="better">besser</span> / <span class="worse">schlechter</span> als heute, darunter die relative Änderung.</p>{}</section>"#,
        tables::comparison(set, featured)
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
            "<dt>{} <span class=\"unit\">{}, {}</span></dt><dd>{}</dd>",
            escape(&o.label),
            escape(&o.unit),
            view::direction_text(o),
            escape(objective_explanation(&o.name))
        );
    }
    s.push_str(
        r#"</dl><p><b>Status quo:</b> die heutige Verteilung der Funktionen, bewertet mit denselben Zielgrößen. Funktionen, die es heute in der Region nicht gibt, werden so gezählt, als würden sie vom nächstgelegenen Oberzentrum außerhalb der Region (z. B. Magdeburg oder Halle (Saale)) aus versorgt.</p><p><b>Fahrzeiten</b> sind modellierte Pkw-Fahrzeiten (Luftlinie × Umwegfaktor ÷ Geschwindigkeit) zwischen den Bezugspunkten der Orte. Die Karte zeigt je Ort die nach Bedeutung gewichtete mittlere Fahrzeit zum nächsten Standort jeder Funktion.</p><p class="muted">Erstellt mit impuls (exakte Standort-Allokation mit HiGHS). Diese Seite ist vollständig eigenständig und lädt keine externen Inhalte.</p></footer>"#,
    );
    s
}

/// Plain-language meaning of an objective.
fn objective_explanation(name: &str) -> &'static str {
    match name {
        "access" => "Summe über alle Funktionen und Orte: Bedeutung der Funktion × Einwohner × Fahrzeit zum nächsten Standort. Misst die Gesamtbelastung durch Wege.",
        "coverage" => "Einwohner, die eine Funktion innerhalb ihres Schwellenwerts erreichen (z. B. 30 Minuten für mittelzentrale, 60 Minuten für oberzentrale Funktionen), gewichtet nach Bedeutung und summiert über die Funktionen.",
        "balance" => "Unterschied der Größenpunkte zwischen der am stärksten und der am schwächsten ausgestatteten Partnerstadt. Klein heißt: die Funktionen sind gleichmäßig verteilt.",
        "change" => "Summe der Umzugskosten aller Funktionen, die ihren heutigen Standort verlassen. Neue Funktionen kosten nichts.",
        "synergy" => "Punkte für Funktionen, die von einer gemeinsamen Lage profitieren (z. B. Notfallversorgung am Schwerpunktkrankenhaus) und am selben Ort liegen.",
        "equity" => "Längste Fahrzeit eines bewohnten Ortes zu irgendeiner Funktion. Misst die Versorgung der am ungünstigsten gelegenen Orte.",
        _ => "Zielgröße des Modells.",
    }
}

/// The data the script needs to switch proposals.
#[derive(Serialize)]
struct PageData<'a> {
    initial: &'a str,
    places: Vec<PlaceData<'a>>,
    proposals: Vec<ProposalData<'a>>,
}

/// A place's tooltip parts.
#[derive(Serialize)]
struct PlaceData<'a> {
    name: &'a str,
    population: String,
}

/// Per proposal: place colours and minutes, and the towns' second label line.
#[derive(Serialize)]
struct ProposalData<'a> {
    id: &'a str,
    label: &'a str,
    colours: Vec<String>,
    minutes: Vec<Option<f64>>,
    towns: Vec<String>,
}

/// `<script type="application/json" id="data">` with `</` written as `<\/`.
fn data_script(set: &ProposalSet, selected: &Proposal, range: MinuteRange) -> String {
    let data = PageData {
        initial: &selected.id,
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
                colours: svg_map::place_colours(set, p, range),
                minutes: (0..set.places.len())
                    .map(|i| p.place_minutes.get(i).copied().filter(|m| m.is_finite()))
                    .collect(),
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

/// Switches proposals: map colours and tooltips, town lines, chart ring, detail panel.
const SCRIPT: &str = r##"<script>
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("data").textContent);
  var byId = {};
  data.proposals.forEach(function (p) { byId[p.id] = p; });
  var select = document.getElementById("proposal-select");
  var fmt = function (m) {
    return m === null ? "–" : m.toLocaleString("de-DE", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  };
  function each(sel, fn) { Array.prototype.forEach.call(document.querySelectorAll(sel), fn); }
  function show(id) {
    var p = byId[id];
    if (!p) { return; }
    each("#map circle.place", function (c) {
      var i = Number(c.getAttribute("data-i"));
      c.setAttribute("fill", p.colours[i]);
      var t = c.querySelector("title");
      if (t) { t.textContent = data.places[i].name + " – " + data.places[i].population + " Einw. – Ø " + fmt(p.minutes[i]) + " min"; }
    });
    each("#map text.town-sub", function (el) { el.textContent = p.towns[Number(el.getAttribute("data-k"))]; });
    each(".detail", function (d) { d.hidden = d.getAttribute("data-id") !== id; });
    each("#pareto .pt", function (g) {
      if (g.getAttribute("data-id") === id) {
        var ring = document.getElementById("pareto-sel");
        ring.setAttribute("cx", g.getAttribute("data-cx"));
        ring.setAttribute("cy", g.getAttribute("data-cy"));
      }
    });
    each("tr[data-id]", function (r) { r.classList.toggle("current", r.getAttribute("data-id") === id); });
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
@media (max-width: 1000px) { .overview, .proposal-panel { grid-template-columns: 1fr; } .facts { grid-template-columns: 1fr 1fr; } }
@media print { .page-head { background: none; color: #000000; } select { display: none; } .card { break-inside: avoid; } }
"#;
