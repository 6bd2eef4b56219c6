"""The models: PMedian, PCenter, MCLP and LSCP, with constructors in the style of
``spopt.locate`` (``from_cost_matrix``, ``from_geodataframe``) plus ``from_instance`` for files
and generated instances, and ``solve``; and ArcGIS's problem types MaximizeAttendance,
MaximizeMarketShare and TargetMarketShare (the impedance cutoff and transformation of ArcGIS's
Minimize Impedance are keyword arguments of PMedian). The mathematics is in docs/models.md,
"ArcGIS problem types".

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


def _number(value: Any, name: str) -> float:
    """A number (its range is checked by the library when the model is solved)."""
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ParameterError(f"{name} must be a number, not {value!r}") from None


def _radius(value: Any) -> float:
    return _number(value, "service_radius")


def _covering(p_facilities: Any, service_radius: Any) -> dict:
    """The parameters of the MCLP."""
    return {"p": _count(p_facilities, "p_facilities"), "radius": _radius(service_radius)}


def _decay(value: Any) -> Optional[dict]:
    """The library's ``Decay`` from ``"linear"``, ``("power", λ)`` or ``("exponential", λ)``."""
    if value is None:
        return None
    if isinstance(value, str):
        if value != "linear":
            raise ParameterError(
                f"decay {value!r} needs its parameter: decay=({value!r}, λ)"
                if value in ("power", "exponential")
                else f"decay must be 'linear', ('power', λ) or ('exponential', λ), not {value!r}"
            )
        return {"kind": "linear", "param": 1.0}
    try:
        kind, param = value
    except (TypeError, ValueError):
        raise ParameterError(
            f"decay must be 'linear', ('power', λ) or ('exponential', λ), not {value!r}"
        ) from None
    # kind and λ are checked by the library (its names, λ > 0, linear without λ)
    return {"kind": kind, "param": _number(param, "decay parameter λ")}


def _impedance(cutoff: Any, decay: Any) -> dict:
    """The ``cutoff`` and ``decay`` fields of a ``Problem``, where given."""
    params = {}
    if cutoff is not None:
        params["cutoff"] = _number(cutoff, "cutoff")
    if decay is not None:
        params["decay"] = _decay(decay)
    return params


class _Model:
    """A model of the library on one instance; built by the class methods, solved by ``solve``."""

    #: the library's model name (``impuls::model::ModelKind``)
    kind: ClassVar[str]

    def __init__(self, built: _inputs.Built, name: str, **params: Any):
        self._built = built
        self.name = name
        #: the library's ``Problem``: kind and parameters
        self.problem = {"kind": self.kind, **{k: v for k, v in params.items() if v is not None}}
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
        def shown(value: Any) -> Any:
            return (value["kind"], value["param"]) if isinstance(value, dict) else value

        params = ", ".join(f"{k}={shown(v)}" for k, v in self.problem.items() if k != "kind")
        return (
            f"{type(self).__name__}(name={self.name!r}, n_demand={self.instance.n_demand}, "
            f"n_sites={self.instance.n_sites}, {params})"
        )


_IMPEDANCE_DOC = """cutoff : float, optional
            Impedance cutoff (ArcGIS "impedance cutoff"), in the impedance unit.
        decay : str or (str, float), optional
            Impedance transformation f (ArcGIS Pro's decay function types): ``"linear"``
            f(d) = d (the default), ``("power", λ)`` f(d) = d^λ, ``("exponential", λ)``
            f(d) = e^(λ·d), with λ > 0."""


def _documents_impedance(func: Any) -> Any:
    """Appends the parameters ``cutoff`` and ``decay`` to a constructor's docstring."""
    func.__doc__ = func.__doc__.rstrip() + "\n        " + _IMPEDANCE_DOC + "\n        "
    return func


class PMedian(_Model):
    """p-median: open p sites so that the total weighted impedance from every demand point to
    its nearest open site is least (Hakimi 1964; ReVelle & Swain 1970). Predefined facilities
    stay open; with capacities every demand point is served by one site (single source).

    With ``cutoff`` or ``decay`` it is ArcGIS's **Minimize Impedance** with an impedance cutoff
    and an impedance transformation f (uncapacitated): a demand point beyond the cutoff of every
    open site is not allocated (``site`` missing in ``assignments``; its weight is
    ``result.unallocated``) but charged what demand at the cutoff costs, so the objective is

        Σ_i w_i · min(f(d_i), f(cutoff)),   d_i = impedance to the nearest open site,

    i.e. ArcGIS's sum over the allocated demand plus f(cutoff) per unit of unallocated weight
    (charged so that moving sites away from far demand never pays; docs/models.md, "Cutoff and
    decay on the p-median").
    """

    kind = "pmedian"

    @classmethod
    @_documents_impedance
    def from_cost_matrix(
        cls,
        cost_matrix: Any,
        weights: Any,
        p_facilities: int,
        predefined_facilities_arr: Any = None,
        facility_capacity_arr: Any = None,
        demand_quantity_arr: Any = None,
        name: str = "p-median",
        *,
        cutoff: Optional[float] = None,
        decay: Any = None,
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
            name, cost_matrix, {"p": _count(p_facilities, "p_facilities"), **_impedance(cutoff, decay)},
            weights=weights, predefined=predefined_facilities_arr,
            capacities=facility_capacity_arr, quantities=demand_quantity_arr,
        )

    @classmethod
    @_documents_impedance
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
        *,
        cutoff: Optional[float] = None,
        decay: Any = None,
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
            {"p": _count(p_facilities, "p_facilities"), **_impedance(cutoff, decay)},
            weights_col=weights_col, predefined_col=predefined_facility_col,
            capacity_col=facility_capacity_col, quantity_col=demand_quantity_col,
            distance_metric=distance_metric,
        )

    @classmethod
    def from_instance(
        cls,
        instance: _impuls.Instance,
        p_facilities: Optional[int] = None,
        name: str = "p-median",
        *,
        cutoff: Optional[float] = None,
        decay: Any = None,
    ) -> "PMedian":
        """A p-median on an instance read with :func:`impuls.read_instance` or made with
        :func:`impuls.generate`; ``p_facilities`` defaults to the p an OR-Library file states;
        ``cutoff`` and ``decay`` as in :meth:`from_cost_matrix`."""
        p = instance.stated_p if p_facilities is None else p_facilities
        return cls(
            _inputs.from_instance(instance), name, p=_count(p, "p_facilities"),
            **_impedance(cutoff, decay),
        )


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


class MaximizeAttendance(_Model):
    """ArcGIS's **Maximize Attendance**: open p sites so that the demand weight that attends is
    greatest, when attendance decays with the impedance to the nearest open site.

    A demand point attends only its nearest open site, with the share g(d) of its weight,
    falling from 1 at d = 0 to 0 at the cutoff c (required):

        g(d) = (f(c) − f(d)) / (f(c) − f(0))  for d ≤ c,   g(d) = 0 beyond,
        objective = Σ_i w_i · g(d_i)

    (linear decay: g(d) = 1 − d/c). ArcGIS does not publish the share for each transformation;
    this rescaling of f is impuls's choice (docs/models.md, "Maximize attendance"). The bound is
    the total weight minus a p-median's lower bound. Points beyond the cutoff of every open site
    are not allocated (``result.unallocated``). ``assignments["allocated_weight"]`` is each
    point's w_i · g(d_i) (ArcGIS's AllocatedWeight); it sums to the objective.
    Uncapacitated; competitors are refused.
    """

    kind = "attendance"

    @classmethod
    def from_cost_matrix(
        cls,
        cost_matrix: Any,
        weights: Any,
        p_facilities: int,
        cutoff: float,
        decay: Any = None,
        predefined_facilities_arr: Any = None,
        name: str = "attendance",
    ) -> "MaximizeAttendance":
        """Maximize attendance from an n × m cost matrix (inf or NaN: unreachable).

        Parameters
        ----------
        cost_matrix : array-like, n × m
        weights : array-like, n
        p_facilities : int
            Number of sites to open (including predefined ones).
        cutoff : float
            Impedance at which attendance has fallen to 0.
        decay : str or (str, float), optional
            ``"linear"`` (default), ``("power", λ)`` or ``("exponential", λ)``: the f of g.
        predefined_facilities_arr : array-like of bool, m, optional
            Sites that must be open (ArcGIS facility type Required).
        """
        return cls._on_matrix(
            name, cost_matrix, _attendance(p_facilities, cutoff, decay), weights=weights,
            predefined=predefined_facilities_arr,
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
        cutoff: float,
        decay: Any = None,
        predefined_facility_col: Optional[str] = None,
        distance_metric: Optional[str] = None,
        name: str = "attendance",
    ) -> "MaximizeAttendance":
        """Maximize attendance from GeoDataFrames of points; ``cutoff`` in the CRS unit or km
        as ``service_radius`` in :meth:`MCLP.from_geodataframe`; other arguments as in
        :meth:`from_cost_matrix` and :meth:`PMedian.from_geodataframe`."""
        return cls._on_frames(
            name, gdf_demand, gdf_fac, demand_col, facility_col,
            _attendance(p_facilities, cutoff, decay), weights_col=weights_col,
            predefined_col=predefined_facility_col, distance_metric=distance_metric,
        )

    @classmethod
    def from_instance(
        cls,
        instance: _impuls.Instance,
        p_facilities: int,
        cutoff: float,
        decay: Any = None,
        name: str = "attendance",
    ) -> "MaximizeAttendance":
        """Maximize attendance on an instance from :func:`impuls.read_instance` or
        :func:`impuls.generate`."""
        return cls(_inputs.from_instance(instance), name, **_attendance(p_facilities, cutoff, decay))


def _attendance(p_facilities: Any, cutoff: Any, decay: Any) -> dict:
    """The parameters of maximize attendance (the cutoff is required)."""
    return {
        "p": _count(p_facilities, "p_facilities"),
        "cutoff": _number(cutoff, "cutoff"),
        **_impedance(None, decay),
    }


_HUFF_DOC = """Huff model (docs/models.md, "Market share (Huff)"): facility j draws demand point i with
    the utility u_ij = A_j / f(d_ij) (A_j its attractiveness, default 1, ArcGIS's facility
    Weight; f the impedance transformation, default linear; u = 0 beyond the cutoff, if one is
    given). With our open sites S (predefined ones included) and the competitors K, which are
    always present and never ours, point i spends the share U_i / (U_i + V_i) of its weight with
    us, U_i = Σ_{j∈S} u_ij, V_i = Σ_{k∈K} u_ik; the captured demand is

        F(S) = Σ_i w_i · U_i / (U_i + V_i)

    (a point no facility of ours reaches gives 0; one no competitor reaches, its whole weight).
    ``result.share`` is F(S) / Σ w_i; ``assignments["site"]`` is the open facility of ours with
    the largest utility, ``assignments["allocated_weight"]`` the point's captured demand and
    ``open_sites["allocated_weight"]`` each facility's part (w_i · u_ij / (U_i + V_i) summed),
    ArcGIS's AllocatedWeight and DemandWeight. Under linear or power decay f(0) = 0: a facility
    at impedance 0 from a demand point has an infinite utility and the solve is refused (use
    exponential decay). Solved exactly by outer approximation with submodular cuts (Ljubić &
    Moreno 2018). Uncapacitated."""


class MaximizeMarketShare(_Model):
    """ArcGIS's **Maximize Market Share**: open p sites so that the demand captured in the
    presence of competitors is greatest.

    """

    kind = "market-share"

    @classmethod
    def from_cost_matrix(
        cls,
        cost_matrix: Any,
        weights: Any,
        p_facilities: int,
        competitor_arr: Any = None,
        attractiveness_arr: Any = None,
        decay: Any = None,
        cutoff: Optional[float] = None,
        predefined_facilities_arr: Any = None,
        name: str = "market-share",
    ) -> "MaximizeMarketShare":
        """Maximize market share from an n × m cost matrix whose columns are our candidate
        sites and the competitors' facilities (inf or NaN: unreachable).

        Parameters
        ----------
        cost_matrix : array-like, n × m
        weights : array-like, n
        p_facilities : int
            Number of our sites to open (including predefined ones).
        competitor_arr : array-like of bool, m, optional
            Columns that are competitors' facilities (ArcGIS facility type Competitor).
        attractiveness_arr : array-like, m, optional
            Attractiveness A_j > 0 of every facility, ours and the competitors' (NaN: 1).
        decay : str or (str, float), optional
            ``"linear"`` (default), ``("power", λ)`` or ``("exponential", λ)``.
        cutoff : float, optional
            A facility farther than this draws nothing from a point.
        predefined_facilities_arr : array-like of bool, m, optional
            Our sites that must be open (ArcGIS facility type Required).
        """
        return cls._on_matrix(
            name, cost_matrix,
            {"p": _count(p_facilities, "p_facilities"), **_impedance(cutoff, decay)},
            weights=weights, predefined=predefined_facilities_arr, competitors=competitor_arr,
            attractiveness=attractiveness_arr,
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
        competitor_col: Optional[str] = None,
        attractiveness_col: Optional[str] = None,
        decay: Any = None,
        cutoff: Optional[float] = None,
        predefined_facility_col: Optional[str] = None,
        distance_metric: Optional[str] = None,
        name: str = "market-share",
    ) -> "MaximizeMarketShare":
        """Maximize market share from GeoDataFrames of points: ``gdf_fac`` holds our candidate
        sites and the competitors' facilities (boolean ``competitor_col``), with their
        attractiveness in ``attractiveness_col``; distances as in
        :meth:`PMedian.from_geodataframe`, other arguments as in :meth:`from_cost_matrix`."""
        return cls._on_frames(
            name, gdf_demand, gdf_fac, demand_col, facility_col,
            {"p": _count(p_facilities, "p_facilities"), **_impedance(cutoff, decay)},
            weights_col=weights_col, predefined_col=predefined_facility_col,
            competitor_col=competitor_col, attractiveness_col=attractiveness_col,
            distance_metric=distance_metric,
        )

    @classmethod
    def from_instance(
        cls,
        instance: _impuls.Instance,
        p_facilities: int,
        decay: Any = None,
        cutoff: Optional[float] = None,
        name: str = "market-share",
    ) -> "MaximizeMarketShare":
        """Maximize market share on an instance read with :func:`impuls.read_instance` (sites
        with ``competitor`` and ``attractiveness``, docs/instance-format.md)."""
        return cls(
            _inputs.from_instance(instance), name, p=_count(p_facilities, "p_facilities"),
            **_impedance(cutoff, decay),
        )


class TargetMarketShare(_Model):
    """ArcGIS's **Target Market Share**: the fewest of our sites that capture at least the
    share ``target_share`` of the total demand weight in the presence of competitors, and with
    that many the largest captured demand.

    The objective is the number of sites k* (``optimal`` once every smaller count is refuted);
    ``result.share`` is the captured share and ``result.stats["share_optimal"]`` says whether
    it is proven the largest with k* sites. A target that even every candidate site open
    cannot reach is refused with the largest reachable share (ArcGIS would open as many as give
    the largest share). docs/models.md, "Target market share".

    """

    kind = "target-share"

    @classmethod
    def from_cost_matrix(
        cls,
        cost_matrix: Any,
        weights: Any,
        target_share: float,
        competitor_arr: Any = None,
        attractiveness_arr: Any = None,
        decay: Any = None,
        cutoff: Optional[float] = None,
        predefined_facilities_arr: Any = None,
        name: str = "target-share",
    ) -> "TargetMarketShare":
        """Target market share from an n × m cost matrix; ``target_share`` in (0, 1], other
        arguments as in :meth:`MaximizeMarketShare.from_cost_matrix`."""
        return cls._on_matrix(
            name, cost_matrix, _target(target_share, cutoff, decay), weights=weights,
            predefined=predefined_facilities_arr, competitors=competitor_arr,
            attractiveness=attractiveness_arr,
        )

    @classmethod
    def from_geodataframe(
        cls,
        gdf_demand: Any,
        gdf_fac: Any,
        demand_col: str,
        facility_col: str,
        weights_col: str,
        target_share: float,
        competitor_col: Optional[str] = None,
        attractiveness_col: Optional[str] = None,
        decay: Any = None,
        cutoff: Optional[float] = None,
        predefined_facility_col: Optional[str] = None,
        distance_metric: Optional[str] = None,
        name: str = "target-share",
    ) -> "TargetMarketShare":
        """Target market share from GeoDataFrames of points; arguments as in
        :meth:`MaximizeMarketShare.from_geodataframe`."""
        return cls._on_frames(
            name, gdf_demand, gdf_fac, demand_col, facility_col,
            _target(target_share, cutoff, decay), weights_col=weights_col,
            predefined_col=predefined_facility_col, competitor_col=competitor_col,
            attractiveness_col=attractiveness_col, distance_metric=distance_metric,
        )

    @classmethod
    def from_instance(
        cls,
        instance: _impuls.Instance,
        target_share: float,
        decay: Any = None,
        cutoff: Optional[float] = None,
        name: str = "target-share",
    ) -> "TargetMarketShare":
        """Target market share on an instance read with :func:`impuls.read_instance`."""
        return cls(_inputs.from_instance(instance), name, **_target(target_share, cutoff, decay))


def _target(target_share: Any, cutoff: Any, decay: Any) -> dict:
    """The parameters of target market share."""
    return {"target_share": _number(target_share, "target_share"), **_impedance(cutoff, decay)}


MaximizeMarketShare.__doc__ += _HUFF_DOC + "\n    "
TargetMarketShare.__doc__ += _HUFF_DOC + "\n    "
