"""Quarter profiles (*Quartiersprofile*): vacancy, use mix, footfall and land per quarter.

A quarter's profile gathers what the library computes elsewhere into one
row per quarter (and one for the city), so that a researcher has the
figures of the briefing ``05_quartiersprofile`` as a table. Nothing is
computed again here; each figure comes from its one home:

* vacancy (units, vacancy rate, change since the previous survey, long-term
  vacancy, median duration) from the vacancy panel
  :func:`geoinnenstadt.vacancy.panel` (the change as in the briefing's key
  figures: the rate at ``at`` minus the rate at the previous survey, in
  percentage points);
* the use mix (category shares, diversity, chain share, magnets) from
  :func:`geoinnenstadt.uses.mix` at the panel's date;
* footfall (mean pedestrians per day, year on year on matching weekdays)
  from :func:`geoinnenstadt.footfall.by_quarter` and
  :func:`geoinnenstadt.footfall.change`;
* land (sites and land reserve in the quarter) from
  :func:`geoinnenstadt.land.reserves`.

Publication mode (``min_count``) withholds what the vacancy panel withholds
(:meth:`~geoinnenstadt.vacancy.VacancyPanel.withheld_at`, primary and
secondary): every unit-based figure of such a quarter — vacancy, use shares,
diversity, chain share and magnets — is NaN and ``withheld`` names the
decision. Footfall and land do not count units and stay.

Examples
--------
>>> import geoinnenstadt as gi
>>> city = gi.load_sample("dortmund")
>>> table = gi.profiles.quarter_profiles(city)
>>> table.index[-1], int(table.loc["total", "units"]) == int(table["units"].iloc[:-1].sum())
('total', True)
>>> table.loc["Q05", "footfall_status"], table.loc["Q01", "footfall_status"]
('measured', 'not_measured')
"""

from __future__ import annotations

import dataclasses
import warnings
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd

from .uses import CATEGORIES
from .vacancy.inventory import TOTAL_ID, TOTAL_NAME

if TYPE_CHECKING:  # pragma: no cover
    from .dates import DateLike
    from .footfall import Footfall
    from .vacancy import VacancyPanel

__all__ = [
    "UNIT_FIGURES",
    "VACANCY_FIGURES",
    "counter_quarters",
    "footfall_year",
    "quarter_footfall",
    "quarter_profiles",
]

#: Vacancy figures of a profile, taken from the vacancy panel.
VACANCY_FIGURES: tuple[str, ...] = (
    "units",
    "vacant",
    "vacancy_rate",
    "change_pp",
    "long_term_share",
    "median_vacancy_days",
)

#: Figures that rest on the units of a quarter: withheld in publication mode.
UNIT_FIGURES: tuple[str, ...] = (
    *VACANCY_FIGURES,
    "n_occupied",
    *(f"share_{c}" for c in CATEGORIES),
    "diversity",
    "chain_share",
    "magnets",
)


def _inputs(
    city_or_units: Any, quarters: gpd.GeoDataFrame | None
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, Any, Any]:
    """Units, quarters, footfall and sites of a City, or the units and quarters given."""
    if hasattr(city_or_units, "layers"):  # a City
        city = city_or_units
        units = city.require("units")
        q = quarters if quarters is not None else city.require("quarters")
        return units, q, getattr(city, "footfall", None), getattr(city, "sites", None)
    if quarters is None:
        raise ValueError(
            "quarter_profiles: give a City, or the units and quarters "
            "(quarter_profiles(units, quarters))"
        )
    return city_or_units, quarters, None, None


def footfall_year(ff: Footfall, at: DateLike = None) -> int | None:
    """The year a profile's footfall refers to: the latest calendar year of counts up to ``at``'s year.

    None when ``ff`` has no counts. Without ``at``, the latest year with counts.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> ff = gi.load_sample("dortmund").footfall
    >>> footfall_year(ff), footfall_year(ff, "30.06.2025"), footfall_year(ff, "30.06.2023")
    (2024, 2024, 2023)
    """
    from . import dates

    if ff is None or not len(ff.counts):
        return None
    years = ff.counts["timestamp"].dt.year
    if at is not None:
        limit = dates.parse_date(at).year
        before = years[years <= limit]
        if len(before):
            return int(before.max())
    return int(years.max())


def counter_quarters(ff: Footfall, quarters: gpd.GeoDataFrame) -> pd.Series:
    """The quarter of every counter (index ``counter_id``; NA outside or without a position).

    The rule of :func:`geoinnenstadt.footfall.by_quarter`
    (:func:`geoinnenstadt.zones.assign`).

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> counter_quarters(city.footfall, city.quarters).to_dict()
    {'DO-Z1': 'Q05', 'DO-Z2': 'Q05', 'DO-Z3': 'Q04'}
    """
    from . import zones

    counters = ff.counters
    located = counters[counters.geometry.notna() & ~counters.geometry.is_empty]
    out = pd.Series(pd.NA, index=pd.Index(counters["counter_id"].astype(str)), dtype=object)
    if len(located):
        where = zones.assign(located, quarters, id_column="quarter_id", warn=False)
        out.loc[located["counter_id"].astype(str).to_numpy()] = where.to_numpy(dtype=object)
    out.index.name = "counter_id"
    return out


def quarter_footfall(ff: Footfall, counter_ids: Any, *, year: Any = None) -> Footfall:
    """The counts of some counters (within ``year`` if given, local calendar year) as a Footfall.

    For profiles of a quarter: pass the ids of its counters
    (:func:`counter_quarters`) to :func:`geoinnenstadt.footfall.profile`.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> ff = gi.load_sample("dortmund").footfall
    >>> sorted(quarter_footfall(ff, ["DO-Z3"], year=2024).counts["counter_id"].unique())
    ['DO-Z3']
    """
    from . import dates

    ids = {str(i) for i in counter_ids}
    counts = ff.counts
    keep = np.array(counts["counter_id"].astype(str).isin(ids), dtype=bool)
    if year is not None:
        keep = keep & np.array(counts["timestamp"].dt.year == dates.parse_year(year), dtype=bool)
    counters = ff.counters[ff.counters["counter_id"].astype(str).isin(ids)]
    return dataclasses.replace(ff, counts=counts[keep], counters=counters)


def _footfall_columns(
    ff: Footfall, quarters: gpd.GeoDataFrame, ids: pd.Index, year: int
) -> pd.DataFrame:
    """Counters, pedestrians per day, status and year-on-year change per quarter and city."""
    from . import footfall

    per_quarter = footfall.by_quarter(ff, quarters, year=year)
    city_zone = gpd.GeoDataFrame(
        {"quarter_id": [TOTAL_ID]},
        geometry=[quarters.geometry.union_all()],
        crs=quarters.crs,
    )
    city = footfall.by_quarter(ff, city_zone, year=year)
    table = pd.concat([per_quarter, city])
    where = counter_quarters(ff, quarters)
    yoy = footfall.change(ff, year=year)
    yoy = yoy[yoy["days"] > 0]
    yoy.index = yoy.index.astype(str)
    sums = pd.DataFrame(
        {
            "quarter_id": where.reindex(yoy.index).to_numpy(dtype=object),
            "pedestrians": yoy["pedestrians"].astype(float).to_numpy(),
            "previous": yoy["previous"].astype(float).to_numpy(),
        },
        index=yoy.index,
    )
    in_any = sums["quarter_id"].notna()
    by_q = sums[in_any].groupby("quarter_id")[["pedestrians", "previous"]].sum()
    by_q.loc[TOTAL_ID] = sums.loc[in_any, ["pedestrians", "previous"]].sum()
    if not in_any.any():
        by_q = by_q.drop(index=TOTAL_ID)
    change = by_q["pedestrians"] / by_q["previous"].where(by_q["previous"] > 0) - 1.0
    out = pd.DataFrame(index=ids)
    out["counters"] = table["counters"].reindex(ids).fillna(0).astype("int64")
    out["pedestrians_per_day"] = table["pedestrians_per_day"].reindex(ids).astype(float)
    out["footfall_status"] = table["status"].reindex(ids).fillna("not_measured")
    out["footfall_change"] = change.reindex(ids).astype(float)
    return out


def _land_columns(
    sites: gpd.GeoDataFrame, quarters: gpd.GeoDataFrame, ids: pd.Index, at: pd.Timestamp
) -> pd.DataFrame:
    """Sites and land reserve (ha) per quarter and for all quarters together."""
    from . import land, zones

    where = zones.assign(sites, quarters, id_column="quarter_id", warn=False)
    out = pd.DataFrame(index=ids)
    out["sites"] = 0
    out["reserve_ha"] = 0.0
    with warnings.catch_warnings():
        # the land module's warnings (undated take-up, …) belong to the land briefing
        warnings.simplefilter("ignore")
        for qid in ids:
            sel = where.notna() if qid == TOTAL_ID else (where == qid).fillna(False)
            inside = sites[sel.to_numpy(dtype=bool)]
            if not len(inside):
                continue
            r = land.reserves(inside, at=at, by=None)
            out.loc[qid, "sites"] = len(inside)
            out.loc[qid, "reserve_ha"] = float(r["reserve_ha"].loc["total"])
    out["sites"] = out["sites"].astype("int64")
    return out


def quarter_profiles(
    city_or_units: Any,
    quarters: gpd.GeoDataFrame | None = None,
    *,
    at: DateLike = None,
    footfall: Footfall | None = None,
    sites: gpd.GeoDataFrame | None = None,
    min_count: int | None = None,
    year: Any = None,
    panel: VacancyPanel | None = None,
) -> pd.DataFrame:
    """One row per quarter and one for the city: vacancy, use mix, footfall and land.

    Parameters
    ----------
    city_or_units : City or GeoDataFrame
        A :class:`~geoinnenstadt.City` (its units, quarters, footfall and
        sites), or a units panel (then ``quarters`` is required).
    quarters : GeoDataFrame, optional
        Quarters (``quarter_id``, ``name``); default the City's.
    at : date-like, optional
        Reference date (default: the latest survey).
    footfall : Footfall, optional
        Counts (default the City's ``footfall``); without any the footfall
        columns are absent.
    sites : GeoDataFrame, optional
        Sites layer (default the City's ``sites``); without any the land
        columns are absent.
    min_count : int, optional
        Publication mode: the quarters the vacancy panel withholds at ``at``
        (fewer than ``min_count`` units, and the secondary suppression) get
        NaN in every unit-based figure (:data:`UNIT_FIGURES`).
    year : int, optional
        Footfall year (default :func:`footfall_year`: the latest calendar
        year of counts up to ``at``'s year); compared with the year before.
    panel : VacancyPanel, optional
        The vacancy panel to read the vacancy figures from (its ``at`` and
        ``min_count`` must agree with the arguments); default one built here.

    Returns
    -------
    DataFrame
        Indexed by ``quarter_id`` (layer order, then ``"total"``) with
        ``name``; ``units``, ``vacant``, ``vacancy_rate`` (fraction),
        ``change_pp`` (percentage points since the previous survey; NaN at
        the first), ``long_term_share``, ``median_vacancy_days``;
        ``n_occupied``, ``share_<category>`` for each top-level category of
        :data:`geoinnenstadt.uses.CATEGORIES`, ``diversity``,
        ``chain_share``, ``magnets``; with footfall ``counters``,
        ``pedestrians_per_day`` (NaN: not measured), ``footfall_status``
        (``measured``, ``not_measured``, ``no_complete_days``) and
        ``footfall_change`` (year on year on matching weekdays: the
        quarter's counters summed, a fraction); with sites ``sites`` and
        ``reserve_ha``; ``withheld`` (``""``, ``"primary"``,
        ``"secondary"``). The city row ``"total"`` counts every unit
        (inside a quarter or not) and the counters and sites inside any
        quarter. ``attrs``: ``at``, ``previous`` (previous survey date or
        None), ``footfall_year``, ``min_count``, ``magnet_floor_area_m2``.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> t = gi.profiles.quarter_profiles(city, min_count=70)
    >>> t.loc["Q01", "withheld"], bool(t.loc["Q01", ["vacancy_rate", "share_gastronomy"]].isna().all())
    ('primary', True)
    >>> round(float(t.loc["total", "vacancy_rate"]), 4) == round(float(gi.vacancy.rates(city.units, city.quarters).loc["total", "vacancy_rate"]), 4)
    True
    """
    from . import uses, vacancy

    units, q, ff_default, sites_default = _inputs(city_or_units, quarters)
    ff = footfall if footfall is not None else ff_default
    site_layer = sites if sites is not None else sites_default
    if panel is None:
        panel = vacancy.panel(units, q, at=at, min_count=min_count, hotspots=False)
    else:
        panel.check(at=at, min_count=min_count, what="quarter_profiles")
        if min_count is None:
            min_count = panel.min_count
    rates = panel.rates_at()
    if rates is None:
        raise ValueError("quarter_profiles: the vacancy panel was built without quarters")
    ids = pd.Index(rates.index.astype(str), name="quarter_id")
    out = pd.DataFrame(index=ids)
    out["name"] = rates["name"].to_numpy(dtype=object)
    out.loc[TOTAL_ID, "name"] = TOTAL_NAME
    for col in VACANCY_FIGURES:
        if col == "change_pp":
            continue
        out[col] = rates[col].to_numpy()
    previous = panel.dates[-2] if len(panel.dates) > 1 else None
    if previous is not None:
        earlier = panel.rates_at(previous)
        assert earlier is not None  # for mypy: a panel with quarters has rates at every date
        before = earlier["vacancy_rate"]
        before.index = before.index.astype(str)
        change = (
            pd.to_numeric(out["vacancy_rate"], errors="coerce")
            - pd.to_numeric(before.reindex(ids), errors="coerce")
        ) * 100.0
    else:
        change = pd.Series(np.nan, index=ids)
    out.insert(out.columns.get_loc("vacancy_rate") + 1, "change_pp", change.astype(float))

    the_mix = uses.mix(units, q, at=panel.at)
    the_mix.index = the_mix.index.astype(str)
    for col in the_mix.columns.drop("name"):
        out[col] = the_mix[col].reindex(ids).to_numpy()

    fy = None
    if ff is not None and len(ff.counts):
        fy = year if year is not None else footfall_year(ff, panel.at)
        if fy is not None:
            out = out.join(_footfall_columns(ff, q, ids, int(fy)))
    if site_layer is not None and len(site_layer):
        out = out.join(_land_columns(site_layer, q, ids, panel.at))

    decision = panel.withheld_at().reindex(ids).fillna("") if min_count is not None else None
    out["withheld"] = decision.to_numpy() if decision is not None else ""
    if decision is not None:
        hidden = (decision != "").to_numpy()
        for col in UNIT_FIGURES:
            if col in out.columns:
                out[col] = out[col].astype(float)
                out.loc[hidden, col] = np.nan
    out.attrs = {
        "at": panel.at,
        "previous": previous,
        "footfall_year": None if fy is None else int(fy),
        "min_count": min_count,
        "magnet_floor_area_m2": the_mix.attrs.get("magnet_floor_area_m2"),
    }
    return out
