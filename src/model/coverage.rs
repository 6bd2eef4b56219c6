//! Coverage sets shared by MCLP and LSCP: which sites cover each demand point within the radius,
//! with demand points of identical sets merged into one weighted group (exact: the models only
//! see a point through its set).

use crate::distance::rtree::{tree_radius, SiteTree};
use crate::distance::CandidateLists;
use crate::instance::Instance;
use rayon::prelude::*;
use std::collections::HashMap;

/// Demand points grouped by identical covering-site sets.
#[derive(Debug, Clone)]
pub struct CoverageGroups {
    /// Covering sites of each group, sorted by site index (may be empty: uncoverable).
    pub sets: Vec<Vec<u32>>,
    /// Total weight of each group.
    pub weights: Vec<f64>,
    /// Group of each demand point.
    pub group_of: Vec<usize>,
}

/// Demand points per block of [`CoverageGroups::within`]. Blocks are fixed by index, not by the
/// number of threads, so sums and group numbers come out the same on any machine.
const BLOCK: usize = 4096;

/// Groups of one block: sets in order of first occurrence, weights, group of each point.
struct Block {
    sets: Vec<Vec<u32>>,
    weights: Vec<f64>,
    of: Vec<u32>,
}

impl CoverageGroups {
    /// Groups the demand points of `lists` (built with `Scope::Within(radius)`).
    ///
    /// ```
    /// use impuls::distance::CandidateLists;
    /// use impuls::model::coverage::CoverageGroups;
    /// let lists = CandidateLists::from_lists(vec![vec![(1, 0.5), (0, 1.0)], vec![(0, 0.2), (1, 0.3)], vec![]], vec![None; 3]);
    /// let g = CoverageGroups::new(&lists, &[2.0, 3.0, 1.0]);
    /// assert_eq!(g.sets.len(), 2);
    /// assert_eq!(g.weights[g.group_of[0]], 5.0);
    /// ```
    pub fn new(lists: &CandidateLists, weights: &[f64]) -> Self {
        let mut index: HashMap<Vec<u32>, usize> = HashMap::new();
        let mut sets = Vec::new();
        let mut group_weights = Vec::new();
        let mut group_of = Vec::with_capacity(lists.len());
        for (i, &w) in weights.iter().enumerate().take(lists.len()) {
            let mut set: Vec<u32> = lists.list(i).iter().map(|x| x.0).collect();
            set.sort_unstable();
            let g = *index.entry(set).or_insert_with_key(|k| {
                sets.push(k.clone());
                group_weights.push(0.0);
                sets.len() - 1
            });
            group_weights[g] += w;
            group_of.push(g);
        }
        CoverageGroups {
            sets,
            weights: group_weights,
            group_of,
        }
    }

    /// Groups every demand point of `instance` by its sites within impedance `radius`, straight
    /// from R-tree queries (or the rows of an explicit matrix) without building candidate lists:
    /// blocks of points are grouped in parallel, then merged in block order. Groups are numbered
    /// by their first demand point, as in [`CoverageGroups::new`].
    ///
    /// ```
    /// use impuls::instance::{DemandPoint, Instance, Site, Crs, Impedance};
    /// use impuls::model::coverage::CoverageGroups;
    /// let p = |id: &str, x: f64, w: f64| DemandPoint { id: id.into(), name: None, x, y: 0.0, weight: w, load: None };
    /// let s = |id: &str, x: f64| Site { id: id.into(), name: None, x, y: 0.0, required: false, capacity: None, cost: None };
    /// let inst = Instance { name: "line".into(), source: String::new(), crs: Crs::Planar,
    ///     impedance: Impedance::euclidean(), demand: vec![p("a", 0.0, 2.0), p("b", 1.0, 3.0), p("c", 9.0, 1.0)],
    ///     sites: vec![s("s1", 0.5), s("s2", 2.0)], matrix: None };
    /// let g = CoverageGroups::within(&inst, 2.0);
    /// assert_eq!(g.sets, vec![vec![0, 1], vec![]]);
    /// assert_eq!(g.weights, vec![5.0, 1.0]);
    /// assert_eq!(g.group_of, vec![0, 0, 1]);
    /// ```
    pub fn within(instance: &Instance, radius: f64) -> Self {
        let n = instance.demand.len();
        let tree = instance.matrix.is_none().then(|| SiteTree::new(instance));
        let blocks: Vec<Block> = (0..n.div_ceil(BLOCK))
            .into_par_iter()
            .map(|b| {
                group_block(
                    instance,
                    tree.as_ref(),
                    radius,
                    b * BLOCK..n.min((b + 1) * BLOCK),
                )
            })
            .collect();
        let mut index: HashMap<Vec<u32>, usize> = HashMap::new();
        let mut sets = Vec::new();
        let mut weights: Vec<f64> = Vec::new();
        let mut group_of = Vec::with_capacity(n);
        for block in blocks {
            let global: Vec<usize> = block
                .sets
                .into_iter()
                .map(|set| {
                    *index.entry(set).or_insert_with_key(|k| {
                        sets.push(k.clone());
                        weights.push(0.0);
                        sets.len() - 1
                    })
                })
                .collect();
            for (g, w) in global.iter().zip(block.weights) {
                weights[*g] += w;
            }
            group_of.extend(block.of.iter().map(|&g| global[g as usize]));
        }
        CoverageGroups {
            sets,
            weights,
            group_of,
        }
    }

    /// Total number of (group, site) entries, the nonzeros of the coverage rows.
    ///
    /// ```
    /// use impuls::model::coverage::CoverageGroups;
    /// let g = CoverageGroups { sets: vec![vec![0, 1], vec![2]], weights: vec![1.0, 1.0], group_of: vec![0, 1] };
    /// assert_eq!(g.n_entries(), 3);
    /// ```
    pub fn n_entries(&self) -> usize {
        self.sets.iter().map(Vec::len).sum()
    }
}

/// Groups the demand points `range` by their covering sets.
fn group_block(
    instance: &Instance,
    tree: Option<&SiteTree>,
    radius: f64,
    range: std::ops::Range<usize>,
) -> Block {
    let mut index: HashMap<Vec<u32>, u32> = HashMap::new();
    let mut block = Block {
        sets: Vec::new(),
        weights: Vec::new(),
        of: Vec::with_capacity(range.len()),
    };
    let mut set = Vec::new();
    for i in range {
        covering_sites(instance, tree, i, radius, &mut set);
        let g = match index.get(set.as_slice()) {
            Some(&g) => g,
            None => {
                let g = block.sets.len() as u32;
                index.insert(set.clone(), g);
                block.sets.push(set.clone());
                block.weights.push(0.0);
                g
            }
        };
        block.weights[g as usize] += instance.demand[i].weight;
        block.of.push(g);
    }
    block
}

/// The sites within impedance `radius` of demand point `i`, by site index, into `out`.
fn covering_sites(
    instance: &Instance,
    tree: Option<&SiteTree>,
    i: usize,
    radius: f64,
    out: &mut Vec<u32>,
) {
    out.clear();
    match (&instance.matrix, tree) {
        (Some(matrix), _) => out.extend(
            matrix
                .row(i)
                .iter()
                .filter(|&&(_, d)| d <= radius)
                .map(|&(j, _)| j),
        ),
        (None, Some(tree)) => {
            let d = &instance.demand[i];
            let imp = &instance.impedance;
            let reach = tree_radius(imp.metric, radius / imp.scale(1.0));
            out.extend(tree.within(d.x, d.y, reach).filter(|&j| {
                instance
                    .impedance(i, j as usize)
                    .is_some_and(|v| v <= radius)
            }));
        }
        (None, None) => unreachable!("a tree is built for every instance without a matrix"),
    }
    out.sort_unstable();
}
