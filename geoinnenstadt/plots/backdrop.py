"""Context beneath the print maps: city boundary, districts, land use, water, rail and roads.

Part of :mod:`geoinnenstadt.plots`. Every print map of
:mod:`geoinnenstadt.plots.maps` calls :func:`draw_context` right after
fixing its extent, so the reader sees where the data lie. What is drawn, in
which order and how it looks come from :mod:`geoinnenstadt.context` (the one
home shared with the interactive maps): :data:`~geoinnenstadt.context.DRAW_ORDER`,
:func:`~geoinnenstadt.context.style` and
:func:`~geoinnenstadt.context.for_display`. This module only translates that
look to paper:

* colours, line widths, dashes, hatches and drawing order are the symbols
  ``context.<category>`` and ``context.landuse.<code>`` of
  :mod:`geoinnenstadt.style` (:meth:`~geoinnenstadt.style.Symbol.patch`,
  :meth:`~geoinnenstadt.style.Symbol.line`; widths given in screen pixels are
  printed at :data:`geoinnenstadt.style.PT_PER_PX`); industrial land use (GI)
  keeps its hatch, so GE and GI stay apart in a greyscale copy;
* geometry is clipped to the map frame (plus a small margin) and simplified
  with a tolerance of half a printed point at the map's scale
  (:func:`print_tolerance_m`), so simplification cannot be seen;
* everything lies beneath the data layers (the z-order of a context symbol,
  0–5, is below that of every data symbol); the extent stays that of the
  data layers;
* district names are small grey labels with a halo, one per district on the
  largest part of it that is shown, above the area fills of the data and
  beneath its points (:mod:`geoinnenstadt.plots.placement`);
* the legend gains an "Orientierung"/"Context" section with a row for every
  context layer that is visible: city boundary, districts, each land-use
  type, water, rail and roads.

Examples
--------
>>> import geoinnenstadt as gi
>>> fig = gi.plots.land_plot(gi.load_sample("dortmund"))
>>> fig.axes[0]._gi_context["tolerance_m"] > 0
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import shapely

from .. import style
from ..schema import LANDUSE_TYPE
from .placement import LabelRequest, place_labels

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes

__all__ = ["draw_context", "print_tolerance_m"]

#: Districts showing less than this share of the map frame get no label (slivers at the edge).
_MIN_LABEL_SHARE = 0.01
#: Margin around the frame kept when clipping, as a share of the frame's larger side.
_CLIP_MARGIN = 0.02
#: Legend rows of the context, in this order (land use: one row per type shown).
_LEGEND_ORDER = ("city_boundary", "district", "landuse", "water", "rail", "road")


def print_tolerance_m(ax: Axes) -> float:
    """Half a printed point at the map's scale, in metres.

    The map frame is ``width_in`` inches wide on paper (Axes width × figure
    width) and shows ``x1 − x0`` metres, so one point (1/72 inch) covers
    ``(x1 − x0) / (72 · width_in)`` metres. A vertex moved by less than half
    of that cannot be seen in print.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig = plt.figure(figsize=(10, 5))
    >>> ax = fig.add_axes((0, 0, 0.5, 1))  # 5 inches = 360 pt wide
    >>> _ = ax.set_xlim(0, 3600)           # 3.6 km: 10 m per point
    >>> print_tolerance_m(ax)
    5.0
    >>> plt.close(fig)
    """
    from .cartography import root_figure

    fig = root_figure(ax)
    width_in = float(ax.get_position().width * fig.get_size_inches()[0])
    x0, x1 = ax.get_xlim()
    if not width_in > 0:
        raise ValueError("the map Axes has no width; cannot compute a print tolerance")
    return abs(float(x1) - float(x0)) / (72.0 * width_in) / 2.0


def draw_context(
    ax: Axes,
    context: gpd.GeoDataFrame | None,
    *,
    lang: str,
    extent: tuple[float, float, float, float] | None = None,
    labels: list[LabelRequest] | None = None,
) -> list[tuple[Artist | None, str]]:
    """Draw a ``context`` layer beneath the data of a print map.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The map Axes, with its extent already fixed (the data extent).
    context : GeoDataFrame or None
        The city's ``context`` layer in the working CRS; ``None`` or empty
        draws nothing.
    lang : {"de", "en"}
        Language of the legend texts.
    extent : tuple of float, optional
        ``(minx, miny, maxx, maxy)`` of the map frame; default the Axes limits.
    labels : list of LabelRequest, optional
        Where to add the district names, for the map to place them with its
        other labels once everything is drawn; default: placed right away.

    Returns
    -------
    list of (Artist or None, str)
        Legend rows (a heading, then every visible context layer: city
        boundary, districts, land-use types, water, rail and roads); empty
        without context. ``ax._gi_context`` holds ``tolerance_m``,
        ``vertices_before``/``vertices_after`` and the drawn ``categories``.
    """
    from .. import context as gi_context

    if context is None or not len(context):
        return []
    xlim, ylim = ax.get_xlim(), ax.get_ylim()
    if extent is None:
        extent = (min(xlim), min(ylim), max(xlim), max(ylim))
    minx, miny, maxx, maxy = (float(v) for v in extent)
    margin = _CLIP_MARGIN * max(maxx - minx, maxy - miny)
    tolerance = print_tolerance_m(ax)

    geoms = np.asarray(context.geometry.array, dtype=object)
    clipped = shapely.clip_by_rect(
        geoms, minx - margin, miny - margin, maxx + margin, maxy + margin
    )
    keep = ~(shapely.is_missing(clipped) | shapely.is_empty(clipped))
    part = context[keep].copy()
    part[part.geometry.name] = clipped[keep]
    shown = gi_context.for_display(part, tolerance_m=tolerance)

    view = shapely.box(minx, miny, maxx, maxy)
    visible = shapely.intersects(np.asarray(shown.geometry.array, dtype=object), view)
    drawn: list[str] = []
    for category in gi_context.DRAW_ORDER:
        rows = shown[(shown["category"] == category).fillna(False).to_numpy(dtype=bool)]
        if not len(rows):
            continue
        if category == "landuse":
            codes = _landuse_codes(rows)
            for code in [*LANDUSE_TYPE, *sorted(set(codes) - set(LANDUSE_TYPE))]:
                sub = rows[(codes == code).to_numpy(dtype=bool)]
                if len(sub):
                    _draw(ax, sub, _landuse_symbol(code), f"landuse-{code}")
        elif category == "water":
            _draw(ax, rows, style.symbol("context.water"), "water",
                  line=style.symbol("context.water_line"))  # fmt: skip
        else:
            _draw(ax, rows, style.symbol(f"context.{category}"), category)
        drawn.append(category)
    requests = _district_labels(gi_context.layer(shown, "district"), view)
    if labels is not None:
        labels.extend(requests)
    else:
        place_labels(ax, requests)
    ax.set_xlim(xlim)
    ax.set_ylim(ylim)
    ax._gi_context = {  # type: ignore[attr-defined]
        "tolerance_m": tolerance,
        "vertices_before": int(shown.attrs.get("vertices_before", 0)),
        "vertices_after": int(shown.attrs.get("vertices_after", 0)),
        "categories": drawn,
    }
    return _legend_rows(shown[visible], lang)


# --------------------------------------------------------------------------- helpers


def _landuse_codes(rows: gpd.GeoDataFrame) -> pd.Series:
    if "landuse" in rows.columns:
        return rows["landuse"].astype("string").fillna("")
    return pd.Series("", index=rows.index, dtype="string")


def _landuse_symbol(code: str) -> style.Symbol:
    """The symbol of a land-use type (a code outside the schema: the neutral look of :func:`context.style`)."""
    from .. import context as gi_context

    key = f"context.landuse.{code}"
    if key in style.SYMBOLS:
        return style.symbol(key)
    look = gi_context.style("landuse", code or None)  # the neutral look of an unknown code
    return style.Symbol(
        look["fillColor"], look["color"], look["fillOpacity"], look["opacity"], look["weight"],
        order=style.symbol("context.landuse.GE").order,
    )  # fmt: skip


def _draw(
    ax: Axes,
    rows: gpd.GeoDataFrame,
    sym: style.Symbol,
    gid: str,
    *,
    line: style.Symbol | None = None,
) -> None:
    """Polygons (filled or as outlines, as the symbol says) and lines of one category.

    One collection for the fills (gid ``context-<gid>``) and one for the
    lines (outlines of unfilled polygons and line features, gid
    ``context-<gid>-line`` beside a fill, else ``context-<gid>``); line
    features are drawn with ``line`` when given (a river drawn as a line).
    """
    from matplotlib.collections import LineCollection, PathCollection

    parts = shapely.get_parts(np.asarray(rows.geometry.array, dtype=object))
    parts = parts[~shapely.is_empty(parts)]
    types = shapely.get_type_id(parts)
    polygons = parts[types == 3]
    lines = list(parts[np.isin(types, [1, 2])])
    filled = len(polygons) > 0 and sym.fill is not None
    outline = sym
    if filled:
        look = sym.patch()
        fills = PathCollection(
            [_polygon_path(p) for p in polygons],
            facecolors=[look["facecolor"]],
            edgecolors=[look["edgecolor"]],
            linewidths=[look["linewidth"]],
            linestyles=[look["linestyle"]],
        )
        if look["hatch"]:
            fills.set_hatch(look["hatch"])
        fills.set_transform(ax.transData)
        _add(ax, fills, look["zorder"], f"context-{gid}")
        outline = line or sym
    elif len(polygons):  # outlines only (city boundary, districts)
        lines += list(shapely.get_parts(shapely.boundary(polygons)))
    if lines:
        look = outline.line()
        strokes = LineCollection(
            [shapely.get_coordinates(part) for part in lines],
            colors=[look["color"]],
            linewidths=[look["linewidth"]],
            linestyles=[look["linestyle"]],
            capstyle="round",
        )
        _add(ax, strokes, look["zorder"], f"context-{gid}-line" if filled else f"context-{gid}")


def _polygon_path(polygon: Any) -> Any:
    """A matplotlib Path of a polygon with its holes (exterior counter-clockwise, holes clockwise)."""
    from matplotlib.path import Path
    from shapely.geometry.polygon import orient

    polygon = orient(polygon, 1.0)
    rings = [polygon.exterior, *polygon.interiors]
    return Path.make_compound_path(
        *[Path(shapely.get_coordinates(ring), closed=True) for ring in rings]
    )


def _add(ax: Axes, collection: Any, zorder: float, gid: str) -> None:
    collection.set_zorder(zorder)
    collection.set_gid(gid)
    ax.add_collection(collection, autolim=False)


def _district_labels(districts: gpd.GeoDataFrame, view: Any) -> list[LabelRequest]:
    """One label request per district name shown on more than a sliver of the frame."""
    from .cartography import Z_DISTRICT_LABEL, wrap_words

    if not len(districts) or "name" not in districts.columns:
        return []
    inside = shapely.intersection(np.asarray(districts.geometry.array, dtype=object), view)
    min_area = _MIN_LABEL_SHARE * shapely.area(view)
    out = []
    for name, part in zip(districts["name"].tolist(), inside, strict=True):
        if name is None or name != name or shapely.is_empty(part) or shapely.area(part) < min_area:
            continue
        out.append(
            LabelRequest(
                text=wrap_words(str(name), 18),
                geometry=part,
                name=f"district:{name}",
                gid="context-district-label",
                zorder=Z_DISTRICT_LABEL,
                fontsize=7.0,
                color=style.INK["muted"],
                italic=True,
            )
        )
    return out


def _legend_rows(visible: gpd.GeoDataFrame, lang: str) -> list[tuple[Artist | None, str]]:
    """A heading and one row per visible context layer (land use: per type), in legend order."""
    from .. import labels
    from .cartography import legend_handle

    rows: list[tuple[Artist | None, str]] = []
    category = visible["category"].astype("string")
    types = shapely.get_type_id(np.asarray(visible.geometry.array, dtype=object))
    for name in _LEGEND_ORDER:
        mask = (category == name).fillna(False).to_numpy(dtype=bool)
        if not mask.any():
            continue
        if name == "landuse":
            codes = _landuse_codes(visible[mask])
            for code in LANDUSE_TYPE:
                if (codes == code).any():
                    key = f"context.landuse.{code}"
                    rows.append((legend_handle(key), style.label(key, lang)))
            continue
        key = f"context.{name}"
        sym = style.symbol(key)
        polygons = bool(np.isin(types[mask], [3, 6]).any())
        if name == "water" and not polygons:
            rows.append((legend_handle("context.water_line", "line"), style.label(key, lang)))
        elif polygons and (sym.fill is not None or name in ("city_boundary", "district")):
            rows.append((legend_handle(key), style.label(key, lang)))
        else:
            rows.append((legend_handle(key, "line"), style.label(key, lang)))
    if rows:
        rows.insert(0, (None, labels.text("map.context_legend", lang)))
    return rows
