//! A mixed-integer program under construction: good_lp variables and constraints plus what the
//! HiGHS runner needs beyond them (objective constant, MIP start, column indices).

use good_lp::{Constraint, Expression, ProblemVariables, Variable, VariableDefinition};

/// Optimisation direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sense {
    /// Smaller is better.
    Minimise,
    /// Larger is better.
    Maximise,
}

/// A MIP being built by a model. Columns are numbered in creation order, which is also the
/// order HiGHS receives them in, so a MIP start can be given as a dense vector.
pub struct Mip {
    vars: ProblemVariables,
    /// Linear objective (constants are kept in `offset`: the HiGHS backend drops them).
    pub objective: Expression,
    /// Constant added to the solver's objective value and bound.
    pub offset: f64,
    /// Direction.
    pub sense: Sense,
    /// Rows.
    pub constraints: Vec<Constraint>,
    /// Optional MIP start, one value per column.
    pub start: Option<Vec<f64>>,
    /// The objective handed to HiGHS is `objective / scale` (large integer costs are scaled to
    /// moderate magnitudes for numerical stability); values and bounds are scaled back.
    pub scale: f64,
    /// Whether every feasible objective value is an integer (integer data), so a fractional
    /// dual bound may be rounded towards the incumbent.
    pub integral_objective: bool,
}

impl Mip {
    /// An empty program.
    pub fn new(sense: Sense) -> Self {
        Mip {
            vars: ProblemVariables::new(),
            objective: Expression::default(),
            offset: 0.0,
            sense,
            constraints: Vec::new(),
            start: None,
            scale: 1.0,
            integral_objective: false,
        }
    }

    /// Adds a column and returns it with its index.
    pub fn add(&mut self, def: VariableDefinition) -> (Variable, usize) {
        let index = self.vars.len();
        (self.vars.add(def), index)
    }

    /// Number of columns so far.
    pub fn n_cols(&self) -> usize {
        self.vars.len()
    }

    /// Adds a row.
    pub fn push(&mut self, c: Constraint) {
        self.constraints.push(c);
    }

    /// Splits into the good_lp pieces.
    pub(crate) fn into_parts(self) -> (ProblemVariables, Expression, Vec<Constraint>) {
        (self.vars, self.objective, self.constraints)
    }
}
