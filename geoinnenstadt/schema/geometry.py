"""Geometry checks of :func:`geoinnenstadt.schema.validate`: type, validity, location, partition.

Part of :mod:`geoinnenstadt.schema`; import from there.

Shared building blocks (public names for the other modules of the package, not part of
the user-facing ``__all__``): ``check_context_geometry``, ``check_geometry``,
``check_quarter_partition``.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely
from pyproj import CRS, Transformer

from .. import crs as _crs
from .. import settings
from ..labels import format_number, text
from .report import ValidationReport, count_noun
from .specs import CONTEXT_GEOMETRY, LayerSpec

_TYPE_NAMES = np.array(
    [
        "Point",
        "LineString",
        "LinearRing",
        "Polygon",
        "MultiPoint",
        "MultiLineString",
        "MultiPolygon",
        "GeometryCollection",
    ],
    dtype=object,
)
_ALLOWED_TYPE_IDS = {
    "point": [0],
    "polygon": [3, 6],
    "line": [1, 5],
    "polygon_or_line": [1, 5, 3, 6],
}


def check_geometry(
    gdf: gpd.GeoDataFrame, s: LayerSpec, report: ValidationReport, labels: np.ndarray
) -> None:
    """Check the geometries of a layer into ``report``.

    Geometry column, CRS, geometry types, empty/missing and invalid geometries.
    """
    geom_name = gdf._geometry_column_name
    if geom_name is None or geom_name not in gdf.columns:
        report.error_text(None, "geometry", "no_geometry_column")
        return
    if gdf.crs is None:
        report.error_text(None, "geometry", "no_crs", crs=settings.working_crs)
    elif not _crs.same(gdf.crs, settings.working_crs):
        report.warn_text(
            None, "geometry", "other_crs", crs=gdf.crs.to_string(), working=settings.working_crs
        )
    geoms = np.asarray(gdf.geometry.values, dtype=object)
    missing = np.asarray(shapely.is_missing(geoms), dtype=bool)
    empty = np.asarray(shapely.is_empty(geoms), dtype=bool) & ~missing
    for i in np.flatnonzero(missing):
        report.error_text(labels[i], "geometry", "geometry_missing")
    for i in np.flatnonzero(empty):
        report.error_text(labels[i], "geometry", "geometry_empty")
    present = ~(missing | empty)
    types = np.asarray(shapely.get_type_id(geoms))
    wrong = present & ~np.isin(types, _ALLOWED_TYPE_IDS[s.geometry])
    found = sorted(set(_TYPE_NAMES[types[present]]))
    expected = {"expected": " or ".join(s.geometry_types)}
    expected["expected_de"] = " oder ".join(s.geometry_types)
    for i in np.flatnonzero(wrong):
        if len(found) > 1:
            key = "geometry_types_mixed"
        elif types[i] == 4 and s.geometry == "point":
            key = "geometry_multipoint"
        else:
            key = "geometry_type"
        report.error_text(
            labels[i],
            "geometry",
            key,
            found=_TYPE_NAMES[types[i]],
            kind=s.kind,
            types=", ".join(found),
            **expected,
        )
    candidates = present & ~wrong
    invalid = candidates & ~np.asarray(shapely.is_valid(geoms), dtype=bool)
    for i in np.flatnonzero(invalid):
        report.error_text(
            labels[i], "geometry", "geometry_invalid", reason=shapely.is_valid_reason(geoms[i])
        )
    located = candidates & ~invalid
    if gdf.crs is not None and located.any():
        _check_plausible_location(gdf, report, labels, located)


def _to_lonlat(crs: CRS, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    tr = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    with np.errstate(all="ignore"):
        lon, lat = tr.transform(x, y, errcheck=False)
    return np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)


def _in_germany(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    minx, miny, maxx, maxy = settings.germany_bounds_lonlat
    with np.errstate(invalid="ignore"):
        return (lon >= minx) & (lon <= maxx) & (lat >= miny) & (lat <= maxy)


def _check_plausible_location(
    gdf: gpd.GeoDataFrame, report: ValidationReport, labels: np.ndarray, mask: np.ndarray
) -> None:
    crs = _crs.as_crs(gdf.crs)
    geographic = _crs.is_geographic(crs)
    geoms = np.asarray(gdf.geometry.values, dtype=object)[mask]
    bounds = shapely.bounds(geoms)
    x = (bounds[:, 0] + bounds[:, 2]) / 2
    y = (bounds[:, 1] + bounds[:, 3]) / 2
    lon, lat = _to_lonlat(crs, x, y)
    bad = ~_in_germany(lon, lat)
    if not bad.any():
        return
    swapped_lon, swapped_lat = _to_lonlat(crs, y, x)
    swapped = _in_germany(swapped_lon, swapped_lat)
    looks_degrees = (np.abs(x) <= 180) & (np.abs(y) <= 90)
    rows = np.flatnonzero(mask)
    crs_name = crs.to_string()
    for k in np.flatnonzero(bad):
        where = {"x": f"{x[k]:.6g}", "y": f"{y[k]:.6g}", "crs": crs_name}
        if swapped[k]:
            key = "outside_swapped"
        elif not geographic and looks_degrees[k]:
            key = "outside_degrees"
        elif geographic and not looks_degrees[k]:
            key = "outside_metres"
        else:
            key = "outside"
        if np.isfinite(lon[k]):
            lonlat = f"lon/lat ({lon[k]:.4f}, {lat[k]:.4f})"
            lonlat_de = f"Länge/Breite ({lon[k]:.4f}, {lat[k]:.4f})"
        else:
            lonlat, lonlat_de = text("problem.no_lonlat", "en"), text("problem.no_lonlat", "de")
        report.error_text(
            labels[rows[k]],
            "geometry",
            key,
            working=settings.working_crs,
            lonlat=lonlat,
            lonlat_de=lonlat_de,
            **where,
        )


def check_quarter_partition(
    gdf: gpd.GeoDataFrame, s: LayerSpec, report: ValidationReport, labels: np.ndarray
) -> None:
    """Quarters should partition the centre: overlaps and sliver gaps are warnings."""
    if gdf._geometry_column_name not in gdf.columns:
        return  # reported by check_geometry
    geoms = np.asarray(gdf.geometry.values, dtype=object)
    usable = (
        ~np.asarray(shapely.is_missing(geoms), dtype=bool)
        & ~np.asarray(shapely.is_empty(geoms), dtype=bool)
        & np.isin(np.asarray(shapely.get_type_id(geoms)), _ALLOWED_TYPE_IDS["polygon"])
    )
    usable[usable] = np.asarray(shapely.is_valid(geoms[usable]), dtype=bool)
    rows = np.flatnonzero(usable)
    if len(rows) < 2:
        return
    if gdf.crs is None:
        report.note("partition check skipped: the layer has no CRS, so gap widths have no unit")
        return
    sub = gpd.GeoSeries(geoms[rows], crs=gdf.crs)
    if not _crs.same(gdf.crs, settings.working_crs):
        sub = sub.to_crs(settings.working_crs)
    parts = np.asarray(sub.values, dtype=object)
    tol = float(settings.quarter_gap_tolerance_m)
    edges = shapely.coverage_invalid_edges(parts, gap_width=tol)
    flagged = np.flatnonzero(~shapely.is_empty(edges) & ~shapely.is_missing(edges))
    if len(flagged) == 0:
        return
    tree = shapely.STRtree(parts)
    mismatched = 0
    for i in flagged:
        near = [int(j) for j in tree.query(parts[i], predicate="dwithin", distance=tol) if j != i]
        overlaps = []
        for j in near:
            area = float(shapely.area(shapely.intersection(parts[i], parts[j])))
            if area > 1e-6:
                overlaps.append((labels[rows[j]], area))
        if overlaps:
            report.warn_text(
                labels[rows[i]],
                "geometry",
                "quarter_overlap",
                others=", ".join(f"{q} ({a:.1f} m²)" for q, a in overlaps),
                others_de=", ".join(
                    f"{q} ({format_number(a, 'm²', lang='de')})" for q, a in overlaps
                ),
            )
            continue
        # edges lying on a neighbour's boundary only differ in their vertices: no gap, no overlap
        rest = edges[i]
        if near:
            shared = shapely.buffer(shapely.union_all(shapely.boundary(parts[near])), 1e-6)
            rest = shapely.difference(rest, shared)
        length = float(shapely.length(rest))
        if length <= 1e-6:
            mismatched += 1
            continue
        report.warn_text(
            labels[rows[i]], "geometry", "quarter_gap", tol=f"{tol:g}", length=f"{length:.1f}"
        )
    if mismatched:
        report.note(
            f"{count_noun(mismatched, 'quarter')} share edges with neighbours whose vertices differ "
            "(no gap or overlap; nothing to do)"
        )


def check_context_geometry(
    gdf: gpd.GeoDataFrame, s: LayerSpec, report: ValidationReport, labels: np.ndarray
) -> None:
    """Each context category has its geometry: areas, lines, or (water) either."""
    if "category" not in gdf.columns:
        return
    geoms = np.asarray(gdf.geometry.values, dtype=object)
    present = ~(np.asarray(shapely.is_missing(geoms)) | np.asarray(shapely.is_empty(geoms)))
    types = np.asarray(shapely.get_type_id(geoms))
    category = gdf["category"].astype("object").to_numpy()
    for name, kind in CONTEXT_GEOMETRY.items():
        wrong = present & (category == name) & ~np.isin(types, _ALLOWED_TYPE_IDS[kind])
        shape = f"problem.geometry.{kind}"
        expected = {"expected": text(shape, "en"), "expected_de": text(shape, "de")}
        for i in np.flatnonzero(wrong):
            report.error_text(
                labels[i],
                "geometry",
                "context_geometry",
                name=name,
                found=_TYPE_NAMES[types[i]],
                **expected,
            )
