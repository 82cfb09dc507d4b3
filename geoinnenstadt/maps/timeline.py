"""The survey panel of the vacancy map: every figure at every survey date, computed once in Python.

For each date of the slider this module asks the library — never the page —
for the inventory (:func:`geoinnenstadt.vacancy.state_at`), the rates per
quarter with the city total (:func:`geoinnenstadt.vacancy.rates`), the
durations, the hot spots and, in public mode, which quarters
:func:`geoinnenstadt.privacy.suppression` withholds at that date. The trend
(:func:`geoinnenstadt.vacancy.trend`) gives the change in percentage points
and the quarter profiles; :func:`geoinnenstadt.privacy.suppressed_in_panel`
decides which profiles may show a chart.

The units drawn are the union over the dates (one point per ``unit_id``); a
unit not in the inventory at a date, or in a quarter withheld at that date, is
not drawn at that date. The attributes at each date are the unit's state at
that date (:attr:`Panel.aligned`), so a popup shows the survey as it was then.
The point of a unit lies where its latest *drawn* survey puts it: a survey
made while its quarter is withheld never decides anything on the page, and
units withheld at every date never reach it.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd

from .. import privacy

if TYPE_CHECKING:  # pragma: no cover
    from ..dates import DateLike


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

    @property
    def isos(self) -> list[str]:
        """The dates as ISO text (``"2025-06-30"``)."""
        return [d.strftime("%Y-%m-%d") for d in self.dates]


def survey_dates(units: gpd.GeoDataFrame, at: DateLike = None) -> list[pd.Timestamp]:
    """The dates of the slider: the survey rounds up to ``at`` and ``at`` itself.

    Rounds come from the panel's rule (:mod:`geoinnenstadt.vacancy.panel`);
    ``at`` defaults to the latest survey date.
    """
    from .. import dates, vacancy

    all_rounds = vacancy.survey_rounds(units)
    ts = all_rounds[-1] if at is None else dates.parse_date(at)
    rounds = [d for d in all_rounds if d <= ts]
    if not rounds or rounds[-1] != ts:
        rounds.append(ts)
    return rounds


@contextlib.contextmanager
def _quiet(shown: bool) -> Iterator[None]:
    """Warnings of the library are shown for the selected date only (not once per date)."""
    with warnings.catch_warnings():
        if not shown:
            warnings.simplefilter("ignore")
        yield


def build(
    units: gpd.GeoDataFrame,
    quarters: gpd.GeoDataFrame | None,
    *,
    at: DateLike,
    min_count: int | None,
    hotspots: bool,
) -> Panel:
    """Every per-date figure of the vacancy map (see the module docstring)."""
    from .. import vacancy, zones

    units = units.reset_index(drop=True)  # row labels are positions: the union picks by label
    dates = survey_dates(units, at)
    last = len(dates) - 1
    states, rates, hidden_q = [], [], []
    for i, d in enumerate(dates):
        with _quiet(i == last):
            state = vacancy.state_at(units, at=d)
            table = vacancy.rates(units, quarters, at=d) if quarters is not None else None
        hidden: set[str] = set()
        if table is not None:
            table.index = table.index.astype(str)
            if min_count and quarters is not None:
                qrows = table[table.index.isin(set(quarters["quarter_id"].astype(str)))]
                decision = privacy.suppression(qrows["units"], min_count=min_count)
                hidden = set(decision.index[decision != ""])
        if hidden and len(state):
            where = zones.assign(state, quarters, id_column="quarter_id", warn=False)
            state = state[~where.astype("object").astype(str).isin(hidden).to_numpy()]
        states.append(state)
        rates.append(table)
        hidden_q.append(hidden)
    drawn_row: dict[str, int] = {}
    for state in states:  # in date order: the latest date at which a unit is drawn wins
        drawn_row.update(zip(state["unit_id"].astype(str), state.index, strict=True))
    union = _union(units, dates[-1], drawn_row)
    uid = pd.Index(union["unit_id"].astype(str))
    aligned: list[pd.DataFrame] = []
    durations: list[pd.DataFrame] = []
    hs: list[pd.DataFrame | Exception | None] = []
    for i, (d, state) in enumerate(zip(dates, states, strict=True)):
        aligned.append(_reindex(state, uid))
        with _quiet(i == last):
            durations.append(_reindex(vacancy.durations(units, at=d), uid))
            hs.append(_hotspots(units, state, d, uid) if hotspots and len(state) else None)
    trend = None
    profile_hidden: set[str] = set()
    if quarters is not None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the same warnings as rates above
            trend = vacancy.trend(units, quarters)
        trend = trend[trend["survey_date"] <= dates[-1]].copy()
        trend["quarter_id"] = trend["quarter_id"].astype(str)
        if min_count:
            profile_hidden = {
                str(q) for q in privacy.suppressed_in_panel(trend, min_count=min_count)
            }
    return Panel(dates, union, aligned, durations, rates, hidden_q, trend, profile_hidden, hs)


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


def _hotspots(
    units: gpd.GeoDataFrame, state: pd.DataFrame, at: pd.Timestamp, uid: pd.Index
) -> pd.DataFrame | Exception:
    """Gi* at ``at`` on the units drawn at that date, aligned to ``uid`` (or the error)."""
    from .. import vacancy

    shown = units[units["unit_id"].astype(str).isin(set(state["unit_id"].astype(str)))]
    try:
        hs = vacancy.hotspots(shown, at=at)
    except (ValueError, ImportError) as exc:  # CRSError is a ValueError
        return exc
    frame = pd.DataFrame(hs)
    if "unit_id" not in frame.columns:
        frame = frame.assign(unit_id=state["unit_id"].reindex(frame.index).to_numpy())
    return _reindex(frame, uid)
