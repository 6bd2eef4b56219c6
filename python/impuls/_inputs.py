"""Turning the inputs of the model constructors into a validated ``impuls.Instance``.

A cost matrix becomes an instance with an explicit impedance table (coordinates unused); a pair
of GeoDataFrames becomes an instance with coordinates and a metric chosen from their CRS:

- projected CRS (or none): planar Euclidean distance, in the CRS's unit (usually metres);
- geographic CRS (e.g. EPSG:4326): great-circle distance in km (haversine on a sphere of
  radius 6371.0088 km), after reprojecting to WGS84 lon/lat where the CRS is another
  geographic one; ``distance_metric="geodesic"`` gives the ellipsoidal WGS84 distance instead.

Checks of the shapes of the inputs happen here, with messages that name the constructor and
the argument; checks of the values (finite, non-negative, unique ids, …) are the library's,
with the messages the CLI prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

import numpy as np
import pandas as pd

from . import _impuls
from ._errors import InputError, ParameterError


@dataclass(frozen=True)
class Built:
    """An instance and the labels results are reported with."""

    instance: _impuls.Instance
    #: labels of the demand points (cost matrix: row numbers; GeoDataFrame: its index)
    demand_labels: pd.Index
    #: labels of the sites (cost matrix: column numbers; GeoDataFrame: its index)
    site_labels: pd.Index
    #: the sites' GeoDataFrame, for GeoDataFrame results (None for a cost matrix)
    gdf_sites: Any = None
    #: what impedances are measured in, for reports
    unit: str = "units"


def _vector(values: Any, length: int, what: str, source: str) -> Optional[np.ndarray]:
    """A float64 vector of ``length`` entries, or None."""
    if values is None:
        return None
    try:
        arr = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as e:
        raise InputError(f"{source}: {what}: not numbers ({e})") from None
    arr = arr.reshape(-1) if arr.ndim == 2 and 1 in arr.shape else arr
    if arr.ndim != 1 or arr.shape[0] != length:
        raise ParameterError(
            f"{source}: {what} has shape {arr.shape}, expected ({length},)"
        )
    return np.ascontiguousarray(arr)


def _mask(values: Any, length: int, what: str, source: str) -> Optional[np.ndarray]:
    """A boolean vector of ``length`` entries (truthy = yes, as spopt reads predefined
    facilities; missing = no), or None."""
    if values is None:
        return None
    series = pd.Series(np.asarray(values).reshape(-1) if np.ndim(values) else [values])
    if len(series) != length:
        raise ParameterError(
            f"{source}: {what} has {len(series)} entries, expected {length} (one per site)"
        )
    return np.ascontiguousarray(series.fillna(False).astype(bool).to_numpy())


def _ids(labels: pd.Index) -> list:
    """Ids for the library (used in its error messages): the labels as text where that keeps
    them apart, else the positions."""
    text = [str(label) for label in labels]
    return text if len(set(text)) == len(text) else [str(k) for k in range(len(labels))]


def from_cost_matrix(
    source: str,
    cost_matrix: Any,
    weights: Any = None,
    predefined: Any = None,
    capacities: Any = None,
    quantities: Any = None,
    costs: Any = None,
    competitors: Any = None,
    attractiveness: Any = None,
) -> Built:
    """An instance from an n × m cost matrix (rows: demand points, columns: sites, competitors'
    facilities included)."""
    try:
        matrix = np.ascontiguousarray(np.asarray(cost_matrix, dtype=np.float64))
    except (TypeError, ValueError) as e:
        raise InputError(f"{source}: cost_matrix: not numbers ({e})") from None
    if matrix.ndim != 2:
        raise ParameterError(
            f"{source}: cost_matrix must be 2-dimensional (demand × sites), not {matrix.ndim}-dimensional"
        )
    n, m = matrix.shape
    if (matrix < 0).any():
        i, j = np.argwhere(matrix < 0)[0]
        raise InputError(
            f"{source}: cost_matrix[{i}, {j}]: impedance {matrix[i, j]} is negative"
        )
    demand_labels, site_labels = pd.RangeIndex(n, name="demand"), pd.RangeIndex(m, name="site")
    weight = _vector(weights, n, "weights", source)
    instance = _impuls.Instance.from_columns(
        name=source,
        source=source,
        crs="planar",
        metric="euclidean",
        demand_ids=_ids(demand_labels),
        demand_x=np.zeros(n),
        demand_y=np.zeros(n),
        weight=np.ones(n) if weight is None else weight,
        load=_vector(quantities, n, "demand quantities", source),
        site_ids=_ids(site_labels),
        site_x=np.zeros(m),
        site_y=np.zeros(m),
        required=_mask(predefined, m, "predefined facilities", source),
        capacity=_vector(capacities, m, "facility capacities", source),
        cost=_vector(costs, m, "facility costs", source),
        matrix=matrix,
        competitor=_mask(competitors, m, "competitor facilities", source),
        attractiveness=_vector(attractiveness, m, "facility attractiveness", source),
    )
    return Built(instance, demand_labels, site_labels)


def _column(gdf: Any, col: Optional[str], frame: str, source: str) -> Any:
    if col is None:
        return None
    if col not in gdf.columns:
        raise ParameterError(f"{source}: {frame} has no column '{col}'")
    return gdf[col]


def _points(gdf: Any, col: str, frame: str, source: str) -> tuple:
    """x and y of a column of point geometries."""
    geometry = _column(gdf, col, frame, source)
    kinds = geometry.geom_type.to_numpy()
    empty = geometry.is_empty.to_numpy() | geometry.isna().to_numpy()
    bad = np.flatnonzero(empty | (kinds != "Point"))
    if len(bad):
        k = bad[0]
        what = "empty" if empty[k] else f"a {kinds[k]}"
        raise InputError(
            f"{source}: {frame} row {k + 1} (index {gdf.index[k]!r}): geometry is {what}, "
            "not a point (use .centroid or .representative_point())"
        )
    return (
        np.ascontiguousarray(geometry.x.to_numpy(dtype=np.float64)),
        np.ascontiguousarray(geometry.y.to_numpy(dtype=np.float64)),
    )


def _frame_crs(gdf_demand: Any, gdf_sites: Any, source: str) -> Any:
    a, b = gdf_demand.crs, gdf_sites.crs
    if a is None and b is None:
        return None
    if a is None or b is None or not a.equals(b):
        raise ParameterError(
            f"{source}: gdf_demand and gdf_fac have different crs ({a} and {b}); "
            "reproject one with .to_crs()"
        )
    return a


def from_geodataframes(
    source: str,
    gdf_demand: Any,
    gdf_sites: Any,
    demand_col: str,
    facility_col: str,
    weights_col: Optional[str] = None,
    predefined_col: Optional[str] = None,
    capacity_col: Optional[str] = None,
    quantity_col: Optional[str] = None,
    cost_col: Optional[str] = None,
    distance_metric: Optional[str] = None,
    competitor_col: Optional[str] = None,
    attractiveness_col: Optional[str] = None,
) -> Built:
    """An instance from demand and site GeoDataFrames of points (see the module docs for CRS)."""
    crs = _frame_crs(gdf_demand, gdf_sites, source)
    geographic = crs is not None and crs.is_geographic
    demand_geo, sites_geo = gdf_demand, gdf_sites
    if geographic and crs.to_epsg() != 4326:
        demand_geo = gdf_demand.set_geometry(demand_col).to_crs(4326)
        sites_geo = gdf_sites.set_geometry(facility_col).to_crs(4326)
    dx, dy = _points(demand_geo, demand_col, "gdf_demand", source)
    sx, sy = _points(sites_geo, facility_col, "gdf_fac", source)
    n, m = len(gdf_demand), len(gdf_sites)

    def numbers(frame: Any, col: Optional[str], frame_name: str, what: str, length: int):
        values = _column(frame, col, frame_name, source)
        return None if values is None else _vector(values, length, f"{what} column '{col}'", source)

    weight = numbers(gdf_demand, weights_col, "gdf_demand", "weights", n)
    predefined = _column(gdf_sites, predefined_col, "gdf_fac", source)
    competitor = _column(gdf_sites, competitor_col, "gdf_fac", source)
    metric = distance_metric or ("haversine" if geographic else "euclidean")
    if geographic and metric in ("haversine", "geodesic"):
        unit = "km"
    elif crs is not None and crs.axis_info:
        unit = crs.axis_info[0].unit_name
    else:
        unit = "units"
    instance = _impuls.Instance.from_columns(
        name=source,
        source=source,
        crs="wgs84" if geographic else "planar",
        metric=metric,
        demand_ids=_ids(gdf_demand.index),
        demand_x=dx,
        demand_y=dy,
        weight=np.ones(n) if weight is None else weight,
        load=numbers(gdf_demand, quantity_col, "gdf_demand", "demand quantities", n),
        site_ids=_ids(gdf_sites.index),
        site_x=sx,
        site_y=sy,
        required=None if predefined is None else _mask(predefined, m, "predefined facilities", source),
        capacity=numbers(gdf_sites, capacity_col, "gdf_fac", "facility capacities", m),
        cost=numbers(gdf_sites, cost_col, "gdf_fac", "facility costs", m),
        matrix=None,
        competitor=None if competitor is None else _mask(competitor, m, "competitor facilities", source),
        attractiveness=numbers(gdf_sites, attractiveness_col, "gdf_fac", "facility attractiveness", m),
    )
    return Built(instance, gdf_demand.index, gdf_sites.index, gdf_sites, unit)


def from_instance(instance: _impuls.Instance) -> Built:
    """An instance read from a file or generated, labelled by its ids."""
    return Built(
        instance,
        pd.Index(instance.demand_ids, name="demand"),
        pd.Index(instance.site_ids, name="site"),
        unit=instance.unit,
    )
