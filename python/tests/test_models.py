"""Constructors and results: every model against brute force over all site sets, the result
tables against the cost matrix, GeoDataFrames in projected and geographic CRSs, files and
generated instances."""

from __future__ import annotations

import doctest
import itertools

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

import impuls


def small(seed: int, n: int = 12, m: int = 7):
    rng = np.random.default_rng(seed)
    cost = rng.integers(1, 100, (n, m)).astype(float)
    return cost, rng.integers(1, 10, n).astype(float)


def open_sets(m: int, p: int, required=()):
    return [s for s in itertools.combinations(range(m), p) if set(required) <= set(s)]


def brute_pmedian(cost, weights, p, required=()):
    return min((weights * cost[:, list(s)].min(axis=1)).sum() for s in open_sets(cost.shape[1], p, required))


def brute_pcenter(cost, p):
    return min(cost[:, list(s)].min(axis=1).max() for s in open_sets(cost.shape[1], p))


def brute_mclp(cost, weights, radius, p):
    return max(
        weights[(cost[:, list(s)] <= radius).any(axis=1)].sum() for s in open_sets(cost.shape[1], p)
    )


def brute_lscp(cost, radius, site_cost):
    m = cost.shape[1]
    return min(
        site_cost[list(s)].sum()
        for k in range(1, m + 1)
        for s in itertools.combinations(range(m), k)
        if (cost[:, list(s)] <= radius).any(axis=1).all()
    )


def check_tables(result, cost, weights):
    """The result tables agree with the cost matrix and with each other."""
    a = result.assignments
    assert list(a.columns) == ["demand", "site", "impedance", "weight"]
    assert list(a["demand"]) == list(range(cost.shape[0]))
    served = a["site"].notna().to_numpy()
    sites = a.loc[served, "site"].astype(int).to_numpy()
    assert set(sites) <= set(result.open_sites.index)
    np.testing.assert_array_equal(a.loc[served, "impedance"], cost[served.nonzero()[0], sites])
    np.testing.assert_array_equal(a["weight"], weights)
    assert result.open_sites["n_assigned"].sum() == served.sum()
    assert result.open_sites["weight_assigned"].sum() == pytest.approx(weights[served].sum())
    assert result.verified


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_pmedian_from_cost_matrix_is_optimal(seed):
    cost, weights = small(seed)
    result = impuls.PMedian.from_cost_matrix(cost, weights, p_facilities=3).solve()
    assert (result.status, result.model, result.p) == ("optimal", "pmedian", 3)
    assert result.objective == pytest.approx(brute_pmedian(cost, weights, 3))
    assert result.bound == pytest.approx(result.objective)
    assert len(result.open_sites) == 3
    check_tables(result, cost, weights)
    # every point goes to its nearest open site
    np.testing.assert_array_equal(
        result.assignments["impedance"], cost[:, list(result.open_sites.index)].min(axis=1)
    )


def test_predefined_facilities_stay_open():
    cost, weights = small(4)
    free = impuls.PMedian.from_cost_matrix(cost, weights, 3).solve()
    forced = next(j for j in range(7) if j not in free.open_sites.index)
    mask = np.zeros(7, dtype=bool)
    mask[forced] = True
    result = impuls.PMedian.from_cost_matrix(
        cost, weights, 3, predefined_facilities_arr=mask
    ).solve()
    assert forced in result.open_sites.index
    assert result.objective == pytest.approx(brute_pmedian(cost, weights, 3, required=[forced]))
    assert result.objective > free.objective


def test_capacitated_pmedian_is_single_source_and_optimal():
    cost, weights = small(5, n=7, m=4)
    capacity = np.full(4, weights.sum() / 2 + 1)
    result = impuls.PMedian.from_cost_matrix(
        cost, weights, 2, facility_capacity_arr=capacity
    ).solve()
    best = np.inf
    for s in open_sets(4, 2):
        for choice in itertools.product(s, repeat=7):
            load = np.bincount(choice, weights=weights, minlength=4)
            if (load <= capacity).all():
                best = min(best, (weights * cost[np.arange(7), choice]).sum())
    assert result.status == "optimal"
    assert result.objective == pytest.approx(best)
    assert (result.open_sites["weight_assigned"] <= capacity[0]).all()
    check_tables(result, cost, weights)


@pytest.mark.parametrize("seed", [1, 2])
def test_pcenter_from_cost_matrix_is_optimal(seed):
    cost, _ = small(seed)
    result = impuls.PCenter.from_cost_matrix(cost, p_facilities=2).solve()
    assert result.status == "optimal"
    assert result.objective == brute_pcenter(cost, 2)
    assert result.assignments["impedance"].max() == result.objective
    check_tables(result, cost, np.ones(12))


@pytest.mark.parametrize("seed", [1, 2])
def test_mclp_from_cost_matrix_is_optimal_and_marks_uncovered_points(seed):
    cost, weights = small(seed)
    result = impuls.MCLP.from_cost_matrix(cost, weights, service_radius=20, p_facilities=2).solve()
    assert result.status == "optimal"
    assert result.objective == brute_mclp(cost, weights, 20, 2)
    a = result.assignments
    covered = a["site"].notna()
    assert not covered.all(), "this instance leaves points uncovered"
    assert a.loc[~covered, "impedance"].isna().all()
    assert (a.loc[covered, "impedance"] <= 20).all()
    assert a.loc[covered, "weight"].sum() == result.objective
    check_tables(result, cost, weights)


def test_lscp_from_cost_matrix_with_and_without_costs():
    cost, _ = small(6)
    radius = cost.min(axis=1).max() + 10
    plain = impuls.LSCP.from_cost_matrix(cost, service_radius=radius).solve()
    assert plain.status == "optimal"
    assert plain.objective == brute_lscp(cost, radius, np.ones(7))
    site_cost = np.array([5.0, 1.0, 4.0, 2.0, 3.0, 2.5, 1.5])
    priced = impuls.LSCP.from_cost_matrix(
        cost, service_radius=radius, facility_cost_arr=site_cost
    ).solve()
    assert priced.objective == pytest.approx(brute_lscp(cost, radius, site_cost))
    assert priced.objective == pytest.approx(site_cost[list(priced.open_sites.index)].sum())


def test_unreachable_pairs_are_never_assigned():
    cost, weights = small(7)
    cost[:, 0] = np.inf  # site 0 serves nobody
    cost[3, 1:4] = np.nan
    result = impuls.PMedian.from_cost_matrix(cost, weights, 2).solve()
    finite = np.where(np.isfinite(cost), cost, np.inf)
    assert result.objective == pytest.approx(brute_pmedian(finite, weights, 2))
    assert result.assignments.loc[3, "site"] not in (1, 2, 3)


def points(coords, crs, **columns):
    x, y = np.asarray(coords, dtype=float).T
    return gpd.GeoDataFrame(columns, geometry=gpd.points_from_xy(x, y), crs=crs)


def test_projected_geodataframes_use_planar_distance_in_the_crs_unit():
    rng = np.random.default_rng(8)
    d = rng.uniform(0, 10_000, (30, 2)) + [600_000, 5_700_000]
    s = rng.uniform(0, 10_000, (9, 2)) + [600_000, 5_700_000]
    pop = rng.integers(10, 500, 30).astype(float)
    demand = points(d, "EPSG:25832", pop=pop).set_index(pd.Index([f"d{k}" for k in range(30)]))
    sites = points(s, "EPSG:25832", name=[f"Ort {k}" for k in range(9)])
    result = impuls.PMedian.from_geodataframe(
        demand, sites, "geometry", "geometry", "pop", p_facilities=3
    ).solve()
    cost = np.sqrt(((d[:, None] - s[None]) ** 2).sum(axis=2))
    assert result.unit == "metre"
    assert result.objective == pytest.approx(brute_pmedian(cost, pop, 3), rel=1e-12)
    assert list(result.assignments["demand"]) == list(demand.index)
    opened = result.open_sites
    assert isinstance(opened, gpd.GeoDataFrame) and opened.crs == sites.crs
    assert list(opened.columns) == ["name", "geometry", "n_assigned", "weight_assigned"]
    assert opened["weight_assigned"].sum() == pop.sum()


def haversine_km(a, b):
    lon1, lat1, lon2, lat2 = map(np.radians, (a[:, None, 0], a[:, None, 1], b[None, :, 0], b[None, :, 1]))
    h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * np.arcsin(np.sqrt(h))


def test_geographic_geodataframes_use_great_circle_km():
    rng = np.random.default_rng(9)
    d = rng.uniform([10.6, 51.6], [11.4, 52.0], (25, 2))
    s = rng.uniform([10.6, 51.6], [11.4, 52.0], (8, 2))
    demand, sites = points(d, "EPSG:4326", pop=np.ones(25)), points(s, "EPSG:4326")
    km = haversine_km(d, s)
    median = impuls.PMedian.from_geodataframe(demand, sites, "geometry", "geometry", "pop", 2).solve()
    assert median.unit == "km"
    assert median.objective == pytest.approx(brute_pmedian(km, np.ones(25), 2), rel=1e-9)
    covering = impuls.MCLP.from_geodataframe(
        demand, sites, "geometry", "geometry", "pop", service_radius=8.0, p_facilities=2
    ).solve()
    assert covering.objective == brute_mclp(km, np.ones(25), 8.0, 2)
    # another geographic CRS (ETRS89) is reprojected to WGS84 lon/lat first
    etrs = impuls.PMedian.from_geodataframe(
        demand.to_crs(4258), sites.to_crs(4258), "geometry", "geometry", "pop", 2
    ).solve()
    assert etrs.objective == pytest.approx(median.objective, rel=1e-6)
    geodesic = impuls.PMedian.from_geodataframe(
        demand, sites, "geometry", "geometry", "pop", 2, distance_metric="geodesic"
    ).solve()
    assert geodesic.objective == pytest.approx(median.objective, rel=5e-3)
    assert geodesic.objective != median.objective


def test_geodataframe_columns_for_predefined_sites_capacities_and_costs():
    rng = np.random.default_rng(10)
    d, s = rng.uniform(0, 100, (15, 2)), rng.uniform(0, 100, (6, 2))
    demand = points(d, None, pop=np.full(15, 2.0), need=np.ones(15))
    sites = points(s, None, existing=[False, False, False, False, True, False],
                   cap=np.full(6, 10.0), price=[3.0, 1, 2, 2, 1, 4])
    cost = np.sqrt(((d[:, None] - s[None]) ** 2).sum(axis=2))
    fixed = impuls.PCenter.from_geodataframe(
        demand, sites, "geometry", "geometry", 2, predefined_facility_col="existing"
    ).solve()
    assert 4 in fixed.open_sites.index
    capped = impuls.PMedian.from_geodataframe(
        demand, sites, "geometry", "geometry", "pop", 2,
        facility_capacity_col="cap", demand_quantity_col="need",
    ).solve()
    assert (capped.open_sites["n_assigned"] <= 10).all()
    radius = cost.min(axis=1).max() + 5
    priced = impuls.LSCP.from_geodataframe(
        demand, sites, "geometry", "geometry", radius, facility_cost_col="price"
    ).solve()
    assert priced.objective == pytest.approx(brute_lscp(cost, radius, sites["price"].to_numpy()))


def test_orlib_file_and_its_stated_p(bench_dir):
    instance = impuls.read_instance(bench_dir / "orlib-pmed" / "pmed1.txt")
    assert (instance.n_demand, instance.n_sites, instance.stated_p) == (100, 100, 5)
    result = impuls.PMedian.from_instance(instance).solve()
    assert (result.status, result.objective) == ("optimal", 5819)  # optima.csv
    assert list(result.assignments["demand"][:3]) == ["1", "2", "3"]
    # the same matrix through from_cost_matrix
    again = impuls.PMedian.from_cost_matrix(instance.cost_matrix(), instance.weights, 5).solve()
    assert again.objective == 5819
    assert sorted(again.open_sites.index + 1) == sorted(int(j) for j in result.open_sites.index)


def test_generated_instances_are_reproducible():
    a, b = impuls.generate(400, 40, seed=3), impuls.generate(400, 40, seed=3)
    assert (a.n_demand, a.n_sites, a.crs, a.unit) == (400, 40, "planar", "units")
    np.testing.assert_array_equal(a.demand_xy, b.demand_xy)
    np.testing.assert_array_equal(a.weights, b.weights)
    assert not np.array_equal(a.demand_xy, impuls.generate(400, 40, seed=4).demand_xy)
    first = impuls.MCLP.from_instance(a, service_radius=10.0, p_facilities=5).solve()
    second = impuls.MCLP.from_instance(b, service_radius=10.0, p_facilities=5).solve()
    assert first.status == "optimal"
    assert list(first.open_sites.index) == list(second.open_sites.index)
    lscp = impuls.LSCP.from_instance(a, service_radius=60.0).solve()
    assert lscp.assignments["site"].notna().all()


def test_limits_give_honest_statuses():
    instance = impuls.generate(3000, 300, seed=11)
    result = impuls.PMedian.from_instance(instance, p_facilities=30).solve(time_limit=0.0)
    assert result.status in ("time_limit", "optimal")
    if result.status == "time_limit":
        assert result.objective is None or result.bound is None or result.objective >= result.bound
    loose = impuls.PMedian.from_instance(instance, p_facilities=30).solve(gap=0.5)
    assert loose.status in ("gap_limit", "optimal")
    assert loose.gap is not None and loose.gap <= 0.5
    assert loose.verified


def test_model_repr_and_problem():
    model = impuls.MCLP.from_cost_matrix(np.ones((3, 2)), [1, 2, 3], 1.5, 1, name="demo")
    assert model.problem == {"kind": "mclp", "p": 1, "radius": 1.5}
    assert repr(model) == "MCLP(name='demo', n_demand=3, n_sites=2, p=1, radius=1.5)"
    result = model.solve()
    assert model.result is result
    assert repr(result).startswith("Result(model='mclp', status='optimal', objective=6.0")


def test_package_docstring_example():
    failures, tried = doctest.testmod(impuls)
    assert tried > 0 and failures == 0
