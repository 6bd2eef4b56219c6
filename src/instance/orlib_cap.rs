//! OR-Library pmedcap files (Osman & Christofides 1994): capacitated p-median on points.
//!
//! ```text
//! k best          problem number, optimal/best-known objective
//! n p Q           nodes, medians, capacity of every median
//! id x y demand   n lines
//! ```
//! Every node is a client (objective weight 1, capacity use = its demand) and a candidate
//! median with capacity `Q`. Distances are the Euclidean distance rounded down
//! ([`Metric::Floor`]), the convention behind the OR-Library values.
use super::native::file_stem;
use super::orlib::{bounded_capacity, line, parse_count, parse_num, token_lines};
use super::{read_text, Crs, DemandPoint, Impedance, Instance, Metric, Site};
use crate::error::{number, Error, Result};
use std::path::Path;

/// Reads a pmedcap file; see [`read_with_header`] for `p` and the best-known value.
///
/// ```no_run
/// let inst = impuls::instance::orlib_cap::read("pmedcap01.txt".as_ref()).unwrap();
/// assert!(inst.is_capacitated());
/// ```
pub fn read(path: &Path) -> Result<Instance> {
    read_with_header(path).map(|(instance, _, _)| instance)
}

/// Reads a pmedcap file and returns the instance, `p` and the best-known objective value.
pub fn read_with_header(path: &Path) -> Result<(Instance, usize, f64)> {
    parse_with_header(&read_text(path)?, path)
}

/// Parses the text of a pmedcap file; `path` names the instance and the errors.
///
/// ```
/// use impuls::instance::orlib_cap::parse_with_header;
/// let text = "1 7\n3 1 10\n1 0 0 4\n2 3 4 5\n3 6 8 1\n";
/// let (inst, p, best) = parse_with_header(text, "cap.txt".as_ref()).unwrap();
/// assert_eq!((p, best, inst.sites[2].capacity), (1, 7.0, Some(10.0)));
/// assert_eq!((inst.demand[1].weight, inst.demand[1].load()), (1.0, 5.0));
/// let err = parse_with_header("1 7\n2 1 10\n1 0 0 4\n", "cap.txt".as_ref()).unwrap_err();
/// assert_eq!(err.to_string(), "cap.txt: line 3: expected 2 node lines, found 1");
/// ```
pub fn parse_with_header(text: &str, path: &Path) -> Result<(Instance, usize, f64)> {
    let mut lines = token_lines(text);
    let (l1, first) = lines
        .next()
        .ok_or_else(|| Error::input(path, "line 1", "empty file, expected 'k best'"))?;
    if first.len() != 2 {
        let msg = format!(
            "expected 'k best' (2 numbers), found {} fields",
            first.len()
        );
        return Err(Error::input(path, line(l1), msg));
    }
    parse_count(path, l1, "problem number", first[0])?;
    let best = parse_num(path, l1, "best value", first[1])?;
    let (l2, second) = lines
        .next()
        .ok_or_else(|| Error::input(path, line(l1 + 1), "missing line 'n p Q'"))?;
    if second.len() != 3 {
        let msg = format!(
            "expected 'n p Q' (3 numbers), found {} fields",
            second.len()
        );
        return Err(Error::input(path, line(l2), msg));
    }
    let n = parse_count(path, l2, "n", second[0])?;
    let p = parse_count(path, l2, "p", second[1])?;
    let q = parse_num(path, l2, "capacity Q", second[2])?;
    if n == 0 {
        return Err(Error::input(path, line(l2), "n must be at least 1"));
    }
    if p == 0 || p > n {
        return Err(Error::input(
            path,
            line(l2),
            format!("p {p} is outside 1..{n}"),
        ));
    }
    if q < 0.0 {
        return Err(Error::input(
            path,
            line(l2),
            format!("capacity Q {} is negative", number(q)),
        ));
    }
    let room = bounded_capacity(n, text);
    let (mut demand, mut sites) = (Vec::with_capacity(room), Vec::with_capacity(room));
    let mut last_line = l2;
    for (ln, tokens) in lines {
        if demand.len() == n {
            let msg = format!("expected {n} node lines, found more (one problem per file)");
            return Err(Error::input(path, line(ln), msg));
        }
        if tokens.len() != 4 {
            let msg = format!(
                "expected 'id x y demand' (4 fields), found {}",
                tokens.len()
            );
            return Err(Error::input(path, line(ln), msg));
        }
        let id = tokens[0].to_string();
        let x = parse_num(path, ln, "x", tokens[1])?;
        let y = parse_num(path, ln, "y", tokens[2])?;
        let load = parse_num(path, ln, "demand", tokens[3])?;
        if load < 0.0 {
            return Err(Error::input(
                path,
                line(ln),
                format!("demand {} is negative", number(load)),
            ));
        }
        demand.push(DemandPoint {
            id: id.clone(),
            name: None,
            x,
            y,
            weight: 1.0,
            load: Some(load),
        });
        sites.push(Site {
            id,
            name: None,
            x,
            y,
            required: false,
            capacity: Some(q),
            cost: None,
            ..Default::default()
        });
        last_line = ln;
    }
    if demand.len() < n {
        let msg = format!("expected {n} node lines, found {}", demand.len());
        return Err(Error::input(path, line(last_line), msg));
    }
    let instance = Instance {
        name: file_stem(path),
        source: path.display().to_string(),
        crs: Crs::Planar,
        impedance: Impedance {
            metric: Metric::Floor,
            detour: 1.0,
            speed_kmh: None,
        },
        demand,
        sites,
        matrix: None,
    };
    Ok((instance, p, best))
}
