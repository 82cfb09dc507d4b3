r"""Interactive folium maps that open offline and never leak what they must not show.

Every map function returns a :class:`Map` (a :class:`folium.Map` that
displays offline in Jupyter) and composes through ``m=``; every layer is one
JSON data block with allow-listed, pre-formatted columns, drawn and put into
popups in the browser with ``textContent`` only. How the maps are built, the
page format and the page hooks are described in ``ARCHITECTURE.md`` (section
"Maps").

Public functions
----------------
:func:`vacancy_map`, :func:`land_map`, :func:`preemption_map`
    Vacancy by quarter and unit with a time slider; commercial land, core
    zones and pre-emption areas; parcels under a pre-emption statute.
:func:`to_html`, :func:`save_html`, :func:`to_iframe`
    The self-contained page (offline by default), written atomically or
    wrapped in an ``<iframe srcdoc>``.
:class:`Basemap`
    Local tiles (XYZ folder or MBTiles) embedded for the map's extent.
:func:`search_key`, :func:`trend_svg`
    The search rule of the page; the trend chart of a quarter profile.
:func:`common_js`, :func:`runtime_js`, :func:`explore_js`, :func:`runtime_css`
    The in-page scripts and stylesheet (package data, inlined in every page).

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
from .export import OSM_ATTRIBUTION, OSM_TILES, save_html, to_html, to_iframe
from .land import land_map
from .legend import NO_DATA_COLOR
from .page import common_js, explore_js, runtime_css, runtime_js
from .preemption import preemption_map
from .vacancy import vacancy_map
from .vacancy_layers import UNIT_POPUP_COLUMNS

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
    "common_js",
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


def __getattr__(name: str) -> object:
    """``gi.maps.Map`` (imports folium on first use)."""
    if name == "Map":
        from .display import Map

        return Map
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    """The public names (``__all__``, lazily provided ones included)."""
    return sorted(__all__)
