//! `impuls bench …`.

use clap::{Args, Subcommand};
use impuls::bench::{self, orlib};
use impuls::error::Result;
use impuls::solve::SolveOptions;
use indicatif::{ProgressBar, ProgressStyle};
use std::path::PathBuf;

/// Benchmark families.
#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// OR-Library pmed1–40 against DIR/optima.csv.
    Orlib(BenchArgs),
}

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
    let BenchCommand::Orlib(a) = cmd;
    let rows = orlib::optima(&a.dir, &a.only)?;
    let options = SolveOptions {
        time_limit: a.time_limit,
        threads: a.threads.max(1),
        ..Default::default()
    };
    let bar = (!quiet).then(|| {
        let b = ProgressBar::new(rows.len() as u64);
        b.set_style(
            ProgressStyle::with_template("{bar:30} {pos}/{len} {msg} {elapsed}")
                .expect("valid template"),
        );
        b
    });
    let mut out = Vec::new();
    for (name, _n, _p, optimum) in rows {
        if let Some(b) = &bar {
            b.set_message(name.clone());
        }
        let row = orlib::run_one(&a.dir, &name, optimum, &options)?;
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
        print!("{}", bench::table(&out, "optimum"));
    }
    Ok(if out.iter().all(|r| r.reproduced()) {
        0
    } else {
        1
    })
}
