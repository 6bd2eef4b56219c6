//! Coverage sets shared by MCLP and LSCP: which sites cover each demand point within the radius,
//! with demand points of identical sets merged into one weighted group (exact: the models only
//! see a point through its set).

use crate::distance::rtree::{tree_radius, SiteTree};
use crate::distance::CandidateLists;
use crate::instance::Instance;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

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

/// Distinct covering sets numbered in order of first appearance, with their summed weights.
#[derive(Default)]
struct SetTable {
    index: FxHashMap<Vec<u32>, usize>,
    sets: Vec<Vec<u32>>,
    weights: Vec<f64>,
}

impl SetTable {
    /// Adds weight `w` to the group of `set` (sorted), numbering the set if it is new.
    fn add(&mut self, set: &[u32], w: f64) -> usize {
        let g = match self.index.get(set) {
            Some(&g) => g,
            None => {
                let g = self.sets.len();
                self.index.insert(set.to_vec(), g);
                self.sets.push(set.to_vec());
                self.weights.push(0.0);
                g
            }
        };
        self.weights[g] += w;
        g
    }
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
        let mut table = SetTable::default();
        let mut group_of = Vec::with_capacity(lists.len());
        for (i, &w) in weights.iter().enumerate().take(lists.len()) {
            let mut set: Vec<u32> = lists.list(i).iter().map(|x| x.0).collect();
            set.sort_unstable();
            group_of.push(table.add(&set, w));
        }
        CoverageGroups {
            sets: table.sets,
            weights: table.weights,
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
    /// let s = |id: &str, x: f64| Site { id: id.into(), name: None, x, y: 0.0, required: false, capacity: None, cost: None, ..Default::default() };
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
        let mut table = SetTable::default();
        let mut group_of = Vec::with_capacity(n);
        for block in blocks {
            let global: Vec<usize> = block
                .sets
                .iter()
                .zip(block.weights)
                .map(|(set, w)| table.add(set, w))
                .collect();
            group_of.extend(block.of.iter().map(|&g| global[g as usize]));
        }
        CoverageGroups {
            sets: table.sets,
            weights: table.weights,
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
    let mut table = SetTable::default();
    let mut of = Vec::with_capacity(range.len());
    let mut set = Vec::new();
    for i in range {
        covering_sites(instance, tree, i, radius, &mut set);
        of.push(table.add(&set, instance.demand[i].weight) as u32);
    }
    // the block's index is dropped here: only the merge's index lives on
    Block {
        sets: table.sets,
        weights: table.weights,
        of,
    }
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
