"""Pareto proposals for a function-allocation catalogue (``impuls pareto``)."""

from __future__ import annotations

import os
from typing import Any, Iterable, List, Optional, Sequence, Union

import pandas as pd

from . import _impuls
from ._errors import ParameterError


def _values(proposal: dict, objectives: List[str], readable: List[tuple]) -> dict:
    """One proposal's natural values of ``objectives`` and its readable values, by column."""
    row = {o: proposal["objectives"][o] for o in objectives}
    row.update({column: proposal["readable"][o]["value"] for o, column in readable})
    return row


def _table(proposals: List[dict], objectives: List[str], readable: List[tuple]) -> pd.DataFrame:
    """Proposals (one row each, indexed by id) with their natural and readable values."""
    return pd.DataFrame(
        [_values(p, objectives, readable) for p in proposals],
        index=pd.Index([p["id"] for p in proposals], name="proposal"),
        columns=objectives + [column for _, column in readable],
    )


def _allocations(proposals: Iterable[dict]) -> pd.DataFrame:
    """Long form: one row per proposal, function and town that carries it."""
    return pd.DataFrame(
        [
            (p["id"], function, town)
            for p in proposals
            for function, towns in p["allocation"].items()
            for town in towns
        ],
        columns=["proposal", "function", "town"],
    )


class ScenarioComparison:
    """The front under a population scenario (``scenario=``, the CLI's ``--scenario``) and how
    the base proposals fare under it (docs/pareto.md, "Population scenarios").

    Attributes
    ----------
    name : str
        The scenario (``population_<name>`` of ``municipalities.csv``, e.g. ``"2035"``).
    population, base_population : float
        Inhabitants under the scenario and today.
    front_size : int
        Nondominated points of the scenario front.
    complete : bool
        Whether the scenario front is complete (the classification is exact only then).
    stays_optimal, within_1pct, outside : int
        Base proposals per class.
    proposals : pandas.DataFrame
        The base proposals (index ``P1``, …) evaluated under the scenario population: natural
        and readable values as in :attr:`ParetoFront.proposals`, ``class`` (``optimal``: no
        point of the scenario front dominates it; ``within_1pct``: some point is better by at
        most 1 % of the scenario front's range in every chosen objective; ``outside``) and
        ``gap_pct``.
    status_quo : pandas.Series
        Today's allocation under the scenario population.
    new_proposals : pandas.DataFrame
        Scenario-front proposals (``S1``, …) that are not Pareto-optimal under today's
        population, evaluated under the scenario; their towns in ``new_allocations``.
    note : str
        The library's note (German, as in the report).
    seconds : float
    solves : int
    """

    def __init__(self, raw: dict, base: List[dict], objectives: List[str], readable: List[tuple]):
        for key in ("name", "population", "base_population", "front_size", "complete",
                    "stays_optimal", "within_1pct", "outside", "note", "seconds", "solves"):
            setattr(self, key, raw[key])
        evaluated = [{"id": p["id"], **p["scenario"]} for p in base if p.get("scenario")]
        self.proposals = _table(evaluated, objectives, readable)
        self.proposals["class"] = [p["class"] for p in evaluated]
        self.proposals["gap_pct"] = [p["gap_pct"] for p in evaluated]
        self.status_quo = pd.Series(
            _values(raw["status_quo"], objectives, readable), name="status_quo"
        )
        self.new_proposals = _table(raw["new_proposals"], objectives, readable)
        self.new_allocations = _allocations(raw["new_proposals"])

    def __repr__(self) -> str:
        return (
            f"ScenarioComparison({self.name!r}: {self.stays_optimal} optimal, "
            f"{self.within_1pct} within 1 %, {self.outside} outside, "
            f"{len(self.new_proposals)} new)"
        )


class ParetoFront:
    """The nondominated proposals of a catalogue and the status quo, all verified.

    Attributes
    ----------
    objectives : list of str
        The objectives the front was computed for, in the order given.
    complete : bool
        Whether this is the complete nondominated set (False after a time limit, Ctrl-C or a
        ``max_points`` subset, or when the scenario front is incomplete).
    note : str
        The library's plain-language note on completeness and method (German, as in the report).
    proposals : pandas.DataFrame
        One row per proposal (index ``P1``, ``P2``, …, sorted by the first objective). One
        column per evaluated objective in natural units — ``access``, ``coverage``,
        ``balance``, ``change``, ``synergy``, ``equity``, and ``pt_access``, ``pt_reach`` when
        the catalogue has ÖPNV times (see ``objective_info``) — then the readable values as in
        ``pareto.csv``: ``access_avg_min`` (Ø minutes per inhabitant), ``coverage_pct``,
        ``pt_access_avg_min``, ``pt_reach_pct`` (% of inhabitants). With a scenario also
        ``scenario_class`` and ``scenario_gap_pct`` (see :class:`ScenarioComparison`).
    status_quo : pandas.Series
        The same values for today's allocation.
    allocations : pandas.DataFrame
        Long form: ``proposal``, ``function``, ``town``; one row per town that carries a
        function in a proposal (``status_quo`` included; a function the status quo serves from
        outside the region has no row).
    representatives : pandas.DataFrame
        At most seven proposals picked by the documented rule (docs/pareto.md), index
        ``proposal``: ``label`` (German), ``rules``, ``relocations`` (status-quo sites given
        up), ``distance`` (Chebyshev distance to the ideal point, objectives scaled to [0, 1])
        and ``explanation`` (a German paragraph).
    robust_decisions : pandas.DataFrame
        Long form, per function (catalogue order) and configuration: ``function``, ``towns``
        (town ids joined by ``+``; empty: served from outside the region), ``count`` and
        ``share`` of the proposals that place it so, ``status_quo`` (whether this is today's
        configuration), ``unanimous`` (whether every proposal places the function alike) and
        ``interchangeable_with`` (functions that can swap towns with this one at equal
        objective values, joined by ``+``: the front shows one of such equal allocations, so
        their shares belong together).
    what_if : pandas.DataFrame
        The ``lock``/``forbid`` constraints of this run: ``kind``, ``function``, ``town`` (ids).
    scenario : ScenarioComparison or None
        With ``scenario=``: the scenario front and the classification.
    objective_info, towns, functions, places : pandas.DataFrame
        Names, labels, senses and units of the objectives; the candidate towns; the function
        catalogue; the demand places.
    seconds : float
    solves : int
        Lexicographic MIP solves.
    raw : dict
        Everything ``proposals.json`` holds (the library's ``ProposalSet``).
    """

    def __init__(self, raw: dict):
        self.raw = raw
        self.objectives = [o["name"] for o in raw["objectives"]]
        self.complete: bool = raw["complete"]
        self.note: str = raw["note"]
        self.seconds: float = raw["seconds"]
        self.solves: int = raw["solves"]
        self.objective_info = pd.DataFrame(raw["all_objectives"]).set_index("name")
        order = list(self.objective_info.index)
        columns = _impuls.readable_columns()
        readable = [(o, columns[o]) for o in order if o in columns]
        self.proposals = _table(raw["proposals"], order, readable)
        self.status_quo = pd.Series(
            _values(raw["status_quo"], order, readable), name="status_quo"
        )
        self.allocations = _allocations([raw["status_quo"], *raw["proposals"]])
        self.representatives = pd.DataFrame(
            raw["representatives"],
            columns=["id", "label", "rules", "relocations", "distance", "explanation"],
        ).set_index("id").rename_axis("proposal")
        self.robust_decisions = pd.DataFrame(
            [
                (d["function"], "+".join(s["towns"]), s["count"], s["share"],
                 sorted(s["towns"]) == sorted(d["status_quo"]), d["unanimous"],
                 "+".join(d.get("interchangeable_with", [])))
                for d in raw["robust_decisions"]
                for s in d["shares"]
            ],
            columns=["function", "towns", "count", "share", "status_quo", "unanimous",
                     "interchangeable_with"],
        )
        self.what_if = pd.DataFrame(
            [
                (kind, pair["function"], pair["town"])
                for kind, key in (("lock", "locks"), ("forbid", "forbids"))
                for pair in raw["what_if"][key]
            ],
            columns=["kind", "function", "town"],
        )
        self.scenario: Optional[ScenarioComparison] = None
        if raw.get("scenario"):
            self.scenario = ScenarioComparison(raw["scenario"], raw["proposals"], order, readable)
            self.proposals["scenario_class"] = self.scenario.proposals["class"]
            self.proposals["scenario_gap_pct"] = self.scenario.proposals["gap_pct"]
        self.towns = pd.DataFrame(raw["towns"]).set_index("id")
        self.functions = pd.DataFrame(raw["functions"]).set_index("id")
        self.places = pd.DataFrame(raw["places"]).set_index("id")

    def write(self, out_dir: Union[str, os.PathLike]) -> None:
        """Writes the files of ``impuls pareto -o OUT_DIR``: ``proposals.json``, ``pareto.csv``,
        ``proposals.csv``, ``allocation.geojson`` and the planner report ``report.html``
        (each written atomically)."""
        _impuls.write_proposals(self.raw, os.fspath(out_dir))

    def __repr__(self) -> str:
        state = "complete" if self.complete else "incomplete"
        scenario = "" if self.scenario is None else f", scenario={self.scenario.name!r}"
        return (
            f"ParetoFront({len(self.proposals)} proposals, objectives={self.objectives}, "
            f"{state}{scenario}, seconds={self.seconds:.1f})"
        )


def _pairs(value: Any, option: str) -> List[str]:
    """``lock``/``forbid`` as the CLI's ``FUNCTION=TOWN`` arguments: a list of
    ``"function=town"`` strings or ``(function, town)`` pairs (one string alone is one)."""
    if value is None:
        return []
    items = [value] if isinstance(value, str) else list(value)
    out = []
    for item in items:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, (tuple, list)) and len(item) == 2 and all(isinstance(x, str) for x in item):
            out.append(f"{item[0]}={item[1]}")
        else:
            raise ParameterError(
                f"{option}: each entry is 'function=town' or (function, town), not {item!r}"
            )
    return out


def pareto(
    catalogue_dir: Union[str, os.PathLike],
    objectives: Union[str, Sequence[str]] = ("access", "balance", "change"),
    *,
    time_limit: Optional[float] = None,
    max_points: Optional[int] = None,
    extension: bool = False,
    localities: bool = False,
    all_towns: bool = False,
    matrix: Optional[Union[str, os.PathLike]] = None,
    matrix_format: Optional[str] = None,
    matrix_field: Optional[str] = None,
    matrix_snap_km: Optional[float] = None,
    pt_matrix: Optional[Union[str, os.PathLike]] = None,
    scenario: Optional[str] = None,
    lock: Any = None,
    forbid: Any = None,
) -> ParetoFront:
    """The exact Pareto front of a function-allocation catalogue, as ``impuls pareto`` computes
    it (e.g. ``instances/harz``: which of Halberstadt, Quedlinburg and Wernigerode carries each
    high-order function of the shared Oberzentrum). The same library call as the CLI's
    (``pareto::study::run``): same checks, same messages, same ``proposals.json``.

    Parameters
    ----------
    catalogue_dir : path
        Directory with ``municipalities.csv``, ``towns.csv``, ``functions.csv``, … (see
        ``docs/instance-format.md``).
    objectives : str or sequence of str, default ("access", "balance", "change")
        2 or 3 of ``access``, ``coverage``, ``balance``, ``change``, ``synergy``, ``equity``,
        ``pt_access``, ``pt_reach`` (a list, or one comma-separated string); the last two need
        ÖPNV times (the catalogue's own, as the Harz has, or ``pt_matrix``).
    time_limit : float, optional
        Seconds for the whole front; the points found by then are kept (``complete`` False).
    max_points : int, optional
        At most this many points, spread over the front (an ε-grid subset).
    extension, localities, all_towns : bool
        Also count other planning regions' municipalities; split population over localities;
        allow every town of ``towns.csv``.
    matrix : path, optional
        Car travel-time matrix replacing the calibrated times: CSV (from = place id, to = town
        id, minutes), r5py CSV or an OSRM table (sources = places, destinations = active towns
        then external centres); ``matrix_format``, ``matrix_field``, ``matrix_snap_km`` as in
        :func:`impuls.read_instance`.
    pt_matrix : path, optional
        Public-transport matrix (same formats) for ``pt_access`` and ``pt_reach``.
    scenario : str, optional
        A population scenario, as ``--scenario``: the front is also computed with the column
        ``population_<scenario>`` of ``municipalities.csv`` (e.g. ``"2035"``), every proposal
        is evaluated and classified under it (``front.scenario``, ``scenario_class``), and the
        scenario's own proposals that today's front dominates are listed.
    lock, forbid : list, optional
        What-if constraints, as ``--lock``/``--forbid``: ``[("landgericht", "wernigerode")]``
        or ``["landgericht=wernigerode"]`` (ids, or names ignoring case); a locked function
        must be in the town, a forbidden one must not. They add to ``locks.csv``.

    The GIL is released and Ctrl-C stops the computation as in :meth:`PMedian.solve`: the
    points found so far are returned (``complete`` False).
    """
    names = objectives.split(",") if isinstance(objectives, str) else list(objectives)
    raw = _impuls.pareto(
        os.fspath(catalogue_dir),
        [name.strip() for name in names],
        time_limit=time_limit,
        max_points=max_points,
        extension=extension,
        localities=localities,
        all_towns=all_towns,
        matrix=None if matrix is None else os.fspath(matrix),
        matrix_format=matrix_format,
        matrix_field=matrix_field,
        matrix_snap_km=matrix_snap_km,
        pt_matrix=None if pt_matrix is None else os.fspath(pt_matrix),
        scenario=scenario,
        lock=_pairs(lock, "lock"),
        forbid=_pairs(forbid, "forbid"),
    )
    return ParetoFront(raw)
