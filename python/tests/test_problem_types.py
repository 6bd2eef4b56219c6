"""ArcGIS's problem types from Python: the p-median with an impedance cutoff and a decay,
maximize attendance, maximize market share and target market share, each against brute force
over every site set on small random instances (formulas written out here from docs/models.md,
independently of the library), the allocated weights against the same formulas, GeoDataFrame
columns, the CLI on the same file, and the messages of every misuse."""

from __future__ import annotations

import itertools
import json
import subprocess

import geopandas as gpd
import numpy as np
import pytest

import impuls
from spopt_crosscheck import REPO

MARKET = str(REPO / "instances" / "demo" / "market.json")


def f(d, decay):
    """The impedance transformation f(d) (docs/models.md "Impedance transformation")."""
    kind, lam = decay
    d = np.asarray(d, dtype=float)
    if kind == "linear":
        return d
    if kind == "power":
        return d**lam
    return np.exp(lam * d)


DECAYS = [("linear", 1.0), ("power", 2.0), ("exponential", 0.05)]


def random_instance(seed, n=10, m=6, unreachable=0):
    rng = np.random.default_rng(seed)
    cost = rng.integers(1, 100, (n, m)).astype(float)
    for _ in range(unreachable):
        cost[rng.integers(n), rng.integers(m)] = np.inf
    return cost, rng.integers(1, 10, n).astype(float)


def subsets(candidates, p, required=()):
    return [s for s in itertools.combinations(candidates, p) if set(required) <= set(s)]


def nearest(cost, s):
    return cost[:, list(s)].min(axis=1)


# -- p-median with cutoff and decay ---------------------------------------------------------


def charged(cost, weights, s, cutoff, decay):
    """Σ w_i min(f(d_i), f(c)); an unreachable nearest site costs f(c)."""
    d = nearest(cost, s)
    cap = np.inf if cutoff is None else f(cutoff, decay)
    return float((weights * np.minimum(f(d, decay), cap)).sum())


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("decay", DECAYS)
def test_pmedian_with_cutoff_and_decay_is_optimal(seed, decay):
    cost, weights = random_instance(seed, unreachable=3)
    cutoff = 35.0
    result = impuls.PMedian.from_cost_matrix(cost, weights, 2, cutoff=cutoff, decay=decay).solve()
    best = min(subsets(range(6), 2), key=lambda s: charged(cost, weights, s, cutoff, decay))
    assert result.status == "optimal" and result.verified
    assert result.objective == pytest.approx(charged(cost, weights, best, cutoff, decay), rel=1e-9)
    # the reported allocation: nearest open site within the cutoff, else unallocated
    opened = list(result.open_sites.index)
    d = nearest(cost, opened)
    a = result.assignments
    beyond = d > cutoff
    assert beyond.any(), "this instance leaves demand beyond the cutoff"
    assert a.loc[beyond, "site"].isna().all() and a.loc[beyond, "impedance"].isna().all()
    np.testing.assert_array_equal(a.loc[~beyond, "impedance"], d[~beyond])
    assert result.unallocated == pytest.approx(weights[beyond].sum())
    # the objective as docs/models.md states it: allocated sum plus f(c) per unallocated weight
    allocated = (weights[~beyond] * f(d[~beyond], decay)).sum()
    assert result.objective == pytest.approx(allocated + f(cutoff, decay) * result.unallocated)


def test_pmedian_with_a_power_decay_and_no_cutoff_serves_everyone():
    cost, weights = random_instance(3)
    result = impuls.PMedian.from_cost_matrix(cost, weights, 3, decay=("power", 1.5)).solve()
    best = min(charged(cost, weights, s, None, ("power", 1.5)) for s in subsets(range(6), 3))
    assert result.objective == pytest.approx(best, rel=1e-9)
    assert result.assignments["site"].notna().all() and result.unallocated in (None, 0.0)


# -- maximize attendance --------------------------------------------------------------------


def attendance(cost, weights, s, cutoff, decay):
    """Per demand point w_i g(d_i), g = (f(c) − f(d)) / (f(c) − f(0)) within c, 0 beyond."""
    d = nearest(cost, s)
    fc, f0 = f(cutoff, decay), f(0.0, decay)
    with np.errstate(invalid="ignore"):
        g = np.where(d <= cutoff, (fc - f(np.where(d <= cutoff, d, 0.0), decay)) / (fc - f0), 0.0)
    return weights * g


@pytest.mark.parametrize("seed", [1, 4])
@pytest.mark.parametrize("decay", DECAYS)
def test_maximize_attendance_is_optimal_and_allocates_the_decayed_weight(seed, decay):
    cost, weights = random_instance(seed, unreachable=2)
    cutoff = 45.0
    required = np.zeros(6, dtype=bool)
    required[5] = True
    model = impuls.MaximizeAttendance.from_cost_matrix(
        cost, weights, 3, cutoff, decay=decay, predefined_facilities_arr=required
    )
    result = model.solve()
    best = max(
        subsets(range(6), 3, required=[5]),
        key=lambda s: attendance(cost, weights, s, cutoff, decay).sum(),
    )
    assert result.status == "optimal" and result.model == "attendance"
    assert 5 in result.open_sites.index
    expected = attendance(cost, weights, best, cutoff, decay).sum()
    assert result.objective == pytest.approx(expected, rel=1e-9)
    assert result.bound == pytest.approx(result.objective, rel=1e-6)
    per_point = attendance(cost, weights, list(result.open_sites.index), cutoff, decay)
    np.testing.assert_allclose(result.assignments["allocated_weight"], per_point, rtol=1e-12)
    assert result.open_sites["allocated_weight"].sum() == pytest.approx(result.objective)
    d = nearest(cost, list(result.open_sites.index))
    assert result.unallocated == pytest.approx(weights[d > cutoff].sum())


def test_attendance_with_linear_decay_is_one_minus_d_over_c():
    cost = np.array([[0.0, 8.0], [4.0, 2.0], [9.0, 10.0]])
    result = impuls.MaximizeAttendance.from_cost_matrix(cost, [10, 20, 30], 1, cutoff=8).solve()
    # site 0: 10·1 + 20·(1 − 4/8) + 0 = 20; site 1: 0 + 20·(1 − 2/8) + 0 = 15
    assert (result.objective, list(result.open_sites.index)) == (20.0, [0])
    assert list(result.assignments["allocated_weight"]) == [10.0, 10.0, 0.0]
    assert result.unallocated == 30.0


# -- market share (Huff) --------------------------------------------------------------------


def captured(cost, weights, s, competitors, attractiveness, decay, cutoff=None):
    """Per demand point w_i U_i / (U_i + V_i), u_ij = A_j / f(d_ij), 0 beyond the cutoff."""
    with np.errstate(divide="ignore"):
        u = attractiveness[None, :] / f(cost, decay)
    u = np.where(np.isfinite(cost), u, 0.0)
    if cutoff is not None:
        u = np.where(cost <= cutoff, u, 0.0)
    own = u[:, list(s)].sum(axis=1)
    theirs = u[:, competitors].sum(axis=1)
    share = np.zeros_like(own)
    reached = own > 0
    share[reached] = own[reached] / (own[reached] + theirs[reached])
    return weights * share


def huff_instance(seed):
    cost, weights = random_instance(seed, n=12, m=8, unreachable=2)
    rng = np.random.default_rng(seed + 100)
    competitors = np.array([0, 3])
    attractiveness = rng.choice([0.5, 1.0, 2.0, 3.0], 8)
    return cost, weights, competitors, attractiveness


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("decay", DECAYS)
def test_maximize_market_share_is_optimal(seed, decay):
    cost, weights, competitors, attractiveness = huff_instance(seed)
    ours = [j for j in range(8) if j not in competitors]
    mask = np.isin(np.arange(8), competitors)
    cutoff = 70.0 if decay[0] == "power" else None
    result = impuls.MaximizeMarketShare.from_cost_matrix(
        cost, weights, 2, competitor_arr=mask, attractiveness_arr=attractiveness, decay=decay,
        cutoff=cutoff,
    ).solve()

    def value(s):
        return captured(cost, weights, s, competitors, attractiveness, decay, cutoff).sum()

    best = max(subsets(ours, 2), key=value)
    assert result.status == "optimal" and result.verified
    assert result.objective == pytest.approx(value(best), rel=1e-9)
    assert result.share == pytest.approx(result.objective / weights.sum(), rel=1e-12)
    assert not set(result.open_sites.index) & set(competitors)
    opened = list(result.open_sites.index)
    per_point = captured(cost, weights, opened, competitors, attractiveness, decay, cutoff)
    np.testing.assert_allclose(result.assignments["allocated_weight"], per_point, rtol=1e-12)
    # each open facility's part: w_i u_ij / (U_i + V_i)
    with np.errstate(divide="ignore"):
        u = np.where(np.isfinite(cost), attractiveness[None, :] / f(cost, decay), 0.0)
    if cutoff is not None:
        u = np.where(cost <= cutoff, u, 0.0)
    total = u[:, opened].sum(axis=1) + u[:, competitors].sum(axis=1)
    parts = [(weights * u[:, j] / np.where(total > 0, total, 1)).sum() for j in opened]
    np.testing.assert_allclose(result.open_sites["allocated_weight"], parts, rtol=1e-12)
    # the assigned site is our open facility of largest utility
    served = result.assignments["site"].notna().to_numpy()
    best_own = np.array(opened)[u[:, opened].argmax(axis=1)]
    np.testing.assert_array_equal(result.assignments.loc[served, "site"], best_own[served])


def test_predefined_sites_count_towards_p_in_market_share():
    cost, weights, competitors, attractiveness = huff_instance(3)
    mask = np.isin(np.arange(8), competitors)
    required = np.zeros(8, dtype=bool)
    required[7] = True
    result = impuls.MaximizeMarketShare.from_cost_matrix(
        cost, weights, 3, competitor_arr=mask, attractiveness_arr=attractiveness,
        decay=("exponential", 0.05), predefined_facilities_arr=required,
    ).solve()
    ours = [j for j in range(8) if j not in competitors]
    best = max(
        captured(cost, weights, s, competitors, attractiveness, ("exponential", 0.05)).sum()
        for s in subsets(ours, 3, required=[7])
    )
    assert 7 in result.open_sites.index and len(result.open_sites) == 3
    assert result.objective == pytest.approx(best, rel=1e-9)


@pytest.mark.parametrize("target", [0.3, 0.55, 0.7])
def test_target_market_share_opens_the_fewest_sites(target):
    cost, weights, competitors, attractiveness = huff_instance(5)
    ours = [j for j in range(8) if j not in competitors]
    decay = ("exponential", 0.05)
    mask = np.isin(np.arange(8), competitors)

    def largest(k):
        return max(
            captured(cost, weights, s, competitors, attractiveness, decay).sum()
            for s in subsets(ours, k)
        )

    fewest = next(k for k in range(1, len(ours) + 1) if largest(k) >= target * weights.sum())
    result = impuls.TargetMarketShare.from_cost_matrix(
        cost, weights, target, competitor_arr=mask, attractiveness_arr=attractiveness, decay=decay
    ).solve()
    assert result.status == "optimal" and result.model == "target-share"
    assert result.objective == fewest and len(result.open_sites) == fewest
    assert result.stats["share_optimal"] is True
    assert result.share == pytest.approx(largest(fewest) / weights.sum(), rel=1e-9)
    assert result.share >= target
    assert result.assignments["allocated_weight"].sum() == pytest.approx(result.share * weights.sum())


# -- GeoDataFrames, files and the CLI -------------------------------------------------------


def test_market_share_from_geodataframes_with_competitor_and_attractiveness_columns():
    rng = np.random.default_rng(12)
    d, s = rng.uniform(0, 20_000, (14, 2)), rng.uniform(0, 20_000, (7, 2))
    demand = gpd.GeoDataFrame(
        {"buyers": rng.integers(1, 50, 14).astype(float)},
        geometry=gpd.points_from_xy(*d.T), crs="EPSG:25832",
    )
    labels = [f"s{k}" for k in range(7)]
    stores = gpd.GeoDataFrame(
        {"rival": [True, False, False, True, False, False, False],
         "floor_space": [2.0, 1.0, 1.5, 1.0, 1.0, 2.5, 1.0]},
        geometry=gpd.points_from_xy(*s.T), crs="EPSG:25832", index=labels,
    )
    result = impuls.MaximizeMarketShare.from_geodataframe(
        demand, stores, "geometry", "geometry", "buyers", 2, competitor_col="rival",
        attractiveness_col="floor_space", decay=("power", 2),
    ).solve()
    metres = np.sqrt(((d[:, None] - s[None]) ** 2).sum(axis=2))
    attractiveness = stores["floor_space"].to_numpy()
    best = max(
        subsets([1, 2, 4, 5, 6], 2),
        key=lambda c: captured(metres, demand["buyers"].to_numpy(), c, [0, 3], attractiveness,
                               ("power", 2)).sum(),
    )
    assert set(result.open_sites.index) == {labels[j] for j in best}
    assert isinstance(result.open_sites, gpd.GeoDataFrame)
    assert list(result.open_sites.columns) == [
        "rival", "floor_space", "geometry", "n_assigned", "weight_assigned", "allocated_weight"
    ]
    attend = impuls.MaximizeAttendance.from_geodataframe(
        demand, stores[~stores["rival"]], "geometry", "geometry", "buyers", 2, cutoff=6000,
    ).solve()
    ours = metres[:, ~stores["rival"].to_numpy()]
    expected = max(
        attendance(ours, demand["buyers"].to_numpy(), c, 6000, ("linear", 1.0)).sum()
        for c in subsets(range(5), 2)
    )
    assert attend.objective == pytest.approx(expected, rel=1e-9)


def cli_json(cli, *args):
    done = subprocess.run(
        [str(cli), "--quiet", "solve", *args, "--json"], capture_output=True, text=True,
        timeout=300, check=True,
    )
    return json.loads(done.stdout)


def test_the_market_demo_file_as_in_the_cli(cli):
    instance = impuls.read_instance(MARKET)
    share = impuls.MaximizeMarketShare.from_instance(instance, 3, decay=("exponential", 0.15)).solve()
    expected = cli_json(cli, MARKET, "--model", "market-share", "-p", "3", "--decay",
                        "exponential", "--decay-param", "0.15")
    assert (share.status, share.objective, share.share) == (
        expected["status"], expected["objective"], expected["share"]
    )
    assert list(share.open_sites.index) == expected["open"] == ["wernigerode", "halberstadt", "thale"]
    target = impuls.TargetMarketShare.from_instance(instance, 0.4, decay=("exponential", 0.15)).solve()
    expected = cli_json(cli, MARKET, "--model", "target-share", "--target-share", "0.4",
                        "--decay", "exponential", "--decay-param", "0.15")
    assert (target.objective, target.share) == (expected["objective"], expected["share"])


def test_from_instance_equals_from_cost_matrix():
    instance = impuls.generate(60, 12, seed=5)
    cost, weights = instance.cost_matrix(), instance.weights
    pairs = [
        (impuls.MaximizeAttendance.from_instance(instance, 3, 25.0, decay=("power", 1.5)),
         impuls.MaximizeAttendance.from_cost_matrix(cost, weights, 3, 25.0, decay=("power", 1.5))),
        (impuls.PMedian.from_instance(instance, 3, cutoff=25.0),
         impuls.PMedian.from_cost_matrix(cost, weights, 3, cutoff=25.0)),
    ]
    for on_instance, on_matrix in pairs:
        a, b = on_instance.solve(), on_matrix.solve()
        assert a.status == b.status == "optimal"
        assert a.objective == pytest.approx(b.objective, rel=1e-9)
        assert a.unallocated == pytest.approx(b.unallocated) and a.unallocated > 0


# -- misuse ---------------------------------------------------------------------------------


def raised(kind, call):
    with pytest.raises(kind) as info:
        call()
    return str(info.value)


def test_misuse_of_cutoff_decay_and_target_share():
    cost, weights = np.arange(1, 13, dtype=float).reshape(4, 3), np.ones(4)
    P = impuls.ParameterError
    assert raised(P, lambda: impuls.PMedian.from_cost_matrix(cost, weights, 1, decay="power")) == (
        "decay 'power' needs its parameter: decay=('power', λ)"
    )
    assert raised(P, lambda: impuls.PMedian.from_cost_matrix(cost, weights, 1, decay="cubic")) == (
        "decay must be 'linear', ('power', λ) or ('exponential', λ), not 'cubic'"
    )
    assert raised(P, impuls.PMedian.from_cost_matrix(cost, weights, 1, decay=("cubic", 2)).solve) == (
        "unknown variant `cubic`, expected one of `linear`, `power`, `exponential`"
    )
    assert raised(P, impuls.PMedian.from_cost_matrix(cost, weights, 1, decay=("power", 0)).solve) == (
        "power decay needs a parameter λ > 0 (got 0)"
    )
    assert raised(P, impuls.PMedian.from_cost_matrix(cost, weights, 1, decay=("linear", 2)).solve) == (
        "linear decay has no parameter (ArcGIS fixes λ at 1; got 2)"
    )
    capped = impuls.PMedian.from_cost_matrix(cost, weights, 1, facility_capacity_arr=[9, 9, 9], cutoff=3)
    assert raised(P, capped.solve) == (
        "pmedian with a cutoff, decay or competitors is uncapacitated; the instance has capacities"
    )
    assert raised(P, impuls.MaximizeAttendance.from_cost_matrix(cost, weights, 1, cutoff=0).solve) == (
        "cutoff 0 must be > 0"
    )
    assert raised(P, lambda: impuls.MaximizeAttendance.from_cost_matrix(cost, weights, 1, None)) == (
        "cutoff must be a number, not None"
    )
    assert raised(P, impuls.TargetMarketShare.from_cost_matrix(cost, weights, 1.5).solve) == (
        "target share 1.5 must be in (0, 1]"
    )
    assert raised(P, lambda: impuls.TargetMarketShare.from_cost_matrix(cost, weights, "half")) == (
        "target_share must be a number, not 'half'"
    )


def test_misuse_of_competitors_and_attractiveness():
    cost, weights = np.arange(1, 13, dtype=float).reshape(4, 3), np.ones(4)
    share = impuls.MaximizeMarketShare.from_cost_matrix
    source = "MaximizeMarketShare.from_cost_matrix"
    assert raised(impuls.ParameterError, lambda: share(cost, weights, 1, competitor_arr=[1, 0])) == (
        f"{source}: competitor facilities has 2 entries, expected 3 (one per site)"
    )
    assert raised(impuls.InputError, lambda: share(cost, weights, 1, competitor_arr=[1, 1, 1])) == (
        f"{source}: sites: every site is a competitor: no candidate sites"
    )
    assert raised(impuls.InputError, lambda: share(cost, weights, 1, attractiveness_arr=[1, 0, 1])) == (
        f"{source}: site #2 (id '1'): attractiveness 0 must be > 0"
    )
    assert raised(impuls.InputError, lambda: share(
        cost, weights, 1, competitor_arr=[1, 0, 0], predefined_facilities_arr=[1, 0, 0])) == (
        f"{source}: site #1 (id '0'): a competitor cannot be required (it is not ours to open)"
    )
    assert raised(impuls.ParameterError, share(cost, weights, 3, competitor_arr=[1, 0, 0]).solve) == (
        "p = 3 is larger than the number of candidate sites (2)"
    )
    at_zero = cost.copy()
    at_zero[0, 2] = 0
    assert raised(impuls.ParameterError, share(at_zero, weights, 1, competitor_arr=[1, 0, 0]).solve) == (
        "Huff utility of site '2' for demand '0' (impedance 0) is infinite under linear decay; "
        "use --decay exponential or keep facilities off demand points"
    )
    rivals = share(cost, weights, 1, competitor_arr=[1, 0, 0]).instance
    assert raised(impuls.ParameterError, impuls.PMedian.from_instance(rivals, 1).solve) == (
        f"{source}: 1 competitor site(s) apply only to --model market-share or target-share; "
        "remove them for pmedian"
    )
    out_of_reach = impuls.TargetMarketShare.from_cost_matrix(cost, weights, 0.99, competitor_arr=[1, 0, 0])
    assert raised(impuls.InfeasibleError, out_of_reach.solve).startswith(
        "infeasible: target share 0.99 is out of reach: all 2 candidate sites capture "
    )


def test_problem_type_messages_are_the_clis(cli_error):
    instance = impuls.read_instance(MARKET)
    expected = cli_error("solve", MARKET, "--model", "pmedian", "-p", "2")
    assert raised(impuls.ParameterError, impuls.PMedian.from_instance(instance, 2).solve) == expected
    expected = cli_error("solve", MARKET, "--model", "target-share", "--target-share", "0.9",
                         "--decay", "exponential", "--decay-param", "0.15")
    model = impuls.TargetMarketShare.from_instance(instance, 0.9, decay=("exponential", 0.15))
    assert raised(impuls.InfeasibleError, model.solve) == expected


def test_problem_and_repr_name_the_parameters():
    model = impuls.MaximizeAttendance.from_cost_matrix(
        np.ones((2, 2)), [1, 1], 1, 5, decay=("power", 2), name="demo"
    )
    assert model.problem == {
        "kind": "attendance", "p": 1, "cutoff": 5.0, "decay": {"kind": "power", "param": 2.0}
    }
    assert repr(model) == (
        "MaximizeAttendance(name='demo', n_demand=2, n_sites=2, p=1, cutoff=5.0, decay=('power', 2.0))"
    )
    # site 0: 1 + 2·4 (beyond the cutoff, charged 4) = 9; site 1: 1·4 + 2·1 = 6
    result = impuls.PMedian.from_cost_matrix([[1.0, 9.0], [9.0, 1.0]], [1, 2], 1, cutoff=4).solve()
    assert repr(result).startswith(
        "Result(model='pmedian', status='optimal', objective=6.0, bound=6.0, gap=0.0, unallocated=1.0,"
    )
