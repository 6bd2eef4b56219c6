//! The public-transport model's fit (docs/models.md, "Travel times").
//!
//! The journey time is a minimum over routes (direct bus, bus–rail–bus), so the nearest centre
//! and the route depend on the parameters: bus minutes per km and the two boarding times are
//! searched on a grid — a coarse pass (0.25 min/km, 2 min), then a fine one around its best
//! point (0.05 min/km, 0.25 min) — and the access constant, which shifts every journey alike,
//! is the mean residual in closed form. The walking rate and the ride minutes are inputs.

use super::{km, CalibrationData, Fit, PairResidual};
use crate::distance::transit::{RailNetwork, TransitParams, TransitTables};
use crate::instance::impedance::weighted_mean;

/// Distances the fit needs, computed once.
struct Prepared {
    /// Every origin of every target × every central place.
    origins: TransitTables,
    /// The pt pairs: origin × destination (the diagonal is used).
    pairs: TransitTables,
}

fn prepare(data: &CalibrationData, network: &RailNetwork) -> Prepared {
    let points: Vec<(f64, f64)> = data
        .targets
        .iter()
        .flat_map(|t| t.origins.iter().map(|o| (o.lon, o.lat)))
        .collect();
    let from: Vec<(f64, f64)> = data.pairs_of("pt").map(|q| q.from_point).collect();
    let to: Vec<(f64, f64)> = data.pairs_of("pt").map(|q| q.to_point).collect();
    Prepared {
        origins: network.tables(&points, &data.centre_points()),
        pairs: network.tables(&from, &to),
    }
}

/// Per target: the population-weighted minutes to the nearest centre; per pt pair: the minutes.
fn model_values(
    data: &CalibrationData,
    prep: &Prepared,
    p: &TransitParams,
) -> (Vec<f64>, Vec<f64>) {
    let to_centres = prep.origins.minutes(p);
    let mut next = 0;
    let targets = data
        .targets
        .iter()
        .map(|t| {
            let mine = &to_centres[next..next + t.origins.len()];
            next += t.origins.len();
            weighted_mean(
                &t.origins,
                mine.iter()
                    .map(|row| row.iter().copied().fold(f64::INFINITY, f64::min)),
            )
        })
        .collect();
    let pairs = prep
        .pairs
        .minutes(p)
        .iter()
        .enumerate()
        .map(|(k, row)| row[k])
        .collect();
    (targets, pairs)
}

fn residuals(data: &CalibrationData, prep: &Prepared, p: &TransitParams) -> Fit<TransitParams> {
    let (values, pair_values) = model_values(data, prep, p);
    let pairs = data
        .pairs_of("pt")
        .zip(pair_values)
        .map(|(q, model)| PairResidual {
            route: format!("{} → {}", q.from, q.to),
            km: km(q.from_point, q.to_point),
            official: q.minutes,
            model,
            fit: q.fit,
        })
        .collect();
    data.summarise(*p, &values, |t| t.pt_min, pairs)
}

/// The residuals of the public-transport model with parameters `p` on `network`.
pub fn evaluate(
    data: &CalibrationData,
    network: &RailNetwork,
    p: &TransitParams,
) -> Fit<TransitParams> {
    residuals(data, &prepare(data, network), p)
}

/// Squared error of `p` with the best access constant, and that constant.
fn score(data: &CalibrationData, prep: &Prepared, p: &TransitParams) -> (f64, f64) {
    let zero = TransitParams {
        access_min: 0.0,
        ..*p
    };
    let (values, pair_values) = model_values(data, prep, &zero);
    let means = data.group_means(&values);
    let gaps: Vec<f64> = data
        .targets
        .iter()
        .zip(&means)
        .map(|(t, m)| t.pt_min - m)
        .chain(
            data.pairs_of("pt")
                .zip(&pair_values)
                .filter(|(q, _)| q.fit)
                .map(|(q, m)| q.minutes - m),
        )
        .collect();
    let access = gaps.iter().sum::<f64>() / gaps.len() as f64;
    let sse = gaps.iter().map(|g| (g - access).powi(2)).sum();
    (sse, access)
}

/// The best point of a grid: bus min/km `bus`, bus boarding `bus_boarding`, rail boarding
/// `rail_boarding`, each as (first, step, count).
fn search(
    data: &CalibrationData,
    prep: &Prepared,
    walk_min_per_km: f64,
    grid: [(f64, f64, u32); 3],
) -> TransitParams {
    let values = |(first, step, n): (f64, f64, u32)| (0..n).map(move |k| first + step * k as f64);
    let mut best: Option<(f64, TransitParams)> = None;
    for bus in values(grid[0]) {
        for bus_boarding in values(grid[1]) {
            for rail_boarding in values(grid[2]) {
                let p = TransitParams {
                    access_min: 0.0,
                    bus_min_per_km: bus,
                    bus_boarding_min: bus_boarding,
                    rail_boarding_min: rail_boarding,
                    walk_min_per_km,
                };
                let (sse, access) = score(data, prep, &p);
                if best.as_ref().is_none_or(|(e, _)| sse < *e) {
                    best = Some((
                        sse,
                        TransitParams {
                            access_min: access,
                            ..p
                        },
                    ));
                }
            }
        }
    }
    best.expect("the grid is not empty").1
}

/// The least-squares public-transport parameters on `network` (walking at `walk_min_per_km`):
/// bus 0.50–5.00 min/km, boarding times 0–30 min, coarse then fine.
pub fn fit(
    data: &CalibrationData,
    network: &RailNetwork,
    walk_min_per_km: f64,
) -> Fit<TransitParams> {
    let prep = prepare(data, network);
    let coarse = search(
        data,
        &prep,
        walk_min_per_km,
        [(0.5, 0.25, 19), (0.0, 2.0, 16), (0.0, 2.0, 16)],
    );
    let around = |centre: f64, step: f64, half: u32| {
        let first = (centre - step * half as f64).max(0.0);
        (first, step, 2 * half + 1)
    };
    let fine = search(
        data,
        &prep,
        walk_min_per_km,
        [
            around(coarse.bus_min_per_km, 0.05, 5),
            around(coarse.bus_boarding_min, 0.25, 8),
            around(coarse.rail_boarding_min, 0.25, 8),
        ],
    );
    residuals(data, &prep, &fine)
}
