//! Greedy addition and first-improvement interchange on the Huff captured demand F(S): the
//! incumbent (lower bound) of the market-share models. F is monotone submodular, so greedy
//! addition alone is within 1 − 1/e of the optimum; the interchange improves it further.

use crate::model::huff::Huff;
use std::time::Instant;

/// A set of open sites with each demand point's own utility U_i, updated incrementally.
pub struct CaptureSearch<'h> {
    huff: &'h Huff,
    /// Per site: (demand point, u_ij).
    by_site: Vec<Vec<(usize, f64)>>,
    own: Vec<f64>,
    open: Vec<bool>,
    fixed: Vec<bool>,
}

impl<'h> CaptureSearch<'h> {
    /// An empty set over the `m` sites of the instance; `required` sites are opened and never
    /// closed.
    pub fn new(huff: &'h Huff, m: usize, required: &[usize]) -> Self {
        let mut by_site = vec![Vec::new(); m];
        for (i, row) in huff.utilities.iter().enumerate() {
            for &(j, u) in row {
                by_site[j as usize].push((i, u));
            }
        }
        let mut s = CaptureSearch {
            huff,
            by_site,
            own: vec![0.0; huff.len()],
            open: vec![false; m],
            fixed: vec![false; m],
        };
        for &j in required {
            s.fixed[j] = true;
            s.toggle(j);
        }
        s
    }

    /// The open mask.
    pub fn open(&self) -> &[bool] {
        &self.open
    }

    /// Opens or closes site `j`.
    fn toggle(&mut self, j: usize) {
        let sign = if self.open[j] { -1.0 } else { 1.0 };
        self.open[j] = !self.open[j];
        for &(i, u) in &self.by_site[j] {
            self.own[i] += sign * u;
        }
    }

    /// The change of F when site `j` (closed) opens.
    fn gain(&self, j: usize) -> f64 {
        self.by_site[j]
            .iter()
            .map(|&(i, u)| {
                self.huff.capture(i, self.own[i] + u) - self.huff.capture(i, self.own[i])
            })
            .sum()
    }

    /// The best closed candidate to open and its gain (ties to the lower index).
    fn best_addition(&self) -> Option<(usize, f64)> {
        self.huff
            .candidates
            .iter()
            .filter(|&&j| !self.open[j])
            .map(|&j| (j, self.gain(j)))
            .fold(None, |best, (j, g)| match best {
                Some((_, bg)) if bg >= g => best,
                _ => Some((j, g)),
            })
    }

    /// Opens the best candidate until `p` sites are open.
    pub fn greedy(&mut self, p: usize) {
        while self.open.iter().filter(|&&o| o).count() < p {
            let Some((j, _)) = self.best_addition() else {
                return;
            };
            self.toggle(j);
        }
    }

    /// First-improvement interchange: close one open (not required) site and open the best
    /// closed candidate while that raises F by more than a relative 1e-12; stops at `deadline`.
    pub fn interchange(&mut self, deadline: Option<Instant>) {
        loop {
            let mut improved = false;
            let open: Vec<usize> = (0..self.open.len())
                .filter(|&j| self.open[j] && !self.fixed[j])
                .collect();
            for out in open {
                if deadline.is_some_and(|d| Instant::now() >= d) {
                    return;
                }
                self.toggle(out);
                let back = self.gain(out);
                match self.best_addition() {
                    Some((j, g)) if g > back + 1e-12 * self.huff.total_weight.max(1.0) => {
                        self.toggle(j);
                        improved = true;
                    }
                    _ => self.toggle(out),
                }
            }
            if !improved {
                return;
            }
        }
    }
}
