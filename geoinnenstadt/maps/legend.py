"""Legend boxes: the entries of a layer's styles with their texts, as escaped HTML.

A legend entry is a Leaflet path style and its text (:data:`LegendItem`); the
swatch is drawn from the style's fill and outline. Texts are escaped
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

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..assets import escape_text
from .page import add_box

if TYPE_CHECKING:  # pragma: no cover
    import folium

#: Fill colour of polygons without a value (no units, or suppressed in public mode).
NO_DATA_COLOR = "#d9d9d9"

#: One legend entry: a Leaflet path style and its text.
LegendItem = tuple[dict[str, Any], str]


def legend_html(
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


def add_legend(
    m: folium.Map, title: str, items: Sequence[LegendItem], *, points: bool = False
) -> None:
    """A legend box in the bottom right corner of ``m``."""
    add_box(m, legend_html(title, items, points=points), position="bottomright", cls="gi-legend")
