//! Verification of the Huff market-share models: the captured demand recomputed from the
//! instance's impedances, attractiveness and competitors.

use super::open_mask;
use crate::error::Result;
use crate::instance::Instance;
use crate::model::decay::Decay;
use crate::model::huff::Huff;

/// The outcome of [`market`].
#[derive(Debug, Clone, PartialEq)]
pub struct Market {
    /// Σ_i w_i U_i / (U_i + V_i): the demand captured by our open facilities.
    pub captured: f64,
    /// Σ w_i: the total market.
    pub total_weight: f64,
    /// Per demand point, our open facility with the largest part of its custom.
    pub assignment: Vec<Option<usize>>,
}

/// Checks `open` (`p` sites when given, required ones open, no competitor) and recomputes the
/// captured demand from the instance alone (a fresh [`Huff`], not the solver's).
///
/// ```
/// use impuls::instance::{DemandPoint, Instance, Site, Crs, Impedance};
/// use impuls::model::decay::{Decay, DecayKind};
/// use impuls::solve::verify::market;
/// let p = |id: &str, x: f64| DemandPoint { id: id.into(), name: None, x, y: 0.0, weight: 6.0, load: None };
/// let inst = Instance { name: "line".into(), source: String::new(), crs: Crs::Planar,
///     impedance: Impedance::euclidean(), demand: vec![p("a", 0.0)],
///     sites: vec![Site { id: "ours".into(), x: 1.0, ..Default::default() },
///                 Site { id: "theirs".into(), x: 2.0, competitor: true, ..Default::default() }],
///     matrix: None };
/// let m = market(&inst, &Decay::linear(), None, Some(1), &[0]).unwrap();
/// // u = 1/1 for ours, 1/2 for theirs
/// assert!((m.captured - 6.0 / 1.5).abs() < 1e-12);
/// assert!(market(&inst, &Decay::linear(), None, Some(1), &[1]).is_err());
/// ```
pub fn market(
    instance: &Instance,
    decay: &Decay,
    cutoff: Option<f64>,
    p: Option<usize>,
    open: &[usize],
) -> Result<Market> {
    let mask = open_mask(instance, p, open)?;
    let huff = Huff::build(instance, decay, cutoff)?;
    Ok(Market {
        captured: huff.captured(&mask),
        total_weight: huff.total_weight,
        assignment: (0..huff.len())
            .map(|i| huff.main_facility(i, &mask))
            .collect(),
    })
}
