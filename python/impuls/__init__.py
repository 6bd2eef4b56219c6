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

Classes: :class:`PMedian`, :class:`PCenter`, :class:`MCLP`, :class:`LSCP` (each with
``from_cost_matrix``, ``from_geodataframe``, ``from_instance`` and ``solve`` → :class:`Result`);
:func:`pareto` → :class:`ParetoFront`; :func:`read_instance` and :func:`generate` →
:class:`Instance`. Errors are subclasses of :class:`ImpulsError` with the CLI's messages.
"""

from __future__ import annotations

import os
from typing import Optional, Union

from . import _errors
from ._errors import *  # noqa: F401,F403 (ImpulsError and one class per variant)
from ._impuls import Instance, __version__
from ._models import LSCP, MCLP, PCenter, PMedian
from ._pareto import ParetoFront, pareto
from ._result import Result


def read_instance(
    path: Union[str, os.PathLike],
    format: Optional[str] = None,
    crs: Optional[str] = None,
    distance: Optional[str] = None,
    matrix: Optional[Union[str, os.PathLike]] = None,
) -> Instance:
    """Reads an instance file as ``impuls solve`` does.

    ``format``: ``native`` (impuls JSON), ``geojson``, ``orlib`` (OR-Library pmed; its p is
    ``instance.stated_p``), ``orlib-cap``, ``tsplib`` or ``sjc``; guessed from the name when
    None. ``crs`` (``planar`` or ``wgs84``) and ``distance`` (``euclidean``, ``floor``,
    ``haversine``, ``geodesic``) for formats that do not state them; ``matrix`` a travel-time
    CSV (``from,to,minutes``) replacing the computed impedances.
    """
    return Instance.read(
        os.fspath(path),
        format=format,
        crs=crs,
        distance=distance,
        matrix=None if matrix is None else os.fspath(matrix),
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
    "Result",
    "pareto",
    "ParetoFront",
    "Instance",
    "read_instance",
    "generate",
    *_errors.__all__,
    "__version__",
]
