//! Impedance transformations (ArcGIS "impedance transformation" / decay function) and the
//! transformed costs of the p-median with a cutoff or a decay and of maximize attendance.
//! The mathematics is in `docs/models.md` ("Cutoff and decay", "Maximize attendance").

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

/// The shape of an impedance transformation f(d) (ArcGIS Pro's decay function types).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum DecayKind {
    /// f(d) = d (the parameter is fixed at 1, as in ArcGIS Pro).
    Linear,
    /// f(d) = d^λ.
    Power,
    /// f(d) = e^(λ·d).
    Exponential,
}

impl DecayKind {
    /// The CLI / JSON name.
    pub fn name(self) -> &'static str {
        match self {
            DecayKind::Linear => "linear",
            DecayKind::Power => "power",
            DecayKind::Exponential => "exponential",
        }
    }
}

/// An impedance transformation f with its parameter λ: the transformed cost of a trip of
/// impedance d is f(d). f is strictly increasing for every admissible λ, so the nearest site
/// is also the one of least transformed cost.
///
/// ```
/// use impuls::model::decay::{Decay, DecayKind};
/// let power = Decay::new(DecayKind::Power, 2.0).unwrap();
/// assert_eq!(power.cost(3.0), 9.0);
/// let exp = Decay::new(DecayKind::Exponential, 0.5).unwrap();
/// assert_eq!(exp.cost(0.0), 1.0);
/// assert_eq!(Decay::new(DecayKind::Power, 0.0).unwrap_err().to_string(),
///            "power decay needs a parameter λ > 0 (got 0)");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Decay {
    /// The transformation.
    pub kind: DecayKind,
    /// λ (1 for linear).
    pub param: f64,
}

impl Decay {
    /// A transformation, checked: λ finite and > 0; linear takes λ = 1 only.
    pub fn new(kind: DecayKind, param: f64) -> Result<Self> {
        let decay = Decay { kind, param };
        decay.check()?;
        Ok(decay)
    }

    /// The identity f(d) = d.
    pub fn linear() -> Self {
        Decay {
            kind: DecayKind::Linear,
            param: 1.0,
        }
    }

    /// Checks λ (see [`Decay::new`]).
    pub fn check(&self) -> Result<()> {
        let lambda = self.param;
        match self.kind {
            DecayKind::Linear if lambda != 1.0 => Err(Error::Parameter(format!(
                "linear decay has no parameter (ArcGIS fixes λ at 1; got {lambda})"
            ))),
            DecayKind::Power | DecayKind::Exponential if !(lambda.is_finite() && lambda > 0.0) => {
                Err(Error::Parameter(format!(
                    "{} decay needs a parameter λ > 0 (got {lambda})",
                    self.kind.name()
                )))
            }
            _ => Ok(()),
        }
    }

    /// Whether this is the identity (the plain p-median's costs).
    pub fn is_identity(&self) -> bool {
        self.kind == DecayKind::Linear
    }

    /// f(d): the transformed cost of impedance `d` ≥ 0.
    pub fn cost(&self, d: f64) -> f64 {
        match self.kind {
            DecayKind::Linear => d,
            DecayKind::Power => d.powf(self.param),
            DecayKind::Exponential => (self.param * d).exp(),
        }
    }
}

/// The cost per unit of weight that a formulation over transformed impedances charges a
/// demand point whose nearest open site is at impedance `d` (`None`: no reachable open site).
/// One rule for the solver's lists and for the verification, so both price alike.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Charge {
    /// p-median: f(d), and f(cutoff) for a point beyond the cutoff of every open site
    /// (unallocated demand costs what demand at the cutoff costs; see `docs/models.md`).
    PMedian {
        /// The transformation.
        decay: Decay,
        /// The impedance cutoff, if any.
        cutoff: Option<f64>,
    },
    /// Maximize attendance: the share of the weight that does *not* attend,
    /// 1 − g(d) = (f(d) − f(0)) / (f(c) − f(0)) inside the cutoff c, 1 beyond it.
    Absence {
        /// The transformation.
        decay: Decay,
        /// The impedance cutoff.
        cutoff: f64,
    },
}

impl Charge {
    /// The cost of impedance `d` (`None`: unreachable); `None` back means "cannot be served"
    /// (only without a cutoff).
    ///
    /// ```
    /// use impuls::model::decay::{Charge, Decay};
    /// let c = Charge::PMedian { decay: Decay::linear(), cutoff: Some(10.0) };
    /// assert_eq!((c.of(Some(4.0)), c.of(Some(12.0)), c.of(None)), (Some(4.0), Some(10.0), Some(10.0)));
    /// let a = Charge::Absence { decay: Decay::linear(), cutoff: 10.0 };
    /// assert_eq!((a.of(Some(0.0)), a.of(Some(5.0)), a.of(Some(20.0))), (Some(0.0), Some(0.5), Some(1.0)));
    /// ```
    pub fn of(&self, d: Option<f64>) -> Option<f64> {
        match *self {
            Charge::PMedian { decay, cutoff } => match (d, cutoff) {
                (Some(d), Some(c)) if d > c => Some(decay.cost(c)),
                (Some(d), _) => Some(decay.cost(d)),
                (None, Some(c)) => Some(decay.cost(c)),
                (None, None) => None,
            },
            Charge::Absence { decay, cutoff } => match d {
                Some(d) if d <= cutoff => {
                    let zero = decay.cost(0.0);
                    Some((decay.cost(d) - zero) / (decay.cost(cutoff) - zero))
                }
                _ => Some(1.0),
            },
        }
    }

    /// The cutoff, if any.
    pub fn cutoff(&self) -> Option<f64> {
        match *self {
            Charge::PMedian { cutoff, .. } => cutoff,
            Charge::Absence { cutoff, .. } => Some(cutoff),
        }
    }

    /// Whether impedance `d` lies within the cutoff (always, without one): the demand point is
    /// allocated to a site at `d`.
    pub fn allocates(&self, d: f64) -> bool {
        self.cutoff().is_none_or(|c| d <= c)
    }

    /// The cost of a point beyond the cutoff of every open site (`None` without a cutoff).
    pub fn beyond_cutoff(&self) -> Option<f64> {
        self.cutoff().and_then(|_| self.of(None))
    }
}
