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
``context_layers``
    The context beneath every map (``city.context``: city boundary,
    districts with names from zoom 11 on, land use, water, rail, roads),
    one togglable, non-interactive layer per category in a pane below the
    data; ``context=False`` leaves it out.
``basemap``
    :class:`Basemap`: a local tile set (XYZ folder or MBTiles) whose tiles
    within the map's extent are embedded (``basemap=`` of every map,
    ``geoinnenstadt map … --basemap PATH``).
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

Exploring a map
---------------
Every map has a search box (units by address or id, quarters by name,
parcels by the 20-character Flurstückskennzeichen or "Gemarkung … Flur …
Flurstück …", sites by id or name; case, accents, ``ü``/``ue``, ``ß``/``ss``
and ``Str.``/``Straße`` do not matter — the one rule is
:func:`explore.search_key`, the folding of the geocoder's street keys — and a
text found only when ``ae oe ue`` are read as ``a o u`` and blanks are ignored
is listed last); hits are listed as text (the arrow keys
move through them, Enter opens one) and the chosen one is zoomed to with its
popup open. A click anywhere inside a quarter opens its profile (the popup's
root element has the class ``gi-profile``), inside a site or parcel its
popup; a unit or hot-spot point drawn above a shape wins when the click is on
the point (the points' canvas takes no clicks itself; ``window.__gi.pointAt``). The vacancy map has a time slider
over the survey dates (quarter colours, unit symbols, legend counts and a
key-figures box follow it — every figure computed once in Python for each date by
:func:`geoinnenstadt.vacancy.panel`, pass ``panel=`` to share it with the other
outputs; a unit's popup shows it as surveyed at
the selected date, and a unit not in the inventory then is neither drawn
nor opened; in public mode nothing of a quarter withheld at a date — its
units' popups, search hits and filter values, its figures — is in the page
for that date), filters of the unit points (status,
vacancy duration, ground floor, use, location class; the quarter figures
stay those of all units) and quarter profiles (figures at the selected date
and an inline SVG trend chart; in public mode no chart for a quarter
withheld at any survey). The land map's slider runs over take-up years.
The selected date, hidden layers, filters and the map view are kept in the
URL fragment (``#d=2024-06-30&v=zoom/lat/lon&off=…&f.status=0``), so a
link opens the same view of the same file; a fragment pasted into the open
page is applied too. Only these names are read; a part that is not valid
percent-encoding, an unknown layer, date, filter option or a view outside
the map's zoom range or the globe is ignored. Printing gives one A4 landscape
page with title, date, map, legends, source and sample-data note.

Page hooks (stable; tests read figures with them, and click with the mouse)
---------------------------------------------------------------------------
``window.__gi.dates()``
    The ISO dates of the slider (survey dates; for the land map the end of
    each take-up year); one date for a map without a slider.
``window.__gi.setDate(iso)``
    Show the state at that date; ``false`` for a date not in ``dates()``.
``window.__gi.state()``
    ``{date, units, vacant, figures}`` for what is drawn now: unit points
    drawn (after filters) and how many of them are vacant; ``figures`` are
    the embedded city totals of :func:`geoinnenstadt.vacancy.rates` at the
    date. On the land map ``units`` counts the sites and ``taken_up`` the
    sites taken up by then.
``window.__gi.search(text)``
    The number of hits; opens the first hit's popup.
``window.__gi.renderedAt``, ``.layers``, ``.counts``, ``.openPopup(key, i)``
    Set once the layers are drawn; the layers and the number of features
    drawn per layer; open the popup of feature ``i`` (its text; ``null`` for
    a key that is not a layer of the page, an index out of range, or a point
    not drawn at the selected date).

Every hook checks its arguments: a value of the wrong kind gives ``false``, ``0``,
an empty text or list or ``null``, never an exception, and no argument becomes a
key of a plain object (``setFilter(group, option, on)`` takes a filter group
of the page, an option index and a boolean).

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
from .basemap import Basemap, BasemapError, BasemapTiles
from .explore import search_key, trend_svg
from .export import OSM_ATTRIBUTION, OSM_TILES, _render, save_html, to_html, to_iframe
from .land import (
    _CATEGORY_COLORS,
    _PREEMPTION_COLOR,
    _RESIDENTIAL_COLORS,
    _SITE_STYLES,
    land_map,
)
from .preemption import _kennzeichen_labels, preemption_map
from .runtime import NO_DATA_COLOR, explore_js, runtime_css, runtime_js
from .vacancy import _UNIT_STYLES, UNIT_POPUP_COLUMNS, vacancy_map

__all__ = [
    "NO_DATA_COLOR",
    "OSM_ATTRIBUTION",
    "OSM_TILES",
    "UNIT_POPUP_COLUMNS",
    "VACANCY_BREAKS",
    "Basemap",
    "BasemapError",
    "BasemapTiles",
    "Map",
    "explore_js",
    "land_map",
    "preemption_map",
    "runtime_css",
    "runtime_js",
    "save_html",
    "search_key",
    "to_html",
    "to_iframe",
    "trend_svg",
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
