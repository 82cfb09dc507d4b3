"""Assign points and polygons to zones: quarters, core zones, pre-emption areas.

:func:`assign` answers "in which zone lies each feature?" exactly and
deterministically. It is the one place where geoinnenstadt puts features into
zones; :mod:`~geoinnenstadt.vacancy`, :mod:`~geoinnenstadt.land` and
:mod:`~geoinnenstadt.preemption` build on it.

Boundary rule
-------------
A point belongs to **the zone with the lowest id among all zones that cover
it** (``shapely.covers``: interior *or* boundary). "Lowest" is the ascending
sort order of the id values (lexicographic for text ids: ``"Q10" < "Q2"``).
So a point on an edge shared by two quarters, or on a vertex shared by four,
belongs to exactly one of them, and the same point gets the same zone on
every run and machine. The same rule settles overlapping zones. A point
covered by no zone gets NA; such points are counted (``result.attrs``) and
reported in an :class:`OutsideZonesWarning`, never dropped.

Polygons are placed by their representative point
(``shapely.point_on_surface``, always inside the polygon), by containment
(``how="within"``: the whole polygon inside the zone) or by the largest
overlap (``how="largest_overlap"``; ties go to the lowest id).

Method
------
Points are sorted by x; for each zone (in id order) the points inside its
bounding box are found by binary search and a comparison on y, and then
tested with ``shapely.intersects_xy`` on the prepared zone polygon. The zones
are shared among up to ``n_jobs`` threads (shapely releases the GIL). Points
travel as float64 coordinate arrays (``shapely.get_coordinates``; for
polygons the representative points are computed one chunk at a time), the
ranks as int32, and only one chunk is sorted at a time: 9 million points
need about 250 MB besides the layer itself. For
1,000,000 points and 300 zones of about 500 vertices this is several times
faster than ``geopandas.sjoin(predicate="within")`` (see ``bench/bench_zones.py``).

Shared building blocks (public names for the other modules of the package, not part of
the user-facing ``__all__``): ``PreparedZones``, ``overlap_areas``, ``zone_id_column``,
``N_LISTED``.

Examples
--------
>>> import geoinnenstadt as gi
>>> city = gi.load_sample("dortmund")
>>> quarter = gi.zones.assign(city.units, city.quarters)
>>> quarter.name
'quarter_id'
>>> bool(quarter.notna().all())
True
"""

from __future__ import annotations

import functools
import os
import warnings
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from . import crs, errors
from .errors import SchemaError

__all__ = [
    "ZONE_ID_COLUMNS",
    "InvalidZonesWarning",
    "OutsideZonesWarning",
    "assign",
    "assign_all",
    "counts",
    "overlaps",
]

#: Id columns of the zone layer kinds, in the order they are looked for.
ZONE_ID_COLUMNS: tuple[str, ...] = ("quarter_id", "zone_id", "area_id")

#: Id columns of the feature layer kinds, used to name features in messages.
_FEATURE_ID_COLUMNS: tuple[str, ...] = (
    "unit_id",
    "site_id",
    "parcel_id",
    "area_id",
    "quarter_id",
    "zone_id",
)

How = Literal["within", "representative_point", "largest_overlap"]
_HOWS: tuple[str, ...] = ("within", "representative_point", "largest_overlap")

#: Points above which ``n_jobs=None`` uses two threads.
_PARALLEL_MIN_POINTS = 200_000
#: Default number of points processed at once (bounds the memory of the x-sorted copy).
_DEFAULT_CHUNK = 2_000_000
N_LISTED = 5
_NO_ZONE = np.iinfo(np.int64).max

_BaseWarning: type[Warning] = getattr(errors, "GeoinnenstadtWarning", UserWarning)


class OutsideZonesWarning(_BaseWarning):  # type: ignore[misc,valid-type]
    """Some features lie in no zone (their assignment is NA; they are kept and counted)."""


class InvalidZonesWarning(_BaseWarning):  # type: ignore[misc,valid-type]
    """Some zones are invalid polygons (e.g. a self-intersecting "bow-tie"): points may be lost."""


# --------------------------------------------------------------------------- checks


def zone_id_column(zones: pd.DataFrame, id_column: str | None, name: str = "zones") -> str:
    """The id column of a zones layer.

    ``id_column`` checked, else the first of :data:`ZONE_ID_COLUMNS` present.
    """
    if id_column is not None:
        if id_column not in zones.columns:
            raise SchemaError(
                f"the {name} layer has no column {id_column!r}; columns: "
                f"{', '.join(map(str, zones.columns))}"
            )
        return id_column
    for candidate in ZONE_ID_COLUMNS:
        if candidate in zones.columns:
            return candidate
    raise SchemaError(
        f"cannot tell the id column of the {name} layer: it has none of "
        f"{', '.join(ZONE_ID_COLUMNS)} (columns: {', '.join(map(str, zones.columns))}); "
        "pass id_column=..."
    )


def _row_labels(gdf: pd.DataFrame, positions: np.ndarray) -> list[Any]:
    """Ids of the rows at ``positions``: the layer's id column when there is one, else the index."""
    for col in _FEATURE_ID_COLUMNS:
        if col in gdf.columns:
            return list(gdf[col].to_numpy()[positions])
    return list(gdf.index.to_numpy()[positions])


class PreparedZones:
    """Zone geometries sorted by id (rank 0 = lowest id), prepared for repeated tests."""

    def __init__(self, zones: gpd.GeoDataFrame, id_column: str, name: str = "zones") -> None:
        if not isinstance(zones, gpd.GeoDataFrame):
            raise TypeError(f"the {name} must be a GeoDataFrame, got {type(zones).__name__}")
        ids = zones[id_column]
        missing = ids.isna().to_numpy()
        if missing.any():
            rows = list(zones.index[missing][:N_LISTED])
            raise SchemaError(
                f"{int(missing.sum())} {name} have no {id_column} (index {rows}); "
                "give every zone an id"
            )
        dup = ids.duplicated(keep=False).to_numpy()
        if dup.any():
            values = sorted(set(ids[dup].tolist()), key=str)
            raise SchemaError(
                f"{id_column} of the {name} is not unique: {values[:N_LISTED]}"
                f"{' …' if len(values) > N_LISTED else ''} occur more than once; "
                "give every zone its own id (or dissolve the parts with .dissolve(by=...))"
            )
        geoms = np.asarray(zones.geometry.values, dtype=object)
        bad = np.asarray(shapely.is_missing(geoms) | shapely.is_empty(geoms), dtype=bool)
        if bad.any():
            raise SchemaError(
                f"{int(bad.sum())} {name} have no geometry: {list(ids[bad])[:N_LISTED]}; "
                "remove them or add their boundaries"
            )
        types = np.asarray(shapely.get_type_id(geoms))
        not_polygon = ~np.isin(types, (3, 6))
        if not_polygon.any():
            raise SchemaError(
                f"the {name} must be polygons; {list(ids[not_polygon])[:N_LISTED]} are not"
            )
        order = _id_order(ids, id_column, name)
        self.id_column = id_column
        self.ids: pd.Series = ids.iloc[order].reset_index(drop=True)
        # copies, so that preparing does not touch the caller's geometry objects
        self.geoms = shapely.from_wkb(shapely.to_wkb(geoms[order]))
        shapely.prepare(self.geoms)
        self.bounds = shapely.bounds(self.geoms)
        self._tree: shapely.STRtree | None = None

    @property
    def tree(self) -> shapely.STRtree:
        if self._tree is None:
            self._tree = shapely.STRtree(self.geoms)
        return self._tree

    def __len__(self) -> int:
        return len(self.geoms)

    def labels(self, ranks: np.ndarray, index: pd.Index, name: str) -> pd.Series:
        """Zone ids of ``ranks`` (-1 → NA) as a Series with the dtype of the id column."""
        values = self.ids
        if pd.api.types.is_integer_dtype(values.dtype) and not isinstance(
            values.dtype, pd.api.extensions.ExtensionDtype
        ):
            values = values.astype(pd.Int64Dtype())
        elif pd.api.types.is_bool_dtype(values.dtype):
            values = values.astype(pd.BooleanDtype())
        taken = values.array.take(np.asarray(ranks, dtype=np.intp), allow_fill=True)
        return pd.Series(taken, index=index, name=name)


def _id_order(ids: pd.Series, id_column: str, name: str) -> np.ndarray:
    """Sort order of the zone ids; SchemaError naming the column when they mix text and numbers."""
    if ids.dtype == object:
        kinds = {type(v).__name__ for v in ids.tolist()}
        if len(kinds) > 1:
            examples = {type(v).__name__: v for v in ids.tolist()}
            shown = ", ".join(f"{v!r} ({k})" for k, v in sorted(examples.items()))
            raise SchemaError(
                f"the {name}' id column {id_column!r} mixes value types ({shown}); ids must be all "
                f"text or all numbers: {name}[{id_column!r}] = {name}[{id_column!r}].astype(str)"
            )
    try:
        return np.argsort(ids.to_numpy(), kind="stable")
    except TypeError as exc:
        raise SchemaError(
            f"the {name}' id column {id_column!r} cannot be sorted ({exc}); use text ids: "
            f"{name}[{id_column!r}] = {name}[{id_column!r}].astype(str)"
        ) from None


def _warn_invalid(z: PreparedZones, name: str) -> None:
    """Warn, naming them, about invalid zone polygons (cheap: one validity test per zone)."""
    bad = ~np.asarray(shapely.is_valid(z.geoms), dtype=bool)
    if bad.any():
        ids = [str(v) for v in z.ids.to_numpy()[bad]]
        reasons = [str(r) for r in shapely.is_valid_reason(z.geoms[bad])]
        listed = "; ".join(f"{i}: {r}" for i, r in list(zip(ids, reasons, strict=True))[:N_LISTED])
        warnings.warn(
            f"{len(ids)} {name} are not valid polygons ({listed}); points in their twisted parts "
            "may be reported as outside. Repair them with shapely.make_valid or "
            "gi.validate(..., repair=True)",
            InvalidZonesWarning,
            stacklevel=3,
        )


def _resolve_jobs(n_jobs: int | None, n: int) -> int:
    if n_jobs is None:
        return min(2, os.cpu_count() or 1) if n > _PARALLEL_MIN_POINTS else 1
    if n_jobs == -1:
        return os.cpu_count() or 1
    if not isinstance(n_jobs, (int, np.integer)) or n_jobs < 1:
        raise ValueError(
            f"n_jobs must be a positive integer, -1 (all cores) or None, got {n_jobs!r}"
        )
    return int(n_jobs)


# --------------------------------------------------------------------------- points


def _ranks_xy_sorted(
    zones: PreparedZones,
    xs: np.ndarray,
    ys: np.ndarray,
    edges: np.ndarray,
    zone_ranks: Sequence[int],
) -> np.ndarray:
    """Lowest covering zone rank for points ordered by x strip, over ``zone_ranks`` (ascending).

    ``edges[b]`` is the position of the first point of strip ``b`` (strips of
    equal width from ``x0`` with ``1 / scale`` metres each, see :func:`_strips`).
    """
    best = np.full(len(xs), _NO_ZONE, dtype=np.int64)
    if len(xs) == 0:
        return best
    x0, scale, n_strips = edges[-2], edges[-1], len(edges) - 3
    for k in zone_ranks:
        minx, miny, maxx, maxy = zones.bounds[k]
        b0 = int(np.clip(np.floor((minx - x0) * scale), 0, n_strips - 1))
        b1 = int(np.clip(np.floor((maxx - x0) * scale), 0, n_strips - 1))
        lo, hi = int(edges[b0]), int(edges[b1 + 1])
        if hi <= lo:
            continue
        xs_k, ys_k = xs[lo:hi], ys[lo:hi]
        candidates = np.flatnonzero(
            (ys_k >= miny) & (ys_k <= maxy) & (xs_k >= minx) & (xs_k <= maxx)
        )
        if len(candidates) == 0:
            continue
        candidates += lo
        hit = candidates[shapely.intersects_xy(zones.geoms[k], xs[candidates], ys[candidates])]
        # zones are visited in ascending rank: the first hit is the lowest id
        free = hit[best[hit] == _NO_ZONE]
        best[free] = k
    return best


def _strips(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Order points by vertical strips of x (a linear-time radix sort on the strip number).

    Returns the order and ``edges``: the start of each strip, the end, then
    the strip origin ``x0`` and ``scale`` (strips per metre) as the last two
    entries.
    """
    n_strips = int(np.clip(len(x) // 256, 1, 32_000))
    x0, x1 = float(x.min()), float(x.max())
    scale = n_strips / (x1 - x0) if x1 > x0 else 0.0
    strip = np.minimum(((x - x0) * scale).astype(np.int64), n_strips - 1).astype(np.int16)
    order = np.argsort(strip, kind="stable")
    edges = np.searchsorted(strip[order], np.arange(n_strips + 1), side="left").astype(float)
    return order, np.r_[edges, x0, scale]


def _chunk(chunk_size: int | None) -> int:
    chunk = _DEFAULT_CHUNK if chunk_size is None else int(chunk_size)
    if chunk < 1:
        raise ValueError(f"chunk_size must be a positive integer or None, got {chunk_size!r}")
    return chunk


def _assign_xy(
    zones: PreparedZones,
    x: np.ndarray,
    y: np.ndarray,
    *,
    chunk_size: int | None,
    n_jobs: int | None,
    out: np.ndarray | None = None,
) -> np.ndarray:
    """Rank of the lowest-id zone covering each point (-1 when none covers it or x is NaN).

    ``x`` and ``y`` are float64 coordinate arrays (views such as the columns
    of ``shapely.get_coordinates`` are fine); the points are processed in
    chunks of ``chunk_size``, so besides the int32 result only one chunk's
    x-sorted copy is held at a time. ``out`` (int32, length ``len(x)``)
    receives the ranks when given.
    """
    n = len(x)
    if out is None:
        out = np.empty(n, dtype=np.int32)
    out[:] = -1
    if n == 0 or len(zones) == 0:
        return out
    chunk = _chunk(chunk_size)
    jobs = min(_resolve_jobs(n_jobs, n), len(zones))
    groups = [range(j, len(zones), jobs) for j in range(jobs)]
    pool = ThreadPoolExecutor(max_workers=jobs) if jobs > 1 else None
    try:
        for start in range(0, n, chunk):
            cx, cy = x[start : start + chunk], y[start : start + chunk]
            finite = np.isfinite(cx) & np.isfinite(cy)
            rows: np.ndarray | None = None
            if not finite.all():
                rows = np.flatnonzero(finite)
                if len(rows) == 0:
                    continue
                cx, cy = cx[rows], cy[rows]
            order, edges = _strips(cx)
            xs, ys = cx[order], cy[order]
            del cx, cy, finite
            if pool is None:
                best = _ranks_xy_sorted(zones, xs, ys, edges, groups[0])
            else:
                task = functools.partial(_ranks_xy_sorted, zones, xs, ys, edges)
                best = np.minimum.reduce(list(pool.map(task, groups)))
            del xs, ys
            best[best == _NO_ZONE] = -1
            target = order if rows is None else rows[order]
            out[start + target] = best
    finally:
        if pool is not None:
            pool.shutdown()
    return out


def _point_ranks(
    geoms: np.ndarray,
    rows: np.ndarray | None,
    zones: PreparedZones,
    *,
    representative: bool,
    all_rows: bool,
    chunk_size: int | None,
    n_jobs: int | None,
) -> np.ndarray:
    """Ranks (int32, -1 = none) of the points at ``rows`` of ``geoms`` (None: all of them).

    Coordinates travel as float64 arrays (``shapely.get_coordinates``), never
    as an array of shapely points: for points read straight from the
    geometry array; for polygons from ``point_on_surface`` computed one chunk
    at a time. ``all_rows`` says that every geometry outside ``rows`` is
    missing or empty (so ``get_coordinates`` of the whole array lines up
    with ``rows`` without copying it).
    """
    n = len(geoms) if rows is None else len(rows)
    if representative:
        xy = np.empty((n, 2), dtype=float)
        step = _chunk(chunk_size)
        for start in range(0, n, step):
            sel = slice(start, start + step) if rows is None else rows[start : start + step]
            part = shapely.point_on_surface(geoms[sel])
            xy[start : start + len(part)] = shapely.get_coordinates(part)
            del part
    elif all_rows or rows is None:
        xy = shapely.get_coordinates(geoms)
    else:
        xy = shapely.get_coordinates(geoms[rows])
    if len(xy) != n:  # pragma: no cover - guarded by the callers' masks
        raise AssertionError("coordinates do not line up with the points")
    return _assign_xy(zones, xy[:, 0], xy[:, 1], chunk_size=chunk_size, n_jobs=n_jobs)


# --------------------------------------------------------------------------- polygons


def overlap_areas(
    geoms: np.ndarray, zones: PreparedZones, *, n_jobs: int | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Positive overlap areas of every (feature, zone) pair: ``(feature_pos, zone_rank, area)``.

    Features that a zone contains properly (prepared ``contains_properly``) get
    their own area without an intersection; only boundary-crossing pairs are
    intersected. Pairs are ordered by feature position, then zone rank.
    """
    empty = (np.empty(0, np.intp), np.empty(0, np.intp), np.empty(0, float))
    present = np.flatnonzero(~(shapely.is_missing(geoms) | shapely.is_empty(geoms)))
    if len(present) == 0 or len(zones) == 0:
        return empty
    left, right = zones.tree.query(geoms[present])
    left = present[left]
    if len(left) == 0:
        return empty
    inside = shapely.contains_properly(zones.geoms[right], geoms[left])
    area = np.zeros(len(left), dtype=float)
    area[inside] = shapely.area(geoms[left[inside]])
    rest = np.flatnonzero(~inside)
    if len(rest):
        rest = rest[shapely.intersects(zones.geoms[right[rest]], geoms[left[rest]])]
    if len(rest):
        jobs = _resolve_jobs(n_jobs, 50 * len(rest))

        def part(idx: np.ndarray) -> np.ndarray:
            return np.asarray(
                shapely.area(shapely.intersection(geoms[left[idx]], zones.geoms[right[idx]]))
            )

        if jobs > 1:
            pieces = np.array_split(rest, jobs)
            with ThreadPoolExecutor(max_workers=jobs) as pool:
                area[rest] = np.concatenate(list(pool.map(part, pieces)))
        else:
            area[rest] = part(rest)
    keep = area > 0
    left, right, area = left[keep], right[keep], area[keep]
    order = np.lexsort((right, left))
    return left[order], right[order], area[order]


def _largest_overlap(geoms: np.ndarray, zones: PreparedZones, n_jobs: int | None) -> np.ndarray:
    left, right, area = overlap_areas(geoms, zones, n_jobs=n_jobs)
    out = np.full(len(geoms), -1, dtype=np.int64)
    if len(left):
        order = np.lexsort((right, -area, left))  # per feature: largest area, then lowest id
        left, right = left[order], right[order]
        first = np.r_[True, left[1:] != left[:-1]]
        out[left[first]] = right[first]
    return out


def _covering_zone(geoms: np.ndarray, zones: PreparedZones) -> np.ndarray:
    """Lowest rank of the zones covering each whole geometry (-1 when none does)."""
    out = np.full(len(geoms), -1, dtype=np.int64)
    present = np.flatnonzero(~(shapely.is_missing(geoms) | shapely.is_empty(geoms)))
    if len(present) == 0 or len(zones) == 0:
        return out
    left, right = zones.tree.query(geoms[present], predicate="covered_by")
    if len(left):
        best = pd.Series(right).groupby(present[left]).min()
        out[best.index.to_numpy()] = best.to_numpy()
    return out


# --------------------------------------------------------------------------- public


def assign(
    gdf: gpd.GeoDataFrame,
    zones: gpd.GeoDataFrame,
    *,
    id_column: str | None = None,
    how: How | None = None,
    chunk_size: int | None = None,
    n_jobs: int | None = None,
    warn: bool = True,
) -> pd.Series:
    """The zone of every feature: a Series aligned to ``gdf.index``, NA outside every zone.

    Parameters
    ----------
    gdf : GeoDataFrame
        Points (e.g. commercial units) or polygons (sites, parcels).
    zones : GeoDataFrame
        Zone polygons with a unique id (quarters, core zones, pre-emption
        areas); same CRS as ``gdf``.
    id_column : str, optional
        Id column of ``zones``. Default: the first of ``quarter_id``,
        ``zone_id``, ``area_id`` present.
    how : {"within", "representative_point", "largest_overlap"}, optional
        ``"within"``: the zone covering the feature (for points the boundary
        rule below; for polygons the whole polygon must lie in the zone).
        ``"representative_point"``: the zone of ``shapely.point_on_surface``
        (a point guaranteed inside the feature). ``"largest_overlap"``: the
        zone sharing the largest area with a polygon (ties: the lowest id;
        no positive overlap: NA). Default: ``"within"`` when every feature
        is a point, ``"representative_point"`` otherwise.
    chunk_size : int, optional
        Points processed at once (default 2,000,000); lower it to save memory.
    n_jobs : int, optional
        Threads. Default: two (if the machine has them) above 200,000
        features, else one; ``-1`` uses every core.
    warn : bool, default True
        Emit an :class:`OutsideZonesWarning` when features lie in no zone.
        The counts are in ``result.attrs`` either way.

    Returns
    -------
    pandas.Series
        Named ``id_column``, indexed like ``gdf``, with the dtype of the zone
        ids (integers become the nullable ``Int64``); NA where a feature lies
        in no zone or has no geometry. ``attrs``: ``n_assigned``,
        ``n_outside`` (features with a geometry but no zone),
        ``n_no_geometry`` (missing or empty geometries), ``how``.

    Raises
    ------
    CRSError
        When a layer has no CRS or the CRSs differ; with
        ``how="largest_overlap"`` (areas) also when the CRS is not in true
        metres (:func:`geoinnenstadt.crs.require_metric`).
    SchemaError
        When zone ids are missing, not unique or mix text and numbers, or
        zones lack polygons.

    Warns
    -----
    InvalidZonesWarning
        Naming every invalid zone polygon (e.g. a bow-tie).

    Notes
    -----
    **Boundary rule**: a point belongs to the zone with the lowest id (in
    ascending sort order of the id values) among all zones that cover it
    (``shapely.covers``, boundary included). A point on an edge or vertex
    shared by several zones therefore gets exactly one zone; overlapping zones
    are settled the same way.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> q = gi.zones.assign(city.units, city.quarters, id_column="quarter_id")
    >>> q.index.equals(city.units.index)
    True
    >>> int(q.attrs["n_outside"])
    0
    >>> core = gi.load_sample("duesseldorf")
    >>> zone = gi.zones.assign(core.sites, core.core_zones, how="largest_overlap", warn=False)
    >>> zone.name
    'zone_id'
    """
    if not isinstance(gdf, gpd.GeoDataFrame):
        raise TypeError(f"gdf must be a GeoDataFrame, got {type(gdf).__name__}")
    crs.require_same(gdf, zones, names=["features", "zones"])
    if how == "largest_overlap":
        crs.require_metric(gdf, zones, names=["features", "zones"])
    col = zone_id_column(zones, id_column)
    z = PreparedZones(zones, col)
    _warn_invalid(z, "zones")
    geoms = np.asarray(gdf.geometry.values, dtype=object)
    no_geom = np.asarray(shapely.is_missing(geoms) | shapely.is_empty(geoms), dtype=bool)
    types = np.asarray(shapely.get_type_id(geoms))
    is_point = (types == 0) & ~no_geom
    if how is None:
        how = "within" if bool(np.all(is_point | no_geom)) else "representative_point"
    if how not in _HOWS:
        raise ValueError(f"how must be one of {', '.join(map(repr, _HOWS))}, got {how!r}")

    if how == "largest_overlap":
        polygonal = np.isin(types, (3, 6)) | no_geom
        if not polygonal.all():
            raise ValueError(
                f"how='largest_overlap' needs polygons, but {int((~polygonal).sum())} features "
                f"are not (e.g. {_row_labels(gdf, np.flatnonzero(~polygonal)[:N_LISTED])}); "
                "use how='within' for points"
            )
        ranks = _largest_overlap(geoms, z, n_jobs).astype(np.int32)
    else:
        pointwise = is_point if how == "within" else ~no_geom
        del types, is_point
        point_kw = {
            "representative": how == "representative_point",
            "all_rows": bool(np.all(pointwise | no_geom)),
            "chunk_size": chunk_size,
            "n_jobs": n_jobs,
        }
        if pointwise.all():  # the common case: no index array, no copy of the ranks
            ranks = _point_ranks(geoms, None, z, **point_kw)  # type: ignore[arg-type]
        else:
            ranks = np.full(len(geoms), -1, dtype=np.int32)
            rows = np.flatnonzero(pointwise)
            if len(rows):
                ranks[rows] = _point_ranks(geoms, rows, z, **point_kw)  # type: ignore[arg-type]
            del rows
        others = np.flatnonzero(~pointwise & ~no_geom)
        if len(others):
            ranks[others] = _covering_zone(geoms[others], z)
    ranks[no_geom] = -1

    result = z.labels(ranks, gdf.index, col)
    outside = (ranks < 0) & ~no_geom
    result.attrs.update(
        {
            "n_assigned": int((ranks >= 0).sum()),
            "n_outside": int(outside.sum()),
            "n_no_geometry": int(no_geom.sum()),
            "how": how,
        }
    )
    if warn and (outside.any() or no_geom.any()):
        _warn_outside(gdf, outside, no_geom, col)
    return result


def _warn_outside(gdf: pd.DataFrame, outside: np.ndarray, no_geom: np.ndarray, col: str) -> None:
    parts = []
    for mask, what in ((outside, "lie in no zone"), (no_geom, "have no geometry")):
        n = int(mask.sum())
        if n:
            first = _row_labels(gdf, np.flatnonzero(mask)[:N_LISTED])
            more = " …" if n > N_LISTED else ""
            parts.append(f"{n} of {len(gdf)} features {what} (e.g. {first}{more})")
    warnings.warn(
        "; ".join(parts) + f": their {col} is NA. They are kept; the counts are in "
        "result.attrs['n_outside'] and ['n_no_geometry'].",
        OutsideZonesWarning,
        stacklevel=3,
    )


def assign_all(
    gdf: gpd.GeoDataFrame,
    zones_by_label: Mapping[str, gpd.GeoDataFrame],
    **kwargs: Any,
) -> pd.DataFrame:
    """Assign ``gdf`` to several zone layers at once: one column per label.

    Parameters
    ----------
    gdf : GeoDataFrame
        Points or polygons.
    zones_by_label : mapping of str to GeoDataFrame
        Column name → zone layer, e.g. ``{"quarter": quarters, "core_zone": core_zones}``.
    **kwargs
        Passed to :func:`assign` for every layer (``how``, ``n_jobs``, ``warn`` …;
        ``id_column`` is detected per layer unless given).

    Returns
    -------
    pandas.DataFrame
        Indexed like ``gdf``, one column per label; ``attrs[label]`` holds
        the counts of each assignment.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("duesseldorf")
    >>> both = gi.zones.assign_all(
    ...     city.sites, {"quarter": city.quarters, "core_zone": city.core_zones}, warn=False
    ... )
    >>> list(both.columns)
    ['quarter', 'core_zone']
    """
    columns: dict[str, pd.Series] = {}
    attrs: dict[str, Any] = {}
    for label, zones in zones_by_label.items():
        series = assign(gdf, zones, **kwargs)
        attrs[label] = dict(series.attrs)
        columns[label] = series.rename(label)
    out = pd.DataFrame(columns, index=gdf.index)
    out.attrs.update(attrs)
    return out


def counts(assignment: pd.Series, zones: gpd.GeoDataFrame | None = None) -> pd.Series:
    """Number of features per zone (zones without features count 0 when ``zones`` is given).

    Features outside every zone are not counted; their number is in
    ``result.attrs["n_outside"]`` (NA values of ``assignment``).

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> n = gi.zones.counts(gi.zones.assign(city.units, city.quarters), city.quarters)
    >>> int(n.sum()) == len(city.units)
    True
    """
    name = assignment.name
    out = assignment.dropna().value_counts(sort=False).sort_index()
    if zones is not None:
        col = zone_id_column(zones, str(name) if name in zones.columns else None)
        out = out.reindex(pd.Index(sorted(zones[col].tolist())), fill_value=0)
    out = out.astype("int64").rename("count")
    out.index.name = name
    out.attrs["n_outside"] = int(assignment.isna().sum())
    return out


def overlaps(zones: gpd.GeoDataFrame, *, id_column: str | None = None) -> pd.DataFrame:
    """Pairs of zones that overlap, with the shared area in m² (empty for a clean partition).

    Columns ``zone_a``, ``zone_b`` (``zone_a < zone_b``) and ``overlap_m2``.
    The boundary rule of :func:`assign` gives points in an overlap to
    ``zone_a``.

    Examples
    --------
    >>> import geoinnenstadt as gi
    >>> city = gi.load_sample("dortmund")
    >>> bool(gi.zones.overlaps(city.quarters)["overlap_m2"].sum() < 1.0)
    True
    """
    crs.require_metric(zones, names=["zones"])
    col = zone_id_column(zones, id_column)
    z = PreparedZones(zones, col)
    left, right = z.tree.query(z.geoms, predicate="intersects")
    keep = left < right
    left, right = left[keep], right[keep]
    area = np.asarray(shapely.area(shapely.intersection(z.geoms[left], z.geoms[right])))
    pos = area > 0
    ids = z.ids.to_numpy()
    return pd.DataFrame(
        {"zone_a": ids[left[pos]], "zone_b": ids[right[pos]], "overlap_m2": area[pos]}
    )
