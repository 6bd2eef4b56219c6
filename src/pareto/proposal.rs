//! Allocation proposals as planners see them: objective values in natural units, the town of
//! every function, a per-town summary and per-place accessibility for the map (by car and,
//! when the catalogue has public-transport times, by ÖPNV).

use super::objective::{beyond_pt_reach, nearest_in, Allocation};
use crate::instance::catalogue::Catalogue;
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
    /// The same by public transport (only when the catalogue has ÖPNV times).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place_minutes_pt: Option<Vec<f64>>,
    /// Per place: how many functions lie beyond their ÖPNV reach threshold (the rule of the
    /// `pt_reach` objective, `objective::beyond_pt_reach`); only when the catalogue has ÖPNV
    /// times.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place_pt_beyond_reach: Option<Vec<usize>>,
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

impl Proposal {
    /// The planner-readable value of objective `name` (`readable`), if the proposal has one
    /// (files written before issue 12 have none).
    pub fn readable_value(&self, name: &str) -> Option<f64> {
        self.readable
            .get(name)
            .map(|r| r.value)
            .filter(|v| v.is_finite())
    }
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

/// Where the travel times of one mode come from and how well they match official times.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ModeTimes {
    /// `model` (the instance's `impedance.csv`; ÖPNV with its rail network) or `matrix`
    /// (`--matrix`, `--pt-matrix`).
    pub source: String,
    /// Root-mean-square error in minutes of the model against the instance's official times
    /// (`calibration.csv`, Deutschlandatlas minutes to the nearest Ober-/Mittelzentrum), when
    /// the times come from a calibrated model and the instance has calibration targets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rmse_min: Option<f64>,
    /// Municipalities behind `rmse_min`.
    #[serde(default)]
    pub targets: usize,
}

/// The travel times behind a proposal set: their sources, the models' fit, and where the
/// instance documents the calibration.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TravelTimes {
    /// Car times.
    pub car: ModeTimes,
    /// ÖPNV times (None without them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pt: Option<ModeTimes>,
    /// The instance README's calibration section as `path#anchor` (path as the instance
    /// directory was given), when the README has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documentation: Option<String>,
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
    /// Car minutes to each candidate town (in the order of [`ProposalSet::towns`]); used to
    /// explain what a relocation changes for this place.
    #[serde(default)]
    pub minutes: Vec<f64>,
    /// Car minutes to the nearest external Oberzentrum, if external centres are given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_minutes: Option<f64>,
    /// ÖPNV minutes to each candidate town (only when the catalogue has ÖPNV times).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes_pt: Option<Vec<f64>>,
    /// ÖPNV minutes to the nearest external Oberzentrum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_minutes_pt: Option<f64>,
}

impl PlaceInfo {
    /// Place `i` of `cat` with its travel times.
    pub fn of(cat: &Catalogue, i: usize) -> PlaceInfo {
        let p = &cat.places[i];
        let min = |d: i64| d as f64 / 10.0;
        PlaceInfo {
            id: p.id.clone(),
            name: p.name.clone(),
            lon: p.lon,
            lat: p.lat,
            population: p.population as f64,
            minutes: cat.minutes[i].iter().map(|&d| min(d)).collect(),
            external_minutes: cat.external_minutes.as_ref().map(|e| min(e[i])),
            minutes_pt: cat
                .pt_minutes
                .as_ref()
                .map(|m| m[i].iter().map(|&d| min(d)).collect()),
            external_minutes_pt: cat.pt_external_minutes.as_ref().map(|e| min(e[i])),
        }
    }
}

/// Travel times of one mode: deciminutes place × town and place → nearest external centre.
#[derive(Debug, Clone, Copy)]
pub struct Mode<'a> {
    /// Deciminutes from each place to each town.
    pub minutes: &'a [Vec<i64>],
    /// Deciminutes from each place to the nearest external Oberzentrum.
    pub external: Option<&'a [i64]>,
}

impl<'a> Mode<'a> {
    /// The car times of `cat`.
    pub fn car(cat: &'a Catalogue) -> Mode<'a> {
        Mode {
            minutes: &cat.minutes,
            external: cat.external_minutes.as_deref(),
        }
    }

    /// The ÖPNV times of `cat`, if it has them.
    pub fn pt(cat: &'a Catalogue) -> Option<Mode<'a>> {
        cat.pt_minutes.as_ref().map(|m| Mode {
            minutes: m,
            external: cat.pt_external_minutes.as_deref(),
        })
    }

    /// Deciminutes from place `i` to the nearest of `towns` (none: the nearest external
    /// centre; `None` if there is none either).
    pub fn nearest(&self, i: usize, towns: &[usize]) -> Option<i64> {
        nearest_in(self.minutes, self.external, i, towns)
    }
}

/// Importance-weighted mean minutes from each place to all functions of `alloc` in `mode`,
/// rounded to 0.1 min (a function without a site and without external centres counts 0).
pub fn place_minutes(cat: &Catalogue, alloc: &Allocation, mode: Mode) -> Vec<f64> {
    let total_importance: i64 = cat
        .functions
        .iter()
        .map(|f| f.importance)
        .sum::<i64>()
        .max(1);
    (0..cat.places.len())
        .map(|i| {
            let sum: i64 = alloc
                .iter()
                .enumerate()
                .map(|(f, towns)| cat.functions[f].importance * mode.nearest(i, towns).unwrap_or(0))
                .sum();
            (sum as f64 / total_importance as f64).round() / 10.0
        })
        .collect()
}

/// Per place: the number of functions of `alloc` that lie beyond their ÖPNV reach by the rule
/// of the `pt_reach` objective ([`beyond_pt_reach`]: farther than `objective::pt_threshold`, or
/// no site and no external centre); `None` without ÖPNV times.
pub fn places_beyond_pt_reach(cat: &Catalogue, alloc: &Allocation) -> Option<Vec<usize>> {
    let mode = Mode::pt(cat)?;
    Some(
        (0..cat.places.len())
            .map(|i| {
                alloc
                    .iter()
                    .enumerate()
                    .filter(|(f, towns)| {
                        beyond_pt_reach(&cat.functions[*f], mode.nearest(i, towns))
                    })
                    .count()
            })
            .collect(),
    )
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
    /// The ÖPNV reach threshold in minutes that `pt_reach` and the map use
    /// (`objective::pt_threshold`: `threshold_pt_min` of functions.csv, else 1.5 × the car
    /// threshold). Files written before issue 12 have it only where functions.csv gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold_pt_min: Option<f64>,
    /// Functions that can swap towns with this one without changing any objective of the
    /// front (`robust::interchangeable`): of allocations with equal values the front reports
    /// one, so their robust-decision shares belong together.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interchangeable_with: Vec<String>,
}

/// A representative proposal: picked from the front by a documented rule (docs/pareto.md,
/// `pareto::representative`), with a German explanation generated from the numbers.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Representative {
    /// Proposal id (`P17`).
    pub id: String,
    /// Machine names of the rules that picked it (`best_access`, `compromise`,
    /// `compromise_relocations_2`, …).
    pub rules: Vec<String>,
    /// The same in German (`Kompromiss mit 2 Verlagerungen`).
    pub label: String,
    /// Status-quo sites this proposal gives up.
    pub relocations: usize,
    /// Chebyshev distance to the ideal point, every front objective scaled to `[0, 1]`.
    pub distance: f64,
    /// One paragraph in German: what moves, who gains, how the objectives compare.
    pub explanation: String,
}

/// How often one configuration of a function (its set of towns) occurs on the front.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Share {
    /// Town ids (one for single-site functions; empty: served from outside the region).
    pub towns: Vec<String>,
    /// Number of proposals with exactly these towns.
    pub count: usize,
    /// `count` / number of proposals.
    pub share: f64,
}

/// Where the front places one function ("robuste Entscheidungen").
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RobustDecision {
    /// Function id.
    pub function: String,
    /// Town ids in the status quo.
    pub status_quo: Vec<String>,
    /// Every configuration that occurs, most frequent first (ties: town ids); shares sum to 1.
    pub shares: Vec<Share>,
    /// Whether every proposal places the function identically.
    pub unanimous: bool,
    /// Functions that can swap towns with this one at equal objective values (see
    /// [`FunctionInfo::interchangeable_with`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interchangeable_with: Vec<String>,
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
    /// Whether a time limit or Ctrl-C cut the computation short; with `--max-points` it
    /// separates a finished grid (exit 0) from a stopped one (exit 3). Written only when true.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub stopped: bool,
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
    /// At most seven proposals picked by the rule of `pareto::representative`, with German
    /// explanations, in order of increasing relocations.
    #[serde(default)]
    pub representatives: Vec<Representative>,
    /// Per function (catalogue order): the share of proposals placing it in each town.
    #[serde(default)]
    pub robust_decisions: Vec<RobustDecision>,
    /// `--scenario`: the scenario front and the classification of the proposals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario: Option<ScenarioSummary>,
    /// `--lock`/`--forbid` of this run (empty lists when none were given).
    #[serde(default)]
    pub what_if: WhatIf,
    /// Sources and fit of the travel times (absent in files written before issue 12).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub travel_times: Option<TravelTimes>,
}
