"""The use mix on the vacancy map (issue 20): units by use category, the quarters' use mix.

* :func:`unit_uses` reads every drawn unit's use at every date of the map's
  slider with :func:`geoinnenstadt.uses.categorise` (the one rule: codes,
  labels, OSM tags, WZ 2008) — the top-level category (``level="category"``)
  and the most specific one (``level="leaf"``). The unit filter "Nutzung"
  offers the top-level categories, and the use-mix layer draws them.
* :func:`use_mix_layer` is the opt-in layer of the occupied units coloured by
  category (symbols ``use.<category>`` of :mod:`geoinnenstadt.style`), with
  one legend per date (rows tied to the layer) and popups naming the use
  (the leaf label) and the brand. Its points follow the unit filters: a point
  is shown only where the units layer keeps its unit, and its popup reads the
  address and id from there (``unitsOf``).
* :func:`quarter_mixes` is :func:`geoinnenstadt.uses.mix` at every date of
  the slider, computed once for the quarter profiles (shares, diversity,
  chain share).

Examples
--------
>>> import geoinnenstadt as gi
>>> city = gi.load_sample("dortmund")
>>> m = gi.maps.vacancy_map(city, hotspots=False, footfall=False)
>>> "Nutzungsmix (genutzte Einheiten)" in gi.maps.to_html(m)
True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd

from .. import labels
from .. import style as gi_style
from ..errors import SchemaError, WarningLog
from . import payload
from .layers import formatted, lonlat
from .legend import legend_html, symbol_item
from .page import add_box, add_layer

if TYPE_CHECKING:  # pragma: no cover
    import folium

    from ..vacancy import VacancyPanel
    from .timeline import Panel

#: The symbol keys of the use-mix layer's style codes, in the order of the categories of gi.uses.
USE_KEYS: tuple[str, ...] = tuple(f"use.{c}" for c in gi_style.USE_TOP)
_OTHER = gi_style.USE_TOP.index("other")

#: Columns of the units that may reach a popup of the use-mix layer (an allow-list).
USE_MIX_POPUP_COLUMNS: tuple[str, ...] = ("unit_id", "address", "use", "brand")


@dataclass
class UnitUses:
    """The use of every unit of a :class:`~geoinnenstadt.maps.timeline.Panel` at every date.

    Lists in the order of the panel's dates, arrays aligned to its ``union``;
    ``None`` where a unit is not drawn at that date or has no use.
    """

    top: list[np.ndarray]
    leaf: list[np.ndarray]


def unit_uses(panel: Panel) -> UnitUses | None:
    """The top-level and the leaf category of each drawn unit at each date.

    None when the units have no ``use`` column (nor OSM tag columns). A use
    that cannot be read is named once in a
    :class:`geoinnenstadt.uses.UnknownUseWarning` (counted as Sonstiges).
    """
    from ..uses import categorise

    log = WarningLog()
    top: list[np.ndarray] = []
    leaf: list[np.ndarray] = []
    for aligned in panel.aligned:
        drawn = aligned["unit_id"].notna().to_numpy()
        rows = aligned.loc[drawn]
        try:
            t = log.collect(partial(categorise, rows, level="category"))
            lf = log.collect(partial(categorise, rows, level="leaf"))
        except SchemaError:
            return None
        for found, out in ((t, top), (lf, leaf)):
            arr = np.full(len(aligned), None, dtype=object)
            arr[drawn] = found.to_numpy(dtype=object)
            out.append(arr)
    log.raise_once(stacklevel=2)
    return UnitUses(top, leaf)


def category_labels(values: np.ndarray, lang: str) -> list[str | None]:
    """The label of each top-level category (None stays None)."""
    return formatted(values, lambda c: labels.value_label("use_category", c, lang))


def category_order(lang: str) -> list[str]:
    """The labels of the top-level categories in the order of :data:`geoinnenstadt.uses.CATEGORIES`."""
    return [labels.value_label("use_category", c, lang) for c in gi_style.USE_TOP]


def use_mix_layer(
    m: folium.Map, panel: Panel, uses: UnitUses, *, lang: str, units_key: str = "units"
) -> str | None:
    """The opt-in layer of the occupied units by use category; its key, None without any.

    An occupied unit without a use is drawn as Sonstiges (the rule of
    :func:`geoinnenstadt.uses.mix`). Only units drawn at a date (the
    inventory, without the quarters withheld then) are in that date's data.
    """
    union = panel.union.reset_index(drop=True)
    codes_all: list[np.ndarray] = []
    for aligned, classes, top in zip(panel.aligned, panel.unit_classes, uses.top, strict=True):
        occupied = aligned["unit_id"].notna().to_numpy() & (
            classes.to_numpy(dtype=object) == "occupied"
        )
        code = np.array(
            [gi_style.USE_TOP.index(t) if t in gi_style.USE_TOP else _OTHER for t in top],
            dtype=np.int64,
        )
        codes_all.append(np.where(occupied, code, -1))
    keep = np.zeros(len(union), dtype=bool)
    for c in codes_all:
        keep |= c >= 0
    if not keep.any():
        return None
    codes = [c[keep] for c in codes_all]
    per_date: dict[str, list[list[str | None]]] = {}
    for aligned, c, leaf in zip(panel.aligned, codes, uses.leaf, strict=True):
        sub = aligned.loc[keep]
        shown = c >= 0
        brand = sub["brand"] if "brand" in sub.columns else pd.Series(None, index=sub.index)
        values = {
            "leaf": formatted(
                leaf[keep],
                lambda v: labels.value_label("use_category", v, lang),
            ),
            "brand": formatted(brand, str),
        }
        for name, texts in values.items():
            per_date.setdefault(name, []).append(
                [t if s else None for t, s in zip(texts, shown, strict=True)]
            )
    last = len(panel.dates) - 1
    cols: dict[str, Any] = {name: payload.encode(per_date[name][last]) for name in per_date}
    # the unit's position in the units layer: its filters decide whether the point is shown, and
    # the popup reads its address and id there (as surveyed at the selected date)
    hidden = {"unit": payload.encode([str(i) for i in np.flatnonzero(keep)])}
    geo = gpd.GeoDataFrame(union.loc[keep], geometry=union.geometry[keep], crs=panel.union.crs)
    timed = payload.timed(panel.isos, codes, per_date, cols)
    data = payload.points(lonlat(geo), codes[last], cols, hidden_columns=hidden, timed=timed)
    popup = payload.popup(
        "address",
        [("use", "leaf"), ("brand", "brand"), ("unit_id", "id")],
        lang,
    )
    styles = [gi_style.symbol(k).leaflet() for k in USE_KEYS]
    key = add_layer(
        m, "use_mix", labels.text("map.use_mix", lang), data, styles=styles, popup=popup,
        show=False, extra={"unitsOf": units_key},
    )  # fmt: skip
    present = sorted(set(np.concatenate(codes).tolist()) - {-1})
    htmls = []
    for c in codes:  # every row counts the occupied units of its category drawn at the date
        n = np.bincount(c[c >= 0], minlength=len(USE_KEYS))
        items = [symbol_item(USE_KEYS[i], lang, count=int(n[i])) for i in present]
        htmls.append(
            legend_html(
                labels.text("map.use_mix", lang), items, points=True, layers=[key] * len(items)
            )
        )
    html: Any = htmls[0] if len(htmls) == 1 else {"dates": panel.isos, "html": htmls}
    add_box(m, html, position="bottomright", cls="gi-legend")
    return key


def quarter_mixes(vp: VacancyPanel) -> list[pd.DataFrame | None] | None:
    """:func:`geoinnenstadt.uses.mix` of the panel's units and quarters at each of its dates.

    Indexed by the quarter id as text. None without quarters or without a
    ``use`` column. The warnings of the calls (unknown uses, units outside
    every quarter) are given once.
    """
    from ..uses import mix

    quarters = vp.quarters
    if quarters is None or not len(quarters):
        return None
    units = vp.units
    log = WarningLog()
    out: list[pd.DataFrame | None] = []
    try:
        for d in vp.dates:
            table = log.collect(partial(mix, units, quarters, at=d, total=False))
            table.index = table.index.astype(str)
            out.append(table)
    except SchemaError:
        return None
    log.raise_once(latest_per_category=True, stacklevel=2)
    return out
