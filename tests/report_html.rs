//! The HTML report rendered from a hand-written sample `ProposalSet`: structure, German text,
//! self-containedness, escaping.

use impuls::pareto::proposal::ProposalSet;
use impuls::report::html::render;

fn sample() -> ProposalSet {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/proposals_sample.json"
    ))
    .expect("sample exists");
    serde_json::from_str(&text).expect("sample parses as a ProposalSet")
}

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
fn many_proposals_feature_at_most_six() {
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
    assert!((1..=6).contains(&columns), "{columns} featured columns");
    assert!(header.contains("beste Erreichbarkeit") && header.contains("Kompromiss"));
    assert!(html.contains(r#"data-id="P30""#));
}
