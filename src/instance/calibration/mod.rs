//! Calibration of a catalogue's travel-time models against official times.
//!
//! The targets (`calibration.csv`) are the Deutschlandatlas times from each municipality to the
//! nearest Ober- or Mittelzentrum by car and by public transport (BBSR, population-weighted over
//! a 100 m grid, one value per *Gemeindeverband*), and a few sourced point-to-point car times
//! (`calibration_pairs.csv`). The model's comparable number for a municipality is the
//! population-weighted mean over its localities of the time to the nearest centre of
//! `central_places.csv`; for a Gemeindeverband the population-weighted mean of its members.
//! Each of the municipality rows and each pair with role `fit` is one observation of a least-
//! squares fit ([`car::fit`], [`pt::fit`]); rows with role `check` are only reported. The math is
//! in docs/models.md ("Travel times").

pub mod car;
pub mod pt;

use crate::distance::metric;
use crate::error::{Error, Result};
use crate::instance::catalogue::{locality_groups, read_municipalities, rows, CatalogueOptions};
use crate::instance::impedance::Origin;
use crate::instance::Metric;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

/// One official time of one municipality.
#[derive(Debug, Clone)]
pub struct Target {
    /// AGS of the municipality.
    pub ags: String,
    /// Name.
    pub name: String,
    /// The Gemeindeverband the official value belongs to.
    pub vbg: String,
    /// Official car minutes to the nearest Ober-/Mittelzentrum.
    pub car_min: f64,
    /// Official public-transport minutes to the nearest Ober-/Mittelzentrum.
    pub pt_min: f64,
    /// Population (base, Zensus 2022 for the Harz): the weight within its Gemeindeverband.
    pub population: f64,
    /// Where its people live (locality split), with its area.
    pub origins: Vec<Origin>,
}

/// A sourced time between two points.
#[derive(Debug, Clone)]
pub struct Pair {
    /// Origin name.
    pub from: String,
    /// Destination name.
    pub to: String,
    /// Origin (lon, lat).
    pub from_point: (f64, f64),
    /// Destination (lon, lat).
    pub to_point: (f64, f64),
    /// `car` or `pt`.
    pub mode: String,
    /// Sourced minutes.
    pub minutes: f64,
    /// Part of the fit (role `fit`) or only reported (role `check`).
    pub fit: bool,
}

/// An Ober- or Mittelzentrum that can be a municipality's nearest centre.
#[derive(Debug, Clone)]
pub struct CentralPlace {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Longitude.
    pub lon: f64,
    /// Latitude.
    pub lat: f64,
    /// Oberzentrum or Mittelzentrum.
    pub level: String,
}

/// Everything a calibration reads from a catalogue directory.
#[derive(Debug, Clone)]
pub struct CalibrationData {
    /// One row per municipality of `calibration.csv`.
    pub targets: Vec<Target>,
    /// `calibration_pairs.csv` (empty when the file does not exist).
    pub pairs: Vec<Pair>,
    /// `central_places.csv`.
    pub centres: Vec<CentralPlace>,
}

/// One row of a residual table.
#[derive(Debug, Clone, PartialEq)]
pub struct Residual {
    /// AGS.
    pub ags: String,
    /// Name.
    pub name: String,
    /// Gemeindeverband.
    pub vbg: String,
    /// Official minutes.
    pub official: f64,
    /// The model for the municipality itself.
    pub municipality: f64,
    /// The model for its Gemeindeverband (the number compared with the official one).
    pub model: f64,
}

impl Residual {
    /// Model minus official.
    pub fn residual(&self) -> f64 {
        self.model - self.official
    }
}

/// One row of the pair table.
#[derive(Debug, Clone, PartialEq)]
pub struct PairResidual {
    /// "from → to".
    pub route: String,
    /// Crow-fly km.
    pub km: f64,
    /// Sourced minutes.
    pub official: f64,
    /// Model minutes.
    pub model: f64,
    /// Part of the fit.
    pub fit: bool,
}

/// A model's parameters with its residuals.
#[derive(Debug, Clone)]
pub struct Fit<P> {
    /// The parameters.
    pub params: P,
    /// One row per municipality.
    pub rows: Vec<Residual>,
    /// The pairs of the model's mode.
    pub pairs: Vec<PairResidual>,
    /// Root mean square residual over the municipality rows.
    pub rmse_rows: f64,
    /// Root mean square residual over the distinct Gemeindeverbände.
    pub rmse_groups: f64,
    /// Number of distinct Gemeindeverbände.
    pub groups: usize,
}

#[derive(Deserialize)]
struct TargetRow {
    ags: String,
    name: String,
    vbg: String,
    car_min: f64,
    pt_min: f64,
}

#[derive(Deserialize)]
struct PairRow {
    from: String,
    from_lon: f64,
    from_lat: f64,
    to: String,
    to_lon: f64,
    to_lat: f64,
    mode: String,
    minutes: f64,
    role: String,
}

#[derive(Deserialize)]
struct CentreRow {
    id: String,
    name: String,
    lon: f64,
    lat: f64,
    level: String,
}

fn finite_minutes(path: &Path, line: usize, field: &str, v: f64) -> Result<f64> {
    if v.is_finite() && v >= 0.0 {
        Ok(v)
    } else {
        Err(Error::input(
            path,
            format!("row {line}"),
            format!("{field} {v} must be finite and ≥ 0"),
        ))
    }
}

impl CalibrationData {
    /// Reads `calibration.csv`, `calibration_pairs.csv` (optional), `central_places.csv`,
    /// `municipalities.csv` (all planning regions, base population, `area_km2`) and
    /// `localities.csv` (optional) of a catalogue directory.
    pub fn read(dir: &Path) -> Result<Self> {
        let all = CatalogueOptions {
            extension: true,
            ..CatalogueOptions::default()
        };
        let municipalities = read_municipalities(dir, &all)?;
        let places: Vec<_> = municipalities.iter().map(|m| m.place.clone()).collect();
        let groups = if dir.join("localities.csv").exists() {
            locality_groups(dir, &places)?
        } else {
            places.iter().map(|p| vec![p.clone()]).collect()
        };
        let index: HashMap<&str, usize> = places
            .iter()
            .enumerate()
            .map(|(k, p)| (p.id.as_str(), k))
            .collect();
        let path = dir.join("calibration.csv");
        let mut targets = Vec::new();
        for (line, r) in rows::<TargetRow>(&path)? {
            let place = format!("row {line}");
            let k = *index.get(r.ags.as_str()).ok_or_else(|| {
                Error::input(
                    &path,
                    &place,
                    format!("ags '{}' is not in municipalities.csv", r.ags),
                )
            })?;
            let area_km2 = municipalities[k].area_km2.ok_or_else(|| {
                Error::input(
                    dir.join("municipalities.csv"),
                    format!("row {}", municipalities[k].line),
                    "column 'area_km2' is needed for the calibration",
                )
            })?;
            let origins = groups[k]
                .iter()
                .map(|p| Origin {
                    lon: p.lon,
                    lat: p.lat,
                    weight: p.population as f64,
                    area_km2,
                })
                .collect();
            targets.push(Target {
                ags: r.ags,
                name: r.name,
                vbg: r.vbg,
                car_min: finite_minutes(&path, line, "car_min", r.car_min)?,
                pt_min: finite_minutes(&path, line, "pt_min", r.pt_min)?,
                population: places[k].population as f64,
                origins,
            });
        }
        if targets.is_empty() {
            return Err(Error::input(&path, "rows", "no calibration targets"));
        }
        let path = dir.join("calibration_pairs.csv");
        let mut pairs = Vec::new();
        if path.exists() {
            for (line, r) in rows::<PairRow>(&path)? {
                let place = format!("row {line}");
                if !matches!(r.mode.as_str(), "car" | "pt") {
                    return Err(Error::input(
                        &path,
                        &place,
                        format!("mode '{}' must be car or pt", r.mode),
                    ));
                }
                let fit = match r.role.as_str() {
                    "fit" => true,
                    "check" => false,
                    other => {
                        return Err(Error::input(
                            &path,
                            &place,
                            format!("role '{other}' must be fit or check"),
                        ))
                    }
                };
                pairs.push(Pair {
                    from: r.from,
                    to: r.to,
                    from_point: (r.from_lon, r.from_lat),
                    to_point: (r.to_lon, r.to_lat),
                    mode: r.mode,
                    minutes: finite_minutes(&path, line, "minutes", r.minutes)?,
                    fit,
                });
            }
        }
        let path = dir.join("central_places.csv");
        let centres: Vec<CentralPlace> = rows::<CentreRow>(&path)?
            .into_iter()
            .map(|(_, r)| CentralPlace {
                id: r.id,
                name: r.name,
                lon: r.lon,
                lat: r.lat,
                level: r.level,
            })
            .collect();
        if centres.is_empty() {
            return Err(Error::input(&path, "rows", "no central places"));
        }
        Ok(CalibrationData {
            targets,
            pairs,
            centres,
        })
    }

    /// The central places as (lon, lat).
    pub fn centre_points(&self) -> Vec<(f64, f64)> {
        self.centres.iter().map(|c| (c.lon, c.lat)).collect()
    }

    /// The pairs of one mode.
    pub fn pairs_of<'a>(&'a self, mode: &'a str) -> impl Iterator<Item = &'a Pair> {
        self.pairs.iter().filter(move |p| p.mode == mode)
    }

    /// Population-weighted means of per-municipality `values` over each Gemeindeverband, one
    /// per target (members share their group's value).
    pub fn group_means(&self, values: &[f64]) -> Vec<f64> {
        let mut sums: HashMap<&str, (f64, f64)> = HashMap::new();
        for (t, v) in self.targets.iter().zip(values) {
            let e = sums.entry(t.vbg.as_str()).or_insert((0.0, 0.0));
            e.0 += t.population * v;
            e.1 += t.population;
        }
        self.targets
            .iter()
            .map(|t| {
                let (s, w) = sums[t.vbg.as_str()];
                s / w
            })
            .collect()
    }

    /// The residual table and root mean square errors of per-municipality model `values`
    /// against `official` minutes (one per target).
    pub fn summarise<P>(
        &self,
        params: P,
        values: &[f64],
        official: impl Fn(&Target) -> f64,
        pairs: Vec<PairResidual>,
    ) -> Fit<P> {
        let means = self.group_means(values);
        let rows: Vec<Residual> = self
            .targets
            .iter()
            .zip(values.iter().zip(&means))
            .map(|(t, (&own, &model))| Residual {
                ags: t.ags.clone(),
                name: t.name.clone(),
                vbg: t.vbg.clone(),
                official: official(t),
                municipality: own,
                model,
            })
            .collect();
        let rms = |r: &[f64]| (r.iter().map(|e| e * e).sum::<f64>() / r.len() as f64).sqrt();
        let all: Vec<f64> = rows.iter().map(Residual::residual).collect();
        // one residual per Gemeindeverband, in order of first appearance
        let mut seen: Vec<&str> = Vec::new();
        let mut per_group = Vec::new();
        for r in &rows {
            if !seen.contains(&r.vbg.as_str()) {
                seen.push(&r.vbg);
                per_group.push(r.residual());
            }
        }
        Fit {
            params,
            rmse_rows: rms(&all),
            rmse_groups: rms(&per_group),
            groups: per_group.len(),
            rows,
            pairs,
        }
    }
}

/// Crow-fly km between two (lon, lat) points.
pub(crate) fn km(a: (f64, f64), b: (f64, f64)) -> f64 {
    metric::distance(Metric::Haversine, a, b)
}
