//! impuls native JSON instances (docs/instance-format.md).
//!
//! The file is exactly the serde shape of [`Instance`]: `name`, `crs`, `impedance`, `demand`,
//! `sites`; unknown keys are rejected. A travel-time matrix is not part of the file; the CLI
//! attaches it with [`DistanceMatrix::read_csv`](crate::distance::DistanceMatrix::read_csv).
use super::{read_text, Crs, Impedance, Instance};
use crate::error::{Error, Result};
use serde::de::IgnoredAny;
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
    let mut instance: Instance = serde_json::from_str(text).map_err(|e| json_error(path, &e))?;
    if instance.crs == Crs::Wgs84 && !has_impedance(text) {
        instance.impedance = Impedance::default_for(Crs::Wgs84);
    }
    instance.source = path.display().to_string();
    if instance.name.trim().is_empty() {
        instance.name = file_stem(path);
    }
    Ok(instance)
}

/// Whether the JSON object in `text` (already known to be valid) has an `impedance` key. The
/// serde default of [`Instance::impedance`] is Euclidean, which only fits planar instances.
fn has_impedance(text: &str) -> bool {
    #[derive(Deserialize)]
    struct Probe {
        impedance: Option<IgnoredAny>,
    }
    serde_json::from_str::<Probe>(text).is_ok_and(|p| p.impedance.is_some())
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
