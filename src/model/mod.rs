//! Formulations. Each model turns an instance plus candidate lists into a mixed-integer program
//! (good_lp variables and constraints) and knows how to read its decision back.
//! The mathematics of every model is written out in `docs/models.md`.

use crate::error::{Error, Result};
use crate::instance::Instance;
use serde::{Deserialize, Serialize};

/// The location-allocation models: the four classic ones and ArcGIS's maximize attendance,
/// maximize market share and target market share.
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
    /// Maximise the weight that attends, with p sites: a demand point attends its nearest open
    /// site within the cutoff with the share g(d) of its weight, decaying from 1 at d = 0 to 0
    /// at the cutoff.
    Attendance,
    /// Maximise the demand captured from competitors' facilities, with p sites (Huff model).
    #[value(name = "market-share")]
    #[serde(rename = "market-share")]
    MarketShare,
    /// Minimise the number of sites that capture a target share of the total demand (Huff
    /// model), then maximise the captured demand with that many.
    #[value(name = "target-share")]
    #[serde(rename = "target-share")]
    TargetShare,
}

impl ModelKind {
    /// The CLI / JSON name.
    pub fn name(self) -> &'static str {
        match self {
            ModelKind::PMedian => "pmedian",
            ModelKind::PCenter => "pcenter",
            ModelKind::Mclp => "mclp",
            ModelKind::Lscp => "lscp",
            ModelKind::Attendance => "attendance",
            ModelKind::MarketShare => "market-share",
            ModelKind::TargetShare => "target-share",
        }
    }

    /// Whether larger objective values are better.
    pub fn maximises(self) -> bool {
        matches!(
            self,
            ModelKind::Mclp | ModelKind::Attendance | ModelKind::MarketShare
        )
    }

    /// Whether the model chooses p sites.
    pub fn needs_p(self) -> bool {
        matches!(
            self,
            ModelKind::PMedian
                | ModelKind::PCenter
                | ModelKind::Mclp
                | ModelKind::Attendance
                | ModelKind::MarketShare
        )
    }

    /// Whether the model is one of the Huff market-share models (the only ones that use
    /// competitors and attractiveness).
    pub fn is_market(self) -> bool {
        matches!(self, ModelKind::MarketShare | ModelKind::TargetShare)
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
    /// Number of sites to open (p-median, p-center, MCLP, attendance, market share).
    pub p: Option<usize>,
    /// Coverage radius in impedance units (MCLP, LSCP).
    pub radius: Option<f64>,
    /// Impedance cutoff (ArcGIS "impedance cutoff"): p-median (demand beyond it is unallocated
    /// and charged the cutoff), attendance (required), market share (a facility beyond it
    /// draws nothing from a point). For the MCLP it is the radius.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cutoff: Option<f64>,
    /// Impedance transformation (p-median, attendance, market share; default linear).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decay: Option<decay::Decay>,
    /// Target share of the total demand weight, in (0, 1] (target share only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_share: Option<f64>,
}

impl Problem {
    /// A problem of `kind` without parameters yet.
    pub fn new(kind: ModelKind) -> Self {
        Problem {
            kind,
            p: None,
            radius: None,
            cutoff: None,
            decay: None,
            target_share: None,
        }
    }

    /// Sets the impedance cutoff.
    pub fn with_cutoff(mut self, cutoff: f64) -> Self {
        self.cutoff = Some(cutoff);
        self
    }

    /// Sets the impedance transformation.
    pub fn with_decay(mut self, decay: decay::Decay) -> Self {
        self.decay = Some(decay);
        self
    }

    /// Sets the target share (target share model).
    pub fn with_target_share(mut self, share: f64) -> Self {
        self.target_share = Some(share);
        self
    }

    /// The impedance transformation (linear when none is set).
    pub fn decay_or_linear(&self) -> decay::Decay {
        self.decay.unwrap_or_else(decay::Decay::linear)
    }

    /// Whether a p-median is priced on transformed impedances (a cutoff or a non-linear
    /// decay): such a problem is solved by [`crate::solve`]'s decayed path, not the classic one.
    pub fn is_decayed_pmedian(&self) -> bool {
        self.kind == ModelKind::PMedian
            && (self.cutoff.is_some() || self.decay.is_some_and(|d| !d.is_identity()))
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
        self.check_extensions(instance)?;
        let m = instance.sites.len() - instance.competitor_sites().len();
        let required = instance.required_sites().len();
        let needs_p = self.kind.needs_p();
        let needs_radius = matches!(self.kind, ModelKind::Mclp | ModelKind::Lscp);
        // the MCLP's radius is ArcGIS's impedance cutoff; either name gives it
        let radius = match (self.kind, self.radius, self.cutoff) {
            (ModelKind::Mclp, None, Some(c)) => Some(c),
            (ModelKind::Mclp, Some(r), Some(c)) if r != c => {
                return Err(Error::Parameter(format!(
                    "mclp: radius {r} and cutoff {c} differ (the radius is the cutoff; give one)"
                )))
            }
            (_, r, _) => r,
        };
        if self.kind == ModelKind::TargetShare && self.p.is_some() {
            return Err(Error::Parameter(
                "target-share finds the number of facilities itself; drop -p".into(),
            ));
        }
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
        let radius = match (needs_radius, radius) {
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
            if cap + 1e-9 < load && self.kind != ModelKind::Mclp && !self.kind.is_market() {
                return Err(Error::Infeasible(format!(
                    "{}: total capacity {cap} is below total demand {load}",
                    instance.source
                )));
            }
        }
        Ok((p, radius))
    }

    /// Checks the parameters of the ArcGIS extensions (cutoff, decay, target share,
    /// competitors): each only where its model uses it, with a one-line reason otherwise.
    fn check_extensions(&self, instance: &Instance) -> Result<()> {
        let kind = self.kind;
        let refuse = |msg: String| Err(Error::Parameter(msg));
        if let Some(c) = self.cutoff {
            if !(c.is_finite() && c > 0.0) {
                return refuse(format!("cutoff {c} must be > 0"));
            }
            if matches!(kind, ModelKind::PCenter | ModelKind::Lscp) {
                return refuse(format!(
                    "{kind} takes no cutoff (every demand point must be served)"
                ));
            }
        }
        if kind == ModelKind::Attendance && self.cutoff.is_none() {
            return refuse(
                "attendance needs --cutoff C (attendance decays to 0 at the cutoff)".into(),
            );
        }
        if let Some(d) = self.decay {
            d.check()?;
            match kind {
                ModelKind::Mclp => {
                    return refuse(
                        "mclp counts covered demand in full (ArcGIS Maximize Coverage); for \
                         coverage weighted by a decay use --model attendance"
                            .into(),
                    )
                }
                ModelKind::PCenter | ModelKind::Lscp => {
                    return refuse(format!("{kind} takes no decay"))
                }
                _ => {}
            }
        }
        match (kind, self.target_share) {
            (ModelKind::TargetShare, None) => {
                return refuse("target-share needs --target-share S (a share in (0, 1])".into())
            }
            (ModelKind::TargetShare, Some(s)) if !(s > 0.0 && s <= 1.0) => {
                return refuse(format!("target share {s} must be in (0, 1]"))
            }
            (k, Some(_)) if k != ModelKind::TargetShare => {
                return refuse(format!("{k} takes no target share"))
            }
            _ => {}
        }
        let competitors = instance.competitor_sites().len();
        if competitors > 0 && !kind.is_market() {
            return refuse(format!(
                "{}: {competitors} competitor site(s) apply only to --model market-share or \
                 target-share; remove them for {kind}",
                instance.source
            ));
        }
        let extended =
            kind.is_market() || kind == ModelKind::Attendance || self.is_decayed_pmedian();
        if extended && instance.is_capacitated() {
            return refuse(format!(
                "{kind} with a cutoff, decay or competitors is uncapacitated; the instance has \
                 capacities"
            ));
        }
        Ok(())
    }
}

pub mod allocation;
pub mod built;
pub mod capacitated;
pub mod coverage;
pub mod decay;
pub mod decayed;
pub mod huff;
pub mod lscp;
pub mod lscp_reduce;
pub mod mclp;
pub mod mclp_reduce;
pub mod pmedian;

pub use built::Built;
