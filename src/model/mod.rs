//! Formulations. Each model turns an instance plus candidate lists into a mixed-integer program
//! (good_lp variables and constraints) and knows how to read its decision back.
//! The mathematics of every model is written out in `docs/models.md`.

use crate::error::{Error, Result};
use crate::instance::Instance;
use serde::{Deserialize, Serialize};

/// The four classic location-allocation models.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum ModelKind {
    /// Minimise Σ weight × impedance to the nearest (or assigned) open site, with p sites.
    #[value(name = "pmedian")]
    PMedian,
    /// Minimise the largest impedance of any demand point, with p sites.
    #[value(name = "pcenter")]
    PCenter,
    /// Maximise the weight covered within a radius, with p sites.
    Mclp,
    /// Minimise the number (or fixed cost) of sites so that every demand point is covered.
    Lscp,
}

impl ModelKind {
    /// The CLI / JSON name.
    pub fn name(self) -> &'static str {
        match self {
            ModelKind::PMedian => "pmedian",
            ModelKind::PCenter => "pcenter",
            ModelKind::Mclp => "mclp",
            ModelKind::Lscp => "lscp",
        }
    }

    /// Whether larger objective values are better.
    pub fn maximises(self) -> bool {
        self == ModelKind::Mclp
    }
}

impl std::fmt::Display for ModelKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A model and its parameters.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    /// Which model.
    pub kind: ModelKind,
    /// Number of sites to open (p-median, p-center, MCLP).
    pub p: Option<usize>,
    /// Coverage radius in impedance units (MCLP, LSCP).
    pub radius: Option<f64>,
}

impl Problem {
    /// A problem of `kind` without parameters yet.
    pub fn new(kind: ModelKind) -> Self {
        Problem {
            kind,
            p: None,
            radius: None,
        }
    }

    /// Sets p.
    pub fn with_p(mut self, p: usize) -> Self {
        self.p = Some(p);
        self
    }

    /// Sets the coverage radius.
    pub fn with_radius(mut self, radius: f64) -> Self {
        self.radius = Some(radius);
        self
    }

    /// Checks the parameters against the instance and returns (p, radius) as the model needs them.
    ///
    /// ```
    /// use impuls::model::{Problem, ModelKind};
    /// # use impuls::instance::*;
    /// # let s = |id: &str| Site { id: id.into(), name: None, x: 0.0, y: 0.0, required: false, capacity: None, cost: None, ..Default::default() };
    /// # let inst = Instance { name: String::new(), source: String::new(), crs: Crs::Planar, impedance: Impedance::euclidean(),
    /// #   demand: vec![DemandPoint { id: "a".into(), name: None, x: 0.0, y: 0.0, weight: 1.0, load: None }],
    /// #   sites: vec![s("1"), s("2")], matrix: None };
    /// let err = Problem::new(ModelKind::PMedian).with_p(3).check(&inst).unwrap_err();
    /// assert_eq!(err.to_string(), "p = 3 is larger than the number of candidate sites (2)");
    /// ```
    pub fn check(&self, instance: &Instance) -> Result<(Option<usize>, Option<f64>)> {
        let m = instance.sites.len();
        let required = instance.required_sites().len();
        let needs_p = matches!(
            self.kind,
            ModelKind::PMedian | ModelKind::PCenter | ModelKind::Mclp
        );
        let needs_radius = matches!(self.kind, ModelKind::Mclp | ModelKind::Lscp);
        let p = match (needs_p, self.p) {
            (true, None) => return Err(Error::Parameter(format!("{} needs -p N", self.kind))),
            (true, Some(0)) => return Err(Error::Parameter("p must be at least 1".into())),
            (true, Some(p)) if p > m => {
                return Err(Error::Parameter(format!(
                    "p = {p} is larger than the number of candidate sites ({m})"
                )))
            }
            (true, Some(p)) if p < required => {
                return Err(Error::Parameter(format!(
                    "p = {p} is smaller than the number of required sites ({required})"
                )))
            }
            (_, p) => p,
        };
        let radius = match (needs_radius, self.radius) {
            (true, None) => {
                return Err(Error::Parameter(format!("{} needs --radius R", self.kind)))
            }
            (_, Some(r)) if !(r.is_finite() && r > 0.0) => {
                return Err(Error::Parameter(format!("radius {r} must be > 0")))
            }
            (_, r) => r,
        };
        if instance.is_capacitated() {
            let cap: f64 = instance.sites.iter().filter_map(|s| s.capacity).sum();
            let load = instance.total_load();
            if cap + 1e-9 < load && self.kind != ModelKind::Mclp {
                return Err(Error::Infeasible(format!(
                    "{}: total capacity {cap} is below total demand {load}",
                    instance.source
                )));
            }
        }
        Ok((p, radius))
    }
}

pub mod allocation;
pub mod built;
pub mod capacitated;
pub mod coverage;
pub mod lscp;
pub mod lscp_reduce;
pub mod mclp;
pub mod mclp_reduce;
pub mod pmedian;

pub use built::Built;
