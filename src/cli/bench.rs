//! `impuls bench …`.

use clap::{Args, Subcommand};
use impuls::bench::{self, harz, mclp, orlib, tsplib, Row};
use impuls::error::Result;
use impuls::solve::SolveOptions;
use indicatif::{ProgressBar, ProgressStyle};
use std::path::PathBuf;

/// Benchmark families.
#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// OR-Library pmed1–40 against DIR/optima.csv.
    Orlib(BenchArgs),
    /// TSPLIB p-median (floor-Euclidean) against DIR/values.csv.
    Tsplib(TsplibArgs),
    /// São José dos Campos MCLP (SJC324–SJC818) against DIR/computed_optima_highs.csv.
    Mclp(MclpArgs),
    /// Complete Harz Pareto fronts, timed: points, solves, median wall and CPU seconds.
    Harz(HarzArgs),
}

/// Arguments of `bench harz`.
#[derive(Debug, Args)]
pub struct HarzArgs {
    /// Catalogue directory.
    #[arg(default_value = "instances/harz")]
    dir: PathBuf,
    /// Objective sets, separated by ';' (default: the default front access,balance,change).
    #[arg(long, value_delimiter = ';')]
    objectives: Vec<String>,
    /// All five objective sets of the README's "Harz Pareto fronts" table.
    #[arg(long, conflicts_with = "objectives")]
    all: bool,
    /// Runs per objective set (the medians are over these).
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Print rows as JSON lines instead of the table.
    #[arg(long)]
    json: bool,
}

/// Arguments of `bench mclp`.
#[derive(Debug, Args)]
pub struct MclpArgs {
    #[command(flatten)]
    common: BenchArgs,
    /// Only these radii S (comma-separated), e.g. 200,800.
    #[arg(long, value_delimiter = ',')]
    radius: Vec<f64>,
    /// Only these values of p (comma-separated), e.g. 1,5,10.
    #[arg(long, value_delimiter = ',')]
    p: Vec<usize>,
}

/// Arguments of `bench tsplib`.
#[derive(Debug, Args)]
pub struct TsplibArgs {
    #[command(flatten)]
    common: BenchArgs,
    /// Only these values of p (comma-separated), e.g. 5,10,20.
    #[arg(long, value_delimiter = ',')]
    p: Vec<usize>,
}

/// How to compute one benchmark row.
type Runner<'a> = Box<dyn Fn(&SolveOptions) -> Result<Row> + 'a>;

/// One benchmark row to compute: its label and how.
type Job<'a> = (String, Runner<'a>);

/// Arguments shared by the benchmarks.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Directory with the instance files and the reference values.
    dir: PathBuf,
    /// Only these instances (comma-separated), e.g. pmed1,pmed6.
    #[arg(long, value_delimiter = ',')]
    only: Vec<String>,
    /// Time limit per instance, seconds.
    #[arg(long)]
    time_limit: Option<f64>,
    /// HiGHS threads.
    #[arg(long, default_value_t = 1)]
    threads: usize,
    /// Print rows as JSON lines instead of the table.
    #[arg(long)]
    json: bool,
}

/// Runs a benchmark; exit code 1 when a reference value is not reproduced.
pub fn run(cmd: BenchCommand, quiet: bool) -> Result<i32> {
    match cmd {
        BenchCommand::Orlib(a) => {
            let rows = orlib::optima(&a.dir, &a.only)?;
            let dir = a.dir.clone();
            let jobs: Vec<Job> = rows
                .into_iter()
                .map(|(name, _, _, optimum)| {
                    let dir = dir.clone();
                    let label = name.clone();
                    let job: Runner = Box::new(move |o| orlib::run_one(&dir, &name, optimum, o));
                    (label, job)
                })
                .collect();
            run_jobs(&a, "optimum", jobs, quiet)
        }
        BenchCommand::Tsplib(t) => {
            let refs = tsplib::references(&t.common.dir, &t.common.only, &t.p)?;
            let dir = t.common.dir.clone();
            let jobs: Vec<Job> = refs
                .into_iter()
                .map(|r| {
                    let dir = dir.clone();
                    let label = format!("{} p={}", r.instance, r.p);
                    let job: Runner = Box::new(move |o| tsplib::run_one(&dir, &r, o));
                    (label, job)
                })
                .collect();
            run_jobs(&t.common, "reference", jobs, quiet)
        }
        BenchCommand::Mclp(c) => {
            let refs = mclp::references(&c.common.dir, &c.common.only, &c.radius, &c.p)?;
            let dir = c.common.dir.clone();
            let jobs: Vec<Job> = refs
                .into_iter()
                .map(|r| {
                    let dir = dir.clone();
                    let label = format!("{} S={} p={}", r.instance, r.radius, r.p);
                    let job: Runner = Box::new(move |o| mclp::run_one(&dir, &r, o));
                    (label, job)
                })
                .collect();
            run_jobs(&c.common, "reference", jobs, quiet)
        }
        BenchCommand::Harz(h) => run_harz(&h, quiet),
    }
}

/// Runs the Harz fronts; exit code 1 when a front is incomplete or differs between runs.
fn run_harz(h: &HarzArgs, quiet: bool) -> Result<i32> {
    let sets: Vec<String> = if h.all {
        harz::README_SETS.iter().map(|s| s.to_string()).collect()
    } else if h.objectives.is_empty() {
        vec![harz::README_SETS[0].to_string()]
    } else {
        h.objectives.clone()
    };
    let mut rows = Vec::new();
    for set in &sets {
        let show = |r: &harz::FrontRow| {
            if !quiet {
                eprintln!(
                    "{set}: run {} of {}: {} points, {} solves, {:.2} s wall, {:.1} s CPU",
                    r.wall.len(),
                    h.runs.max(1),
                    r.points,
                    r.solves,
                    r.wall.last().copied().unwrap_or(0.0),
                    r.cpu.last().copied().unwrap_or(0.0)
                );
            }
        };
        let row = harz::run_front(&h.dir, set, h.runs, &show)?;
        if h.json {
            println!("{}", serde_json::to_string(&row).expect("row serialises"));
        }
        rows.push(row);
    }
    if !h.json {
        print!("{}", harz::table(&rows));
    }
    Ok(if rows.iter().all(|r| r.same_front) {
        0
    } else {
        1
    })
}

/// Runs the rows one after another with a progress bar, prints the table (or JSON lines).
fn run_jobs(a: &BenchArgs, reference: &str, jobs: Vec<Job>, quiet: bool) -> Result<i32> {
    let options = SolveOptions {
        time_limit: a.time_limit,
        threads: a.threads.max(1),
        ..Default::default()
    };
    let bar = (!quiet).then(|| {
        let b = ProgressBar::new(jobs.len() as u64);
        b.set_style(
            ProgressStyle::with_template("{bar:30} {pos}/{len} {msg} {elapsed}")
                .expect("valid template"),
        );
        b
    });
    let mut out = Vec::new();
    for (label, job) in jobs {
        if let Some(b) = &bar {
            b.set_message(label);
        }
        let row = job(&options)?;
        if a.json {
            println!("{}", serde_json::to_string(&row).expect("row serialises"));
        }
        out.push(row);
        if let Some(b) = &bar {
            b.inc(1);
        }
        if impuls::solve::interrupt::requested() {
            break;
        }
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    if !a.json {
        print!("{}", bench::table(&out, reference));
    }
    Ok(if out.iter().all(|r| r.reproduced()) {
        0
    } else {
        1
    })
}
