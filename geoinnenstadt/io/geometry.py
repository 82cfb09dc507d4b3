"""Geometry steps of reading.

The CRS of the file or ``crs=``, 2-D points, reprojection to the working CRS
and, when asked, repair with ``shapely.make_valid``.

Shared building blocks (public names for the other modules of the package, not part of
the user-facing ``__all__``): ``normalise_geometry``, ``repair_geometry``,
``resolve_crs``, ``to_working_crs``.
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import numpy as np
import shapely

from .. import crs as _crs
from .. import settings
from ..errors import CRSError
from ..schema import LayerSpec, ValidationReport
from .tables import label_rows


def resolve_crs(
    gdf: gpd.GeoDataFrame, crs: Any, source: str, pre: ValidationReport
) -> gpd.GeoDataFrame:
    """Apply ``crs=``: it sets a missing CRS and overrides a declared one (with a warning)."""
    if crs is None:
        if gdf.crs is None:
            g = _crs.guess_layer(gdf)
            if g.crs is not None:
                look = f"The coordinates look like {g.description} ({g.crs})"
            elif g.candidates:
                swapped = " (swapped?)" if g.swapped else ""
                look = (
                    f"The coordinates look like {g.description}{swapped}, which fit "
                    f"{' or '.join(g.candidates)}; only you know which one"
                )
            else:
                look = f"The coordinates ({g.description}) fit no CRS that read_layer knows"
            raise CRSError(
                f"{source}: the layer has no CRS (.prj missing?). {look}. Pass the CRS to "
                f"read_layer: {g.fix}"
            )
        return gdf
    given = _crs.as_crs(crs, source=source)
    if gdf.crs is None:
        pre.note(f"CRS {_crs.label(given)} from crs=")
        return gdf.set_crs(given)
    declared = _crs.as_crs(gdf.crs, source=source)
    if _crs.same(declared, given):
        return gdf
    pre.warn(
        None,
        "geometry",
        f"the file declares the CRS {_crs.label(declared)}, but crs={crs!r} was given: the "
        f"coordinates are read as {_crs.label(given)}",
        "omit crs= to use the file's CRS",
    )
    return gdf.set_crs(given, allow_override=True)


def normalise_geometry(
    gdf: gpd.GeoDataFrame, s: LayerSpec, pre: ValidationReport
) -> gpd.GeoDataFrame:
    """Z dropped, single-part multi-geometries made single where the layer expects them.

    Each change noted in ``pre``.
    """
    geoms = np.asarray(gdf.geometry.array, dtype=object)
    changed = False
    if shapely.has_z(geoms).any():
        geoms = shapely.force_2d(geoms)
        pre.note("Z coordinates (heights) dropped")
        changed = True
    if s.geometry == "point":
        single = (shapely.get_type_id(geoms) == 4) & (shapely.get_num_geometries(geoms) == 1)
        if single.any():
            geoms[single] = shapely.get_geometry(geoms[single], 0)
            pre.note(f"{int(single.sum())} single-part MultiPoints converted to Points")
            changed = True
    if not changed:
        return gdf
    out = gdf.copy()
    out[gdf.geometry.name] = gpd.GeoSeries(geoms, index=gdf.index, crs=gdf.crs)
    return out


def to_working_crs(
    gdf: gpd.GeoDataFrame, source: str, s: LayerSpec, pre: ValidationReport
) -> gpd.GeoDataFrame:
    """``gdf`` in :data:`geoinnenstadt.settings.working_crs`.

    A failed or non-finite transformation is a CRSError.
    """
    target = _crs.as_crs(settings.working_crs, source="gi.settings.working_crs")
    if _crs.same(_crs.as_crs(gdf.crs, source=source), target):
        return gdf
    before = _crs.label(gdf.crs)
    try:
        out = gdf.to_crs(target)
    except Exception as exc:
        raise CRSError(
            f"{source}: cannot transform from {before} to {settings.working_crs} ({exc})"
        ) from None
    geoms = np.asarray(out.geometry.array, dtype=object)
    coords, index = shapely.get_coordinates(geoms, return_index=True)
    coords_ok = np.ones(len(geoms), dtype=bool)
    coords_ok[np.unique(index[~np.isfinite(coords).all(axis=1)])] = False
    labels = label_rows(out, s)
    for i in np.flatnonzero(~coords_ok):
        pre.error(
            labels[i],
            "geometry",
            f"coordinates cannot be transformed from {before} to {settings.working_crs}",
            "check the coordinates and the CRS of the file",
        )
    if (~coords_ok).any():
        geoms[~coords_ok] = None
        out[out.geometry.name] = gpd.GeoSeries(geoms, index=out.index, crs=out.crs)
    pre.note(f"reprojected from {before} to {settings.working_crs}")
    return out


def _polygonal_part(geom: Any) -> Any:
    parts = shapely.get_parts(geom)
    polys = [p for p in parts if shapely.get_type_id(p) in (3, 6)]
    if not polys:
        return None
    merged = shapely.union_all(polys)
    return merged if shapely.get_type_id(merged) in (3, 6) else None


def repair_geometry(gdf: gpd.GeoDataFrame, s: LayerSpec, pre: ValidationReport) -> gpd.GeoDataFrame:
    """Fix invalid geometries with ``shapely.make_valid`` (never ``buffer(0)``)."""
    geoms = np.asarray(gdf.geometry.array, dtype=object)
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    invalid = present & ~shapely.is_valid(geoms)
    collections = (
        present & (shapely.get_type_id(geoms) == 7) if s.geometry == "polygon" else present & False
    )
    todo = np.flatnonzero(invalid | collections)
    if not len(todo):
        return gdf
    labels = label_rows(gdf, s)
    for i in todo:
        reason = shapely.is_valid_reason(geoms[i]) if invalid[i] else "GeometryCollection"
        fixed = shapely.make_valid(geoms[i]) if invalid[i] else geoms[i]
        if s.geometry == "polygon" and shapely.get_type_id(fixed) not in (3, 6):
            fixed = _polygonal_part(fixed)
            if fixed is None:
                pre.error(
                    labels[i],
                    "geometry",
                    f"repair failed: make_valid left no area ({reason})",
                    "fix or remove the feature in your GIS",
                )
                continue
        geoms[i] = fixed
        pre.repaired.append(labels[i])
        pre.warn(
            labels[i],
            "geometry",
            f"geometry repaired with shapely.make_valid ({reason})",
            "check the repaired shape",
        )
    out = gdf.copy()
    out[gdf.geometry.name] = gpd.GeoSeries(geoms, index=gdf.index, crs=gdf.crs)
    return out
