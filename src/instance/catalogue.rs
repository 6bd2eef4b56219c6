//! Function-allocation instances: which town carries which high-order function.
//!
//! A directory of CSV files (see `instances/harz/README.md` and docs/instance-format.md):
//! `municipalities.csv` (demand), optional `localities.csv` (finer demand), `towns.csv`
//! (candidates), `functions.csv` (the catalogue), `affinities.csv`, `locks.csv`,
//! `impedance.csv` (detour and speed) and optional `external_centres.csv`.
//! Minutes are rounded to 0.1 min and every weight must be an integer, so that every objective
//! of the allocation model is integer-valued and the ε-constraint steps of the Pareto method
//! are exact.

use crate::distance::{metric, DistanceMatrix, Endpoint, MatrixOptions};
use crate::error::{Error, Result};
use crate::instance::Metric;
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

/// A loaded function-allocation instance.
#[derive(Debug, Clone)]
pub struct Catalogue {
    /// Display name (directory name).
    pub name: String,
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
    /// Deciminutes from each place to each town.
    pub minutes: Vec<Vec<i64>>,
    /// Deciminutes from each place to the nearest external Oberzentrum (status quo of functions
    /// the region does not have), if external centres are given.
    pub external_minutes: Option<Vec<i64>>,
    /// Detour factor and speed used (None when a matrix was given).
    pub impedance: Option<(f64, f64)>,
    /// Public-transport deciminutes from each place to each town (None when the instance has
    /// no public-transport impedance and no `pt_matrix` was given).
    pub pt_minutes: Option<Vec<Vec<i64>>>,
    /// Public-transport deciminutes from each place to the nearest external Oberzentrum.
    pub pt_external_minutes: Option<Vec<i64>>,
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
struct ParameterRow {
    parameter: String,
    value: String,
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
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_path(path)
        .map_err(|e| Error::Io {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
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
    let places = read_places(dir, options)?;
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
    let (minutes, external_minutes, impedance) = match &options.matrix {
        Some(m) => {
            let read = &options.matrix_options;
            let (minutes, ext) = matrix_minutes(m, read, &places, &towns, &external)?;
            (minutes, ext, None)
        }
        None => {
            let (detour, speed) = read_impedance(dir)?;
            let to_min = |lon0: f64, lat0: f64, lon1: f64, lat1: f64| {
                metric::distance(Metric::Haversine, (lon0, lat0), (lon1, lat1)) * detour / speed
                    * 60.0
            };
            let minutes = places
                .iter()
                .map(|p| {
                    towns
                        .iter()
                        .map(|t| deci(to_min(p.lon, p.lat, t.lon, t.lat)))
                        .collect()
                })
                .collect();
            let ext = (!external.is_empty()).then(|| {
                places
                    .iter()
                    .map(|p| {
                        external
                            .iter()
                            .map(|e| deci(to_min(p.lon, p.lat, e.lon, e.lat)))
                            .min()
                            .unwrap_or(0)
                    })
                    .collect()
            });
            (minutes, ext, Some((detour, speed)))
        }
    };
    let (pt_minutes, pt_external_minutes) = match &options.pt_matrix {
        Some(m) => {
            let read = &MatrixOptions::default();
            let (minutes, ext) = matrix_minutes(m, read, &places, &towns, &external)?;
            (Some(minutes), ext)
        }
        None => (None, None),
    };
    Ok(Catalogue {
        name,
        places,
        towns,
        functions,
        affinities,
        locks,
        external,
        minutes,
        external_minutes,
        impedance,
        pt_minutes,
        pt_external_minutes,
        scenario: options.scenario.clone(),
    })
}

fn read_places(dir: &Path, options: &CatalogueOptions) -> Result<Vec<Place>> {
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
                    Error::input(
                        &path,
                        format!("row {line}"),
                        format!("no column '{column}' for scenario '{s}'"),
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
        places.push(Place {
            id: r.ags,
            name: r.name,
            lon: r.lon,
            lat: r.lat,
            population,
        });
    }
    if places.is_empty() {
        return Err(Error::input(&path, "rows", "no municipalities"));
    }
    if options.localities {
        places = split_by_localities(dir, places)?;
    }
    Ok(places)
}

/// Splits each municipality's population P over its localities: locality i gets
/// P·p_i / max(P, S) (S = Σ p_i), the remainder max(0, P − S) stays at the municipality point.
fn split_by_localities(dir: &Path, municipalities: Vec<Place>) -> Result<Vec<Place>> {
    let path = dir.join("localities.csv");
    let locs: Vec<(usize, LocalityRow)> = rows(&path)?;
    let mut out = Vec::new();
    for m in municipalities {
        let mine: Vec<&LocalityRow> = locs
            .iter()
            .map(|(_, l)| l)
            .filter(|l| l.municipality_ags == m.id)
            .collect();
        let s: f64 = mine.iter().map(|l| l.population).sum();
        let p = m.population as f64;
        if mine.is_empty() || s <= 0.0 {
            out.push(m);
            continue;
        }
        let scale = p / p.max(s);
        let mut given = 0;
        for l in &mine {
            let pop = (l.population * scale).round() as i64;
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
                ..m
            });
        }
    }
    Ok(out)
}

fn read_towns(dir: &Path, all: bool) -> Result<Vec<Town>> {
    let path = dir.join("towns.csv");
    let mut towns = Vec::new();
    for (line, r) in rows::<TownRow>(&path)? {
        let partner = matches!(
            r.default_candidate.to_lowercase().as_str(),
            "true" | "1" | "yes"
        );
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

fn read_impedance(dir: &Path) -> Result<(f64, f64)> {
    let path = dir.join("impedance.csv");
    let params: HashMap<String, (usize, String)> = rows::<ParameterRow>(&path)?
        .into_iter()
        .map(|(l, r)| (r.parameter, (l, r.value)))
        .collect();
    let get = |key: &str| -> Result<f64> {
        let (line, v) = params
            .get(key)
            .ok_or_else(|| Error::input(&path, "rows", format!("parameter '{key}' is missing")))?;
        let x: f64 = v.parse().map_err(|_| {
            Error::input(
                &path,
                format!("row {line}"),
                format!("{key} '{v}' is not a number"),
            )
        })?;
        if !(x.is_finite() && x > 0.0) {
            return Err(Error::input(
                &path,
                format!("row {line}"),
                format!("{key} {x} must be > 0"),
            ));
        }
        Ok(x)
    };
    Ok((get("detour_factor")?, get("speed_kmh")?))
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
