//! The HTML report rendered from a hand-written sample `ProposalSet` written before readable
//! values existed (structure, German text, self-containedness, escaping, old files still
//! render), from a real Harz front with the instance's own ÖPNV model (representatives,
//! explanations, robust decisions, the engine's readable units, the Pkw/ÖPNV switch, the
//! modelled-ÖPNV footnote) and from a run of the binary with `--scenario 2035` and a `--lock`
//! (the scenario section, badges and column, the what-if line).

mod report_support;

use impuls::pareto::proposal::ProposalSet;
use impuls::report::format::number;
use impuls::report::html::render;
use report_support::{
    annotated_sample, harz_front_car_only, harz_front_with_pt, harz_scenario_run, sample,
};

/// The JSON inside `<script type="application/json" id="data">`.
fn data_block(html: &str) -> serde_json::Value {
    let start_tag = r#"<script type="application/json" id="data">"#;
    let start = html.find(start_tag).expect("data script present") + start_tag.len();
    let end = start + html[start..].find("</script>").expect("data script closed");
    serde_json::from_str(&html[start..end]).expect("data block is valid JSON")
}

/// The page without the JSON data block (where text is JSON-, not HTML-escaped).
fn without_data_block(html: &str) -> String {
    let start = html
        .find(r#"<script type="application/json" id="data">"#)
        .expect("data script present");
    let end = start + html[start..].find("</script>").expect("data script closed");
    format!("{}{}", &html[..start], &html[end..])
}

#[test]
fn sample_round_trips_through_serde() {
    let set = sample();
    let again: ProposalSet = serde_json::from_str(&serde_json::to_string(&set).unwrap()).unwrap();
    assert_eq!(set, again);
    assert_eq!(set.proposals.len(), 4);
    assert_eq!(set.all_objectives.len(), 6);
    assert_eq!(set.places.len(), set.status_quo.place_minutes.len());
}

#[test]
fn page_has_map_chart_selector_and_data() {
    let html = render(&sample());
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains(r#"<html lang="de">"#));
    assert!(html.contains(r#"<svg id="map""#), "map svg");
    assert!(html.contains(r#"<svg id="pareto""#), "chart svg");
    assert!(
        html.contains(r#"<select id="proposal-select">"#),
        "selector"
    );
    assert!(
        html.contains(r#"<script type="application/json" id="data">"#),
        "data block"
    );
    assert_eq!(html.matches("<svg ").count(), 2, "exactly the two figures");
    assert!(html.trim_end().ends_with("</html>"));
}

#[test]
fn every_proposal_and_the_status_quo_appear() {
    let set = sample();
    let html = render(&set);
    for p in &set.proposals {
        assert!(
            html.contains(&format!(r#"<option value="{}""#, p.id)),
            "option for {}",
            p.id
        );
        assert!(
            html.contains(&format!(r#"data-id="{}""#, p.id)),
            "chart point/table row for {}",
            p.id
        );
    }
    assert!(html.contains(r#"<option value="status_quo">Status quo"#));
    assert!(
        html.contains(">Status quo</text>"),
        "status quo labelled in the chart"
    );
    // The first proposal is selected and rendered without script.
    assert!(html.contains(r#"<option value="P1" selected>"#));
    let data = data_block(&html);
    assert_eq!(data["initial"], "P1");
    assert_eq!(
        data["proposals"].as_array().unwrap().len(),
        set.proposals.len() + 1
    );
    let p1_colours: Vec<String> = data["proposals"][1]["colours"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    assert_eq!(p1_colours.len(), set.places.len());
    for (i, c) in p1_colours.iter().enumerate() {
        assert!(
            html.contains(&format!(r#"data-i="{i}""#)),
            "circle of place {i}"
        );
        assert!(
            html.contains(&format!(r#"fill="{c}""#)),
            "server-side colour {c} of place {i}"
        );
    }
}

#[test]
fn german_headings_and_names() {
    let html = render(&sample());
    for s in [
        "Pareto-Front",
        "Gegenüberstellung mit dem Status quo",
        "Alle Vorschläge",
        "Erläuterungen",
        "Alle Vorschläge sind Pareto-optimal",
        "Halberstadt",
        "Quedlinburg",
        "Wernigerode",
        "Magdeburg",
        "Halle (Saale)",
        "Krankenhaus der Schwerpunktversorgung",
        "Medizinische Versorgung",
        "Erreichbarkeit",
        "Ausgewogenheit",
        "Gerechtigkeit",
        "Personenminuten",
        "Front vollständig",
        "lexikografische Optimierungen",
        "außerhalb (nächstes Oberzentrum)",
    ] {
        assert!(html.contains(s), "missing {s:?}");
    }
}

#[test]
fn numbers_are_german() {
    let html = render(&sample());
    // status quo access 84 165 305,1 → no decimals for large values, no-break space groups
    assert!(html.contains("84\u{a0}165\u{a0}305"), "grouped thousands");
    // equity has decimals: decimal comma
    assert!(html.contains("61,9"), "decimal comma");
    assert!(!html.contains("84165305"), "no ungrouped large numbers");
}

#[test]
fn changed_locations_are_highlighted() {
    let html = render(&sample());
    assert!(
        html.contains(r#"<td class="diff">"#),
        "a changed location is marked"
    );
    assert!(
        html.contains("Veränderungen gegenüber heute"),
        "relocation list in detail panel"
    );
}

#[test]
fn no_external_resources() {
    let html = render(&sample());
    for bad in [
        "src=\"http",
        "href=\"http",
        "src='http",
        "href='http",
        "url(http",
        "@import",
        "<link",
        "<iframe",
    ] {
        assert!(!html.contains(bad), "external resource reference {bad:?}");
    }
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no URLs at all"
    );
    assert!(!html.contains("<script src"), "no external script");
}

#[test]
fn text_is_escaped_everywhere() {
    let mut set = sample();
    set.places[3].name = "Blanken<b>burg & \"Harz\" <&>".into();
    set.functions[0].name = "Hochschule </script><script>alert(1)</script>".into();
    set.towns[0].name = "Halber<&>stadt".into();
    set.instance = "harz <&> test".into();
    let html = render(&set);
    assert!(
        html.contains("Blanken&lt;b&gt;burg &amp; &quot;Harz&quot; &lt;&amp;&gt;"),
        "place name escaped"
    );
    assert!(
        html.contains("Halber&lt;&amp;&gt;stadt"),
        "town name escaped"
    );
    assert!(html.contains("harz &lt;&amp;&gt; test"), "instance escaped");
    let markup = without_data_block(&html);
    assert!(!markup.contains("<&>"), "no raw <&> in the markup");
    assert!(!markup.contains("<b>burg"), "no injected tag");
    assert!(
        !html.contains("<script>alert"),
        "no injected script, not even in the data block"
    );
    // Inside the JSON block `</` is written `<\/`, so the block still parses and ends where it should.
    assert!(
        html.contains(r#"Blanken<b>burg & \"Harz\" <&>"#),
        "JSON keeps the raw name (safe inside the block)"
    );
    let data = data_block(&html);
    assert_eq!(data["places"][3]["name"], "Blanken<b>burg & \"Harz\" <&>");
    assert_eq!(
        html.matches("<script").count(),
        2,
        "exactly the data block and the inline script"
    );
}

#[test]
fn json_block_escapes_closing_tags() {
    let mut set = sample();
    set.places[0].name = "Ort </script> <!-- x".into();
    let html = render(&set);
    assert!(html.contains(r#"Ort <\/script> \u003c!-- x"#));
    assert_eq!(
        data_block(&html)["places"][0]["name"],
        "Ort </script> <!-- x"
    );
}

#[test]
fn renders_without_proposals_and_with_three_objectives() {
    let mut set = sample();
    set.objectives.push(set.all_objectives[5].clone());
    let html = render(&set);
    assert!(
        html.contains("third-gradient"),
        "colour legend for the third objective"
    );
    assert!(html.contains("Farbe: Gerechtigkeit"));
    set.proposals.clear();
    set.complete = false;
    let html = render(&set);
    assert!(html.contains(r#"<option value="status_quo" selected>"#));
    assert!(html.contains("Front unvollständig"));
    assert!(html.contains("Keine Vorschläge gefunden."));
}

#[test]
fn many_proposals_without_representatives_feature_at_most_seven() {
    let mut set = sample();
    let base = set.proposals.clone();
    set.proposals.clear();
    for k in 0..30 {
        let mut p = base[k % base.len()].clone();
        p.id = format!("P{}", k + 1);
        let f = k as f64;
        p.objectives.insert("access".into(), 5.0e7 + f * 1.0e5);
        p.objectives.insert("balance".into(), 30.0 - f);
        set.proposals.push(p);
    }
    let html = render(&set);
    let header = &html[html.find(r#"id="compare""#).unwrap()..];
    let header = &header[..header.find("</thead>").unwrap()];
    let columns = header.matches("<th data-id=").count();
    assert!((1..=7).contains(&columns), "{columns} featured columns");
    assert!(header.contains("beste Erreichbarkeit") && header.contains("Kompromiss"));
    assert!(html.contains(r#"data-id="P30""#));
}

/// The text between `start` and the next `end` after it.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let a = html
        .find(start)
        .unwrap_or_else(|| panic!("{start:?} missing"));
    let b = a + html[a..]
        .find(end)
        .unwrap_or_else(|| panic!("{end:?} missing"));
    &html[a..b]
}

#[test]
fn representatives_come_first_with_their_explanations() {
    let set = annotated_sample();
    assert!(!set.representatives.is_empty() && set.representatives.len() <= 7);
    let html = render(&set);
    let reps = html
        .find(r#"<section class="card reps" id="representatives">"#)
        .expect("representative section");
    let all = html.find(r#"id="all-proposals""#).expect("full list");
    let comparison = html
        .find("Gegenüberstellung mit dem Status quo")
        .expect("comparison");
    assert!(
        reps < comparison && reps < all,
        "the representatives come before the comparison and the full list"
    );
    let section = between(&html, r#"id="representatives""#, "</section>");
    for r in &set.representatives {
        assert!(
            section.contains(&format!(r#"<article class="rep" data-id="{}">"#, r.id)),
            "card of {}",
            r.id
        );
        assert!(
            section.contains(&format!(r#"data-show="{}""#, r.id)),
            "show button of {}",
            r.id
        );
        let escaped = impuls::report::format::escape(&r.explanation);
        assert!(section.contains(&escaped), "explanation of {}", r.id);
        assert!(r.explanation.starts_with(&r.id), "{}", r.explanation);
    }
    // the comparison shows exactly the representatives (the sample has 4 proposals ≤ 7: all)
    assert!(html.contains("beste Erreichbarkeit"));
}

/// Functions of `p` placed differently from the status quo.
fn moved<'a>(set: &'a ProposalSet, id: &str) -> Vec<(&'a str, Vec<String>, Vec<String>)> {
    let p = set.proposals.iter().find(|p| p.id == id).unwrap();
    set.functions
        .iter()
        .filter_map(|f| {
            let mut today = set.status_quo.allocation[&f.id].clone();
            let mut now = p.allocation[&f.id].clone();
            today.sort();
            now.sort();
            (today != now).then_some((f.name.as_str(), today, now))
        })
        .collect()
}

fn town_name<'a>(set: &'a ProposalSet, id: &str) -> &'a str {
    &set.towns.iter().find(|t| t.id == id).unwrap().name
}

#[test]
fn explanations_name_every_moved_and_new_function_with_its_towns() {
    let set = harz_front_with_pt();
    assert!(set.complete, "{}", set.note);
    assert!(
        (3..=7).contains(&set.representatives.len()),
        "{} representatives",
        set.representatives.len()
    );
    let short = |name: &str| name.split(" (").next().unwrap().to_string();
    let mut relocated_somewhere = false;
    for r in &set.representatives {
        let text = &r.explanation;
        for (name, today, now) in moved(&set, &r.id) {
            assert!(
                text.contains(&short(name)),
                "{}: {name} moves but is not named in: {text}",
                r.id
            );
            for t in now.iter().filter(|t| !today.contains(t)) {
                assert!(text.contains(town_name(&set, t)), "{}: {t}", r.id);
            }
            if !today.is_empty() {
                relocated_somewhere = true;
                for t in today.iter().filter(|t| !now.contains(t)) {
                    assert!(
                        text.contains(&format!("Standort {}", town_name(&set, t)))
                            || text.contains(&format!("von {}", town_name(&set, t))),
                        "{}: the town {t} that {name} leaves is not named: {text}",
                        r.id
                    );
                }
            }
        }
        assert!(
            text.contains("Status quo") && text.contains("min je Einwohner"),
            "{text}"
        );
        assert!(
            text.contains("ÖPNV"),
            "with ÖPNV times the text says so: {text}"
        );
        if r.relocations == 0 {
            assert!(text.contains("Alle heutigen Standorte bleiben"), "{text}");
        } else {
            assert!(
                text.contains(" heutige Standorte wechseln")
                    || text.contains("Ein heutiger Standort wechselt"),
                "{text}"
            );
        }
    }
    assert!(relocated_somewhere, "some representative relocates a site");
    // the best-access proposal is compared with the status quo only; the others with it too
    let best = set
        .representatives
        .iter()
        .find(|r| r.rules.contains(&"best_access".to_string()))
        .expect("best access is a representative");
    assert!(best.explanation.contains("beste Erreichbarkeit"));
    for r in set.representatives.iter().filter(|r| r.id != best.id) {
        assert!(
            r.explanation.contains(&format!(
                "{}, der Vorschlag mit der besten Erreichbarkeit",
                best.id
            )),
            "{}",
            r.explanation
        );
    }
}

#[test]
fn the_best_access_proposal_explains_a_move_of_the_hochschule() {
    let set = harz_front_with_pt();
    let best = set
        .representatives
        .iter()
        .find(|r| r.rules.contains(&"best_access".to_string()))
        .unwrap();
    let p = set.proposals.iter().find(|p| p.id == best.id).unwrap();
    let campus = &p.allocation["hochschule_hauptstandort"];
    // with the calibrated car times Halberstadt is the most central of the three towns (mean
    // 25.7 against 27.0 min for Wernigerode), so the access-optimal proposal moves the campus
    assert_eq!(
        campus,
        &vec!["halberstadt".to_string()],
        "{}",
        best.explanation
    );
    // the paragraph says from where to where, and what it does in minutes
    let to = town_name(&set, &campus[0]);
    let text = &best.explanation;
    let at = text
        .find("Hochschule Harz – Hauptstandort")
        .unwrap_or_else(|| panic!("the campus move is not named: {text}"));
    let group_start = text[..at]
        .rfind("von Wernigerode nach")
        .expect("from Wernigerode");
    assert!(text[group_start..at].contains(to), "to {to}: {text}");
    let details = &text[at..at + text[at..].find(')').unwrap()];
    assert!(
        details.contains('→') && details.contains("kürzer für"),
        "{details}"
    );
}

#[test]
fn robust_decisions_sum_to_one_hundred_percent_per_function() {
    let set = harz_front_with_pt();
    let n = set.proposals.len();
    assert_eq!(set.robust_decisions.len(), set.functions.len());
    for d in &set.robust_decisions {
        let counts: usize = d.shares.iter().map(|s| s.count).sum();
        assert_eq!(counts, n, "{}", d.function);
        let total: f64 = d.shares.iter().map(|s| s.share).sum();
        assert!((total - 1.0).abs() < 1e-9, "{}: {total}", d.function);
        assert_eq!(d.unanimous, d.shares.len() == 1);
        // recount from the proposals
        let first = &d.shares[0];
        let recount = set
            .proposals
            .iter()
            .filter(|p| {
                let mut t = p.allocation[&d.function].clone();
                t.sort();
                t == first.towns
            })
            .count();
        assert_eq!(recount, first.count, "{}", d.function);
    }
    // the UNESCO old town is locked to Quedlinburg: unanimous
    let unesco = set
        .robust_decisions
        .iter()
        .find(|d| d.function == "welterbe_quedlinburg")
        .unwrap();
    assert!(unesco.unanimous && unesco.shares[0].towns == vec!["quedlinburg".to_string()]);
    let html = render(&set);
    let section = between(&html, r#"id="robust""#, "</section>");
    assert!(section.contains("Robuste Entscheidungen"));
    assert!(section.contains(&format!("In allen {n} Vorschlägen gleich:")));
    assert!(section.contains("UNESCO-Welterbe"));
    let mut rows = 0;
    for row in section.split(r#"<tr data-function=""#).skip(1) {
        rows += 1;
        let sum: u32 = row
            .split(r#"data-percent=""#)
            .skip(1)
            .map(|x| x[..x.find('"').unwrap()].parse::<u32>().unwrap())
            .sum();
        assert_eq!(sum, 100, "row {}", &row[..row.find('"').unwrap()]);
    }
    assert_eq!(rows, set.functions.len());
}

#[test]
fn readable_units_are_the_engines_with_the_raw_sums_below() {
    let set = harz_front_with_pt();
    let html = render(&set);
    let compare = between(&html, r#"id="compare""#, "</table>");
    for (name, unit, decimals) in [
        ("access", "min je Einwohner", 2),
        ("pt_access", "min je Einwohner mit ÖPNV", 2),
        ("coverage", "% der Einwohner im Schwellenwert", 1),
        ("pt_reach", "% der Einwohner außerhalb der ÖPNV-Schwelle", 1),
    ] {
        let engine = set.status_quo.readable[name].value;
        assert!(
            set.status_quo.readable[name].unit.starts_with(unit),
            "{name}: {}",
            set.status_quo.readable[name].unit
        );
        assert!(compare.contains(unit), "{name}: unit {unit}");
        assert!(
            compare.contains(&number(engine, decimals)),
            "{name}: the engine's status quo value {engine}"
        );
        // the raw sum stays, as a secondary number
        let raw = number(set.status_quo.objectives[name], 0);
        assert!(
            compare.contains(&format!(r#"<span class="raw">{raw} "#)),
            "{name}: raw sum {raw}"
        );
    }
    // ÖPNV next to car: pt_access right after access, pt_reach right after coverage
    let at = |label: &str| {
        compare
            .find(&format!(r#"<span class="obj-label">{label}"#))
            .unwrap_or_else(|| panic!("row {label}"))
    };
    assert!(at("Erreichbarkeit<") < at("Erreichbarkeit ÖPNV"));
    assert!(at("Erreichbarkeit ÖPNV") < at("Versorgung im Schwellenwert"));
    assert!(at("Versorgung im Schwellenwert") < at("ÖPNV-Reichweite"));
    assert!(at("ÖPNV-Reichweite") < at("Ausgewogenheit"));
    // the chart's axis is in minutes too
    assert!(html.contains("Erreichbarkeit [min je Einwohner]"));
}

#[test]
fn public_transport_numbers_are_marked_as_modelled_with_a_footnote() {
    let set = harz_front_with_pt();
    let pt = set.travel_times.as_ref().unwrap().pt.as_ref().unwrap();
    assert_eq!(pt.source, "model");
    let rmse = pt.rmse_min.unwrap();
    assert!((3.5..4.5).contains(&rmse), "ÖPNV RMSE {rmse}");
    let html = render(&set);
    let mark = r##"<a class="fn-mark" href="#fn-pt""##;
    // every ÖPNV label in the comparison, the detail panels and the representative cards
    let compare = between(&html, r#"id="compare""#, "</table>");
    assert_eq!(
        compare.matches(mark).count(),
        2,
        "pt_access and pt_reach rows"
    );
    let reps = between(&html, r#"id="representatives""#, "</section>");
    assert_eq!(
        reps.matches(mark).count(),
        2 * set.representatives.len(),
        "two ÖPNV rows per card"
    );
    assert!(reps.contains("modelliert¹"));
    let footnote = between(&html, r#"<p class="footnote" id="fn-pt">"#, "</p>");
    assert!(footnote.contains("modelliert"), "{footnote}");
    assert!(
        footnote.contains(&format!("{} min", number(rmse, 1))),
        "the RMSE: {footnote}"
    );
    assert!(
        footnote.contains("README.md#travel-times-impedancecsv-and-its-calibration"),
        "link to the calibration section: {footnote}"
    );
    // the explanations say so too
    for r in &set.representatives {
        assert!(
            r.explanation.contains("Mit dem ÖPNV (modelliert)"),
            "{}",
            r.explanation
        );
    }
    // the car sentence of the footer quotes the car model's fit
    let car = set.travel_times.as_ref().unwrap().car.rmse_min.unwrap();
    assert!(html.contains(&format!("mittlere Abweichung {} min", number(car, 1))));
}

#[test]
fn a_file_without_readable_values_renders_its_raw_values() {
    // written before the engine had readable values, ÖPNV times and travel-time sources
    let set = annotated_sample();
    assert!(set.status_quo.readable.is_empty() && set.travel_times.is_none());
    let html = render(&set);
    let compare = between(&html, r#"id="compare""#, "</table>");
    assert!(
        compare.contains("84\u{a0}165\u{a0}305"),
        "raw access sum shown"
    );
    assert!(compare.contains("Personenminuten"));
    assert!(!compare.contains("min je Einwohner") && !compare.contains(r#"class="raw""#));
    assert!(
        !html.contains("fn-pt"),
        "no ÖPNV footnote without ÖPNV times"
    );
    assert!(html.contains("Modellierte Pkw-Fahrzeiten"));
}

#[test]
fn the_map_gets_a_pt_switch_only_with_pt_times() {
    let with_pt = harz_front_with_pt();
    let places = with_pt.places.len();
    for p in std::iter::once(&with_pt.status_quo).chain(&with_pt.proposals) {
        assert_eq!(
            p.place_minutes_pt.as_ref().map(Vec::len),
            Some(places),
            "{}",
            p.id
        );
        assert_eq!(p.place_pt_beyond_reach.as_ref().map(Vec::len), Some(places));
    }
    // the instance's ÖPNV model leaves the eastern Mansfeld-Südharz beyond every threshold
    // (Sangerhausen → Quedlinburg 108 min), while P1 brings some places within all of them
    let sq = with_pt.status_quo.place_pt_beyond_reach.as_ref().unwrap();
    assert!(sq.iter().all(|&b| b > 0), "{sq:?}");
    let p1 = with_pt.proposals[0].place_pt_beyond_reach.as_ref().unwrap();
    assert!(
        p1.contains(&0) && p1.contains(&with_pt.functions.len()),
        "{p1:?}"
    );
    // the rings follow the engine's rule: the function's own threshold (90 or 45 min here)
    for p in &with_pt.proposals {
        let beyond = p.place_pt_beyond_reach.as_ref().unwrap();
        for (i, place) in with_pt.places.iter().enumerate() {
            let times = place.minutes_pt.as_ref().unwrap();
            let count = with_pt
                .functions
                .iter()
                .filter(|f| {
                    let nearest = p.allocation[&f.id]
                        .iter()
                        .map(|t| times[with_pt.towns.iter().position(|x| &x.id == t).unwrap()])
                        .fold(f64::INFINITY, f64::min);
                    nearest > f.threshold_pt_min.unwrap() + 1e-9
                })
                .count();
            assert_eq!(beyond[i], count, "{} at {}", p.id, place.name);
        }
    }
    let html = render(&with_pt);
    assert!(html.contains(r#"id="mode-switch""#) && html.contains(r#"id="mode-pt""#));
    assert_eq!(html.matches(r#"<circle class="pt-beyond""#).count(), places);
    assert!(html.contains(r#"<g class="legend-mode" data-mode="pt" display="none">"#));
    assert!(html.contains("Minuten (ÖPNV)"));
    let data = data_block(&html);
    for p in data["proposals"].as_array().unwrap() {
        assert_eq!(p["colours_pt"].as_array().unwrap().len(), places);
        assert_eq!(p["beyond_pt"].as_array().unwrap().len(), places);
    }
    // ÖPNV colours differ from the car colours (own scale, other times)
    assert_ne!(
        data["proposals"][1]["colours"],
        data["proposals"][1]["colours_pt"]
    );

    let car_only = harz_front_car_only();
    assert!(car_only.status_quo.place_minutes_pt.is_none());
    assert!(car_only
        .all_objectives
        .iter()
        .all(|o| !o.name.starts_with("pt_")));
    assert!(car_only.travel_times.as_ref().unwrap().pt.is_none());
    let html = render(&car_only);
    assert!(!html.contains(r#"id="mode-switch""#) && !html.contains(r#"class="pt-beyond""#));
    assert!(data_block(&html)["proposals"][0]
        .get("colours_pt")
        .is_none());
}

#[test]
fn proposals_json_carries_the_new_fields() {
    let set = harz_front_with_pt();
    let dir = tempfile::tempdir().unwrap();
    impuls::pareto::write::write_all(dir.path(), &set).unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("proposals.json")).unwrap())
            .unwrap();
    let reps = json["representatives"].as_array().unwrap();
    assert_eq!(reps.len(), set.representatives.len());
    for r in reps {
        for key in [
            "id",
            "rules",
            "label",
            "relocations",
            "distance",
            "explanation",
        ] {
            assert!(r.get(key).is_some(), "representative field {key}");
        }
    }
    let robust = json["robust_decisions"].as_array().unwrap();
    assert_eq!(robust.len(), set.functions.len());
    assert!(robust[0]["shares"][0]["towns"].is_array());
    assert!(json["proposals"][0]["place_minutes_pt"].is_array());
    assert!(json["proposals"][0]["place_pt_beyond_reach"].is_array());
    assert_eq!(
        json["places"][0]["minutes"].as_array().unwrap().len(),
        set.towns.len()
    );
    assert!(json["places"][0]["minutes_pt"].is_array());
    let back: ProposalSet = serde_json::from_value(json).unwrap();
    assert_eq!(back.representatives.len(), set.representatives.len());
    assert_eq!(back.robust_decisions.len(), set.robust_decisions.len());
    assert_eq!(
        back.proposals[0].place_pt_beyond_reach,
        set.proposals[0].place_pt_beyond_reach
    );
}

#[test]
fn the_scenario_section_shows_populations_fronts_classes_and_new_proposals() {
    let (set, html) = harz_scenario_run();
    let s = set.scenario.as_ref().expect("scenario block");
    assert_eq!(s.name, "2035");
    assert_eq!(
        s.stays_optimal + s.within_1pct + s.outside,
        set.proposals.len()
    );
    let section = between(
        &html,
        r#"<section class="card scenario" id="scenario">"#,
        "</section>",
    );
    assert!(section.contains("Bevölkerung 2035: Welche Vorschläge bleiben gut?"));
    assert!(
        section.contains(&number(s.population, 0))
            && section.contains(&number(s.base_population, 0))
    );
    assert!(section.contains(&format!(
        "<b>{}</b> heute · <b>{}</b> 2035",
        set.proposals.len(),
        s.front_size
    )));
    for (class, n) in [
        ("optimal", s.stays_optimal),
        ("within_1pct", s.within_1pct),
        ("outside", s.outside),
    ] {
        assert!(
            section.contains(&format!(r#"data-class="{class}" data-count="{n}""#)),
            "{class}: {n}"
        );
    }
    // the representatives with their classes, values today → 2035
    let reps = between(section, r#"id="scenario-representatives""#, "</table>");
    for r in &set.representatives {
        let p = set.proposals.iter().find(|p| p.id == r.id).unwrap();
        let e = p.scenario.as_ref().unwrap();
        let row = between(reps, &format!(r#"<tr data-id="{}">"#, r.id), "</tr>");
        assert!(
            row.contains(&format!(r#"data-class="{}""#, e.class)),
            "{row}"
        );
        let access = |v: f64| number(v, 2);
        assert!(
            row.contains(&format!(
                "{} → <b>{}</b>",
                access(p.readable["access"].value),
                access(e.readable["access"].value)
            )),
            "{row}"
        );
    }
    // the page's head sums it up and links the section
    let header = between(&html, r#"<header class="page-head">"#, "</header>");
    assert!(
        header.contains(&format!(
            "<b>Bevölkerung 2035:</b> {} von {} Vorschlägen bleiben Pareto-optimal",
            s.stays_optimal,
            set.proposals.len()
        )) && header.contains(r##"<a href="#scenario">"##),
        "{header}"
    );
    // every scenario-only proposal is listed
    assert!(
        !s.new_proposals.is_empty(),
        "the 2035 front has new proposals"
    );
    let new = between(section, r#"id="scenario-new""#, "</table>");
    assert_eq!(new.matches("<tr data-new=").count(), s.new_proposals.len());
    for p in &s.new_proposals {
        assert!(new.contains(&format!(r#"<tr data-new="{}">"#, p.id)));
    }
}

#[test]
fn scenario_badges_on_the_cards_and_in_the_table_and_the_explanations_mention_the_class() {
    let (set, html) = harz_scenario_run();
    let cards = between(&html, r#"id="representatives""#, "</section>");
    for r in &set.representatives {
        let p = set.proposals.iter().find(|p| p.id == r.id).unwrap();
        let class = &p.scenario.as_ref().unwrap().class;
        let card = between(
            cards,
            &format!(r#"<article class="rep" data-id="{}">"#, r.id),
            "</article>",
        );
        assert!(
            card.contains(r#"<span class="sc-badge "#)
                && card.contains(&format!(r#"data-class="{class}""#)),
            "{}: badge {class}",
            r.id
        );
        let sentence = match class.as_str() {
            "optimal" => format!("Mit der Bevölkerung 2035 bleibt {} Pareto-optimal.", r.id),
            "within_1pct" => format!("Mit der Bevölkerung 2035 ist {} nicht mehr Pareto-optimal, liegt aber innerhalb 1 %", r.id),
            _ => format!("Mit der Bevölkerung 2035 fällt {} aus der Front", r.id),
        };
        assert!(r.explanation.contains(&sentence), "{}", r.explanation);
    }
    // one class cell per proposal in the table of all proposals, none for the status quo
    let all = between(&html, r#"id="all-proposals""#, "</table>");
    assert!(all.contains(r#"<span class="obj-label">2035</span>"#));
    for p in &set.proposals {
        let row = between(all, &format!(r#"<tr data-id="{}""#, p.id), "</tr>");
        let class = &p.scenario.as_ref().unwrap().class;
        assert!(
            row.contains(&format!(r#"data-class="{class}""#)),
            "{}",
            p.id
        );
    }
    let sq = between(all, r#"<tr data-id="status_quo""#, "</tr>");
    assert!(!sq.contains("sc-badge"));
    // an outside proposal, if any, is named as such with its gap
    if let Some(p) = set
        .proposals
        .iter()
        .find(|p| p.scenario.as_ref().unwrap().class == "outside")
    {
        assert!(between(all, &format!(r#"<tr data-id="{}""#, p.id), "</tr>").contains("außerhalb"));
    }
}

#[test]
fn the_what_if_constraints_head_the_report() {
    let (set, html) = harz_scenario_run();
    assert_eq!(set.what_if.locks.len(), 1);
    assert_eq!(set.what_if.locks[0].function, "landgericht");
    let header = between(&html, r#"<header class="page-head">"#, "</header>");
    assert!(
        header.contains("<b>Vorgaben:</b> Landgericht in Quedlinburg (gesetzt)."),
        "{header}"
    );
    for p in &set.proposals {
        assert_eq!(p.allocation["landgericht"], vec!["quedlinburg".to_string()]);
    }
    // without what-ifs there is no such line
    assert!(!render(&harz_front_with_pt()).contains(r#"id="what-if""#));
    // with a forbid too, both appear in order
    let mut both = set.clone();
    both.what_if
        .forbids
        .push(impuls::pareto::proposal::FunctionTown {
            function: "zentralklinik".into(),
            town: "wernigerode".into(),
        });
    let html = render(&both);
    assert!(html.contains(
        "Landgericht in Quedlinburg (gesetzt), Zentralklinikum / Krankenhaus der Maximalversorgung nicht in Wernigerode (ausgeschlossen)."
    ));
}

#[test]
fn the_report_links_the_calibration_section_relative_to_where_it_is_written() {
    let (_, html) = harz_scenario_run();
    let footnote = between(&html, r#"<p class="footnote" id="fn-pt">"#, "</p>");
    let href = footnote
        .split(r#"<a href=""#)
        .nth(1)
        .and_then(|x| x.split('"').next())
        .expect("a link");
    assert!(
        href.ends_with("instances/harz/README.md#travel-times-impedancecsv-and-its-calibration"),
        "{href}"
    );
    assert!(!href.starts_with('/'), "relative to the report: {href}");
}
