//! `impuls bench …`.

use clap::{Args, Subcommand};
use impuls::bench::{self, mclp, orlib, tsplib, Row};
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
    }
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
