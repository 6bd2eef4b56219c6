//! `impuls generate`.

use clap::Args;
use impuls::error::Result;
use impuls::instance::generate::{generate, GenerateOptions};
use impuls::output::write_atomic_with;
use std::path::PathBuf;

/// Arguments of `impuls generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Number of demand points.
    #[arg(long)]
    demand: usize,
    /// Number of candidate sites.
    #[arg(long)]
    sites: usize,
    /// Seed: the same seed and options give the same file, byte for byte.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Number of towns (default ⌈√demand / 2⌉).
    #[arg(long)]
    clusters: Option<usize>,
    /// Side of the square region, km.
    #[arg(long, default_value_t = 200.0)]
    extent: f64,
    /// Output file (native JSON).
    #[arg(short, long)]
    out: PathBuf,
}

/// Writes the generated instance as native JSON.
pub fn run(a: GenerateArgs) -> Result<i32> {
    let options = GenerateOptions {
        demand: a.demand,
        sites: a.sites,
        seed: a.seed,
        clusters: a.clusters,
        extent_km: a.extent,
    };
    let instance = generate(&options)?;
    write_atomic_with(&a.out, |w| {
        serde_json::to_writer(w, &instance).map_err(Into::into)
    })?;
    Ok(0)
}
