"""Errors: the library's variants as Python exceptions with exactly the CLI's one-line
messages (compared with the binary's output), and the bindings' own messages."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pytest
from shapely.geometry import Point, Polygon

import impuls


def native(tmp_path, name, sites_extra=None, weights=(1, 3)):
    """A two-point native JSON instance; ``sites_extra`` adds fields to every site."""
    sites = [{"id": "s1", "x": 0, "y": 0}, {"id": "s2", "x": 4, "y": 0}]
    for s in sites:
        s.update(sites_extra or {})
    body = {
        "name": name,
        "demand": [
            {"id": "a", "x": 1, "y": 0, "weight": weights[0]},
            {"id": "b", "x": 3, "y": 0, "weight": weights[1]},
        ],
        "sites": sites,
    }
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(body))
    return path


def raised(kind, call):
    with pytest.raises(kind) as info:
        call()
    return str(info.value)


def test_the_hierarchy():
    for kind in (impuls.IoError, impuls.InputError, impuls.ParameterError, impuls.InfeasibleError,
                 impuls.SolverError, impuls.VerificationError, impuls.TooLargeError):
        assert issubclass(kind, impuls.ImpulsError)
        assert kind.__module__ == "impuls"
    assert issubclass(impuls.ParameterError, ValueError)
    assert issubclass(impuls.InputError, ValueError)
    assert issubclass(impuls.IoError, OSError)


def test_missing_file_is_an_io_error_as_in_the_cli(tmp_path, cli_error):
    missing = tmp_path / "missing.json"
    expected = cli_error("solve", str(missing), "--model", "pmedian", "-p", "1")
    assert expected == f"{missing}: No such file or directory (os error 2)"
    assert raised(impuls.IoError, lambda: impuls.read_instance(missing)) == expected


def test_malformed_file_is_an_input_error_as_in_the_cli(tmp_path, cli_error):
    path = tmp_path / "broken.json"
    path.write_text('{"demand": [\n  {"id": "a", "x": 1}\n}')
    expected = cli_error("solve", str(path), "--model", "pmedian", "-p", "1")
    assert expected == f"{path}: line 2, column 21: missing field `y`"
    assert raised(impuls.InputError, lambda: impuls.read_instance(path)) == expected


def test_invalid_value_is_an_input_error_as_in_the_cli(tmp_path, cli_error):
    path = native(tmp_path, "negative", weights=(1, -1))
    expected = cli_error("solve", str(path), "--model", "pmedian", "-p", "1")
    assert expected == f"{path}: demand #2 (id 'b'): weight -1 is negative"
    assert raised(impuls.InputError, lambda: impuls.read_instance(path)) == expected


def test_parameters_are_checked_as_in_the_cli(tmp_path, cli_error):
    path = native(tmp_path, "two")
    instance = impuls.read_instance(path)
    expected = cli_error("solve", str(path), "--model", "pmedian", "-p", "3")
    assert expected == "p = 3 is larger than the number of candidate sites (2)"
    solve = impuls.PMedian.from_instance(instance, 3).solve
    assert raised(impuls.ParameterError, solve) == expected
    expected = cli_error("solve", str(path), "--model", "mclp", "-p", "1", "--radius", "0")
    assert expected == "radius 0 must be > 0"
    assert raised(impuls.ParameterError, impuls.MCLP.from_instance(instance, 0, 1).solve) == expected


def test_capacity_below_demand_is_infeasible_as_in_the_cli(tmp_path, cli_error):
    path = native(tmp_path, "tight", sites_extra={"capacity": 1})
    expected = cli_error("solve", str(path), "--model", "pmedian", "-p", "2")
    assert expected == f"infeasible: {path}: total capacity 2 is below total demand 4"
    model = impuls.PMedian.from_instance(impuls.read_instance(path), 2)
    assert raised(impuls.InfeasibleError, model.solve) == expected


def test_pareto_errors_as_in_the_cli(tmp_path, small_catalogue, cli_error):
    expected = cli_error("pareto", str(small_catalogue), "--objectives", "access,speed",
                         "-o", str(tmp_path / "out"))
    assert expected.startswith("unknown objective 'speed'")
    assert raised(impuls.ParameterError, lambda: impuls.pareto(small_catalogue, ["access", "speed"])) == expected
    assert raised(impuls.ParameterError, lambda: impuls.pareto(small_catalogue, "access,speed")) == expected
    missing = tmp_path / "no-catalogue"
    expected = cli_error("pareto", str(missing), "-o", str(tmp_path / "out"))
    assert raised(impuls.IoError, lambda: impuls.pareto(missing)) == expected


def test_pareto_study_errors_as_in_the_cli(tmp_path, small_catalogue, cli_error):
    def cli(*args):
        return cli_error("pareto", str(small_catalogue), "-o", str(tmp_path / "out"), *args)

    expected = cli("--objectives", "pt_access,balance")
    assert expected.startswith("objective 'pt_access' needs public-transport travel times")
    assert raised(impuls.ParameterError, lambda: impuls.pareto(small_catalogue, "pt_access,balance")) == expected
    expected = cli("--scenario", "2035")
    assert expected.endswith(
        "row 1: no column 'population_2035' for scenario '2035' (the file has no population_* column)")
    assert raised(impuls.InputError, lambda: impuls.pareto(small_catalogue, scenario="2035")) == expected
    expected = cli("--lock", "oberlandesgericht=alpha")
    assert expected.startswith("--lock oberlandesgericht=alpha: unknown function 'oberlandesgericht'")
    assert raised(impuls.ParameterError, lambda: impuls.pareto(
        small_catalogue, lock=[("oberlandesgericht", "alpha")])) == expected
    expected = cli("--forbid", "nonsense")
    assert raised(impuls.ParameterError, lambda: impuls.pareto(small_catalogue, forbid="nonsense")) == expected
    assert raised(impuls.ParameterError, lambda: impuls.pareto(small_catalogue, lock=[("a", "b", "c")])) == (
        "lock: each entry is 'function=town' or (function, town), not ('a', 'b', 'c')"
    )
    assert raised(impuls.ParameterError, lambda: impuls.pareto(small_catalogue, matrix_field="distance")) == (
        "matrix_format, matrix_field and matrix_snap_km need matrix=FILE"
    )


def test_cost_matrix_inputs():
    cost = np.ones((4, 3))
    assert raised(impuls.InputError, lambda: impuls.PMedian.from_cost_matrix(cost, [1, -1, 1, 1], 1)) == (
        "PMedian.from_cost_matrix: demand #2 (id '1'): weight -1 is negative"
    )
    assert raised(impuls.ParameterError, lambda: impuls.PMedian.from_cost_matrix(cost, [1, 1, 1], 1)) == (
        "PMedian.from_cost_matrix: weights has shape (3,), expected (4,)"
    )
    assert raised(impuls.ParameterError, lambda: impuls.PCenter.from_cost_matrix(np.ones(4), 1)) == (
        "PCenter.from_cost_matrix: cost_matrix must be 2-dimensional (demand × sites), not 1-dimensional"
    )
    bad = cost.copy()
    bad[2, 1] = -3
    assert raised(impuls.InputError, lambda: impuls.LSCP.from_cost_matrix(bad, 1.0)) == (
        "LSCP.from_cost_matrix: cost_matrix[2, 1]: impedance -3.0 is negative"
    )
    assert raised(impuls.ParameterError, lambda: impuls.MCLP.from_cost_matrix(
        cost, np.ones(4), 1.0, 1, predefined_facilities_arr=[True, False])) == (
        "MCLP.from_cost_matrix: predefined facilities has 2 entries, expected 3 (one per site)"
    )
    assert raised(impuls.ParameterError, lambda: impuls.PMedian.from_cost_matrix(cost, np.ones(4), 0)) == (
        "p_facilities 0 must be at least 1"
    )
    assert raised(impuls.ParameterError, lambda: impuls.PMedian.from_cost_matrix(cost, np.ones(4), 2.5)) == (
        "p_facilities must be a whole number, not 2.5"
    )
    assert raised(impuls.InputError, lambda: impuls.PMedian.from_cost_matrix([["a"]], [1], 1)).startswith(
        "PMedian.from_cost_matrix: cost_matrix: not numbers"
    )


def test_solve_options():
    model = impuls.PMedian.from_cost_matrix(np.ones((2, 2)), [1, 1], 1)
    assert raised(impuls.ParameterError, lambda: model.solve(gap=-0.1)) == "gap -0.1 must be ≥ 0"
    assert raised(impuls.ParameterError, lambda: model.solve(time_limit=-1)) == "time_limit -1 must be ≥ 0"
    assert raised(impuls.ParameterError, lambda: model.solve(method="fast")) == (
        "method: unknown value 'fast' (choose from auto, compact, benders)"
    )


def test_read_instance_options(tmp_path):
    path = native(tmp_path, "two")
    assert raised(impuls.ParameterError, lambda: impuls.read_instance(path, format="xml")).startswith(
        "format: unknown variant `xml`, expected one of `native`, `geojson`, `orlib`"
    )
    assert raised(impuls.ParameterError, lambda: impuls.read_instance(tmp_path / "x.dat")) == (
        f"{tmp_path / 'x.dat'}: cannot tell the format from the name; pass --format native|geojson|orlib|orlib-cap|tsplib|sjc"
    )


def gdf(geometries, crs="EPSG:25832", **columns):
    return gpd.GeoDataFrame(columns, geometry=geometries, crs=crs)


def test_geodataframe_inputs():
    demand = gdf([Point(0, 0), Polygon([(0, 0), (1, 0), (1, 1)])], pop=[1, 2])
    sites = gdf([Point(1, 1)])
    assert raised(impuls.InputError, lambda: impuls.PMedian.from_geodataframe(
        demand, sites, "geometry", "geometry", "pop", 1)) == (
        "PMedian.from_geodataframe: gdf_demand row 2 (index 1): geometry is a Polygon, "
        "not a point (use .centroid or .representative_point())"
    )
    demand = gdf([Point(0, 0), Point(2, 2)], pop=[1, 2])
    assert raised(impuls.ParameterError, lambda: impuls.PMedian.from_geodataframe(
        demand, sites, "geometry", "geometry", "people", 1)) == (
        "PMedian.from_geodataframe: gdf_demand has no column 'people'"
    )
    assert raised(impuls.ParameterError, lambda: impuls.PMedian.from_geodataframe(
        demand, sites.to_crs(4326), "geometry", "geometry", "pop", 1)) == (
        "PMedian.from_geodataframe: gdf_demand and gdf_fac have different crs "
        "(EPSG:25832 and EPSG:4326); reproject one with .to_crs()"
    )
    lonlat = gdf([Point(11, 52), Point(11.1, 52)], crs="EPSG:4326", pop=[1, 2])
    assert raised(impuls.InputError, lambda: impuls.PMedian.from_geodataframe(
        lonlat, lonlat, "geometry", "geometry", "pop", 1, distance_metric="euclidean")) == (
        "PMedian.from_geodataframe: impedance: crs wgs84 needs metric haversine or geodesic "
        "(degrees are not a length)"
    )
    assert raised(impuls.ParameterError, lambda: impuls.PMedian.from_geodataframe(
        demand, sites, "geometry", "geometry", "pop", 1, distance_metric="manhattan")).startswith(
        "distance metric: unknown variant `manhattan`"
    )
