"""Maps in Jupyter: a :class:`folium.Map` that displays offline.

folium shows a map in a notebook as an ``<iframe srcdoc>`` whose document
loads Leaflet (and jQuery, Bootstrap, Font Awesome) from CDNs – on a machine
without internet the map stays blank. Every map of :mod:`geoinnenstadt.maps`
is a :class:`Map` instead: the same folium map, but displayed through
:func:`geoinnenstadt.maps.to_iframe`, i.e. exactly the document that
``save_html(..., offline=True)`` writes (Leaflet inlined, no tiles, no
request outside the frame). Layers added with ``m=`` or with plain folium
calls (``folium.Marker(...).add_to(m)``) are part of that document.

:data:`geoinnenstadt.settings.offline` switches the display (and
``save_html``/``to_html`` without ``offline=``) to CDN assets and
OpenStreetMap tiles when set to ``False``.

Examples
--------
>>> import geoinnenstadt as gi
>>> m = gi.maps.vacancy_map(gi.load_sample("dorsten"), hotspots=False)
>>> isinstance(m, gi.maps.Map)
True
>>> shown = m._repr_html_()
>>> "srcdoc=" in shown and "cdn.jsdelivr" not in shown
True
"""

from __future__ import annotations

import html as _html
import os
from typing import Any

import folium

from .. import labels
from ..style import INK

__all__ = ["Map", "notebook_html"]

#: Height of a map displayed in a notebook, in pixels.
NOTEBOOK_HEIGHT = 520


def notebook_html(m: folium.Map, *, offline: bool | None = None, height: int | None = None) -> str:
    """HTML that shows ``m`` in a notebook output (what ``Map._repr_html_`` returns).

    The map frame of :func:`geoinnenstadt.maps.to_iframe`; underneath it, a
    line that shows through only when the notebook front end removed the
    frame (an untrusted notebook). A map that cannot be made offline (a
    folium plugin that needs another JavaScript library) gives an escaped
    message instead of an exception.

    Examples
    --------
    >>> import folium
    >>> from geoinnenstadt.maps.display import notebook_html
    >>> out = notebook_html(folium.Map(tiles=None))
    >>> "<iframe" in out and "leaflet@" not in out
    True
    """
    from .export import to_iframe

    lang = m.__dict__.get("_gi_lang")
    h = int(NOTEBOOK_HEIGHT if height is None else height)
    try:
        frame = to_iframe(m, offline=offline, height=h, lang=lang)
    except ValueError as exc:
        message = labels.text("display.map_not_offline", lang, error=str(exc))
        return f'<div class="gi-map-error" role="alert">{_html.escape(message)}</div>'
    hint = _html.escape(labels.text("display.map_untrusted", lang))
    return (
        f'<div class="gi-map-output" style="position:relative;width:100%;height:{h + 2}px">'
        f'<span style="color:{INK["muted"]}">{hint}</span>'
        f'<div style="position:absolute;left:0;top:0;width:100%;background:{INK["halo"]}">'
        f"{frame}</div>"
        "</div>"
    )


class Map(folium.Map):
    """A :class:`folium.Map` that displays offline in Jupyter (see the module docstring).

    Everything else is folium's: add layers, controls and markers as usual.
    ``save(path)`` writes the same self-contained file as
    :func:`geoinnenstadt.maps.save_html`.
    """

    def _repr_html_(self, **kwargs: Any) -> str:
        return notebook_html(self)

    def _repr_mimebundle_(
        self, include: Any = None, exclude: Any = None, **kwargs: Any
    ) -> dict[str, str]:
        return {"text/html": self._repr_html_()}

    def save(self, outfile: Any, close_file: bool = True, **kwargs: Any) -> None:
        """Write the map like :func:`geoinnenstadt.maps.save_html` (offline by default).

        ``outfile`` is a path or an open text file.
        """
        from .export import save_html, to_html

        if isinstance(outfile, (str, os.PathLike)):
            save_html(self, outfile)
            return
        outfile.write(to_html(self))
        if close_file:
            outfile.close()
