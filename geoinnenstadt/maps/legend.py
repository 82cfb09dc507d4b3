"""Legend boxes: the entries of a layer's styles with their texts, as escaped HTML.

A legend entry is a Leaflet path style and its text (:data:`LegendItem`); the
swatch is drawn from the style's fill and outline. :func:`symbol_item` makes
the entry of a symbol of :mod:`geoinnenstadt.style` with the row text of
:func:`geoinnenstadt.style.legend_text`, so that a class reads and looks the
same in the interactive and the print legends. Texts are escaped
(:func:`geoinnenstadt.assets.escape_text`) and colours pass only as
``#rgb``/``#rrggbb`` or ``transparent``, so nothing of a legend is read as
markup or CSS beyond what is written here.

Examples
--------
>>> from geoinnenstadt.maps import legend
>>> legend.legend_html("Status", [({"fillColor": "#ff0000"}, "<leer>")])
'<h4>Status</h4><div class="gi-row"><span class="gi-sw" style="background:rgba(255,0,0,0.60);border:2px solid #333333"></span><span>&lt;leer&gt;</span></div>'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .. import style as gi_style
from ..assets import escape_text
from .page import add_box

if TYPE_CHECKING:  # pragma: no cover
    import folium

#: Fill colour of quarters without units (``quarter.no_units`` of :mod:`geoinnenstadt.style`);
#: kept for callers of ``gi.maps.NO_DATA_COLOR``.
NO_DATA_COLOR: str = str(gi_style.symbol("quarter.no_units").fill)

#: A layer key as the page knows it (``G.layers``): written into the markup, so checked.
_LAYER_KEY = re.compile(r"[a-z_]+")

#: One legend entry: a Leaflet path style and its text.
LegendItem = tuple[dict[str, Any], str]


def symbol_item(
    key: str,
    lang: str,
    *,
    text: str | None = None,
    count: int | None = None,
    hectares: float | None = None,
) -> LegendItem:
    """The legend entry of the symbol ``key``: its Leaflet style and its row text.

    The text is :func:`geoinnenstadt.style.legend_text` of ``text`` (an
    already worded label, e.g. of a class whose label depends on the data) or
    else of ``key``, with the count or area in brackets.

    Examples
    --------
    >>> from geoinnenstadt.maps import legend
    >>> item = legend.symbol_item("unit.occupied", "de", count=3)
    >>> item[1]
    'genutzt (3)'
    """
    sym = gi_style.symbol(key).leaflet()
    return sym, gi_style.legend_text(
        text if text is not None else key, lang, count=count, hectares=hectares
    )


def legend_html(
    title: str,
    items: Sequence[LegendItem],
    *,
    points: bool = False,
    counts: Sequence[str | None] | None = None,
    layers: Sequence[str | None] | None = None,
) -> str:
    """Legend box HTML from escaped text.

    ``counts``: a formatted count per entry (or None); ``layers``: per entry the key of
    the layer it belongs to (or None). A row with a layer is shown only while that layer
    is on the map (the page's ``G.layout``), so a layer that opens switched off, such as
    the cold spots, has no legend row until a reader switches it on.
    """
    rows = []
    for k, (style, text) in enumerate(items):
        layer = layers[k] if layers is not None else None
        if layer is not None and not _LAYER_KEY.fullmatch(layer):
            raise ValueError(f"layer key must be lower-case letters and _, got {layer!r}")
        data = f' data-gi-layer="{layer}"' if layer is not None else ""
        n = counts[k] if counts is not None else None
        count = f' <span class="gi-n">({escape_text(n)})</span>' if n is not None else ""
        filled = style.get("fill", True) and "fillColor" in style
        fill = (
            _rgba(style["fillColor"], float(style.get("fillOpacity", 0.6)))
            if filled
            else "transparent"
        )
        border = "dashed" if style.get("dashArray") else "solid"
        sw = (
            f'<span class="gi-sw{" gi-pt" if points else ""}" style="background:{fill};'
            f'border:2px {border} {_css_color(style.get("color", gi_style.INK["frame"]))}"></span>'
        )
        rows.append(f'<div class="gi-row"{data}>{sw}<span>{escape_text(text)}{count}</span></div>')
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
    return gi_style.INK["rule"]


def add_legend(
    m: folium.Map, title: str, items: Sequence[LegendItem], *, points: bool = False
) -> None:
    """A legend box in the bottom right corner of ``m``."""
    add_box(m, legend_html(title, items, points=points), position="bottomright", cls="gi-legend")
