//! The command line: a thin shell over the library. Each subcommand has its own file.

pub mod bench;
pub mod calibrate;
pub mod generate;
pub mod info;
pub mod input;
pub mod pareto;
pub mod solve;

use clap::{Parser, Subcommand};

/// impuls — exact location-allocation (p-median, p-center, MCLP, LSCP) on HiGHS.
#[derive(Debug, Parser)]
#[command(name = "impuls", version, about, long_about = None)]
pub struct Cli {
    /// No progress output on stderr.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Solve one instance with one model and verify the result.
    Solve(solve::SolveArgs),
    /// Summarise an instance: counts, weights, bounding box, impedance statistics.
    Info(info::InfoArgs),
    /// Pareto-optimal allocations of high-order functions to towns (e.g. instances/harz).
    Pareto(pareto::ParetoArgs),
    /// A catalogue's travel-time models against the official times they were fitted to.
    Calibrate(calibrate::CalibrateArgs),
    /// Run a reference benchmark with known optima.
    #[command(subcommand)]
    Bench(bench::BenchCommand),
    /// Write a synthetic clustered planar instance (native JSON) for scaling tests.
    Generate(generate::GenerateArgs),
}

/// Runs the parsed command.
pub fn run(cli: Cli) -> impuls::Result<i32> {
    impuls::solve::interrupt::install_handler();
    match cli.command {
        Command::Solve(a) => solve::run(a, cli.quiet),
        Command::Info(a) => info::run(a),
        Command::Pareto(a) => pareto::run(a, cli.quiet),
        Command::Calibrate(a) => calibrate::run(a),
        Command::Bench(b) => bench::run(b, cli.quiet),
        Command::Generate(a) => generate::run(a),
    }
}
