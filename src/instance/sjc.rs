//! São José dos Campos MCLP / LSCP instances (Lorena & Pereira 2002; `SJC324.txt` … `SJC818.txt`).
//!
//! ```text
//! 324  9999  p  S      header: n, then three placeholders (p and the radius are not in the file)
//! x  y  demand         n lines: integer coordinates (metres) and integer demand
//! ```
//! Every point is a demand point (weight = demand) and a candidate site with id `"k"` (1-based
//! line order). Distances are real-valued Euclidean, the convention of the reference values in
//! `mclp/computed_optima_highs.csv` (a point is covered iff d ≤ S). Fields may be separated by
//! tabs or spaces, with trailing whitespace and CRLF line ends.
use super::native::file_stem;
use super::orlib::{bounded_capacity, line, parse_count, parse_num, token_lines};
use super::{colocated, read_text, Crs, Impedance, Instance};
use crate::error::{number, Error, Result};
use std::path::Path;

/// Reads an SJC file.
///
/// ```no_run
/// let inst = impuls::instance::sjc::read("SJC324.txt".as_ref()).unwrap();
/// assert_eq!(inst.demand.len(), 324);
/// ```
pub fn read(path: &Path) -> Result<Instance> {
    parse(&read_text(path)?, path)
}

/// Parses the text of an SJC file; `path` names the instance and the errors.
///
/// ```
/// use impuls::instance::sjc::parse;
/// let text = "2\t9999\tp\tS\r\n0\t0\t5\t\r\n3\t4\t7\t\r\n";
/// let inst = parse(text, "SJC2.txt".as_ref()).unwrap();
/// assert_eq!((inst.name.as_str(), inst.demand[1].weight), ("SJC2", 7.0));
/// assert_eq!(inst.impedance(0, 1), Some(5.0));
/// let err = parse("2 9999 p S\n0 0 5\n3 4\n", "bad.txt".as_ref()).unwrap_err();
/// assert_eq!(err.to_string(), "bad.txt: line 3: expected 'x y demand' (3 numbers), found 2 fields");
/// ```
pub fn parse(text: &str, path: &Path) -> Result<Instance> {
    let mut lines = token_lines(text);
    let Some((hl, header)) = lines.next() else {
        return Err(Error::input(
            path,
            "line 1",
            "empty file, expected header 'n 9999 p S'",
        ));
    };
    let n = parse_count(path, hl, "n", header[0])?;
    if n == 0 {
        return Err(Error::input(path, line(hl), "n must be at least 1"));
    }
    let room = bounded_capacity(n, text);
    let (mut demand, mut sites) = (Vec::with_capacity(room), Vec::with_capacity(room));
    let mut last_line = hl;
    for (ln, tokens) in lines {
        if demand.len() == n {
            let msg = format!("the header announces {n} points, found more");
            return Err(Error::input(path, line(ln), msg));
        }
        if tokens.len() != 3 {
            let msg = format!(
                "expected 'x y demand' (3 numbers), found {} fields",
                tokens.len()
            );
            return Err(Error::input(path, line(ln), msg));
        }
        let x = parse_num(path, ln, "x", tokens[0])?;
        let y = parse_num(path, ln, "y", tokens[1])?;
        let weight = parse_num(path, ln, "demand", tokens[2])?;
        if weight < 0.0 {
            let msg = format!("demand {} is negative", number(weight));
            return Err(Error::input(path, line(ln), msg));
        }
        let (d, s) = colocated((demand.len() + 1).to_string(), x, y, weight);
        demand.push(d);
        sites.push(s);
        last_line = ln;
    }
    if demand.len() < n {
        let msg = format!("the header announces {n} points, found {}", demand.len());
        return Err(Error::input(path, line(last_line), msg));
    }
    Ok(Instance {
        name: file_stem(path),
        source: path.display().to_string(),
        crs: Crs::Planar,
        impedance: Impedance::euclidean(),
        demand,
        sites,
        matrix: None,
    })
}
