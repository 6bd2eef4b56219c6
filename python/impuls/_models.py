"""The models: PMedian, PCenter, MCLP and LSCP, with constructors in the style of
``spopt.locate`` (``from_cost_matrix``, ``from_geodataframe``) plus ``from_instance`` for files
and generated instances, and ``solve``.

Each class only names the library's model (``kind``) and maps its constructor arguments to the
library's ``Problem`` fields (``p``, ``radius``, …); everything else is shared in ``_Model``. A
new problem type of the library is exposed by one more such class.
"""

from __future__ import annotations

import operator
from typing import Any, ClassVar, Optional

from . import _impuls, _inputs
from ._errors import ParameterError
from ._result import Result

_SOLVE_DOC = """Solves the model exactly (up to the limits) and verifies the solution.

        The GIL is released while the solver runs, so other Python threads keep running; solves
        themselves run one at a time in a process. Ctrl-C (SIGINT) in the main thread stops
        the solve like the CLI's first Ctrl-C: HiGHS and the library's own loops stop at their
        next check and the best solution found so far is returned, verified, with status
        ``"interrupted"`` (no ``KeyboardInterrupt`` is raised, as in Gurobi's and HiGHS's
        Python interfaces; check ``result.status`` to stop a loop). A second Ctrl-C while it
        winds down raises ``KeyboardInterrupt`` at once.

        Parameters
        ----------
        time_limit : float, optional
            Wall-clock limit in seconds for the whole solve.
        gap : float, default 0
            Relative gap at which to stop (0 proves optimality).
        threads : int, default 1
            HiGHS threads.
        method : str, default "auto"
            p-median and MCLP: ``auto`` (Benders), ``compact`` (the MIP in HiGHS) or ``benders``.
        log : bool, default False
            Show HiGHS's log on stderr.

        Returns
        -------
        impuls.Result
            Status, objective, bound, gap, ``open_sites`` and ``assignments``.

        Raises
        ------
        ParameterError, InfeasibleError, TooLargeError, SolverError, VerificationError
            With the CLI's one-line messages.
        """


def _count(value: Any, name: str) -> int:
    """A whole number ≥ 1 (p)."""
    try:
        count = operator.index(value)
    except TypeError:
        raise ParameterError(f"{name} must be a whole number, not {value!r}") from None
    if count < 1:
        raise ParameterError(f"{name} {count} must be at least 1")
    return count


def _radius(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ParameterError(f"service_radius must be a number, not {value!r}") from None


def _covering(p_facilities: Any, service_radius: Any) -> dict:
    """The parameters of the MCLP."""
    return {"p": _count(p_facilities, "p_facilities"), "radius": _radius(service_radius)}


class _Model:
    """A model of the library on one instance; built by the class methods, solved by ``solve``."""

    #: the library's model name (``impuls::model::ModelKind``)
    kind: ClassVar[str]

    def __init__(self, built: _inputs.Built, name: str, **params: Any):
        self._built = built
        self.name = name
        #: the library's ``Problem``: kind and parameters
        self.problem = {"kind": self.kind, **params}
        #: the result of the last ``solve``
        self.result: Optional[Result] = None

    @classmethod
    def _on_matrix(cls, name: str, cost_matrix: Any, params: dict, **columns: Any) -> Any:
        """The model on a cost matrix; ``columns`` as in ``_inputs.from_cost_matrix``."""
        source = f"{cls.__name__}.from_cost_matrix"
        return cls(_inputs.from_cost_matrix(source, cost_matrix, **columns), name, **params)

    @classmethod
    def _on_frames(
        cls, name: str, gdf_demand: Any, gdf_fac: Any, demand_col: str, facility_col: str,
        params: dict, **columns: Any,
    ) -> Any:
        """The model on GeoDataFrames; ``columns`` as in ``_inputs.from_geodataframes``."""
        source = f"{cls.__name__}.from_geodataframe"
        built = _inputs.from_geodataframes(
            source, gdf_demand, gdf_fac, demand_col, facility_col, **columns
        )
        return cls(built, name, **params)

    @property
    def instance(self) -> _impuls.Instance:
        """The validated instance (``impuls.Instance``)."""
        return self._built.instance

    def solve(
        self,
        time_limit: Optional[float] = None,
        gap: float = 0.0,
        threads: int = 1,
        method: str = "auto",
        log: bool = False,
    ) -> Result:
        raw = _impuls.solve(
            self.instance,
            self.problem,
            time_limit=time_limit,
            gap=gap,
            threads=threads,
            method=method,
            log=log,
        )
        self.result = Result(raw, self._built, self.instance.weights)
        return self.result

    solve.__doc__ = _SOLVE_DOC

    def __repr__(self) -> str:
        params = ", ".join(f"{k}={v}" for k, v in self.problem.items() if k != "kind")
        return (
            f"{type(self).__name__}(name={self.name!r}, n_demand={self.instance.n_demand}, "
            f"n_sites={self.instance.n_sites}, {params})"
        )


class PMedian(_Model):
    """p-median: open p sites so that the total weighted impedance from every demand point to
    its nearest open site is least (Hakimi 1964; ReVelle & Swain 1970). Predefined facilities
    stay open; with capacities every demand point is served by one site (single source)."""

    kind = "pmedian"

    @classmethod
    def from_cost_matrix(
        cls,
        cost_matrix: Any,
        weights: Any,
        p_facilities: int,
        predefined_facilities_arr: Any = None,
        facility_capacity_arr: Any = None,
        demand_quantity_arr: Any = None,
        name: str = "p-median",
    ) -> "PMedian":
        """A p-median from an n × m cost matrix (rows: demand points, columns: candidate sites;
        inf or NaN: unreachable pair).

        Parameters
        ----------
        cost_matrix : array-like, n × m
        weights : array-like, n
            Demand weights (population, service load).
        p_facilities : int
            Number of sites to open (including predefined ones).
        predefined_facilities_arr : array-like of bool, m, optional
            Sites that must be open (as in spopt: a truthy entry per site).
        facility_capacity_arr : array-like, m, optional
            Site capacities (single-source assignment).
        demand_quantity_arr : array-like, n, optional
            Capacity use of each demand point (default: its weight).
        """
        return cls._on_matrix(
            name, cost_matrix, {"p": _count(p_facilities, "p_facilities")}, weights=weights,
            predefined=predefined_facilities_arr, capacities=facility_capacity_arr,
            quantities=demand_quantity_arr,
        )

    @classmethod
    def from_geodataframe(
        cls,
        gdf_demand: Any,
        gdf_fac: Any,
        demand_col: str,
        facility_col: str,
        weights_col: str,
        p_facilities: int,
        predefined_facility_col: Optional[str] = None,
        facility_capacity_col: Optional[str] = None,
        demand_quantity_col: Optional[str] = None,
        distance_metric: Optional[str] = None,
        name: str = "p-median",
    ) -> "PMedian":
        """A p-median from GeoDataFrames of demand points and candidate sites.

        Impedance is the straight-line distance: planar Euclidean in the CRS unit for a
        projected CRS (or none), great-circle km (haversine) for a geographic CRS such as
        EPSG:4326 (``distance_metric="geodesic"`` for the WGS84 ellipsoid). Both frames must
        have the same CRS; geometries must be points.

        Parameters
        ----------
        gdf_demand, gdf_fac : geopandas.GeoDataFrame
        demand_col, facility_col : str
            Geometry columns (usually ``"geometry"``).
        weights_col : str
            Column of ``gdf_demand`` with the demand weights.
        p_facilities : int
        predefined_facility_col : str, optional
            Boolean column of ``gdf_fac``: sites that must be open.
        facility_capacity_col, demand_quantity_col : str, optional
            Capacities of ``gdf_fac`` and capacity use of ``gdf_demand`` (default: weight).
        distance_metric : str, optional
            ``euclidean``, ``haversine`` or ``geodesic``; default from the CRS.
        """
        return cls._on_frames(
            name, gdf_demand, gdf_fac, demand_col, facility_col,
            {"p": _count(p_facilities, "p_facilities")}, weights_col=weights_col,
            predefined_col=predefined_facility_col, capacity_col=facility_capacity_col,
            quantity_col=demand_quantity_col, distance_metric=distance_metric,
        )

    @classmethod
    def from_instance(
        cls, instance: _impuls.Instance, p_facilities: Optional[int] = None, name: str = "p-median"
    ) -> "PMedian":
        """A p-median on an instance read with :func:`impuls.read_instance` or made with
        :func:`impuls.generate`; ``p_facilities`` defaults to the p an OR-Library file states."""
        p = instance.stated_p if p_facilities is None else p_facilities
        return cls(_inputs.from_instance(instance), name, p=_count(p, "p_facilities"))


class PCenter(_Model):
    """p-center: open p sites so that the largest impedance from any demand point to its
    nearest open site is least (Hakimi 1964); solved exactly by bisection over the distinct
    impedances, one set-covering MIP per step. Weights do not enter the objective."""

    kind = "pcenter"

    @classmethod
    def from_cost_matrix(
        cls,
        cost_matrix: Any,
        p_facilities: int,
        predefined_facilities_arr: Any = None,
        facility_capacity_arr: Any = None,
        demand_quantity_arr: Any = None,
        name: str = "p-center",
    ) -> "PCenter":
        """A p-center from an n × m cost matrix; see :meth:`PMedian.from_cost_matrix` for the
        arguments (there are no weights: every demand point counts alike)."""
        return cls._on_matrix(
            name, cost_matrix, {"p": _count(p_facilities, "p_facilities")},
            predefined=predefined_facilities_arr, capacities=facility_capacity_arr,
            quantities=demand_quantity_arr,
        )

    @classmethod
    def from_geodataframe(
        cls,
        gdf_demand: Any,
        gdf_fac: Any,
        demand_col: str,
        facility_col: str,
        p_facilities: int,
        predefined_facility_col: Optional[str] = None,
        facility_capacity_col: Optional[str] = None,
        demand_quantity_col: Optional[str] = None,
        distance_metric: Optional[str] = None,
        name: str = "p-center",
    ) -> "PCenter":
        """A p-center from GeoDataFrames of points; CRS and distances as in
        :meth:`PMedian.from_geodataframe`."""
        return cls._on_frames(
            name, gdf_demand, gdf_fac, demand_col, facility_col,
            {"p": _count(p_facilities, "p_facilities")},
            predefined_col=predefined_facility_col, capacity_col=facility_capacity_col,
            quantity_col=demand_quantity_col, distance_metric=distance_metric,
        )

    @classmethod
    def from_instance(
        cls, instance: _impuls.Instance, p_facilities: Optional[int] = None, name: str = "p-center"
    ) -> "PCenter":
        """A p-center on an instance from :func:`impuls.read_instance` or :func:`impuls.generate`."""
        p = instance.stated_p if p_facilities is None else p_facilities
        return cls(_inputs.from_instance(instance), name, p=_count(p, "p_facilities"))


class MCLP(_Model):
    """Maximal covering location (Church & ReVelle 1974): open p sites so that the weight of
    the demand points within ``service_radius`` of an open site is greatest."""

    kind = "mclp"

    @classmethod
    def from_cost_matrix(
        cls,
        cost_matrix: Any,
        weights: Any,
        service_radius: float,
        p_facilities: int,
        predefined_facilities_arr: Any = None,
        facility_capacity_arr: Any = None,
        demand_quantity_arr: Any = None,
        name: str = "mclp",
    ) -> "MCLP":
        """An MCLP from an n × m cost matrix; a demand point is covered by a site whose
        impedance is at most ``service_radius``. Other arguments as in
        :meth:`PMedian.from_cost_matrix`."""
        return cls._on_matrix(
            name, cost_matrix, _covering(p_facilities, service_radius), weights=weights,
            predefined=predefined_facilities_arr, capacities=facility_capacity_arr,
            quantities=demand_quantity_arr,
        )

    @classmethod
    def from_geodataframe(
        cls,
        gdf_demand: Any,
        gdf_fac: Any,
        demand_col: str,
        facility_col: str,
        weights_col: str,
        service_radius: float,
        p_facilities: int,
        predefined_facility_col: Optional[str] = None,
        facility_capacity_col: Optional[str] = None,
        demand_quantity_col: Optional[str] = None,
        distance_metric: Optional[str] = None,
        name: str = "mclp",
    ) -> "MCLP":
        """An MCLP from GeoDataFrames of points; ``service_radius`` is in the CRS unit for a
        projected CRS and in km for a geographic one (see :meth:`PMedian.from_geodataframe`)."""
        return cls._on_frames(
            name, gdf_demand, gdf_fac, demand_col, facility_col,
            _covering(p_facilities, service_radius), weights_col=weights_col,
            predefined_col=predefined_facility_col, capacity_col=facility_capacity_col,
            quantity_col=demand_quantity_col, distance_metric=distance_metric,
        )

    @classmethod
    def from_instance(
        cls,
        instance: _impuls.Instance,
        service_radius: float,
        p_facilities: int,
        name: str = "mclp",
    ) -> "MCLP":
        """An MCLP on an instance from :func:`impuls.read_instance` or :func:`impuls.generate`."""
        return cls(
            _inputs.from_instance(instance), name, **_covering(p_facilities, service_radius)
        )


class LSCP(_Model):
    """Location set covering (Toregas et al. 1971): open the fewest sites (or those of least
    total cost) so that every demand point is within ``service_radius`` of an open site."""

    kind = "lscp"

    @classmethod
    def from_cost_matrix(
        cls,
        cost_matrix: Any,
        service_radius: float,
        predefined_facilities_arr: Any = None,
        demand_quantity_arr: Any = None,
        facility_capacity_arr: Any = None,
        facility_cost_arr: Any = None,
        name: str = "lscp",
    ) -> "LSCP":
        """An LSCP from an n × m cost matrix (argument order as in spopt).

        ``facility_cost_arr`` (m, optional) are fixed costs of opening the sites: the objective
        is then their sum instead of the number of sites. Capacities make the assignment
        single-source, with ``demand_quantity_arr`` as each point's capacity use (default 1).
        """
        return cls._on_matrix(
            name, cost_matrix, {"radius": _radius(service_radius)},
            predefined=predefined_facilities_arr, capacities=facility_capacity_arr,
            quantities=demand_quantity_arr, costs=facility_cost_arr,
        )

    @classmethod
    def from_geodataframe(
        cls,
        gdf_demand: Any,
        gdf_fac: Any,
        demand_col: str,
        facility_col: str,
        service_radius: float,
        predefined_facility_col: Optional[str] = None,
        demand_quantity_col: Optional[str] = None,
        facility_capacity_col: Optional[str] = None,
        facility_cost_col: Optional[str] = None,
        distance_metric: Optional[str] = None,
        name: str = "lscp",
    ) -> "LSCP":
        """An LSCP from GeoDataFrames of points; ``service_radius`` in the CRS unit or km as in
        :meth:`MCLP.from_geodataframe`."""
        return cls._on_frames(
            name, gdf_demand, gdf_fac, demand_col, facility_col,
            {"radius": _radius(service_radius)}, predefined_col=predefined_facility_col,
            capacity_col=facility_capacity_col, quantity_col=demand_quantity_col,
            cost_col=facility_cost_col, distance_metric=distance_metric,
        )

    @classmethod
    def from_instance(
        cls, instance: _impuls.Instance, service_radius: float, name: str = "lscp"
    ) -> "LSCP":
        """An LSCP on an instance from :func:`impuls.read_instance` or :func:`impuls.generate`."""
        return cls(_inputs.from_instance(instance), name, radius=_radius(service_radius))
