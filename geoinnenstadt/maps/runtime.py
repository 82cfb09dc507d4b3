"""The map frame shared by every map kind: runtime, data blocks, legends and boxes.

* The in-page runtime (``static/runtime.js`` and ``static/runtime.css``, package
  data read with :mod:`importlib.resources`) draws every layer from one JSON
  block and builds popups with ``textContent`` only.
* :func:`_layer` is the one entry of a city layer into a map: it drops the
  schema's personal columns (:func:`geoinnenstadt.privacy.drop_personal`) and
  refuses a layer without a CRS. Layers are passed to the analysis functions
  as they are (those check the CRS they need, :mod:`geoinnenstadt.crs`) and
  reprojected for display only, with :func:`geoinnenstadt.crs.to_display`.
* Legends, captions and messages are HTML built from escaped text
  (:func:`geoinnenstadt.assets.escape_text`); all texts come from
  :mod:`geoinnenstadt.labels`.

Examples
--------
>>> from geoinnenstadt.maps import runtime
>>> "window.__gi" in runtime.runtime_js()
True
>>> runtime._encode(["a", "a", None, "a"])
{'v': ['a'], 'i': [0, 0, -1, 0]}
"""

from __future__ import annotations

import functools
import json
import warnings
from collections.abc import Sequence
from importlib import resources
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .. import crs, labels, privacy, settings
from ..assets import escape_text, script_json
from ..context import MAX_ZOOM
from ..errors import GeoinnenstadtWarning

if TYPE_CHECKING:  # pragma: no cover
    import folium

    from ..city import City

_LEAFLET_CDN_JS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.js"
_LEAFLET_CDN_CSS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.css"

#: Fill colour of polygons without a value (no units, or suppressed in public mode).
NO_DATA_COLOR = "#d9d9d9"

#: One legend entry: a Leaflet path style and its text.
LegendItem = tuple[dict[str, Any], str]


# ---------------------------------------------------------------------------------------
# the in-page runtime (package data)
# ---------------------------------------------------------------------------------------


@functools.cache
def _static(name: str) -> str:
    """A file of ``geoinnenstadt/maps/static`` as text, safe to inline."""
    text = (resources.files(__package__) / "static" / name).read_text(encoding="utf-8")
    tag = "script" if name.endswith(".js") else "style"
    if f"</{tag}" in text.lower():  # pragma: no cover - guarded by a test
        raise ValueError(f"{name} must not contain '</{tag}'")
    return text


def runtime_js() -> str:
    """The map runtime's JavaScript (``static/runtime.js``)."""
    return _static("runtime.js")


def runtime_css() -> str:
    """The map runtime's stylesheet (``static/runtime.css``)."""
    return _static("runtime.css")


def explore_js() -> str:
    """The explore controls' JavaScript (``static/explore.js``): time slider, filters, search."""
    return _static("explore.js")


def print_js() -> str:
    """The print support's JavaScript (``static/print.js``): refit to the paper, canvas copies."""
    return _static("print.js")


def _runtime_element() -> Any:
    from branca.element import Element

    return Element(
        f"<style>{runtime_css()}</style>\n<script>{runtime_js()}</script>\n"
        f"<script>{explore_js()}</script>\n<script>{print_js()}</script>"
    )


@functools.lru_cache(maxsize=1)
def _folium_classes() -> tuple[Any, Any, Any, Any]:
    from branca.element import MacroElement
    from folium.map import Layer
    from folium.template import Template

    class DataLayer(Layer):
        """A layer drawn in the browser from one JSON block."""

        _template = Template(
            """
            {% macro html(this, kwargs) %}<script type="application/json" id="{{ this.get_name() }}_data">{{ this.payload }}</script>{% endmacro %}
            {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = window.__gi.addLayer({{ this._parent.get_name() }}, {{ this.key_json }},
                document.getElementById({{ (this.get_name() ~ "_data")|tojson }}), {{ this.options_json }});
            {% endmacro %}
            """
        )

        def __init__(
            self,
            key: str,
            name: str,
            payload: dict[str, Any],
            options: dict[str, Any],
            *,
            show: bool = True,
        ) -> None:
            super().__init__(name=escape_text(name), overlay=True, control=True, show=show)
            self._name = "GiLayer"
            self.key = key
            self.key_json = script_json(key)
            self.payload = script_json(payload)
            self.options_json = script_json(options)

    class Control(MacroElement):
        """A box with escaped HTML in a corner of the map (legend, caption, message)."""

        _template = Template(
            """
            {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = window.__gi.addControl({{ this._parent.get_name() }},
                {{ this.position_json }}, {{ this.cls_json }}, {{ this.html_json }});
            {% endmacro %}
            """
        )

        def __init__(self, html: str, *, position: str, cls: str) -> None:
            super().__init__()
            self._name = "GiControl"
            self.position_json = script_json(position)
            self.cls_json = script_json(cls)
            self.html_json = script_json(html)

    class FitBounds(MacroElement):
        """``window.__gi.fitBounds``: no animation, so a click right after loading hits."""

        _template = Template(
            """
            {% macro script(this, kwargs) %}
            window.__gi.fitBounds({{ this._parent.get_name() }}, {{ this.bounds_json }});
            {% endmacro %}
            """
        )

        def __init__(self, bounds: list[list[float]]) -> None:
            super().__init__()
            self._name = "GiFitBounds"
            self.bounds_json = script_json(bounds)

    class Ready(MacroElement):
        """``window.__gi.ready``: the explore controls, added after every layer and control."""

        _template = Template(
            """
            {% macro script(this, kwargs) %}
            window.__gi.ready({{ this._parent.get_name() }}, {{ this.config_json }});
            {% endmacro %}
            """
        )

        def __init__(self, config: dict[str, Any]) -> None:
            super().__init__()
            self._name = "GiReady"
            self.config_json = script_json(config)

    return DataLayer, Control, FitBounds, Ready


# ---------------------------------------------------------------------------------------
# data preparation
# ---------------------------------------------------------------------------------------


def _lang(lang: str | None) -> str:
    """``lang`` checked, or :data:`geoinnenstadt.settings.language`."""
    return labels.resolve_lang(lang)


#: the one missing-value test of the display layer (labels)
_is_na = labels.is_na


def _checked(gdf: Any, kind: str) -> gpd.GeoDataFrame | None:
    """A layer ready for a map: a GeoDataFrame with a CRS, without personal columns."""
    if gdf is None:
        return None
    if not isinstance(gdf, gpd.GeoDataFrame):
        raise TypeError(f"the {kind} layer must be a GeoDataFrame, got {type(gdf).__name__}")
    crs.require_same(gdf, names=[kind])  # CRSError naming the layer when it has no CRS
    from ..schema import LAYERS

    return privacy.drop_personal(gdf, kind=kind if kind in LAYERS else None)


def _layer(city: City, kind: str) -> gpd.GeoDataFrame | None:
    """Layer ``kind`` of ``city`` (see :func:`_checked`); None when absent."""
    return _checked(getattr(city, kind, None), kind)


def _drop_missing_geometry(gdf: gpd.GeoDataFrame, kind: str) -> gpd.GeoDataFrame:
    bad = gdf.geometry.isna() | gdf.geometry.is_empty
    if bad.any():
        from ..schema import LAYERS

        idc = LAYERS[kind].id_column
        ids = (
            gdf.loc[bad, idc].astype(str).tolist()[:10]
            if idc in gdf.columns
            else list(gdf.index[bad][:10])
        )
        warnings.warn(
            f"{int(bad.sum())} {kind} feature(s) without geometry are not drawn: "
            f"{', '.join(map(str, ids))}",
            GeoinnenstadtWarning,
            stacklevel=3,
        )
        gdf = gdf.loc[~bad]
    return gdf


def _lonlat(gdf: gpd.GeoDataFrame) -> gpd.GeoSeries:
    """Geometries in WGS 84 for display (the only reprojection of the maps)."""
    return crs.to_display(gdf.geometry)


def _encode(values: Sequence[Any] | pd.Series) -> Any:
    """A display column for the page: plain list, or dictionary-coded when values repeat."""
    vals = [_text_or_none(v) for v in values]
    n = len(vals)
    uniques = list(dict.fromkeys(v for v in vals if v is not None))
    if n and len(uniques) * 2 <= n:
        lookup = {v: i for i, v in enumerate(uniques)}
        return {"v": uniques, "i": [-1 if v is None else lookup[v] for v in vals]}
    return vals


def _changes(per_date: Sequence[Sequence[Any]], plain: Any) -> list[Any]:
    """The columns of a layer at every date, each stored as the change to the following date.

    ``per_date[j]`` holds the values at date ``j``; ``plain`` is the layer's
    plain column (:func:`_encode`), which is the column at the last date.
    Each date is written as the smaller of two forms: the whole column
    (:func:`_encode`), or ``{"at": [positions], "to": [values]}`` — the column
    of the following date (for the last date: ``plain``) with the values at
    ``positions`` replaced. The page expands them once (``expandTimed`` in
    ``static/runtime.js``). A value exists only where the data has it, so
    nothing of one date is copied into another.

    Examples
    --------
    >>> last = ["120", "80", "100", "100", "100", "100"]
    >>> _changes([["153", "80", None, "100", "100", "100"], last], _encode(last))
    [{'at': [0, 2], 'to': ['153', None]}, {'at': [], 'to': []}]
    >>> _changes([["a", "b"], ["c", "d"]], _encode(["c", "d"]))  # a whole column is shorter
    [['a', 'b'], ['c', 'd']]
    """
    texts = [[_text_or_none(v) for v in values] for values in per_date]
    following = _decoded(plain) if plain is not None else None
    out: list[Any] = []
    for values in reversed(texts):
        whole = _encode(values)
        if following is not None and len(following) == len(values):
            at = [i for i, (a, b) in enumerate(zip(values, following, strict=True)) if a != b]
            change = {"at": at, "to": [values[i] for i in at]}
            if len(json.dumps(change)) < len(json.dumps(whole)):
                whole = change
        out.append(whole)
        following = values
    return out[::-1]


def _text_or_none(v: Any) -> str | None:
    """A value as the page shows it: text, or None for missing (the rule of :func:`_encode`)."""
    return None if v is None or (isinstance(v, float) and np.isnan(v)) else str(v)


def _decoded(col: Any) -> list[Any]:
    """A column of :func:`_encode` as a plain list (None for missing)."""
    if isinstance(col, dict):
        return [None if i < 0 else col["v"][i] for i in col["i"]]
    return list(col)


def _points_payload(geom: gpd.GeoSeries, codes: np.ndarray, cols: dict[str, Any]) -> dict[str, Any]:
    """Columnar point data: integer offsets of 1e-5° (about 1 m) from the minimum."""
    x = np.round(geom.x.to_numpy() * 1e5).astype(np.int64)
    y = np.round(geom.y.to_numpy() * 1e5).astype(np.int64)
    x0 = int(x.min()) if len(x) else 0
    y0 = int(y.min()) if len(y) else 0
    return {
        "type": "points",
        "n": len(x),
        "x0": x0,
        "y0": y0,
        "x": (x - x0).tolist(),
        "y": (y - y0).tolist(),
        "k": [int(c) for c in codes],
        "cols": cols,
    }


def _shapes_payload(
    geom: gpd.GeoSeries, codes: np.ndarray, cols: dict[str, Any], *, decimals: int = 6
) -> dict[str, Any]:
    """GeoJSON geometries rounded to ``decimals`` (6: about 0.1 m; context uses 5, about 1 m)."""
    rounded = shapely.transform(geom.to_numpy(), lambda c: np.round(c, decimals))
    gj = (
        json.loads("[" + ",".join(shapely.to_geojson(rounded).tolist()) + "]")
        if len(rounded)
        else []
    )
    return {"type": "shapes", "n": len(gj), "g": gj, "k": [int(c) for c in codes], "cols": cols}


def _texts(gdf: pd.DataFrame, column: str) -> list[str | None]:
    if column not in gdf.columns:
        return [None] * len(gdf)
    return [None if _is_na(v) or str(v) == "" else str(v) for v in gdf[column]]


def _values(gdf: pd.DataFrame, column: str) -> list[Any]:
    return list(gdf[column]) if column in gdf.columns else [None] * len(gdf)


def _formatted(values: Any, fmt: Any) -> list[str | None]:
    """``fmt(value)`` for every value, computed once per distinct value; missing/blank → None."""
    arr = pd.Series(values, dtype=object).reset_index(drop=True)
    missing = arr.isna().to_numpy() | (arr.astype(str) == "").to_numpy()
    codes, uniques = pd.factorize(arr.where(~missing), use_na_sentinel=True)
    texts = [fmt(u) for u in uniques]
    return [None if c < 0 else texts[c] for c in codes]


def _popup(title: str, fields: Sequence[tuple[str, str]], lang: str) -> dict[str, Any]:
    """Popup spec: title column and ``(label key, column)`` rows, labels in ``lang``."""
    return {
        "title": title,
        "na": labels.na_text(lang),
        "fields": [[labels.label(key, lang), col] for key, col in fields],
    }


# ---------------------------------------------------------------------------------------
# map scaffolding
# ---------------------------------------------------------------------------------------


def _new_map(bounds: tuple[float, float, float, float] | None) -> folium.Map:
    from .display import Map  # a folium.Map that displays offline in Jupyter (issue 13)

    if bounds is None:
        lon0, lat0, lon1, lat1 = settings.germany_bounds_lonlat
    else:
        lon0, lat0, lon1, lat1 = bounds
    m = Map(
        location=[(lat0 + lat1) / 2, (lon0 + lon1) / 2],
        zoom_start=14,
        tiles=None,
        control_scale=True,
        maxZoom=MAX_ZOOM,  # context geometry is simplified for this zoom (gi.context.for_display)
    )
    # Only Leaflet is needed (no jQuery, Bootstrap, Font Awesome, awesome-markers).
    m.default_js = [("leaflet", _LEAFLET_CDN_JS)]
    m.default_css = [("leaflet_css", _LEAFLET_CDN_CSS)]
    _folium_classes()[2]([[lat0, lon0], [lat1, lon1]]).add_to(m)
    return m


def _bounds(*layers: gpd.GeoDataFrame | None) -> tuple[float, float, float, float] | None:
    boxes = []
    for gdf in layers:
        if gdf is not None and len(gdf) and not gdf.geometry.isna().all():
            b = crs.to_display(gdf.geometry).total_bounds
            if np.isfinite(b).all():
                boxes.append(b)
    if not boxes:
        return None
    arr = np.vstack(boxes)
    return (
        float(arr[:, 0].min()),
        float(arr[:, 1].min()),
        float(arr[:, 2].max()),
        float(arr[:, 3].max()),
    )


def _prepare_map(
    m: folium.Map | None,
    *layers: gpd.GeoDataFrame | None,
    title: str = "",
    lang: str,
    fallback: gpd.GeoDataFrame | None = None,
) -> folium.Map:
    """A new map fitted to the data ``layers`` (or to ``fallback``, the context, without data),
    or ``m``; the extent is kept in ``m.__dict__["_gi_bounds"]`` (lon/lat, for a basemap)."""
    bounds = None
    if m is None or m.__dict__.get("_gi_bounds") is None:
        bounds = _bounds(*layers) or _bounds(fallback)
    if m is None:
        m = _new_map(bounds)
        root: Any = m.get_root()
        root.title = escape_text(title)  # branca inserts the title unescaped
        m.__dict__["_gi_lang"] = lang  # the language of texts added when saving (attribution)
        from .explore import _set_explore

        _set_explore(m, title=title)
    if m.__dict__.get("_gi_bounds") is None:
        m.__dict__["_gi_bounds"] = bounds
    root = m.get_root()
    root.header.add_child(_runtime_element(), name="geoinnenstadt_runtime")
    return m


def _title(key: str, city: City, lang: str) -> str:
    name = (getattr(city, "meta", {}) or {}).get("name")
    title = labels.text(key, lang)
    return labels.text("map.title", lang, title=title, name=name) if name else title


def _unique_key(m: folium.Map, key: str) -> str:
    used: set[str] = m.__dict__.setdefault("_gi_keys", set())
    out, i = key, 2
    while out in used:
        out, i = f"{key}_{i}", i + 1
    used.add(out)
    return out


def _add_layer(
    m: folium.Map,
    key: str,
    name: str,
    payload: dict[str, Any],
    *,
    styles: list[dict[str, Any]],
    popup: dict[str, Any] | None,
    tooltip: str | None = None,
    show: bool = True,
    extra: dict[str, Any] | None = None,
) -> str:
    """Add a layer drawn from ``payload``; ``extra`` options: ``search`` (label column of the
    hits; the searched text is ``payload["s"]``, or the columns ``search["fields"]`` normalised
    in the page), ``filters`` (groups, see ``explore.js``)."""
    data_layer = _folium_classes()[0]
    key = _unique_key(m, key)
    options = {"styles": styles, "popup": popup, "tooltip": tooltip, "name": name, **(extra or {})}
    data_layer(key, name, payload, options, show=show).add_to(m)
    return key


def _add_box(
    m: folium.Map,
    html: str | dict[str, Any],
    *,
    position: str,
    cls: str,
) -> None:
    """A box of escaped HTML; ``{"dates": [iso…], "html": [one per date]}`` follows the slider."""
    control = _folium_classes()[1]
    control(html, position=position, cls=cls).add_to(m)


def _finish(m: folium.Map) -> folium.Map:
    """Add the layer control and then the explore controls last (moving existing ones)."""
    import folium

    from .explore import _explore_config

    ready = _folium_classes()[3]
    for name, child in list(m._children.items()):
        if isinstance(child, (folium.LayerControl, ready)):
            del m._children[name]
    folium.LayerControl(collapsed=False).add_to(m)
    ready(_explore_config(m)).add_to(m)
    return m


def _legend_html(
    title: str,
    items: Sequence[LegendItem],
    *,
    points: bool = False,
    counts: Sequence[str | None] | None = None,
) -> str:
    """Legend box HTML from escaped text; ``counts``: a formatted count per entry (or None)."""
    rows = []
    for k, (style, text) in enumerate(items):
        n = counts[k] if counts is not None else None
        count = f' <span class="gi-n">({escape_text(n)})</span>' if n is not None else ""
        filled = style.get("fill", True)
        fill = (
            _rgba(style.get("fillColor", "#ffffff"), float(style.get("fillOpacity", 0.6)))
            if filled
            else "transparent"
        )
        border = "dashed" if style.get("dashArray") else "solid"
        sw = (
            f'<span class="gi-sw{" gi-pt" if points else ""}" style="background:{fill};'
            f'border:2px {border} {_css_color(style.get("color", "#333333"))}"></span>'
        )
        rows.append(f'<div class="gi-row">{sw}<span>{escape_text(text)}{count}</span></div>')
    return f"<h4>{escape_text(title)}</h4>{''.join(rows)}"


def _rgba(color: str, alpha: float) -> str:
    c = _css_color(color)
    if not c.startswith("#"):
        return c
    h = c[1:] if len(c) == 7 else "".join(ch * 2 for ch in c[1:])
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{min(max(alpha, 0.0), 1.0):.2f})"


def _css_color(value: Any) -> str:
    """A colour for inline CSS: only #rgb/#rrggbb or 'transparent' pass (they are ours anyway)."""
    text = str(value)
    if text == "transparent" or (
        text.startswith("#")
        and len(text) in (4, 7)
        and all(c in "0123456789abcdefABCDEF" for c in text[1:])
    ):
        return text
    return "#999999"


def _add_legend(
    m: folium.Map, title: str, items: Sequence[LegendItem], *, points: bool = False
) -> None:
    _add_box(m, _legend_html(title, items, points=points), position="bottomright", cls="gi-legend")


def _add_caption(
    m: folium.Map, city: City, lang: str, survey: str | dict[str, Any] | None = None
) -> None:
    """Name, survey date, source and sample note; ``survey`` may follow the slider
    (``{"dates": [iso…], "texts": [one per date]}``)."""
    meta = getattr(city, "meta", {}) or {}
    if isinstance(survey, dict):
        htmls = [_caption_html(meta, lang, text) for text in survey["texts"]]
        _add_box(
            m, {"dates": survey["dates"], "html": htmls}, position="bottomleft", cls="gi-caption"
        )
        return
    html = _caption_html(meta, lang, survey)
    if html:
        _add_box(m, html, position="bottomleft", cls="gi-caption")


def _caption_html(meta: dict[str, Any], lang: str, survey: str | None) -> str:
    parts = [escape_text(survey)] if survey else []
    source = meta.get("source")
    if source:  # the sample's source line has a translation in labels
        shown = labels.value_label("source", str(source), lang)
        parts.append(escape_text(labels.text("map.data_source", lang, source=shown)))
    if meta.get("as_of") is not None and not survey:
        date = labels.format_date(meta["as_of"], lang=lang)
        parts.append(escape_text(labels.text("map.as_of", lang, date=date)))
    name = meta.get("name")
    html = f"<b>{escape_text(name)}</b>" if name else ""
    if parts:
        html += ("<br>" if html else "") + "<br>".join(parts)
    if meta.get("synthetic"):
        html += f'<div class="gi-note">{escape_text(labels.sample_note(lang))}</div>'
    return html


def _add_message(m: folium.Map, text: str) -> None:
    _add_box(m, escape_text(text), position="topleft", cls="gi-message")
