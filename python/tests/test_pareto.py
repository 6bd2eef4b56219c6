"""Pareto proposals from Python against the CLI's files on the same catalogue: every evaluated
objective and readable value as in pareto.csv, population scenarios with their classification,
what-if locks and forbids, representatives and robust decisions, and the written files."""

from __future__ import annotations

import json
import subprocess

import numpy as np
import pandas as pd
import pytest

import impuls


def run_cli(cli, catalogue, objectives, out, *extra):
    subprocess.run(
        [str(cli), "--quiet", "pareto", str(catalogue), "--objectives", objectives, "-o", str(out),
         *extra],
        check=True, capture_output=True, timeout=600,
    )
    return json.loads((out / "proposals.json").read_text())


def without_seconds(raw):
    """A ProposalSet without its timings (the base front's and the scenario front's)."""
    out = {k: v for k, v in raw.items() if k != "seconds"}
    if out.get("scenario"):
        out["scenario"] = {k: v for k, v in out["scenario"].items() if k != "seconds"}
    return out


def assert_nondominated(front):
    """No proposal dominates another in the chosen objectives (senses from the library)."""
    sense = front.objective_info["sense"]
    signed = pd.DataFrame(
        {o: front.proposals[o] * (-1 if sense[o] == "max" else 1) for o in front.objectives}
    )
    for _, row in signed.iterrows():
        assert not ((signed <= row).all(axis=1) & (signed < row).any(axis=1)).any()


@pytest.mark.parametrize(
    "catalogue, objectives",
    [("small_catalogue", "access,balance,change"), ("harz_dir", "access,balance"),
     ("harz_dir", "pt_access,balance")],
)
def test_front_equals_the_cli(request, cli, tmp_path, catalogue, objectives):
    directory = request.getfixturevalue(catalogue)
    expected = run_cli(cli, directory, objectives, tmp_path / "cli")
    front = impuls.pareto(directory, objectives.split(","))
    assert without_seconds(front.raw) == without_seconds(expected)
    assert front.complete and front.objectives == objectives.split(",")
    assert len(front.proposals) == len(expected["proposals"]) > 1
    # the table is pareto.csv: every evaluated objective, then the readable values
    csv = pd.read_csv(tmp_path / "cli" / "pareto.csv", index_col="proposal")
    assert list(front.proposals.columns) == list(csv.columns)
    evaluated = [o["name"] for o in expected["all_objectives"]]
    if catalogue == "harz_dir":  # the Harz has its own ÖPNV times
        assert evaluated[-2:] == ["pt_access", "pt_reach"] and len(evaluated) == 8
        assert list(csv.columns[8:]) == ["access_avg_min", "coverage_pct", "pt_access_avg_min", "pt_reach_pct"]
    table = pd.concat([front.status_quo.to_frame().T, front.proposals])
    np.testing.assert_allclose(table[evaluated], csv.loc[table.index, evaluated], rtol=1e-12)
    readable = list(csv.columns[len(evaluated):])
    np.testing.assert_allclose(table[readable], csv.loc[table.index, readable], atol=5e-5)
    for p in expected["proposals"]:
        assert front.proposals.loc[p["id"], evaluated].to_dict() == p["objectives"]
        rows = front.allocations[front.allocations["proposal"] == p["id"]]
        assert {f: sorted(rows.loc[rows["function"] == f, "town"]) for f in p["allocation"]} == {
            f: sorted(t) for f, t in p["allocation"].items()
        }
    assert front.status_quo[evaluated].to_dict() == expected["status_quo"]["objectives"]
    assert_nondominated(front)
    assert front.scenario is None and front.what_if.empty


def test_harz_front_keeps_the_locks(harz_dir):
    front = impuls.pareto(harz_dir, "access,balance")
    assert list(front.towns["name"]) == ["Halberstadt", "Quedlinburg", "Wernigerode"]
    assert front.places["population"].sum() == 259_401  # Zensus 2022
    welterbe = front.allocations[front.allocations["function"] == "welterbe_quedlinburg"]
    assert set(welterbe["town"]) == {"quedlinburg"}
    assert set(welterbe["proposal"]) == {"status_quo", *front.proposals.index}


def test_scenario_does_what_the_cli_does(cli, tmp_path, harz_dir):
    expected = run_cli(cli, harz_dir, "pt_access,change", tmp_path / "cli", "--scenario", "2035")
    front = impuls.pareto(harz_dir, ["pt_access", "change"], scenario="2035")
    assert without_seconds(front.raw) == without_seconds(expected)
    s = front.scenario
    assert (s.name, s.population, s.base_population) == ("2035", 223_298, 259_401)
    # the base front is computed under today's population, not replaced by the scenario's
    base = impuls.pareto(harz_dir, ["pt_access", "change"])
    pd.testing.assert_frame_equal(front.proposals[base.proposals.columns], base.proposals)
    # every proposal classified; all three classes and new scenario proposals occur here
    counts = front.proposals["scenario_class"].value_counts()
    assert counts.to_dict() == {
        k: v for k, v in [("optimal", s.stays_optimal), ("within_1pct", s.within_1pct),
                          ("outside", s.outside)] if v
    }
    assert s.stays_optimal and s.within_1pct and s.outside and len(s.new_proposals) > 0
    assert (front.proposals.loc[front.proposals["scenario_class"] == "optimal", "scenario_gap_pct"] == 0).all()
    assert (front.proposals.loc[front.proposals["scenario_class"] == "outside", "scenario_gap_pct"] > 1).all()
    for p in expected["proposals"]:
        row = s.proposals.loc[p["id"]]
        assert row[list(p["scenario"]["objectives"])].to_dict() == p["scenario"]["objectives"]
        assert (row["class"], row["gap_pct"]) == (p["scenario"]["class"], p["scenario"]["gap_pct"])
    # fewer inhabitants: less weighted ÖPNV time for the same allocation
    assert (s.proposals["pt_access"] < front.proposals["pt_access"]).all()
    assert s.status_quo["pt_access"] < front.status_quo["pt_access"]
    assert list(s.new_proposals.index) == [p["id"] for p in expected["scenario"]["new_proposals"]]
    assert set(s.new_allocations["proposal"]) == set(s.new_proposals.index)
    assert not front.complete or s.complete


def test_lock_and_forbid_as_in_the_cli(cli, tmp_path, harz_dir):
    expected = run_cli(cli, harz_dir, "access,balance", tmp_path / "cli",
                       "--lock", "landgericht=Wernigerode",
                       "--forbid", "hochschule_hauptstandort=quedlinburg")
    front = impuls.pareto(harz_dir, "access,balance", lock=[("landgericht", "Wernigerode")],
                          forbid="hochschule_hauptstandort=quedlinburg")
    assert without_seconds(front.raw) == without_seconds(expected)
    assert front.what_if.values.tolist() == [
        ["lock", "landgericht", "wernigerode"], ["forbid", "hochschule_hauptstandort", "quedlinburg"]
    ]
    a = front.allocations[front.allocations["proposal"] != "status_quo"]
    assert set(a.loc[a["function"] == "landgericht", "town"]) == {"wernigerode"}
    assert "quedlinburg" not in set(a.loc[a["function"] == "hochschule_hauptstandort", "town"])
    free = impuls.pareto(harz_dir, "access,balance")
    assert not free.proposals.equals(front.proposals), "the what-if constraints change the front"


def test_representatives_and_robust_decisions(harz_dir):
    front = impuls.pareto(harz_dir, "access,balance,change", max_points=40)
    reps = front.representatives
    assert 1 <= len(reps) <= 7 and set(reps.index) <= set(front.proposals.index)
    assert list(reps.columns) == ["label", "rules", "relocations", "distance", "explanation"]
    assert reps["relocations"].is_monotonic_increasing
    assert reps["explanation"].str.len().gt(50).all()
    # robust decisions recounted from the allocations
    robust = front.robust_decisions
    chosen = front.allocations[front.allocations["proposal"] != "status_quo"]
    configurations = (
        chosen.sort_values("town").groupby(["proposal", "function"])["town"].agg("+".join)
    )
    n = len(front.proposals)
    for function, group in robust.groupby("function", sort=False):
        towns = configurations.xs(function, level="function").reindex(front.proposals.index, fill_value="")
        recount = towns.value_counts()
        assert dict(zip(group["towns"].map(lambda t: "+".join(sorted(t.split("+")))), group["count"])) == recount.to_dict()
        assert group["share"].sum() == pytest.approx(1.0) and group["count"].sum() == n
        assert group["unanimous"].all() == (len(group) == 1)
        today = front.allocations[(front.allocations["proposal"] == "status_quo")
                                  & (front.allocations["function"] == function)]
        today = "+".join(sorted(today["town"]))
        assert group.loc[group["status_quo"], "towns"].map(
            lambda t: "+".join(sorted(t.split("+")))).tolist() == ([today] if today in recount else [])
    # twins for access, balance and change: the two regional-planning bodies
    twins = robust.groupby("function")["interchangeable_with"].first()
    assert twins["regionalplanung"] == "regionalverband_harz"
    assert twins["stadion"] == "mehrzweckarena+museum_ueberregional"
    assert twins["hochschule_hauptstandort"] == ""


def test_write_gives_the_cli_files(cli, tmp_path, harz_dir):
    args = ["--scenario", "2035", "--lock", "landgericht=halberstadt"]
    expected = run_cli(cli, harz_dir, "access,change", tmp_path / "cli", *args)
    front = impuls.pareto(harz_dir, "access,change", scenario="2035", lock="landgericht=halberstadt")
    front.raw["seconds"] = expected["seconds"]
    front.raw["scenario"]["seconds"] = expected["scenario"]["seconds"]
    front.write(tmp_path / "py")
    for name in ["proposals.json", "pareto.csv", "proposals.csv", "allocation.geojson", "report.html"]:
        assert (tmp_path / "py" / name).read_bytes() == (tmp_path / "cli" / name).read_bytes(), name


def test_max_points_gives_an_incomplete_subset(harz_dir):
    subset = impuls.pareto(harz_dir, ["access", "balance"], max_points=3)
    assert len(subset.proposals) == 3 and not subset.complete
    assert "max-points" in subset.note
