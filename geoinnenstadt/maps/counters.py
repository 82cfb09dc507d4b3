"""Footfall counters (*Passantenzählung*) on the vacancy map (issue 20).

Every counter of a :class:`geoinnenstadt.footfall.Footfall` with a position
is a circle whose **area** is proportional to its mean pedestrians per day
(:func:`geoinnenstadt.style.counter_radius`). The figures come from
:mod:`geoinnenstadt.footfall`:

* the mean is over the counter's **complete days** of
  :func:`geoinnenstadt.footfall.daily` (its ``complete`` flag: a day with
  missing hours is no day's total);
* the period is the counter's first and last counted day;
* the change is :func:`geoinnenstadt.footfall.change` (matching weekdays)
  for the last complete calendar year of the counts
  (:func:`geoinnenstadt.dates.last_complete_year` of the last counted day),
  shown where the counter has compared days.

A counter without counts reads "nicht gemessen", one without a complete day
"kein vollständiger Zähltag" — never 0. Counter names reach the page only
as text (popups are built with ``textContent``).

Examples
--------
>>> import geoinnenstadt as gi
>>> city = gi.load_sample("dortmund")
>>> html = gi.maps.to_html(gi.maps.vacancy_map(city, hotspots=False))
>>> "Westenhellweg" in html and "Passantenzählung" in html
True
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .. import labels
from .. import style as gi_style
from ..errors import GeoinnenstadtWarning
from ..footfall import summary as footfall_summary
from . import payload
from .layers import checked, lonlat
from .legend import legend_html, symbol_item
from .page import add_box, add_layer

if TYPE_CHECKING:  # pragma: no cover
    import folium

    from ..footfall import Footfall

#: Columns of the counters that may reach a popup (an allow-list).
COUNTER_POPUP_COLUMNS: tuple[str, ...] = ("counter_id", "name")


def counters_layer(m: folium.Map, ff: Footfall, *, lang: str) -> str | None:
    """The counters as circles sized by mean pedestrians per day; the layer key, None without any."""
    counters = checked(ff.counters, "footfall_counters")
    if counters is None or not len(counters):
        return None
    counters = counters.reset_index(drop=True)
    bad = (counters.geometry.isna() | counters.geometry.is_empty).to_numpy()
    if bad.any():
        names = counters.loc[bad, "counter_id"].astype(str).tolist()
        warnings.warn(
            f"{int(bad.sum())} footfall counter(s) without a position are not drawn: "
            f"{', '.join(names[:10])}; pass positions= to gi.footfall.read",
            GeoinnenstadtWarning,
            stacklevel=3,
        )
        counters = counters.loc[~bad].reset_index(drop=True)
        if not len(counters):
            return None
    fig = footfall_summary(ff).reindex(counters["counter_id"].astype(str).to_numpy())
    means = [None if pd.isna(v) else float(v) for v in fig["mean"]]
    radii = gi_style.counter_radius(means)
    base = gi_style.symbol("footfall.counter").leaflet()
    styles = [{**base, "radius": r} for r in radii]
    counted = fig["last"].notna().to_numpy()

    def mean_text(v: Any, has_counts: bool) -> str:
        if not has_counts:
            return labels.value_label("status", "not_measured", lang)
        if pd.isna(v):
            return labels.value_label("status", "no_complete_days", lang)
        return labels.format_int(v, lang=lang)

    period = [
        labels.text(
            "map.period", lang,
            start=labels.format_date(a, lang=lang), end=labels.format_date(b, lang=lang),
        ) if c else None
        for a, b, c in zip(fig["first"], fig["last"], counted, strict=True)
    ]  # fmt: skip
    change = [
        None if pd.isna(v) else labels.format_percent(v, lang=lang, sign=True)
        for v in fig["change"]
    ]
    names = [
        str(n) if not labels.is_na(n) and str(n) else str(i)
        for n, i in zip(
            counters["name"] if "name" in counters else counters["counter_id"],
            counters["counter_id"],
            strict=True,
        )
    ]
    cols: dict[str, Any] = {
        "name": payload.encode(names),
        "mean": payload.encode(
            [mean_text(v, c) for v, c in zip(fig["mean"], counted, strict=True)]
        ),
        "period": payload.encode(period),
        "change": payload.encode(change),
    }
    fields = [("map.footfall_mean", "mean"), ("map.footfall_period", "period")]
    year = fig["year"].iloc[0]
    popup = payload.popup("name", fields, lang)
    if not pd.isna(year):
        popup["fields"].append([labels.text("map.footfall_change", lang, year=int(year)), "change"])
    data = payload.points(lonlat(counters), np.arange(len(counters)), cols)
    key = add_layer(
        m, "counters", labels.text("map.footfall", lang), data, styles=styles, popup=popup,
        extra={"pane": "giCounters", "paneZ": 455},  # above every unit point
    )  # fmt: skip
    item = symbol_item("footfall.counter", lang, count=len(counters))
    add_box(
        m,
        legend_html(labels.text("map.footfall", lang), [item], points=True, layers=[key]),
        position="bottomright",
        cls="gi-legend",
    )
    return key
