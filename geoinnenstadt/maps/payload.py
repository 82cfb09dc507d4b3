"""The page format: what a map page reads, declared once, and the functions that build it.

Every map layer is one JSON data block (``<script type="application/json">``)
read by ``static/runtime.js`` (drawing, popups) and ``static/explore.js``
(slider, filters, search); its drawing options and the map-wide settings of
the explore controls are JSON arguments of the page's script. This module
declares all three as :class:`~typing.TypedDict` and is the one place that
builds a data block: the map modules call :func:`points`, :func:`shapes`,
:func:`timed` and :func:`popup` instead of writing keys themselves.

Per-feature arrays stay compact (one style code per feature, display
columns dictionary-coded where values repeat, point coordinates as integer
offsets); every key is named at the level of the layer.

Examples
--------
>>> from geoinnenstadt.maps import payload
>>> payload.encode(["a", "a", None, "a"])
{'values': ['a'], 'codes': [0, 0, -1, 0]}
>>> payload.date_codes([0, 2, -1, 11])
'02.b'
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, TypedDict

import numpy as np
import pandas as pd
import shapely

from .. import labels

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd

# --------------------------------------------------------------------------- the declared format


class Encoded(TypedDict):
    """A dictionary-coded display column: ``values[codes[i]]``, ``-1`` for missing."""

    values: list[str]
    codes: list[int]


#: A display column: one text (or None) per feature, or dictionary-coded.
Column: TypeAlias = list[str | None] | Encoded


class Changes(TypedDict):
    """A column at one date as the column of the following date with ``positions`` changed."""

    positions: list[int]
    values: list[str | None]


class Timed(TypedDict):
    """What changes with the slider: one entry per date of ``dates`` (ISO)."""

    dates: list[str]
    #: per date one character per feature: the style code in base 36, ``"."`` not drawn
    style_codes: list[str]
    #: per column and date the whole column or its :class:`Changes` (see :func:`changes`)
    columns: dict[str, list[Column | Changes]]


class _LayerRequired(TypedDict):
    count: int
    #: style code per feature: an index into the layer's ``styles`` option (``-1``: not drawn)
    style_codes: list[int]
    #: display columns by name, already formatted (popup, tooltip, search labels)
    columns: dict[str, Column]


class _Layer(_LayerRequired, total=False):
    #: the per-date style codes and columns of a layer with a slider
    timed: Timed


class _PointsRequired(_Layer):
    type: Literal["points"]
    #: smallest longitude and latitude in 1e-5 degrees (about 1 m)
    lon_origin: int
    lat_origin: int
    #: per feature: offset from the origin in 1e-5 degrees
    lon_offsets: list[int]
    lat_offsets: list[int]


class PointsData(_PointsRequired, total=False):
    """The data block of a point layer (units, hot spots), drawn on a canvas.

    Large layers embed no search texts: the page normalises the columns named
    by the layer's ``search`` option (:class:`SearchSpec`) itself.
    """

    #: columns not shown in a popup or tooltip (read by the filters only)
    hidden_columns: dict[str, Column]


class _ShapesRequired(_Layer):
    type: Literal["shapes"]
    #: GeoJSON geometries in WGS 84
    geometries: list[dict[str, Any]]


class ShapesData(_ShapesRequired, total=False):
    """The data block of a polygon or line layer."""

    #: one normalised search text per feature (:func:`geoinnenstadt.maps.explore.search_key`)
    search_texts: list[str]

    #: where the name of a feature is written (context districts), lon/lat per feature
    label_lon: list[float | None]
    label_lat: list[float | None]


#: The data block of one layer.
LayerData: TypeAlias = PointsData | ShapesData


class MixSpec(TypedDict):
    """The use mix of a quarter profile, drawn in the page as a stacked bar with its largest rows.

    The column ``column`` holds per feature a JSON list of ``[category, permille, text]``
    (an index into ``labels`` and ``colors``, the share in ‰ for the bar's width, the share
    as formatted by :mod:`geoinnenstadt.labels`), largest first; missing: no bar.
    """

    column: str
    title: str
    #: the top-level categories of gi.uses: their labels and the fills of their symbols (None
    #: for a category in no bar of the page)
    labels: list[str | None]
    colors: list[str | None]
    #: how many of the largest categories are listed beneath the bar
    rows: int


class _PopupRequired(TypedDict):
    #: the column of the popup's title
    title: str
    #: the text of a missing value ("k. A.")
    na: str
    #: rows of ``[label, column]``
    fields: list[list[str]]


class PopupSpec(_PopupRequired, total=False):
    """A popup built in the page with ``textContent`` from the columns it names."""

    #: a quarter profile: its root element has the class ``gi-profile``
    profile: bool
    #: the column holding the profile's trend chart (SVG text)
    chart: str
    #: the profile's use mix (a stacked bar drawn in the page)
    mix: MixSpec


class _SearchRequired(TypedDict):
    #: the column naming a hit, and a second column shown beside it (or None)
    label: str
    alt: str | None


class SearchSpec(_SearchRequired, total=False):
    """How a layer is searched.

    ``search_texts`` of the data block, or ``fields`` normalised in the page
    (large layers).
    """

    fields: list[str]


class _FilterOptionRequired(TypedDict):
    label: str


class FilterOption(_FilterOptionRequired, total=False):
    """One checkbox: features with one of ``codes`` (``by="code"``) or this column ``value``."""

    codes: list[int]
    value: str | None


class _FilterGroupRequired(TypedDict):
    key: str
    title: str
    by: Literal["code", "col"]
    options: list[FilterOption]


class FilterGroup(_FilterGroupRequired, total=False):
    """A group of filter checkboxes (they hide points only)."""

    col: str


class ContextLabels(TypedDict):
    """Names of context features written on the map from zoom ``minZoom`` on."""

    col: str
    minZoom: int
    pane: str
    paneZ: int


class _OptionsRequired(TypedDict):
    #: Leaflet path styles, indexed by the style codes
    styles: list[dict[str, Any]]
    popup: PopupSpec | None
    #: the column of the tooltip (shapes)
    tooltip: str | None
    #: the layer's name in the layer control
    name: str


class LayerOptions(_OptionsRequired, total=False):
    """The drawing options of a layer (the fourth argument of ``window.__gi.addLayer``)."""

    search: SearchSpec
    filters: list[FilterGroup]
    #: a point layer of units of another layer (the use mix of the units; the index of each
    #: point's unit there is the hidden column ``unit``): a point is shown only where that
    #: layer's filters keep its unit, and a column it lacks is read from that layer
    unitsOf: str
    #: style codes of vacant units (``state().vacant``), of sites taken up (``state().taken_up``)
    vacantCodes: list[int]
    takenCodes: list[int]
    #: context layers: their own Leaflet pane, z-index, no clicks, the category, names; a
    #: point layer drawn above the other points (the counters): its pane and z-index
    pane: str
    paneZ: int
    interactive: bool
    context: str
    labels: ContextLabels
    #: switched off when the page opens (listed in the layer control; the URL fragment names
    #: it under ``on=`` when a reader switches it on)
    hidden: bool


class PerDateHtml(TypedDict):
    """A box (legend, caption, key figures) whose HTML follows the slider."""

    dates: list[str]
    html: list[str]


class Figures(TypedDict):
    """The city totals at one date (``window.__gi.state().figures``)."""

    units: int
    vacant: int


class _ExploreRequired(TypedDict):
    #: the slider's ISO dates (one or none for a map without a slider)
    dates: list[str]
    filters: list[FilterGroup]
    #: the search's letters and abbreviations (:func:`geoinnenstadt.folding.fold_config`)
    fold: dict[str, Any]
    #: the texts of the controls, in the map's language
    texts: dict[str, str]


class ExploreConfig(_ExploreRequired, total=False):
    """The map-wide settings of the explore controls (the argument of ``window.__gi.ready``)."""

    date_texts: list[str]
    figures: list[Figures]
    title: str
    #: the Leaflet path options of the feature found by the search (``gi.style`` "highlight")
    highlight: dict[str, Any]


class RequestMatch(TypedDict):
    """One unit proposed for a request (a row of :func:`geoinnenstadt.matching.match`)."""

    #: the unit's index in the units layer (``RequestsData.layer``)
    i: int
    unit: str
    rank: int
    #: the score as shown (formatted in the map's language)
    score: str
    reasons: str


class RequestEntry(TypedDict):
    """A request of the panel "Gesuche": no contact column, ever."""

    id: str
    #: the use, the size range and the flags (ground floor, step-free), as shown
    label: str
    matches: list[RequestMatch]
    #: why no unit fits (the filter that excluded most units), else None
    none: str | None


class RequestsData(TypedDict):
    """The panel "Gesuche" of the vacancy map (the data block of ``window.__gi.addRequests``)."""

    #: the key of the units layer the matches point into
    layer: str
    requests: list[RequestEntry]
    texts: dict[str, str]
    #: the Leaflet path options of the ring around a proposed unit (``gi.style`` "request.match")
    ring: dict[str, Any]


# --------------------------------------------------------------------------- columns


def _text_or_none(v: Any) -> str | None:
    """A value as the page shows it: text, or None for missing (the rule of :func:`encode`)."""
    return None if v is None or (isinstance(v, float) and np.isnan(v)) else str(v)


def encode(values: Sequence[Any] | pd.Series) -> Column:
    """A display column for the page: plain list, or dictionary-coded when values repeat.

    Examples
    --------
    >>> encode(["x", None, "y"])
    ['x', None, 'y']
    """
    vals = [_text_or_none(v) for v in values]
    n = len(vals)
    uniques = list(dict.fromkeys(v for v in vals if v is not None))
    if n and len(uniques) * 2 <= n:
        lookup = {v: i for i, v in enumerate(uniques)}
        return {"values": uniques, "codes": [-1 if v is None else lookup[v] for v in vals]}
    return vals


def _decoded(col: Column) -> list[str | None]:
    """A column of :func:`encode` as a plain list (None for missing)."""
    if isinstance(col, dict):
        return [None if i < 0 else col["values"][i] for i in col["codes"]]
    return list(col)


def changes(per_date: Sequence[Sequence[Any]], plain: Column | None) -> list[Column | Changes]:
    """The columns of a layer at every date, each stored as the change to the following date.

    ``per_date[j]`` holds the values at date ``j``; ``plain`` is the layer's
    plain column (:func:`encode`), which is the column at the last date.
    Each date is written as the smaller of two forms: the whole column
    (:func:`encode`), or :class:`Changes` — the column of the following date
    (for the last date: ``plain``) with the values at ``positions`` replaced.
    The page expands them once (``expandTimed`` in ``static/runtime.js``). A
    value exists only where the data has it, so nothing of one date is copied
    into another.

    Examples
    --------
    >>> last = ["120", "80", "100", "100", "100", "100"]
    >>> changes([["153", "80", None, "100", "100", "100"], last], encode(last))
    [{'positions': [0, 2], 'values': ['153', None]}, {'positions': [], 'values': []}]
    >>> changes([["a", "b"], ["c", "d"]], encode(["c", "d"]))  # a whole column is shorter
    [['a', 'b'], ['c', 'd']]
    """
    texts = [[_text_or_none(v) for v in values] for values in per_date]
    following = _decoded(plain) if plain is not None else None
    out: list[Column | Changes] = []
    for values in reversed(texts):
        whole: Column | Changes = encode(values)
        if following is not None and len(following) == len(values):
            at = [i for i, (a, b) in enumerate(zip(values, following, strict=True)) if a != b]
            change: Changes = {"positions": at, "values": [values[i] for i in at]}
            if len(json.dumps(change)) < len(json.dumps(whole)):
                whole = change
        out.append(whole)
        following = values
    return out[::-1]


_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def date_codes(codes: Sequence[int] | np.ndarray) -> str:
    """Style codes (0–35) at one date as one character each; ``-1`` (not drawn) as ``"."``.

    A survey date then costs about one byte per unit.
    """
    arr = np.asarray(codes, dtype=np.int64)
    if len(arr) and int(arr.max(initial=-1)) >= len(_DIGITS):
        raise ValueError("at most 36 styles per layer can change with the date")
    lut = np.array([*_DIGITS, "."])
    return "".join(lut[np.where(arr < 0, len(_DIGITS), arr)].tolist())


def timed(
    dates: Sequence[str],
    codes: Sequence[Sequence[int] | np.ndarray],
    per_date: Mapping[str, Sequence[Sequence[Any]]],
    plain: Mapping[str, Column],
) -> Timed | None:
    """The per-date part of a layer with a slider; None with fewer than two dates.

    ``codes[j]`` are the style codes at date ``j``; ``per_date[name][j]`` the
    values of column ``name`` at date ``j``, stored as :func:`changes` to
    ``plain[name]`` (the layer's column at the last date).

    Examples
    --------
    >>> last = ["Nordstadt", "Hafen", "Westend", "Kreuzviertel"]
    >>> t = timed(["2024-06-30", "2025-06-30"], [[0, -1, 0, 0], [1, 1, 1, 1]],
    ...           {"name": [["Nordstadt", None, "Westend", "Kreuzviertel"], last]},
    ...           {"name": encode(last)})
    >>> t["style_codes"], t["columns"]["name"][0]
    (['0.00', '1111'], {'positions': [1], 'values': [None]})
    """
    if len(dates) < 2:
        return None
    return {
        "dates": list(dates),
        "style_codes": [date_codes(c) for c in codes],
        "columns": {name: changes(values, plain.get(name)) for name, values in per_date.items()},
    }


# --------------------------------------------------------------------------- layers


def _layer_parts(
    codes: Sequence[int] | np.ndarray,
    columns: dict[str, Column],
    timed_part: Timed | None,
) -> dict[str, Any]:
    out: dict[str, Any] = {"style_codes": [int(c) for c in codes], "columns": columns}
    if timed_part is not None:
        out["timed"] = timed_part
    return out


def points(
    geom: gpd.GeoSeries,
    codes: Sequence[int] | np.ndarray,
    columns: dict[str, Column],
    *,
    hidden_columns: dict[str, Column] | None = None,
    timed: Timed | None = None,
) -> PointsData:
    """The data block of a point layer: integer offsets of 1e-5° (about 1 m) from the minimum.

    ``geom`` is in WGS 84 (:func:`geoinnenstadt.maps.layers.lonlat`).
    """
    x = np.round(geom.x.to_numpy() * 1e5).astype(np.int64)
    y = np.round(geom.y.to_numpy() * 1e5).astype(np.int64)
    x0 = int(x.min()) if len(x) else 0
    y0 = int(y.min()) if len(y) else 0
    out: dict[str, Any] = {
        "type": "points",
        "count": len(x),
        "lon_origin": x0,
        "lat_origin": y0,
        "lon_offsets": (x - x0).tolist(),
        "lat_offsets": (y - y0).tolist(),
        **_layer_parts(codes, columns, timed),
    }
    if hidden_columns:
        out["hidden_columns"] = hidden_columns
    return out  # type: ignore[return-value]


def shapes(
    geom: gpd.GeoSeries,
    codes: Sequence[int] | np.ndarray,
    columns: dict[str, Column],
    *,
    decimals: int = 6,
    search_texts: list[str] | None = None,
    label_points: Any = None,
    timed: Timed | None = None,
) -> ShapesData:
    """The data block of a polygon or line layer: GeoJSON rounded to ``decimals``.

    6 decimals are about 0.1 m; context uses 5, about 1 m. ``label_points``:
    shapely points (lon/lat) where the features' names are written.
    """
    rounded = shapely.transform(geom.to_numpy(), lambda c: np.round(c, decimals))
    gj = (
        json.loads("[" + ",".join(shapely.to_geojson(rounded).tolist()) + "]")
        if len(rounded)
        else []
    )
    out: dict[str, Any] = {
        "type": "shapes",
        "count": len(gj),
        "geometries": gj,
        **_layer_parts(codes, columns, timed),
    }
    if search_texts is not None:
        out["search_texts"] = search_texts
    if label_points is not None:
        out["label_lon"] = [round(float(v), decimals) for v in shapely.get_x(label_points)]
        out["label_lat"] = [round(float(v), decimals) for v in shapely.get_y(label_points)]
    return out  # type: ignore[return-value]


def popup(
    title: str,
    fields: Sequence[tuple[str, str]],
    lang: str,
    *,
    profile: bool = False,
    chart: str | None = None,
    mix: MixSpec | None = None,
) -> PopupSpec:
    """A popup: the title column and ``(label key, column)`` rows, labels in ``lang``.

    A label key ``map.…`` is a text of :func:`geoinnenstadt.labels.text`, any
    other a column label of :func:`geoinnenstadt.labels.label`.

    Examples
    --------
    >>> popup("name", [("status", "status"), ("map.duration", "duration")], "en")["fields"]
    [['Status', 'status'], ['Vacancy duration', 'duration']]
    """
    out: PopupSpec = {
        "title": title,
        "na": labels.na_text(lang),
        "fields": [
            [labels.text(key, lang) if key.startswith("map.") else labels.label(key, lang), col]
            for key, col in fields
        ],
    }
    if profile:
        out["profile"] = True
    if chart is not None:
        out["chart"] = chart
    if mix is not None:
        out["mix"] = mix
    return out
