"""Vacancy rates, their trend and vacancy durations (see :mod:`geoinnenstadt.vacancy`).

Shared building blocks (public names for the other modules of the package, not part of
the user-facing ``__all__``): ``ground_floor_units``, ``rates_table``,
``rates_from_state``, ``rates_from_state``.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

import geopandas as gpd
import numpy as np
import pandas as pd

from .. import crs
from ..errors import GeoinnenstadtWarning, SchemaError, name_some
from .inventory import (
    AREA_WAIVED,
    TOTAL_ID,
    TOTAL_NAME,
    DateLike,
    Rounds,
    assign_quarters,
    prepare_quarters,
    prepare_units,
    require_points,
    resolve_at,
    resolve_long_months,
    state_rows,
    survey_round_dates,
    warn_outside,
)

#: Vacancy duration classes: key → (lower months, upper months, German display label).
#: Intervals in calendar months: ``lt6m`` [0, 6), ``6to12m`` [6, 12], ``12to24m`` (12, 24],
#: ``gt24m`` (24, ∞) — so "long-term" (> 12 months) = ``12to24m`` or ``gt24m``. The exact
#: date rule is given in :func:`durations`.
DURATION_CLASSES: dict[str, tuple[int, float, str]] = {
    "lt6m": (0, 6, "< 6 Monate"),
    "6to12m": (6, 12, "6–12 Monate"),
    "12to24m": (12, 24, "12–24 Monate"),
    "gt24m": (24, float("inf"), "> 24 Monate"),
}

#: The display class of a vacant unit whose duration is not known (no ``vacant_since``).
UNKNOWN_DURATION = "unknown"


def unit_classes(state: pd.DataFrame, durations: pd.DataFrame | None) -> pd.Series:
    """The display class of every unit of ``state``: ``"occupied"``, a duration class, or ``"unknown"``.

    The one rule by which the maps and print maps class the units they draw:
    a unit whose ``status`` is ``"vacant"`` takes its ``duration_class`` from
    ``durations`` (:func:`durations` at the same date; one of the keys of
    :data:`DURATION_CLASSES`), or ``"unknown"`` when it has none (no
    ``vacant_since``); every other unit is ``"occupied"``. ``durations`` is
    matched by ``unit_id`` (column or index name) when both frames have it,
    else by index label.

    Parameters
    ----------
    state : DataFrame
        The units at a date (:func:`~geoinnenstadt.vacancy.state_at`, or the
        units a panel draws then).
    durations : DataFrame or None
        :func:`durations` at that date; ``None``: every vacant unit is ``"unknown"``.

    Returns
    -------
    pandas.Series
        Class per unit (object dtype), indexed like ``state``.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> state = gi.vacancy.state_at(city.units, at="2025-06-30")
    >>> classes = gi.vacancy.unit_classes(state, gi.vacancy.durations(city.units, at="2025-06-30"))
    >>> sorted(set(classes)) <= ["12to24m", "6to12m", "gt24m", "lt6m", "occupied", "unknown"]
    True
    """
    vacant = np.zeros(len(state), dtype=bool)
    if "status" in state.columns:
        vacant = np.array([s == "vacant" for s in state["status"].astype(object)], dtype=bool)
    found = pd.Series([None] * len(state), index=state.index, dtype=object)
    if durations is not None and "duration_class" in durations and len(durations):
        dc = durations["duration_class"].astype(object)
        ids = None
        if "unit_id" in durations.columns:
            ids = durations["unit_id"].astype(str)
        elif durations.index.name == "unit_id":
            ids = pd.Series(durations.index.astype(str), index=durations.index)
        if ids is not None and "unit_id" in state.columns:
            by_id = pd.Series(dc.to_numpy(), index=ids.to_numpy())
            by_id = by_id[~by_id.index.duplicated(keep="last")]
            found = pd.Series(
                by_id.reindex(state["unit_id"].astype(str).to_numpy()).to_numpy(),
                index=state.index,
                dtype=object,
            )
        else:
            found = dc.reindex(state.index).astype(object)
    out = np.where(vacant, UNKNOWN_DURATION, "occupied").astype(object)
    for key in DURATION_CLASSES:
        out[vacant & (found.to_numpy() == key)] = key
    return pd.Series(out, index=state.index, dtype=object, name="unit_class")


_RATE_COLUMNS = [
    "name", "units", "vacant", "vacancy_rate", "floor_area_m2", "vacant_floor_area_m2",
    "floor_area_vacancy_rate", "median_vacancy_days", "long_term_vacant", "long_term_share",
    "survey_date",
]  # fmt: skip

# --------------------------------------------------------------------------- rates


def _long_term(since: pd.Series, at: pd.Timestamp, months: int) -> np.ndarray:
    """``since + months calendar months < at`` (NaT → False)."""
    shifted = since + pd.DateOffset(months=int(months))
    return (shifted < at).fillna(False).to_numpy(dtype=bool)


def _per_unit(state: pd.DataFrame, at: pd.Timestamp, months: int) -> pd.DataFrame:
    vacant = state["_vacant"].to_numpy(dtype=bool)
    area = state["floor_area_m2"].to_numpy(dtype=float)
    since = state["vacant_since"].where(vacant)
    days = (at - since).dt.days.astype(float)
    return pd.DataFrame(
        {
            "vacant": vacant.astype(np.int64),
            "area": area,
            "vacant_area": np.where(vacant, area, 0.0),
            "days": days.to_numpy(),
            "long": (_long_term(since, at, months) & vacant).astype(np.int64),
            "survey_date": state["survey_date"].to_numpy(),
        }
    )


def _summarise(per_unit: pd.DataFrame, keys: np.ndarray) -> pd.DataFrame:
    df = per_unit.assign(key=keys)
    agg = df.groupby("key", sort=False, dropna=True).agg(
        units=("vacant", "size"),
        vacant=("vacant", "sum"),
        floor_area_m2=("area", "sum"),
        vacant_floor_area_m2=("vacant_area", "sum"),
        median_vacancy_days=("days", "median"),
        long_term_vacant=("long", "sum"),
        survey_date=("survey_date", "max"),
    )
    return agg


def _finish_rates(table: pd.DataFrame) -> pd.DataFrame:
    for c in ("units", "vacant", "long_term_vacant"):
        table[c] = table[c].fillna(0).astype(np.int64)
    for c in ("floor_area_m2", "vacant_floor_area_m2"):
        table[c] = table[c].fillna(0.0).astype(float)
    units = table["units"].astype(float)
    table["vacancy_rate"] = (table["vacant"] / units.where(units > 0)).astype(float)
    area = table["floor_area_m2"]
    table["floor_area_vacancy_rate"] = (
        table["vacant_floor_area_m2"] / area.where(area > 0)
    ).astype(float)
    vac = table["vacant"].astype(float)
    table["long_term_share"] = (table["long_term_vacant"] / vac.where(vac > 0)).astype(float)
    table["median_vacancy_days"] = table["median_vacancy_days"].astype(float)
    table["survey_date"] = table["survey_date"].astype("datetime64[ns]")
    return table[_RATE_COLUMNS]


def rates_table(
    state: pd.DataFrame,
    qid: pd.Series,
    info: pd.DataFrame,
    at: pd.Timestamp,
    total: bool,
    months: int | None = None,
) -> pd.DataFrame:
    """The rates table of a state (:func:`~geoinnenstadt.vacancy.inventory.state_rows`).

    One row per quarter of ``info`` (by ``qid``), plus the total row when ``total``.
    """
    per_unit = _per_unit(state, at, resolve_long_months(months))
    keys = np.asarray(qid, dtype=object)
    by_quarter = _summarise(per_unit, keys).reindex(info.index)
    table = info.join(by_quarter)
    if total:
        total_row = _summarise(per_unit, np.full(len(per_unit), TOTAL_ID, dtype=object))
        total_row = total_row.reindex([TOTAL_ID])
        total_row.insert(0, "name", TOTAL_NAME)
        table = pd.concat([table, total_row])
    table.index.name = "quarter_id"
    return _finish_rates(table)


def ground_floor_units(state: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Ground-floor units only and the number of units without a flag (used by ``scale``)."""
    kept, missing = _ground_floor_ids(state)
    return kept, len(missing)


def _ground_floor_ids(state: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Ground-floor units only; also the ids of units without a flag (left out, reported)."""
    if "ground_floor" not in state.columns:
        raise SchemaError(
            "ground_floor_only=True needs the units column 'ground_floor' (bool); "
            "add it or call with ground_floor_only=False"
        )
    gf = state["ground_floor"]
    missing = gf.isna().to_numpy()
    keep = gf.fillna(False).astype(bool).to_numpy()
    return state[keep], [str(v) for v in state["unit_id"].to_numpy()[missing]]


def _warn_no_flag(ids: list[str]) -> None:
    ids = list(dict.fromkeys(ids))
    if ids:
        warnings.warn(
            f"ground_floor_only=True: {len(ids)} unit(s) have no ground_floor flag and are left "
            f"out ({name_some(ids)}); set ground_floor to True or False for them "
            "(attrs['ground_floor_missing'] counts them)",
            GeoinnenstadtWarning,
            stacklevel=3,
        )


def rates(
    units: gpd.GeoDataFrame,
    quarters: gpd.GeoDataFrame,
    *,
    at: DateLike = None,
    ground_floor_only: bool = False,
    id_column: str | None = None,
    total: bool = True,
    long_term_months: int | None = None,
    rounds: Rounds = None,
) -> pd.DataFrame:
    """Vacancy rate (*Leerstandsquote*) per quarter at a date, with a city total.

    Parameters
    ----------
    units : GeoDataFrame
        Units panel (Point geometries, ``unit_id``, ``survey_date``,
        ``status``, ``floor_area_m2``, ``vacant_since``).
    quarters : GeoDataFrame
        Quarters (*City-Quartiere*) in the same CRS as ``units``.
    at : str, date, Timestamp or None
        Reference date; the inventory at ``at`` (:func:`state_at`, module
        docstring). ``None``: the latest survey date. Vacancy durations are
        measured up to ``at``; a date after the latest survey warns.
    ground_floor_only : bool
        Count only ground-floor units (``ground_floor == True``; units with a
        missing flag are left out, named in a warning and counted in
        ``attrs["ground_floor_missing"]``).
    id_column : str, optional
        Id column of ``quarters`` (default ``"quarter_id"``).
    total : bool
        Append the city-total row (index ``"total"``, name ``"Gesamt"``).
    long_term_months : int, optional
        Long-term threshold in months (default ``gi.settings.long_term_months``).
    rounds : sequence of dates, optional
        Survey round dates (default: derived from the survey dates, which form one
        round when less than ``settings.survey_round_gap_days`` apart; a survey
        split into two batches warns, see
        :func:`geoinnenstadt.vacancy.inventory.survey_round_dates`).

    Returns
    -------
    DataFrame
        Indexed by ``quarter_id`` (quarters in layer order, then ``"total"``)
        with columns

        ``name``; ``units``, ``vacant`` (int); ``vacancy_rate`` = vacant /
        units; ``floor_area_m2``, ``vacant_floor_area_m2``;
        ``floor_area_vacancy_rate`` = vacant floor area / floor area, over
        the units **with** a floor area (units from sources without areas,
        e.g. OpenStreetMap, have none: they count in ``units``/``vacant``
        but not here; a :class:`~geoinnenstadt.errors.GeoinnenstadtWarning`
        names them and ``attrs["units_without_floor_area"]`` counts them);
        ``median_vacancy_days`` (median of ``at − vacant_since`` over the
        vacant units); ``long_term_vacant`` (int, vacant for more than
        ``long_term_months`` calendar months, see the module docstring); ``long_term_share`` = long_term_vacant / vacant;
        ``survey_date`` (latest survey date among the quarter's units).

        Quarters without vacant units have rates 0 (not NaN) and a NaN
        median duration and long-term share. Quarters without any unit have
        ``units == 0`` and NaN rates (undefined: 0/0); show them as
        "k. A." on maps.

        The **total row covers all units of the state**, including units
        outside every quarter (named in an :class:`OutsideZonesWarning`), so
        ``sum(units of quarters) + attrs["units_outside"] == total units``. ``attrs`` also holds
        ``at``, ``ground_floor_only``, ``ground_floor_missing``,
        ``long_term_months``, ``outside_unit_ids``,
        ``units_without_floor_area`` (int) and ``units_without_floor_area_ids``.

    Raises
    ------
    CRSError
        If units and quarters lack a CRS or their CRSs differ.
    SchemaError
        If units are not points (use ``.representative_point()``).
    ValueError
        If ``at`` lies before the first survey date; ``DateError`` if it is
        not a date (``"01.06.25"``, ``2025``).

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> table = gi.vacancy.rates(city.units, city.quarters, at="2025-06-30")
    >>> list(table.columns[:4])
    ['name', 'units', 'vacant', 'vacancy_rate']
    >>> int(table.loc["total", "units"]) == int(table["units"].iloc[:-1].sum()) + table.attrs["units_outside"]
    True
    """
    months = resolve_long_months(long_term_months)
    frame = prepare_units(units)
    col, info = prepare_quarters(quarters, id_column)
    crs.require_same(units, quarters, names=["units", "quarters"])
    ts = resolve_at(frame, at, warn_after=True)
    state = state_rows(frame, ts, survey_round_dates(frame, rounds))
    require_points(state)
    return rates_from_state(
        state,
        lambda s: assign_quarters(s, quarters, col),
        info,
        ts,
        total=total,
        months=months,
        ground_floor_only=ground_floor_only,
    )


def rates_from_state(
    state: pd.DataFrame,
    assign: Callable[[pd.DataFrame], pd.Series],
    info: pd.DataFrame,
    ts: pd.Timestamp,
    *,
    total: bool,
    months: int,
    ground_floor_only: bool,
) -> pd.DataFrame:
    """The rates table from the inventory at ``ts`` (shared by :func:`rates` and gi.scale)."""
    no_flag: list[str] = []
    if ground_floor_only:
        state, no_flag = _ground_floor_ids(state)
        _warn_no_flag(no_flag)
    no_area = state["floor_area_m2"].isna().to_numpy()
    no_area_ids = [str(v) for v in state["unit_id"].to_numpy()[no_area]]
    _warn_no_area(no_area_ids, len(state))
    qid = assign(state)
    table = rates_table(state, qid, info, ts, total, months)
    outside = qid.isna().to_numpy()
    outside_ids = [str(v) for v in state["unit_id"].to_numpy()[outside]]
    warn_outside(outside_ids, len(state))
    table.attrs = {
        "at": ts,
        "ground_floor_only": bool(ground_floor_only),
        "ground_floor_missing": len(no_flag),
        "long_term_months": months,
        "units_outside": int(outside.sum()),
        "outside_unit_ids": outside_ids,
        "units_without_floor_area": len(no_area_ids),
        "units_without_floor_area_ids": no_area_ids,
    }
    return table


def _warn_no_area(ids: list[str], n_units: int) -> None:
    """Name the units that area-based rates leave out (sources without floor areas)."""
    named = AREA_WAIVED.get()
    if ids and not set(ids) <= named:
        warnings.warn(
            f"{len(ids)} of {n_units} unit(s) have no floor area ({name_some(ids)}; "
            "sources such as OpenStreetMap record none): floor_area_m2, vacant_floor_area_m2 "
            "and floor_area_vacancy_rate leave them out, the count-based rates include them "
            "(attrs['units_without_floor_area'] counts them)",
            GeoinnenstadtWarning,
            stacklevel=4,
        )


def trend(
    units: gpd.GeoDataFrame,
    quarters: gpd.GeoDataFrame,
    *,
    id_column: str | None = None,
    ground_floor_only: bool = False,
    total: bool = True,
    rounds: Rounds = None,
) -> pd.DataFrame:
    """Vacancy rate per survey round and quarter, with the change in percentage points.

    Parameters
    ----------
    units, quarters : GeoDataFrame
        As in :func:`rates` (same CRS).
    id_column : str, optional
        Id column of ``quarters`` (default ``"quarter_id"``).
    ground_floor_only : bool
        Count only ground-floor units.
    total : bool
        Add the city-total rows (``quarter_id == "total"``).
    rounds : sequence of dates, optional
        Survey round dates (default: derived from the survey dates, which form one
        round when less than ``settings.survey_round_gap_days`` apart; a survey
        split into two batches warns, see
        :func:`geoinnenstadt.vacancy.inventory.survey_round_dates`); one
        row block per round, the inventory as in :func:`state_at`.

    Returns
    -------
    DataFrame
        Long format, one row per survey round and quarter, sorted by date and
        quarter (layer order, total last): ``survey_date``, ``quarter_id``,
        ``name``, ``units``, ``vacant``, ``vacancy_rate`` (as in
        :func:`rates` for ``at=survey_date``) and ``change_pp`` = change of the
        vacancy rate in **percentage points** against the previous survey date
        of the same quarter (``(rate_t − rate_{t−1}) × 100``; NaN for the first
        date or when a rate is undefined).

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> t = gi.vacancy.trend(city.units, city.quarters)
    >>> bool(t.groupby("quarter_id")["change_pp"].apply(lambda s: s.isna().iloc[0]).all())
    True
    """
    frame = prepare_units(units)
    col, info = prepare_quarters(quarters, id_column)
    crs.require_same(units, quarters, names=["units", "quarters"])
    require_points(frame)
    qid_all = assign_quarters(frame, quarters, col)
    frame = frame.assign(_qid=qid_all.to_numpy())
    round_dates = survey_round_dates(frame, rounds)
    parts, outside, no_flag = [], [], []
    for date in round_dates:
        ts = pd.Timestamp(date).as_unit("ns")
        state = state_rows(frame, ts, round_dates)
        if ground_floor_only:
            state, missing = _ground_floor_ids(state)
            no_flag += missing
        outside += [str(v) for v in state["unit_id"][state["_qid"].isna().to_numpy()]]
        table = rates_table(state, state["_qid"], info, ts, total, resolve_long_months(None))
        part = table[["name", "units", "vacant", "vacancy_rate"]].reset_index()
        part.insert(0, "survey_date", ts)
        parts.append(part)
    _warn_no_flag(no_flag)
    warn_outside(outside, frame["unit_id"].nunique())
    out = pd.concat(parts, ignore_index=True)
    out["change_pp"] = out.groupby("quarter_id", sort=False)["vacancy_rate"].diff() * 100.0
    out["survey_date"] = out["survey_date"].astype("datetime64[ns]")
    return out


# --------------------------------------------------------------------------- durations


def _full_months(since: pd.Series, at: pd.Timestamp) -> np.ndarray:
    """Completed calendar months from ``since`` to ``at`` (``since + m months <= at``)."""
    m = (at.year - since.dt.year) * 12 + (at.month - since.dt.month)
    m = m.to_numpy(dtype=np.int64)
    out = m.copy()
    # since + m months may overshoot ``at`` (day of month later): step back once
    for months in np.unique(m):
        sel = m == months
        shifted = since[sel] + pd.DateOffset(months=int(months))
        out[sel] = np.where((shifted > at).to_numpy(), months - 1, months)
    return out


def durations(
    units: gpd.GeoDataFrame,
    *,
    at: DateLike = None,
    long_term_months: int | None = None,
    rounds: Rounds = None,
) -> pd.DataFrame:
    """Vacancy duration of every unit vacant at ``at``.

    Parameters
    ----------
    units : GeoDataFrame
        Units panel.
    at : str, date, Timestamp or None
        Reference date (``None``: the latest survey date; a later date warns).
    long_term_months : int, optional
        Long-term threshold in months (default ``gi.settings.long_term_months``).
    rounds : sequence of dates, optional
        Survey round dates (default: derived from the survey dates, which form one
        round when less than ``settings.survey_round_gap_days`` apart; a survey
        split into two batches warns, see
        :func:`geoinnenstadt.vacancy.inventory.survey_round_dates`).

    Returns
    -------
    DataFrame
        One row per unit vacant in the state at ``at`` (index labels of the
        selected input rows) with ``unit_id``, ``survey_date``,
        ``vacant_since``, ``vacancy_days`` (``at − vacant_since`` in days),
        ``vacancy_months`` (completed calendar months: the largest ``m`` with
        ``vacant_since + DateOffset(months=m) <= at``), ``duration_class``
        (ordered categorical of the keys of :data:`DURATION_CLASSES`) and
        ``long_term`` (``vacant_since + DateOffset(months=long_term_months) <
        at``).

        Class boundaries, with ``d(k) = vacant_since + DateOffset(months=k)``:
        ``"lt6m"`` if ``at < d(6)``; ``"6to12m"`` if ``d(6) <= at <= d(12)``;
        ``"12to24m"`` if ``d(12) < at <= d(24)``; ``"gt24m"`` if ``d(24) < at``.
        So exactly 6 months is "6–12 Monate", exactly 12 months is still
        "6–12 Monate" (not long-term with the default 12 months) and exactly
        24 months is "12–24 Monate". German labels:
        ``DURATION_CLASSES[key][2]``.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> d = gi.vacancy.durations(city.units, at="2025-06-30")
    >>> list(d["duration_class"].cat.categories)
    ['lt6m', '6to12m', '12to24m', 'gt24m']
    """
    months = resolve_long_months(long_term_months)
    frame = prepare_units(units)
    ts = resolve_at(frame, at, warn_after=True)
    state = state_rows(frame, ts, survey_round_dates(frame, rounds))
    vac = state[state["_vacant"].to_numpy(dtype=bool)]
    since = vac["vacant_since"]
    d6 = (since + pd.DateOffset(months=6)).to_numpy()
    d12 = (since + pd.DateOffset(months=12)).to_numpy()
    d24 = (since + pd.DateOffset(months=24)).to_numpy()
    at64 = np.datetime64(ts.to_datetime64())
    keys = np.select(
        [at64 < d6, at64 <= d12, at64 <= d24],
        ["lt6m", "6to12m", "12to24m"],
        default="gt24m",
    )
    out = pd.DataFrame(
        {
            "unit_id": vac["unit_id"],
            "survey_date": vac["survey_date"].astype("datetime64[ns]"),
            "vacant_since": since.astype("datetime64[ns]"),
            "vacancy_days": (ts - since).dt.days.astype(np.int64),
            "vacancy_months": _full_months(since, ts) if len(vac) else np.array([], dtype=np.int64),
            "duration_class": pd.Categorical(keys, categories=list(DURATION_CLASSES), ordered=True),
            "long_term": _long_term(since, ts, months),
        },
        index=vac.index,
    )
    out.attrs = {"at": ts, "long_term_months": months}
    return out
