//! The car model's fit: minutes = a × km^b + k × √area (docs/models.md, "Travel times").
//!
//! For a fixed exponent b the model is linear in (k, a), so every exponent of a fine grid gets
//! its closed-form least-squares (k, a) and the grid point with the least squared error wins.
//! The nearest centre does not depend on the parameters (a > 0), so it is found once.

use super::{km, CalibrationData, Fit, PairResidual};
use crate::instance::impedance::{weighted_mean, CarParams};

/// The exponents the fit tries: 0.400, 0.401, …, 1.200.
const EXPONENT_GRID: std::ops::RangeInclusive<u32> = 400..=1200;

/// Crow-fly km from every origin of every target to its nearest central place.
fn nearest_km(data: &CalibrationData) -> Vec<Vec<f64>> {
    let centres = data.centre_points();
    data.targets
        .iter()
        .map(|t| {
            t.origins
                .iter()
                .map(|o| {
                    centres
                        .iter()
                        .map(|&c| km((o.lon, o.lat), c))
                        .fold(f64::INFINITY, f64::min)
                })
                .collect()
        })
        .collect()
}

/// The residuals of the car model with parameters `p`.
pub fn evaluate(data: &CalibrationData, p: &CarParams) -> Fit<CarParams> {
    let nearest = nearest_km(data);
    let values: Vec<f64> = data
        .targets
        .iter()
        .zip(&nearest)
        .map(|(t, d)| {
            weighted_mean(
                &t.origins,
                t.origins
                    .iter()
                    .zip(d)
                    .map(|(o, &d)| p.road_minutes(d) + p.access_minutes(o.area_km2)),
            )
        })
        .collect();
    let pairs = data
        .pairs_of("car")
        .map(|q| {
            let d = km(q.from_point, q.to_point);
            PairResidual {
                route: format!("{} → {}", q.from, q.to),
                km: d,
                official: q.minutes,
                model: p.road_minutes(d),
                fit: q.fit,
            }
        })
        .collect();
    data.summarise(*p, &values, |t| t.car_min, pairs)
}

/// Least squares of y ≈ k·x1 + a·x2 over `obs` (x1, x2, y) with k ≥ 0: (k, a, squared error).
fn least_squares(obs: &[(f64, f64, f64)]) -> (f64, f64, f64) {
    let s = |f: &dyn Fn(&(f64, f64, f64)) -> f64| obs.iter().map(f).sum::<f64>();
    let (s11, s12, s22) = (s(&|o| o.0 * o.0), s(&|o| o.0 * o.1), s(&|o| o.1 * o.1));
    let (s1y, s2y) = (s(&|o| o.0 * o.2), s(&|o| o.1 * o.2));
    let det = s11 * s22 - s12 * s12;
    let (mut k, mut a) = ((s1y * s22 - s2y * s12) / det, (s2y * s11 - s1y * s12) / det);
    if k.is_nan() || k < 0.0 {
        // the access term cannot make a trip shorter
        k = 0.0;
        a = s2y / s22;
    }
    let sse = obs
        .iter()
        .map(|&(x1, x2, y)| (k * x1 + a * x2 - y).powi(2))
        .sum();
    (k, a, sse)
}

/// The least-squares car parameters over the municipality rows and the `fit` pairs: the
/// exponent on the grid 0.400–1.200 (step 0.001), (k, a) in closed form for each.
pub fn fit(data: &CalibrationData) -> Fit<CarParams> {
    let nearest = nearest_km(data);
    let sqrt_area: Vec<f64> = data
        .targets
        .iter()
        .map(|t| weighted_mean(&t.origins, t.origins.iter().map(|o| o.area_km2.sqrt())))
        .collect();
    let access = data.group_means(&sqrt_area);
    let pairs: Vec<(f64, f64)> = data
        .pairs_of("car")
        .filter(|q| q.fit)
        .map(|q| (km(q.from_point, q.to_point), q.minutes))
        .collect();
    let mut best: Option<(f64, CarParams)> = None;
    for step in EXPONENT_GRID {
        let b = step as f64 / 1000.0;
        let road: Vec<f64> = data
            .targets
            .iter()
            .zip(&nearest)
            .map(|(t, d)| weighted_mean(&t.origins, d.iter().map(|&d| d.powf(b))))
            .collect();
        let road = data.group_means(&road);
        let obs: Vec<(f64, f64, f64)> = data
            .targets
            .iter()
            .enumerate()
            .map(|(i, t)| (access[i], road[i], t.car_min))
            .chain(pairs.iter().map(|&(d, y)| (0.0, d.powf(b), y)))
            .collect();
        let (k, a, sse) = least_squares(&obs);
        if best.as_ref().is_none_or(|(e, _)| sse < *e) {
            best = Some((
                sse,
                CarParams {
                    min_per_km: a,
                    exponent: b,
                    access_min_per_sqrt_km2: k,
                },
            ));
        }
    }
    let (_, params) = best.expect("the exponent grid is not empty");
    evaluate(data, &params)
}
