//! Checks every model relies on, with messages that name the file and the item.

use super::{Crs, Instance};
use crate::distance::metric::is_geographic;
use crate::error::{number, Error, Result};
use rustc_hash::FxHashMap;

/// Checks one coordinate pair: finite, and for wgs84 a longitude in ±180 and a latitude in ±90.
/// Returns the message only; readers add the file and row.
///
/// ```
/// use impuls::instance::{check_coordinate, Crs};
/// assert!(check_coordinate(11.0, 51.9, Crs::Wgs84).is_ok());
/// assert_eq!(check_coordinate(11.0, 95.0, Crs::Wgs84).unwrap_err(), "latitude 95 is outside ±90");
/// assert!(check_coordinate(f64::NAN, 0.0, Crs::Planar).is_err());
/// ```
pub fn check_coordinate(x: f64, y: f64, crs: Crs) -> std::result::Result<(), String> {
    if !x.is_finite() || !y.is_finite() {
        return Err(format!(
            "coordinate ({}, {}) is not finite",
            number(x),
            number(y)
        ));
    }
    if crs == Crs::Wgs84 {
        if !(-90.0..=90.0).contains(&y) {
            return Err(format!("latitude {} is outside ±90", number(y)));
        }
        if !(-180.0..=180.0).contains(&x) {
            return Err(format!("longitude {} is outside ±180", number(x)));
        }
    }
    Ok(())
}

/// Checks a weight, load, capacity or cost: finite and ≥ 0.
///
/// ```
/// use impuls::instance::check_weight;
/// assert!(check_weight("weight", 3.0).is_ok());
/// assert_eq!(check_weight("weight", -1.0).unwrap_err(), "weight -1 is negative");
/// ```
pub fn check_weight(field: &str, value: f64) -> std::result::Result<(), String> {
    if value.is_nan() || value.is_infinite() {
        Err(format!("{field} {value} is not a finite number"))
    } else if value < 0.0 {
        Err(format!("{field} {} is negative", number(value)))
    } else {
        Ok(())
    }
}

/// Checks a Huff attractiveness: finite and > 0 (a facility of attractiveness 0 would draw no
/// custom at all, which is a closed site, not a facility).
///
/// ```
/// use impuls::instance::check_attractiveness;
/// assert!(check_attractiveness(2.5).is_ok());
/// assert_eq!(check_attractiveness(0.0).unwrap_err(), "attractiveness 0 must be > 0");
/// ```
pub fn check_attractiveness(value: f64) -> std::result::Result<(), String> {
    if value.is_finite() && value > 0.0 {
        Ok(())
    } else {
        Err(format!("attractiveness {value} must be > 0"))
    }
}

/// A competitor's facility can be neither required nor capacitated (it is not ours to open or
/// to fill).
fn check_competitor(s: &super::Site) -> std::result::Result<(), String> {
    if !s.competitor {
        return Ok(());
    }
    if s.required {
        return Err("a competitor cannot be required (it is not ours to open)".into());
    }
    if s.capacity.is_some() {
        return Err("a competitor cannot have a capacity".into());
    }
    Ok(())
}

/// The first problem among `items` (id, problem of its fields) in file order, or a repeated id,
/// as (place, message). Places are only formatted for the item reported: on 10⁷ demand points
/// one `format!` per point took longer than parsing the file.
fn check_items<'a>(
    what: &str,
    items: impl ExactSizeIterator<Item = (&'a str, std::result::Result<(), String>)>,
) -> std::result::Result<(), (String, String)> {
    let mut seen: FxHashMap<&str, usize> = FxHashMap::default();
    seen.reserve(items.len());
    for (i, (id, problem)) in items.enumerate() {
        let place = || format!("{what} #{} (id '{id}')", i + 1);
        problem.map_err(|m| (place(), m))?;
        if let Some(first) = seen.insert(id, i) {
            let m = format!("duplicate id, first used by {what} #{}", first + 1);
            return Err((place(), m));
        }
    }
    Ok(())
}

/// Validates a whole instance; see the module docs.
pub(super) fn instance(inst: &Instance) -> Result<()> {
    let path = if inst.source.is_empty() {
        "<instance>"
    } else {
        inst.source.as_str()
    };
    let bad = |place: String, msg: String| Error::input(path, place, msg);
    if inst.demand.is_empty() {
        return Err(bad("demand".into(), "no demand points".into()));
    }
    if inst.sites.is_empty() {
        return Err(bad("sites".into(), "no candidate sites".into()));
    }
    let imp = &inst.impedance;
    if inst.matrix.is_none() {
        if is_geographic(imp.metric) && inst.crs != Crs::Wgs84 {
            return Err(bad(
                "impedance".into(),
                format!("metric {:?} needs crs wgs84", imp.metric).to_lowercase(),
            ));
        }
        if !is_geographic(imp.metric) && inst.crs == Crs::Wgs84 {
            return Err(bad(
                "impedance".into(),
                "crs wgs84 needs metric haversine or geodesic (degrees are not a length)".into(),
            ));
        }
    }
    if !(imp.detour.is_finite() && imp.detour > 0.0) {
        return Err(bad(
            "impedance.detour".into(),
            format!("detour {} must be > 0", number(imp.detour)),
        ));
    }
    if let Some(v) = imp.speed_kmh {
        if !(v.is_finite() && v > 0.0) {
            return Err(bad(
                "impedance.speed_kmh".into(),
                format!("speed {} must be > 0", number(v)),
            ));
        }
    }
    let demand = inst.demand.iter().map(|d| {
        let problem = check_coordinate(d.x, d.y, inst.crs)
            .and_then(|()| check_weight("weight", d.weight))
            .and_then(|()| d.load.map_or(Ok(()), |l| check_weight("load", l)));
        (d.id.as_str(), problem)
    });
    check_items("demand", demand).map_err(|(place, m)| bad(place, m))?;
    let sites = inst.sites.iter().map(|s| {
        let problem = check_coordinate(s.x, s.y, inst.crs)
            .and_then(|()| s.capacity.map_or(Ok(()), |c| check_weight("capacity", c)))
            .and_then(|()| s.cost.map_or(Ok(()), |c| check_weight("cost", c)))
            .and_then(|()| s.attractiveness.map_or(Ok(()), check_attractiveness))
            .and_then(|()| check_competitor(s));
        (s.id.as_str(), problem)
    });
    check_items("site", sites).map_err(|(place, m)| bad(place, m))?;
    if inst.sites.iter().all(|s| s.competitor) {
        return Err(bad(
            "sites".into(),
            "every site is a competitor: no candidate sites".into(),
        ));
    }
    if inst.is_capacitated() {
        if let Some(j) = inst
            .sites
            .iter()
            .position(|s| s.capacity.is_none() && !s.competitor)
        {
            return Err(bad(
                format!("site #{} (id '{}')", j + 1, inst.sites[j].id),
                "has no capacity while other sites have one (a missing capacity is ambiguous)"
                    .into(),
            ));
        }
    }
    if let Some(m) = &inst.matrix {
        if m.n_rows() != inst.demand.len() {
            return Err(bad(
                "matrix".into(),
                format!(
                    "{} rows for {} demand points",
                    m.n_rows(),
                    inst.demand.len()
                ),
            ));
        }
    }
    Ok(())
}
