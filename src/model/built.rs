//! What a formulation hands to the solver, and how its columns map back to a decision.

use crate::solve::mip::Mip;

/// A built model: the MIP plus the columns that carry the location decision.
pub struct Built {
    /// The program.
    pub mip: Mip,
    /// Column of `y_j` (site j open) for every site.
    pub y: Vec<usize>,
    /// Assignment columns `x_ij` per demand point (capacitated models only).
    pub x: Option<Vec<Vec<(u32, usize)>>>,
}

/// The decision columns of a built model, kept after the MIP itself went to the solver.
pub struct Decision {
    /// Column of `y_j` for every site.
    pub y: Vec<usize>,
    /// Assignment columns `x_ij` per demand point (capacitated models only).
    pub x: Option<Vec<Vec<(u32, usize)>>>,
}

impl Built {
    /// Splits into the program (for the solver) and the decision columns (for decoding).
    pub fn into_parts(self) -> (Mip, Decision) {
        (
            self.mip,
            Decision {
                y: self.y,
                x: self.x,
            },
        )
    }
}

impl Decision {
    /// Open sites in a column vector.
    pub fn open_sites(&self, values: &[f64]) -> Vec<usize> {
        (0..self.y.len())
            .filter(|&j| values[self.y[j]] > 0.5)
            .collect()
    }

    /// Assigned site per demand point from a column vector (capacitated models).
    pub fn assignment(&self, values: &[f64]) -> Option<Vec<Option<usize>>> {
        self.x.as_ref().map(|x| {
            x.iter()
                .map(|row| {
                    row.iter()
                        .find(|&&(_, c)| values[c] > 0.5)
                        .map(|&(j, _)| j as usize)
                })
                .collect()
        })
    }
}

/// Whether every value is (numerically) an integer.
pub(crate) fn all_integral(values: impl IntoIterator<Item = f64>) -> bool {
    values.into_iter().all(|v| (v - v.round()).abs() < 1e-9)
}
