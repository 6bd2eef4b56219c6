//! What-if constraints from the command line: `--lock FUNCTION=TOWN` (the function must be in
//! the town) and `--forbid FUNCTION=TOWN` (it must not be), on top of `locks.csv`. Every
//! contradiction that can be seen without solving is reported as one line naming the option:
//! unknown names (with close matches), inactive towns, towns outside a function's allowed
//! list, more locked towns than sites, a pair both locked and forbidden, a forbid against
//! locks.csv, a function left with too few allowed towns, and towns whose fixed functions
//! exceed their capacity.

use super::catalogue::{rows, Catalogue};
use crate::error::{Error, Result};
use serde::Deserialize;
use std::path::Path;

/// The resolved what-if pairs, as (function, town) indices into the catalogue.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WhatIf {
    /// `--lock` pairs (without repeats; pairs already in locks.csv included).
    pub locks: Vec<(usize, usize)>,
    /// `--forbid` pairs (without repeats).
    pub forbids: Vec<(usize, usize)>,
}

#[derive(Deserialize)]
struct TownName {
    id: String,
    name: String,
}

/// Names within a small edit distance of `given` (case-insensitive Jaro–Winkler ≥ 0.8), best
/// first, at most three.
fn close<'a>(given: &str, names: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let given = given.to_lowercase();
    let mut scored: Vec<(f64, &str)> = names
        .map(|n| (strsim::jaro_winkler(&given, &n.to_lowercase()), n))
        .filter(|&(s, _)| s >= 0.8)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(3).map(|(_, n)| n).collect()
}

fn did_you_mean(candidates: &[&str]) -> String {
    match candidates {
        [] => String::new(),
        _ => format!(
            " (did you mean {}?)",
            candidates
                .iter()
                .map(|c| format!("'{c}'"))
                .collect::<Vec<_>>()
                .join(" or ")
        ),
    }
}

/// Index of the entry whose id is `given`, else whose id or name matches it ignoring case.
fn find<'a>(
    given: &str,
    entries: impl Iterator<Item = (&'a str, &'a str)> + Clone,
) -> Option<usize> {
    entries.clone().position(|(id, _)| id == given).or_else(|| {
        entries.clone().position(|(id, name)| {
            id.eq_ignore_ascii_case(given) || name.to_lowercase() == given.to_lowercase()
        })
    })
}

/// One `FUNCTION=TOWN` argument resolved to (function, town) indices of `cat`.
fn resolve(
    cat: &Catalogue,
    all_towns: &[TownName],
    option: &str,
    arg: &str,
) -> Result<(usize, usize)> {
    let fail = |m: String| Err(Error::Parameter(format!("{option} {arg}: {m}")));
    let Some((function, town)) = arg.split_once('=').map(|(f, t)| (f.trim(), t.trim())) else {
        return Err(Error::Parameter(format!(
            "{option} '{arg}': expected FUNCTION=TOWN (ids of functions.csv and towns.csv)"
        )));
    };
    let functions = cat
        .functions
        .iter()
        .map(|f| (f.id.as_str(), f.name.as_str()));
    let Some(f) = find(function, functions) else {
        let near = close(function, cat.functions.iter().map(|f| f.id.as_str()));
        return fail(format!(
            "unknown function '{function}'{}",
            did_you_mean(&near)
        ));
    };
    let Some(k) = find(
        town,
        all_towns.iter().map(|t| (t.id.as_str(), t.name.as_str())),
    ) else {
        let near = close(town, all_towns.iter().map(|t| t.id.as_str()));
        return fail(format!("unknown town '{town}'{}", did_you_mean(&near)));
    };
    let id = &all_towns[k].id;
    let Some(t) = cat.towns.iter().position(|t| &t.id == id) else {
        return fail(format!(
            "town '{id}' is not an active candidate (use --all-towns)"
        ));
    };
    let func = &cat.functions[f];
    if !func.allowed.contains(&t) {
        let allowed: Vec<&str> = func
            .allowed
            .iter()
            .map(|&a| cat.towns[a].id.as_str())
            .collect();
        return fail(format!(
            "'{id}' is not among the allowed towns of '{}' ({})",
            func.id,
            allowed.join(", ")
        ));
    }
    Ok((f, t))
}

/// Applies `--lock` and `--forbid` arguments (`FUNCTION=TOWN`; ids, or names ignoring case) to
/// `cat`, read from `dir`: locks join `cat.locks`, forbidden towns leave the function's allowed
/// list. Fails with one line on anything contradictory (see the module documentation).
///
/// ```
/// use impuls::instance::catalogue::{read, CatalogueOptions};
/// use impuls::instance::what_if::apply;
/// let dir = std::path::Path::new("instances/harz");
/// let mut c = read(dir, &CatalogueOptions::default()).unwrap();
/// let two = ["hochschule_hauptstandort=halberstadt".into(), "hochschule_hauptstandort=Quedlinburg".into()];
/// let err = apply(&mut c, dir, &two, &[]).unwrap_err();
/// assert_eq!(err.to_string(), "--lock: 'hochschule_hauptstandort' has 1 site but is locked to 2 towns (halberstadt, quedlinburg)");
/// let pinned = apply(&mut c, dir, &two[..1], &["landgericht=wernigerode".into()]).unwrap();
/// assert_eq!(pinned.forbids.len(), 1);
/// assert!(c.locks.contains(&pinned.locks[0]));
/// ```
pub fn apply(
    cat: &mut Catalogue,
    dir: &Path,
    locks: &[String],
    forbids: &[String],
) -> Result<WhatIf> {
    if locks.is_empty() && forbids.is_empty() {
        return Ok(WhatIf::default());
    }
    let all_towns: Vec<TownName> = rows::<TownName>(&dir.join("towns.csv"))?
        .into_iter()
        .map(|(_, r)| r)
        .collect();
    let mut what = WhatIf::default();
    for arg in locks {
        let pair = resolve(cat, &all_towns, "--lock", arg)?;
        if !what.locks.contains(&pair) {
            what.locks.push(pair);
        }
    }
    for arg in forbids {
        let pair = resolve(cat, &all_towns, "--forbid", arg)?;
        let (f, t) = pair;
        let (fid, tid) = (&cat.functions[f].id, &cat.towns[t].id);
        if what.locks.contains(&pair) {
            return Err(Error::Parameter(format!(
                "--lock {fid}={tid} and --forbid {fid}={tid} contradict each other"
            )));
        }
        if cat.locks.contains(&pair) {
            return Err(Error::Parameter(format!(
                "--forbid {fid}={tid} contradicts locks.csv, which locks '{fid}' to '{tid}'"
            )));
        }
        if !what.forbids.contains(&pair) {
            what.forbids.push(pair);
        }
    }
    // more locked towns than sites
    for (f, func) in cat.functions.iter().enumerate() {
        let mut towns: Vec<String> = cat
            .locks
            .iter()
            .filter(|l| l.0 == f)
            .map(|&(_, t)| format!("{} (locks.csv)", cat.towns[t].id))
            .collect();
        towns.extend(
            what.locks
                .iter()
                .filter(|l| l.0 == f && !cat.locks.contains(l))
                .map(|&(_, t)| cat.towns[t].id.clone()),
        );
        if towns.len() > func.sites {
            let s = if func.sites == 1 { "" } else { "s" };
            return Err(Error::Parameter(format!(
                "--lock: '{}' has {} site{s} but is locked to {} towns ({})",
                func.id,
                func.sites,
                towns.len(),
                towns.join(", ")
            )));
        }
    }
    for &(f, t) in &what.forbids {
        cat.functions[f].allowed.retain(|&a| a != t);
    }
    for func in &cat.functions {
        let left: Vec<&str> = func
            .allowed
            .iter()
            .map(|&a| cat.towns[a].id.as_str())
            .collect();
        if left.is_empty() {
            return Err(Error::Parameter(format!(
                "--forbid: every allowed town of '{}' is forbidden",
                func.id
            )));
        }
        if left.len() < func.sites {
            let n = left.len();
            return Err(Error::Parameter(format!(
                "--forbid: '{}' needs {} sites but only {n} allowed town{} left ({})",
                func.id,
                func.sites,
                if n == 1 { " is" } else { "s are" },
                left.join(", ")
            )));
        }
    }
    let cli_locks: Vec<(usize, usize)> = what
        .locks
        .iter()
        .copied()
        .filter(|l| !cat.locks.contains(l))
        .collect();
    cat.locks.extend(cli_locks.iter().copied());
    check_fixed_capacity(cat, &cli_locks, !what.forbids.is_empty())?;
    Ok(what)
}

/// Fails when the functions that must be in a town (locked there, or left with exactly
/// `sites` allowed towns) need more size points than its capacity.
fn check_fixed_capacity(
    cat: &Catalogue,
    cli_locks: &[(usize, usize)],
    forbids: bool,
) -> Result<()> {
    for (t, town) in cat.towns.iter().enumerate() {
        let Some(capacity) = town.capacity else {
            continue;
        };
        let locked = |f: usize| cat.locks.contains(&(f, t));
        let forced = |f: usize| {
            let func = &cat.functions[f];
            func.allowed.len() == func.sites && func.allowed.contains(&t)
        };
        let fixed: Vec<usize> = (0..cat.functions.len())
            .filter(|&f| locked(f) || forced(f))
            .collect();
        let need: i64 = fixed.iter().map(|&f| cat.functions[f].size_points).sum();
        if need <= capacity {
            continue;
        }
        let by_forbid = forbids && fixed.iter().any(|&f| !locked(f));
        let (option, verb) = if by_forbid {
            ("--forbid", "fixed to")
        } else if fixed.iter().any(|&f| cli_locks.contains(&(f, t))) {
            ("--lock", "locked to")
        } else {
            ("locks.csv", "locked to")
        };
        return Err(Error::Parameter(format!(
            "{option}: the functions {verb} {} need {need} size points, its capacity is {capacity} (over by {})",
            town.name,
            need - capacity
        )));
    }
    Ok(())
}
