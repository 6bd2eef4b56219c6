//! impuls native JSON instances (docs/instance-format.md).
//!
//! The file is exactly the serde shape of [`Instance`]: `name`, `crs`, `impedance`, `demand`,
//! `sites`; unknown keys are rejected. A travel-time matrix is not part of the file; the CLI
//! attaches it with [`DistanceMatrix::read_csv`](crate::distance::DistanceMatrix::read_csv).
use super::{read_text, Crs, DemandPoint, Impedance, Instance, Site};
use crate::error::{Error, Result};
use serde::Deserialize;
use std::path::Path;

/// Reads a native JSON instance from `path` (not yet validated; see [`Instance::validate`]).
///
/// `source` is set to the path; an empty or missing `name` becomes the file stem; a wgs84
/// instance without `impedance` gets [`Impedance::default_for`] wgs84 (haversine km). Syntax
/// and shape errors name the line and column.
///
/// ```
/// let inst = impuls::instance::native::read("instances/demo/demo.json".as_ref()).unwrap();
/// assert_eq!(inst.name, "demo");
/// ```
pub fn read(path: &Path) -> Result<Instance> {
    parse(&read_text(path)?, path)
}

/// Parses native JSON `text`; `path` is used for the name, `source` and error messages.
///
/// ```
/// let json = r#"{"demand": [{"id": "a", "x": 0, "y": 0}],
///                "sites": [{"id": "s", "x": 1, "y": 0}]}"#;
/// let inst = impuls::instance::native::parse(json, "mini.json".as_ref()).unwrap();
/// assert_eq!((inst.name.as_str(), inst.demand[0].weight), ("mini", 1.0));
/// let err = impuls::instance::native::parse("{\n  \"demand\": 1", "bad.json".as_ref());
/// assert!(err.unwrap_err().to_string().starts_with("bad.json: line 2, column "));
/// ```
pub fn parse(text: &str, path: &Path) -> Result<Instance> {
    let file: NativeFile = serde_json::from_str(text).map_err(|e| json_error(path, &e))?;
    let name = if file.name.trim().is_empty() {
        file_stem(path)
    } else {
        file.name
    };
    Ok(Instance {
        name,
        source: path.display().to_string(),
        crs: file.crs,
        impedance: file
            .impedance
            .unwrap_or_else(|| Impedance::default_for(file.crs)),
        demand: file.demand,
        sites: file.sites,
        matrix: None,
    })
}

/// The file's shape: [`Instance`]'s serialised fields, with `impedance` optional because its
/// default depends on `crs` (Euclidean for planar, haversine km for wgs84). Reading this shape
/// once replaces a second parse of the whole text that only asked whether `impedance` was
/// there (0.9 s of a 545 MB file).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NativeFile {
    #[serde(default)]
    name: String,
    #[serde(default)]
    crs: Crs,
    impedance: Option<Impedance>,
    demand: Vec<DemandPoint>,
    sites: Vec<Site>,
}

/// A serde_json error as an [`Error::Input`] at `line L, column C`, without serde_json's own
/// " at line L column C" suffix.
pub(crate) fn json_error(path: &Path, e: &serde_json::Error) -> Error {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full);
    Error::input(
        path,
        format!("line {}, column {}", e.line(), e.column()),
        message,
    )
}

/// The file name without directory and extension (`pmed1.txt` → `pmed1`), for instance names.
pub(crate) fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}
