"""impuls — exact location-allocation on HiGHS, from Python.

Models in the style of PySAL spopt's ``spopt.locate`` (``from_cost_matrix``,
``from_geodataframe``), solved exactly and verified by the impuls library (Rust):

>>> import numpy as np, impuls
>>> cost = np.array([[0.0, 4.0, 9.0], [3.0, 1.0, 7.0], [8.0, 6.0, 0.0], [5.0, 2.0, 4.0]])
>>> result = impuls.PMedian.from_cost_matrix(cost, weights=[10, 20, 30, 40], p_facilities=2).solve()
>>> result.status, result.objective
('optimal', 140.0)
>>> list(result.open_sites.index)
[1, 2]

Classes: :class:`PMedian`, :class:`PCenter`, :class:`MCLP`, :class:`LSCP` and ArcGIS's problem
types :class:`MaximizeAttendance`, :class:`MaximizeMarketShare`, :class:`TargetMarketShare`
(each with ``from_cost_matrix``, ``from_geodataframe``, ``from_instance`` and ``solve`` →
:class:`Result`; ``PMedian`` also takes ArcGIS's impedance ``cutoff`` and ``decay``);
:func:`pareto` → :class:`ParetoFront` (with a population scenario:
:class:`ScenarioComparison`); :func:`read_instance` and :func:`generate` →
:class:`Instance`. Errors are subclasses of :class:`ImpulsError` with the CLI's messages.
"""

from __future__ import annotations

import os
from typing import Optional, Union

from . import _errors
from ._errors import *  # noqa: F401,F403 (ImpulsError and one class per variant)
from ._impuls import Instance, __version__
from ._models import (
    LSCP,
    MCLP,
    MaximizeAttendance,
    MaximizeMarketShare,
    PCenter,
    PMedian,
    TargetMarketShare,
)
from ._pareto import ParetoFront, ScenarioComparison, pareto
from ._result import Result


def read_instance(
    path: Union[str, os.PathLike],
    format: Optional[str] = None,
    crs: Optional[str] = None,
    distance: Optional[str] = None,
    matrix: Optional[Union[str, os.PathLike]] = None,
    matrix_format: Optional[str] = None,
    matrix_field: Optional[str] = None,
    matrix_snap_km: Optional[float] = None,
) -> Instance:
    """Reads an instance file as ``impuls solve`` does.

    ``format``: ``native`` (impuls JSON), ``geojson``, ``orlib`` (OR-Library pmed; its p is
    ``instance.stated_p``), ``orlib-cap``, ``tsplib`` or ``sjc``; guessed from the name when
    None. ``crs`` (``planar`` or ``wgs84``) for formats that do not state it; ``distance``
    (``euclidean``, ``floor``, ``haversine``, ``geodesic``) replaces the file's metric.

    ``matrix``: a travel-time or distance matrix replacing the computed impedances
    (docs/instance-format.md, "Travel-time matrices"), as ``impuls solve --matrix``:

    - impuls's long CSV ``from,to,minutes`` (demand id, site id);
    - an r5py ``TravelTimeMatrix`` saved with ``to_csv()`` (``from_id,to_id,travel_time``;
      empty or NaN: unreachable);
    - an OSRM ``table`` response (JSON; sources = the demand points, destinations = the sites,
      in instance order; ``null``: unreachable).

    ``matrix_format`` (``csv``, ``r5py``, ``osrm``) is detected from the name and content when
    None; ``matrix_field`` picks the value: OSRM ``duration`` (seconds, read as minutes; the
    default) or ``distance`` (metres, read as km), the CSV value column (e.g.
    ``travel_time_p75`` of an r5py matrix with percentiles); ``matrix_snap_km`` (default 5) is
    the largest distance between an OSRM waypoint and its instance point (WGS84 instances).
    With a matrix, ``instance.unit`` is ``units`` (as in the CLI's result JSON).
    """
    return Instance.read(
        os.fspath(path),
        format=format,
        crs=crs,
        distance=distance,
        matrix=None if matrix is None else os.fspath(matrix),
        matrix_format=matrix_format,
        matrix_field=matrix_field,
        matrix_snap_km=matrix_snap_km,
    )


def generate(
    n_demand: int,
    n_sites: int,
    seed: int = 0,
    clusters: Optional[int] = None,
    extent_km: float = 200.0,
) -> Instance:
    """A synthetic planar instance with the clustered shape of real settlement
    (``impuls generate``): Zipf-sized towns, rural scatter, log-normal weights, coordinates in
    km on a square of side ``extent_km``; the same arguments give the same instance everywhere.
    """
    return Instance.generate(n_demand, n_sites, seed=seed, clusters=clusters, extent_km=extent_km)


__all__ = [
    "PMedian",
    "PCenter",
    "MCLP",
    "LSCP",
    "MaximizeAttendance",
    "MaximizeMarketShare",
    "TargetMarketShare",
    "Result",
    "pareto",
    "ParetoFront",
    "ScenarioComparison",
    "Instance",
    "read_instance",
    "generate",
    *_errors.__all__,
    "__version__",
]
