//! Where the report's travel times come from, in German: the "modelliert" mark on every ÖPNV
//! number, the footnote it points to (the ÖPNV model's error against the official times and a
//! link to the instance's calibration section) and the car-times sentence of the footer.

use super::format::{escape, number};
use crate::pareto::proposal::{ModeTimes, ProposalSet};
use std::path::Path;

/// Id of the footnote on the ÖPNV times.
pub const PT_NOTE_ID: &str = "fn-pt";

fn pt(set: &ProposalSet) -> Option<&ModeTimes> {
    set.travel_times.as_ref()?.pt.as_ref()
}

/// The mark after an ÖPNV label: `modelliert¹` (or `Matrix¹`) linking to the footnote; empty
/// when the set does not say where its ÖPNV times come from.
pub fn pt_mark(set: &ProposalSet) -> String {
    let Some(m) = pt(set) else {
        return String::new();
    };
    let word = if m.source == "model" {
        "modelliert"
    } else {
        "Matrix"
    };
    format!(r##" <a class="fn-mark" href="#{PT_NOTE_ID}" title="siehe Fußnote ¹">{word}¹</a>"##)
}

/// The link to the instance README's calibration section (relative to the report when the
/// set's `documentation` was made so, see [`relative_to`]).
fn documentation_link(set: &ProposalSet) -> Option<String> {
    let doc = set.travel_times.as_ref()?.documentation.as_ref()?;
    Some(format!(
        r#"<a href="{}">README der Instanz {}, Abschnitt zur Kalibrierung der Fahrzeiten</a>"#,
        escape(doc),
        escape(&set.instance)
    ))
}

/// The footnote on the ÖPNV times (empty without them): modelled, how, how far from the
/// official times, where it is documented.
pub fn pt_footnote(set: &ProposalSet) -> String {
    let Some(m) = pt(set) else {
        return String::new();
    };
    let mut s = format!(r#"<p class="footnote" id="{PT_NOTE_ID}"><b>¹ ÖPNV-Fahrzeiten:</b> "#);
    if m.source == "model" {
        s.push_str("modelliert, nicht aus einem Fahrplan berechnet: Tür zu Tür mit Zu- und Abgang, Bus nach Luftlinie, Bahn auf dem Streckennetz der Instanz, feste Einstiegszeiten statt Takt und Anschlüssen.");
        if let Some(e) = m.rmse_min {
            s += &format!(
                " Gegenüber den amtlichen ÖPNV-Fahrzeiten des Deutschlandatlas (BBSR) zum nächsten Ober- oder Mittelzentrum weicht das Modell im Mittel um {} min ab (Wurzel der mittleren quadratischen Abweichung über {} Gemeinden); Werte einzelner Orte können deutlich stärker abweichen.",
                number(e, 1),
                m.targets
            );
        }
    } else {
        s.push_str("aus der mit --pt-matrix angegebenen Fahrzeitmatrix.");
    }
    if let Some(link) = documentation_link(set) {
        s += &format!(" Herleitung und Abweichungen je Gemeinde: {link}.");
    }
    s.push_str("</p>");
    s
}

/// The footer's sentence on the car times.
pub fn car_text(set: &ProposalSet) -> String {
    match set.travel_times.as_ref().map(|t| &t.car) {
        Some(m) if m.source == "matrix" => {
            "Pkw-Fahrzeiten aus der angegebenen Fahrzeitmatrix (--matrix).".into()
        }
        Some(m) => {
            let mut s = String::from(
                "Pkw-Fahrzeiten aus dem Fahrzeitmodell der Instanz (impedance.csv, aus der Luftlinie berechnet)",
            );
            if let Some(e) = m.rmse_min {
                s += &format!(
                    ", kalibriert an den amtlichen Pkw-Fahrzeiten des Deutschlandatlas (mittlere Abweichung {} min über {} Gemeinden)",
                    number(e, 1),
                    m.targets
                );
            }
            s.push('.');
            s
        }
        None => "Modellierte Pkw-Fahrzeiten zwischen den Bezugspunkten der Orte.".into(),
    }
}

/// `set` with its documentation link made relative to `dir`, where the report is written, so
/// that the link works from the report file.
pub fn relative_to(set: &ProposalSet, dir: &Path) -> ProposalSet {
    let mut set = set.clone();
    if let Some(doc) = set
        .travel_times
        .as_mut()
        .and_then(|t| t.documentation.as_mut())
    {
        let (path, anchor) = doc.split_once('#').unwrap_or((doc.as_str(), ""));
        let absolute = |p: &Path| std::path::absolute(p).ok();
        if let (Some(target), Some(base)) = (absolute(Path::new(path)), absolute(dir)) {
            if let Some(rel) = pathdiff::diff_paths(target, base) {
                let anchor = if anchor.is_empty() {
                    String::new()
                } else {
                    format!("#{anchor}")
                };
                *doc = format!("{}{anchor}", rel.display());
            }
        }
    }
    set
}
