"""Read the legend rows of a saved interactive map (HTML), to compare them with the print legends.

The page adds each box with ``window.__gi.addControl(map, position, cls, html)``
(:func:`geoinnenstadt.maps.page.add_box`); ``html`` is a JSON string, or
``{"dates": [...], "html": [one per date]}`` for a box that follows the time
slider (the page opens at the latest date, so its last text is read). A
legend box has the class ``gi-legend``; each row is
``<div class="gi-row"><span class="gi-sw" style="background:…;border:2px solid …">
</span><span>text</span></div>`` (:func:`geoinnenstadt.maps.legend.legend_html`).

Only the written page is read (``re``, ``json``, :mod:`html.parser`), never
:mod:`geoinnenstadt.style`: the page is what a planner sees.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

_CONTROL = re.compile(r'window\.__gi\.addControl\([\w]+,\s*"[a-z]+",\s*"([^"]*)",\s*')
_LAYER = re.compile(
    r'window\.__gi\.addLayer\([\w]+,\s*"([a-z_]+)",\s*document\.getElementById\("[\w]+"\),\s*'
)


def hidden_layers(html: str) -> set[str]:
    """The keys of the layers the page opens switched off (their options say ``"hidden": true``)."""
    out = set()
    decoder = json.JSONDecoder()
    for match in _LAYER.finditer(html):
        opts, _ = decoder.raw_decode(html, match.end())
        if opts.get("hidden") is True:
            out.add(match.group(1))
    return out


def boxes(html: str) -> list[str]:
    """The HTML of every legend box of the page, in page order (per-date boxes: latest date)."""
    out = []
    decoder = json.JSONDecoder()
    for match in _CONTROL.finditer(html):
        if "gi-legend" not in match.group(1).split():
            continue
        value, _ = decoder.raw_decode(html, match.end())
        out.append(value if isinstance(value, str) else value["html"][-1])
    return out


def entries(html: str) -> list[tuple[str, str | None, str | None]]:
    """Every legend row of the page: (text with any count suffix, fill ``#rrggbb``, stroke ``#rrggbb``).

    Fill or stroke is ``None`` where the swatch's CSS makes it transparent
    (``transparent``, or an ``rgba`` with alpha 0). Rows are in page order,
    box by box; box titles and notes are left out, and so are the rows of a layer
    the page opens switched off (``data-gi-layer`` naming a hidden layer): the page
    shows them only when a reader switches that layer on.
    """
    hidden = hidden_layers(html)
    rows: list[tuple[str, str | None, str | None]] = []
    for box in boxes(html):
        parser = _Rows()
        parser.feed(box)
        parser.close()
        rows += [
            (_squash(text), *_swatch(style))
            for text, style, layer in parser.rows
            if layer not in hidden
        ]
    return rows


def titles(html: str) -> list[str]:
    """The titles (``<h4>``) of the legend boxes, in page order."""
    out = []
    for box in boxes(html):
        parser = _Rows()
        parser.feed(box)
        out += [_squash(t) for t in parser.titles]
    return out


class _Rows(HTMLParser):
    """Collects (text, swatch style) per ``gi-row`` and the ``h4`` titles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[tuple[str, str, str | None]] = []
        self.titles: list[str] = []
        self._depth = 0  # open divs inside the current row
        self._text: list[str] | None = None
        self._style = ""
        self._layer: str | None = None
        self._in_swatch = False
        self._title: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        classes = a.get("class", "").split()
        if tag == "h4":
            self._title = []
        if tag == "div":
            if self._text is None and "gi-row" in classes:
                self._text, self._style, self._depth = [], "", 0
                self._layer = a.get("data-gi-layer")
            elif self._text is not None:
                self._depth += 1
        if tag == "span" and self._text is not None and "gi-sw" in classes:
            self._style = a.get("style", "")
            self._in_swatch = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "h4" and self._title is not None:
            self.titles.append("".join(self._title))
            self._title = None
        if tag == "span":
            self._in_swatch = False
        if tag == "div" and self._text is not None:
            if self._depth:
                self._depth -= 1
            else:
                self.rows.append(("".join(self._text), self._style, self._layer))
                self._text = None

    def handle_data(self, data: str) -> None:
        if self._title is not None:
            self._title.append(data)
        elif self._text is not None and not self._in_swatch:
            self._text.append(data)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _swatch(style: str) -> tuple[str | None, str | None]:
    """(fill, stroke) of a swatch's inline CSS ``background:…;border:<w> <style> <colour>``."""
    decl = {
        k.strip().lower(): v.strip()
        for k, _, v in (part.partition(":") for part in style.split(";"))
        if k.strip()
    }
    fill = _hex(decl.get("background", decl.get("background-color", "transparent")))
    border = decl.get("border", "")
    colour = border.split()[-1] if border.split() else "transparent"
    if "rgba(" in border or "rgb(" in border:
        colour = border[border.index("rgb") :]
    return fill, _hex(colour)


def _hex(css: str) -> str | None:
    """``#rrggbb`` (lowercase) of a CSS colour; None when transparent."""
    css = css.strip().lower()
    if css in ("", "transparent", "none"):
        return None
    m = re.fullmatch(
        r"rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+)\s*)?\)", css
    )
    if m:
        if m.group(4) is not None and float(m.group(4)) == 0:
            return None
        return "#" + "".join(f"{round(float(m.group(i))):02x}" for i in (1, 2, 3))
    m = re.fullmatch(r"#([0-9a-f]{3}|[0-9a-f]{6})", css)
    if m:
        h = m.group(1)
        return "#" + (h if len(h) == 6 else "".join(c * 2 for c in h))
    raise ValueError(f"unreadable swatch colour {css!r}")
