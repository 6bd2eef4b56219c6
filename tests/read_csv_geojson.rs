//! CSV pair and GeoJSON readers: the demo files and broken inputs.

use impuls::instance::{self, csv_pair, geojson, native, Crs, Metric, ReadOptions};
use std::path::{Path, PathBuf};

fn demo(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("instances/demo")
        .join(name)
}

/// Writes `demand` and `sites` CSV texts to `demand.csv`/`sites.csv` and reads them.
fn read_pair(demand: &str, sites: &str, crs: Crs) -> impuls::Result<instance::Instance> {
    let dir = tempfile::tempdir().unwrap();
    let (d, s) = (dir.path().join("demand.csv"), dir.path().join("sites.csv"));
    std::fs::write(&d, demand).unwrap();
    std::fs::write(&s, sites).unwrap();
    csv_pair::read(&d, &s, crs)
}

const SITES: &str = "id,x,y\nA,0,0\n";
const DEMAND: &str = "id,x,y,weight\na,1,1,10\n";

fn demand_error(demand: &str, crs: Crs) -> String {
    read_pair(demand, SITES, crs).unwrap_err().to_string()
}

fn sites_error(sites: &str) -> String {
    read_pair(DEMAND, sites, Crs::Planar)
        .unwrap_err()
        .to_string()
}

/// Reads GeoJSON `text` from a temporary `points.geojson`.
fn read_geojson(text: &str, options: &ReadOptions) -> impuls::Result<instance::Instance> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("points.geojson");
    std::fs::write(&path, text).unwrap();
    geojson::read(&path, options)
}

fn point(coords: &str, props: &str) -> String {
    format!(
        r#"{{"type": "Feature", "geometry": {{"type": "Point", "coordinates": {coords}}},
            "properties": {{{props}}}}}"#
    )
}

fn collection(features: &[String]) -> String {
    format!(
        r#"{{"type": "FeatureCollection", "features": [{}]}}"#,
        features.join(",")
    )
}

#[test]
fn demo_csv_pair_equals_demo_json() {
    let json = native::read(&demo("demo.json")).unwrap();
    let csv = csv_pair::read(&demo("demand.csv"), &demo("sites.csv"), Crs::Planar).unwrap();
    csv.validate().unwrap();
    assert_eq!(csv.demand, json.demand);
    assert_eq!(csv.sites, json.sites);
    assert_eq!((csv.crs, csv.impedance), (json.crs, json.impedance));
    assert_eq!(csv.name, "demand");
}

#[test]
fn demo_geojson_reads_as_wgs84_haversine() {
    let path = demo("demo.geojson");
    let inst = instance::read(&path, None, &ReadOptions::default()).unwrap();
    assert_eq!(
        (inst.crs, inst.impedance.metric),
        (Crs::Wgs84, Metric::Haversine)
    );
    assert_eq!(inst.name, "demo-harz");
    assert!(inst.demand.len() + inst.sites.len() >= 20);
    assert_eq!(inst.required_sites().len(), 1);
    for d in &inst.demand {
        assert!(
            (10.6..=11.4).contains(&d.x) && (51.6..=51.95).contains(&d.y),
            "{d:?}"
        );
    }
}

#[test]
fn csv_aliases_optional_columns_and_flags() {
    let demand = "ID,Lat,Lon,Weight,Load,Name\n# a comment line\n\
                  a,51.8,10.8,100,7,Wernigerode\n\nb, 51.9 ,11.0,0,,\n";
    let sites =
        "id,x,y,capacity,required,cost,name\nA,10.8,51.8,50,YES,2,\nB,11,51.9,60,0,,B-Stadt\n\
                 C,11,51.7,70,,3,\n";
    let inst = read_pair(demand, sites, Crs::Wgs84).unwrap();
    inst.validate().unwrap();
    let (a, b) = (&inst.demand[0], &inst.demand[1]);
    assert_eq!(
        (a.x, a.y, a.load, a.name.as_deref()),
        (10.8, 51.8, Some(7.0), Some("Wernigerode"))
    );
    assert_eq!(
        (b.x, b.weight, b.load, b.name.as_deref()),
        (11.0, 0.0, None, None)
    );
    let req: Vec<bool> = inst.sites.iter().map(|s| s.required).collect();
    assert_eq!(req, [true, false, false]);
    assert_eq!((inst.sites[0].cost, inst.sites[1].cost), (Some(2.0), None));
    assert_eq!(inst.sites[1].name.as_deref(), Some("B-Stadt"));
    assert_eq!(inst.impedance.metric, Metric::Haversine);
}

#[test]
fn csv_demand_errors_name_file_row_and_field() {
    let cases = [
        (
            "id,x,y,weight\na,1,1,1\nb,2,2\n",
            "demand.csv: row 3: expected 4 columns, found 3",
        ),
        (
            "id,x,y,weight\na,1,1,1\n\nb,2,2,2,9\n",
            "demand.csv: row 4: expected 4 columns, found 5",
        ),
        (
            "id,x,y,weight\na,1,1,1\nb,2,abc,1\n",
            "demand.csv: row 3: y 'abc' is not a number",
        ),
        (
            "id,x,y,weight\n# note\n\nb,1,x,1\n",
            "demand.csv: row 4: y 'x' is not a number",
        ),
        (
            "id,x,y,weight\na,1,1,1\n\"b\nc\",2,2\n",
            "demand.csv: row 3: expected 4 columns, found 3",
        ),
        (
            "id,x,y,weight\n\"b\nc\",2,2,2\nd,1,1,-1\n",
            "demand.csv: row 4: weight -1 is negative",
        ),
        (
            "id,x,y,weight\na,NaN,1,1\n",
            "demand.csv: row 2: coordinate (NaN, 1) is not finite",
        ),
        (
            "id,x,y,weight\na,inf,1,1\n",
            "demand.csv: row 2: coordinate (inf, 1) is not finite",
        ),
        (
            "id,x,y,weight\na,1,1,-2\n",
            "demand.csv: row 2: weight -2 is negative",
        ),
        (
            "id,x,y,weight\na,1,1,NaN\n",
            "demand.csv: row 2: weight NaN is not a finite number",
        ),
        (
            "id,x,y,weight\na,1,1,\n",
            "demand.csv: row 2: weight is empty",
        ),
        (
            "id,x,y,weight,load\na,1,1,1,-1\n",
            "demand.csv: row 2: load -1 is negative",
        ),
        ("id,x,y,weight\n,1,1,1\n", "demand.csv: row 2: id is empty"),
        (
            "id,x,y\na,1,1\n",
            "demand.csv: row 1: missing column 'weight' (need id,x,y,weight)",
        ),
        (
            "id,x,weight\na,1,1\n",
            "demand.csv: row 1: missing column 'y' (need id,x,y,weight)",
        ),
        (
            "id,x,y,weight,pop\na,1,1,1,5\n",
            "demand.csv: row 1: unknown column 'pop'",
        ),
        (
            "id,x,lon,y,weight\na,1,1,1,1\n",
            "demand.csv: row 1: column 'x' appears twice",
        ),
        (
            "id,x,y,weight\na,1,1,1\nb,2,2,2\na,3,3,3\n",
            "demand.csv: row 4: duplicate id 'a', first used in row 2",
        ),
    ];
    for (content, expected) in cases {
        let err = demand_error(content, Crs::Planar);
        assert!(
            err.contains(expected),
            "{err:?} should contain {expected:?}"
        );
    }
    let err = demand_error(
        "id,lon,lat,weight\na,10.5,51.8,1\nb,10.5,95,1\n",
        Crs::Wgs84,
    );
    assert!(
        err.contains("demand.csv: row 3: latitude 95 is outside ±90"),
        "{err}"
    );
    // Planar coordinates are not range-checked.
    assert!(read_pair("id,lon,lat,weight\nb,10.5,95,1\n", SITES, Crs::Planar).is_ok());
}

#[test]
fn csv_site_errors_name_file_row_and_field() {
    let cases = [
        (
            "id,x,y,required\nA,0,0,maybe\n",
            "sites.csv: row 2: required 'maybe' is not true/false/1/0/yes/no",
        ),
        (
            "id,x,y,capacity\nA,0,0,-5\n",
            "sites.csv: row 2: capacity -5 is negative",
        ),
        (
            "id,x,y,cost\nA,0,0,x\n",
            "sites.csv: row 2: cost 'x' is not a number",
        ),
        (
            "id,x,y\nA,0,0\nB,1\n",
            "sites.csv: row 3: expected 3 columns, found 2",
        ),
        (
            "id,y\nA,0\n",
            "sites.csv: row 1: missing column 'x' (need id,x,y)",
        ),
        (
            "id,x,y\nA,0,0\nA,1,1\n",
            "sites.csv: row 3: duplicate id 'A', first used in row 2",
        ),
        (
            "id,x,y,weight\nA,0,0,1\n",
            "sites.csv: row 1: unknown column 'weight'",
        ),
    ];
    for (content, expected) in cases {
        let err = sites_error(content);
        assert!(
            err.contains(expected),
            "{err:?} should contain {expected:?}"
        );
    }
}

#[test]
fn csv_byte_order_mark_and_quoted_names() {
    let demand = "\u{feff}id,x,y,weight,name\na,1,1,1,\"Halle (Saale), Stadt\"\n";
    let inst = read_pair(demand, SITES, Crs::Planar).unwrap();
    assert_eq!(inst.demand[0].name.as_deref(), Some("Halle (Saale), Stadt"));
}

#[test]
fn geojson_roles_ids_and_defaults() {
    let text = collection(&[
        point("[10.8, 51.8]", r#""name": "Wernigerode", "weight": "120""#),
        point(
            "[10.9, 51.85]",
            r#""role": "Facility", "id": 42, "capacity": 10, "required": "yes""#,
        ),
        point(
            "[11.0, 51.9]",
            r#""role": "candidate", "cost": 3, "capacity": 5"#,
        ),
        point(
            "[11.1, 51.7]",
            r#""role": "demand", "id": "qlb", "load": 4"#,
        ),
    ]);
    let inst = read_geojson(&text, &ReadOptions::default()).unwrap();
    inst.validate().unwrap();
    let ids: Vec<&str> = inst.demand.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["1", "qlb"]);
    assert_eq!((inst.demand[0].weight, inst.demand[1].weight), (120.0, 1.0));
    assert_eq!(inst.demand[1].load, Some(4.0));
    let s = &inst.sites;
    assert_eq!(
        (s[0].id.as_str(), s[0].required, s[0].capacity),
        ("42", true, Some(10.0))
    );
    assert_eq!((s[1].id.as_str(), s[1].cost), ("3", Some(3.0)));
    assert_eq!(inst.name, "points");
}

#[test]
fn geojson_crs_and_metric_options() {
    let text = collection(&[
        point("[100, 200]", ""),
        point("[103, 204]", r#""role": "site""#),
    ]);
    let planar = ReadOptions {
        metric: None,
        crs: Some(Crs::Planar),
    };
    let inst = read_geojson(&text, &planar).unwrap();
    assert_eq!((inst.crs, inst.impedance(0, 0)), (Crs::Planar, Some(5.0)));
    let floor = ReadOptions {
        metric: Some(Metric::Floor),
        crs: Some(Crs::Planar),
    };
    assert_eq!(
        read_geojson(&text, &floor).unwrap().impedance.metric,
        Metric::Floor
    );
    let err = read_geojson(&text, &ReadOptions::default())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("points.geojson: feature 1: latitude 200 is outside ±90"),
        "{err}"
    );
}

#[test]
fn geojson_errors_name_file_and_feature() {
    let site = point("[11, 51.9]", r#""role": "site""#);
    let with_site = |features: &[String]| {
        let mut all = vec![site.clone()];
        all.extend_from_slice(features);
        collection(&all)
    };
    let demand = |props: &str| point("[11, 51.8]", props);
    let line = r#"{"type": "Feature", "properties": {},
        "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}}"#;
    let no_geometry = r#"{"type": "Feature", "geometry": null, "properties": {}}"#;
    let cases = [
        (
            collection(&[demand("")]),
            "points.geojson: features: no features with role=site",
        ),
        (
            with_site(&[]),
            "points.geojson: features: no features with role=demand",
        ),
        (
            with_site(&[demand(r#""role": "depot""#)]),
            "points.geojson: feature 2: role \"depot\" is not \"demand\" or \"site\"",
        ),
        (
            with_site(&[demand(r#""weight": -3"#)]),
            "points.geojson: feature 2: weight -3 is negative",
        ),
        (
            with_site(&[demand(r#""weight": [1]"#)]),
            "points.geojson: feature 2: weight [1] is not a number",
        ),
        (
            with_site(&[demand(r#""id": "x""#), demand(r#""id": "x""#)]),
            "points.geojson: feature 3: duplicate id 'x', first used by feature 2",
        ),
        (
            with_site(&[line.to_string()]),
            "points.geojson: feature 2: geometry is a LineString, expected a Point",
        ),
        (
            with_site(&[no_geometry.to_string()]),
            "points.geojson: feature 2: has no geometry (expected a Point)",
        ),
        (
            site.clone(),
            "points.geojson: top level: expected a FeatureCollection",
        ),
    ];
    for (content, expected) in cases {
        let err = read_geojson(&content, &ReadOptions::default())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(expected),
            "{err:?} should contain {expected:?}"
        );
    }
    let err = read_geojson(
        "{\"type\": \"FeatureCollection\",\n \"features\": [}",
        &ReadOptions::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("points.geojson: line 2, column "), "{err}");
}

#[test]
fn geojson_site_flag_errors() {
    let text = collection(&[
        point("[11, 51.8]", ""),
        point("[11, 51.9]", r#""role": "site", "required": "maybe""#),
    ]);
    let err = read_geojson(&text, &ReadOptions::default())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("points.geojson: feature 2: required \"maybe\" is not true/false/1/0/yes/no"),
        "{err}"
    );
    // Site-only properties on a demand feature are ignored, like any other extra property.
    let text = collection(&[
        point("[11, 51.8]", r#""required": "maybe", "population": 5"#),
        point("[11, 51.9]", r#""role": "site""#),
    ]);
    assert!(read_geojson(&text, &ReadOptions::default()).is_ok());
}
