//! Native JSON reader: the demo instance and broken inputs.

use impuls::instance::{self, native, Crs, Format, Metric};
use std::path::{Path, PathBuf};

fn demo(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("instances/demo")
        .join(name)
}

/// Writes `content` to a temporary `file` and returns the reader's error text.
fn error_of(file: &str, content: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(file);
    std::fs::write(&path, content).unwrap();
    native::read(&path).unwrap_err().to_string()
}

#[test]
fn demo_json_reads_and_validates() {
    let path = demo("demo.json");
    assert_eq!(Format::guess(&path), Some(Format::Native));
    let inst = instance::read(&path, None, &Default::default()).unwrap();
    assert_eq!((inst.name.as_str(), inst.crs), ("demo", Crs::Planar));
    assert_eq!(inst.impedance.metric, Metric::Euclidean);
    assert_eq!((inst.demand.len(), inst.sites.len()), (30, 8));
    assert_eq!(inst.required_sites().len(), 1);
    assert_eq!(inst.source, path.display().to_string());
    assert!(inst
        .demand
        .iter()
        .all(|d| d.weight >= 1.0 && d.weight.fract() == 0.0));
    assert!(inst.matrix.is_none() && !inst.is_capacitated());
}

#[test]
fn empty_name_becomes_the_file_stem_and_defaults_apply() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kleinstadt.json");
    let json = r#"{"name": "", "demand": [{"id": "a", "lon": 1, "lat": 2}],
                   "sites": [{"id": "s", "x": 0, "y": 0}]}"#;
    std::fs::write(&path, json).unwrap();
    let inst = native::read(&path).unwrap();
    assert_eq!(inst.name, "kleinstadt");
    assert_eq!(
        (inst.demand[0].x, inst.demand[0].y, inst.demand[0].weight),
        (1.0, 2.0, 1.0)
    );
    assert_eq!(
        (inst.crs, inst.impedance.metric),
        (Crs::Planar, Metric::Euclidean)
    );
    assert!(!inst.sites[0].required);
}

#[test]
fn wgs84_without_impedance_defaults_to_haversine() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("geo.json");
    let points = r#""demand": [{"id": "a", "lon": 10.8, "lat": 51.8}],
                    "sites": [{"id": "s", "lon": 11.0, "lat": 51.9}]"#;
    std::fs::write(&path, format!(r#"{{"crs": "wgs84", {points}}}"#)).unwrap();
    let inst = instance::read(&path, None, &Default::default()).unwrap();
    assert_eq!(
        (inst.impedance.metric, inst.impedance.unit()),
        (Metric::Haversine, "km")
    );

    let explicit = r#""impedance": {"metric": "geodesic", "detour": 1.3, "speed_kmh": 60}"#;
    std::fs::write(
        &path,
        format!(r#"{{"crs": "wgs84", {explicit}, {points}}}"#),
    )
    .unwrap();
    let inst = instance::read(&path, None, &Default::default()).unwrap();
    assert_eq!(
        (inst.impedance.metric, inst.impedance.detour),
        (Metric::Geodesic, 1.3)
    );
    assert_eq!(inst.impedance.speed_kmh, Some(60.0));
}

#[test]
fn json_errors_name_file_line_and_column() {
    let err = error_of("broken.json", "{\n  \"demand\": [],\n  \"sites\": [,]\n}");
    assert!(
        err.contains("broken.json: line 3, column 13: expected value"),
        "{err}"
    );
    assert!(
        !err.contains(" at line "),
        "serde_json's own suffix is dropped: {err}"
    );

    let err = error_of(
        "unknown.json",
        "{\"demand\": [], \"sites\": [], \"matrix\": \"m.csv\"}",
    );
    assert!(err.contains("unknown.json: line 1, column "), "{err}");
    assert!(err.contains("unknown field `matrix`"), "{err}");

    let err = error_of("missing.json", "{\"demand\": []}");
    assert!(
        err.contains("missing.json: line 1, column 14: missing field `sites`"),
        "{err}"
    );

    let json = "{\"demand\": [{\"id\": \"a\", \"x\": \"1\", \"y\": 0}], \"sites\": []}";
    let err = error_of("types.json", json);
    assert!(err.contains("types.json: line 1, column "), "{err}");
    assert!(
        err.contains("invalid type: string \"1\", expected f64"),
        "{err}"
    );
}

#[test]
fn validation_of_a_native_instance_names_the_item() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("neg.json");
    let json = r#"{"demand": [{"id": "a", "x": 0, "y": 0, "weight": -5}],
                   "sites": [{"id": "s", "x": 0, "y": 0}]}"#;
    std::fs::write(&path, json).unwrap();
    let err = instance::read(&path, None, &Default::default())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("neg.json: demand #1 (id 'a'): weight -5 is negative"),
        "{err}"
    );
}

#[test]
fn validation_reports_the_first_bad_item_in_file_order() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            r#"[{"id": "a", "x": 0, "y": 0}, {"id": "b", "x": 1, "y": 0},
                {"id": "a", "x": 2, "y": 0}, {"id": "c", "x": 0, "y": 0, "load": -1}]"#,
            r#"[{"id": "s", "x": 0, "y": 0}]"#,
            "dup.json: demand #3 (id 'a'): duplicate id, first used by demand #1",
        ),
        (
            r#"[{"id": "a", "x": 0, "y": 0}, {"id": "b", "x": 1, "y": 0, "load": -1}]"#,
            r#"[{"id": "s", "x": 0, "y": 0}]"#,
            "dup.json: demand #2 (id 'b'): load -1 is negative",
        ),
        (
            r#"[{"id": "a", "x": 0, "y": 0}]"#,
            r#"[{"id": "s", "x": 0, "y": 0}, {"id": "t", "x": 0, "y": 0, "cost": -2},
                {"id": "s", "x": 0, "y": 0}]"#,
            "dup.json: site #2 (id 't'): cost -2 is negative",
        ),
        (
            r#"[{"id": "a", "x": 0, "y": 0}]"#,
            r#"[{"id": "s", "x": 0, "y": 0}, {"id": "t", "x": 0, "y": 0},
                {"id": "s", "x": 0, "y": 0, "capacity": 3}]"#,
            "dup.json: site #3 (id 's'): duplicate id, first used by site #1",
        ),
    ];
    for (demand, sites, expected) in cases {
        let path = dir.path().join("dup.json");
        let json = format!(r#"{{"demand": {demand}, "sites": {sites}}}"#);
        std::fs::write(&path, json).unwrap();
        let err = instance::read(&path, None, &Default::default())
            .unwrap_err()
            .to_string();
        assert!(err.contains(expected), "{err}\nexpected: {expected}");
    }
}

#[test]
fn missing_file_is_an_io_error_naming_the_path() {
    let err = native::read(Path::new("/nonexistent/x.json"))
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("/nonexistent/x.json: "), "{err}");
}
