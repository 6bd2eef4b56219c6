//! The readers under fuzz, each with its real seed files: every instance format through
//! `instance::read` (as the CLI calls it), the three matrix formats attached to a fixed
//! instance, and the catalogue directories of `impuls pareto` through `catalogue::read`.

use impuls::distance::{DistanceMatrix, MatrixFormat, MatrixOptions};
use impuls::instance::catalogue::{self, CatalogueOptions};
use impuls::instance::{self, csv_pair, orlib, Crs, Format, Instance, ReadOptions};
use impuls::Result;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A reader under fuzz.
pub struct Target {
    pub name: &'static str,
    /// Seeds: each a set of files (name, content) written into one directory.
    pub seeds: Vec<Vec<(String, Vec<u8>)>>,
    /// Which file names may be mutated (empty: all).
    pub mutable: &'static [&'static str],
    /// Reads the directory the files were written to; `variant` picks options.
    pub run: fn(&Path, u64) -> Result<()>,
    /// Refusals name the directory (the reader chooses which of its files to blame).
    pub names_dir: bool,
}

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn file(path: &Path, name: &str) -> (String, Vec<u8>) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("seed {}: {e}", path.display()));
    (name.to_string(), bytes)
}

fn text(name: &str, text: &str) -> (String, Vec<u8>) {
    (name.to_string(), text.as_bytes().to_vec())
}

/// Every directory's files as one seed.
fn dir_seed(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .map(|p| file(&p, &p.file_name().unwrap().to_string_lossy()))
        .collect();
    files.sort();
    files
}

/// All targets; `bench` is the benchmark directory (OR-Library, TSPLIB, SJC seeds) if present.
pub fn all(bench: Option<&Path>) -> Vec<Target> {
    let demo = manifest().join("instances/demo");
    let data = manifest().join("tests/data");
    let bench_seed = |rel: &str, name: &str| bench.map(|b| vec![file(&b.join(rel), name)]);
    let mut targets = vec![
        Target {
            name: "native",
            seeds: vec![
                vec![file(&demo.join("demo.json"), "i.json")],
                vec![text(
                    "i.json",
                    r#"{"name": "w", "crs": "wgs84", "impedance": {"metric": "geodesic", "detour": 1.3, "speed_kmh": 60},
 "demand": [{"id": "a", "lon": 10.7, "lat": 51.8, "weight": 5, "load": 2}, {"id": "b", "x": 11.1, "y": 51.9}],
 "sites": [{"id": "s", "x": 10.9, "y": 51.85, "capacity": 9, "required": true, "cost": 2},
           {"id": "t", "x": 11.0, "y": 51.7, "capacity": 4}]}"#,
                )],
            ],
            mutable: &[],
            run: |dir, _| read_instance(&dir.join("i.json"), Format::Native),
            names_dir: false,
        },
        Target {
            name: "geojson",
            seeds: vec![vec![file(&demo.join("demo.geojson"), "i.geojson")]],
            mutable: &[],
            run: |dir, _| read_instance(&dir.join("i.geojson"), Format::Geojson),
            names_dir: false,
        },
        Target {
            name: "csv-pair",
            seeds: vec![vec![
                file(&demo.join("demand.csv"), "demand.csv"),
                file(&demo.join("sites.csv"), "sites.csv"),
            ]],
            mutable: &[],
            run: |dir, variant| {
                let crs = if variant % 2 == 0 { Crs::Planar } else { Crs::Wgs84 };
                csv_pair::read(&dir.join("demand.csv"), &dir.join("sites.csv"), crs)?.validate()
            },
            names_dir: true,
        },
        Target {
            name: "orlib-pmed",
            seeds: [
                Some(vec![text("pmed.txt", "3 3 1\n1 2 5\n2 3 4\n1 2 2\n")]),
                bench_seed("orlib-pmed/pmed1.txt", "pmed.txt"),
            ]
            .into_iter()
            .flatten()
            .collect(),
            mutable: &[],
            run: |dir, _| orlib::read_with_p(&dir.join("pmed.txt"))?.0.validate(),
            names_dir: false,
        },
        Target {
            name: "orlib-pmedcap",
            seeds: [
                Some(vec![text("cap.txt", "1 7\n3 1 10\n1 0 0 4\n2 3 4 5\n3 6 8 1\n")]),
                bench_seed("capacitated/orlib-pmedcap/pmedcap01.txt", "cap.txt"),
            ]
            .into_iter()
            .flatten()
            .collect(),
            mutable: &[],
            run: |dir, _| read_instance(&dir.join("cap.txt"), Format::OrlibCap),
            names_dir: false,
        },
        Target {
            name: "tsplib",
            seeds: [
                Some(vec![text(
                    "i.tsp",
                    "NAME: tri\nCOMMENT : three\nTYPE: TSP\nDIMENSION: 3\nEDGE_WEIGHT_TYPE: EUC_2D\n\
                     NODE_COORD_SECTION\n1 0 0\n2 3 4\n3 1.5e+00 1\nEOF\n",
                )]),
                bench_seed("tsplib/u1060.tsp", "i.tsp"),
            ]
            .into_iter()
            .flatten()
            .collect(),
            mutable: &[],
            run: |dir, _| read_instance(&dir.join("i.tsp"), Format::Tsplib),
            names_dir: false,
        },
        Target {
            name: "sjc",
            seeds: [
                Some(vec![text("sjc.txt", "2\t9999\tp\tS\r\n0\t0\t5\t\r\n3\t4\t7\t\r\n")]),
                bench_seed("mclp/SJC324.txt", "sjc.txt"),
            ]
            .into_iter()
            .flatten()
            .collect(),
            mutable: &[],
            run: |dir, _| read_instance(&dir.join("sjc.txt"), Format::Sjc),
            names_dir: false,
        },
        Target {
            name: "matrix-csv",
            seeds: vec![vec![file(&data.join("matrices/demo-minutes.csv"), "m.csv")]],
            mutable: &[],
            run: |dir, variant| {
                let format = (variant % 2 == 0).then_some(MatrixFormat::Csv);
                attach(&dir.join("m.csv"), demo_planar(), format, None)
            },
            names_dir: false,
        },
        Target {
            name: "matrix-r5py",
            seeds: vec![
                vec![file(&data.join("matrices/demo-r5py.csv"), "m.csv")],
                vec![file(&data.join("matrices/demo-r5py-percentiles.csv"), "m.csv")],
            ],
            mutable: &[],
            run: |dir, variant| {
                let format = (variant % 2 == 0).then_some(MatrixFormat::R5py);
                let field = (variant % 3 == 0).then_some("travel_time_p50");
                attach(&dir.join("m.csv"), demo_wgs84(), format, field)
            },
            names_dir: false,
        },
        Target {
            name: "matrix-osrm",
            seeds: vec![vec![file(&data.join("matrices/demo-osrm.json"), "m.json")]],
            mutable: &[],
            run: |dir, variant| {
                let format = (variant % 2 == 0).then_some(MatrixFormat::Osrm);
                let field = (variant % 3 == 0).then_some("distance");
                attach(&dir.join("m.json"), demo_wgs84(), format, field)
            },
            names_dir: false,
        },
    ];
    targets.push(Target {
        name: "catalogue",
        seeds: vec![
            dir_seed(&data.join("small_catalogue")),
            dir_seed(&manifest().join("instances/harz")),
            {
                let mut files = dir_seed(&data.join("small_catalogue"));
                files.push(file(
                    &data.join("matrices/small_catalogue-osrm.json"),
                    "matrix.json",
                ));
                files
            },
        ],
        mutable: &[],
        run: |dir, variant| {
            let matrix = dir.join("matrix.json");
            let options = CatalogueOptions {
                extension: variant & 1 != 0,
                localities: variant & 2 != 0 && dir.join("localities.csv").exists(),
                all_towns: variant & 4 != 0,
                matrix: matrix.exists().then_some(matrix),
                ..CatalogueOptions::default()
            };
            catalogue::read(dir, &options).map(|_| ())
        },
        names_dir: true,
    });
    targets
}

/// `instance::read` as the CLI calls it (format given, default options).
fn read_instance(path: &Path, format: Format) -> Result<()> {
    instance::read(path, Some(format), &ReadOptions::default()).map(|_| ())
}

/// Reads a matrix for `inst` and validates the instance with it, as `--matrix` does.
fn attach(
    path: &Path,
    inst: &Instance,
    format: Option<MatrixFormat>,
    field: Option<&str>,
) -> Result<()> {
    let options = MatrixOptions {
        format,
        field: field.map(str::to_string),
        ..MatrixOptions::default()
    };
    let matrix = DistanceMatrix::read_for(path, inst, &options)?;
    for i in 0..matrix.n_rows() {
        let bad = matrix
            .row(i)
            .iter()
            .find(|&&(_, v)| !(v.is_finite() && v >= 0.0));
        assert!(
            bad.is_none(),
            "accepted a non-finite or negative value {bad:?}"
        );
    }
    let mut inst = inst.clone();
    inst.matrix = Some(matrix);
    inst.validate()
}

fn demo_planar() -> &'static Instance {
    static DEMO: OnceLock<Instance> = OnceLock::new();
    DEMO.get_or_init(|| {
        let path = manifest().join("instances/demo/demo.json");
        instance::read(&path, None, &ReadOptions::default()).unwrap()
    })
}

fn demo_wgs84() -> &'static Instance {
    static DEMO: OnceLock<Instance> = OnceLock::new();
    DEMO.get_or_init(|| {
        let path = manifest().join("instances/demo/demo.geojson");
        instance::read(&path, None, &ReadOptions::default()).unwrap()
    })
}
