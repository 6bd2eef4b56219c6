//! Allocation proposals as planners see them: objective values in natural units, the town of
//! every function, a per-town summary and per-place accessibility for the map.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One objective as shown in reports.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ObjectiveInfo {
    /// Machine name (`access`, `coverage`, `balance`, `change`, `synergy`, `equity`,
    /// `pt_access`, `pt_reach`).
    pub name: String,
    /// German label for planners.
    pub label: String,
    /// `min` or `max`.
    pub sense: String,
    /// Unit of the natural value.
    pub unit: String,
    /// Unit of the readable value (`Proposal::readable`): mean minutes per inhabitant for
    /// access, % of inhabitants for coverage and ÖPNV reach, else the natural unit.
    #[serde(default)]
    pub readable_unit: String,
}

/// An objective value in planner-readable units.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Readable {
    /// The value (e.g. 23.4 min per inhabitant, 87.5 %).
    pub value: f64,
    /// Its unit (the objective's `readable_unit`).
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
    /// Objective name → natural value (every objective of `all_objectives`).
    pub objectives: BTreeMap<String, f64>,
    /// Function id → town ids (an empty list: served from outside the region, status quo only).
    pub allocation: BTreeMap<String, Vec<String>>,
    /// Per-town summary, in town order.
    pub towns: Vec<TownSummary>,
    /// Importance-weighted mean minutes from each place (instance order) to all functions.
    pub place_minutes: Vec<f64>,
    /// Objectives recomputed from the allocation alone and checked against the solver.
    pub verified: bool,
    /// Objective name → planner-readable value and unit (every evaluated objective).
    #[serde(default)]
    pub readable: BTreeMap<String, Readable>,
    /// The same allocation under the population scenario (`--scenario`), with its
    /// classification against the scenario's front.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario: Option<ScenarioEvaluation>,
}

/// A base proposal evaluated under the scenario population.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ScenarioEvaluation {
    /// Objective name → natural value under the scenario population.
    pub objectives: BTreeMap<String, f64>,
    /// Objective name → readable value under the scenario population.
    pub readable: BTreeMap<String, Readable>,
    /// `optimal` (nondominated against the scenario front), `within_1pct` (some point of the
    /// scenario front is better by at most 1 % of that front's range in every chosen
    /// objective) or `outside` (docs/pareto.md, "Population scenarios").
    pub class: String,
    /// The smallest, over the scenario front's points, largest shortfall in a chosen
    /// objective, in % of the objective's range over the scenario front (0 when optimal).
    pub gap_pct: f64,
}

/// The result of `--scenario`: the scenario front and how the base proposals fare under it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ScenarioSummary {
    /// Scenario name (the suffix of the `population_<name>` column, e.g. `2035`).
    pub name: String,
    /// Inhabitants of the base population.
    pub base_population: f64,
    /// Inhabitants under the scenario.
    pub population: f64,
    /// Nondominated points of the scenario front.
    pub front_size: usize,
    /// Whether the scenario front is complete (the classification is exact only then).
    pub complete: bool,
    /// Base proposals that stay Pareto-optimal under the scenario.
    pub stays_optimal: usize,
    /// Base proposals within 1 % of the scenario front but not on it.
    pub within_1pct: usize,
    /// Base proposals farther than 1 % from the scenario front.
    pub outside: usize,
    /// Plain-language note (German).
    pub note: String,
    /// The status quo under the scenario population.
    pub status_quo: Proposal,
    /// Scenario-front proposals (`S1`, `S2`, … in scenario front order) whose allocation is not
    /// Pareto-optimal under the base population, evaluated under the scenario.
    pub new_proposals: Vec<Proposal>,
    /// Seconds spent on the scenario front.
    pub seconds: f64,
    /// Lexicographic solves of the scenario front.
    pub solves: usize,
}

/// A function pinned to or kept out of a town from the command line.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FunctionTown {
    /// Function id.
    pub function: String,
    /// Town id.
    pub town: String,
}

/// The what-if constraints of a run (`--lock`, `--forbid`), on top of locks.csv.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct WhatIf {
    /// `--lock FUNCTION=TOWN`: the function must be in the town.
    pub locks: Vec<FunctionTown>,
    /// `--forbid FUNCTION=TOWN`: the function must not be in the town.
    pub forbids: Vec<FunctionTown>,
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
    /// Every objective that is evaluated (the six, plus `pt_access` and `pt_reach` when the
    /// catalogue has ÖPNV times), for tables.
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
    /// `--scenario`: the scenario front and the classification of the proposals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario: Option<ScenarioSummary>,
    /// `--lock`/`--forbid` of this run (empty lists when none were given).
    #[serde(default)]
    pub what_if: WhatIf,
}
