//! `impuls solve`.

use super::input::InputArgs;
use clap::Args;
use impuls::error::Result;
use impuls::model::decay::{Decay, DecayKind};
use impuls::model::{ModelKind, Problem};
use impuls::output;
use impuls::solve::{solve, Method, SolveOptions, Status};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::PathBuf;
use std::time::Duration;

/// Arguments of `impuls solve`.
#[derive(Debug, Args)]
pub struct SolveArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Model (docs/models.md). attendance, market-share and target-share are ArcGIS's
    /// Maximize Attendance, Maximize Market Share and Target Market Share.
    #[arg(long, value_enum)]
    model: ModelKind,
    /// Number of facilities (pmedian, pcenter, mclp, attendance, market-share); an OR-Library
    /// pmed file's own p when absent.
    #[arg(short)]
    p: Option<usize>,
    /// Coverage radius in impedance units (mclp, lscp).
    #[arg(long, allow_negative_numbers = true)]
    radius: Option<f64>,
    /// Impedance cutoff (ArcGIS "impedance cutoff"). pmedian: demand beyond it from every
    /// open site is unallocated and charged the cutoff; attendance (required): attendance falls
    /// to 0 at it; market-share/target-share: a facility beyond it draws nothing; mclp: the
    /// radius.
    #[arg(long, allow_negative_numbers = true)]
    cutoff: Option<f64>,
    /// Impedance transformation f (pmedian, attendance, market-share, target-share): linear
    /// f(d) = d, power f(d) = d^λ, exponential f(d) = e^(λ·d). Default linear.
    #[arg(long, value_enum)]
    decay: Option<DecayKind>,
    /// The transformation's parameter λ > 0 (power and exponential; linear has none).
    #[arg(long, allow_negative_numbers = true)]
    decay_param: Option<f64>,
    /// Share of the total demand weight to capture, in (0, 1] (target-share).
    #[arg(long, allow_negative_numbers = true)]
    target_share: Option<f64>,
    /// Time limit in seconds.
    #[arg(long)]
    time_limit: Option<f64>,
    /// Relative gap at which to stop (default 0: prove optimality).
    #[arg(long, default_value_t = 0.0)]
    gap: f64,
    /// HiGHS threads.
    #[arg(long, default_value_t = 1)]
    threads: usize,
    /// Print the result object as JSON on stdout.
    #[arg(long)]
    json: bool,
    /// Write the result JSON here.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Write assignments as CSV here.
    #[arg(long)]
    csv: Option<PathBuf>,
    /// Write the solution as GeoJSON here.
    #[arg(long)]
    geojson: Option<PathBuf>,
    /// Show HiGHS's log on stderr.
    #[arg(long)]
    log: bool,
    /// p-median and MCLP method: auto (Benders), compact (the MIP in HiGHS) or benders.
    #[arg(long, value_enum, default_value_t = Method::Auto)]
    method: Method,
    /// Refuse a model whose estimated peak memory exceeds this many GB (default: 80 % of the
    /// physical memory).
    #[arg(long)]
    max_memory: Option<f64>,
}

/// Runs `impuls solve`; exit code 0 with a verified solution, 2 when infeasible or nothing found.
pub fn run(a: SolveArgs, quiet: bool) -> Result<i32> {
    let (instance, stated_p) = a.input.load_with_p()?;
    let mut problem = Problem::new(a.model);
    problem.p = a.p.or(stated_p);
    problem.radius = a.radius;
    problem.cutoff = a.cutoff;
    problem.target_share = a.target_share;
    problem.decay = match (a.decay, a.decay_param) {
        (None, None) => None,
        (None, Some(_)) => {
            return Err(impuls::Error::Parameter(
                "--decay-param needs --decay power|exponential".into(),
            ))
        }
        (Some(DecayKind::Linear), None) => Some(Decay::linear()),
        (Some(kind @ (DecayKind::Power | DecayKind::Exponential)), None) => {
            return Err(impuls::Error::Parameter(format!(
                "--decay {} needs --decay-param λ",
                kind.name()
            )))
        }
        (Some(kind), Some(lambda)) => Some(Decay::new(kind, lambda)?),
    };
    if !(a.gap.is_finite() && a.gap >= 0.0) {
        return Err(impuls::Error::Parameter(format!(
            "--gap {} must be ≥ 0",
            a.gap
        )));
    }
    let mut options = SolveOptions {
        time_limit: a.time_limit,
        gap: a.gap,
        threads: a.threads.max(1),
        log: a.log,
        method: a.method,
        ..Default::default()
    };
    if let Some(gb) = a.max_memory {
        if !(gb.is_finite() && gb > 0.0) {
            return Err(impuls::Error::Parameter(format!(
                "--max-memory {gb} must be a positive number of GB"
            )));
        }
        options.max_memory = (gb * 1e9) as u64;
    }
    let spinner = (!quiet && !a.log).then(|| {
        let s = ProgressBar::new_spinner();
        s.set_style(
            ProgressStyle::with_template("{spinner} {msg} {elapsed}").expect("valid template"),
        );
        s.set_message(format!(
            "solving {} on {} ({} demand, {} sites)",
            a.model,
            instance.name,
            instance.demand.len(),
            instance.sites.len()
        ));
        s.enable_steady_tick(Duration::from_millis(200));
        s
    });
    let sol = solve(&instance, &problem, &options);
    if let Some(s) = spinner {
        s.finish_and_clear();
    }
    let sol = sol?;
    if let Some(path) = &a.out {
        output::write_atomic_with(path, |w| output::write_result_json(w, &instance, &sol))?;
    }
    if let Some(path) = &a.csv {
        output::write_atomic_with(path, |w| output::write_assignments_csv(w, &instance, &sol))?;
    }
    if let Some(path) = &a.geojson {
        output::write_atomic_with(path, |w| output::write_solution_geojson(w, &instance, &sol))?;
    }
    if a.json {
        let stdout = std::io::BufWriter::new(std::io::stdout().lock());
        output::write_result_json(stdout, &instance, &sol)
            .map_err(|e| impuls::Error::io(std::path::Path::new("<stdout>"), e))?;
        println!();
    } else {
        let fmt = |v: Option<f64>| v.map_or("-".to_string(), |x| format!("{x}"));
        println!("instance   {}", instance.name);
        println!("model      {}", sol.model);
        println!("status     {}", sol.status);
        println!("objective  {}", fmt(sol.objective));
        println!("bound      {}", fmt(sol.bound));
        println!(
            "gap        {}",
            sol.gap.map_or("-".into(), |g| format!("{:.6}%", g * 100.0))
        );
        if let Some(share) = sol.share {
            println!("share      {share}");
        }
        if let Some(w) = sol.unallocated {
            println!("unallocated {w}");
        }
        println!("seconds    {:.3}", sol.seconds);
        println!("verified   {}", sol.verified);
        let names: Vec<&str> = sol.open.iter().map(|&j| instance.site_label(j)).collect();
        // padded like the labels above, also for 10 or more open sites
        let label = format!("open ({})", names.len());
        println!("{label:<10} {}", names.join(", "));
    }
    Ok(match sol.status {
        Status::Infeasible => {
            eprintln!("infeasible: the model has no feasible solution");
            2
        }
        _ if sol.objective.is_none() => {
            eprintln!("no feasible solution found within the limits");
            2
        }
        _ => 0,
    })
}
