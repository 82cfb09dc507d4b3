"""Context beneath the print maps: city boundary, districts, land use, water, rail and roads.

Part of :mod:`geoinnenstadt.plots`. Every print map of
:mod:`geoinnenstadt.plots.maps` calls :func:`draw_context` right after
fixing its extent, so the reader sees where the data lie. What is drawn, in
which order and how it looks come from :mod:`geoinnenstadt.context` (the one
home shared with the interactive maps): :data:`~geoinnenstadt.context.DRAW_ORDER`,
:func:`~geoinnenstadt.context.style` and
:func:`~geoinnenstadt.context.for_display`. This module only translates that
look to paper:

* line widths and dash lengths are given in screen pixels; on paper a pixel
  is 0.75 pt (96 px and 72 pt per inch);
* geometry is clipped to the map frame (plus a small margin) and simplified
  with a tolerance of half a printed point at the map's scale
  (:func:`print_tolerance_m`), so simplification cannot be seen;
* everything lies beneath the data layers (z-order below 1, the lowest data
  z-order); the extent stays that of the data layers;
* district names are small grey labels at a point inside the part of each
  district that is shown;
* the legend gains a compact "Orientierung"/"Context" section for the
  commercial (GE) and industrial (GI) land use, water, rail and roads that are
  visible.

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

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes

__all__ = ["PX_TO_PT", "draw_context", "print_tolerance_m"]

#: Points per screen pixel: the context styles give widths in pixels (96 px = 72 pt = 1 inch).
PX_TO_PT = 0.75

#: z-order of the lowest context category; the others follow DRAW_ORDER in steps of
#: ``_Z_STEP``. Data layers start at z-order 1, so all context lies beneath them.
_Z_BASE = 0.1
_Z_STEP = 0.1
_Z_LABELS = 0.9

#: Land-use types with a legend entry (what land maps are about).
_LEGEND_LANDUSE = ("GE", "GI")
#: Further categories with a legend entry when visible.
_LEGEND_CATEGORIES = ("water", "rail", "road")

_LABEL_COLOR = "#6e6e6e"
#: Districts showing less than this share of the map frame get no label (slivers at the edge).
_MIN_LABEL_SHARE = 0.01
#: Margin around the frame kept when clipping, as a share of the frame's larger side.
_CLIP_MARGIN = 0.02


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

    Returns
    -------
    list of (Artist or None, str)
        Legend rows (a heading, then GE/GI land use, water, rail and roads
        that are visible); empty without context. ``ax._gi_context`` holds
        ``tolerance_m``, ``vertices_before``/``vertices_after`` and the drawn
        ``categories``.
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
    for rank, category in enumerate(gi_context.DRAW_ORDER):
        rows = shown[(shown["category"] == category).fillna(False).to_numpy(dtype=bool)]
        if not len(rows):
            continue
        zorder = _Z_BASE + rank * _Z_STEP
        if category == "landuse":
            codes = (
                rows["landuse"].astype("string").fillna("")
                if "landuse" in rows.columns
                else pd.Series("", index=rows.index, dtype="string")
            )
            for code in [
                *gi_context.LANDUSE_COLORS,
                *sorted(set(codes) - set(gi_context.LANDUSE_COLORS)),
            ]:
                sub = rows[(codes == code).to_numpy(dtype=bool)]
                if len(sub):
                    _draw(
                        ax, sub, gi_context.style(category, code or None), zorder, f"landuse-{code}"
                    )
        else:
            _draw(ax, rows, gi_context.style(category), zorder, category)
        drawn.append(category)
    _district_labels(ax, gi_context.layer(shown, "district"), view)
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


def _dashes(dash: str | None, lw: float) -> Any:
    """A ``"8 4"`` pixel dash pattern as a matplotlib line style of that length in points."""
    import matplotlib

    if not dash:
        return "-"
    scale = PX_TO_PT / lw if matplotlib.rcParams["lines.scale_dashes"] and lw > 0 else PX_TO_PT
    return (0, tuple(float(v) * scale for v in str(dash).split()))


def _colors(style: dict[str, Any]) -> tuple[Any, Any, float, Any]:
    """Edge RGBA, face RGBA (or "none"), line width in points and line style of a context style."""
    from matplotlib.colors import to_rgba

    lw = float(style["weight"]) * PX_TO_PT
    edge = to_rgba(style["color"], float(style.get("opacity", 1.0)))
    face: Any = "none"
    if style.get("fill"):
        face = to_rgba(style.get("fillColor") or style["color"], float(style.get("fillOpacity", 0)))
    return edge, face, lw, _dashes(style.get("dash"), lw)


def _draw(ax: Axes, rows: gpd.GeoDataFrame, style: dict[str, Any], zorder: float, gid: str) -> None:
    """Polygons (filled or as outlines, as the style says) and lines of one category.

    One collection for the fills (gid ``context-<gid>``) and one for the
    lines (outlines of unfilled polygons and line features, gid
    ``context-<gid>-line`` beside a fill, else ``context-<gid>``).
    """
    from matplotlib.collections import LineCollection, PathCollection

    edge, face, lw, ls = _colors(style)
    parts = shapely.get_parts(np.asarray(rows.geometry.array, dtype=object))
    parts = parts[~shapely.is_empty(parts)]
    types = shapely.get_type_id(parts)
    polygons = parts[types == 3]
    lines = list(parts[np.isin(types, [1, 2])])
    filled = len(polygons) > 0 and face != "none"
    if filled:
        paths = [_polygon_path(p) for p in polygons]
        fills = PathCollection(
            paths, facecolors=[face], edgecolors=[edge], linewidths=[lw], linestyles=[ls]
        )
        fills.set_transform(ax.transData)
        _add(ax, fills, zorder, f"context-{gid}")
    elif len(polygons):  # outlines only (city boundary, districts)
        lines += list(shapely.get_parts(shapely.boundary(polygons)))
    if lines:
        segments = [shapely.get_coordinates(line) for line in lines]
        strokes = LineCollection(
            segments, colors=[edge], linewidths=[lw], linestyles=[ls], capstyle="round"
        )
        _add(ax, strokes, zorder, f"context-{gid}-line" if filled else f"context-{gid}")


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


def _district_labels(ax: Axes, districts: gpd.GeoDataFrame, view: Any) -> None:
    """Small grey district names at a point inside the shown part of each district."""
    from matplotlib import patheffects

    from .cartography import wrap_words

    if not len(districts) or "name" not in districts.columns:
        return
    inside = shapely.intersection(np.asarray(districts.geometry.array, dtype=object), view)
    min_area = _MIN_LABEL_SHARE * shapely.area(view)
    halo = [patheffects.withStroke(linewidth=2.0, foreground="white")]
    for name, part in zip(districts["name"].tolist(), inside, strict=True):
        if name is None or name != name or shapely.is_empty(part) or shapely.area(part) < min_area:
            continue
        point = shapely.point_on_surface(part)
        ax.text(
            point.x,
            point.y,
            wrap_words(str(name), 18),
            ha="center",
            va="center",
            fontsize=7,
            fontstyle="italic",
            color=_LABEL_COLOR,
            path_effects=halo,
            zorder=_Z_LABELS,
            clip_on=True,
            gid="context-district-label",
        )


def _legend_rows(visible: gpd.GeoDataFrame, lang: str) -> list[tuple[Artist | None, str]]:
    """A heading and one row each for visible GE/GI land use, water, rail and roads."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    from .. import context as gi_context
    from .. import labels

    rows: list[tuple[Artist | None, str]] = []
    category = visible["category"].astype("string")
    landuse = (
        visible["landuse"].astype("string")
        if "landuse" in visible.columns
        else category.where(category.isna())
    )
    for code in _LEGEND_LANDUSE:
        if ((category == "landuse") & (landuse == code)).fillna(False).any():
            edge, face, lw, _ = _colors(gi_context.style("landuse", code))
            rows.append(
                (
                    Patch(facecolor=face, edgecolor=edge, linewidth=lw),
                    labels.value_label("landuse", code, lang),
                )
            )
    for name in _LEGEND_CATEGORIES:
        mask = (category == name).fillna(False).to_numpy(dtype=bool)
        if not mask.any():
            continue
        style = gi_context.style(name)
        edge, face, lw, ls = _colors(style)
        types = shapely.get_type_id(np.asarray(visible.geometry.array, dtype=object)[mask])
        text = labels.value_label("category", name, lang)
        if face != "none" and np.isin(types, [3, 6]).any():
            rows.append((Patch(facecolor=face, edgecolor=edge, linewidth=lw), text))
        else:
            rows.append((Line2D([], [], color=edge, linewidth=lw, linestyle=ls), text))
    if rows:
        rows.insert(0, (None, labels.layer_label("context", lang)))
    return rows
