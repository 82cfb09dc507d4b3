"""What planners explore in a map: survey dates, filters, search, quarter profiles.

Everything here is prepared in Python and embedded; the page only selects
(``static/explore.js``):

* :func:`search_key` is the one normalisation rule of the search: the
  folding shared with the geocoder's street keys
  (:func:`geoinnenstadt.folding.fold`: case, ``ü``/``ue``, ``ß``/``ss``,
  accents, ``Str.``/``Straße``), punctuation to blanks; the page applies the
  same rule to what the planner types, with the letters and abbreviations
  sent from Python (a browser test checks both agree).
* :func:`natural_key` is the order of the search's hits (numbers as
  numbers, German phone-book order), which the page applies the same way.
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

from .. import labels, style
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


_DIGITS = re.compile(r"(\d+)")


def natural_key(text: Any) -> tuple[Any, ...]:
    """The order of search hits: house numbers as numbers, names in German phone-book order.

    The :func:`search_key` of ``text`` split into runs of digits and of other
    characters; a run of digits compares as a number (``6 < 47 < 115``), a
    number without suffix before the same number with one (``11 < 11a < 12``),
    and the rest as folded text (``ä`` as ``ae``, ``ß`` as ``ss``: DIN 5007,
    variant 2). The page sorts its hit list with the same rule
    (``naturalOrder`` in ``static/explore.js``; a browser test checks both
    agree).

    Examples
    --------
    >>> sorted(["Kampstraße 115", "Kampstraße 6", "Kampstr. 11a", "Kampstraße 11"], key=natural_key)
    ['Kampstraße 6', 'Kampstraße 11', 'Kampstr. 11a', 'Kampstraße 115']
    """
    parts = _DIGITS.split(search_key(text))
    return tuple(
        p if i % 2 == 0 else (len(p.lstrip("0")), p.lstrip("0")) for i, p in enumerate(parts)
    )


def search_texts(*columns: Sequence[Any]) -> list[str]:
    """One search text per feature: the normalised values of ``columns``, joined by blanks."""
    out = []
    for values in zip(*columns, strict=True):
        out.append(" ".join(k for k in (search_key(v) for v in values) if k))
    return out


def iso_date(ts: Any) -> str:
    """A date as ISO text (``YYYY-MM-DD``), the form of the slider's dates."""
    return pd.Timestamp(ts).strftime("%Y-%m-%d")


#: The steps of a chart axis: 1, 2, 2.5 and 5 times a power of ten.
NICE_STEPS = (1.0, 2.0, 2.5, 5.0)

#: Width of a character of the chart's 9 px text, estimated generously (px per character):
#: margins are made wide enough for the labels they hold.
_CHAR_PX = 5.6
_FONT_PX = 9.0


def nice_ticks(vmax: float, *, max_intervals: int = 5, floor: float = 0.05) -> list[float]:
    """The ticks of a rate axis from 0: equal steps of 1, 2, 2.5 or 5 × 10^k, the last at or above ``vmax``.

    The step is the smallest that needs at most ``max_intervals`` intervals;
    the axis reaches at least ``floor`` (a chart of zeros still has a scale).

    Examples
    --------
    >>> nice_ticks(0.205)
    [0.0, 0.05, 0.1, 0.15, 0.2, 0.25]
    >>> nice_ticks(0.125)
    [0.0, 0.025, 0.05, 0.075, 0.1, 0.125]
    >>> nice_ticks(0.0)
    [0.0, 0.01, 0.02, 0.03, 0.04, 0.05]
    """
    top = max(float(vmax), floor) if np.isfinite(vmax) else floor
    k = int(np.floor(np.log10(top / max_intervals)))
    for power in (k, k + 1):
        for m in NICE_STEPS:
            step = m * 10.0**power
            n = int(np.ceil(round(top / step, 9)))
            if n <= max_intervals:
                return [round(i * step, 12) for i in range(n + 1)]
    raise AssertionError("unreachable: 10^(k+1) steps always suffice")  # pragma: no cover


def _text_px(text: str) -> float:
    return len(text) * _CHAR_PX


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

    ``rates`` are shares (0.1 = 10 %); NaN leaves a gap. The axis has
    :func:`nice_ticks` (its top a tick at or above the largest rate); the
    left margin fits the longest tick label, and the label of the latest
    rate stays inside the chart. Every label is XML-escaped; each point
    carries ``data-i`` (its date's position) so the page can mark the
    selected date.

    Examples
    --------
    >>> svg = trend_svg(["2024-06-30", "2025-06-30"], [0.1, 0.125], lang="de", title="<Nord>")
    >>> svg.startswith("<svg") and "&lt;Nord&gt;" in svg and "12,5 %" in svg
    True
    """
    vals = np.array([np.nan if v is None else float(v) for v in rates], dtype=float)
    n = len(vals)
    finite = vals[np.isfinite(vals)]
    ticks = nice_ticks(float(finite.max()) if len(finite) else 0.0)
    ymax = ticks[-1]

    def pct(v: float, decimals: int = 1) -> str:
        return labels.format_percent(v, decimals=decimals, lang=lang)

    # as few decimals as the ticks need (2,5 % steps: one; 5 % steps: none)
    tick_decimals = 0 if all(abs(t * 100 - round(t * 100)) < 1e-9 for t in ticks) else 1
    tick_texts = [pct(t, tick_decimals) for t in ticks]
    left = int(np.ceil(max(_text_px(t) for t in tick_texts))) + 6
    right, top, bottom = 8, 18, 18
    pw, ph = width - left - right, height - top - bottom

    def x(i: int) -> float:
        return left + (pw * i / (n - 1) if n > 1 else pw / 2)

    def y(v: float) -> float:
        return top + ph * (1 - v / ymax)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gi-chart" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}">'
    ]
    if title:
        parts.append(f'<text x="{left}" y="11" class="gi-chart-title">{escape(title)}</text>')
    parts.append(
        f'<line x1="{left}" y1="{top + ph}" x2="{left + pw}" y2="{top + ph}" class="gi-axis"/>'
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + ph}" class="gi-axis"/>'
    )
    parts.append('<g text-anchor="end">')
    for t, text in zip(ticks, tick_texts, strict=True):
        parts.append(f'<text x="{left - 3}" y="{y(t) + 3:.1f}">{escape(text)}</text>')
    parts.append("</g>")
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
            text = pct(vals[k])
            # centred over the point, moved in so that it ends inside the chart; beneath the
            # point when above it would reach the title
            half = _text_px(text) / 2
            tx = min(max(x(k), left + half), width - 2 - half)
            ty = y(vals[k]) - 6
            if ty - _FONT_PX < 13:
                ty = y(vals[k]) + 6 + _FONT_PX
            parts.append(
                f'<text x="{tx:.1f}" y="{ty:.1f}" text-anchor="middle" '
                f'class="gi-chart-value">{escape(text)}</text>'
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
            "more_hits", "print", "all", "layers",
        )
    }  # fmt: skip
    cfg["highlight"] = style.symbol("highlight").leaflet()  # the feature found by the search
    return cfg  # type: ignore[return-value]
