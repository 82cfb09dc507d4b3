"""Context beneath the maps: city boundary, districts, land use, water, rail and roads.

The ``context`` layer kind (:data:`geoinnenstadt.schema.CONTEXT_CATEGORY`) gives
a map its orientation: offline maps have no web tiles, so without it a land map
is a scatter of rectangles on grey. This module is the one home of what the
interactive maps (:mod:`geoinnenstadt.maps`) and the print maps
(:mod:`geoinnenstadt.plots`) share about context:

* :data:`DRAW_ORDER` — bottom to top; all of it lies beneath the data layers;
* :func:`style` — the quiet look of each category (and land-use type);
* :func:`display_tolerance_m` and :func:`for_display` — geometry simplified for
  display with a tolerance tied to the zoom range (half a screen pixel at the
  most detailed zoom, so simplification is invisible);
* :func:`district_of` — the district (Stadtbezirk) of features, assigned with
  :func:`geoinnenstadt.zones.assign`.

Examples
--------
>>> import geoinnenstadt as gi
>>> city = gi.load_sample("dortmund")
>>> sorted(set(city.context["category"]))
['city_boundary', 'district', 'landuse', 'rail', 'road', 'water']
>>> len(gi.context.layer(city.context, "district"))
12
"""

from __future__ import annotations

import math
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from . import crs as _crs
from . import style as _style
from .schema import CONTEXT_CATEGORY, LANDUSE_TYPE

__all__ = [
    "DRAW_ORDER",
    "LANDUSE_COLORS",
    "display_tolerance_m",
    "district_of",
    "for_display",
    "layer",
    "style",
]

#: Drawing order of the categories, bottom to top (all beneath the data layers).
DRAW_ORDER: tuple[str, ...] = ("landuse", "water", "district", "rail", "road", "city_boundary")
assert set(DRAW_ORDER) == set(CONTEXT_CATEGORY)

#: Land-use colours (the fills of :mod:`geoinnenstadt.style`, ``context.landuse.<code>``),
#: after the usual plan colours: Gewerbe grey-violet, Industrie darker (hatched in
#: print), Misch brown, Kern red-brown, Wohnen red, Sonder orange, Grün green.
LANDUSE_COLORS: dict[str, str] = {
    code: str(_style.symbol(f"context.landuse.{code}").fill) for code in LANDUSE_TYPE
}

#: Zoom levels of the interactive maps: context is simplified for the most detailed.
MAX_ZOOM: int = 18
#: District names appear from this zoom on (city-wide views are too crowded below).
DISTRICT_LABEL_MIN_ZOOM: int = 11


def style(category: str, landuse: str | None = None, *, line: bool = False) -> dict[str, Any]:
    """The look of a context feature: a Leaflet-like path style.

    Keys: ``color``, ``weight`` (line width in screen pixels; print maps
    scale it), ``dash`` (``"8 4"`` or ``None``), ``fill``, ``fillColor``,
    ``fillOpacity``. Land use is a faint fill without outline colour of its
    own. ``line=True`` gives the style of a line geometry (a river drawn as a
    line): never filled, since a filled polyline would paint the area between
    its ends.

    Examples
    --------
    >>> from geoinnenstadt import context
    >>> context.style("landuse", "GI")["fillColor"]
    '#7d6a99'
    >>> context.style("city_boundary")["fill"]
    False
    >>> context.style("water")["fill"], context.style("water", line=True)["fill"]
    (True, False)
    """
    if category not in CONTEXT_CATEGORY:
        raise ValueError(
            f"unknown context category {category!r}; valid: {', '.join(CONTEXT_CATEGORY)}"
        )
    if category == "landuse":
        key = f"context.landuse.{landuse}"
        sym = _style.symbol(key if key in _style.SYMBOLS else "context.landuse.other")
    else:
        water_line = line and category == "water"
        sym = _style.symbol("context.water_line" if water_line else f"context.{category}")
    filled = sym.fill is not None and not line
    return {
        "color": sym.stroke,
        "weight": sym.width,
        "dash": sym.dash,
        "fill": filled,
        "fillColor": sym.fill if filled else None,
        "fillOpacity": sym.fill_opacity if filled else 0.0,
        "opacity": sym.stroke_opacity,
        "hatch": sym.hatch,
    }


def layer(context: gpd.GeoDataFrame | None, category: str) -> gpd.GeoDataFrame:
    """The features of one category (an empty frame when there are none or no context).

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("duesseldorf")
    >>> sorted(gi.context.layer(city.context, "district")["name"])[:2]
    ['Stadtbezirk 1', 'Stadtbezirk 10']
    """
    if category not in CONTEXT_CATEGORY:
        raise ValueError(
            f"unknown context category {category!r}; valid: {', '.join(CONTEXT_CATEGORY)}"
        )
    if context is None or "category" not in context.columns:
        return gpd.GeoDataFrame(
            {"context_id": [], "category": [], "name": []},
            geometry=[],
            crs=None if context is None else context.crs,
        )
    return context[(context["category"] == category).fillna(False).to_numpy(dtype=bool)]


def display_tolerance_m(max_zoom: int = MAX_ZOOM, *, latitude: float = 51.5) -> float:
    """Simplification tolerance in metres: half a screen pixel at ``max_zoom``.

    A web-map pixel covers ``40 075 016.686 · cos(lat) / 2^(zoom + 8)`` metres; a
    vertex moved by less than half a pixel at the most detailed zoom of the
    map cannot be seen, so display geometry may be simplified that far.

    Examples
    --------
    >>> from geoinnenstadt import context
    >>> round(context.display_tolerance_m(18, latitude=51.5), 3)
    0.186
    >>> round(context.display_tolerance_m(14, latitude=51.5), 2)
    2.97
    """
    if isinstance(max_zoom, bool) or not isinstance(max_zoom, (int, np.integer)):
        raise ValueError(f"max_zoom must be a whole zoom level (0–22), got {max_zoom!r}")
    if not 0 <= int(max_zoom) <= 22:
        raise ValueError(f"max_zoom must be between 0 and 22, got {max_zoom}")
    metres_per_pixel = 40_075_016.686 * math.cos(math.radians(latitude)) / 2 ** (int(max_zoom) + 8)
    return metres_per_pixel / 2


def for_display(
    context: gpd.GeoDataFrame, *, max_zoom: int = MAX_ZOOM, tolerance_m: float | None = None
) -> gpd.GeoDataFrame:
    """Context simplified for display, in draw order; nothing is dropped.

    Parameters
    ----------
    context : GeoDataFrame
        A ``context`` layer in a metric CRS (the working CRS).
    max_zoom : int, default :data:`MAX_ZOOM`
        The most detailed zoom the geometry is shown at; the tolerance is
        :func:`display_tolerance_m` at the layer's latitude.
    tolerance_m : float, optional
        A tolerance in metres instead (print maps: half a printed point).

    Returns
    -------
    GeoDataFrame
        The same rows, sorted by :data:`DRAW_ORDER` (stable within a
        category), geometry simplified with topology preserved;
        ``attrs["tolerance_m"]`` and ``attrs["vertices_before"]``/``["vertices_after"]``.

    Raises
    ------
    CRSError
        When the layer is not in a metric CRS (:func:`geoinnenstadt.crs.require_metric`).

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> shown = gi.context.for_display(city.context, max_zoom=14)
    >>> len(shown) == len(city.context), shown.attrs["vertices_after"] < shown.attrs["vertices_before"]
    (True, True)
    """
    _crs.require_metric(context, names=["context"])
    if tolerance_m is None:
        lat = 51.5
        if len(context) and not context.geometry.isna().all():
            lat = float(_crs.to_display(context.geometry.envelope).total_bounds[[1, 3]].mean())
        tolerance_m = display_tolerance_m(max_zoom, latitude=lat)
    order = {c: i for i, c in enumerate(DRAW_ORDER)}
    rank = context["category"].map(order).fillna(len(order)).to_numpy()
    out = context.iloc[np.argsort(rank, kind="stable")].copy()
    geoms = np.asarray(out.geometry.array, dtype=object)
    before = int(shapely.get_num_coordinates(geoms).sum())
    simple = shapely.simplify(geoms, tolerance_m, preserve_topology=True)
    out[out.geometry.name] = gpd.GeoSeries(simple, index=out.index, crs=out.crs)
    out.attrs = {
        "tolerance_m": float(tolerance_m),
        "vertices_before": before,
        "vertices_after": int(shapely.get_num_coordinates(simple).sum()),
    }
    return out


def district_of(
    features: gpd.GeoDataFrame, context: gpd.GeoDataFrame | None, *, warn: bool = False
) -> pd.Series:
    """The district (Stadtbezirk) of each feature, by name.

    Assigned with :func:`geoinnenstadt.zones.assign` against the context's
    ``district`` polygons: points by the boundary rule, polygons (sites)
    by the largest overlap, so a site on a district border belongs to the
    district holding most of it.

    Parameters
    ----------
    features : GeoDataFrame
        Points or polygons in the CRS of ``context``.
    context : GeoDataFrame or None
        A ``context`` layer; without districts every value is missing.
    warn : bool, default False
        Warn about features outside every district (counts are in ``attrs`` either way).

    Returns
    -------
    pandas.Series
        ``district`` names (``string`` dtype) indexed like ``features``; NA
        outside every district. ``attrs`` as :func:`~geoinnenstadt.zones.assign`.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> names = gi.context.district_of(city.sites, city.context)
    >>> bool(names.notna().all()), names.nunique() > 5
    (True, True)
    """
    from . import zones  # zones imports nothing of context; lazily to keep import time low

    districts = layer(context, "district")
    if not len(districts):
        out = pd.Series(pd.NA, index=features.index, dtype="string", name="district")
        out.attrs = {"n_assigned": 0, "n_outside": len(features), "n_no_geometry": 0}
        return out
    types = shapely.get_type_id(np.asarray(features.geometry.array, dtype=object))
    points = bool(len(types)) and bool(np.isin(types, [0, -1]).all())
    ids = zones.assign(
        features,
        districts,
        id_column="context_id",
        how="within" if points else "largest_overlap",
        warn=warn,
    )
    names = dict(
        zip(districts["context_id"].astype(str), districts["name"].astype("string"), strict=True)
    )
    out = ids.astype("string").map(names).astype("string").rename("district")
    out.attrs = dict(ids.attrs)
    return out
