//! Verification of the p-median over transformed impedances (cutoff, decay) and of maximize
//! attendance: every demand point goes to its nearest open site by the instance's impedance,
//! and the objective is recomputed with the model's [`Charge`].

use super::{nearest_open, open_mask, planar_monotone};
use crate::error::{Error, Result};
use crate::instance::Instance;
use crate::model::decay::Charge;
use rayon::prelude::*;

/// The outcome of [`decayed`].
#[derive(Debug, Clone, PartialEq)]
pub struct Decayed {
    /// Σ w_i · charge(d_i): the p-median objective, or for attendance the weight that does
    /// not attend.
    pub cost: f64,
    /// Weight of the demand points beyond the cutoff of every open site (unallocated).
    pub unallocated: f64,
    /// Σ w_i: the total weight.
    pub total_weight: f64,
    /// The nearest open site of every allocated demand point (`None`: unallocated).
    pub assignment: Vec<Option<usize>>,
}

/// Checks `open` (p sites, required ones open, no competitor) and prices it under `charge`
/// from the instance alone.
///
/// ```
/// use impuls::instance::{DemandPoint, Instance, Site, Crs, Impedance};
/// use impuls::model::decay::{Charge, Decay};
/// use impuls::solve::verify::decayed;
/// let p = |id: &str, x: f64| DemandPoint { id: id.into(), name: None, x, y: 0.0, weight: 2.0, load: None };
/// let inst = Instance { name: "line".into(), source: String::new(), crs: Crs::Planar,
///     impedance: Impedance::euclidean(), demand: vec![p("a", 0.0), p("b", 9.0)],
///     sites: vec![Site { id: "s".into(), x: 1.0, ..Default::default() }], matrix: None };
/// let charge = Charge::PMedian { decay: Decay::linear(), cutoff: Some(5.0) };
/// let c = decayed(&inst, &charge, 1, &[0]).unwrap();
/// // a is 1 away; b is 8 away, beyond the cutoff: unallocated and charged the cutoff
/// assert_eq!((c.cost, c.unallocated, c.assignment), (2.0 * 1.0 + 2.0 * 5.0, 2.0, vec![Some(0), None]));
/// ```
pub fn decayed(instance: &Instance, charge: &Charge, p: usize, open: &[usize]) -> Result<Decayed> {
    open_mask(instance, Some(p), open)?;
    let planar = planar_monotone(instance);
    let priced: Vec<(Option<usize>, Option<f64>)> = (0..instance.demand.len())
        .into_par_iter()
        .map(|i| {
            let nearest = nearest_open(instance, i, open, planar);
            let allocated = nearest.filter(|&(_, d)| charge.allocates(d));
            let cost = match allocated {
                Some((_, d)) => charge.of(Some(d)),
                None => charge.of(None),
            };
            (allocated.map(|(j, _)| j), cost)
        })
        .collect();
    let mut cost = 0.0;
    let mut unallocated = 0.0;
    let mut assignment = Vec::with_capacity(priced.len());
    for (i, (site, c)) in priced.into_iter().enumerate() {
        let w = instance.demand[i].weight;
        let Some(c) = c else {
            return Err(Error::Verification(format!(
                "demand '{}' is not served by any open site",
                instance.demand[i].id
            )));
        };
        cost += w * c;
        if site.is_none() {
            unallocated += w;
        }
        assignment.push(site);
    }
    Ok(Decayed {
        cost,
        unallocated,
        total_weight: instance.total_weight(),
        assignment,
    })
}
