//! The multi-function allocation model (docs/models.md, "Function allocation"): each function
//! is placed in `sites_f` allowed towns; any objective can be minimised while the others are
//! bounded (ε-constraints). Objectives are built in minimisation form over integer data.

use crate::instance::catalogue::Catalogue;
use crate::pareto::objective::{pt_threshold, Allocation, Objective};
use crate::solve::mip::{Mip, Sense};
use good_lp::{variable, Expression, IntoAffineExpression, Variable};

/// A built allocation MIP and the columns of `x[f][t]`.
pub struct AllocationMip {
    /// The program.
    pub mip: Mip,
    /// `(town, column)` of every `x[f][t]`, per function.
    pub x: Vec<Vec<(usize, usize)>>,
    /// What every auxiliary column means, for MIP starts.
    aux: Vec<(usize, Aux)>,
}

/// Meaning of an auxiliary column.
#[derive(Debug, Clone)]
enum Aux {
    /// Place i is served by town t for function f.
    Assign { f: usize, i: usize, t: usize },
    /// Function f is carried by exactly the towns of this configuration.
    Config { f: usize, towns: Vec<usize> },
    /// Place i is within reach of function f (the towns that reach it).
    Cover { f: usize, towns: Vec<usize> },
    /// Largest size points of a partner town.
    High,
    /// Smallest size points of a partner town.
    Low,
    /// Functions a and b share town t.
    Shared { a: usize, b: usize, t: usize },
    /// Worst minutes.
    Worst,
    /// Place i is served by town t for function f in the ÖPNV trips (the nearest town by
    /// public transport may differ from the nearest by car, so these columns are separate).
    PtAssign { f: usize, i: usize, t: usize },
}

/// Which travel-time matrix a trip or a reach uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// `Catalogue::minutes`.
    Car,
    /// `Catalogue::pt_minutes`.
    Pt,
}

impl AllocationMip {
    /// A complete MIP start (every column) for `alloc`: x from the allocation, auxiliaries at
    /// the values the allocation implies.
    pub fn start(&self, cat: &Catalogue, alloc: &Allocation) -> Vec<f64> {
        let mut v = vec![0.0; self.mip.n_cols()];
        for (f, row) in self.x.iter().enumerate() {
            for &(t, c) in row {
                v[c] = f64::from(alloc[f].contains(&t));
            }
        }
        let points = crate::pareto::objective::town_points(cat, alloc);
        let partner: Vec<i64> = (0..cat.towns.len())
            .filter(|&t| cat.towns[t].partner)
            .map(|t| points[t])
            .collect();
        let nearest = |f: usize, i: usize| {
            alloc[f]
                .iter()
                .copied()
                .min_by_key(|&t| (cat.minutes[i][t], t))
        };
        let nearest_pt = |f: usize, i: usize| {
            let pt = cat.pt_minutes.as_ref()?;
            alloc[f].iter().copied().min_by_key(|&t| (pt[i][t], t))
        };
        let worst = (0..alloc.len())
            .flat_map(|f| (0..cat.places.len()).map(move |i| (f, i)))
            .filter(|&(_, i)| cat.places[i].population > 0)
            .filter_map(|(f, i)| nearest(f, i).map(|t| cat.minutes[i][t]))
            .max()
            .unwrap_or(0);
        for (c, aux) in &self.aux {
            v[*c] = match aux {
                Aux::Assign { f, i, t } => f64::from(nearest(*f, *i) == Some(*t)),
                Aux::Config { f, towns } => f64::from(
                    towns.len() == alloc[*f].len() && towns.iter().all(|t| alloc[*f].contains(t)),
                ),
                Aux::Cover { f, towns } => f64::from(towns.iter().any(|t| alloc[*f].contains(t))),
                Aux::High => *partner.iter().max().unwrap_or(&0) as f64,
                Aux::Low => *partner.iter().min().unwrap_or(&0) as f64,
                Aux::Shared { a, b, t } => {
                    f64::from(alloc[*a].contains(t) && alloc[*b].contains(t))
                }
                Aux::Worst => worst as f64,
                Aux::PtAssign { f, i, t } => f64::from(nearest_pt(*f, *i) == Some(*t)),
            };
        }
        v
    }

    /// Reads the allocation from column values.
    pub fn decode(&self, values: &[f64]) -> Allocation {
        decode(&self.x, values)
    }
}

/// Reads the allocation from column values, given the `(town, column)` lists of x.
pub fn decode(x: &[Vec<(usize, usize)>], values: &[f64]) -> Allocation {
    x.iter()
        .map(|row| {
            row.iter()
                .filter(|&&(_, c)| values[c] > 0.5)
                .map(|&(t, _)| t)
                .collect()
        })
        .collect()
}

struct Builder<'a> {
    cat: &'a Catalogue,
    mip: Mip,
    aux: Vec<(usize, Aux)>,
    x: Vec<Vec<(usize, Variable)>>,
    assign: Option<Assignment>,
    configs: Option<Configurations>,
    config_limit: usize,
    pt_assign: Option<Assignment>,
}

/// Assignment variables `a[f][i] = [(town, var)]` of multi-site functions.
type Assignment = Vec<Vec<Vec<(usize, Variable)>>>;

/// Configuration variables `z[f] = [(towns, var)]` of multi-site functions with few town sets;
/// `None` for single-site functions and for functions with too many sets.
type Configurations = Vec<Option<Vec<(Vec<usize>, Variable)>>>;

/// Multi-site functions with at most this many town sets get one binary per set instead of
/// assignment variables per place.
const MAX_CONFIGURATIONS: usize = 256;

/// All `k`-element subsets of `items`, in lexicographic order; `None` when there are more than
/// `limit`.
fn subsets(items: &[usize], k: usize, limit: usize) -> Option<Vec<Vec<usize>>> {
    let mut out = Vec::new();
    let mut pick: Vec<usize> = (0..k).collect();
    if k == 0 || k > items.len() {
        return Some(out);
    }
    loop {
        if out.len() == limit {
            return None;
        }
        out.push(pick.iter().map(|&i| items[i]).collect());
        // advance the rightmost index that can still move
        let Some(r) = (0..k).rev().find(|&r| pick[r] < items.len() - k + r) else {
            return Some(out);
        };
        pick[r] += 1;
        for q in r + 1..k {
            pick[q] = pick[q - 1] + 1;
        }
    }
}

impl<'a> Builder<'a> {
    fn xvar(&self, f: usize, t: usize) -> Option<Variable> {
        self.x[f].iter().find(|&&(tt, _)| tt == t).map(|&(_, v)| v)
    }

    /// Configuration binaries z[f][S] for multi-site functions with few town sets S (created
    /// once): exactly one S per function, and x_ft = Σ_{S ∋ t} z_fS. Every per-place quantity
    /// (nearest travel time, reach) is then a constant per S, so trips and coverage are linear
    /// in z without assignment variables, and the LP relaxation of each function is the convex
    /// hull of its choices.
    fn configurations(&mut self) -> &Configurations {
        if self.configs.is_none() {
            let cat = self.cat;
            let mut all = Vec::with_capacity(cat.functions.len());
            for (f, func) in cat.functions.iter().enumerate() {
                let towns: Vec<usize> = self.x[f].iter().map(|&(t, _)| t).collect();
                let sets = (func.sites > 1)
                    .then(|| subsets(&towns, func.sites, self.config_limit))
                    .flatten();
                let Some(sets) = sets else {
                    all.push(None);
                    continue;
                };
                let mut one = Expression::default();
                let mut link: Vec<Expression> = vec![Expression::default(); towns.len()];
                let mut vars = Vec::with_capacity(sets.len());
                for set in sets {
                    let (z, col) = self.mip.add(variable().binary());
                    self.aux.push((
                        col,
                        Aux::Config {
                            f,
                            towns: set.clone(),
                        },
                    ));
                    one.add_mul(1.0, z);
                    for (k, t) in towns.iter().enumerate() {
                        if set.contains(t) {
                            link[k].add_mul(1.0, z);
                        }
                    }
                    vars.push((set, z));
                }
                self.mip.push(one.eq(1.0));
                for (k, row) in link.into_iter().enumerate() {
                    let xv = self.x[f][k].1;
                    self.mip.push(row.eq(xv));
                }
                all.push(Some(vars));
            }
            self.configs = Some(all);
        }
        self.configs.as_ref().expect("just built")
    }

    /// The travel times of `mode` (the ÖPNV matrix exists: checked before building).
    fn matrix(&self, mode: Mode) -> &'a [Vec<i64>] {
        let cat: &'a Catalogue = self.cat;
        match mode {
            Mode::Car => &cat.minutes,
            Mode::Pt => cat
                .pt_minutes
                .as_deref()
                .expect("ÖPNV objectives need pt_minutes (objective::check_available)"),
        }
    }

    /// Assignment variables a[f][i][t] for multi-site functions without configuration
    /// binaries (created once per mode: a place's nearest open town by car and by ÖPNV may
    /// differ).
    fn assignment_by(&mut self, mode: Mode) -> &Assignment {
        let cached = match mode {
            Mode::Car => self.assign.is_some(),
            Mode::Pt => self.pt_assign.is_some(),
        };
        if !cached {
            let cat = self.cat;
            let mut all = Vec::with_capacity(cat.functions.len());
            let configured: Vec<bool> = self.configurations().iter().map(Option::is_some).collect();
            for (f, func) in cat.functions.iter().enumerate() {
                if func.sites == 1 || configured[f] {
                    all.push(Vec::new());
                    continue;
                }
                let mut per_place = Vec::with_capacity(cat.places.len());
                for i in 0..cat.places.len() {
                    let mut row = Expression::default();
                    let mut vars = Vec::new();
                    for &(t, xv) in &self.x[f] {
                        let (a, col) = self.mip.add(variable().min(0.0).max(1.0));
                        let meaning = match mode {
                            Mode::Car => Aux::Assign { f, i, t },
                            Mode::Pt => Aux::PtAssign { f, i, t },
                        };
                        self.aux.push((col, meaning));
                        self.mip.push(Expression::from(a).leq(xv));
                        row.add_mul(1.0, a);
                        vars.push((t, a));
                    }
                    self.mip.push(row.eq(1.0));
                    per_place.push(vars);
                }
                all.push(per_place);
            }
            match mode {
                Mode::Car => self.assign = Some(all),
                Mode::Pt => self.pt_assign = Some(all),
            }
        }
        match mode {
            Mode::Car => self.assign.as_ref(),
            Mode::Pt => self.pt_assign.as_ref(),
        }
        .expect("just built")
    }

    /// Minutes-weighted expression of place i's trip to function f: Σ coef·d·(x, z or a).
    fn trip(&mut self, f: usize, i: usize, coef: f64, into: &mut Expression) {
        self.trip_by(Mode::Car, f, i, coef, into);
    }

    /// [`Self::trip`] with the travel times of `mode`.
    fn trip_by(&mut self, mode: Mode, f: usize, i: usize, coef: f64, into: &mut Expression) {
        let cat = self.cat;
        let minutes = self.matrix(mode);
        if cat.functions[f].sites == 1 {
            for &(t, xv) in &self.x[f] {
                into.add_mul(coef * minutes[i][t] as f64, xv);
            }
        } else if let Some(sets) = &self.configurations()[f] {
            for (set, z) in sets {
                let nearest = set.iter().map(|&t| minutes[i][t]).min().unwrap_or(0);
                into.add_mul(coef * nearest as f64, *z);
            }
        } else {
            let a = self.assignment_by(mode)[f][i].clone();
            for (t, av) in a {
                into.add_mul(coef * minutes[i][t] as f64, av);
            }
        }
    }

    /// −Σ_f Σ_i ι_f π_i · [i within f's threshold of `mode` from a town of f], added to `e`
    /// (the covered weight, negated: coverage, and the reached part of pt_reach).
    fn reach(&mut self, mode: Mode, e: &mut Expression) {
        let cat = self.cat;
        let minutes = self.matrix(mode);
        for (f, func) in cat.functions.iter().enumerate() {
            let threshold = match mode {
                Mode::Car => func.threshold,
                Mode::Pt => pt_threshold(func),
            };
            let within = |t: usize, i: usize| minutes[i][t] <= threshold;
            for (i, place) in cat.places.iter().enumerate() {
                let w = (func.importance * place.population) as f64;
                if w == 0.0 || !self.x[f].iter().any(|&(t, _)| within(t, i)) {
                    continue;
                }
                // one site, or one town set: "covered" is a sum of the binaries that
                // reach i, and at most one of them is 1
                if func.sites == 1 {
                    for &(t, xv) in &self.x[f] {
                        if within(t, i) {
                            e.add_mul(-w, xv);
                        }
                    }
                    continue;
                }
                if let Some(sets) = &self.configurations()[f] {
                    for (set, z) in sets {
                        if set.iter().any(|&t| within(t, i)) {
                            e.add_mul(-w, *z);
                        }
                    }
                    continue;
                }
                let reach: Vec<(usize, Variable)> = self.x[f]
                    .iter()
                    .filter(|&&(t, _)| within(t, i))
                    .copied()
                    .collect();
                let (c, col) = self.mip.add(variable().min(0.0).max(1.0));
                let towns = reach.iter().map(|&(t, _)| t).collect();
                self.aux.push((col, Aux::Cover { f, towns }));
                let mut row = Expression::default();
                for (_, v) in reach {
                    row.add_mul(1.0, v);
                }
                self.mip.push(Expression::from(c).leq(row));
                e.add_mul(-w, c);
            }
        }
    }

    /// The objective's expression and constant, in minimisation form.
    fn objective(&mut self, o: Objective) -> (Expression, f64) {
        let cat = self.cat;
        let mut e = Expression::default();
        let mut constant = 0.0;
        match o {
            Objective::Access => {
                for f in 0..cat.functions.len() {
                    for i in 0..cat.places.len() {
                        let w = (cat.functions[f].importance * cat.places[i].population) as f64;
                        if w != 0.0 {
                            self.trip(f, i, w, &mut e);
                        }
                    }
                }
            }
            Objective::Coverage => self.reach(Mode::Car, &mut e),
            Objective::PtAccess => {
                for f in 0..cat.functions.len() {
                    for i in 0..cat.places.len() {
                        let w = (cat.functions[f].importance * cat.places[i].population) as f64;
                        if w != 0.0 {
                            self.trip_by(Mode::Pt, f, i, w, &mut e);
                        }
                    }
                }
            }
            Objective::PtReach => {
                // missed weight = all weight − reached weight
                constant += crate::pareto::objective::total_weight(cat) as f64;
                self.reach(Mode::Pt, &mut e);
            }
            Objective::Balance => {
                let partners: Vec<usize> = (0..cat.towns.len())
                    .filter(|&t| cat.towns[t].partner)
                    .collect();
                if partners.len() > 1 {
                    let (hi, hc) = self.mip.add(variable().min(0.0));
                    let (lo, lc) = self.mip.add(variable().min(0.0));
                    self.aux.push((hc, Aux::High));
                    self.aux.push((lc, Aux::Low));
                    for &t in &partners {
                        let mut pts = Expression::default();
                        for f in 0..cat.functions.len() {
                            if let Some(xv) = self.xvar(f, t) {
                                pts.add_mul(cat.functions[f].size_points as f64, xv);
                            }
                        }
                        self.mip.push(pts.clone().leq(hi));
                        self.mip.push(pts.geq(lo));
                    }
                    e.add_mul(1.0, hi);
                    e.add_mul(-1.0, lo);
                }
            }
            Objective::Change => {
                for (f, func) in cat.functions.iter().enumerate() {
                    let cost = func.relocation_cost as f64;
                    constant += cost * func.status_quo_ids.len() as f64;
                    for &t in &func.status_quo {
                        if let Some(xv) = self.xvar(f, t) {
                            e.add_mul(-cost, xv);
                        }
                    }
                }
            }
            Objective::Synergy => {
                for af in &cat.affinities {
                    for &(t, xa) in &self.x[af.a].clone() {
                        if let Some(xb) = self.xvar(af.b, t) {
                            let (s, col) = self.mip.add(variable().min(0.0).max(1.0));
                            self.aux.push((
                                col,
                                Aux::Shared {
                                    a: af.a,
                                    b: af.b,
                                    t,
                                },
                            ));
                            self.mip.push(Expression::from(s).leq(xa));
                            self.mip.push(Expression::from(s).leq(xb));
                            e.add_mul(-(af.value as f64), s);
                        }
                    }
                }
            }
            Objective::Equity => {
                let (worst, col) = self.mip.add(variable().min(0.0));
                self.aux.push((col, Aux::Worst));
                for f in 0..cat.functions.len() {
                    for i in 0..cat.places.len() {
                        if cat.places[i].population > 0 {
                            let mut trip = Expression::default();
                            self.trip(f, i, 1.0, &mut trip);
                            self.mip.push(trip.leq(worst));
                        }
                    }
                }
                e.add_mul(1.0, worst);
            }
        }
        (e, constant)
    }
}

/// Builds: minimise `Σ weight × value(o)` over `primary` subject to `value(o) ≤ bound` for every
/// `(o, bound)` in `bounds` (minimisation-form integer values), plus sites, allowed towns, locks
/// and capacities. Integer weights keep the objective integer.
///
/// # Panics
/// If `primary` or `bounds` name an ÖPNV objective and `cat` has no `pt_minutes` (callers
/// check with `objective::check_available` first, as `pareto::run` does).
pub fn build(
    cat: &Catalogue,
    primary: &[(Objective, i64)],
    bounds: &[(Objective, i64)],
) -> AllocationMip {
    build_with(cat, primary, bounds, MAX_CONFIGURATIONS)
}

/// [`build`] with configuration binaries for multi-site functions with at most `config_limit`
/// town sets (0: assignment variables everywhere).
fn build_with(
    cat: &Catalogue,
    primary: &[(Objective, i64)],
    bounds: &[(Objective, i64)],
    config_limit: usize,
) -> AllocationMip {
    let mut mip = Mip::new(Sense::Minimise);
    let mut x = Vec::with_capacity(cat.functions.len());
    let mut x_cols = Vec::with_capacity(cat.functions.len());
    for func in &cat.functions {
        let mut row = Vec::with_capacity(func.allowed.len());
        let mut cols = Vec::with_capacity(func.allowed.len());
        for &t in &func.allowed {
            let (v, c) = mip.add(variable().binary());
            row.push((t, v));
            cols.push((t, c));
        }
        let mut sum = Expression::default();
        for &(_, v) in &row {
            sum.add_mul(1.0, v);
        }
        mip.push(sum.eq(func.sites as f64));
        x.push(row);
        x_cols.push(cols);
    }
    let mut b = Builder {
        cat,
        mip,
        aux: Vec::new(),
        x,
        assign: None,
        configs: None,
        config_limit,
        pt_assign: None,
    };
    for &(f, t) in &cat.locks {
        if let Some(v) = b.xvar(f, t) {
            b.mip.push(Expression::from(v).eq(1.0));
        }
    }
    for (t, town) in cat.towns.iter().enumerate() {
        if let Some(cap) = town.capacity {
            let mut pts = Expression::default();
            for f in 0..cat.functions.len() {
                if let Some(v) = b.xvar(f, t) {
                    pts.add_mul(cat.functions[f].size_points as f64, v);
                }
            }
            b.mip.push(pts.leq(cap as f64));
        }
    }
    for &(o, bound) in bounds {
        let (e, constant) = b.objective(o);
        // Rows with large integer coefficients are divided by a power of ten so HiGHS sees
        // moderate numbers; with the 1e-9 tolerance used here a violation still stays far
        // below one unit, so integer bounds remain exact (and are re-checked after rounding).
        let s = magnitude_scale(
            (&e).linear_coefficients()
                .map(|(_, c)| c.abs())
                .fold(0.0, f64::max),
        );
        b.mip
            .push((e * (1.0 / s)).leq((bound as f64 - constant) / s));
    }
    let mut objective = Expression::default();
    for &(o, w) in primary {
        let (e, constant) = b.objective(o);
        objective.add_mul(w as f64, e);
        b.mip.offset += w as f64 * constant;
    }
    b.mip.scale = magnitude_scale(
        (&objective)
            .linear_coefficients()
            .map(|(_, c)| c.abs())
            .fold(0.0, f64::max),
    );
    b.mip.objective = objective;
    b.mip.integral_objective = true;
    AllocationMip {
        mip: b.mip,
        x: x_cols,
        aux: b.aux,
    }
}

/// A power of ten that brings the largest coefficient down to at most 1000 (1 if already small).
fn magnitude_scale(max_coef: f64) -> f64 {
    if max_coef <= 1000.0 {
        1.0
    } else {
        10f64.powi((max_coef / 1000.0).log10().ceil() as i32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instance::catalogue::{read, CatalogueOptions};
    use crate::pareto::objective::{evaluate, pick};
    use crate::solve::highs::run;

    #[test]
    fn subsets_in_lexicographic_order_with_a_limit() {
        assert_eq!(
            subsets(&[4, 7, 9], 2, 10),
            Some(vec![vec![4, 7], vec![4, 9], vec![7, 9]])
        );
        assert_eq!(subsets(&[4, 7, 9], 3, 10), Some(vec![vec![4, 7, 9]]));
        assert_eq!(subsets(&[4, 7, 9], 2, 2), None);
        assert_eq!(
            subsets(&[1, 2, 3, 4, 5, 6], 3, 100).map(|v| v.len()),
            Some(20)
        );
    }

    /// Configuration binaries and assignment variables are two exact formulations of the same
    /// trips and reach: every single objective has the same optimum with either, on a catalogue
    /// with a 2-site function.
    #[test]
    fn configurations_and_assignments_give_the_same_optima() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/small_catalogue");
        let mut cat = read(&dir, &CatalogueOptions::default()).unwrap();
        assert!(cat.functions.iter().any(|f| f.sites > 1));
        // ÖPNV times whose nearest town differs from the car's for some places
        let pt = (cat.minutes.iter().enumerate())
            .map(|(i, row)| {
                let n = row.len();
                (0..n).map(|t| row[(t + i) % n] * 2 + 50).collect()
            })
            .collect();
        cat.pt_minutes = Some(pt);
        let options = crate::pareto::oracle::stage_options(None);
        for o in crate::pareto::objective::ALL {
            let optimum = |limit: usize| {
                let built = build_with(&cat, &[(o, 1)], &[], limit);
                let out = run(built.mip, &options).unwrap();
                let alloc = decode(&built.x, &out.values);
                (
                    out.objective.unwrap().round() as i64,
                    pick(&evaluate(&cat, &alloc), o),
                )
            };
            let (with_configs, with_assignments) = (optimum(MAX_CONFIGURATIONS), optimum(0));
            assert_eq!(with_configs.0, with_configs.1, "{}", o.name());
            assert_eq!(with_configs, with_assignments, "{}", o.name());
        }
        // car and ÖPNV trips in one model: separate assignment columns, each exact
        let lexicographic = |limit: usize| {
            let first = build_with(&cat, &[(Objective::Access, 1)], &[], limit);
            let access = run(first.mip, &options).unwrap().objective.unwrap().round() as i64;
            let bound = [(Objective::Access, access)];
            let built = build_with(&cat, &[(Objective::PtAccess, 1)], &bound, limit);
            let out = run(built.mip, &options).unwrap();
            let values = evaluate(&cat, &decode(&built.x, &out.values));
            (
                out.objective.unwrap().round() as i64,
                pick(&values, Objective::PtAccess),
                pick(&values, Objective::Access),
            )
        };
        let (with_configs, with_assignments) =
            (lexicographic(MAX_CONFIGURATIONS), lexicographic(0));
        assert_eq!(with_configs.0, with_configs.1);
        assert_eq!(with_configs, with_assignments);
    }
}
