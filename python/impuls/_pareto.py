"""Pareto proposals for a function-allocation catalogue (``impuls pareto``)."""

from __future__ import annotations

import os
from typing import Optional, Sequence, Union

import pandas as pd

from . import _impuls


class ParetoFront:
    """The nondominated proposals of a catalogue and the status quo, all verified.

    Attributes
    ----------
    objectives : list of str
        The objectives the front was computed for, in the order given.
    complete : bool
        Whether this is the complete nondominated set (False after a time limit, Ctrl-C or a
        ``max_points`` subset).
    note : str
        The library's plain-language note on completeness and method (German, as in the report).
    proposals : pandas.DataFrame
        One row per proposal (index ``P1``, ``P2``, …, sorted by the first objective) and one
        column per objective — all six are evaluated: ``access``, ``coverage``, ``balance``,
        ``change``, ``synergy``, ``equity`` — in natural units (see ``objective_info``).
    status_quo : pandas.Series
        The same six values for today's allocation.
    allocations : pandas.DataFrame
        Long form: ``proposal``, ``function``, ``town``; one row per town that carries a
        function in a proposal (``status_quo`` included; a function the status quo serves from
        outside the region has no row).
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
        self.proposals = pd.DataFrame(
            [p["objectives"] for p in raw["proposals"]],
            index=pd.Index([p["id"] for p in raw["proposals"]], name="proposal"),
            columns=order,
        )
        self.status_quo = pd.Series(raw["status_quo"]["objectives"], name="status_quo")[order]
        self.allocations = pd.DataFrame(
            [
                (p["id"], function, town)
                for p in [raw["status_quo"], *raw["proposals"]]
                for function, towns in p["allocation"].items()
                for town in towns
            ],
            columns=["proposal", "function", "town"],
        )
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
        return (
            f"ParetoFront({len(self.proposals)} proposals, objectives={self.objectives}, "
            f"{state}, seconds={self.seconds:.1f})"
        )


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
    pt_matrix: Optional[Union[str, os.PathLike]] = None,
    scenario: Optional[str] = None,
) -> ParetoFront:
    """The exact Pareto front of a function-allocation catalogue, as ``impuls pareto`` computes
    it (e.g. ``instances/harz``: which of Halberstadt, Quedlinburg and Wernigerode carries each
    high-order function of the shared Oberzentrum).

    Parameters
    ----------
    catalogue_dir : path
        Directory with ``municipalities.csv``, ``towns.csv``, ``functions.csv``, … (see
        ``docs/instance-format.md``).
    objectives : str or sequence of str, default ("access", "balance", "change")
        2 or 3 of ``access``, ``coverage``, ``balance``, ``change``, ``synergy``, ``equity``
        (a list, or one comma-separated string).
    time_limit : float, optional
        Seconds for the whole front; the points found by then are kept (``complete`` False).
    max_points : int, optional
        At most this many points, spread over the front (an ε-grid subset).
    extension, localities, all_towns : bool
        Also count other planning regions' municipalities; split population over localities;
        allow every town of ``towns.csv``.
    matrix, pt_matrix : path, optional
        Travel-time CSVs (``from,to,minutes``) replacing the car and the public-transport
        impedance.
    scenario : str, optional
        Read the population from ``population_<scenario>`` of ``municipalities.csv``.

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
        pt_matrix=None if pt_matrix is None else os.fspath(pt_matrix),
        scenario=scenario,
    )
    return ParetoFront(raw)
