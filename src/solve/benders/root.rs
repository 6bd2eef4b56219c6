//! The root: cutting planes on the master LP, stabilised by in-out separation, until no cut is
//! violated (Elloumi's LP bound).

use super::*;

/// Root: cutting planes on the master LP from the cuts at the incumbent, with in-out
/// stabilisation, until no cut is violated at the LP optimum. Returns the final LP point, or
/// `None` when stopped (by the clock, or because the bound already meets the incumbent).
pub(super) fn root_phase(run: &mut Run, master: &mut Master) -> Result<Option<LpPoint>> {
    let m = run.m;
    // Stability centre: the incumbent, or the uniform point p/m.
    let (mut centre, mut centre_value) = match &run.best {
        Some((mask, cost)) => (
            mask.iter()
                .map(|&o| f64::from(u8::from(o)))
                .collect::<Vec<f64>>(),
            *cost,
        ),
        None => (vec![run.p as f64 / m.max(1) as f64; m], f64::INFINITY),
    };
    if let Some((mask, _)) = run.best.clone() {
        for (t, c) in run.clients.iter().enumerate() {
            let k = c.nearest_level(&mask);
            let k = c.pareto_level(k, &centre, run.core);
            if k > 0 {
                master.add(
                    run,
                    Cut {
                        client: t as u32,
                        level: k as u32,
                    },
                );
            }
        }
    }
    master.flush()?;
    let mut y_sep = vec![0.0; m];
    let mut rounds = 0;
    loop {
        if run.out_of_time() {
            return Ok(None);
        }
        let lp = match master.solve(run)? {
            Lp::Optimal(lp) => lp,
            Lp::Stopped => return Ok(None),
            Lp::Infeasible => {
                return Err(Error::Infeasible(
                    "no set of p sites serves every demand point".into(),
                ))
            }
        };
        rounds += 1;
        // only required sites are fixed during the root, so the line holds for every p
        run.tangent = Some(RootTangent {
            value: lp.value,
            slope: lp.card_dual,
        });
        run.raise_bound(lp.value);
        if run.closed() {
            return Ok(None);
        }
        if run.polish.is_some() && rounds % ROOT_ROUNDING_EVERY == 0 {
            // the root LP points approach Elloumi's optimum; their polished roundings give
            // incumbents long before the tree starts
            let (lower, upper) = run.fixed_bounds();
            if run.round(&lp.x[..m], &lower, &upper) {
                run.say(format_args!(
                    "root LP {rounds:4}: rounded incumbent {}",
                    run.ub()
                ));
            }
        }
        for j in 0..m {
            y_sep[j] = ALPHA * lp.x[j] + (1.0 - ALPHA) * centre[j];
        }
        let (mut added, sep_value) = separate(run, master, &y_sep, &lp);
        if sep_value < centre_value {
            centre.copy_from_slice(&y_sep);
            centre_value = sep_value;
        }
        if added == 0 {
            // Mis-price: separate at the LP optimum itself.
            let y_lp = lp.x[..m].to_vec();
            let (a, lp_value) = separate(run, master, &lp.x[..m], &lp);
            added = a;
            if lp_value < centre_value {
                centre = y_lp;
                centre_value = lp_value;
            }
        }
        run.say(format_args!(
            "root LP {rounds:4}  value {:.4}  centre {centre_value:.4}  cuts {}  new {added}",
            lp.value,
            master.rows.len()
        ));
        if added == 0 || rounds >= MAX_LP_ROUNDS {
            return Ok(Some(lp));
        }
        master.purge(run, &lp, purge_limit(run))?;
        master.flush()?;
    }
}
