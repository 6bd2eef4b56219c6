//! `impuls calibrate`: the travel-time models of a catalogue directory against the official
//! times they were calibrated to.

use clap::Args;
use impuls::error::{Error, Result};
use impuls::instance::calibration::{car, pt, CalibrationData, Fit};
use impuls::instance::impedance::{self, CarModel};
use std::path::PathBuf;

/// Arguments of `impuls calibrate`.
#[derive(Debug, Args)]
pub struct CalibrateArgs {
    /// Catalogue directory with calibration.csv, central_places.csv and impedance.csv, e.g.
    /// instances/harz.
    instance: PathBuf,
    /// Also fit the parameters anew from the targets and print them (what impedance.csv
    /// should hold).
    #[arg(long)]
    refit: bool,
}

fn table<P>(fit: &Fit<P>) {
    println!(
        "  {:<9} {:<30} {:>8} {:>8} {:>8} {:>8}",
        "ags", "municipality", "official", "own", "model", "residual"
    );
    for r in &fit.rows {
        println!(
            "  {:<9} {:<30} {:>8.2} {:>8.2} {:>8.2} {:>+8.2}",
            r.ags,
            r.name.chars().take(30).collect::<String>(),
            r.official,
            r.municipality,
            r.model,
            r.residual()
        );
    }
    println!(
        "  RMSE {:.2} min over {} municipalities, {:.2} over {} Gemeindeverbände \
         (model = population-weighted mean of the Gemeindeverband, own = the municipality)",
        fit.rmse_rows,
        fit.rows.len(),
        fit.rmse_groups,
        fit.groups
    );
    for q in &fit.pairs {
        println!(
            "  {:<40} {:>6.1} km {:>6.1} official {:>6.1} model {:>+6.1}{}",
            q.route,
            q.km,
            q.official,
            q.model,
            q.model - q.official,
            if q.fit { "" } else { "  (check only)" }
        );
    }
}

/// Runs `impuls calibrate`.
pub fn run(a: CalibrateArgs) -> Result<i32> {
    let data = CalibrationData::read(&a.instance)?;
    let models = impedance::read(&a.instance)?;
    let file = a.instance.join("impedance.csv");
    let CarModel::Calibrated(params) = models.car else {
        return Err(Error::input(
            &file,
            "rows",
            "the car model is linear (detour_factor, speed_kmh); calibrate needs car_min_per_km, \
             car_exponent and car_access_min_per_sqrt_km2",
        ));
    };
    println!(
        "car (impedance.csv): minutes = {} × km^{} + {} × √(area km²)",
        params.min_per_km, params.exponent, params.access_min_per_sqrt_km2
    );
    table(&car::evaluate(&data, &params));
    if a.refit {
        let f = car::fit(&data);
        println!(
            "  refit: car_min_per_km {:.4}, car_exponent {:.3}, car_access_min_per_sqrt_km2 {:.4} \
             (RMSE {:.2} / {:.2})",
            f.params.min_per_km,
            f.params.exponent,
            f.params.access_min_per_sqrt_km2,
            f.rmse_rows,
            f.rmse_groups
        );
    }
    let Some(ptm) = models.pt else {
        println!("public transport: impedance.csv defines no pt_* parameters");
        return Ok(0);
    };
    let (_, network) = impedance::read_network(&a.instance, ptm.rail_min_per_km)?;
    let p = ptm.params;
    println!(
        "public transport (impedance.csv): access {} min, bus {} min/km + {} min boarding, \
         rail boarding {} min, walk {} min/km",
        p.access_min, p.bus_min_per_km, p.bus_boarding_min, p.rail_boarding_min, p.walk_min_per_km
    );
    table(&pt::evaluate(&data, &network, &p));
    if a.refit {
        let f = pt::fit(&data, &network, p.walk_min_per_km);
        println!(
            "  refit: pt_access_min {:.2}, pt_bus_min_per_km {:.2}, pt_bus_boarding_min {:.2}, \
             pt_rail_boarding_min {:.2} (RMSE {:.2} / {:.2})",
            f.params.access_min,
            f.params.bus_min_per_km,
            f.params.bus_boarding_min,
            f.params.rail_boarding_min,
            f.rmse_rows,
            f.rmse_groups
        );
    }
    Ok(0)
}
