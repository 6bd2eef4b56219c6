//! `impuls info`.

use super::input::InputArgs;
use clap::Args;
use impuls::distance::candidates::nearest_sites;
use impuls::error::Result;

/// Arguments of `impuls info`.
#[derive(Debug, Args)]
pub struct InfoArgs {
    #[command(flatten)]
    input: InputArgs,
}

/// Prints the summary.
pub fn run(a: InfoArgs) -> Result<i32> {
    let inst = a.input.load()?;
    let (mut x0, mut y0, mut x1, mut y1) = (
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    );
    for (x, y) in inst
        .demand
        .iter()
        .map(|d| (d.x, d.y))
        .chain(inst.sites.iter().map(|s| (s.x, s.y)))
    {
        x0 = x0.min(x);
        y0 = y0.min(y);
        x1 = x1.max(x);
        y1 = y1.max(y);
    }
    let unit = if inst.matrix.is_some() {
        "units (matrix)"
    } else {
        inst.impedance.unit()
    };
    println!("instance        {}", inst.name);
    println!("source          {}", inst.source);
    println!("crs             {}", spelling(&inst.crs));
    match &inst.matrix {
        Some(m) => println!("impedance       explicit matrix, {} pairs", m.n_pairs()),
        None => println!(
            "impedance       {} × detour {}{}",
            spelling(&inst.impedance.metric),
            inst.impedance.detour,
            inst.impedance
                .speed_kmh
                .map_or(String::new(), |v| format!(" ÷ {v} km/h (minutes)"))
        ),
    }
    println!("demand points   {}", inst.demand.len());
    println!("total weight    {}", inst.total_weight());
    println!(
        "sites           {} ({} required)",
        inst.sites.len(),
        inst.required_sites().len()
    );
    if inst.is_capacitated() {
        let cap: f64 = inst.sites.iter().filter_map(|s| s.capacity).sum();
        println!("capacity        {cap} total, load {}", inst.total_load());
    }
    println!("bounding box    x {x0} … {x1}, y {y0} … {y1}");
    // nearest-site statistics from the R-tree (no dense matrix)
    let mut d: Vec<f64> = nearest_sites(&inst)
        .into_iter()
        .filter_map(|x| x.map(|(_, d)| d))
        .collect();
    d.sort_by(f64::total_cmp);
    if !d.is_empty() {
        let mean = d.iter().sum::<f64>() / d.len() as f64;
        println!(
            "nearest site    min {:.3}, median {:.3}, mean {:.3}, max {:.3} {unit}",
            d[0],
            d[d.len() / 2],
            mean,
            d[d.len() - 1]
        );
        println!("                (max = smallest radius at which every point is coverable)");
    }
    Ok(0)
}

/// A value as `--crs`/`--distance` and the JSON formats spell it (`wgs84`, `haversine`), not
/// as Rust's `Debug` does (`Wgs84`).
fn spelling<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::from("?"),
    }
}
