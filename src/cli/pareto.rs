//! `impuls pareto`.

use super::input::MatrixArgs;
use clap::Args;
use impuls::error::Result;
use impuls::instance::catalogue::{self, CatalogueOptions};
use impuls::output::write_atomic;
use impuls::pareto::{self, front::Point, objective::Objective, ParetoOptions};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

/// Arguments of `impuls pareto`.
#[derive(Debug, Args)]
pub struct ParetoArgs {
    /// Catalogue directory (municipalities.csv, towns.csv, functions.csv, …), e.g. instances/harz.
    instance: PathBuf,
    /// 2 or 3 of: access, coverage, balance, change, synergy, equity.
    #[arg(long, default_value = "access,balance,change")]
    objectives: String,
    /// Output directory.
    #[arg(short, long, default_value = "out/pareto")]
    out: PathBuf,
    /// Seconds for the whole front (the points found by then are kept, marked incomplete).
    #[arg(long)]
    time_limit: Option<f64>,
    /// Report at most K points, spread over the front.
    #[arg(long)]
    max_points: Option<usize>,
    /// Include municipalities of other planning regions (eastern Mansfeld-Südharz).
    #[arg(long)]
    extension: bool,
    /// Split population over localities (finer demand layer).
    #[arg(long)]
    localities: bool,
    /// Allow every town of towns.csv (Sangerhausen, Grundzentren), not only the partners.
    #[arg(long)]
    all_towns: bool,
    /// Travel-time matrix replacing the calibrated car travel times: CSV (from = place id,
    /// to = town id, minutes), r5py CSV, or an OSRM table (sources = places, destinations =
    /// active towns then external centres).
    #[arg(long)]
    matrix: Option<PathBuf>,
    #[command(flatten)]
    matrix_read: MatrixArgs,
}

/// Runs `impuls pareto`.
pub fn run(a: ParetoArgs, quiet: bool) -> Result<i32> {
    let objectives = Objective::parse_list(&a.objectives)?;
    let options = CatalogueOptions {
        extension: a.extension,
        localities: a.localities,
        all_towns: a.all_towns,
        matrix: a.matrix.clone(),
        matrix_options: a.matrix_read.options(),
        ..CatalogueOptions::default()
    };
    let cat = catalogue::read(&a.instance, &options)?;
    std::fs::create_dir_all(&a.out).map_err(|e| impuls::Error::io(&a.out, e))?;
    let spinner = (!quiet).then(|| {
        let s = ProgressBar::new_spinner();
        s.set_style(
            ProgressStyle::with_template("{spinner} {msg} {elapsed}").expect("valid template"),
        );
        s.enable_steady_tick(Duration::from_millis(200));
        s
    });
    // Points as they are found go to pareto.partial.csv, rewritten atomically each time, so an
    // interrupted run keeps them even if the final files are never written.
    let partial = a.out.join("pareto.partial.csv");
    let found: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let header = std::iter::once("n".to_string())
        .chain(pareto::objective::ALL.iter().map(|o| o.name().to_string()))
        .chain(std::iter::once("allocation".to_string()))
        .collect::<Vec<_>>()
        .join(",");
    let on_point = |p: &Point| {
        let mut rows = found.lock().expect("no poisoned lock");
        let alloc: Vec<String> = p
            .alloc
            .iter()
            .enumerate()
            .map(|(f, t)| {
                format!(
                    "{}={}",
                    cat.functions[f].id,
                    t.iter()
                        .map(|&k| cat.towns[k].id.as_str())
                        .collect::<Vec<_>>()
                        .join("+")
                )
            })
            .collect();
        let values: Vec<String> = pareto::objective::ALL
            .iter()
            .map(|&o| o.natural(pareto::objective::pick(&p.values, o)).to_string())
            .collect();
        let n = rows.len() + 1;
        rows.push(format!("{n},{},\"{}\"", values.join(","), alloc.join(" ")));
        let text = std::iter::once(header.clone())
            .chain(rows.iter().cloned())
            .collect::<Vec<_>>()
            .join("\n")
            + "\n";
        let _ = write_atomic(&partial, text.as_bytes());
        if let Some(s) = &spinner {
            s.set_message(format!("{} points found", rows.len()));
        }
    };
    let set = pareto::run(
        &cat,
        &objectives,
        &ParetoOptions {
            time_limit: a.time_limit,
            max_points: a.max_points,
            slabs: None,
        },
        &on_point,
    );
    if let Some(s) = &spinner {
        s.finish_and_clear();
    }
    let set = set?;
    pareto::write::write_all(&a.out, &set)?;
    let _ = std::fs::remove_file(&partial);
    println!("{}", set.note);
    println!(
        "{} proposals in {:.1} s ({} lexicographic solves); status quo evaluated; written to {}",
        set.proposals.len(),
        set.seconds,
        set.solves,
        a.out.display()
    );
    let names: Vec<&str> = objectives.iter().map(|o| o.name()).collect();
    println!(
        "{:<12} {}",
        "proposal",
        names.iter().map(|n| format!("{n:>16}")).collect::<String>()
    );
    for p in std::iter::once(&set.status_quo).chain(&set.proposals) {
        println!(
            "{:<12} {}",
            p.id,
            names
                .iter()
                .map(|n| format!("{:>16.1}", p.objectives[*n]))
                .collect::<String>()
        );
    }
    // exit 3: stopped early (time limit or Ctrl-C); a chosen --max-points subset is a result
    Ok(
        if set.complete || a.max_points.is_some() && !impuls::solve::interrupt::requested() {
            0
        } else {
            3
        },
    )
}
