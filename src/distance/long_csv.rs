//! Long-format matrix CSVs, one pair a row: impuls's `from,to,minutes` and r5py's
//! `TravelTimeMatrix` as written by pandas (`[,]from_id,to_id,travel_time[_pNN…]`).
//!
//! Both name demand points and sites by id; pairs not listed are unreachable and a pair listed
//! twice keeps its last row. They differ in what a missing value is: impuls's format leaves
//! the row out (an empty or `NaN` value is an error), r5py writes the row with an empty or
//! `NaN` travel time (unreachable within its `max_time`).

use super::{DistanceMatrix, Endpoint};
use crate::error::{excerpt, number, Error, Result};
use csv::StringRecord;
use rustc_hash::FxHashMap;
use std::path::Path;

/// Which long CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dialect {
    /// `from,to,minutes` (with aliases).
    Impuls,
    /// `from_id,to_id,travel_time` (or one `travel_time_pNN` percentile column).
    R5py,
}

/// Header spellings of impuls's `from`, `to` and value columns.
const FROM: &[&str] = &["from", "origin", "demand"];
const TO: &[&str] = &["to", "destination", "site"];
const VALUE: &[&str] = &["minutes", "time", "value", "impedance", "distance", "cost"];

/// The spellings of a missing value in r5py output (pandas writes `NaN` as an empty field by
/// default; `NaN`/`nan`/`NA`/`<NA>` with other `na_rep` settings or nullable dtypes).
const MISSING: &[&str] = &["", "nan", "na", "<na>", "null", "none"];

/// Reads a long CSV `text` (`path` for messages) with rows `demand` and columns `sites`;
/// `field` names the value column (default: the dialect's).
pub(super) fn read(
    text: &str,
    path: &Path,
    demand: &[Endpoint],
    sites: &[Endpoint],
    dialect: Dialect,
    field: Option<&str>,
) -> Result<DistanceMatrix> {
    crate::instance::csv_quotes::check_closed_quotes(text.as_bytes(), path, None)?;
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| Error::input(path, "row 1", e.to_string()))?
        .clone();
    let (cf, ct, cv) = columns(&headers, path, dialect, field)?;
    let value_name = headers[cv].to_string();
    let index = |points: &[Endpoint]| -> FxHashMap<String, usize> {
        points
            .iter()
            .enumerate()
            .map(|(k, p)| (p.id.to_string(), k))
            .collect()
    };
    let (demand_index, site_index) = (index(demand), index(sites));
    let mut pairs: FxHashMap<(u32, u32), f64> = FxHashMap::default();
    let mut record = StringRecord::new();
    let mut seen = 0usize;
    loop {
        let more = reader.read_record(&mut record).map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            Error::input(path, format!("row {line}"), e.to_string())
        })?;
        if !more {
            break;
        }
        seen += 1;
        let row = format!("row {}", record.position().map_or(0, |p| p.line()));
        if record.len() != headers.len() {
            let msg = format!("expected {} columns, found {}", headers.len(), record.len());
            return Err(Error::input(path, row, msg));
        }
        let (from, to, value) = (&record[cf], &record[ct], &record[cv]);
        let Some(&i) = demand_index.get(from) else {
            return Err(Error::input(
                path,
                row,
                format!("unknown demand id '{}'", excerpt(from)),
            ));
        };
        let Some(&j) = site_index.get(to) else {
            return Err(Error::input(
                path,
                row,
                format!("unknown site id '{}'", excerpt(to)),
            ));
        };
        let key = (i as u32, j as u32);
        if dialect == Dialect::R5py && MISSING.contains(&value.to_lowercase().as_str()) {
            pairs.remove(&key);
            continue;
        }
        let v: f64 = value.parse().map_err(|_| {
            let msg = if value.is_empty() {
                format!("{value_name} is empty (leave out the row of an unreachable pair)")
            } else {
                format!("{value_name} '{}' is not a number", excerpt(value))
            };
            Error::input(path, &row, msg)
        })?;
        if !(v.is_finite() && v >= 0.0) {
            let msg = format!("{value_name} {} must be finite and ≥ 0", number(v));
            return Err(Error::input(path, row, msg));
        }
        pairs.insert(key, v);
    }
    if seen == 0 {
        // otherwise every demand point would be unreachable, reported without the file
        return Err(Error::input(
            path,
            "row 2",
            "no pairs after the header: the matrix is empty",
        ));
    }
    let mut rows = vec![Vec::new(); demand.len()];
    for ((i, j), v) in pairs {
        rows[i as usize].push((j, v));
    }
    Ok(DistanceMatrix::from_rows(rows))
}

/// The positions of the from, to and value columns.
fn columns(
    headers: &StringRecord,
    path: &Path,
    dialect: Dialect,
    field: Option<&str>,
) -> Result<(usize, usize, usize)> {
    let lower: Vec<String> = headers.iter().map(str::to_lowercase).collect();
    let find = |names: &[&str]| lower.iter().position(|h| names.contains(&h.as_str()));
    let (from, to) = match dialect {
        Dialect::Impuls => (find(FROM), find(TO)),
        Dialect::R5py => (find(&["from_id"]), find(&["to_id"])),
    };
    let value = match (field, dialect) {
        (Some(f), _) => {
            let found = find(&[f.to_lowercase().as_str()]);
            if found.is_none() {
                let msg = format!(
                    "no column '{f}' (--matrix-field); columns: {}",
                    excerpt(&headers.iter().collect::<Vec<_>>().join(","))
                );
                return Err(Error::input(path, "row 1", msg));
            }
            found
        }
        (None, Dialect::Impuls) => find(VALUE),
        (None, Dialect::R5py) => match find(&["travel_time"]) {
            Some(k) => Some(k),
            None => single_percentile(&lower, path)?,
        },
    };
    match (from, to, value) {
        (Some(f), Some(t), Some(v)) => Ok((f, t, v)),
        _ => {
            let expected = match dialect {
                Dialect::Impuls => "from,to,minutes",
                Dialect::R5py => "from_id,to_id,travel_time",
            };
            Err(Error::input(
                path,
                "row 1",
                format!("expected columns {expected}"),
            ))
        }
    }
}

/// The one `travel_time_pNN` column of an r5py matrix computed for one non-median percentile;
/// several need `--matrix-field` to choose.
fn single_percentile(lower: &[String], path: &Path) -> Result<Option<usize>> {
    let percentiles: Vec<usize> = (0..lower.len())
        .filter(|&k| lower[k].starts_with("travel_time_p"))
        .collect();
    match percentiles.as_slice() {
        [] => Ok(None),
        [k] => Ok(Some(*k)),
        _ => {
            let names: Vec<&str> = percentiles.iter().map(|&k| lower[k].as_str()).collect();
            let msg = format!(
                "several percentile columns ({}): choose one with --matrix-field",
                names.join(", ")
            );
            Err(Error::input(path, "row 1", msg))
        }
    }
}
