//! Branch-and-Benders-cut: depth-first branch and bound on y over the persistent master LP.

use super::*;

/// An open branch-and-bound node: fixings on top of the global ones and its parent's bound.
pub(super) struct Node {
    pub(super) bound: f64,
    pub(super) fix: Vec<(u32, bool)>,
    /// The branching that made it (none at the root), for the pseudo-costs.
    pub(super) branched: Option<Branched>,
}

/// Branch-and-Benders-cut: branch and bound on y over the persistent master LP, separating
/// cuts at every node until its LP is exact (or tails off on a fractional point).
///
/// Depth first, because the incumbent is usually optimal from the start, so the nodes to visit
/// hardly depend on the order, and a child's LP restarts from its parent's basis. Jumping to
/// the node with the smallest bound once a plunge passed half the gap raised the bound a
/// stopped search reports, but with the probes' child bounds it cost 20–30 % more CPU to close
/// fl1400 p = 200 and u1432 p = 50.
pub(super) fn tree_phase(run: &mut Run, master: &mut Master, root: &LpPoint) -> Result<()> {
    let m = run.m;
    let fixed_now = run.fix_by_reduced_cost(root);
    run.say(format_args!(
        "root bound {:.4}, incumbent {:.4}: {fixed_now} sites fixed by reduced cost",
        root.value,
        run.ub()
    ));
    // The root LP rounded is usually close; a deeper search from the incumbent over the sites
    // the root leaves free then often finds the optimum, and a better incumbent fixes more.
    let (lower0, upper0) = run.fixed_bounds();
    run.round(&root.x[..m], &lower0, &upper0);
    if let (Some(polish), Some((mask, _))) = (run.polish, run.best.clone()) {
        let sites: Vec<usize> = (0..m).filter(|&j| mask[j]).collect();
        let closed: Vec<bool> = (0..m)
            .map(|j| run.fixed[j] == Some(false) || (!mask[j] && root.x[j] < 1e-6))
            .collect();
        if run.offer(site_mask(&polish(&sites, Some(&closed)), m)) {
            let newly = run.fix_by_reduced_cost(root);
            run.say(format_args!(
                "root search: incumbent {:.4}, {newly} more sites fixed",
                run.ub()
            ));
        }
    }
    let mut stack = vec![Node {
        bound: root.value,
        fix: Vec::new(),
        branched: None,
    }];
    let mut pseudo = PseudoCosts::new(m);
    let mut lower = vec![0.0; m];
    let mut upper = vec![1.0; m];
    // every solution cheaper than the incumbent lies in an open node
    while let Some(open_bound) = stack.iter().map(|n| n.bound).min_by(f64::total_cmp) {
        run.raise_bound(open_bound);
        if run.closed() || run.out_of_time() {
            return Ok(());
        }
        let node = stack.pop().expect("not empty");
        if run.prune(node.bound) {
            continue;
        }
        run.nodes += 1;
        if run.log && run.nodes.is_multiple_of(100) {
            run.say(format_args!(
                "node {}  open {}  bound {:.4}  incumbent {:.4}  cuts {}",
                run.nodes,
                stack.len(),
                run.bound,
                run.ub(),
                master.rows.len()
            ));
        }
        // bounds: global fixings, then the node's
        for j in 0..m {
            let (lo, hi) = match run.fixed[j] {
                Some(true) => (1.0, 1.0),
                Some(false) => (0.0, 0.0),
                None => (0.0, 1.0),
            };
            lower[j] = lo;
            upper[j] = hi;
        }
        let mut conflict = false;
        for &(j, v) in &node.fix {
            let j = j as usize;
            let x = f64::from(u8::from(v));
            conflict |= x < lower[j] || x > upper[j];
            lower[j] = x;
            upper[j] = x;
        }
        let ones = lower.iter().filter(|&&v| v > 0.5).count();
        let free = upper.iter().filter(|&&v| v > 0.5).count();
        if conflict || ones > run.p || free < run.p {
            continue;
        }
        master.set_y_bounds(&lower, &upper)?;
        let lp = match node_lp(run, master)? {
            NodeLp::Pruned(value) => {
                if let (Some(b), Some(v)) = (node.branched, value) {
                    pseudo.record(b, v);
                }
                continue;
            }
            NodeLp::Stopped => {
                stack.push(node);
                return Ok(());
            }
            NodeLp::Done(lp) => lp,
        };
        if let Some(b) = node.branched {
            pseudo.record(b, lp.value);
        }
        let y = &lp.x[..m];
        if run.round(y, &lower, &upper) {
            let newly = run.fix_by_reduced_cost(root);
            if newly > 0 {
                run.say(format_args!("{newly} more sites fixed by reduced cost"));
            }
        }
        if run.prune(lp.value) {
            continue;
        }
        let bound = run.round_bound(lp.value);
        let local = run.reduced_cost_fixings(&lp, |k| upper[k] > lower[k]);
        // branch on the y with the best (probed or estimated) score
        let (j, child) =
            match strong::choose(run, master, &mut pseudo, lp.value, y, &lower, &upper)? {
                Choice::Branch(j, probed) => (j, probed),
                Choice::Pruned => continue,
                Choice::Stopped => {
                    stack.push(node);
                    return Ok(());
                }
                Choice::Fixed(more) => {
                    // the node again, with the sites the probes fixed
                    let mut fix = node.fix;
                    fix.extend_from_slice(&local);
                    fix.extend_from_slice(&more);
                    run.say(format_args!("probes fixed {} sites", more.len()));
                    stack.push(Node {
                        bound,
                        fix,
                        branched: None,
                    });
                    continue;
                }
                Choice::Integral => {
                    // Integral: with no violated cut left its LP value is its cost (offered by the
                    // rounding above) and nothing else in the node is cheaper. Should tolerances
                    // leave the LP below that cost, keep splitting the node instead.
                    let open: Vec<bool> = y.iter().map(|&v| v > 0.5).collect();
                    let cost = run.cost(&open);
                    if cost <= lp.value + run.tol(cost) {
                        continue;
                    }
                    match (0..m).find(|&j| upper[j] > lower[j]) {
                        Some(j) => (j, [lp.value; 2]),
                        None => continue,
                    }
                }
            };
        let local: Vec<(u32, bool)> = local.into_iter().filter(|f| f.0 as usize != j).collect();
        // the up branch is popped first
        for v in [false, true] {
            let mut fix = node.fix.clone();
            fix.extend_from_slice(&local);
            fix.push((j as u32, v));
            let branched = Some(Branched {
                site: j as u32,
                up: v,
                distance: if v { 1.0 - y[j] } else { y[j] },
                parent: lp.value,
            });
            stack.push(Node {
                bound: bound.max(run.round_bound(child[usize::from(v)])),
                fix,
                branched,
            });
        }
    }
    // the tree is exhausted: nothing is cheaper than the incumbent
    let ub = run.ub();
    run.raise_bound(ub);
    Ok(())
}

/// How a node's cutting planes ended.
pub(super) enum NodeLp {
    /// Infeasible (`None`), or its LP value (given) reaches the incumbent.
    Pruned(Option<f64>),
    /// Stopped by the clock.
    Stopped,
    /// The last LP point: exact (no violated cut) unless it tailed off on a fractional point.
    Done(LpPoint),
}

/// Cutting planes at a node.
pub(super) fn node_lp(run: &mut Run, master: &mut Master) -> Result<NodeLp> {
    let m = run.m;
    let mut history: Vec<f64> = Vec::new();
    loop {
        let lp = match master.solve(run)? {
            Lp::Optimal(lp) => lp,
            Lp::Infeasible => return Ok(NodeLp::Pruned(None)),
            Lp::Stopped => return Ok(NodeLp::Stopped),
        };
        if run.prune(lp.value) {
            return Ok(NodeLp::Pruned(Some(lp.value)));
        }
        let (added, _) = separate(run, master, &lp.x[..m], &lp);
        if added == 0 {
            return Ok(NodeLp::Done(lp));
        }
        master.purge(run, &lp, purge_limit(run))?;
        master.flush()?;
        history.push(lp.value);
        let integral = lp.x[..m].iter().all(|&v| (v - v.round()).abs() < 1e-6);
        let k = history.len();
        if !integral && k >= TAIL_ROUNDS {
            let gain = history[k - 1] - history[k - TAIL_ROUNDS];
            if gain <= 1e-4 * history[k - 1].abs().max(1.0) {
                return Ok(NodeLp::Done(lp));
            }
        }
        if run.out_of_time() {
            return Ok(NodeLp::Stopped);
        }
    }
}
