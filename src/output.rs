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
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// Writes to `path` atomically what `write` puts into a buffered writer, so that a large result
/// (10⁷ assignments) is streamed to the disk instead of first being built in memory. An error of
/// `write` leaves `path` as it was.
///
/// ```
/// use std::io::Write;
/// let dir = tempfile::tempdir().unwrap();
/// let p = dir.path().join("n.txt");
/// impuls::output::write_atomic_with(&p, |w| (1..=3).try_for_each(|i| writeln!(w, "{i}"))).unwrap();
/// assert_eq!(std::fs::read_to_string(&p).unwrap(), "1\n2\n3\n");
/// let failed = impuls::output::write_atomic_with(&p, |_| Err(std::io::Error::other("disk full")));
/// assert!(failed.unwrap_err().to_string().contains("disk full"));
/// assert_eq!(std::fs::read_to_string(&p).unwrap(), "1\n2\n3\n");
/// ```
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(path, e))?;
    let mut buffered = std::io::BufWriter::with_capacity(1 << 20, tmp);
    write(&mut buffered).map_err(|e| Error::io(path, e))?;
    let tmp = buffered
        .into_inner()
        .map_err(|e| Error::io(path, e.into_error()))?;
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
    /// Assignments, one [`AssignmentRow`] per demand point.
    pub assignments: Assignments<'a>,
    /// Verified from the instance.
    pub verified: bool,
    /// p.
    pub p: Option<usize>,
    /// Radius.
    pub radius: Option<f64>,
    /// Weight beyond the cutoff of every open site (models with a cutoff).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unallocated: Option<f64>,
    /// Captured share of the total weight (market-share models).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
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
            assignments: Assignments { instance, sol },
            verified: sol.verified,
            p: sol.p,
            radius: sol.radius,
            unallocated: sol.unallocated,
            share: sol.share,
            unit,
            stats: &sol.stats,
        }
    }
}

/// The assignments of a solution, serialised row by row as they are written (no vector of
/// 10⁷ rows in memory).
#[derive(Debug)]
pub struct Assignments<'a> {
    instance: &'a Instance,
    sol: &'a Solution,
}

impl Assignments<'_> {
    /// The row of each demand point, in instance order.
    pub fn rows(&self) -> impl Iterator<Item = AssignmentRow<'_>> {
        let instance = self.instance;
        self.sol
            .assignment
            .iter()
            .enumerate()
            .map(move |(i, a)| AssignmentRow {
                demand: &instance.demand[i].id,
                site: a.map(|j| instance.sites[j].id.as_str()),
                impedance: a.and_then(|j| instance.impedance(i, j)),
                weight: instance.demand[i].weight,
            })
    }
}

impl Serialize for Assignments<'_> {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_seq(self.rows())
    }
}

/// The result as pretty JSON.
pub fn result_json(instance: &Instance, sol: &Solution) -> String {
    serde_json::to_string_pretty(&ResultJson::new(instance, sol)).expect("result serialises")
}

/// Writes [`result_json`] to `w` without building it in memory.
///
/// ```
/// use impuls::{instance, model::{ModelKind, Problem}, solve::solve};
/// let inst = instance::read("instances/demo/demo.json".as_ref(), None, &Default::default()).unwrap();
/// let sol = solve(&inst, &Problem::new(ModelKind::PMedian).with_p(2), &Default::default()).unwrap();
/// let mut bytes = Vec::new();
/// impuls::output::write_result_json(&mut bytes, &inst, &sol).unwrap();
/// assert_eq!(String::from_utf8(bytes).unwrap(), impuls::output::result_json(&inst, &sol));
/// ```
pub fn write_result_json(
    w: impl Write,
    instance: &Instance,
    sol: &Solution,
) -> std::io::Result<()> {
    serde_json::to_writer_pretty(w, &ResultJson::new(instance, sol)).map_err(std::io::Error::from)
}

/// Writes the assignments as CSV to `w`:
/// `demand_id,demand_name,site_id,site_name,impedance,weight`, one row per demand point.
///
/// ```
/// use impuls::{instance, model::{ModelKind, Problem}, solve::solve};
/// let inst = instance::read("instances/demo/demo.json".as_ref(), None, &Default::default()).unwrap();
/// let sol = solve(&inst, &Problem::new(ModelKind::PMedian).with_p(2), &Default::default()).unwrap();
/// let mut bytes = Vec::new();
/// impuls::output::write_assignments_csv(&mut bytes, &inst, &sol).unwrap();
/// let text = String::from_utf8(bytes).unwrap();
/// assert!(text.starts_with("demand_id,demand_name,site_id,site_name,impedance,weight\n"));
/// assert_eq!(text.lines().count(), 1 + inst.demand.len());
/// ```
pub fn write_assignments_csv(
    w: impl Write,
    instance: &Instance,
    sol: &Solution,
) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(w);
    w.write_record([
        "demand_id",
        "demand_name",
        "site_id",
        "site_name",
        "impedance",
        "weight",
    ])?;
    for (i, a) in sol.assignment.iter().enumerate() {
        let d = &instance.demand[i];
        let (sid, sname, imp) = match a {
            Some(j) => (
                instance.sites[*j].id.as_str(),
                instance.site_label(*j),
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
            sid,
            sname,
            &imp,
            &d.weight.to_string(),
        ])?;
    }
    w.flush()
}

/// Writes the solution to `w` as a GeoJSON FeatureCollection: sites (with `open`), demand
/// points (with their site) and one line per assignment, one feature at a time.
///
/// ```
/// use impuls::{instance, model::{ModelKind, Problem}, solve::solve};
/// let inst = instance::read("instances/demo/demo.json".as_ref(), None, &Default::default()).unwrap();
/// let sol = solve(&inst, &Problem::new(ModelKind::PMedian).with_p(2), &Default::default()).unwrap();
/// let mut bytes = Vec::new();
/// impuls::output::write_solution_geojson(&mut bytes, &inst, &sol).unwrap();
/// let fc: geojson::FeatureCollection = String::from_utf8(bytes).unwrap().parse::<geojson::GeoJson>().unwrap().try_into().unwrap();
/// let lines = inst.demand.len(); // every demand point is assigned
/// assert_eq!(fc.features.len(), inst.sites.len() + inst.demand.len() + lines);
/// ```
pub fn write_solution_geojson(
    w: impl Write,
    instance: &Instance,
    sol: &Solution,
) -> std::io::Result<()> {
    use geojson::{Feature, FeatureWriter, Geometry, JsonObject};
    let mut out = FeatureWriter::from_writer(w);
    if instance.crs == Crs::Planar {
        out.write_foreign_member("impuls_crs", "planar")
            .map_err(geojson_io)?;
    }
    let mut write = |geometry: Geometry, props: &JsonObject| {
        let feature = Feature {
            geometry: Some(geometry),
            properties: Some(props.clone()),
            ..Default::default()
        };
        out.write_feature(&feature).map_err(geojson_io)
    };
    let point = |x: f64, y: f64| Geometry::new_point([x, y]);
    let mut open = vec![false; instance.sites.len()];
    sol.open.iter().for_each(|&j| open[j] = true);
    for (j, s) in instance.sites.iter().enumerate() {
        let mut props = JsonObject::new();
        props.insert("role".into(), "site".into());
        props.insert("id".into(), s.id.clone().into());
        props.insert("name".into(), instance.site_label(j).into());
        props.insert("open".into(), open[j].into());
        props.insert("required".into(), s.required.into());
        write(point(s.x, s.y), &props)?;
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
        write(point(d.x, d.y), &props)?;
        if let Some(j) = a {
            let s = &instance.sites[j];
            props.insert("role".into(), "assignment".into());
            write(Geometry::new_line_string([[d.x, d.y], [s.x, s.y]]), &props)?;
        }
    }
    out.finish().map_err(geojson_io)?;
    out.flush().map_err(geojson_io)
}

/// A geojson writer error as an I/O error (the only errors it can have here are I/O).
fn geojson_io(e: geojson::Error) -> std::io::Error {
    std::io::Error::other(e)
}
