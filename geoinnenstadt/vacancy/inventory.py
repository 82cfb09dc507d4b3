"""The units panel: input checks, survey rounds and the inventory at a date.

The inventory rule is documented in :mod:`geoinnenstadt.vacancy`; this is
its one implementation (:func:`state_rows`), shared by the indicators, the
flows and :mod:`geoinnenstadt.hotspots`.

Shared building blocks
----------------------
Public here, for the modules of the package (``vacancy.indicators``,
``vacancy.transitions``, ``hotspots``, ``scale``), not listed in
:data:`geoinnenstadt.vacancy.__all__`: :func:`prepare_units`,
:func:`prepare_quarters`, :func:`require_points`, :func:`assign_quarters`,
:func:`warn_outside`, :func:`survey_round_dates`, :func:`warn_split_rounds`,
:func:`state_rows`, :func:`resolve_at`, :func:`resolve_long_months` and
:func:`iso_day`. Together they compute the inventory at a date:

>>> import geoinnenstadt as gi
>>> from geoinnenstadt.vacancy.inventory import (
...     prepare_units, resolve_at, state_rows, survey_round_dates)
>>> units = prepare_units(gi.load_sample("dortmund").units)
>>> rounds = survey_round_dates(units, None)
>>> at = resolve_at(units, "30.06.2025")
>>> state = state_rows(units, at, rounds)
>>> len(state), int(state["_vacant"].sum())
(818, 83)
"""

from __future__ import annotations

import datetime as _dt
import warnings
from collections.abc import Iterable
from contextvars import ContextVar
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .. import dates, settings
from .. import labels as _labels
from ..dates import DateLike
from ..errors import GeoinnenstadtWarning, SchemaError, name_some
from ..schema.conform import require_distinct_ids
from ..schema.specs import LAYERS, may_be_missing
from ..zones import OutsideZonesWarning, assign

Rounds = Iterable[str | pd.Timestamp | _dt.date | np.datetime64] | None

#: Index label of the city-total row of :func:`rates`, :func:`flows` and :func:`trend`.
TOTAL_ID = "total"
#: Name of the city-total row (German display text, as in the sample briefings).
#: Name of the city-total row: the German label of "total" (display translates it).
TOTAL_NAME = _labels.label("total", "de")
_REQUIRED = ("unit_id", "survey_date", "status", "floor_area_m2")

#: Ids of units without a floor area that the caller has named already
#: (:func:`geoinnenstadt.vacancy.panel` warns once for a whole build): while set, their
#: missing area is treated as that of a source without areas — counted in the count-based
#: figures, left out of the area-based ones (:func:`_warn_no_area` does not name them again).
AREA_WAIVED: ContextVar[frozenset[str]] = ContextVar("AREA_WAIVED", default=frozenset())

# --------------------------------------------------------------------------- input checks


def iso_day(ts: pd.Timestamp) -> str:
    """``ts`` as ``YYYY-MM-DD``: the date as written in messages that suggest an argument."""
    return f"{ts:%Y-%m-%d}"


def _rows(frame: pd.DataFrame, mask: Any, limit: int = 5) -> str:
    mask = np.asarray(mask, dtype=bool)
    return name_some(frame["unit_id"].to_numpy()[mask], limit)


def _date_values(frame: pd.DataFrame, column: str, problems: list[str]) -> pd.Series:
    """A date column read by :func:`geoinnenstadt.dates.parse_dates`; unreadable values are problems."""
    parsed = dates.parse_dates(frame[column])
    bad = parsed.invalid.to_numpy(dtype=bool)
    if bad.any():
        reason = parsed.reasons[bad].iloc[0]
        problems.append(f"{column} is not a date for unit(s) {_rows(frame, bad)} (first: {reason})")
    return parsed.values


def resolve_long_months(value: int | None) -> int:
    """The long-term vacancy threshold in months: ``value`` checked, else the setting.

    ``None`` means ``settings.long_term_months``; anything but a whole number
    ``>= 1`` is a ValueError.
    """
    months = settings.long_term_months if value is None else value
    if isinstance(months, bool) or not isinstance(months, (int, np.integer)) or months < 1:
        raise ValueError(f"long_term_months must be a whole number of months >= 1, got {value!r}")
    return int(months)


def prepare_units(units: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Check the units panel and return a prepared copy.

    The one input check of the vacancy analyses (required columns, ids, dates,
    status, floor areas, ``vacant_since``, duplicates): every problem found is
    named in one SchemaError.

    Parameters
    ----------
    units : GeoDataFrame
        One row per unit and survey (``unit_id``, ``survey_date``, ``status``,
        ``floor_area_m2``, for vacant units ``vacant_since``).

    Returns
    -------
    GeoDataFrame
        A copy with ``datetime64[ns]`` dates, float floor areas, a boolean
        ``_vacant`` and ``_pos`` (the input position, for a stable order).

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> from geoinnenstadt.vacancy.inventory import prepare_units
    >>> units = prepare_units(gi.load_sample("dortmund").units)
    >>> units["_pos"].tolist()[:3], units["_vacant"].dtype
    ([0, 1, 2], dtype('bool'))
    """
    if not isinstance(units, gpd.GeoDataFrame):
        raise TypeError(
            f"units must be a GeoDataFrame (one row per unit and survey), got {type(units).__name__}"
        )
    area_column = LAYERS["units"].column("floor_area_m2")
    no_area_source = may_be_missing(units, area_column)
    named = AREA_WAIVED.get()
    if named and "unit_id" in units.columns:
        no_area_source = no_area_source | units["unit_id"].astype(str).isin(named).to_numpy()
    missing = [
        c
        for c in _REQUIRED
        if c not in units.columns
        and not (c == "floor_area_m2" and len(units) and no_area_source.all())
    ]
    if missing:
        raise SchemaError(
            f"units layer lacks the required column(s) {', '.join(missing)}; "
            f"columns present: {', '.join(map(str, units.columns))}. "
            "Map your source columns with gi.read_layer(..., columns={...})"
        )
    # ids that are one id as text (1 and "1") would be two units here, one everywhere else
    require_distinct_ids(units["unit_id"], column="unit_id", layer="units")
    out = units.copy()
    if "floor_area_m2" not in out.columns:  # every unit from a source without areas
        out["floor_area_m2"] = np.nan
    problems: list[str] = []
    out["survey_date"] = _date_values(out, "survey_date", problems)
    if "vacant_since" in out.columns:
        out["vacant_since"] = _date_values(out, "vacant_since", problems)
    else:
        out["vacant_since"] = pd.Series(pd.NaT, index=out.index, dtype="datetime64[ns]")
    if out["unit_id"].isna().any():
        problems.append(f"{int(out['unit_id'].isna().sum())} row(s) without unit_id")
    nat = out["survey_date"].isna().to_numpy()
    if nat.any():
        problems.append(f"survey_date missing for unit(s) {_rows(out, nat)}")
    future = (out["survey_date"] > dates.today()).to_numpy()
    if future.any():  # a survey cannot lie ahead; it would shift every duration figure
        problems.append(
            f"survey_date lies in the future for unit(s) {_rows(out, future)} "
            f"(today is {dates.today():%d.%m.%Y}); correct the date (typo in the year?)"
        )
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
    # a missing floor area is allowed only for sources without areas (schema rule)
    bad_area = ~(area > 0).to_numpy() & ~(area.isna().to_numpy() & no_area_source)
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


def require_points(frame: gpd.GeoDataFrame, *, allow_missing: bool = True) -> None:
    """Units must be points (a cheap type check); polygons would be placed by a guess."""
    geoms = np.asarray(frame.geometry.values, dtype=object)
    missing = np.asarray(shapely.is_missing(geoms) | shapely.is_empty(geoms), dtype=bool)
    wrong = (np.asarray(shapely.get_type_id(geoms)) != 0) & ~missing
    if wrong.any():
        kinds = sorted({str(t) for t in frame.geometry[wrong].geom_type})
        raise SchemaError(
            f"units must be points, but unit(s) {_rows(frame, wrong)} have "
            f"{'/'.join(kinds)} geometries; use one point per unit, e.g. "
            "units.set_geometry(units.representative_point())"
        )
    if not allow_missing and missing.any():
        raise SchemaError(
            f"unit(s) {_rows(frame, missing)} have no geometry; add their position or drop them"
        )


def prepare_quarters(quarters: gpd.GeoDataFrame, id_column: str | None) -> tuple[str, pd.DataFrame]:
    """The quarters' id column and their names, indexed by quarter id in the layer's order.

    Ids must be present, unique and not ``"total"`` (the city-total row).

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> from geoinnenstadt.vacancy.inventory import prepare_quarters
    >>> col, info = prepare_quarters(gi.load_sample("dortmund").quarters, None)
    >>> col, info.loc["Q01", "name"]
    ('quarter_id', 'Katharinenviertel')
    """
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


def assign_quarters(
    points: gpd.GeoDataFrame, quarters: gpd.GeoDataFrame, id_column: str
) -> pd.Series:
    """Quarter id of every point (NA outside) by :func:`geoinnenstadt.zones.assign`.

    Boundary rule of ``zones.assign``: a point on a shared edge belongs to the
    quarter with the lowest id among those covering it. The callers warn about
    units outside every quarter (:func:`warn_outside`) and count them in ``attrs``.
    """
    pts = points[[points.geometry.name]].reset_index(drop=True)
    assigned = assign(pts, quarters, id_column=id_column, how="within", warn=False)
    return pd.Series(np.asarray(assigned.reindex(pts.index), dtype=object), index=points.index)


def warn_outside(ids: Iterable[Any], total: int) -> None:
    """One warning naming the units outside every quarter (they stay in the total row)."""
    ids = list(dict.fromkeys(str(v) for v in ids))
    if ids:
        warnings.warn(
            f"{len(ids)} of {total} units lie outside every quarter or have no position "
            f"({name_some(ids)}); they count in the total row only "
            "(attrs['outside_unit_ids']). Check the positions or the quarter boundaries.",
            OutsideZonesWarning,
            stacklevel=3,
        )


# --------------------------------------------------------------------------- state


class SplitRoundWarning(GeoinnenstadtWarning):
    """Two derived survey rounds look like one survey done in two batches (see :func:`survey_round_dates`)."""


#: A round "covers much less of the inventory" than the two rounds together when it holds
#: fewer than this share of their units; the two "barely overlap" when fewer than
#: ``1 - _SPLIT_SHARE`` of the smaller round's units were surveyed in both.
_SPLIT_SHARE = 2 / 3


def survey_round_dates(frame: pd.DataFrame, rounds: Rounds) -> np.ndarray:
    """Sorted round dates (datetime64[ns]): ``rounds`` read by the date parser, else derived.

    Without ``rounds``, survey dates less than ``settings.survey_round_gap_days``
    apart form one round (a survey that took several days), dated by its last day;
    so every distinct survey date is a round when the surveys are months apart.

    Derived rounds are checked for a **split survey** (*Leerstandserhebung in
    zwei Durchgängen*, :func:`warn_split_rounds`): when ``frame`` has a
    ``unit_id`` column, one :class:`SplitRoundWarning` names each pair of
    adjacent rounds that look like one survey done in two batches.
    """
    if rounds is None:
        days = np.unique(frame["survey_date"].dropna().to_numpy(dtype="datetime64[ns]"))
        if len(days) < 2:
            return days
        gap = np.timedelta64(int(settings.survey_round_gap_days), "D")
        last_of_round = np.append(np.diff(days) >= gap, True)
        derived = days[last_of_round]
        if "unit_id" in frame.columns:
            warn_split_rounds(frame, derived)
        return derived
    if isinstance(rounds, (str, _dt.date, pd.Timestamp, np.datetime64)):
        rounds = [rounds]
    parsed = {dates.parse_date(v, name="rounds").to_datetime64() for v in rounds}
    if not parsed:
        raise ValueError("rounds= is empty; pass the survey round dates or None")
    return np.array(sorted(parsed), dtype="datetime64[ns]")


def warn_split_rounds(frame: pd.DataFrame, round_dates: np.ndarray) -> None:
    """Warn about survey rounds that shrink the inventory because one survey came in two batches.

    The inventory rule (:mod:`geoinnenstadt.vacancy`) takes a unit missing
    from a later survey round (*Leerstandserhebung*) to have left the
    inventory. When a survey was done in two batches more than
    ``gi.settings.survey_round_gap_days`` apart (half the units in May, half
    in June), the two batches become two rounds, and the inventory at the
    second holds only the units of the second batch. So two adjacent rounds
    *a* and *b* are reported when

    * each covers much less of the inventory than the two together: fewer
      than two thirds of the units surveyed in *a* or *b*, and
    * they barely overlap: fewer than a third of the smaller round's units
      were surveyed in both (a real shrink keeps the remaining units in
      both rounds).

    One :class:`SplitRoundWarning` per pair names both dates, the unit
    counts and the ``rounds=`` argument that merges them into one round
    (the later date; the earlier batch then counts for it). Nothing is
    changed: the caller decides.
    """
    surveyed = frame[["unit_id", "survey_date"]].dropna()
    if len(round_dates) < 2 or not len(surveyed):
        return
    days = surveyed["survey_date"].to_numpy(dtype="datetime64[ns]")
    which = np.searchsorted(round_dates, days, side="left")  # a day belongs to the next round
    ids = surveyed["unit_id"].to_numpy()
    members = [set(ids[which == k].tolist()) for k in range(len(round_dates))]
    for k in range(len(round_dates) - 1):
        a, b = members[k], members[k + 1]
        both = len(a | b)
        if not a or not b:
            continue
        small = min(len(a), len(b))
        if max(len(a), len(b)) < _SPLIT_SHARE * both and len(a & b) < (1 - _SPLIT_SHARE) * small:
            first, second = pd.Timestamp(round_dates[k]), pd.Timestamp(round_dates[k + 1])
            kept = [f"{pd.Timestamp(d):%Y-%m-%d}" for d in round_dates if d != round_dates[k]]
            warnings.warn(
                f"the survey rounds {first:%d.%m.%Y} ({len(a)} units) and {second:%d.%m.%Y} "
                f"({len(b)} units) are {(second - first).days} days apart (more than "
                f"gi.settings.survey_round_gap_days = {settings.survey_round_gap_days}) and share "
                f"only {len(a & b)} units: together they cover {both} units. As two rounds, the "
                f"{len(a - b)} units surveyed only on {first:%d.%m.%Y} count as having left the "
                f"inventory on {second:%d.%m.%Y}. If it was one survey done in two batches, "
                f"merge them with rounds={kept!r} (or raise "
                "gi.settings.survey_round_gap_days); gi.vacancy.survey_rounds(units) lists "
                "the rounds",
                SplitRoundWarning,
                stacklevel=4,
            )


def state_rows(
    frame: pd.DataFrame, at: pd.Timestamp, rounds: np.ndarray | None = None
) -> pd.DataFrame:
    """The inventory at ``at``: one row per unit in it, input order kept.

    The inventory rule of :mod:`geoinnenstadt.vacancy`: each unit's latest
    survey on or before ``at``, and only units surveyed after the round before
    the latest round on or before ``at`` (a unit missing from a later round has
    left).

    Parameters
    ----------
    frame : DataFrame
        A panel from :func:`prepare_units`.
    at : Timestamp
        The date (see :func:`resolve_at`).
    rounds : numpy.ndarray, optional
        Sorted round dates (:func:`survey_round_dates`); None derives them
        from the survey dates of ``frame``.

    Returns
    -------
    DataFrame
        Rows of ``frame``.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> from geoinnenstadt.vacancy.inventory import prepare_units, resolve_at, state_rows
    >>> units = prepare_units(gi.load_sample("dortmund").units)
    >>> state = state_rows(units, resolve_at(units, "30.06.2025"))
    >>> len(state), state["unit_id"].is_unique
    (818, True)
    """
    if rounds is None:
        rounds = survey_round_dates(frame, None)
    rows = frame[(frame["survey_date"] <= at).to_numpy()]
    latest = rows.sort_values(["survey_date", "_pos"], kind="stable").drop_duplicates(
        "unit_id", keep="last"
    )
    k = int(np.searchsorted(rounds, np.datetime64(at.to_datetime64()), side="right")) - 1
    if k >= 1:  # surveyed after the round before the latest round on or before ``at``
        latest = latest[(latest["survey_date"] > rounds[k - 1]).to_numpy()]
    return latest.sort_values("_pos", kind="stable")


def resolve_at(
    frame: pd.DataFrame, at: DateLike, name: str = "at", *, warn_after: bool = False
) -> pd.Timestamp:
    """The date of an analysis: ``at`` read by :func:`geoinnenstadt.dates.parse_date`.

    None means the latest survey date of ``frame`` (a prepared panel); a date
    before the first survey is a ValueError naming ``name``; with
    ``warn_after``, a date after the latest survey warns
    (:func:`geoinnenstadt.dates.warn_if_after`).

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> from geoinnenstadt.vacancy.inventory import prepare_units, resolve_at
    >>> units = prepare_units(gi.load_sample("dortmund").units)
    >>> resolve_at(units, None), resolve_at(units, "30.06.2024")
    (Timestamp('2025-06-30 00:00:00'), Timestamp('2024-06-30 00:00:00'))
    """
    if len(frame) == 0:
        raise ValueError("the units layer is empty: no survey to compute a state from")
    first, latest = frame["survey_date"].min(), frame["survey_date"].max()
    if at is None:
        return pd.Timestamp(latest).as_unit("ns")
    ts = dates.parse_date(at, name=name)
    if ts < first:
        raise ValueError(
            f"{name}={iso_day(ts)} is before the first survey date {iso_day(first)} ({first:%d.%m.%Y}); "
            f"there is no state of the units before it. Pass {name}='{iso_day(first)}' or later"
        )
    if warn_after:
        dates.warn_if_after(ts, latest, what="survey")
    return ts


def _public(state: pd.DataFrame) -> gpd.GeoDataFrame:
    return state.drop(columns=["_vacant", "_pos"])


def survey_rounds(units: gpd.GeoDataFrame, *, rounds: Rounds = None) -> list[pd.Timestamp]:
    """The survey rounds of a units panel (the dates :func:`trend` reports).

    Without ``rounds=`` they are derived from the panel: survey dates less than
    ``gi.settings.survey_round_gap_days`` apart form one round, dated by its
    last day (see the inventory rule in :mod:`geoinnenstadt.vacancy`).

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> [d.year for d in gi.vacancy.survey_rounds(gi.load_sample("dortmund").units)]
    [2022, 2023, 2024, 2025]
    """
    frame = prepare_units(units)
    return [pd.Timestamp(d) for d in survey_round_dates(frame, rounds)]


def state_at(
    units: gpd.GeoDataFrame, at: DateLike = None, *, rounds: Rounds = None
) -> gpd.GeoDataFrame:
    """The inventory at a date with each unit's latest survey on or before ``at``.

    Parameters
    ----------
    units : GeoDataFrame
        Units panel (one row per ``unit_id`` and ``survey_date``).
    at : str, date, Timestamp or None
        Reference date (``"30.06.2025"`` or ``"2025-06-30"``). ``None``: the
        latest survey date in the data.
    rounds : sequence of dates, optional
        Survey round dates (default: derived from the survey dates, which form one
        round when less than ``settings.survey_round_gap_days`` apart; a survey
        split into two batches warns, see
        :func:`geoinnenstadt.vacancy.inventory.survey_round_dates`); see
        the inventory rule in the module docstring.

    Returns
    -------
    GeoDataFrame
        The selected rows of ``units`` (same columns and index labels, input
        order), one per unit in the inventory; ``attrs["at"]`` holds the
        reference date. Units first surveyed after ``at`` and units missing
        from the latest round on or before ``at`` are absent.

    Raises
    ------
    ValueError
        If ``at`` lies before the first survey date (the message names it);
        :class:`~geoinnenstadt.dates.DateError` if it is not a date.
    SchemaError
        If required columns are missing or dates cannot be read.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> state = gi.vacancy.state_at(city.units, at="2025-06-30")
    >>> bool(state["unit_id"].is_unique)
    True
    """
    frame = prepare_units(units)
    ts = resolve_at(frame, at)
    out = _public(state_rows(frame, ts, survey_round_dates(frame, rounds)))
    out.attrs = {"at": ts}
    return out
