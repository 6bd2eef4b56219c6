//! Shortest-path impedances on a weighted undirected graph (OR-Library pmed instances).

use petgraph::algo::dijkstra;
use petgraph::graph::{NodeIndex, UnGraph};
use rayon::prelude::*;

/// All-pairs shortest path lengths of an undirected graph with `n` vertices and non-negative
/// edge costs, as a dense row-major `n × n` table (`f64::INFINITY` where unreachable).
/// One Dijkstra per source, the sources spread over rayon's threads.
///
/// ```
/// use impuls::distance::graph::all_pairs_shortest_paths;
/// let d = all_pairs_shortest_paths(3, &[(0, 1, 2.0), (1, 2, 3.0), (0, 2, 10.0)]);
/// assert_eq!(d[0 * 3 + 2], 5.0);
/// assert_eq!(d[2 * 3 + 0], 5.0);
/// ```
pub fn all_pairs_shortest_paths(n: usize, edges: &[(usize, usize, f64)]) -> Vec<f64> {
    let mut graph: UnGraph<(), f64> = UnGraph::with_capacity(n, edges.len());
    for _ in 0..n {
        graph.add_node(());
    }
    for &(a, b, c) in edges {
        graph.add_edge(NodeIndex::new(a), NodeIndex::new(b), c);
    }
    let rows: Vec<Vec<f64>> = (0..n)
        .into_par_iter()
        .map(|s| {
            let mut row = vec![f64::INFINITY; n];
            for (node, cost) in dijkstra(&graph, NodeIndex::new(s), None, |e| *e.weight()) {
                row[node.index()] = cost;
            }
            row
        })
        .collect();
    rows.concat()
}
