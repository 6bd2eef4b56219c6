//! `impuls pareto`.

use super::input::MatrixArgs;
use clap::Args;
use impuls::error::Result;
use impuls::instance::catalogue::CatalogueOptions;
use impuls::pareto::proposal::{FunctionTown, ProposalSet};
use impuls::pareto::study::{Study, StudyOptions};
use impuls::pareto::{
    self, front::Point, objective::Objective, partial::PartialCsv, ParetoOptions,
};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::PathBuf;
use std::time::Duration;

/// Arguments of `impuls pareto`.
#[derive(Debug, Args)]
pub struct ParetoArgs {
    /// Catalogue directory (municipalities.csv, towns.csv, functions.csv, …), e.g. instances/harz.
    instance: PathBuf,
    /// 2 or 3 of: access, coverage, balance, change, synergy, equity, pt_access, pt_reach (the
    /// last two need ÖPNV times: the instance's own or --pt-matrix).
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
    /// Public-transport travel-time matrix (same formats as --matrix) for pt_access and
    /// pt_reach, replacing the instance's own ÖPNV times.
    #[arg(long)]
    pt_matrix: Option<PathBuf>,
    /// Population scenario: also compute the front with the column population_<NAME> of
    /// municipalities.csv (e.g. 2035) and classify every proposal under it.
    #[arg(long, value_name = "NAME")]
    scenario: Option<String>,
    /// What-if: FUNCTION must be in TOWN (ids, or names ignoring case); repeatable; adds to
    /// locks.csv.
    #[arg(long, value_name = "FUNCTION=TOWN")]
    lock: Vec<String>,
    /// What-if: FUNCTION must not be in TOWN; repeatable.
    #[arg(long, value_name = "FUNCTION=TOWN")]
    forbid: Vec<String>,
}

/// The study these arguments ask for.
fn study_options(a: &ParetoArgs) -> StudyOptions {
    StudyOptions {
        catalogue: CatalogueOptions {
            extension: a.extension,
            localities: a.localities,
            all_towns: a.all_towns,
            matrix: a.matrix.clone(),
            matrix_options: a.matrix_read.options(),
            pt_matrix: a.pt_matrix.clone(),
            scenario: None,
        },
        scenario: a.scenario.clone(),
        lock: a.lock.clone(),
        forbid: a.forbid.clone(),
    }
}

/// The console table: the chosen objectives in natural units, each followed by its readable
/// value where that differs (mean minutes, %), and the scenario class with --scenario.
fn print_table(set: &ProposalSet, objectives: &[Objective]) {
    let mut header = format!("{:<12}", "proposal");
    for o in objectives {
        header += &format!(" {:>16}", o.name());
        if let Some(c) = o.readable_column() {
            header += &format!(" {c:>17}");
        }
    }
    if let Some(s) = &set.scenario {
        header += &format!(" {:>12}", s.name);
    }
    println!("{header}");
    for p in std::iter::once(&set.status_quo).chain(&set.proposals) {
        let mut row = format!("{:<12}", p.id);
        for o in objectives {
            row += &format!(" {:>16.1}", p.objectives[o.name()]);
            if o.readable_column().is_some() {
                row += &format!(" {:>17.2}", p.readable[o.name()].value);
            }
        }
        if let Some(e) = &p.scenario {
            row += &format!(" {:>12}", e.class);
        }
        println!("{row}");
    }
}

/// Runs `impuls pareto`.
pub fn run(a: ParetoArgs, quiet: bool) -> Result<i32> {
    let objectives = Objective::parse_list(&a.objectives)?;
    let study = Study::read(&a.instance, &objectives, &study_options(&a))?;
    let cat = &study.base;
    std::fs::create_dir_all(&a.out).map_err(|e| impuls::Error::io(&a.out, e))?;
    let spinner = (!quiet).then(|| {
        let s = ProgressBar::new_spinner();
        s.set_style(
            ProgressStyle::with_template("{spinner} {msg} {elapsed}").expect("valid template"),
        );
        s.enable_steady_tick(Duration::from_millis(200));
        s
    });
    // Points as they are found go to pareto.partial.csv, rewritten atomically by a background
    // thread (solver threads never wait for the disk), so an interrupted run keeps them even if
    // the final files are never written.
    let partial = a.out.join("pareto.partial.csv");
    let evaluated = pareto::objective::available(cat);
    let header = std::iter::once("n".to_string())
        .chain(evaluated.iter().map(|o| o.name().to_string()))
        .chain(std::iter::once("allocation".to_string()))
        .collect::<Vec<_>>()
        .join(",");
    let partial_csv = PartialCsv::new(partial.clone(), header);
    let on_point = |p: &Point| {
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
        let values: Vec<String> = evaluated
            .iter()
            .map(|&o| o.natural(pareto::objective::pick(&p.values, o)).to_string())
            .collect();
        let n = partial_csv.push(&format!("{},\"{}\"", values.join(","), alloc.join(" ")));
        if let Some(s) = &spinner {
            s.set_message(format!("{n} points found"));
        }
    };
    let pareto_options = ParetoOptions {
        time_limit: a.time_limit,
        max_points: a.max_points,
        slabs: None,
    };
    let set = std::thread::scope(|s| {
        s.spawn(|| partial_csv.write_until_finished());
        let set = study.run(&objectives, &pareto_options, &on_point);
        partial_csv.finish();
        set
    });
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
    let pairs = |option: &str, v: &[FunctionTown]| {
        v.iter()
            .map(|p| format!("{option} {}={}", p.function, p.town))
            .collect::<Vec<_>>()
    };
    let what_if = [
        pairs("--lock", &set.what_if.locks),
        pairs("--forbid", &set.what_if.forbids),
    ]
    .concat();
    if !what_if.is_empty() {
        println!("what-if (with locks.csv): {}", what_if.join(", "));
    }
    if let Some(s) = &set.scenario {
        println!(
            "scenario {}: {} inhabitants (base {}); scenario front {} points{} in {:.1} s; of {} proposals {} stay Pareto-optimal, {} within 1 %, {} outside; {} scenario proposals are not Pareto-optimal under the base population",
            s.name,
            s.population,
            s.base_population,
            s.front_size,
            if s.complete { "" } else { " (incomplete)" },
            s.seconds,
            set.proposals.len(),
            s.stays_optimal,
            s.within_1pct,
            s.outside,
            s.new_proposals.len()
        );
    }
    print_table(&set, &objectives);
    // exit 3: stopped early (time limit or Ctrl-C); a finished --max-points grid is a result
    Ok(
        if set.complete
            || a.max_points.is_some() && !set.stopped && !impuls::solve::interrupt::requested()
        {
            0
        } else {
            3
        },
    )
}
