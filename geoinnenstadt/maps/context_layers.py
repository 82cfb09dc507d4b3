"""Context beneath the interactive maps: city boundary, districts, land use, water, rail, roads.

Every map function (:func:`~geoinnenstadt.maps.vacancy_map`,
:func:`~geoinnenstadt.maps.land_map`, :func:`~geoinnenstadt.maps.preemption_map`)
draws ``city.context`` through :func:`add_background` before its data layers:

* one layer per category present, in :data:`geoinnenstadt.context.DRAW_ORDER`,
  named ``labels.value_label("category", c, lang)`` and togglable in the layer
  control; all of them in the Leaflet pane ``giContext`` (z-index
  :data:`CONTEXT_PANE_Z`, below the ``overlayPane`` of the data layers at 400),
  so context lies beneath the data even when it is added after them;
* non-interactive (no popups; clicks pass through to the data below);
* listed in a legend box of their own, "Kartengrundlage" (``map.context_legend``):
  one row per category drawn and per land-use type present, worded by
  :func:`geoinnenstadt.style.label` (``context.<category>``), as the print maps list them;
* styles from :func:`geoinnenstadt.context.style` (one style code per land-use
  type); district names as labels from zoom
  :data:`geoinnenstadt.context.DISTRICT_LABEL_MIN_ZOOM` on, inserted as text
  (``textContent``) in the page;
* geometry simplified with :func:`geoinnenstadt.context.for_display` for the
  most detailed zoom of the maps (:data:`geoinnenstadt.context.MAX_ZOOM`, the
  ``maxZoom`` of every map), reprojected for display only and rounded to 5
  decimals (about 1 m).

A map composed with ``m=`` gets its context once. The map keeps fitting the
data layers; only a map without data is fitted to the context.

Examples
--------
>>> import geoinnenstadt as gi
>>> from geoinnenstadt.maps import context_layers
>>> context_layers.CONTEXT_PANE_Z < 400
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import shapely

from .. import context as _context
from .. import labels
from .. import style as gi_style
from . import payload
from .layers import city_layer, drop_missing_geometry, lonlat
from .legend import LegendItem, add_legend, symbol_item
from .page import add_layer

if TYPE_CHECKING:  # pragma: no cover
    import folium

    from ..city import City

#: z-index of the Leaflet pane of the context layers: below ``overlayPane`` (400, the data)
#: and above ``tilePane`` (200, a basemap).
CONTEXT_PANE_Z = 350
#: z-index of the pane of the district names: above the context lines, below the data.
CONTEXT_LABEL_PANE_Z = 380
#: Decimals of context coordinates (about 1 m); data layers keep 6.
CONTEXT_DECIMALS = 5
#: Order of the context rows in the legend box "Kartengrundlage".
LEGEND_ORDER: tuple[str, ...] = ("city_boundary", "district", "landuse", "water", "rail", "road")


def context_of(city: City, context: bool = True) -> gpd.GeoDataFrame | None:
    """``city.context`` ready for a map (privacy filter, CRS required), or None."""
    if not context:
        return None
    ctx = city_layer(city, "context")
    if ctx is None or not len(ctx):
        return None
    return ctx


def _leaflet_style(
    category: str, landuse: str | None = None, *, line: bool = False
) -> dict[str, Any]:
    """:func:`geoinnenstadt.context.style` as Leaflet path options, non-interactive."""
    s = _context.style(category, landuse, line=line)
    out: dict[str, Any] = {
        "color": s["color"],
        "weight": s["weight"],
        "opacity": s.get("opacity", 0.9),
        "fill": bool(s["fill"]),
        "fillColor": s.get("fillColor") or s["color"],
        "fillOpacity": s.get("fillOpacity", 0.0) if s["fill"] else 0.0,
        "interactive": False,
    }
    if s.get("dash"):
        out["dashArray"] = s["dash"]
    return out


def _add_context(m: folium.Map, ctx: gpd.GeoDataFrame | None, *, lang: str) -> list[str]:
    """Draw the context layers into ``m`` once, with their legend box; the keys of the layers added."""
    if ctx is None or not len(ctx) or m.__dict__.get("_gi_context"):
        return []
    ctx = drop_missing_geometry(ctx, "context")
    if not len(ctx):
        return []
    shown = _context.for_display(ctx, max_zoom=_context.MAX_ZOOM)
    m.__dict__["_gi_context"] = True
    keys = []
    rows: dict[str, list[LegendItem]] = {}
    cats = shown["category"].astype(object).to_numpy()
    for category in _context.DRAW_ORDER:
        part = shown.loc[cats == category]
        if not len(part):
            continue
        keys.append(_context_layer(m, part, category, lang))
        rows[category] = _legend_rows(part, category, lang)
    legend = [row for category in LEGEND_ORDER for row in rows.get(category, [])]
    if legend:
        add_legend(m, labels.text("map.context_legend", lang), legend)
    return keys


def _landuse_types(part: gpd.GeoDataFrame) -> list[str]:
    """The land-use types of ``part`` in the order of the legend (schema order, then others)."""
    if "landuse" not in part.columns:
        return []
    types = {str(v) for v in part["landuse"].astype(object) if not labels.is_na(v)}
    return [t for t in _context.LANDUSE_COLORS if t in types] + sorted(
        types - set(_context.LANDUSE_COLORS)
    )


def _legend_rows(part: gpd.GeoDataFrame, category: str, lang: str) -> list[LegendItem]:
    """The legend rows of a context layer drawn: one per land-use type present, else one.

    Texts are :func:`geoinnenstadt.style.label` of ``context.<category>``
    (``context.landuse.<type>``), the rows the print maps list.
    """
    if category == "landuse":
        out: list[LegendItem] = []
        for t in _landuse_types(part):
            key = f"context.landuse.{t}"
            if key in gi_style.SYMBOLS:
                out.append(symbol_item(key, lang))
            else:  # a type outside the schema (only before validation): its drawn style
                out.append((_leaflet_style("landuse", t), labels.value_label("landuse", t, lang)))
        return out
    key = f"context.{category}"
    if category == "water":  # a river drawn as a line only has the line symbol
        kinds = shapely.get_type_id(np.asarray(part.geometry.array, dtype=object))
        if np.isin(kinds, [1, 5]).all():
            key = "context.water_line"
    return [symbol_item(key, lang)]


def _context_layer(m: folium.Map, part: gpd.GeoDataFrame, category: str, lang: str) -> str:
    if category == "landuse" and "landuse" in part.columns:
        types = [None if labels.is_na(v) else str(v) for v in part["landuse"].astype(object)]
        order = [t for t in _context.LANDUSE_COLORS if t in set(types)]
        order += sorted({str(t) for t in types} - set(order))  # incl. "None" for a missing type
        styles = [_leaflet_style("landuse", t) for t in order]
        codes = np.array([order.index(str(t)) for t in types], dtype=np.int64)
    else:  # areas and lines (a river as a line is never filled)
        styles = [_leaflet_style(category), _leaflet_style(category, line=True)]
        kinds = shapely.get_type_id(np.asarray(part.geometry.array, dtype=object))
        codes = np.isin(kinds, [1, 5]).astype(np.int64)
    geom = lonlat(part)
    names = [
        None if labels.is_na(v) or str(v) == "" else str(v)
        for v in (part["name"].astype(object) if "name" in part.columns else [None] * len(part))
    ]
    extra: dict[str, Any] = {
        "pane": "giContext",
        "paneZ": CONTEXT_PANE_Z,
        "interactive": False,
        "context": category,
    }
    where = None
    if category == "district" and any(n is not None for n in names):
        where = shapely.point_on_surface(np.asarray(geom.array, dtype=object))
        extra["labels"] = {
            "col": "name",
            "minZoom": _context.DISTRICT_LABEL_MIN_ZOOM,
            "pane": "giContextLabels",
            "paneZ": CONTEXT_LABEL_PANE_Z,
        }
    data = payload.shapes(
        geom, codes, {"name": payload.encode(names)}, decimals=CONTEXT_DECIMALS, label_points=where
    )
    return add_layer(
        m,
        f"context_{category}",
        labels.value_label("category", category, lang),
        data,
        styles=styles,
        popup=None,
        extra=extra,
    )


def add_background(
    m: folium.Map,
    ctx: gpd.GeoDataFrame | None,
    lang: str,
    tiles: tuple[Any, tuple[int, int] | None, str | None, int | None] = (None, None, None, None),
) -> None:
    """The basemap (if given) and the context layers, beneath everything the map draws next.

    ``tiles``: the map function's ``(basemap, basemap_zoom, basemap_attribution,
    basemap_max_bytes)``.
    """
    basemap, basemap_zoom, basemap_attribution, basemap_max_bytes = tiles
    if basemap is not None:
        from .basemap import add_basemap

        add_basemap(
            m,
            basemap,
            zoom=basemap_zoom,
            attribution=basemap_attribution,
            max_bytes=basemap_max_bytes,
            lang=lang,
        )
    _add_context(m, ctx, lang=lang)
