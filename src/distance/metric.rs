//! Straight-line metrics. The metric is a value ([`Metric`]), as in georust/geo.

use crate::instance::Metric;
use geo::{Distance, Geodesic, Haversine, Point};

/// Distance between two points under `metric`. Planar metrics read (x, y); the wgs84 metrics
/// read (longitude, latitude) in degrees and return kilometres.
///
/// ```
/// use impuls::{distance::metric::distance, instance::Metric};
/// assert_eq!(distance(Metric::Euclidean, (0.0, 0.0), (3.0, 4.0)), 5.0);
/// assert_eq!(distance(Metric::Floor, (0.0, 0.0), (1.0, 1.0)), 1.0);
/// let km = distance(Metric::Haversine, (11.05622, 51.89562), (10.78216, 51.83652));
/// assert!((km - 19.9).abs() < 0.5); // Halberstadt – Wernigerode
/// ```
pub fn distance(metric: Metric, a: (f64, f64), b: (f64, f64)) -> f64 {
    match metric {
        Metric::Euclidean => (a.0 - b.0).hypot(a.1 - b.1),
        Metric::Floor => (a.0 - b.0).hypot(a.1 - b.1).floor(),
        Metric::Haversine => {
            Haversine.distance(Point::new(a.0, a.1), Point::new(b.0, b.1)) / 1000.0
        }
        Metric::Geodesic => Geodesic.distance(Point::new(a.0, a.1), Point::new(b.0, b.1)) / 1000.0,
    }
}

/// Whether a metric expects wgs84 longitude/latitude.
pub fn is_geographic(metric: Metric) -> bool {
    matches!(metric, Metric::Haversine | Metric::Geodesic)
}
