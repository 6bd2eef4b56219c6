//! The VNS worker for a small `p` on a large instance: the shakes of [`super::vns`], descents
//! with the incrementally kept tables of [`super::fast_swap`].

use super::fast_swap::FastSwapper;
use super::swap::{Interchange, SearchSpace};
use super::vns::{shake_and_descend, VnsOptions};

/// One worker's VNS from `start` with its own generator; returns the cost and open sites of
/// the best solution.
pub(crate) fn worker(
    space: &SearchSpace,
    start: &[usize],
    options: &VnsOptions,
    seed: u64,
) -> (f64, Vec<usize>) {
    let mut s = FastSwapper::new(space, start);
    s.deadline = options.deadline;
    s.local_search(u64::MAX);
    shake_and_descend(space, s, options, seed)
}
