//! Coverage sets shared by MCLP and LSCP: which sites cover each demand point within the radius,
//! with demand points of identical sets merged into one weighted group (exact: the models only
//! see a point through its set).

use crate::distance::CandidateLists;
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
}
