"""The result of a solve, with the decision as pandas (or GeoPandas) objects."""

from __future__ import annotations

from typing import Any, Optional

import numpy as np
import pandas as pd

from ._inputs import Built


def _labels_at(labels: pd.Index, positions: np.ndarray) -> pd.Series:
    """The labels at ``positions``; a missing value where the position is −1 (not served)."""
    missing = positions < 0
    taken = labels.take(np.where(missing, 0, positions))
    if not missing.any():
        return pd.Series(taken, dtype=taken.dtype)
    dtype = "Int64" if pd.api.types.is_integer_dtype(taken.dtype) else object
    series = pd.Series(taken, dtype=dtype)
    series[missing] = None
    return series


class Result:
    """A verified solution of one model.

    Attributes
    ----------
    model : str
        ``pmedian``, ``pcenter``, ``mclp``, ``lscp``, ``attendance``, ``market-share`` or
        ``target-share``.
    status : str
        ``optimal`` (the verified objective meets the proven bound), ``gap_limit`` (stopped at
        the requested gap), ``time_limit``, ``interrupted`` (Ctrl-C) or ``infeasible``.
    objective : float or None
        The objective recomputed from the instance alone: total weighted impedance (p-median),
        largest impedance (p-center), covered weight (MCLP), number or total cost of the open
        sites (LSCP), attending weight (attendance), captured demand (market share), number of
        sites (target share). None when no feasible solution was found.
    bound : float or None
        The best proven bound (a lower bound when minimising, an upper bound for the MCLP,
        attendance and market share).
    gap : float or None
        Relative gap between objective and bound.
    seconds : float
        Wall-clock seconds of the solve.
    verified : bool
        Whether the solution passed the independent check (feasibility and objective recomputed
        from the instance).
    p, radius :
        The model's parameters where it has them (target share: the number of sites found).
    share : float or None
        Market share and target share: the captured demand as a share of the total weight.
    unallocated : float or None
        Models with a cutoff (p-median, attendance): the weight of the demand points beyond the
        cutoff of every open site.
    unit : str
        What impedances are measured in (``km``, the CRS unit such as ``metre``, or ``units``).
    stats : dict
        Model sizes and solver effort (pairs, columns, rows, nodes, …).
    open_sites : pandas.DataFrame or geopandas.GeoDataFrame
        One row per open site, indexed by the site's label (column number for a cost matrix,
        the GeoDataFrame's index otherwise), with ``n_assigned`` (demand points served) and
        ``weight_assigned``; attendance and the market-share models add ``allocated_weight``
        (the attending or captured demand each open site receives). For models built from
        GeoDataFrames it holds the rows of ``gdf_fac`` (geometry and all columns) plus these.
    assignments : pandas.DataFrame
        One row per demand point, in input order: ``demand`` (label), ``site`` (label of the
        serving site; missing where a point is not covered, MCLP, or beyond the cutoff),
        ``impedance`` (to that site; NaN where none) and ``weight``; attendance and the
        market-share models add ``allocated_weight`` (the part of the weight that attends or is
        captured: ArcGIS's AllocatedWeight), which sums to the objective.
    """

    def __init__(self, raw: dict, built: Built, weights: np.ndarray):
        self.model: str = raw["model"]
        self.status: str = raw["status"]
        self.objective: Optional[float] = raw["objective"]
        # HiGHS may report a zero bound as -0.0
        self.bound: Optional[float] = None if raw["bound"] is None else raw["bound"] + 0.0
        self.gap: Optional[float] = raw["gap"]
        self.seconds: float = raw["seconds"]
        self.verified: bool = raw["verified"]
        self.p: Optional[int] = raw["p"]
        self.radius: Optional[float] = raw["radius"]
        self.share: Optional[float] = raw["share"]
        self.unallocated: Optional[float] = raw["unallocated"]
        self.stats: dict = raw["stats"]
        self.unit: str = built.unit
        assignment = np.asarray(raw["assignment"], dtype=np.int64)
        open_positions = np.asarray(raw["open"], dtype=np.int64)
        if len(assignment) == 0:  # nothing found (infeasible, or no solution in the limits)
            assignment = np.full(len(built.demand_labels), -1, dtype=np.int64)
        impedance = np.asarray(raw["impedance"], dtype=np.float64)
        if len(impedance) == 0:
            impedance = np.full(len(assignment), np.nan)
        self.assignments = pd.DataFrame(
            {
                "demand": pd.Series(built.demand_labels, dtype=built.demand_labels.dtype),
                "site": _labels_at(built.site_labels, assignment),
                "impedance": impedance,
                "weight": weights,
            }
        )
        self.open_sites = self._open_sites(built, open_positions, assignment, weights)
        if raw["allocated"] is not None:
            self.assignments["allocated_weight"] = np.asarray(raw["allocated"], dtype=np.float64)
            site_allocated = np.asarray(raw["site_allocated"], dtype=np.float64)
            self.open_sites["allocated_weight"] = site_allocated[open_positions]

    @staticmethod
    def _open_sites(
        built: Built, open_positions: np.ndarray, assignment: np.ndarray, weights: np.ndarray
    ) -> Any:
        m = len(built.site_labels)
        served = assignment >= 0
        counts = np.bincount(assignment[served], minlength=m)
        served_weight = np.bincount(assignment[served], weights=weights[served], minlength=m)
        if built.gdf_sites is not None:
            table = built.gdf_sites.iloc[open_positions].copy()
        else:
            table = pd.DataFrame(index=built.site_labels.take(open_positions))
        table["n_assigned"] = counts[open_positions]
        table["weight_assigned"] = served_weight[open_positions]
        return table

    def __repr__(self) -> str:
        return (
            f"Result(model={self.model!r}, status={self.status!r}, objective={self.objective}, "
            f"bound={self.bound}, gap={self.gap}, "
            + ("" if self.share is None else f"share={self.share:.6g}, ")
            + ("" if self.unallocated is None else f"unallocated={self.unallocated}, ")
            + f"open={len(self.open_sites)}, "
            f"seconds={self.seconds:.3f})"
        )
