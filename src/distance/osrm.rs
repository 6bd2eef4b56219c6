//! The JSON answer of the OSRM `table` service
//! (`/table/v1/{profile}/{coordinates}?annotations=duration,distance`).
//!
//! OSRM rows and columns carry no ids, only positions, so they map onto the instance by order
//! (docs/instance-format.md "OSRM table"):
//! - **sources = demand points, destinations = sites**, both in instance order: an
//!   `n_demand × n_sites` table (request `sources=0;…;n−1&destinations=n;…;n+m−1` over the
//!   demand coordinates followed by the site coordinates);
//! - or **one list, no `sources`/`destinations`**: the demand coordinates followed by the site
//!   coordinates, an `(n + m)²` table of which the demand-to-site block is used.
//!
//! Each waypoint's snapped `location` must lie within `max_snap_km` of its instance point (for
//! WGS84 instances), which catches a table requested in another order. `null` cells are
//! unreachable pairs; cells OSRM estimated with `fallback_speed` (listed in
//! `fallback_speed_cells`) are kept as given.

use super::metric::distance;
use super::{DistanceMatrix, Endpoint};
use crate::error::{number, Error, Result};
use crate::instance::native::json_error;
use crate::instance::{check_coordinate, Crs, Metric};
use serde::Deserialize;
use std::path::Path;

/// The members of a table response that matter here (others, e.g. `hint`, are ignored).
#[derive(Deserialize)]
struct Table {
    code: Option<String>,
    message: Option<String>,
    durations: Option<Vec<Vec<Option<f64>>>>,
    distances: Option<Vec<Vec<Option<f64>>>>,
    sources: Option<Vec<Waypoint>>,
    destinations: Option<Vec<Waypoint>>,
}

#[derive(Deserialize)]
struct Waypoint {
    location: Vec<f64>,
}

/// Reads an OSRM table `text` (`path` for messages); `field` is `duration` (default; seconds,
/// returned as minutes) or `distance` (metres, returned as km).
pub(super) fn read(
    text: &str,
    path: &Path,
    demand: &[Endpoint],
    sites: &[Endpoint],
    field: Option<&str>,
    max_snap_km: f64,
) -> Result<DistanceMatrix> {
    let table: Table = serde_json::from_str(text).map_err(|e| json_error(path, &e))?;
    if let Some(code) = table.code.as_deref().filter(|&c| c != "Ok") {
        let message = table.message.as_deref().unwrap_or("no message");
        let msg = format!("the routing engine answered '{code}' ({message})");
        return Err(Error::input(path, "code", msg));
    }
    let (key, values, per_unit) = match field.unwrap_or("duration") {
        "duration" | "durations" => ("durations", table.durations, 60.0),
        "distance" | "distances" => ("distances", table.distances, 1000.0),
        other => {
            return Err(Error::Parameter(format!(
                "--matrix-field '{other}' does not exist in an OSRM table (duration or distance)"
            )))
        }
    };
    let Some(values) = values else {
        let annotation = key.trim_end_matches('s');
        let msg = format!("no '{key}' in the response (request annotations={annotation})");
        return Err(Error::input(path, key, msg));
    };
    let (rows, cols) = (values.len(), values.first().map_or(0, Vec::len));
    if let Some(i) = values.iter().position(|r| r.len() != cols) {
        let msg = format!("has {} values, {key}[0] has {cols}", values[i].len());
        return Err(Error::input(path, format!("{key}[{i}]"), msg));
    }
    let layout = Layout::of(rows, cols, demand.len(), sites.len()).ok_or_else(|| {
        let (n, m) = (demand.len(), sites.len());
        let msg = format!(
            "{rows} × {cols} table; expected {n} × {m} (sources = the {n} demand points, \
             destinations = the {m} sites, in instance order) or {s} × {s} (demand points then \
             sites, one list)",
            s = n + m
        );
        Error::input(path, key, msg)
    })?;
    let check = |list: &Option<Vec<Waypoint>>, name: &str, len: usize, is_source: bool| {
        let Some(list) = list else { return Ok(()) };
        if list.len() != len {
            let msg = format!("{} waypoints for {len} {key} entries", list.len());
            return Err(Error::input(path, name, msg));
        }
        for (k, w) in list.iter().enumerate() {
            let (what, point) = layout.endpoint(k, is_source, demand, sites);
            check_snap(path, &format!("{name}[{k}]"), w, what, point, max_snap_km)?;
        }
        Ok(())
    };
    check(&table.sources, "sources", rows, true)?;
    check(&table.destinations, "destinations", cols, false)?;
    let mut out = Vec::with_capacity(demand.len());
    for (i, row) in values.iter().take(demand.len()).enumerate() {
        let mut reach = Vec::new();
        for j in 0..sites.len() {
            let col = layout.first_site_column + j;
            let Some(v) = row[col] else { continue };
            if !(v.is_finite() && v >= 0.0) {
                let msg = format!("value {} is not a finite number ≥ 0", number(v));
                return Err(Error::input(path, format!("{key}[{i}][{col}]"), msg));
            }
            reach.push((j as u32, v / per_unit));
        }
        out.push(reach);
    }
    Ok(DistanceMatrix::from_rows(out))
}

/// Where the demand-to-site block lies in the table.
#[derive(Debug, Clone, Copy)]
struct Layout {
    /// The table is `(n + m)²` over one list (demand points, then sites).
    one_list: bool,
    /// Column of site 0.
    first_site_column: usize,
}

impl Layout {
    /// The layout of a `rows × cols` table for `n` demand points and `m` sites, if it has one.
    fn of(rows: usize, cols: usize, n: usize, m: usize) -> Option<Layout> {
        if (rows, cols) == (n, m) {
            Some(Layout {
                one_list: false,
                first_site_column: 0,
            })
        } else if rows == n + m && cols == n + m {
            Some(Layout {
                one_list: true,
                first_site_column: n,
            })
        } else {
            None
        }
    }

    /// The instance point of source (`is_source`) or destination `k`, with what it is.
    fn endpoint<'a>(
        &self,
        k: usize,
        is_source: bool,
        demand: &'a [Endpoint<'a>],
        sites: &'a [Endpoint<'a>],
    ) -> (&'static str, &'a Endpoint<'a>) {
        let demand_first = self.one_list || is_source;
        if demand_first && k < demand.len() {
            ("demand point", &demand[k])
        } else if demand_first {
            ("site", &sites[k - demand.len()])
        } else {
            ("site", &sites[k])
        }
    }
}

/// Checks that waypoint `w` (at `place`) snapped within `max_km` of `point` (when the instance
/// point has geographic coordinates).
fn check_snap(
    path: &Path,
    place: &str,
    w: &Waypoint,
    what: &str,
    point: &Endpoint,
    max_km: f64,
) -> Result<()> {
    let &[lon, lat] = w.location.as_slice() else {
        let msg = format!(
            "location has {} numbers, expected [longitude, latitude]",
            w.location.len()
        );
        return Err(Error::input(path, format!("{place}.location"), msg));
    };
    check_coordinate(lon, lat, Crs::Wgs84)
        .map_err(|m| Error::input(path, format!("{place}.location"), m))?;
    let Some((x, y)) = point.lon_lat else {
        return Ok(());
    };
    let km = distance(Metric::Haversine, (lon, lat), (x, y));
    if km > max_km {
        let msg = format!(
            "snapped to ({lon}, {lat}), {km:.1} km from {what} '{}' ({x}, {y}); the table's \
             order must follow the instance (or raise --matrix-snap-km above {max_km})",
            point.id
        );
        return Err(Error::input(path, place, msg));
    }
    Ok(())
}
