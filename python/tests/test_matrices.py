"""Routing-engine matrices from Python: ``read_instance(matrix=…)`` with the OSRM table JSON and
r5py CSV fixtures of tests/data/matrices/ (the instance's impedances are the fixture's own
numbers, optima as the CLI's), their options and messages, and ``pareto(matrix=…)``."""

from __future__ import annotations

import json
import subprocess

import numpy as np
import pandas as pd
import pytest

import impuls
from spopt_crosscheck import REPO

DEMO = str(REPO / "instances" / "demo" / "demo.geojson")
MATRICES = REPO / "tests" / "data" / "matrices"


def osrm(field):
    """The OSRM fixture's durations (seconds → minutes) or distances (metres → km), inf = null."""
    table = json.loads((MATRICES / "demo-osrm.json").read_text())
    scale = 60.0 if field == "durations" else 1000.0
    return np.array([[np.inf if v is None else v / scale for v in row] for row in table[field]])


def r5py(name, column, instance):
    """An r5py CSV as a demand × site matrix in instance order (empty or missing = inf)."""
    table = pd.read_csv(MATRICES / name)
    wide = table.pivot(index="from_id", columns="to_id", values=column)
    wide = wide.reindex(index=instance.demand_ids, columns=instance.site_ids)
    return wide.fillna(np.inf).to_numpy()


def cli_objective(cli, *matrix_args):
    done = subprocess.run(
        [str(cli), "--quiet", "solve", DEMO, "--model", "pmedian", "-p", "2", "--json", *matrix_args],
        capture_output=True, text=True, timeout=300, check=True,
    )
    return json.loads(done.stdout)["objective"]


def brute_p2(cost, weights, required):
    """The p = 2 median: the required site and one other, each point at its nearest."""
    return min(
        (weights * cost[:, [required, j]].min(axis=1)).sum()
        for j in range(cost.shape[1])
        if j != required and np.isfinite(cost[:, [required, j]].min(axis=1)).all()
    )


def required_site(instance):
    """The position of the demo's one required site."""
    features = json.loads(open(DEMO).read())["features"]
    (site,) = [f["properties"]["id"] for f in features if f["properties"].get("required")]
    return instance.site_ids.index(site)


@pytest.mark.parametrize(
    "field, expected",
    [(None, "durations"), ("duration", "durations"), ("distance", "distances")],
)
def test_osrm_table(cli, field, expected):
    instance = impuls.read_instance(DEMO, matrix=MATRICES / "demo-osrm.json", matrix_field=field)
    cost = osrm(expected)
    assert np.isinf(cost).any(), "the fixture has unreachable pairs"
    np.testing.assert_allclose(instance.cost_matrix(), cost, rtol=1e-12)
    assert instance.unit == "units"
    result = impuls.PMedian.from_instance(instance, 2).solve()
    assert result.status == "optimal"
    assert result.objective == pytest.approx(brute_p2(cost, instance.weights, required_site(instance)))
    args = ["--matrix", str(MATRICES / "demo-osrm.json")] + ([] if field is None else ["--matrix-field", field])
    assert result.objective == cli_objective(cli, *args)


@pytest.mark.parametrize(
    "name, column, field",
    [("demo-r5py.csv", "travel_time", None),
     ("demo-r5py-percentiles.csv", "travel_time_p75", "travel_time_p75"),
     ("demo-r5py-percentiles.csv", "travel_time_p25", "travel_time_p25")],
)
def test_r5py_matrix(cli, name, column, field):
    instance = impuls.read_instance(
        DEMO, matrix=MATRICES / name, matrix_format="r5py", matrix_field=field
    )
    cost = r5py(name, column, instance)
    assert np.isinf(cost).any(), "empty cells are unreachable"
    np.testing.assert_array_equal(instance.cost_matrix(), cost)
    result = impuls.PMedian.from_instance(instance, 2).solve()
    assert result.objective == pytest.approx(brute_p2(cost, instance.weights, required_site(instance)))
    args = ["--matrix", str(MATRICES / name)] + ([] if field is None else ["--matrix-field", field])
    assert result.objective == cli_objective(cli, *args)


def raised(kind, call):
    with pytest.raises(kind) as info:
        call()
    return str(info.value)


def test_matrix_messages_as_in_the_cli(tmp_path, cli_error):
    percentiles = str(MATRICES / "demo-r5py-percentiles.csv")
    expected = cli_error("info", DEMO, "--matrix", percentiles)
    assert "several percentile columns" in expected
    assert raised(impuls.InputError, lambda: impuls.read_instance(DEMO, matrix=percentiles)) == expected
    # OSRM rows in another order: the waypoint snapped far from its demand point
    table = json.loads((MATRICES / "demo-osrm.json").read_text())
    for key in ("durations", "distances", "sources"):
        table[key][0], table[key][1] = table[key][1], table[key][0]
    swapped = tmp_path / "swapped.json"
    swapped.write_text(json.dumps(table))
    expected = cli_error("info", DEMO, "--matrix", str(swapped))
    assert f"{swapped}: sources[0]: snapped to" in expected
    assert raised(impuls.InputError, lambda: impuls.read_instance(DEMO, matrix=swapped)) == expected
    assert impuls.read_instance(DEMO, matrix=swapped, matrix_snap_km=25).n_demand == 14
    assert raised(impuls.ParameterError, lambda: impuls.read_instance(DEMO, matrix_field="distance")) == (
        "matrix_format, matrix_field and matrix_snap_km need matrix=FILE"
    )
    assert raised(impuls.ParameterError, lambda: impuls.read_instance(
        DEMO, matrix=swapped, matrix_format="xml")) == (
        "matrix_format: unknown value 'xml' (choose from csv, r5py, osrm)"
    )


def test_pareto_with_an_osrm_matrix_equals_the_cli(cli, tmp_path, small_catalogue):
    matrix = MATRICES / "small_catalogue-osrm.json"
    subprocess.run(
        [str(cli), "--quiet", "pareto", str(small_catalogue), "--matrix", str(matrix),
         "--matrix-format", "osrm", "-o", str(tmp_path)],
        check=True, capture_output=True, timeout=300,
    )
    expected = json.loads((tmp_path / "proposals.json").read_text())
    front = impuls.pareto(small_catalogue, matrix=matrix, matrix_format="osrm")
    assert {k: v for k, v in front.raw.items() if k != "seconds"} == {
        k: v for k, v in expected.items() if k != "seconds"
    }
    plain = impuls.pareto(small_catalogue)
    assert not front.proposals.equals(plain.proposals), "the matrix changes the minutes"
