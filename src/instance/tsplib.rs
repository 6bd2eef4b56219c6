//! TSPLIB EUC_2D point sets as p-median instances.
//!
//! ```text
//! NAME : fl1400
//! TYPE : TSP
//! DIMENSION : 1400
//! EDGE_WEIGHT_TYPE : EUC_2D
//! NODE_COORD_SECTION
//! 1 2.10461e+03 1.96835e+03
//! …
//! EOF
//! ```
//! Every node is a demand point (weight 1) and a site. Distances default to the Euclidean
//! distance rounded down ([`Metric::Floor`]), the convention of the p-median literature on
//! these sets; `ReadOptions::metric` overrides it (e.g. real-valued Euclidean).
use super::native::file_stem;
use super::orlib::{bounded_capacity, line, parse_count, parse_num, token_lines};
use super::{colocated, read_text, Crs, Impedance, Instance, Metric, ReadOptions};
use crate::error::{excerpt, Error, Result};
use std::path::Path;

/// Reads a TSPLIB file (TYPE TSP, EDGE_WEIGHT_TYPE EUC_2D, NODE_COORD_SECTION).
///
/// ```no_run
/// use impuls::instance::{tsplib, ReadOptions};
/// let inst = tsplib::read("fl1400.tsp".as_ref(), &ReadOptions::default()).unwrap();
/// assert_eq!(inst.demand.len(), 1400);
/// ```
pub fn read(path: &Path, options: &ReadOptions) -> Result<Instance> {
    parse(&read_text(path)?, path, options)
}

/// Parses the text of a TSPLIB file; `path` names the errors (and the instance if no NAME).
///
/// ```
/// use impuls::instance::{tsplib, Metric, ReadOptions};
/// let text = "NAME: tri\nTYPE: TSP\nDIMENSION: 3\nEDGE_WEIGHT_TYPE: EUC_2D\n\
///             NODE_COORD_SECTION\n1 0 0\n2 3 4\n3 1.5e+00 1\nEOF\n";
/// let inst = tsplib::parse(text, "tri.tsp".as_ref(), &ReadOptions::default()).unwrap();
/// assert_eq!((inst.name.as_str(), inst.impedance.metric), ("tri", Metric::Floor));
/// assert_eq!(inst.impedance(1, 2), Some(3.0)); // floor(3.35…)
/// let bad = text.replace("EUC_2D", "ATT");
/// let err = tsplib::parse(&bad, "tri.tsp".as_ref(), &ReadOptions::default()).unwrap_err();
/// assert!(err.to_string().starts_with("tri.tsp: line 4: EDGE_WEIGHT_TYPE ATT is unsupported"));
/// ```
pub fn parse(text: &str, path: &Path, options: &ReadOptions) -> Result<Instance> {
    let mut name = None;
    let mut dimension = None;
    let mut weight_type = false;
    let mut lines = token_lines(text);
    let mut section_line = None;
    for (ln, tokens) in lines.by_ref() {
        let raw = tokens.join(" ");
        let (key, value) = match raw.split_once(':') {
            Some((k, v)) => (k.trim().to_uppercase(), v.trim().to_string()),
            None => (raw.trim().to_uppercase(), String::new()),
        };
        match key.as_str() {
            "NODE_COORD_SECTION" => {
                section_line = Some(ln);
                break;
            }
            "NAME" => name = Some(value),
            "TYPE" if value.to_uppercase() == "TSP" => {}
            "TYPE" => return Err(unsupported(path, ln, "TYPE", &value, "TSP")),
            "DIMENSION" => dimension = Some((ln, parse_count(path, ln, "DIMENSION", &value)?)),
            "EDGE_WEIGHT_TYPE" if value.to_uppercase() == "EUC_2D" => weight_type = true,
            "EDGE_WEIGHT_TYPE" => {
                return Err(unsupported(path, ln, "EDGE_WEIGHT_TYPE", &value, "EUC_2D"))
            }
            "EOF" => break,
            k if k.ends_with("_SECTION") => {
                let msg = format!("{} is unsupported (only NODE_COORD_SECTION)", excerpt(k));
                return Err(Error::input(path, line(ln), msg));
            }
            _ => {} // COMMENT, NODE_COORD_TYPE, DISPLAY_DATA_TYPE, …
        }
    }
    let Some(section_line) = section_line else {
        return Err(Error::input(path, "header", "no NODE_COORD_SECTION"));
    };
    let Some((dim_line, n)) = dimension else {
        return Err(Error::input(path, "header", "missing DIMENSION"));
    };
    if !weight_type {
        return Err(Error::input(
            path,
            "header",
            "missing EDGE_WEIGHT_TYPE (must be EUC_2D)",
        ));
    }
    let room = bounded_capacity(n, text);
    let (mut demand, mut sites) = (Vec::with_capacity(room), Vec::with_capacity(room));
    let mut last_line = section_line;
    for (ln, tokens) in lines {
        if tokens.len() == 1 && tokens[0].eq_ignore_ascii_case("EOF") {
            break;
        }
        if tokens.len() != 3 {
            let msg = format!(
                "expected a node 'id x y' (3 fields), found {}",
                excerpt(&tokens.join(" "))
            );
            return Err(Error::input(path, line(ln), msg));
        }
        let id = tokens[0].to_string();
        let x = parse_num(path, ln, "x", tokens[1])?;
        let y = parse_num(path, ln, "y", tokens[2])?;
        let (d, s) = colocated(id, x, y, 1.0);
        demand.push(d);
        sites.push(s);
        last_line = ln;
    }
    if demand.len() != n {
        let msg = format!(
            "DIMENSION is {n} (line {dim_line}) but {} nodes follow",
            demand.len()
        );
        return Err(Error::input(path, line(last_line), msg));
    }
    let metric = options.metric.unwrap_or(Metric::Floor);
    Ok(Instance {
        name: name
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| file_stem(path)),
        source: path.display().to_string(),
        crs: Crs::Planar,
        impedance: Impedance {
            metric,
            detour: 1.0,
            speed_kmh: None,
        },
        demand,
        sites,
        matrix: None,
    })
}

/// The error for a header value this reader does not handle.
fn unsupported(path: &Path, ln: usize, key: &str, value: &str, only: &str) -> Error {
    Error::input(
        path,
        line(ln),
        format!("{key} {} is unsupported (only {only})", excerpt(value)),
    )
}
