"""Take-up per year and years of supply (:mod:`geoinnenstadt.land`).

Shared building blocks (public names for the other modules of the package, not part of
the user-facing ``__all__``): ``dated_take_up``, ``window_end``.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd

from .. import dates
from ..dates import DateLike
from ..errors import GeoinnenstadtWarning, renamed_columns
from ._base import (
    PreparedSites,
    assume_today,
    firm_held,
    last_complete_year,
    prepare_sites,
    resolve_reference,
    site_status,
    taken_up_dates,
    warn_undated,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..city import City

# ---------------------------------------------------------------------------------------
# take-up and years of supply
# ---------------------------------------------------------------------------------------


def dated_take_up(prep: PreparedSites, until: pd.Timestamp | None) -> tuple[pd.Series, pd.Series]:
    """(dates, hectares) of taken-up sites with a date (on or before ``until`` if given)."""
    gdf = prep.gdf
    taken_on = taken_up_dates(gdf)
    taken = gdf["status"] == "taken_up"
    warn_undated(gdf, taken & taken_on.isna(), "they are left out of take-up statistics")
    keep = (taken & taken_on.notna()).to_numpy(dtype=bool, copy=True)
    if until is not None:
        keep &= (taken_on <= until).to_numpy()
    return taken_on[keep], prep.area[keep]


def _per_year(dates_: pd.Series, ha: pd.Series, first: int | None, last: int | None) -> pd.Series:
    years = dates_.dt.year.astype("int64")
    if first is None:
        first = int(years.min()) if len(years) else last
    if last is None:
        last = int(years.max()) if len(years) else first
    if first is None or last is None:
        return pd.Series(
            [], index=pd.Index([], dtype="int64", name="year"), name="take_up_ha", dtype=float
        )
    if first > last:
        raise ValueError(f"start year {first} is after end year {last}")
    index = pd.Index(range(first, last + 1), dtype="int64", name="year")
    sums = ha.groupby(years.to_numpy()).sum()
    return sums.reindex(index, fill_value=0.0).astype(float).rename("take_up_ha")


def _take_up(
    sites: gpd.GeoDataFrame | City,
    start: int | DateLike,
    end: int | DateLike,
    at: DateLike,
    *,
    complete_only: bool,
) -> pd.Series:
    """take_up (``complete_only``: the window rule of years_of_supply) or take_up_by_year."""
    at_ts = dates.parse_optional_date(at, name="at")
    prep = prepare_sites(sites, ("status",))
    reference, _ = resolve_reference(at_ts, prep.city_as_of)
    first = dates.parse_year(start, name="start") if start is not None else None
    if complete_only and end is None and reference is None:
        reference = assume_today("the take-up window of take_up")
    last = window_end(end, reference) if complete_only else None
    if not complete_only and end is not None:
        last = dates.parse_year(end, name="end")
    taken_on, ha = dated_take_up(prep, reference)
    if last is None and reference is not None:
        last = int(reference.year)
    if first is not None and last is not None and first > last:
        raise ValueError(f"start year {first} is after the end year {last}")
    complete = last_complete_year(reference if reference is not None else dates.today())
    if complete_only and end is None and reference is not None and last is not None:
        left_out = taken_on.dt.year > last
        if left_out.any():
            warnings.warn(
                f"take_up ends at {last}, the last complete year on {reference:%d.%m.%Y}: "
                f"{float(ha[left_out.to_numpy()].sum()):.2f} ha taken up in the partial year "
                f"{reference.year} are left out. Pass end={reference.year} to include it as a "
                f"partial year, or use take_up_by_year (it flags partial years).",
                GeoinnenstadtWarning,
                stacklevel=4,
            )
            keep = (~left_out).to_numpy()
            taken_on, ha = taken_on[keep], ha[keep]
    if first is None and not len(taken_on):  # nothing taken up and no first year: empty
        last = None
    out = _per_year(taken_on, ha, first, last)
    partial = [int(y) for y in out.index if y > complete]
    out.attrs.update(
        reference_date=reference,
        complete_through=complete,
        partial_year=partial[0] if partial else None,
        partial_years=partial,
    )
    return out


@dates.deprecated_as_of
def take_up(
    sites: gpd.GeoDataFrame | City,
    *,
    start: int | DateLike = None,
    end: int | DateLike = None,
    at: DateLike = None,
) -> pd.Series:
    """Take-up (*Inanspruchnahme*): hectares taken up per calendar year.

    The same window rule as :func:`years_of_supply`: by default the series
    ends at the last complete calendar year on the reference date
    (:func:`geoinnenstadt.dates.last_complete_year`); take-up in the partial
    year after it is left out with a :class:`~geoinnenstadt.errors.GeoinnenstadtWarning`
    saying how much. :func:`take_up_by_year` shows the partial year, flagged.

    Parameters
    ----------
    sites : GeoDataFrame or City
        Sites layer in a metric CRS; taken-up sites need ``taken_up_on``
        (undated ones are left out with a warning naming them).
    start, end : int or date, optional
        First and last calendar year — a year (2021), or a date: for
        ``start`` its year, for ``end`` the last complete year on it (as
        ``end`` of :func:`years_of_supply`). Defaults: the first year with
        take-up; the last complete year on the reference date.
    at : date, optional
        Reference date (module notes; a City's ``meta["as_of"]`` is used when
        it is not given, else today with a warning, as in
        :func:`years_of_supply`). Take-up after it is ignored. ``as_of=`` is
        a deprecated name of it.

    Returns
    -------
    Series
        Hectares per year, index ``year`` (int, every year from ``start`` to
        ``end`` inclusive, zeros included), name ``take_up_ha``. Empty when
        there is no take-up and no ``start`` is given. ``attrs``:
        ``reference_date`` (Timestamp or None), ``complete_through`` (the last
        complete calendar year on the reference date), ``partial_year`` (the
        first year of the index that is not complete — only with an explicit
        later ``end`` — else None) and ``partial_years`` (all such years).

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> t = gi.land.take_up(city.sites, start=2021, end=2024)
    >>> list(t.index)
    [2021, 2022, 2023, 2024]
    >>> import warnings
    >>> with warnings.catch_warnings():  # city.meta["as_of"] is 30.06.2025: 2025 is partial
    ...     warnings.simplefilter("ignore")
    ...     t = gi.land.take_up(city)
    >>> int(t.index[-1]), t.attrs["complete_through"], t.attrs["partial_year"]
    (2024, 2024, None)
    """
    return _take_up(sites, start, end, at, complete_only=True)


@dates.deprecated_as_of
def take_up_by_year(
    sites: gpd.GeoDataFrame | City,
    *,
    start: int | DateLike = None,
    end: int | DateLike = None,
    at: DateLike = None,
    include_partial: bool = True,
) -> pd.DataFrame:
    """Take-up per year with a ``partial`` flag per year (for charts and maps).

    Unlike :func:`take_up`, the year of the reference date is included and
    flagged (draw it as partial, never as a full year); ``end`` is a year
    (or a date meaning its year), default the year of the reference date,
    else the last year with take-up.

    Returns
    -------
    DataFrame
        Index ``year``; columns ``take_up_ha`` and ``partial`` (True for a
        year not complete on the reference date). ``include_partial=False``
        drops those years. ``attrs`` as in :func:`take_up`.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> t = gi.land.take_up_by_year(city, start=2023)
    >>> t["partial"].tolist()
    [False, False, True]
    """
    series = _take_up(sites, start, end, at, complete_only=False)
    partial = set(series.attrs["partial_years"])
    out = pd.DataFrame(
        {"take_up_ha": series, "partial": [y in partial for y in series.index]}, index=series.index
    )
    out["partial"] = out["partial"].astype(bool)
    if not include_partial:
        out = out[~out["partial"]]
    out.attrs.update(series.attrs)
    return out


def window_end(end: Any, reference: pd.Timestamp | None) -> int | None:
    """Last year of the window (see years_of_supply)."""
    if end is not None:
        if isinstance(end, (int, np.integer)) and not isinstance(end, (bool, np.bool_)):
            return dates.parse_year(end, name="end")
        reference = dates.parse_date(end, name="end")
    return None if reference is None else last_complete_year(reference)


@dates.deprecated_as_of
def years_of_supply(
    sites: gpd.GeoDataFrame | City,
    *,
    window: int = 5,
    end: int | DateLike = None,
    demand_ha_per_year: float | Mapping[str, float] | None = None,
    at: DateLike = None,
    include_firm_reserves: bool = False,
) -> pd.DataFrame:
    """Years of supply (*Reichweite*) of the land reserve: R₀ / Ī (net) and R / Ī (gross).

    Parameters
    ----------
    sites : GeoDataFrame or City
        Sites layer in a metric CRS (a City supplies ``meta["as_of"]``).
    window : int, default 5
        Number of complete calendar years averaged for the observed take-up Ī.
    end : int or date, optional
        Last year of the window: a year (2025), or a date meaning the last
        complete calendar year on it (the year itself if the date is
        31 December, otherwise the previous year). Default: that rule applied
        to the reference date (``at``, else the City's
        ``meta["as_of"]``, else today with a warning) — e.g. 30.06.2025 →
        window 2020–2024 for ``window=5``.
    demand_ha_per_year : float or mapping, optional
        Demand scenarios in ha per year: one number gives a row "scenario", a
        mapping such as ``{"Stadt": 13, "IHK": 20}`` one row per key.
    at : date, optional
        Reference date for the reserve and the take-up window (module notes);
        take-up after the reference date is ignored. ``as_of=`` is a
        deprecated name of it.
    include_firm_reserves : bool, default False
        Count firm-held reserves (*betriebsgebundene Reserven*) in R₀. By
        default R₀ holds only freely available, restriction-free land; R
        always includes firm-held land.

    Returns
    -------
    DataFrame
        Index ``scenario``: ``"observed"`` first (Ī from the data), then the
        scenarios. Columns ``demand_ha_per_year`` (Ī for "observed"),
        ``reserve_ha`` (R), ``restriction_free_reserve_ha`` (R₀: available,
        restriction none, firm-held land only with ``include_firm_reserves``;
        ``reserve_free_ha`` is its old name, working for one release with a
        FutureWarning), ``firm_reserve_ha`` (firm-held part of R), ``years_net`` (R₀ / Ī), ``years_gross``
        (R / Ī), ``unbounded`` (True when Ī = 0: nothing is consumed, the
        years are ``inf``; a zero reserve gives 0 years even then),
        ``window_start``, ``window_end`` (years averaged, for the observed
        row; ``<NA>`` for scenarios). ``attrs``: ``reference_date``,
        ``reference`` (where it came from: "at", "city.meta['as_of']",
        "today", or None when ``end`` fixed the window), ``include_firm_reserves``.

    Notes
    -----
    Ī = (sum of take-up ha in ``window_start`` … ``window_end``) / ``window``;
    years without take-up count as 0.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> y = gi.land.years_of_supply(city, demand_ha_per_year={"Stadt": 13, "IHK": 20})
    >>> list(y.index)
    ['observed', 'Stadt', 'IHK']
    >>> int(y.loc["observed", "window_start"]), int(y.loc["observed", "window_end"])
    (2020, 2024)
    """
    if isinstance(window, bool) or not isinstance(window, (int, np.integer)) or window < 1:
        raise ValueError(f"window must be a whole number of years >= 1, got {window!r}")
    scenarios = _scenarios(demand_ha_per_year)
    at_ts = dates.parse_optional_date(at, name="at")
    prep = prepare_sites(sites)
    reference, source = resolve_reference(at_ts, prep.city_as_of)
    if reference is None and end is None:
        reference, source = assume_today("the take-up window of years_of_supply"), "today"
    available = site_status(prep, at_ts) == "available"
    firm = firm_held(prep.gdf)
    free = available & (prep.gdf["restriction"] == "none")
    if not include_firm_reserves:
        free &= ~firm
    reserve = float(prep.area[available].sum())
    reserve_free = float(prep.area[free].sum())
    reserve_firm = float(prep.area[available & firm].sum())
    taken_on, ha = dated_take_up(prep, reference)
    last = window_end(end, reference)
    first = None if last is None else last - int(window) + 1
    mean = 0.0 if last is None else float(_per_year(taken_on, ha, first, last).sum()) / int(window)
    rows = [("observed", mean, first, last)] + [(k, v, None, None) for k, v in scenarios.items()]
    records = [
        {
            "scenario": name,
            "demand_ha_per_year": demand,
            "reserve_ha": reserve,
            "restriction_free_reserve_ha": reserve_free,
            "firm_reserve_ha": reserve_firm,
            "years_net": _years(reserve_free, demand),
            "years_gross": _years(reserve, demand),
            "unbounded": demand == 0,
            "window_start": w0,
            "window_end": w1,
        }
        for name, demand, w0, w1 in rows
    ]
    out = pd.DataFrame.from_records(records).set_index("scenario")
    out.index = pd.Index(out.index, dtype=object, name="scenario")
    out["unbounded"] = out["unbounded"].astype(bool)
    for col in ("window_start", "window_end"):
        out[col] = pd.array(out[col].tolist(), dtype="Int64")
    out.attrs.update(
        reference_date=reference, reference=source, include_firm_reserves=include_firm_reserves
    )
    return renamed_columns(out, {"reserve_free_ha": "restriction_free_reserve_ha"})


def _years(reserve: float, demand: float) -> float:
    if reserve == 0:
        return 0.0
    if demand == 0:
        return math.inf
    return reserve / demand


def _scenarios(demand: float | Mapping[str, float] | None) -> dict[str, float]:
    if demand is None:
        return {}
    if isinstance(demand, Mapping):
        items = {str(k): v for k, v in demand.items()}
    else:
        items = {"scenario": demand}
    out: dict[str, float] = {}
    for name, value in items.items():
        if name == "observed":
            raise ValueError(
                "'observed' is reserved for the row from the data; rename the scenario"
            )
        try:
            v = float(value)
        except (TypeError, ValueError) as exc:
            raise ValueError(
                f"demand of scenario {name!r} must be a number, got {value!r}"
            ) from exc
        if not math.isfinite(v) or v < 0:
            raise ValueError(
                f"demand of scenario {name!r} must be finite and >= 0 ha/year, got {value!r}"
            )
        out[name] = v
    return out
