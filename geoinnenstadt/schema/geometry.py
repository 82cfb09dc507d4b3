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
        report.error(
            None,
            "geometry",
            "the layer has no geometry column",
            "give the coordinate or geometry columns when reading (CSV/Excel: x/y columns) "
            "or set one with gdf.set_geometry(...)",
        )
        return
    if gdf.crs is None:
        report.error(
            None,
            "geometry",
            "the layer has no CRS",
            f"pass crs= when reading (e.g. crs={settings.working_crs!r}) or set it with gdf.set_crs(...)",
        )
    elif not _crs.same(gdf.crs, settings.working_crs):
        report.warn(
            None,
            "geometry",
            f"the layer is in {gdf.crs.to_string()}, not in the working CRS {settings.working_crs}",
            "read it with gi.read_layer or reproject with gdf.to_crs(gi.settings.working_crs)",
        )
    geoms = np.asarray(gdf.geometry.values, dtype=object)
    missing = np.asarray(shapely.is_missing(geoms), dtype=bool)
    empty = np.asarray(shapely.is_empty(geoms), dtype=bool) & ~missing
    for i in np.flatnonzero(missing):
        report.error(
            labels[i],
            "geometry",
            "geometry is missing",
            "add the feature's location or remove the row",
        )
    for i in np.flatnonzero(empty):
        report.error(
            labels[i],
            "geometry",
            "geometry is empty",
            "add the feature's location or remove the row",
        )
    present = ~(missing | empty)
    types = np.asarray(shapely.get_type_id(geoms))
    wrong = present & ~np.isin(types, _ALLOWED_TYPE_IDS[s.geometry])
    found = sorted(set(_TYPE_NAMES[types[present]]))
    expected = " or ".join(s.geometry_types)
    for i in np.flatnonzero(wrong):
        if len(found) > 1:
            hint = f"the layer mixes geometry types ({', '.join(found)}); keep only {expected}"
        elif types[i] == 4 and s.geometry == "point":
            hint = "give each unit its own row with a single point (GeoDataFrame.explode())"
        else:
            hint = f"convert the feature to {expected} or remove it"
        report.error(
            labels[i],
            "geometry",
            f"geometry type {_TYPE_NAMES[types[i]]} is not allowed for {s.kind} (expected {expected})",
            hint,
        )
    candidates = present & ~wrong
    invalid = candidates & ~np.asarray(shapely.is_valid(geoms), dtype=bool)
    for i in np.flatnonzero(invalid):
        report.error(
            labels[i],
            "geometry",
            f"invalid geometry: {shapely.is_valid_reason(geoms[i])}",
            "fix it in your GIS or read with repair=True (shapely.make_valid)",
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
        where = f"({x[k]:.6g}, {y[k]:.6g}) in {crs_name}"
        if swapped[k]:
            problem = f"location {where} lies outside Germany; x and y look swapped"
            hint = (
                "swap the coordinate columns: x is the longitude (≈ 6–15) or easting, "
                "y the latitude (≈ 47–55) or northing"
            )
        elif not geographic and looks_degrees[k]:
            problem = f"location {where} lies outside Germany; the coordinates look like degrees"
            hint = f"the file's CRS is probably wrong: read it with crs='EPSG:4326' instead of {crs_name}"
        elif geographic and not looks_degrees[k]:
            problem = f"location {where} lies outside Germany; the coordinates look like metres"
            hint = f"the file's CRS is probably wrong: read it with a projected CRS such as crs={settings.working_crs!r}"
        else:
            shown = (
                f"lon/lat ({lon[k]:.4f}, {lat[k]:.4f})"
                if np.isfinite(lon[k])
                else "no valid lon/lat"
            )
            problem = f"location {where} = {shown} lies outside Germany"
            hint = f"check the CRS (the layer says {crs_name}) and the coordinate columns"
        report.error(labels[rows[k]], "geometry", problem, hint)


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
    hint = "quarters should partition the centre: snap shared edges in your GIS"
    mismatched = 0
    for i in flagged:
        near = [int(j) for j in tree.query(parts[i], predicate="dwithin", distance=tol) if j != i]
        overlaps = []
        for j in near:
            area = float(shapely.area(shapely.intersection(parts[i], parts[j])))
            if area > 1e-6:
                overlaps.append(f"{labels[rows[j]]} ({area:.1f} m²)")
        if overlaps:
            report.warn(
                labels[rows[i]], "geometry", f"quarter overlaps {', '.join(overlaps)}", hint
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
        report.warn(
            labels[rows[i]],
            "geometry",
            f"gap narrower than {tol:g} m to the neighbouring quarters along {length:.1f} m of the boundary",
            hint,
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
        expected = {"polygon": "a polygon", "line": "a line"}.get(kind, "a polygon or a line")
        for i in np.flatnonzero(wrong):
            report.error(
                labels[i],
                "geometry",
                f"{name} must be {expected}, not {_TYPE_NAMES[types[i]]}",
                "polygons are areas (city boundary, districts, land use, water), lines are "
                "rail, roads and rivers; set category to match the geometry",
            )
