"""Candidates for new core zones: commercial areas of the land-use plan that hold reserves.

Part of :mod:`geoinnenstadt.land`; import from there.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .. import crs as _crs
from .. import dates
from ..dates import DateLike
from ..errors import SchemaError
from ..zones import PreparedZones, overlap_areas
from ._base import (
    MIN_SHARE,
    PreparedSites,
    check_min_share,
    checked_core_zones,
    inside_core_zones,
    prepare_sites,
    resolve_reference,
    site_status,
)

__all__ = ["COMMERCIAL_LANDUSE", "core_zone_candidates"]

#: Land-use types of commercial land: Gewerbe- and Industriegebiete (GE, GI) and the
#: gewerbliche Bauflächen (G) of a Flächennutzungsplan read with :func:`geoinnenstadt.read_xplan`.
COMMERCIAL_LANDUSE = ("GE", "GI", "G")

_ID_COLUMNS = ("context_id", "gml_id")


def core_zone_candidates(
    context: gpd.GeoDataFrame,
    sites: Any,
    *,
    core_zones: gpd.GeoDataFrame | None = None,
    at: DateLike = None,
    landuse: Sequence[str] = COMMERCIAL_LANDUSE,
    min_share: float = MIN_SHARE,
    min_reserve_ha: float = 0.0,
) -> gpd.GeoDataFrame:
    """Commercial areas of the land-use plan that hold reserves and are no core zone yet.

    A candidate is an area of the plan (*Gewerbe-* or *Industriegebiet*, or a
    *gewerbliche Baufläche* of the FNP) that holds more than ``min_reserve_ha``
    of land reserve (sites with status ``available`` at ``at``) and of whose
    area less than ``min_share`` lies inside the Gewerbe- und
    Industriekernzonen — the same share rule as for sites
    (:mod:`geoinnenstadt.land`, "Core zones"). Protecting such areas as core
    zones (as Düsseldorf's Flächenstrategie does) keeps their reserves for
    commercial use.

    Parameters
    ----------
    context : GeoDataFrame
        The land-use plan: a ``context`` layer (rows with ``category ==
        "landuse"``) or the result of :func:`geoinnenstadt.read_xplan`, with a
        ``landuse`` column. Ids are taken from ``context_id`` (else ``gml_id``,
        else the index).
    sites : GeoDataFrame or City
        The sites layer (:mod:`geoinnenstadt.land`); a City gives its sites, its
        ``meta["as_of"]`` and, where ``core_zones`` is not given, its core zones.
    core_zones : GeoDataFrame, optional
        Existing core zones; without them (and without a City's) no area counts
        as a core zone.
    at : date, optional
        Reference date of the site statuses (see :mod:`geoinnenstadt.land`);
        None: the statuses as recorded (a City: its ``as_of``).
    landuse : sequence of str, default ("GE", "GI", "G")
        The land-use types that count as commercial.
    min_share : float, default 0.5
        Share of an area inside core zones from which it counts as a core zone.
    min_reserve_ha : float, default 0
        Areas holding at most this many hectares of reserve are no candidates.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per candidate, most reserve first (ties by id): ``area_id``,
        ``landuse``, ``area_ha`` (the plan area), ``reserve_ha`` (hectares of
        available sites inside it: the part of each site that lies in the
        area), ``reserve_share`` (``reserve_ha / area_ha``), ``sites`` (number
        of available sites overlapping it), ``site_ids`` (their ids, sorted,
        comma-separated), ``core_zone_share`` (share of the area inside core
        zones, 0 without them) and the geometry. ``attrs`` hold ``at``,
        ``min_share`` and the numbers of commercial areas and of those that
        are core zones already.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("duesseldorf")
    >>> c = gi.land.core_zone_candidates(city.context, city)  # the City's sites and core zones
    >>> list(c.columns[:4])
    ['area_id', 'landuse', 'area_ha', 'reserve_ha']
    >>> bool((c["reserve_ha"] > 0).all()) and bool((c["core_zone_share"] < 0.5).all())
    True
    >>> c.attrs["at"], c.attrs["commercial_areas"], c.attrs["core_zone_areas"]
    ('2025-06-30', 17, 10)
    """
    share = check_min_share(min_share)
    if not isinstance(context, gpd.GeoDataFrame):
        raise TypeError(f"context must be a GeoDataFrame, got {type(context).__name__}")
    if "landuse" not in context.columns:
        raise SchemaError(
            "context has no landuse column; pass the land-use plan (a context layer with "
            "category 'landuse', or gi.read_xplan(...))"
        )
    if core_zones is None and not isinstance(sites, pd.DataFrame):
        core_zones = getattr(sites, "core_zones", None)  # a City's own core zones
    prep = prepare_sites(sites, ("status",))
    _crs.require_metric(prep.gdf, context, names=["sites", "context"])
    reference, _ = resolve_reference(dates.parse_optional_date(at, name="at"), prep.city_as_of)
    types = {str(t) for t in landuse}
    mask = context["landuse"].astype(object).isin(types)
    if "category" in context.columns:
        mask &= context["category"].astype(object).eq("landuse")
    areas = context[mask.to_numpy()]
    id_column = next((c for c in _ID_COLUMNS if c in areas.columns), None)
    ids = (
        areas[id_column].astype(str) if id_column else pd.Series(areas.index.astype(str))
    ).reset_index(drop=True)
    frame = gpd.GeoDataFrame(
        {"area_id": ids.to_numpy()}, geometry=list(areas.geometry), crs=areas.crs
    )
    prepared = PreparedZones(frame, "area_id", name="land-use areas")  # ids, polygons checked
    geoms = np.asarray(frame.geometry.values, dtype=object)
    invalid = ~shapely.is_valid(geoms)
    if invalid.any():
        shown = ", ".join(ids[invalid].tolist()[:10])
        raise SchemaError(
            f"{int(invalid.sum())} land-use area(s) have an invalid polygon ({shown}); read the "
            "plan with gi.read_xplan (it repairs) or gi.read_layer(..., repair=True)"
        )
    area_ha = pd.Series(shapely.area(geoms) / 10_000.0, index=areas.index)
    plan = PreparedSites(areas, geoms, area_ha)

    if core_zones is not None:
        zones = checked_core_zones(core_zones, prep, ())
        union = shapely.union_all(zones.geometry.values) if len(zones) else shapely.Polygon()
        inside_ha = shapely.area(shapely.intersection(geoms, union)) / 10_000.0
        zone_share = np.divide(
            inside_ha, area_ha.to_numpy(), out=np.zeros(len(geoms)), where=area_ha.to_numpy() > 0
        )
        already = inside_core_zones(plan, zones, share).to_numpy()
    else:
        zone_share = np.zeros(len(geoms))
        already = np.zeros(len(geoms), dtype=bool)

    status = site_status(prep, reference)
    available = (status == "available").to_numpy()
    site_geoms = prep.geoms[available]
    site_ids = prep.gdf.loc[available, "site_id"].astype(str).to_numpy() if (
        "site_id" in prep.gdf.columns
    ) else prep.gdf.index[available].astype(str).to_numpy()  # fmt: skip
    reserve = np.zeros(len(geoms))
    count = np.zeros(len(geoms), dtype=int)
    listed: list[list[str]] = [[] for _ in range(len(geoms))]
    if len(geoms) and len(site_geoms):
        left, right, overlap = overlap_areas(site_geoms, prepared)
        position = {v: i for i, v in enumerate(ids.tolist())}
        for s, rk, a in zip(left, right, overlap, strict=True):
            pos = position[str(prepared.ids.iloc[rk])]
            reserve[pos] += a / 10_000.0
            count[pos] += 1
            listed[pos].append(str(site_ids[s]))

    out = gpd.GeoDataFrame(
        {
            "area_id": ids.to_numpy(),
            "landuse": areas["landuse"].astype(str).to_numpy(),
            "area_ha": area_ha.to_numpy(),
            "reserve_ha": reserve,
            "reserve_share": np.divide(
                reserve, area_ha.to_numpy(), out=np.zeros(len(geoms)), where=area_ha.to_numpy() > 0
            ),
            "sites": count,
            "site_ids": [", ".join(sorted(x)) for x in listed],
            "core_zone_share": zone_share,
        },
        geometry=list(geoms),
        crs=areas.crs,
    )
    keep = (~already) & (reserve > float(min_reserve_ha))
    out = out[keep].sort_values(["reserve_ha", "area_id"], ascending=[False, True])
    out = out.reset_index(drop=True)
    out.attrs.update(
        {
            "at": None if reference is None else reference.date().isoformat(),
            "min_share": share,
            "commercial_areas": len(geoms),
            "core_zone_areas": int(already.sum()),
        }
    )
    return out
