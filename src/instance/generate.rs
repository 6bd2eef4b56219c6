//! Synthetic planar instances with the clustered shape of real settlement, for scaling tests
//! and benchmarks (`impuls generate`).
//!
//! - **Towns**: `clusters` centres uniform in the square; town k holds a share ∝ 1/k of the
//!   urban points (Zipf's rank-size rule, so sizes are heavy-tailed) and spreads them with a
//!   Gaussian whose σ grows with the share (σ = 6 km × (share/largest share)^0.4, 0.5 km for the
//!   smallest of 500 towns).
//! - **Rural scatter**: 10 % of the points uniform over the square.
//! - **Weights**: population-like, log-normal (median 20, σ = 1), rounded to integers ≥ 1, so
//!   MCLP bounds are integral.
//! - **Sites**: 70 % near town centres (town drawn by its share, same Gaussian), 30 % uniform.
//! - Coordinates in km on a square of side `extent_km`, rounded to metres.
//!
//! The generator is a pure function of its options: one PCG64 stream (`rand_pcg`) seeded with
//! `seed`, consumed in a fixed order, so the same options give the same instance on every
//! machine and thread count.
use super::{Crs, DemandPoint, Impedance, Instance, Site};
use crate::error::{Error, Result};
use rand::{RngExt, SeedableRng};
use rand_pcg::Pcg64;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GenerateOptions {
    /// Number of demand points.
    pub demand: usize,
    /// Number of candidate sites.
    pub sites: usize,
    /// Seed of the random stream.
    pub seed: u64,
    /// Number of towns; `None`: ⌈√demand / 2⌉ (500 towns for 10⁶ points).
    pub clusters: Option<usize>,
    /// Side of the square in km.
    pub extent_km: f64,
}

impl GenerateOptions {
    /// `demand` points and `sites` sites from `seed` on a 200 km square (a German state).
    ///
    /// ```
    /// let o = impuls::instance::generate::GenerateOptions::new(10, 2, 3);
    /// assert_eq!((o.extent_km, o.clusters), (200.0, None));
    /// ```
    pub fn new(demand: usize, sites: usize, seed: u64) -> Self {
        GenerateOptions {
            demand,
            sites,
            seed,
            clusters: None,
            extent_km: 200.0,
        }
    }
}

/// Share of the points that are rural scatter.
const RURAL: f64 = 0.10;
/// Share of the sites near town centres.
const SITES_IN_TOWNS: f64 = 0.70;
/// σ of the largest town, km.
const SIGMA_MAX_KM: f64 = 6.0;

/// Generates an instance; errors on zero counts or a non-positive extent.
///
/// ```
/// use impuls::instance::generate::{generate, GenerateOptions};
/// let a = generate(&GenerateOptions::new(1000, 50, 7)).unwrap();
/// let b = generate(&GenerateOptions::new(1000, 50, 7)).unwrap();
/// assert_eq!((a.demand.len(), a.sites.len()), (1000, 50));
/// assert_eq!(a.demand, b.demand);
/// assert!(a.validate().is_ok());
/// ```
pub fn generate(o: &GenerateOptions) -> Result<Instance> {
    if o.demand == 0 || o.sites == 0 {
        return Err(Error::Parameter(
            "--demand and --sites must be at least 1".into(),
        ));
    }
    if !(o.extent_km.is_finite() && o.extent_km > 0.0) {
        return Err(Error::Parameter(format!(
            "--extent {} must be a positive number of km",
            o.extent_km
        )));
    }
    if o.clusters == Some(0) {
        return Err(Error::Parameter("--clusters must be at least 1".into()));
    }
    let k = o
        .clusters
        .unwrap_or(((o.demand as f64).sqrt() / 2.0).ceil() as usize)
        .max(1);
    let mut rng = Pcg64::seed_from_u64(o.seed);
    let towns = Towns::new(&mut rng, k, o.extent_km);
    let rural = ((o.demand as f64) * RURAL).round() as usize;
    let counts = towns.split(o.demand - rural);
    let mut demand = Vec::with_capacity(o.demand);
    for (t, &count) in counts.iter().enumerate() {
        for _ in 0..count {
            let (x, y) = towns.near(&mut rng, t);
            demand.push(demand_point(demand.len(), x, y, weight(&mut rng)));
        }
    }
    while demand.len() < o.demand {
        let (x, y) = towns.anywhere(&mut rng);
        demand.push(demand_point(demand.len(), x, y, weight(&mut rng)));
    }
    let in_towns = ((o.sites as f64) * SITES_IN_TOWNS).round() as usize;
    let sites = (0..o.sites)
        .map(|j| {
            let (x, y) = if j < in_towns {
                let t = towns.draw(&mut rng);
                towns.near(&mut rng, t)
            } else {
                towns.anywhere(&mut rng)
            };
            Site {
                id: format!("s{}", j + 1),
                name: None,
                x,
                y,
                required: false,
                capacity: None,
                cost: None,
                ..Default::default()
            }
        })
        .collect();
    Ok(Instance {
        name: format!("synthetic-{}-{}-seed{}", o.demand, o.sites, o.seed),
        source: String::new(),
        crs: Crs::Planar,
        impedance: Impedance::euclidean(),
        demand,
        sites,
        matrix: None,
    })
}

/// Town centres, shares (Zipf) and spreads.
struct Towns {
    centres: Vec<(f64, f64)>,
    /// Cumulative shares, ending at 1.
    cumulative: Vec<f64>,
    sigma: Vec<f64>,
    extent: f64,
}

impl Towns {
    fn new(rng: &mut Pcg64, k: usize, extent: f64) -> Self {
        let centres: Vec<(f64, f64)> = (0..k)
            .map(|_| {
                let x = extent * (0.05 + 0.9 * rng.random::<f64>());
                let y = extent * (0.05 + 0.9 * rng.random::<f64>());
                (x, y)
            })
            .collect();
        let harmonic: f64 = (1..=k).map(|r| 1.0 / r as f64).sum();
        let share: Vec<f64> = (1..=k).map(|r| 1.0 / r as f64 / harmonic).collect();
        let sigma = share
            .iter()
            .map(|s| SIGMA_MAX_KM * (s / share[0]).powf(0.4))
            .collect();
        let mut acc = 0.0;
        let mut cumulative: Vec<f64> = share
            .iter()
            .map(|s| {
                acc += s;
                acc
            })
            .collect();
        *cumulative.last_mut().expect("k ≥ 1") = 1.0;
        Towns {
            centres,
            cumulative,
            sigma,
            extent,
        }
    }

    /// Points per town for `total` urban points: ⌊share × total⌋, the remainder to the largest.
    fn split(&self, total: usize) -> Vec<usize> {
        let mut prev = 0.0;
        let mut counts: Vec<usize> = self
            .cumulative
            .iter()
            .map(|&c| {
                let n = ((c - prev) * total as f64).floor() as usize;
                prev = c;
                n
            })
            .collect();
        let assigned: usize = counts.iter().sum();
        counts[0] += total - assigned;
        counts
    }

    /// A town drawn with probability equal to its share.
    fn draw(&self, rng: &mut Pcg64) -> usize {
        let u = rng.random::<f64>();
        self.cumulative
            .partition_point(|&c| c <= u)
            .min(self.cumulative.len() - 1)
    }

    /// A point of town `t`: its centre plus a Gaussian offset, kept in the square.
    fn near(&self, rng: &mut Pcg64, t: usize) -> (f64, f64) {
        let (zx, zy) = gaussian_pair(rng);
        let (cx, cy) = self.centres[t];
        let s = self.sigma[t];
        (self.clamp(cx + s * zx), self.clamp(cy + s * zy))
    }

    /// A point uniform in the square.
    fn anywhere(&self, rng: &mut Pcg64) -> (f64, f64) {
        let x = self.extent * rng.random::<f64>();
        let y = self.extent * rng.random::<f64>();
        (metres(x), metres(y))
    }

    fn clamp(&self, v: f64) -> f64 {
        metres(v.clamp(0.0, self.extent))
    }
}

/// Two independent standard normal values (Box–Muller transform of two uniforms).
fn gaussian_pair(rng: &mut Pcg64) -> (f64, f64) {
    let u1 = 1.0 - rng.random::<f64>(); // (0, 1]: ln is finite
    let u2 = rng.random::<f64>();
    let r = (-2.0 * u1.ln()).sqrt();
    let a = std::f64::consts::TAU * u2;
    (r * a.cos(), r * a.sin())
}

/// A population-like weight: log-normal with median 20 and σ = 1, rounded, at least 1.
fn weight(rng: &mut Pcg64) -> f64 {
    let (z, _) = gaussian_pair(rng);
    (20.0 * z.exp()).round().max(1.0)
}

/// Rounds km to whole metres (short, exact JSON numbers).
fn metres(km: f64) -> f64 {
    (km * 1000.0).round() / 1000.0
}

fn demand_point(i: usize, x: f64, y: f64, weight: f64) -> DemandPoint {
    DemandPoint {
        id: format!("d{}", i + 1),
        name: None,
        x,
        y,
        weight,
        load: None,
    }
}
