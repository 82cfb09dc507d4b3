"""Checks, areas, status at a date, reference dates and the core-zone rule of :mod:`geoinnenstadt.land`.

Shared building blocks (public names for the other modules of the package, not part of
the user-facing ``__all__``): ``CLASSIFY_DECIMALS``, ``PreparedSites``,
``assume_today``, ``check_min_share``, ``core_zone_of_sites``, ``checked_core_zones``,
``firm_held``, ``listed_ids``, ``inside_core_zones``, ``last_complete_year``,
``prepare_sites``, ``resolve_reference``, ``site_status``, ``taken_up_dates``,
``warn_undated``.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .. import crs as _crs
from .. import dates
from ..dates import DateLike
from ..errors import GeoinnenstadtWarning, SchemaError, name_some
from ..schema import OWNER_TYPE, RESTRICTION, SITE_STATUS

if TYPE_CHECKING:  # pragma: no cover
    from ..city import City

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

#: Default share of a site's area that must lie in core zones for the site to count as inside.
MIN_SHARE = 0.5

#: Decimal places of hectares used to classify sizes (1e-6 ha = 0.01 m²): a 100 m × 100 m
#: square in UTM coordinates whose shoelace area comes out as 9999.9999999 m² is 1 ha.
CLASSIFY_DECIMALS = 6

#: Tolerance of the core-zone share test: a site exactly half inside is inside at 0.5.
_SHARE_TOLERANCE = 1e-9


# ---------------------------------------------------------------------------------------
# checks and helpers
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PreparedSites:
    """A checked sites layer: the frame, usable geometries, areas (ha) and the City's as_of."""

    gdf: gpd.GeoDataFrame
    geoms: np.ndarray
    area: pd.Series
    city_as_of: Any = None


def sites_and_as_of(sites: Any) -> tuple[Any, Any]:
    """(sites layer, city.meta["as_of"] or None) from a sites layer or a City."""
    if not isinstance(sites, pd.DataFrame) and hasattr(sites, "sites") and hasattr(sites, "meta"):
        if sites.sites is None:
            raise ValueError(
                "the City has no sites layer; load one with gi.read_layer(..., kind='sites')"
            )
        return sites.sites, (sites.meta or {}).get("as_of")
    return sites, None


def listed_ids(frame: pd.DataFrame, mask: Any, limit: int = 10, column: str = "site_id") -> str:
    """The ``column`` values (else row labels) of the rows where ``mask`` holds.

    For a message; at most ``limit`` are listed.
    """
    idx = frame.index[np.asarray(mask, dtype=bool)]
    if column in frame.columns:
        names = [str(v) for v in frame.loc[idx, column].tolist()]
    else:
        names = [f"row {i}" for i in idx]
    return name_some(names, limit)


def _check_values(sites: pd.DataFrame, column: str, allowed: tuple[str, ...]) -> None:
    values = sites[column]
    bad = values.isna() | ~values.isin(allowed)
    if bad.any():
        shown = sorted({str(v) for v in values[bad].tolist()})
        raise SchemaError(
            f"sites column {column!r} has {int(bad.sum())} value(s) outside "
            f"{{{', '.join(allowed)}}} (found {', '.join(shown)}) at site(s) "
            f"{listed_ids(sites, bad)}. Fix them or run gi.validate(sites, kind='sites')."
        )


def _usable_polygons(gdf: gpd.GeoDataFrame, what: str, id_column: str) -> np.ndarray:
    """Geometries for area computations.

    Missing/empty or non-polygonal ones raise (named); invalid ones are replaced
    by ``shapely.make_valid`` with a warning naming them.
    """
    geoms = np.asarray(gdf.geometry.values, dtype=object)
    missing = pd.isna(geoms)
    missing[~missing] = shapely.is_empty(geoms[~missing])
    if missing.any():
        raise ValueError(
            f"{int(missing.sum())} {what} have no geometry ({listed_ids(gdf, missing, column=id_column)}); "
            f"an area cannot be computed. Remove them or add their polygons."
        )
    kinds = shapely.get_type_id(geoms)
    wrong = ~np.isin(kinds, (3, 6))  # Polygon, MultiPolygon
    if wrong.any():
        found = sorted({shapely.get_type_id(g) for g in geoms[wrong]})
        names = {
            0: "Point",
            1: "LineString",
            2: "LinearRing",
            4: "MultiPoint",
            5: "MultiLineString",
            7: "GeometryCollection",
        }
        raise SchemaError(
            f"{int(wrong.sum())} {what} are not polygons ({', '.join(names.get(k, str(k)) for k in found)}) "
            f"at {listed_ids(gdf, wrong, column=id_column)}; areas need Polygon or MultiPolygon geometries."
        )
    invalid = ~shapely.is_valid(geoms)
    if invalid.any():
        reasons = sorted({str(r) for r in shapely.is_valid_reason(geoms[invalid])})
        warnings.warn(
            f"{int(invalid.sum())} {what} have an invalid polygon "
            f"({listed_ids(gdf, invalid, column=id_column)}: {'; '.join(reasons[:3])}); they are counted "
            f"with the area of shapely.make_valid (e.g. both lobes of a self-intersecting "
            f"bow-tie). Repair the layer with gi.read_layer(..., repair=True).",
            GeoinnenstadtWarning,
            stacklevel=4,
        )
        geoms = geoms.copy()
        geoms[invalid] = shapely.make_valid(geoms[invalid])
    return geoms


def prepare_sites(
    sites: Any, columns: tuple[str, ...] = ("status", "restriction")
) -> PreparedSites:
    """Check a sites layer (or City) once per public call: type, CRS, columns, values, polygons."""
    gdf, city_as_of = sites_and_as_of(sites)
    if not isinstance(gdf, gpd.GeoDataFrame):
        raise TypeError(f"sites must be a GeoDataFrame or a City, got {type(gdf).__name__}")
    _crs.require_metric(gdf, names=["sites"])
    missing = [c for c in columns if c not in gdf.columns]
    if missing:
        raise SchemaError(
            f"sites lacks the column(s) {', '.join(missing)}; columns present: "
            f"{', '.join(map(str, gdf.columns))}. Map your source columns with "
            f"gi.read_layer(..., kind='sites', columns={{...}}) and check with "
            f"gi.validate(sites, kind='sites')."
        )
    if "status" in columns:
        _check_values(gdf, "status", SITE_STATUS)
    if "restriction" in columns:
        _check_values(gdf, "restriction", RESTRICTION)
    geoms = _usable_polygons(gdf, "site(s)", "site_id")
    area = pd.Series(shapely.area(geoms) / 10_000.0, index=gdf.index, name="area_ha", dtype=float)
    return PreparedSites(gdf, geoms, area, city_as_of)


def firm_held(gdf: pd.DataFrame) -> pd.Series:
    """True for firm-held sites (``owner_type == "firm_reserve"``); missing owner_type is not."""
    if "owner_type" not in gdf.columns:
        return pd.Series(False, index=gdf.index)
    owner = gdf["owner_type"].astype(object)
    bad = owner.notna() & ~owner.isin(OWNER_TYPE)
    if bad.any():
        raise SchemaError(
            f"sites column 'owner_type' has values outside {{{', '.join(OWNER_TYPE)}}} at "
            f"site(s) {listed_ids(gdf, bad)}; check with gi.validate(sites, kind='sites')."
        )
    return (owner == "firm_reserve").fillna(False).astype(bool)


def taken_up_dates(sites: pd.DataFrame) -> pd.Series:
    """``taken_up_on`` as dates (NaT where missing).

    Unreadable dates are a SchemaError naming the sites.
    """
    if "taken_up_on" not in sites.columns:
        return pd.Series(pd.NaT, index=sites.index, dtype="datetime64[ns]")
    parsed = dates.parse_dates(sites["taken_up_on"])
    if parsed.invalid.any():
        first = parsed.reasons[parsed.invalid].iloc[0]
        raise SchemaError(
            f"sites column 'taken_up_on' has {int(parsed.invalid.sum())} unreadable date(s) at "
            f"site(s) {listed_ids(sites, parsed.invalid)} (e.g. {first}). Fix them or run "
            f"gi.validate(sites, kind='sites')."
        )
    return parsed.values


def warn_undated(sites: pd.DataFrame, undated: pd.Series, consequence: str) -> None:
    """Warn once, naming the taken-up sites without ``taken_up_on``.

    The sites are those where ``undated`` holds; the warning states the ``consequence``.
    """
    if undated.any():
        warnings.warn(
            f"{int(undated.sum())} taken-up site(s) without taken_up_on ({listed_ids(sites, undated)}): "
            f"{consequence}. Add the take-up date to include them.",
            GeoinnenstadtWarning,
            stacklevel=4,
        )


def resolve_reference(
    at: pd.Timestamp | None, city_as_of: Any
) -> tuple[pd.Timestamp | None, str | None]:
    """The reference date and where it came from (:func:`geoinnenstadt.dates.reference_date`)."""
    meta = {"as_of": city_as_of} if city_as_of is not None else {}
    return dates.reference_date(at, city=_Meta(meta))


class _Meta:
    """A stand-in with ``meta`` for a bare sites layer's remembered City meta."""

    def __init__(self, meta: dict[str, Any]) -> None:
        self.meta = meta


def assume_today(what: str) -> pd.Timestamp:
    """Today's date, with a warning that ``what`` had no reference date and assumes today."""
    today = dates.today()
    warnings.warn(
        f"no reference date given: {what} assumes today, {today:%d.%m.%Y}. Pass at=... "
        f"or the City (whose meta['as_of'] is used) to fix the date.",
        GeoinnenstadtWarning,
        stacklevel=3,
    )
    return today


def last_complete_year(reference: pd.Timestamp) -> int:
    """Last complete calendar year on the reference date (:func:`dates.last_complete_year`)."""
    return dates.last_complete_year(reference)


def site_areas(sites: gpd.GeoDataFrame | City) -> pd.Series:
    """Area of each site in hectares, computed from the geometry in a metric CRS.

    Parameters
    ----------
    sites : GeoDataFrame or City
        Polygons in a projected CRS in metres (the working CRS).

    Returns
    -------
    Series
        Hectares, indexed like ``sites``, named ``area_ha``. An invalid
        polygon counts with its ``shapely.make_valid`` area (warning names it).

    Raises
    ------
    CRSError
        If the CRS is missing, geographic or not in true metres.
    ValueError
        If a geometry is missing or empty (the site ids are named).
    SchemaError
        If a geometry is not a polygon (named).

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> ha = gi.land.site_areas(city.sites)
    >>> bool((ha > 0).all())
    True
    """
    return prepare_sites(sites, ()).area


def site_status(prep: PreparedSites, at: pd.Timestamp | None) -> pd.Series:
    """Each site's status at ``at``.

    Sites taken up after ``at`` count as available (None: the status as given).
    """
    gdf = prep.gdf
    status = gdf["status"].astype(object).copy()
    if at is None:
        return status.rename("status")
    taken_on = taken_up_dates(gdf)
    taken = status == "taken_up"
    later = taken & taken_on.notna() & (taken_on > at)
    warn_undated(gdf, taken & taken_on.isna(), "they are counted as taken up at every date")
    status[later] = "available"
    return status.rename("status")


def status_at(sites: gpd.GeoDataFrame | City, at: DateLike = None) -> pd.Series:
    """Status of each site at the date ``at`` (see the module notes on ``at``).

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> s = gi.land.status_at(city.sites, at="01.01.2000")
    >>> bool((s != "taken_up").sum() >= (city.sites["status"] != "taken_up").sum())
    True
    """
    prep = prepare_sites(sites, ("status",))
    return site_status(prep, dates.parse_optional_date(at, name="at"))


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
    a = pd.Series(area_ha, dtype=float).round(CLASSIFY_DECIMALS)
    out = pd.Series(pd.NA, index=a.index, dtype=object, name="size_class")
    for key, (lo, hi) in SIZE_CLASSES.items():
        out[(a >= lo) & (a < hi)] = key
    return out


# ---------------------------------------------------------------------------------------
# core zones (one rule: share of the site's area inside the union of core zones)
# ---------------------------------------------------------------------------------------


def check_min_share(min_share: float) -> float:
    """``min_share`` as a float in (0, 1]; otherwise a ValueError."""
    v = float(min_share)
    if not (0 < v <= 1):
        raise ValueError(f"min_share must be a fraction in (0, 1], got {min_share!r}")
    return v


def checked_core_zones(
    core_zones: Any, prep: PreparedSites, columns: tuple[str, ...]
) -> gpd.GeoDataFrame:
    """The core zones layer checked for a core-zone figure.

    A GeoDataFrame in the sites' metric CRS with ``columns``.
    """
    if core_zones is None:
        raise ValueError(
            "core-zone figures need core_zones: reserves(sites, by='core_zone', "
            "core_zones=city.core_zones)"
        )
    if not isinstance(core_zones, gpd.GeoDataFrame):
        raise TypeError(f"core_zones must be a GeoDataFrame, got {type(core_zones).__name__}")
    _crs.require_metric(core_zones, names=["core_zones"])
    _crs.require_metric(prep.gdf, core_zones, names=["sites", "core_zones"])
    missing = [c for c in columns if c not in core_zones.columns]
    if missing:
        raise SchemaError(
            f"core_zones lacks the column(s) {', '.join(missing)}; check with "
            f"gi.validate(core_zones, kind='core_zones')."
        )
    geoms = _usable_polygons(core_zones, "core zone(s)", "zone_id")
    return gpd.GeoDataFrame(
        core_zones.drop(columns=core_zones.geometry.name), geometry=list(geoms), crs=core_zones.crs
    )


def inside_core_zones(prep: PreparedSites, zones: gpd.GeoDataFrame, min_share: float) -> pd.Series:
    """True where at least ``min_share`` of a site's area lies in the union of the zones."""
    union = shapely.union_all(zones.geometry.values) if len(zones) else shapely.Polygon()
    inside_area = shapely.area(shapely.intersection(prep.geoms, union)) / 10_000.0
    area = prep.area.to_numpy()
    share = np.divide(inside_area, area, out=np.zeros_like(area), where=area > 0)
    return pd.Series(share >= min_share - _SHARE_TOLERANCE, index=prep.gdf.index)


def core_zone_of_sites(prep: PreparedSites, zones: gpd.GeoDataFrame, min_share: float) -> pd.Series:
    """The zone_id (str) of each inside site, NA for sites outside.

    An inside site gets the zone it overlaps most (ties: lowest zone_id); a site
    is outside with less than ``min_share`` in core zones.
    """
    from ..zones import assign

    inside = inside_core_zones(prep, zones, min_share)
    out = pd.Series(pd.NA, index=prep.gdf.index, dtype=object, name="zone_id")
    if inside.any():
        sel = inside.to_numpy()
        layer = gpd.GeoDataFrame(
            index=prep.gdf.index[sel], geometry=list(prep.geoms[sel]), crs=prep.gdf.crs
        )
        zone = assign(layer, zones, id_column="zone_id", how="largest_overlap", warn=False)
        out[sel] = [str(z) if not pd.isna(z) else pd.NA for z in zone.tolist()]
    return out
