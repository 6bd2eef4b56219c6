//! A pair of CSV files: demand (`id,x,y,weight[,load][,name]`) and sites
//! (`id,x,y[,capacity][,required][,cost][,competitor][,attractiveness][,name]`).
//!
//! Headers are required, matched case-insensitively, in any order; `lon`/`longitude` and
//! `lat`/`latitude` are accepted for `x` and `y`. Unknown columns are rejected (a misspelt
//! `capacity` must not silently give an uncapacitated model). Lines starting with `#` are
//! comments. Errors name the file and the row as counted in the file (the header is row 1).
use super::native::file_stem;
use super::Site;
use super::{
    check_attractiveness, check_coordinate, check_weight, read_text, Crs, DemandPoint, Impedance,
    Instance,
};
use crate::error::{excerpt, Error, Result};
use csv::StringRecord;
use rustc_hash::FxHashMap;
use std::path::Path;

/// Reads a demand CSV and a sites CSV with coordinates in `crs` (not yet validated as a whole;
/// see [`Instance::validate`]). Impedance is [`Impedance::default_for`] `crs`.
///
/// ```
/// use impuls::instance::{csv_pair, Crs};
/// let dir = std::path::Path::new("instances/demo");
/// let inst = csv_pair::read(&dir.join("demand.csv"), &dir.join("sites.csv"), Crs::Planar);
/// assert_eq!(inst.unwrap().sites.len(), 8);
/// ```
pub fn read(demand: &Path, sites: &Path, crs: Crs) -> Result<Instance> {
    let demand_points = parse_demand(&read_text(demand)?, demand, crs)?;
    let site_list = parse_sites(&read_text(sites)?, sites, crs)?;
    Ok(Instance {
        name: file_stem(demand),
        source: format!("{} + {}", demand.display(), sites.display()),
        crs,
        impedance: Impedance::default_for(crs),
        demand: demand_points,
        sites: site_list,
        matrix: None,
    })
}

/// Parses the text of a demand CSV; `path` is used in error messages.
///
/// ```
/// use impuls::instance::{csv_pair::parse_demand, Crs};
/// let text = "id,lon,lat,weight\nGS,10.43,51.91,50000\nQLB,11.15,51.79,23000\n";
/// let demand = parse_demand(text, "d.csv".as_ref(), Crs::Wgs84).unwrap();
/// assert_eq!((demand[1].x, demand[1].weight), (11.15, 23000.0));
/// let err = parse_demand("id,x,y,weight\na,1,2,-3\n", "d.csv".as_ref(), Crs::Planar);
/// assert_eq!(err.unwrap_err().to_string(), "d.csv: row 2: weight -3 is negative");
/// ```
pub fn parse_demand(text: &str, path: &Path, crs: Crs) -> Result<Vec<DemandPoint>> {
    let table = Table::new(text, path, DEMAND_COLUMNS, &["id", "x", "y", "weight"])?;
    let mut ids = FxHashMap::default();
    let mut out = Vec::new();
    table.for_each(|row| {
        let (x, y) = row.coordinate(crs)?;
        let weight = row.required_number("weight")?;
        row.check(check_weight("weight", weight))?;
        let load = row.number("load")?;
        if let Some(l) = load {
            row.check(check_weight("load", l))?;
        }
        let id = row.id(&mut ids)?;
        out.push(DemandPoint {
            id,
            name: row.text("name"),
            x,
            y,
            weight,
            load,
        });
        Ok(())
    })?;
    Ok(out)
}

/// Parses the text of a sites CSV; `path` is used in error messages.
///
/// ```
/// use impuls::instance::{csv_pair::parse_sites, Crs};
/// let text = "id,x,y,required,capacity\nA,0,0,yes,100\nB,5,0,,80\n";
/// let sites = parse_sites(text, "s.csv".as_ref(), Crs::Planar).unwrap();
/// assert_eq!((sites[0].required, sites[1].required), (true, false));
/// assert_eq!(sites[1].capacity, Some(80.0));
/// let err = parse_sites("id,x,y\nA,0,0\nA,1,1\n", "s.csv".as_ref(), Crs::Planar);
/// assert_eq!(err.unwrap_err().to_string(), "s.csv: row 3: duplicate id 'A', first used in row 2");
/// ```
pub fn parse_sites(text: &str, path: &Path, crs: Crs) -> Result<Vec<Site>> {
    let table = Table::new(text, path, SITE_COLUMNS, &["id", "x", "y"])?;
    let mut ids = FxHashMap::default();
    let mut out = Vec::new();
    table.for_each(|row| {
        let (x, y) = row.coordinate(crs)?;
        let capacity = row.number("capacity")?;
        if let Some(c) = capacity {
            row.check(check_weight("capacity", c))?;
        }
        let cost = row.number("cost")?;
        if let Some(c) = cost {
            row.check(check_weight("cost", c))?;
        }
        let required = row.flag("required")?;
        let competitor = row.flag("competitor")?;
        let attractiveness = row.number("attractiveness")?;
        if let Some(a) = attractiveness {
            row.check(check_attractiveness(a))?;
        }
        let id = row.id(&mut ids)?;
        out.push(Site {
            id,
            name: row.text("name"),
            x,
            y,
            required,
            capacity,
            cost,
            competitor,
            attractiveness,
        });
        Ok(())
    })?;
    Ok(out)
}

/// Canonical column names with the header spellings accepted for them.
type Columns = &'static [(&'static str, &'static [&'static str])];

const DEMAND_COLUMNS: Columns = &[
    ("id", &["id"]),
    ("x", &["x", "lon", "longitude"]),
    ("y", &["y", "lat", "latitude"]),
    ("weight", &["weight"]),
    ("load", &["load"]),
    ("name", &["name"]),
];

const SITE_COLUMNS: Columns = &[
    ("id", &["id"]),
    ("x", &["x", "lon", "longitude"]),
    ("y", &["y", "lat", "latitude"]),
    ("capacity", &["capacity"]),
    ("required", &["required"]),
    ("cost", &["cost"]),
    ("competitor", &["competitor"]),
    ("attractiveness", &["attractiveness"]),
    ("name", &["name"]),
];

/// A parsed CSV text with its header resolved to canonical column names.
struct Table<'a> {
    path: &'a Path,
    text: &'a str,
    width: usize,
    index: FxHashMap<&'static str, usize>,
    reader: csv::Reader<&'a [u8]>,
}

impl<'a> Table<'a> {
    fn new(text: &'a str, path: &'a Path, columns: Columns, required: &[&str]) -> Result<Self> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        super::csv_quotes::check_closed_quotes(text.as_bytes(), path, Some(b'#'))?;
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .flexible(true)
            .comment(Some(b'#'))
            .from_reader(text.as_bytes());
        let header = reader
            .headers()
            .map_err(|e| Error::input(path, "row 1", e.to_string()))?;
        let mut index = FxHashMap::default();
        for (k, name) in header.iter().enumerate() {
            let lower = name.to_lowercase();
            let Some(&(canon, _)) = columns.iter().find(|(_, names)| names.contains(&&*lower))
            else {
                let known: Vec<&str> = columns.iter().map(|(c, _)| *c).collect();
                let name = excerpt(name);
                let msg = format!("unknown column '{name}' (expected {})", known.join(", "));
                return Err(Error::input(path, "row 1", msg));
            };
            if index.insert(canon, k).is_some() {
                return Err(Error::input(
                    path,
                    "row 1",
                    format!("column '{canon}' appears twice"),
                ));
            }
        }
        if let Some(missing) = required.iter().find(|c| !index.contains_key(*c)) {
            let msg = format!("missing column '{missing}' (need {})", required.join(","));
            return Err(Error::input(path, "row 1", msg));
        }
        Ok(Table {
            path,
            text,
            width: header.len(),
            index,
            reader,
        })
    }

    /// Calls `f` on every data row, each checked for its column count first.
    fn for_each(self, mut f: impl FnMut(&Row) -> Result<()>) -> Result<()> {
        let Table {
            path,
            text,
            width,
            index,
            mut reader,
        } = self;
        let mut lines = LineCounter {
            text,
            pos: 0,
            line: 1,
        };
        for record in reader.records() {
            let record = record.map_err(|e| {
                let row = e.position().map_or(0, |p| lines.row_at(p.byte() as usize));
                Error::input(path, format!("row {row}"), e.to_string())
            })?;
            let row = record
                .position()
                .map_or(0, |p| lines.row_at(p.byte() as usize));
            if record.len() != width {
                let msg = format!("expected {width} columns, found {}", record.len());
                return Err(Error::input(path, format!("row {row}"), msg));
            }
            f(&Row {
                path,
                row,
                record,
                index: &index,
            })?;
        }
        Ok(())
    }
}

/// Line numbers of records as they appear in the file. The csv crate reports the byte where
/// the skipped blank and comment lines before a record begin, and counts lines without them.
struct LineCounter<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
}

impl LineCounter<'_> {
    /// The 1-based line of the record whose leading blank/comment lines start at `byte`
    /// (records are asked for in file order, so counting is incremental).
    fn row_at(&mut self, byte: usize) -> usize {
        let mut start = byte.min(self.text.len());
        loop {
            let rest = &self.text[start..];
            let Some(end) = rest.find('\n') else { break };
            let content = rest[..end].trim_end_matches('\r');
            if !(content.is_empty() || content.starts_with('#')) {
                break;
            }
            start += end + 1;
        }
        if start >= self.pos {
            self.line += self.text.as_bytes()[self.pos..start]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.pos = start;
        }
        self.line
    }
}

/// One data row and where it is.
struct Row<'a> {
    path: &'a Path,
    row: usize,
    record: StringRecord,
    index: &'a FxHashMap<&'static str, usize>,
}

impl Row<'_> {
    fn error(&self, message: impl Into<String>) -> Error {
        Error::input(self.path, format!("row {}", self.row), message)
    }

    fn check(&self, result: std::result::Result<(), String>) -> Result<()> {
        result.map_err(|m| self.error(m))
    }

    /// The trimmed field of a column, `None` when the column is absent or the field empty.
    fn field(&self, column: &str) -> Option<&str> {
        let k = *self.index.get(column)?;
        self.record.get(k).filter(|s| !s.is_empty())
    }

    fn text(&self, column: &str) -> Option<String> {
        self.field(column).map(str::to_string)
    }

    fn number(&self, column: &str) -> Result<Option<f64>> {
        match self.field(column) {
            None => Ok(None),
            Some(s) => s
                .parse()
                .map(Some)
                .map_err(|_| self.error(format!("{column} '{}' is not a number", excerpt(s)))),
        }
    }

    fn required_number(&self, column: &str) -> Result<f64> {
        self.number(column)?
            .ok_or_else(|| self.error(format!("{column} is empty")))
    }

    fn coordinate(&self, crs: Crs) -> Result<(f64, f64)> {
        let (x, y) = (self.required_number("x")?, self.required_number("y")?);
        self.check(check_coordinate(x, y, crs))?;
        Ok((x, y))
    }

    fn flag(&self, column: &str) -> Result<bool> {
        let Some(text) = self.field(column) else {
            return Ok(false);
        };
        super::flag_value(text).ok_or_else(|| {
            let other = excerpt(text);
            self.error(format!("{column} '{other}' is not true/false/1/0/yes/no"))
        })
    }

    /// The id, checked for being present and unique; `seen` maps ids to their rows.
    fn id(&self, seen: &mut FxHashMap<String, usize>) -> Result<String> {
        let id = self.text("id").ok_or_else(|| self.error("id is empty"))?;
        if let Some(first) = seen.insert(id.clone(), self.row) {
            let id = excerpt(&id);
            return Err(self.error(format!("duplicate id '{id}', first used in row {first}")));
        }
        Ok(id)
    }
}
