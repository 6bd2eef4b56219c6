//! The Huff gravity model of maximize market share and target market share.
//!
//! A facility j draws a demand point i with the utility u_ij = A_j / f(d_ij) (A_j its
//! attractiveness, f the impedance transformation; 0 beyond the cutoff). Point i patronises
//! facility j with probability u_ij / (Σ_{open own} u + Σ_{competitors} u), so with our open set
//! S it spends the share φ_i(U_i(S)) = U / (U + V_i) of its weight with us, where
//! U_i(S) = Σ_{j∈S} u_ij and V_i the competitors' total. φ_i is concave and increasing in U
//! (V_i > 0), which makes the captured demand F(S) = Σ_i w_i φ_i(U_i(S)) monotone submodular:
//! the cuts of [`crate::solve::market_share`] rest on both. See `docs/models.md`, "Market share".

use super::decay::Decay;
use crate::error::{Error, Result};
use crate::instance::Instance;
use rayon::prelude::*;

/// The utilities of one instance under one transformation and cutoff.
#[derive(Debug, Clone)]
pub struct Huff {
    /// Per demand point: (own candidate site, u_ij > 0), sites in index order.
    pub utilities: Vec<Vec<(u32, f64)>>,
    /// Per demand point: the competitors' total utility V_i.
    pub competition: Vec<f64>,
    /// Per demand point: its weight w_i.
    pub weights: Vec<f64>,
    /// Σ w_i: the total market.
    pub total_weight: f64,
    /// Candidate (own) sites: every site that is not a competitor.
    pub candidates: Vec<usize>,
}

impl Huff {
    /// Computes the utilities from the instance. Fails with one line when a utility is infinite:
    /// a point at impedance 0 from a facility under a linear or power transformation
    /// (f(0) = 0). A utility that underflows to 0 (a far facility under exponential decay)
    /// draws nothing, like one beyond the cutoff.
    ///
    /// ```
    /// use impuls::instance::{DemandPoint, Instance, Site, Crs, Impedance};
    /// use impuls::model::{decay::{Decay, DecayKind}, huff::Huff};
    /// let p = |id: &str, x: f64| DemandPoint { id: id.into(), name: None, x, y: 0.0, weight: 10.0, load: None };
    /// let inst = Instance { name: "line".into(), source: String::new(), crs: Crs::Planar,
    ///     impedance: Impedance::euclidean(), demand: vec![p("a", 0.0)],
    ///     sites: vec![Site { id: "ours".into(), x: 1.0, ..Default::default() },
    ///                 Site { id: "theirs".into(), x: 2.0, competitor: true, attractiveness: Some(2.0), ..Default::default() }],
    ///     matrix: None };
    /// let h = Huff::build(&inst, &Decay::new(DecayKind::Power, 2.0).unwrap(), None).unwrap();
    /// // u = 1/1² for ours, 2/2² for theirs: we capture 1 / (1 + 0.5) of the weight
    /// assert!((h.captured(&[true, false]) - 10.0 / 1.5).abs() < 1e-12);
    /// ```
    pub fn build(instance: &Instance, decay: &Decay, cutoff: Option<f64>) -> Result<Huff> {
        let m = instance.sites.len();
        let utility = |i: usize, j: usize| -> Result<f64> {
            let Some(d) = instance.impedance(i, j) else {
                return Ok(0.0);
            };
            if cutoff.is_some_and(|c| d > c) {
                return Ok(0.0);
            }
            let u = instance.sites[j].attractiveness() / decay.cost(d);
            if !u.is_finite() {
                return Err(Error::Parameter(format!(
                    "Huff utility of site '{}' for demand '{}' (impedance {d}) is infinite under \
                     {} decay; use --decay exponential or keep facilities off demand points",
                    instance.sites[j].id,
                    instance.demand[i].id,
                    decay.kind.name()
                )));
            }
            Ok(u)
        };
        let rows: Vec<(Vec<(u32, f64)>, f64)> = (0..instance.demand.len())
            .into_par_iter()
            .map(|i| {
                let mut own = Vec::new();
                let mut theirs = 0.0;
                for j in 0..m {
                    let u = utility(i, j)?;
                    if u <= 0.0 {
                        continue;
                    }
                    if instance.sites[j].competitor {
                        theirs += u;
                    } else {
                        own.push((j as u32, u));
                    }
                }
                Ok((own, theirs))
            })
            .collect::<Result<_>>()?;
        let (utilities, competition) = rows.into_iter().unzip();
        let weights: Vec<f64> = instance.demand.iter().map(|d| d.weight).collect();
        Ok(Huff {
            utilities,
            competition,
            total_weight: weights.iter().sum(),
            weights,
            candidates: (0..m).filter(|&j| !instance.sites[j].competitor).collect(),
        })
    }

    /// Number of demand points.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// Whether there are no demand points.
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// U_i(S) for the open mask `open` (one flag per instance site).
    pub fn own_utility(&self, i: usize, open: &[bool]) -> f64 {
        self.utilities[i]
            .iter()
            .filter(|(j, _)| open[*j as usize])
            .map(|(_, u)| u)
            .sum()
    }

    /// w_i φ_i(U): the demand of point i captured at own utility `u`. Without competitors in
    /// reach (V_i = 0) the point is captured in full as soon as one own facility reaches it.
    pub fn capture(&self, i: usize, u: f64) -> f64 {
        let v = self.competition[i];
        if u <= 0.0 {
            0.0
        } else if v <= 0.0 {
            self.weights[i]
        } else {
            self.weights[i] * u / (u + v)
        }
    }

    /// The slope w_i φ_i'(U) = w_i V_i / (U + V_i)² (V_i > 0 only).
    pub fn slope(&self, i: usize, u: f64) -> f64 {
        let v = self.competition[i];
        self.weights[i] * v / ((u + v) * (u + v))
    }

    /// F(S): the demand captured by the open mask `open`.
    pub fn captured(&self, open: &[bool]) -> f64 {
        (0..self.len())
            .into_par_iter()
            .map(|i| self.capture(i, self.own_utility(i, open)))
            .sum()
    }

    /// The own open facility of largest utility for point i (ties to the lower index):
    /// the facility that receives the largest part of its custom (`None`: no open facility of
    /// ours reaches it).
    pub fn main_facility(&self, i: usize, open: &[bool]) -> Option<usize> {
        self.utilities[i]
            .iter()
            .filter(|(j, _)| open[*j as usize])
            .fold(None, |best: Option<(u32, f64)>, &(j, u)| match best {
                Some((_, bu)) if bu >= u => best,
                _ => Some((j, u)),
            })
            .map(|(j, _)| j as usize)
    }
}
