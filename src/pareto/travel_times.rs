//! What the travel times of a proposal set are: model or matrix per mode, and for the
//! instance's calibrated models their error against the official times the instance was
//! calibrated to, recomputed from its calibration files (the numbers the report's footnote
//! quotes, never copied from a README).

use super::proposal::{ModeTimes, TravelTimes};
use crate::error::Result;
use crate::instance::calibration::{car, pt, CalibrationData};
use crate::instance::catalogue::{Catalogue, TimesSource};
use crate::instance::impedance::{self, CarModel};
use std::path::Path;

/// The travel times of `cat`: sources, the models' RMSE against `calibration.csv` (when the
/// catalogue directory has one and the times come from its calibrated models) and the README
/// section that documents the calibration.
///
/// ```
/// use impuls::instance::catalogue::{read, CatalogueOptions};
/// let cat = read("instances/harz".as_ref(), &CatalogueOptions::default()).unwrap();
/// let t = impuls::pareto::travel_times::describe(&cat).unwrap();
/// let pt = t.pt.unwrap();
/// assert_eq!(pt.source, "model");
/// assert!(pt.rmse_min.unwrap() > 1.0 && pt.rmse_min.unwrap() < 6.0);
/// assert!(t.documentation.unwrap().ends_with("README.md#travel-times-impedancecsv-and-its-calibration"));
/// ```
pub fn describe(cat: &Catalogue) -> Result<TravelTimes> {
    let data = if cat.dir.join("calibration.csv").is_file() {
        Some(CalibrationData::read(&cat.dir)?)
    } else {
        None
    };
    let models = cat.impedance.as_ref();
    let car_rmse = match (&data, models.map(|m| &m.car), cat.car_source) {
        (Some(d), Some(CarModel::Calibrated(p)), TimesSource::Model) => {
            Some(car::evaluate(d, p).rmse_rows)
        }
        _ => None,
    };
    let pt_rmse = match (&data, models.and_then(|m| m.pt.as_ref()), cat.pt_source) {
        (Some(d), Some(model), Some(TimesSource::Model)) => {
            let (_, network) = impedance::read_network(&cat.dir, model.rail_min_per_km)?;
            Some(pt::evaluate(d, &network, &model.params).rmse_rows)
        }
        _ => None,
    };
    let targets = data.as_ref().map_or(0, |d| d.targets.len());
    let mode = |source: TimesSource, rmse_min: Option<f64>| ModeTimes {
        source: match source {
            TimesSource::Model => "model",
            TimesSource::Matrix => "matrix",
        }
        .into(),
        rmse_min,
        targets: if rmse_min.is_some() { targets } else { 0 },
    };
    Ok(TravelTimes {
        car: mode(cat.car_source, car_rmse),
        pt: cat.pt_source.map(|s| mode(s, pt_rmse)),
        documentation: calibration_section(&cat.dir.join("README.md")),
    })
}

/// `README.md#anchor` of the first heading of `readme` that mentions the calibration.
fn calibration_section(readme: &Path) -> Option<String> {
    let text = std::fs::read_to_string(readme).ok()?;
    let heading = text
        .lines()
        .filter_map(|l| l.strip_prefix('#'))
        .map(|l| l.trim_start_matches('#').trim())
        .find(|h| h.to_lowercase().contains("calibration"))?;
    Some(format!("{}#{}", readme.display(), anchor(heading)))
}

/// The anchor a Markdown renderer (GitHub's rule) gives a heading: lower case, punctuation
/// dropped, spaces as hyphens.
///
/// ```
/// use impuls::pareto::travel_times::anchor;
/// assert_eq!(anchor("Travel times: `impedance.csv` and its calibration"), "travel-times-impedancecsv-and-its-calibration");
/// assert_eq!(anchor("Bevölkerung 2035"), "bevölkerung-2035");
/// ```
pub fn anchor(heading: &str) -> String {
    heading
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}
