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

Parts
-----
``runtime``
    The map frame: the in-page runtime (``static/runtime.js``,
    ``static/runtime.css``, package data), JSON data blocks, legends,
    captions, messages; the one entry of a layer (personal columns dropped,
    CRS required, reprojected for display only).
``vacancy``, ``land``, ``preemption``
    One module per map kind; they draw what :mod:`geoinnenstadt.vacancy`,
    :mod:`geoinnenstadt.land` and :mod:`geoinnenstadt.preemption` compute.
``export``
    :func:`to_html`, :func:`save_html`, :func:`to_iframe`.
``display``
    :class:`Map`: the folium map every function returns; it displays in
    Jupyter offline (the document of ``save_html``, inlined in an
    ``<iframe srcdoc>``), or with CDN and tiles when
    :data:`geoinnenstadt.settings.offline` is ``False``.

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
captions and layer names are HTML built from escaped text
(:func:`geoinnenstadt.assets.escape_text`). Every layer passes through
:func:`geoinnenstadt.privacy.drop_personal` first. Class breaks and legend
texts of the choropleth come from :mod:`geoinnenstadt.classify`, like those
of the print maps. All display text is in :mod:`geoinnenstadt.labels`;
``lang`` defaults to :data:`geoinnenstadt.settings.language`.

In the page, ``window.__gi.renderedAt`` is set once the layers are drawn,
``window.__gi.layers`` and ``window.__gi.counts`` hold the layers and the
number of features drawn per layer, and ``window.__gi.openPopup(key, i)``
opens the popup of feature ``i`` (used by the tests and the benchmark).

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

from ..classify import VACANCY_BREAKS
from .export import OSM_ATTRIBUTION, OSM_TILES, _render, save_html, to_html, to_iframe
from .land import (
    _CATEGORY_COLORS,
    _PREEMPTION_COLOR,
    _RESIDENTIAL_COLORS,
    _SITE_STYLES,
    land_map,
)
from .preemption import _kennzeichen_labels, preemption_map
from .runtime import NO_DATA_COLOR, runtime_css, runtime_js
from .vacancy import _UNIT_STYLES, UNIT_POPUP_COLUMNS, vacancy_map

__all__ = [
    "NO_DATA_COLOR",
    "OSM_ATTRIBUTION",
    "OSM_TILES",
    "UNIT_POPUP_COLUMNS",
    "VACANCY_BREAKS",
    "Map",
    "land_map",
    "preemption_map",
    "runtime_css",
    "runtime_js",
    "save_html",
    "to_html",
    "to_iframe",
    "vacancy_map",
]

# private names kept importable from geoinnenstadt.maps (tests and older code use them)
_ = (_CATEGORY_COLORS, _PREEMPTION_COLOR, _RESIDENTIAL_COLORS, _SITE_STYLES, _UNIT_STYLES,
     _kennzeichen_labels, _render)  # fmt: skip


def __getattr__(name: str) -> object:
    """``gi.maps.Map`` (imports folium on first use)."""
    if name == "Map":
        from .display import Map

        return Map
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
