//! One Pareto study of a catalogue directory as `impuls pareto` runs it: the catalogue read,
//! the what-if constraints (`--lock`, `--forbid`) applied, and, with a population scenario
//! (`--scenario`), the second catalogue and the classification of every proposal
//! ([`super::scenario`]). The CLI and the Python bindings both call this, so they read, check
//! and compute alike.

use super::front::Point;
use super::objective::{check_available, Objective};
use super::proposal::{FunctionTown, ProposalSet, WhatIf};
use super::ParetoOptions;
use crate::error::Result;
use crate::instance::catalogue::{self, Catalogue, CatalogueOptions};
use crate::instance::what_if;
use std::path::Path;

/// What to read besides the catalogue itself.
#[derive(Debug, Clone, Default)]
pub struct StudyOptions {
    /// How the catalogue is read (demand layer, towns, travel-time matrices). Its `scenario`
    /// is the base population (`None`: the column `population`, as the CLI reads it).
    pub catalogue: CatalogueOptions,
    /// A population scenario (`--scenario NAME`): the front is also computed with the column
    /// `population_<NAME>`, and every proposal is classified under it.
    pub scenario: Option<String>,
    /// `--lock FUNCTION=TOWN` arguments (ids, or names ignoring case).
    pub lock: Vec<String>,
    /// `--forbid FUNCTION=TOWN` arguments.
    pub forbid: Vec<String>,
}

/// The catalogues of one study, read and checked, ready to compute.
#[derive(Debug, Clone)]
pub struct Study {
    /// The catalogue under the base population, with the what-if constraints applied.
    pub base: Catalogue,
    /// The same catalogue under the scenario population, if one was asked for.
    pub scenario: Option<Catalogue>,
    /// The what-if constraints of this study, by id (they go into `proposals.json`).
    pub what_if: WhatIf,
}

/// The catalogue of `dir` read with `population` as its population column and the what-if
/// constraints of `options` applied.
fn read_with_what_if(
    dir: &Path,
    options: &StudyOptions,
    population: Option<String>,
) -> Result<(Catalogue, WhatIf)> {
    let read_options = CatalogueOptions {
        scenario: population,
        ..options.catalogue.clone()
    };
    let mut cat = catalogue::read(dir, &read_options)?;
    let pinned = what_if::apply(&mut cat, dir, &options.lock, &options.forbid)?;
    let ids = |pairs: &[(usize, usize)]| {
        pairs
            .iter()
            .map(|&(f, t)| FunctionTown {
                function: cat.functions[f].id.clone(),
                town: cat.towns[t].id.clone(),
            })
            .collect()
    };
    let what = WhatIf {
        locks: ids(&pinned.locks),
        forbids: ids(&pinned.forbids),
    };
    Ok((cat, what))
}

impl Study {
    /// Reads the catalogue of `dir` (and the scenario's), applies the what-if constraints and
    /// checks that `objectives` can be evaluated on it; the first problem is the one error,
    /// in that order.
    ///
    /// ```
    /// use impuls::pareto::objective::Objective;
    /// use impuls::pareto::study::{Study, StudyOptions};
    /// let options = StudyOptions { lock: vec!["landgericht=Wernigerode".into()], ..Default::default() };
    /// let objectives = [Objective::Access, Objective::Balance];
    /// let study = Study::read("instances/harz".as_ref(), &objectives, &options).unwrap();
    /// assert_eq!(study.what_if.locks[0].town, "wernigerode");
    /// let bad = StudyOptions { scenario: Some("2099".into()), ..Default::default() };
    /// let err = Study::read("instances/harz".as_ref(), &objectives, &bad).unwrap_err();
    /// assert!(err.to_string().ends_with("row 1: no column 'population_2099' for scenario '2099' (scenarios in the file: 2019, 2035)"));
    /// ```
    pub fn read(dir: &Path, objectives: &[Objective], options: &StudyOptions) -> Result<Study> {
        let (base, what_if) = read_with_what_if(dir, options, options.catalogue.scenario.clone())?;
        check_available(&base, objectives)?;
        let scenario = match &options.scenario {
            Some(name) => Some(read_with_what_if(dir, options, Some(name.clone()))?.0),
            None => None,
        };
        Ok(Study {
            base,
            scenario,
            what_if,
        })
    }

    /// The proposals of the study: [`super::run`] on the base catalogue, or with a scenario
    /// [`super::scenario::run`]; the what-if constraints are recorded in the set. `on_point`
    /// sees the base front's points as they are found.
    pub fn run(
        &self,
        objectives: &[Objective],
        options: &ParetoOptions,
        on_point: &(dyn Fn(&Point) + Sync),
    ) -> Result<ProposalSet> {
        let mut set = match &self.scenario {
            Some(future) => {
                super::scenario::run(&self.base, future, objectives, options, on_point)?
            }
            None => super::run(&self.base, objectives, options, on_point)?,
        };
        set.what_if = self.what_if.clone();
        Ok(set)
    }
}

/// [`Study::read`] then [`Study::run`]: `impuls pareto DIR` without its output files.
pub fn run(
    dir: &Path,
    objectives: &[Objective],
    options: &StudyOptions,
    pareto: &ParetoOptions,
    on_point: &(dyn Fn(&Point) + Sync),
) -> Result<ProposalSet> {
    Study::read(dir, objectives, options)?.run(objectives, pareto, on_point)
}
