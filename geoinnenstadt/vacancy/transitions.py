"""Vacancy flows between two dates (see :mod:`geoinnenstadt.vacancy`)."""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from .. import crs
from .inventory import (
    TOTAL_ID,
    TOTAL_NAME,
    DateLike,
    Rounds,
    assign_quarters,
    iso_day,
    prepare_quarters,
    prepare_units,
    require_points,
    resolve_at,
    state_rows,
    survey_round_dates,
    warn_outside,
)

#: Categories of :func:`flow_units` (column ``flow``).
FLOW_CATEGORIES: tuple[str, ...] = (
    "became_vacant", "re_let", "still_vacant", "still_occupied", "new", "removed",
)  # fmt: skip

_FLOW_COLUMNS = [
    "name", "became_vacant", "re_let", "re_let_fund", "still_vacant", "still_occupied",
    "new_units", "new_vacant", "removed_units",
]  # fmt: skip


# --------------------------------------------------------------------------- flows


def _has_fund(values: pd.Series) -> np.ndarray:
    s = values.astype(object)
    present = s.notna() & (s.astype(str).str.strip() != "")
    return present.to_numpy(dtype=bool)


def _flow_frame(
    frame: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp, rounds: np.ndarray
) -> gpd.GeoDataFrame:
    s0 = state_rows(frame, start, rounds).set_index("unit_id", drop=False)
    s1 = state_rows(frame, end, rounds).set_index("unit_id", drop=False)
    ids0, ids1 = set(s0.index), set(s1.index)
    ids = list(s0.index) + [u for u in s1.index if u not in ids0]
    in0 = np.array([u in ids0 for u in ids], dtype=bool)
    in1 = np.array([u in ids1 for u in ids], dtype=bool)
    status0 = s0["status"].astype(object).reindex(ids)
    status1 = s1["status"].astype(object).reindex(ids).where(in1)
    v0 = (status0 == "vacant").to_numpy(dtype=bool)
    v1 = (status1 == "vacant").to_numpy(dtype=bool)
    flow = np.select(
        [
            ~in0,
            ~in1,
            ~v0 & v1,
            v0 & ~v1,
            v0 & v1,
        ],
        ["new", "removed", "became_vacant", "re_let", "still_vacant"],
        default="still_occupied",
    )
    fund1 = (
        s1["fund"].astype(object).reindex(ids).where(in1)
        if "fund" in s1.columns
        else pd.Series([None] * len(ids), index=ids, dtype=object)
    )
    geom_name = frame.geometry.name
    g1 = s1[geom_name].reindex(ids)
    g0 = s0[geom_name].reindex(ids)
    geometry = g1.where(g1.notna(), g0)
    return gpd.GeoDataFrame(
        {
            "unit_id": ids,
            "status_start": status0.to_numpy(),
            "status_end": status1.to_numpy(),
            "fund_end": fund1.to_numpy(),
            "flow": pd.Categorical(flow, categories=list(FLOW_CATEGORIES)),
            "re_let_fund": (flow == "re_let") & _has_fund(fund1),
        },
        geometry=gpd.GeoSeries(geometry.to_numpy(), crs=frame.crs),
        crs=frame.crs,
    )


def _flow_dates(
    frame: pd.DataFrame, start: DateLike, end: DateLike
) -> tuple[pd.Timestamp, pd.Timestamp]:
    if start is None or end is None:
        raise ValueError(
            "flows need both start= and end= dates, e.g. start='2024-06-30', end='2025-06-30'"
        )
    t0 = resolve_at(frame, start, "start")
    t1 = resolve_at(frame, end, "end")
    if not t0 < t1:
        raise ValueError(f"start={iso_day(t0)} must be before end={iso_day(t1)}")
    return t0, t1


def flow_units(
    units: gpd.GeoDataFrame, *, start: DateLike, end: DateLike, rounds: Rounds = None
) -> gpd.GeoDataFrame:
    """Transition of every unit between the inventory at ``start`` and the one at ``end``.

    Parameters
    ----------
    units : GeoDataFrame
        Units panel.
    start, end : str, date or Timestamp
        Two dates (usually survey dates), ``start < end``; ``start`` must not
        lie before the first survey.
    rounds : sequence of dates, optional
        Survey round dates (default: derived from the survey dates, which form one
        round when less than ``settings.survey_round_gap_days`` apart; a survey
        split into two batches warns, see
        :func:`geoinnenstadt.vacancy.inventory.survey_round_dates`).

    Returns
    -------
    GeoDataFrame
        One row per unit in the state at ``start`` or at ``end``: ``unit_id``,
        ``status_start``, ``status_end``, ``fund_end`` (``fund`` of the end
        survey), ``flow`` (one of :data:`FLOW_CATEGORIES`), ``re_let_fund``
        (re-let and ``fund_end`` not empty) and the geometry (position at the
        end, else at the start).

        ``flow``: ``"new"`` = not in the inventory at ``start``, in the one at
        ``end``; ``"removed"`` = in the inventory at ``start`` but not at
        ``end`` (missing from the latest round on or before ``end``: it has
        left the inventory, and :func:`rates` no longer counts it);
        otherwise ``"became_vacant"`` (occupied → vacant), ``"re_let"``
        (vacant → occupied), ``"still_vacant"`` or ``"still_occupied"``.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> dates = sorted(city.units["survey_date"].unique())
    >>> f = gi.vacancy.flow_units(city.units, start=dates[0], end=dates[-1])
    >>> set(f["flow"].cat.categories) == set(gi.vacancy.FLOW_CATEGORIES)
    True
    """
    frame = prepare_units(units)
    t0, t1 = _flow_dates(frame, start, end)
    out = _flow_frame(frame, t0, t1, survey_round_dates(frame, rounds))
    out.attrs = {"start": t0, "end": t1}
    return out


def _count_flows(f: pd.DataFrame) -> pd.Series:
    flow = f["flow"].astype(object)
    vac_end = (f["status_end"] == "vacant").to_numpy(dtype=bool)
    return pd.Series(
        {
            "became_vacant": int((flow == "became_vacant").sum()),
            "re_let": int((flow == "re_let").sum()),
            "re_let_fund": int(f["re_let_fund"].sum()),
            "still_vacant": int((flow == "still_vacant").sum()),
            "still_occupied": int((flow == "still_occupied").sum()),
            "new_units": int((flow == "new").sum()),
            "new_vacant": int(((flow == "new").to_numpy() & vac_end).sum()),
            "removed_units": int((flow == "removed").sum()),
        },
        dtype=np.int64,
    )


def flows(
    units: gpd.GeoDataFrame,
    *,
    start: DateLike,
    end: DateLike,
    quarters: gpd.GeoDataFrame | None = None,
    id_column: str | None = None,
    rounds: Rounds = None,
) -> pd.DataFrame:
    """Vacancy flows between two dates: became vacant, re-let (via a fund), new, removed.

    Counts of :func:`flow_units` per quarter (if ``quarters`` is given) plus
    a city-total row over all units (also those outside every quarter).

    Parameters
    ----------
    units : GeoDataFrame
        Units panel.
    start, end : str, date or Timestamp
        ``start < end``; states as in :func:`state_at`.
    quarters : GeoDataFrame, optional
        Quarters in the CRS of ``units``; without them only the total row.
    id_column : str, optional
        Id column of ``quarters`` (default ``"quarter_id"``).
    rounds : sequence of dates, optional
        Survey round dates (default: derived from the survey dates, which form one
        round when less than ``settings.survey_round_gap_days`` apart; a survey
        split into two batches warns, see
        :func:`geoinnenstadt.vacancy.inventory.survey_round_dates`).

    Returns
    -------
    DataFrame
        Indexed by ``quarter_id`` (quarters in layer order, then ``"total"``)
        with ``name``, ``became_vacant``, ``re_let``, ``re_let_fund`` (re-let
        with a non-empty ``fund`` in the end survey, e.g. the
        Anmietungs-Fonds), ``still_vacant``, ``still_occupied``,
        ``new_units``, ``new_vacant`` (new units vacant at ``end``) and
        ``removed_units`` (see :func:`flow_units`). Units are placed in a
        quarter by their position at ``end`` (at ``start`` for removed
        units); ``attrs["units_outside"]`` counts those outside every quarter
        (also named in an :class:`OutsideZonesWarning`).

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> dates = sorted(city.units["survey_date"].unique())
    >>> f = gi.vacancy.flows(city.units, start=dates[-2], end=dates[-1], quarters=city.quarters)
    >>> bool((f["re_let_fund"] <= f["re_let"]).all())
    True
    """
    frame = prepare_units(units)
    t0, t1 = _flow_dates(frame, start, end)
    per_unit = _flow_frame(frame, t0, t1, survey_round_dates(frame, rounds))
    rows: dict[Any, pd.Series] = {}
    names: dict[Any, Any] = {}
    outside = 0
    if quarters is not None:
        col, info = prepare_quarters(quarters, id_column)
        crs.require_same(units, quarters, names=["units", "quarters"])
        require_points(per_unit)
        qid = assign_quarters(per_unit, quarters, col)
        outside = int(qid.isna().sum())
        warn_outside(per_unit["unit_id"][qid.isna().to_numpy()], len(per_unit))
        for q, name in info["name"].items():
            rows[q] = _count_flows(per_unit[(qid == q).fillna(False).to_numpy(dtype=bool)])
            names[q] = name
    rows[TOTAL_ID] = _count_flows(per_unit)
    names[TOTAL_ID] = TOTAL_NAME
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.insert(0, "name", pd.Series(names))
    out.index.name = "quarter_id"
    out = out[_FLOW_COLUMNS]
    out.attrs = {"start": t0, "end": t1, "units_outside": outside}
    return out
