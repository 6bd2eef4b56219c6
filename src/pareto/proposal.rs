//! Allocation proposals as planners see them: objective values in natural units, the town of
//! every function, a per-town summary and per-place accessibility for the map.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One objective as shown in reports.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ObjectiveInfo {
    /// Machine name (`access`, `coverage`, `balance`, `change`, `synergy`, `equity`).
    pub name: String,
    /// German label for planners.
    pub label: String,
    /// `min` or `max`.
    pub sense: String,
    /// Unit of the natural value.
    pub unit: String,
}

/// What one town carries in a proposal.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TownSummary {
    /// Town id.
    pub town: String,
    /// Town name.
    pub name: String,
    /// Function ids placed there.
    pub functions: Vec<String>,
    /// Sum of the functions' size points.
    pub size_points: f64,
    /// The town's capacity in size points, if limited.
    pub capacity: Option<f64>,
}

/// One allocation with its verified objective values.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Proposal {
    /// `P1`, `P2`, … or `status_quo`.
    pub id: String,
    /// Objective name → natural value (all six are always evaluated).
    pub objectives: BTreeMap<String, f64>,
    /// Function id → town ids (an empty list: served from outside the region, status quo only).
    pub allocation: BTreeMap<String, Vec<String>>,
    /// Per-town summary, in town order.
    pub towns: Vec<TownSummary>,
    /// Importance-weighted mean minutes from each place (instance order) to all functions.
    pub place_minutes: Vec<f64>,
    /// Objectives recomputed from the allocation alone and checked against the solver.
    pub verified: bool,
}

/// A demand place for the map.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PlaceInfo {
    /// AGS or locality id.
    pub id: String,
    /// German name.
    pub name: String,
    /// Longitude.
    pub lon: f64,
    /// Latitude.
    pub lat: f64,
    /// Inhabitants.
    pub population: f64,
}

/// A candidate town (or an external Oberzentrum) for the map.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TownInfo {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Longitude.
    pub lon: f64,
    /// Latitude.
    pub lat: f64,
    /// Partner of the shared Oberzentrum (counts in the balance objective).
    pub partner: bool,
}

/// A function of the catalogue, for tables.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FunctionInfo {
    /// Id.
    pub id: String,
    /// German name.
    pub name: String,
    /// Field (IMPULS priority field or LEP 2010 Z 33 group).
    pub field: String,
    /// Importance weight.
    pub importance: f64,
    /// Number of sites.
    pub sites: usize,
}

/// Everything `proposals.json` holds, and what the HTML report is made from.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ProposalSet {
    /// Instance name.
    pub instance: String,
    /// The objectives the front was computed for, in the order given.
    pub objectives: Vec<ObjectiveInfo>,
    /// Every objective that is evaluated (all six), for tables.
    pub all_objectives: Vec<ObjectiveInfo>,
    /// Whether the front is complete (false after a time limit, Ctrl-C or --max-points).
    pub complete: bool,
    /// Plain-language note on completeness and method.
    pub note: String,
    /// The status quo, evaluated with the same objectives.
    pub status_quo: Proposal,
    /// Nondominated proposals, sorted by the first objective.
    pub proposals: Vec<Proposal>,
    /// Demand places.
    pub places: Vec<PlaceInfo>,
    /// Candidate towns.
    pub towns: Vec<TownInfo>,
    /// Oberzentren outside the region (Magdeburg, Halle).
    pub external: Vec<TownInfo>,
    /// The function catalogue.
    pub functions: Vec<FunctionInfo>,
    /// Seconds spent.
    pub seconds: f64,
    /// MIP solves.
    pub solves: usize,
}
