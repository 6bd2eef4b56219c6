"""Pareto proposals from Python against the CLI's files on the same catalogue."""

from __future__ import annotations

import json
import subprocess

import pandas as pd
import pytest

import impuls


def cli_proposals(cli, catalogue, objectives, out):
    subprocess.run(
        [str(cli), "--quiet", "pareto", str(catalogue), "--objectives", objectives, "-o", str(out)],
        check=True, capture_output=True, timeout=600,
    )
    return json.loads((out / "proposals.json").read_text())


def without_seconds(raw):
    return {k: v for k, v in raw.items() if k != "seconds"}


@pytest.mark.parametrize(
    "catalogue, objectives",
    [("small_catalogue", "access,balance,change"), ("harz_dir", "access,balance")],
)
def test_front_equals_the_cli(request, cli, tmp_path, catalogue, objectives):
    directory = request.getfixturevalue(catalogue)
    expected = cli_proposals(cli, directory, objectives, tmp_path / "cli")
    front = impuls.pareto(directory, objectives.split(","))
    assert without_seconds(front.raw) == without_seconds(expected)
    assert front.complete and front.objectives == objectives.split(",")
    assert len(front.proposals) == len(expected["proposals"]) > 1
    assert list(front.proposals.columns) == ["access", "coverage", "balance", "change", "synergy", "equity"]
    for p in expected["proposals"]:
        assert front.proposals.loc[p["id"]].to_dict() == p["objectives"]
        rows = front.allocations[front.allocations["proposal"] == p["id"]]
        assert {f: sorted(rows.loc[rows["function"] == f, "town"]) for f in p["allocation"]} == {
            f: sorted(t) for f, t in p["allocation"].items()
        }
    assert front.status_quo.to_dict() == expected["status_quo"]["objectives"]
    # nondominated in the chosen objectives (senses from the library)
    sense = front.objective_info["sense"]
    signed = pd.DataFrame(
        {o: front.proposals[o] * (-1 if sense[o] == "max" else 1) for o in front.objectives}
    )
    for _, row in signed.iterrows():
        assert not ((signed <= row).all(axis=1) & (signed < row).any(axis=1)).any()


def test_harz_front_keeps_the_locks(harz_dir):
    front = impuls.pareto(harz_dir, "access,balance")
    assert list(front.towns["name"]) == ["Halberstadt", "Quedlinburg", "Wernigerode"]
    assert front.places["population"].sum() == 259_401  # Zensus 2022
    welterbe = front.allocations[front.allocations["function"] == "welterbe_quedlinburg"]
    assert set(welterbe["town"]) == {"quedlinburg"}
    assert set(welterbe["proposal"]) == {"status_quo", *front.proposals.index}


def test_write_gives_the_cli_files(cli, tmp_path, small_catalogue):
    expected = cli_proposals(cli, small_catalogue, "access,balance,change", tmp_path / "cli")
    front = impuls.pareto(small_catalogue)
    front.raw["seconds"] = expected["seconds"]
    front.write(tmp_path / "py")
    for name in ["proposals.json", "pareto.csv", "proposals.csv", "allocation.geojson", "report.html"]:
        assert (tmp_path / "py" / name).read_bytes() == (tmp_path / "cli" / name).read_bytes(), name


def test_max_points_gives_an_incomplete_subset(harz_dir):
    subset = impuls.pareto(harz_dir, ["access", "balance"], max_points=3)
    assert len(subset.proposals) == 3 and not subset.complete
    assert "max-points" in subset.note
