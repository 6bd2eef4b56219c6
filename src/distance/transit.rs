//! Public-transport (ÖPNV) journey times on a small network: rail links with their timetable
//! minutes between stations, bus or walking legs at a straight-line rate for the rest.
//!
//! A journey from an origin to a destination either goes by one bus (or on foot) directly, or
//! takes a bus (or walks) to a station, rides the rail network to another station (shortest
//! path over the links, petgraph's Dijkstra) and takes a bus (or walks) to the destination.
//! Every bus leg costs a boarding time plus minutes per crow-fly kilometre; entering the rail
//! network costs one rail boarding time (changes between trains are not charged: the sourced
//! links are too few to know the lines); every journey adds a constant for walking to the first
//! stop and from the last one. The math is in docs/models.md ("Travel times").

use crate::distance::graph::all_pairs_shortest_paths;
use crate::distance::metric;
use crate::instance::Metric;

/// The parameters of a journey time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TransitParams {
    /// Minutes added to every journey (walk to the first stop, from the last, waiting).
    pub access_min: f64,
    /// Bus minutes per crow-fly kilometre.
    pub bus_min_per_km: f64,
    /// Minutes per bus boarding (waiting, stop time).
    pub bus_boarding_min: f64,
    /// Minutes for entering the rail network (waiting at the station).
    pub rail_boarding_min: f64,
    /// Walking minutes per crow-fly kilometre (a leg is walked when that is quicker).
    pub walk_min_per_km: f64,
}

impl TransitParams {
    /// One bus or walking leg of `km` crow-fly kilometres.
    fn leg(&self, km: f64) -> f64 {
        (self.walk_min_per_km * km).min(self.bus_boarding_min + self.bus_min_per_km * km)
    }
}

/// A rail network: stations (lon, lat) and the shortest ride minutes between every two.
#[derive(Debug, Clone)]
pub struct RailNetwork {
    stations: Vec<(f64, f64)>,
    /// Row-major `n × n` ride minutes (infinite where no rail path exists).
    ride: Vec<f64>,
}

impl RailNetwork {
    /// A network of `stations` (lon, lat) and undirected `links` (station, station, minutes).
    ///
    /// ```
    /// use impuls::distance::transit::RailNetwork;
    /// let net = RailNetwork::new(vec![(11.0, 51.9), (11.1, 51.8), (10.8, 51.8)], &[(0, 1, 20.0), (0, 2, 25.0)]);
    /// assert_eq!(net.ride(1, 2), 45.0); // via the first station
    /// ```
    pub fn new(stations: Vec<(f64, f64)>, links: &[(usize, usize, f64)]) -> Self {
        let ride = all_pairs_shortest_paths(stations.len(), links);
        RailNetwork { stations, ride }
    }

    /// Ride minutes between two stations (infinite when they are not connected).
    pub fn ride(&self, a: usize, b: usize) -> f64 {
        self.ride[a * self.stations.len() + b]
    }

    /// Straight-line kilometres from every origin and every station to every destination, and
    /// from every origin to every station: everything a journey time needs but the parameters,
    /// so that many parameter sets (a calibration grid) are evaluated cheaply.
    pub fn tables(&self, origins: &[(f64, f64)], destinations: &[(f64, f64)]) -> TransitTables {
        let km = |a: (f64, f64), b: (f64, f64)| metric::distance(Metric::Haversine, a, b);
        let cross = |from: &[(f64, f64)], to: &[(f64, f64)]| -> Vec<Vec<f64>> {
            from.iter()
                .map(|&a| to.iter().map(|&b| km(a, b)).collect())
                .collect()
        };
        TransitTables {
            origin_destination: cross(origins, destinations),
            origin_station: cross(origins, &self.stations),
            station_destination: cross(&self.stations, destinations),
            network: self.clone(),
        }
    }
}

/// The distances of a set of origins and destinations to each other and to a rail network.
#[derive(Debug, Clone)]
pub struct TransitTables {
    origin_destination: Vec<Vec<f64>>,
    origin_station: Vec<Vec<f64>>,
    station_destination: Vec<Vec<f64>>,
    network: RailNetwork,
}

impl TransitTables {
    /// Journey minutes from every origin to every destination (origin-major).
    ///
    /// ```
    /// use impuls::distance::transit::{RailNetwork, TransitParams};
    /// let net = RailNetwork::new(vec![(11.0, 51.9), (11.0, 51.0)], &[(0, 1, 60.0)]);
    /// let p = TransitParams { access_min: 5.0, bus_min_per_km: 2.0, bus_boarding_min: 10.0,
    ///                         rail_boarding_min: 8.0, walk_min_per_km: 15.0 };
    /// // from the first station to the second (100 km): the train beats the bus
    /// let t = net.tables(&[(11.0, 51.9)], &[(11.0, 51.0)]).minutes(&p);
    /// assert!((t[0][0] - (5.0 + 8.0 + 60.0)).abs() < 1e-9);
    /// ```
    pub fn minutes(&self, p: &TransitParams) -> Vec<Vec<f64>> {
        let n = self.network.stations.len();
        let exit: Vec<Vec<f64>> = self
            .station_destination
            .iter()
            .map(|row| row.iter().map(|&km| p.leg(km)).collect())
            .collect();
        let mut out = Vec::with_capacity(self.origin_destination.len());
        let mut on_rail = vec![f64::INFINITY; n];
        for (o, direct) in self.origin_destination.iter().enumerate() {
            // best time to be at each station on the network: a leg to some station, then ride
            let enter: Vec<f64> = self.origin_station[o].iter().map(|&km| p.leg(km)).collect();
            for (u, best) in on_rail.iter_mut().enumerate() {
                *best = (0..n)
                    .map(|s| enter[s] + self.network.ride(s, u))
                    .fold(f64::INFINITY, f64::min);
            }
            let row = direct
                .iter()
                .enumerate()
                .map(|(c, &km)| {
                    let via_rail = (0..n)
                        .map(|u| on_rail[u] + exit[u][c])
                        .fold(f64::INFINITY, f64::min)
                        + p.rail_boarding_min;
                    p.access_min + p.leg(km).min(via_rail)
                })
                .collect();
            out.push(row);
        }
        out
    }
}
