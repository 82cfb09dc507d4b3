"""The vacancy map's view of a :class:`~geoinnenstadt.vacancy.VacancyPanel`: pure reshaping.

Every figure comes from the panel (:func:`geoinnenstadt.vacancy.panel`
computes the inventory, rates, durations, hot spots, trend and the
publication decision once); this module only lines them up for the page.

The units drawn are the union over the dates (one point per ``unit_id``); a
unit not in the inventory at a date, or in a quarter withheld at that date, is
not drawn at that date. The attributes at each date are the unit's state at
that date (:attr:`Panel.aligned`), so a popup shows the survey as it was then.
The point of a unit lies where its latest *drawn* survey puts it: a survey
made while its quarter is withheld never decides anything on the page, and
units withheld at every date never reach it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from ..vacancy import VacancyPanel


@dataclass
class Panel:
    """Per-date figures of the vacancy map (lists are in the order of :attr:`dates`)."""

    dates: list[pd.Timestamp]
    union: gpd.GeoDataFrame
    aligned: list[pd.DataFrame]
    durations: list[pd.DataFrame]
    rates: list[pd.DataFrame | None] = field(default_factory=list)
    hidden_quarters: list[set[str]] = field(default_factory=list)
    trend: pd.DataFrame | None = None
    profile_hidden: set[str] = field(default_factory=set)
    #: Gi* per date aligned to :attr:`union`; the error when it could not be computed
    hotspots: list[pd.DataFrame | Exception | None] = field(default_factory=list)
    #: the significance level the hot spots were computed with (``attrs["alpha"]``); None without
    hotspot_alpha: float | None = None
    #: the display class of each unit per date aligned to :attr:`union`
    #: (:meth:`~geoinnenstadt.vacancy.VacancyPanel.unit_classes_at`; None where not drawn)
    unit_classes: list[pd.Series] = field(default_factory=list)

    @property
    def isos(self) -> list[str]:
        """The dates as ISO text (``"2025-06-30"``)."""
        return [d.strftime("%Y-%m-%d") for d in self.dates]


def build(vp: VacancyPanel) -> Panel:
    """The vacancy map's per-date view of ``vp`` (see the module docstring); nothing is computed."""
    units = vp.units
    dates = list(vp.dates)
    drawn = [vp.drawn_at(d) for d in dates]
    drawn_row: dict[str, int] = {}
    for state in drawn:  # in date order: the latest date at which a unit is drawn wins
        drawn_row.update(zip(state["unit_id"].astype(str), state.index, strict=True))
    union = _union(units, dates[-1], drawn_row)
    uid = pd.Index(union["unit_id"].astype(str))
    failed = vp.hotspots_error()
    hs: list[pd.DataFrame | Exception | None] = []
    rates: list[pd.DataFrame | None] = []
    hidden: list[set[str]] = []
    alpha: float | None = None
    for d, state in zip(dates, drawn, strict=True):
        found = None if failed is not None else vp.hotspots_at(d)
        if found is not None and alpha is None and "alpha" in found.attrs:
            alpha = float(found.attrs["alpha"])
        hs.append(
            failed if failed is not None else None if found is None else _spots(found, state, uid)
        )
        rates.append(vp.rates_at(d))
        w = vp.withheld_at(d)
        hidden.append(set(w.index[w != ""]))
    return Panel(
        dates,
        union,
        [_reindex(state, uid) for state in drawn],
        [_reindex(vp.durations_at(d), uid) for d in dates],
        rates,
        hidden,
        vp.trend,
        set(vp.trend_withheld),
        hs,
        alpha,
        [_classes(vp, d, state, uid) for d, state in zip(dates, drawn, strict=True)],
    )


def _classes(vp: VacancyPanel, date: pd.Timestamp, state: pd.DataFrame, uid: pd.Index) -> pd.Series:
    """The panel's unit classes at ``date`` (one rule for both maps) aligned to ``uid``."""
    classes = vp.unit_classes_at(date)
    ids = state["unit_id"].astype(str).to_numpy()
    return pd.Series(classes.to_numpy(dtype=object), index=ids, dtype=object).reindex(uid)


def _union(
    units: gpd.GeoDataFrame, last: pd.Timestamp, drawn_row: dict[str, int]
) -> gpd.GeoDataFrame:
    """One row per unit drawn at some date: ``drawn_row[unit_id]``.

    The row of its latest drawn state, in the order in which the units first
    appear up to ``last``.
    """
    upto = (units["survey_date"] <= last).to_numpy()
    ids = units["unit_id"].astype(str).to_numpy()[upto]
    first = pd.Series(np.arange(len(units))[upto]).groupby(ids, sort=False).min()
    order = sorted(drawn_row, key=lambda uid: first[uid])
    return units.loc[[drawn_row[uid] for uid in order]]


def _reindex(frame: pd.DataFrame, uid: pd.Index) -> pd.DataFrame:
    """``frame`` (one row per unit, ``unit_id`` column or index) in the order of ``uid``."""
    if "unit_id" in frame.columns:
        f = frame.assign(_id=frame["unit_id"].astype(str)).drop_duplicates("_id")
        f = f.set_index("_id")
    else:
        f = frame.copy()
        f.index = f.index.astype(str)
    out = pd.DataFrame(f).reindex(uid)
    out.index = pd.RangeIndex(len(uid))
    return out


def _spots(found: pd.DataFrame, state: pd.DataFrame, uid: pd.Index) -> pd.DataFrame:
    """Hot spots of one date aligned to ``uid``."""
    frame = pd.DataFrame(found)
    if "unit_id" not in frame.columns:
        frame = frame.assign(unit_id=state["unit_id"].reindex(frame.index).to_numpy())
    return _reindex(frame, uid)
