//! Pareto-optimal choice among the Benders cuts of one demand point (Magnanti & Wong 1981,
//! with a core point as in Papadakos 2008).
//!
//! At a point `y` the cuts of levels `k` and `k + 1` differ by
//! `(Dᵏ⁺¹ − Dᵏ)(1 − Sₖ(y))`, where `Sₖ(y) = Σ_{d_ij ≤ Dᵏ} y_j`. [`Client::separate`](super)
//! returns the smallest level `kᵢ` with `S ≥ 1`; when `S_{kᵢ}(y) = 1` and the sites of the
//! next levels are closed in `y` (common: an LP vertex has most `y_j` at 0, a 0/1 point all
//! but p), every level up to the first one with an open site gives the same value at `y`.
//! These cuts are all tight, but the higher ones also charge the closed sites between
//! (coefficient `Dᵏ − d_ij > 0`), so they stay tight when the LP moves weight onto those
//! sites. The weakest of them, `kᵢ`, lets the next LP do exactly that, and the root needs
//! round after round to put the charges back.
//!
//! Among the tight levels the one with the largest value at a *core point* `y°` (in the
//! relative interior of the hull of the feasible `y`) is not dominated by any other cut of
//! that point (Magnanti–Wong). With the uniform core point `y°_j = p/m` the value rises from
//! level `k` to `k + 1` as long as `Sₖ(y°) < 1`, i.e. while the cut covers fewer than `m/p`
//! sites, so the chosen cut is the highest tight level among those that cover up to about
//! one median's share of the sites.

use super::Client;

/// Relative tolerance on `Sₖ(y) = 1` for a level to count as tight.
const TIGHT: f64 = 1e-9;

impl Client {
    /// The level among those whose cut is tight at `y` (from `k`, the level
    /// [`Client::separate`] returned, upwards) with the largest cut value at the core point
    /// where every site is open to the extent `core` (ties to the lower, sparser level).
    pub(super) fn pareto_level(&self, k: usize, y: &[f64], core: f64) -> usize {
        let last = self.level.len() - 1;
        // S_k at y and at the core point (core · sites up to level k)
        let mut s: f64 = (0..self.end[k]).map(|q| y[self.sites[q] as usize]).sum();
        let (mut best, mut gain, mut best_gain) = (k, 0.0, 0.0);
        let mut l = k;
        while l < last && (s - 1.0).abs() <= TIGHT * s.max(1.0) {
            // level l + 1 is tight at y: its value at the core point changes by
            // (D^{l+1} − D^l)(1 − S_l(y°))
            gain += (self.level[l + 1] - self.level[l]) * (1.0 - core * self.end[l] as f64);
            l += 1;
            if gain > best_gain + 1e-12 * self.level[l] {
                (best, best_gain) = (l, gain);
            }
            for q in self.start(l)..self.end[l] {
                s += y[self.sites[q] as usize];
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::Client;

    /// Levels 1 < 3 < 4 < 8 < 10 with sites {0}, {1, 2}, {3}, {4} and a `beyond` level 10.
    fn client() -> Client {
        let mut c = super::super::tests::client();
        c.level.push(10.0);
        c.end.push(5);
        c
    }

    #[test]
    fn the_chosen_level_is_tight_at_y() {
        let c = client();
        for y in [
            [1.0, 0.0, 0.0, 0.0, 0.0],
            [0.0, 1.0, 0.0, 0.0, 0.0],
            [0.0, 0.0, 0.0, 0.0, 1.0],
            [0.5, 0.5, 0.0, 0.0, 0.0],
            [0.5, 0.0, 0.0, 0.0, 0.5],
            [0.2, 0.3, 0.3, 0.1, 0.1],
            [0.0; 5],
        ] {
            let (k, v) = c.separate(&y);
            for core in [0.0, 0.1, 0.2, 0.5] {
                let kp = c.pareto_level(k, &y, core);
                assert!(kp >= k);
                assert!((c.cut_value(kp, &y) - v).abs() < 1e-12, "{y:?} {core}");
            }
        }
    }

    #[test]
    fn a_closed_neighbourhood_is_charged() {
        let c = client();
        // site 0 open alone: the cuts of levels 0..=3 and beyond are all tight at y
        let y = [1.0, 0.0, 0.0, 0.0, 0.0];
        let (k, v) = c.separate(&y);
        assert_eq!((k, v), (0, 1.0));
        // a core point with every site at 0.2 gains up to the level with 5 sites before it
        let kp = c.pareto_level(k, &y, 0.2);
        assert_eq!(kp, 3);
        // the chosen cut is the strongest of the tight ones at the core point
        let core = [0.2; 5];
        for l in 0..c.level.len() {
            assert!(c.cut_value(l, &core) <= c.cut_value(kp, &core) + 1e-12);
        }
        // with a core point that covers a level at once, no level above it gains
        assert_eq!(c.pareto_level(k, &y, 1.0), 0);
    }

    #[test]
    fn the_chosen_cut_never_cuts_off_a_set_of_sites() {
        let c = client();
        let points: Vec<Vec<f64>> = (0u32..32)
            .map(|mask| (0..5).map(|j| f64::from(mask >> j & 1)).collect())
            .chain([vec![0.2, 0.3, 0.3, 0.1, 0.1], vec![0.5, 0.0, 0.0, 0.0, 0.5]])
            .collect();
        for y in &points {
            let (k, _) = c.separate(y);
            let kp = c.pareto_level(k, y, 0.2);
            for mask in 0u32..32 {
                let open: Vec<bool> = (0..5).map(|j| mask >> j & 1 == 1).collect();
                let x: Vec<f64> = open.iter().map(|&o| f64::from(u8::from(o))).collect();
                let cost = c.level[c.nearest_level(&open)];
                assert!(c.cut_value(kp, &x) <= cost + 1e-12, "{y:?} {mask:b}");
            }
        }
    }

    #[test]
    fn a_unique_tight_level_is_kept() {
        let c = client();
        // S jumps past 1 at level 1: only level 1 is tight
        let y = [0.5, 1.0, 0.0, 0.0, 0.0];
        let (k, _) = c.separate(&y);
        assert_eq!(c.pareto_level(k, &y, 0.1), k);
    }
}
