//! R-tree over candidate sites (rstar) for k-nearest and within-radius queries.
//!
//! Planar sites are indexed as (x, y, 0). Geographic sites are indexed as 3-D unit vectors:
//! the chord between two unit vectors grows monotonically with the great-circle angle, so
//! Euclidean nearest-neighbour order in the tree is great-circle order (degrees in a planar tree
//! would not be: a degree of longitude shrinks with latitude).

use crate::instance::{Crs, Instance, Metric};
use rstar::primitives::GeomWithData;
use rstar::RTree;

type Entry = GeomWithData<[f64; 3], u32>;

/// Mean Earth radius used by geo's `Haversine`, km.
const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Ellipsoidal distances differ from spherical ones by well under 1 %: the slack used when a
/// geodesic radius or lower bound is derived from the spherical tree.
const GEODESIC_SLACK: f64 = 0.01;

/// An R-tree over an instance's sites, in the space described in the module docs.
pub struct SiteTree {
    tree: RTree<Entry>,
    crs: Crs,
}

impl SiteTree {
    /// Bulk-loads all sites of `instance`.
    pub fn new(instance: &Instance) -> Self {
        let entries = instance
            .sites
            .iter()
            .enumerate()
            .map(|(j, s)| GeomWithData::new(embed(instance.crs, s.x, s.y), j as u32))
            .collect();
        SiteTree {
            tree: RTree::bulk_load(entries),
            crs: instance.crs,
        }
    }

    /// Site indices in order of increasing tree distance from (x, y).
    pub fn nearest(&self, x: f64, y: f64) -> impl Iterator<Item = u32> + '_ {
        self.tree
            .nearest_neighbor_iter(&embed(self.crs, x, y))
            .map(|e| e.data)
    }

    /// Site indices whose tree distance from (x, y) is at most `tree_radius`.
    pub fn within(&self, x: f64, y: f64, tree_radius: f64) -> impl Iterator<Item = u32> + '_ {
        self.tree
            .locate_within_distance(embed(self.crs, x, y), tree_radius * tree_radius)
            .map(|e| e.data)
    }
}

/// Maps a coordinate into the tree's space.
fn embed(crs: Crs, x: f64, y: f64) -> [f64; 3] {
    match crs {
        Crs::Planar => [x, y, 0.0],
        Crs::Wgs84 => {
            let (lon, lat) = (x.to_radians(), y.to_radians());
            [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
        }
    }
}

/// A tree radius that contains every point whose metric distance is ≤ `metric_radius`
/// (conservative: callers filter by the true impedance afterwards).
pub fn tree_radius(metric: Metric, metric_radius: f64) -> f64 {
    match metric {
        Metric::Euclidean => metric_radius,
        // floor(d) ≤ r  ⇔  d < floor(r) + 1
        Metric::Floor => metric_radius.floor() + 1.0,
        Metric::Haversine | Metric::Geodesic => {
            let km = match metric {
                Metric::Geodesic => metric_radius * (1.0 + GEODESIC_SLACK),
                _ => metric_radius,
            };
            let angle = (km / EARTH_RADIUS_KM).min(std::f64::consts::PI);
            2.0 * (angle / 2.0).sin() * (1.0 + 1e-12)
        }
    }
}

/// A lower bound on the metric distance of any point at tree distance ≥ `tree_distance`.
pub fn metric_lower_bound(metric: Metric, tree_distance: f64) -> f64 {
    match metric {
        Metric::Euclidean => tree_distance,
        Metric::Floor => tree_distance.floor(),
        Metric::Haversine | Metric::Geodesic => {
            let angle = 2.0 * (tree_distance / 2.0).clamp(0.0, 1.0).asin();
            let km = angle * EARTH_RADIUS_KM;
            match metric {
                Metric::Geodesic => km * (1.0 - GEODESIC_SLACK),
                _ => km * (1.0 - 1e-12),
            }
        }
    }
}

/// Tree distance between two coordinates (used with [`metric_lower_bound`]).
pub fn tree_distance(crs: Crs, a: (f64, f64), b: (f64, f64)) -> f64 {
    let (p, q) = (embed(crs, a.0, a.1), embed(crs, b.0, b.1));
    ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2) + (p[2] - q[2]).powi(2)).sqrt()
}
