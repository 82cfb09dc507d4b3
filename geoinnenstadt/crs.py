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
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError as ProjCRSError

from . import settings
from .errors import CRSError

__all__ = [
    "DISPLAY_CRS",
    "Guess",
    "as_crs",
    "check_location",
    "guess",
    "guess_layer",
    "is_metric",
    "label",
    "northing_first",
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


def same(a: Any, b: Any) -> bool:
    """True when two CRS inputs denote the same CRS (axis order ignored).

    Examples
    --------
    >>> same("EPSG:25832", "ETRS89 / UTM zone 32N"), same("EPSG:25832", "EPSG:25833")
    (True, False)
    """
    return as_crs(a).equals(as_crs(b), ignore_axis_order=True)


def is_geographic(value: Any) -> bool:
    """True for a CRS in degrees (longitude/latitude).

    Examples
    --------
    >>> is_geographic("EPSG:4326"), is_geographic("EPSG:25832")
    (True, False)
    """
    return bool(as_crs(value).is_geographic)


def is_metric(value: Any) -> bool:
    """True for a projected CRS with both axes in true metres (not Web Mercator).

    Examples
    --------
    >>> is_metric("EPSG:25832"), is_metric("EPSG:4326"), is_metric("EPSG:3857")
    (True, False, False)
    """
    return _metric_problem(as_crs(value)) is None


def northing_first(value: Any) -> bool:
    """True when the CRS's official axis order lists northing/latitude first.

    GML and WFS responses write coordinates in the official axis order of their
    ``srsName`` (``urn:ogc:def:crs:EPSG::4326`` is latitude, longitude);
    readers swap such coordinates to x, y. An unknown CRS is read as written
    (False).

    Examples
    --------
    >>> northing_first(4326), northing_first("EPSG:25832"), northing_first("EPSG:4647")
    (True, False, False)
    """
    try:
        axes = as_crs(value).axis_info
    except Exception:  # an unknown code: read as written
        return False
    return bool(axes) and axes[0].direction.lower() == "north"


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
    call = f"{name}.to_crs({w!r})" if name.isidentifier() else f".to_crs({w!r})"
    return f"{call} (gi.settings.working_crs; read_layer does this)"


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
        fix = _fix(labels[0]) if len(labels) == 1 else (f"reproject each, e.g. {_fix(labels[0])}")
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
    """A copy in the working CRS (print maps).

    CRSError when the layer has no CRS or the working CRS is not metric.

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


# --------------------------------------------------------------------------- bare coordinates

#: Projected CRSs in metres that German data without a zone number may be in, with where.
UTM_CANDIDATES: dict[str, str] = {
    "EPSG:25832": "ETRS89 / UTM zone 32N: western Germany, e.g. NRW, Hesse, Bavaria west of 12° E",
    "EPSG:25833": "ETRS89 / UTM zone 33N: eastern Germany, e.g. Berlin, Brandenburg, Saxony",
}


@dataclass(frozen=True)
class Guess:
    """What bare coordinates (a table's x/y, a Shapefile without ``.prj``) look like.

    Attributes
    ----------
    crs : str or None
        The one CRS that fits (``"EPSG:4326"``, ``"EPSG:4647"``, ``"EPSG:5650"``);
        None when no CRS or several fit.
    description : str
        What the values look like, for messages.
    candidates : tuple of str
        The CRSs that would fit when ``crs`` is None (e.g. EPSG:25832 and
        EPSG:25833 for UTM values without a zone number).
    swapped : str or None
        ``"lat/lon"`` or ``"Rechtswert/Hochwert"`` when x holds what belongs in y.
    """

    crs: str | None
    description: str
    candidates: tuple[str, ...] = ()
    swapped: str | None = None

    @property
    def fix(self) -> str:
        """How to pass the CRS: ``"pass crs='EPSG:25832' (…) or crs='EPSG:25833' (…)"``."""
        options = self.candidates or ((self.crs,) if self.crs else ())
        if not options:
            return (
                "pass the CRS the coordinates are in, e.g. crs='EPSG:25832' (UTM 32N metres) or "
                "crs='EPSG:4326' (lon/lat degrees)"
            )
        parts = [
            f"crs={c!r}" + (f" ({UTM_CANDIDATES[c]})" if c in UTM_CANDIDATES else "")
            for c in options
        ]
        return "pass " + " or ".join(parts)


def _in_box(lon: Any, lat: Any) -> Any:
    lon0, lat0, lon1, lat1 = settings.germany_bounds_lonlat
    return (lon >= lon0) & (lon <= lon1) & (lat >= lat0) & (lat <= lat1)


def _utm_kind(x: float, y: float) -> str | None:
    """``"utm"``, ``"4647"``, ``"5650"``, ``"gk"`` for an easting/northing pair, else None."""
    if not 5.1e6 <= y <= 6.2e6:
        return None
    if 1.5e5 <= x <= 1.0e6:
        return "utm"
    if 3.21e7 <= x <= 3.3e7:
        return "4647"
    if 3.31e7 <= x <= 3.4e7:
        return "5650"
    if 2.2e6 <= x <= 5.8e6:
        return "gk"
    return None


def guess(xs: Any, ys: Any) -> Guess:
    """The CRS of bare coordinates, accepted only where exactly one CRS fits.

    From the medians of the coordinates: lon/lat in Germany → EPSG:4326;
    eastings with the UTM zone number in front (``32xxxxxx`` / ``33xxxxxx``)
    → EPSG:4647 / EPSG:5650. UTM eastings/northings *without* a zone number
    fit both EPSG:25832 and EPSG:25833 anywhere in Germany (the same numbers
    lie 400–600 km apart in the two zones): no CRS, both candidates.
    Gauss-Krüger values name their zone but not the datum realisation: no
    CRS, the DHDN code as the candidate. Swapped axes are recognised for
    lat/lon and for Rechtswert/Hochwert.

    Parameters
    ----------
    xs, ys : array-like of float
        The coordinates (NaN allowed).

    Returns
    -------
    Guess

    Examples
    --------
    >>> guess([7.4651], [51.5136]).crs
    'EPSG:4326'
    >>> g = guess([391000.0], [5820000.0])   # Berlin in EPSG:25833 — or Lower Saxony in 25832
    >>> g.crs, g.candidates
    (None, ('EPSG:25832', 'EPSG:25833'))
    >>> guess([32391000.0], [5820000.0]).crs
    'EPSG:4647'
    >>> guess([5820000.0], [391000.0]).swapped
    'Rechtswert/Hochwert'
    """
    x = np.asarray(xs, dtype=float)
    y = np.asarray(ys, dtype=float)
    finite = np.isfinite(x) & np.isfinite(y)
    if not finite.any():
        return Guess(None, "no readable coordinates")
    mx, my = float(np.median(x[finite])), float(np.median(y[finite]))
    if _in_box(mx, my):
        return Guess("EPSG:4326", "lon/lat in degrees")
    if _in_box(my, mx):
        return Guess(None, "lat/lon given as x/y", ("EPSG:4326",), swapped="lat/lon")
    kind = _utm_kind(mx, my)
    if kind == "utm":
        return Guess(
            None,
            "UTM eastings/northings in metres without a zone number",
            tuple(UTM_CANDIDATES),
        )
    if kind == "4647":
        return Guess("EPSG:4647", "UTM 32N eastings with the zone number 32 in front")
    if kind == "5650":
        return Guess("EPSG:5650", "UTM 33N eastings with the zone number 33 in front")
    if kind == "gk":
        zone = int(mx // 1e6)
        return Guess(
            None,
            f"Gauss-Krüger zone {zone} (DHDN; accurate to about 1 m without the BeTA2007 grid)",
            (f"EPSG:{31464 + zone}",),
        )
    swapped_kind = _utm_kind(my, mx)
    if swapped_kind is not None:
        return Guess(
            None,
            "Hochwert/Rechtswert (northing/easting) given as x/y",
            tuple(UTM_CANDIDATES) if swapped_kind == "utm" else (),
            swapped="Rechtswert/Hochwert",
        )
    return Guess(None, f"values around x={mx:,.4f}, y={my:,.4f}")


def _rep_points(gdf: gpd.GeoDataFrame | gpd.GeoSeries) -> np.ndarray:
    """Centres of the bounding boxes of all non-empty geometries, shape (n, 2)."""
    geoms = np.asarray(gdf.geometry.array, dtype=object)
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    b = shapely.bounds(geoms[present])
    return np.column_stack([(b[:, 0] + b[:, 2]) / 2, (b[:, 1] + b[:, 3]) / 2])


def guess_layer(gdf: gpd.GeoDataFrame | gpd.GeoSeries) -> Guess:
    """:func:`guess` from the centres of a layer's geometries (whatever its declared CRS).

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import Point
    >>> guess_layer(gpd.GeoSeries([Point(393000, 5707500)])).candidates
    ('EPSG:25832', 'EPSG:25833')
    """
    pts = _rep_points(gdf)
    if not len(pts):
        return Guess(None, "no geometries")
    return guess(pts[:, 0], pts[:, 1])


def check_location(
    gdf: gpd.GeoDataFrame, *, source: str, xy_columns: tuple[str, str] | None = None
) -> None:
    """Raise a CRSError when *no* feature lies in Germany (wrong CRS or swapped axes).

    Single features outside Germany are reported per feature by
    :func:`geoinnenstadt.schema.validate`.

    Parameters
    ----------
    gdf : GeoDataFrame with a CRS
    source : str
        File (and layer) for the message.
    xy_columns : (str, str), optional
        The coordinate columns of a table, to name the fix for swapped axes.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import Point
    >>> berlin = gpd.GeoDataFrame(geometry=[Point(391000, 5820000)], crs="EPSG:4326")
    >>> check_location(berlin, source="units.csv")
    Traceback (most recent call last):
    ...
    geoinnenstadt.errors.CRSError: units.csv: none of the 1 features lies in Germany when read in EPSG:4326; the coordinates look like UTM eastings/northings in metres without a zone number: pass crs='EPSG:25832' (ETRS89 / UTM zone 32N: western Germany, e.g. NRW, Hesse, Bavaria west of 12° E) or crs='EPSG:25833' (ETRS89 / UTM zone 33N: eastern Germany, e.g. Berlin, Brandenburg, Saxony)
    """
    pts = _rep_points(gdf)
    if not len(pts):
        return
    c = as_crs(gdf.crs, source=source)
    if c.is_geographic:
        lon, lat = pts[:, 0], pts[:, 1]
    else:
        with np.errstate(invalid="ignore"):
            lon, lat = Transformer.from_crs(c, "EPSG:4326", always_xy=True).transform(
                pts[:, 0], pts[:, 1]
            )
        lon, lat = np.asarray(lon), np.asarray(lat)
    if _in_box(lon, lat).any():
        return
    g = guess(pts[:, 0], pts[:, 1])
    if g.swapped == "lat/lon" or (c.is_geographic and _in_box(lat, lon).all()):
        fix = (
            f"pass x={xy_columns[1]!r}, y={xy_columns[0]!r}"
            if xy_columns
            else "swap the axes in your GIS (x is the longitude ≈ 6–15, y the latitude ≈ 47–55)"
        )
        raise CRSError(
            f"{source}: no feature lies in Germany; the coordinates look like lat/lon given as "
            f"x/y (swapped); {fix}"
        )
    if g.swapped is not None:
        fix = (
            f"pass x={xy_columns[1]!r}, y={xy_columns[0]!r}"
            if xy_columns
            else "swap the axes in your GIS (the Rechtswert/easting is x, the Hochwert/northing y)"
        )
        raise CRSError(
            f"{source}: no feature lies in Germany; the coordinates look like {g.description} "
            f"(swapped?); {fix}"
        )
    if g.crs is not None and not as_crs(g.crs).equals(c):
        hint = f"the coordinates look like {g.description}: pass crs={g.crs!r}"
    elif g.candidates:
        hint = f"the coordinates look like {g.description}: {g.fix}"
    else:
        hint = (
            f"the coordinates ({g.description}) do not fit; check the CRS and pass the right one "
            "with crs="
        )
    raise CRSError(
        f"{source}: none of the {len(pts)} features lies in Germany when read in {label(c)}; {hint}"
    )
