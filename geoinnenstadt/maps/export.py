"""Writing and showing maps: :func:`to_html`, :func:`save_html`, :func:`to_iframe`.

Offline, every tile layer is removed and Leaflet is inlined from an
installed package (:func:`geoinnenstadt.assets.inline_assets`): the page
makes no request outside itself. Online, Leaflet is linked from a CDN and
OpenStreetMap tiles are added with their attribution (in the map's
language). Rendering leaves the map unchanged. Without ``offline=`` the
setting :data:`geoinnenstadt.settings.offline` (default ``True``) decides.

:func:`to_iframe` wraps the same document in an ``<iframe srcdoc>``: the one
embedding used by maps displayed in Jupyter (:mod:`geoinnenstadt.maps.display`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import labels, settings
from ..style import INK

if TYPE_CHECKING:  # pragma: no cover
    import folium

#: OpenStreetMap tiles used by ``save_html(..., offline=False)``.
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"

#: German attribution of the OpenStreetMap tiles (see ``labels.text("map.osm_attribution")``).
OSM_ATTRIBUTION = labels.TEXTS["map.osm_attribution"][0]


#: folium's popups build their element with jQuery (``$(`<div>…</div>`)[0]``); the maps load
#: no jQuery (offline it is dropped, online only Leaflet is linked), so this defines the one
#: use folium makes of it: ``$(html)`` → the parsed elements. An existing ``$`` is kept.
_DOLLAR_SHIM = (
    "<script>if (typeof window.$ === 'undefined') { window.$ = function (markup) {"
    " var t = document.createElement('template'); t.innerHTML = String(markup).trim();"
    " return Array.prototype.slice.call(t.content.childNodes); }; }</script>"
)


def _offline(offline: bool | None) -> bool:
    """``offline``, or :data:`geoinnenstadt.settings.offline` when None."""
    return bool(settings.offline if offline is None else offline)


def _render(m: folium.Map, *, offline: bool) -> str:
    """The page of ``m``; the map and its figure are left exactly as they were.

    Offline, tile layers are left out; online, OpenStreetMap tiles are added
    beneath everything when the map has none. A layer control is rendered
    after every layer (folium lists all layers in it, so a layer added with a
    plain folium call after the control would be referenced before it exists).
    """
    import folium
    from folium.raster_layers import TileLayer

    root: Any = m.get_root()
    # branca keeps what a render adds to the figure; restore it so a render leaves no trace
    saved = {part: dict(getattr(root, part)._children) for part in ("header", "html", "script")}
    children = list(m._children.items())
    try:
        if offline:
            for name, child in children:
                if isinstance(child, TileLayer):
                    del m._children[name]
        elif m.__dict__.get("_gi_basemap") is None and not any(
            isinstance(c, TileLayer) for c in m._children.values()
        ):  # a local basemap (gi.maps.Basemap) is the background online too
            attribution = labels.text("map.osm_attribution", m.__dict__.get("_gi_lang"))
            tiles = folium.TileLayer(
                OSM_TILES, attr=attribution, name="OpenStreetMap", control=False, max_zoom=19
            )
            tiles.add_to(m)
            # tile layers belong beneath everything: move to the front of the children
            m._children.move_to_end(tiles.get_name(), last=False)
        for name, child in list(m._children.items()):
            if isinstance(child, folium.LayerControl):
                m._children.move_to_end(name)
        from branca.element import Element

        root.header.add_child(Element(_DOLLAR_SHIM), name="geoinnenstadt_dollar_shim")
        html = m.get_root().render()
    finally:
        for part, kept in saved.items():
            getattr(root, part)._children.clear()
            getattr(root, part)._children.update(kept)
        m._children.clear()
        m._children.update(children)
    if offline:
        from ..assets import inline_assets

        html = inline_assets(html)
    return html


def to_html(m: folium.Map, *, offline: bool | None = None) -> str:
    """The map as one HTML document (see :func:`save_html` for ``offline``).

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> html = gi.maps.to_html(gi.maps.vacancy_map(gi.load_sample("dorsten"), hotspots=False))
    >>> html.startswith("<!DOCTYPE html>")
    True
    """
    return _render(m, offline=_offline(offline))


def to_iframe(
    m: folium.Map,
    *,
    offline: bool | None = None,
    height: int = 520,
    lang: str | None = None,
) -> str:
    """The map as an ``<iframe srcdoc>`` element, for notebooks and HTML pages.

    The document is :func:`to_html` (Leaflet inlined when offline), escaped
    for the attribute with :func:`html.escape` (``&``, ``<``, ``>``, both
    quotes), so nothing of the map can end the attribute or the element.
    The frame may run scripts but not reach the page around it (``sandbox``
    without ``allow-same-origin``).

    Parameters
    ----------
    m : folium.Map
        Any folium map; the maps of this package display this way by themselves.
    offline : bool, optional
        Default :data:`geoinnenstadt.settings.offline`.
    height : int
        Height of the frame in pixels (the width is 100 %).
    lang : {"de", "en"}, optional
        Language of the frame's title (for screen readers); default
        :data:`geoinnenstadt.settings.language`.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> frame = gi.maps.to_iframe(gi.maps.vacancy_map(gi.load_sample("dorsten"), hotspots=False))
    >>> frame.startswith("<iframe") and "cdn.jsdelivr" not in frame
    True
    """
    import html as _html

    doc = to_html(m, offline=offline)
    title = _html.escape(labels.text("display.map_title", lang), quote=True)
    return (
        f'<iframe class="gi-map" title="{title}" '
        f'style="width:100%;height:{int(height)}px;border:1px solid {INK["rule"]}" '
        'sandbox="allow-scripts allow-popups" '
        f'srcdoc="{_html.escape(doc, quote=True)}"></iframe>'
    )


def save_html(m: folium.Map, path: str | os.PathLike[str], *, offline: bool | None = None) -> Path:
    """Write the map as one self-contained HTML file, atomically.

    Parameters
    ----------
    m : folium.Map
        A map of this package (or any folium map without plugins that need
        other JavaScript libraries).
    path : path-like
        Target file; written to a temporary file first and renamed.
    offline : bool, optional
        Default :data:`geoinnenstadt.settings.offline` (``True``). Inline
        Leaflet (from the installed ``django-js-lib-leaflet``), drop
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
    from ..io import atomic_path

    html = _render(m, offline=_offline(offline))
    target = Path(path)
    with atomic_path(target) as tmp:
        tmp.write_text(html, encoding="utf-8")
    return target
