"""Land reserve by group, large sites and the core-zone share (:mod:`geoinnenstadt.land`)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd

from .. import dates
from ..dates import DateLike
from ..errors import SchemaError, renamed_columns
from ..schema import OWNER_TYPE, PLANNING_BASIS, RESTRICTION
from ._base import (
    BY_OPTIONS,
    CLASSIFY_DECIMALS,
    MIN_SHARE,
    SIZE_CLASSES,
    By,
    PreparedSites,
    check_min_share,
    checked_core_zones,
    core_zone_of_sites,
    firm_held,
    inside_core_zones,
    listed_ids,
    prepare_sites,
    site_status,
    size_class,
)
from ._supply import dated_take_up

if TYPE_CHECKING:  # pragma: no cover
    from ..city import City

# ---------------------------------------------------------------------------------------
# reserves
# ---------------------------------------------------------------------------------------


def _brownfield_key(value: Any) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return "unknown"
    if isinstance(value, (bool, np.bool_)):
        return "brownfield" if value else "not_brownfield"
    text = str(value).strip().lower()
    if text in ("true", "1", "ja", "yes"):
        return "brownfield"
    if text in ("false", "0", "nein", "no"):
        return "not_brownfield"
    return "unknown"


def _groups(
    prep: PreparedSites, by: str | None, core_zones: Any, min_share: float
) -> tuple[pd.Series, list[Any]]:
    """Group key per site and the ordered list of all groups to report."""
    sites = prep.gdf
    if by is None:
        return pd.Series("available", index=sites.index, dtype=object), ["available"]
    if by == "restriction":
        return sites["restriction"].astype(object), list(RESTRICTION)
    if by == "size_class":
        return size_class(prep.area), list(SIZE_CLASSES)
    if by == "brownfield":
        if "brownfield" not in sites.columns:
            key = pd.Series("unknown", index=sites.index, dtype=object)
        else:
            key = sites["brownfield"].astype(object).map(_brownfield_key).astype(object)
        order = ["brownfield", "not_brownfield"]
        return key, order + (["unknown"] if (key == "unknown").any() else [])
    if by in ("owner_type", "planning_basis"):
        allowed = OWNER_TYPE if by == "owner_type" else PLANNING_BASIS
        if by not in sites.columns:
            key = pd.Series("unknown", index=sites.index, dtype=object)
        else:
            key = sites[by].astype(object).where(sites[by].notna(), "unknown")
            bad = ~key.isin((*allowed, "unknown"))
            if bad.any():
                raise SchemaError(
                    f"sites column {by!r} has values outside {{{', '.join(allowed)}}} at "
                    f"site(s) {listed_ids(sites, bad)}; check with gi.validate(sites, kind='sites')."
                )
        return key, list(allowed) + (["unknown"] if (key == "unknown").any() else [])
    if by in ("core_zone", "core_zone_category"):
        cols = ("zone_id",) if by == "core_zone" else ("zone_id", "category")
        zones = checked_core_zones(core_zones, prep, cols)
        zone = core_zone_of_sites(prep, zones, min_share)
        if by == "core_zone":
            order = [str(z) for z in zones["zone_id"].tolist()]
            key = zone.astype(object).where(zone.notna(), "outside")
            return key, [*order, "outside"]
        cat = dict(zip(zones["zone_id"].astype(str), zones["category"], strict=False))
        key = zone.map(lambda z: "outside" if pd.isna(z) else cat.get(str(z), "outside"))
        present = sorted({str(c) for c in zones["category"].dropna()})
        return key.astype(object), [*present, "outside"]
    raise ValueError(
        f"by={by!r} is not supported; use one of {', '.join(repr(b) for b in BY_OPTIONS)}"
    )


def reserves(
    sites: gpd.GeoDataFrame | City,
    *,
    at: DateLike = None,
    by: By | None = "restriction",
    core_zones: gpd.GeoDataFrame | None = None,
    min_share: float = MIN_SHARE,
) -> pd.DataFrame:
    """Land reserve (*Flächenreserve*): available sites and hectares by group.

    Parameters
    ----------
    sites : GeoDataFrame or City
        Sites layer (``status``, ``restriction``) in a metric CRS.
    at : date, optional
        Reference date ("05.03.2025" or "2025-03-05"); see the module notes
        (sites taken up after ``at`` are still available at ``at``).
        Default: status as recorded.
    by : str or None, default "restriction"
        Grouping: ``"restriction"`` (none, minor, major), ``"size_class"``
        (lt1, 1to5, 5to10, ge10 = "< 1 ha", "1–5 ha", "5–10 ha", "≥ 10 ha";
        lower bounds inclusive), ``"brownfield"`` (brownfield, not_brownfield
        [, unknown]), ``"core_zone"`` (each ``zone_id`` in the order of
        ``core_zones``, then "outside"; see "Core zones" in the module notes),
        ``"core_zone_category"`` (A, B, C as present, then "outside"),
        ``"owner_type"``, ``"planning_basis"`` (allowed values [, unknown for
        missing]) or ``None`` (one row).
    core_zones : GeoDataFrame, optional
        Required for the core-zone groupings.
    min_share : float, default 0.5
        Share of a site's area that must lie in core zones for the site to
        count as inside (core-zone groupings only).

    Returns
    -------
    DataFrame
        Indexed by group (index name = ``by``), every group present even with
        0 sites, plus a final row ``"total"``. Columns ``sites`` (count),
        ``reserve_ha`` (R: all available land, firm-held included),
        ``reserve_share`` (fraction of the total reserve; NaN when it is 0),
        ``marketable_reserve_ha`` (the reserve net of firm-held land: freely
        marketable, any restriction) and ``firm_reserve_ha``
        (*betriebsgebundene Reserven*, ``owner_type == "firm_reserve"``);
        ``reserve_ha = marketable_reserve_ha + firm_reserve_ha``. R₀ (the
        restriction-free reserve of :func:`years_of_supply`) is
        ``marketable_reserve_ha`` of the row ``"none"`` (``by="restriction"``).
        ``free_reserve_ha`` is the old name of ``marketable_reserve_ha``: it
        still works for one release, with a FutureWarning
        (:func:`geoinnenstadt.errors.renamed_columns`).

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> r = gi.land.reserves(city.sites, by="size_class", at="30.06.2025")
    >>> list(r.index)
    ['lt1', '1to5', '5to10', 'ge10', 'total']
    >>> round(float(r["reserve_share"].iloc[:-1].sum()), 6)
    1.0
    >>> r.columns.tolist()
    ['sites', 'reserve_ha', 'reserve_share', 'marketable_reserve_ha', 'firm_reserve_ha']
    """
    at_ts = dates.parse_optional_date(at, name="at")
    min_share = check_min_share(min_share)
    prep = prepare_sites(sites)
    available = (site_status(prep, at_ts) == "available").to_numpy()
    firm = firm_held(prep.gdf).to_numpy()
    key, order = _groups(prep, by, core_zones, min_share)
    keys = key.to_numpy()[available]

    def per_group(mask: np.ndarray) -> pd.Series:
        a = prep.area.to_numpy()[available & mask]
        k = key.to_numpy()[available & mask]
        return pd.Series(a).groupby(k).sum().reindex(order, fill_value=0.0).astype(float)

    everything = np.ones(len(prep.gdf), dtype=bool)
    counts = pd.Series(keys).value_counts().reindex(order, fill_value=0).astype("int64")
    out = pd.DataFrame(
        {
            "sites": counts.to_numpy(),
            "reserve_ha": per_group(everything).to_numpy(),
            "marketable_reserve_ha": per_group(~firm).to_numpy(),
            "firm_reserve_ha": per_group(firm).to_numpy(),
        },
        index=order,
    )
    area = prep.area.to_numpy()
    out.loc["total"] = [
        int(available.sum()),
        float(area[available].sum()),
        float(area[available & ~firm].sum()),
        float(area[available & firm].sum()),
    ]
    out["sites"] = out["sites"].astype("int64")
    total_ha = float(out.loc["total", "reserve_ha"])
    out.insert(2, "reserve_share", out["reserve_ha"] / total_ha if total_ha > 0 else np.nan)
    out.index = pd.Index(out.index, dtype=object, name=by if by is not None else "group")
    return renamed_columns(out, {"free_reserve_ha": "marketable_reserve_ha"})


# ---------------------------------------------------------------------------------------
# large sites and core-zone share
# ---------------------------------------------------------------------------------------


def large_sites(
    sites: gpd.GeoDataFrame | City, *, min_ha: float = 5, at: DateLike = None
) -> gpd.GeoDataFrame:
    """Available sites of at least ``min_ha`` hectares, largest first.

    Firms that need 5 ha or more are the hardest to place (DOMAIN.md), hence
    the default. The comparison uses the area rounded to 1e-6 ha, so a
    5 ha square counts.

    Returns
    -------
    GeoDataFrame
        The matching rows of ``sites`` with ``status`` as of ``at`` and an
        added ``area_ha`` column, sorted by area descending (ties by
        ``site_id``).

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> big = gi.land.large_sites(city.sites, min_ha=5, at="30.06.2025")
    >>> bool((big["area_ha"] >= 5 - 1e-6).all())
    True
    """
    at_ts = dates.parse_optional_date(at, name="at")
    prep = prepare_sites(sites)
    if not math.isfinite(float(min_ha)) or float(min_ha) < 0:
        raise ValueError(f"min_ha must be a finite number >= 0, got {min_ha!r}")
    status = site_status(prep, at_ts)
    keep = (status == "available") & (prep.area.round(CLASSIFY_DECIMALS) >= float(min_ha))
    out = prep.gdf.loc[keep].copy()
    out["status"] = status[keep]
    out["area_ha"] = prep.area[keep]
    keys = ["area_ha", "site_id"] if "site_id" in out.columns else ["area_ha"]
    return out.sort_values(keys, ascending=[False] + [True] * (len(keys) - 1), kind="stable")


def core_zone_share(
    sites: gpd.GeoDataFrame | City,
    core_zones: gpd.GeoDataFrame,
    *,
    at: DateLike = None,
    start: int | DateLike = None,
    end: int | DateLike = None,
    min_share: float = MIN_SHARE,
    include_firm_reserves: bool = False,
) -> pd.DataFrame:
    """Reserve and take-up inside vs. outside the Gewerbe- und Industriekernzonen.

    A site is inside when at least ``min_share`` of its area lies in the
    union of the core zones, and then counts with its whole area — the rule
    of ``reserves(by="core_zone")``, so the inside hectares of the row
    ``reserve`` equal the sum of its zone rows. Overlapping zones are not
    counted twice.

    Parameters
    ----------
    sites : GeoDataFrame or City
    core_zones : GeoDataFrame
        In the same metric CRS as ``sites``.
    at : date, optional
        Reference date for the reserve (module notes); take-up after ``at``
        is ignored.
    start, end : int or date, optional
        Years of take-up to include (a year or a date meaning its year,
        inclusive); default all dated take-up.
    min_share : float, default 0.5
        Share of a site's area that must lie in core zones.
    include_firm_reserves : bool, default False
        Count firm-held sites in ``reserve_free`` (R₀).

    Returns
    -------
    DataFrame
        Index ``measure``: ``reserve`` (R, available), ``reserve_free`` (R₀:
        available, restriction none, not firm-held by default),
        ``firm_reserve`` (available, firm-held), ``take_up``. Columns
        ``total_ha``, ``inside_ha``, ``outside_ha``, ``share_inside`` (NaN
        when total is 0).

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("duesseldorf")
    >>> s = gi.land.core_zone_share(city.sites, city.core_zones)
    >>> list(s.index)
    ['reserve', 'reserve_free', 'firm_reserve', 'take_up']
    """
    at_ts = dates.parse_optional_date(at, name="at")
    first = dates.parse_year(start, name="start") if start is not None else None
    last = dates.parse_year(end, name="end") if end is not None else None
    min_share = check_min_share(min_share)
    prep = prepare_sites(sites)
    zones = checked_core_zones(core_zones, prep, ())
    inside = inside_core_zones(prep, zones, min_share)
    available = site_status(prep, at_ts) == "available"
    firm = firm_held(prep.gdf)
    free = available & (prep.gdf["restriction"] == "none")
    if not include_firm_reserves:
        free &= ~firm
    taken_on, _ = dated_take_up(prep, at_ts)
    years = taken_on.dt.year
    sel = pd.Series(True, index=years.index)
    if first is not None:
        sel &= years >= first
    if last is not None:
        sel &= years <= last
    taken = pd.Series(False, index=prep.gdf.index)
    taken[years.index[sel.to_numpy()]] = True
    rows = {}
    measures = (
        ("reserve", available),
        ("reserve_free", free),
        ("firm_reserve", available & firm),
        ("take_up", taken),
    )
    for name, mask in measures:
        total = float(prep.area[mask].sum())
        ins = float(prep.area[mask & inside].sum())
        rows[name] = {
            "total_ha": total,
            "inside_ha": ins,
            "outside_ha": float(prep.area[mask & ~inside].sum()),
            "share_inside": ins / total if total > 0 else np.nan,
        }
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "measure"
    return out
