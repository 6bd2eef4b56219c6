//! OR-Library pmed files (Beasley 1985): uncapacitated p-median on a weighted graph.
//!
//! ```text
//! n m p        first line: vertices, edges, medians
//! i j c        m lines: undirected edge between 1-based vertices i and j with integer cost c
//! ```
//! Impedance is the all-pairs shortest-path length. An edge listed more than once keeps its
//! **last** cost (the OR-Library rule; the published optima depend on it).
use super::native::file_stem;
use super::{read_text, Crs, DemandPoint, Impedance, Instance, Site};
use crate::distance::graph::all_pairs_shortest_paths;
use crate::distance::DistanceMatrix;
use crate::error::{excerpt, Error, Result};
use std::collections::HashMap;
use std::path::Path;

/// Reads an OR-Library pmed file; see [`read_with_p`] for the `p` of the header.
///
/// ```no_run
/// let inst = impuls::instance::orlib::read("pmed1.txt".as_ref()).unwrap();
/// assert_eq!(inst.demand.len(), 100);
/// ```
pub fn read(path: &Path) -> Result<Instance> {
    read_with_p(path).map(|(instance, _)| instance)
}

/// Reads an OR-Library pmed file and returns the instance with the `p` of its header.
///
/// Every vertex `1..=n` is a demand point (weight 1) and a site, both with id `"k"`; the
/// shortest-path lengths are stored in `instance.matrix` (unreachable pairs are absent).
pub fn read_with_p(path: &Path) -> Result<(Instance, usize)> {
    parse_with_p(&read_text(path)?, path)
}

/// Parses the text of a pmed file; `path` names the instance and the errors.
///
/// ```
/// use impuls::instance::orlib::parse_with_p;
/// let text = "3 3 1\n1 2 5\n2 3 4\n1 2 2\n"; // edge 1-2 listed twice: the last cost (2) wins
/// let (inst, p) = parse_with_p(text, "tiny.txt".as_ref()).unwrap();
/// assert_eq!((p, inst.impedance(0, 2)), (1, Some(6.0)));
/// let err = parse_with_p("3 2 1\n1 2 5\n2 4 1\n", "bad.txt".as_ref()).unwrap_err();
/// assert_eq!(err.to_string(), "bad.txt: line 3: vertex 4 is outside 1..3");
/// ```
pub fn parse_with_p(text: &str, path: &Path) -> Result<(Instance, usize)> {
    let mut lines = token_lines(text);
    let Some((hl, header)) = lines.next() else {
        return Err(Error::input(
            path,
            "line 1",
            "empty file, expected header 'n m p'",
        ));
    };
    if header.len() != 3 {
        let msg = format!(
            "expected header 'n m p' (3 integers), found {} fields",
            header.len()
        );
        return Err(Error::input(path, line(hl), msg));
    }
    let n = parse_count(path, hl, "n", header[0])?;
    let m = parse_count(path, hl, "m", header[1])?;
    let p = parse_count(path, hl, "p", header[2])?;
    if n == 0 {
        return Err(Error::input(path, line(hl), "n must be at least 1"));
    }
    if p == 0 || p > n {
        return Err(Error::input(
            path,
            line(hl),
            format!("p {p} is outside 1..{n}"),
        ));
    }
    let mut costs: HashMap<(usize, usize), f64> = HashMap::with_capacity(bounded_capacity(m, text));
    let mut count = 0;
    let mut last_line = hl;
    for (ln, tokens) in lines {
        if count == m {
            let msg = format!("expected {m} edge lines after the header, found more");
            return Err(Error::input(path, line(ln), msg));
        }
        if tokens.len() != 3 {
            let msg = format!(
                "expected an edge 'i j c' (3 integers), found {} fields",
                tokens.len()
            );
            return Err(Error::input(path, line(ln), msg));
        }
        let i = parse_vertex(path, ln, tokens[0], n)?;
        let j = parse_vertex(path, ln, tokens[1], n)?;
        let c = parse_int(path, ln, "cost", tokens[2])?;
        if c < 0 {
            return Err(Error::input(
                path,
                line(ln),
                format!("cost {c} is negative"),
            ));
        }
        costs.insert((i.min(j), i.max(j)), c as f64);
        count += 1;
        last_line = ln;
    }
    if count < m {
        let msg = format!("expected {m} edge lines after the header, found {count}");
        return Err(Error::input(path, line(last_line), msg));
    }
    if n > 2 * m {
        // the dense shortest-path table has n² entries: a header claiming 10⁹ vertices for a
        // file of two edges would take exabytes; with n ≤ 2m it is bounded by the file's size
        let msg = format!("n {n} exceeds twice the {m} edges: some vertices would have no edge");
        return Err(Error::input(path, line(hl), msg));
    }
    let mut edges: Vec<(usize, usize, f64)> =
        costs.into_iter().map(|((i, j), c)| (i, j, c)).collect();
    edges.sort_by_key(|&(i, j, _)| (i, j));
    let apsp = all_pairs_shortest_paths(n, &edges);
    let instance = Instance {
        name: file_stem(path),
        source: path.display().to_string(),
        crs: Crs::Planar,
        impedance: Impedance::euclidean(),
        demand: (1..=n).map(|k| vertex_demand(k.to_string())).collect(),
        sites: (1..=n).map(|k| vertex_site(k.to_string())).collect(),
        matrix: Some(DistanceMatrix::from_dense(n, &apsp)),
    };
    Ok((instance, p))
}

/// A demand point without geometry (x = y = 0) and weight 1.
pub(crate) fn vertex_demand(id: String) -> DemandPoint {
    DemandPoint {
        id,
        name: None,
        x: 0.0,
        y: 0.0,
        weight: 1.0,
        load: None,
    }
}

/// A site without geometry (x = y = 0), not required, no capacity or cost.
pub(crate) fn vertex_site(id: String) -> Site {
    Site {
        id,
        name: None,
        x: 0.0,
        y: 0.0,
        required: false,
        capacity: None,
        cost: None,
        ..Default::default()
    }
}

/// Room to reserve for `claimed` items of `text`, one line each: never more than the text can
/// hold, so a header claiming 10¹² items is refused by the count check after reading, not by an
/// allocation failure before it.
pub(crate) fn bounded_capacity(claimed: usize, text: &str) -> usize {
    claimed.min(text.len() / 2 + 1)
}

/// Parses a 1-based vertex number in `1..=n` into a 0-based index.
fn parse_vertex(path: &Path, ln: usize, token: &str, n: usize) -> Result<usize> {
    let v = parse_int(path, ln, "vertex", token)?;
    if v < 1 || v > n as i64 {
        return Err(Error::input(
            path,
            line(ln),
            format!("vertex {v} is outside 1..{n}"),
        ));
    }
    Ok(v as usize - 1)
}

/// Parses a non-negative count.
pub(crate) fn parse_count(path: &Path, ln: usize, what: &str, token: &str) -> Result<usize> {
    let v = parse_int(path, ln, what, token)?;
    usize::try_from(v).map_err(|_| Error::input(path, line(ln), format!("{what} {v} is negative")))
}

/// Non-blank lines of `text` with their 1-based line numbers, split at whitespace.
pub(crate) fn token_lines(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines()
        .enumerate()
        .map(|(k, l)| (k + 1, l.split_whitespace().collect::<Vec<_>>()))
        .filter(|(_, tokens)| !tokens.is_empty())
}

/// The place `line N`.
pub(crate) fn line(ln: usize) -> String {
    format!("line {ln}")
}

/// Parses an integer token; the error names the line and `what` the token is.
pub(crate) fn parse_int(path: &Path, ln: usize, what: &str, token: &str) -> Result<i64> {
    token.parse().map_err(|_| {
        Error::input(
            path,
            line(ln),
            format!("{what} '{}' is not an integer", excerpt(token)),
        )
    })
}

/// Parses a finite number token (integers, decimals, scientific notation).
pub(crate) fn parse_num(path: &Path, ln: usize, what: &str, token: &str) -> Result<f64> {
    match token.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        Ok(v) => Err(Error::input(
            path,
            line(ln),
            format!("{what} {v} is not finite"),
        )),
        Err(_) => Err(Error::input(
            path,
            line(ln),
            format!("{what} '{}' is not a number", excerpt(token)),
        )),
    }
}
