"""The one home of the cartographic style: colours, symbols, class labels, draw order.

Every colour, symbol, legend label and drawing order of the interactive maps
(:mod:`geoinnenstadt.maps`), the print maps and charts
(:mod:`geoinnenstadt.plots`) and the briefings comes from here, so a class
looks and is called the same wherever a committee member meets it. The words
come from :mod:`geoinnenstadt.labels`; this module only says which words
belong to which symbol.

A :class:`Symbol` is written once, in screen units (pixels, as Leaflet draws
it), and translated for each output:

- :meth:`Symbol.leaflet` gives the Leaflet path options of the interactive maps;
- :meth:`Symbol.patch` and :meth:`Symbol.marker` give the matplotlib keyword
  arguments of the print maps (1 px = 0.75 pt, the CSS reference pixel).

Hatching (``hatch``) is for print and greyscale copies: it keeps categories
apart that differ only in hue (GE and GI, withheld and empty quarters).
Screen maps show the same fill and outline without it.

Examples
--------
>>> from geoinnenstadt import style
>>> style.symbol("unit.vacant.gt24m").fill
'#08306b'
>>> style.label("site.available.none", "de")
'verfügbar, restriktionsfrei'
>>> style.symbol("site.reserved").leaflet()["fillColor"]
'#9970ab'
>>> style.symbol("context.landuse.GI").hatch
'xxx'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from .schema.specs import USE_CATEGORY

#: The top-level use categories of :mod:`geoinnenstadt.uses` (one symbol ``use.<category>`` each).
USE_TOP: tuple[str, ...] = tuple(c for c in USE_CATEGORY if "." not in c)

__all__ = [
    "CHART",
    "CHOROPLETH",
    "INK",
    "PT_PER_PX",
    "SERIES",
    "SYMBOLS",
    "Symbol",
    "duration_key",
    "hotspot_text",
    "label",
    "legend_text",
    "series_look",
    "site_key",
    "symbol",
]

#: Print size of one screen pixel in points (the CSS reference pixel is 1/96 in, a point 1/72 in).
PT_PER_PX: float = 0.75


@dataclass(frozen=True)
class Symbol:
    """How one class of features is drawn.

    Attributes
    ----------
    fill : str or None
        Fill colour (``#rrggbb``); ``None``: not filled (outlines, rings, lines).
    stroke : str or None
        Outline or line colour; ``None``: no outline.
    fill_opacity, stroke_opacity : float
        Opacity of fill and outline (0–1).
    width : float
        Outline or line width in screen pixels (print: times :data:`PT_PER_PX`).
    dash : str or None
        Dash pattern in pixels, e.g. ``"6 4"``; ``None``: solid.
    hatch : str or None
        matplotlib hatch for print (``"////"``, ``"xxx"``, ``"...."``).
    radius : float or None
        Point symbols: circle radius in pixels; ``None`` for areas and lines.
    order : int
        Drawing order, bottom to top (context < areas < points < rings).
    """

    fill: str | None
    stroke: str | None
    fill_opacity: float = 0.7
    stroke_opacity: float = 0.9
    width: float = 1.0
    dash: str | None = None
    hatch: str | None = None
    radius: float | None = None
    order: int = 0

    def leaflet(self) -> dict[str, Any]:
        """Leaflet path options (``color``, ``weight``, ``fillColor``, …; ``radius`` for points).

        Examples
        --------
        >>> from geoinnenstadt import style
        >>> style.symbol("preemption.area").leaflet()["fill"]
        False
        """
        out: dict[str, Any] = {
            "color": self.stroke if self.stroke is not None else "transparent",
            "weight": self.width if self.stroke is not None else 0,
            "opacity": self.stroke_opacity if self.stroke is not None else 0.0,
            "fill": self.fill is not None,
        }
        if self.fill is not None:
            out["fillColor"] = self.fill
            out["fillOpacity"] = self.fill_opacity
        if self.dash:
            out["dashArray"] = self.dash
        if self.radius is not None:
            out["radius"] = self.radius
        return out

    def patch(self) -> dict[str, Any]:
        """Keywords of matplotlib for an area or a legend patch (``facecolor``, ``edgecolor``, …).

        Colours carry their opacity as RGBA, so the printed colour is the one
        on screen.

        Examples
        --------
        >>> from geoinnenstadt import style
        >>> style.symbol("context.city_boundary").patch()["facecolor"]
        'none'
        """
        return {
            "facecolor": _rgba(self.fill, self.fill_opacity) if self.fill else "none",
            "edgecolor": _rgba(self.stroke, self.stroke_opacity) if self.stroke else "none",
            "linewidth": self.width * PT_PER_PX if self.stroke else 0.0,
            "linestyle": _mpl_dash(self.dash),
            "hatch": self.hatch,
            "zorder": self.order,
        }

    def line(self) -> dict[str, Any]:
        """Keywords of matplotlib for a line (``color``, ``linewidth``, ``linestyle``, ``zorder``)."""
        return {
            "color": _rgba(self.stroke or self.fill or "#000000", self.stroke_opacity),
            "linewidth": self.width * PT_PER_PX,
            "linestyle": _mpl_dash(self.dash),
            "zorder": self.order,
        }

    def marker(self) -> dict[str, Any]:
        """Keywords of matplotlib for a point symbol drawn with ``GeoDataFrame.plot`` (``markersize`` in pt²).

        Examples
        --------
        >>> from geoinnenstadt import style
        >>> style.symbol("unit.occupied").marker()["markersize"]
        20.25
        """
        radius = self.radius if self.radius is not None else 4.0
        diameter_pt = 2 * radius * PT_PER_PX
        return {
            "marker": "o",
            "markersize": diameter_pt**2,
            "facecolor": _rgba(self.fill, self.fill_opacity) if self.fill else "none",
            "edgecolor": _rgba(self.stroke, self.stroke_opacity) if self.stroke else "none",
            "linewidth": self.width * PT_PER_PX if self.stroke else 0.0,
            "zorder": self.order,
        }


def _rgba(color: str | None, alpha: float) -> Any:
    if color is None:
        return "none"
    from matplotlib.colors import to_rgba

    return to_rgba(color, alpha)


def _mpl_dash(dash: str | None) -> Any:
    if not dash:
        return "-"
    on_off = tuple(float(x) * PT_PER_PX for x in dash.replace(",", " ").split())
    return (0, on_off)


#: Text, frame and page colours of maps, charts, notebooks and briefings (the sample-data
#: note is red on pale yellow everywhere).
INK: Mapping[str, str] = MappingProxyType(
    {
        "text": "#1a1a1a",
        "muted": "#444444",
        "frame": "#333333",
        "rule": "#999999",
        "halo": "#ffffff",
        "note": "#a50f15",
        "note_background": "#fff3cd",
        "note_border": "#d39e00",
        "no_data": "#e0e0e0",
        # page chrome of notebooks and briefings
        "hint": "#565656",
        "background": "#ffffff",
        "border": "#cccccc",
        "panel": "#f7f7f7",
        "panel_border": "#dddddd",
        "header": "#16425b",
        "header_text": "#ffffff",
    }
)

#: The sequential classes of choropleths (ColorBrewer YlOrRd, 9 classes, light → dark).
CHOROPLETH: tuple[str, ...] = (
    "#ffffb2",
    "#fed976",
    "#feb24c",
    "#fd8d3c",
    "#fc4e2a",
    "#e31a1c",
    "#bd0026",
    "#800026",
    "#4d0013",
)

#: Chart colours: bars, a bar of an incomplete period, reference lines, the supply timeline.
CHART: Mapping[str, str] = MappingProxyType(
    {
        "bar": "#3a6f8f",
        "bar_partial": "#b9cfdc",
        "reference": "#c0392b",
        "series": "#3a6f8f",
        "series_secondary": "#e08214",
        "grid": "#d9d9d9",
        "total": "#1a1a1a",
        # supply timeline (gi.plots.supply_plot): reserve area, demand line and band, gap years
        "reserve": "#6b9dbd",
        "demand": "#b35806",
        "demand_band": "#fdb863",
        "gap": "#f4a582",
    }
)

#: Colours of the series of a chart, one per quarter (ColorBrewer Dark2, 8 colours);
#: from the ninth series on they repeat with a dashed line (:func:`series_look`).
SERIES: tuple[str, ...] = (
    "#1b9e77",
    "#d95f02",
    "#7570b3",
    "#e7298a",
    "#66a61e",
    "#e6ab02",
    "#a6761d",
    "#666666",
)


def series_look(k: int) -> dict[str, Any]:
    """Colour and line style of the ``k``-th series of a chart (0-based).

    Examples
    --------
    >>> from geoinnenstadt import style
    >>> style.series_look(0), style.series_look(8)
    ({'color': '#1b9e77', 'linestyle': '-'}, {'color': '#1b9e77', 'linestyle': '--'})
    """
    return {
        "color": SERIES[k % len(SERIES)],
        "linestyle": ("-", "--", ":")[(k // len(SERIES)) % 3],
    }


_CONTEXT_ORDER = 0
_AREA_ORDER = 10
_POINT_ORDER = 20

_S = Symbol
_SYMBOLS: dict[str, Symbol] = {
    # --- context (beneath everything), in drawing order
    "context.landuse.GE": _S("#9e88b8", "#9e88b8", 0.28, 0.6, 0.6, order=0),
    "context.landuse.GI": _S("#7d6a99", "#7d6a99", 0.32, 0.6, 0.6, hatch="xxx", order=0),
    "context.landuse.MI": _S("#c8a27a", "#c8a27a", 0.14, 0.6, 0.6, order=0),
    "context.landuse.MK": _S("#b97b6e", "#b97b6e", 0.14, 0.6, 0.6, order=0),
    "context.landuse.W": _S("#e3a6a6", "#e3a6a6", 0.14, 0.6, 0.6, order=0),
    "context.landuse.SO": _S("#e8c27a", "#e8c27a", 0.14, 0.6, 0.6, order=0),
    "context.landuse.green": _S("#8fc18a", "#8fc18a", 0.14, 0.6, 0.6, order=0),
    # a land-use code outside the schema (only reachable before validation): neutral grey
    "context.landuse.other": _S("#bdbdbd", "#bdbdbd", 0.14, 0.6, 0.6, order=0),
    "context.water": _S("#a9cbea", "#5b9bd5", 0.55, 0.9, 1.6, order=1),
    "context.water_line": _S(None, "#5b9bd5", 0.0, 0.9, 1.6, order=1),
    "context.district": _S(None, "#8c8c8c", 0.0, 0.9, 1.0, dash="3 3", order=2),
    "context.rail": _S(None, "#5f5f5f", 0.0, 0.9, 1.3, dash="6 3", order=3),
    "context.road": _S(None, "#b0b0b0", 0.0, 0.9, 2.0, order=4),
    "context.city_boundary": _S(None, "#4d4d4d", 0.0, 0.9, 2.2, dash="8 4", order=5),
    # --- vacancy map: quarters (choropleth fill from CHOROPLETH), withheld, no units
    "quarter.outline": _S(None, "#555555", 0.0, 0.9, 1.5, order=_AREA_ORDER),
    "quarter.no_units": _S("#e0e0e0", "#7a7a7a", 0.65, 0.9, 1.5, hatch="....", order=_AREA_ORDER),
    "quarter.suppressed": _S(
        "#f0f0f0", "#555555", 0.65, 0.9, 1.5, dash="4 4", hatch="////", order=_AREA_ORDER
    ),
    # --- vacancy map: units (occupied small grey, vacant blue by duration)
    "unit.occupied": _S("#bdbdbd", "#4d4d4d", 0.9, 0.9, 1.0, radius=3.0, order=_POINT_ORDER),
    "unit.vacant.lt6m": _S("#9ecae1", "#08306b", 0.95, 1.0, 1.0, radius=5.0, order=21),
    "unit.vacant.6to12m": _S("#4292c6", "#08306b", 0.95, 1.0, 1.0, radius=5.0, order=21),
    "unit.vacant.12to24m": _S("#2171b5", "#ffffff", 0.95, 1.0, 1.0, radius=6.0, order=21),
    "unit.vacant.gt24m": _S("#08306b", "#ffffff", 0.95, 1.0, 1.0, radius=6.0, order=21),
    "unit.vacant.unknown": _S("#8073ac", "#ffffff", 0.95, 1.0, 1.0, radius=5.0, order=21),
    # --- use mix (gi.uses top-level categories): occupied units coloured by category; retail
    # by need in one warm hue family (short → long), the rest in distinct hues
    "use.retail_short": _S("#b2182b", "#4d4d4d", 0.95, 0.9, 0.8, radius=4.0, order=_POINT_ORDER),
    "use.retail_medium": _S("#ef8a62", "#4d4d4d", 0.95, 0.9, 0.8, radius=4.0, order=_POINT_ORDER),
    "use.retail_long": _S("#fddbc7", "#4d4d4d", 0.95, 0.9, 0.8, radius=4.0, order=_POINT_ORDER),
    "use.retail_other": _S("#f1b6da", "#4d4d4d", 0.95, 0.9, 0.8, radius=4.0, order=_POINT_ORDER),
    "use.gastronomy": _S("#762a83", "#4d4d4d", 0.95, 0.9, 0.8, radius=4.0, order=_POINT_ORDER),
    "use.services": _S("#2166ac", "#4d4d4d", 0.95, 0.9, 0.8, radius=4.0, order=_POINT_ORDER),
    "use.culture_leisure": _S("#1b7837", "#4d4d4d", 0.95, 0.9, 0.8, radius=4.0, order=_POINT_ORDER),
    "use.health": _S("#5ab4ac", "#4d4d4d", 0.95, 0.9, 0.8, radius=4.0, order=_POINT_ORDER),
    "use.office": _S("#8c6d31", "#4d4d4d", 0.95, 0.9, 0.8, radius=4.0, order=_POINT_ORDER),
    "use.other": _S("#d9d9d9", "#4d4d4d", 0.95, 0.9, 0.8, radius=4.0, order=_POINT_ORDER),
    # --- footfall counters (Passantenzählung): radius scaled by the daily mean
    # (:func:`counter_radius`), this radius for the legend
    "footfall.counter": _S("#ffd92f", "#1a1a1a", 0.9, 1.0, 1.5, radius=8.0, order=23),
    # --- hot spots: rings around units (hot on by default, cold opt-in)
    "hotspot.hot": _S(None, "#c51b7d", 0.0, 0.95, 2.5, radius=9.0, order=22),
    "hotspot.cold": _S(None, "#4d9221", 0.0, 0.95, 2.0, dash="3 2", radius=9.0, order=22),
    # --- land map
    "residential.residential": _S("#fbb4b9", "#fbb4b9", 0.45, 0.7, 0.8, order=_AREA_ORDER),
    "residential.mixed": _S("#bf812d", "#bf812d", 0.45, 0.7, 0.8, order=_AREA_ORDER),
    "residential.sensitive": _S("#c51b8a", "#c51b8a", 0.45, 0.8, 0.8, order=_AREA_ORDER),
    "buffer": _S("#fee0d2", "#de2d26", 0.15, 0.6, 0.8, dash="2 3", order=11),
    "site.available.none": _S("#1a9850", "#333333", 0.8, 0.9, 0.8, order=12),
    "site.available.minor": _S("#a6d96a", "#333333", 0.8, 0.9, 0.8, order=12),
    "site.available.major": _S("#fdae61", "#333333", 0.8, 0.9, 0.8, hatch="////", order=12),
    "site.reserved": _S("#9970ab", "#333333", 0.8, 0.9, 0.8, order=12),
    "site.taken_up": _S("#d9d9d9", "#333333", 0.6, 0.9, 0.8, order=12),
    "core_zone.A": _S(None, "#08306b", 0.0, 0.95, 2.5, dash="8 4", order=13),
    "core_zone.B": _S(None, "#2171b5", 0.0, 0.95, 2.0, dash="8 4", order=13),
    "core_zone.C": _S(None, "#6baed6", 0.0, 0.95, 2.0, dash="8 4", order=13),
    "preemption.area": _S(None, "#b2182b", 0.0, 0.95, 2.2, hatch="///", order=14),
    # --- pre-emption map: parcels
    "parcel.other": _S("#f7f7f7", "#9e9e9e", 0.6, 0.8, 0.4, order=_AREA_ORDER),
    "parcel.preempted": _S("#fd8d3c", "#7f2704", 0.75, 0.95, 0.8, order=12),
    # --- interactive maps: the feature found by the search (an outline above everything)
    "highlight": _S(None, "#00e5ff", 0.0, 1.0, 4.0, order=30),
    # --- vacancy map, panel "Gesuche": the units proposed for the chosen request (a ring)
    "request.match": _S(None, "#ff7f00", 0.0, 1.0, 3.5, order=29),
}

#: Every symbol by key (read-only).
SYMBOLS: Mapping[str, Symbol] = MappingProxyType(_SYMBOLS)

_DURATIONS = ("lt6m", "6to12m", "12to24m", "gt24m")


def symbol(key: str) -> Symbol:
    """The :class:`Symbol` of ``key`` (see :data:`SYMBOLS`); unknown keys raise a KeyError naming the valid ones.

    Examples
    --------
    >>> from geoinnenstadt import style
    >>> style.symbol("hotspot.hot").stroke
    '#c51b7d'
    """
    try:
        return _SYMBOLS[key]
    except KeyError:
        raise KeyError(f"no symbol {key!r}; known: {', '.join(sorted(_SYMBOLS))}") from None


#: Radius range (px) of a footfall counter's circle: the smallest and the largest daily mean.
COUNTER_RADIUS: tuple[float, float] = (6.0, 16.0)


def counter_radius(daily_mean: Any) -> Any:
    """Circle radii (px) for footfall counters: area proportional to the daily mean.

    The largest daily mean gets ``COUNTER_RADIUS[1]``; radii never fall
    below ``COUNTER_RADIUS[0]`` (a counter stays visible). Missing means get
    the smallest radius.

    Examples
    --------
    >>> from geoinnenstadt import style
    >>> [round(r, 1) for r in style.counter_radius([60000, 15000, None])]
    [16.0, 8.0, 6.0]
    """
    import numpy as np

    values = np.asarray(
        [np.nan if v is None else float(v) for v in np.atleast_1d(daily_mean)], dtype=float
    )
    top = np.nanmax(values) if np.isfinite(values).any() else np.nan
    lo, hi = COUNTER_RADIUS
    with np.errstate(invalid="ignore", divide="ignore"):
        r = hi * np.sqrt(np.clip(values / top, 0.0, 1.0))
    return [float(max(lo, x)) if np.isfinite(x) else lo for x in r]


def use_key(category: Any) -> str:
    """Symbol key of a top-level use category (``gi.uses``); unknown or missing → ``use.other``.

    Examples
    --------
    >>> use_key("retail_medium"), use_key("retail_medium.clothing"), use_key(None)
    ('use.retail_medium', 'use.retail_medium', 'use.other')
    """
    if not isinstance(category, str):
        return "use.other"
    key = f"use.{category.split('.')[0]}"
    return key if key in _SYMBOLS else "use.other"


def site_key(status: Any, restriction: Any) -> str:
    """The symbol key of a commercial site (*Wirtschaftsfläche*) by status and restriction.

    Available sites are classed by restriction (unknown restriction counts as
    major, the cautious reading); unknown statuses as taken up.

    Examples
    --------
    >>> from geoinnenstadt import style
    >>> style.site_key("available", "minor"), style.site_key("reserved", None)
    ('site.available.minor', 'site.reserved')
    """
    if status == "available":
        key = f"site.available.{restriction}"
        return key if key in _SYMBOLS else "site.available.major"
    return f"site.{status}" if f"site.{status}" in _SYMBOLS else "site.taken_up"


def duration_key(duration_class: Any) -> str:
    """The symbol key of a vacant unit by its duration class (``"lt6m"`` …; other: unknown).

    Examples
    --------
    >>> from geoinnenstadt import style
    >>> style.duration_key("gt24m"), style.duration_key(None)
    ('unit.vacant.gt24m', 'unit.vacant.unknown')
    """
    return (
        f"unit.vacant.{duration_class}" if duration_class in _DURATIONS else "unit.vacant.unknown"
    )


def _labels() -> Any:
    from . import labels

    return labels


def _value(column: str, value: str) -> Callable[[str], str]:
    return lambda lang: _labels().value_label(column, value, lang)


def _text(key: str, **values: Callable[[str], str]) -> Callable[[str], str]:
    return lambda lang: _labels().text(key, lang, **{k: f(lang) for k, f in values.items()})


def _layer(kind: str) -> Callable[[str], str]:
    return lambda lang: _labels().layer_label(kind, lang)


def _category(value: str) -> Callable[[str], str]:
    return _value("category", value)


_LABELS: dict[str, Callable[[str], str]] = {
    **{f"context.landuse.{k}": _value("landuse", k) for k in ("GE", "GI", "MI", "MK", "W", "SO", "green")},
    "context.landuse.other": _category("landuse"),
    "context.water": _category("water"),
    "context.water_line": _category("water"),
    "context.district": _category("district"),
    "context.rail": _category("rail"),
    "context.road": _category("road"),
    "context.city_boundary": _category("city_boundary"),
    "quarter.no_units": _text("plot.no_units_quarter"),
    "unit.occupied": _value("status", "occupied"),
    **{
        f"unit.vacant.{d}": _text("map.vacant_class", duration=_value("duration_class", d))
        for d in _DURATIONS
    },
    "unit.vacant.unknown": _text("map.vacant_unknown"),
    "hotspot.hot": _value("hotspot_class", "hot"),
    "hotspot.cold": _value("hotspot_class", "cold"),
    **{f"use.{c}": _value("use_category", c) for c in USE_TOP},
    "footfall.counter": _text("map.footfall_counters"),
    "request.match": _text("map.ui.request_matches"),
    **{f"residential.{k}": _value("use", k) for k in ("residential", "mixed", "sensitive")},
    "buffer": _text("map.distance_buffers"),
    **{
        f"site.available.{r}": _text(
            "map.site_class", status=_value("status", "available"), restriction=_value("restriction", r)
        )
        for r in ("none", "minor", "major")
    },
    "site.reserved": _value("status", "reserved"),
    "site.taken_up": _value("status", "taken_up"),
    **{f"core_zone.{c}": _category(c) for c in ("A", "B", "C")},
    "preemption.area": _layer("preemption_areas"),
    "parcel.other": _text("map.other_parcels"),
    "parcel.preempted": _text("map.preempted_parcels"),
}  # fmt: skip


def label(key: str, lang: str | None = None) -> str:
    """The legend label of the symbol ``key`` in ``lang`` (words from :mod:`geoinnenstadt.labels`).

    Symbols whose label depends on the data (withheld quarters name the
    minimum count, choropleth classes their breaks) are labelled where the
    data is known; asking for them here is a KeyError.

    Examples
    --------
    >>> from geoinnenstadt import style
    >>> style.label("unit.vacant.gt24m", "en")
    'vacant, > 24 months'
    """
    if key not in _LABELS:
        raise KeyError(
            f"symbol {key!r} has no fixed label; labelled ones: {', '.join(sorted(_LABELS))}"
        )
    return _LABELS[key](_labels().resolve_lang(lang))


def legend_text(
    key_or_label: str,
    lang: str | None = None,
    *,
    count: int | None = None,
    hectares: float | None = None,
) -> str:
    """A legend row's text: the label, then the count or area in brackets, formatted for ``lang``.

    The interactive and the print legends both write their rows with this
    function, so the same class reads the same in both. ``key_or_label`` is a
    symbol key or an already worded label (choropleth classes).

    Examples
    --------
    >>> from geoinnenstadt import style
    >>> style.legend_text("site.reserved", "de", hectares=12.345)
    'reserviert (12,3 ha)'
    >>> style.legend_text("unit.occupied", "en", count=1204)
    'occupied (1,204)'
    """
    labels = _labels()
    code = labels.resolve_lang(lang)
    text = label(key_or_label, code) if key_or_label in _LABELS else key_or_label
    if count is not None:
        return f"{text} ({labels.format_int(count, lang=code)})"
    if hectares is not None:
        return f"{text} ({labels.format_number(hectares, decimals=1, lang=code)} ha)"
    return text


def hotspot_text(kind: str, alpha: float, lang: str | None = None) -> str:
    """The legend label of hot (``kind="hot"``) or cold spots, naming the significance level drawn.

    Only spots with a p-value at most ``alpha`` are drawn
    (:func:`geoinnenstadt.hotspots.hotspots`); the legend says so.

    Examples
    --------
    >>> from geoinnenstadt import style
    >>> style.hotspot_text("hot", 0.05, "de")
    'Hot Spot (Häufung), signifikant (p ≤ 0,05)'
    """
    if kind not in ("hot", "cold"):
        raise ValueError(f"kind must be 'hot' or 'cold', got {kind!r}")
    labels = _labels()
    code = labels.resolve_lang(lang)
    alpha_text = labels.format_number(alpha, decimals=_decimals(alpha), lang=code)
    return labels.text(
        "map.hotspot_level", code, kind=label(f"hotspot.{kind}", code), alpha=alpha_text
    )


def _decimals(value: float) -> int:
    """Decimals that show ``value`` without trailing zeros (0.05 → 2, 0.001 → 3), at least 2."""
    text = f"{value:.6f}".rstrip("0")
    return max(2, len(text.split(".")[1]) if "." in text else 0)
