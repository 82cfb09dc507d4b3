"""Vacancy indicators (Leerstand) from the units panel.

The units layer is a panel of vacancy surveys (*Leerstandserhebungen*): one
row per commercial unit and survey date (DESIGN.md §3). Every function here
works on **the state at a date** ``at``: each unit's latest survey on or
before ``at`` (:func:`state_at`; ``at=None`` means the latest survey date in
the data). A unit that is not surveyed again keeps its last known status
("carry forward").

Functions
---------
state_at
    The state of every unit at a date.
rates
    Vacancy rate (*Leerstandsquote*) by count and by floor area, vacancy
    durations and long-term vacancy per quarter plus a city total.
trend
    Vacancy rate per survey date and quarter with the change in percentage
    points.
durations
    Vacancy duration and duration class of every vacant unit.
flow_units, flows
    Transitions between two dates: became vacant, re-let (through a fund),
    still vacant, new and removed units.
hotspots
    Local Getis-Ord Gi* or local join counts with permutation inference.

Definitions
-----------
* **Vacancy rate** = vacant units / all units; **by area** = vacant floor area
  / total floor area (fractions in [0, 1]).
* **Vacancy duration** = reference date ``at`` − ``vacant_since`` in days.
* **Long-term vacant** (*langfristiger Leerstand*): the unit is vacant and
  ``vacant_since + DateOffset(months=n) < at`` with
  ``n = gi.settings.long_term_months`` (default 12), i.e. strictly more than
  ``n`` calendar months. Month ends are clipped (29.02.2024 + 12 months =
  28.02.2025), so a unit vacant since 29.02.2024 is long-term from
  01.03.2025 on.

Examples
--------
>>> import geoinnenstadt as gi
>>> city = gi.load_sample("dortmund")
>>> table = gi.vacancy.rates(city.units, city.quarters, at="2025-06-30")
>>> bool(((table["vacancy_rate"] >= 0) & (table["vacancy_rate"] <= 1)).all())
True
>>> table.index[-1]
'total'
"""

from __future__ import annotations

import datetime as _dt
import re
import warnings
from collections.abc import Callable
from typing import Any, Literal

import geopandas as gpd
import numpy as np
import pandas as pd
from pyproj import CRS

from . import settings
from .errors import CRSError, SchemaError

__all__ = [
    "DURATION_CLASSES",
    "FLOW_CATEGORIES",
    "TOTAL_ID",
    "TOTAL_NAME",
    "durations",
    "flow_units",
    "flows",
    "hotspots",
    "rates",
    "state_at",
    "trend",
]

DateLike = str | pd.Timestamp | _dt.date | np.datetime64 | None

#: Index label of the city-total row of :func:`rates`, :func:`flows` and :func:`trend`.
TOTAL_ID = "total"
#: Name of the city-total row (German display text, as in the sample briefings).
TOTAL_NAME = "Gesamt"

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

#: Categories of :func:`flow_units` (column ``flow``).
FLOW_CATEGORIES: tuple[str, ...] = (
    "became_vacant",
    "re_let",
    "still_vacant",
    "still_occupied",
    "new",
    "removed",
)

_REQUIRED = ("unit_id", "survey_date", "status", "floor_area_m2")
_RATE_COLUMNS = [
    "name",
    "units",
    "vacant",
    "vacancy_rate",
    "floor_area_m2",
    "vacant_floor_area_m2",
    "floor_area_vacancy_rate",
    "median_vacancy_days",
    "long_term_vacant",
    "long_term_share",
    "survey_date",
]
_FLOW_COLUMNS = [
    "name",
    "became_vacant",
    "re_let",
    "re_let_fund",
    "still_vacant",
    "still_occupied",
    "new_units",
    "new_vacant",
    "removed_units",
]

# --------------------------------------------------------------------------- input checks


def _timestamp(value: Any, name: str) -> pd.Timestamp:
    """Parse ``value`` (ISO or German ``dd.mm.yyyy`` string, date, Timestamp) into a naive Timestamp."""
    if isinstance(value, str) and re.fullmatch(r"\s*\d{1,2}\.\d{1,2}\.\d{4}\s*", value):
        ts = pd.to_datetime(value.strip(), format="%d.%m.%Y")
    else:
        try:
            ts = pd.Timestamp(value)
        except (TypeError, ValueError) as exc:
            raise ValueError(
                f"{name}={value!r} is not a date; pass 'YYYY-MM-DD', a datetime.date or a pandas.Timestamp"
            ) from exc
    if ts is pd.NaT or pd.isna(ts):
        raise ValueError(f"{name} is missing (NaT); pass a date such as '2025-06-30'")
    if ts.tzinfo is not None:
        raise ValueError(
            f"{name}={value!r} has a time zone; survey dates are naive local dates, pass e.g. '2025-06-30'"
        )
    return ts.as_unit("ns")


def _fmt(ts: pd.Timestamp) -> str:
    return f"{ts:%Y-%m-%d}"


def _date_column(frame: pd.DataFrame, column: str) -> pd.Series:
    values = frame[column]
    if not pd.api.types.is_datetime64_any_dtype(values):
        raise SchemaError(
            f"units column {column!r} must be datetime64 (naive dates), got dtype {values.dtype}; "
            f"convert it with pd.to_datetime(units[{column!r}]) or read the layer with gi.read_layer"
        )
    if getattr(values.dt, "tz", None) is not None:
        raise SchemaError(
            f"units column {column!r} has a time zone ({values.dt.tz}); survey dates are naive local "
            f"dates: use units[{column!r}].dt.tz_localize(None)"
        )
    return values.astype("datetime64[ns]")


def _rows(frame: pd.DataFrame, mask: Any, limit: int = 5) -> str:
    mask = np.asarray(mask, dtype=bool)
    ids = [str(v) for v in frame["unit_id"].to_numpy()[mask][:limit]]
    more = int(mask.sum()) - len(ids)
    return ", ".join(ids) + (f" … and {more} more" if more > 0 else "")


def _prepare_units(units: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Check the panel and return a copy with ns dates, a boolean ``_vacant`` and a ``_pos`` column."""
    if not isinstance(units, gpd.GeoDataFrame):
        raise TypeError(
            f"units must be a GeoDataFrame (one row per unit and survey), got {type(units).__name__}"
        )
    missing = [c for c in _REQUIRED if c not in units.columns]
    if missing:
        raise SchemaError(
            f"units layer lacks the required column(s) {', '.join(missing)}; "
            f"columns present: {', '.join(map(str, units.columns))}. "
            "Map your source columns with gi.read_layer(..., columns={...})"
        )
    out = units.copy()
    out["survey_date"] = _date_column(out, "survey_date")
    if "vacant_since" in out.columns:
        out["vacant_since"] = _date_column(out, "vacant_since")
    else:
        out["vacant_since"] = pd.Series(pd.NaT, index=out.index, dtype="datetime64[ns]")
    problems: list[str] = []
    if out["unit_id"].isna().any():
        problems.append(f"{int(out['unit_id'].isna().sum())} row(s) without unit_id")
    nat = out["survey_date"].isna().to_numpy()
    if nat.any():
        problems.append(f"survey_date missing for unit(s) {_rows(out, nat)}")
    status = out["status"].astype(object)
    bad = ~status.isin(["occupied", "vacant"]).to_numpy()
    if bad.any():
        found = sorted({str(v) for v in status[bad]})
        problems.append(
            f"status must be 'occupied' or 'vacant', found {', '.join(map(repr, found))} "
            f"for unit(s) {_rows(out, bad)}"
        )
    vacant = (status == "vacant").to_numpy()
    area = pd.to_numeric(out["floor_area_m2"], errors="coerce")
    bad_area = ~(area > 0).to_numpy()
    if bad_area.any():
        problems.append(f"floor_area_m2 missing or not > 0 for unit(s) {_rows(out, bad_area)}")
    no_since = vacant & out["vacant_since"].isna().to_numpy()
    if no_since.any():
        problems.append(
            f"vacant unit(s) without vacant_since: {_rows(out, no_since)} "
            "(enter the date since when the unit is vacant, Leerstand seit)"
        )
    late = vacant & (out["vacant_since"] > out["survey_date"]).to_numpy()
    if late.any():
        problems.append(f"vacant_since after survey_date for unit(s) {_rows(out, late)}")
    dup = out.duplicated(["unit_id", "survey_date"], keep="first").to_numpy()
    if dup.any():
        problems.append(f"duplicate (unit_id, survey_date) for unit(s) {_rows(out, dup)}")
    if problems:
        raise SchemaError(
            "units layer cannot be used for vacancy indicators:\n  - "
            + "\n  - ".join(problems)
            + "\nRun gi.validate(units, kind='units') for a full report."
        )
    out["floor_area_m2"] = area.astype(float)
    out["_vacant"] = vacant
    out["_pos"] = np.arange(len(out))
    return out


def _check_crs(units: gpd.GeoDataFrame, other: gpd.GeoDataFrame, other_name: str) -> None:
    if units.crs is None or other.crs is None:
        which = "units" if units.crs is None else other_name
        raise CRSError(
            f"the {which} layer has no CRS; set it with gdf.set_crs(...) or read it with "
            f"gi.read_layer(..., crs=...) (working CRS: {settings.working_crs})"
        )
    if not CRS.from_user_input(units.crs).equals(CRS.from_user_input(other.crs)):
        raise CRSError(
            f"units are in {units.crs.to_string()} but {other_name} in {other.crs.to_string()}; "
            f"reproject both to the working CRS, e.g. units.to_crs({settings.working_crs!r}) "
            f"and {other_name}.to_crs({settings.working_crs!r}) (gi.read_layer does this)"
        )


def _check_projected(gdf: gpd.GeoDataFrame, what: str) -> None:
    if gdf.crs is None:
        raise CRSError(
            f"the {what} layer has no CRS; set it with gdf.set_crs({settings.working_crs!r})"
        )
    if not CRS.from_user_input(gdf.crs).is_projected:
        raise CRSError(
            f"the {what} layer is in the geographic CRS {gdf.crs.to_string()}; distances need metres: "
            f"reproject with gdf.to_crs({settings.working_crs!r})"
        )


def _prepare_quarters(
    quarters: gpd.GeoDataFrame, id_column: str | None
) -> tuple[str, pd.DataFrame]:
    """Return the id column and a frame ``name`` indexed by quarter id (in the layer's order)."""
    if not isinstance(quarters, gpd.GeoDataFrame):
        raise TypeError(f"quarters must be a GeoDataFrame, got {type(quarters).__name__}")
    col = id_column or "quarter_id"
    if col not in quarters.columns:
        raise SchemaError(
            f"quarters layer has no id column {col!r}; columns present: "
            f"{', '.join(map(str, quarters.columns))}. Pass id_column=... or rename the column"
        )
    ids = quarters[col]
    if ids.isna().any():
        raise SchemaError(f"quarters layer: {int(ids.isna().sum())} quarter(s) without {col!r}")
    if ids.duplicated().any():
        dups = sorted({str(v) for v in ids[ids.duplicated()]})
        raise SchemaError(f"quarters layer: duplicate {col} {', '.join(dups)}; ids must be unique")
    if (ids.astype(str) == TOTAL_ID).any():
        raise ValueError(
            f"a quarter has the id {TOTAL_ID!r}, which is reserved for the city-total row; rename it"
        )
    names = quarters["name"] if "name" in quarters.columns else ids.astype(str)
    info = pd.DataFrame(
        {"name": names.to_numpy()}, index=pd.Index(ids.to_numpy(), name="quarter_id")
    )
    return col, info


def _zone_assign(points: gpd.GeoDataFrame, quarters: gpd.GeoDataFrame, id_column: str) -> pd.Series:
    """Quarter id of every point (NA outside) by :func:`geoinnenstadt.zones.assign`.

    Boundary rule of ``zones.assign``: a point on a shared edge belongs to the
    quarter with the lowest id among those covering it. Units outside every
    quarter are not warned about here; callers count them in ``attrs``.
    """
    from .zones import assign

    pts = points[[points.geometry.name]].reset_index(drop=True)
    assigned = assign(pts, quarters, id_column=id_column, how="within", warn=False)
    return pd.Series(np.asarray(assigned.reindex(pts.index), dtype=object), index=points.index)


# --------------------------------------------------------------------------- state


def _state_rows(frame: pd.DataFrame, at: pd.Timestamp) -> pd.DataFrame:
    """Latest survey per unit on or before ``at`` (rows of a prepared panel, input order kept)."""
    rows = frame[(frame["survey_date"] <= at).to_numpy()]
    latest = rows.sort_values(["survey_date", "_pos"], kind="stable").drop_duplicates(
        "unit_id", keep="last"
    )
    return latest.sort_values("_pos", kind="stable")


def _resolve_at(frame: pd.DataFrame, at: DateLike, name: str = "at") -> pd.Timestamp:
    if len(frame) == 0:
        raise ValueError("the units layer is empty: no survey to compute a state from")
    first = frame["survey_date"].min()
    if at is None:
        return pd.Timestamp(frame["survey_date"].max()).as_unit("ns")
    ts = _timestamp(at, name)
    if ts < first:
        raise ValueError(
            f"{name}={_fmt(ts)} is before the first survey date {_fmt(first)} ({first:%d.%m.%Y}); "
            f"there is no state of the units before it. Pass {name}='{_fmt(first)}' or later"
        )
    return ts


def _public(state: pd.DataFrame) -> gpd.GeoDataFrame:
    return state.drop(columns=["_vacant", "_pos"])


def state_at(units: gpd.GeoDataFrame, at: DateLike = None) -> gpd.GeoDataFrame:
    """State of every unit at a date: each unit's latest survey on or before ``at``.

    Parameters
    ----------
    units : GeoDataFrame
        Units panel (one row per ``unit_id`` and ``survey_date``), dates as
        ``datetime64``.
    at : str, date, Timestamp or None
        Reference date (``"2025-06-30"`` or ``"30.06.2025"``). ``None``: the
        latest survey date in the data.

    Returns
    -------
    GeoDataFrame
        The selected rows of ``units`` (same columns and index labels, input
        order), one per unit; ``attrs["at"]`` holds the reference date.
        Units first surveyed after ``at`` are absent; units not surveyed again
        keep their last known status.

    Raises
    ------
    ValueError
        If ``at`` lies before the first survey date (the message names it).
    SchemaError
        If required columns are missing or dates are not datetime64.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> state = gi.vacancy.state_at(city.units, at="2025-06-30")
    >>> bool(state["unit_id"].is_unique)
    True
    """
    frame = _prepare_units(units)
    ts = _resolve_at(frame, at)
    out = _public(_state_rows(frame, ts))
    out.attrs = {"at": ts}
    return out


# --------------------------------------------------------------------------- rates


def _long_term(since: pd.Series, at: pd.Timestamp, months: int) -> np.ndarray:
    """``since + months calendar months < at`` (NaT → False)."""
    shifted = since + pd.DateOffset(months=int(months))
    return (shifted < at).fillna(False).to_numpy(dtype=bool)


def _per_unit(state: pd.DataFrame, at: pd.Timestamp) -> pd.DataFrame:
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
            "long": (_long_term(since, at, settings.long_term_months) & vacant).astype(np.int64),
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


def _rates_table(
    state: pd.DataFrame,
    qid: pd.Series,
    info: pd.DataFrame,
    at: pd.Timestamp,
    total: bool,
) -> pd.DataFrame:
    per_unit = _per_unit(state, at)
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


def _ground_floor(state: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    if "ground_floor" not in state.columns:
        raise SchemaError(
            "ground_floor_only=True needs the units column 'ground_floor' (bool); "
            "add it or call with ground_floor_only=False"
        )
    gf = state["ground_floor"]
    missing = int(gf.isna().sum())
    keep = gf.fillna(False).astype(bool).to_numpy()
    return state[keep], missing


def rates(
    units: gpd.GeoDataFrame,
    quarters: gpd.GeoDataFrame,
    *,
    at: DateLike = None,
    ground_floor_only: bool = False,
    id_column: str | None = None,
    total: bool = True,
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
        Reference date; the state of each unit is its latest survey on or
        before ``at`` (:func:`state_at`). ``None``: the latest survey date.
        Vacancy durations are measured up to ``at``.
    ground_floor_only : bool
        Count only ground-floor units (``ground_floor == True``; units with a
        missing flag are left out and counted in ``attrs["ground_floor_missing"]``).
    id_column : str, optional
        Id column of ``quarters`` (default ``"quarter_id"``).
    total : bool
        Append the city-total row (index ``"total"``, name ``"Gesamt"``).

    Returns
    -------
    DataFrame
        Indexed by ``quarter_id`` (quarters in layer order, then ``"total"``)
        with columns

        ``name``; ``units``, ``vacant`` (int); ``vacancy_rate`` = vacant /
        units; ``floor_area_m2``, ``vacant_floor_area_m2``;
        ``floor_area_vacancy_rate`` = vacant floor area / floor area;
        ``median_vacancy_days`` (median of ``at − vacant_since`` over the
        vacant units); ``long_term_vacant`` (int, vacant for more than
        ``gi.settings.long_term_months`` calendar months, see the module
        docstring); ``long_term_share`` = long_term_vacant / vacant;
        ``survey_date`` (latest survey date among the quarter's units).

        Quarters without vacant units have rates 0 (not NaN) and a NaN
        median duration and long-term share. Quarters without any unit have
        ``units == 0`` and NaN rates (undefined: 0/0); show them as
        "k. A." on maps.

        The **total row covers all units of the state**, including units
        outside every quarter, so ``sum(units of quarters) +
        attrs["units_outside"] == total units``. ``attrs`` also holds
        ``at``, ``ground_floor_only``, ``ground_floor_missing``,
        ``long_term_months`` and ``outside_unit_ids``.

    Raises
    ------
    CRSError
        If units and quarters lack a CRS or their CRSs differ.
    ValueError
        If ``at`` lies before the first survey date.

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
    frame = _prepare_units(units)
    col, info = _prepare_quarters(quarters, id_column)
    _check_crs(units, quarters, "quarters")
    ts = _resolve_at(frame, at)
    state = _state_rows(frame, ts)
    gf_missing = 0
    if ground_floor_only:
        state, gf_missing = _ground_floor(state)
    qid = _zone_assign(state, quarters, col)
    table = _rates_table(state, qid, info, ts, total)
    outside = qid.isna().to_numpy()
    table.attrs = {
        "at": ts,
        "ground_floor_only": bool(ground_floor_only),
        "ground_floor_missing": gf_missing,
        "long_term_months": int(settings.long_term_months),
        "units_outside": int(outside.sum()),
        "outside_unit_ids": [str(v) for v in state["unit_id"].to_numpy()[outside]],
    }
    return table


def trend(
    units: gpd.GeoDataFrame,
    quarters: gpd.GeoDataFrame,
    *,
    id_column: str | None = None,
    ground_floor_only: bool = False,
    total: bool = True,
) -> pd.DataFrame:
    """Vacancy rate per survey date and quarter, with the change in percentage points.

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

    Returns
    -------
    DataFrame
        Long format, one row per survey date and quarter, sorted by date and
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
    frame = _prepare_units(units)
    col, info = _prepare_quarters(quarters, id_column)
    _check_crs(units, quarters, "quarters")
    qid_all = _zone_assign(frame, quarters, col)
    frame = frame.assign(_qid=qid_all.to_numpy())
    parts = []
    for date in sorted(frame["survey_date"].unique()):
        ts = pd.Timestamp(date).as_unit("ns")
        state = _state_rows(frame, ts)
        if ground_floor_only:
            state, _ = _ground_floor(state)
        table = _rates_table(state, state["_qid"], info, ts, total)
        part = table[["name", "units", "vacant", "vacancy_rate"]].reset_index()
        part.insert(0, "survey_date", ts)
        parts.append(part)
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


def durations(units: gpd.GeoDataFrame, *, at: DateLike = None) -> pd.DataFrame:
    """Vacancy duration of every unit vacant at ``at``.

    Parameters
    ----------
    units : GeoDataFrame
        Units panel.
    at : str, date, Timestamp or None
        Reference date (``None``: the latest survey date).

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
    frame = _prepare_units(units)
    ts = _resolve_at(frame, at)
    state = _state_rows(frame, ts)
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
            "long_term": _long_term(since, ts, settings.long_term_months),
        },
        index=vac.index,
    )
    out.attrs = {"at": ts, "long_term_months": int(settings.long_term_months)}
    return out


# --------------------------------------------------------------------------- flows


def _has_fund(values: pd.Series) -> np.ndarray:
    s = values.astype(object)
    present = s.notna() & (s.astype(str).str.strip() != "")
    return present.to_numpy(dtype=bool)


def _flow_frame(frame: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> gpd.GeoDataFrame:
    s0 = _state_rows(frame, start).set_index("unit_id", drop=False)
    s1 = _state_rows(frame, end).set_index("unit_id", drop=False)
    resurveyed = set(
        frame.loc[
            ((frame["survey_date"] > start) & (frame["survey_date"] <= end)).to_numpy(), "unit_id"
        ]
    )
    ids0, ids1 = set(s0.index), set(s1.index)
    ids = list(s0.index) + [u for u in s1.index if u not in ids0]
    in0 = np.array([u in ids0 for u in ids], dtype=bool)
    in1 = np.array([u in ids1 and (u not in ids0 or u in resurveyed) for u in ids], dtype=bool)
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
    t0 = _resolve_at(frame, start, "start")
    t1 = _resolve_at(frame, end, "end")
    if not t0 < t1:
        raise ValueError(f"start={_fmt(t0)} must be before end={_fmt(t1)}")
    return t0, t1


def flow_units(units: gpd.GeoDataFrame, *, start: DateLike, end: DateLike) -> gpd.GeoDataFrame:
    """Transition of every unit between the state at ``start`` and the state at ``end``.

    Parameters
    ----------
    units : GeoDataFrame
        Units panel.
    start, end : str, date or Timestamp
        Two dates (usually survey dates), ``start < end``; ``start`` must not
        lie before the first survey.

    Returns
    -------
    GeoDataFrame
        One row per unit in the state at ``start`` or at ``end``: ``unit_id``,
        ``status_start``, ``status_end``, ``fund_end`` (``fund`` of the end
        survey), ``flow`` (one of :data:`FLOW_CATEGORIES`), ``re_let_fund``
        (re-let and ``fund_end`` not empty) and the geometry (position at the
        end, else at the start).

        ``flow``: ``"new"`` = not in the state at start (first surveyed after
        ``start``); ``"removed"`` = in the state at start but **not surveyed
        again** in (start, end] (under the carry-forward rule of
        :func:`state_at` it still counts at ``end`` with its old status; if
        the survey at ``end`` was complete the unit has left the panel);
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
    frame = _prepare_units(units)
    t0, t1 = _flow_dates(frame, start, end)
    out = _flow_frame(frame, t0, t1)
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
        units); ``attrs["units_outside"]`` counts those outside every quarter.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> dates = sorted(city.units["survey_date"].unique())
    >>> f = gi.vacancy.flows(city.units, start=dates[-2], end=dates[-1], quarters=city.quarters)
    >>> bool((f["re_let_fund"] <= f["re_let"]).all())
    True
    """
    frame = _prepare_units(units)
    t0, t1 = _flow_dates(frame, start, end)
    per_unit = _flow_frame(frame, t0, t1)
    rows: dict[Any, pd.Series] = {}
    names: dict[Any, Any] = {}
    outside = 0
    if quarters is not None:
        col, info = _prepare_quarters(quarters, id_column)
        _check_crs(units, quarters, "quarters")
        qid = _zone_assign(per_unit, quarters, col)
        outside = int(qid.isna().sum())
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


# --------------------------------------------------------------------------- hot spots


def _distance_graph(coords: np.ndarray, distance_m: float) -> Any:
    from libpysal.graph import Graph

    return Graph.build_distance_band(coords, float(distance_m), binary=True)


def _quiet_esda(call: Callable[[], Any]) -> Any:
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message="The alternative hypothesis", category=DeprecationWarning
        )
        warnings.filterwarnings("ignore", category=RuntimeWarning)
        return call()


def _local_stats(
    y: np.ndarray,
    coords: np.ndarray,
    *,
    method: str,
    distance_m: float,
    permutations: int,
    seed: int,
    alpha: float,
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Local statistic per observation: n_neighbours, statistic, z_score, p_value, hotspot_class."""
    n = len(y)
    out = pd.DataFrame(
        {
            "n_neighbours": np.zeros(n, dtype=np.int64),
            "statistic": np.full(n, np.nan),
            "z_score": np.full(n, np.nan),
            "p_value": np.full(n, np.nan),
            "hotspot_class": np.full(n, "not_significant", dtype=object),
        }
    )
    info: dict[str, Any] = {"n_islands": 0, "note": ""}
    if n == 0:
        info["note"] = "no units"
        return out, info
    graph = _distance_graph(coords, distance_m)
    card = np.asarray(graph.cardinalities.reindex(range(n)).fillna(0), dtype=np.int64)
    out["n_neighbours"] = card
    island = card == 0
    info["n_islands"] = int(island.sum())
    if np.nanmin(y) == np.nanmax(y):
        info["note"] = (
            "no variation (all values equal, e.g. no vacant unit): nothing is significant"
        )
        return out, info
    p: np.ndarray
    if method == "gi_star":
        import esda

        lg = _quiet_esda(
            lambda: esda.G_Local(
                y,
                graph,
                transform="B",
                star=True,
                permutations=permutations,
                seed=seed,
                n_jobs=1,
                keep_simulations=False,
            )
        )
        out["statistic"] = np.asarray(lg.Gs, dtype=float)
        out["z_score"] = np.asarray(lg.Zs, dtype=float)
        if permutations:
            p = np.asarray(lg.p_sim, dtype=float)
        else:
            p = np.asarray(lg.p_norm, dtype=float)
        p = np.where(island, np.nan, p)
        out["p_value"] = p
        sig = (p <= alpha) & ~island
        z = out["z_score"].to_numpy()
        out.loc[sig & (z > 0), "hotspot_class"] = "hot"
        out.loc[sig & (z < 0), "hotspot_class"] = "cold"
        return out, info
    # local join counts on the non-island units (islands have no joins)
    import esda

    keep = np.flatnonzero(~island)
    out.loc[island, "statistic"] = 0.0
    if len(keep) < 2 or y[keep].min() == y[keep].max():
        out.loc[keep, "statistic"] = np.where(y[keep] == 1, card[keep], 0).astype(float)
        info["note"] = "no variation among units with neighbours: nothing is significant"
        return out, info
    sub = _distance_graph(coords[keep], distance_m)
    state = np.random.get_state()  # noqa: NPY002 (esda reads the legacy global RNG)
    try:
        # esda's Join_Counts_Local ignores its seed= and draws one from numpy's global RNG
        np.random.seed(seed)  # noqa: NPY002
        jc = _quiet_esda(
            lambda: esda.Join_Counts_Local(
                connectivity=sub,
                permutations=permutations,
                n_jobs=1,
                keep_simulations=False,
                seed=seed,
            ).fit(y[keep], n_jobs=1, permutations=permutations)
        )
    finally:
        np.random.set_state(state)  # noqa: NPY002
    ljc = np.asarray(jc.LJC, dtype=float)
    out.loc[keep, "statistic"] = ljc
    if permutations:
        p_sub = np.asarray(jc.p_sim, dtype=float)
        out.loc[keep, "p_value"] = p_sub
        sig = np.zeros(n, dtype=bool)
        sig[keep] = (p_sub <= alpha) & (ljc > 0)
        out.loc[sig, "hotspot_class"] = "hot"
    else:
        info["note"] = "permutations=0: local join counts have no analytical p-value"
    return out, info


def _grid(state: pd.DataFrame, size: float) -> gpd.GeoDataFrame:
    import shapely

    xy = shapely.get_coordinates(state.geometry.values)
    x0 = np.floor(xy[:, 0].min() / size) * size
    y0 = np.floor(xy[:, 1].min() / size) * size
    col = np.floor((xy[:, 0] - x0) / size).astype(np.int64)
    row = np.floor((xy[:, 1] - y0) / size).astype(np.int64)
    df = pd.DataFrame({"col": col, "row": row, "vacant": state["_vacant"].to_numpy(dtype=np.int64)})
    cells = df.groupby(["col", "row"], sort=True).agg(
        units=("vacant", "size"), vacant=("vacant", "sum")
    )
    cells = cells.reset_index()
    cells["vacancy_rate"] = cells["vacant"] / cells["units"]
    cells.insert(
        0, "cell_id", [f"c{c}_{r}" for c, r in zip(cells["col"], cells["row"], strict=True)]
    )
    minx = x0 + cells["col"].to_numpy() * size
    miny = y0 + cells["row"].to_numpy() * size
    geoms = shapely.box(minx, miny, minx + size, miny + size)
    return gpd.GeoDataFrame(cells, geometry=geoms, crs=state.crs)


def hotspots(
    units: gpd.GeoDataFrame,
    *,
    at: DateLike = None,
    method: Literal["gi_star", "join_counts"] = "gi_star",
    distance_m: float = 150.0,
    permutations: int = 999,
    seed: int = 12345,
    alpha: float = 0.05,
    grid_size_m: float | None = None,
) -> gpd.GeoDataFrame:
    """Vacancy hot spots: local Getis-Ord Gi* or local join counts with permutation inference.

    Parameters
    ----------
    units : GeoDataFrame
        Units panel in a projected CRS (metres).
    at : str, date, Timestamp or None
        Reference date of the state (``None``: latest survey).
    method : {"gi_star", "join_counts"}
        ``"gi_star"``: local Getis-Ord Gi* (Getis & Ord 1992; Ord & Getis
        1995) via ``esda.G_Local(y, w, transform="B", star=True)`` on the
        vacant indicator y (1 = vacant) of every unit — or, with
        ``grid_size_m``, on the vacancy rate of square grid cells. Gi*
        includes the unit itself in its neighbourhood sum; ``z_score`` is the
        analytical Gi* z-value and tells the direction (positive: vacancies
        concentrate around the unit). ``"join_counts"``: local join counts
        (Anselin & Li 2019) via ``esda.Join_Counts_Local``: for a vacant unit
        the number of vacant neighbours; only clusters of vacancies ("hot")
        can be detected, never "cold" spots; not available on a grid.
    distance_m : float
        Distance band in metres: binary weights, w_ij = 1 if units i and j
        are at most ``distance_m`` apart (built with
        ``libpysal.graph.Graph.build_distance_band``, which, unlike
        ``libpysal.weights.DistanceBand``, keeps units at the same address,
        i.e. distance 0, as neighbours). Units without any neighbour within
        the band (islands) get class ``"not_significant"``, NaN p-value, and
        are counted in ``attrs["n_islands"]``.
    permutations : int
        Number of conditional random permutations for the pseudo p-value
        (``p = (min(k, permutations − k) + 1) / (permutations + 1)``, k = number
        of permuted statistics at least as large as the observed one;
        esda's "directed" alternative). ``0``: analytical normal p-values for
        Gi* (one-sided), none for join counts.
    seed : int
        Seed of the permutations; the same seed gives the same result.
    alpha : float
        Significance level: ``"hot"`` if ``p_value <= alpha`` and the Gi*
        z-score is positive (join counts: at least one vacant neighbour),
        ``"cold"`` if ``p_value <= alpha`` and the z-score is negative.
    grid_size_m : float, optional
        Aggregate units into square cells of this size (metres, anchored at
        a multiple of the size) and test the cells' vacancy rates instead;
        ``distance_m`` must then be at least ``grid_size_m`` (``distance_m =
        grid_size_m`` gives rook, ``≈ 1.42 × grid_size_m`` queen neighbours
        between cell centres).

    Returns
    -------
    GeoDataFrame
        Per unit (index labels of the state rows): ``unit_id``, ``vacant``
        (bool), ``n_neighbours`` (other units within the band),
        ``statistic`` (Gi* G value or the local join count), ``z_score``
        (NaN for join counts), ``p_value``, ``hotspot_class`` ∈ {"hot",
        "cold", "not_significant"}, geometry. With ``grid_size_m``: per
        occupied cell ``cell_id``, ``col``, ``row``, ``units``, ``vacant``,
        ``vacancy_rate`` and the same statistic columns, with square cell
        polygons. ``attrs``: ``method``, ``distance_m``, ``permutations``,
        ``seed``, ``alpha``, ``at``, ``grid_size_m``, ``n_islands``,
        ``n_vacant``, ``note``.

    Notes
    -----
    The p-values are **not corrected for multiple testing**: with n units
    tested at ``alpha = 0.05`` about 5 % are flagged by chance alone, and
    neighbouring tests are correlated. Treat the classes as exploratory; for
    a stricter reading use a smaller ``alpha`` or a false-discovery-rate
    bound, e.g. ``esda.fdr(result["p_value"].dropna(), 0.05)``. On the 0/1
    vacancy indicator a rare outcome (≈ 10 % vacant) makes every neighbourhood
    without any vacancy a "cold" spot; read "hot" as the finding. If no unit
    (or every unit) is vacant, nothing can be significant: all units are
    ``"not_significant"`` and ``attrs["note"]`` says why.

    References
    ----------
    Getis, A. & Ord, J. K. (1992): The analysis of spatial association by use
    of distance statistics. Geographical Analysis 24(3), 189–206.
    Ord, J. K. & Getis, A. (1995): Local spatial autocorrelation statistics:
    distributional issues and an application. Geographical Analysis 27(4),
    286–306. Anselin, L. & Li, X. (2019): Operational local join count
    statistics for cluster detection. Journal of Geographical Systems 21,
    189–210. esda (PySAL): https://pysal.org/esda/

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> hs = gi.vacancy.hotspots(city.units, at="2025-06-30", distance_m=150, permutations=99)
    >>> set(hs["hotspot_class"]) <= {"hot", "cold", "not_significant"}
    True
    >>> hs.attrs["method"], hs.attrs["distance_m"]
    ('gi_star', 150.0)
    """
    if method not in ("gi_star", "join_counts"):
        raise ValueError(f"method must be 'gi_star' or 'join_counts', got {method!r}")
    if not distance_m > 0:
        raise ValueError(f"distance_m must be > 0 metres, got {distance_m!r}")
    if permutations < 0:
        raise ValueError(f"permutations must be >= 0, got {permutations!r}")
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must lie between 0 and 1, got {alpha!r}")
    frame = _prepare_units(units)
    _check_projected(units, "units")
    ts = _resolve_at(frame, at)
    state = _state_rows(frame, ts)
    attrs: dict[str, Any] = {
        "method": method,
        "distance_m": float(distance_m),
        "permutations": int(permutations),
        "seed": int(seed),
        "alpha": float(alpha),
        "at": ts,
        "grid_size_m": None if grid_size_m is None else float(grid_size_m),
        "n_vacant": int(state["_vacant"].sum()),
    }
    options: dict[str, Any] = {
        "method": method,
        "distance_m": float(distance_m),
        "permutations": int(permutations),
        "seed": int(seed),
        "alpha": float(alpha),
    }
    if grid_size_m is not None:
        if method != "gi_star":
            raise ValueError("grid_size_m works with method='gi_star' only (cell vacancy rates)")
        if not grid_size_m > 0:
            raise ValueError(f"grid_size_m must be > 0 metres, got {grid_size_m!r}")
        if distance_m < grid_size_m:
            raise ValueError(
                f"distance_m={distance_m:g} is smaller than grid_size_m={grid_size_m:g}: no cell would "
                "have a neighbour; use distance_m >= grid_size_m (e.g. 1.5 × grid_size_m for queen neighbours)"
            )
        cells = _grid(state, float(grid_size_m))
        centres = np.column_stack(
            [cells.geometry.centroid.x.to_numpy(), cells.geometry.centroid.y.to_numpy()]
        )
        stats, info = _local_stats(cells["vacancy_rate"].to_numpy(dtype=float), centres, **options)
        result = pd.concat([cells.drop(columns="geometry"), stats], axis=1)
        out = gpd.GeoDataFrame(result, geometry=cells.geometry.values, crs=units.crs)
    else:
        import shapely

        coords = shapely.get_coordinates(shapely.centroid(state.geometry.values))
        y = state["_vacant"].to_numpy(dtype=float)
        stats, info = _local_stats(y, coords, **options)
        stats.index = state.index
        out = gpd.GeoDataFrame(
            pd.concat(
                [
                    pd.DataFrame(
                        {"unit_id": state["unit_id"], "vacant": state["_vacant"].astype(bool)},
                        index=state.index,
                    ),
                    stats,
                ],
                axis=1,
            ),
            geometry=state.geometry.values,
            crs=units.crs,
        )
        out.index = state.index
    attrs.update(info)
    out.attrs = attrs
    return out
