//! The output directory of `impuls pareto`: proposals.json, proposals.csv, pareto.csv,
//! allocation.geojson and report.html, each written atomically.

use super::objective::ALL;
use super::proposal::ProposalSet;
use crate::error::{Error, Result};
use crate::output::write_atomic;
use std::path::Path;

fn csv_bytes(rows: Vec<Vec<String>>) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.write_record(&r).map_err(|e| Error::Io {
            path: "<csv>".into(),
            message: e.to_string(),
        })?;
    }
    w.into_inner().map_err(|e| Error::Io {
        path: "<csv>".into(),
        message: e.to_string(),
    })
}

/// `pareto.csv`: one row per proposal (status quo first) with all objective values, then the
/// readable values (`access_avg_min`, `coverage_pct`, `pt_access_avg_min`, `pt_reach_pct`) and,
/// with a scenario, `scenario_class` and `scenario_gap_pct`.
pub fn pareto_csv(set: &ProposalSet) -> Result<Vec<u8>> {
    let readable: Vec<(&str, &str)> = set
        .all_objectives
        .iter()
        .filter_map(|info| {
            let o = ALL.iter().find(|o| o.name() == info.name)?;
            Some((o.name(), o.readable_column()?))
        })
        .collect();
    let scenario = set.scenario.is_some();
    let mut header: Vec<String> = std::iter::once("proposal".to_string())
        .chain(set.all_objectives.iter().map(|o| o.name.clone()))
        .chain(readable.iter().map(|(_, c)| c.to_string()))
        .collect();
    if scenario {
        header.extend(["scenario_class".into(), "scenario_gap_pct".into()]);
    }
    let mut rows = vec![header];
    for p in std::iter::once(&set.status_quo).chain(&set.proposals) {
        let mut row: Vec<String> = std::iter::once(p.id.clone())
            .chain(set.all_objectives.iter().map(|o| {
                p.objectives
                    .get(&o.name)
                    .map_or(String::new(), |v| v.to_string())
            }))
            .chain(readable.iter().map(|(name, _)| {
                p.readable
                    .get(*name)
                    .map_or(String::new(), |r| format!("{:.4}", r.value))
            }))
            .collect();
        if scenario {
            match &p.scenario {
                Some(e) => row.extend([e.class.clone(), format!("{:.4}", e.gap_pct)]),
                None => row.extend([String::new(), String::new()]),
            }
        }
        rows.push(row);
    }
    csv_bytes(rows)
}

/// `proposals.csv`: function × proposal table of towns (`;`-separated where several).
pub fn proposals_csv(set: &ProposalSet) -> Result<Vec<u8>> {
    let all: Vec<_> = std::iter::once(&set.status_quo)
        .chain(&set.proposals)
        .collect();
    let mut rows = vec![["function", "name", "field"]
        .iter()
        .map(|s| s.to_string())
        .chain(all.iter().map(|p| p.id.clone()))
        .collect()];
    for f in &set.functions {
        let mut row = vec![f.id.clone(), f.name.clone(), f.field.clone()];
        for p in &all {
            row.push(
                p.allocation
                    .get(&f.id)
                    .map(|t| t.join(";"))
                    .unwrap_or_default(),
            );
        }
        rows.push(row);
    }
    csv_bytes(rows)
}

/// `allocation.geojson`: towns with the functions of every proposal, places with population and
/// per-proposal mean minutes.
pub fn allocation_geojson(set: &ProposalSet) -> String {
    use geojson::{Feature, FeatureCollection, Geometry, JsonObject};
    let all: Vec<_> = std::iter::once(&set.status_quo)
        .chain(&set.proposals)
        .collect();
    let mut features = Vec::new();
    for (t, town) in set.towns.iter().enumerate() {
        let mut props = JsonObject::new();
        props.insert("role".into(), "town".into());
        props.insert("id".into(), town.id.clone().into());
        props.insert("name".into(), town.name.clone().into());
        props.insert("partner".into(), town.partner.into());
        for p in &all {
            let f = p
                .towns
                .get(t)
                .map(|s| s.functions.clone())
                .unwrap_or_default();
            props.insert(format!("functions_{}", p.id), f.into());
        }
        features.push(Feature {
            geometry: Some(Geometry::new_point([town.lon, town.lat])),
            properties: Some(props),
            ..Default::default()
        });
    }
    for (i, place) in set.places.iter().enumerate() {
        let mut props = JsonObject::new();
        props.insert("role".into(), "place".into());
        props.insert("id".into(), place.id.clone().into());
        props.insert("name".into(), place.name.clone().into());
        props.insert("population".into(), place.population.into());
        for p in &all {
            props.insert(
                format!("minutes_{}", p.id),
                p.place_minutes.get(i).copied().into(),
            );
        }
        features.push(Feature {
            geometry: Some(Geometry::new_point([place.lon, place.lat])),
            properties: Some(props),
            ..Default::default()
        });
    }
    FeatureCollection {
        features,
        bbox: None,
        foreign_members: None,
    }
    .to_string()
}

/// Writes every output file of `set` into `dir` (created if missing).
pub fn write_all(dir: &Path, set: &ProposalSet) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let json = serde_json::to_string_pretty(set).expect("proposal set serialises");
    write_atomic(&dir.join("proposals.json"), json.as_bytes())?;
    write_atomic(&dir.join("pareto.csv"), &pareto_csv(set)?)?;
    write_atomic(&dir.join("proposals.csv"), &proposals_csv(set)?)?;
    write_atomic(
        &dir.join("allocation.geojson"),
        allocation_geojson(set).as_bytes(),
    )?;
    write_atomic(
        &dir.join("report.html"),
        crate::report::html::render_in(set, dir).as_bytes(),
    )?;
    Ok(())
}
