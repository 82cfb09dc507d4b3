"""The one CRS policy of geoinnenstadt.

* **Metric results** (areas, distances, buffers, distance bands) are computed
  only in a projected CRS whose axes are in metres and which all inputs
  share: the working CRS (:data:`geoinnenstadt.settings.working_crs`,
  EPSG:25832 by default) or another such CRS. Everything else — no CRS,
  degrees, Web Mercator (its "metres" grow with latitude: ×2.55 in area at
  51.5° N), feet, differing CRSs — raises :class:`~geoinnenstadt.errors.CRSError`
  that says how to fix it. Analysis functions call :func:`require_metric`.
* **Operations without measurement** (point-in-polygon) need only the same
  CRS on all inputs: :func:`require_same`.
* **Display**: maps call :func:`to_display` (WGS 84), print maps
  :func:`to_working`. They reproject a copy for drawing only.
* **Reading**: :func:`guess` names the CRS of bare coordinates only where
  exactly one CRS fits.

No other module compares or judges CRSs.

Examples
--------
>>> import geopandas as gpd
>>> from shapely.geometry import box
>>> from geoinnenstadt import crs
>>> a = gpd.GeoDataFrame(geometry=[box(0, 0, 1, 1)], crs="EPSG:25832")
>>> crs.require_metric(a, names=["sites"]).to_epsg()
25832
>>> crs.require_metric(a.to_crs("EPSG:3857"), names=["sites"])
Traceback (most recent call last):
...
geoinnenstadt.errors.CRSError: sites is in EPSG:3857 (WGS 84 / Pseudo-Mercator), whose metres are not true metres (Web Mercator); areas and distances would be wrong. Reproject first: sites.to_crs('EPSG:25832') (gi.settings.working_crs; read_layer does this)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import geopandas as gpd
import numpy as np
from pyproj import CRS
from pyproj.exceptions import CRSError as ProjCRSError

from . import settings
from .errors import CRSError

__all__ = [
    "DISPLAY_CRS",
    "as_crs",
    "is_metric",
    "label",
    "require_metric",
    "require_same",
    "to_display",
    "to_working",
]

#: CRS of interactive (web) maps.
DISPLAY_CRS = "EPSG:4326"

#: Projections whose linear unit is called metre but whose scale is far from 1 in Germany.
_NOT_TRUE_METRES = {3857, 900913, 3785, 102100, 102113}


def as_crs(value: Any, *, source: str = "crs") -> CRS:
    """A :class:`pyproj.CRS` from any user input; CRSError naming ``source`` otherwise.

    Examples
    --------
    >>> as_crs("EPSG:25832").to_epsg()
    25832
    """
    try:
        return value if isinstance(value, CRS) else CRS.from_user_input(value)
    except ProjCRSError as exc:
        raise CRSError(
            f"{source}: {value!r} is not a valid CRS ({exc}); use e.g. 'EPSG:25832'"
        ) from None


def label(value: Any) -> str:
    """``'EPSG:25832'`` for registered CRSs, else the CRS's name (never a page of WKT).

    Examples
    --------
    >>> label("EPSG:25833")
    'EPSG:25833'
    """
    c = as_crs(value)
    code = c.to_epsg()
    return f"EPSG:{code}" if code is not None else f"{c.name!r} (no EPSG code)"


def _long_label(c: CRS) -> str:
    code = c.to_epsg()
    return f"EPSG:{code} ({c.name})" if code is not None else repr(c.name)


def is_metric(value: Any) -> bool:
    """True for a projected CRS with both axes in true metres (not Web Mercator).

    Examples
    --------
    >>> is_metric("EPSG:25832"), is_metric("EPSG:4326"), is_metric("EPSG:3857")
    (True, False, False)
    """
    return _metric_problem(as_crs(value)) is None


def _metric_problem(c: CRS) -> str | None:
    if not c.is_projected:
        return "geographic (degrees)" if c.is_geographic else "not projected"
    if c.to_epsg() in _NOT_TRUE_METRES or "pseudo-mercator" in c.name.lower():
        return "whose metres are not true metres (Web Mercator)"
    units = {a.unit_name.lower() for a in c.axis_info}
    if not units or not units <= {"metre", "meter", "m"}:
        return f"in {', '.join(sorted(units)) or 'unknown units'}, not metres"
    return None


def _names(layers: Sequence[Any], names: Sequence[str] | None) -> list[str]:
    if names is None:
        return [f"layer {i + 1}" for i in range(len(layers))]
    if len(names) != len(layers):
        raise ValueError("names must name every layer")
    return list(names)


def _fix(name: str) -> str:
    w = settings.working_crs
    return f"{name}.to_crs({w!r}) (gi.settings.working_crs; read_layer does this)"


def require_same(*layers: Any, names: Sequence[str] | None = None) -> CRS:
    """The CRS that all layers share; CRSError when one has none or they differ.

    Parameters
    ----------
    *layers : GeoDataFrame, GeoSeries or anything with ``.crs``
    names : sequence of str, optional
        How to call each layer in messages ("units", "quarters", …).

    Returns
    -------
    pyproj.CRS

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import Point
    >>> a = gpd.GeoDataFrame(geometry=[Point(0, 0)], crs="EPSG:25832")
    >>> require_same(a, a.to_crs("EPSG:25833"), names=["units", "quarters"])
    Traceback (most recent call last):
    ...
    geoinnenstadt.errors.CRSError: CRS mismatch: units in EPSG:25832, quarters in EPSG:25833; reproject quarters: quarters.to_crs('EPSG:25832') (gi.settings.working_crs; read_layer does this)
    """
    if not layers:
        raise ValueError("require_same needs at least one layer")
    labels = _names(layers, names)
    crss: list[CRS] = []
    for layer, name in zip(layers, labels, strict=True):
        value = getattr(layer, "crs", None)
        if value is None:
            raise CRSError(
                f"{name} has no CRS; set it with {name}.set_crs(...) if you know it (for example "
                f"'EPSG:25832'), or read the layer with gi.read_layer(..., crs=...)"
            )
        crss.append(as_crs(value, source=name))
    first = crss[0]
    for c, name in zip(crss[1:], labels[1:], strict=True):
        if not c.equals(first):
            raise CRSError(
                f"CRS mismatch: {labels[0]} in {label(first)}, {name} in {label(c)}; reproject "
                f"{name}: {_fix(name)}"
            )
    return first


def require_metric(*layers: Any, names: Sequence[str] | None = None) -> CRS:
    """The shared CRS of all layers, which must be projected in true metres.

    Call this before every area, distance, buffer or distance band. The
    working CRS passes; so does another projected CRS in metres that all
    inputs share (e.g. EPSG:25833 in Berlin). Degrees, Web Mercator and
    feet do not.

    Returns
    -------
    pyproj.CRS

    Raises
    ------
    CRSError
        No CRS, differing CRSs, or a CRS that is not in true metres; the
        message says how to reproject.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import Point
    >>> a = gpd.GeoDataFrame(geometry=[Point(7, 51)], crs="EPSG:4326")
    >>> require_metric(a, names=["units"])
    Traceback (most recent call last):
    ...
    geoinnenstadt.errors.CRSError: units is in EPSG:4326 (WGS 84), geographic (degrees); areas and distances would be wrong. Reproject first: units.to_crs('EPSG:25832') (gi.settings.working_crs; read_layer does this)
    """
    labels = _names(layers, names)
    c = require_same(*layers, names=labels)
    problem = _metric_problem(c)
    if problem is not None:
        who = labels[0] if len(labels) == 1 else "the layers (" + ", ".join(labels) + ")"
        verb = "is" if len(labels) == 1 else "are"
        fix = _fix(labels[0]) if len(labels) == 1 else (
            f"reproject each, e.g. {_fix(labels[0])}"
        )
        raise CRSError(
            f"{who} {verb} in {_long_label(c)}, {problem}; areas and distances would be wrong. "
            f"Reproject first: {fix}"
        )
    return c


def to_display(gdf: gpd.GeoDataFrame | gpd.GeoSeries, *, name: str = "layer") -> Any:
    """A copy in WGS 84 for web maps; CRSError when the layer has no CRS.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import Point
    >>> g = gpd.GeoSeries([Point(400000, 5700000)], crs="EPSG:25832")
    >>> round(float(to_display(g).x.iloc[0]), 3)
    7.561
    """
    require_same(gdf, names=[name])
    if as_crs(gdf.crs).equals(as_crs(DISPLAY_CRS)):
        return gdf
    return gdf.to_crs(DISPLAY_CRS)


def to_working(gdf: gpd.GeoDataFrame | gpd.GeoSeries, *, name: str = "layer") -> Any:
    """A copy in the working CRS (print maps); CRSError when the layer has no CRS
    or the working CRS is not metric.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import Point
    >>> g = gpd.GeoSeries([Point(7.0, 51.5)], crs="EPSG:4326")
    >>> to_working(g).crs.to_epsg()
    25832
    """
    require_same(gdf, names=[name])
    working = as_crs(settings.working_crs, source="gi.settings.working_crs")
    problem = _metric_problem(working)
    if problem is not None:
        raise CRSError(
            f"gi.settings.working_crs = {settings.working_crs!r} is {problem}; set a projected "
            f"CRS in metres such as 'EPSG:25832' (NRW) or 'EPSG:25833' (eastern Germany)"
        )
    if as_crs(gdf.crs).equals(working):
        return gdf
    return gdf.to_crs(working)


def bounds_lonlat(gdf: gpd.GeoDataFrame | gpd.GeoSeries) -> np.ndarray:
    """``[min_lon, min_lat, max_lon, max_lat]`` of a layer (for fitting a web map)."""
    return np.asarray(to_display(gdf).total_bounds, dtype=float)
