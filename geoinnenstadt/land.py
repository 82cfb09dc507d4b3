"""Commercial and industrial land: reserves, take-up, years of supply (Wirtschaftsflächen).

Indicators of DOMAIN.md ("Indicators"):

* **Flächenreserve R** — area of sites with status ``available`` (ha);
  **restriktionsfreie Reserve R₀** — available sites with restriction ``none``.
* **Inanspruchnahme** — hectares taken up per calendar year (``taken_up_on``);
  **Ī** — mean take-up over a window of complete calendar years.
* **Reichweite** (years of supply) — R₀ / Ī (net) and R / Ī (gross), for the
  observed take-up and for demand scenarios (e.g. city vs. chamber of commerce).
* Size classes "< 1 ha", "1–5 ha", "5–10 ha", "≥ 10 ha", large sites, and the
  share of reserve and take-up inside Gewerbe- und Industriekernzonen.

Areas
-----
Areas are always computed from the geometry, never read from an attribute,
and only in the working CRS (``settings.working_crs``, EPSG:25832 by
default). A layer without a CRS, in a geographic CRS (degrees) or in another
CRS raises :class:`~geoinnenstadt.errors.CRSError`; nothing is reprojected
silently.

State at a date (``at``)
------------------------
The sites layer records the *current* status. With ``at=None`` the status is
taken as recorded. With a date ``at``:

* a site taken up after ``at`` (``taken_up_on > at``) counts as **available**
  at ``at`` — it was part of the reserve until it was taken up;
* a site taken up on or before ``at`` counts as taken up;
* ``available`` and ``reserved`` sites keep their status (the layer does not
  say since when they exist);
* take-up after ``at`` is ignored by :func:`take_up`-based indicators that
  accept ``at``.

A taken-up site without ``taken_up_on`` keeps its recorded status and is left
out of take-up statistics; every such site is counted and named in a warning.

Examples
--------
>>> import geoinnenstadt as gi
>>> city = gi.load_sample("dortmund")
>>> r = gi.land.reserves(city.sites, by="restriction")
>>> list(r.index)
['none', 'minor', 'major', 'total']
>>> bool(r.loc["total", "reserve_ha"] > 0)
True
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping
from typing import Any, Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS

from . import settings
from .errors import CRSError, GeoinnenstadtWarning, SchemaError
from .schema import OWNER_TYPE, PLANNING_BASIS, RESTRICTION, SITE_STATUS

__all__ = [
    "BY_OPTIONS",
    "SIZE_CLASSES",
    "core_zone_share",
    "large_sites",
    "reserves",
    "site_areas",
    "size_class",
    "status_at",
    "take_up",
    "years_of_supply",
]

#: Size classes of reserves (DOMAIN.md): key -> (lower bound ha incl., upper bound ha excl.).
SIZE_CLASSES: dict[str, tuple[float, float]] = {
    "lt1": (0.0, 1.0),
    "1to5": (1.0, 5.0),
    "5to10": (5.0, 10.0),
    "ge10": (10.0, math.inf),
}

#: Values accepted by ``reserves(by=...)``.
BY_OPTIONS: tuple[str | None, ...] = (
    "restriction",
    "size_class",
    "brownfield",
    "core_zone",
    "core_zone_category",
    "owner_type",
    "planning_basis",
    None,
)

By = Literal[
    "restriction",
    "size_class",
    "brownfield",
    "core_zone",
    "core_zone_category",
    "owner_type",
    "planning_basis",
]

#: Decimal places of hectares used to classify sizes (1e-6 ha = 0.01 m²): a 100 m × 100 m
#: square in UTM coordinates whose shoelace area comes out as 9999.9999999 m² is 1 ha.
_CLASSIFY_DECIMALS = 6


# ---------------------------------------------------------------------------------------
# checks and helpers
# ---------------------------------------------------------------------------------------


def _check_crs(gdf: gpd.GeoDataFrame, what: str) -> None:
    crs = gdf.crs
    working = CRS.from_user_input(settings.working_crs)
    if crs is None:
        raise CRSError(
            f"{what} has no CRS; areas are computed only in the working CRS "
            f"{settings.working_crs}. Set it with gdf.set_crs(...) if you know the CRS, "
            f"then gdf.to_crs({settings.working_crs!r}) (gi.read_layer does this for you)."
        )
    crs = CRS.from_user_input(crs)
    if crs.is_geographic:
        raise CRSError(
            f"{what} is in the geographic CRS {crs.to_string()} (degrees); geoinnenstadt never "
            f"computes areas or distances in degrees. Reproject first: "
            f"gdf.to_crs({settings.working_crs!r})."
        )
    if not crs.equals(working):
        raise CRSError(
            f"{what} is in {crs.to_string()}, not in the working CRS {settings.working_crs}. "
            f"Reproject with gdf.to_crs({settings.working_crs!r}) or change "
            f"gi.settings.working_crs."
        )


def _check_sites(sites: Any, columns: tuple[str, ...] = ("status", "restriction")) -> None:
    if not isinstance(sites, gpd.GeoDataFrame):
        raise TypeError(f"sites must be a GeoDataFrame, got {type(sites).__name__}")
    _check_crs(sites, "sites")
    missing = [c for c in columns if c not in sites.columns]
    if missing:
        raise SchemaError(
            f"sites lacks the column(s) {', '.join(missing)}; columns present: "
            f"{', '.join(map(str, sites.columns))}. Map your source columns with "
            f"gi.read_layer(..., kind='sites', columns={{...}}) and check with "
            f"gi.validate(sites, kind='sites')."
        )
    _check_values(sites, "status", SITE_STATUS)
    if "restriction" in columns:
        _check_values(sites, "restriction", RESTRICTION)


def _ids(sites: pd.DataFrame, mask: pd.Series | np.ndarray, limit: int = 10) -> str:
    idx = sites.index[np.asarray(mask, dtype=bool)]
    if "site_id" in sites.columns:
        names = [str(v) for v in sites.loc[idx, "site_id"].tolist()]
    else:
        names = [f"row {i}" for i in idx]
    more = f" and {len(names) - limit} more" if len(names) > limit else ""
    return ", ".join(names[:limit]) + more


def _check_values(sites: pd.DataFrame, column: str, allowed: tuple[str, ...]) -> None:
    values = sites[column]
    bad = values.isna() | ~values.isin(allowed)
    if bad.any():
        shown = sorted({str(v) for v in values[bad].tolist()})
        raise SchemaError(
            f"sites column {column!r} has {int(bad.sum())} value(s) outside "
            f"{{{', '.join(allowed)}}} (found {', '.join(shown)}) at site(s) "
            f"{_ids(sites, bad)}. Fix them or run gi.validate(sites, kind='sites')."
        )


def _timestamp(value: Any, name: str) -> pd.Timestamp:
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name}={value!r} is not a date; use e.g. '2025-06-30'") from exc
    if ts is pd.NaT:
        raise ValueError(f"{name} must be a date, got NaT")
    if ts.tzinfo is not None:
        ts = ts.tz_localize(None)
    return ts


def _taken_up_dates(sites: pd.DataFrame) -> pd.Series:
    if "taken_up_on" not in sites.columns:
        return pd.Series(pd.NaT, index=sites.index, dtype="datetime64[ns]")
    return pd.to_datetime(sites["taken_up_on"], errors="coerce")


def _warn_undated(sites: pd.DataFrame, undated: pd.Series, consequence: str) -> None:
    if undated.any():
        warnings.warn(
            f"{int(undated.sum())} taken-up site(s) without taken_up_on ({_ids(sites, undated)}): "
            f"{consequence}. Add the take-up date to include them.",
            GeoinnenstadtWarning,
            stacklevel=3,
        )


def site_areas(sites: gpd.GeoDataFrame) -> pd.Series:
    """Area of each site in hectares, computed from the geometry in the working CRS.

    Parameters
    ----------
    sites : GeoDataFrame
        Polygons in ``settings.working_crs``.

    Returns
    -------
    Series
        Hectares, indexed like ``sites``, named ``area_ha``.

    Raises
    ------
    CRSError
        If the CRS is missing, geographic, or not the working CRS.
    ValueError
        If a geometry is missing (the site ids are named).

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> ha = gi.land.site_areas(city.sites)
    >>> bool((ha > 0).all())
    True
    """
    if not isinstance(sites, gpd.GeoDataFrame):
        raise TypeError(f"sites must be a GeoDataFrame, got {type(sites).__name__}")
    _check_crs(sites, "sites")
    geom = sites.geometry
    missing = geom.isna()
    if missing.any():
        raise ValueError(
            f"{int(missing.sum())} site(s) have no geometry ({_ids(sites, missing)}); an area "
            f"cannot be computed. Remove them or add their polygons."
        )
    return pd.Series(
        shapely.area(geom.values) / 10_000.0, index=sites.index, name="area_ha", dtype=float
    )


def status_at(sites: gpd.GeoDataFrame, at: Any = None) -> pd.Series:
    """Status of each site at the date ``at`` (see the module notes on ``at``).

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> s = gi.land.status_at(city.sites, at="2000-01-01")
    >>> bool((s != "taken_up").sum() >= (city.sites["status"] != "taken_up").sum())
    True
    """
    _check_sites(sites, ("status",))
    status = sites["status"].astype(object).copy()
    if at is None:
        return status.rename("status")
    at_ts = _timestamp(at, "at")
    dates = _taken_up_dates(sites)
    taken = status == "taken_up"
    later = taken & dates.notna() & (dates > at_ts)
    _warn_undated(sites, taken & dates.isna(), "they are counted as taken up at every date")
    status[later] = "available"
    return status.rename("status")


def size_class(area_ha: pd.Series) -> pd.Series:
    """Size class key of each area: ``"lt1"``, ``"1to5"``, ``"5to10"`` or ``"ge10"``.

    Lower bounds are inclusive: exactly 1 ha is "1–5 ha", exactly 5 ha is
    "5–10 ha", exactly 10 ha is "≥ 10 ha". Areas are rounded to 1e-6 ha
    (0.01 m²) before classifying, so floating-point noise of the polygon
    area does not move a site across a boundary.

    Examples
    --------
    >>> import pandas as pd
    >>> from geoinnenstadt import land
    >>> land.size_class(pd.Series([0.5, 1.0, 4.99, 5.0, 10.0])).tolist()
    ['lt1', '1to5', '1to5', '5to10', 'ge10']
    """
    a = pd.Series(area_ha, dtype=float).round(_CLASSIFY_DECIMALS)
    out = pd.Series(pd.NA, index=a.index, dtype=object, name="size_class")
    for key, (lo, hi) in SIZE_CLASSES.items():
        out[(a >= lo) & (a < hi)] = key
    return out


# ---------------------------------------------------------------------------------------
# core zones (largest-overlap assignment)
# ---------------------------------------------------------------------------------------


def _check_core_zones(core_zones: Any, columns: tuple[str, ...] = ("zone_id",)) -> None:
    if core_zones is None:
        raise ValueError(
            "by='core_zone' needs core_zones: reserves(sites, by='core_zone', "
            "core_zones=city.core_zones)"
        )
    if not isinstance(core_zones, gpd.GeoDataFrame):
        raise TypeError(f"core_zones must be a GeoDataFrame, got {type(core_zones).__name__}")
    _check_crs(core_zones, "core_zones")
    missing = [c for c in columns if c not in core_zones.columns]
    if missing:
        raise SchemaError(
            f"core_zones lacks the column(s) {', '.join(missing)}; check with "
            f"gi.validate(core_zones, kind='core_zones')."
        )


def _assign_core_zone(sites: gpd.GeoDataFrame, core_zones: gpd.GeoDataFrame) -> pd.Series:
    """zone_id (as str) of the core zone with the largest overlap per site; NA when none overlaps.

    Delegates to ``gi.zones.assign(..., how="largest_overlap")`` (ties: the
    lowest zone_id). Sites outside every zone are the expected "outside"
    group, so no outside warning is raised.
    """
    from .zones import assign

    zone = assign(sites, core_zones, id_column="zone_id", how="largest_overlap", warn=False)
    out = pd.Series(pd.NA, index=sites.index, dtype=object, name="zone_id")
    present = zone.notna().to_numpy()
    out[present] = [str(z) for z in zone[present].tolist()]
    return out


def _union(gdf: gpd.GeoDataFrame) -> Any:
    if len(gdf) == 0:
        return shapely.Polygon()
    return shapely.union_all(gdf.geometry.values)


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
    sites: gpd.GeoDataFrame, area: pd.Series, by: str | None, core_zones: Any
) -> tuple[pd.Series, list[Any]]:
    """Group key per site and the ordered list of all groups to report."""
    if by is None:
        return pd.Series("available", index=sites.index, dtype=object), ["available"]
    if by == "restriction":
        return sites["restriction"].astype(object), list(RESTRICTION)
    if by == "size_class":
        return size_class(area), list(SIZE_CLASSES)
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
                    f"site(s) {_ids(sites, bad)}; check with gi.validate(sites, kind='sites')."
                )
        return key, list(allowed) + (["unknown"] if (key == "unknown").any() else [])
    if by in ("core_zone", "core_zone_category"):
        cols = ("zone_id",) if by == "core_zone" else ("zone_id", "category")
        _check_core_zones(core_zones, cols)
        if core_zones.crs is not None and not CRS.from_user_input(core_zones.crs).equals(
            CRS.from_user_input(sites.crs)
        ):  # pragma: no cover - both checked against the working CRS already
            raise CRSError("sites and core_zones have different CRS; reproject both")
        zone = _assign_core_zone(sites, core_zones)
        if by == "core_zone":
            order = [str(z) for z in core_zones["zone_id"].tolist()]
            key = zone.astype(object).where(zone.notna(), "outside")
            return key, [*order, "outside"]
        cat = dict(zip(core_zones["zone_id"].astype(str), core_zones["category"], strict=False))
        key = zone.map(lambda z: "outside" if pd.isna(z) else cat.get(str(z), "outside"))
        present = sorted({str(c) for c in core_zones["category"].dropna()})
        return key.astype(object), [*present, "outside"]
    raise ValueError(
        f"by={by!r} is not supported; use one of {', '.join(repr(b) for b in BY_OPTIONS)}"
    )


def reserves(
    sites: gpd.GeoDataFrame,
    *,
    at: Any = None,
    by: By | None = "restriction",
    core_zones: gpd.GeoDataFrame | None = None,
) -> pd.DataFrame:
    """Land reserve (*Flächenreserve*): available sites and hectares by group.

    Parameters
    ----------
    sites : GeoDataFrame
        Sites layer (``status``, ``restriction``) in the working CRS.
    at : date-like, optional
        Reference date; see the module notes (sites taken up after ``at`` are
        still available at ``at``). Default: status as recorded.
    by : str or None, default "restriction"
        Grouping: ``"restriction"`` (none, minor, major), ``"size_class"``
        (lt1, 1to5, 5to10, ge10 = "< 1 ha", "1–5 ha", "5–10 ha", "≥ 10 ha";
        lower bounds inclusive), ``"brownfield"`` (brownfield, not_brownfield
        [, unknown]), ``"core_zone"`` (each ``zone_id`` in the order of
        ``core_zones``, then "outside"; a site belongs to the zone it overlaps
        most, ties to the lowest zone_id), ``"core_zone_category"`` (A, B, C
        as present, then "outside"), ``"owner_type"``, ``"planning_basis"``
        (allowed values [, unknown for missing]) or ``None`` (one row).
    core_zones : GeoDataFrame, optional
        Required for the core-zone groupings.

    Returns
    -------
    DataFrame
        Indexed by group (index name = ``by``), every group present even with
        0 sites, plus a final row ``"total"``. Columns ``sites`` (count),
        ``reserve_ha`` and ``reserve_share`` (fraction of the total reserve;
        NaN when the total reserve is 0).

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> r = gi.land.reserves(city.sites, by="size_class")
    >>> list(r.index)
    ['lt1', '1to5', '5to10', 'ge10', 'total']
    >>> round(float(r["reserve_share"].iloc[:-1].sum()), 6)
    1.0
    """
    _check_sites(sites)
    area = site_areas(sites)
    available = (status_at(sites, at) == "available").to_numpy()
    key, order = _groups(sites, area, by, core_zones)
    key = key[available]
    a = area[available]
    counts = key.value_counts().reindex(order, fill_value=0).astype("int64")
    ha = a.groupby(key.to_numpy()).sum().reindex(order, fill_value=0.0).astype(float)
    total_ha = float(a.sum())
    out = pd.DataFrame({"sites": counts.to_numpy(), "reserve_ha": ha.to_numpy()}, index=order)
    out.loc["total"] = [int(available.sum()), total_ha]
    out["sites"] = out["sites"].astype("int64")
    out["reserve_share"] = out["reserve_ha"] / total_ha if total_ha > 0 else np.nan
    out.index = pd.Index(out.index, dtype=object, name=by if by is not None else "group")
    return out


# ---------------------------------------------------------------------------------------
# take-up and years of supply
# ---------------------------------------------------------------------------------------


def _year(value: Any, name: str) -> int:
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return int(value)
    return int(_timestamp(value, name).year)


def _dated_take_up(sites: gpd.GeoDataFrame, at: Any = None) -> tuple[pd.Series, pd.Series]:
    """(dates, hectares) of taken-up sites with a date (on or before ``at`` if given)."""
    _check_sites(sites, ("status",))
    area = site_areas(sites)
    dates = _taken_up_dates(sites)
    taken = sites["status"] == "taken_up"
    _warn_undated(sites, taken & dates.isna(), "they are left out of take-up statistics")
    keep = taken & dates.notna()
    if at is not None:
        keep &= dates <= _timestamp(at, "at")
    return dates[keep], area[keep]


def take_up(sites: gpd.GeoDataFrame, *, start: Any = None, end: Any = None) -> pd.Series:
    """Take-up (*Inanspruchnahme*): hectares taken up per calendar year.

    Parameters
    ----------
    sites : GeoDataFrame
        Sites layer in the working CRS; taken-up sites need ``taken_up_on``
        (undated ones are left out with a warning naming them).
    start, end : int or date-like, optional
        First and last calendar year (a date means its year). Defaults: the
        first and last year with take-up.

    Returns
    -------
    Series
        Hectares per year, index ``year`` (int, every year from ``start`` to
        ``end`` inclusive, zeros included), name ``take_up_ha``. Empty when
        there is no take-up and no bounds are given.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> t = gi.land.take_up(city.sites, start=2021, end=2025)
    >>> list(t.index)
    [2021, 2022, 2023, 2024, 2025]
    """
    dates, ha = _dated_take_up(sites)
    return _per_year(dates, ha, start, end)


def _per_year(dates: pd.Series, ha: pd.Series, start: Any, end: Any) -> pd.Series:
    years = dates.dt.year.astype("int64")
    first = _year(start, "start") if start is not None else None
    last = _year(end, "end") if end is not None else None
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


def _window_end(end: Any, reference: pd.Timestamp | None) -> int | None:
    """Last year of the window (see years_of_supply)."""
    if end is not None:
        if isinstance(end, (int, np.integer)) and not isinstance(end, bool):
            return int(end)
        reference = _timestamp(end, "end")
    if reference is None:
        return None
    complete = reference.month == 12 and reference.day == 31
    return int(reference.year if complete else reference.year - 1)


def years_of_supply(
    sites: gpd.GeoDataFrame,
    *,
    window: int = 5,
    end: Any = None,
    demand_ha_per_year: float | Mapping[str, float] | None = None,
    at: Any = None,
) -> pd.DataFrame:
    """Years of supply (*Reichweite*) of the land reserve: R₀ / Ī (net) and R / Ī (gross).

    Parameters
    ----------
    sites : GeoDataFrame
        Sites layer in the working CRS.
    window : int, default 5
        Number of complete calendar years averaged for the observed take-up Ī.
    end : int or date-like, optional
        Last year of the window. An int is that year. A date means the last
        complete calendar year on or before it (the year itself if the date is
        31 December, otherwise the previous year). Default: the same rule
        applied to ``at`` if given, else to the latest ``taken_up_on`` in the
        data — e.g. latest take-up 15.03.2025 → window 2020–2024 for
        ``window=5``. Pass ``end=2025`` to include a year explicitly.
    demand_ha_per_year : float or mapping, optional
        Demand scenarios in ha per year: one number gives a row "scenario", a
        mapping such as ``{"Stadt": 13, "IHK": 20}`` one row per key.
    at : date-like, optional
        Reference date for the reserve (module notes); take-up after ``at`` is
        ignored.

    Returns
    -------
    DataFrame
        Index ``scenario``: ``"observed"`` first (Ī from the data), then the
        scenarios. Columns ``demand_ha_per_year`` (Ī for "observed"),
        ``reserve_ha`` (R), ``reserve_free_ha`` (R₀), ``years_net`` (R₀ / Ī),
        ``years_gross`` (R / Ī), ``unbounded`` (True when Ī = 0: nothing is
        consumed, the years are ``inf``; a zero reserve gives 0 years even
        then), ``window_start``, ``window_end`` (years averaged, for the
        observed row; ``<NA>`` for scenarios).

    Notes
    -----
    Ī = (sum of take-up ha in ``window_start`` … ``window_end``) / ``window``;
    years without take-up count as 0. Without any dated take-up and without
    ``end``/``at`` there is no window: Ī = 0 and the window columns are NA.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> y = gi.land.years_of_supply(city.sites, end=2025, demand_ha_per_year={"Stadt": 13, "IHK": 20})
    >>> list(y.index)
    ['observed', 'Stadt', 'IHK']
    >>> int(y.loc["observed", "window_start"]), int(y.loc["observed", "window_end"])
    (2021, 2025)
    """
    if isinstance(window, bool) or not isinstance(window, (int, np.integer)) or window < 1:
        raise ValueError(f"window must be a whole number of years >= 1, got {window!r}")
    scenarios = _scenarios(demand_ha_per_year)
    r = reserves(sites, at=at, by="restriction")
    reserve_by = r["reserve_ha"].astype(float).to_dict()
    reserve, reserve_free = float(reserve_by["total"]), float(reserve_by["none"])
    dates, ha = _dated_take_up(sites, at)
    reference = _timestamp(at, "at") if at is not None else (dates.max() if len(dates) else None)
    last = _window_end(end, reference)
    if last is None:
        mean = 0.0
        first: int | None = None
    else:
        first = last - int(window) + 1
        mean = float(_per_year(dates, ha, first, last).sum()) / int(window)
    rows = [("observed", mean, first, last)] + [(k, v, None, None) for k, v in scenarios.items()]
    records = []
    for name, demand, w0, w1 in rows:
        net, gross = _years(reserve_free, demand), _years(reserve, demand)
        records.append(
            {
                "scenario": name,
                "demand_ha_per_year": demand,
                "reserve_ha": reserve,
                "reserve_free_ha": reserve_free,
                "years_net": net,
                "years_gross": gross,
                "unbounded": demand == 0,
                "window_start": w0,
                "window_end": w1,
            }
        )
    out = pd.DataFrame.from_records(records).set_index("scenario")
    out.index = pd.Index(out.index, dtype=object, name="scenario")
    out["unbounded"] = out["unbounded"].astype(bool)
    for col in ("window_start", "window_end"):
        out[col] = pd.array(out[col].tolist(), dtype="Int64")
    return out


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


# ---------------------------------------------------------------------------------------
# large sites and core-zone share
# ---------------------------------------------------------------------------------------


def large_sites(sites: gpd.GeoDataFrame, *, min_ha: float = 5, at: Any = None) -> gpd.GeoDataFrame:
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
    >>> big = gi.land.large_sites(city.sites, min_ha=5)
    >>> bool((big["area_ha"] >= 5 - 1e-6).all())
    True
    """
    _check_sites(sites)
    if not math.isfinite(float(min_ha)) or float(min_ha) < 0:
        raise ValueError(f"min_ha must be a finite number >= 0, got {min_ha!r}")
    area = site_areas(sites)
    status = status_at(sites, at)
    keep = (status == "available") & (area.round(_CLASSIFY_DECIMALS) >= float(min_ha))
    out = sites.loc[keep].copy()
    out["status"] = status[keep]
    out["area_ha"] = area[keep]
    keys = ["area_ha", "site_id"] if "site_id" in out.columns else ["area_ha"]
    return out.sort_values(keys, ascending=[False] + [True] * (len(keys) - 1), kind="stable")


def core_zone_share(
    sites: gpd.GeoDataFrame,
    core_zones: gpd.GeoDataFrame,
    *,
    at: Any = None,
    start: Any = None,
    end: Any = None,
) -> pd.DataFrame:
    """Reserve and take-up inside vs. outside the Gewerbe- und Industriekernzonen.

    Areas are split **by geometric intersection** with the union of all core
    zones (not by assigning whole sites), so a site straddling a zone
    boundary contributes its inside part to ``inside_ha`` and the rest to
    ``outside_ha``; overlapping zones are not counted twice.

    Parameters
    ----------
    sites, core_zones : GeoDataFrame
        Both in the working CRS.
    at : date-like, optional
        Reference date for the reserve (module notes); take-up after ``at``
        is ignored.
    start, end : int or date-like, optional
        Years of take-up to include (inclusive); default all dated take-up.

    Returns
    -------
    DataFrame
        Index ``measure``: ``reserve`` (available), ``reserve_free``
        (available, restriction none), ``take_up``. Columns ``total_ha``,
        ``inside_ha``, ``outside_ha``, ``share_inside`` (NaN when total is 0).

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("duesseldorf")
    >>> s = gi.land.core_zone_share(city.sites, city.core_zones)
    >>> list(s.index)
    ['reserve', 'reserve_free', 'take_up']
    """
    _check_sites(sites)
    _check_core_zones(core_zones, ())
    zones_union = _union(core_zones)
    area = site_areas(sites)
    inside = pd.Series(
        shapely.area(shapely.intersection(sites.geometry.values, zones_union)) / 10_000.0,
        index=sites.index,
    )
    available = status_at(sites, at) == "available"
    free = available & (sites["restriction"] == "none")
    dates, _ = _dated_take_up(sites, at)
    years = dates.dt.year
    taken = pd.Series(False, index=sites.index)
    sel = pd.Series(True, index=years.index)
    if start is not None:
        sel &= years >= _year(start, "start")
    if end is not None:
        sel &= years <= _year(end, "end")
    taken[years.index[sel.to_numpy()]] = True
    rows = {}
    for name, mask in (("reserve", available), ("reserve_free", free), ("take_up", taken)):
        total = float(area[mask].sum())
        ins = float(inside[mask].sum())
        rows[name] = {
            "total_ha": total,
            "inside_ha": ins,
            "outside_ha": total - ins,
            "share_inside": ins / total if total > 0 else np.nan,
        }
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "measure"
    return out
