"""What planners explore in a map: survey dates, filters, search, quarter profiles.

Everything here is prepared in Python and embedded; the page only selects
(``static/explore.js``):

* :func:`search_key` is the one normalisation rule of the search: the
  folding shared with the geocoder's street keys
  (:func:`geoinnenstadt.folding.fold`: case, ``ü``/``ue``, ``ß``/``ss``,
  accents, ``Str.``/``Straße``), punctuation to blanks; the page applies the
  same rule to what the planner types, with the letters and abbreviations
  sent from Python (a browser test checks both agree).
* :func:`search_texts` embeds one search text per feature (small layers; a
  large layer names the columns the page normalises instead).
* :func:`trend_svg` draws the small trend chart of a quarter profile as
  inline SVG; every text is XML-escaped.
* :func:`set_explore` records the map-wide settings (dates, filters, title)
  that the runtime reads when the page is ready (:func:`explore_config`,
  declared as :class:`geoinnenstadt.maps.payload.ExploreConfig`).

Examples
--------
>>> from geoinnenstadt.maps import explore
>>> explore.search_key("  Brückstr. 12a / Café ")
'brueckstrasse 12a cafe'
>>> explore.search_texts(["Nord"], ["Q1"])
['nord q1']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape, quoteattr

import numpy as np
import pandas as pd

from .. import labels
from ..folding import fold, fold_config

if TYPE_CHECKING:  # pragma: no cover
    import folium

    from .payload import ExploreConfig

_NON_WORD = re.compile(r"[\W_]+")


def search_key(text: Any) -> str:
    """The searchable form of a text: folded as the geocoder's street keys, words split by one blank.

    The folding is :func:`geoinnenstadt.folding.fold` (lower case, ``ä ö ü``
    → ``ae oe ue``, ``ß`` → ``ss``, other accents dropped, ``Str.`` →
    ``strasse``, ``St.`` → ``sankt``, ``Pl.`` → ``platz``); then every run of
    characters that are not letters or digits becomes one blank. The page
    normalises the query with the same rule (``normalise`` in
    ``static/explore.js``), so "Brueckviertel" finds "Brückviertel" and
    "Hansastr. 73" finds "Hansastraße 73".

    Examples
    --------
    >>> search_key("Gemarkung 1234, Flur 17, Flurstück 123/4")
    'gemarkung 1234 flur 17 flurstueck 123 4'
    >>> search_key("Hansastr. 73") == search_key("HANSASTRASSE 73") == search_key("Hansastraße 73")
    True
    >>> search_key(None)
    ''
    """
    if text is None or text is pd.NA or (isinstance(text, float) and np.isnan(text)):
        return ""
    return _NON_WORD.sub(" ", fold(text)).strip()


def search_texts(*columns: Sequence[Any]) -> list[str]:
    """One search text per feature: the normalised values of ``columns``, joined by blanks."""
    out = []
    for values in zip(*columns, strict=True):
        out.append(" ".join(k for k in (search_key(v) for v in values) if k))
    return out


def iso_date(ts: Any) -> str:
    """A date as ISO text (``YYYY-MM-DD``), the form of the slider's dates."""
    return pd.Timestamp(ts).strftime("%Y-%m-%d")


def trend_svg(
    dates: Sequence[Any],
    rates: Sequence[float],
    *,
    lang: str,
    title: str = "",
    width: int = 240,
    height: int = 96,
) -> str:
    """A small line chart of vacancy rates over survey dates, as inline SVG text.

    ``rates`` are shares (0.1 = 10 %); NaN leaves a gap. Every label is
    XML-escaped; each point carries ``data-i`` (its date's position) so the
    page can mark the selected date.

    Examples
    --------
    >>> svg = trend_svg(["2024-06-30", "2025-06-30"], [0.1, 0.125], lang="de", title="<Nord>")
    >>> svg.startswith("<svg") and "&lt;Nord&gt;" in svg and "12,5 %" in svg
    True
    """
    vals = np.array([np.nan if v is None else float(v) for v in rates], dtype=float)
    n = len(vals)
    left, right, top, bottom = 34, 8, 16, 18
    finite = vals[np.isfinite(vals)]
    vmax = float(finite.max()) if len(finite) else 0.0
    ymax = max(vmax * 1.15, 0.05)
    pw, ph = width - left - right, height - top - bottom

    def x(i: int) -> float:
        return left + (pw * i / (n - 1) if n > 1 else pw / 2)

    def y(v: float) -> float:
        return top + ph * (1 - v / ymax)

    def pct(v: float) -> str:
        return labels.format_percent(v, lang=lang)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gi-chart" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}">'
    ]
    if title:
        parts.append(f'<text x="{left}" y="11" class="gi-chart-title">{escape(title)}</text>')
    parts.append(
        f'<line x1="{left}" y1="{top + ph}" x2="{left + pw}" y2="{top + ph}" class="gi-axis"/>'
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + ph}" class="gi-axis"/>'
        f'<text x="{left - 3}" y="{top + 4}" text-anchor="end">{escape(pct(ymax))}</text>'
        f'<text x="{left - 3}" y="{top + ph}" text-anchor="end">{escape(pct(0.0))}</text>'
    )
    segment: list[str] = []
    lines: list[str] = []
    for i, v in enumerate(vals):
        if np.isfinite(v):
            segment.append(f"{x(i):.1f},{y(v):.1f}")
        elif segment:
            lines.append(" ".join(segment))
            segment = []
    if segment:
        lines.append(" ".join(segment))
    parts += [f'<polyline points="{pts}" class="gi-line"/>' for pts in lines]
    for i, v in enumerate(vals):
        date = labels.format_date(dates[i], lang=lang)
        if np.isfinite(v):
            tip = escape(f"{date}: {pct(v)}")
            parts.append(
                f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3" class="gi-pt" data-i="{i}">'
                f"<title>{tip}</title></circle>"
            )
    if n:
        first = escape(labels.format_date(dates[0], lang=lang))
        last = escape(labels.format_date(dates[-1], lang=lang))
        parts.append(f'<text x="{left}" y="{height - 4}">{first}</text>')
        if n > 1:
            parts.append(f'<text x="{left + pw}" y="{height - 4}" text-anchor="end">{last}</text>')
        if len(finite):
            k = int(np.flatnonzero(np.isfinite(vals))[-1])
            parts.append(
                f'<text x="{x(k):.1f}" y="{y(vals[k]) - 6:.1f}" text-anchor="middle" '
                f'class="gi-chart-value">{escape(pct(vals[k]))}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _attr(value: Any) -> str:
    return quoteattr(str(value))


def set_explore(m: folium.Map, **settings: Any) -> None:
    """Record map-wide explore settings (the first map to set a key keeps it, filters add up)."""
    cfg: dict[str, Any] = m.__dict__.setdefault("_gi_explore", {"filters": []})
    for key, value in settings.items():
        if key == "filters":
            cfg["filters"] = [*cfg["filters"], *value]
        elif key not in cfg:
            cfg[key] = value


def explore_config(m: folium.Map) -> ExploreConfig:
    """The settings recorded with :func:`set_explore`.

    With the search's folding and the controls' texts in the map's language.
    """
    cfg = dict(m.__dict__.get("_gi_explore", {"filters": []}))
    lang = m.__dict__.get("_gi_lang") or labels.resolve_lang(None)
    cfg.setdefault("dates", [])
    cfg["fold"] = fold_config()  # the search's letters and abbreviations (explore.search_key)
    cfg["texts"] = {
        key: labels.text(f"map.ui.{key}", lang)
        for key in (
            "search", "search_hint", "no_hits", "previous", "next", "date", "filters",
            "more_hits", "print", "all",
        )
    }  # fmt: skip
    return cfg  # type: ignore[return-value]
