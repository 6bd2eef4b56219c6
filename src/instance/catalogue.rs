//! Function-allocation instances: which town carries which high-order function.
//!
//! A directory of CSV files (see `instances/harz/README.md` and docs/instance-format.md):
//! `municipalities.csv` (demand), optional `localities.csv` (finer demand), `towns.csv`
//! (candidates), `functions.csv` (the catalogue), `affinities.csv`, `locks.csv`,
//! `impedance.csv` (the travel-time models, `instance::impedance`; public transport also reads
//! `transit_stops.csv` and `transit_links.csv`) and optional `external_centres.csv`.
//! Minutes are rounded to 0.1 min and every weight must be an integer, so that every objective
//! of the allocation model is integer-valued and the ε-constraint steps of the Pareto method
//! are exact.

use crate::distance::{DistanceMatrix, Endpoint, MatrixOptions};
use crate::error::{Error, Result};
use crate::instance::impedance::{self, CarModel, ImpedanceModels, Origin};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Which demand layer and which candidate towns to use.
#[derive(Debug, Clone, Default)]
pub struct CatalogueOptions {
    /// Also count the municipalities of other planning regions (e.g. eastern Mansfeld-Südharz).
    pub extension: bool,
    /// Split municipal population over localities (`localities.csv`).
    pub localities: bool,
    /// Use every town of `towns.csv`, not only the default candidates.
    pub all_towns: bool,
    /// A travel-time matrix (`from,to,minutes`; from = place id, to = town id) replacing the
    /// calibrated great-circle impedance.
    pub matrix: Option<PathBuf>,
    /// How `matrix` is read (format, value, snap tolerance; OSRM: sources = places,
    /// destinations = towns then external centres). `pt_matrix` is read with the defaults.
    pub matrix_options: MatrixOptions,
    /// A public-transport travel-time matrix (same format) replacing the instance's own ÖPNV
    /// impedance model.
    pub pt_matrix: Option<PathBuf>,
    /// A population scenario: the population is read from the column `population_<scenario>`
    /// of `municipalities.csv` (e.g. `2035`) instead of `population`.
    pub scenario: Option<String>,
}

/// A place where people live (municipality, locality or remainder of a municipality).
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// AGS, GeoNames id, or `AGS-rest`.
    pub id: String,
    /// German name.
    pub name: String,
    /// Longitude.
    pub lon: f64,
    /// Latitude.
    pub lat: f64,
    /// Inhabitants (integer).
    pub population: i64,
}

/// A candidate town.
#[derive(Debug, Clone, PartialEq)]
pub struct Town {
    /// Slug id.
    pub id: String,
    /// German name.
    pub name: String,
    /// Longitude.
    pub lon: f64,
    /// Latitude.
    pub lat: f64,
    /// Partner of the shared Oberzentrum (counts in the balance objective).
    pub partner: bool,
    /// Capacity in size points.
    pub capacity: Option<i64>,
}

/// One high-order function of the catalogue.
#[derive(Debug, Clone, PartialEq)]
pub struct Function {
    /// Slug id.
    pub id: String,
    /// German name.
    pub name: String,
    /// Field.
    pub field: String,
    /// Importance weight.
    pub importance: i64,
    /// Number of towns that carry it.
    pub sites: usize,
    /// Reach threshold in deciminutes.
    pub threshold: i64,
    /// Public-transport reach threshold in deciminutes (optional column `threshold_pt_min`).
    pub pt_threshold: Option<i64>,
    /// Status-quo towns (indices into `towns` of the loaded instance).
    pub status_quo: Vec<usize>,
    /// Status-quo town ids as written (some may be inactive towns).
    pub status_quo_ids: Vec<String>,
    /// Allowed towns (indices).
    pub allowed: Vec<usize>,
    /// Cost of moving it away from a status-quo town.
    pub relocation_cost: i64,
    /// Size points for the balance objective.
    pub size_points: i64,
}

/// A co-location affinity between two functions.
#[derive(Debug, Clone, PartialEq)]
pub struct Affinity {
    /// First function (index).
    pub a: usize,
    /// Second function (index).
    pub b: usize,
    /// Value realised when both share a town.
    pub value: i64,
}

/// An existing Oberzentrum outside the region.
#[derive(Debug, Clone, PartialEq)]
pub struct External {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Longitude.
    pub lon: f64,
    /// Latitude.
    pub lat: f64,
}

/// Where the travel times of one mode come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimesSource {
    /// The catalogue's own model of `impedance.csv` (ÖPNV: with `transit_*.csv`).
    Model,
    /// A matrix file given with the options (`matrix`, `pt_matrix`).
    Matrix,
}

/// A loaded function-allocation instance.
#[derive(Debug, Clone)]
pub struct Catalogue {
    /// Display name (directory name).
    pub name: String,
    /// The catalogue directory as given (for its calibration files and README).
    pub dir: PathBuf,
    /// Demand places.
    pub places: Vec<Place>,
    /// Active candidate towns.
    pub towns: Vec<Town>,
    /// Functions.
    pub functions: Vec<Function>,
    /// Affinities.
    pub affinities: Vec<Affinity>,
    /// Locks: (function, town).
    pub locks: Vec<(usize, usize)>,
    /// External Oberzentren.
    pub external: Vec<External>,
    /// Car deciminutes from each place to each town. With a calibrated car model a
    /// municipality's value is the population-weighted mean over its localities (the split
    /// rule), each with the access term of its municipality; with `--localities` every locality
    /// has its own row.
    pub minutes: Vec<Vec<i64>>,
    /// Car deciminutes from each place to the nearest external Oberzentrum (status quo of
    /// functions the region does not have), if external centres are given.
    pub external_minutes: Option<Vec<i64>>,
    /// The travel-time models of `impedance.csv` (None when `--matrix` replaced the car model
    /// and the file does not exist).
    pub impedance: Option<ImpedanceModels>,
    /// Public-transport deciminutes from each place to each town, door to door (from
    /// `pt_matrix` if given, else from the instance's own ÖPNV model when `impedance.csv`
    /// defines one; None otherwise). Aggregated over localities like `minutes`.
    pub pt_minutes: Option<Vec<Vec<i64>>>,
    /// Public-transport deciminutes from each place to the nearest external Oberzentrum (None
    /// without public-transport minutes or external centres).
    pub pt_external_minutes: Option<Vec<i64>>,
    /// Where `minutes` come from.
    pub car_source: TimesSource,
    /// Where `pt_minutes` come from (None without them).
    pub pt_source: Option<TimesSource>,
    /// The population scenario in use (None: the base population, Zensus 2022 for the Harz).
    pub scenario: Option<String>,
}

#[derive(Deserialize)]
struct MunicipalityRow {
    ags: String,
    name: String,
    planungsregion: String,
    lon: f64,
    lat: f64,
    population: f64,
    /// Every other column, for `population_<scenario>`.
    #[serde(flatten)]
    other: HashMap<String, Cell>,
}

/// A cell of a column the reader does not name (csv types the values it flattens).
#[derive(Deserialize)]
#[serde(untagged)]
enum Cell {
    Number(f64),
    Text(String),
}

#[derive(Deserialize)]
struct LocalityRow {
    geonameid: String,
    name: String,
    lon: f64,
    lat: f64,
    population: f64,
    municipality_ags: String,
}

#[derive(Deserialize)]
struct TownRow {
    id: String,
    name: String,
    lon: f64,
    lat: f64,
    default_candidate: String,
    capacity_points: Option<f64>,
}

#[derive(Deserialize)]
struct FunctionRow {
    id: String,
    name: String,
    field: String,
    importance: f64,
    sites: f64,
    threshold_min: f64,
    status_quo: String,
    allowed: String,
    relocation_cost: f64,
    size_points: f64,
    #[serde(default)]
    threshold_pt_min: Option<f64>,
}

#[derive(Deserialize)]
struct AffinityRow {
    function_a: String,
    function_b: String,
    affinity: f64,
}

#[derive(Deserialize)]
struct LockRow {
    function: String,
    town: String,
}

#[derive(Deserialize)]
struct ExternalRow {
    id: String,
    name: String,
    lon: f64,
    lat: f64,
}

/// Reads a CSV file into rows, each with its line number (header = line 1). Extra columns are
/// allowed (sources, notes); missing or malformed ones are errors naming the row and field.
pub(crate) fn rows<T: DeserializeOwned>(path: &Path) -> Result<Vec<(usize, T)>> {
    let bytes = std::fs::read(path).map_err(|e| Error::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    super::csv_quotes::check_closed_quotes(&bytes, path, None)?;
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(bytes.as_slice());
    let headers = reader
        .headers()
        .map_err(|e| Error::input(path, "header", e.to_string()))?
        .clone();
    let mut out = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| Error::input(path, "row", e.to_string()))?;
        let line = rec.position().map_or(0, |p| p.line() as usize);
        if rec.len() != headers.len() {
            return Err(Error::input(
                path,
                format!("row {line}"),
                format!("expected {} columns, found {}", headers.len(), rec.len()),
            ));
        }
        let value: T = rec.deserialize(Some(&headers)).map_err(|e| {
            let message = match e.kind() {
                csv::ErrorKind::Deserialize { err, .. } => match err.field() {
                    Some(k) => format!(
                        "field '{}': {}",
                        headers.get(k as usize).unwrap_or("?"),
                        err.kind()
                    ),
                    None => err.kind().to_string(),
                },
                _ => e.to_string(),
            };
            Error::input(path, format!("row {line}"), message)
        })?;
        out.push((line, value));
    }
    Ok(out)
}

/// A non-negative integer from a CSV value, or a clear error.
fn integer(path: &Path, line: usize, field: &str, v: f64) -> Result<i64> {
    if !v.is_finite() || v < 0.0 {
        return Err(Error::input(
            path,
            format!("row {line}"),
            format!("{field} {v} must be a finite number ≥ 0"),
        ));
    }
    if v.fract() != 0.0 {
        return Err(Error::input(
            path,
            format!("row {line}"),
            format!("{field} {v} must be a whole number (objectives are kept integer for exact Pareto steps)"),
        ));
    }
    Ok(v as i64)
}

fn split_ids(s: &str) -> Vec<String> {
    s.split(';')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

/// Rounds minutes to deciminutes.
fn deci(minutes: f64) -> i64 {
    (minutes * 10.0).round() as i64
}

/// Splits minutes to `towns` destinations followed by the external centres into deciminutes
/// place × town and, when there are external centres, to the nearest of them.
fn split_towns_external(all: &[Vec<f64>], towns: usize, external: bool) -> MatrixMinutes {
    let minutes = all
        .iter()
        .map(|row| row[..towns].iter().map(|&m| deci(m)).collect())
        .collect();
    let ext = external.then(|| {
        all.iter()
            .map(|row| row[towns..].iter().map(|&m| deci(m)).min().unwrap_or(0))
            .collect()
    });
    (minutes, ext)
}

/// Reads a catalogue directory.
///
/// ```
/// use impuls::instance::catalogue::{read, CatalogueOptions};
/// let c = read("instances/harz".as_ref(), &CatalogueOptions::default()).unwrap();
/// assert_eq!(c.places.len(), 28);
/// assert_eq!(c.towns.len(), 3);
/// assert_eq!(c.places.iter().map(|p| p.population).sum::<i64>(), 259_401);
/// ```
pub fn read(dir: &Path, options: &CatalogueOptions) -> Result<Catalogue> {
    if !dir.is_dir() {
        return Err(Error::Io {
            path: dir.display().to_string(),
            message: "not a directory".into(),
        });
    }
    let name = dir
        .file_name()
        .map_or("catalogue".into(), |s| s.to_string_lossy().to_string());
    let municipalities = read_municipalities(dir, options)?;
    let models = match (&options.matrix, &options.pt_matrix) {
        (Some(_), Some(_)) => None,
        _ if options.matrix.is_some() && !dir.join("impedance.csv").exists() => None,
        _ => Some(impedance::read(dir)?),
    };
    let (places, origins) = places_and_origins(dir, options, &municipalities, models.as_ref())?;
    let towns = read_towns(dir, options.all_towns)?;
    let town_index: HashMap<&str, usize> = towns
        .iter()
        .enumerate()
        .map(|(k, t)| (t.id.as_str(), k))
        .collect();
    let all_town_ids: Vec<String> = {
        let path = dir.join("towns.csv");
        rows::<TownRow>(&path)?
            .into_iter()
            .map(|(_, r)| r.id)
            .collect()
    };
    let default_ids: Vec<String> = towns
        .iter()
        .filter(|t| t.partner)
        .map(|t| t.id.clone())
        .collect();
    let functions = read_functions(dir, &town_index, &all_town_ids, &default_ids, &towns)?;
    let function_index: HashMap<&str, usize> = functions
        .iter()
        .enumerate()
        .map(|(k, f)| (f.id.as_str(), k))
        .collect();
    let affinities = read_affinities(dir, &function_index)?;
    let locks = read_locks(dir, &function_index, &town_index, &functions, &all_town_ids)?;
    let external = read_external(dir)?;
    let mut destinations: Vec<(f64, f64)> = towns.iter().map(|t| (t.lon, t.lat)).collect();
    destinations.extend(external.iter().map(|e| (e.lon, e.lat)));
    let (minutes, external_minutes) = match (&options.matrix, &models) {
        (Some(m), _) => matrix_minutes(m, &options.matrix_options, &places, &towns, &external)?,
        (None, Some(models)) => {
            let all = impedance::car_minutes(&models.car, &origins, &destinations);
            split_towns_external(&all, towns.len(), !external.is_empty())
        }
        // impedance.csv is read whenever no --matrix is given; an error, not a panic, if not
        (None, None) => {
            return Err(Error::input(
                dir.join("impedance.csv"),
                "file",
                "no car travel times (impedance.csv or --matrix)",
            ))
        }
    };
    let (pt_minutes, pt_external_minutes) = match (&options.pt_matrix, models.and_then(|m| m.pt)) {
        (Some(m), _) => {
            let read = &MatrixOptions::default();
            let (minutes, ext) = matrix_minutes(m, read, &places, &towns, &external)?;
            (Some(minutes), ext)
        }
        (None, Some(pt)) => {
            let (_, network) = impedance::read_network(dir, pt.rail_min_per_km)?;
            let all = impedance::pt_minutes(&pt, &network, &origins, &destinations);
            let (minutes, ext) = split_towns_external(&all, towns.len(), !external.is_empty());
            (Some(minutes), ext)
        }
        (None, None) => (None, None),
    };
    let source = |matrix: &Option<PathBuf>| match matrix {
        Some(_) => TimesSource::Matrix,
        None => TimesSource::Model,
    };
    Ok(Catalogue {
        name,
        dir: dir.to_path_buf(),
        car_source: source(&options.matrix),
        pt_source: pt_minutes.as_ref().map(|_| source(&options.pt_matrix)),
        places,
        towns,
        functions,
        affinities,
        locks,
        external,
        minutes,
        external_minutes,
        impedance: models,
        pt_minutes,
        pt_external_minutes,
        scenario: options.scenario.clone(),
    })
}

/// A municipality of `municipalities.csv` with its area (the optional column `area_km2`).
#[derive(Debug, Clone)]
pub(crate) struct Municipality {
    /// The municipality as a demand place.
    pub place: Place,
    /// Area in km², if the file has it.
    pub area_km2: Option<f64>,
    /// Its row in `municipalities.csv` (header = 1).
    pub line: usize,
}

/// The municipalities in scope (`options.extension`, `options.scenario`).
pub(crate) fn read_municipalities(
    dir: &Path,
    options: &CatalogueOptions,
) -> Result<Vec<Municipality>> {
    let path = dir.join("municipalities.csv");
    let mut places = Vec::new();
    let mut seen = HashMap::new();
    let regions: Vec<(usize, MunicipalityRow)> = rows(&path)?;
    let main_region = regions
        .first()
        .map(|(_, r)| r.planungsregion.clone())
        .unwrap_or_default();
    for (line, r) in regions {
        if !options.extension && r.planungsregion != main_region {
            continue;
        }
        crate::instance::check_coordinate(r.lon, r.lat, crate::instance::Crs::Wgs84)
            .map_err(|m| Error::input(&path, format!("row {line}"), m))?;
        let population = match &options.scenario {
            None => r.population,
            Some(s) => {
                let column = format!("population_{s}");
                let v = r.other.get(&column).ok_or_else(|| {
                    // a header problem: named at the header row, with the scenarios there are
                    let mut there: Vec<&str> = r
                        .other
                        .keys()
                        .filter_map(|k| k.strip_prefix("population_"))
                        .collect();
                    there.sort_unstable();
                    let hint = if there.is_empty() {
                        "the file has no population_* column".to_string()
                    } else {
                        format!("scenarios in the file: {}", there.join(", "))
                    };
                    Error::input(
                        &path,
                        "row 1",
                        format!("no column '{column}' for scenario '{s}' ({hint})"),
                    )
                })?;
                match v {
                    Cell::Number(x) => *x,
                    Cell::Text(t) => {
                        return Err(Error::input(
                            &path,
                            format!("row {line}"),
                            format!("field '{column}': '{t}' is not a number"),
                        ))
                    }
                }
            }
        };
        let population = integer(&path, line, "population", population.round())?;
        if seen.insert(r.ags.clone(), line).is_some() {
            return Err(Error::input(
                &path,
                format!("row {line}"),
                format!("duplicate ags '{}'", r.ags),
            ));
        }
        let area_km2 = match r.other.get("area_km2") {
            None => None,
            Some(Cell::Text(t)) if t.is_empty() => None,
            Some(Cell::Number(a)) if a.is_finite() && *a > 0.0 => Some(*a),
            Some(Cell::Number(a)) => {
                return Err(Error::input(
                    &path,
                    format!("row {line}"),
                    format!("area_km2 {a} must be > 0"),
                ))
            }
            Some(Cell::Text(t)) => {
                return Err(Error::input(
                    &path,
                    format!("row {line}"),
                    format!("field 'area_km2': '{t}' is not a number"),
                ))
            }
        };
        places.push(Municipality {
            place: Place {
                id: r.ags,
                name: r.name,
                lon: r.lon,
                lat: r.lat,
                population,
            },
            area_km2,
            line,
        });
    }
    if places.is_empty() {
        return Err(Error::input(&path, "rows", "no municipalities"));
    }
    Ok(places)
}

/// The demand places (municipalities, or with `--localities` their localities) and, for each,
/// the origins its travel times average over: a locality or the municipality point alone; a
/// municipality under a calibrated car model its localities (`localities.csv`, split rule) —
/// the model was fitted to population-weighted times, so it is applied where people live.
fn places_and_origins(
    dir: &Path,
    options: &CatalogueOptions,
    municipalities: &[Municipality],
    models: Option<&ImpedanceModels>,
) -> Result<(Vec<Place>, Vec<Vec<Origin>>)> {
    let car = models.map(|m| m.car);
    let needs_area =
        matches!(car, Some(CarModel::Calibrated(p)) if p.access_min_per_sqrt_km2 > 0.0);
    let calibrated = matches!(car, Some(CarModel::Calibrated(_)));
    let path = dir.join("municipalities.csv");
    let mut areas = Vec::with_capacity(municipalities.len());
    for m in municipalities {
        areas.push(match (m.area_km2, needs_area) {
            (Some(a), _) => a,
            (None, true) => {
                return Err(Error::input(
                    &path,
                    format!("row {}", m.line),
                    "column 'area_km2' is needed by car_access_min_per_sqrt_km2 of impedance.csv",
                ))
            }
            (None, _) => 0.0,
        });
    }
    let plain: Vec<Place> = municipalities.iter().map(|m| m.place.clone()).collect();
    let groups = if options.localities || (calibrated && dir.join("localities.csv").exists()) {
        locality_groups(dir, &plain)?
    } else {
        plain.iter().map(|p| vec![p.clone()]).collect()
    };
    let origin = |p: &Place, area_km2: f64| Origin {
        lon: p.lon,
        lat: p.lat,
        weight: p.population as f64,
        area_km2,
    };
    if options.localities {
        let mut places = Vec::new();
        let mut origins = Vec::new();
        for (group, &area) in groups.into_iter().zip(&areas) {
            for p in group {
                origins.push(vec![origin(&p, area)]);
                places.push(p);
            }
        }
        Ok((places, origins))
    } else {
        let origins = groups
            .iter()
            .zip(&areas)
            .map(|(group, &area)| group.iter().map(|p| origin(p, area)).collect())
            .collect();
        Ok((plain, origins))
    }
}

/// Splits each municipality's population P over its localities: locality i gets
/// P·p_i / max(P, S) (S = Σ p_i), the remainder max(0, P − S) stays at the municipality point.
/// One group per municipality, in order; a municipality without localities is its own group.
pub(crate) fn locality_groups(dir: &Path, municipalities: &[Place]) -> Result<Vec<Vec<Place>>> {
    let path = dir.join("localities.csv");
    let locs: Vec<(usize, LocalityRow)> = rows(&path)?;
    let mut groups = Vec::with_capacity(municipalities.len());
    for m in municipalities {
        let mut out = Vec::new();
        let mine: Vec<&LocalityRow> = locs
            .iter()
            .map(|(_, l)| l)
            .filter(|l| l.municipality_ags == m.id)
            .collect();
        let s: f64 = mine.iter().map(|l| l.population).sum();
        let p = m.population as f64;
        if mine.is_empty() || s <= 0.0 {
            groups.push(vec![m.clone()]);
            continue;
        }
        let shares = apportion(&mine.iter().map(|l| l.population).collect::<Vec<_>>(), p);
        let mut given = 0;
        for (l, pop) in mine.iter().zip(shares) {
            given += pop;
            out.push(Place {
                id: l.geonameid.clone(),
                name: l.name.clone(),
                lon: l.lon,
                lat: l.lat,
                population: pop,
            });
        }
        let rest = m.population - given;
        if rest > 0 {
            out.push(Place {
                id: format!("{}-rest", m.id),
                name: format!("{} (übrige Orte)", m.name),
                population: rest,
                ..m.clone()
            });
        }
        groups.push(out);
    }
    Ok(groups)
}

/// Integer shares P·p_i / max(P, S) of the locality populations `p` (S = Σ p_i): rounded when
/// S ≤ P; when S > P the largest-remainder method, so that the shares add up to exactly P (plain
/// rounding could give more than P, and the municipality would grow).
fn apportion(p: &[f64], total: f64) -> Vec<i64> {
    let s: f64 = p.iter().sum();
    if s <= total {
        return p.iter().map(|x| x.round() as i64).collect();
    }
    let quotas: Vec<f64> = p.iter().map(|x| total * x / s).collect();
    let mut shares: Vec<i64> = quotas.iter().map(|q| q.floor() as i64).collect();
    let left = total.round() as i64 - shares.iter().sum::<i64>();
    let mut order: Vec<usize> = (0..p.len()).collect();
    // largest fractional part first, ties in file order
    order.sort_by(|&a, &b| {
        let frac = |k: usize| quotas[k] - quotas[k].floor();
        frac(b).total_cmp(&frac(a)).then(a.cmp(&b))
    });
    for &k in order.iter().take(left.max(0) as usize) {
        shares[k] += 1;
    }
    shares
}

fn read_towns(dir: &Path, all: bool) -> Result<Vec<Town>> {
    let path = dir.join("towns.csv");
    let mut towns = Vec::new();
    for (line, r) in rows::<TownRow>(&path)? {
        let partner = crate::instance::flag_value(&r.default_candidate).ok_or_else(|| {
            Error::input(
                &path,
                format!("row {line}"),
                format!(
                    "default_candidate '{}' is not true/false/1/0/yes/no",
                    crate::error::excerpt(&r.default_candidate)
                ),
            )
        })?;
        crate::instance::check_coordinate(r.lon, r.lat, crate::instance::Crs::Wgs84)
            .map_err(|m| Error::input(&path, format!("row {line}"), m))?;
        if towns.iter().any(|t: &Town| t.id == r.id) {
            return Err(Error::input(
                &path,
                format!("row {line}"),
                format!("duplicate town id '{}'", r.id),
            ));
        }
        let capacity = r
            .capacity_points
            .map(|c| integer(&path, line, "capacity_points", c))
            .transpose()?;
        if partner || all {
            towns.push(Town {
                id: r.id,
                name: r.name,
                lon: r.lon,
                lat: r.lat,
                partner,
                capacity,
            });
        }
    }
    if towns.is_empty() {
        return Err(Error::input(
            &path,
            "rows",
            "no candidate towns (none has default_candidate = true)",
        ));
    }
    Ok(towns)
}

fn read_functions(
    dir: &Path,
    town_index: &HashMap<&str, usize>,
    all_town_ids: &[String],
    default_ids: &[String],
    towns: &[Town],
) -> Result<Vec<Function>> {
    let path = dir.join("functions.csv");
    let mut functions: Vec<Function> = Vec::new();
    for (line, r) in rows::<FunctionRow>(&path)? {
        let place = format!("row {line}");
        if functions.iter().any(|f| f.id == r.id) {
            return Err(Error::input(
                &path,
                &place,
                format!("duplicate function id '{}'", r.id),
            ));
        }
        let known = |id: &String, field: &str| -> Result<()> {
            if all_town_ids.contains(id) {
                Ok(())
            } else {
                Err(Error::input(
                    &path,
                    &place,
                    format!("{field}: unknown town '{id}'"),
                ))
            }
        };
        let sq_ids = split_ids(&r.status_quo);
        let mut allowed_ids = split_ids(&r.allowed);
        for id in sq_ids.iter() {
            known(id, "status_quo")?;
        }
        for id in allowed_ids.iter() {
            known(id, "allowed")?;
        }
        if allowed_ids.is_empty() {
            return Err(Error::input(
                &path,
                &place,
                format!("function '{}' has no allowed town", r.id),
            ));
        }
        // "any of the partner towns" widens to every active town when more towns are switched on
        let mut sorted = allowed_ids.clone();
        sorted.sort();
        let mut defaults = default_ids.to_vec();
        defaults.sort();
        if sorted == defaults {
            allowed_ids = towns.iter().map(|t| t.id.clone()).collect();
        }
        let allowed: Vec<usize> = allowed_ids
            .iter()
            .filter_map(|id| town_index.get(id.as_str()).copied())
            .collect();
        let sites = integer(&path, line, "sites", r.sites)? as usize;
        if sites == 0 {
            return Err(Error::input(&path, &place, "sites must be at least 1"));
        }
        if allowed.len() < sites {
            return Err(Error::input(
                &path,
                &place,
                format!(
                    "function '{}' needs {sites} sites but only {} allowed town(s) are active",
                    r.id,
                    allowed.len()
                ),
            ));
        }
        let threshold = r.threshold_min;
        if !(threshold.is_finite() && threshold > 0.0) {
            return Err(Error::input(
                &path,
                &place,
                format!("threshold_min {threshold} must be > 0"),
            ));
        }
        functions.push(Function {
            status_quo: sq_ids
                .iter()
                .filter_map(|id| town_index.get(id.as_str()).copied())
                .collect(),
            status_quo_ids: sq_ids,
            allowed,
            id: r.id,
            name: r.name,
            field: r.field,
            importance: integer(&path, line, "importance", r.importance)?,
            sites,
            threshold: deci(threshold),
            pt_threshold: match r.threshold_pt_min {
                Some(t) if t.is_finite() && t > 0.0 => Some(deci(t)),
                Some(t) => {
                    return Err(Error::input(
                        &path,
                        &place,
                        format!("threshold_pt_min {t} must be > 0"),
                    ))
                }
                None => None,
            },
            relocation_cost: integer(&path, line, "relocation_cost", r.relocation_cost)?,
            size_points: integer(&path, line, "size_points", r.size_points)?,
        });
    }
    if functions.is_empty() {
        return Err(Error::input(
            &path,
            "rows",
            "the function catalogue is empty",
        ));
    }
    Ok(functions)
}

fn read_affinities(dir: &Path, index: &HashMap<&str, usize>) -> Result<Vec<Affinity>> {
    let path = dir.join("affinities.csv");
    if !path.exists() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for (line, r) in rows::<AffinityRow>(&path)? {
        let get = |id: &str| {
            index.get(id).copied().ok_or_else(|| {
                Error::input(
                    &path,
                    format!("row {line}"),
                    format!("unknown function '{id}'"),
                )
            })
        };
        let (a, b) = (get(&r.function_a)?, get(&r.function_b)?);
        if a == b {
            return Err(Error::input(
                &path,
                format!("row {line}"),
                "an affinity needs two different functions",
            ));
        }
        out.push(Affinity {
            a,
            b,
            value: integer(&path, line, "affinity", r.affinity)?,
        });
    }
    Ok(out)
}

fn read_locks(
    dir: &Path,
    functions: &HashMap<&str, usize>,
    towns: &HashMap<&str, usize>,
    catalogue: &[Function],
    all_town_ids: &[String],
) -> Result<Vec<(usize, usize)>> {
    let path = dir.join("locks.csv");
    if !path.exists() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for (line, r) in rows::<LockRow>(&path)? {
        let place = format!("row {line}");
        let f = *functions.get(r.function.as_str()).ok_or_else(|| {
            Error::input(&path, &place, format!("unknown function '{}'", r.function))
        })?;
        if !all_town_ids.contains(&r.town) {
            return Err(Error::input(
                &path,
                &place,
                format!("unknown town '{}'", r.town),
            ));
        }
        let t = *towns.get(r.town.as_str()).ok_or_else(|| {
            Error::input(
                &path,
                &place,
                format!(
                    "town '{}' is not an active candidate (use --all-towns)",
                    r.town
                ),
            )
        })?;
        if !catalogue[f].allowed.contains(&t) {
            return Err(Error::input(
                &path,
                &place,
                format!(
                    "function '{}' is locked to '{}', which is not among its allowed towns",
                    r.function, r.town
                ),
            ));
        }
        out.push((f, t));
    }
    Ok(out)
}

fn read_external(dir: &Path) -> Result<Vec<External>> {
    let path = dir.join("external_centres.csv");
    if !path.exists() {
        return Ok(Vec::new());
    }
    Ok(rows::<ExternalRow>(&path)?
        .into_iter()
        .map(|(_, r)| External {
            id: r.id,
            name: r.name,
            lon: r.lon,
            lat: r.lat,
        })
        .collect())
}

/// Deciminutes place × town, and to the nearest external centre where the matrix has them.
type MatrixMinutes = (Vec<Vec<i64>>, Option<Vec<i64>>);

/// Minutes from a travel-time matrix: every (place, town) pair is required; (place, external
/// centre) pairs are used for the status quo when all of them are given.
fn matrix_minutes(
    path: &Path,
    options: &MatrixOptions,
    places: &[Place],
    towns: &[Town],
    external: &[External],
) -> Result<MatrixMinutes> {
    let point = |id, lon, lat| Endpoint {
        id,
        lon_lat: Some((lon, lat)),
    };
    let pids: Vec<Endpoint> = places.iter().map(|p| point(&p.id, p.lon, p.lat)).collect();
    let tids: Vec<Endpoint> = towns
        .iter()
        .map(|t| point(&t.id, t.lon, t.lat))
        .chain(external.iter().map(|e| point(&e.id, e.lon, e.lat)))
        .collect();
    let m = DistanceMatrix::read(path, &pids, &tids, options)?;
    let mut out = Vec::with_capacity(places.len());
    for (i, p) in places.iter().enumerate() {
        let mut row = Vec::with_capacity(towns.len());
        for (j, t) in towns.iter().enumerate() {
            let v = m.get(i, j).ok_or_else(|| {
                Error::input(
                    path,
                    "rows",
                    format!("no travel time from place '{}' to town '{}'", p.id, t.id),
                )
            })?;
            row.push(deci(v));
        }
        out.push(row);
    }
    let ext: Option<Vec<i64>> = (0..places.len())
        .map(|i| {
            (0..external.len())
                .map(|k| m.get(i, towns.len() + k).map(deci))
                .collect::<Option<Vec<i64>>>()
                .and_then(|v| v.into_iter().min())
        })
        .collect();
    Ok((out, ext))
}
