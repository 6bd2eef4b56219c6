//! Pseudo-cost branching for the Benders tree ([`super::benders`]).
//!
//! Most-fractional branching ignores how much a site matters: a y at 0.5 whose branches both
//! leave the bound where it was splits the node for nothing. A *pseudo-cost* is the average
//! bound gain per unit of fractionality seen so far when a site was branched down (`y_j = 0`,
//! gain divided by `y_j`) or up (`y_j = 1`, divided by `1 − y_j`); the site with the largest
//! product of its estimated down and up gains is branched on (Achterberg, Koch & Martin,
//! "Branching rules revisited", 2005), so both children tend to close quickly. A site never
//! branched on yet borrows the average over the sites that were; before any observation all
//! estimates are equal and the rule is most-fractional. The search stays deterministic: the
//! costs depend only on the order the nodes are solved in, and ties go to the smaller index.

/// Per-site observed bound gains of the down (index 0) and up (index 1) branches.
pub(super) struct PseudoCosts {
    sum: [Vec<f64>; 2],
    count: [Vec<u32>; 2],
}

/// A branching decision remembered by a child until its LP is solved.
#[derive(Clone, Copy)]
pub(super) struct Branched {
    /// The site.
    pub site: u32,
    /// Up (`y = 1`) or down.
    pub up: bool,
    /// Distance of the parent's `y` from the child's value (`y` down, `1 − y` up).
    pub distance: f64,
    /// The parent's LP value.
    pub parent: f64,
}

/// Smallest estimate in the product score, so that a zero gain on one side still ranks the
/// other side.
const EPS: f64 = 1e-6;

impl PseudoCosts {
    pub(super) fn new(m: usize) -> Self {
        Self {
            sum: [vec![0.0; m], vec![0.0; m]],
            count: [vec![0; m], vec![0; m]],
        }
    }

    /// Records the LP value `value` of a child made by `b` (the bound it reached when pruned).
    pub(super) fn record(&mut self, b: Branched, value: f64) {
        if b.distance <= 1e-9 || !value.is_finite() {
            return;
        }
        let (d, j) = (usize::from(b.up), b.site as usize);
        self.sum[d][j] += (value - b.parent).max(0.0) / b.distance;
        self.count[d][j] += 1;
    }

    /// Average per-unit gain over the sites observed in direction `d` (1 before any).
    fn average(&self, d: usize) -> f64 {
        let (s, n) = self.sum[d]
            .iter()
            .zip(&self.count[d])
            .filter(|(_, &c)| c > 0)
            .fold((0.0, 0u32), |(s, n), (&v, &c)| {
                (s + v / f64::from(c), n + 1)
            });
        if n == 0 {
            1.0
        } else {
            s / f64::from(n)
        }
    }

    /// Whether site `j` has at least `min` observations in both directions.
    pub(super) fn reliable(&self, j: usize, min: u32) -> bool {
        self.count[0][j] >= min && self.count[1][j] >= min
    }

    /// The free fractional sites with their estimated scores (the product of the down and up
    /// gains), best first (ties to the smaller index); empty when `y` is integral on the free
    /// sites.
    pub(super) fn ranked(&self, y: &[f64], lower: &[f64], upper: &[f64]) -> Vec<(usize, f64)> {
        let avg = [self.average(0), self.average(1)];
        let estimate = |d: usize, j: usize| match self.count[d][j] {
            0 => avg[d],
            c => self.sum[d][j] / f64::from(c),
        };
        let mut out: Vec<(usize, f64)> = (0..y.len())
            .filter(|&j| upper[j] > lower[j] && (y[j] - 0.5).abs() < 0.5 - 1e-6)
            .map(|j| {
                (
                    j,
                    score(y[j] * estimate(0, j), (1.0 - y[j]) * estimate(1, j)),
                )
            })
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }

    /// The free fractional site with the largest product of estimated down and up gains, or
    /// `None` when `y` is integral on the free sites.
    #[cfg(test)]
    fn choose(&self, y: &[f64], lower: &[f64], upper: &[f64]) -> Option<usize> {
        self.ranked(y, lower, upper).first().map(|&(j, _)| j)
    }
}

/// The branching score of a site whose down and up children gain `down` and `up` over the
/// parent's bound.
pub(super) fn score(down: f64, up: f64) -> f64 {
    down.max(EPS) * up.max(EPS)
}

#[cfg(test)]
mod tests {
    use super::{Branched, PseudoCosts};

    #[test]
    fn without_history_the_most_fractional_site_is_chosen() {
        let pc = PseudoCosts::new(3);
        assert_eq!(pc.choose(&[0.2, 0.5, 0.5], &[0.0; 3], &[1.0; 3]), Some(1));
        assert_eq!(pc.choose(&[0.0, 1.0, 0.0], &[0.0; 3], &[1.0; 3]), None);
    }

    #[test]
    fn a_site_with_large_gains_wins() {
        let mut pc = PseudoCosts::new(3);
        for (site, up) in [(0, false), (0, true), (1, false), (1, true)] {
            let gain = if site == 0 { 10.0 } else { 0.1 };
            let b = Branched {
                site,
                up,
                distance: 0.5,
                parent: 100.0,
            };
            pc.record(b, 100.0 + gain * 0.5);
        }
        assert_eq!(pc.choose(&[0.3, 0.5, 0.0], &[0.0; 3], &[1.0; 3]), Some(0));
    }
}
