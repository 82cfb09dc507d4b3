"""The page frame every map is drawn into: the map, its title, boxes, layers and scripts.

* :func:`prepare_map` makes the map (a :class:`geoinnenstadt.maps.Map`
  fitted to the data) or takes the one given with ``m=``, sets the title and
  embeds the in-page scripts once: ``static/common.js`` (the shared state
  ``window.__gi`` and the helpers of the other scripts), ``runtime.js``
  (layers, popups), ``explore.js`` (slider, filters, search) and ``print.js``,
  in this order, with ``static/runtime.css``. They are package data read with
  :mod:`importlib.resources` and inlined into the page, so it stays offline
  and self-contained (Leaflet itself is inlined by
  :func:`geoinnenstadt.assets.inline_assets` when saving).
* :func:`add_layer` adds one layer drawn from its data block
  (:mod:`geoinnenstadt.maps.payload`); :func:`add_box` a box of escaped HTML
  (legend, caption, message) that may follow the slider.
* :func:`finish` adds the layer control and then the explore controls last.

The page lays the controls out (``G.layout`` in ``static/runtime.js``): the
legend boxes are sections of one scrolling column at the bottom right, the
layer control is collapsed to its button on a map narrower than 1,200 px,
and all controls together cover at most a quarter of the map; the scale bar
is metric.

Captions and messages are HTML built from escaped text
(:func:`geoinnenstadt.assets.escape_text`); all texts come from
:mod:`geoinnenstadt.labels`.

Examples
--------
>>> from geoinnenstadt.maps import page
>>> "window.__gi" in page.common_js()
True
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from importlib import resources
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np

from .. import crs, labels, settings
from ..assets import escape_text, script_json
from ..context import MAX_ZOOM

if TYPE_CHECKING:  # pragma: no cover
    import folium

    from ..city import City
    from .payload import LayerData, LayerOptions, PerDateHtml, PopupSpec

_LEAFLET_CDN_JS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.js"
_LEAFLET_CDN_CSS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.css"


#: The in-page scripts, in the order the page runs them (common.js first).
SCRIPTS = ("common.js", "runtime.js", "explore.js", "print.js")


@functools.cache
def _static(name: str) -> str:
    """A file of ``geoinnenstadt/maps/static`` as text, safe to inline."""
    text = (resources.files(__package__) / "static" / name).read_text(encoding="utf-8")
    tag = "script" if name.endswith(".js") else "style"
    if f"</{tag}" in text.lower():  # pragma: no cover - guarded by a test
        raise ValueError(f"{name} must not contain '</{tag}'")
    return text


def static_text(name: str) -> str:
    """A file of ``maps/static`` (a script or stylesheet), checked safe to inline.

    For the parts only some maps embed (the panel "Gesuche": ``requests.js``,
    ``requests.css``); :data:`SCRIPTS` are embedded into every map.
    """
    return _static(name)


def common_js() -> str:
    """The shared state and helpers of the page's scripts (``static/common.js``)."""
    return _static("common.js")


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

    scripts = "\n".join(f"<script>{_static(name)}</script>" for name in SCRIPTS)
    return Element(f"<style>{runtime_css()}</style>\n{scripts}")


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
            payload: LayerData,
            options: LayerOptions,
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

        def __init__(self, html: str | PerDateHtml, *, position: str, cls: str) -> None:
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


@functools.lru_cache(maxsize=1)
def _layer_control_class() -> Any:
    import folium
    from folium.template import Template

    class LayerControl(folium.LayerControl):
        """folium's layer control (rendered last), handed to the page's layout when made."""

        _template = Template(
            """
            {% macro script(this,kwargs) %}
            var {{ this.get_name() }}_layers = {
                base_layers : {
                    {%- for key, val in this.base_layers.items() %}
                    {{ key|tojson }} : {{val}},
                    {%- endfor %}
                },
                overlays :  {
                    {%- for key, val in this.overlays.items() %}
                    {{ key|tojson }} : {{val}},
                    {%- endfor %}
                },
            };
            let {{ this.get_name() }} = L.control.layers(
                {{ this.get_name() }}_layers.base_layers,
                {{ this.get_name() }}_layers.overlays,
                {{ this.options|tojavascript }}
            ).addTo({{this._parent.get_name()}});
            window.__gi.addLayerControl({{ this._parent.get_name() }}, {{ this.get_name() }});
            {% endmacro %}
            """
        )

    return LayerControl


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
        control_scale=False,  # a metric scale bar is added by the page (explore.js)
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


def prepare_map(
    m: folium.Map | None,
    *layers: gpd.GeoDataFrame | None,
    title: str = "",
    lang: str,
    fallback: gpd.GeoDataFrame | None = None,
) -> folium.Map:
    """A new map fitted to the data ``layers``, or ``m``.

    Without data the map is fitted to ``fallback`` (the context); the extent is
    kept in ``m.__dict__["_gi_bounds"]`` (lon/lat, for a basemap).
    """
    bounds = None
    if m is None or m.__dict__.get("_gi_bounds") is None:
        bounds = _bounds(*layers) or _bounds(fallback)
    if m is None:
        m = _new_map(bounds)
        root: Any = m.get_root()
        root.title = escape_text(title)  # branca inserts the title unescaped
        m.__dict__["_gi_lang"] = lang  # the language of texts added when saving (attribution)
        from .explore import set_explore

        set_explore(m, title=title)
    if m.__dict__.get("_gi_bounds") is None:
        m.__dict__["_gi_bounds"] = bounds
    root = m.get_root()
    root.header.add_child(_runtime_element(), name="geoinnenstadt_runtime")
    return m


def map_title(key: str, city: City, lang: str) -> str:
    """The title ``key`` of :mod:`geoinnenstadt.labels`, with the city's name when it has one."""
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


def add_layer(
    m: folium.Map,
    key: str,
    name: str,
    payload: LayerData,
    *,
    styles: list[dict[str, Any]],
    popup: PopupSpec | None,
    tooltip: str | None = None,
    show: bool = True,
    extra: dict[str, Any] | None = None,
) -> str:
    """Add a layer drawn from its data block; the key it got (unique in ``m``).

    ``extra``: further :class:`~geoinnenstadt.maps.payload.LayerOptions`
    (``search``, ``filters``, …). ``show=False``: in the layer control but
    switched off when the page opens (option ``hidden``).
    """
    data_layer = _folium_classes()[0]
    key = _unique_key(m, key)
    options = {"styles": styles, "popup": popup, "tooltip": tooltip, "name": name, **(extra or {})}
    if not show:  # off when the page opens: the URL fragment records it when switched on
        options["hidden"] = True
    data_layer(key, name, payload, options, show=show).add_to(m)
    return key


def add_box(
    m: folium.Map,
    html: str | PerDateHtml,
    *,
    position: str,
    cls: str,
) -> None:
    """A box of escaped HTML; ``{"dates": [iso…], "html": [one per date]}`` follows the slider."""
    control = _folium_classes()[1]
    control(html, position=position, cls=cls).add_to(m)


def finish(m: folium.Map) -> folium.Map:
    """Add the layer control and then the explore controls last (moving existing ones)."""
    import folium

    from .explore import explore_config

    ready = _folium_classes()[3]
    for name, child in list(m._children.items()):
        if isinstance(child, (folium.LayerControl, ready)):
            del m._children[name]
    # open here; the page collapses it on a narrow map (explore.js, runtime.js G.layout)
    _layer_control_class()(collapsed=False).add_to(m)
    ready(explore_config(m)).add_to(m)
    return m


def add_caption(
    m: folium.Map,
    city: City,
    lang: str,
    survey: str | dict[str, Any] | None = None,
    *,
    dated: Sequence[str] | None = None,
) -> None:
    """Name, survey date, source and sample note.

    ``survey`` may follow the slider (``{"dates": [iso…], "texts": [one per date]}``).
    ``dated``: the slider's ISO dates, each the date its figures are as of; the
    caption's "Stand …" then follows the slider (the land map's take-up years).
    """
    meta = getattr(city, "meta", {}) or {}
    if dated is not None and survey is None and len(dated):
        htmls = [_caption_html(meta, lang, None, as_of=date) for date in dated]
        add_box(m, {"dates": list(dated), "html": htmls}, position="bottomleft", cls="gi-caption")
        return
    if isinstance(survey, dict):
        htmls = [_caption_html(meta, lang, text) for text in survey["texts"]]
        add_box(
            m, {"dates": survey["dates"], "html": htmls}, position="bottomleft", cls="gi-caption"
        )
        return
    html = _caption_html(meta, lang, survey)
    if html:
        add_box(m, html, position="bottomleft", cls="gi-caption")


def _caption_html(meta: dict[str, Any], lang: str, survey: str | None, *, as_of: Any = None) -> str:
    parts = [escape_text(survey)] if survey else []
    source = meta.get("source")
    if source:  # the sample's source line has a translation in labels
        shown = labels.value_label("source", str(source), lang)
        parts.append(escape_text(labels.text("map.data_source", lang, source=shown)))
    if as_of is None:
        as_of = meta.get("as_of")
    if as_of is not None and not survey:
        date = labels.format_date(as_of, lang=lang)
        parts.append(escape_text(labels.text("map.as_of", lang, date=date)))
    name = meta.get("name")
    html = f"<b>{escape_text(name)}</b>" if name else ""
    if parts:
        html += ("<br>" if html else "") + "<br>".join(parts)
    if meta.get("synthetic"):
        html += f'<div class="gi-note">{escape_text(labels.sample_note(lang))}</div>'
    return html


def add_message(m: folium.Map, text: str) -> None:
    """A message box (top left): what the map cannot show, and why."""
    add_box(m, escape_text(text), position="topleft", cls="gi-message")
