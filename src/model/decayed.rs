//! The p-median over transformed impedances: a cutoff, a decay, or maximize attendance, each a
//! p-median whose cost of serving point i from site j is c_ij = [`Charge::of`](d_ij). Every
//! charge is a non-decreasing function of the impedance, so the nearest open site is also the
//! cheapest, and the exact p-median machinery (the Benders branch-and-cut over candidate
//! lists) applies unchanged to lists that carry c_ij instead of d_ij.
//! See `docs/models.md`, "Cutoff and decay" and "Maximize attendance".

use super::decay::Charge;
use crate::distance::{CandidateLists, Scope};
use crate::error::{Error, Result};
use crate::instance::Instance;

/// Candidate lists of transformed costs.
///
/// With a cutoff c every site beyond c costs exactly the charge at the cutoff, so the lists
/// hold the sites within c and `beyond` is that charge (exact, not just a bound) for every point
/// that does not reach all sites. Without one, `scope` selects the sites and `beyond` is the
/// charge of the untransformed bound (a lower bound, since the charge is non-decreasing).
///
/// ```
/// use impuls::distance::Scope;
/// use impuls::instance::{DemandPoint, Instance, Site, Crs, Impedance};
/// use impuls::model::{decay::{Charge, Decay}, decayed::lists};
/// let p = |id: &str, x: f64| DemandPoint { id: id.into(), name: None, x, y: 0.0, weight: 1.0, load: None };
/// let s = |id: &str, x: f64| Site { id: id.into(), x, ..Default::default() };
/// let inst = Instance { name: "line".into(), source: String::new(), crs: Crs::Planar,
///     impedance: Impedance::euclidean(), demand: vec![p("a", 0.0)],
///     sites: vec![s("s1", 5.0), s("s2", 1.0), s("s3", 3.0)], matrix: None };
/// let charge = Charge::PMedian { decay: Decay::linear(), cutoff: Some(4.0) };
/// let l = lists(&inst, &charge, Scope::All).unwrap();
/// assert_eq!(l.list(0), &[(1, 1.0), (2, 3.0)]);
/// assert_eq!(l.beyond(0), Some(4.0));
/// ```
pub fn lists(instance: &Instance, charge: &Charge, scope: Scope) -> Result<CandidateLists> {
    let m = instance.sites.len();
    let (raw, cap) = match charge.beyond_cutoff() {
        Some(cap) => (
            CandidateLists::build(instance, Scope::Within(charge.cutoff().expect("capped"))),
            Some(cap),
        ),
        None => (CandidateLists::build(instance, scope), None),
    };
    let mut lists = Vec::with_capacity(raw.len());
    let mut beyond = Vec::with_capacity(raw.len());
    for i in 0..raw.len() {
        let row: Vec<(u32, f64)> = raw
            .list(i)
            .iter()
            .map(|&(j, d)| (j, charge.of(Some(d)).expect("reachable")))
            .collect();
        let b = match cap {
            Some(cap) => (row.len() < m).then_some(cap),
            None => raw.beyond(i).and_then(|d| charge.of(Some(d))),
        };
        if let Some(&(j, c)) = row.iter().find(|(_, c)| !c.is_finite()) {
            return Err(Error::Parameter(format!(
                "the decay overflows: demand '{}' to site '{}' costs {c}; choose a smaller λ or \
                 rescale the impedances",
                instance.demand[i].id, instance.sites[j as usize].id
            )));
        }
        lists.push(row);
        beyond.push(b);
    }
    Ok(CandidateLists::from_lists(lists, beyond))
}
