"""Interactive folium maps that open offline and never leak what they must not show.

Three maps, each returning a :class:`folium.Map` and composable through
``m=`` (every function adds its layers to a given map):

* :func:`vacancy_map` – City-Quartiere coloured by vacancy rate
  (Leerstandsquote), every commercial unit as a point coloured by status and
  vacancy duration, a hot-spot layer;
* :func:`land_map` – commercial land (Wirtschaftsflächen) by status and
  restriction, core zones by category, pre-emption areas, residential areas
  and optionally the distance-class buffers of the Abstandserlass;
* :func:`preemption_map` – parcels under a pre-emption statute with their
  Flurstückskennzeichen.

:func:`save_html` writes one self-contained file; with ``offline=True`` (the
default) Leaflet is inlined from an installed package, no tiles are loaded
and the page makes no request at all (see :mod:`geoinnenstadt.assets`).

How the maps are built
----------------------
folium escapes nothing, and one ``folium.Marker`` per unit costs about
760 bytes. These maps therefore do not use folium's popups, tooltips or
markers. Every layer is one compact JSON block (``<script
type="application/json">``, ``<`` written as ``\\u003c``) holding only an
explicit allow-list of columns, already formatted for display by
:mod:`geoinnenstadt.labels`. A small script draws the features (points on a
canvas renderer) and builds popups in the browser with ``textContent`` only,
so attribute values are never interpreted as HTML or JavaScript. Legends,
captions and layer names are HTML built here from escaped text
(:func:`geoinnenstadt.assets.escape_text`). Personal columns
(``owner_name``, ``owner_contact``) are never read.

In the page, ``window.__gi.counts`` holds the number of features drawn per
layer and ``window.__gi.openPopup(key, i)`` opens the popup of feature ``i``
(used by the tests and the benchmark).

Examples
--------
>>> import geoinnenstadt as gi
>>> city = gi.load_sample("dortmund")
>>> m = gi.maps.vacancy_map(city)
>>> html = gi.maps.to_html(m)
>>> gi.assets.external_references(html)
[]
>>> "Beispieldaten (synthetisch)" in html
True
"""

from __future__ import annotations

import functools
import itertools
import os
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from . import settings
from .assets import escape_text, script_json
from .errors import CRSError, GeoinnenstadtWarning

if TYPE_CHECKING:  # pragma: no cover
    import folium

    from .city import City

__all__ = ["land_map", "preemption_map", "save_html", "to_html", "vacancy_map"]

#: OpenStreetMap tiles used by ``save_html(..., offline=False)``.
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>-Mitwirkende'
)
_LEAFLET_CDN_JS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.js"
_LEAFLET_CDN_CSS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.css"

#: Fixed class breaks of the vacancy-rate choropleth (fractions; upper bounds, right-closed).
VACANCY_BREAKS: tuple[float, ...] = (0.05, 0.10, 0.15, 0.20, 1.0)

# ColorBrewer YlOrRd (9 classes); k classes take evenly spaced entries.
_YLORRD = (
    "#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c",
    "#fc4e2a", "#e31a1c", "#bd0026", "#800026",
)  # fmt: skip
_NO_DATA_COLOR = "#d9d9d9"

# Map-specific display text (key -> (de, en)); labels.LABELS wins where it defines the key.
_TEXT: dict[str, tuple[str, str]] = {
    "map.no_units": (
        "Keine Gewerbeeinheiten in den Daten – Leerstand kann nicht dargestellt werden.",
        "No commercial units in the data – vacancy cannot be shown.",
    ),
    "map.no_sites": ("Keine Wirtschaftsflächen in den Daten.", "No commercial land in the data."),
    "map.no_parcels": ("Keine Flurstücke in den Daten.", "No parcels in the data."),
    "map.no_preemption_areas": (
        "Keine Vorkaufsrechtsgebiete in den Daten.",
        "No pre-emption areas in the data.",
    ),
    "map.no_preempted": (
        "Kein Flurstück liegt mindestens zu {share} in einem Vorkaufsrechtsgebiet.",
        "No parcel lies at least {share} inside a pre-emption area.",
    ),
    "map.no_quarter_units": ("keine Einheiten", "no units"),
    "map.title_vacancy": ("Leerstandskarte", "Vacancy map"),
    "map.title_land": ("Wirtschaftsflächen", "Commercial land"),
    "map.title_preemption": ("Vorkaufsrecht", "Pre-emption"),
    "map.survey": ("Leerstandserhebung", "Vacancy survey"),
    "map.as_of": ("Stand", "As of"),
    "map.data_source": ("Datenquelle", "Data source"),
    "map.vacancy_rate_by_quarter": ("Leerstandsquote je Quartier", "Vacancy rate by quarter"),
    "map.vacant_short": ("leer stehend, bis {months} Monate", "vacant, up to {months} months"),
    "map.vacant_long": ("leer stehend, über {months} Monate", "vacant, over {months} months"),
    "map.vacant_unknown": ("leer stehend, Dauer unbekannt", "vacant, duration unknown"),
    "map.hotspots": ("Hot Spots des Leerstands (Gi*)", "Vacancy hot spots (Gi*)"),
    "map.hotspots_failed": ("Hot-Spot-Analyse nicht möglich", "Hot-spot analysis not possible"),
    "map.distance_buffers": (
        "Abstandsklassen um die Flächen (Abstandserlass)",
        "Distance classes around sites (Abstandserlass)",
    ),
    "map.distance": ("Abstand zur Fläche", "Distance to the site"),
    "map.preempted_parcels": ("Flurstücke mit Vorkaufsrecht", "Parcels under pre-emption"),
    "map.other_parcels": ("übrige Flurstücke", "Other parcels"),
    "map.reserved": ("reserviert", "reserved"),
    "map.taken_up": ("in Anspruch genommen", "taken up"),
    "map.duration_days": ("Leerstandsdauer", "Vacancy duration"),  # in completed months
    "map.days": ("Tage", "days"),
    "map.hotspot_method": ("Methode", "Method"),
}


def _t(key: str, lang: str, **fmt: Any) -> str:
    from . import labels

    if key in labels.LABELS:
        text = labels.label(key, lang)
    else:
        de, en = _TEXT[key]
        text = de if labels._lang(lang) == "de" else en
    return text.format(**fmt) if fmt else text


# ---------------------------------------------------------------------------------------
# the in-page runtime (our own code; Leaflet itself comes from assets)
# ---------------------------------------------------------------------------------------

_RUNTIME_CSS = """
div.folium-map.leaflet-container{background:#f3f1ec;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
.gi-box{background:rgba(255,255,255,.93);padding:6px 9px;border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.35);font-size:12px;line-height:1.35;max-width:320px;color:#222}
.gi-box h4{margin:0 0 4px;font-size:13px}
.gi-legend .gi-row{display:flex;align-items:center;gap:6px;margin:2px 0}
.gi-sw{display:inline-block;width:16px;height:12px;flex:none;box-sizing:border-box}
.gi-sw.gi-pt{width:12px;height:12px;border-radius:50%}
.gi-note{color:#a30000;font-weight:600}
.gi-message{font-size:14px;font-weight:600;color:#7a0000;max-width:420px}
.gi-popup table{border-collapse:collapse;font-size:12px}
.gi-popup th{text-align:left;padding:1px 8px 1px 0;font-weight:600;vertical-align:top}
.gi-popup td{padding:1px 0}
.gi-popup-title{font-weight:700;margin-bottom:4px;font-size:13px}
"""

# Builds layers from JSON blocks; popups/tooltips are DOM nodes filled with textContent only.
_RUNTIME_JS = r"""
(function () {
  if (window.__gi) { return; }
  var G = window.__gi = {layers: {}, counts: {}, renderedAt: null, hatches: {}};
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function value(d, name, i, na) {
    var c = d.cols[name], v;
    if (!c) { return na; }
    if (Array.isArray(c)) { v = c[i]; } else { v = c.i[i] < 0 ? null : c.v[c.i[i]]; }
    return (v === null || v === undefined || v === '') ? na : v;
  }
  function popupNode(L0, i) {
    var d = L0.data, spec = L0.popup, box = el('div', null, 'gi-popup');
    if (spec.title) { box.appendChild(el('div', value(d, spec.title, i, spec.na), 'gi-popup-title')); }
    var tb = el('table');
    for (var f = 0; f < spec.fields.length; f++) {
      var tr = el('tr');
      tr.appendChild(el('th', spec.fields[f][0]));
      tr.appendChild(el('td', value(d, spec.fields[f][1], i, spec.na)));
      tb.appendChild(tr);
    }
    box.appendChild(tb);
    return box;
  }
  function markRendered() {
    requestAnimationFrame(function () { requestAnimationFrame(function () {
      G.renderedAt = performance.now();
    }); });
  }
  function hatchPattern(map, color) {
    var key = color.replace(/[^0-9a-zA-Z]/g, '');
    var id = 'gi-hatch-' + key;
    if (document.getElementById(id)) { return id; }
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.getElementById('gi-defs');
    if (!svg) {
      svg = document.createElementNS(ns, 'svg');
      svg.setAttribute('id', 'gi-defs');
      svg.setAttribute('width', '0'); svg.setAttribute('height', '0');
      svg.style.position = 'absolute';
      svg.appendChild(document.createElementNS(ns, 'defs'));
      document.body.appendChild(svg);
    }
    var p = document.createElementNS(ns, 'pattern');
    p.setAttribute('id', id); p.setAttribute('patternUnits', 'userSpaceOnUse');
    p.setAttribute('width', '8'); p.setAttribute('height', '8');
    p.setAttribute('patternTransform', 'rotate(45)');
    var line = document.createElementNS(ns, 'line');
    line.setAttribute('x1', '0'); line.setAttribute('y1', '0');
    line.setAttribute('x2', '0'); line.setAttribute('y2', '8');
    line.setAttribute('stroke', color); line.setAttribute('stroke-width', '2.5');
    line.setAttribute('stroke-opacity', '0.7');
    p.appendChild(line);
    svg.firstChild.appendChild(p);
    return id;
  }
  G.addLayer = function (map, key, node, opts) {
    var d = JSON.parse(node.textContent), n = d.n, styles = opts.styles, group = L.featureGroup();
    var entry = {key: key, data: d, popup: opts.popup, group: group, map: map, items: []};
    var i, s, lyr;
    if (d.type === 'points') {
      if (!map.getPane('giPoints')) { map.createPane('giPoints').style.zIndex = 450; }
      var renderer = L.canvas({padding: 0.3, tolerance: 3, pane: 'giPoints'});
      for (i = 0; i < n; i++) {
        s = styles[d.k[i]];
        lyr = L.circleMarker([(d.y0 + d.y[i]) / 1e5, (d.x0 + d.x[i]) / 1e5], {
          renderer: renderer, radius: s.radius, color: s.color, weight: s.weight,
          opacity: s.opacity, fill: s.fill !== false, fillColor: s.fillColor,
          fillOpacity: s.fillOpacity, bubblingMouseEvents: true
        });
        lyr._giIndex = i;
        group.addLayer(lyr);
        entry.items.push(lyr);
      }
    } else {
      var tag = function (l, j) { l._giIndex = j; if (l.eachLayer) { l.eachLayer(function (x) { tag(x, j); }); } };
      for (i = 0; i < n; i++) {
        s = styles[d.k[i]];
        lyr = L.GeoJSON.geometryToLayer({type: 'Feature', geometry: d.g[i], properties: {}});
        lyr.setStyle ? lyr.setStyle(s) : null;
        tag(lyr, i);
        if (s.hatch) {
          (function (l, color) {
            l.on('add', function () {
              var id = hatchPattern(map, color);
              var set = function (x) { if (x._path) { x._path.setAttribute('fill', 'url(#' + id + ')'); } };
              set(l); if (l.eachLayer) { l.eachLayer(set); }
            });
          })(lyr, s.hatch);
        }
        if (opts.tooltip) {
          (function (j) {
            lyr.bindTooltip(function () { return el('span', value(d, opts.tooltip, j, opts.popup.na)); },
                            {sticky: true});
          })(i);
        }
        group.addLayer(lyr);
        entry.items.push(lyr);
      }
    }
    entry.openPopup = function (j, latlng) {
      var item = entry.items[j];
      if (!latlng) { latlng = item.getLatLng ? item.getLatLng() : item.getBounds().getCenter(); }
      var node = popupNode(entry, j);
      L.popup({maxWidth: 360}).setLatLng(latlng).setContent(node).openOn(map);
      return node;
    };
    if (opts.popup) {
      group.on('click', function (e) {
        if (e.layer && e.layer._giIndex !== undefined) { entry.openPopup(e.layer._giIndex, e.latlng); }
      });
    }
    group.on('add', markRendered);
    G.layers[key] = entry;
    G.counts[key] = n;
    return group;
  };
  G.openPopup = function (key, i) {
    var node = G.layers[key].openPopup(i);
    return node.textContent;
  };
  G.addControl = function (map, position, cls, html) {
    var c = L.control({position: position});
    c.onAdd = function () {
      var div = L.DomUtil.create('div', 'gi-box ' + cls);
      div.innerHTML = html;  /* built from escaped text in Python */
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    };
    c.addTo(map);
    return c;
  };
})();
"""


def _runtime_element() -> Any:
    from branca.element import Element

    return Element(f"<style>{_RUNTIME_CSS}</style>\n<script>{_RUNTIME_JS}</script>")


@functools.lru_cache(maxsize=1)
def _folium_classes() -> tuple[Any, Any, Any]:
    from branca.element import MacroElement
    from folium.map import Layer
    from folium.template import Template

    class DataLayer(Layer):
        """A layer drawn in the browser from one JSON block (see module docstring)."""

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
        """``map.fitBounds`` without animation: a click right after loading hits the features."""

        _template = Template(
            """
            {% macro script(this, kwargs) %}
            (function (map, bounds) {
                // An <iframe srcdoc> (briefings) may run this before the frame is laid out:
                // fitting a 0×0 map gives NaN coordinates. Then show the centre and fit on first size.
                function fit() { map.fitBounds(bounds, {animate: false, padding: [12, 12]}); }
                var size = map.getSize();
                if (size.x > 0 && size.y > 0) { fit(); return; }
                map.setView(L.latLngBounds(bounds).getCenter(), 14, {animate: false});
                if (typeof ResizeObserver === "undefined") { return; }
                var observer = new ResizeObserver(function () {
                    map.invalidateSize({animate: false});
                    var s = map.getSize();
                    if (s.x > 0 && s.y > 0) { observer.disconnect(); fit(); }
                });
                observer.observe(map.getContainer());
            })({{ this._parent.get_name() }}, {{ this.bounds_json }});
            {% endmacro %}
            """
        )

        def __init__(self, bounds: list[list[float]]) -> None:
            super().__init__()
            self._name = "GiFitBounds"
            self.bounds_json = script_json(bounds)

    return DataLayer, Control, FitBounds


# ---------------------------------------------------------------------------------------
# data preparation
# ---------------------------------------------------------------------------------------


def _working(gdf: gpd.GeoDataFrame | None, kind: str) -> gpd.GeoDataFrame | None:
    """``gdf`` in the working CRS (reprojected if needed); CRSError when the CRS is missing."""
    if gdf is None:
        return None
    if not isinstance(gdf, gpd.GeoDataFrame):
        raise TypeError(f"the {kind} layer must be a GeoDataFrame, got {type(gdf).__name__}")
    if gdf.crs is None:
        raise CRSError(
            f"the {kind} layer has no CRS; set it first, e.g. gdf.set_crs('EPSG:25832') "
            f"or read it with gi.read_layer(..., crs=...)"
        )
    if gdf.crs != settings.working_crs:
        gdf = gdf.to_crs(settings.working_crs)
    return gdf


def _layer(city: City, kind: str) -> gpd.GeoDataFrame | None:
    return _working(getattr(city, kind, None), kind)


def _drop_missing_geometry(gdf: gpd.GeoDataFrame, kind: str) -> gpd.GeoDataFrame:
    bad = gdf.geometry.isna() | gdf.geometry.is_empty
    if bad.any():
        from .schema import LAYERS

        idc = LAYERS[kind].id_column
        ids = (
            gdf.loc[bad, idc].astype(str).tolist()[:10]
            if idc in gdf.columns
            else list(gdf.index[bad][:10])
        )
        warnings.warn(
            f"{int(bad.sum())} {kind} feature(s) without geometry are not drawn: {', '.join(map(str, ids))}",
            GeoinnenstadtWarning,
            stacklevel=3,
        )
        gdf = gdf.loc[~bad]
    return gdf


def _lonlat(gdf: gpd.GeoDataFrame) -> gpd.GeoSeries:
    return gdf.geometry.to_crs("EPSG:4326")


def _encode(values: Sequence[Any] | pd.Series) -> Any:
    """A display column for the page: plain list, or dictionary-coded when values repeat."""
    vals = [None if v is None or (isinstance(v, float) and np.isnan(v)) else str(v) for v in values]
    n = len(vals)
    uniques = list(dict.fromkeys(v for v in vals if v is not None))
    if n and len(uniques) * 2 <= n:
        lookup = {v: i for i, v in enumerate(uniques)}
        return {"v": uniques, "i": [-1 if v is None else lookup[v] for v in vals]}
    return vals


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


def _shapes_payload(geom: gpd.GeoSeries, codes: np.ndarray, cols: dict[str, Any]) -> dict[str, Any]:
    """GeoJSON geometries rounded to 6 decimals (about 0.1 m)."""
    import json

    rounded = shapely.transform(geom.to_numpy(), lambda c: np.round(c, 6))
    gj = (
        json.loads("[" + ",".join(shapely.to_geojson(rounded).tolist()) + "]")
        if len(rounded)
        else []
    )
    return {"type": "shapes", "n": len(gj), "g": gj, "k": [int(c) for c in codes], "cols": cols}


# ---------------------------------------------------------------------------------------
# map scaffolding
# ---------------------------------------------------------------------------------------


def _new_map(bounds: tuple[float, float, float, float] | None) -> folium.Map:
    import folium

    if bounds is None:
        lon0, lat0, lon1, lat1 = settings.germany_bounds_lonlat
    else:
        lon0, lat0, lon1, lat1 = bounds
    m = folium.Map(
        location=[(lat0 + lat1) / 2, (lon0 + lon1) / 2],
        zoom_start=14,
        tiles=None,
        control_scale=True,
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
            b = gdf.geometry.to_crs("EPSG:4326").total_bounds
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
    m: folium.Map | None, *layers: gpd.GeoDataFrame | None, title: str = ""
) -> folium.Map:
    if m is None:
        m = _new_map(_bounds(*layers))
        root: Any = m.get_root()
        root.title = escape_text(title)  # branca inserts the title unescaped
    root = m.get_root()
    root.header.add_child(_runtime_element(), name="geoinnenstadt_runtime")
    return m


def _title(key: str, city: City, lang: str) -> str:
    name = (getattr(city, "meta", {}) or {}).get("name")
    return f"{_t(key, lang)} – {name}" if name else _t(key, lang)


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
) -> str:
    data_layer = _folium_classes()[0]
    key = _unique_key(m, key)
    options = {"styles": styles, "popup": popup, "tooltip": tooltip}
    data_layer(key, name, payload, options, show=show).add_to(m)
    return key


def _add_box(m: folium.Map, html: str, *, position: str, cls: str) -> None:
    control = _folium_classes()[1]
    control(html, position=position, cls=cls).add_to(m)


def _finish(m: folium.Map) -> folium.Map:
    """Add the layer control last (moving an existing one to the end)."""
    import folium

    for name, child in list(m._children.items()):
        if isinstance(child, folium.LayerControl):
            del m._children[name]
    folium.LayerControl(collapsed=False).add_to(m)
    return m


def _legend_html(
    title: str, items: Sequence[tuple[dict[str, Any], str]], *, points: bool = False
) -> str:
    rows = []
    for style, text in items:
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
        rows.append(f'<div class="gi-row">{sw}<span>{escape_text(text)}</span></div>')
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
    m: folium.Map, title: str, items: Sequence[tuple[dict[str, Any], str]], *, points: bool = False
) -> None:
    _add_box(m, _legend_html(title, items, points=points), position="bottomright", cls="gi-legend")


def _add_caption(m: folium.Map, city: City, lang: str, survey: str | None = None) -> None:
    from . import labels

    meta = getattr(city, "meta", {}) or {}
    parts = [escape_text(survey)] if survey else []
    source = meta.get("source")
    if source:
        parts.append(f"{escape_text(_t('map.data_source', lang))}: {escape_text(source)}")
    if meta.get("as_of") is not None and not survey:
        parts.append(
            f"{escape_text(_t('map.as_of', lang))}: {escape_text(labels.format_date(meta['as_of'], lang=lang))}"
        )
    name = meta.get("name")
    html = f"<b>{escape_text(name)}</b>" if name else ""
    if parts:
        html += ("<br>" if html else "") + "<br>".join(parts)
    if meta.get("synthetic"):
        html += f'<div class="gi-note">{escape_text(labels.sample_note(lang))}</div>'
    if html:
        _add_box(m, html, position="bottomleft", cls="gi-caption")


def _add_message(m: folium.Map, text: str) -> None:
    _add_box(m, escape_text(text), position="topleft", cls="gi-message")


# ---------------------------------------------------------------------------------------
# vacancy map
# ---------------------------------------------------------------------------------------


def _classify(
    values: pd.Series, *, scheme: str, k: int, lang: str
) -> tuple[np.ndarray, list[str], list[str]]:
    """Class codes (−1 for NaN), colours and German legend labels of the vacancy rates."""
    import mapclassify

    from . import labels

    y = values.to_numpy(dtype=float)
    ok = ~np.isnan(y)
    codes = np.full(len(y), -1, dtype=np.int64)
    pct = lambda v: labels.format_percent(v, lang=lang)  # noqa: E731
    if scheme == "fixed":
        bins = list(VACANCY_BREAKS)
        if ok.any():
            codes[ok] = mapclassify.UserDefined(y[ok], bins=bins).yb
        names = [f"≤ {pct(bins[0])}"] + [
            f"> {pct(lo)} – {pct(hi)}" for lo, hi in itertools.pairwise(bins[:-1])
        ]
        names.append(f"> {pct(bins[-2])}")
    else:
        schemes = {
            "natural_breaks": mapclassify.FisherJenks,  # optimal and deterministic
            "quantiles": mapclassify.Quantiles,
            "equal_interval": mapclassify.EqualInterval,
        }
        if scheme not in schemes:
            raise ValueError(
                f"unknown scheme {scheme!r}; use 'fixed', {', '.join(map(repr, schemes))}"
            )
        uniq = np.unique(y[ok])
        if len(uniq) == 0:
            names = []
        elif len(uniq) == 1:
            codes[ok] = 0
            names = [pct(uniq[0])]
        else:
            kk = int(min(k, len(uniq)))
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                c = schemes[scheme](y[ok], k=kk)
            codes[ok] = c.yb
            edges = [float(np.min(y[ok])), *map(float, c.bins)]
            first = pct(edges[1]) if edges[0] == edges[1] else f"{pct(edges[0])} – {pct(edges[1])}"
            names = [first] + [
                f"> {pct(lo)} – {pct(hi)}" for lo, hi in itertools.pairwise(edges[1:])
            ]
    n = len(names)
    idx = (
        np.linspace(0, len(_YLORRD) - 1, max(n, 1)).round().astype(int) if n > 1 else np.array([4])
    )
    colors = [_YLORRD[i] for i in idx][:n]
    return codes, colors, names


def vacancy_map(
    city: City,
    *,
    at: Any = None,
    m: folium.Map | None = None,
    hotspots: bool = True,
    lang: str = "de",
    scheme: str = "fixed",
    k: int = 5,
    min_count: int | None = None,
) -> folium.Map:
    """Vacancy map (Leerstandskarte): quarters by vacancy rate, units by status and duration.

    Parameters
    ----------
    city : City
        Uses ``quarters`` and ``units`` (any CRS; reprojected for display).
        Without units the map shows a visible message instead of failing.
    at : date-like, optional
        Reference date; the state of each unit is its latest survey on or
        before ``at`` (default: the latest survey date in the data).
    m : folium.Map, optional
        Map to draw into (compose maps); a new one otherwise.
    hotspots : bool, default True
        Add a layer with the hot and cold spots of
        :func:`geoinnenstadt.vacancy.hotspots` (Getis-Ord Gi*).
    lang : {"de", "en"}
        Language of labels, legend and popups.
    scheme : {"fixed", "natural_breaks", "quantiles", "equal_interval"}
        Classes of the choropleth. ``"fixed"`` (default) uses
        :data:`VACANCY_BREAKS` (≤ 5 %, 5–10 %, 10–15 %, 15–20 %, > 20 %) so
        that maps of different dates and cities are comparable; the others
        use mapclassify (natural breaks: ``FisherJenks``, deterministic) with
        at most ``k`` classes (fewer when there are fewer distinct rates; a
        single rate gives one class). Quarters without units are grey.
    k : int, default 5
        Number of classes for the data-driven schemes.
    min_count : int, optional
        Publication mode (*Veröffentlichung*): quarters with fewer than
        ``min_count`` units show "< min_count" instead of their figures, are
        drawn grey, and their units are not drawn (nor counted in the hot-spot
        layer), so that no figure of a small quarter can be read off the map.

    Returns
    -------
    folium.Map
        Layers: quarters, units, hot spots; a legend, a caption with survey
        date and data source, a layer control. Popups show address, floor
        area, use, vacant since, location class and fund ("k. A." where
        missing) — never owner data.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> m = gi.maps.vacancy_map(city, hotspots=False)
    >>> type(m).__name__
    'Map'
    """
    from . import labels

    labels._lang(lang)
    quarters = _layer(city, "quarters")
    units = _layer(city, "units")
    has_units = units is not None and len(units) > 0
    m = _prepare_map(
        m, quarters, units if has_units else None, title=_title("map.title_vacancy", city, lang)
    )
    survey_text = None
    if has_units:
        units = _drop_missing_geometry(units, "units")
    state = None
    if has_units:
        from . import vacancy

        units = _analysis_units(units)

        state = vacancy.state_at(units, at=at)
        if len(state):
            survey_text = f"{_t('map.survey', lang)}: {labels.format_date(pd.to_datetime(state['survey_date']).max(), lang=lang)}"
    if quarters is not None and len(quarters):
        small = _vacancy_quarters(
            m, quarters, units if has_units else None, at=at, lang=lang, scheme=scheme, k=k,
            min_count=min_count,
        )
        if small and units is not None and state is not None and len(state):
            from . import zones

            in_small = zones.assign(units, quarters, id_column="quarter_id", warn=False).astype(
                "object").isin(small).to_numpy()
            assert units is not None
            units = units[~in_small]
            state = vacancy.state_at(units, at=at) if len(units) else None
    if state is not None and len(state):
        _vacancy_units(m, units, state, at=at, lang=lang)
        if hotspots:
            _vacancy_hotspots(m, units, state, at=at, lang=lang)
    else:
        _add_message(m, _t("map.no_units", lang))
    _add_caption(m, city, lang, survey_text)
    return _finish(m)


def _analysis_units(units: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Units for the count-based analysis calls of the vacancy map.

    The vacancy functions refuse units without a floor area. The map shows
    only count-based indicators (rate by number of units, durations, hot
    spots), so such units are kept: their popup says "k. A." for the area, a
    placeholder area is passed to the analysis, and a warning names them.
    """
    area = (
        pd.to_numeric(units["floor_area_m2"], errors="coerce") if "floor_area_m2" in units else None
    )
    if area is None:
        return units
    bad = ~(area > 0)
    if not bad.any():
        return units
    ids = (
        units.loc[bad, "unit_id"].astype(str).tolist()
        if "unit_id" in units
        else list(units.index[bad])
    )
    warnings.warn(
        f"{int(bad.sum())} unit row(s) without a valid floor_area_m2 ({', '.join(map(str, ids[:10]))}"
        f"{', …' if len(ids) > 10 else ''}) are drawn with area 'k. A.'; the vacancy map uses counts only. "
        "Fix the data (gi.validate(units, kind='units')) before computing floor-area rates.",
        GeoinnenstadtWarning,
        stacklevel=3,
    )
    out = units.copy()
    out["_display_floor_area_m2"] = area
    out["floor_area_m2"] = area.where(area > 0, 1.0)
    return out


def _vacancy_quarters(
    m: folium.Map,
    quarters: gpd.GeoDataFrame,
    units: gpd.GeoDataFrame | None,
    *,
    at: Any,
    lang: str,
    scheme: str,
    k: int,
    min_count: int | None = None,
) -> list[Any]:
    """Draw the quarter choropleth; return the ids of quarters suppressed by ``min_count``."""
    from . import labels

    quarters = _drop_missing_geometry(quarters, "quarters")
    qid = quarters["quarter_id"].astype(str)
    if units is not None:
        from . import vacancy

        rates = vacancy.rates(units, quarters, at=at)
        rates.index = rates.index.astype(str)
        rates = rates.reindex(qid.to_numpy())
        rate = pd.Series(rates["vacancy_rate"].to_numpy(dtype=float), index=quarters.index)
        n_units = pd.Series(rates["units"].to_numpy(dtype=float), index=quarters.index)
        n_vacant = pd.Series(rates["vacant"].to_numpy(dtype=float), index=quarters.index)
    else:
        rate = pd.Series(np.nan, index=quarters.index)
        n_units = pd.Series(np.nan, index=quarters.index)
        n_vacant = pd.Series(np.nan, index=quarters.index)
    suppressed = (
        (n_units.fillna(0) > 0) & (n_units < min_count)
        if min_count
        else pd.Series(False, index=quarters.index)
    )
    rate = rate.where((n_units.fillna(0) > 0) & ~suppressed)
    codes, colors, names = _classify(rate, scheme=scheme, k=k, lang=lang)
    base = {"color": "#555555", "weight": 1.5, "opacity": 0.9, "fillOpacity": 0.65}
    styles = [{**base, "fillColor": c} for c in colors] + [{**base, "fillColor": _NO_DATA_COLOR}]
    codes = np.where(codes < 0, len(colors), codes)
    na = labels.na_text(lang)
    hidden = f"< {min_count}"
    rate_text = [
        hidden if sup else
        labels.format_percent(v, lang=lang) if pd.notna(v) else _t("map.no_quarter_units", lang)
        for v, sup in zip(rate, suppressed, strict=True)
    ]
    names_col = (
        quarters["name"].astype(object).where(quarters["name"].notna(), None)
        if "name" in quarters
        else [None] * len(quarters)
    )
    tooltip = [
        f"{nm if nm is not None else q}: {r}"
        for nm, q, r in zip(names_col, qid, rate_text, strict=True)
    ]
    cols = {
        "name": _encode(list(names_col)),
        "rate": _encode(rate_text),
        "units": _encode([
            hidden if sup else labels.format_int(v, lang=lang) if pd.notna(v) else na
            for v, sup in zip(n_units, suppressed, strict=True)
        ]),
        "vacant": _encode([
            hidden if sup else labels.format_int(v, lang=lang) if pd.notna(v) else na
            for v, sup in zip(n_vacant, suppressed, strict=True)
        ]),
        "tip": _encode(tooltip),
    }
    popup = {
        "title": "name",
        "na": na,
        "fields": [
            [labels.label("vacancy_rate", lang), "rate"],
            [labels.label("units", lang), "units"],
            [labels.label("vacant", lang), "vacant"],
        ],
    }
    payload = _shapes_payload(_lonlat(quarters), codes, cols)
    _add_layer(
        m,
        "quarters",
        labels.layer_label("quarters", lang),
        payload,
        styles=styles,
        popup=popup,
        tooltip="tip",
    )
    items = list(zip(styles[: len(colors)], names, strict=True))
    if (codes == len(colors)).any():
        no_data = _t("map.no_quarter_units", lang)
        if suppressed.any():
            no_data += f" / < {min_count}"
        items.append((styles[-1], no_data))
    _add_legend(m, _t("map.vacancy_rate_by_quarter", lang), items)
    return list(qid[suppressed.to_numpy()])


_UNIT_STYLES = {
    "occupied": {
        "color": "#4d4d4d",
        "fillColor": "#bdbdbd",
        "radius": 4,
        "weight": 1,
        "opacity": 0.9,
        "fillOpacity": 0.9,
    },
    "lt6m": {
        "color": "#7f3b08",
        "fillColor": "#fdae61",
        "radius": 5,
        "weight": 1,
        "opacity": 1,
        "fillOpacity": 0.95,
    },
    "6to12m": {
        "color": "#7f3b08",
        "fillColor": "#f46d43",
        "radius": 5,
        "weight": 1,
        "opacity": 1,
        "fillOpacity": 0.95,
    },
    "12to24m": {
        "color": "#3f0000",
        "fillColor": "#d73027",
        "radius": 6,
        "weight": 1,
        "opacity": 1,
        "fillOpacity": 0.95,
    },
    "gt24m": {
        "color": "#1a0000",
        "fillColor": "#7f0000",
        "radius": 6,
        "weight": 1,
        "opacity": 1,
        "fillOpacity": 0.95,
    },
    "vacant_unknown": {
        "color": "#3f0000",
        "fillColor": "#8073ac",
        "radius": 5,
        "weight": 1,
        "opacity": 1,
        "fillOpacity": 0.95,
    },
}

#: Columns of the units layer that may reach a popup (an allow-list; personal columns never).
UNIT_POPUP_COLUMNS: tuple[str, ...] = (
    "unit_id", "address", "status", "floor_area_m2", "use", "vacant_since", "location_class", "fund",
)  # fmt: skip


def _unit_classes(
    state: pd.DataFrame, durations: pd.DataFrame | None
) -> tuple[np.ndarray, list[str]]:
    """Style code per unit: occupied, one of the vacancy duration classes, or vacant/unknown."""
    keys = list(_UNIT_STYLES)
    status = state["status"].astype(object).to_numpy()
    out = np.where(status == "vacant", keys.index("vacant_unknown"), keys.index("occupied"))
    if durations is not None and "duration_class" in durations:
        dc = durations["duration_class"].astype(object).to_numpy()
        for key in ("lt6m", "6to12m", "12to24m", "gt24m"):
            out = np.where((status == "vacant") & (dc == key), keys.index(key), out)
    return out, keys


def _formatted(values: Any, fmt: Any) -> list[str | None]:
    """``fmt(value)`` for every value, computed once per distinct value; missing/blank → None."""
    arr = pd.Series(values, dtype=object).reset_index(drop=True)
    missing = arr.isna().to_numpy() | (arr.astype(str) == "").to_numpy()
    codes, uniques = pd.factorize(arr.where(~missing), use_na_sentinel=True)
    texts = [fmt(u) for u in uniques]
    return [None if c < 0 else texts[c] for c in codes]


def _unit_popup_cols(
    state: pd.DataFrame, lang: str, durations: pd.DataFrame | None = None
) -> tuple[dict[str, Any], dict[str, Any]]:
    from . import labels

    na = labels.na_text(lang)
    s = state[[c for c in UNIT_POPUP_COLUMNS if c in state.columns]]
    if "_display_floor_area_m2" in state.columns:
        s = s.assign(floor_area_m2=state["_display_floor_area_m2"])
    n = len(s)

    def col(name: str) -> pd.Series:
        return s[name] if name in s.columns else pd.Series([None] * n, index=s.index, dtype=object)

    not_vacant = (col("status").astype(object) != "vacant").to_numpy()

    def vacant_only(texts: list[str | None]) -> list[str | None]:
        return ["–" if nv else t for t, nv in zip(texts, not_vacant, strict=True)]

    unit = "Monate" if lang == "de" else "months"
    if durations is not None and "vacancy_months" in durations:
        months = vacant_only(
            _formatted(durations["vacancy_months"], lambda v: labels.format_int(v, unit, lang=lang))
        )
    else:
        months = vacant_only([None] * n)
    cols = {
        "id": _encode(_formatted(col("unit_id"), str)),
        "address": _encode(_formatted(col("address"), str)),
        "status": _encode(
            _formatted(col("status"), lambda v: labels.value_label("status", v, lang))
        ),
        "area": _encode(
            _formatted(col("floor_area_m2"), lambda v: labels.format_int(v, lang=lang))
        ),
        "use": _encode(_formatted(col("use"), lambda v: labels.value_label("use", v, lang))),
        "since": _encode(
            vacant_only(_formatted(col("vacant_since"), lambda v: labels.format_date(v, lang=lang)))
        ),
        "location": _encode(
            _formatted(
                col("location_class"), lambda v: labels.value_label("location_class", v, lang)
            )
        ),
        "fund": _encode(_formatted(col("fund"), str)),
        "duration": _encode(months),
    }
    fields = [
        [labels.label("status", lang), "status"],
        [labels.label("floor_area_m2", lang), "area"],
        [labels.label("use", lang), "use"],
        [labels.label("vacant_since", lang), "since"],
        [_t("map.duration_days", lang), "duration"],
        [labels.label("location_class", lang), "location"],
        [labels.label("fund", lang), "fund"],
        [labels.label("unit_id", lang), "id"],
    ]
    return cols, {"title": "address", "na": na, "fields": fields}


def _vacancy_units(
    m: folium.Map, units: gpd.GeoDataFrame, state: pd.DataFrame, *, at: Any, lang: str
) -> None:
    from . import labels, vacancy

    state = _as_geo(state, units)
    durations = _align(vacancy.durations(units, at=at), state)
    codes, keys = _unit_classes(state, durations)
    cols, popup = _unit_popup_cols(state, lang, durations)
    payload = _points_payload(_lonlat(state), codes, cols)
    styles = [_UNIT_STYLES[k] for k in keys]
    _add_layer(m, "units", labels.layer_label("units", lang), payload, styles=styles, popup=popup)
    vacant = labels.value_label("status", "vacant", lang)
    names = {
        "occupied": labels.value_label("status", "occupied", lang),
        "vacant_unknown": _t("map.vacant_unknown", lang),
    }
    for key, (_, _, text) in vacancy.DURATION_CLASSES.items():
        names[key] = f"{vacant}, {text if lang == 'de' else text.replace('Monate', 'months')}"
    present = set(codes.tolist())
    items = [
        (_UNIT_STYLES[k], names[k])
        for i, k in enumerate(keys)
        if i in present or k != "vacant_unknown"
    ]
    _add_legend(m, labels.layer_label("units", lang), items, points=True)


def _as_geo(state: pd.DataFrame, units: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    if isinstance(state, gpd.GeoDataFrame) and state.crs is not None:
        out = _working(state, "units")
        assert out is not None
        return out
    if isinstance(state, gpd.GeoDataFrame):
        return state.set_crs(units.crs, allow_override=True)
    return gpd.GeoDataFrame(state, geometry=units.geometry.reindex(state.index), crs=units.crs)


def _align(frame: pd.DataFrame, state: pd.DataFrame) -> pd.DataFrame:
    """Align a per-unit result with ``state`` by unit_id (column or index) or by index."""
    if "unit_id" in frame.columns and "unit_id" in state.columns:
        f = frame.drop_duplicates("unit_id").set_index("unit_id")
        out = f.reindex(state["unit_id"].to_numpy())
        out.index = state.index
        return out
    if frame.index.name == "unit_id" and "unit_id" in state.columns:
        out = frame.reindex(state["unit_id"].to_numpy())
        out.index = state.index
        return out
    return frame.reindex(state.index)


def _vacancy_hotspots(
    m: folium.Map, units: gpd.GeoDataFrame, state: gpd.GeoDataFrame, *, at: Any, lang: str
) -> None:
    from . import labels, vacancy

    try:
        hs = vacancy.hotspots(units, at=at)
    except (ValueError, ImportError) as exc:
        _add_message(m, f"{_t('map.hotspots_failed', lang)}: {exc}")
        return
    hs = _align(pd.DataFrame(hs), state)
    cls = hs["hotspot_class"].astype(object).to_numpy()
    keep = np.array([c in ("hot", "cold") for c in cls])
    sub = _as_geo(state, units).loc[keep]
    styles = [
        {"color": "#b2182b", "radius": 8, "weight": 2, "opacity": 0.85, "fill": False},
        {"color": "#2166ac", "radius": 8, "weight": 2, "opacity": 0.85, "fill": False},
    ]
    codes = np.array([0 if c == "hot" else 1 for c in cls[keep]], dtype=np.int64)
    na = labels.na_text(lang)
    pvals = hs["p_value"].to_numpy()[keep] if "p_value" in hs else [None] * len(sub)
    cols = {
        "address": _encode(
            [
                None if labels._is_na(v) else str(v)
                for v in (sub["address"] if "address" in sub else [None] * len(sub))
            ]
        ),
        "class": _encode([labels.value_label("hotspot_class", c, lang) for c in cls[keep]]),
        "p": _encode([labels.format_number(p, decimals=3, lang=lang) for p in pvals]),
    }
    popup = {
        "title": "address",
        "na": na,
        "fields": [
            [labels.label("hotspot_class", lang), "class"],
            [labels.label("p_value", lang), "p"],
        ],
    }
    payload = _points_payload(_lonlat(sub), codes, cols)
    _add_layer(m, "hotspots", _t("map.hotspots", lang), payload, styles=styles, popup=popup)
    _add_legend(
        m,
        _t("map.hotspots", lang),
        [
            (styles[0], labels.value_label("hotspot_class", "hot", lang)),
            (styles[1], labels.value_label("hotspot_class", "cold", lang)),
        ],
        points=True,
    )


# ---------------------------------------------------------------------------------------
# land map
# ---------------------------------------------------------------------------------------

_SITE_STYLES = {
    "available.none": "#1a9850",
    "available.minor": "#a6d96a",
    "available.major": "#fdae61",
    "reserved": "#9970ab",
    "taken_up": "#969696",
}
_CATEGORY_COLORS = {"A": "#08306b", "B": "#2171b5", "C": "#6baed6"}
_RESIDENTIAL_COLORS = {"residential": "#fbb4b9", "mixed": "#fcc5c0", "sensitive": "#c51b8a"}
_PREEMPTION_COLOR = "#d95f0e"


def _site_keys(sites: gpd.GeoDataFrame) -> list[str]:
    out = []
    for st, rs in zip(
        sites["status"].astype(object), sites["restriction"].astype(object), strict=True
    ):
        if st == "available":
            out.append(
                f"available.{rs}" if f"available.{rs}" in _SITE_STYLES else "available.major"
            )
        else:
            out.append(st if st in _SITE_STYLES else "taken_up")
    return out


def land_map(
    city: City,
    *,
    m: folium.Map | None = None,
    distance_classes: bool = False,
    lang: str = "de",
) -> folium.Map:
    """Map of commercial land (Wirtschaftsflächen), core zones and pre-emption areas.

    Sites are coloured by status and, for available sites, by restriction
    (restriktionsfrei / leichte / schwere Restriktionen); popups give the
    area in hectares (:func:`geoinnenstadt.land.site_areas`). Core zones are
    outlined by category (A–C), pre-emption areas dashed and hatched,
    residential and sensitive areas lightly filled.

    Parameters
    ----------
    city : City
        Uses ``sites``, ``core_zones``, ``preemption_areas``, ``residential``
        where present.
    m : folium.Map, optional
        Map to draw into.
    distance_classes : bool, default False
        Also draw the distance-class rings of the Abstandserlass around the
        sites (:func:`geoinnenstadt.conflicts.buffers`): residential areas
        inside the ring of a class rule out that class.
    lang : {"de", "en"}

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("duesseldorf")
    >>> m = gi.maps.land_map(city)
    >>> "Wirtschaftsflächen" in gi.maps.to_html(m)
    True
    """
    from . import labels

    labels._lang(lang)
    sites = _layer(city, "sites")
    zones = _layer(city, "core_zones")
    areas = _layer(city, "preemption_areas")
    residential = _layer(city, "residential")
    m = _prepare_map(
        m, sites, zones, areas, residential, title=_title("map.title_land", city, lang)
    )
    na = labels.na_text(lang)
    legend: list[tuple[dict[str, Any], str]] = []
    if sites is not None and len(sites):
        sites = _drop_missing_geometry(sites, "sites")
        if distance_classes and len(sites):
            _buffers_layer(m, sites, lang, legend)
    if residential is not None and len(residential):
        residential = _drop_missing_geometry(residential, "residential")
        _residential_layer(m, residential, lang, legend)
    if zones is not None and len(zones):
        zones = _drop_missing_geometry(zones, "core_zones")
        cats = zones["category"].astype(object).to_numpy()
        keys = sorted(set(map(str, cats)))
        styles = [
            {
                "color": _CATEGORY_COLORS.get(c, "#084594"),
                "weight": 3,
                "opacity": 1,
                "fill": True,
                "fillOpacity": 0.04,
                "fillColor": _CATEGORY_COLORS.get(c, "#084594"),
            }
            for c in keys
        ]
        codes = np.array([keys.index(str(c)) for c in cats], dtype=np.int64)
        cols = {
            "name": _encode(_texts(zones, "name")),
            "id": _encode(_texts(zones, "zone_id")),
            "category": _encode([labels.value_label("category", c, lang) for c in cats]),
            "adopted": _encode(
                [labels.format_date(v, lang=lang) for v in _values(zones, "adopted_on")]
            ),
        }
        popup = {
            "title": "name",
            "na": na,
            "fields": [
                [labels.label("category", lang), "category"],
                [labels.label("zone_id", lang), "id"],
                [labels.label("adopted_on", lang), "adopted"],
            ],
        }
        _add_layer(
            m,
            "core_zones",
            labels.layer_label("core_zones", lang),
            _shapes_payload(_lonlat(zones), codes, cols),
            styles=styles,
            popup=popup,
            tooltip="name",
        )
        legend += [
            (s, labels.value_label("category", c, lang)) for s, c in zip(styles, keys, strict=True)
        ]
    if areas is not None and len(areas):
        _preemption_areas_layer(m, areas, lang, legend)
    if sites is not None and len(sites):
        _sites_layer(m, sites, lang, legend)
    else:
        _add_message(m, _t("map.no_sites", lang))
    if legend:
        _add_legend(m, labels.layer_label("sites", lang), legend)
    _add_caption(m, city, lang)
    return _finish(m)


def _texts(gdf: pd.DataFrame, column: str) -> list[str | None]:
    from . import labels

    if column not in gdf.columns:
        return [None] * len(gdf)
    return [None if labels._is_na(v) or str(v) == "" else str(v) for v in gdf[column]]


def _values(gdf: pd.DataFrame, column: str) -> list[Any]:
    return list(gdf[column]) if column in gdf.columns else [None] * len(gdf)


def _sites_layer(
    m: folium.Map, sites: gpd.GeoDataFrame, lang: str, legend: list[tuple[dict[str, Any], str]]
) -> None:
    from . import labels, land

    keys_all = _site_keys(sites)
    keys = [k for k in _SITE_STYLES if k in set(keys_all)]
    styles = [
        {
            "color": "#333333",
            "weight": 1,
            "opacity": 0.9,
            "fillColor": _SITE_STYLES[k],
            "fillOpacity": 0.75,
        }
        for k in keys
    ]
    codes = np.array([keys.index(k) for k in keys_all], dtype=np.int64)
    ha = land.site_areas(sites)
    cols = {
        "name": _encode(
            [
                n if n is not None else i
                for n, i in zip(_texts(sites, "name"), _texts(sites, "site_id"), strict=True)
            ]
        ),
        "id": _encode(_texts(sites, "site_id")),
        "status": _encode([labels.value_label("status", v, lang) for v in sites["status"]]),
        "restriction": _encode(
            [labels.value_label("restriction", v, lang) for v in sites["restriction"]]
        ),
        "area": _encode([labels.format_area_ha(v, decimals=2, lang=lang) for v in ha]),
        "basis": _encode(
            [
                labels.value_label("planning_basis", v, lang)
                for v in _values(sites, "planning_basis")
            ]
        ),
        "brownfield": _encode(
            [labels.value_label("brownfield", v, lang) for v in _values(sites, "brownfield")]
        ),
        "owner": _encode(
            [labels.value_label("owner_type", v, lang) for v in _values(sites, "owner_type")]
        ),
        "taken": _encode([labels.format_date(v, lang=lang) for v in _values(sites, "taken_up_on")]),
    }
    fields = [
        ["area_ha", "area"], ["status", "status"], ["restriction", "restriction"], ["planning_basis", "basis"],
        ["brownfield", "brownfield"], ["owner_type", "owner"], ["taken_up_on", "taken"], ["site_id", "id"],
    ]  # fmt: skip
    popup = {
        "title": "name",
        "na": labels.na_text(lang),
        "fields": [[labels.label(a, lang), b] for a, b in fields],
    }
    _add_layer(
        m,
        "sites",
        labels.layer_label("sites", lang),
        _shapes_payload(_lonlat(sites), codes, cols),
        styles=styles,
        popup=popup,
        tooltip="name",
    )
    for k, s in zip(keys, styles, strict=True):
        if k.startswith("available."):
            text = f"{labels.value_label('status', 'available', lang)}, {labels.value_label('restriction', k.split('.', 1)[1], lang)}"
        else:
            text = labels.value_label("status", k, lang)
        legend.append((s, text))


def _preemption_areas_layer(
    m: folium.Map,
    areas: gpd.GeoDataFrame,
    lang: str,
    legend: list[tuple[dict[str, Any], str]],
    *,
    outline_only: bool = False,
) -> None:
    from . import labels

    areas = _drop_missing_geometry(areas, "preemption_areas")
    style: dict[str, Any] = {
        "color": _PREEMPTION_COLOR,
        "weight": 2.5,
        "opacity": 1,
        "dashArray": "8 6",
        "fillColor": _PREEMPTION_COLOR,
        "fillOpacity": 0.35,
        "hatch": _PREEMPTION_COLOR,
    }
    if outline_only:  # drawn above the parcels: the parcels below stay clickable
        style = {
            "color": _PREEMPTION_COLOR,
            "weight": 3,
            "opacity": 1,
            "dashArray": "8 6",
            "fill": False,
        }
    cols = {
        "name": _encode(_texts(areas, "name")),
        "id": _encode(_texts(areas, "area_id")),
        "basis": _encode(_texts(areas, "legal_basis")),
        "since": _encode(
            [labels.format_date(v, lang=lang) for v in _values(areas, "in_force_since")]
        ),
        "statute": _encode(_texts(areas, "statute")),
    }
    fields = [
        ["legal_basis", "basis"],
        ["statute", "statute"],
        ["in_force_since", "since"],
        ["area_id", "id"],
    ]
    popup = {
        "title": "name",
        "na": labels.na_text(lang),
        "fields": [[labels.label(a, lang), b] for a, b in fields],
    }
    codes = np.zeros(len(areas), dtype=np.int64)
    _add_layer(
        m,
        "preemption_areas",
        labels.layer_label("preemption_areas", lang),
        _shapes_payload(_lonlat(areas), codes, cols),
        styles=[style],
        popup=popup,
        tooltip="name",
    )
    legend.append((style, labels.layer_label("preemption_areas", lang)))


def _residential_layer(
    m: folium.Map, res: gpd.GeoDataFrame, lang: str, legend: list[tuple[dict[str, Any], str]]
) -> None:
    from . import labels

    uses = res["use"].astype(object).to_numpy()
    keys = [k for k in _RESIDENTIAL_COLORS if k in set(uses)]
    keys += sorted({str(u) for u in uses} - set(keys))
    styles = [
        {
            "color": _RESIDENTIAL_COLORS.get(k, "#fbb4b9"),
            "weight": 1,
            "opacity": 0.8,
            "fillColor": _RESIDENTIAL_COLORS.get(k, "#fbb4b9"),
            "fillOpacity": 0.45,
        }
        for k in keys
    ]
    codes = np.array([keys.index(str(u)) for u in uses], dtype=np.int64)
    cols = {
        "name": _encode(
            [
                n if n is not None else i
                for n, i in zip(_texts(res, "name"), _texts(res, "area_id"), strict=True)
            ]
        ),
        "use": _encode([labels.value_label("use", u, lang) for u in uses]),
    }
    popup = {
        "title": "name",
        "na": labels.na_text(lang),
        "fields": [[labels.label("use", lang), "use"]],
    }
    _add_layer(
        m,
        "residential",
        labels.layer_label("residential", lang),
        _shapes_payload(_lonlat(res), codes, cols),
        styles=styles,
        popup=popup,
        tooltip="name",
    )
    legend += [(s, labels.value_label("use", k, lang)) for s, k in zip(styles, keys, strict=True)]


def _buffers_layer(
    m: folium.Map, sites: gpd.GeoDataFrame, lang: str, legend: list[tuple[dict[str, Any], str]]
) -> None:
    from . import conflicts, labels

    buf = _working(conflicts.buffers(sites), "distance buffers")
    assert buf is not None
    buf = buf[buf.geometry.notna() & ~buf.geometry.is_empty]
    n = len(buf)
    if not n:
        return
    cls = [str(c) for c in buf["distance_class"]]
    # rows run from the outermost ring (class I) inwards: inner rings darker
    styles = [
        {
            "color": "#7f0000",
            "weight": 0.6,
            "opacity": 0.35,
            "dashArray": "3 4",
            "fillColor": "#d7301f",
            "fillOpacity": round(0.02 + 0.1 * i / max(n - 1, 1), 3),
        }
        for i in range(n)
    ]
    rng = [
        f"{labels.format_int(lo, lang=lang)}–{labels.format_int(hi, 'm', lang=lang)}"
        for lo, hi in zip(
            _values(buf, "min_distance_m"), _values(buf, "max_distance_m"), strict=True
        )
    ]
    cols = {
        "class": _encode([labels.value_label("distance_class", c, lang) for c in cls]),
        "range": _encode(rng),
        "tip": _encode(
            [
                f"{labels.value_label('distance_class', c, lang)}: {r}"
                for c, r in zip(cls, rng, strict=True)
            ]
        ),
    }
    popup = {
        "title": "class",
        "na": labels.na_text(lang),
        "fields": [[_t("map.distance", lang), "range"]],
    }
    payload = _shapes_payload(_lonlat(buf), np.arange(n), cols)
    _add_layer(
        m,
        "distance_buffers",
        _t("map.distance_buffers", lang),
        payload,
        styles=styles,
        popup=popup,
        tooltip="tip",
    )
    legend.append((styles[n // 2], _t("map.distance_buffers", lang)))


# ---------------------------------------------------------------------------------------
# pre-emption map
# ---------------------------------------------------------------------------------------


def preemption_map(
    city: City,
    *,
    m: folium.Map | None = None,
    min_share: float = 0.5,
    lang: str = "de",
) -> folium.Map:
    """Parcels under a pre-emption statute (Vorkaufsrecht) with their Flurstückskennzeichen.

    Parcels whose area lies at least ``min_share`` inside a pre-emption area
    (:func:`geoinnenstadt.preemption.parcels_in`) are highlighted; their popup
    shows the identifier as planners write it ("Gemarkung 1234, Flur 17,
    Flurstück 123/4"), the raw 20-character Kennzeichen, the area and the
    share inside. Other parcels are drawn thinly for orientation.

    Parameters
    ----------
    city : City
        Uses ``parcels`` and ``preemption_areas``.
    m : folium.Map, optional
        Map to draw into.
    min_share : float, default 0.5
        Minimum share of a parcel's area inside a statute area.
    lang : {"de", "en"}

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("duesseldorf")
    >>> m = gi.maps.preemption_map(city)
    >>> "Flurstücke mit Vorkaufsrecht" in gi.maps.to_html(m)
    True
    """
    from . import labels

    labels._lang(lang)
    parcels = _layer(city, "parcels")
    areas = _layer(city, "preemption_areas")
    m = _prepare_map(m, parcels, areas, title=_title("map.title_preemption", city, lang))
    legend: list[tuple[dict[str, Any], str]] = []
    if areas is None or not len(areas):
        _add_message(m, _t("map.no_preemption_areas", lang))
    if parcels is None or not len(parcels):
        _add_message(m, _t("map.no_parcels", lang))
    elif areas is not None and len(areas):
        from . import preemption

        parcels = _drop_missing_geometry(parcels, "parcels")
        hits = preemption.parcels_in(parcels, areas, min_share=min_share)
        hits = pd.DataFrame(hits).drop(columns="geometry", errors="ignore")
        hit_ids = set(hits["parcel_id"].astype(str))
        pid = parcels["parcel_id"].astype(str)
        inside = pid.isin(hit_ids).to_numpy()
        other = parcels.loc[~inside]
        if len(other):
            style_o = {
                "color": "#9e9e9e",
                "weight": 0.6,
                "opacity": 0.8,
                "fillColor": "#ffffff",
                "fillOpacity": 0.1,
            }
            cols_o = {
                "id": _encode(_texts(other, "parcel_id")),
                "label": _encode(_kennzeichen_labels(other["parcel_id"])),
            }
            popup_o = {
                "title": "label",
                "na": labels.na_text(lang),
                "fields": [[labels.label("parcel_id", lang), "id"]],
            }
            _add_layer(
                m,
                "other_parcels",
                _t("map.other_parcels", lang),
                _shapes_payload(_lonlat(other), np.zeros(len(other), dtype=np.int64), cols_o),
                styles=[style_o],
                popup=popup_o,
            )
            legend.append((style_o, _t("map.other_parcels", lang)))
        sel = parcels.loc[inside]
        if len(sel):
            hits = hits.assign(parcel_id=hits["parcel_id"].astype(str)).sort_values(
                "share", ascending=False, kind="stable"
            )
            info = (
                hits.drop_duplicates("parcel_id")
                .set_index("parcel_id")
                .reindex(sel["parcel_id"].astype(str).to_numpy())
            )
            area_names = dict(zip(areas["area_id"].astype(str), _texts(areas, "name"), strict=True))
            all_areas = hits.groupby("parcel_id", sort=False)["area_id"].agg(
                lambda v: [str(a) for a in v]
            )
            style_s = {
                "color": "#7f2704",
                "weight": 1.5,
                "opacity": 1,
                "fillColor": "#fd8d3c",
                "fillOpacity": 0.7,
            }
            cols_s = {
                "label": _encode(_kennzeichen_labels(sel["parcel_id"])),
                "id": _encode(_texts(sel, "parcel_id")),
                "area": _encode(
                    [
                        "; ".join(area_names.get(a) or a for a in all_areas.get(p, [])) or None
                        for p in sel["parcel_id"].astype(str)
                    ]
                ),
                "share": _encode(
                    [labels.format_percent(v, lang=lang) for v in _values(info, "share")]
                ),
                "overlap": _encode(
                    [labels.format_int(v, "m²", lang=lang) for v in _values(info, "overlap_m2")]
                ),
            }
            fields = [
                ["parcel_id", "id"],
                ["area_name", "area"],
                ["share", "share"],
                ["overlap_m2", "overlap"],
            ]
            popup_s = {
                "title": "label",
                "na": labels.na_text(lang),
                "fields": [[labels.label(a, lang), b] for a, b in fields],
            }
            _add_layer(
                m,
                "preempted_parcels",
                _t("map.preempted_parcels", lang),
                _shapes_payload(_lonlat(sel), np.zeros(len(sel), dtype=np.int64), cols_s),
                styles=[style_s],
                popup=popup_s,
                tooltip="label",
            )
            legend.append((style_s, _t("map.preempted_parcels", lang)))
        else:
            _add_message(
                m,
                _t(
                    "map.no_preempted",
                    lang,
                    share=labels.format_percent(min_share, decimals=0, lang=lang),
                ),
            )
    if areas is not None and len(areas):
        _preemption_areas_layer(m, areas, lang, legend, outline_only=True)
    if legend:
        _add_legend(m, labels.layer_label("preemption_areas", lang), legend)
    _add_caption(m, city, lang)
    return _finish(m)


def _kennzeichen_labels(ids: pd.Series) -> list[str | None]:
    """ "Gemarkung …, Flur …, Flurstück …" per id; a malformed id is shown as it is."""
    from . import preemption

    ids = pd.Series(ids).astype(str)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # malformed ids are reported by parcels_in
        text = preemption.format_kennzeichen(ids)
    return [str(t) if not pd.isna(t) else raw for t, raw in zip(text, ids, strict=True)]


# ---------------------------------------------------------------------------------------
# output
# ---------------------------------------------------------------------------------------


def _render(m: folium.Map, *, offline: bool) -> str:
    import folium
    from folium.raster_layers import TileLayer

    removed: list[tuple[str, Any]] = []
    added: str | None = None
    root = m.get_root()
    # branca keeps what a render adds to the figure; restore it so a render leaves no trace
    saved = {part: dict(getattr(root, part)._children) for part in ("header", "html", "script")}
    try:
        if offline:
            for name, child in list(m._children.items()):
                if isinstance(child, TileLayer):
                    removed.append((name, child))
                    del m._children[name]
        elif not any(isinstance(c, TileLayer) for c in m._children.values()):
            tiles = folium.TileLayer(
                OSM_TILES, attr=OSM_ATTRIBUTION, name="OpenStreetMap", control=False, max_zoom=19
            )
            tiles.add_to(m)
            added = tiles.get_name()
            # tile layers belong beneath everything: move to the front of the children
            m._children.move_to_end(added, last=False)
        html = m.get_root().render()
    finally:
        for part, children in saved.items():
            getattr(root, part)._children.clear()
            getattr(root, part)._children.update(children)
        if added is not None:
            del m._children[added]
        for name, child in removed:
            m._children[name] = child
    if offline:
        from .assets import inline_assets

        html = inline_assets(html)
    return html


def to_html(m: folium.Map, *, offline: bool = True) -> str:
    """The map as one HTML document (see :func:`save_html` for ``offline``).

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> html = gi.maps.to_html(gi.maps.vacancy_map(gi.load_sample("dorsten"), hotspots=False))
    >>> html.startswith("<!DOCTYPE html>")
    True
    """
    return _render(m, offline=offline)


def save_html(m: folium.Map, path: str | os.PathLike[str], *, offline: bool = True) -> Path:
    """Write the map as one self-contained HTML file, atomically.

    Parameters
    ----------
    m : folium.Map
        A map of this module (or any folium map without plugins that need
        other JavaScript libraries).
    path : path-like
        Target file; written to a temporary file first and renamed.
    offline : bool, default True
        Inline Leaflet (from the installed ``django-js-lib-leaflet``), drop
        folium's other CDN assets and all tile layers: the page makes no
        request outside itself. ``False`` links Leaflet from a CDN and adds
        OpenStreetMap tiles with their attribution.

    Returns
    -------
    Path
        The written file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import geoinnenstadt as gi
    >>> m = gi.maps.vacancy_map(gi.load_sample("dortmund"), hotspots=False)
    >>> out = gi.maps.save_html(m, pathlib.Path(tempfile.mkdtemp()) / "leerstand.html")
    >>> out.stat().st_size > 100_000
    True
    """
    from .io import atomic_path

    html = _render(m, offline=offline)
    target = Path(path)
    with atomic_path(target) as tmp:
        tmp.write_text(html, encoding="utf-8")
    return target
