//! Writing results for people and programs: JSON, CSV and GeoJSON, always atomically
//! (a temporary file in the target directory, then a rename), so a reader never sees half a
//! file and an interrupted run leaves the previous file intact.

use crate::error::{Error, Result};
use crate::instance::{Crs, Instance};
use crate::solve::Solution;
use serde::Serialize;
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let p = dir.path().join("a.txt");
/// impuls::output::write_atomic(&p, b"hello").unwrap();
/// assert_eq!(std::fs::read_to_string(&p).unwrap(), "hello");
/// ```
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(path, e))?;
    tmp.write_all(bytes).map_err(|e| Error::io(path, e))?;
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    // a temporary file is private (0600); results are ordinary files (0644)
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o644))
            .map_err(|e| Error::io(path, e))?;
    }
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// One demand point's assignment in the result JSON.
#[derive(Debug, Serialize)]
pub struct AssignmentRow<'a> {
    /// Demand id.
    pub demand: &'a str,
    /// Site id (None: not covered).
    pub site: Option<&'a str>,
    /// Impedance to the site.
    pub impedance: Option<f64>,
    /// Demand weight.
    pub weight: f64,
}

/// The result object printed by `impuls solve --json` and written by `--out`.
#[derive(Debug, Serialize)]
pub struct ResultJson<'a> {
    /// Instance name.
    pub instance: &'a str,
    /// Model name.
    pub model: String,
    /// Status.
    pub status: String,
    /// Verified objective.
    pub objective: Option<f64>,
    /// Proven bound.
    pub bound: Option<f64>,
    /// Relative gap.
    pub gap: Option<f64>,
    /// Seconds.
    pub seconds: f64,
    /// Open site ids.
    pub open: Vec<&'a str>,
    /// Assignments.
    pub assignments: Vec<AssignmentRow<'a>>,
    /// Verified from the instance.
    pub verified: bool,
    /// p.
    pub p: Option<usize>,
    /// Radius.
    pub radius: Option<f64>,
    /// Impedance unit.
    pub unit: &'a str,
    /// Model size and effort.
    pub stats: &'a crate::solve::Stats,
}

impl<'a> ResultJson<'a> {
    /// The JSON view of `sol` on `instance`.
    pub fn new(instance: &'a Instance, sol: &'a Solution) -> Self {
        let unit = if instance.matrix.is_some() {
            "units"
        } else {
            instance.impedance.unit()
        };
        ResultJson {
            instance: &instance.name,
            model: sol.model.to_string(),
            status: sol.status.to_string(),
            objective: sol.objective,
            bound: sol.bound,
            gap: sol.gap,
            seconds: sol.seconds,
            open: sol
                .open
                .iter()
                .map(|&j| instance.sites[j].id.as_str())
                .collect(),
            assignments: assignment_rows(instance, sol),
            verified: sol.verified,
            p: sol.p,
            radius: sol.radius,
            unit,
            stats: &sol.stats,
        }
    }
}

fn assignment_rows<'a>(instance: &'a Instance, sol: &Solution) -> Vec<AssignmentRow<'a>> {
    sol.assignment
        .iter()
        .enumerate()
        .map(|(i, a)| AssignmentRow {
            demand: &instance.demand[i].id,
            site: a.map(|j| instance.sites[j].id.as_str()),
            impedance: a.and_then(|j| instance.impedance(i, j)),
            weight: instance.demand[i].weight,
        })
        .collect()
}

/// The result as pretty JSON.
pub fn result_json(instance: &Instance, sol: &Solution) -> String {
    serde_json::to_string_pretty(&ResultJson::new(instance, sol)).expect("result serialises")
}

/// Assignments as CSV: `demand_id,demand_name,site_id,site_name,impedance,weight`.
pub fn assignments_csv(instance: &Instance, sol: &Solution) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let io = |e: csv::Error| Error::Io {
        path: "<csv>".into(),
        message: e.to_string(),
    };
    w.write_record([
        "demand_id",
        "demand_name",
        "site_id",
        "site_name",
        "impedance",
        "weight",
    ])
    .map_err(io)?;
    for (i, a) in sol.assignment.iter().enumerate() {
        let d = &instance.demand[i];
        let (sid, sname, imp) = match a {
            Some(j) => (
                instance.sites[*j].id.clone(),
                instance.site_label(*j).to_string(),
                instance
                    .impedance(i, *j)
                    .map(|v| v.to_string())
                    .unwrap_or_default(),
            ),
            None => Default::default(),
        };
        w.write_record([
            d.id.as_str(),
            instance.demand_label(i),
            &sid,
            &sname,
            &imp,
            &d.weight.to_string(),
        ])
        .map_err(io)?;
    }
    w.into_inner().map_err(|e| Error::Io {
        path: "<csv>".into(),
        message: e.to_string(),
    })
}

/// The solution as a GeoJSON FeatureCollection: sites (with `open`), demand points (with their
/// site) and one line per assignment.
pub fn solution_geojson(instance: &Instance, sol: &Solution) -> String {
    use geojson::{Feature, FeatureCollection, Geometry, JsonObject};
    let mut features = Vec::new();
    let point = |x: f64, y: f64| Some(Geometry::new_point([x, y]));
    let mut open = vec![false; instance.sites.len()];
    sol.open.iter().for_each(|&j| open[j] = true);
    for (j, s) in instance.sites.iter().enumerate() {
        let mut props = JsonObject::new();
        props.insert("role".into(), "site".into());
        props.insert("id".into(), s.id.clone().into());
        props.insert("name".into(), instance.site_label(j).into());
        props.insert("open".into(), open[j].into());
        props.insert("required".into(), s.required.into());
        features.push(Feature {
            geometry: point(s.x, s.y),
            properties: Some(props),
            ..Default::default()
        });
    }
    for (i, d) in instance.demand.iter().enumerate() {
        let a = sol.assignment.get(i).copied().flatten();
        let mut props = JsonObject::new();
        props.insert("role".into(), "demand".into());
        props.insert("id".into(), d.id.clone().into());
        props.insert("name".into(), instance.demand_label(i).into());
        props.insert("weight".into(), d.weight.into());
        props.insert(
            "site".into(),
            a.map(|j| instance.sites[j].id.clone()).into(),
        );
        props.insert(
            "impedance".into(),
            a.and_then(|j| instance.impedance(i, j)).into(),
        );
        features.push(Feature {
            geometry: point(d.x, d.y),
            properties: Some(props.clone()),
            ..Default::default()
        });
        if let Some(j) = a {
            let s = &instance.sites[j];
            props.insert("role".into(), "assignment".into());
            let line = Geometry::new_line_string([[d.x, d.y], [s.x, s.y]]);
            features.push(Feature {
                geometry: Some(line),
                properties: Some(props),
                ..Default::default()
            });
        }
    }
    let mut fc = FeatureCollection {
        features,
        bbox: None,
        foreign_members: None,
    };
    if instance.crs == Crs::Planar {
        let mut fm = JsonObject::new();
        fm.insert("impuls_crs".into(), "planar".into());
        fc.foreign_members = Some(fm);
    }
    fc.to_string()
}
